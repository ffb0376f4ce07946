/*
 * table.h - the transition table, computed by running the model over every
 * state and every class of event (calls, representative segments, timeouts).
 */
#ifndef TCPSPEC_TABLE_H
#define TCPSPEC_TABLE_H

#include <stddef.h>

#include "model/tcp.h"

struct tbl_row {
	enum tcp_state state;
	char event[48];      /* "SYN", "call close", "timeout keepalive" */
	char cond[96];       /* "SEQ=RCV.NXT ACK=SND.NXT", "100 bytes unread" */
	struct tcp_tcb before, after;
	struct tcp_event ev;
	struct tcp_result res;
};

/*
 * The classes of arriving segment RFC 9293 3.10.7 treats differently, for a
 * state: each flag combination it distinguishes, with SEQ and ACK named by
 * the TCB variable they are relative to.  The table and the explorer
 * (explore.h) both enumerate these.
 */
enum tbl_seqc {
	TBL_SQ_NXT,   /* SEQ=RCV.NXT */
	TBL_SQ_IN,    /* in the window, beyond RCV.NXT */
	TBL_SQ_OUT,   /* beyond the window */
	TBL_SQ_PREV,  /* RCV.NXT-1 */
	TBL_SQ_ANY,   /* any: the state does not look at it */
};
enum tbl_ackc {
	TBL_AK_NONE,   /* ACK bit off: the field is 0 */
	TBL_AK_NXT,    /* SND.NXT */
	TBL_AK_UNA,    /* SND.UNA */
	TBL_AK_UNSENT, /* beyond SND.NXT */
	TBL_AK_OLD,    /* below SND.UNA-MAX.SND.WND (RFC 5961 5.2) */
	TBL_AK_ISS,    /* ISS */
	TBL_AK_ANY,    /* any */
};
struct tbl_segclass {
	const char *event;    /* "SYN,ACK", "data+FIN" */
	uint8_t flags;
	enum tbl_seqc sq;
	enum tbl_ackc ak;
	uint32_t len;
};

/* The classes for a state; *n gets their number. */
const struct tbl_segclass *tbl_segclasses(enum tcp_state s, size_t *n);
/* The value a class names in TCB t; the _ANY classes take `any`. */
uint32_t tbl_seq_value(enum tbl_seqc c, const struct tcp_tcb *t, uint32_t any);
uint32_t tbl_ack_value(enum tbl_ackc c, const struct tcp_tcb *t, uint32_t any);

typedef void (*tbl_cb)(const struct tbl_row *row, void *arg);

/* Calls cb for every row, in state order; returns the number of rows. */
int tbl_enumerate(const struct tcp_profile *p, tbl_cb cb, void *arg);

/* "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>", naming values by TCB variables. */
const char *tbl_segment_symbolic(const struct tbl_row *row, int i, char *buf,
				 size_t len);

#endif
