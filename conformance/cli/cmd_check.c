/*
 * cmd_check.c - `tcpspec check`: run scenarios through the model alone.
 * An `expect` the model contradicts is a bug in the scenario, reported with
 * its file and line; so is a `wait ... fires T` when T is not armed.
 */
#include <stdio.h>
#include <string.h>

#include "scenario/modelrun.h"
#include "scenario/text.h"
#include "cli/cli.h"

static const char check_help[] =
"usage: tcpspec check [--profile P] [--quiet] SCENARIO...\n"
"\n"
"Runs each scenario through the model alone, for each profile the scenario\n"
"names in its '# profiles:' header (all four by default) or only P, and\n"
"reports every 'expect' the model contradicts and every 'wait ... fires T'\n"
"whose timer is not armed, as FILE:LINE: message.\n"
"Exit: 0 all consistent, 1 some contradiction, 2 a scenario does not parse.\n";

static void stimulus(struct mr *m, const struct tcp_event *ev)
{
	struct mr_step s;

	mr_eval(m, ev, &s);
	mr_commit(m, &s);
}

static int collect(const struct mr *m, struct tcp_segment *segs, int cap)
{
	int n = 0;

	for (int i = 0; i < m->nhist; i++)
		for (int k = 0; k < m->hist[i].res.nemit && n < cap; k++)
			segs[n++] = m->hist[i].res.emit[k];
	return n;
}

static int wait_fires(struct mr *m, const struct scn *s, const struct scn_step *st,
		      const char *pname)
{
	for (int k = 0; k < st->nfires; k++) {
		struct tcp_event ev;
		struct mr_step r;

		memset(&ev, 0, sizeof ev);
		ev.kind = TCP_EV_TIMEOUT;
		ev.timer = st->fires[k];
		mr_eval(m, &ev, &r);
		if (r.res.rule == R_TIMER_NOT_ARMED) {
			printf("%s:%d: [%s] 'fires %s': the model has no %s timer armed in %s\n",
			       s->path, st->line, pname, tcp_timer_name(st->fires[k]),
			       tcp_timer_name(st->fires[k]), tcp_state_name(m->tcb.state));
			return -1;
		}
		mr_commit(m, &r);
	}
	return 0;
}

static int check_one(const struct scn *s, enum tcp_profile_id pid)
{
	const char *pname = tcp_profile_name(pid);
	struct mr m;
	int bad = 0;

	mr_init(&m, pid);
	for (int i = 0; i < s->nsteps; i++) {
		const struct scn_step *st = &s->steps[i];
		struct tcp_event ev;

		if (st->kind == SCN_APP) {
			if (mr_app_event(&m, st, &ev)) {
				mr_new_stimulus(&m);
				stimulus(&m, &ev);
			}
		} else if (st->kind == SCN_SEND) {
			memset(&ev, 0, sizeof ev);
			ev.kind = TCP_EV_SEGMENT;
			ev.iss = mr_target_iss(&m);
			mr_send_segment(&m, st, &ev.seg);
			mr_new_stimulus(&m);
			stimulus(&m, &ev);
		} else if (st->kind == SCN_WAIT) {
			mr_new_stimulus(&m);
			if (wait_fires(&m, s, st, pname) != 0)
				bad++;
		} else {
			struct tcp_segment segs[MR_MAX_HIST * TCP_MAX_EMIT];
			struct mr_seen seen = { segs, 0, m.tcb.state, true, mr_app_error(&m) };
			char err[768];

			seen.nsegs = collect(&m, segs, (int)(sizeof segs / sizeof segs[0]));
			if (mr_expect(&m, st, &seen, err, sizeof err) != 0) {
				printf("%s:%d: [%s] the model contradicts this expect: %s\n",
				       s->path, st->line, pname, err);
				bad++;
			}
		}
	}
	return bad;
}

int cmd_check(int argc, char **argv)
{
	int only = -1, bad = 0, files = 0;
	bool quiet = false;
	static struct scn s;

	for (int i = 1; i < argc; i++) {
		char err[512];

		if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
			fputs(check_help, stdout);
			return EXIT_PASS;
		}
		if (strcmp(argv[i], "--quiet") == 0) {
			quiet = true;
			continue;
		}
		if (strcmp(argv[i], "--profile") == 0 && i + 1 < argc) {
			enum tcp_profile_id id;

			if (txt_profile_parse(argv[++i], &id) != 0) {
				fprintf(stderr, "tcpspec check: expected a profile rfc9293|rfc9293-5961|linux|lwip, got '%s'\n", argv[i]);
				return EXIT_USAGE;
			}
			only = (int)id;
			continue;
		}
		if (scn_load(argv[i], &s, err, sizeof err) != 0) {
			fprintf(stderr, "%s\n", err);
			return EXIT_USAGE;
		}
		files++;
		for (int p = 0; p < TCP_NPROFILES; p++) {
			int b;

			if (!s.profiles[p] || (only >= 0 && p != only))
				continue;
			b = check_one(&s, (enum tcp_profile_id)p);
			bad += b;
			if (b == 0 && !quiet)
				printf("ok   %s [%s]\n", s.path, tcp_profile_name((enum tcp_profile_id)p));
		}
	}
	if (files == 0) {
		fprintf(stderr, "tcpspec check: expected at least one scenario file\n");
		return EXIT_USAGE;
	}
	return bad ? EXIT_FAIL : EXIT_PASS;
}
