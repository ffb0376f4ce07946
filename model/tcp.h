/*
 * tcp.h - the tcpspec reference model of the TCP connection state machine.
 *
 * One pure, total, deterministic transition function, tcp_step(), over the
 * RFC 9293 section 3.3.1 connection variables.  No I/O, no globals, no
 * allocation, no clock: every nondeterministic choice (the ISS a stack picks,
 * the window it advertises, which armed timer fires) is an input.
 *
 * The contracts of the public functions are in spec/ and in the ACSL blocks
 * below; the predicates they use are written from RFC 9293, not from the code.
 */
#ifndef TCPSPEC_TCP_H
#define TCPSPEC_TCP_H

#include <stdbool.h>
#include <stdint.h>

/* RFC 9293 3.3.2: the eleven states, plus CLOSED (the absence of a TCB). */
enum tcp_state {
	TCP_CLOSED = 0,
	TCP_LISTEN,
	TCP_SYN_SENT,
	TCP_SYN_RECEIVED,
	TCP_ESTABLISHED,
	TCP_FIN_WAIT_1,
	TCP_FIN_WAIT_2,
	TCP_CLOSE_WAIT,
	TCP_CLOSING,
	TCP_LAST_ACK,
	TCP_TIME_WAIT,
	TCP_NSTATES
};

/* Control bits, with their bit positions in the TCP header (RFC 9293 3.1). */
#define TCP_FIN 0x01u
#define TCP_SYN 0x02u
#define TCP_RST 0x04u
#define TCP_PSH 0x08u
#define TCP_ACK 0x10u
#define TCP_URG 0x20u
#define TCP_FLAGS_ALL 0x3fu

/* Timers (RFC 9293 3.8, 3.10.8; RFC 1122 4.2.3.6), as bits of a set. */
enum tcp_timer {
	TCP_T_RETRANSMIT = 0,
	TCP_T_TIME_WAIT,
	TCP_T_FIN_WAIT_2,
	TCP_T_KEEPALIVE,
	TCP_T_USER,
	TCP_NTIMERS
};
#define TCP_TIMER_BIT(t) ((uint8_t)(1u << (unsigned)(t)))
#define TCP_TIMERS_ALL 0x1fu

/* Largest window the model accepts (RFC 7323 2.3: 2^30 with scaling). */
#define TCP_MAX_WND 0x40000000u
/* Default send MSS when the peer sent none (RFC 9293 3.7.1, MUST-15). */
#define TCP_DEFAULT_MSS 536u

/*
 * The transmission control block: RFC 9293 3.3.1 send and receive sequence
 * variables, plus what the model needs to be a function of its inputs.
 * The model counts bytes; it does not carry payload.
 */
struct tcp_tcb {
	uint32_t iss, irs;
	uint32_t snd_una, snd_nxt, snd_wnd, snd_wl1, snd_wl2, snd_up;
	uint32_t rcv_nxt, rcv_wnd, rcv_up;
	uint32_t max_snd_wnd;  /* RFC 5961 5.2 MAX.SND.WND: the largest window the peer offered */
	uint32_t snd_queued;   /* bytes SENT by the user and not yet segmentized */
	uint32_t rcv_unread;   /* bytes received and not yet RECEIVEd by the user */
	/* Text (and a FIN) held for later processing: beyond RCV.NXT (SHLD-31),
	 * or on a SYN before ESTABLISHED (3.10.7.2, 3.10.7.3).  One range. */
	uint32_t held_seq, held_len;
	enum tcp_state state;
	uint16_t snd_mss;    /* the peer's MSS option, or TCP_DEFAULT_MSS */
	bool passive;     /* came from a passive OPEN (SYN-RECEIVED -> LISTEN on RST) */
	bool fin_queued;  /* the user has CLOSEd: a FIN follows the queued data */
	bool fin_sent;    /* our FIN has been sent (its sequence number is SND.NXT-1 until more) */
	bool keepalive;   /* the user asked for keep-alives (SO_KEEPALIVE) */
	bool user_timeout;/* the user set a user timeout (RFC 9293 3.8.3, TCP_USER_TIMEOUT) */
	bool held;        /* held_seq/held_len hold text */
	bool held_fin;    /* the held range ends with the peer's FIN */
	uint8_t ka_probes;   /* keep-alive probes sent and not answered */
	uint8_t retransmits; /* retransmissions of the segment at the front of the queue */
	uint8_t timers;      /* armed timers, a set of TCP_TIMER_BIT() */
};

