/* privs.c - see privs.h. */
#include "targets/agents/privs.h"

#include <errno.h>
#include <grp.h>
#include <linux/capability.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#define NOBODY 65534

static int fail(const char *prog, const char *call)
{
	fprintf(stderr, "%s: cannot drop privileges: %s: %s\n", prog, call, strerror(errno));
	return -1;
}

int privs_become_nobody(const char *prog)
{
	if (geteuid() != 0)
		return 0;
	if (setgroups(0, NULL) != 0)
		return fail(prog, "setgroups");
	if (setresgid(NOBODY, NOBODY, NOBODY) != 0)
		return fail(prog, "setresgid");
	if (setresuid(NOBODY, NOBODY, NOBODY) != 0)
		return fail(prog, "setresuid");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return fail(prog, "PR_SET_NO_NEW_PRIVS");
	return 0;
}

int privs_keep_only_net_admin(const char *prog)
{
	struct __user_cap_header_struct hdr = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct data[2];
	unsigned keep = CAP_NET_ADMIN;

	if (geteuid() != 0)
		return 0;
	/* the bounding set first (it needs CAP_SETPCAP), then the sets */
	for (unsigned c = 0; c < 64; c++) {
		if (c == keep)
			continue;
		if (prctl(PR_CAPBSET_DROP, c, 0, 0, 0) != 0 && errno != EINVAL)
			return fail(prog, "PR_CAPBSET_DROP");
	}
	memset(data, 0, sizeof data);
	data[keep / 32].effective = data[keep / 32].permitted = 1u << (keep % 32);
	if (syscall(SYS_capset, &hdr, data) != 0)
		return fail(prog, "capset");
	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
		return fail(prog, "PR_SET_NO_NEW_PRIVS");
	return 0;
}
