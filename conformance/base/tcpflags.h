/*
 * tcpflags.h - TCP control bits in tcpdump's letters, the one spelling the
 * CLI, scenarios, reports and packet dumps share (docs/design.md, "Text
 * forms"): F S R P . U E W for FIN SYN RST PSH ACK URG ECE CWR, in the order
 * of their bits in the header (RFC 9293 3.1), "none" for no bit.
 */
#ifndef TCPSPEC_BASE_TCPFLAGS_H
#define TCPSPEC_BASE_TCPFLAGS_H

#include <stddef.h>
#include <stdint.h>

/* The header's flags byte as letters: 0x12 -> "S.", 0x11 -> "F.". */
const char *tcpflags_format(uint8_t bits, char *buf, size_t cap);

#endif
