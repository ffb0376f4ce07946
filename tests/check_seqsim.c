/*
 * check_seqsim.c - Check suite for conformance/seqsim.[ch] and seqdiag.[ch]:
 * the sequence diagrams of docs/ are what two instances of the model do to
 * each other.  Peer A's ISS is 100 and peer B's 300, so the numbers can be
 * read against RFC 9293 Figure 6 (3.5) directly; the closes are Figures 12
 * and 13 (3.6) with the numbers the handshake leaves (A's SND.NXT 101, B's
 * 301).
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "docgen/seqsim.h"

static struct sq_diagram d;

static void run(const char *name)
{
	char err[256] = "";
	int i = seqsim_find(name);

	ck_assert_msg(i >= 0, "no sequence %s", name);
	ck_assert_msg(seqsim_run(i, tcp_profile_get(TCP_PROFILE_RFC9293), &d, err, sizeof err) == 0,
		      "%s: %s", name, err);
}

/* The states one side goes through, in order, each once. */
static void states_of(int side, char *buf, size_t len)
{
	size_t n = 0;

	buf[0] = '\0';
	for (int r = 0; r < d.nrows && n < len; r++)
		if (d.state[r][side][0])
			n += (size_t)snprintf(buf + n, len - n, "%s%s", n ? " " : "", d.state[r][side]);
}

static const struct sq_arrow *arrow_labelled(const char *label)
{
	for (int i = 0; i < d.narrows; i++)
		if (strcmp(d.arrows[i].label, label) == 0)
			return &d.arrows[i];
	ck_abort_msg("no arrow %s", label);
	return NULL;
}

static void assert_arrow(int i, int from, const char *label)
{
	ck_assert_int_gt(d.narrows, i);
	ck_assert_int_eq(d.arrows[i].from, from);
	ck_assert_str_eq(d.arrows[i].label, label);
}

static char *render(void (*fn)(FILE *, const struct sq_diagram *, int), int arg,
		    size_t *len)
{
	char *buf = NULL;
	FILE *f = open_memstream(&buf, len);

	fn(f, &d, arg);
	fclose(f);
	return buf;
}

static void text_of(FILE *f, const struct sq_diagram *dd, int unused)
{
	(void)unused;
	sq_text(f, dd);
}

/* RFC 9293 3.5 Figure 6, lines 2-4. */
START_TEST(test_handshake_is_figure_6)
{
	char a[256], b[256];

	run("handshake");
	ck_assert_int_eq(d.narrows, 3);
	assert_arrow(0, 0, "<SEQ=100><CTL=SYN>");
	assert_arrow(1, 1, "<SEQ=300><ACK=101><CTL=SYN,ACK>");
	assert_arrow(2, 0, "<SEQ=101><ACK=301><CTL=ACK>");
	states_of(0, a, sizeof a);
	states_of(1, b, sizeof b);
	ck_assert_str_eq(a, "CLOSED SYN-SENT ESTABLISHED");
	ck_assert_str_eq(b, "LISTEN SYN-RECEIVED ESTABLISHED");
}
END_TEST

/* RFC 9293 3.6 Figure 12: FIN, ACK, FIN, ACK; A lingers in TIME-WAIT. */
START_TEST(test_close_is_figure_12)
{
	char a[256], b[256];

	run("close");
	ck_assert_int_eq(d.narrows, 4);
	assert_arrow(0, 0, "<SEQ=101><ACK=301><CTL=FIN,ACK>");
	assert_arrow(1, 1, "<SEQ=301><ACK=102><CTL=ACK>");
	assert_arrow(2, 1, "<SEQ=301><ACK=102><CTL=FIN,ACK>");
	assert_arrow(3, 0, "<SEQ=102><ACK=302><CTL=ACK>");
	states_of(0, a, sizeof a);
	states_of(1, b, sizeof b);
	ck_assert_str_eq(a, "ESTABLISHED FIN-WAIT-1 FIN-WAIT-2 TIME-WAIT CLOSED");
	ck_assert_str_eq(b, "ESTABLISHED CLOSE-WAIT LAST-ACK CLOSED");
}
END_TEST

/* RFC 9293 3.5 Figure 7: "Each TCP peer's connection state cycles from
 * CLOSED to SYN-SENT to SYN-RECEIVED to ESTABLISHED"; the SYNs cross. */
