/*
 * packet_impl.h - what the files of the packet module share and nobody
 * else needs: big-endian byte access, the error helper and the TCP option
 * codec (packet_opts.c).  See packet.h for the module itself.
 */
#ifndef TCPSPEC_PACKET_IMPL_H
#define TCPSPEC_PACKET_IMPL_H

#include "base/err.h"
#include "net/packet.h"

#include <stddef.h>
#include <stdint.h>

static inline uint16_t get16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t get32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}
static inline void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put32(uint8_t *p, uint32_t v)
{
	put16(p, (uint16_t)(v >> 16));
	put16(p + 2, (uint16_t)v);
}

/* Write the reason into err (if err and errlen allow) and return -1. */

/*
 * TCP options (RFC 9293 3.1, 3.2; RFC 7323; RFC 2018).  Build: lay out o
 * as packet.h describes into out (PKT_TCP_OPT_MAX bytes), padded to a
 * multiple of 4, *len its length.  Parse: p[0..n) into *o, raw kept.
 * Both return 0, or -1 with a reason in err.
 */
int pkt_opts_build(const struct pkt_tcp_opts *o, uint8_t *out, size_t *len, char *err,
		   size_t errlen);
int pkt_opts_parse(const uint8_t *p, size_t n, struct pkt_tcp_opts *o, char *err, size_t errlen);

#endif /* TCPSPEC_PACKET_IMPL_H */
