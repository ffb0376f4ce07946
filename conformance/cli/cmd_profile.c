/*
 * cmd_profile.c - `tcpspec profile list | show | diff`: the profiles as
 * data (conformance/profiles/profile.h); and cli_profile(), the
 * --profile / --profile-file options every command that takes a profile
 * shares.
 */
#include <stdio.h>
#include <string.h>

#include "profiles/profile.h"
#include "cli/cli.h"

static const char profile_help[] =
"usage: tcpspec profile list\n"
"       tcpspec profile show NAME | --profile-file F\n"
"       tcpspec profile diff A B\n"
"\n"
"Profiles as data.  list: the built-in profiles.  show: the profile file of\n"
"a built-in profile (conformance/profiles/NAME.profile is this output), or of\n"
"the file F as read: every switch of struct tcp_profile with what it does,\n"
"what RFC 9293 says, its value, the source of a set switch and its RFC\n"
"status (permitted: a choice the RFCs leave open; departure LABEL: the\n"
"requirement it breaks).  diff: the switches whose values differ between A\n"
"and B (each a built-in name or a profile file: a path with a '/' or ending\n"
"in .profile), each with the RFC status of both values.\n"
"Exit: 0 (diff: the profiles agree), 1 (diff: they differ), 2 usage error or\n"
"a bad profile file (FILE:LINE: what was expected).\n";

int cli_profile(const char *cmd, const char *opt, const char *value, struct profile_def *p,
		bool *given)
{
	char err[768];

	if (*given) {
		fprintf(stderr, "tcpspec %s: expected one --profile or --profile-file, got a second: %s\n",
			cmd, opt);
		return EXIT_USAGE;
	}
	if (value == NULL) {
		fprintf(stderr, "tcpspec %s: expected a value after %s\n", cmd, opt);
		return EXIT_USAGE;
	}
	if (profile_option(opt, value, p, err, sizeof err) != 0) {
		fprintf(stderr, "tcpspec %s: %s\n", cmd, err);
		return EXIT_USAGE;
	}
	*given = true;
	return 0;
}

/* A built-in name, or a file (a '/' in it, or the .profile suffix). */
static int load(const char *arg, struct profile_def *p)
{
	size_t n = strlen(arg);
	bool file = strchr(arg, '/') != NULL || (n > 8 && strcmp(arg + n - 8, ".profile") == 0);
	bool given = false;

	return cli_profile("profile", file ? "--profile-file" : "--profile", arg, p, &given);
}

static int list(void)
{
	static struct profile_def p;

	for (int i = 0; i < TCP_NPROFILES; i++) {
		profile_builtin((enum tcp_profile_id)i, &p);
		printf("%-14s %s\n", p.name, p.describes);
	}
	return EXIT_PASS;
}

static void value_text(const struct profile_switch *sw, unsigned v, char *buf, size_t len)
{
	if (sw->is_bool)
		snprintf(buf, len, "%s", v ? "true" : "false");
	else
		snprintf(buf, len, "%u", v);
}

static int diff(const char *a, const char *b)
{
	static struct profile_def pa, pb;
	int rc, ndiff = 0;

	if ((rc = load(a, &pa)) != 0 || (rc = load(b, &pb)) != 0)
		return rc;
	for (unsigned k = 0; k < profile_nswitches(); k++) {
		struct profile_switch sw;
		unsigned va, vb;
		char sa[96], sb[96], ta[8], tb[8];

		profile_switch_get(k, &sw);
		va = profile_value(&sw, &pa.tcp);
		vb = profile_value(&sw, &pb.tcp);
		if (va == vb)
			continue;
		if (ndiff++ == 0)
			printf("%-24s %-14s %-14s %s\n", "switch", pa.name, pb.name,
			       "RFC status of each value");
		value_text(&sw, va, ta, sizeof ta);
		value_text(&sw, vb, tb, sizeof tb);
		printf("%-24s %-14s %-14s %s | %s\n", sw.name, ta, tb,
		       profile_status_text(&sw, va, sa, sizeof sa),
		       profile_status_text(&sw, vb, sb, sizeof sb));
	}
	if (ndiff == 0)
		printf("%s and %s agree in every switch\n", pa.name, pb.name);
	return ndiff > 0 ? EXIT_FAIL : EXIT_PASS;
}

int cmd_profile(int argc, char **argv)
{
	static struct profile_def p;
	const char *sub = argc > 1 ? argv[1] : "";
	int rc;

	if (strcmp(sub, "--help") == 0 || strcmp(sub, "-h") == 0) {
		fputs(profile_help, stdout);
		return EXIT_PASS;
	}
	if (strcmp(sub, "list") == 0 && argc == 2)
		return list();
	if (strcmp(sub, "diff") == 0 && argc == 4)
		return diff(argv[2], argv[3]);
	if (strcmp(sub, "show") == 0 && (argc == 3 || argc == 4)) {
		bool given = false;

		if (argc == 4 && strcmp(argv[2], "--profile-file") != 0) {
			fprintf(stderr, "tcpspec profile: expected 'show NAME' or 'show --profile-file F', got '%s'\n",
				argv[2]);
			return EXIT_USAGE;
		}
		rc = argc == 4 ? cli_profile("profile", argv[2], argv[3], &p, &given) : load(argv[2], &p);
		if (rc != 0)
			return rc;
		profile_file_write(stdout, &p);
		return EXIT_PASS;
	}
	fprintf(stderr, "tcpspec profile: expected list, show NAME, show --profile-file F or "
		"diff A B, got '%s' (tcpspec profile --help)\n", sub);
	return EXIT_USAGE;
}
