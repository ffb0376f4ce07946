/*
 * netns.c - the tester/target namespace pair of a run, child processes
 * inside a namespace, and cleanup (teardown, signals, stale leftovers).
 *
 * Configuration is done by running ip(8), ethtool(8), sysctl(8) and tc(8) with
 * fork+execvp inside the namespace concerned: no shell, no string
 * interpolation, and a failing command's stderr ends up in the error.
 * Deleting a namespace is what `ip netns del` does (lazy unmount of the
 * bind mount, then unlink), done here directly so that the signal handler
 * can do it too.
 */
#include "net/netns.h"
#include "base/err.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define REG_SLOTS 128
#define MAX_ARGS 24
#define CAPTURE_MAX 512
#define READY_TIMEOUT_MS 2000

/* 198.18.0.0/15 and 2001:db8::/32 only (RFC 2544, RFC 3849). */
static const char NET4[] = "198.18.0.0/24";
static const char NET6[] = "2001:db8::/64";
static const char TESTER4[] = "198.18.0.1", TARGET4[] = "198.18.0.2";
static const char TESTER6[] = "2001:db8::1", TARGET6[] = "2001:db8::2";
/* Locally administered MACs; the middle bytes c6:12 recall 198.18. */
static const uint8_t TESTER_MAC[6] = {0x02, 0x00, 0xc6, 0x12, 0x00, 0x01};
static const uint8_t TARGET_MAC[6] = {0x02, 0x00, 0xc6, 0x12, 0x00, 0x02};

/*
 * What a signal handler must undo.  Slots are claimed with atomics so that
 * parallel jobs can register while the handler only reads live slots.
 */
enum { SLOT_FREE, SLOT_WRITING, SLOT_LIVE };
static atomic_int ns_state[REG_SLOTS];
static char ns_name[REG_SLOTS][NETNS_NAME_LEN];
static atomic_int pid_slot[REG_SLOTS];

/* Async-signal-safe: NETNS_DIR "/" name, truncated to len. */
static void ns_path(char *buf, size_t len, const char *name)
{
	size_t dl = strlen(NETNS_DIR), nl = strlen(name);

	if (dl + 1 + nl + 1 > len)
		nl = len - dl - 2;
	memcpy(buf, NETNS_DIR, dl);
	buf[dl] = '/';
	memcpy(buf + dl + 1, name, nl);
	buf[dl + 1 + nl] = '\0';
}

/* Async-signal-safe removal of a tcpspec- namespace name. */
static int ns_remove(const char *name)
{
	char path[sizeof(NETNS_DIR) + NETNS_NAME_LEN + 1];

	if (strncmp(name, NETNS_PREFIX, strlen(NETNS_PREFIX)) != 0) {
		errno = EPERM;
		return -1;
	}
	ns_path(path, sizeof(path), name);
	umount2(path, MNT_DETACH);
	if (unlink(path) < 0 && errno != ENOENT)
		return -1;
	return 0;
}

static int reg_ns_add(const char *name)
{
	for (int i = 0; i < REG_SLOTS; i++) {
		int expect = SLOT_FREE;

		if (!atomic_compare_exchange_strong(&ns_state[i], &expect, SLOT_WRITING))
			continue;
		snprintf(ns_name[i], sizeof(ns_name[i]), "%s", name);
		atomic_store(&ns_state[i], SLOT_LIVE);
		return 0;
	}
	return -1;
}

static void reg_ns_del(const char *name)
{
	for (int i = 0; i < REG_SLOTS; i++) {
		if (atomic_load(&ns_state[i]) == SLOT_LIVE && strcmp(ns_name[i], name) == 0) {
			atomic_store(&ns_state[i], SLOT_FREE);
			return;
		}
	}
}

static int reg_pid_add(pid_t pid)
{
	for (int i = 0; i < REG_SLOTS; i++) {
		int expect = 0;

		if (atomic_compare_exchange_strong(&pid_slot[i], &expect, (int)pid))
			return 0;
	}
	return -1;
}

static void reg_pid_del(pid_t pid)
{
	for (int i = 0; i < REG_SLOTS; i++) {
		int expect = (int)pid;

		if (atomic_compare_exchange_strong(&pid_slot[i], &expect, 0))
			return;
	}
}

