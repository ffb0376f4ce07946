/*
 * diag.c - sock_diag for the linux agent: see diag.h.  Every request asks
 * for both families and all states; the target namespace has a small TCP
 * hash table of its own (net/netns.c), so a dump is quick.
 */
#include "targets/agents/linux/diag.h"

#include <arpa/inet.h>
#include <errno.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>

#define MAX_DIAG 4096 /* sockets one state/reset looks at */
#define DIAG_TIMEOUT_US 200000
#define RESET_ROUNDS 4

/* Kernel TCP states (include/net/tcp_states.h), as sock_diag reports them. */
enum {
	LX_ESTABLISHED = 1, LX_SYN_SENT, LX_SYN_RECV, LX_FIN_WAIT1, LX_FIN_WAIT2,
	LX_TIME_WAIT, LX_CLOSE, LX_CLOSE_WAIT, LX_LAST_ACK, LX_LISTEN, LX_CLOSING,
	LX_NEW_SYN_RECV, LX_NSTATES
};
/* Every state but TCP_BOUND_INACTIVE (13): bits 1..12. */
#define ALL_STATES (((1u << LX_NSTATES) - 1) & ~1u)

/* RFC 9293 3.3.2 spelling; a request socket is a SYN-RECEIVED connection. */
static const char *const rfc_state[LX_NSTATES] = {
	[LX_ESTABLISHED] = "ESTABLISHED", [LX_SYN_SENT] = "SYN-SENT",
	[LX_SYN_RECV] = "SYN-RECEIVED",	  [LX_FIN_WAIT1] = "FIN-WAIT-1",
	[LX_FIN_WAIT2] = "FIN-WAIT-2",	  [LX_TIME_WAIT] = "TIME-WAIT",
	[LX_CLOSE] = "CLOSED",		  [LX_CLOSE_WAIT] = "CLOSE-WAIT",
	[LX_LAST_ACK] = "LAST-ACK",	  [LX_LISTEN] = "LISTEN",
	[LX_CLOSING] = "CLOSING",	  [LX_NEW_SYN_RECV] = "SYN-RECEIVED",
};

struct diag_entry {
	int family;
	unsigned state;
	struct inet_diag_sockid id;
};

int diag_open(struct diag *d)
{
	struct timeval tv = {0, DIAG_TIMEOUT_US};

	d->seq = 0;
	d->fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
	if (d->fd < 0 || setsockopt(d->fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) < 0)
		return -1;
	return 0;
}

/* Send one sock_diag request; an id of NULL asks for a dump. */
static int diag_send(struct diag *d, int type, int family, const struct inet_diag_sockid *id)
{
	struct {
		struct nlmsghdr nlh;
		struct inet_diag_req_v2 req;
	} msg;

	memset(&msg, 0, sizeof(msg));
	msg.nlh.nlmsg_len = sizeof(msg);
	msg.nlh.nlmsg_type = (uint16_t)type;
	msg.nlh.nlmsg_flags = NLM_F_REQUEST | (id == NULL ? NLM_F_DUMP : NLM_F_ACK);
	msg.nlh.nlmsg_seq = ++d->seq;
	msg.req.sdiag_family = (uint8_t)family;
	msg.req.sdiag_protocol = IPPROTO_TCP;
	msg.req.idiag_states = ALL_STATES;
	if (id != NULL)
		msg.req.id = *id;
	return send(d->fd, &msg, sizeof(msg), 0) < 0 ? -1 : 0;
}

/*
 * Read the answers to request d->seq.  Dump entries are appended to out
 * (up to max); returns 0 at the end, -1 with errno on error.
 */
