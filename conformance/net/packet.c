/*
 * packet.c - build and parse Ethernet, ARP, IPv4, IPv6, ICMPv6 ND and TCP.
 * TCP options are in packet_opts.c; addresses, MACs and tcpdump-style text
 * in packet_text.c.
 *
 * Every read of a received frame is preceded by a length check against the
 * bytes that layer owns; the reasons returned name the layer and the field.
 * Structure is checked before checksums, so a malformed header is reported
 * as such even when its checksum is also wrong.
 */
#include "net/packet.h"
#include "base/err.h"
#include "net/packet_impl.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#define IPV4_HLEN 20
#define IPV6_HLEN 40
#define TCP_HLEN 20
#define ARP_LEN 28
#define ND_HLEN 24          /* ICMPv6 header + reserved/flags + target (RFC 4861 4.3, 4.4) */
#define NA_LEN (ND_HLEN + 8)
#define PROTO_TCP 6
#define PROTO_ICMPV6 58
#define ICMPV6_NS 135
#define ICMPV6_NA 136
#define ND_OPT_SLLA 1
#define ND_OPT_TLLA 2

/* ---- errors and checksums (RFC 1071) ---- */

/* One's complement sum of 16-bit big-endian words; an odd last byte is padded with zero. */
static uint64_t csum_add(uint64_t sum, const uint8_t *p, size_t n)
{
	for (; n > 1; p += 2, n -= 2)
		sum += get16(p);
	if (n == 1)
		sum += (uint64_t)p[0] << 8;
	return sum;
}

static uint16_t csum_fold(uint64_t sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)sum;
}

uint16_t pkt_checksum(const uint8_t *data, size_t len)
{
	return (uint16_t)~csum_fold(csum_add(0, data, len));
}

/* RFC 9293 3.1 (IPv4) and RFC 8200 8.1 (IPv6) pseudo-header. */
static uint64_t pseudo_sum(const struct pkt_addr *src, const struct pkt_addr *dst,
			   uint8_t proto, size_t len)
{
	size_t alen = src->family == AF_INET ? 4 : 16;
	uint64_t sum = csum_add(0, src->addr, alen);

	sum = csum_add(sum, dst->addr, alen);
	return sum + proto + (len & 0xffff) + (len >> 16);
}

/* The checksum the sender should have stored, given the sum over everything including field. */
static uint16_t csum_expected(uint64_t sum_all, uint16_t field)
{
	return (uint16_t)~csum_fold(sum_all + (uint16_t)~field);
}

static int csum_check(uint64_t sum_all, uint16_t field, const char *what, unsigned flags,
		      struct pkt_frame *out, char *err, size_t errlen)
{
	if (csum_fold(sum_all) == 0xffff)
		return 0;
	if (flags & PKT_PARSE_ACCEPT_BAD_CSUM) {
		out->csum_ok = false;
		return 0;
	}
	return err_set(err, errlen, "%s checksum 0x%04x is wrong (expected 0x%04x)", what, field,
			csum_expected(sum_all, field));
}

/* ---- building ---- */

static void put_eth(uint8_t *f, const uint8_t dst[6], const uint8_t src[6], uint16_t type)
{
	memcpy(f, dst, 6);
	memcpy(f + 6, src, 6);
	put16(f + 12, type);
}

/* RFC 791 3.1: version 4, IHL 5, DF, ID 0, header checksum. */
static void put_ipv4(uint8_t *ip, uint8_t tos, size_t total, uint8_t ttl, uint8_t proto,
		     const struct pkt_addr *src, const struct pkt_addr *dst)
{
	ip[0] = 0x45;
	ip[1] = tos;
	put16(ip + 2, (uint16_t)total);
	put16(ip + 4, 0);
	put16(ip + 6, 0x4000);
	ip[8] = ttl;
	ip[9] = proto;
	put16(ip + 10, 0);
	memcpy(ip + 12, src->addr, 4);
	memcpy(ip + 16, dst->addr, 4);
	put16(ip + 10, pkt_checksum(ip, IPV4_HLEN));
}

