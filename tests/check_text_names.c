/*
 * check_text_names.c - the names of model/tcp_text.c: states in RFC 9293
 * 3.3.2 spelling, notifications in the words of 3.10, and every rule with
 * its name, section and summary (parsing text is conformance/scenario:
 * check_text.c).
 */
#include <stdlib.h>
#include <string.h>

#include "support/model_check.h"

/* RFC 9293 3.3.2: the states in the RFC's spelling (docs/design.md) */
START_TEST(test_state_names_use_rfc_9293_spelling)
{
	static const char *const rfc[TCP_NSTATES] = {
		"CLOSED", "LISTEN", "SYN-SENT", "SYN-RECEIVED", "ESTABLISHED",
		"FIN-WAIT-1", "FIN-WAIT-2", "CLOSE-WAIT", "CLOSING", "LAST-ACK",
		"TIME-WAIT",
	};

	for (int s = 0; s < TCP_NSTATES; s++)
		ck_assert_str_eq(tcp_state_name((enum tcp_state)s), rfc[s]);
	ck_assert_str_eq(tcp_state_name(TCP_NSTATES), "?");
}
END_TEST

/* RFC 9293 3.10: the user is told in the RFC's words */
START_TEST(test_notifications_use_rfc_9293_wording)
{
	ck_assert_str_eq(tcp_notify_text(TCP_N_EXISTS),
			 "error: connection already exists");
	ck_assert_str_eq(tcp_notify_text(TCP_N_NOT_EXIST),
			 "error: connection does not exist");
	ck_assert_str_eq(tcp_notify_text(TCP_N_CLOSING),
			 "error: connection closing");
	ck_assert_str_eq(tcp_notify_text(TCP_N_INSUFFICIENT),
			 "error: insufficient resources");
	ck_assert_str_eq(tcp_notify_text(TCP_N_RESET), "connection reset");
	ck_assert_str_eq(tcp_notify_text(TCP_N_REFUSED), "connection refused");
	ck_assert_str_eq(tcp_notify_text(TCP_N_REMOTE_CLOSE), "connection closing");
	ck_assert_str_eq(tcp_notify_text(TCP_N_USER_TIMEOUT),
			 "error: connection aborted due to user timeout");
	ck_assert_str_eq(tcp_notify_text(TCP_NNOTIFY), "");
}
END_TEST

/* Every rule names itself and the RFC section behind it; out-of-range
 * values of every name table answer without reading past it */
START_TEST(test_every_rule_has_name_section_and_summary)
{
	for (int r = R_NONE + 1; r < TCP_NRULES; r++) {
		const char *name = tcp_rule_name((enum tcp_rule)r);

		ck_assert_msg(name && strncmp(name, "R_", 2) == 0,
			      "rule %d has no name", r);
		ck_assert_msg(tcp_rule_summary((enum tcp_rule)r)[0] != '\0',
			      "%s has no summary", name);
		ck_assert_msg(tcp_rule_label((enum tcp_rule)r) != NULL,
			      "%s has no label", name);
		if (r != R_INVALID_EVENT)
			ck_assert_msg(strstr(tcp_rule_section((enum tcp_rule)r),
					     "RFC") != NULL,
				      "%s cites no RFC", name);
	}
	ck_assert_str_eq(tcp_rule_name(TCP_NRULES), tcp_rule_name(R_NONE));
	ck_assert_str_eq(tcp_timer_name(TCP_T_TIME_WAIT), "time-wait");
	ck_assert_str_eq(tcp_timer_name(TCP_NTIMERS), "?");
	ck_assert_str_eq(tcp_call_name(TCP_CALL_OPEN_PASSIVE), "open-passive");
	ck_assert_str_eq(tcp_call_name(TCP_NCALLS), "?");
	ck_assert_str_eq(tcp_profile_name(TCP_PROFILE_RFC9293_5961),
			 "rfc9293-5961");
	ck_assert_str_eq(tcp_profile_name(TCP_NPROFILES), "?");
	ck_assert(tcp_profile_doc(TCP_PROFILE_LINUX)[0] != '\0');
	ck_assert_str_eq(tcp_profile_doc(TCP_NPROFILES), "");
}
END_TEST

static Suite *text_names_suite(void)
{
	Suite *s = suite_create("text_names");
	TCase *tc = tcase_create("names");

	model_add_test(tc, test_state_names_use_rfc_9293_spelling, false);
	model_add_test(tc, test_notifications_use_rfc_9293_wording, false);
	model_add_test(tc, test_every_rule_has_name_section_and_summary, false);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return model_run_suite(text_names_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
