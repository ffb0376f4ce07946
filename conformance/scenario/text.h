/*
 * text.h - the text forms shared by the CLI, the scenarios, the reports and
 * the docs (docs/design.md "Text forms"): state names in RFC 9293 spelling
 * (Linux/netstat spellings accepted on input), tcpdump flag letters, segment
 * and TCB descriptions.  Every parser reports what it expected.
 */
#ifndef TCPSPEC_TEXT_H
#define TCPSPEC_TEXT_H

#include <stddef.h>
#include "model/tcp.h"

#define TXT_ERR 256

/* "SYN-RECEIVED", "syn_recv", "FIN_WAIT1", "close" ... */
int txt_state_parse(const char *s, enum tcp_state *out);
/* "S.", ".S", "FP.", "R", "none" */
int txt_flags_parse(const char *s, uint8_t *out, char *err, size_t errlen);
/* tcpdump order: F S R P . U; "none" for no flag */
const char *txt_flags_format(uint8_t flags, char *buf, size_t len);
int txt_profile_parse(const char *s, enum tcp_profile_id *out);
int txt_timer_parse(const char *s, enum tcp_timer *out);
int txt_call_parse(const char *s, enum tcp_call *out);
int txt_rule_parse(const char *s, enum tcp_rule *out);
int txt_u32_parse(const char *s, uint32_t *out);

/* 'S. seq=0 ack=0 win=65535 len=0 up=0 mss=1460' into *seg (unnamed fields 0) */
int txt_segment_parse(const char *s, struct tcp_segment *seg, char *err,
		      size_t errlen);
/* 'iss=1,snd_una=2,...' applied on top of *t */
int txt_tcb_parse(const char *s, struct tcp_tcb *t, char *err, size_t errlen);
/* the TCB field names txt_tcb_parse knows, space separated */
const char *txt_tcb_fields(void);

/* 'R. seq=0 ack=101 win=0 len=0' */
const char *txt_segment_format(const struct tcp_segment *s, char *buf,
			       size_t len);

#endif