/* An arriving or departing segment.  len is the payload length only. */
struct tcp_segment {
	uint8_t flags;    /* TCP_SYN | TCP_ACK ... */
	uint32_t seq, ack;
	uint32_t wnd;     /* the window, already scaled */
	uint16_t up;      /* urgent pointer */
	uint16_t mss;     /* MSS option, 0 when absent */
	uint32_t len;     /* payload bytes (SYN and FIN are not counted here) */
};

enum tcp_call {
	TCP_CALL_OPEN_ACTIVE = 0,
	TCP_CALL_OPEN_PASSIVE,
	TCP_CALL_SEND,
	TCP_CALL_RECEIVE,
	TCP_CALL_CLOSE,
	TCP_CALL_ABORT,
	TCP_NCALLS
};

enum tcp_event_kind {
	TCP_EV_CALL = 0,
	TCP_EV_SEGMENT,
	TCP_EV_TIMEOUT,
	TCP_NEVENT_KINDS
};

/* One input to the model: a user call, an arriving segment or a timeout. */
struct tcp_event {
	enum tcp_event_kind kind;
	enum tcp_call call;    /* TCP_EV_CALL */
	uint32_t n;            /* bytes for SEND and RECEIVE */
	uint32_t iss;          /* the ISS the stack picks, when this event makes one */
	struct tcp_segment seg;/* TCP_EV_SEGMENT */
	enum tcp_timer timer;  /* TCP_EV_TIMEOUT: which timer fired */
};

/* What the user is told (RFC 9293 3.10 wording). */
enum tcp_notify {
	TCP_N_NONE = 0,
	TCP_N_OK,              /* the call succeeded */
	TCP_N_EXISTS,          /* error: connection already exists */
	TCP_N_NOT_EXIST,       /* error: connection does not exist */
	TCP_N_CLOSING,         /* error: connection closing */
	TCP_N_INSUFFICIENT,    /* error: insufficient resources */
	TCP_N_RESET,           /* connection reset */
	TCP_N_REFUSED,         /* connection refused */
	TCP_N_REMOTE_CLOSE,    /* connection closing (the peer sent FIN) */
	TCP_N_USER_TIMEOUT,    /* error: connection aborted due to user timeout */
	TCP_N_TIMED_OUT,       /* connection timed out (RFC 1122 4.2.3.5 R2, keep-alive) */
	TCP_N_ESTABLISHED,     /* the connection is open (the user's OPEN completes) */
	TCP_NNOTIFY
};

/* Every rule the model knows, in the one table model/tcp_rules.def (its
 * names, RFC sections, labels and summaries are printed by tcp_text.c). */
enum tcp_rule {
#define TCP_RULE(id, section, label, summary) id,
#include "tcp_rules.def"
#undef TCP_RULE
	TCP_NRULES
};

#define TCP_MAX_EMIT 2

struct tcp_result {
	uint8_t nemit;
	struct tcp_segment emit[TCP_MAX_EMIT];
	uint8_t timers_arm;    /* timers (re)started by this step */
	uint8_t timers_cancel; /* timers stopped by this step */
	enum tcp_notify notify;
	uint32_t delivered;    /* bytes handed to the user by RECEIVE */
	enum tcp_rule rule;    /* the rule that decided this step */
};

enum tcp_profile_id {
	TCP_PROFILE_RFC9293 = 0,
	TCP_PROFILE_RFC9293_5961,
	TCP_PROFILE_LINUX,
	TCP_PROFILE_LWIP,
	TCP_PROFILE_BSD,
	TCP_NPROFILES
};

/*
 * Behaviour that the RFCs leave open or that stacks choose differently.
 * Each switch is documented, with its source, in tcp_profile.c.
 */
