/*
 * check_packet.c - Check suite for conformance/packet.[ch].
 *
 * Expected values come from the RFCs and from hand computation written out
 * in comments, never from what the code printed once.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "net/packet.h"

static const uint8_t MAC_A[6] = { 0x02, 0, 0, 0, 0, 0x01 };
static const uint8_t MAC_B[6] = { 0x02, 0, 0, 0, 0, 0x02 };

/*
 * A SYN from 198.18.0.1:40000 to 198.18.0.2:8080, seq 100, win 65535,
 * MSS 1460, TTL 64, DF, IP ID 0; written byte by byte, checksums by hand.
 *
 * IPv4 header checksum (RFC 791 3.1, RFC 1071 sum of 16-bit words):
 *   4500 + 002c + 0000 + 4000 + 4006 + 0000 + c612 + 0001 + c612 + 0002
 *   = 0x25159; folded 0x5159 + 0x2 = 0x515b; complement 0xaea4.
 * TCP checksum (RFC 9293 3.1 pseudo-header: src, dst, 0, proto 6, length 24):
 *   pseudo  c612 + 0001 + c612 + 0002 + 0006 + 0018 = 0x18c45
 *   header  9c40 + 1f90 + 0000 + 0064 + 0000 + 0000 + 6002 + ffff + 0000
 *           + 0000 + 0204 + 05b4 = 0x223ed
 *   total 0x3b032; folded 0xb032 + 0x3 = 0xb035; complement 0x4fca.
 * (tcpdump -vv on this frame reports both checksums "correct".)
 */
static const uint8_t KNOWN_SYN[58] = {
	0x02, 0x00, 0x00, 0x00, 0x00, 0x02, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x08, 0x00,
	0x45, 0x00, 0x00, 0x2c, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0xae, 0xa4,
	0xc6, 0x12, 0x00, 0x01, 0xc6, 0x12, 0x00, 0x02,
	0x9c, 0x40, 0x1f, 0x90, 0x00, 0x00, 0x00, 0x64, 0x00, 0x00, 0x00, 0x00,
	0x60, 0x02, 0xff, 0xff, 0x4f, 0xca, 0x00, 0x00,
	0x02, 0x04, 0x05, 0xb4,
};
#define IP_OFF 14
#define TCP_OFF 34

static struct pkt_addr addr(const char *text)
{
	struct pkt_addr a;

	ck_assert_int_eq(pkt_addr_parse(text, &a), 0);
	return a;
}

static struct pkt_tcp segment(const char *src, const char *dst)
{
	struct pkt_tcp t;

	pkt_tcp_init(&t);
	t.src = addr(src);
	t.dst = addr(dst);
	t.sport = 40000;
	t.dport = 8080;
	t.seq = 100;
	return t;
}

static void known_copy(uint8_t *f)
{
	memcpy(f, KNOWN_SYN, sizeof(KNOWN_SYN));
}

/* Recompute the IPv4 header checksum after a test edits the header. */
static void fix_ipv4_csum(uint8_t *f)
{
	unsigned hl = (f[IP_OFF] & 0x0fu) * 4;

	f[IP_OFF + 10] = f[IP_OFF + 11] = 0;
	uint16_t c = pkt_checksum(f + IP_OFF, hl);
	f[IP_OFF + 10] = (uint8_t)(c >> 8);
	f[IP_OFF + 11] = (uint8_t)c;
}

static void expect_reject(const uint8_t *f, size_t len, const char *reason)
{
	struct pkt_frame out;
	char err[160] = "";

	ck_assert_int_eq(pkt_parse(f, len, &out, err, sizeof(err)), -1);
	ck_assert_str_eq(err, reason);
}