START_TEST(test_simultaneous_open_syns_cross)
{
	char a[256], b[256];
	const struct sq_arrow *syn_a, *syn_b;

	run("simultaneous-open");
	syn_a = arrow_labelled("<SEQ=100><CTL=SYN>");
	syn_b = arrow_labelled("<SEQ=300><CTL=SYN>");
	ck_assert_int_eq(syn_a->from, 0);
	ck_assert_int_eq(syn_b->from, 1);
	ck_assert_int_lt(syn_a->sent, syn_b->sent);         /* A first, */
	ck_assert_int_lt(syn_b->sent, syn_a->arrived);      /* both in flight, */
	ck_assert_int_gt(syn_a->arrived, syn_b->arrived);   /* crossing */
	states_of(0, a, sizeof a);
	states_of(1, b, sizeof b);
	ck_assert_ptr_nonnull(strstr(a, "CLOSED SYN-SENT SYN-RECEIVED"));
	ck_assert_ptr_nonnull(strstr(b, "CLOSED SYN-SENT SYN-RECEIVED"));
	ck_assert_str_eq(a + strlen(a) - strlen("ESTABLISHED"), "ESTABLISHED");
	ck_assert_str_eq(b + strlen(b) - strlen("ESTABLISHED"), "ESTABLISHED");
}
END_TEST

/* RFC 9293 3.6 Figure 13: both FIN-WAIT-1, CLOSING, TIME-WAIT, CLOSED. */
START_TEST(test_simultaneous_close_is_figure_13)
{
	char a[256], b[256];

	run("simultaneous-close");
	assert_arrow(0, 0, "<SEQ=101><ACK=301><CTL=FIN,ACK>");
	assert_arrow(1, 1, "<SEQ=301><ACK=101><CTL=FIN,ACK>");
	states_of(0, a, sizeof a);
	states_of(1, b, sizeof b);
	ck_assert_str_eq(a, "ESTABLISHED FIN-WAIT-1 CLOSING TIME-WAIT CLOSED");
	ck_assert_str_eq(b, "ESTABLISHED FIN-WAIT-1 CLOSING TIME-WAIT CLOSED");
}
END_TEST

START_TEST(test_svg_is_escaped_and_deterministic)
{
	size_t n1, n2;
	char *s1, *s2;

	run("handshake");
	s1 = render(sq_svg, 1, &n1);
	s2 = render(sq_svg, 1, &n2);
	ck_assert_uint_eq(n1, n2);
	ck_assert_int_eq(memcmp(s1, s2, n1), 0);
	ck_assert_ptr_nonnull(strstr(s1, "&lt;SEQ=100&gt;&lt;CTL=SYN&gt;"));
	ck_assert_ptr_null(strstr(s1, "<SEQ="));
	ck_assert_ptr_nonnull(strstr(s1, "<?xml"));
	free(s1);
	free(s2);
	s1 = render(sq_svg, 0, &n1);
	ck_assert_ptr_null(strstr(s1, "<?xml"));   /* inline form, for HTML */
	free(s1);
}
END_TEST

/* The RFC's notation: "-->" where the segment leaves, "..." in flight. */
START_TEST(test_text_uses_rfc_notation)
{
	size_t n;
	char *t;

	run("handshake");
	t = render(text_of, 0, &n);
	ck_assert_ptr_nonnull(strstr(t, "SYN-SENT       --> <SEQ=100><CTL=SYN> ..."));
	ck_assert_ptr_nonnull(strstr(t, "... <SEQ=100><CTL=SYN> -->"));
	free(t);
}
END_TEST

START_TEST(test_unknown_sequence_is_refused)
{
	char err[256] = "";

	ck_assert_int_eq(seqsim_find("no-such"), -1);
	ck_assert_int_eq(seqsim_run(-1, tcp_profile_get(TCP_PROFILE_RFC9293), &d, err, sizeof err), -1);
	ck_assert_str_ne(err, "");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("seqsim");
	TCase *tc = tcase_create("sequences");
	SRunner *sr;
	int failed;

	tcase_add_test(tc, test_handshake_is_figure_6);
	tcase_add_test(tc, test_close_is_figure_12);
	tcase_add_test(tc, test_simultaneous_open_syns_cross);
	tcase_add_test(tc, test_simultaneous_close_is_figure_13);
	tcase_add_test(tc, test_svg_is_escaped_and_deterministic);
	tcase_add_test(tc, test_text_uses_rfc_notation);
	tcase_add_test(tc, test_unknown_sequence_is_refused);
	suite_add_tcase(s, tc);
	sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