/* Async-signal-safe: everything registered, processes first. */
static void cleanup_registered(void)
{
	for (int i = 0; i < REG_SLOTS; i++) {
		int pid = atomic_load(&pid_slot[i]);

		if (pid > 0)
			kill((pid_t)pid, SIGKILL);
	}
	for (int i = 0; i < REG_SLOTS; i++) {
		if (atomic_load(&ns_state[i]) == SLOT_LIVE)
			ns_remove(ns_name[i]);
	}
}

static void on_signal(int sig)
{
	int saved = errno;

	cleanup_registered();
	/* SA_RESETHAND restored the default; the signal stays blocked until
	 * the handler returns, then kills the process. */
	raise(sig);
	errno = saved;
}

int netns_install_signal_cleanup(char *err, size_t errlen)
{
	static const int sigs[] = {SIGINT, SIGTERM, SIGHUP};
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sa.sa_flags = SA_RESETHAND;
	sigemptyset(&sa.sa_mask);
	for (size_t i = 0; i < sizeof(sigs) / sizeof(sigs[0]); i++) {
		if (sigaction(sigs[i], &sa, NULL) < 0) {
			err_set(err, errlen, "sigaction(%s): %s", strsignal(sigs[i]),
			     strerror(errno));
			return -1;
		}
	}
	return 0;
}

