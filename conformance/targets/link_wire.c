/* link_wire.c - see link_wire.h. */
#include "targets/link_wire.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"

int link_wire_open(struct link_wire *l, const struct netns_pair *net, char *err, size_t errlen)
{
	char filter[256];
	int n = 0;

	memset(l, 0, sizeof *l);
	l->w.tx_fd = -1;
	pkt_addr_parse(net->tester4_text, &l->tester4);
	pkt_addr_parse(net->tester6_text, &l->tester6);
	pkt_addr_parse(net->target4_text, &l->target4);
	pkt_addr_parse(net->target6_text, &l->target6);
	/* what the target's addresses send, and the neighbour protocols (a
	 * family without addresses, on the wire target, is left out) */
	if (net->target4_text[0] != '\0')
		n += snprintf(filter + n, sizeof filter - (size_t)n, "(tcp and src host %s) or ",
			      net->target4_text);
	if (net->target6_text[0] != '\0')
		n += snprintf(filter + n, sizeof filter - (size_t)n,
			      "(ip6 and tcp and src host %s) or ", net->target6_text);
	snprintf(filter + n, sizeof filter - (size_t)n, "arp or icmp6");
	/* no namespace: the wire target's interface is in ours */
	if ((net->tester_ns[0] != '\0' && netns_enter(net->tester_ns, err, errlen) != 0) ||
	    wire_open(&l->w, net->tester_if, filter, err, errlen) != 0)
		return TARGET_FAILED;
	l->open = true;
	return 0;
}

/*
 * A neighbour solicitation (RFC 4861 4.3) from the tester for target6, with
 * the tester's link-layer address: to the target's solicited-node address
 * (7.2.2), or, when all_nodes, to ff02::1, which a stack that never joined
 * its solicited-node group also hears (the lwIP agent skips DAD, and with
 * it that group).
 */
static int build_ns(const struct link_wire *l, const uint8_t mac[6], bool all_nodes, uint8_t *f,
		    size_t *len)
{
	const uint8_t *tgt = l->target6.addr;
	uint8_t *ip = f + PKT_ETH_HLEN, *icmp = ip + 40, pseudo[40 + 32];
	uint16_t sum;

	memset(f, 0, PKT_ETH_HLEN + 40 + 32);
	/* 33:33 + the low 32 bits of the destination (RFC 2464 7) */
	f[0] = 0x33;
	f[1] = 0x33;
	memcpy(f + 6, mac, 6);
	f[12] = 0x86;
	f[13] = 0xdd;
	ip[0] = 0x60;
	ip[5] = 32; /* payload length */
	ip[6] = 58; /* ICMPv6 */
	ip[7] = 255;
	memcpy(ip + 8, l->tester6.addr, 16);
	ip[24] = 0xff;
	ip[25] = 0x02;
	if (all_nodes) {
		ip[39] = 0x01;
	} else {
		ip[35] = 0x01;
		ip[36] = 0xff;
		memcpy(ip + 37, tgt + 13, 3);
	}
	memcpy(f + 2, ip + 36, 4);
	icmp[0] = 135;
	memcpy(icmp + 8, tgt, 16);
	icmp[24] = 1; /* source link-layer address, 8 bytes */
	icmp[25] = 1;
	memcpy(icmp + 26, mac, 6);
	memcpy(pseudo, ip + 8, 32); /* source, destination */
	memset(pseudo + 32, 0, 8);
	pseudo[35] = 32, pseudo[39] = 58;
	memcpy(pseudo + 40, icmp, 32);
	sum = pkt_checksum(pseudo, sizeof pseudo);
	icmp[2] = (uint8_t)(sum >> 8), icmp[3] = (uint8_t)sum;
	*len = PKT_ETH_HLEN + 40 + 32;
	return 0;
}

/* Ask once for the target's MAC: ARP when it has an IPv4 address, else ND
 * (try: 0, 1, ...; every second ND to all nodes). */
static int ask_mac(struct link_wire *l, const struct netns_pair *net, bool v4, unsigned try,
		   char *err, size_t errlen)
{
	uint8_t frame[128];
	size_t len;
	char why[256] = "";

	if (v4 ? pkt_build_arp_request(net->tester_mac, &l->tester4, &l->target4, frame,
				       sizeof frame, &len, why, sizeof why)
	       : build_ns(l, net->tester_mac, try % 2 == 1, frame, &len))
		return err_set(err, errlen, "cannot build the request for the device's MAC: %s", why);
	if (wire_send(&l->w, frame, len, why, sizeof why) != 0)
		return err_set(err, errlen, "cannot send the request for the device's MAC: %s", why);
	return 0;
}

/* Is fr the answer, from the target, to ask_mac? */
static bool mac_answer(const struct link_wire *l, const struct pkt_frame *fr, bool v4, uint8_t mac[6])
{
	if (v4 && fr->kind == PKT_KIND_ARP_REPLY && pkt_addr_equal(&fr->arp.spa, &l->target4)) {
		memcpy(mac, fr->arp.sha, 6);
		return true;
	}
	if (!v4 && fr->kind == PKT_KIND_NA && fr->nd.has_lladdr &&
	    pkt_addr_equal(&fr->nd.target, &l->target6)) {
		memcpy(mac, fr->nd.lladdr, 6);
		return true;
	}
	return false;
}

