/*
 * cmd_run.c - `tcpspec run`: the conformance run.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "report/report.h"
#include "base/clock.h"
#include "report/report_html.h"
#include "report/report_matrix.h"
#include "profiles/profile.h"
#include "run/runner.h"
#include "targets/target.h"
#include "cli/cli.h"
#include "cli/cli_target.h"

#define MAX_SCN 512

static const char run_help[] =
"usage: tcpspec run [--target T[,T...]] [--target-arg ARG]...\n"
"                   [--profile P | --profile-file F] [--jobs N] [--family 4|6|both]\n"
"                   [--json F] [--junit F] [--html F] [--pcap-dir D] [--pcap-fail-only]\n"
"                   [--slow] [--quiet-ms N] [--rto-min-us N]\n"
"                   [--matrix-md F] [--matrix-json F] [--meta KEY=VALUE]...\n"
"                   [--wire-app PATH --wire-tester4 A --wire-device4 A\n"
"                    --wire-tester6 A --wire-device6 A [--wire-mac MAC]]\n"
"                   SCENARIO...\n"
"\n"
"Runs each scenario against a real TCP stack in network namespaces the run\n"
"creates (and removes, also on failure and Ctrl-C), stepping the model\n"
"alongside: every segment the target sends and every state it is seen in is\n"
"compared with what the model predicts.  Verdicts: PASS, FAIL (first\n"
"diverging step: expected and observed, why, the target's and the model's\n"
"states, the rule and its RFC section), ERROR (the harness, the environment\n"
"or the target's program failed, with the cause), SKIP (not applicable, with\n"
"a reason).\n"
"  --target      linux (default: the running kernel, driven by its agent),\n"
"                lwip (lwIP 2.1.3 on a tap), slirp (libslirp 4.7 on a tap),\n"
"                model (the model itself, as tcpspec check), exec:PATH (a\n"
"                program speaking the target protocol beside a kernel stack on\n"
"                the veth), exec-tap:PATH (the same for a user-space stack on a\n"
"                tap), wire:IFACE (a device behind interface IFACE, see below)\n"
"                (conformance/TARGETS.md); several, comma-separated, make\n"
"                a matrix: each stack against its own profile and rfc9293\n"
"  --target-arg  an argument appended to the target program's command line\n"
"                (repeatable, in order; exec:, exec-tap: and wire: targets)\n"
CLI_WIRE_HELP
"                this host; --jobs above 1; --rto-min-us\n"
"  --matrix-md, --matrix-json   write the matrix as Markdown or JSON (with\n"
"                one target: its own profile and rfc9293, a matrix of one)\n"
"  --profile     rfc9293, rfc9293-5961, linux, lwip, bsd (default: the target's own;\n"
"                in a matrix: the own profile of every target)\n"
"  --profile-file  a profile file, as --profile (tcpspec profile show NAME\n"
"                writes one); scenarios the model contradicts under it SKIP\n"
"  --jobs        parallel jobs, each with its own namespaces (default 1)\n"
"  --family      run over IPv4, IPv6 or both (default both)\n"
"  --json, --junit  write the results as JSON or JUnit XML (in a matrix, the\n"
"                JSON has every result: each target, both profiles)\n"
"  --meta        KEY=VALUE for the JSON's \"meta\" object (make results: the\n"
"                tcpspec commit, the stack's Debian package); the date, the\n"
"                kernel release, the target and its profile are always there\n"
"  --html        write a self-contained HTML report: the state diagram coloured\n"
"                by what the run covered, each scenario's verdict, and for a\n"
"                FAIL the sequence diagram of expected vs observed segments\n"
"  --pcap-dir    keep one pcap per scenario and family (Wireshark, tshark);\n"
"                in a matrix, in D/TARGET-PROFILE/\n"
"  --pcap-fail-only  keep only the pcaps of FAIL and ERROR\n"
"  --slow        also run scenarios marked '# slow: yes' (long timers)\n"
"  --quiet-ms    the target counts as quiet after this long without sending\n"
"                (default: linux 3 ms, since veth delivers within the sending\n"
"                call; lwip and slirp 20 ms, their agents ACK at once; exec:\n"
"                and exec-tap: 300 ms, longer than a delayed ACK may wait)\n"
"  --rto-min-us  net.ipv4.tcp_rto_min_us in the target's namespace: the\n"
"                kernel's minimum retransmission timeout, shortened so that\n"
"                scenarios waiting for a retransmission finish sooner; it\n"
"                reaches kernel targets only (linux, exec:), not a user-space\n"
"                stack on a tap (lwip, slirp, exec-tap:), which has its own\n"
"                timers (default: the kernel's)\n"
"Needs root (network namespaces, raw sockets; wire: raw sockets only).\n"
"Exit: 0 all passed, 1 some FAIL, 2 usage, scenario or profile file error,\n"
"3 environment error (or an ERROR).\n";

static int usage(const char *msg, const char *arg)
{
	fprintf(stderr, "tcpspec run: %s '%s' (tcpspec run --help)\n", msg, arg);
	return EXIT_USAGE;
}

struct outs {
	const char *json, *junit, *matrix_md, *matrix_json, *html;
	double t0;
	struct report_meta meta;
	char auto_kv[4][160];	/* the meta every run records */
};

