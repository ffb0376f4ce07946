/*
 * wire.c - inject with AF_PACKET, capture with libpcap, record both ways.
 */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE   /* struct ifreq, SIOCGIFHWADDR */
#endif
#include "net/wire.h"
#include "base/err.h"

#include <errno.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <net/if_arp.h>
#include <netpacket/packet.h>
#include <pcap/pcap.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

static const char *privilege_hint(int e)
{
	return e == EPERM || e == EACCES ? " (needs root or CAP_NET_RAW)" : "";
}

static int read_mac(struct wire *w, char *err, size_t errlen)
{
	struct ifreq ifr;

	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, w->ifname, sizeof(w->ifname));
	if (ioctl(w->tx_fd, SIOCGIFHWADDR, &ifr) != 0)
		return err_set(err, errlen, "%s: ioctl(SIOCGIFHWADDR): %s", w->ifname, strerror(errno));
	if (ifr.ifr_hwaddr.sa_family != ARPHRD_ETHER)
		return err_set(err, errlen, "%s: hardware type %u is not Ethernet", w->ifname,
			    ifr.ifr_hwaddr.sa_family);
	memcpy(w->mac, ifr.ifr_hwaddr.sa_data, 6);
	return 0;
}

/* Protocol 0: the socket only sends, it never queues received frames. */
static int open_tx(struct wire *w, char *err, size_t errlen)
{
	struct sockaddr_ll sll;

	w->tx_fd = socket(AF_PACKET, SOCK_RAW | SOCK_CLOEXEC, 0);
	if (w->tx_fd < 0) {
		int e = errno;

		return err_set(err, errlen, "%s: socket(AF_PACKET, SOCK_RAW): %s%s", w->ifname,
			    strerror(e), privilege_hint(e));
	}
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = w->ifindex;
	if (bind(w->tx_fd, (const struct sockaddr *)&sll, sizeof(sll)) != 0)
		return err_set(err, errlen, "%s: bind(AF_PACKET, ifindex %d): %s", w->ifname, w->ifindex,
			    strerror(errno));
	return read_mac(w, err, errlen);
}

static int set_filter(struct wire *w, const char *filter, char *err, size_t errlen)
{
	struct bpf_program prog;
	int rc;

	if (pcap_compile(w->rx, &prog, filter, 1, PCAP_NETMASK_UNKNOWN) != 0)
		return err_set(err, errlen, "%s: pcap_compile(\"%s\"): %s", w->ifname, filter,
			    pcap_geterr(w->rx));
	rc = pcap_setfilter(w->rx, &prog);
	pcap_freecode(&prog);
	if (rc != 0)
		return err_set(err, errlen, "%s: pcap_setfilter(\"%s\"): %s", w->ifname, filter,
			    pcap_geterr(w->rx));
	return 0;
}

static int activate_rx(struct wire *w, char *err, size_t errlen)
{
	int rc = pcap_activate(w->rx);

	if (rc == PCAP_ERROR_PERM_DENIED)
		return err_set(err, errlen, "%s: pcap_activate: %s (needs root or CAP_NET_RAW)",
			    w->ifname, pcap_geterr(w->rx));
	if (rc == PCAP_ERROR_NO_SUCH_DEVICE)
		return err_set(err, errlen, "%s: pcap_activate: no such device: %s", w->ifname,
			    pcap_geterr(w->rx));
	if (rc < 0)
		return err_set(err, errlen, "%s: pcap_activate: %s: %s", w->ifname, pcap_statustostr(rc),
			    pcap_geterr(w->rx));
	return 0;
}

