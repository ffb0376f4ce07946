/*
 * packet_opts.c - TCP options (RFC 9293 3.1, 3.2; RFC 7323; RFC 2018):
 * laid out the way Linux sends them, and parsed with every length checked
 * before it is read.  Shared with packet.c through packet_impl.h.
 */
#include "net/packet.h"
#include "net/packet_impl.h"

#include <string.h>

static size_t put_ts(uint8_t *p, const struct pkt_tcp_opts *o)
{
	p[0] = 8;
	p[1] = 10;
	put32(p + 2, o->tsval);
	put32(p + 6, o->tsecr);
	return 10;
}

/* MSS, SACK-permitted and timestamps, aligned the way Linux sends them. */
static size_t opts_put_syn_kinds(const struct pkt_tcp_opts *o, uint8_t *p)
{
	size_t n = 0;

	if (o->has_mss) {
		p[n++] = 2;
		p[n++] = 4;
		put16(p + n, o->mss);
		n += 2;
	}
	if (o->sack_permitted) {
		if (!o->has_ts) {
			p[n++] = 1;
			p[n++] = 1;
		}
		p[n++] = 4;
		p[n++] = 2;
	}
	if (o->has_ts) {
		if (!o->sack_permitted) {
			p[n++] = 1;
			p[n++] = 1;
		}
		n += put_ts(p + n, o);
	}
	if (o->has_wscale) {
		p[n++] = 1;
		p[n++] = 3;
		p[n++] = 3;
		p[n++] = o->wscale;
	}
	return n;
}

int pkt_opts_build(const struct pkt_tcp_opts *o, uint8_t *out, size_t *len, char *err,
		   size_t errlen)
{
	uint8_t tmp[256];
	size_t n;

	if (o->use_raw) {
		if (o->raw_len > PKT_TCP_OPT_MAX)
			return err_set(err, errlen, "raw TCP options of %u bytes > %d", o->raw_len,
					PKT_TCP_OPT_MAX);
		memcpy(tmp, o->raw, o->raw_len);
		n = o->raw_len;
	} else {
		if (o->nsack > PKT_TCP_MAX_SACK || o->nunknown > PKT_TCP_MAX_UNKNOWN)
			return err_set(err, errlen, "%u SACK blocks / %u unknown options: too many",
					o->nsack, o->nunknown);
		n = opts_put_syn_kinds(o, tmp);
		if (o->nsack > 0) {
			tmp[n++] = 1;
			tmp[n++] = 1;
			tmp[n++] = 5;
			tmp[n++] = (uint8_t)(2 + 8 * o->nsack);
			for (unsigned i = 0; i < o->nsack; i++, n += 8) {
				put32(tmp + n, o->sack[i].left);
				put32(tmp + n + 4, o->sack[i].right);
			}
		}
		for (unsigned i = 0; i < o->nunknown; i++) {
			const struct pkt_tcp_unknown_opt *u = &o->unknown[i];

			if (u->len > sizeof(u->data))
				return err_set(err, errlen, "unknown TCP option kind %u: %u data bytes > %zu",
						u->kind, u->len, sizeof(u->data));
			tmp[n++] = u->kind;
			tmp[n++] = (uint8_t)(u->len + 2);
			memcpy(tmp + n, u->data, u->len);
			n += u->len;
		}
	}
	while (n % 4 != 0)
		tmp[n++] = 0;   /* EOL, then zero padding (RFC 9293 3.1) */
	if (n > PKT_TCP_OPT_MAX)
		return err_set(err, errlen, "TCP options need %zu bytes > %d", n, PKT_TCP_OPT_MAX);
	memcpy(out, tmp, n);
	*len = n;
	return 0;
}

/* Store the option of a known kind with data[0..dlen); unknown kinds are kept raw. */
static int opt_decode(uint8_t kind, const uint8_t *data, size_t dlen, struct pkt_tcp_opts *o,
		      char *err, size_t errlen)
{
	static const char *const names[9] = { [2] = "mss", [3] = "wscale", [4] = "sackOK",
					      [8] = "TS" };
	static const uint8_t want[9] = { [2] = 2, [3] = 1, [4] = 0, [8] = 8 };

	if (kind == 5) {
		if (dlen == 0 || dlen % 8 != 0 || dlen / 8 > PKT_TCP_MAX_SACK)
			return err_set(err, errlen, "TCP option sack length %zu is not 2 + 8n, 1 <= n <= 4",
					dlen + 2);
		o->nsack = (uint8_t)(dlen / 8);
		for (size_t i = 0; i < o->nsack; i++) {
			o->sack[i].left = get32(data + 8 * i);
			o->sack[i].right = get32(data + 8 * i + 4);
		}
		return 0;
	}
	if (kind < 9 && names[kind] != NULL && dlen != want[kind])
		return err_set(err, errlen, "TCP option %s length %zu != %u", names[kind], dlen + 2,
				want[kind] + 2u);
	switch (kind) {
	case 2: o->has_mss = true; o->mss = get16(data); return 0;
	case 3: o->has_wscale = true; o->wscale = data[0]; return 0;
	case 4: o->sack_permitted = true; return 0;
	case 8: o->has_ts = true; o->tsval = get32(data); o->tsecr = get32(data + 4); return 0;
	default: break;
	}
	if (o->nunknown < PKT_TCP_MAX_UNKNOWN) {
		struct pkt_tcp_unknown_opt *u = &o->unknown[o->nunknown++];

		u->kind = kind;
		u->len = (uint8_t)dlen;
		memcpy(u->data, data, dlen);
	}
	return 0;
}

int pkt_opts_parse(const uint8_t *p, size_t n, struct pkt_tcp_opts *o, char *err, size_t errlen)
{
	size_t i = 0;

	memset(o, 0, sizeof(*o));
	memcpy(o->raw, p, n);
	o->raw_len = (uint8_t)n;
	while (i < n) {
		uint8_t kind = p[i];

		if (kind == 0)
			break;          /* EOL: the rest is padding */
		if (kind == 1) {
			i++;
			continue;
		}
		if (n - i < 2)
			return err_set(err, errlen, "TCP option kind %u at offset %zu: length byte missing",
					kind, i);
		if (p[i + 1] < 2)
			return err_set(err, errlen, "TCP option kind %u length %u < 2", kind, p[i + 1]);
		if (p[i + 1] > n - i)
			return err_set(err, errlen, "TCP option kind %u length %u overruns options (%zu bytes left)",
					kind, p[i + 1], n - i);
		if (opt_decode(kind, p + i + 2, p[i + 1] - 2u, o, err, errlen) != 0)
			return -1;
		i += p[i + 1];
	}
	return 0;
}
