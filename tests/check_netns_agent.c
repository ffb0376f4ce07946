/*
 * check_netns_agent.c - Check suite for conformance/netns.[ch], the target
 * protocol client (target_exec.c, target_linux.c) and the Linux agent
 * (agent_linux.c), against the running kernel.
 *
 * Needs root (it creates network namespaces); without root every test is
 * skipped with a message.  The agent is build/tcpspec-agent-linux, found
 * as ../tcpspec-agent-linux from this program, or named by the environment
 * variable TCPSPEC_AGENT_LINUX.  The tester namespace has no address, so
 * connections are made inside the target namespace (the agent connecting
 * to its own 198.18.0.2), and the one segment from the tester side is a
 * SYN written as a raw frame onto the tester's veth end.
 *
 * State names are RFC 9293 3.3.2's.
 */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "net/cleanup.h"
#include "net/netns.h"
#include "net/spawn.h"
#include "targets/exec.h"
#include "support/agentcmd.h"
#include "support/procstatus.h"

static struct target tg;
static char err[1024];
static char reply[TARGET_LINE_MAX];
static char agent[PATH_MAX];

static const char *agent_program(void)
{
	const char *env = getenv("TCPSPEC_AGENT_LINUX");
	char self[PATH_MAX];
	ssize_t n;

	if (env != NULL)
		return env;
	n = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (n < 0)
		return NULL;
	self[n] = '\0';
	*strrchr(self, '/') = '\0';
	snprintf(agent, sizeof(agent), "%.*s/../tcpspec-agent-linux", PATH_MAX - 32, self);
	return access(agent, X_OK) == 0 ? agent : NULL;
}

static void start_linux(struct target *t, unsigned index)
{
	struct target_config cfg = {.spec = "linux", .program = agent_program(),
				    .index = index};
	const struct target_ops *ops = target_find("linux");

	ck_assert_ptr_nonnull(ops);
	ck_assert_msg(ops->setup(t, &cfg, err, sizeof(err)) == 0, "setup: %s", err);
}

static void setup_linux(void)
{
	start_linux(&tg, 0);
}

static void teardown_target(void)
{
	tg.ops->teardown(&tg);
}

#define ok(...) agent_ok(&tg, __VA_ARGS__)
#define refused(code, line) agent_refused(&tg, code, line)

/* Poll `state` until it says `want` (the handshake and FIN exchange over
 * loopback take microseconds; the bound is generous). */
static void expect_state(unsigned lport, unsigned rport, const char *want)
{
	struct timespec tick = {0, 5 * 1000 * 1000};

	for (int i = 0; i < 400; i++) {
		if (strcmp(ok("state %u %u", lport, rport), want) == 0)
			return;
		nanosleep(&tick, NULL);
	}
	ck_abort_msg("state %u %u is %s, expected %s", lport, rport, agent_last_reply(), want);
}

/* listen 8080 (id 1), connect from 40000 (id 2), accept (id 3). */
static void open_connection(const char *addr)
{
	ck_assert_str_eq(ok("listen 8080"), "1");
	ck_assert_str_eq(ok("connect 40000 %s 8080", addr), "2");
	expect_state(40000, 8080, "ESTABLISHED");
	ck_assert_str_eq(ok("accept 1"), "3 40000");
}

static bool ns_exists(const char *name)
{
	char path[128];

	snprintf(path, sizeof(path), "%s/%s", NETNS_DIR, name);
	return access(path, F_OK) == 0;
}

/*
 * Output of a command, for the checks of the namespace configuration.
 * stderr is dropped: `ip addr show` may complain about another run's
 * namespace that vanishes while it resolves the peer's namespace name.
 */