/* Immediate mode, whole frames, inbound only, non-blocking, selectable. */
static int open_rx(struct wire *w, const char *filter, char *err, size_t errlen)
{
	char ebuf[PCAP_ERRBUF_SIZE] = "";

	w->rx = pcap_create(w->ifname, ebuf);
	if (w->rx == NULL)
		return err_set(err, errlen, "%s: pcap_create: %s", w->ifname, ebuf);
	if (pcap_set_immediate_mode(w->rx, 1) != 0 || pcap_set_snaplen(w->rx, 65535) != 0 ||
	    pcap_set_promisc(w->rx, 1) != 0)
		return err_set(err, errlen, "%s: pcap_set_immediate_mode/snaplen/promisc failed", w->ifname);
	if (activate_rx(w, err, errlen) != 0)
		return -1;
	if (pcap_datalink(w->rx) != DLT_EN10MB)
		return err_set(err, errlen, "%s: link type %s is not Ethernet", w->ifname,
			    pcap_datalink_val_to_name(pcap_datalink(w->rx)));
	if (pcap_setnonblock(w->rx, 1, ebuf) != 0)
		return err_set(err, errlen, "%s: pcap_setnonblock: %s", w->ifname, ebuf);
	if (pcap_setdirection(w->rx, PCAP_D_IN) != 0)
		return err_set(err, errlen, "%s: pcap_setdirection(PCAP_D_IN): %s", w->ifname,
			    pcap_geterr(w->rx));
	if (filter != NULL && filter[0] != '\0' && set_filter(w, filter, err, errlen) != 0)
		return -1;
	w->rx_fd = pcap_get_selectable_fd(w->rx);
	if (w->rx_fd < 0)
		return err_set(err, errlen, "%s: pcap_get_selectable_fd: no selectable descriptor",
			    w->ifname);
	return 0;
}

int wire_open(struct wire *w, const char *ifname, const char *bpf_filter, char *err, size_t errlen)
{
	memset(w, 0, sizeof(*w));
	w->tx_fd = -1;
	w->rx_fd = -1;
	if (strlen(ifname) >= sizeof(w->ifname))
		return err_set(err, errlen, "%s: interface name longer than %zu bytes", ifname,
			    sizeof(w->ifname) - 1);
	memcpy(w->ifname, ifname, strlen(ifname) + 1);
	w->ifindex = (int)if_nametoindex(ifname);
	if (w->ifindex == 0)
		return err_set(err, errlen, "%s: if_nametoindex: %s (is the right network namespace entered?)",
			    ifname, strerror(errno));
	if (open_tx(w, err, errlen) != 0 || open_rx(w, bpf_filter, err, errlen) != 0) {
		wire_close(w);
		return -1;
	}
	return 0;
}

static void dump_frame(struct wire *w, const struct timeval *ts, const uint8_t *frame, size_t len)
{
	struct pcap_pkthdr h;

	if (w->dump == NULL)
		return;
	memset(&h, 0, sizeof(h));
	h.ts = *ts;
	h.caplen = h.len = (bpf_u_int32)len;
	pcap_dump((u_char *)w->dump, &h, frame);
	pcap_dump_flush(w->dump);
}

int wire_send(struct wire *w, const uint8_t *frame, size_t len, char *err, size_t errlen)
{
	struct sockaddr_ll sll;
	struct timeval ts;
	ssize_t n;

	if (len < PKT_ETH_HLEN)
		return err_set(err, errlen, "%s: frame of %zu bytes is shorter than an Ethernet header",
			    w->ifname, len);
	memset(&sll, 0, sizeof(sll));
	sll.sll_family = AF_PACKET;
	sll.sll_ifindex = w->ifindex;
	sll.sll_halen = 6;
	memcpy(sll.sll_addr, frame, 6);
	/* Stamped before sending: over veth the answer is captured before sendto returns. */
	gettimeofday(&ts, NULL);
	n = sendto(w->tx_fd, frame, len, 0, (const struct sockaddr *)&sll, sizeof(sll));
	if (n < 0)
		return err_set(err, errlen, "%s: sendto(AF_PACKET, %zu bytes): %s", w->ifname, len,
			    strerror(errno));
	if ((size_t)n != len)
		return err_set(err, errlen, "%s: sendto(AF_PACKET): sent %zd of %zu bytes", w->ifname, n,
			    len);
	dump_frame(w, &ts, frame, len);
	return 0;
}

