/*
 * check_lwip_slirp.c - Check suite for the user-space stack targets: the
 * `lwip` target (target_lwip.c, agent_lwip.c) and the `slirp` target
 * (target_slirp.c, agent_slirp.c), each on a tap in a namespace pair
 * created with netns_options.tap, and the agent side of the line protocol
 * (agentline.c).
 *
 * Every test runs once per target (a loop test: 0 lwip, 1 slirp).  The
 * test process plays the tester: it enters the tester namespace, injects
 * segments on the veth with the wire module, answers the stack's ARP and
 * neighbour solicitations, and drives the application side with the
 * protocol commands (TARGETS.md): listen, accept, connect, send, recv,
 * close, state, reset.  State names are RFC 9293 3.3.2's.
 *
 * Needs root (namespaces, raw sockets); without root, or without the
 * agents (build/tcpspec-agent-lwip and -slirp, found next to this program
 * as ../tcpspec-agent-NAME or named by TCPSPEC_AGENT_LWIP and
 * TCPSPEC_AGENT_SLIRP), every test is skipped with a printed reason.
 */
#include <check.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "targets/agents/agentline.h"
#include "net/netns.h"
#include "net/packet.h"
#include "targets/exec.h"
#include "support/agentcmd.h"
#include "support/procstatus.h"
#include "net/wire.h"

#define LPORT 8080
#define RPORT 20000
#define TESTER_ISS 1000000u

static const char *const targets[] = {"lwip", "slirp"};
static char agents[2][PATH_MAX];
static struct target tg;
static struct wire w;
static char err[1024];
static int family = 4; /* of the segments tx() builds */

static const char *agent_program(int i)
{
	static const char *const env[] = {"TCPSPEC_AGENT_LWIP", "TCPSPEC_AGENT_SLIRP"};
	char self[PATH_MAX];
	ssize_t n;

	if (getenv(env[i]) != NULL)
		return getenv(env[i]);
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return NULL;
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(agents[i], sizeof(agents[i]), "%.*s/../tcpspec-agent-%s", PATH_MAX - 40, self,
		 targets[i]);
	return access(agents[i], X_OK) == 0 ? agents[i] : NULL;
}

