/*
 * drive.c - drive the model's side of a scenario as the runner does
 * (drive.h).
 */
#include "drive.h"

#include <check.h>
#include <string.h>

struct scn_step drive_line(const char *text)
{
	static struct scn s;
	char err[512] = "";

	ck_assert_msg(scn_parse("t.scn", text, &s, err, sizeof err) == 0 && s.nsteps == 1,
		      "'%s': %s", text, err);
	return s.steps[0];
}

struct tcp_segment drive_seg(uint8_t flags, uint32_t seq, uint32_t ack,
			     uint32_t len)
{
	struct tcp_segment s;

	memset(&s, 0, sizeof s);
	s.flags = flags;
	s.seq = seq;
	s.ack = ack;
	s.wnd = 65535;
	s.len = len;
	return s;
}

void drive_stimulus(struct mr *m, struct mq *q, const struct tcp_event *ev)
{
	struct mr_step s;

	mr_new_stimulus(m);
	mr_eval(m, ev, &s);
	mr_commit(m, &s);
	if (q != NULL)
		mq_push(q, &s.res);
}

void drive_app(struct mr *m, struct mq *q, const char *text)
{
	struct scn_step st = drive_line(text);
	struct tcp_event ev;

	if (mr_app_event(m, &st, &ev))
		drive_stimulus(m, q, &ev);
}

void drive_send(struct mr *m, struct mq *q, const char *text)
{
	struct scn_step st = drive_line(text);
	struct tcp_event ev;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.iss = m->target_iss;
	mr_send_segment(m, &st, &ev.seg);
	drive_stimulus(m, q, &ev);
}

struct mr_step drive_fire(struct mr *m, enum tcp_timer t)
{
	struct tcp_event ev;
	struct mr_step s;

	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_TIMEOUT;
	ev.timer = t;
	mr_eval(m, &ev, &s);
	mr_commit(m, &s);
	return s;
}

void drive_established(struct mr *m, enum tcp_profile_id pid)
{
	mr_init(m, tcp_profile_get(pid));
	drive_app(m, NULL, "app listen 8080");
	drive_send(m, NULL, "send S seq=0");
	drive_send(m, NULL, "send . seq=1 ack=1");
	ck_assert_msg(m->tcb.state == TCP_ESTABLISHED, "setup: %s",
		      tcp_state_name(m->tcb.state));
	ck_assert_uint_eq(m->tcb.snd_nxt, T_NXT);
	ck_assert_uint_eq(m->tcb.rcv_nxt, R_NXT);
}
