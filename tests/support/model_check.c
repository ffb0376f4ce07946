/*
 * model_check.c - Check helpers for the model's suites (model_check.h).
 */
#include "model_check.h"

void model_add_test(TCase *tc, const TTest *t, bool per_profile)
{
	if (per_profile)
		tcase_add_loop_test(tc, t, 0, TCP_NPROFILES);
	else
		tcase_add_test(tc, t);
}

void model_run_script(struct tcp_tcb *t, const struct model_script_step *steps,
		      size_t n, enum tcp_profile_id pid)
{
	for (size_t i = 0; i < n; i++) {
		const struct model_script_step *st = &steps[i];
		struct tcp_tcb next;
		struct tcp_result out;
		char e[16], g[16];
		int ret = model_step(t, st->ev, prof(pid), &next, &out);

		ck_assert_msg(ret == 0, "%s step %zu (%s): tcp_step returned %d",
			      tcp_profile_name(pid), i, st->what, ret);
		ck_assert_msg(next.state == st->state,
			      "%s step %zu (%s): state: expected %s, got %s",
			      tcp_profile_name(pid), i, st->what,
			      tcp_state_name(st->state),
			      tcp_state_name(next.state));
		ck_assert_msg(st->rule == R_NONE || out.rule == st->rule,
			      "%s step %zu (%s): rule: expected %s, got %s",
			      tcp_profile_name(pid), i, st->what,
			      tcp_rule_name(st->rule), tcp_rule_name(out.rule));
		if (st->nemit >= 0)
			ck_assert_msg(out.nemit == st->nemit,
				      "%s step %zu (%s): segments sent: "
				      "expected %d, got %d",
				      tcp_profile_name(pid), i, st->what,
				      st->nemit, out.nemit);
		if (st->nemit > 0) {
			const struct tcp_segment *s = &out.emit[0];

			ck_assert_msg(s->flags == st->flags && s->seq == st->seq &&
				      s->ack == st->ack && s->len == st->len,
				      "%s step %zu (%s): expected %s seq=%u "
				      "ack=%u len=%u, got %s seq=%u ack=%u len=%u",
				      tcp_profile_name(pid), i, st->what,
				      flags_str(st->flags, e), st->seq, st->ack,
				      st->len, flags_str(s->flags, g), s->seq,
				      s->ack, s->len);
		}
		*t = next;
	}
}

int model_run_suite(Suite *s)
{
	SRunner *sr = srunner_create(s);
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? 0 : 1;
}
