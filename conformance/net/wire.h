/*
 * wire.h - frames in and out of one network interface: inject with an
 * AF_PACKET raw socket, capture with libpcap, optionally record both
 * directions in one pcap file that Wireshark and tshark open.
 *
 * A wire works in the network namespace current when wire_open is called
 * (the caller enters the tester's namespace first, e.g. with setns).
 * Needs root or CAP_NET_RAW.
 */
#ifndef TCPSPEC_WIRE_H
#define TCPSPEC_WIRE_H

#include <stddef.h>
#include <stdint.h>
#include <sys/time.h>

#include "net/packet.h"

#define WIRE_IFNAMSIZ 16   /* IFNAMSIZ */

struct pcap;               /* pcap_t */
struct pcap_dumper;        /* pcap_dumper_t */

struct wire {
	char ifname[WIRE_IFNAMSIZ];
	int ifindex;
	uint8_t mac[6];            /* the interface's own address, read at open */
	int tx_fd;                 /* AF_PACKET, SOCK_RAW, bound to ifindex; -1 if closed */
	struct pcap *rx;           /* live capture, inbound only, non-blocking */
	int rx_fd;                 /* pcap_get_selectable_fd(rx), for poll() */
	struct pcap *dump_pcap;    /* pcap_open_dead(DLT_EN10MB) behind dump */
	struct pcap_dumper *dump;  /* NULL unless wire_dump_open succeeded */
};

/*
 * Open ifname for injection and capture of inbound frames matching
 * bpf_filter (pcap-filter(7) syntax, e.g. "(tcp and src host 198.18.0.2) or
 * arp or icmp6"; NULL or "" captures everything).  0, or -1 with a message
 * naming the interface, the failed call and errno's text.
 */
int wire_open(struct wire *w, const char *ifname, const char *bpf_filter, char *err, size_t errlen);

/* Inject one complete Ethernet frame.  0, or -1 with a message. */
int wire_send(struct wire *w, const uint8_t *frame, size_t len, char *err, size_t errlen);

/*
 * Wait up to timeout_ms (0: only what is already queued, < 0: forever) for
 * one inbound frame; copy it to buf and its capture time to *ts (ts may be
 * NULL).  1 frame, 0 timeout, -1 error (also when the frame exceeds cap).
 */
int wire_recv(struct wire *w, int timeout_ms, uint8_t *buf, size_t cap, size_t *len,
	      struct timeval *ts, char *err, size_t errlen);

/*
 * Record every frame wire_send sends and wire_recv returns (so only frames
 * matching the filter) from now on into a new pcap file at path (Ethernet
 * link type); sent frames are stamped with gettimeofday() just before
 * sendto, received ones with their capture time.
 * A file opened before is closed first (one file per scenario).
 * 0, or -1 with a message.  Closed by wire_close.
 */
int wire_dump_open(struct wire *w, const char *path, char *err, size_t errlen);

/*
 * If frame is an ARP request or a neighbour solicitation for one of
 * my_addrs[0..naddr), send the reply (my_mac as the answer) and return 1.
 * 0 if the frame asks for nothing of ours (or does not parse), -1 if the
 * reply could not be built or sent.
 */
int wire_answer_neighbour(struct wire *w, const uint8_t *frame, size_t len, const uint8_t my_mac[6],
			  const struct pkt_addr *my_addrs, int naddr, char *err, size_t errlen);

/* Release everything; safe again after wire_close or a failed wire_open. */
void wire_close(struct wire *w);

#endif /* TCPSPEC_WIRE_H */
