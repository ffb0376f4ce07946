/*
 * check_profiles.c - profiles as data (conformance/profiles/): the catalog
 * covers every switch of struct tcp_profile and nothing else; every switch
 * and every built-in profile survives writing and reading back; a bad file
 * gets an error with its file, line and what was expected; the RFC status of
 * each switch is the one RFC 9293 gives it; a profile read from a file runs
 * the scenarios its switches agree with.
 */
#include <check.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profiles/profile.h"
#include "run/runner.h"
#include "scenario/scenario.h"

static char TEXT[65536];
static char ERR[1024];

/* p in its file form, into TEXT. */
static const char *written(const struct profile_def *p)
{
	FILE *f = fmemopen(TEXT, sizeof TEXT, "w");

	ck_assert_ptr_nonnull(f);
	profile_file_write(f, p);
	ck_assert_int_eq(fclose(f), 0);
	return TEXT;
}

static int parse(const char *text, struct profile_def *out)
{
	ERR[0] = '\0';
	return profile_file_parse(text, "t.profile", out, ERR, sizeof ERR);
}

static void assert_same(const struct profile_def *a, const struct profile_def *b)
{
	ck_assert_str_eq(a->name, b->name);
	ck_assert_str_eq(a->describes, b->describes);
	ck_assert_int_eq(a->builtin, b->builtin);
	for (unsigned k = 0; k < profile_nswitches(); k++) {
		struct profile_switch sw;

		profile_switch_get(k, &sw);
		ck_assert_msg(profile_value(&sw, &a->tcp) == profile_value(&sw, &b->tcp),
			      "%s: %u, read back %u", sw.name, profile_value(&sw, &a->tcp),
			      profile_value(&sw, &b->tcp));
		ck_assert_str_eq(a->source[k], b->source[k]);
	}
}

/* --- the catalog ------------------------------------------------------------ */

static bool valid_label(const char *l)
{
	const char *kinds[] = { "MUST-", "SHLD-", "MAY-", "REC-" };

	if (l[0] == '\0')
		return true;
	for (size_t i = 0; i < 4; i++)
		if (strncmp(l, kinds[i], strlen(kinds[i])) == 0 && isdigit((unsigned char)l[strlen(kinds[i])]))
			return true;
	return false;
}

/* Every switch of the model has its RFC status in the catalog, with the
 * section and sentence it concerns; no catalog entry names a switch the
 * model lacks. */
START_TEST(test_catalog_covers_every_switch_of_the_model_and_nothing_else)
{
	char stray[256];

	ck_assert_uint_le(profile_nswitches(), PROFILE_MAX_SWITCHES);
	for (unsigned k = 0; k < profile_nswitches(); k++) {
		struct profile_switch sw;

		ck_assert_msg(profile_switch_get(k, &sw) == 0,
			      "switch %s of the model is not in conformance/profiles/profile_catalog.c",
			      sw.name);
		ck_assert_msg(strncmp(sw.section, "RFC 9293 ", 9) == 0, "%s: section '%s'", sw.name,
			      sw.section);
		ck_assert_msg(sw.rfc[0] && sw.note[0], "%s: no RFC sentence or reason", sw.name);
		ck_assert_msg(valid_label(sw.label), "%s: label '%s'", sw.name, sw.label);
		ck_assert_msg(sw.when_set != PROFILE_RFC, "%s: a set switch has a status", sw.name);
	}
	ck_assert_msg(profile_catalog_stray(stray, sizeof stray) == 0,
		      "the catalog names switches the model lacks: %s", stray);
}
END_TEST

/* Every field of struct tcp_profile (model/tcp.h) but its id is a switch:
 * a field the model's table leaves out would be a value no profile file
 * could set. */