/* RFC 8200 3: version 6, traffic class, flow label 0. */
static void put_ipv6(uint8_t *ip, uint8_t tclass, size_t plen, uint8_t nh, uint8_t hop,
		     const struct pkt_addr *src, const struct pkt_addr *dst)
{
	put32(ip, 6u << 28 | (uint32_t)tclass << 20);
	put16(ip + 4, (uint16_t)plen);
	ip[6] = nh;
	ip[7] = hop;
	memcpy(ip + 8, src->addr, 16);
	memcpy(ip + 24, dst->addr, 16);
}

static void put_payload(const struct pkt_tcp *t, uint8_t *p)
{
	uint32_t first = t->seq + ((t->flags & PKT_SYN) ? 1u : 0u);

	if (t->payload != NULL)
		memcpy(p, t->payload, t->payload_len);
	else if (t->fill == PKT_FILL_PATTERN)
		for (size_t i = 0; i < t->payload_len; i++)
			p[i] = (uint8_t)(first + i);
	else
		memset(p, 0, t->payload_len);
}

/* RFC 9293 3.1 header, options, payload and checksum over the pseudo-header. */
static void put_tcp(const struct pkt_tcp *t, const uint8_t *opts, size_t olen, uint8_t *p)
{
	size_t seglen = TCP_HLEN + olen + t->payload_len;
	uint16_t csum;

	put16(p, t->sport);
	put16(p + 2, t->dport);
	put32(p + 4, t->seq);
	put32(p + 8, t->ack);
	p[12] = (uint8_t)(((TCP_HLEN + olen) / 4) << 4 | (t->reserved & 0x0f));
	p[13] = t->flags;
	put16(p + 14, t->window);
	put16(p + 16, 0);
	put16(p + 18, t->urgent);
	memcpy(p + TCP_HLEN, opts, olen);
	put_payload(t, p + TCP_HLEN + olen);
	csum = (uint16_t)~csum_fold(csum_add(pseudo_sum(&t->src, &t->dst, PROTO_TCP, seglen), p,
					     seglen));
	if (t->corrupt_csum)
		csum ^= 0x00ff;  /* never maps a checksum onto its other zero */
	put16(p + 16, csum);
}

static int frame_room(size_t need, size_t cap, size_t *padded, char *err, size_t errlen)
{
	*padded = need < PKT_ETH_MIN ? PKT_ETH_MIN : need;
	if (*padded > cap)
		return err_set(err, errlen, "frame of %zu bytes does not fit a buffer of %zu", *padded, cap);
	return 0;
}

void pkt_tcp_init(struct pkt_tcp *t)
{
	memset(t, 0, sizeof(*t));
	t->ttl = 64;
	t->window = 65535;
}

int pkt_build_tcp(const struct pkt_tcp *t, const uint8_t src_mac[6], const uint8_t dst_mac[6],
		  uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen)
{
	uint8_t opts[PKT_TCP_OPT_MAX];
	size_t olen = 0, seglen, iphl, padded;
	bool v4 = t->src.family == AF_INET;

	if ((t->src.family != AF_INET && t->src.family != AF_INET6) ||
	    t->src.family != t->dst.family)
		return err_set(err, errlen,
				"TCP segment: address families %d and %d, want both AF_INET or AF_INET6",
				t->src.family, t->dst.family);
	if (pkt_opts_build(&t->opts, opts, &olen, err, errlen) != 0)
		return -1;
	iphl = v4 ? IPV4_HLEN : IPV6_HLEN;
	seglen = TCP_HLEN + olen + t->payload_len;
	if (t->payload_len > 65535 || seglen + (v4 ? iphl : 0) > 65535)
		return err_set(err, errlen, "TCP payload of %zu bytes does not fit one %s packet",
				t->payload_len, v4 ? "IPv4" : "IPv6");
	if (frame_room(PKT_ETH_HLEN + iphl + seglen, cap, &padded, err, errlen) != 0)
		return -1;
	memset(buf, 0, padded);
	put_eth(buf, dst_mac, src_mac, v4 ? PKT_ETHERTYPE_IPV4 : PKT_ETHERTYPE_IPV6);
	if (v4)
		put_ipv4(buf + PKT_ETH_HLEN, t->tos, iphl + seglen, t->ttl, PROTO_TCP, &t->src, &t->dst);
	else
		put_ipv6(buf + PKT_ETH_HLEN, t->tos, seglen, PROTO_TCP, t->ttl, &t->src, &t->dst);
	put_tcp(t, opts, olen, buf + PKT_ETH_HLEN + iphl);
	*len = padded;
	return 0;
}

