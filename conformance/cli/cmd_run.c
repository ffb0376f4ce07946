/*
 * cmd_run.c - `tcpspec run`: the conformance run.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "../report.h"
#include "../runner.h"
#include "../text.h"
#include "cli.h"

#define MAX_SCN 512

static const char run_help[] =
"usage: tcpspec run [--target linux|exec:PATH] [--target-arg ARG]... [--profile P]\n"
"                   [--jobs N] [--family 4|6|both] [--json F] [--junit F]\n"
"                   [--pcap-dir D] [--slow] [--quiet-ms N] [--rto-min-us N] SCENARIO...\n"
"\n"
"Runs each scenario against a real TCP stack in network namespaces the run\n"
"creates (and removes, also on failure and Ctrl-C), stepping the model\n"
"alongside: every segment the target sends and every state it is seen in is\n"
"compared with what the model predicts.  Verdicts: PASS, FAIL (first\n"
"diverging step, expected vs observed, the rule and its RFC section), ERROR\n"
"(the harness or environment failed), SKIP (not applicable, with a reason).\n"
"  --target      linux (default: the running kernel) or exec:PATH, a program\n"
"                speaking the target protocol (conformance/TARGETS.md)\n"
"  --profile     rfc9293, rfc9293-5961, linux, lwip (default: the target's own)\n"
"  --jobs        parallel jobs, each with its own namespaces (default 1)\n"
"  --family      run over IPv4, IPv6 or both (default both)\n"
"  --pcap-dir    keep one pcap per scenario and family (Wireshark, tshark)\n"
"  --slow        also run scenarios marked '# slow: yes' (long timers)\n"
"  --quiet-ms    the target counts as quiet after this long (default 40)\n"
"Needs root (network namespaces, raw sockets).  Exit: 0 all passed, 1 some\n"
"FAIL, 2 usage or scenario error, 3 environment error.\n";

static int usage(const char *msg, const char *arg)
{
	fprintf(stderr, "tcpspec run: %s '%s' (tcpspec run --help)\n", msg, arg);
	return EXIT_USAGE;
}

static int parse(int argc, char **argv, struct run_opts *o, const char **args,
		 const char **json, const char **junit, int *first)
{
	int nargs = 0;

	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(run_help, stdout);
			return 1;
		}
		if (a[0] != '-') {
			*first = i;
			return 0;
		}
		if (strcmp(a, "--slow") == 0) {
			o->slow = true;
			continue;
		}
		if (v == NULL)
			return usage("expected a value after", a);
		i++;
		if (strcmp(a, "--target") == 0) {
			o->target = v;
		} else if (strcmp(a, "--target-arg") == 0 && nargs < 16) {
			args[nargs++] = v;
			o->ntarget_args = (size_t)nargs;
		} else if (strcmp(a, "--profile") == 0) {
			enum tcp_profile_id id;

			if (txt_profile_parse(v, &id) != 0)
				return usage("expected a profile rfc9293|rfc9293-5961|linux|lwip, got", v);
			o->profile = (int)id;
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
			*json = v;
		} else if (strcmp(a, "--junit") == 0) {
			*junit = v;
		} else if (strcmp(a, "--pcap-dir") == 0) {
			o->pcap_dir = v;
		} else if (strcmp(a, "--quiet-ms") == 0) {
			o->quiet_ms = atoi(v);
			if (o->quiet_ms < 1 || o->quiet_ms > 5000)
				return usage("expected --quiet-ms 1..5000, got", v);
		} else if (strcmp(a, "--rto-min-us") == 0) {
			o->rto_min_us = atol(v);
		} else {
			return usage("unknown option", a);
		}
	}
	return usage("expected at least one scenario file, got", "");
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

int cmd_run(int argc, char **argv)
{
	static struct scn scns[MAX_SCN];
	static struct run_result res[MAX_SCN * 2];
	struct run_opts o = { "linux", NULL, 0, -1, 1, 0, NULL, false, 40, 0 };
	const char *args[16], *json = NULL, *junit = NULL;
	char err[512];
	int first = 0, rc = parse(argc, argv, &o, args, &json, &junit, &first);
	int nscn = 0, n, worst = EXIT_PASS;
	double t0;

	if (rc != 0)
		return rc > 0 ? EXIT_PASS : rc;
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
	if (geteuid() != 0) {
		fprintf(stderr, "tcpspec run: needs root: it creates network namespaces "
			"(CAP_SYS_ADMIN) and injects with raw sockets (CAP_NET_RAW); run it as root\n");
		return EXIT_ENV;
	}
	if (o.pcap_dir != NULL && mkdir(o.pcap_dir, 0755) != 0 && access(o.pcap_dir, W_OK) != 0) {
		fprintf(stderr, "tcpspec run: cannot create --pcap-dir '%s'\n", o.pcap_dir);
		return EXIT_ENV;
	}
	t0 = now_ms();
	n = run_all(&o, scns, nscn, res, MAX_SCN * 2, err, sizeof err);
	if (n < 0) {
		fprintf(stderr, "tcpspec run: %s\n", err);
		return EXIT_ENV;
	}
	report_table(stdout, res, n, now_ms() - t0);
	if (json != NULL && report_json(json, res, n, err, sizeof err) != 0)
		fprintf(stderr, "tcpspec run: %s\n", err);
	if (junit != NULL && report_junit(junit, res, n, err, sizeof err) != 0)
		fprintf(stderr, "tcpspec run: %s\n", err);
	for (int i = 0; i < n; i++) {
		if (res[i].verdict == V_FAIL)
			worst = EXIT_FAIL;
		else if (res[i].verdict == V_ERROR && worst == EXIT_PASS)
			worst = EXIT_ENV;
	}
	return worst;
}
