/*
 * cli_target.c - the target list and the wire:IFACE options on the command
 * line, shared by `tcpspec run` and `tcpspec walk` (cli_target.h).
 */
#include "cli/cli_target.h"

#include <stdio.h>
#include <string.h>

#include "cli/cli.h"
#include "targets/target.h"

void cli_wire_init(struct cli_wire *w)
{
	wire_spec_init(&w->spec);
	w->seen = false;
}

bool cli_wire_is_option(const char *a)
{
	return strncmp(a, "--wire-", 7) == 0;
}

int cli_wire_option(const char *cmd, const char *a, const char *v, struct cli_wire *w)
{
	char err[512];

	w->seen = true;
	if (wire_spec_set(&w->spec, a + strlen("--wire-"), v, err, sizeof err) == 0)
		return 0;
	fprintf(stderr, "tcpspec %s: %s\n", cmd, err);
	return EXIT_USAGE;
}

bool cli_targets_bad(const char *list)
{
	char copy[256], *save = NULL;

	if (snprintf(copy, sizeof copy, "%s", list) >= (int)sizeof copy)
		return true;
	for (char *t = strtok_r(copy, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save))
		if (target_find(t) == NULL)
			return true;
	return list[0] == '\0' || list[strlen(list) - 1] == ',';
}

/* The wire target among the list's (NULL: none); two are refused. */
static const char *wire_target(const char *list, char *err, size_t errlen)
{
	const char *found = NULL;

	for (const char *t = list; *t != '\0'; t += strcspn(t, ","), t += *t == ',') {
		if (strncmp(t, WIRE_PREFIX, strlen(WIRE_PREFIX)) != 0)
			continue;
		if (found != NULL) {
			snprintf(err, errlen, "expected at most one wire:IFACE target, got");
			return NULL;
		}
		found = t;
	}
	return found;
}

bool cli_has_wire(const char *list)
{
	char err[128] = "";

	return wire_target(list, err, sizeof err) != NULL || err[0] != '\0';
}

static int usage(const char *cmd, const char *msg, const char *arg)
{
	fprintf(stderr, "tcpspec %s: %s '%s' (tcpspec %s --help)\n", cmd, msg, arg, cmd);
	return EXIT_USAGE;
}

int cli_wire_prepare(const char *cmd, struct run_opts *o, struct cli_wire *w)
{
	char err[512] = "", name[64];
	const char *t = wire_target(o->target, err, sizeof err);

	if (t == NULL && err[0] != '\0')
		return usage(cmd, err, o->target);
	if (t == NULL)
		return w->seen ? usage(cmd, "the --wire-* options need --target wire:IFACE, got",
				       o->target) : 0;
	snprintf(name, sizeof name, "%.*s", (int)strcspn(t, ","), t);
	if (wire_spec_target(&w->spec, name, err, sizeof err) != 0 ||
	    wire_spec_check(&w->spec, o->family, o->jobs, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec %s: %s\n", cmd, err);
		return EXIT_USAGE;
	}
	if (o->rto_min_us > 0) {
		fprintf(stderr, "tcpspec %s: wire:%s: --rto-min-us sets a sysctl in a namespace "
			"tcpspec creates; the wire target creates none and changes no setting\n",
			cmd, w->spec.ifname);
		return EXIT_USAGE;
	}
	if (wire_iface_check(w->spec.ifname, err, sizeof err) != 0 ||
	    wire_addrs_foreign(&w->spec, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec %s: %s\n", cmd, err);
		return EXIT_ENV;
	}
	o->wire = &w->spec;
	return 0;
}
