/*
 * appcall.c - the errno table and what a program's call returns, as the
 * model predicts it (appcall.h, modelrun.h mr_call_predict).
 */
#include "scenario/appcall.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "scenario/modelrun.h"

#define ALL(e) { e, e, e, e, e }
/* rfc9293, rfc9293-5961, linux, lwip, bsd (enum tcp_profile_id) */
#define PER(rfc, linux, lwip, bsd) { rfc, rfc, linux, lwip, bsd }

/*
 * What ends a connection, as the error a program is given.  RFC 9293
 * words it ("signal the user ..."); the sockets API names it.  For the
 * rfc9293 profiles the errno is the sockets API's convention (4.4BSD's,
 * which POSIX follows), since the RFC names no errno.
 */
static const struct app_errno_row rows[] = {
	{ TCP_N_RESET, "SYN-SENT: a RST that acknowledges the SYN (R_3_10_7_3_RST)",
	  "RFC 9293 3.10.7.3 (second check)", "connection reset",
	  ALL("ECONNREFUSED"),
	  "Linux tcp_reset(): case TCP_SYN_SENT, sk_err = ECONNREFUSED; 4.4BSD "
	  "tcp_input(): SYN_SENT, TH_RST with TH_ACK, tcp_drop(tp, ECONNREFUSED); lwip "
	  "agent conn.c err_code(): ERR_RST before the connection was established" },
	{ TCP_N_REFUSED, "SYN-RECEIVED, actively opened: a RST (R_3_10_7_4_RST_SYN_RECEIVED_ACTIVE)",
	  "RFC 9293 3.10.7.4 (second check)", "connection refused",
	  ALL("ECONNREFUSED"),
	  "4.4BSD tcp_input(): case TCPS_SYN_RECEIVED, so_error = ECONNREFUSED (Linux "
	  "reports it as a reset: profile switch synrcvd_rst_is_reset, next row)" },
	{ TCP_N_RESET, "CLOSE-WAIT: a RST after the peer's FIN",
	  "RFC 9293 3.10.7.4 (second check)", "connection reset",
	  PER("ECONNRESET", "EPIPE", "EPIPE", "ECONNRESET"),
	  "Linux tcp_reset(): case TCP_CLOSE_WAIT, sk_err = EPIPE; lwip agent conn.c "
	  "err_code(): reports it as Linux does (lwIP itself says ERR_RST); 4.4BSD "
	  "tcp_input(): CLOSE_WAIT, so_error = ECONNRESET" },
	{ TCP_N_RESET, "any other state: a RST, a SYN that resets, data after CLOSE",
	  "RFC 9293 3.10.7.4 (second and fourth checks), 3.6.1", "connection reset",
	  ALL("ECONNRESET"),
	  "Linux tcp_reset(): default, sk_err = ECONNRESET; 4.4BSD tcp_input(): "
	  "so_error = ECONNRESET; lwip agent conn.c err_code(): ERR_RST" },
	{ TCP_N_USER_TIMEOUT, "the user timeout expired (R_3_10_8_USER_TIMEOUT)",
	  "RFC 9293 3.10.8 (user timeout)", "connection aborted due to user timeout",
	  ALL("ETIMEDOUT"),
	  "Linux tcp_write_timeout() -> tcp_write_err(): sk_err_soft ?: ETIMEDOUT; "
	  "4.4BSD tcp_timers(): tcp_drop(tp, t_softerror ?: ETIMEDOUT); lwip agent "
	  "conn.c err_code(): ERR_ABRT" },
	{ TCP_N_TIMED_OUT, "retransmissions or keep-alive probes gave up",
	  "RFC 9293 3.8.3, 3.8.4; RFC 1122 4.2.3.5 (R2)", "connection timed out",
	  ALL("ETIMEDOUT"),
	  "Linux tcp_write_err() and tcp_keepalive_timer(): ETIMEDOUT; 4.4BSD "
	  "tcp_timers(): TCPT_REXMT and TCPT_KEEP, tcp_drop(tp, ETIMEDOUT); lwip agent "
	  "conn.c err_code(): ERR_ABRT" },
	/* what the calls themselves are told (not a connection's error) */
	{ TCP_N_REMOTE_CLOSE, "the peer's FIN arrived", "RFC 9293 3.10.7.4 (eighth check)",
	  "connection closing", ALL("0"),
	  "read() returns 0 once the data before the FIN has been read (POSIX read(): "
	  "end-of-file); Linux tcp_fin() sets RCV_SHUTDOWN and SOCK_DONE" },
	{ TCP_N_CLOSING, "RECEIVE in CLOSE-WAIT with nothing left, CLOSING, LAST-ACK, TIME-WAIT",
	  "RFC 9293 3.10.3", "connection closing", ALL("0"),
	  "recv() returns 0: end of stream (Linux tcp_recvmsg(): SOCK_DONE)" },
	{ TCP_N_CLOSING, "SEND after CLOSE (FIN-WAIT-1, FIN-WAIT-2, CLOSING, LAST-ACK, TIME-WAIT)",
	  "RFC 9293 3.10.2, 3.10.4", "connection closing", ALL("EPIPE"),
	  "send() after shutdown(SHUT_WR): EPIPE (POSIX send(); Linux tcp_sendmsg(): "
	  "SEND_SHUTDOWN)" },
	{ TCP_N_NOT_EXIST, "RECEIVE or SEND after the connection ended",
	  "RFC 9293 3.10.2, 3.10.3", "connection does not exist",
	  ALL("the unreported error, else 0 (recv) or EPIPE (send)"),
	  "the error that ended the connection is reported once (POSIX SO_ERROR: "
	  "reports and clears it; Linux sock_error()); then recv() returns 0 and send() "
	  "EPIPE (Linux tcp_done(): SHUTDOWN_MASK); a target that keeps reporting the "
	  "error (the lwip agent) is accepted too" },
	{ TCP_N_NONE, "RECEIVE with nothing to deliver, SEND before the connection is open",
	  "RFC 9293 3.10.2, 3.10.3", "(the call waits or is queued)", ALL("EAGAIN"),
	  "a non-blocking socket (the agents' calls do not wait): EAGAIN" },
};