START_TEST(test_every_field_of_struct_tcp_profile_is_a_switch)
{
	FILE *f = fopen("model/tcp.h", "r");
	char line[256];
	bool in = false;
	unsigned fields = 0;

	ck_assert_msg(f != NULL, "run from the top of the tree: model/tcp.h");
	while (fgets(line, sizeof line, f) != NULL) {
		char name[64], *semi = strchr(line, ';'), *b;

		if (strncmp(line, "struct tcp_profile {", 20) == 0) {
			in = true;
			continue;
		}
		if (!in)
			continue;
		if (line[0] == '}')
			break;
		if (semi == NULL || (strstr(line, "/*") != NULL && strstr(line, "/*") < semi))
			continue;
		/* the declared name: the identifier before the ';' */
		for (b = semi; b > line && (isalnum((unsigned char)b[-1]) || b[-1] == '_'); b--)
			;
		snprintf(name, sizeof name, "%.*s", (int)(semi - b), b);
		if (strcmp(name, "id") == 0)
			continue;
		fields++;
		ck_assert_msg(profile_switch_find(name) >= 0,
			      "struct tcp_profile has %s, which is not a switch of model/tcp_profile.c", name);
	}
	fclose(f);
	ck_assert_uint_eq(fields, profile_nswitches());
}
END_TEST

/* --- writing and reading back ------------------------------------------------ */

/* Each switch set in turn (true; a counter at 1 and 255) and every other
 * switch at rfc9293's value: written and read back, the profile is the
 * same, source included. */
START_TEST(test_each_switch_set_in_turn_round_trips)
{
	static struct profile_def p, back;
	const unsigned values[] = { 1, 2, 255 };

	for (unsigned k = 0; k < profile_nswitches(); k++) {
		struct profile_switch sw;

		profile_switch_get(k, &sw);
		for (size_t v = 0; v < (sw.is_bool ? 1 : 3); v++) {
			profile_builtin(TCP_PROFILE_RFC9293, &p);
			snprintf(p.name, sizeof p.name, "mystack");
			snprintf(p.describes, sizeof p.describes, "MyStack 1.0");
			p.builtin = -1;
			profile_value_set(&sw, &p.tcp, values[v]);
			snprintf(p.source[k], sizeof p.source[k], "src/tcp_in.c:tcp_input()");
			ck_assert_msg(parse(written(&p), &back) == 0, "%s = %u: %s", sw.name, values[v], ERR);
			assert_same(&p, &back);
		}
	}
}
END_TEST

/* Every built-in profile written and read back is itself (the id too), and
 * is what conformance/profiles/NAME.profile holds (make docs writes them). */
START_TEST(test_every_builtin_profile_round_trips_and_matches_its_file)
{
	static struct profile_def p, back, file;
	char path[128];

	for (int id = 0; id < TCP_NPROFILES; id++) {
		profile_builtin((enum tcp_profile_id)id, &p);
		ck_assert_msg(parse(written(&p), &back) == 0, "%s: %s", p.name, ERR);
		assert_same(&p, &back);
		ck_assert_int_eq(back.tcp.id, id);
		snprintf(path, sizeof path, "conformance/profiles/%s.profile", p.name);
		ck_assert_msg(profile_file_read(path, &file, ERR, sizeof ERR) == 0, "%s", ERR);
		assert_same(&p, &file);
	}
}
END_TEST

/* --- errors: file, line, what was expected -------------------------------- */

static const char good[] =
	"# a stack's profile\n"
	"name = mystack\n"
	"describes = MyStack 1.0\n"
	"rst_challenge = true\n"
	"rst_challenge.source = src/tcp_in.c:tcp_input()\n";

static void assert_error(const char *text, const char *want)
{
	static struct profile_def p;

	ck_assert_int_eq(parse(text, &p), -1);
	ck_assert_msg(strstr(ERR, want) != NULL, "error '%s' lacks '%s'", ERR, want);
}

