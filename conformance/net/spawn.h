/*
 * spawn.h - programs started inside a network namespace: fork, enter the
 * namespace (nsfile.h), exec; no shell, no string interpolation.  A
 * failure before exec (entering the namespace, setting up stdin and
 * stdout, exec itself) comes back as an error naming the command.  ip(8),
 * ethtool(8), sysctl(8) and tc(8) are found in /usr/sbin when PATH lacks
 * it.
 */
#ifndef TCPSPEC_NET_SPAWN_H
#define TCPSPEC_NET_SPAWN_H

#include <stddef.h>
#include <sys/types.h>

#define SPAWN_CAPTURE_MAX 512 /* bytes of a command's output kept */

/*
 * Run argv (searched in PATH) inside namespace `ns` (NULL: the caller's)
 * and wait for it; stdout is discarded, stderr is captured into `err` when
 * the command fails or exits non-zero.
 */
int spawn_run(const char *ns, const char *const argv[], char *err, size_t errlen);

/*
 * spawn_run (0 only after exit status 0), and what the command wrote on
 * stdout and stderr, as one line (newlines made ';'), in `out` whatever
 * its exit status.
 */
int spawn_capture(const char *ns, const char *const argv[], char *out, size_t outlen,
		  char *err, size_t errlen);

/*
 * Start argv inside namespace `ns`, its stdin and stdout both connected to
 * *fd (one end of a stream socketpair, close-on-exec in the caller), its
 * stderr inherited.  The PID is registered for cleanup on signals
 * (cleanup.h).
 */
int spawn_start(const char *ns, const char *const argv[], int *fd, pid_t *pid, char *err,
		size_t errlen);

/*
 * Wait up to grace_ms for `pid` (started by spawn_start) to exit, then
 * SIGKILL it; reap it and forget it.  Returns its wait status, or -1.
 */
int spawn_stop(pid_t pid, int grace_ms);

#endif
