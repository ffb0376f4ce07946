/* link_wire.c - see link_wire.h. */
#include "targets/link_wire.h"

#include <stdio.h>
#include <string.h>

#include "base/clock.h"
#include "base/err.h"

int link_wire_open(struct link_wire *l, const struct netns_pair *net, char *err, size_t errlen)
{
	char filter[256];

	memset(l, 0, sizeof *l);
	l->w.tx_fd = -1;
	pkt_addr_parse(net->tester4_text, &l->tester4);
	pkt_addr_parse(net->tester6_text, &l->tester6);
	pkt_addr_parse(net->target4_text, &l->target4);
	pkt_addr_parse(net->target6_text, &l->target6);
	/* what the target's addresses send, and the neighbour protocols */
	snprintf(filter, sizeof filter,
		 "(tcp and src host %s) or (ip6 and tcp and src host %s) or arp or icmp6",
		 net->target4_text, net->target6_text);
	if (netns_enter(net->tester_ns, err, errlen) != 0 ||
	    wire_open(&l->w, net->tester_if, filter, err, errlen) != 0)
		return TARGET_FAILED;
	l->open = true;
	return 0;
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