START_TEST(test_a_good_file_reads)
{
	static struct profile_def p;

	ck_assert_msg(parse(good, &p) == 0, "%s", ERR);
	ck_assert_str_eq(p.name, "mystack");
	ck_assert_int_eq(p.builtin, -1);
	ck_assert(p.tcp.rst_challenge);
	ck_assert(!p.tcp.syn_challenge);             /* rfc9293's value */
	ck_assert_uint_eq(p.tcp.keepalive_probes, 9); /* rfc9293's value */
	/* a comment after a blank, and blanks around '=' */
	ck_assert_msg(parse("name=mystack   # mine\ndescribes =  x\n", &p) == 0, "%s", ERR);
	ck_assert_str_eq(p.name, "mystack");
	ck_assert_str_eq(p.describes, "x");
}
END_TEST

START_TEST(test_bad_values_name_file_line_and_expectation)
{
	assert_error("name = a\ndescribes = b\nrst_challenge = yes\n",
		     "t.profile:3: expected 'true' or 'false' for rst_challenge, got 'yes'");
	assert_error("name = a\ndescribes = b\nkeepalive_probes = 300\n",
		     "t.profile:3: expected a number 0..255 for keepalive_probes, got '300'");
	assert_error("name = a\ndescribes = b\nsyn_retries = -1\n",
		     "t.profile:3: expected a number 0..255 for syn_retries, got '-1'");
	assert_error("name = a\ndescribes = b\nrst_challenge true\n",
		     "t.profile:3: expected 'key = value', got 'rst_challenge true'");
	assert_error("name = my stack\n", "t.profile:1: expected a name of 1 to 23 letters");
	assert_error("name = a\ndescribes =\n", "t.profile:2: expected a value after 'describes =', got none");
	/* regression (fuzz_profile): '#' right after '=' starts a comment, as
	 * it would once written back as "describes = #..." */
	assert_error("name = a\ndescribes =# x\n",
		     "t.profile:2: expected a value after 'describes =', got none");
}
END_TEST

START_TEST(test_unknown_and_duplicate_keys_are_errors)
{
	assert_error("name = a\ndescribes = b\nrst_chalenge = true\n",
		     "t.profile:3: unknown key 'rst_chalenge'");
	assert_error("name = a\ndescribes = b\nrst_challenge.sauce = x\n",
		     "t.profile:3: unknown key 'rst_challenge.sauce'");
	assert_error("name = a\ndescribes = b\nrst_challenge = false\n\nrst_challenge = true\n",
		     "t.profile:5: duplicate key 'rst_challenge' (first given on line 3)");
	assert_error("name = a\nname = b\n", "t.profile:2: duplicate key 'name' (first given on line 1)");
}
END_TEST

START_TEST(test_missing_header_and_sources_are_errors)
{
	assert_error("describes = b\n", "t.profile: expected a line 'name = NAME'");
	assert_error("name = a\n", "t.profile: expected a line 'describes = TEXT'");
	/* a switch that is set says where it comes from */
	assert_error("name = a\ndescribes = b\nsyn_challenge = true\n",
		     "t.profile:3: syn_challenge is set: expected a line 'syn_challenge.source = FILE:FUNCTION'");
	/* a built-in profile's name is that profile */
	assert_error("name = linux\ndescribes = b\nkeepalive_probes = 9\n",
		     "t.profile:1: name 'linux' is a built-in profile's, and this file differs from it in rst_challenge");
}
END_TEST

/* --- RFC status ---------------------------------------------------------------- */

static struct profile_switch sw_named(const char *name)
{
	struct profile_switch sw;
	int k = profile_switch_find(name);

	ck_assert_msg(k >= 0, "no switch %s", name);
	profile_switch_get((unsigned)k, &sw);
	return sw;
}

static const char *status(const char *name, unsigned v)
{
	static char buf[96];
	struct profile_switch sw = sw_named(name);

	return profile_status_text(&sw, v, buf, sizeof buf);
}

