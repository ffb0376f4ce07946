/*
 * profile_catalog.c - what the RFCs say of each switch of struct
 * tcp_profile, and the built-in profiles with the source of every switch
 * they set.  The one place that knows whether a switch is a choice the
 * RFCs leave open or a departure (and from which sentence).  The model
 * names the switches (model/tcp_profile.c); tests/check_profiles.c fails
 * when a switch of the model is missing here, or here but not in the model.
 */
#include "profiles/profile.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* The RFC's side of a switch.  when_set: the status of a set bool; of a
 * counter at or above depart_below. */
struct rfc_entry {
	const char *name;
	enum profile_status when_set;
	unsigned depart_below;
	const char *label, *section, *where, *rfc, *note;
};

#define S3107 "RFC 9293 3.10.7.4"

static const struct rfc_entry catalog[] = {
	{ "rst_challenge", PROFILE_PERMITTED, 0, "", S3107, "second check; RFC 5961 3.2",
	  "If the RST bit is set and the sequence number is in the window, reset the connection; "
	  "\"For stacks implementing the protection described in RFC 5961, the three checks below apply\"",
	  "RFC 9293 describes RFC 5961's challenge ACK as an optional mitigation" },
	{ "syn_challenge", PROFILE_PERMITTED, 0, "", S3107, "fourth check; RFC 5961 4.2",
	  "A SYN in the window of a synchronized connection is an error: send a reset "
	  "(RFC 793's rule), or, following RFC 5961, a challenge ACK",
	  "RFC 9293 describes RFC 5961's challenge ACK as an optional mitigation" },
	{ "ack_check_5961", PROFILE_PERMITTED, 0, "MAY-12", S3107, "fifth check; RFC 5961 5.2",
	  "The RFC 5961 ACK-value check against blind data injection",
	  "MAY-12" },
	{ "ack_unsent_silent", PROFILE_DEPARTURE, 0, "", S3107, "fifth check",
	  "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, "
	  "drop the segment, and return",
	  "the RFC's ACK is not sent" },
	{ "tw_ignore_rst", PROFILE_DEPARTURE, 0, "", S3107, "second check, TIME-WAIT",
	  "If the RST bit is set, then enter the CLOSED state, delete the TCB, and return",
	  "RFC 1337 (Informational) recommends ignoring it against TIME-WAIT assassination; "
	  "RFC 9293 does not adopt that" },
	{ "tw_accept_syn", PROFILE_PERMITTED, 0, "MAY-2", "RFC 9293 3.6.1", "RFC 6191",
	  "Accept a new SYN in TIME-WAIT to reopen the connection",
	  "MAY-2" },
	{ "tw_rst_inexact_dropped", PROFILE_DEPARTURE, 0, "", S3107,
	  "second check, TIME-WAIT; RFC 5961 3.2",
	  "An in-window RST not at RCV.NXT gets a challenge ACK (RFC 5961), or resets the "
	  "connection (without it); it is not dropped in silence",
	  "neither the RFC 9293 nor the RFC 5961 answer is sent" },
	{ "rst_on_close_unread", PROFILE_PERMITTED, 0, "SHLD-3", "RFC 9293 3.6.1", "",
	  "A half-duplex close that loses data (CLOSE with data unread, or data after CLOSE) sends RST",
	  "SHLD-3 recommends it (with MAY-1, a half-duplex close)" },
	{ "fin_wait_2_timeout", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.3.2",
	  "Figure 5; 3.10.7.4, eighth check",
	  "FIN-WAIT-2 is left when the peer's FIN arrives; no timer ends it",
	  "4.4BSD and Linux time out a FIN-WAIT-2 the application has closed; RFC 9293 has no "
	  "such rule, and no labelled sentence forbids it" },
	{ "abort_rst_ack", PROFILE_PERMITTED, 0, "", "RFC 9293 3.10.5", "and 3.10.7.1",
	  "ABORT sends <SEQ=SND.NXT><CTL=RST>; a reset in reply to a segment with ACK is "
	  "<SEQ=SEG.ACK><CTL=RST>",
	  "the ACK field rides along: the receiver of a reset in a synchronized state reads "
	  "its SEQ only (3.10.7.4, second check)" },
	{ "keepalive_rst", PROFILE_PERMITTED, 0, "MAY-5", "RFC 9293 3.8.4", "",
	  "Keep-alives are optional (MAY-5); how a connection they find dead ends is not specified",
	  "left open" },
	{ "listen_drop_syn_fin", PROFILE_PERMITTED, 0, "", "RFC 9293 3.10.7.2", "LISTEN, third check",
	  "\"any other control or text should be queued for processing later\"",
	  "a lower-case should; what is not acknowledged is sent again by the peer" },
	{ "listen_drop_syn_text", PROFILE_PERMITTED, 0, "", "RFC 9293 3.10.7.2", "LISTEN, third check",
	  "\"any other control or text should be queued for processing later\"",
	  "a lower-case should; text that is not acknowledged is sent again by the peer" },
	{ "synrcvd_rst_is_reset", PROFILE_DEPARTURE, 0, "", S3107, "second check, SYN-RECEIVED",
	  "If this connection was initiated with an active OPEN (i.e., came from SYN-SENT state), "
	  "then the connection was refused; signal the user \"connection refused\"",
	  "the application is told \"connection reset\"" },
	{ "synrcvd_syn_resets", PROFILE_DEPARTURE, 0, "", S3107, "fourth check, SYN-RECEIVED",
	  "If the connection was initiated with a passive OPEN, then return this connection to "
	  "the LISTEN state and return",
	  "a reset is sent first" },
	{ "synrcvd_syn_again", PROFILE_PERMITTED, 0, "", S3107, "first check",
	  "An unacceptable segment gets <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>",
	  "the SYN,ACK sent instead carries the same acknowledgment and retransmits the "
	  "unacknowledged SYN (3.8.1)" },
	{ "zwp_no_data", PROFILE_PERMITTED, 0, "MUST-36", "RFC 9293 3.8.6.1", "",
	  "Support probing of zero windows",
	  "MUST-36 does not fix the probe's form; a segment at SND.UNA-1 draws the receiver's "
	  "window as one octet of new data would" },
	{ "rst_reply_ack", PROFILE_PERMITTED, 0, "", "RFC 9293 3.10.7.1", "3.5.2 group 1, 3.10.7.2, 3.10.7.3",
	  "A reset answering a segment with the ACK bit on is <SEQ=SEG.ACK><CTL=RST>",
	  "the ACK field rides along with the RFC's SEQ: the receiver of a reset reads its SEQ "
	  "(3.10.7.4, second check) or, in SYN-SENT, its ACK bit and ACK (3.10.7.3, which then "
	  "finds the segment's ACK acceptable only when it acknowledges its SYN)" },
	{ "abort_rst_always", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.10.5", "SYN-SENT; CLOSING, LAST-ACK",
	  "SYN-SENT: \"delete the TCB, enter CLOSED state\"; CLOSING, LAST-ACK, TIME-WAIT: "
	  "\"respond with ok and delete the TCB\": no reset is sent",
	  "a reset the RFC does not send (the peer has no connection to reset in SYN-SENT's case)" },
	{ "no_simultaneous_open", PROFILE_DEPARTURE, 0, "MUST-10", "RFC 9293 3.5", "3.10.7.3, fourth check",
	  "A TCP implementation MUST support simultaneous open attempts",
	  "a SYN without ACK in SYN-SENT is dropped instead of answered with SYN,ACK" },
	{ "syn_sent_ack_resets", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.10.7.3", "fifth check",
	  "If neither of the SYN or RST bits is set, then drop the segment and return",
	  "a reset is sent for an acceptable ACK, as if the peer's connection were half-open" },
	{ "text_without_ack", PROFILE_DEPARTURE, 0, "", S3107, "fifth check",
	  "If the ACK bit is off, drop the segment and return",
	  "the text and FIN of a segment without ACK are taken in and acknowledged" },
	{ "ack_unsent_takes_text", PROFILE_DEPARTURE, 0, "", S3107, "fifth check",
	  "If the ACK acks something not yet sent (SEG.ACK > SND.NXT), then send an ACK, drop the "
	  "segment, and return",
	  "the segment's text is taken in after that ACK and acknowledged by a second one" },
	{ "fin_again_silent", PROFILE_PERMITTED, 0, "", S3107, "eighth check, CLOSE-WAIT, CLOSING, LAST-ACK",
	  "CLOSE-WAIT STATE: Remain in the CLOSE-WAIT state. CLOSING STATE: Remain in the CLOSING "
	  "state. LAST-ACK STATE: Remain in the LAST-ACK state.",
	  "a FIN at RCV.NXT in those states (a second FIN, which no correct peer sends) is dropped "
	  "without an ACK; the RFC says only to remain in the state" },
	{ "synack_text_dropped", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.10.7.3", "fourth check",
	  "If there are other controls or text in the segment, then continue processing at the "
	  "sixth step below where the URG bit is checked; otherwise, return",
	  "the SYN,ACK's text and FIN are dropped and the ACK covers the SYN only (no data is lost: "
	  "the peer retransmits what is not acknowledged, 3.8.1)" },
	{ "rst_answers_rst", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.10.7.1", "3.5.2; 3.10.7.2, 3.10.7.3",
	  "An incoming segment containing a RST is discarded; a reset is sent \"unless the "
	  "incoming segment has the RST bit set\"",
	  "a reset answers a reset (two stacks doing this answer each other's resets)" },
	{ "listen_as_closed", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.10.7.2", "first, second and fourth checks",
	  "LISTEN: an incoming RST should be ignored; an ACK gets <SEQ=SEG.ACK><CTL=RST>; any "
	  "other segment without SYN is dropped; a SYN's other control or text is queued",
	  "no LISTEN TCB: a segment other than a lone SYN gets the reset of 3.10.7.1 CLOSED" },
	{ "data_after_close_acked", PROFILE_DEPARTURE, 0, "SHLD-3", "RFC 9293 3.6.1", "",
	  "If such a host issues a CLOSE call while received data is still pending ..., or if new "
	  "data is received after CLOSE is called, its TCP implementation SHOULD send a RST to show "
	  "that data was lost",
	  "with rst_on_close_unread: the RST for unread data only; data after CLOSE is acknowledged "
	  "(as 3.10.7.4's seventh check would for a full-duplex close)" },
	{ "fin_repeat", PROFILE_PERMITTED, 0, "", S3107, "first check, fifth to eighth checks",
	  "The acknowledgment is <SEQ=SND.NXT><ACK=RCV.NXT><CTL=ACK>",
	  "the ACK rides on a retransmission of the unacknowledged FIN (<SEQ=SND.NXT-1>), which the "
	  "peer acknowledges as a duplicate (3.10.7.4, first check); no new sequence number is used" },
	{ "syn_reset_twice", PROFILE_DEPARTURE, 0, "", S3107, "fourth check; RFC 793",
	  "If the SYN bit is set ... (RFC 793's reading) send a reset, ... enter the CLOSED state",
	  "two resets answer the SYN: ABORT's <SEQ=SND.NXT><ACK=RCV.NXT><CTL=RST,ACK>, then the "
	  "reply reset of 3.10.7.1" },
	{ "text_after_fin", PROFILE_DEPARTURE, 0, "", S3107, "seventh check (CLOSE-WAIT, CLOSING, LAST-ACK)",
	  "This should not occur since a FIN has been received from the remote side. Ignore the "
	  "segment text",
	  "the text is taken in and acknowledged" },
	{ "rst_ack_skips_fin", PROFILE_DEPARTURE, 0, "", "RFC 9293 3.10.7.1", "3.3.1 (SEG.LEN)",
	  "If the ACK bit is off, <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>, and SEG.LEN counts "
	  "the FIN",
	  "the reset acknowledges one octet less for a segment with FIN" },
	{ "keepalive_probes", PROFILE_PERMITTED, 2, "MUST-29", "RFC 9293 3.8.4", "",
	  "No answer to one particular keep-alive probe is not taken as a dead connection",
	  "the count is left open; fewer than 2 unanswered probes breaks MUST-29" },
	{ "syn_retries", PROFILE_PERMITTED, 0, "MUST-23", "RFC 9293 3.8.3", "",
	  "R2 for a SYN allows retransmission for at least 3 minutes",
	  "R2 is a time; the model counts retransmissions, so a count alone is not judged" },
	{ "synack_retries", PROFILE_PERMITTED, 0, "MUST-20", "RFC 9293 3.8.3", "",
	  "Handle excessive retransmissions with thresholds R1 (advise IP) and R2 (close the connection)",
	  "R2 is a time; the model counts retransmissions, so a count alone is not judged" },
	{ "data_retries", PROFILE_PERMITTED, 0, "SHLD-11", "RFC 9293 3.8.3", "",
	  "R2 is at least 100 seconds",
	  "R2 is a time; the model counts retransmissions, so a count alone is not judged" },
};