struct tcp_profile {
	enum tcp_profile_id id;
	bool rst_challenge;       /* RFC 5961 3.2: in-window RST not at RCV.NXT -> challenge ACK */
	bool syn_challenge;       /* RFC 5961 4.2: SYN in a synchronized state -> challenge ACK */
	bool ack_check_5961;      /* RFC 5961 5.2: ACK below SND.UNA-MAX.SND.WND -> ACK, drop */
	bool ack_unsent_silent;   /* an ACK of unsent data is dropped without the RFC's ACK */
	bool tw_ignore_rst;       /* RFC 1337: ignore RST in TIME-WAIT */
	bool tw_accept_syn;       /* RFC 9293 MAY-2, RFC 6191: a SYN beyond RCV.NXT reopens */
	bool rst_on_close_unread; /* RFC 2525 2.17: CLOSE with unread data sends RST */
	bool fin_wait_2_timeout;  /* FIN-WAIT-2 is left after a timeout (Linux tcp_fin_timeout) */
	bool abort_rst_ack;       /* resets the stack originates carry ACK=RCV.NXT */
	bool keepalive_rst;       /* a connection given up by keep-alive is reset */
	bool listen_drop_syn_fin; /* a SYN with FIN in LISTEN is dropped */
	bool synrcvd_rst_is_reset;/* RST in active SYN-RECEIVED: "reset", not "refused" */
	bool synrcvd_syn_resets;  /* SYN in passive SYN-RECEIVED: RST, then LISTEN */
	bool synrcvd_syn_again;   /* the peer's SYN again in SYN-RECEIVED: SYN,ACK again */
	bool tw_rst_inexact_dropped; /* TIME-WAIT: a RST not at RCV.NXT is dropped */
	bool listen_drop_syn_text;/* text on a SYN in LISTEN is dropped, not held */
	bool zwp_no_data;         /* zero-window probe <SEQ=SND.UNA-1>, no data */
	bool rst_reply_ack;       /* a reset answering an ACK carries ACK=SEG.SEQ+SEG.LEN */
	bool abort_rst_always;    /* ABORT resets in SYN-SENT, CLOSING, LAST-ACK too */
	bool no_simultaneous_open;/* SYN-SENT: a SYN without ACK is dropped (MUST-10) */
	bool syn_sent_ack_resets; /* SYN-SENT: an acceptable ACK without SYN gets a reset */
	bool text_without_ack;    /* text and FIN of a segment without ACK are taken */
	bool rst_answers_rst;     /* a RST is answered with a reset where others are */
	bool listen_as_closed;    /* LISTEN answers all but a lone SYN as CLOSED does */
	bool rst_ack_skips_fin;   /* <ACK=SEG.SEQ+SEG.LEN> of a reset omits the FIN */
	bool data_after_close_acked; /* with rst_on_close_unread: data after CLOSE is taken */
	bool fin_repeat;          /* an ACK while our FIN is unacked carries the FIN again */
	bool syn_reset_twice;     /* a SYN that resets draws ABORT's reset, then the reply's */
	bool text_after_fin;      /* text is taken in CLOSE-WAIT, CLOSING, LAST-ACK too */
	bool ack_unsent_takes_text; /* after the ACK for an ACK of unsent data, text taken */
	bool synack_text_dropped; /* SYN-SENT: text and FIN on the SYN,ACK are dropped */
	bool fin_again_silent;    /* CLOSE-WAIT, CLOSING, LAST-ACK: a FIN at RCV.NXT is not ACKed */
	uint8_t keepalive_probes; /* unanswered probes before the connection is reset */
	uint8_t syn_retries;      /* SYN retransmissions before giving up (0: never) */
	uint8_t synack_retries;   /* SYN,ACK retransmissions before giving up (0: never) */
	uint8_t data_retries;     /* data retransmissions before giving up (0: never) */
};

#ifdef __FRAMAC__
#include "segment.acsl"
#include "accept.acsl"
#include "tcb.acsl"
#include "diagram.acsl"
#include "rst.acsl"
#include "challenge.acsl"
#include "arrive.acsl"
#include "timeout.acsl"
#include "window.acsl"
#include "receive.acsl"
#include "user.acsl"
#endif

/*
 * One step of the model.  Reads *tcb, *ev and *profile; writes *next (the
 * TCB after the step) and *out (what the stack sends, tells and arms).
 * Returns 0, or -1 when an input is not well formed (then *next is *tcb and
 * out->rule is R_INVALID_EVENT).
 *
 * The contract below is the one statement of what a step promises
 * (spec/README.md lists it theorem by theorem); what a segment does in each
 * state is in spec/arrive.acsl.  The functions tcp_step calls (tcp_step.c,
 * tcp_impl.h) state the same predicates of their own results.
 */