/* RFC 826: Ethernet hardware (1), IPv4 protocol (0x0800), lengths 6 and 4. */
static int build_arp(uint16_t op, const uint8_t eth_dst[6], const uint8_t sha[6],
		     const struct pkt_addr *spa, const uint8_t tha[6], const struct pkt_addr *tpa,
		     uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen)
{
	uint8_t *a = buf + PKT_ETH_HLEN;
	size_t padded;

	if (spa->family != AF_INET || tpa->family != AF_INET)
		return err_set(err, errlen, "ARP needs IPv4 addresses");
	if (frame_room(PKT_ETH_HLEN + ARP_LEN, cap, &padded, err, errlen) != 0)
		return -1;
	memset(buf, 0, padded);
	put_eth(buf, eth_dst, sha, PKT_ETHERTYPE_ARP);
	put16(a, 1);
	put16(a + 2, PKT_ETHERTYPE_IPV4);
	a[4] = 6;
	a[5] = 4;
	put16(a + 6, op);
	memcpy(a + 8, sha, 6);
	memcpy(a + 14, spa->addr, 4);
	memcpy(a + 18, tha, 6);
	memcpy(a + 24, tpa->addr, 4);
	*len = padded;
	return 0;
}

int pkt_build_arp_request(const uint8_t my_mac[6], const struct pkt_addr *my_ip,
			  const struct pkt_addr *target_ip, uint8_t *buf, size_t cap, size_t *len,
			  char *err, size_t errlen)
{
	static const uint8_t bcast[6] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const uint8_t unknown[6];

	return build_arp(1, bcast, my_mac, my_ip, unknown, target_ip, buf, cap, len, err, errlen);
}

int pkt_build_arp_reply(const struct pkt_frame *request, const uint8_t my_mac[6],
			uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen)
{
	const struct pkt_arp *q = &request->arp;

	if (request->kind != PKT_KIND_ARP_REQUEST)
		return err_set(err, errlen, "ARP reply: the frame answered is not an ARP request");
	return build_arp(2, q->sha, my_mac, &q->tpa, q->sha, &q->spa, buf, cap, len, err, errlen);
}

int pkt_build_na(const struct pkt_frame *ns, const uint8_t my_mac[6],
		 uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen)
{
	static const uint8_t all_nodes_mac[6] = { 0x33, 0x33, 0, 0, 0, 1 };
	static const struct pkt_addr unspecified = { .family = AF_INET6 };
	struct pkt_addr all_nodes = { .family = AF_INET6, .addr = { 0xff, 0x02, [15] = 1 } };
	bool dad = pkt_addr_equal(&ns->nd.src, &unspecified);
	const struct pkt_addr *dst = dad ? &all_nodes : &ns->nd.src;
	uint8_t *ip = buf + PKT_ETH_HLEN, *m = ip + IPV6_HLEN;
	size_t padded;

	if (ns->kind != PKT_KIND_NS)
		return err_set(err, errlen, "NA: the frame answered is not a neighbour solicitation");
	if (frame_room(PKT_ETH_HLEN + IPV6_HLEN + NA_LEN, cap, &padded, err, errlen) != 0)
		return -1;
	memset(buf, 0, padded);
	put_eth(buf, dad ? all_nodes_mac : ns->eth_src, my_mac, PKT_ETHERTYPE_IPV6);
	put_ipv6(ip, 0, NA_LEN, PROTO_ICMPV6, 255, &ns->nd.target, dst);
	m[0] = ICMPV6_NA;
	/* RFC 4861 7.2.4: Solicited unless answering DAD (source ::); Override for a target LLA. */
	m[4] = (uint8_t)(PKT_NA_OVERRIDE | (dad ? 0 : PKT_NA_SOLICITED));
	memcpy(m + 8, ns->nd.target.addr, 16);
	m[24] = ND_OPT_TLLA;
	m[25] = 1;
	memcpy(m + 26, my_mac, 6);
	put16(m + 2, (uint16_t)~csum_fold(csum_add(pseudo_sum(&ns->nd.target, dst, PROTO_ICMPV6,
							      NA_LEN), m, NA_LEN)));
	*len = padded;
	return 0;
}