static void output_of(const char *const argv[], char *out, size_t len)
{
	int fd[2], status;
	size_t used = 0;
	ssize_t n;
	pid_t pid;

	ck_assert_int_eq(pipe(fd), 0);
	pid = fork();
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		dup2(fd[1], 1);
		dup2(null, 2);
		execvp(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(fd[1]);
	while (used + 1 < len && (n = read(fd[0], out + used, len - 1 - used)) > 0)
		used += (size_t)n;
	out[used] = '\0';
	close(fd[0]);
	waitpid(pid, &status, 0);
}

START_TEST(test_hello_names_protocol_version_1)
{
	/* setup already checked it; the stack name is the kernel's. */
	ck_assert_msg(strncmp(tg.stack, "linux-", 6) == 0, "stack name '%s'", tg.stack);
	ck_assert_msg(strncmp(ok("hello"), "tcpspec-target 1 linux-", 23) == 0, "%s",
		      agent_last_reply());
}
END_TEST

START_TEST(test_pair_only_target_end_has_addresses)
{
	const char *tst[] = {"ip", "-n", tg.net.tester_ns, "addr", "show", "dev",
			     NETNS_IF_TESTER, NULL};
	const char *tgt[] = {"ip", "-n", tg.net.target_ns, "addr", "show", "dev",
			     NETNS_IF_TARGET, NULL};
	char out[4096];

	output_of(tst, out, sizeof(out));
	ck_assert_msg(strstr(out, "inet") == NULL, "tester end has an address: %s", out);
	ck_assert_msg(strstr(out, "02:00:c6:12:00:01") != NULL, "tester MAC: %s", out);
	output_of(tgt, out, sizeof(out));
	ck_assert_msg(strstr(out, "inet 198.18.0.2/24") != NULL, "%s", out);
	ck_assert_msg(strstr(out, "inet6 2001:db8::2/64") != NULL, "%s", out);
}
END_TEST

/* conformance/TARGETS.md section 1: static neighbours, and the kernel's own
 * routes: no quickack, so Linux delays its ACKs as it does by default (RFC
 * 9293 3.8.6.3, MUST-40: the runner waits 0.5 s for a due segment). */
START_TEST(test_pair_target_has_permanent_neighbours_and_default_routes)
{
	const char *neigh[] = {"ip", "-n", tg.net.target_ns, "neigh", "show", NULL};
	const char *route[] = {"ip", "-n", tg.net.target_ns, "route", "show", NULL};
	const char *route6[] = {"ip", "-n", tg.net.target_ns, "-6", "route", "show", NULL};
	char out[4096];

	output_of(neigh, out, sizeof(out));
	ck_assert_msg(strstr(out, "198.18.0.1 dev tcpspec-tgt lladdr 02:00:c6:12:00:01 PERMANENT"),
		      "%s", out);
	ck_assert_msg(strstr(out, "2001:db8::1 dev tcpspec-tgt lladdr 02:00:c6:12:00:01 PERMANENT"),
		      "%s", out);
	output_of(route, out, sizeof(out));
	ck_assert_msg(strstr(out, "198.18.0.0/24") && !strstr(out, "quickack"), "%s", out);
	output_of(route6, out, sizeof(out));
	ck_assert_msg(strstr(out, "2001:db8::/64") && !strstr(out, "quickack"), "%s", out);
}
END_TEST

/* conformance/TARGETS.md section 1: the kernel's defaults but for the two
 * freedoms the model lacks (the out-of-window answer rate limit, the SYN
 * schedule's linear timeouts); SYN cookies stay on (the default). */
START_TEST(test_pair_target_sysctls_make_runs_repeatable)
{
	const char *argv[] = {"ip", "netns", "exec", tg.net.target_ns, "sysctl", "-n",
			      "net.ipv4.tcp_invalid_ratelimit", "net.ipv4.tcp_syncookies",
			      "net.ipv4.tcp_syn_linear_timeouts", "net.ipv4.tcp_ehash_entries",
			      NULL};
	char out[256];

	output_of(argv, out, sizeof(out));
	/* A positive tcp_ehash_entries is a table of the namespace's own. */
	ck_assert_str_eq(out, "0\n1\n0\n1024\n");
}
END_TEST

START_TEST(test_pair_sets_rto_min_when_asked)
{
	struct netns_options opt = {.rto_min_us = 50000};
	struct netns_pair pair;
	char out[64];
	const char *argv[] = {"ip", "netns", "exec", pair.target_ns, "sysctl", "-n",
			      "net.ipv4.tcp_rto_min_us", NULL};

	ck_assert_msg(netns_pair_create(&pair, 3, &opt, err, sizeof(err)) == 0, "%s", err);
	output_of(argv, out, sizeof(out));
	netns_pair_destroy(&pair);
	ck_assert_str_eq(out, "50000\n");
	ck_assert(!ns_exists(pair.tester_ns) && !ns_exists(pair.target_ns));
}
END_TEST

/* RFC 9293 3.3.2: CLOSED represents no connection (no TCB) at all. */
START_TEST(test_state_without_connection_is_closed)
{
	ck_assert_str_eq(ok("state 8080 40000"), "CLOSED");
}
END_TEST

/* RFC 9293 3.3.2: LISTEN, waiting for a connection request (remote port 0). */
START_TEST(test_listen_is_listen_state)
{
	ck_assert_str_eq(ok("listen 8080"), "1");
	ck_assert_str_eq(ok("state 8080 0"), "LISTEN");
	ck_assert_str_eq(ok("state 8080 40000"), "CLOSED");
}
END_TEST

/* RFC 9293 3.3.2, 3.5: after the three-way handshake both ends are ESTABLISHED. */
START_TEST(test_connect_and_accept_are_established_on_both_ends)
{
	open_connection("198.18.0.2");
	ck_assert_str_eq(ok("state 40000 8080"), "ESTABLISHED");
	ck_assert_str_eq(ok("state 8080 40000"), "ESTABLISHED");
	ck_assert_str_eq(ok("error 2"), "NONE");
}
END_TEST

/* The same over IPv6, through the same dual-stack listener. */
START_TEST(test_ipv6_connection_is_established_on_both_ends)
{
	open_connection("2001:db8::2");
	ck_assert_str_eq(ok("state 8080 40000"), "ESTABLISHED");
}
END_TEST

START_TEST(test_accept_without_pending_connection_is_eagain)
{
	ok("listen 8080");
	refused("EAGAIN", "accept 1");
}
END_TEST

/* Non-blocking I/O: counts of bytes, EAGAIN when nothing is there. */
START_TEST(test_send_and_recv_count_bytes)
{
	open_connection("198.18.0.2");
	ck_assert_str_eq(ok("send 2 1000"), "1000");
	ck_assert_str_eq(ok("recv 3 5000"), "1000");
	refused("EAGAIN", "recv 3 10");
	ck_assert_str_eq(ok("send 3 0"), "0");
}
END_TEST

/*
 * RFC 9293 3.6 (figure 12, normal close): the active closer goes through
 * FIN-WAIT-1 to FIN-WAIT-2 while the peer is in CLOSE-WAIT; after the
 * peer's close (LAST-ACK, then CLOSED) the active closer is in TIME-WAIT.
 */
START_TEST(test_close_reaches_fin_wait_2_then_time_wait)
{
	open_connection("198.18.0.2");
	ok("close 2");
	expect_state(40000, 8080, "FIN-WAIT-2");
	ck_assert_str_eq(ok("state 8080 40000"), "CLOSE-WAIT");
	ck_assert_str_eq(ok("recv 3 100"), "0");
	ok("close 3");
	expect_state(8080, 40000, "CLOSED");
	ck_assert_str_eq(ok("state 40000 8080"), "TIME-WAIT");
}
END_TEST

/* reset removes every connection, TIME-WAIT included, and restarts ids. */
START_TEST(test_reset_removes_time_wait_and_listeners)
{
	open_connection("198.18.0.2");
	ok("close 2");
	expect_state(40000, 8080, "FIN-WAIT-2");
	ok("close 3");
	expect_state(40000, 8080, "TIME-WAIT");
	ok("reset");
	ck_assert_str_eq(ok("state 40000 8080"), "CLOSED");
	ck_assert_str_eq(ok("state 8080 0"), "CLOSED");
	ck_assert_str_eq(ok("listen 8080"), "1");
}
END_TEST

/* The agent keeps only CAP_NET_ADMIN (sock_diag's SOCK_DESTROY, for
 * `reset`) and still resets a TIME-WAIT connection with it. */
START_TEST(test_agent_keeps_only_cap_net_admin)
{
	uint64_t caps = 0, bound = 0;
	pid_t pid = (pid_t)target_exec_pid(&tg);

	ck_assert(proc_status_hex(pid, "CapEff", &caps) && proc_status_hex(pid, "CapBnd", &bound));
	ck_assert_uint_eq(caps, UINT64_C(1) << 12); /* CAP_NET_ADMIN */
	ck_assert_uint_eq(bound, UINT64_C(1) << 12);
	open_connection("198.18.0.2");
	ok("abort 2");
	ok("reset");
	ck_assert_str_eq(ok("state 8080 0"), "CLOSED");
}
END_TEST

/* RFC 9293 3.10.7.4: a RST resets the peer, which reports "connection reset". */
START_TEST(test_abort_resets_peer_which_reports_econnreset)
{
	open_connection("198.18.0.2");
	ok("abort 2");
	expect_state(8080, 40000, "CLOSED");
	ck_assert_str_eq(ok("error 3"), "ECONNRESET");
	/* The error stays reported (see TARGETS.md, `error`). */
	ck_assert_str_eq(ok("error 3"), "ECONNRESET");
}
END_TEST

/*
 * RFC 9293 3.10.7.1: a SYN to a port nobody listens on gets a RST;
 * 3.10.7.3: in SYN-SENT that RST (with an acceptable ACK) means "connection refused".
 */
START_TEST(test_connect_to_closed_port_reports_econnrefused)
{
	ck_assert_str_eq(ok("connect 0 198.18.0.2 9"), "1");
	for (int i = 0; i < 100 && strcmp(ok("error 1"), "NONE") == 0; i++)
		usleep(5000);
	ck_assert_str_eq(agent_last_reply(), "ECONNREFUSED");
}
END_TEST

START_TEST(test_setopt_known_and_unknown_names)
{
	ok("listen 8080");
	ok("setopt 1 keepidle 1");
	ok("setopt 1 linger2 1");
	ok("setopt 1 user_timeout 500");
	refused("ENOSYS", "setopt 1 frobnicate 1");
	refused("EINVAL", "setopt 1 keepidle x");
}
END_TEST

/* The kernel's clock cannot be moved: `advance` is ENOSYS (TARGETS.md 5),
 * and a scenario's `wait ... fires` waits real time against Linux, whose
 * retransmission timer runs within RFC 6298 2.5's bound as it is. */
START_TEST(test_linux_agent_has_no_virtual_time)
{
	refused("ENOSYS", "advance 0");
	refused("EINVAL", "advance");
}
END_TEST

START_TEST(test_bad_commands_are_refused_and_the_agent_keeps_going)
{
	refused("EINVAL", "frobnicate 1");
	ck_assert_msg(strstr(agent_last_reply(), "unknown command 'frobnicate'") != NULL, "%s",
		      agent_last_reply());
	refused("EINVAL", "listen");
	refused("EINVAL", "listen 70000");
	refused("EBADF", "close 7");
	ok("listen 8080");
	refused("EINVAL", "shutdown 1 sideways");
	ck_assert_str_eq(ok("state 1 2"), "CLOSED");
}
END_TEST

/* RFC 1071 sum over the pseudo-header and the TCP segment. */
static uint16_t tcp4_sum(const uint8_t *ip, const uint8_t *tcp, size_t len)
{
	uint32_t sum = 6 + (uint32_t)len;

	for (int i = 12; i < 20; i += 2)
		sum += (uint32_t)(ip[i] << 8 | ip[i + 1]);
	for (size_t i = 0; i < len; i += 2)
		sum += (uint32_t)(tcp[i] << 8 | (i + 1 < len ? tcp[i + 1] : 0));
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (uint16_t)~sum;
}

/* Ethernet + IPv4 + TCP SYN, 198.18.0.1:41000 -> 198.18.0.2:8080, seq 1000. */
static size_t syn_frame(uint8_t *f)
{
	static const uint8_t head[] = {
		0x02, 0x00, 0xc6, 0x12, 0x00, 0x02, 0x02, 0x00, 0xc6, 0x12, 0x00, 0x01, 0x08, 0x00,
		0x45, 0x00, 0x00, 0x28, 0x00, 0x00, 0x40, 0x00, 0x40, 0x06, 0x00, 0x00,
		198, 18, 0, 1, 198, 18, 0, 2,
		0xa0, 0x28, 0x1f, 0x90, 0x00, 0x00, 0x03, 0xe8, 0x00, 0x00, 0x00, 0x00,
		0x50, 0x02, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00,
	};
	uint32_t sum = 0;
	uint16_t c;

	memcpy(f, head, sizeof(head));
	for (int i = 14; i < 34; i += 2)
		sum += (uint32_t)(f[i] << 8 | f[i + 1]);
	sum = (sum & 0xffff) + (sum >> 16);
	f[24] = (uint8_t)(~sum >> 8);
	f[25] = (uint8_t)~sum;
	c = tcp4_sum(f + 14, f + 34, 20);
	f[50] = (uint8_t)(c >> 8);
	f[51] = (uint8_t)c;
	return sizeof(head);
}

/* A packet socket on the tester's veth end, opened inside the tester ns. */
static int tester_socket(void)
{
	int self = open("/proc/self/ns/net", O_RDONLY | O_CLOEXEC), fd;
	struct sockaddr_ll ll = {.sll_family = AF_PACKET, .sll_protocol = htons(ETH_P_ALL)};

	ck_assert_int_ge(self, 0);
	ck_assert_msg(netns_enter(tg.net.tester_ns, err, sizeof(err)) == 0, "%s", err);
	fd = socket(AF_PACKET, SOCK_RAW, htons(ETH_P_ALL));
	ll.sll_ifindex = (int)if_nametoindex(tg.net.tester_if);
	ck_assert_int_eq(setns(self, CLONE_NEWNET), 0);
	close(self);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_ne(ll.sll_ifindex, 0);
	ck_assert_int_eq(bind(fd, (struct sockaddr *)&ll, sizeof(ll)), 0);
	return fd;
}

/* The target's SYN-ACK to 41000, as it left the target: checksum whole. */
static bool got_syn_ack(int fd)
{
	uint8_t f[2048];

	while (poll(&(struct pollfd){fd, POLLIN, 0}, 1, 1000) == 1) {
		ssize_t n = recv(fd, f, sizeof(f), 0);

		if (n < 54 || f[12] != 0x08 || f[13] != 0x00 || f[23] != 6)
			continue;
		if (f[34] == 0x1f && f[35] == 0x90 && f[36] == 0xa0 && f[37] == 0x28 &&
		    f[47] == 0x12)
			return tcp4_sum(f + 14, f + 34, (size_t)n - 34) == 0 &&
			       memcmp(f, tg.net.tester_mac, 6) == 0;
	}
	return false;
}

/*
 * RFC 9293 3.5, 3.10.7.2: a SYN to a listener makes a SYN-RECEIVED
 * connection (a Linux request socket) and a SYN-ACK; the SYN-ACK reaches
 * the tester's veth end, addressed to the tester's MAC (static neighbour)
 * with a correct checksum (offloads off).
 */
START_TEST(test_syn_from_tester_makes_syn_received_and_syn_ack)
{
	uint8_t frame[128];
	size_t len = syn_frame(frame);
	int fd;

	ok("listen 8080");
	fd = tester_socket();
	ck_assert_int_eq(send(fd, frame, len, 0), (ssize_t)len);
	ck_assert_msg(got_syn_ack(fd), "no SYN-ACK with a good checksum on the tester's end");
	ck_assert_str_eq(ok("state 8080 41000"), "SYN-RECEIVED");
	close(fd);
	ok("reset");
	ck_assert_str_eq(ok("state 8080 41000"), "CLOSED");
}
END_TEST

START_TEST(test_teardown_leaves_no_namespace_and_no_agent)
{
	struct target t;
	char tst[NETNS_NAME_LEN], tgt[NETNS_NAME_LEN];
	pid_t pid;

	start_linux(&t, 1);
	snprintf(tst, sizeof(tst), "%s", t.net.tester_ns);
	snprintf(tgt, sizeof(tgt), "%s", t.net.target_ns);
	pid = (pid_t)target_exec_pid(&t);
	ck_assert(ns_exists(tst) && ns_exists(tgt));
	t.ops->teardown(&t);
	ck_assert_msg(!ns_exists(tst) && !ns_exists(tgt), "namespaces left behind");
	ck_assert_msg(kill(pid, 0) < 0 && errno == ESRCH, "agent %d still there", (int)pid);
	t.ops->teardown(&t); /* idempotent */
}
END_TEST

static pid_t dead_pid(void)
{
	pid_t pid = fork();

	if (pid == 0)
		_exit(0);
	waitpid(pid, NULL, 0);
	return pid;
}

START_TEST(test_sweep_removes_only_namespaces_of_dead_runs)
{
	char dead[NETNS_NAME_LEN], alive[NETNS_NAME_LEN];
	const char *add_dead[] = {"ip", "netns", "add", dead, NULL};
	const char *add_alive[] = {"ip", "netns", "add", alive, NULL};
	const char *del_alive[] = {"ip", "netns", "del", alive, NULL};

	snprintf(dead, sizeof(dead), NETNS_PREFIX "%d-0-tst", (int)dead_pid());
	snprintf(alive, sizeof(alive), NETNS_PREFIX "%d-90-tst", (int)getpid());
	ck_assert_msg(spawn_run(NULL, add_dead, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(spawn_run(NULL, add_alive, err, sizeof(err)) == 0, "%s", err);
	/* Another run's sweep may get there first: check the outcome. */
	ck_assert_msg(netns_sweep_stale(NULL, err, sizeof(err)) == 0, "%s", err);
	ck_assert_msg(!ns_exists(dead), "%s survived the sweep", dead);
	ck_assert_msg(ns_exists(alive), "%s was swept though its run is alive", alive);
	ck_assert_msg(spawn_run(NULL, del_alive, err, sizeof(err)) == 0, "%s", err);
}
END_TEST

START_TEST(test_sigterm_removes_registered_namespaces)
{
	struct netns_pair pair;
	int fd[2], status;
	pid_t pid;

	ck_assert_int_eq(pipe(fd), 0);
	pid = fork();
	if (pid == 0) {
		close(fd[0]);
		if (cleanup_install_signals(err, sizeof(err)) < 0 ||
		    netns_pair_create(&pair, 7, NULL, err, sizeof(err)) < 0)
			_exit(1);
		if (write(fd[1], &pair, sizeof(pair)) != (ssize_t)sizeof(pair))
			_exit(1);
		for (;;)
			pause();
	}
	close(fd[1]);
	ck_assert_int_eq(read(fd[0], &pair, sizeof(pair)), (ssize_t)sizeof(pair));
	close(fd[0]);
	ck_assert(ns_exists(pair.tester_ns) && ns_exists(pair.target_ns));
	kill(pid, SIGTERM);
	waitpid(pid, &status, 0);
	ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "status %#x", status);
	ck_assert_msg(!ns_exists(pair.tester_ns) && !ns_exists(pair.target_ns),
		      "namespaces left behind after SIGTERM");
}
END_TEST

/* The minimal target of conformance/TARGETS.md section 7, plus `mute`. */
static const char MINIMAL[] =
	"#!/bin/sh\n"
	"while IFS=' ' read -r cmd rest; do\n"
	"  case \"$cmd\" in\n"
	"  hello) echo 'ok tcpspec-target 1 minimal' ;;\n"
	"  reset) echo ok ;;\n"
	"  quit)  echo ok; exit 0 ;;\n"
	"  mute)  ;;\n"
	"  '')    echo 'err EINVAL empty command' ;;\n"
	"  *)     echo \"err ENOSYS $cmd unsupported\" ;;\n"
	"  esac\n"
	"done\n";

static void start_script(struct target *t, char *path, size_t len)
{
	struct target_config cfg = {.index = 2, .timeout_ms = 300};
	char spec[PATH_MAX + 8];
	int fd;

	snprintf(path, len, "/tmp/tcpspec-target-%d.sh", (int)getpid());
	fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0700);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, MINIMAL, sizeof(MINIMAL) - 1), (ssize_t)sizeof(MINIMAL) - 1);
	close(fd);
	snprintf(spec, sizeof(spec), "exec:%s", path);
	cfg.spec = spec;
	ck_assert_ptr_eq(target_find(spec), &target_exec_ops);
	ck_assert_msg(target_exec_ops.setup(t, &cfg, err, sizeof(err)) == 0, "%s", err);
}

