/*
 * packet.h - build and parse the frames the conformance tester exchanges
 * with a target: Ethernet II carrying ARP (RFC 826), IPv4 (RFC 791), IPv6
 * (RFC 8200), ICMPv6 neighbour discovery (RFC 4861) and TCP with options
 * (RFC 9293 3.1, 3.2; RFC 7323; RFC 2018).
 *
 * No I/O and no allocation.  Builders compute every checksum (RFC 1071);
 * parsers validate every length before reading it and return -1 with a
 * reason naming the layer, the field, the value found and the limit.
 */
#ifndef TCPSPEC_PACKET_H
#define TCPSPEC_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* TCP control bits, as in the header's flags octet (RFC 9293 3.1, RFC 3168). */
#define PKT_FIN 0x01u
#define PKT_SYN 0x02u
#define PKT_RST 0x04u
#define PKT_PSH 0x08u
#define PKT_ACK 0x10u
#define PKT_URG 0x20u
#define PKT_ECE 0x40u
#define PKT_CWR 0x80u

#define PKT_ETH_HLEN 14      /* destination, source, EtherType */
#define PKT_ETH_MIN 60       /* shortest Ethernet frame without FCS; builders pad to it */
#define PKT_ETHERTYPE_IPV4 0x0800u
#define PKT_ETHERTYPE_ARP 0x0806u
#define PKT_ETHERTYPE_IPV6 0x86ddu
#define PKT_MAX_FRAME (PKT_ETH_HLEN + 65535)

#define PKT_TCP_OPT_MAX 40   /* (15 - 5) * 4 bytes of options (RFC 9293 3.1) */
#define PKT_TCP_MAX_SACK 4   /* at most 4 blocks fit in 40 bytes (RFC 2018 3) */
#define PKT_TCP_MAX_UNKNOWN 4
#define PKT_ADDR_STRLEN 46   /* INET6_ADDRSTRLEN */

/* Neighbour advertisement flags (RFC 4861 4.4), in the first octet after the checksum. */
#define PKT_NA_ROUTER 0x80u
#define PKT_NA_SOLICITED 0x40u
#define PKT_NA_OVERRIDE 0x20u

/* An IPv4 (first 4 bytes of addr used) or IPv6 address. family: AF_INET or AF_INET6. */
struct pkt_addr {
	int family;
	uint8_t addr[16];
};

/* An option of a kind this module does not decode, kept as found. */
struct pkt_tcp_unknown_opt {
	uint8_t kind;
	uint8_t len;                          /* bytes in data: option length - 2 */
	uint8_t data[PKT_TCP_OPT_MAX - 2];
};

struct pkt_sack_block {
	uint32_t left, right;                 /* RFC 2018 3: left edge, right edge */
};

/*
 * TCP options.  On build, the fields are laid out as Linux does (MSS,
 * SACK-permitted + timestamps, NOP + window scale, SACK, unknown, EOL
 * padding) unless use_raw is set, in which case raw[0..raw_len) is sent
 * verbatim (to craft malformed options).  On parse, raw holds the option
 * bytes as found and use_raw is false.
 */
struct pkt_tcp_opts {
	bool has_mss;
	uint16_t mss;
	bool has_wscale;
	uint8_t wscale;
	bool sack_permitted;
	bool has_ts;
	uint32_t tsval, tsecr;
	uint8_t nsack;
	struct pkt_sack_block sack[PKT_TCP_MAX_SACK];
	uint8_t nunknown;                     /* parse keeps the first PKT_TCP_MAX_UNKNOWN */
	struct pkt_tcp_unknown_opt unknown[PKT_TCP_MAX_UNKNOWN];
	bool use_raw;
	uint8_t raw_len;
	uint8_t raw[PKT_TCP_OPT_MAX];
};

/* How the builder fills payload bytes when pkt_tcp.payload is NULL. */
enum pkt_fill {
	PKT_FILL_ZERO = 0,
	PKT_FILL_PATTERN      /* byte at sequence number s is (uint8_t)s: same bytes on retransmission */
};

/* One TCP segment with the IP fields the tester cares about. */
struct pkt_tcp {
	struct pkt_addr src, dst;             /* same family for both */
	uint16_t sport, dport;
	uint32_t seq, ack;
	uint8_t flags;                        /* PKT_FIN ... PKT_CWR */
	uint8_t reserved;                     /* the 4 reserved bits (RFC 9293 3.1), normally 0 */
	uint16_t window;                      /* raw 16-bit field, unscaled */
	uint16_t urgent;
	uint16_t csum;                        /* parse: the checksum field as found */
	struct pkt_tcp_opts opts;
	uint8_t ttl;                          /* IPv4 TTL or IPv6 hop limit */
	uint8_t tos;                          /* IPv4 TOS or IPv6 traffic class (ECN in the low 2 bits) */
	size_t payload_len;
	const uint8_t *payload;               /* parse: points into the frame; build: copied if not NULL */
	size_t payload_off;                   /* parse: offset of the payload in the frame */
	enum pkt_fill fill;                   /* build, payload == NULL: how to fill the payload */
	bool corrupt_csum;                    /* build: send a wrong TCP checksum on purpose */
};