/* ---- parsing ---- */

struct cursor {
	const uint8_t *frame;
	unsigned flags;
	struct pkt_frame *out;
	char *err;
	size_t errlen;
};

static int parse_tcp(const struct cursor *c, size_t off, size_t seglen)
{
	const uint8_t *p = c->frame + off;
	struct pkt_tcp *t = &c->out->tcp;
	unsigned doff;

	if (seglen < TCP_HLEN)
		return err_set(c->err, c->errlen, "TCP header truncated: %zu bytes < %d", seglen, TCP_HLEN);
	doff = p[12] >> 4;
	if (doff < 5)
		return err_set(c->err, c->errlen, "TCP data offset %u < 5", doff);
	if (doff * 4 > seglen)
		return err_set(c->err, c->errlen, "TCP data offset %u (%u bytes) exceeds segment length %zu",
				doff, doff * 4, seglen);
	if (pkt_opts_parse(p + TCP_HLEN, doff * 4 - TCP_HLEN, &t->opts, c->err, c->errlen) != 0)
		return -1;
	t->sport = get16(p);
	t->dport = get16(p + 2);
	t->seq = get32(p + 4);
	t->ack = get32(p + 8);
	t->reserved = p[12] & 0x0f;
	t->flags = p[13];
	t->window = get16(p + 14);
	t->csum = get16(p + 16);
	t->urgent = get16(p + 18);
	t->payload_off = off + doff * 4;
	t->payload_len = seglen - doff * 4;
	t->payload = c->frame + t->payload_off;
	c->out->kind = PKT_KIND_TCP;
	return csum_check(csum_add(pseudo_sum(&t->src, &t->dst, PROTO_TCP, seglen), p, seglen),
			  t->csum, "TCP", c->flags, c->out, c->err, c->errlen);
}

static int parse_arp(const struct cursor *c, size_t off, size_t cap)
{
	const uint8_t *a = c->frame + off;
	struct pkt_arp *arp = &c->out->arp;
	uint16_t op;

	if (cap < ARP_LEN)
		return err_set(c->err, c->errlen, "ARP packet truncated: %zu bytes < %d", cap, ARP_LEN);
	if (get16(a) != 1 || get16(a + 2) != PKT_ETHERTYPE_IPV4 || a[4] != 6 || a[5] != 4)
		return 0;   /* not IPv4 over Ethernet: of no interest */
	op = get16(a + 6);
	if (op != 1 && op != 2)
		return 0;
	arp->op = op;
	memcpy(arp->sha, a + 8, 6);
	arp->spa.family = AF_INET;
	memcpy(arp->spa.addr, a + 14, 4);
	memcpy(arp->tha, a + 18, 6);
	arp->tpa.family = AF_INET;
	memcpy(arp->tpa.addr, a + 24, 4);
	c->out->kind = op == 1 ? PKT_KIND_ARP_REQUEST : PKT_KIND_ARP_REPLY;
	return 0;
}