START_TEST(test_exec_target_surfaces_err_replies_and_timeouts)
{
	struct target t;
	char path[128];
	int rc;

	start_script(&t, path, sizeof(path));
	ck_assert_str_eq(t.stack, "minimal");
	rc = target_exec_command(&t, "listen 8080", reply, sizeof(reply), 0, err, sizeof(err));
	ck_assert_int_eq(rc, TARGET_ERR);
	ck_assert_str_eq(reply, "ENOSYS listen unsupported");
	ck_assert_str_eq(err, "target answered 'listen 8080' with 'err ENOSYS listen unsupported'");
	rc = target_exec_command(&t, "mute 8080 40000", reply, sizeof(reply), 0, err, sizeof(err));
	ck_assert_int_eq(rc, TARGET_FAILED);
	ck_assert_str_eq(err, "target did not answer 'mute 8080 40000' within 300 ms");
	rc = target_exec_command(&t, "hello", reply, sizeof(reply), 0, err, sizeof(err));
	ck_assert_int_eq(rc, TARGET_FAILED);
	t.ops->teardown(&t);
	unlink(path);
}
END_TEST

START_TEST(test_target_find_knows_every_target)
{
	ck_assert_ptr_eq(target_find("linux"), &target_linux_ops);
	ck_assert_ptr_eq(target_find("exec:/bin/true"), &target_exec_ops);
	ck_assert_ptr_null(target_find("exec:"));
	ck_assert_ptr_null(target_find("lwip-but-unknown"));
	ck_assert_ptr_eq(target_find("model"), &target_model_ops);
	ck_assert_ptr_eq(target_find("exec-tap:/bin/true"), &target_exec_tap_ops);
	ck_assert_str_eq(target_linux_ops.default_profile, "linux");
}
END_TEST