static int parse(int argc, char **argv, struct run_opts *o, const char **args,
		 struct outs *out, struct cli_wire *wire, int *first)
{
	static struct profile_def prof;
	bool given = false;
	int nargs = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(run_help, stdout);
			return -1;
		}
		if (a[0] != '-') {
			*first = i;
			return 0;
		}
		if (strcmp(a, "--slow") == 0) {
			o->slow = true;
			continue;
		}
		if (strcmp(a, "--pcap-fail-only") == 0) {
			o->pcap_fail_only = true;
			continue;
		}
		if (v == NULL)
			return usage("expected a value after", a);
		i++;
		if (cli_wire_is_option(a)) {
			int rc = cli_wire_option("run", a, v, wire);

			if (rc != 0)
				return rc;
		} else if (strcmp(a, "--target") == 0) {
			o->target = v;
			if (cli_targets_bad(v))
				return usage("expected targets " TARGET_FORMS ", comma-separated, got", v);
		} else if (strcmp(a, "--target-arg") == 0) {
			if (nargs == 16)
				return usage("expected at most 16 --target-arg, got another:", v);
			args[nargs++] = v;
			o->ntarget_args = (size_t)nargs;
		} else if (strcmp(a, "--profile") == 0 || strcmp(a, "--profile-file") == 0) {
			int rc = cli_profile("run", a, v, &prof, &given);

			if (rc != 0)
				return rc;
			o->profile = &prof;
		} else if (strcmp(a, "--jobs") == 0) {
			o->jobs = atoi(v);
			if (o->jobs < 1 || o->jobs > 64)
				return usage("expected --jobs 1..64, got", v);
		} else if (strcmp(a, "--family") == 0) {
			o->family = strcmp(v, "4") == 0 ? 4 : strcmp(v, "6") == 0 ? 6
				  : strcmp(v, "both") == 0 ? 0 : -1;
			if (o->family < 0)
				return usage("expected --family 4, 6 or both, got", v);
		} else if (strcmp(a, "--json") == 0) {
			out->json = v;
		} else if (strcmp(a, "--junit") == 0) {
			out->junit = v;
		} else if (strcmp(a, "--html") == 0) {
			out->html = v;
		} else if (strcmp(a, "--matrix-md") == 0) {
			out->matrix_md = v;
		} else if (strcmp(a, "--matrix-json") == 0) {
			out->matrix_json = v;
		} else if (strcmp(a, "--meta") == 0) {
			const char *eq = strchr(v, '=');

			if (eq == NULL || eq == v || eq - v > 40 || out->meta.n == REPORT_META_MAX - 4)
				return usage("expected --meta KEY=VALUE (at most 12), got", v);
			out->meta.kv[out->meta.n++] = v;
		} else if (strcmp(a, "--pcap-dir") == 0) {
			o->pcap_dir = v;
		} else if (strcmp(a, "--quiet-ms") == 0) {
			o->quiet_ms = atoi(v);
			if (o->quiet_ms < 1 || o->quiet_ms > 5000)
				return usage("expected --quiet-ms 1..5000, got", v);
		} else if (strcmp(a, "--rto-min-us") == 0) {
			o->rto_min_us = atol(v);
			if (o->rto_min_us < 1 || o->rto_min_us > 10000000)
				return usage("expected --rto-min-us 1..10000000 (microseconds), got", v);
		} else {
			return usage("unknown option", a);
		}
	}
	return usage("expected at least one scenario file, got", "");
}

static int worst_of(const struct run_result *res, int n, int worst)
{
	for (int i = 0; i < n; i++) {
		if (res[i].verdict == V_FAIL)
			worst = EXIT_FAIL;
		else if (res[i].verdict == V_ERROR && worst == EXIT_PASS)
			worst = EXIT_ENV;
	}
	return worst;
}

static bool has_key(const struct report_meta *m, const char *key)
{
	size_t len = strlen(key);

	for (int i = 0; i < m->n; i++)
		if (strncmp(m->kv[i], key, len) == 0 && m->kv[i][len] == '=')
			return true;
	return false;
}

/* The meta every JSON records, unless --meta gave it: when (UTC), on which
 * kernel, which target and which profile (the first result's). */