static void roundtrip(const struct pkt_tcp *in, struct pkt_frame *out)
{
	uint8_t f[2048];
	size_t len;
	char err[160] = "";

	ck_assert_msg(pkt_build_tcp(in, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)) == 0,
		      "build: %s", err);
	ck_assert_msg(pkt_parse(f, len, out, err, sizeof(err)) == 0, "parse: %s", err);
	ck_assert_int_eq(out->kind, PKT_KIND_TCP);
	ck_assert(out->csum_ok);
	ck_assert_mem_eq(out->eth_src, MAC_A, 6);
	ck_assert_mem_eq(out->eth_dst, MAC_B, 6);
	ck_assert(pkt_addr_equal(&out->tcp.src, &in->src));
	ck_assert(pkt_addr_equal(&out->tcp.dst, &in->dst));
	ck_assert_uint_eq(out->tcp.sport, in->sport);
	ck_assert_uint_eq(out->tcp.dport, in->dport);
	ck_assert_uint_eq(out->tcp.seq, in->seq);
	ck_assert_uint_eq(out->tcp.ack, in->ack);
	ck_assert_uint_eq(out->tcp.flags, in->flags);
	ck_assert_uint_eq(out->tcp.window, in->window);
	ck_assert_uint_eq(out->tcp.urgent, in->urgent);
	ck_assert_uint_eq(out->tcp.ttl, in->ttl);
	ck_assert_uint_eq(out->tcp.tos, in->tos);
	ck_assert_uint_eq(out->tcp.payload_len, in->payload_len);
}

/* RFC 1071 3: the worked example 00 01 f2 03 f4 f5 f6 f7 sums to ddf2, checksum 220d. */
START_TEST(test_checksum_rfc1071_example)
{
	static const uint8_t b[8] = { 0x00, 0x01, 0xf2, 0x03, 0xf4, 0xf5, 0xf6, 0xf7 };

	ck_assert_uint_eq(pkt_checksum(b, sizeof(b)), 0x220d);
	/*
	 * An odd length is padded with a zero byte: 0001 + f203 + f4f5 + f600
	 * = 0x2dcf9, folded 0xdcf9 + 0x2 = 0xdcfb, complement 0x2304.
	 */
	ck_assert_uint_eq(pkt_checksum(b, 7), 0x2304);
}
END_TEST