#define NCATALOG (sizeof catalog / sizeof catalog[0])

unsigned profile_nswitches(void)
{
	unsigned n;

	tcp_profile_switches(&n);
	return n;
}

static const struct rfc_entry *rfc_of(const char *name)
{
	for (size_t i = 0; i < NCATALOG; i++)
		if (strcmp(catalog[i].name, name) == 0)
			return &catalog[i];
	return NULL;
}

int profile_switch_get(unsigned i, struct profile_switch *out)
{
	unsigned n;
	const struct tcp_switch_info *sw = tcp_profile_switches(&n);
	const struct rfc_entry *e;

	memset(out, 0, sizeof *out);
	if (i >= n)
		return -1;
	out->name = sw[i].name;
	out->doc = sw[i].doc;
	out->offset = sw[i].offset;
	out->is_bool = sw[i].is_bool;
	e = rfc_of(sw[i].name);
	if (e == NULL) {
		out->when_set = PROFILE_DEPARTURE;
		out->label = "";
		out->section = "?";
		out->where = "";
		out->rfc = out->note = "(not in conformance/profiles/profile_catalog.c)";
		return -1;
	}
	out->when_set = e->when_set;
	out->depart_below = e->depart_below;
	out->label = e->label;
	out->section = e->section;
	out->where = e->where;
	out->rfc = e->rfc;
	out->note = e->note;
	return 0;
}