/*@ requires tcb_valid: \valid_read(tcb);
    requires ev_valid: \valid_read(ev);
    requires profile_valid: \valid_read(profile);
    requires out_valid: \valid(next) && \valid(out);
    requires separated: \separated(next, out) &&
      \separated(next, tcb) && \separated(next, ev) &&
      \separated(next, profile) && \separated(out, tcb) &&
      \separated(out, ev) && \separated(out, profile);
    assigns *next, *out;

    ensures at_most_one: out->nemit <= 1 ||
      ((\old(profile->syn_reset_twice) && HasSyn(\old(ev->seg)) ||
        \old(profile->ack_unsent_takes_text)) &&
       \old(ev->kind) == TCP_EV_SEGMENT && !HasRst(\old(ev->seg)) &&
       out->nemit == 2);
    ensures no_rst_for_rst: ev->kind == TCP_EV_SEGMENT &&
      !\old(profile->rst_answers_rst) ==>
        NoRstForRst(\old(ev->seg), out);
    ensures diagram: ValidTcb(\old(*tcb)) && ValidEvent(\old(*ev)) &&
      TcbInvariant(\old(*tcb)) ==>
        EventMove(\old(*profile), \old(ev->kind), \old(tcb->state),
                  next->state);
    ensures handshake: ValidTcb(\old(*tcb)) && ValidEvent(\old(*ev)) &&
      TcbInvariant(\old(*tcb)) && \old(ev->kind) == TCP_EV_SEGMENT &&
      Synchronized(next->state) && !Synchronized(\old(tcb->state)) ==>
        Handshake(\old(*tcb), \old(*ev));
    ensures timers: ValidTcb(\old(*tcb)) && ValidEvent(\old(*ev)) ==>
      next->timers == TimersFor(*next, \old(*profile));
    ensures invariant: TcbInvariant(\old(*tcb)) ==> TcbInvariant(*next);

    behavior invalid:
      assumes !ValidTcb(*tcb) || !ValidEvent(*ev);
      ensures rejected: \result == -1 && out->rule == R_INVALID_EVENT &&
        out->nemit == 0 && SameTcb(*next, \old(*tcb)) &&
        next->timers == \old(tcb->timers);

    behavior user_call:
      assumes ValidTcb(*tcb) && ValidEvent(*ev) && ev->kind == TCP_EV_CALL;
      ensures total: \result == 0;
      ensures diagram: UserCallStep(\old(tcb->state), next->state);
      ensures required: UserCallRequired(\old(*profile), \old(*tcb),
        \old(*ev), *next, out->nemit, out->emit[0], out->notify,
        out->delivered);

    behavior timeout:
      assumes ValidTcb(*tcb) && ValidEvent(*ev) && ev->kind == TCP_EV_TIMEOUT;
      ensures total: \result == 0;
      ensures diagram: TimeoutStep(\old(tcb->state), next->state);
      ensures required: TimeoutRequired(\old(*profile), \old(*tcb),
        \old(ev->timer), *next, out->nemit, out->emit[0], out->notify);

    behavior segment_closed:
      assumes ValidTcb(*tcb) && ValidEvent(*ev) &&
        ev->kind == TCP_EV_SEGMENT && tcb->state == TCP_CLOSED;
      ensures total: \result == 0;
      ensures closed: ClosedStep(\old(*profile), \old(*tcb), \old(ev->seg), *next,
                                 out->nemit, out->emit[0]);

    behavior segment_listen:
      assumes ValidTcb(*tcb) && ValidEvent(*ev) &&
        ev->kind == TCP_EV_SEGMENT && tcb->state == TCP_LISTEN;
      ensures total: \result == 0;
      ensures listen: ListenStep(\old(*profile), \old(*tcb), \old(ev->seg),
                                 \old(ev->iss),
                                 *next, out->nemit, out->emit[0]);
      ensures listen_syn: ListenSynStep(\old(*profile), \old(ev->seg), *next);

    behavior segment_syn_sent:
      assumes ValidTcb(*tcb) && ValidEvent(*ev) &&
        ev->kind == TCP_EV_SEGMENT && tcb->state == TCP_SYN_SENT;
      ensures total: \result == 0;
      ensures bad_ack: SynSentBadAckStep(\old(*profile), \old(*tcb),
                                         \old(ev->seg), *next,
                                         out->nemit, out->emit[0]);
      ensures rst: SynSentRstStep(\old(*profile), \old(*tcb), \old(ev->seg),
                                  *next,
                                  out->nemit, out->notify);
      ensures syn_ack: SynSentSynAckStep(\old(*tcb), \old(ev->seg), *next,
                                         out->nemit, out->emit[0]);
      ensures syn: SynSentSynStep(\old(*profile), \old(*tcb), \old(ev->seg),
                                  *next, out->nemit, out->emit[0]);
      ensures other: SynSentOtherStep(\old(*profile), \old(*tcb),
                                      \old(ev->seg), *next, out->nemit,
                                      out->emit[0]);

    behavior segment_synchronizing:
      assumes ValidTcb(*tcb) && ValidEvent(*ev) &&
        ev->kind == TCP_EV_SEGMENT &&
        TCP_SYN_RECEIVED <= tcb->state <= TCP_TIME_WAIT;
      ensures total: \result == 0;
      ensures first_check:
        UnacceptableStep(\old(*profile), \old(*tcb), \old(ev->seg),
                         \old(ev->iss), *next, out->nemit, out->emit[0]);
      ensures rst: RstStep(\old(*profile), \old(*tcb), \old(ev->seg), *next,
                           out->nemit, out->notify);
      ensures syn_received_bad_ack:
        SynReceivedBadAckStep(\old(*profile), \old(*tcb), \old(ev->seg), *next,
                              out->nemit, out->emit[0]);
      ensures rfc5961_rst_only_at_rcv_nxt:
        RstOffRcvNxtIgnored(\old(*profile), \old(*tcb), \old(ev->seg),
                            *next, out->notify);
      ensures rfc5961_rst_challenge:
        RstChallengeStep(\old(*profile), \old(*tcb), \old(ev->seg),
                         out->nemit, out->emit[0]);
      ensures rfc5961_syn_challenge:
        SynChallengeStep(\old(*profile), \old(*tcb), \old(ev->seg),
                         \old(ev->iss), *next, out->nemit, out->emit[0]);

    complete behaviors;
    disjoint behaviors; */
