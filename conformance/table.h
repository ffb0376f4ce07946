/*
 * table.h - the transition table, computed by running the model over every
 * state and every class of event (calls, representative segments, timeouts).
 */
#ifndef TCPSPEC_TABLE_H
#define TCPSPEC_TABLE_H

#include <stddef.h>

#include "../model/tcp.h"

struct tbl_row {
	enum tcp_state state;
	char event[48];      /* "SYN", "call close", "timeout keepalive" */
	char cond[96];       /* "SEQ=RCV.NXT ACK=SND.NXT", "100 bytes unread" */
	struct tcp_tcb before, after;
	struct tcp_event ev;
	struct tcp_result res;
};

typedef void (*tbl_cb)(const struct tbl_row *row, void *arg);

/* Calls cb for every row, in state order; returns the number of rows. */
int tbl_enumerate(const struct tcp_profile *p, tbl_cb cb, void *arg);

/* "<SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>", naming values by TCB variables. */
const char *tbl_segment_symbolic(const struct tbl_row *row, int i, char *buf,
				 size_t len);

#endif
