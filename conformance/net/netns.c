/*
 * netns.c - the tester/target namespace pair of a run: the namespaces,
 * the veth between them, the target's addresses, neighbours and routes or
 * its tap; and the sweep of stale leftovers.
 *
 * Configuration is done by running ip(8), ethtool(8), sysctl(8) and tc(8)
 * inside the namespace concerned (spawn.h): no shell, no string
 * interpolation, and a failing command's stderr ends up in the error.
 * Every namespace is registered for cleanup on signals (cleanup.h) before
 * it is created.
 */
#include "net/netns.h"
#include "base/err.h"
#include "net/cleanup.h"
#include "net/spawn.h"

#include <arpa/inet.h>
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_ARGS 24
#define READY_TIMEOUT_MS 2000

/* 198.18.0.0/15 and 2001:db8::/32 only (RFC 2544, RFC 3849). */
static const char TESTER4[] = "198.18.0.1", TARGET4[] = "198.18.0.2";
static const char TESTER6[] = "2001:db8::1", TARGET6[] = "2001:db8::2";
/* Locally administered MACs; the middle bytes c6:12 recall 198.18. */
static const uint8_t TESTER_MAC[6] = {0x02, 0x00, 0xc6, 0x12, 0x00, 0x01};
static const uint8_t TARGET_MAC[6] = {0x02, 0x00, 0xc6, 0x12, 0x00, 0x02};

/* spawn_run with the arguments given inline, NULL-terminated. */
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
	return spawn_run(ns, argv, err, errlen);
}

int netns_enter(const char *name, char *err, size_t errlen)
{
	if (nsfile_enter(name) < 0) {
		err_set(err, errlen, "cannot enter namespace %s/%s: %s", NETNS_DIR, name,
		     strerror(errno));
		return -1;
	}
	return 0;
}

static void format_mac(const uint8_t mac[6], char *buf, size_t len)
{
	snprintf(buf, len, "%02x:%02x:%02x:%02x:%02x:%02x", mac[0], mac[1], mac[2],
		 mac[3], mac[4], mac[5]);
}

/* Whose namespaces these are: the run's PID (0: this process's). */
static pid_t owner;

void netns_set_owner(pid_t pid)
{
	owner = pid;
}

static void pair_fill(struct netns_pair *p, unsigned index, bool tap)
{
	long who = owner > 0 ? (long)owner : (long)getpid();

	memset(p, 0, sizeof(*p));
	p->tap = tap;
	snprintf(p->tester_ns, sizeof(p->tester_ns), NETNS_PREFIX "%ld-%u-tst", who, index);
	snprintf(p->target_ns, sizeof(p->target_ns), NETNS_PREFIX "%ld-%u-tgt", who, index);
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
	if (cleanup_add_netns(name) < 0) {
		err_set(err, errlen, "namespace %s: more than %d namespaces to clean up", name,
		     CLEANUP_SLOTS);
		return -1;
	}
	if (runv(parent, err, errlen, "ip", "netns", "add", name, NULL) == 0)
		return 0;
	cleanup_forget_netns(name);
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
		 "net.ipv6.conf.default.router_solicitations=0", NULL) < 0)
		return -1;
	/*
	 * TCP runs at the kernel's defaults (delayed ACKs, SYN cookies, the
	 * challenge-ACK limit) but for two freedoms the model does not yet
	 * have (issue 13, conformance/TARGETS.md section 1): the rate limit on
	 * answers to out-of-window segments (one per 500 ms per socket: the
	 * model answers every one) and the SYN schedule of linear timeouts
	 * (more SYNs than TCP_SYNCNT says: the profile's retry count would not
	 * hold).  Absent from some kernels, or not per namespace: -e ignores
	 * those.
	 */
	if (runv(ns, err, errlen, "sysctl", "-q", "-e", "-w",
		 "net.ipv4.tcp_invalid_ratelimit=0",
		 "net.ipv4.tcp_syn_linear_timeouts=0", NULL) < 0)
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
	char out[SPAWN_CAPTURE_MAX];

	for (int waited = 0; waited < READY_TIMEOUT_MS; waited += 2) {
		if (spawn_capture(p->target_ns, argv, out, sizeof(out), err, errlen) < 0)
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
	if (target_addresses(p, err, errlen) < 0 || target_neighbours(p, err, errlen) < 0)
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
 * A user-space stack: a persistent tap owned by nobody, with the target MAC, no address,
 * joined to the veth end both ways.  Until the program opens the tap, the
 * frames redirected to it are dropped (no carrier).
 */
static int target_tap(const struct netns_pair *p, char *err, size_t errlen)
{
	const char *ns = p->target_ns, *tap = p->target_if, *veth = p->target_veth;
	char mac[18];

	format_mac(p->target_mac, mac, sizeof(mac));
	/* owned by nobody: a stack may attach to it without privileges (an
	 * agent drops them before it starts its stack, targets/agents/privs.h) */
	if (runv(ns, err, errlen, "ip", "tuntap", "add", "dev", tap, "mode", "tap", "user", "65534",
		 "group", "65534", NULL) < 0 ||
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
	nsfile_remove(p->tester_ns);
	nsfile_remove(p->target_ns);
	cleanup_forget_netns(p->tester_ns);
	cleanup_forget_netns(p->target_ns);
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
		if (nsfile_remove(de->d_name) < 0) {
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

int netns_remove_owned(pid_t owner, unsigned *removed)
{
	struct dirent *de;
	int rc = 0;
	DIR *dir = opendir(NETNS_DIR);

	*removed = 0;
	if (dir == NULL)
		return errno == ENOENT ? 0 : -1;
	while ((de = readdir(dir)) != NULL) {
		if (name_pid(de->d_name) != owner)
			continue;
		if (nsfile_remove(de->d_name) < 0)
			rc = -1;
		else
			(*removed)++;
	}
	closedir(dir);
	return rc;
}