/* RFC 9293 3.8.4, MUST-29: "No answer to one particular keep-alive probe is
 * not taken as a dead connection": giving up after one unanswered probe
 * (or none) breaks MUST-29; after two or more the count is the stack's. */
START_TEST(test_keepalive_probes_below_two_depart_from_must_29)
{
	ck_assert_str_eq(status("keepalive_probes", 1), "departure MUST-29");
	ck_assert_str_eq(status("keepalive_probes", 2), "permitted");
	ck_assert_str_eq(status("keepalive_probes", 9), "permitted");
	assert_error("name = a\ndescribes = b\nkeepalive_probes = 1\nkeepalive_probes.source = x\n"
		     "keepalive_probes.status = permitted\n",
		     "t.profile:5: expected 'departure MUST-29' for keepalive_probes.status");
}
END_TEST

/* Choices RFC 9293 leaves open: MAY-2 (a SYN reopens TIME-WAIT), MAY-12
 * (RFC 5961's ACK check), SHLD-3 (RST on a close that loses data), MUST-36
 * (zero-window probing, whatever the probe's form), RFC 5961's challenge
 * ACKs (3.10.7.4: an optional mitigation). */
START_TEST(test_choices_rfc9293_leaves_open_are_permitted)
{
	ck_assert_str_eq(status("tw_accept_syn", 1), "permitted");
	ck_assert_str_eq(sw_named("tw_accept_syn").label, "MAY-2");
	ck_assert_str_eq(status("ack_check_5961", 1), "permitted");
	ck_assert_str_eq(sw_named("ack_check_5961").label, "MAY-12");
	ck_assert_str_eq(status("rst_on_close_unread", 1), "permitted");
	ck_assert_str_eq(sw_named("rst_on_close_unread").label, "SHLD-3");
	ck_assert_str_eq(status("zwp_no_data", 1), "permitted");
	ck_assert_str_eq(sw_named("zwp_no_data").label, "MUST-36");
	ck_assert_str_eq(status("rst_challenge", 1), "permitted");
	ck_assert_str_eq(status("syn_challenge", 1), "permitted");
	ck_assert_str_eq(status("rst_challenge", 0), "RFC 9293");
}
END_TEST

/* Sentences of RFC 9293 3.10.7.4 without a label: "If the RST bit is set,
 * then enter the CLOSED state" (TIME-WAIT); "If the ACK acks something
 * not yet sent ... send an ACK"; SYN-RECEIVED's "connection refused" and
 * return to LISTEN. */
START_TEST(test_departures_without_a_label_name_their_section)
{
	ck_assert_str_eq(status("tw_ignore_rst", 1), "departure RFC 9293 3.10.7.4");
	ck_assert_str_eq(status("ack_unsent_silent", 1), "departure RFC 9293 3.10.7.4");
	ck_assert_str_eq(status("synrcvd_rst_is_reset", 1), "departure RFC 9293 3.10.7.4");
	ck_assert_str_eq(status("synrcvd_syn_resets", 1), "departure RFC 9293 3.10.7.4");
	ck_assert_str_eq(status("fin_wait_2_timeout", 1), "departure RFC 9293 3.3.2");
}
END_TEST

/* The built-in profiles: rfc9293 and rfc9293-5961 depart from nothing;
 * every switch a built-in profile sets has a source. */
START_TEST(test_builtin_profiles_give_a_source_for_every_switch_set)
{
	static struct profile_def p;

	for (int id = 0; id < TCP_NPROFILES; id++) {
		profile_builtin((enum tcp_profile_id)id, &p);
		for (unsigned k = 0; k < profile_nswitches(); k++) {
			struct profile_switch sw;
			unsigned v;

			profile_switch_get(k, &sw);
			v = profile_value(&sw, &p.tcp);
			ck_assert_msg(v == 0 || p.source[k][0] != '\0', "%s: %s is set without a source",
				      p.name, sw.name);
			if (id == TCP_PROFILE_RFC9293 || id == TCP_PROFILE_RFC9293_5961)
				ck_assert_msg(profile_status_of(&sw, v) != PROFILE_DEPARTURE,
					      "%s departs with %s", p.name, sw.name);
		}
	}
}
END_TEST

