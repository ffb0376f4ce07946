/* agentcmd.c - see agentcmd.h. */
#include "agentcmd.h"

#include <check.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char reply[TARGET_LINE_MAX], err[512];

const char *agent_ok(struct target *t, const char *fmt, ...)
{
	char line[TARGET_LINE_MAX];
	va_list ap;
	int rc;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	rc = target_exec_command(t, line, reply, sizeof(reply), 0, err, sizeof(err));
	ck_assert_msg(rc == TARGET_OK, "%s: '%s' failed: %s", t->stack, line, err);
	return reply;
}

void agent_refused(struct target *t, const char *code, const char *line)
{
	int rc = target_exec_command(t, line, reply, sizeof(reply), 0, err, sizeof(err));

	ck_assert_msg(rc == TARGET_ERR, "%s: '%s' answered '%s' (%d), expected err %s", t->stack,
		      line, reply, rc, code);
	ck_assert_msg(strncmp(reply, code, strlen(code)) == 0 && reply[strlen(code)] == ' ',
		      "%s: '%s' answered 'err %s', expected err %s", t->stack, line, reply, code);
}

const char *agent_last_reply(void)
{
	return reply;
}
