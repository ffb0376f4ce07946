/*
 * check_profile.c - the built-in profiles of model/tcp_profile.c: lookup,
 * the RFC 9293 defaults of the rfc9293 profile, and the table of named,
 * documented switches.
 */
#include <stdlib.h>

#include "support/model_check.h"

/* The profiles: each id is its own table; an unknown id falls back to the
 * strict rfc9293 profile; the RFC 9293 profile keeps RFC 9293 defaults
 * (no RFC 5961 switches, RST obeyed in TIME-WAIT, no FIN-WAIT-2 timeout) */
START_TEST(test_profiles_lookup_and_rfc9293_defaults)
{
	const struct tcp_profile *rfc = tcp_profile_get(TCP_PROFILE_RFC9293);

	for (int id = 0; id < TCP_NPROFILES; id++)
		ck_assert_int_eq(tcp_profile_get((enum tcp_profile_id)id)->id, id);
	ck_assert_ptr_eq(tcp_profile_get(TCP_NPROFILES), rfc);
	ck_assert(!rfc->rst_challenge && !rfc->syn_challenge &&
		  !rfc->ack_check_5961 && !rfc->tw_ignore_rst &&
		  !rfc->tw_accept_syn && !rfc->fin_wait_2_timeout &&
		  !rfc->abort_rst_ack);
	ck_assert(tcp_profile_get(TCP_PROFILE_RFC9293_5961)->rst_challenge);
	ck_assert(tcp_profile_get(TCP_PROFILE_RFC9293_5961)->syn_challenge);
	ck_assert(tcp_profile_get(TCP_PROFILE_RFC9293_5961)->ack_check_5961);
}
END_TEST

/* The profile switches are named and documented once, in the model; every
 * entry names a distinct field of struct tcp_profile (DESIGN.md: "named,
 * documented switches"). */
START_TEST(test_profile_switches_are_named_documented_and_distinct)
{
	unsigned n;
	const struct tcp_switch_info *sw = tcp_profile_switches(&n);

	ck_assert_uint_ge(n, 15);
	for (unsigned i = 0; i < n; i++) {
		ck_assert_msg(sw[i].name[0] && sw[i].doc[0], "switch %u unnamed", i);
		ck_assert_uint_lt(sw[i].offset, sizeof(struct tcp_profile));
		for (unsigned k = 0; k < i; k++)
			ck_assert_msg(sw[k].offset != sw[i].offset, "%s and %s share a field",
				      sw[k].name, sw[i].name);
	}
}
END_TEST

static Suite *profile_suite(void)
{
	Suite *s = suite_create("profile");
	TCase *tc = tcase_create("profiles");

	model_add_test(tc, test_profiles_lookup_and_rfc9293_defaults, false);
	model_add_test(tc, test_profile_switches_are_named_documented_and_distinct, false);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return model_run_suite(profile_suite()) == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