/* --- a profile of its own runs the scenarios it agrees with ----------------- */

static const char *with_name(const char *text, const char *name)
{
	static char buf[65536];
	const char *at = strstr(text, "\nname = ");
	const char *eol;

	ck_assert_ptr_nonnull(at);
	eol = strchr(at + 1, '\n');
	snprintf(buf, sizeof buf, "%.*s\nname = %s%s", (int)(at - text), text, name, eol);
	return buf;
}

/* RFC 9293 3.10.7.4: a loaded copy of the linux profile (a name of its
 * own) runs a scenario every profile shares, not the strict RFC's reset
 * for an in-window RST (its challenge ACK contradicts it), and its own
 * challenge-ACK scenario. */
START_TEST(test_a_loaded_profile_runs_the_scenarios_the_model_agrees_with)
{
	static struct profile_def linux, mine;
	static struct scn s;
	char why[512];

	profile_builtin(TCP_PROFILE_LINUX, &linux);
	ck_assert_msg(parse(with_name(written(&linux), "mylinux"), &mine) == 0, "%s", ERR);
	ck_assert_int_eq(mine.builtin, -1);
	ck_assert_msg(scn_load("conformance/scenarios/passive-open.scn", &s, ERR, sizeof ERR) == 0, "%s", ERR);
	ck_assert(run_applies(&s, &mine, why, sizeof why));
	ck_assert_msg(scn_load("conformance/scenarios/rst-in-window-challenge.scn", &s, ERR, sizeof ERR) == 0, "%s", ERR);
	ck_assert(run_applies(&s, &mine, why, sizeof why));
	ck_assert_msg(scn_load("conformance/scenarios/rst-in-window-rfc9293.scn", &s, ERR, sizeof ERR) == 0, "%s", ERR);
	ck_assert(!run_applies(&s, &mine, why, sizeof why));
	ck_assert_msg(strstr(why, "not for profile mylinux") != NULL, "why '%s'", why);
}
END_TEST

static Suite *profiles_suite(void)
{
	Suite *s = suite_create("profiles");
	TCase *cat = tcase_create("catalog"), *io = tcase_create("files"),
	      *err = tcase_create("errors"), *st = tcase_create("status"),
	      *run = tcase_create("runs");

	tcase_add_test(cat, test_catalog_covers_every_switch_of_the_model_and_nothing_else);
	tcase_add_test(cat, test_every_field_of_struct_tcp_profile_is_a_switch);
	tcase_add_test(io, test_each_switch_set_in_turn_round_trips);
	tcase_add_test(io, test_every_builtin_profile_round_trips_and_matches_its_file);
	tcase_add_test(err, test_a_good_file_reads);
	tcase_add_test(err, test_bad_values_name_file_line_and_expectation);
	tcase_add_test(err, test_unknown_and_duplicate_keys_are_errors);
	tcase_add_test(err, test_missing_header_and_sources_are_errors);
	tcase_add_test(st, test_keepalive_probes_below_two_depart_from_must_29);
	tcase_add_test(st, test_choices_rfc9293_leaves_open_are_permitted);
	tcase_add_test(st, test_departures_without_a_label_name_their_section);
	tcase_add_test(st, test_builtin_profiles_give_a_source_for_every_switch_set);
	tcase_add_test(run, test_a_loaded_profile_runs_the_scenarios_the_model_agrees_with);
	suite_add_tcase(s, cat);
	suite_add_tcase(s, io);
	suite_add_tcase(s, err);
	suite_add_tcase(s, st);
	suite_add_tcase(s, run);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(profiles_suite());
	int failed;

	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