static void auto_meta(struct outs *out, const char *target, const struct run_result *res,
		      int n)
{
	struct utsname u;
	time_t now = time(NULL);
	struct tm tm;
	char date[32] = "";
	const char *vals[4][2] = {
		{ "date", date }, { "kernel", "" }, { "target", target },
		{ "profile", n > 0 ? res[0].profile : "" },
	};

	if (gmtime_r(&now, &tm) != NULL)
		strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
	if (uname(&u) == 0)
		vals[1][1] = u.release;
	for (int i = 0; i < 4 && out->meta.n < REPORT_META_MAX; i++) {
		if (has_key(&out->meta, vals[i][0]))
			continue;
		snprintf(out->auto_kv[i], sizeof out->auto_kv[i], "%s=%s", vals[i][0], vals[i][1]);
		out->meta.kv[out->meta.n++] = out->auto_kv[i];
	}
}

static void write_json(struct outs *out, const char *target, const struct run_result *res,
		       int n)
{
	char err[512];

	auto_meta(out, target, res, n);
	if (report_json(out->json, &out->meta, res, n, err, sizeof err) != 0)
		fprintf(stderr, "tcpspec run: %s\n", err);
}

/* The profile a run of target used: the one given, else the target's own. */
static const struct profile_def *run_profile(const struct run_opts *o, const char *target)
{
	static struct profile_def own;
	const struct target_ops *ops = target_find(target);

	if (o->profile != NULL)
		return o->profile;
	if (ops == NULL || profile_builtin_find(ops->default_profile, &own) != 0)
		profile_builtin(TCP_PROFILE_RFC9293, &own);
	return &own;
}

static void write_outputs(struct outs *out, const struct run_opts *o, const char *target,
			  const struct run_result *res, int n)
{
	char err[512];

	if (out->json != NULL)
		write_json(out, target, res, n);
	if (out->junit != NULL && report_junit(out->junit, res, n, err, sizeof err) != 0)
		fprintf(stderr, "tcpspec run: %s\n", err);
	if (out->html != NULL &&
	    report_html(out->html, run_profile(o, target), res, n, clock_now_ms() - out->t0, err,
			sizeof err) != 0)
		fprintf(stderr, "tcpspec run: %s\n", err);
}

#define MAX_TARGETS 4

/* Every result of a matrix, in one array for the JSON: each target's run
 * against its own profile, then against rfc9293 (once when they are the
 * same profile). */
static void write_matrix_json(struct outs *out, const char *target,
			      const struct report_matrix_col *cols, int ncols)
{
	struct run_result *every;
	int n = 0;

	for (int c = 0; c < ncols; c++)
		n += cols[c].strict == cols[c].own ? cols[c].n : 2 * cols[c].n;
	every = calloc((size_t)n + 1, sizeof *every);
	if (every == NULL) {
		fprintf(stderr, "tcpspec run: out of memory for %s\n", out->json);
		return;
	}
	n = 0;
	for (int c = 0; c < ncols; c++) {
		memcpy(every + n, cols[c].own, (size_t)cols[c].n * sizeof *every);
		n += cols[c].n;
		if (cols[c].strict == cols[c].own)
			continue;
		memcpy(every + n, cols[c].strict, (size_t)cols[c].n * sizeof *every);
		n += cols[c].n;
	}
	write_json(out, target, every, n);
	free(every);
}

/* In a matrix, each run's pcaps go to D/TARGET-PROFILE/ (the target's
 * spelling with anything but [A-Za-z0-9._-] as '_'): 0, or -1. */
static int matrix_pcap_dir(const struct run_opts *one, char *dir, size_t len)
{
	size_t n;

	if (one->pcap_dir == NULL)
		return 0;
	n = (size_t)snprintf(dir, len, "%s/", one->pcap_dir);
	for (const char *p = one->target; *p != '\0' && n + 1 < len; p++)
		dir[n++] = isalnum((unsigned char)*p) || strchr("._-", *p) ? *p : '_';
	dir[n] = '\0';
	snprintf(dir + n, len - n, "-%s", run_profile(one, one->target)->name);
	if (mkdir(dir, 0755) != 0 && access(dir, W_OK) != 0) {
		fprintf(stderr, "tcpspec run: cannot create '%s'\n", dir);
		return -1;
	}
	return 0;
}

/* Several targets: each against its own profile (or the one given) and
 * against rfc9293. */