static int parse_ipv4(const struct cursor *c, size_t off, size_t cap)
{
	const uint8_t *ip = c->frame + off;
	struct pkt_tcp *t = &c->out->tcp;
	unsigned hl, total, frag;

	if (cap < IPV4_HLEN)
		return err_set(c->err, c->errlen, "IPv4 header truncated: %zu bytes < %d", cap, IPV4_HLEN);
	if (ip[0] >> 4 != 4)
		return err_set(c->err, c->errlen, "IPv4 version %u != 4", ip[0] >> 4);
	hl = (ip[0] & 0x0fu) * 4;
	if (hl < IPV4_HLEN)
		return err_set(c->err, c->errlen, "IPv4 IHL %u < 5", hl / 4);
	total = get16(ip + 2);
	if (total < hl)
		return err_set(c->err, c->errlen, "IPv4 total length %u < header length %u", total, hl);
	if (total > cap)
		return err_set(c->err, c->errlen, "IPv4 total length %u > captured %zu bytes", total, cap);
	if (csum_check(csum_add(0, ip, hl), get16(ip + 10), "IPv4 header", c->flags, c->out,
		       c->err, c->errlen) != 0)
		return -1;
	frag = get16(ip + 6);
	if (frag & 0x3fff)
		return err_set(c->err, c->errlen, "IPv4 fragment (MF %u, offset %u) not supported",
				(frag >> 13) & 1u, (frag & 0x1fffu) * 8);
	c->out->ip_proto = ip[9];
	if (ip[9] != PROTO_TCP)
		return 0;
	t->src.family = t->dst.family = AF_INET;
	memcpy(t->src.addr, ip + 12, 4);
	memcpy(t->dst.addr, ip + 16, 4);
	t->tos = ip[1];
	t->ttl = ip[8];
	return parse_tcp(c, off + hl, total - hl);
}

/* RFC 4861 4.6: options of type, length in units of 8 octets (0 is invalid), value. */
static int parse_nd_options(const struct cursor *c, const uint8_t *m, size_t len, uint8_t want)
{
	struct pkt_nd *nd = &c->out->nd;

	for (size_t pos = ND_HLEN; pos < len;) {
		size_t olen = 0;

		if (len - pos < 2)
			return err_set(c->err, c->errlen, "ND option at offset %zu truncated: 1 byte", pos);
		olen = m[pos + 1] * 8u;
		if (olen == 0)
			return err_set(c->err, c->errlen, "ND option type %u length 0", m[pos]);
		if (olen > len - pos)
			return err_set(c->err, c->errlen,
					"ND option type %u length %zu overruns message (%zu bytes left)",
					m[pos], olen, len - pos);
		if (m[pos] == want && olen >= 8) {
			nd->has_lladdr = true;
			memcpy(nd->lladdr, m + pos + 2, 6);
		}
		pos += olen;
	}
	return 0;
}

/* RFC 4861 7.1.1 (NS) and 7.1.2 (NA) validity checks, then the fields. */
static int parse_icmpv6(const struct cursor *c, size_t off, size_t len, uint8_t hop)
{
	const uint8_t *m = c->frame + off;
	struct pkt_nd *nd = &c->out->nd;
	const char *name;

	if (len < 4)
		return err_set(c->err, c->errlen, "ICMPv6 message truncated: %zu bytes < 4", len);
	if (m[0] != ICMPV6_NS && m[0] != ICMPV6_NA)
		return 0;
	name = m[0] == ICMPV6_NS ? "NS" : "NA";
	if (len < ND_HLEN)
		return err_set(c->err, c->errlen, "ICMPv6 %s truncated: %zu bytes < %d", name, len, ND_HLEN);
	if (m[1] != 0)
		return err_set(c->err, c->errlen, "ICMPv6 %s code %u != 0", name, m[1]);
	if (hop != 255)
		return err_set(c->err, c->errlen, "ICMPv6 %s hop limit %u != 255", name, hop);
	if (parse_nd_options(c, m, len, m[0] == ICMPV6_NS ? ND_OPT_SLLA : ND_OPT_TLLA) != 0)
		return -1;
	nd->hop_limit = hop;
	nd->flags = m[0] == ICMPV6_NA ? (m[4] & 0xe0) : 0;
	nd->target.family = AF_INET6;
	memcpy(nd->target.addr, m + 8, 16);
	c->out->kind = m[0] == ICMPV6_NS ? PKT_KIND_NS : PKT_KIND_NA;
	return csum_check(csum_add(pseudo_sum(&nd->src, &nd->dst, PROTO_ICMPV6, len), m, len),
			  get16(m + 2), "ICMPv6", c->flags, c->out, c->err, c->errlen);
}