int link_wire_resolve(struct link_wire *l, struct netns_pair *net, int timeout_ms, char *err,
		      size_t errlen)
{
	bool v4 = net->target4_text[0] != '\0';
	struct pkt_addr mine[2] = { l->tester4, l->tester6 };
	double end = clock_now_ms() + timeout_ms, next = 0;
	unsigned try = 0;

	for (;;) {
		uint8_t buf[PKT_MAX_FRAME];
		struct pkt_frame fr;
		size_t len;
		char why[256];
		double now = clock_now_ms();
		int rc;

		if (now >= end)
			break;
		if (now >= next) { /* again every 250 ms */
			if (ask_mac(l, net, v4, try++, err, errlen) != 0)
				return TARGET_FAILED;
			next = now + 250;
		}
		rc = wire_recv(&l->w, (int)((next < end ? next : end) - now) + 1, buf, sizeof buf,
			       &len, NULL, why, sizeof why);
		if (rc < 0)
			return err_set(err, errlen, "capture failed: %s", why);
		if (rc == 0 || wire_answer_neighbour(&l->w, buf, len, net->tester_mac, mine, 2, why,
						     sizeof why) != 0)
			continue;
		if (pkt_parse(buf, len, &fr, why, sizeof why) == 0 &&
		    mac_answer(l, &fr, v4, net->target_mac))
			return 0;
	}
	return err_set(err, errlen, "the device %s did not answer %s on %s within %d ms (is it "
		       "up, on this link, with that address?)",
		       v4 ? net->target4_text : net->target6_text,
		       v4 ? "ARP" : "neighbour solicitation", net->tester_if, timeout_ms);
}

int link_wire_dump(struct link_wire *l, const char *path, char *err, size_t errlen)
{
	if (!l->open)
		return err_set(err, errlen, "the link is not open");
	return wire_dump_open(&l->w, path, err, errlen);
}

static const struct pkt_addr *tester_addr(const struct link_wire *l, int family)
{
	return family == 6 ? &l->tester6 : &l->tester4;
}

static const struct pkt_addr *target_addr(const struct link_wire *l, int family)
{
	return family == 6 ? &l->target6 : &l->target4;
}

int link_wire_inject(struct link_wire *l, const struct netns_pair *net,
		     const struct target_conn *c, const struct tcp_segment *s, char *err,
		     size_t errlen)
{
	struct pkt_tcp p;
	uint8_t frame[PKT_MAX_FRAME];
	size_t len;
	char why[256];

	pkt_tcp_init(&p);
	p.src = *tester_addr(l, c->family);
	p.dst = *target_addr(l, c->family);
	p.sport = c->rport;
	p.dport = c->lport;
	p.seq = s->seq;
	p.ack = s->ack;
	p.flags = s->flags;
	p.window = (uint16_t)(s->wnd > 65535 ? 65535 : s->wnd);
	p.urgent = s->up;
	p.opts.has_mss = s->mss != 0;
	p.opts.mss = s->mss;
	p.payload_len = s->len;
	p.fill = PKT_FILL_PATTERN;
	if (pkt_build_tcp(&p, net->tester_mac, net->target_mac, frame, sizeof frame, &len, why,
			  sizeof why) != 0)
		return err_set(err, errlen, "cannot build the segment: %s", why);
	if (wire_send(&l->w, frame, len, why, sizeof why) != 0)
		return err_set(err, errlen, "cannot inject: %s", why);
	return 0;
}

static void to_segment(const struct pkt_frame *fr, struct tcp_segment *out)
{
	memset(out, 0, sizeof *out);
	out->flags = fr->tcp.flags & TCP_FLAGS_ALL;
	out->seq = fr->tcp.seq;
	out->ack = fr->tcp.ack;
	out->wnd = fr->tcp.window;
	out->up = fr->tcp.urgent;
	out->mss = fr->tcp.opts.has_mss ? fr->tcp.opts.mss : 0;
	out->len = (uint32_t)fr->tcp.payload_len;
}

int link_wire_receive(struct link_wire *l, const struct netns_pair *net,
		      const struct target_conn *c, int timeout_ms, struct tcp_segment *out,
		      char *err, size_t errlen)
{
	uint8_t buf[PKT_MAX_FRAME];
	struct pkt_frame fr;
	struct pkt_addr mine[2] = { l->tester4, l->tester6 };
	double end = clock_now_ms() + timeout_ms;

	for (;;) {
		size_t len;
		char why[256];
		int left = (int)(end - clock_now_ms()), rc;

		rc = wire_recv(&l->w, left < 0 ? 0 : left, buf, sizeof buf, &len, NULL, why,
			       sizeof why);
		if (rc < 0)
			return err_set(err, errlen, "capture failed: %s", why);
		if (rc == 0)
			return 0;
		if (wire_answer_neighbour(&l->w, buf, len, net->tester_mac, mine, 2, why,
					  sizeof why) != 0)
			continue;
		if (pkt_parse(buf, len, &fr, why, sizeof why) != 0) {
			l->unparsable++;
			snprintf(l->last_unparsable, sizeof l->last_unparsable, "%.150s", why);
			continue;
		}
		if (fr.kind != PKT_KIND_TCP || fr.tcp.sport != c->lport ||
		    fr.tcp.dport != c->rport ||
		    !pkt_addr_equal(&fr.tcp.dst, tester_addr(l, c->family)))
			continue;
		to_segment(&fr, out);
		return 1;
	}
}

void link_wire_close(struct link_wire *l)
{
	if (l->open)
		wire_close(&l->w);
	l->open = false;
}
