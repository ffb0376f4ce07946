/*
 * scenario.h - the scenario format (docs/design.md "Scenarios"): plain text,
 * one step a line, '#' comments, a header naming what the scenario checks.
 *
 *   # title: Passive open: the three-way handshake
 *   # rfc: RFC 9293 3.5, 3.10.7.2
 *   # labels: MUST-10
 *   # profiles: linux lwip rfc9293 rfc9293-5961     (default: all)
 *   # slow: yes                                     (long waits: only with --slow)
 *   # model-only: REASON                            (no program can make a step:
 *                                                    tcpspec run SKIPs it, check runs it)
 *   # departure: line N: REASON                     (the stack is known to depart
 *                                                    from the profile at line N)
 *   app listen 8080
 *   send S seq=0 win=65535 mss=1460
 *   expect S.
 *   send . seq=1 ack=1
 *   expect state ESTABLISHED
 *
 * Sequence numbers in `send` and `expect` are relative to each side's ISS,
 * as in tcpdump and packetdrill: seq to the tester's, ack to the target's.
 * `# profiles:` names built-in profiles; a profile read from a file runs a
 * scenario when the model under it agrees with every expect (run_applies).
 */
#ifndef TCPSPEC_SCENARIO_H
#define TCPSPEC_SCENARIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model/tcp.h"

#define SCN_MAX_STEPS 128
#define SCN_MAX_FIRES 8

enum scn_kind {
	SCN_APP,     /* app listen|connect|accept|send|recv|close|shutdown|abort|setsockopt */
	SCN_SEND,    /* send FLAGS fields... */
	SCN_WAIT,    /* wait DURATION [fires T,...] | wait quiet */
	SCN_EXPECT,  /* expect FLAGS [fields] | none | state S | rule R | error E
		      * | app recv N | app send N | app ok | app error E */
};

enum scn_app {
	APP_LISTEN, APP_CONNECT, APP_ACCEPT, APP_SEND, APP_RECV, APP_CLOSE,
	APP_SHUTDOWN, APP_ABORT, APP_SETSOCKOPT,
};

enum scn_expect {
	EXP_SEGMENT, EXP_NONE, EXP_STATE, EXP_RULE, EXP_ERROR,
	EXP_APP_VALUE,   /* expect app recv|send N: the last app call returned N */
	EXP_APP_OK,      /* expect app ok: the last app call succeeded */
	EXP_APP_ERROR,   /* expect app error E: the last app call failed with E */
};

/* Which fields of a `send` or `expect` segment the line gave. */
#define SCN_F_SEQ 0x01
#define SCN_F_ACK 0x02
#define SCN_F_WIN 0x04
#define SCN_F_LEN 0x08
#define SCN_F_UP  0x10
#define SCN_F_MSS 0x20

struct scn_step {
	int line;
	enum scn_kind kind;
	/* SCN_APP */
	enum scn_app app;
	uint32_t n;            /* port, byte count or option value */
	char opt[24];          /* setsockopt name */
	/* SCN_SEND, EXP_SEGMENT: relative numbers (int64 to allow -1) */
	uint8_t flags;
	unsigned fields;
	int64_t seq, ack;
	uint32_t win, len, up, mss;
	/* SCN_WAIT */
	uint32_t wait_ms;      /* 0 with quiet = until quiet */
	bool quiet;
	int nfires;
	enum tcp_timer fires[SCN_MAX_FIRES];
	/* SCN_EXPECT */
	enum scn_expect expect;
	enum tcp_state state;
	enum tcp_rule rule;
	char error[24];        /* error E, app error E: an errno name */
	/* EXP_APP_*: the call (app) and the value (n) use the fields above */
};

struct scn {
	char path[256];
	char title[160];
	char rfc[160];
	char labels[160];
	bool profiles[TCP_NPROFILES];
	bool slow;             /* '# slow: yes': waits longer than a few seconds */
	char model_only[400];  /* '# model-only: REASON': a step no program can make */
	char departure[400];   /* '# departure: line N: REASON': a known departure the
				* profile does not describe, at line departure_line */
	int departure_line;
	int nsteps;
	struct scn_step steps[SCN_MAX_STEPS];
};

/* Parse a file.  On error: -1, and err holds "PATH:LINE: expected ..., got ...". */
int scn_load(const char *path, struct scn *s, char *err, size_t errlen);
int scn_parse(const char *path, const char *text, struct scn *s, char *err,
	      size_t errlen);
const char *scn_app_name(enum scn_app a);

#endif