/* RFC 791 3.1 and RFC 9293 3.1: the hand-computed frame parses with both checksums good. */
START_TEST(test_known_syn_parses)
{
	struct pkt_frame out;
	char err[160] = "";
	struct pkt_addr a1 = addr("198.18.0.1"), a2 = addr("198.18.0.2");

	ck_assert_msg(pkt_parse(KNOWN_SYN, sizeof(KNOWN_SYN), &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(out.kind, PKT_KIND_TCP);
	ck_assert(pkt_addr_equal(&out.tcp.src, &a1));
	ck_assert(pkt_addr_equal(&out.tcp.dst, &a2));
	ck_assert_uint_eq(out.tcp.sport, 40000);
	ck_assert_uint_eq(out.tcp.dport, 8080);
	ck_assert_uint_eq(out.tcp.seq, 100);
	ck_assert_uint_eq(out.tcp.flags, PKT_SYN);
	ck_assert_uint_eq(out.tcp.csum, 0x4fca);
	ck_assert(out.tcp.opts.has_mss);
	ck_assert_uint_eq(out.tcp.opts.mss, 1460);
	ck_assert_uint_eq(out.tcp.payload_len, 0);
}
END_TEST

/* RFC 9293 3.1: the builder produces the same bytes, padded to 60 (IEEE 802.3 minimum). */
START_TEST(test_known_syn_built_byte_for_byte)
{
	struct pkt_tcp t = segment("198.18.0.1", "198.18.0.2");
	uint8_t f[128];
	size_t len;
	char err[160] = "";

	t.flags = PKT_SYN;
	t.opts.has_mss = true;
	t.opts.mss = 1460;
	ck_assert_int_eq(pkt_build_tcp(&t, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)), 0);
	ck_assert_uint_eq(len, 60);
	ck_assert_mem_eq(f, KNOWN_SYN, sizeof(KNOWN_SYN));
	ck_assert_uint_eq(f[58], 0);
	ck_assert_uint_eq(f[59], 0);
}
END_TEST

/* RFC 9293 3.1: a wrong TCP checksum is reported with the value expected; optionally accepted. */
START_TEST(test_bad_tcp_checksum_reported_or_accepted)
{
	uint8_t f[64];
	struct pkt_frame out;
	char err[160] = "";

	known_copy(f);
	f[TCP_OFF + 17] = 0xcb;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP checksum 0x4fcb is wrong (expected 0x4fca)");
	ck_assert_int_eq(pkt_parse_ex(f, sizeof(KNOWN_SYN), PKT_PARSE_ACCEPT_BAD_CSUM, &out, err,
				      sizeof(err)), 0);
	ck_assert_int_eq(out.kind, PKT_KIND_TCP);
	ck_assert(!out.csum_ok);
}
END_TEST

/* RFC 791 3.1: the header checksum covers the IPv4 header. */
START_TEST(test_bad_ipv4_header_checksum_reported)
{
	uint8_t f[64];

	known_copy(f);
	f[IP_OFF + 10] = 0x00;
	expect_reject(f, sizeof(KNOWN_SYN), "IPv4 header checksum 0x00a4 is wrong (expected 0xaea4)");
}
END_TEST

/* RFC 9293 3.2 and RFC 7323 / RFC 2018: each option kind survives build and parse, IPv4 and IPv6. */
static void check_options_roundtrip(const char *src, const char *dst)
{
	struct pkt_tcp t = segment(src, dst);
	struct pkt_frame out;
	const struct pkt_tcp_opts *o = &out.tcp.opts;

	t.flags = PKT_SYN | PKT_ACK;
	t.ack = 200;
	t.opts.has_mss = true;
	t.opts.mss = 1220;
	t.opts.has_wscale = true;
	t.opts.wscale = 14;
	t.opts.sack_permitted = true;
	t.opts.has_ts = true;
	t.opts.tsval = 0xdeadbeef;
	t.opts.tsecr = 7;
	roundtrip(&t, &out);
	ck_assert(o->has_mss && o->mss == 1220);
	ck_assert(o->has_wscale && o->wscale == 14);
	ck_assert(o->sack_permitted);
	ck_assert(o->has_ts && o->tsval == 0xdeadbeef && o->tsecr == 7);
	/* Linux layout: mss(4) sackOK+TS(12) nop+wscale(4) = 20 bytes. */
	ck_assert_uint_eq(o->raw_len, 20);

	memset(&t.opts, 0, sizeof(t.opts));
	t.flags = PKT_ACK;
	t.opts.nsack = 2;
	t.opts.sack[0] = (struct pkt_sack_block){ 1000, 2000 };
	t.opts.sack[1] = (struct pkt_sack_block){ 3000, 4000 };
	t.opts.nunknown = 1;
	t.opts.unknown[0] = (struct pkt_tcp_unknown_opt){ .kind = 253, .len = 2, .data = { 0xab, 0xcd } };
	roundtrip(&t, &out);
	ck_assert_uint_eq(o->nsack, 2);
	ck_assert_uint_eq(o->sack[1].left, 3000);
	ck_assert_uint_eq(o->sack[1].right, 4000);
	ck_assert_uint_eq(o->nunknown, 1);
	ck_assert_uint_eq(o->unknown[0].kind, 253);
	ck_assert_uint_eq(o->unknown[0].len, 2);
	ck_assert_uint_eq(o->unknown[0].data[1], 0xcd);
	ck_assert(!o->has_mss && !o->has_ts && !o->sack_permitted);
}

START_TEST(test_ipv4_options_roundtrip) { check_options_roundtrip("198.18.0.1", "198.18.0.2"); }
END_TEST

/* RFC 8200 3 header and 8.1 pseudo-header. */
START_TEST(test_ipv6_options_roundtrip) { check_options_roundtrip("2001:db8::1", "2001:db8::2"); }
END_TEST

/* RFC 9293 3.2: NOP and EOL as sent verbatim; bytes after EOL are padding. */
START_TEST(test_raw_options_nop_eol)
{
	static const uint8_t raw[] = { 1, 1, 3, 3, 7, 0, 2, 0 };   /* nop nop wscale 7 eol junk */
	struct pkt_tcp t = segment("198.18.0.1", "198.18.0.2");
	struct pkt_frame out;

	t.flags = PKT_SYN;
	t.opts.use_raw = true;
	t.opts.raw_len = sizeof(raw);
	memcpy(t.opts.raw, raw, sizeof(raw));
	roundtrip(&t, &out);
	ck_assert(out.tcp.opts.has_wscale);
	ck_assert_uint_eq(out.tcp.opts.wscale, 7);
	ck_assert(!out.tcp.opts.has_mss);
	ck_assert_mem_eq(out.tcp.opts.raw, raw, sizeof(raw));
}
END_TEST

/* RFC 9293 3.1: payload length follows from the IP length; the fill pattern is by sequence number. */
START_TEST(test_payload_pattern_and_length)
{
	struct pkt_tcp t = segment("2001:db8::1", "2001:db8::2");
	struct pkt_frame out;

	t.flags = PKT_PSH | PKT_ACK;
	t.seq = 0xfffffffe;
	t.payload_len = 300;
	t.fill = PKT_FILL_PATTERN;
	roundtrip(&t, &out);
	ck_assert_uint_eq(out.tcp.payload[0], 0xfe);
	ck_assert_uint_eq(out.tcp.payload[2], 0x00);
	ck_assert_uint_eq(out.tcp.payload[299], (uint8_t)(0xfffffffeu + 299));
	ck_assert_uint_eq(out.tcp.payload_off, 14 + 40 + 20);
}
END_TEST

/* RFC 8200 4.3: a hop-by-hop options header is skipped to reach TCP. */
START_TEST(test_ipv6_hop_by_hop_skipped)
{
	struct pkt_tcp t = segment("2001:db8::1", "2001:db8::2");
	uint8_t f[256], g[256];
	size_t len;
	struct pkt_frame out;
	char err[160] = "";

	t.flags = PKT_RST;
	ck_assert_int_eq(pkt_build_tcp(&t, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)), 0);
	memcpy(g, f, 54);
	g[14 + 5] = 28;           /* payload length 20 + 8 */
	g[14 + 6] = 0;            /* next header: hop-by-hop */
	memset(g + 54, 0, 8);
	g[54] = 6;                /* hop-by-hop's next header TCP, length 0 (8 bytes), PadN below */
	g[56] = 1;
	g[57] = 4;
	memcpy(g + 62, f + 54, 20);
	ck_assert_msg(pkt_parse(g, 82, &out, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(out.kind, PKT_KIND_TCP);
	ck_assert_uint_eq(out.tcp.flags, PKT_RST);
	g[14 + 5] = 60;           /* now claims more than captured */
	expect_reject(g, 82, "IPv6 payload length 60 > captured 28 bytes");
	g[14 + 5] = 28;
	g[55] = 3;                /* hop-by-hop of 32 bytes in 28 */
	expect_reject(g, 82, "IPv6 extension header 0 length 32 overruns payload (28 bytes left)");
}
END_TEST

/* Truncation at each layer: Ethernet (IEEE 802.3), RFC 791 3.1, RFC 8200 3, RFC 9293 3.1. */
START_TEST(test_truncated_each_layer_rejected)
{
	uint8_t f[64];

	known_copy(f);
	expect_reject(f, 10, "Ethernet header truncated: 10 bytes < 14");
	expect_reject(f, 24, "IPv4 header truncated: 10 bytes < 20");
	expect_reject(f, 50, "IPv4 total length 44 > captured 36 bytes");
	f[IP_OFF + 3] = 30;       /* total length 30: 10 bytes of TCP */
	fix_ipv4_csum(f);
	expect_reject(f, sizeof(KNOWN_SYN), "TCP header truncated: 10 bytes < 20");
	f[12] = 0x86;
	f[13] = 0xdd;
	expect_reject(f, 40, "IPv6 header truncated: 26 bytes < 40");
}
END_TEST

/* RFC 791 3.1: IHL is at least 5; the total length covers the header; no fragments here. */
START_TEST(test_bad_ipv4_header_rejected)
{
	uint8_t f[64];

	known_copy(f);
	f[IP_OFF] = 0x44;
	expect_reject(f, sizeof(KNOWN_SYN), "IPv4 IHL 4 < 5");
	f[IP_OFF] = 0x65;
	expect_reject(f, sizeof(KNOWN_SYN), "IPv4 version 6 != 4");
	known_copy(f);
	f[IP_OFF + 3] = 16;
	expect_reject(f, sizeof(KNOWN_SYN), "IPv4 total length 16 < header length 20");
	known_copy(f);
	f[IP_OFF + 6] = 0x20;     /* MF */
	fix_ipv4_csum(f);
	expect_reject(f, sizeof(KNOWN_SYN), "IPv4 fragment (MF 1, offset 0) not supported");
}
END_TEST

/* RFC 9293 3.1: Data Offset counts 32-bit words, at least 5, within the segment. */
START_TEST(test_bad_data_offset_rejected)
{
	uint8_t f[64];

	known_copy(f);
	f[TCP_OFF + 12] = 0x30;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP data offset 3 < 5");
	f[TCP_OFF + 12] = 0xf0;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP data offset 15 (60 bytes) exceeds segment length 24");
}
END_TEST

/* RFC 9293 3.2 (MUST-7): option lengths of 0 or 1, and options running past the header. */
START_TEST(test_bad_option_length_rejected)
{
	uint8_t f[64];

	known_copy(f);
	f[TCP_OFF + 21] = 0;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP option kind 2 length 0 < 2");
	f[TCP_OFF + 21] = 1;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP option kind 2 length 1 < 2");
	f[TCP_OFF + 21] = 8;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP option kind 2 length 8 overruns options (4 bytes left)");
	f[TCP_OFF + 21] = 3;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP option mss length 3 != 4");
	f[TCP_OFF + 20] = 1;      /* nop nop nop kind-5 with no length byte */
	f[TCP_OFF + 21] = 1;
	f[TCP_OFF + 22] = 1;
	f[TCP_OFF + 23] = 5;
	expect_reject(f, sizeof(KNOWN_SYN), "TCP option kind 5 at offset 3: length byte missing");
}
END_TEST

/* tcpdump's flag letters F S R P . U, as the project's text forms require. */
START_TEST(test_flags_format_like_tcpdump)
{
	char b[16];

	ck_assert_str_eq(pkt_flags_format(PKT_SYN | PKT_ACK, b, sizeof(b)), "S.");
	ck_assert_str_eq(pkt_flags_format(PKT_FIN | PKT_ACK, b, sizeof(b)), "F.");
	ck_assert_str_eq(pkt_flags_format(PKT_RST, b, sizeof(b)), "R");
	ck_assert_str_eq(pkt_flags_format(PKT_RST | PKT_ACK, b, sizeof(b)), "R.");
	ck_assert_str_eq(pkt_flags_format(PKT_FIN | PKT_PSH | PKT_ACK, b, sizeof(b)), "FP.");
	ck_assert_str_eq(pkt_flags_format(0, b, sizeof(b)), "none");
	ck_assert_str_eq(pkt_flags_format(0xff, b, sizeof(b)), "FSRP.UEW");
}
END_TEST

/* RFC 9293 3.1 fields in tcpdump's one-line form. */
START_TEST(test_tcp_format_like_tcpdump)
{
	struct pkt_tcp t = segment("198.18.0.1", "198.18.0.2");
	char b[256];

	t.flags = PKT_SYN | PKT_ACK;
	t.ack = 200;
	t.opts.has_mss = true;
	t.opts.mss = 1460;
	t.opts.has_wscale = true;
	t.opts.wscale = 7;
	pkt_tcp_format(&t, b, sizeof(b));
	ck_assert_str_eq(b, "198.18.0.1.40000 > 198.18.0.2.8080: Flags [S.], seq 100, ack 200, "
			    "win 65535, options [mss 1460,wscale 7], length 0");
	t = segment("2001:db8::1", "2001:db8::2");
	t.flags = PKT_PSH | PKT_ACK;
	t.ack = 5;
	t.payload_len = 10;
	pkt_tcp_format(&t, b, sizeof(b));
	ck_assert_str_eq(b, "2001:db8::1.40000 > 2001:db8::2.8080: Flags [P.], seq 100:110, ack 5, "
			    "win 65535, length 10");
	ck_assert_int_eq(pkt_tcp_format(&t, b, 8), 90);
	ck_assert_str_eq(b, "2001:db");
}
END_TEST

/* RFC 826 "Packet Reception": swap sender and target, fill in our hardware address, opcode reply. */
START_TEST(test_arp_reply_built_from_request)
{
	struct pkt_addr me = addr("198.18.0.1"), them = addr("198.18.0.2");
	uint8_t f[64];
	size_t len;
	struct pkt_frame req, rep;
	char err[160] = "";

	ck_assert_int_eq(pkt_build_arp_request(MAC_B, &them, &me, f, sizeof(f), &len, err,
					       sizeof(err)), 0);
	ck_assert_uint_eq(len, 60);
	ck_assert_int_eq(pkt_parse(f, len, &req, err, sizeof(err)), 0);
	ck_assert_int_eq(req.kind, PKT_KIND_ARP_REQUEST);
	ck_assert(pkt_addr_equal(&req.arp.tpa, &me));
	ck_assert_int_eq(pkt_build_arp_reply(&req, MAC_A, f, sizeof(f), &len, err, sizeof(err)), 0);
	/* Ethernet to the requester; htype 1, ptype 0800, hlen 6, plen 4, op 2. */
	static const uint8_t head[] = { 0x02, 0, 0, 0, 0, 0x02, 0x02, 0, 0, 0, 0, 0x01, 0x08, 0x06,
					0, 1, 0x08, 0x00, 6, 4, 0, 2,
					0x02, 0, 0, 0, 0, 0x01, 198, 18, 0, 1,
					0x02, 0, 0, 0, 0, 0x02, 198, 18, 0, 2 };
	ck_assert_mem_eq(f, head, sizeof(head));
	ck_assert_int_eq(pkt_parse(f, len, &rep, err, sizeof(err)), 0);
	ck_assert_int_eq(rep.kind, PKT_KIND_ARP_REPLY);
	expect_reject(f, 30, "ARP packet truncated: 16 bytes < 28");
	ck_assert_int_eq(pkt_build_arp_reply(&rep, MAC_A, f, sizeof(f), &len, err, sizeof(err)), -1);
}
END_TEST

/* A neighbour solicitation from 2001:db8::2 for 2001:db8::1 (RFC 4861 4.3), checksum per RFC 8200 8.1. */
static size_t make_ns(uint8_t *f, uint8_t hop)
{
	static const uint8_t head[] = {
		0x33, 0x33, 0xff, 0, 0, 0x01, 0x02, 0, 0, 0, 0, 0x02, 0x86, 0xdd,
		0x60, 0, 0, 0, 0, 32, 58, 0,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x02,
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, 0xff, 0, 0, 0x01,
		135, 0, 0, 0, 0, 0, 0, 0,
		0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01,
		1, 1, 0x02, 0, 0, 0, 0, 0x02 };
	uint8_t ph[40 + 32];
	uint16_t c;

	memcpy(f, head, sizeof(head));
	f[21] = hop;
	memcpy(ph, f + 22, 32);                   /* source and destination */
	memcpy(ph + 32, (const uint8_t[8]){ 0, 0, 0, 32, 0, 0, 0, 58 }, 8);
	memcpy(ph + 40, f + 54, 32);
	c = pkt_checksum(ph, sizeof(ph));
	f[56] = (uint8_t)(c >> 8);
	f[57] = (uint8_t)c;
	return sizeof(head);
}

/* RFC 4861 7.2.4: the NA goes to the solicitor, Solicited and Override set, target LLA option. */
START_TEST(test_na_answers_ns)
{
	uint8_t f[128];
	size_t len = make_ns(f, 255);
	struct pkt_frame ns, na;
	struct pkt_addr me = addr("2001:db8::1"), them = addr("2001:db8::2");
	char err[160] = "";

	ck_assert_msg(pkt_parse(f, len, &ns, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(ns.kind, PKT_KIND_NS);
	ck_assert(pkt_addr_equal(&ns.nd.target, &me));
	ck_assert(ns.nd.has_lladdr);
	ck_assert_mem_eq(ns.nd.lladdr, MAC_B, 6);
	ck_assert_int_eq(pkt_build_na(&ns, MAC_A, f, sizeof(f), &len, err, sizeof(err)), 0);
	ck_assert_msg(pkt_parse(f, len, &na, err, sizeof(err)) == 0, "%s", err);
	ck_assert_int_eq(na.kind, PKT_KIND_NA);
	ck_assert_mem_eq(na.eth_dst, MAC_B, 6);
	ck_assert(pkt_addr_equal(&na.nd.src, &me));
	ck_assert(pkt_addr_equal(&na.nd.dst, &them));
	ck_assert(pkt_addr_equal(&na.nd.target, &me));
	ck_assert_uint_eq(na.nd.flags, PKT_NA_SOLICITED | PKT_NA_OVERRIDE);
	ck_assert(na.nd.has_lladdr);
	ck_assert_mem_eq(na.nd.lladdr, MAC_A, 6);
	ck_assert_uint_eq(na.nd.hop_limit, 255);
}
END_TEST

/* RFC 4861 7.1.1: hop limit 255 is required; an option of length 0 is invalid. */
START_TEST(test_bad_ns_rejected)
{
	uint8_t f[128];
	size_t len = make_ns(f, 64);

	expect_reject(f, len, "ICMPv6 NS hop limit 64 != 255");
	len = make_ns(f, 255);
	f[79] = 0;
	expect_reject(f, len, "ND option type 1 length 0");
}
END_TEST

/* RFC 9293 3.1: a deliberately corrupted checksum is detected by the parser. */
START_TEST(test_corrupt_csum_build_detected)
{
	struct pkt_tcp t = segment("198.18.0.1", "198.18.0.2");
	uint8_t f[128];
	size_t len;
	struct pkt_frame out;
	char err[160] = "";

	t.flags = PKT_SYN;
	t.opts.has_mss = true;
	t.opts.mss = 1460;
	t.corrupt_csum = true;
	ck_assert_int_eq(pkt_build_tcp(&t, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)), 0);
	expect_reject(f, len, "TCP checksum 0x4f35 is wrong (expected 0x4fca)");
	ck_assert_int_eq(pkt_parse_ex(f, len, PKT_PARSE_ACCEPT_BAD_CSUM, &out, err, sizeof(err)), 0);
	ck_assert(!out.csum_ok);
}
END_TEST

/* RFC 9293 3.1: at most 40 bytes of options; addresses of one family. */
START_TEST(test_build_limits)
{
	struct pkt_tcp t = segment("198.18.0.1", "2001:db8::2");
	uint8_t f[64];
	size_t len;
	char err[160] = "";

	ck_assert_int_eq(pkt_build_tcp(&t, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)), -1);
	t = segment("198.18.0.1", "198.18.0.2");
	t.opts.has_ts = true;
	t.opts.nsack = 4;
	ck_assert_int_eq(pkt_build_tcp(&t, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "TCP options need 48 bytes > 40");
	t.opts.has_ts = false;
	t.payload_len = 100;
	ck_assert_int_eq(pkt_build_tcp(&t, MAC_A, MAC_B, f, sizeof(f), &len, err, sizeof(err)), -1);
	ck_assert_str_eq(err, "frame of 190 bytes does not fit a buffer of 64");
}
END_TEST

static Suite *packet_suite(void)
{
	Suite *s = suite_create("packet");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, test_checksum_rfc1071_example);
	tcase_add_test(tc, test_known_syn_parses);
	tcase_add_test(tc, test_known_syn_built_byte_for_byte);
	tcase_add_test(tc, test_bad_tcp_checksum_reported_or_accepted);
	tcase_add_test(tc, test_bad_ipv4_header_checksum_reported);
	tcase_add_test(tc, test_ipv4_options_roundtrip);
	tcase_add_test(tc, test_ipv6_options_roundtrip);
	tcase_add_test(tc, test_raw_options_nop_eol);
	tcase_add_test(tc, test_payload_pattern_and_length);
	tcase_add_test(tc, test_ipv6_hop_by_hop_skipped);
	tcase_add_test(tc, test_truncated_each_layer_rejected);
	tcase_add_test(tc, test_bad_ipv4_header_rejected);
	tcase_add_test(tc, test_bad_data_offset_rejected);
	tcase_add_test(tc, test_bad_option_length_rejected);
	tcase_add_test(tc, test_flags_format_like_tcpdump);
	tcase_add_test(tc, test_tcp_format_like_tcpdump);
	tcase_add_test(tc, test_arp_reply_built_from_request);
	tcase_add_test(tc, test_na_answers_ns);
	tcase_add_test(tc, test_bad_ns_rejected);
	tcase_add_test(tc, test_corrupt_csum_build_detected);
	tcase_add_test(tc, test_build_limits);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(packet_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