static int diag_recv(struct diag *d, int family, struct diag_entry *out, int max, int *count)
{
	static long buf[8192];

	for (;;) {
		ssize_t n = recv(d->fd, buf, sizeof(buf), 0);
		struct nlmsghdr *h = (struct nlmsghdr *)buf;

		if (n < 0)
			return -1;
		for (; NLMSG_OK(h, (size_t)n); h = NLMSG_NEXT(h, n)) {
			const struct inet_diag_msg *m = NLMSG_DATA(h);
			struct diag_entry e = {family, m->idiag_state, m->id};

			if (h->nlmsg_seq != d->seq)
				continue;
			if (h->nlmsg_type == NLMSG_DONE)
				return 0;
			if (h->nlmsg_type == NLMSG_ERROR) {
				errno = -((const struct nlmsgerr *)NLMSG_DATA(h))->error;
				return errno == 0 ? 0 : -1;
			}
			if (out != NULL && *count < max)
				out[(*count)++] = e;
		}
	}
}

/* Every TCP socket of the namespace, both families. */
static int diag_all(struct diag *d, struct diag_entry *out, int max, int *count)
{
	static const int families[] = {AF_INET, AF_INET6};

	*count = 0;
	for (size_t i = 0; i < 2; i++) {
		if (diag_send(d, SOCK_DIAG_BY_FAMILY, families[i], NULL) < 0 ||
		    diag_recv(d, families[i], out, max, count) < 0)
			return -1;
	}
	return 0;
}

const char *diag_state(struct diag *d, unsigned lport, unsigned rport, struct al_reply *r)
{
	static struct diag_entry e[MAX_DIAG];
	const char *best = "CLOSED";
	int n;

	if (diag_all(d, e, MAX_DIAG, &n) < 0) {
		al_fail(r, errno, "sock_diag dump: %s", strerror(errno));
		return NULL;
	}
	for (int i = 0; i < n; i++) {
		if (ntohs(e[i].id.idiag_sport) != lport || ntohs(e[i].id.idiag_dport) != rport ||
		    e[i].state >= LX_NSTATES)
			continue;
		best = al_state_pick(best, rfc_state[e[i].state]);
	}
	return best;
}

/* Is the socket's local address one of the target's own? */
static bool ours(const struct diag_entry *e, const struct in_addr *addr4,
		 const struct in6_addr *addr6)
{
	const uint32_t *src = e->id.idiag_src;
	struct in6_addr mapped = {0};

	if (e->family == AF_INET)
		return src[0] == addr4->s_addr;
	mapped.s6_addr[10] = mapped.s6_addr[11] = 0xff;
	memcpy(&mapped.s6_addr[12], addr4, 4);
	return memcmp(src, addr6, 16) == 0 || memcmp(src, &mapped, 16) == 0;
}

static int diag_destroy(struct diag *d, const struct diag_entry *e)
{
	if (diag_send(d, SOCK_DESTROY, e->family, &e->id) < 0 ||
	    diag_recv(d, e->family, NULL, 0, NULL) < 0)
		return errno == ENOENT ? 0 : -1;
	return 0;
}

/* One round: destroy what is left; returns how many were found. */
static int destroy_round(struct diag *d, const struct in_addr *addr4,
			 const struct in6_addr *addr6, struct al_reply *r)
{
	static struct diag_entry e[MAX_DIAG];
	int n, found = 0;

	if (diag_all(d, e, MAX_DIAG, &n) < 0) {
		al_fail(r, errno, "sock_diag dump: %s", strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		if (!ours(&e[i], addr4, addr6))
			continue;
		found++;
		if (diag_destroy(d, &e[i]) == 0)
			continue;
		if (errno == EOPNOTSUPP)
			al_fail(r, ENOSYS, "SOCK_DESTROY unsupported (%s)",
				"kernel without CONFIG_INET_DIAG_DESTROY");
		else
			al_fail(r, errno, "SOCK_DESTROY of a %s socket: %s", rfc_state[e[i].state],
				strerror(errno));
		return -1;
	}
	return found;
}

int diag_destroy_all(struct diag *d, const struct in_addr *addr4, const struct in6_addr *addr6,
		     struct al_reply *r)
{
	for (int round = 0; round < RESET_ROUNDS; round++) {
		int found = destroy_round(d, addr4, addr6, r);

		if (found <= 0)
			return found;
	}
	al_fail(r, EBUSY, "sockets keep reappearing after %d rounds of SOCK_DESTROY", RESET_ROUNDS);
	return -1;
}
