/*
 * cleanup.c - the registry of what a signal must undo: see cleanup.h.
 */
#include "net/cleanup.h"
#include "base/err.h"
#include "net/nsfile.h"

#include <errno.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <string.h>

/*
 * What a signal handler must undo.  Slots are claimed with atomics so that
 * parallel jobs can register while the handler only reads live slots.
 */
enum { SLOT_FREE, SLOT_WRITING, SLOT_LIVE };
static atomic_int ns_state[CLEANUP_SLOTS];
static char ns_name[CLEANUP_SLOTS][NETNS_NAME_LEN];
static atomic_int pid_slot[CLEANUP_SLOTS];

int cleanup_add_netns(const char *name)
{
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		int expect = SLOT_FREE;

		if (!atomic_compare_exchange_strong(&ns_state[i], &expect, SLOT_WRITING))
			continue;
		snprintf(ns_name[i], sizeof(ns_name[i]), "%s", name);
		atomic_store(&ns_state[i], SLOT_LIVE);
		return 0;
	}
	return -1;
}

void cleanup_forget_netns(const char *name)
{
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		if (atomic_load(&ns_state[i]) == SLOT_LIVE && strcmp(ns_name[i], name) == 0) {
			atomic_store(&ns_state[i], SLOT_FREE);
			return;
		}
	}
}

int cleanup_add_pid(pid_t pid)
{
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		int expect = 0;

		if (atomic_compare_exchange_strong(&pid_slot[i], &expect, (int)pid))
			return 0;
	}
	return -1;
}

void cleanup_forget_pid(pid_t pid)
{
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		int expect = (int)pid;

		if (atomic_compare_exchange_strong(&pid_slot[i], &expect, 0))
			return;
	}
}

/* Async-signal-safe: everything registered, processes first. */
static void cleanup_all(void)
{
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		int pid = atomic_load(&pid_slot[i]);

		if (pid > 0)
			kill((pid_t)pid, SIGKILL);
	}
	for (int i = 0; i < CLEANUP_SLOTS; i++) {
		if (atomic_load(&ns_state[i]) == SLOT_LIVE)
			nsfile_remove(ns_name[i]);
	}
}

static void on_signal(int sig)
{
	int saved = errno;

	cleanup_all();
	/* SA_RESETHAND restored the default; the signal stays blocked until
	 * the handler returns, then kills the process. */
	raise(sig);
	errno = saved;
}

int cleanup_install_signals(char *err, size_t errlen)
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