unsigned profile_catalog_stray(char *names, size_t len)
{
	unsigned stray = 0;
	size_t n = 0;

	if (len > 0)
		names[0] = '\0';
	for (size_t i = 0; i < NCATALOG; i++) {
		if (profile_switch_find(catalog[i].name) >= 0)
			continue;
		stray++;
		if (n < len)
			n += (size_t)snprintf(names + n, len - n, "%s%s", n ? " " : "", catalog[i].name);
	}
	return stray;
}

int profile_switch_find(const char *name)
{
	unsigned n;
	const struct tcp_switch_info *sw = tcp_profile_switches(&n);

	for (unsigned i = 0; i < n; i++)
		if (strcmp(sw[i].name, name) == 0)
			return (int)i;
	return -1;
}

unsigned profile_value(const struct profile_switch *sw, const struct tcp_profile *p)
{
	const unsigned char *base = (const unsigned char *)p + sw->offset;

	if (sw->is_bool)
		return *(const bool *)(const void *)base ? 1u : 0u;
	return *(const uint8_t *)base;
}

void profile_value_set(const struct profile_switch *sw, struct tcp_profile *p, unsigned v)
{
	unsigned char *base = (unsigned char *)p + sw->offset;

	if (sw->is_bool)
		*(bool *)(void *)base = v != 0;
	else
		*(uint8_t *)base = (uint8_t)v;
}