size_t app_errno_nrows(void)
{
	return sizeof rows / sizeof rows[0];
}

const struct app_errno_row *app_errno_row(size_t i)
{
	return i < app_errno_nrows() ? &rows[i] : NULL;
}

static int profile_column(const struct tcp_profile *p)
{
	return p != NULL && (unsigned)p->id < TCP_NPROFILES ? (int)p->id : TCP_PROFILE_RFC9293;
}

const char *app_errno_for(const struct tcp_profile *p, const struct tcp_result *r,
			  enum tcp_state before)
{
	int col = profile_column(p);

	switch (r->notify) {
	case TCP_N_RESET:
		if (r->rule == R_3_10_7_3_RST)
			return rows[0].errname[col];
		if (before == TCP_CLOSE_WAIT)
			return rows[2].errname[col];
		return rows[3].errname[col];
	case TCP_N_REFUSED:
		return rows[1].errname[col];
	case TCP_N_USER_TIMEOUT:
		return rows[4].errname[col];
	case TCP_N_TIMED_OUT:
		return rows[5].errname[col];
	default:
		return NULL;
	}
}

int app_errno_value(const char *name)
{
	if (name == NULL || name[0] != 'E')
		return 0;
	for (int e = 1; e < 256; e++) {
		const char *n = strerrorname_np(e);

		if (n != NULL && strcmp(n, name) == 0)
			return e;
	}
	return 0;
}

const char *app_errno_name(int e)
{
	const char *n = e > 0 ? strerrorname_np(e) : NULL;

	return n != NULL ? n : "E?";
}

bool app_errno_ends_connection(int e)
{
	return e == ECONNRESET || e == ECONNREFUSED || e == ETIMEDOUT || e == EPIPE ||
	       e == ECONNABORTED;
}

/* --- what a call returns ------------------------------------------------ */

static void predict_value(struct mr_call *o, long v, bool upto, int alt, const char *why)
{
	o->kind = MR_CALL_VALUE;
	o->value = v;
	o->upto = upto;
	o->alt_err = alt;
	o->why = why;
}

static void predict_errno(struct mr_call *o, int e, int alt, const char *why)
{
	o->kind = MR_CALL_ERRNO;
	o->err = e;
	o->alt_err = alt;
	o->why = why;
}