static int run_matrix(struct run_opts *o, struct outs *out, const struct scn *scns, int nscn)
{
	static struct profile_def strict;
	char list[256], *save = NULL, err[512], dir[512];
	struct report_matrix_col cols[MAX_TARGETS];
	struct run_result *all[MAX_TARGETS * 2] = { 0 };
	int ncols = 0, worst = EXIT_PASS, cap = nscn * 2;

	profile_builtin(TCP_PROFILE_RFC9293, &strict);
	snprintf(list, sizeof list, "%s", o->target);
	for (char *t = strtok_r(list, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
		if (ncols == MAX_TARGETS)
			return usage("expected at most 4 targets, got more in", o->target);
		for (int k = 0; k < 2; k++) {
			struct run_opts one = *o;
			int n;

			if (k == 1 && cols[ncols].n > 0 &&
			    strcmp(all[ncols * 2][0].profile, tcp_profile_name(TCP_PROFILE_RFC9293)) == 0)
				break; /* its own profile is rfc9293: one run is both */
			all[ncols * 2 + k] = calloc((size_t)cap, sizeof(struct run_result));
			if (all[ncols * 2 + k] == NULL)
				return EXIT_ENV;
			one.target = t;
			one.profile = k == 0 ? o->profile : &strict;
			if (matrix_pcap_dir(&one, dir, sizeof dir) != 0)
				return EXIT_ENV;
			if (one.pcap_dir != NULL)
				one.pcap_dir = dir;
			n = run_all(&one, scns, nscn, all[ncols * 2 + k], cap, err, sizeof err);
			if (n < 0) {
				fprintf(stderr, "tcpspec run: %s: %s\n", t, err);
				return EXIT_ENV;
			}
			if (k == 0)
				worst = worst_of(all[ncols * 2], n, worst);
			cols[ncols].n = n;
		}
		cols[ncols].target = t;
		cols[ncols].own = all[ncols * 2];
		cols[ncols].strict = all[ncols * 2 + 1] != NULL ? all[ncols * 2 + 1] : all[ncols * 2];
		ncols++;
	}
	report_matrix_print(stdout, "text", cols, ncols);
	if (out->matrix_md != NULL) {
		FILE *f = fopen(out->matrix_md, "w");

		if (f == NULL)
			fprintf(stderr, "tcpspec run: cannot write %s\n", out->matrix_md);
		else {
			report_matrix_print(f, "md", cols, ncols);
			fclose(f);
		}
	}
	if (out->matrix_json != NULL && report_matrix_json(out->matrix_json, cols, ncols, err, sizeof err) != 0)
		fprintf(stderr, "tcpspec run: %s\n", err);
	if (out->json != NULL)
		write_matrix_json(out, o->target, cols, ncols);
	out->json = NULL;
	write_outputs(out, o, cols[0].target, cols[0].own, cols[0].n);
	for (int i = 0; i < ncols * 2; i++)
		free(all[i]);
	return worst;
}

int cmd_run(int argc, char **argv)
{
	static struct scn scns[MAX_SCN];
	static struct run_result res[MAX_SCN * 2];
	struct run_opts o = { .target = "linux", .profile = NULL, .jobs = 1 };
	struct outs out = { 0 };
	static struct cli_wire wire;
	const char *args[16];
	char err[512];
	int first = 0, rc, nscn = 0, n;
	double t0;

	cli_wire_init(&wire);
	rc = parse(argc, argv, &o, args, &out, &wire, &first);

	if (rc != 0)
		return rc < 0 ? EXIT_PASS : rc; /* --help, or a usage error */
	o.target_args = args;
	for (int i = first; i < argc; i++) {
		if (nscn == MAX_SCN)
			return usage("too many scenarios, at most 512; got more from", argv[i]);
		if (scn_load(argv[i], &scns[nscn], err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return EXIT_USAGE;
		}
		nscn++;
	}
	rc = cli_wire_prepare("run", &o, &wire);
	if (rc != 0)
		return rc;
	if (geteuid() != 0) {
		fprintf(stderr, "tcpspec run: needs root: it creates network namespaces "
			"(CAP_SYS_ADMIN) and injects with raw sockets (CAP_NET_RAW); run it as root\n");
		return EXIT_ENV;
	}
	if (o.pcap_dir != NULL && mkdir(o.pcap_dir, 0755) != 0 && access(o.pcap_dir, W_OK) != 0) {
		fprintf(stderr, "tcpspec run: cannot create --pcap-dir '%s'\n", o.pcap_dir);
		return EXIT_ENV;
	}
	t0 = out.t0 = clock_now_ms();
	if (strchr(o.target, ',') != NULL || out.matrix_md != NULL || out.matrix_json != NULL)
		return run_matrix(&o, &out, scns, nscn);
	n = run_all(&o, scns, nscn, res, MAX_SCN * 2, err, sizeof err);
	if (n < 0) {
		fprintf(stderr, "tcpspec run: %s\n", err);
		return EXIT_ENV;
	}
	report_table(stdout, res, n, clock_now_ms() - t0);
	write_outputs(&out, &o, o.target, res, n);
	return worst_of(res, n, EXIT_PASS);
}