enum profile_status profile_status_of(const struct profile_switch *sw, unsigned v)
{
	if (v == 0)
		return PROFILE_RFC;
	if (!sw->is_bool && v < sw->depart_below)
		return PROFILE_DEPARTURE;
	return sw->when_set;
}

const char *profile_status_text(const struct profile_switch *sw, unsigned v, char *buf,
				size_t len)
{
	switch (profile_status_of(sw, v)) {
	case PROFILE_RFC:
		snprintf(buf, len, "RFC 9293");
		break;
	case PROFILE_PERMITTED:
		snprintf(buf, len, "permitted");
		break;
	default:
		snprintf(buf, len, "departure %s", sw->label[0] ? sw->label : sw->section);
		break;
	}
	return buf;
}

/* --- the built-in profiles ------------------------------------------------ */

struct source {
	enum tcp_profile_id id;
	const char *name, *source;
};

#define KA_DEFAULT "RFC 9293 3.8.4 leaves the count open; 9, as 4.4BSD and Linux"
#define LX(f) "net/ipv4/" f
#define LW(f) "src/core/" f
#define SL(f) "libslirp 4.7.0 src/" f

static const struct source sources[] = {
	{ TCP_PROFILE_RFC9293, "keepalive_probes", KA_DEFAULT },

	{ TCP_PROFILE_RFC9293_5961, "rst_challenge", "RFC 5961 3.2" },
	{ TCP_PROFILE_RFC9293_5961, "syn_challenge", "RFC 5961 4.2" },
	{ TCP_PROFILE_RFC9293_5961, "ack_check_5961", "RFC 5961 5.2" },
	{ TCP_PROFILE_RFC9293_5961, "keepalive_probes", KA_DEFAULT },

	{ TCP_PROFILE_LINUX, "rst_challenge", LX("tcp_input.c:tcp_validate_incoming()") },
	{ TCP_PROFILE_LINUX, "syn_challenge", LX("tcp_input.c:tcp_validate_incoming()") },
	{ TCP_PROFILE_LINUX, "ack_check_5961", LX("tcp_input.c:tcp_ack() (\"RFC 5961 5.2\")") },
	{ TCP_PROFILE_LINUX, "tw_accept_syn", LX("tcp_minisocks.c:tcp_timewait_state_process() (TCP_TW_SYN)") },
	{ TCP_PROFILE_LINUX, "rst_on_close_unread", LX("tcp.c:tcp_close() (tcp_send_active_reset())") },
	{ TCP_PROFILE_LINUX, "fin_wait_2_timeout", LX("tcp.c:tcp_close() (tcp_fin_timeout, TCP_LINGER2)") },
	{ TCP_PROFILE_LINUX, "abort_rst_ack", LX("tcp_output.c:tcp_send_active_reset() (RST,ACK)") },
	{ TCP_PROFILE_LINUX, "keepalive_rst", LX("tcp_timer.c:tcp_keepalive_timer()") },
	{ TCP_PROFILE_LINUX, "listen_drop_syn_fin", LX("tcp_input.c:tcp_rcv_state_process() (LISTEN)") },
	{ TCP_PROFILE_LINUX, "listen_drop_syn_text", LX("tcp_input.c:tcp_conn_request() (no TCP Fast Open)") },
	{ TCP_PROFILE_LINUX, "synrcvd_rst_is_reset", LX("tcp_input.c:tcp_reset()") },
	{ TCP_PROFILE_LINUX, "synrcvd_syn_resets", LX("tcp_minisocks.c:tcp_check_req() (embryonic_reset)") },
	{ TCP_PROFILE_LINUX, "synrcvd_syn_again", LX("tcp_minisocks.c:tcp_check_req()") },
	{ TCP_PROFILE_LINUX, "tw_rst_inexact_dropped", LX("tcp_minisocks.c:tcp_timewait_state_process()") },
	{ TCP_PROFILE_LINUX, "zwp_no_data", LX("tcp_output.c:tcp_write_wakeup(), tcp_xmit_probe_skb()") },
	{ TCP_PROFILE_LINUX, "keepalive_probes", LX("tcp_timer.c:tcp_keepalive_timer() (net.ipv4.tcp_keepalive_probes = 9)") },
	{ TCP_PROFILE_LINUX, "syn_retries", "net.ipv4.tcp_syn_retries = 6" },
	{ TCP_PROFILE_LINUX, "synack_retries", "net.ipv4.tcp_synack_retries = 5" },
	{ TCP_PROFILE_LINUX, "data_retries", "net.ipv4.tcp_retries2 = 15" },

	{ TCP_PROFILE_LWIP, "rst_challenge", LW("tcp_in.c:tcp_process() (tcp_ack_now() for an in-window RST not at rcv_nxt)") },
	{ TCP_PROFILE_LWIP, "syn_challenge", LW("tcp_in.c:tcp_process() (tcp_ack_now() for a SYN in a synchronized state)") },
	{ TCP_PROFILE_LWIP, "tw_ignore_rst", LW("tcp_in.c:tcp_timewait_input() (RFC 1337)") },
	{ TCP_PROFILE_LWIP, "rst_on_close_unread", LW("tcp.c:tcp_close_shutdown()") },
	{ TCP_PROFILE_LWIP, "fin_wait_2_timeout", LW("tcp.c:tcp_slowtmr() (TCP_FIN_WAIT_TIMEOUT)") },
	{ TCP_PROFILE_LWIP, "abort_rst_ack", LW("tcp_out.c:tcp_rst() (always TCP_RST | TCP_ACK)") },
	{ TCP_PROFILE_LWIP, "keepalive_rst", LW("tcp.c:tcp_slowtmr() (tcp_rst() after the last probe)") },
	{ TCP_PROFILE_LWIP, "listen_drop_syn_text", LW("tcp_in.c:tcp_listen_input() (the SYN's text and FIN never reach tcp_receive())") },
	{ TCP_PROFILE_LWIP, "synrcvd_syn_again", LW("tcp_in.c:tcp_process() (\"Looks like another copy of the SYN - retransmit our SYN-ACK\")") },
	{ TCP_PROFILE_LWIP, "rst_reply_ack", LW("tcp_in.c:tcp_input(), tcp_process() (tcp_rst(ackno, seqno + tcplen), TCP_RST | TCP_ACK)") },
	{ TCP_PROFILE_LWIP, "abort_rst_always", LW("tcp.c:tcp_abandon() (send_rst in every state but CLOSED and TIME_WAIT)") },
	{ TCP_PROFILE_LWIP, "no_simultaneous_open", LW("tcp_in.c:tcp_process() (SYN_SENT: a SYN is acted on only with the ACK of ours)") },
	{ TCP_PROFILE_LWIP, "syn_sent_ack_resets", LW("tcp_in.c:tcp_process() (SYN_SENT: \"received ACK? possibly a half-open connection\")") },
	{ TCP_PROFILE_LWIP, "text_without_ack", LW("tcp_in.c:tcp_process() (ESTABLISHED..LAST_ACK call tcp_receive() without checking TCP_ACK)") },
	{ TCP_PROFILE_BSD, "rst_on_close_unread", "the application's loopback socket closed with unread data resets slirp's socket (Linux tcp_close()); " SL("socket.c:soread() -> tcp_subr.c:tcp_drop()") },
	{ TCP_PROFILE_BSD, "fin_wait_2_timeout", SL("tcp_input.c:tcp_input() (FIN_WAIT_1 -> FIN_WAIT_2 sets TCPT_2MSL = TCP_MAXIDLE when SS_FCANTRCVMORE)") },
	{ TCP_PROFILE_BSD, "abort_rst_ack", SL("tcp_subr.c:tcp_drop() -> tcp_output.c (tcp_outflags[TCPS_CLOSED] = TH_RST | TH_ACK)") },
	{ TCP_PROFILE_BSD, "keepalive_rst", SL("tcp_timer.c:tcp_timers() (TCPT_KEEP: tcp_drop())") },
	{ TCP_PROFILE_BSD, "rst_answers_rst", SL("tcp_input.c:tcp_input() (dropwithreset: no \"if (tiflags & TH_RST) goto drop\")") },
	{ TCP_PROFILE_BSD, "listen_as_closed", SL("tcp_input.c:tcp_input() (no socket and not a lone SYN: dropwithreset)") },
	{ TCP_PROFILE_BSD, "data_after_close_acked", "the application's socket is gone, yet " SL("tcp_input.c:tcp_input() takes the text in FIN_WAIT_2 (measured: ACKed)") },
	{ TCP_PROFILE_BSD, "fin_repeat", SL("tcp_output.c:tcp_output() (tcp_outflags[] of FIN_WAIT_1, CLOSING, LAST_ACK include TH_FIN; \"If resending a FIN, be sure not to use a new sequence number\")") },
	{ TCP_PROFILE_BSD, "syn_reset_twice", SL("tcp_input.c:tcp_input() (\"If a SYN is in the window, then this is an error and we send an RST and drop the connection\": tcp_drop(tp, 0); goto dropwithreset;)") },
	{ TCP_PROFILE_BSD, "synrcvd_syn_resets", SL("tcp_input.c:tcp_input() (the same check in SYN_RECEIVED; the listener stays)") },
	{ TCP_PROFILE_BSD, "text_after_fin", SL("tcp.h:TCPS_HAVERCVDFIN() (true from TIME_WAIT on), tcp_input.c:tcp_input() (TCP_REASS while !TCPS_HAVERCVDFIN)") },
	{ TCP_PROFILE_BSD, "rst_ack_skips_fin", SL("tcp_input.c:tcp_input() (dropwithreset: tcp_respond(ti->ti_seq + ti->ti_len), ti_len without the FIN)") },
	{ TCP_PROFILE_BSD, "keepalive_probes", SL("tcp_timer.h:TCPTV_KEEPCNT = 8") },
	{ TCP_PROFILE_BSD, "syn_retries", SL("tcp_timer.h:TCP_MAXRXTSHIFT = 12") },
	{ TCP_PROFILE_BSD, "synack_retries", SL("tcp_timer.h:TCP_MAXRXTSHIFT = 12") },
	{ TCP_PROFILE_BSD, "data_retries", SL("tcp_timer.h:TCP_MAXRXTSHIFT = 12") },

	{ TCP_PROFILE_LWIP, "synack_text_dropped", LW("tcp_in.c:tcp_process() (SYN_SENT: \"received SYN ACK with expected sequence number?\" ... tcp_ack_now(pcb), no tcp_receive())") },
	{ TCP_PROFILE_LINUX, "fin_again_silent", LX("tcp_input.c:tcp_rcv_state_process() (step 7: \"case TCP_CLOSE_WAIT: case TCP_CLOSING: case TCP_LAST_ACK: if (!before(TCP_SKB_CB(skb)->seq, tp->rcv_nxt)) break;\")") },
	{ TCP_PROFILE_LINUX, "synack_text_dropped", LX("tcp_input.c:tcp_rcv_state_process() (\"Do step6 onward by hand\": tcp_urg(), __kfree_skb())") },
	{ TCP_PROFILE_LWIP, "ack_unsent_takes_text", LW("tcp_in.c:tcp_receive() (\"Out of sequence ACK, didn't really ack anything\": tcp_send_empty_ack(), then the text)") },
	{ TCP_PROFILE_LWIP, "keepalive_probes", "src/include/lwip/priv/tcp_priv.h:TCP_KEEPCNT_DEFAULT = 9" },
	{ TCP_PROFILE_LWIP, "syn_retries", "src/include/lwip/opt.h:TCP_SYNMAXRTX = 6" },
	{ TCP_PROFILE_LWIP, "synack_retries", "src/include/lwip/opt.h:TCP_SYNMAXRTX = 6 (tcp_slowtmr())" },
	{ TCP_PROFILE_LWIP, "data_retries", "src/include/lwip/opt.h:TCP_MAXRTX = 12" },
};

