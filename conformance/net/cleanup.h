/*
 * cleanup.h - what a signal must not leave behind: the namespaces and the
 * processes a run created.  Each is registered when created and forgotten
 * when removed; on SIGINT, SIGTERM or SIGHUP the handler kills the
 * registered processes, deletes the registered namespaces (nsfile.h),
 * then dies of the same signal.  Registering is lock-free (slots claimed
 * with atomics), so parallel jobs may register while the handler reads.
 */
#ifndef TCPSPEC_NET_CLEANUP_H
#define TCPSPEC_NET_CLEANUP_H

#include <stddef.h>
#include <sys/types.h>

#define CLEANUP_SLOTS 128 /* namespaces, and processes, registered at once */

/* Register namespace `name` (a tcpspec- name); -1 when every slot is taken. */
int cleanup_add_netns(const char *name);
void cleanup_forget_netns(const char *name);
/* Register process `pid`; -1 when every slot is taken. */
int cleanup_add_pid(pid_t pid);
void cleanup_forget_pid(pid_t pid);

/* Install the handler for SIGINT, SIGTERM and SIGHUP.  Call once from main. */
int cleanup_install_signals(char *err, size_t errlen);

#endif