static Suite *netns_agent_suite(void)
{
	Suite *s = suite_create("netns_agent");
	TCase *tc = tcase_create("agent");
	TCase *life = tcase_create("lifecycle");

	tcase_add_checked_fixture(tc, setup_linux, teardown_target);
	tcase_set_timeout(tc, 20);
	tcase_add_test(tc, test_hello_names_protocol_version_1);
	tcase_add_test(tc, test_agent_keeps_only_cap_net_admin);
	tcase_add_test(tc, test_pair_only_target_end_has_addresses);
	tcase_add_test(tc, test_pair_target_has_permanent_neighbours_and_default_routes);
	tcase_add_test(tc, test_pair_target_sysctls_make_runs_repeatable);
	tcase_add_test(tc, test_state_without_connection_is_closed);
	tcase_add_test(tc, test_listen_is_listen_state);
	tcase_add_test(tc, test_connect_and_accept_are_established_on_both_ends);
	tcase_add_test(tc, test_ipv6_connection_is_established_on_both_ends);
	tcase_add_test(tc, test_accept_without_pending_connection_is_eagain);
	tcase_add_test(tc, test_send_and_recv_count_bytes);
	tcase_add_test(tc, test_close_reaches_fin_wait_2_then_time_wait);
	tcase_add_test(tc, test_reset_removes_time_wait_and_listeners);
	tcase_add_test(tc, test_abort_resets_peer_which_reports_econnreset);
	tcase_add_test(tc, test_connect_to_closed_port_reports_econnrefused);
	tcase_add_test(tc, test_setopt_known_and_unknown_names);
	tcase_add_test(tc, test_bad_commands_are_refused_and_the_agent_keeps_going);
	tcase_add_test(tc, test_linux_agent_has_no_virtual_time);
	tcase_add_test(tc, test_syn_from_tester_makes_syn_received_and_syn_ack);
	suite_add_tcase(s, tc);
	tcase_set_timeout(life, 20);
	tcase_add_test(life, test_teardown_leaves_no_namespace_and_no_agent);
	tcase_add_test(life, test_pair_sets_rto_min_when_asked);
	tcase_add_test(life, test_sweep_removes_only_namespaces_of_dead_runs);
	tcase_add_test(life, test_sigterm_removes_registered_namespaces);
	tcase_add_test(life, test_exec_target_surfaces_err_replies_and_timeouts);
	tcase_add_test(life, test_target_find_knows_every_target);
	suite_add_tcase(s, life);
	return s;
}

int main(void)
{
	char path[4096];
	SRunner *sr;
	int failed;

	if (geteuid() != 0) {
		printf("check_netns_agent: skipped: needs root to create network namespaces\n");
		return 0;
	}
	/* The checks below run sysctl(8), which a user's PATH may lack. */
	snprintf(path, sizeof(path), "%s:/usr/sbin:/sbin",
		 getenv("PATH") != NULL ? getenv("PATH") : "/usr/bin:/bin");
	setenv("PATH", path, 1);
	sr = srunner_create(netns_agent_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	/* A failed test exits before its teardown; its namespaces carry the
	 * PID of a dead test process, so the sweep removes them. */
	netns_sweep_stale(NULL, err, sizeof(err));
	return failed == 0 ? 0 : 1;
}