/* RFC 8200 4: skip hop-by-hop (0), routing (43) and destination options (60). */
static int skip_ipv6_ext(const struct cursor *c, const uint8_t *ip, size_t end, size_t *pos,
			 uint8_t *nh)
{
	while (*nh == 0 || *nh == 43 || *nh == 60) {
		size_t elen;

		if (end - *pos < 8)
			return err_set(c->err, c->errlen, "IPv6 extension header %u truncated: %zu bytes < 8",
					*nh, end - *pos);
		elen = (ip[*pos + 1] + 1u) * 8;
		if (elen > end - *pos)
			return err_set(c->err, c->errlen,
					"IPv6 extension header %u length %zu overruns payload (%zu bytes left)",
					*nh, elen, end - *pos);
		*nh = ip[*pos];
		*pos += elen;
	}
	if (*nh == 44)
		return err_set(c->err, c->errlen, "IPv6 fragment header not supported");
	return 0;
}

static int parse_ipv6(const struct cursor *c, size_t off, size_t cap)
{
	const uint8_t *ip = c->frame + off;
	struct pkt_tcp *t = &c->out->tcp;
	struct pkt_nd *nd = &c->out->nd;
	size_t end, pos = IPV6_HLEN;
	uint8_t nh;

	if (cap < IPV6_HLEN)
		return err_set(c->err, c->errlen, "IPv6 header truncated: %zu bytes < %d", cap, IPV6_HLEN);
	if (ip[0] >> 4 != 6)
		return err_set(c->err, c->errlen, "IPv6 version %u != 6", ip[0] >> 4);
	end = IPV6_HLEN + get16(ip + 4);
	if (end > cap)
		return err_set(c->err, c->errlen, "IPv6 payload length %u > captured %zu bytes",
				get16(ip + 4), cap - IPV6_HLEN);
	nh = ip[6];
	if (skip_ipv6_ext(c, ip, end, &pos, &nh) != 0)
		return -1;
	c->out->ip_proto = nh;
	if (nh == PROTO_TCP) {
		t->src.family = t->dst.family = AF_INET6;
		memcpy(t->src.addr, ip + 8, 16);
		memcpy(t->dst.addr, ip + 24, 16);
		t->tos = (uint8_t)(get16(ip) >> 4);
		t->ttl = ip[7];
		return parse_tcp(c, off + pos, end - pos);
	}
	if (nh != PROTO_ICMPV6)
		return 0;
	nd->src.family = nd->dst.family = AF_INET6;
	memcpy(nd->src.addr, ip + 8, 16);
	memcpy(nd->dst.addr, ip + 24, 16);
	return parse_icmpv6(c, off + pos, end - pos, ip[7]);
}

int pkt_parse_ex(const uint8_t *frame, size_t len, unsigned flags, struct pkt_frame *out,
		 char *err, size_t errlen)
{
	struct cursor c = { frame, flags, out, err, errlen };

	memset(out, 0, sizeof(*out));
	out->csum_ok = true;
	if (len < PKT_ETH_HLEN)
		return err_set(err, errlen, "Ethernet header truncated: %zu bytes < %d", len, PKT_ETH_HLEN);
	memcpy(out->eth_dst, frame, 6);
	memcpy(out->eth_src, frame + 6, 6);
	out->ethertype = get16(frame + 12);
	switch (out->ethertype) {
	case PKT_ETHERTYPE_IPV4: return parse_ipv4(&c, PKT_ETH_HLEN, len - PKT_ETH_HLEN);
	case PKT_ETHERTYPE_IPV6: return parse_ipv6(&c, PKT_ETH_HLEN, len - PKT_ETH_HLEN);
	case PKT_ETHERTYPE_ARP: return parse_arp(&c, PKT_ETH_HLEN, len - PKT_ETH_HLEN);
	default: return 0;
	}
}

int pkt_parse(const uint8_t *frame, size_t len, struct pkt_frame *out, char *err, size_t errlen)
{
	return pkt_parse_ex(frame, len, 0, out, err, errlen);
}