int tcp_step(const struct tcp_tcb *tcb, const struct tcp_event *ev,
	     const struct tcp_profile *profile, struct tcp_tcb *next,
	     struct tcp_result *out);

/* Well-formedness of inputs; tcp_step() checks these itself. */
/*@ requires valid: \valid_read(t);
    assigns \nothing;
    ensures valid_tcb: \result <==> ValidTcb(*t); */
bool tcp_tcb_valid(const struct tcp_tcb *t);

/*@ requires valid: \valid_read(ev);
    assigns \nothing;
    ensures valid_event: \result <==> ValidEvent(*ev); */
bool tcp_event_valid(const struct tcp_event *ev);

/* The timers that must be armed in a TCB (a function of the TCB alone). */
/*@ requires valid: \valid_read(t) && \valid_read(p);
    assigns \nothing;
    ensures timers: \result == TimersFor(*t, *p); */
uint8_t tcp_timers_for(const struct tcp_tcb *t, const struct tcp_profile *p);

/* SEG.LEN as RFC 9293 3.4 counts it: payload, plus one for SYN and for FIN. */
/*@ requires s_valid: \valid_read(s);
    requires len_bound: s->len <= TCP_MAX_WND;
    assigns \nothing;
    ensures seg_len: \result == SegLen(*s); */
uint32_t tcp_seg_len(const struct tcp_segment *s);

/* The built-in profiles. */
/*@ assigns \nothing;
    ensures valid: \valid_read(\result); */
const struct tcp_profile *tcp_profile_get(enum tcp_profile_id id);

/* The switches of struct tcp_profile, named and documented (one table, used
 * by the docs and the CLI). */
struct tcp_switch_info {
	const char *name, *doc;
	unsigned offset;   /* offsetof(struct tcp_profile, name) */
	bool is_bool;      /* else uint8_t */
};
/*@ requires n_valid: \valid(n);
    assigns *n;
    ensures table: \valid_read(\result + (0 .. *n - 1)); */
const struct tcp_switch_info *tcp_profile_switches(unsigned *n);

/* Documented defaults for a TCB in a state (used by `tcpspec step` and tests). */
/*@ requires p_valid: \valid_read(p);
    requires t_valid: \valid(t) && \separated(p, t);
    assigns *t;
    ensures state: TCP_CLOSED <= s < TCP_NSTATES ==> t->state == s;
    ensures invariant: TcbInvariant(*t);
    ensures timers: t->timers == TimersFor(*t, *p); */
void tcp_tcb_default(enum tcp_state s, const struct tcp_profile *p,
		     struct tcp_tcb *t);

/* Names (RFC 9293 spelling) and descriptions. */
const char *tcp_state_name(enum tcp_state s);
const char *tcp_rule_name(enum tcp_rule r);
const char *tcp_rule_section(enum tcp_rule r);
const char *tcp_rule_label(enum tcp_rule r);   /* "MUST-12" or "" */
const char *tcp_rule_summary(enum tcp_rule r);
const char *tcp_notify_text(enum tcp_notify n);
const char *tcp_timer_name(enum tcp_timer t);
const char *tcp_call_name(enum tcp_call c);
const char *tcp_profile_name(enum tcp_profile_id id);
const char *tcp_profile_doc(enum tcp_profile_id id);

#endif