static void predict_recv(const struct mr *m, const struct mr_step *s, struct mr_call *o)
{
	const struct mr_sock *k = &m->sock;

	switch (s->res.notify) {
	case TCP_N_OK:
		predict_value(o, s->res.delivered, false, 0, "RFC 9293 3.10.3: the text is delivered");
		return;
	case TCP_N_CLOSING:
		predict_value(o, 0, false, 0, "RFC 9293 3.10.3 \"connection closing\": end of stream");
		return;
	case TCP_N_NOT_EXIST:
		if (k->fin)
			predict_value(o, 0, false, 0, "RFC 9293 3.10.7.4 (eighth check): the peer's FIN "
				      "came before the connection ended: end of stream");
		else if (k->pending != 0)
			predict_errno(o, k->pending, 0, "the error that ended the connection, "
				      "reported once (appcall.c)");
		else if (k->told != 0)
			predict_value(o, 0, false, k->told, "the connection ended and its error was "
				      "reported: end of stream");
		return;
	case TCP_N_NONE:
		if (s->before.state != TCP_LISTEN)
			predict_errno(o, EAGAIN, 0, "RFC 9293 3.10.3: nothing to deliver, the "
				      "call would wait (non-blocking: EAGAIN)");
		return;
	default:
		return;
	}
}

static void predict_send(const struct mr *m, const struct mr_step *s, uint32_t n,
			 struct mr_call *o)
{
	const struct mr_sock *k = &m->sock;

	switch (s->res.notify) {
	case TCP_N_OK:
		if (s->before.state >= TCP_ESTABLISHED)
			predict_value(o, n, true, 0, "RFC 9293 3.10.2: the data is taken");
		return;
	case TCP_N_CLOSING:
		predict_errno(o, EPIPE, 0, "RFC 9293 3.10.2 \"connection closing\": the sending "
			      "side is closed");
		return;
	case TCP_N_NOT_EXIST:
		if (k->pending != 0)
			predict_errno(o, k->pending, 0, "the error that ended the connection, "
				      "reported once (appcall.c)");
		else if (k->told != 0)
			predict_errno(o, EPIPE, k->told, "the connection ended and its error was "
				      "reported: EPIPE");
		return;
	default:
		return;
	}
}

void mr_call_predict(const struct mr *m, enum scn_app app, uint32_t n, const struct mr_step *s,
		     struct mr_call *out)
{
	memset(out, 0, sizeof *out);
	if (s == NULL)
		return;
	switch (app) {
	case APP_RECV:
		predict_recv(m, s, out);
		break;
	case APP_SEND:
		predict_send(m, s, n, out);
		break;
	case APP_CLOSE:
	case APP_SHUTDOWN:
	case APP_ABORT:
		if (s->res.notify == TCP_N_OK)
			predict_value(out, 0, false, 0, "RFC 9293 3.10.4, 3.10.5: the call succeeds");
		break;
	default:
		break;
	}
}

bool mr_call_matches(const struct mr_call *p, int rc, long value)
{
	switch (p->kind) {
	case MR_CALL_VALUE:
		if (rc == 0)
			return p->upto ? value >= 1 && value <= p->value : value == p->value;
		return rc == p->alt_err && rc != 0;
	case MR_CALL_ERRNO:
		return rc == p->err || (rc != 0 && rc == p->alt_err);
	default:
		return true;
	}
}

const char *mr_call_text(const struct mr_call *p, enum scn_app app, char *buf, size_t len)
{
	char alt[48] = "";

	if (p->alt_err != 0)
		snprintf(alt, sizeof alt, " (or fails with %s again)", app_errno_name(p->alt_err));
	if (p->kind == MR_CALL_VALUE && p->upto)
		snprintf(buf, len, "app %s returns 1..%ld%s", scn_app_name(app), p->value, alt);
	else if (p->kind == MR_CALL_VALUE)
		snprintf(buf, len, "app %s returns %ld%s%s", scn_app_name(app), p->value,
			 app == APP_RECV && p->value == 0 ? " (end of stream)" : "", alt);
	else if (p->kind == MR_CALL_ERRNO)
		snprintf(buf, len, "app %s fails with %s%s", scn_app_name(app), app_errno_name(p->err),
			 alt);
	else
		snprintf(buf, len, "app %s: nothing predicted", scn_app_name(app));
	return buf;
}

const char *mr_call_observed(enum scn_app app, int rc, long value, char *buf, size_t len)
{
	if (rc == 0)
		snprintf(buf, len, "app %s returned %ld%s", scn_app_name(app), value,
			 app == APP_RECV && value == 0 ? " (end of stream)" : "");
	else
		snprintf(buf, len, "app %s failed with %s", scn_app_name(app), app_errno_name(rc));
	return buf;
}

void mr_sock_reported(struct mr *m, int e)
{
	if (e == 0 || !(e == m->sock.pending || app_errno_ends_connection(e)))
		return;
	m->sock.pending = 0;
	m->sock.told = e;
}
