/*
 * netns.h - network namespaces for one conformance run.
 *
 * A run talks to its target across a veth pair that joins two namespaces
 * the run creates: the tester's (where packets are injected and captured)
 * and the target's (where the stack under test lives).  Names carry the
 * run's PID so that leftovers of a killed run can be recognised and swept:
 *
 *     tcpspec-<pid>-<n>-tst  --[ tcpspec-tst ]==veth==[ tcpspec-tgt ]--  tcpspec-<pid>-<n>-tgt
 *
 * <n> tells apart the pairs of one run (one per parallel job).  Only the
 * target end has addresses (198.18.0.2/24, 2001:db8::2/64); the tester's
 * addresses (198.18.0.1, 2001:db8::1) are configured nowhere, so the
 * tester's own kernel never answers for them.  The interface names and MAC
 * addresses are the same in every pair: each pair lives in namespaces of
 * its own.
 *
 * For a user-space stack (netns_options.tap) the target namespace's kernel
 * has no address at all (IPv6 off on its devices): a tap device, joined to
 * the veth end by two tc redirects (every frame in one is sent out of the
 * other, whatever its MAC), carries the frames to the program that opens
 * it, and the stack in that program owns 198.18.0.2 and 2001:db8::2:
 *
 *     ... ==veth==[ tcpspec-tgt ]--tc mirred--[ tcpspec-tap ]-- /dev/net/tun -- stack
 *
 * The tap has the target MAC, which the stack takes as its own.  It goes
 * with the namespace.
 *
 * Everything created is registered (cleanup.h), so that a signal does not
 * leave it behind.  Nothing without the "tcpspec-" prefix is ever touched
 * (nsfile.h).  Creating namespaces needs root.  All functions may be
 * called from parallel threads (the registry is lock-free).  Programs are
 * started in a namespace with spawn.h.
 */
#ifndef TCPSPEC_NETNS_H
#define TCPSPEC_NETNS_H

#include <net/if.h>
#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "net/nsfile.h" /* NETNS_PREFIX, NETNS_DIR, NETNS_NAME_LEN */

#define NETNS_IF_TESTER "tcpspec-tst"
#define NETNS_IF_TARGET "tcpspec-tgt"
#define NETNS_IF_TAP "tcpspec-tap"
#define NETNS_PREFIX4 24
#define NETNS_PREFIX6 64

/* Knobs of the target namespace; zero-initialise for the defaults. */
struct netns_options {
	long rto_min_us; /* net.ipv4.tcp_rto_min_us; <= 0 leaves the kernel's */
	bool tap;	 /* a user-space stack on a tap: no kernel addresses */
};

/* One tester/target pair, filled in by netns_pair_create(). */
struct netns_pair {
	char tester_ns[NETNS_NAME_LEN];
	char target_ns[NETNS_NAME_LEN];
	char tester_if[IFNAMSIZ];
	char target_if[IFNAMSIZ];   /* the device the stack uses (veth or tap) */
	char target_veth[IFNAMSIZ]; /* the target's end of the veth */
	uint8_t tester_mac[6];
	uint8_t target_mac[6];
	struct in_addr tester4, target4;
	struct in6_addr tester6, target6;
	char tester4_text[INET_ADDRSTRLEN], target4_text[INET_ADDRSTRLEN];
	char tester6_text[INET6_ADDRSTRLEN], target6_text[INET6_ADDRSTRLEN];
	bool tap;     /* target_if is a tap; the kernel has no address */
	bool created; /* set once the namespaces exist (for destroy) */
};

/*
 * Create and configure pair number `index` of this run (see the top of
 * this file and conformance/TARGETS.md for what is configured).  On failure
 * everything created so far is removed and `err` names the command that
 * failed with its exit status and its stderr.
 */
int netns_pair_create(struct netns_pair *pair, unsigned index,
		      const struct netns_options *opt, char *err, size_t errlen);

/*
 * Delete both namespaces (their veth ends go with them).  Idempotent.
 * Processes still inside keep a namespace alive until they exit: stop
 * them first (spawn_stop).
 */
void netns_pair_destroy(struct netns_pair *pair);

/* Move the calling thread into namespace `name` (setns on NETNS_DIR/name). */
int netns_enter(const char *name, char *err, size_t errlen);

/*
 * Delete namespaces named tcpspec-<pid>-... whose <pid> is no longer alive
 * (leftovers of a run killed by SIGKILL; their agents exit by themselves at
 * the end of their input).  Kills nothing.  A name whose PID has been
 * reused by another process is left alone.  *removed (if not NULL)
 * receives the number deleted.  Call it when a run starts.
 */
int netns_sweep_stale(unsigned *removed, char *err, size_t errlen);

/* Name the pairs created from now on for process `pid` (a run names them
 * for itself, so that its jobs' pairs are its own; 0: each process's own). */
void netns_set_owner(pid_t pid);

/* Delete the namespaces process `owner` created (named for its PID), e.g.
 * after it was killed; *removed counts them.  0, or -1 if one resisted. */
int netns_remove_owned(pid_t owner, unsigned *removed);

#endif
