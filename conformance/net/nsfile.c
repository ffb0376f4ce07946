/*
 * nsfile.c - a named namespace's file: see nsfile.h.  Only
 * async-signal-safe calls.
 */
#include "net/nsfile.h"

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

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

int nsfile_enter(const char *name)
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

int nsfile_remove(const char *name)
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
