/*
 * nsfile.h - the names of tcpspec's network namespaces, and the file that
 * is a named namespace (NETNS_DIR/NAME, as `ip netns add` creates it):
 * enter it, delete it.  Both are async-signal-safe, for a signal handler
 * (cleanup.c) and for a child between fork and exec (spawn.c).
 */
#ifndef TCPSPEC_NET_NSFILE_H
#define TCPSPEC_NET_NSFILE_H

#define NETNS_PREFIX "tcpspec-" /* nothing without it is ever deleted */
#define NETNS_DIR "/run/netns"
#define NETNS_NAME_LEN 48

/* Move the calling thread into namespace `name` (setns); -1 with errno. */
int nsfile_enter(const char *name);

/*
 * Delete namespace `name` as `ip netns del` does (lazy unmount of the bind
 * mount, then unlink); -1 with errno (EPERM: not a tcpspec- name).
 */
int nsfile_remove(const char *name);

#endif
