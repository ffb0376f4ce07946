/*
 * tcp_text.c - names of states, rules, notifications, timers, calls and
 * profiles, in the spellings docs/design.md fixes (RFC 9293 for states).
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

/* One entry per line of tcp_rules.def, indexed by the rule. */
static const struct rule_info rules[TCP_NRULES] = {
#define TCP_RULE(id, section, label, summary) [id] = { #id, section, label, summary },
#include "tcp_rules.def"
#undef TCP_RULE
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
	"rfc9293", "rfc9293-5961", "linux", "lwip", "bsd",
};

static const char *const profile_docs[TCP_NPROFILES] = {
	"RFC 9293 alone, strictly: no RFC 5961 mitigations, RST obeyed in TIME-WAIT",
	"RFC 9293 with the RFC 5961 challenge ACKs (sections 3, 4) and ACK check (5)",
	"the Linux kernel (net/ipv4/tcp_input.c, tcp_minisocks.c, tcp.c, tcp_timer.c)",
	"lwIP 2.1.3 (src/core/tcp_in.c, tcp.c)",
	"libslirp 4.7.0's 4.4BSD-Lite TCP (src/tcp_input.c, tcp_output.c, tcp_timer.c)",
};

const char *tcp_profile_name(enum tcp_profile_id id)
{
	return id < TCP_NPROFILES ? profile_names[id] : "?";
}

const char *tcp_profile_doc(enum tcp_profile_id id)
{
	return id < TCP_NPROFILES ? profile_docs[id] : "";
}