void profile_builtin(enum tcp_profile_id id, struct profile_def *out)
{
	memset(out, 0, sizeof *out);
	if (id >= TCP_NPROFILES)
		id = TCP_PROFILE_RFC9293;
	out->builtin = (int)id;
	out->tcp = *tcp_profile_get(id);
	snprintf(out->name, sizeof out->name, "%s", tcp_profile_name(id));
	snprintf(out->describes, sizeof out->describes, "%s", tcp_profile_doc(id));
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		int k = profile_switch_find(sources[i].name);

		if (sources[i].id == id && k >= 0 && k < PROFILE_MAX_SWITCHES)
			snprintf(out->source[k], sizeof out->source[k], "%s", sources[i].source);
	}
}

int profile_builtin_find(const char *name, struct profile_def *out)
{
	for (int i = 0; i < TCP_NPROFILES; i++)
		if (strcasecmp(name, tcp_profile_name((enum tcp_profile_id)i)) == 0) {
			profile_builtin((enum tcp_profile_id)i, out);
			return 0;
		}
	return -1;
}

const char *profile_builtin_names(void)
{
	static char names[128];

	if (names[0] == '\0')
		for (int i = 0; i < TCP_NPROFILES; i++)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s",
				 i ? "|" : "", tcp_profile_name((enum tcp_profile_id)i));
	return names;
}