static int setns_by_name(const char *name)
{
	char path[sizeof(NETNS_DIR) + NETNS_NAME_LEN + 1];
	int fd, rc, saved;

	ns_path(path, sizeof(path), name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -1;
	rc = setns(fd, CLONE_NEWNET);
	saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int netns_enter(const char *name, char *err, size_t errlen)
{
	if (setns_by_name(name) < 0) {
		err_set(err, errlen, "cannot enter namespace %s/%s: %s", NETNS_DIR, name,
		     strerror(errno));
		return -1;
	}
	return 0;
}

/* argv joined with spaces, for messages. */
static void argv_text(const char *const argv[], char *buf, size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (size_t i = 0; argv[i] != NULL && used + 1 < len; i++) {
		int n = snprintf(buf + used, len - used, "%s%s", i ? " " : "", argv[i]);

		if (n < 0)
			break;
		used += (size_t)n;
	}
}

struct child_spec {
	const char *ns;		  /* NULL: stay in the caller's namespace */
	const char *const *argv;
	int stdio;		  /* fd for stdin and stdout; -1: /dev/null */
	int errfd;		  /* fd for stderr; -1: inherited */
	int outfd;		  /* fd for stdout instead of stdio; -1: none */
};

/* dup2 that also works when from == to (clears close-on-exec). */
static int move_fd(int from, int to)
{
	if (from == to)
		return fcntl(to, F_SETFD, 0);
	return dup2(from, to) < 0 ? -1 : 0;
}

static int child_stdio(const struct child_spec *c)
{
	int io = c->stdio;

	if (io < 0)
		io = open("/dev/null", O_RDWR | O_CLOEXEC);
	if (io < 0 || move_fd(io, 0) < 0 || move_fd(c->outfd >= 0 ? c->outfd : io, 1) < 0)
		return -1;
	if (c->errfd >= 0 && move_fd(c->errfd, 2) < 0)
		return -1;
	return 0;
}

enum { STAGE_SETNS = 1, STAGE_STDIO, STAGE_EXEC };

/* ip, ethtool and sysctl live in /usr/sbin, which a user's PATH may lack. */
static void exec_sbin(const char *const argv[])
{
	static const char dir[] = "/usr/sbin/";
	char path[sizeof(dir) + 64];
	size_t len = strlen(argv[0]);

	if (len >= 64)
		return;
	memcpy(path, dir, sizeof(dir) - 1);
	memcpy(path + sizeof(dir) - 1, argv[0], len + 1);
	execv(path, (char *const *)argv);
	errno = ENOENT;
}

/* In the child: only async-signal-safe calls until execvp. */
static void child_exec(const struct child_spec *c, int report) __attribute__((noreturn));

static void child_exec(const struct child_spec *c, int report)
{
	int msg[2] = {STAGE_SETNS, 0};
	sigset_t none;

	if (c->ns != NULL && setns_by_name(c->ns) < 0)
		goto fail;
	msg[0] = STAGE_STDIO;
	if (child_stdio(c) < 0)
		goto fail;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	signal(SIGPIPE, SIG_DFL);
	msg[0] = STAGE_EXEC;
	execvp(c->argv[0], (char *const *)c->argv);
	if (errno == ENOENT && strchr(c->argv[0], '/') == NULL)
		exec_sbin(c->argv);
fail:
	msg[1] = errno;
	if (write(report, msg, sizeof(msg)) < 0)
		_exit(126);
	_exit(127);
}

static void wait_child(pid_t pid, int *status)
{
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* Fork and exec; failures before exec come back through a CLOEXEC pipe. */
static pid_t child_start(const struct child_spec *c, char *err, size_t errlen)
{
	char cmd[256];
	int report[2], msg[2], status;
	ssize_t n;
	pid_t pid;

	argv_text(c->argv, cmd, sizeof(cmd));
	if (pipe2(report, O_CLOEXEC) < 0) {
		err_set(err, errlen, "pipe for `%s`: %s", cmd, strerror(errno));
		return -1;
	}
	pid = fork();
	if (pid == 0) {
		close(report[0]);
		child_exec(c, report[1]);
	}
	close(report[1]);
	if (pid < 0) {
		err_set(err, errlen, "fork for `%s`: %s", cmd, strerror(errno));
		close(report[0]);
		return -1;
	}
	do
		n = read(report[0], msg, sizeof(msg));
	while (n < 0 && errno == EINTR);
	close(report[0]);
	if (n != (ssize_t)sizeof(msg))
		return pid;
	wait_child(pid, &status);
	if (msg[0] == STAGE_SETNS)
		err_set(err, errlen, "cannot enter namespace %s for `%s`: %s", c->ns, cmd,
		     strerror(msg[1]));
	else if (msg[0] == STAGE_STDIO)
		err_set(err, errlen, "cannot set up stdin/stdout for `%s`: %s", cmd, strerror(msg[1]));
	else
		err_set(err, errlen, "cannot execute `%s`: %s", cmd, strerror(msg[1]));
	return -1;
}

/* Read fd to EOF; keep the first len-1 bytes as one line of text. */
static void capture(int fd, char *buf, size_t len)
{
	size_t used = 0;
	char junk[256];

	for (;;) {
		ssize_t n = used + 1 < len ? read(fd, buf + used, len - 1 - used)
					   : read(fd, junk, sizeof(junk));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (used + 1 < len)
			used += (size_t)n;
	}
	while (used > 0 && (buf[used - 1] == '\n' || buf[used - 1] == ' '))
		used--;
	buf[used] = '\0';
	for (size_t i = 0; i < used; i++)
		if (buf[i] == '\n')
			buf[i] = ';';
}

static void describe_status(int status, char *buf, size_t len)
{
	if (WIFEXITED(status))
		snprintf(buf, len, "exit %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, len, "killed by signal %d", WTERMSIG(status));
	else
		snprintf(buf, len, "status %#x", (unsigned)status);
}

/*
 * Run argv in ns and wait.  stderr, and stdout too when `out` is given,
 * go into one pipe; `out` receives that text.  Non-zero exit is an error.
 */
static int run_capture(const char *ns, const char *const argv[], char *out, size_t outlen,
		       char *err, size_t errlen)
{
	struct child_spec c = {ns, argv, -1, -1, -1};
	char text[CAPTURE_MAX], cmd[256], how[48];
	int pipefd[2], status = 0;
	pid_t pid;

	if (pipe2(pipefd, O_CLOEXEC) < 0) {
		err_set(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	c.errfd = pipefd[1];
	if (out != NULL)
		c.outfd = pipefd[1];
	pid = child_start(&c, err, errlen);
	close(pipefd[1]);
	if (pid < 0) {
		close(pipefd[0]);
		return -1;
	}
	capture(pipefd[0], text, sizeof(text));
	close(pipefd[0]);
	wait_child(pid, &status);
	if (out != NULL)
		snprintf(out, outlen, "%s", text);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	argv_text(argv, cmd, sizeof(cmd));
	describe_status(status, how, sizeof(how));
	err_set(err, errlen, "`%s`%s%s failed (%s): %s", cmd, ns ? " in namespace " : "",
	     ns ? ns : "", how, text[0] ? text : "(no message)");
	return -1;
}

int netns_run(const char *ns, const char *const argv[], char *err, size_t errlen)
{
	return run_capture(ns, argv, NULL, 0, err, errlen);
}

/* netns_run with the arguments given inline, NULL-terminated. */
static int runv(const char *ns, char *err, size_t errlen, ...)
{
	const char *argv[MAX_ARGS + 1];
	size_t n = 0;
	va_list ap;

	va_start(ap, errlen);
	while (n < MAX_ARGS && (argv[n] = va_arg(ap, const char *)) != NULL)
		n++;
	va_end(ap);
	argv[n] = NULL;
	return netns_run(ns, argv, err, errlen);
}

int netns_spawn(const char *ns, const char *const argv[], int *fd, pid_t *pid,
		char *err, size_t errlen)
{
	struct child_spec c = {ns, argv, -1, -1, -1};
	int sv[2], status;

	if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, sv) < 0) {
		err_set(err, errlen, "socketpair for %s: %s", argv[0], strerror(errno));
		return -1;
	}
	c.stdio = sv[1];
	*pid = child_start(&c, err, errlen);
	close(sv[1]);
	if (*pid < 0) {
		close(sv[0]);
		return -1;
	}
	if (reg_pid_add(*pid) < 0) {
		kill(*pid, SIGKILL);
		wait_child(*pid, &status);
		close(sv[0]);
		err_set(err, errlen, "%s: more than %d processes to clean up", argv[0], REG_SLOTS);
		return -1;
	}
	*fd = sv[0];
	return 0;
}

int netns_stop(pid_t pid, int grace_ms)
{
	struct timespec tick = {0, 2 * 1000 * 1000};
	int status = 0;

	if (pid <= 0)
		return -1;
	for (int waited = 0; waited < grace_ms; waited += 2) {
		pid_t r = waitpid(pid, &status, WNOHANG);

		if (r == pid || (r < 0 && errno != EINTR)) {
			reg_pid_del(pid);
			return r == pid ? status : -1;
		}
		nanosleep(&tick, NULL);
	}
	kill(pid, SIGKILL);
	wait_child(pid, &status);
	reg_pid_del(pid);
	return status;
}

static void format_mac(const uint8_t mac[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		 mac[3], mac[4], mac[5]);
}

static void pair_fill(struct netns_pair *p, unsigned index, bool tap)
{
	memset(p, 0, sizeof(*p));
	p->tap = tap;
	snprintf(p->tester_ns, sizeof(p->tester_ns), NETNS_PREFIX "%ld-%u-tst",
		 (long)getpid(), index);
	snprintf(p->target_ns, sizeof(p->target_ns), NETNS_PREFIX "%ld-%u-tgt",
		 (long)getpid(), index);
	snprintf(p->tester_if, sizeof(p->tester_if), "%s", NETNS_IF_TESTER);
	snprintf(p->target_veth, sizeof(p->target_veth), "%s", NETNS_IF_TARGET);
	snprintf(p->target_if, sizeof(p->target_if), "%s", tap ? NETNS_IF_TAP : NETNS_IF_TARGET);
	memcpy(p->tester_mac, TESTER_MAC, 6);
	memcpy(p->target_mac, TARGET_MAC, 6);
	inet_pton(AF_INET, TESTER4, &p->tester4);
	inet_pton(AF_INET, TARGET4, &p->target4);
	inet_pton(AF_INET6, TESTER6, &p->tester6);
	inet_pton(AF_INET6, TARGET6, &p->target6);
	snprintf(p->tester4_text, sizeof(p->tester4_text), "%s", TESTER4);
	snprintf(p->target4_text, sizeof(p->target4_text), "%s", TARGET4);
	snprintf(p->tester6_text, sizeof(p->tester6_text), "%s", TESTER6);
	snprintf(p->target6_text, sizeof(p->target6_text), "%s", TARGET6);
}

/*
 * Register first, so that a signal during `ip netns add` still cleans up.
 * `ip netns add` runs inside `parent` (NULL: ours): a namespace takes the
 * size of its TCP hash table from its creator's tcp_child_ehash_entries.
 */
static int ns_create(const char *name, const char *parent, char *err, size_t errlen)
{
	if (reg_ns_add(name) < 0) {
		err_set(err, errlen, "namespace %s: more than %d namespaces to clean up", name,
		     REG_SLOTS);
		return -1;
	}
	if (runv(parent, err, errlen, "ip", "netns", "add", name, NULL) == 0)
		return 0;
	reg_ns_del(name);
	if (geteuid() != 0 && err != NULL) {
		size_t used = strlen(err);

		snprintf(err + used, errlen - used, " (creating namespaces needs root)");
	}
	return -1;
}

/* Before the veth exists, so that it inherits the "default" values. */
static int target_sysctls(const struct netns_pair *p, const struct netns_options *opt,
			  char *err, size_t errlen)
{
	const char *ns = p->target_ns;
	char rto[64];

	if (runv(ns, err, errlen, "sysctl", "-q", "-w", "net.ipv6.conf.all.disable_ipv6=0",
		 "net.ipv6.conf.default.disable_ipv6=0", "net.ipv6.conf.all.accept_ra=0",
		 "net.ipv6.conf.default.accept_ra=0", "net.ipv6.conf.all.autoconf=0",
		 "net.ipv6.conf.default.autoconf=0", "net.ipv6.conf.all.accept_dad=0",
		 "net.ipv6.conf.default.accept_dad=0",
		 "net.ipv6.conf.default.router_solicitations=0",
		 "net.ipv4.tcp_invalid_ratelimit=0", "net.ipv4.tcp_syncookies=0", NULL) < 0)
		return -1;
	/* Absent from some kernels, or not per namespace: -e ignores those. */
	if (runv(ns, err, errlen, "sysctl", "-q", "-e", "-w",
		 "net.ipv4.tcp_syn_linear_timeouts=0",
		 "net.ipv4.tcp_challenge_ack_limit=2147483647", NULL) < 0)
		return -1;
	/* A user-space stack: devices created from now on have no IPv6 (no
	 * link-local address, DAD, MLD); lo keeps ::1. */
	if (p->tap && runv(ns, err, errlen, "sysctl", "-q", "-w",
			   "net.ipv6.conf.default.disable_ipv6=1", NULL) < 0)
		return -1;
	if (opt == NULL || opt->rto_min_us <= 0)
		return 0;
	snprintf(rto, sizeof(rto), "net.ipv4.tcp_rto_min_us=%ld", opt->rto_min_us);
	return runv(ns, err, errlen, "sysctl", "-q", "-w", rto, NULL);
}

/*
 * The tester's kernel takes no part: no IPv6 (no link-local, RS, MLD).
 * The target namespace, created from the tester's, gets a TCP hash table
 * of its own, small: a sock_diag dump walks every bucket of it, and the
 * shared global table (often 2^18 buckets) makes each `state` ~8x slower.
 */
static int tester_sysctls(const struct netns_pair *p, char *err, size_t errlen)
{
	if (runv(p->tester_ns, err, errlen, "sysctl", "-q", "-w",
		 "net.ipv6.conf.all.disable_ipv6=1", "net.ipv6.conf.default.disable_ipv6=1",
		 NULL) < 0)
		return -1;
	return runv(p->tester_ns, err, errlen, "sysctl", "-q", "-e", "-w",
		    "net.ipv4.tcp_child_ehash_entries=1024", NULL);
}

/* Created directly in the two namespaces: nothing appears in ours. */
static int veth_create(const struct netns_pair *p, char *err, size_t errlen)
{
	char mac_t[18], mac_g[18];

	format_mac(p->tester_mac, mac_t, sizeof(mac_t));
	format_mac(p->target_mac, mac_g, sizeof(mac_g));
	return runv(NULL, err, errlen, "ip", "link", "add", p->tester_if, "netns", p->tester_ns,
		    "address", mac_t, "type", "veth", "peer", "name", p->target_veth, "netns",
		    p->target_ns, "address", mac_g, NULL);
}

static int link_setup(const char *ns, const char *dev, char *err, size_t errlen)
{
	if (runv(ns, err, errlen, "ethtool", "-K", dev, "tx", "off", "tso", "off", "gso", "off",
		 "gro", "off", NULL) < 0)
		return -1;
	if (runv(ns, err, errlen, "ip", "link", "set", "lo", "up", NULL) < 0)
		return -1;
	return runv(ns, err, errlen, "ip", "link", "set", dev, "up", NULL);
}

static int target_addresses(const struct netns_pair *p, char *err, size_t errlen)
{
	const char *ns = p->target_ns, *dev = p->target_veth;
	char a4[32], a6[64];

	snprintf(a4, sizeof(a4), "%s/%d", p->target4_text, NETNS_PREFIX4);
	snprintf(a6, sizeof(a6), "%s/%d", p->target6_text, NETNS_PREFIX6);
	if (runv(ns, err, errlen, "ip", "-4", "addr", "add", a4, "dev", dev, NULL) < 0)
		return -1;
	return runv(ns, err, errlen, "ip", "-6", "addr", "add", a6, "dev", dev, "nodad", NULL);
}

static int target_neighbours(const struct netns_pair *p, char *err, size_t errlen)
{
	const char *ns = p->target_ns, *dev = p->target_veth;
	char mac[18];

	format_mac(p->tester_mac, mac, sizeof(mac));
	if (runv(ns, err, errlen, "ip", "-4", "neigh", "replace", p->tester4_text, "lladdr",
		 mac, "dev", dev, "nud", "permanent", NULL) < 0)
		return -1;
	return runv(ns, err, errlen, "ip", "-6", "neigh", "replace", p->tester6_text, "lladdr",
		    mac, "dev", dev, "nud", "permanent", NULL);
}

/* The prefix routes again, with quickack: no 40 ms delayed ACKs. */
static int target_routes(const struct netns_pair *p, char *err, size_t errlen)
{
	const char *ns = p->target_ns, *dev = p->target_veth;

	if (runv(ns, err, errlen, "ip", "-4", "route", "replace", NET4, "dev", dev, "proto",
		 "kernel", "scope", "link", "src", p->target4_text, "quickack", "1", NULL) < 0)
		return -1;
	return runv(ns, err, errlen, "ip", "-6", "route", "replace", NET6, "dev", dev, "proto",
		    "kernel", "metric", "256", "quickack", "1", NULL);
}

/*
 * Addresses finish their (skipped) duplicate address detection in a kernel
 * work item, after `ip addr add` returns; until then an IPv6 address is
 * tentative: not local, so a SYN to it is lost.  Wait until none is.
 */
static int target_wait_ready(const struct netns_pair *p, char *err, size_t errlen)
{
	const char *argv[] = {"ip", "-6", "-o", "addr", "show", "dev", p->target_veth,
			      "tentative", NULL};
	struct timespec tick = {0, 2 * 1000 * 1000};
	char out[CAPTURE_MAX];

	for (int waited = 0; waited < READY_TIMEOUT_MS; waited += 2) {
		if (run_capture(p->target_ns, argv, out, sizeof(out), err, errlen) < 0)
			return -1;
		if (out[0] == '\0')
			return 0;
		nanosleep(&tick, NULL);
	}
	err_set(err, errlen, "%s in namespace %s: addresses still tentative after %d ms: %s",
	     p->target_veth, p->target_ns, READY_TIMEOUT_MS, out);
	return -1;
}

/* The kernel stack of the target namespace is the stack under test. */
static int target_kernel(const struct netns_pair *p, char *err, size_t errlen)
{
	if (target_addresses(p, err, errlen) < 0 || target_neighbours(p, err, errlen) < 0 ||
	    target_routes(p, err, errlen) < 0)
		return -1;
	return target_wait_ready(p, err, errlen);
}

/* Every frame arriving on `from` leaves by `to`, unchanged. */
static int redirect(const char *ns, const char *from, const char *to, char *err,
		    size_t errlen)
{
	if (runv(ns, err, errlen, "tc", "qdisc", "add", "dev", from, "ingress", NULL) < 0)
		return -1;
	return runv(ns, err, errlen, "tc", "filter", "add", "dev", from, "parent", "ffff:",
		    "protocol", "all", "u32", "match", "u32", "0", "0", "action", "mirred",
		    "egress", "redirect", "dev", to, NULL);
}

/*
 * A user-space stack: a persistent tap with the target MAC, no address,
 * joined to the veth end both ways.  Until the program opens the tap, the
 * frames redirected to it are dropped (no carrier).
 */
static int target_tap(const struct netns_pair *p, char *err, size_t errlen)
{
	const char *ns = p->target_ns, *tap = p->target_if, *veth = p->target_veth;
	char mac[18];

	format_mac(p->target_mac, mac, sizeof(mac));
	if (runv(ns, err, errlen, "ip", "tuntap", "add", "dev", tap, "mode", "tap", NULL) < 0 ||
	    runv(ns, err, errlen, "ip", "link", "set", "dev", tap, "address", mac, "up", NULL) < 0)
		return -1;
	if (redirect(ns, veth, tap, err, errlen) < 0)
		return -1;
	return redirect(ns, tap, veth, err, errlen);
}

int netns_pair_create(struct netns_pair *p, unsigned index, const struct netns_options *opt,
		      char *err, size_t errlen)
{
	pair_fill(p, index, opt != NULL && opt->tap);
	if (ns_create(p->tester_ns, NULL, err, errlen) < 0)
		return -1;
	p->created = true;
	if (tester_sysctls(p, err, errlen) < 0 ||
	    ns_create(p->target_ns, p->tester_ns, err, errlen) < 0 ||
	    target_sysctls(p, opt, err, errlen) < 0 || veth_create(p, err, errlen) < 0 ||
	    link_setup(p->tester_ns, p->tester_if, err, errlen) < 0 ||
	    link_setup(p->target_ns, p->target_veth, err, errlen) < 0 ||
	    (p->tap ? target_tap(p, err, errlen) : target_kernel(p, err, errlen)) < 0) {
		netns_pair_destroy(p);
		return -1;
	}
	return 0;
}

void netns_pair_destroy(struct netns_pair *p)
{
	if (!p->created)
		return;
	ns_remove(p->tester_ns);
	ns_remove(p->target_ns);
	reg_ns_del(p->tester_ns);
	reg_ns_del(p->target_ns);
	p->created = false;
}

/* The PID in "tcpspec-<pid>-...", or 0 if the name is not of that form. */
static pid_t name_pid(const char *name)
{
	size_t plen = strlen(NETNS_PREFIX);
	const char *s = name + plen;
	char *end;
	long pid;

	if (strncmp(name, NETNS_PREFIX, plen) != 0 || *s < '1' || *s > '9')
		return 0;
	errno = 0;
	pid = strtol(s, &end, 10);
	if (errno != 0 || *end != '-' || pid <= 0 || pid > 0x3fffffff)
		return 0;
	return (pid_t)pid;
}

static bool pid_alive(pid_t pid)
{
	return kill(pid, 0) == 0 || errno == EPERM;
}

int netns_sweep_stale(unsigned *removed, char *err, size_t errlen)
{
	unsigned count = 0;
	struct dirent *de;
	int rc = 0;
	DIR *dir;

	if (removed != NULL)
		*removed = 0;
	dir = opendir(NETNS_DIR);
	if (dir == NULL) {
		if (errno == ENOENT)
			return 0;
		err_set(err, errlen, "cannot list %s: %s", NETNS_DIR, strerror(errno));
		return -1;
	}
	while ((de = readdir(dir)) != NULL) {
		pid_t pid = name_pid(de->d_name);

		if (pid == 0 || pid == getpid() || pid_alive(pid))
			continue;
		if (ns_remove(de->d_name) < 0) {
			err_set(err, errlen, "cannot delete %s/%s: %s", NETNS_DIR, de->d_name,
			     strerror(errno));
			rc = -1;
			continue;
		}
		count++;
	}
	closedir(dir);
	if (removed != NULL)
		*removed = count;
	return rc;
}