/* An ARP packet for IPv4 over Ethernet (RFC 826). */
struct pkt_arp {
	uint16_t op;                          /* 1 request, 2 reply */
	uint8_t sha[6], tha[6];
	struct pkt_addr spa, tpa;             /* AF_INET */
};

/* A neighbour solicitation or advertisement (RFC 4861 4.3, 4.4). */
struct pkt_nd {
	struct pkt_addr src, dst;             /* from the IPv6 header */
	uint8_t hop_limit;
	uint8_t flags;                        /* NA: PKT_NA_*; NS: 0 */
	struct pkt_addr target;
	bool has_lladdr;                      /* NS: source, NA: target link-layer address option */
	uint8_t lladdr[6];
};

enum pkt_kind {
	PKT_KIND_OTHER = 0,                   /* well-formed as far as parsed, of no interest */
	PKT_KIND_TCP,
	PKT_KIND_ARP_REQUEST,
	PKT_KIND_ARP_REPLY,
	PKT_KIND_NS,
	PKT_KIND_NA
};

struct pkt_frame {
	enum pkt_kind kind;
	uint8_t eth_dst[6], eth_src[6];
	uint16_t ethertype;
	uint8_t ip_proto;                     /* IPv4 protocol / IPv6 last next header; 0 if not IP */
	bool csum_ok;                         /* false only under PKT_PARSE_ACCEPT_BAD_CSUM */
	struct pkt_tcp tcp;                   /* kind TCP */
	struct pkt_arp arp;                   /* kind ARP_* */
	struct pkt_nd nd;                     /* kind NS, NA */
};

/* pkt_parse_ex flags. */
#define PKT_PARSE_ACCEPT_BAD_CSUM 0x1u    /* parse a bad checksum, clear csum_ok, return 0 */

/* RFC 1071 Internet checksum of data[0..len): the value to store in the header. */
uint16_t pkt_checksum(const uint8_t *data, size_t len);

/* Parse an address in dotted-quad or IPv6 text.  0 on success, -1 otherwise. */
int pkt_addr_parse(const char *text, struct pkt_addr *out);
/* Format an address into buf (PKT_ADDR_STRLEN is enough); returns buf. */
const char *pkt_addr_format(const struct pkt_addr *a, char *buf, size_t cap);
bool pkt_addr_equal(const struct pkt_addr *a, const struct pkt_addr *b);
/* "02:12:34:56:78:ab" <-> bytes.  Parse returns 0 or -1; format needs 18 bytes. */
int pkt_mac_parse(const char *text, uint8_t mac[6]);
const char *pkt_mac_format(const uint8_t mac[6], char *buf, size_t cap);

/* Zero *t and set the defaults a segment usually has: TTL 64, window 65535. */
void pkt_tcp_init(struct pkt_tcp *t);

/*
 * Build an Ethernet frame carrying t over IPv4 (DF set, ID 0, no options) or
 * IPv6 (no extension headers), according to t->src.family.  All builders
 * return 0 and set *len (padded to PKT_ETH_MIN), or -1 with a reason in err.
 */
int pkt_build_tcp(const struct pkt_tcp *t, const uint8_t src_mac[6], const uint8_t dst_mac[6],
		  uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen);

/* An ARP request, broadcast, asking who has target_ip (AF_INET). */
int pkt_build_arp_request(const uint8_t my_mac[6], const struct pkt_addr *my_ip,
			  const struct pkt_addr *target_ip, uint8_t *buf, size_t cap, size_t *len,
			  char *err, size_t errlen);

/* The ARP reply to request (kind ARP_REQUEST): request->arp.tpa is at my_mac. */
int pkt_build_arp_reply(const struct pkt_frame *request, const uint8_t my_mac[6],
			uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen);

/*
 * The neighbour advertisement answering ns (kind NS): ns->nd.target is at
 * my_mac.  Solicited and Override set, target link-layer address option,
 * hop limit 255; sent to ff02::1 if the NS came from :: (RFC 4861 7.2.4).
 */
int pkt_build_na(const struct pkt_frame *ns, const uint8_t my_mac[6],
		 uint8_t *buf, size_t cap, size_t *len, char *err, size_t errlen);

/*
 * Parse one Ethernet frame.  0: *out filled (kind OTHER for frames of no
 * interest).  -1: malformed or bad checksum, reason in err, e.g.
 * "TCP data offset 3 < 5".  payload pointers in out point into frame.
 */
int pkt_parse(const uint8_t *frame, size_t len, struct pkt_frame *out, char *err, size_t errlen);
int pkt_parse_ex(const uint8_t *frame, size_t len, unsigned flags, struct pkt_frame *out,
		 char *err, size_t errlen);

/* tcpdump's letters for flags, in order F S R P . U E W; "none" if no flag. cap >= 9. */
const char *pkt_flags_format(uint8_t flags, char *buf, size_t cap);

/*
 * One line, as tcpdump prints it (absolute sequence numbers):
 * "198.18.0.1.40000 > 198.18.0.2.8080: Flags [S.], seq 100, ack 200, win 65535,
 *  options [mss 1460,wscale 7], length 0".  Returns the length snprintf would.
 */
int pkt_tcp_format(const struct pkt_tcp *t, char *buf, size_t cap);

#endif /* TCPSPEC_PACKET_H */