/* Start target i; the test process moves into the tester namespace. */
static void start(int i)
{
	struct target_config cfg = {.spec = targets[i], .program = agent_program(i)};
	const struct target_ops *ops = target_find(targets[i]);

	ck_assert_ptr_nonnull(ops);
	ck_assert_msg(ops->setup(&tg, &cfg, err, sizeof(err)) == 0, "setup %s: %s", targets[i], err);
	ck_assert_msg(netns_enter(tg.net.tester_ns, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(wire_open(&w, tg.net.tester_if, "tcp or arp or icmp6", err, sizeof(err)) == 0,
		      "%s", err);
	family = 4;
}

static void stop(void)
{
	wire_close(&w);
	tg.ops->teardown(&tg);
}

#define ok(...) agent_ok(&tg, __VA_ARGS__)
#define refused(code, line) agent_refused(&tg, code, line)

static void addrs(struct pkt_addr *tester, struct pkt_addr *target)
{
	pkt_addr_parse(family == 6 ? tg.net.tester6_text : tg.net.tester4_text, tester);
	pkt_addr_parse(family == 6 ? tg.net.target6_text : tg.net.target4_text, target);
}

/* One segment from the tester (port RPORT) to the target's LPORT. */
static void tx(uint8_t flags, uint32_t seq, uint32_t ack, size_t len)
{
	uint8_t frame[PKT_MAX_FRAME];
	struct pkt_tcp t;
	size_t flen;

	pkt_tcp_init(&t);
	addrs(&t.src, &t.dst);
	t.sport = RPORT;
	t.dport = LPORT;
	t.seq = seq;
	t.ack = ack;
	t.flags = flags;
	t.window = 65535;
	t.opts.has_mss = (flags & PKT_SYN) != 0;
	t.opts.mss = 1460;
	t.payload_len = len;
	t.fill = PKT_FILL_PATTERN;
	ck_assert_msg(pkt_build_tcp(&t, tg.net.tester_mac, tg.net.target_mac, frame, sizeof(frame),
				    &flen, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(wire_send(&w, frame, flen, err, sizeof(err)) == 0, "%s", err);
}

/*
 * The next segment of the target to the tester's RPORT within limit_ms,
 * answering ARP and neighbour solicitations on the way; false if none.
 */
static bool rx_within(struct pkt_tcp *out, uint8_t *payload0, long limit_ms)
{
	struct pkt_addr tester, target;
	uint8_t buf[PKT_MAX_FRAME];
	struct timespec t0, t1;

	addrs(&tester, &target);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		struct pkt_addr mine[2];
		struct pkt_frame f;
		size_t len;
		long ms;

		clock_gettime(CLOCK_MONOTONIC, &t1);
		ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (ms > limit_ms || wire_recv(&w, (int)(limit_ms - ms), buf, sizeof(buf), &len, NULL,
					       err, sizeof(err)) != 1)
			return false;
		pkt_addr_parse(tg.net.tester4_text, &mine[0]);
		pkt_addr_parse(tg.net.tester6_text, &mine[1]);
		if (wire_answer_neighbour(&w, buf, len, tg.net.tester_mac, mine, 2, err,
					  sizeof(err)) != 0)
			continue;
		if (pkt_parse(buf, len, &f, err, sizeof(err)) != 0 || f.kind != PKT_KIND_TCP ||
		    f.tcp.dport != RPORT || !pkt_addr_equal(&f.tcp.dst, &tester))
			continue;
		*out = f.tcp;
		if (payload0 != NULL)
			*payload0 = f.tcp.payload_len > 0 ? f.tcp.payload[0] : 0;
		return true;
	}
}

/* The next segment within 2 s. */
static bool rx(struct pkt_tcp *out, uint8_t *payload0)
{
	return rx_within(out, payload0, 2000);
}

/* A segment with exactly these flags must come; returns it. */
static struct pkt_tcp expect(uint8_t flags, const char *what)
{
	struct pkt_tcp t;

	ck_assert_msg(rx(&t, NULL), "%s: no %s from the target", tg.stack, what);
	ck_assert_msg(t.flags == flags, "%s: %s: flags %#x, expected %#x", tg.stack, what, t.flags,
		      flags);
	return t;
}

/* Poll `state` until it says `want` (slirp and lwIP run their own clocks). */
static void expect_state(unsigned lport, unsigned rport, const char *want)
{
	struct timespec tick = {0, 5 * 1000 * 1000};

	for (int i = 0; i < 200; i++) {
		if (strcmp(ok("state %u %u", lport, rport), want) == 0)
			return;
		nanosleep(&tick, NULL);
	}
	ck_abort_msg("%s: state %u %u is %s, expected %s", tg.stack, lport, rport, agent_last_reply(),
		     want);
}

/* listen, SYN, SYN-ACK, ACK: ESTABLISHED; returns the target's ISS. */
static uint32_t passive_open(void)
{
	struct pkt_tcp synack;

	ok("listen %d", LPORT);
	tx(PKT_SYN, TESTER_ISS, 0, 0);
	synack = expect(PKT_SYN | PKT_ACK, "SYN-ACK");
	ck_assert_uint_eq(synack.ack, TESTER_ISS + 1);
	tx(PKT_ACK, TESTER_ISS + 1, synack.seq + 1, 0);
	expect_state(LPORT, RPORT, "ESTABLISHED");
	return synack.seq;
}

/* RFC 9293 3.5: LISTEN -> SYN-RECEIVED -> ESTABLISHED; `accept` names it. */
START_TEST(test_passive_open_is_established_and_accepted)
{
	start(_i);
	ok("listen %d", LPORT);
	ck_assert_str_eq(ok("state %d 0", LPORT), "LISTEN");
	tx(PKT_SYN, TESTER_ISS, 0, 0);
	ck_assert_uint_eq(expect(PKT_SYN | PKT_ACK, "SYN-ACK").ack, TESTER_ISS + 1);
	stop();
}
END_TEST

START_TEST(test_handshake_then_accept_reports_remote_port)
{
	char want[32];

	start(_i);
	passive_open();
	snprintf(want, sizeof(want), "2 %d", RPORT);
	ck_assert_str_eq(ok("accept 1"), want);
	refused("EAGAIN", "accept 1");
	stop();
}
END_TEST

/* SEND: the bytes follow the protocol's pattern; RECEIVE counts them. */
START_TEST(test_send_and_recv_move_bytes_both_ways)
{
	uint32_t iss;
	struct pkt_tcp t;
	uint8_t first = 0;

	start(_i);
	iss = passive_open();
	ok("accept 1");
	ck_assert_str_eq(ok("send 2 10"), "10");
	ck_assert_msg(rx(&t, &first) && t.payload_len == 10, "%s: no 10 bytes", tg.stack);
	ck_assert_uint_eq(t.seq, iss + 1);
	ck_assert_int_eq(first, 'a');
	tx(PKT_ACK | PKT_PSH, TESTER_ISS + 1, iss + 11, 50);
	ck_assert_uint_eq(expect(PKT_ACK, "ACK of 50 bytes").ack, TESTER_ISS + 51);
	ck_assert_str_eq(ok("recv 2 100"), "50");
	refused("EAGAIN", "recv 2 100");
	stop();
}
END_TEST

/* RFC 9293 3.6: CLOSE -> FIN-WAIT-1 -> FIN-WAIT-2 -> TIME-WAIT; reset clears it. */
START_TEST(test_close_reaches_time_wait_and_reset_removes_it)
{
	uint32_t iss;
	struct pkt_tcp fin;

	start(_i);
	iss = passive_open();
	ok("accept 1");
	ok("close 2");
	fin = expect(PKT_FIN | PKT_ACK, "FIN");
	ck_assert_uint_eq(fin.seq, iss + 1);
	tx(PKT_ACK, TESTER_ISS + 1, iss + 2, 0);
	expect_state(LPORT, RPORT, "FIN-WAIT-2");
	tx(PKT_FIN | PKT_ACK, TESTER_ISS + 1, iss + 2, 0);
	ck_assert_uint_eq(expect(PKT_ACK, "ACK of the FIN").ack, TESTER_ISS + 2);
	expect_state(LPORT, RPORT, "TIME-WAIT");
	ok("reset");
	ck_assert_str_eq(ok("state %d %d", LPORT, RPORT), "CLOSED");
	ck_assert_str_eq(ok("state %d 0", LPORT), "CLOSED");
	refused("EBADF", "close 1");
	stop();
}
END_TEST

/* RFC 9293 3.5: CLOSED -> SYN-SENT -> ESTABLISHED, from the given local port. */
START_TEST(test_connect_sends_syn_from_the_local_port)
{
	struct pkt_tcp syn;

	start(_i);
	ck_assert_str_eq(ok("connect %d %s %d", LPORT, tg.net.tester4_text, RPORT), "1");
	syn = expect(PKT_SYN, "SYN");
	ck_assert_uint_eq(syn.sport, LPORT);
	expect_state(LPORT, RPORT, "SYN-SENT");
	tx(PKT_SYN | PKT_ACK, TESTER_ISS, syn.seq + 1, 0);
	ck_assert_uint_eq(expect(PKT_ACK, "ACK of the SYN-ACK").ack, TESTER_ISS + 1);
	expect_state(LPORT, RPORT, "ESTABLISHED");
	if (_i == 0)
		ck_assert_str_eq(ok("error 1"), "NONE");
	else
		refused("ENOSYS", "error 1");
	stop();
}
END_TEST

START_TEST(test_ipv6_passive_open_is_established)
{
	start(_i);
	family = 6;
	passive_open();
	stop();
}
END_TEST

/* ABORT: <CTL=RST>; the connection is gone (RFC 9293 3.10.5). */
START_TEST(test_abort_sends_reset_and_closes)
{
	start(_i);
	passive_open();
	ok("accept 1");
	ok("abort 2");
	ck_assert_msg(expect(PKT_RST | PKT_ACK, "RST").flags & PKT_RST, "no RST");
	expect_state(LPORT, RPORT, "CLOSED");
	stop();
}
END_TEST

/* A user-space stack owns the addresses: the namespace's kernel has none. */
START_TEST(test_tap_pair_gives_the_kernel_no_address)
{
	char cmd[256], line[256];
	FILE *p;

	start(_i);
	ck_assert_str_eq(tg.net.target_if, NETNS_IF_TAP);
	ck_assert(tg.net.tap);
	snprintf(cmd, sizeof(cmd), "PATH=$PATH:/usr/sbin:/sbin ip -n %s -o addr show",
		 tg.net.target_ns);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	while (fgets(line, sizeof(line), p) != NULL)
		ck_assert_msg(strstr(line, "198.18.") == NULL && strstr(line, "2001:db8") == NULL,
			      "the target namespace's kernel has %s", line);
	ck_assert_int_eq(pclose(p), 0);
	stop();
}
END_TEST

START_TEST(test_hello_names_the_stack_and_version)
{
	start(_i);
	ck_assert_msg(strncmp(tg.stack, _i == 0 ? "lwip-2." : "slirp-4.", _i == 0 ? 7 : 8) == 0,
		      "stack '%s'", tg.stack);
	stop();
}
END_TEST

/* What a stack cannot do is ENOSYS, never a silent success. */
START_TEST(test_unsupported_options_are_enosys)
{
	start(_i);
	ok("listen %d", LPORT);
	refused("ENOSYS", "setopt 1 user_timeout 500");
	refused("ENOSYS", "setopt 1 linger2 1");
	if (_i == 0)
		ok("setopt 1 keepalive 1");
	else
		refused("ENOSYS", "setopt 1 keepalive 1");
	refused("EINVAL", "bogus");
	refused("EINVAL", "");
	refused("EBADF", "send 9 1");
	stop();
}
END_TEST

/*
 * RFC 9293 3.8.1 and RFC 6298 2.5: an unacknowledged SYN,ACK is sent
 * again when the retransmission timer fires, which 2.5 allows as late as
 * 60 s.  `advance` (TARGETS.md 4) moves the stack's clock one tick at a
 * time (its reply: lwIP's TCP_TMR_INTERVAL, slirp's slow timer), so the
 * retransmission comes within 60 s of the stack's clock and long before
 * that much real time.
 */
START_TEST(test_advance_retransmits_the_synack_within_60_s)
{
	unsigned tick = _i == 0 ? 250 : 500, ms = 0;
	struct pkt_tcp first, again;
	bool got = false;

	start(_i);
	ck_assert_str_eq(ok("advance 0"), _i == 0 ? "250" : "500");
	ok("listen %d", LPORT);
	tx(PKT_SYN, TESTER_ISS, 0, 0);
	first = expect(PKT_SYN | PKT_ACK, "SYN-ACK");
	while (!got && ms < 60000) {
		ok("advance %u", tick);
		ms += tick;
		got = rx_within(&again, NULL, 20);
	}
	ck_assert_msg(got, "%s: no SYN-ACK again within 60 s of its clock", tg.stack);
	ck_assert_uint_eq(again.flags, PKT_SYN | PKT_ACK);
	ck_assert_uint_eq(again.seq, first.seq);
	ck_assert_uint_eq(again.ack, TESTER_ISS + 1);
	ck_assert_str_eq(ok("state %d %d", LPORT, RPORT), "SYN-RECEIVED");
	refused("EINVAL", "advance 3600001");
	refused("EINVAL", "advance -1");
	stop();
}
END_TEST

/* The agent reads what the stack under test sends: once the tap is open it
 * keeps no privilege (user nobody, no capability; targets/agents/privs.h). */
START_TEST(test_agent_runs_as_nobody_without_capabilities)
{
	uint64_t uid = 0, caps = 1;
	pid_t pid;

	start(_i);
	pid = (pid_t)target_exec_pid(&tg);
	ck_assert(proc_status_dec(pid, "Uid", &uid) && proc_status_hex(pid, "CapEff", &caps));
	ck_assert_uint_eq(uid, 65534);
	ck_assert_uint_eq(caps, 0);
	ok("listen %d", LPORT); /* and it still works */
	stop();
}
END_TEST

/* Teardown leaves no namespace and no agent (the tap goes with its namespace). */
START_TEST(test_teardown_leaves_no_namespace_and_no_agent)
{
	char path[sizeof(NETNS_DIR) + NETNS_NAME_LEN + 1];
	pid_t pid;

	start(_i);
	pid = (pid_t)target_exec_pid(&tg);
	snprintf(path, sizeof(path), "%s/%s", NETNS_DIR, tg.net.target_ns);
	ck_assert_int_eq(access(path, F_OK), 0);
	stop();
	ck_assert_int_ne(access(path, F_OK), 0);
	ck_assert_int_ne(kill(pid, 0), 0);
}
END_TEST

/* agentline.c: words, usage and the payload pattern. */
START_TEST(test_agentline_pattern_and_counts)
{
	char buf[30];
	struct al_reply r;
	long n;
	bool rd, wr;

	al_fill_pattern(buf, sizeof(buf), 24);
	ck_assert_int_eq(buf[0], 'y');
	ck_assert_int_eq(buf[2], 'a');
	ck_assert(!al_parse_count("0", 1, &n, &r));
	ck_assert_str_eq(r.text, "err EINVAL bad byte count '0'");
	ck_assert(al_parse_how("rdwr", &rd, &wr, &r) && rd && wr);
	ck_assert(!al_parse_how("both", &rd, &wr, &r));
	al_ok(&r, "%s", "");
	ck_assert_str_eq(r.text, "ok");
}
END_TEST

static Suite *lwip_slirp_suite(void)
{
	Suite *s = suite_create("lwip_slirp");
	TCase *tc = tcase_create("targets");
	TCase *unit = tcase_create("agentline");

	tcase_set_timeout(tc, 30);
	tcase_add_loop_test(tc, test_hello_names_the_stack_and_version, 0, 2);
	tcase_add_loop_test(tc, test_tap_pair_gives_the_kernel_no_address, 0, 2);
	tcase_add_loop_test(tc, test_passive_open_is_established_and_accepted, 0, 2);
	tcase_add_loop_test(tc, test_handshake_then_accept_reports_remote_port, 0, 2);
	tcase_add_loop_test(tc, test_send_and_recv_move_bytes_both_ways, 0, 2);
	tcase_add_loop_test(tc, test_close_reaches_time_wait_and_reset_removes_it, 0, 2);
	tcase_add_loop_test(tc, test_connect_sends_syn_from_the_local_port, 0, 2);
	tcase_add_loop_test(tc, test_ipv6_passive_open_is_established, 0, 2);
	tcase_add_loop_test(tc, test_abort_sends_reset_and_closes, 0, 2);
	tcase_add_loop_test(tc, test_unsupported_options_are_enosys, 0, 2);
	tcase_add_loop_test(tc, test_teardown_leaves_no_namespace_and_no_agent, 0, 2);
	tcase_add_loop_test(tc, test_agent_runs_as_nobody_without_capabilities, 0, 2);
	tcase_add_loop_test(tc, test_advance_retransmits_the_synack_within_60_s, 0, 2);
	suite_add_tcase(s, tc);
	tcase_add_test(unit, test_agentline_pattern_and_counts);
	suite_add_tcase(s, unit);
	return s;
}

int main(void)
{
	SRunner *sr;
	int failed;

	if (geteuid() != 0) {
		printf("check_lwip_slirp: skipped: needs root to create network namespaces\n");
		return 0;
	}
	for (int i = 0; i < 2; i++) {
		if (agent_program(i) == NULL) {
			printf("check_lwip_slirp: skipped: tcpspec-agent-%s not built (make)\n",
			       targets[i]);
			return 0;
		}
	}
	sr = srunner_create(lwip_slirp_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	netns_sweep_stale(NULL, err, sizeof(err));
	return failed == 0 ? 0 : 1;
}
