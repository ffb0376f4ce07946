/*
 * packet_text.c - addresses and MACs to and from text, and TCP segments
 * printed the way tcpdump prints them.
 */
#include "net/packet.h"
#include "base/tcpflags.h"

#include <arpa/inet.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

/* ---- addresses ---- */

static size_t addr_len(int family) { return family == AF_INET ? 4 : 16; }

int pkt_addr_parse(const char *text, struct pkt_addr *out)
{
	memset(out, 0, sizeof(*out));
	if (inet_pton(AF_INET, text, out->addr) == 1) {
		out->family = AF_INET;
		return 0;
	}
	if (inet_pton(AF_INET6, text, out->addr) == 1) {
		out->family = AF_INET6;
		return 0;
	}
	return -1;
}

const char *pkt_addr_format(const struct pkt_addr *a, char *buf, size_t cap)
{
	if (cap == 0)
		return buf;
	if ((a->family != AF_INET && a->family != AF_INET6) ||
	    inet_ntop(a->family, a->addr, buf, (socklen_t)cap) == NULL)
		snprintf(buf, cap, "?");
	return buf;
}

bool pkt_addr_equal(const struct pkt_addr *a, const struct pkt_addr *b)
{
	if (a->family != b->family || (a->family != AF_INET && a->family != AF_INET6))
		return false;
	return memcmp(a->addr, b->addr, addr_len(a->family)) == 0;
}

int pkt_mac_parse(const char *text, uint8_t mac[6])
{
	unsigned v[6];
	char end;

	if (sscanf(text, "%2x:%2x:%2x:%2x:%2x:%2x%c", &v[0], &v[1], &v[2], &v[3], &v[4], &v[5],
		   &end) != 6)
		return -1;
	for (int i = 0; i < 6; i++)
		mac[i] = (uint8_t)v[i];
	return 0;
}

const char *pkt_mac_format(const uint8_t mac[6], char *buf, size_t cap)
{
	snprintf(buf, cap, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2], mac[3],
		 mac[4], mac[5]);
	return buf;
}

/* ---- text ---- */

const char *pkt_flags_format(uint8_t flags, char *buf, size_t cap)
{
	return tcpflags_format(flags, buf, cap);
}

struct text {
	char *buf;
	size_t cap, n;
};

static __attribute__((format(printf, 2, 3))) void emit(struct text *o, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = vsnprintf(o->n < o->cap ? o->buf + o->n : NULL, o->n < o->cap ? o->cap - o->n : 0, fmt, ap);
	va_end(ap);
	if (r > 0)
		o->n += (size_t)r;
}

static void emit_options(struct text *o, const struct pkt_tcp_opts *p)
{
	const char *sep = "";

	if (!p->has_mss && !p->has_wscale && !p->sack_permitted && !p->has_ts && p->nsack == 0 &&
	    p->nunknown == 0)
		return;
	emit(o, ", options [");
	if (p->has_mss) { emit(o, "%smss %u", sep, p->mss); sep = ","; }
	if (p->has_wscale) { emit(o, "%swscale %u", sep, p->wscale); sep = ","; }
	if (p->sack_permitted) { emit(o, "%ssackOK", sep); sep = ","; }
	if (p->has_ts) { emit(o, "%sTS val %u ecr %u", sep, p->tsval, p->tsecr); sep = ","; }
	if (p->nsack > 0) {
		emit(o, "%ssack %u ", sep, p->nsack);
		for (unsigned i = 0; i < p->nsack && i < PKT_TCP_MAX_SACK; i++)
			emit(o, "{%u:%u}", p->sack[i].left, p->sack[i].right);
		sep = ",";
	}
	for (unsigned i = 0; i < p->nunknown && i < PKT_TCP_MAX_UNKNOWN; i++) {
		const struct pkt_tcp_unknown_opt *u = &p->unknown[i];

		emit(o, "%sunknown-%u", sep, u->kind);
		if (u->len > 0)
			emit(o, " 0x");
		for (unsigned k = 0; k < u->len && k < sizeof(u->data); k++)
			emit(o, "%02x", u->data[k]);
		sep = ",";
	}
	emit(o, "]");
}

int pkt_tcp_format(const struct pkt_tcp *t, char *buf, size_t cap)
{
	struct text o = { buf, cap, 0 };
	char src[PKT_ADDR_STRLEN], dst[PKT_ADDR_STRLEN], flags[12];

	if (cap > 0)
		buf[0] = '\0';
	emit(&o, "%s.%u > %s.%u: Flags [%s], seq %u", pkt_addr_format(&t->src, src, sizeof(src)),
	     t->sport, pkt_addr_format(&t->dst, dst, sizeof(dst)), t->dport,
	     pkt_flags_format(t->flags, flags, sizeof(flags)), t->seq);
	if (t->payload_len > 0)
		emit(&o, ":%u", (uint32_t)(t->seq + t->payload_len));
	if (t->flags & PKT_ACK)
		emit(&o, ", ack %u", t->ack);
	emit(&o, ", win %u", t->window);
	if (t->flags & PKT_URG)
		emit(&o, ", urg %u", t->urgent);
	emit_options(&o, &t->opts);
	emit(&o, ", length %zu", t->payload_len);
	return o.n > (size_t)INT32_MAX ? INT32_MAX : (int)o.n;
}
