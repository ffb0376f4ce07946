/*
 * tcp_text.c - names of states, rules, notifications, timers, calls and
 * profiles, in the spellings shared/DESIGN.md fixes (RFC 9293 for states).
 * Parsing of text lives with the harness (conformance/scenario/text.c).
 */
#include "tcp_impl.h"

static const char *const state_names[TCP_NSTATES] = {
	"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
	"FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK",
	"TIME-WAIT",
};

const char *tcp_state_name(enum tcp_state s)
{
	return s < TCP_NSTATES ? state_names[s] : "?";
}

struct rule_info {
	const char *name, *section, *label, *summary;
};

#define RULE(id, sec, lab, sum) [id] = { #id, sec, lab, sum }
#define S3107(x) "RFC 9293 3.10.7." x

static const struct rule_info rules[TCP_NRULES] = {
	RULE(R_NONE, "", "", "no rule"),
	RULE(R_3_10_1_OPEN_PASSIVE, "RFC 9293 3.10.1", "", "passive OPEN: CLOSED -> LISTEN"),
	RULE(R_3_10_1_OPEN_ACTIVE, "RFC 9293 3.10.1", "", "active OPEN: send <SEQ=ISS><CTL=SYN>, enter SYN-SENT"),
	RULE(R_3_10_1_LISTEN_TO_ACTIVE, "RFC 9293 3.10.1", "", "active OPEN in LISTEN: become active, send SYN, enter SYN-SENT"),
	RULE(R_3_10_1_OPEN_EXISTS, "RFC 9293 3.10.1", "", "OPEN on an existing connection: error: connection already exists"),
	RULE(R_3_10_2_SEND_CLOSED, "RFC 9293 3.10.2", "", "SEND in CLOSED: error: connection does not exist"),
	RULE(R_3_10_2_SEND_LISTEN, "RFC 9293 3.10.2", "", "SEND in LISTEN: become active, send SYN, queue the data, enter SYN-SENT"),
	RULE(R_3_10_2_SEND_QUEUE, "RFC 9293 3.10.2", "", "SEND before ESTABLISHED: queue the data"),
	RULE(R_3_10_2_SEND_DATA, "RFC 9293 3.10.2", "", "SEND: segmentize the data as the send window allows"),
	RULE(R_3_10_2_SEND_CLOSING, "RFC 9293 3.10.2", "", "SEND after CLOSE: error: connection closing"),
	RULE(R_3_10_2_SEND_NO_SPACE, "RFC 9293 3.10.2", "", "SEND beyond the queue's space: error: insufficient resources"),
	RULE(R_3_10_3_RECEIVE_CLOSED, "RFC 9293 3.10.3", "", "RECEIVE in CLOSED: error: connection does not exist"),
	RULE(R_3_10_3_RECEIVE_QUEUE, "RFC 9293 3.10.3", "", "RECEIVE before ESTABLISHED: queue the request"),
	RULE(R_3_10_3_RECEIVE_DATA, "RFC 9293 3.10.3", "", "RECEIVE: deliver the data on hand, or wait for it"),
	RULE(R_3_10_3_RECEIVE_CLOSING, "RFC 9293 3.10.3", "", "RECEIVE with nothing left after the peer's FIN: error: connection closing"),
	RULE(R_3_10_4_CLOSE_CLOSED, "RFC 9293 3.10.4", "", "CLOSE in CLOSED: error: connection does not exist"),
	RULE(R_3_10_4_CLOSE_LISTEN, "RFC 9293 3.10.4", "", "CLOSE in LISTEN: delete the TCB, enter CLOSED"),
	RULE(R_3_10_4_CLOSE_SYN_SENT, "RFC 9293 3.10.4", "", "CLOSE in SYN-SENT: delete the TCB, enter CLOSED"),
	RULE(R_3_10_4_CLOSE_SYN_RECEIVED, "RFC 9293 3.10.4", "", "CLOSE in SYN-RECEIVED, nothing to send: send FIN, enter FIN-WAIT-1"),
	RULE(R_3_10_4_CLOSE_SYN_RECEIVED_QUEUE, "RFC 9293 3.10.4", "", "CLOSE in SYN-RECEIVED with data queued: FIN after ESTABLISHED"),
	RULE(R_3_10_4_CLOSE_ESTABLISHED, "RFC 9293 3.10.4", "", "CLOSE in ESTABLISHED: FIN after the queued data, enter FIN-WAIT-1"),
	RULE(R_3_10_4_CLOSE_FIN_WAIT, "RFC 9293 3.10.4", "", "CLOSE in FIN-WAIT-1/2: error: connection closing, no second FIN"),
	RULE(R_3_10_4_CLOSE_CLOSE_WAIT, "RFC 9293 3.10.4", "", "CLOSE in CLOSE-WAIT: FIN after the queued data, enter LAST-ACK"),
	RULE(R_3_10_4_CLOSE_CLOSING, "RFC 9293 3.10.4", "", "CLOSE in CLOSING, LAST-ACK, TIME-WAIT: error: connection closing"),
	RULE(R_2525_CLOSE_UNREAD_RST, "RFC 9293 3.6.1, RFC 2525 2.17", "MAY-1, SHLD-3", "CLOSE with received data unread: send RST, enter CLOSED"),
	RULE(R_3_10_5_ABORT_CLOSED, "RFC 9293 3.10.5", "", "ABORT in CLOSED: error: connection does not exist"),
	RULE(R_3_10_5_ABORT_NO_RST, "RFC 9293 3.10.5", "", "ABORT in LISTEN or SYN-SENT: delete the TCB, no segment"),
	RULE(R_3_10_5_ABORT_RST, "RFC 9293 3.10.5", "", "ABORT: send <SEQ=SND.NXT><CTL=RST>, enter CLOSED"),
	RULE(R_3_10_5_ABORT_QUIET, "RFC 9293 3.10.5", "", "ABORT in CLOSING, LAST-ACK, TIME-WAIT: ok, enter CLOSED, no segment"),
	RULE(R_3_10_7_1_CLOSED_RST, S3107("1"), "", "CLOSED: an incoming RST is discarded"),
	RULE(R_3_10_7_1_CLOSED_NO_ACK, S3107("1"), "", "CLOSED, ACK off: send <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>"),
	RULE(R_3_10_7_1_CLOSED_ACK, S3107("1"), "", "CLOSED, ACK on: send <SEQ=SEG.ACK><CTL=RST>"),
	RULE(R_3_10_7_2_LISTEN_RST, S3107("2"), "", "LISTEN: an incoming RST is ignored"),
	RULE(R_3_10_7_2_LISTEN_ACK, S3107("2"), "", "LISTEN: an ACK gets <SEQ=SEG.ACK><CTL=RST>"),
	RULE(R_3_10_7_2_LISTEN_SYN, S3107("2"), "MUST-14, MUST-15", "LISTEN: a SYN gets <SEQ=ISS><ACK=RCV.NXT><CTL=SYN,ACK>, enter SYN-RECEIVED"),
	RULE(R_3_10_7_2_LISTEN_OTHER, S3107("2"), "", "LISTEN: any other segment is dropped"),
	RULE(R_3_10_7_3_BAD_ACK, S3107("3"), "", "SYN-SENT: unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST>"),
	RULE(R_3_10_7_3_BAD_ACK_RST, S3107("3"), "", "SYN-SENT: unacceptable ACK with RST is dropped"),
	RULE(R_3_10_7_3_RST, S3107("3"), "", "SYN-SENT: RST with acceptable ACK: error: connection reset, enter CLOSED"),
	RULE(R_3_10_7_3_RST_NO_ACK, S3107("3"), "", "SYN-SENT: RST without ACK is dropped"),
	RULE(R_3_10_7_3_SYN_ACK, S3107("3"), "MUST-14, MUST-15", "SYN-SENT: SYN acknowledging our SYN: send ACK, enter ESTABLISHED"),
	RULE(R_3_10_7_3_SIMULTANEOUS_OPEN, S3107("3"), "MUST-10, MUST-14, MUST-15", "SYN-SENT: SYN without ACK: send SYN,ACK, enter SYN-RECEIVED"),
	RULE(R_3_5_SIMULTANEOUS_SYN_ACK, "RFC 9293 3.5 (Figure 8)", "MUST-10", "SYN-RECEIVED from active OPEN: the peer's SYN,ACK acknowledging our SYN: enter ESTABLISHED"),
	RULE(R_3_10_7_3_OTHER, S3107("3"), "", "SYN-SENT: neither SYN nor RST: drop"),
	RULE(R_3_10_7_4_UNACCEPTABLE, S3107("4"), "", "unacceptable segment: send <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>, drop"),
	RULE(R_3_10_7_4_UNACCEPTABLE_RST, S3107("4"), "", "unacceptable segment with RST: drop"),
	RULE(R_3_10_7_4_RST_SYN_RECEIVED_PASSIVE, S3107("4"), "MUST-11", "SYN-RECEIVED from passive OPEN: RST returns to LISTEN"),
	RULE(R_3_10_7_4_RST_SYN_RECEIVED_ACTIVE, S3107("4"), "MUST-11", "SYN-RECEIVED from active OPEN: RST: connection refused, enter CLOSED"),
	RULE(R_3_10_7_4_RST, S3107("4"), "MUST-12", "RST in ESTABLISHED, FIN-WAIT-1/2, CLOSE-WAIT: connection reset, enter CLOSED"),
	RULE(R_3_10_7_4_RST_CLOSING, S3107("4"), "", "RST in CLOSING, LAST-ACK, TIME-WAIT: enter CLOSED"),
	RULE(R_5961_3_RST_CHALLENGE, "RFC 5961 3.2, RFC 9293 3.10.7.4", "", "in-window RST not at RCV.NXT: challenge ACK"),
	RULE(R_1337_TIME_WAIT_RST, "RFC 1337, RFC 9293 3.10.7.4", "", "TIME-WAIT: RST ignored (TIME-WAIT assassination hazard)"),
	RULE(R_3_10_7_4_SYN_SYN_RECEIVED_PASSIVE, S3107("4"), "MUST-11", "SYN-RECEIVED from passive OPEN: SYN returns to LISTEN"),
	RULE(R_SYN_RECEIVED_SYN_RESET, S3107("4") " (profile)", "", "SYN in passive SYN-RECEIVED: send RST, return to LISTEN"),
	RULE(R_SYN_RECEIVED_SYN_AGAIN, S3107("4") " (profile)", "", "SYN-RECEIVED: the peer's SYN again: send SYN,ACK again"),
	RULE(R_TIME_WAIT_RST_DROPPED, S3107("4") " (profile)", "", "TIME-WAIT: RST not at RCV.NXT dropped without challenge ACK"),
	RULE(R_3_10_7_4_SYN_RESET, S3107("4") ", RFC 793", "", "SYN in window: send RST, connection reset, enter CLOSED"),
	RULE(R_5961_4_SYN_CHALLENGE, "RFC 5961 4.2, RFC 9293 3.10.7.4", "", "SYN in a synchronized state: challenge ACK"),
	RULE(R_6191_TIME_WAIT_SYN, "RFC 9293 3.6.1, RFC 6191", "MAY-2", "TIME-WAIT: SYN beyond RCV.NXT reopens: send SYN,ACK, enter SYN-RECEIVED"),
	RULE(R_3_10_7_4_NO_ACK, S3107("4"), "", "ACK bit off: drop"),
	RULE(R_3_10_7_4_SYN_RECEIVED_ACK, S3107("4"), "", "SYN-RECEIVED: acceptable ACK: enter ESTABLISHED"),
	RULE(R_3_10_7_4_SYN_RECEIVED_BAD_ACK, S3107("4"), "", "SYN-RECEIVED: unacceptable ACK gets <SEQ=SEG.ACK><CTL=RST>"),
	RULE(R_3_10_7_4_ACK_UNSENT, S3107("4"), "", "ACK of something not yet sent: send ACK, drop"),
	RULE(R_5961_5_ACK_CHALLENGE, "RFC 5961 5.2", "MAY-12", "ACK older than SND.UNA-MAX.SND.WND: send ACK, drop"),
	RULE(R_3_10_7_4_ACK_DUPLICATE, S3107("4"), "", "duplicate ACK (SEG.ACK =< SND.UNA): ignored"),
	RULE(R_3_10_7_4_ACK, S3107("4"), "MUST-1, REC-1", "acceptable ACK: SND.UNA <- SEG.ACK, window update"),
	RULE(R_3_10_7_4_FIN_WAIT_1_ACKED, S3107("4"), "", "FIN-WAIT-1: our FIN acknowledged: enter FIN-WAIT-2"),
	RULE(R_3_10_7_4_CLOSING_ACKED, S3107("4"), "MUST-13", "CLOSING: our FIN acknowledged: enter TIME-WAIT"),
	RULE(R_3_10_7_4_CLOSING_NOT_ACKED, S3107("4"), "", "CLOSING: ACK not of our FIN: segment ignored"),
	RULE(R_3_10_7_4_LAST_ACK_ACKED, S3107("4"), "", "LAST-ACK: our FIN acknowledged: enter CLOSED"),
	RULE(R_3_10_7_4_LAST_ACK_NOT_ACKED, S3107("4"), "", "LAST-ACK: ACK not of our FIN: stay"),
	RULE(R_3_10_7_4_TIME_WAIT_ACK, S3107("4"), "", "TIME-WAIT: an ACK changes nothing"),
	RULE(R_3_10_7_4_TEXT, S3107("4"), "", "segment text accepted: RCV.NXT advances, ACK sent"),
	RULE(R_3_10_7_4_TEXT_OUT_OF_ORDER, S3107("4"), "SHLD-31, MAY-13", "text beyond RCV.NXT: held for later, ACK of RCV.NXT sent"),
	RULE(R_3_10_7_4_TEXT_IGNORED, S3107("4"), "", "text after the peer's FIN: ignored"),
	RULE(R_3_6_1_DATA_AFTER_CLOSE_RST, "RFC 9293 3.6.1", "MAY-1, SHLD-3", "new data after CLOSE (half-duplex close): send RST, enter CLOSED"),
	RULE(R_3_10_7_4_FIN_CLOSE_WAIT, S3107("4"), "MUST-12", "FIN in SYN-RECEIVED or ESTABLISHED: ACK it, enter CLOSE-WAIT"),
	RULE(R_3_10_7_4_FIN_CLOSING, S3107("4"), "", "FIN in FIN-WAIT-1, our FIN unacknowledged: enter CLOSING"),
	RULE(R_3_10_7_4_FIN_TIME_WAIT, S3107("4"), "MUST-13", "FIN in FIN-WAIT-1 (our FIN acked) or FIN-WAIT-2: enter TIME-WAIT"),
	RULE(R_3_10_7_4_FIN_AGAIN, S3107("4"), "", "FIN in CLOSE-WAIT, CLOSING, LAST-ACK: stay"),
	RULE(R_3_10_7_4_FIN_TIME_WAIT_RESTART, S3107("4"), "MUST-13", "TIME-WAIT: retransmitted FIN: ACK it, restart 2 MSL"),
	RULE(R_3_10_8_USER_TIMEOUT, "RFC 9293 3.10.8", "", "user timeout: error: connection aborted due to user timeout, enter CLOSED"),
	RULE(R_3_10_8_RETRANSMIT, "RFC 9293 3.10.8, 3.8.1", "", "retransmission timeout: resend the front of the queue"),
	RULE(R_3_8_6_1_ZERO_WINDOW_PROBE, "RFC 9293 3.8.6.1, RFC 1122 4.2.2.17", "MUST-36", "send window zero with data queued: probe the window"),
	RULE(R_1122_4_2_3_5_GIVE_UP, "RFC 1122 4.2.3.5, RFC 9293 3.8.3", "MUST-20, MUST-22", "retransmissions exhausted (R2): close the connection"),
	RULE(R_3_10_8_TIME_WAIT, "RFC 9293 3.10.8", "MUST-13", "time-wait timeout: delete the TCB, enter CLOSED"),
	RULE(R_FIN_WAIT_2_TIMEOUT, "RFC 9293 3.6 (profile)", "", "FIN-WAIT-2 timeout: delete the TCB, enter CLOSED"),
	RULE(R_1122_4_2_3_6_KEEPALIVE, "RFC 9293 3.8.4, RFC 1122 4.2.3.6", "MUST-26, SHLD-12", "keep-alive: send <SEQ=SND.NXT-1><ACK=RCV.NXT><CTL=ACK>"),
	RULE(R_1122_4_2_3_6_KEEPALIVE_GIVE_UP, "RFC 9293 3.8.4, RFC 1122 4.2.3.6", "MUST-29", "keep-alive probes unanswered: drop the connection"),
	RULE(R_TIMER_NOT_ARMED, "RFC 9293 3.8", "", "a timer that is not armed cannot fire: nothing happens"),
	RULE(R_INVALID_EVENT, "", "", "the input is not well formed"),
};

