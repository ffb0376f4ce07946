/*
 * fuzz_packet.c - pkt_parse must never read outside the frame, whatever
 * the bytes.  libFuzzer build:
 *   clang -std=c11 -D_GNU_SOURCE -g -fsanitize=fuzzer,address,undefined \
 *         tests/fuzz/fuzz_packet.c conformance/net/packet.c conformance/net/packet_opts.c conformance/net/packet_text.c -o fuzz_packet
 * Standalone build (no libFuzzer): add -DFUZZ_STANDALONE and drop "fuzzer";
 * run as "fuzz_packet [iterations] [seed]".
 *
 * The input is copied into a buffer of exactly its size, so that any read
 * past the end is caught by AddressSanitizer.  Frames that parse are also
 * formatted and, for TCP, rebuilt and parsed again.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "net/packet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void rebuild(const struct pkt_frame *f)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 1 };
	static uint8_t buf[PKT_MAX_FRAME];
	struct pkt_tcp t = f->tcp;
	struct pkt_frame again;
	size_t len;
	char err[160], text[512];

	pkt_tcp_format(&t, text, sizeof(text));
	t.payload = NULL;   /* points into the input; the copy below must not depend on it */
	t.opts.use_raw = true;
	if (pkt_build_tcp(&t, mac, mac, buf, sizeof(buf), &len, err, sizeof(err)) != 0)
		abort();
	if (pkt_parse(buf, len, &again, err, sizeof(err)) != 0 || again.kind != PKT_KIND_TCP ||
	    again.tcp.seq != t.seq || again.tcp.payload_len != t.payload_len)
		abort();
}

static void answer(const struct pkt_frame *f)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 1 };
	uint8_t buf[128];
	size_t len;
	char err[160];

	if (f->kind == PKT_KIND_ARP_REQUEST &&
	    pkt_build_arp_reply(f, mac, buf, sizeof(buf), &len, err, sizeof(err)) != 0)
		abort();
	if (f->kind == PKT_KIND_NS &&
	    pkt_build_na(f, mac, buf, sizeof(buf), &len, err, sizeof(err)) != 0)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct pkt_frame f;
	char err[160];
	uint8_t *copy = malloc(size > 0 ? size : 1);

	if (copy == NULL)
		return 0;
	memcpy(copy, data, size);
	if (pkt_parse_ex(copy, size, PKT_PARSE_ACCEPT_BAD_CSUM, &f, err, sizeof(err)) == 0) {
		if (f.kind == PKT_KIND_TCP)
			rebuild(&f);
		answer(&f);
	}
	(void)pkt_parse(copy, size, &f, err, sizeof(err));
	free(copy);
	return 0;
}

#ifdef FUZZ_STANDALONE
#include <stdio.h>

/* xorshift64*: a fixed seed gives the same inputs on every machine. */
static uint64_t next_random(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dULL;
}

/*
 * Random bytes alone almost never get past the Ethernet type; so three
 * inputs in four start from a valid frame (ARP, TCP over IPv4 or IPv6) and
 * have a few bytes changed or are cut short.
 */
static size_t make_input(uint64_t *s, uint8_t *buf, size_t cap)
{
	static const uint8_t mac[6] = { 0x02, 0, 0, 0, 0, 2 };
	struct pkt_tcp t;
	size_t len = 0;
	char err[160];
	bool v4;

	struct pkt_addr me, them;

	switch (next_random(s) % 4) {
	case 0:
		pkt_addr_parse("198.18.0.1", &me);
		pkt_addr_parse("198.18.0.2", &them);
		if (pkt_build_arp_request(mac, &them, &me, buf, cap, &len, err, sizeof(err)) != 0)
			return 0;
		buf[next_random(s) % len] = (uint8_t)next_random(s);
		return len;
	case 1:
		len = next_random(s) % 200;
		for (size_t i = 0; i < len; i++)
			buf[i] = (uint8_t)next_random(s);
		return len;
	default:
		break;
	}
	pkt_tcp_init(&t);
	v4 = next_random(s) & 1;
	pkt_addr_parse(v4 ? "198.18.0.1" : "2001:db8::1", &t.src);
	pkt_addr_parse(v4 ? "198.18.0.2" : "2001:db8::2", &t.dst);
	t.flags = (uint8_t)next_random(s);
	t.opts.has_mss = true;
	t.opts.has_ts = next_random(s) & 1;
	t.payload_len = next_random(s) % 64;
	if (pkt_build_tcp(&t, mac, mac, buf, cap, &len, err, sizeof(err)) != 0)
		return 0;
	for (int k = (int)(next_random(s) % 4); k >= 0; k--)
		buf[next_random(s) % len] = (uint8_t)next_random(s);
	return next_random(s) % 4 == 0 ? next_random(s) % len : len;
}

int main(int argc, char **argv)
{
	unsigned long n = argc > 1 ? strtoul(argv[1], NULL, 0) : 1000000;
	uint64_t seed = argc > 2 ? strtoull(argv[2], NULL, 0) : 0x7463707370656331ULL;
	static uint8_t buf[512];

	for (unsigned long i = 0; i < n; i++) {
		size_t len = make_input(&seed, buf, sizeof(buf));

		LLVMFuzzerTestOneInput(buf, len);
	}
	printf("fuzz_packet: %lu inputs, no fault\n", n);
	return 0;
}
#endif