/* Milliseconds left until deadline, or -1 (forever) when timeout_ms < 0. */
static int time_left(const struct timespec *deadline, int timeout_ms)
{
	struct timespec now;
	long long ms;

	if (timeout_ms < 0)
		return -1;
	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000LL + (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms <= 0 ? 0 : (int)ms;
}

static int deliver(struct wire *w, const struct pcap_pkthdr *h, const uint8_t *data, uint8_t *buf,
		   size_t cap, size_t *len, struct timeval *ts, char *err, size_t errlen)
{
	dump_frame(w, &h->ts, data, h->caplen);
	if (h->caplen > cap)
		return err_set(err, errlen, "%s: received frame of %u bytes does not fit a buffer of %zu",
			    w->ifname, h->caplen, cap);
	memcpy(buf, data, h->caplen);
	*len = h->caplen;
	if (ts != NULL)
		*ts = h->ts;
	return 1;
}

int wire_recv(struct wire *w, int timeout_ms, uint8_t *buf, size_t cap, size_t *len,
	      struct timeval *ts, char *err, size_t errlen)
{
	struct timespec deadline;

	clock_gettime(CLOCK_MONOTONIC, &deadline);
	if (timeout_ms > 0) {
		deadline.tv_sec += timeout_ms / 1000;
		deadline.tv_nsec += (timeout_ms % 1000) * 1000000L;
		if (deadline.tv_nsec >= 1000000000L) {
			deadline.tv_sec++;
			deadline.tv_nsec -= 1000000000L;
		}
	}
	for (;;) {
		struct pcap_pkthdr *h;
		const u_char *data;
		struct pollfd pfd = { .fd = w->rx_fd, .events = POLLIN };
		int left, rc = pcap_next_ex(w->rx, &h, &data);

		if (rc == 1)
			return deliver(w, h, data, buf, cap, len, ts, err, errlen);
		if (rc < 0)
			return err_set(err, errlen, "%s: pcap_next_ex: %s", w->ifname, pcap_geterr(w->rx));
		left = time_left(&deadline, timeout_ms);
		if (left == 0)
			return 0;
		rc = poll(&pfd, 1, left);
		if (rc < 0 && errno != EINTR)
			return err_set(err, errlen, "%s: poll: %s", w->ifname, strerror(errno));
		if (rc > 0 && (pfd.revents & (POLLERR | POLLNVAL)))
			return err_set(err, errlen, "%s: poll: error on the capture descriptor (interface gone?)",
				    w->ifname);
	}
}

int wire_dump_open(struct wire *w, const char *path, char *err, size_t errlen)
{
	if (w->dump != NULL) {
		pcap_dump_close(w->dump);
		w->dump = NULL;
	}
	if (path == NULL)
		return 0;
	if (w->dump_pcap == NULL) {
		w->dump_pcap = pcap_open_dead(DLT_EN10MB, 65535);
		if (w->dump_pcap == NULL)
			return err_set(err, errlen, "%s: pcap_open_dead(DLT_EN10MB) failed", w->ifname);
	}
	w->dump = pcap_dump_open(w->dump_pcap, path);
	if (w->dump == NULL)
		return err_set(err, errlen, "%s: pcap_dump_open(%s): %s", w->ifname, path,
			    pcap_geterr(w->dump_pcap));
	return 0;
}

static bool is_mine(const struct pkt_addr *a, const struct pkt_addr *mine, int n)
{
	for (int i = 0; i < n; i++)
		if (pkt_addr_equal(a, &mine[i]))
			return true;
	return false;
}

int wire_answer_neighbour(struct wire *w, const uint8_t *frame, size_t len, const uint8_t my_mac[6],
			  const struct pkt_addr *my_addrs, int naddr, char *err, size_t errlen)
{
	struct pkt_frame f;
	uint8_t reply[128];
	size_t rlen;
	char perr[160];
	int rc;

	if (pkt_parse(frame, len, &f, perr, sizeof(perr)) != 0)
		return 0;
	if (f.kind == PKT_KIND_ARP_REQUEST && is_mine(&f.arp.tpa, my_addrs, naddr))
		rc = pkt_build_arp_reply(&f, my_mac, reply, sizeof(reply), &rlen, perr, sizeof(perr));
	else if (f.kind == PKT_KIND_NS && is_mine(&f.nd.target, my_addrs, naddr))
		rc = pkt_build_na(&f, my_mac, reply, sizeof(reply), &rlen, perr, sizeof(perr));
	else
		return 0;
	if (rc != 0)
		return err_set(err, errlen, "%s: neighbour reply: %s", w->ifname, perr);
	if (wire_send(w, reply, rlen, err, errlen) != 0)
		return -1;
	return 1;
}

void wire_close(struct wire *w)
{
	if (w->dump != NULL)
		pcap_dump_close(w->dump);
	if (w->dump_pcap != NULL)
		pcap_close(w->dump_pcap);
	if (w->rx != NULL)
		pcap_close(w->rx);
	if (w->tx_fd >= 0)
		close(w->tx_fd);
	w->dump = NULL;
	w->dump_pcap = NULL;
	w->rx = NULL;
	w->rx_fd = -1;
	w->tx_fd = -1;
}