/*@ assigns \nothing;
    ensures valid: \valid_read(\result); */
static const struct rule_info *rule(enum tcp_rule r)
{
	return &rules[r < TCP_NRULES ? r : R_NONE];
}

const char *tcp_rule_name(enum tcp_rule r) { return rule(r)->name; }
const char *tcp_rule_section(enum tcp_rule r) { return rule(r)->section; }
const char *tcp_rule_label(enum tcp_rule r) { return rule(r)->label; }
const char *tcp_rule_summary(enum tcp_rule r) { return rule(r)->summary; }

static const char *const notify_texts[TCP_NNOTIFY] = {
	"", "ok", "error: connection already exists",
	"error: connection does not exist", "error: connection closing",
	"error: insufficient resources", "connection reset",
	"connection refused", "connection closing",
	"error: connection aborted due to user timeout",
	"connection timed out", "connection established",
};

const char *tcp_notify_text(enum tcp_notify n)
{
	return n < TCP_NNOTIFY ? notify_texts[n] : "";
}

static const char *const timer_names[TCP_NTIMERS] = {
	"retransmit", "time-wait", "fin-wait-2", "keepalive", "user",
};

const char *tcp_timer_name(enum tcp_timer t)
{
	return t < TCP_NTIMERS ? timer_names[t] : "?";
}

static const char *const call_names[TCP_NCALLS] = {
	"open-active", "open-passive", "send", "receive", "close", "abort",
};

const char *tcp_call_name(enum tcp_call c)
{
	return c < TCP_NCALLS ? call_names[c] : "?";
}

static const char *const profile_names[TCP_NPROFILES] = {
	"rfc9293", "rfc9293-5961", "linux", "lwip",
};

static const char *const profile_docs[TCP_NPROFILES] = {
	"RFC 9293 alone, strictly: no RFC 5961 mitigations, RST obeyed in TIME-WAIT",
	"RFC 9293 with the RFC 5961 challenge ACKs (sections 3, 4) and ACK check (5)",
	"the Linux kernel (net/ipv4/tcp_input.c, tcp_minisocks.c, tcp.c, tcp_timer.c)",
	"lwIP 2.1.3 (src/core/tcp_in.c, tcp.c)",
};

const char *tcp_profile_name(enum tcp_profile_id id)
{
	return id < TCP_NPROFILES ? profile_names[id] : "?";
}

const char *tcp_profile_doc(enum tcp_profile_id id)
{
	return id < TCP_NPROFILES ? profile_docs[id] : "";
}
