/*
 * cmd_step.c - `tcpspec step`: one step of the model, as JSON.
 */
#include <stdio.h>
#include <string.h>

#include "docgen/model_json.h"
#include "profiles/profile.h"
#include "scenario/text.h"
#include "cli/cli.h"

static const char step_help[] =
"usage: tcpspec step [--profile P | --profile-file F] [--state S] [--tcb FIELD=N,...]\n"
"                    [--iss N]\n"
"                    (--segment 'FLAGS seq=N ack=N win=N len=N [up=N mss=N]'\n"
"                     | --call open-active|open-passive|send N|receive N|close|abort\n"
"                     | --timeout retransmit|time-wait|fin-wait-2|keepalive|user)\n"
"\n"
"One step of the model; prints {state, emit, notify, timers, rule, section, label,\n"
"delivered, tcb} as one JSON object.\n"
"  --profile   rfc9293 (default), rfc9293-5961, linux, lwip, bsd\n"
"  --profile-file  a profile file (tcpspec profile show NAME writes one)\n"
"  --state     RFC 9293 spelling or Linux's (SYN_RECV, FIN_WAIT1...); default CLOSED\n"
"  --tcb       TCB fields by their RFC names in lower case, on top of the defaults:\n"
"              iss irs snd_una snd_nxt snd_wnd snd_wl1 snd_wl2 snd_up rcv_nxt rcv_wnd\n"
"              rcv_up max_snd_wnd snd_queued rcv_unread passive fin_queued fin_sent\n"
"              keepalive user_timeout ka_probes retransmits snd_mss\n"
"  --iss       the ISS the stack picks if this step makes one (default 1000)\n"
"  --segment   flags in tcpdump letters (S F R P U and '.' for ACK, 'none');\n"
"              len is the payload length (SYN and FIN are added to SEG.LEN);\n"
"              an omitted field is 0\n"
"\n"
"Defaults for a state: ISS 1000, IRS 5000, windows 65535, MSS 536; once\n"
"synchronized SND.UNA = SND.NXT = ISS+1 and RCV.NXT = IRS+1; our FIN sent\n"
"(SND.NXT = ISS+2) in FIN-WAIT-1, CLOSING, LAST-ACK (unacknowledged) and\n"
"FIN-WAIT-2, TIME-WAIT (acknowledged); their FIN counted in RCV.NXT in\n"
"CLOSE-WAIT, CLOSING, LAST-ACK, TIME-WAIT; SYN-RECEIVED came from a passive\n"
"OPEN.  Armed timers are derived from the TCB and the profile.\n";

struct step_opts {
	const char *profile, *profile_opt, *state, *tcb, *iss, *segment, *call, *call_n, *timeout;
};

static int usage_error(const char *msg, const char *arg)
{
	fprintf(stderr, "tcpspec step: %s%s%s%s\n", msg, arg ? " '" : "", arg ? arg : "",
		arg ? "'" : "");
	fprintf(stderr, "(tcpspec step --help for the forms)\n");
	return EXIT_USAGE;
}

static int parse_opts(int argc, char **argv, struct step_opts *o)
{
	for (int i = 1; i < argc; i++) {
		const char **slot = NULL;
		const char *a = argv[i];

		if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
			fputs(step_help, stdout);
			return -1;
		}
		if (strcmp(a, "--profile") == 0 || strcmp(a, "--profile-file") == 0) {
			if (o->profile != NULL)
				return usage_error("expected one --profile or --profile-file, got another:", a);
			o->profile_opt = a;
			slot = &o->profile;
		}
		else if (strcmp(a, "--state") == 0) slot = &o->state;
		else if (strcmp(a, "--tcb") == 0) slot = &o->tcb;
		else if (strcmp(a, "--iss") == 0) slot = &o->iss;
		else if (strcmp(a, "--segment") == 0) slot = &o->segment;
		else if (strcmp(a, "--call") == 0) slot = &o->call;
		else if (strcmp(a, "--timeout") == 0) slot = &o->timeout;
		else if (o->call != NULL && o->call_n == NULL && a[0] != '-') {
			o->call_n = a;
			continue;
		} else
			return usage_error("expected an option (--profile --profile-file --state --tcb --iss --segment --call --timeout), got", a);
		if (i + 1 >= argc)
			return usage_error("expected a value after", a);
		*slot = argv[++i];
	}
	if ((o->segment != NULL) + (o->call != NULL) + (o->timeout != NULL) != 1)
		return usage_error("expected exactly one of --segment, --call, --timeout", NULL);
	return 0;
}

static int build_call(const struct step_opts *o, struct tcp_event *ev)
{
	char name[32];
	const char *n = o->call_n;
	const char *sp = strchr(o->call, ' ');

	ev->kind = TCP_EV_CALL;
	snprintf(name, sizeof name, "%.*s", sp ? (int)(sp - o->call) : (int)strlen(o->call), o->call);
	if (sp != NULL)
		n = sp + 1;
	if (txt_call_parse(name, &ev->call) != 0)
		return usage_error("expected a call open-active|open-passive|send N|receive N|close|abort, got", o->call);
	if (ev->call == TCP_CALL_SEND || ev->call == TCP_CALL_RECEIVE) {
		if (n == NULL || txt_u32_parse(n, &ev->n) != 0)
			return usage_error("expected a byte count after send/receive, got", n ? n : "");
	} else if (n != NULL) {
		return usage_error("unexpected argument", n);
	}
	return 0;
}

static int build_event(const struct step_opts *o, struct tcp_event *ev)
{
	char err[TXT_ERR];

	ev->iss = 1000;
	if (o->iss != NULL && txt_u32_parse(o->iss, &ev->iss) != 0)
		return usage_error("expected a number 0..4294967295 for --iss, got", o->iss);
	if (o->segment != NULL) {
		ev->kind = TCP_EV_SEGMENT;
		if (txt_segment_parse(o->segment, &ev->seg, err, sizeof err) != 0)
			return usage_error(err, NULL);
		return 0;
	}
	if (o->timeout != NULL) {
		ev->kind = TCP_EV_TIMEOUT;
		if (txt_timer_parse(o->timeout, &ev->timer) != 0)
			return usage_error("expected a timer retransmit|time-wait|fin-wait-2|keepalive|user, got", o->timeout);
		return 0;
	}
	return build_call(o, ev);
}

int cmd_step(int argc, char **argv)
{
	struct step_opts o = {0};
	static struct profile_def def;
	enum tcp_state st = TCP_CLOSED;
	const struct tcp_profile *p;
	struct tcp_tcb tcb, next;
	struct tcp_event ev;
	struct tcp_result r;
	char err[512];
	int rc = parse_opts(argc, argv, &o);

	if (rc != 0)
		return rc < 0 ? EXIT_PASS : rc; /* --help, or a usage error */
	profile_builtin(TCP_PROFILE_RFC9293, &def);
	if (o.profile != NULL && profile_option(o.profile_opt, o.profile, &def, err, sizeof err) != 0)
		return usage_error(err, NULL);
	if (o.state != NULL && txt_state_parse(o.state, &st) != 0)
		return usage_error("expected a state (CLOSED LISTEN SYN-SENT SYN-RECEIVED ESTABLISHED "
				   "FIN-WAIT-1 FIN-WAIT-2 CLOSE-WAIT CLOSING LAST-ACK TIME-WAIT), got", o.state);
	p = &def.tcp;
	tcp_tcb_default(st, p, &tcb);
	if (o.tcb != NULL && txt_tcb_parse(o.tcb, &tcb, err, sizeof err) != 0)
		return usage_error(err, NULL);
	tcb.timers = tcp_timers_for(&tcb, p);
	memset(&ev, 0, sizeof ev);
	rc = build_event(&o, &ev);
	if (rc != 0)
		return rc;
	if (tcp_step(&tcb, &ev, p, &next, &r) != 0)
		return usage_error("the model rejects this input as not well formed "
				   "(windows and lengths at most 2^30, SND.NXT-SND.UNA at most a window)", NULL);
	mj_step(stdout, &next, &r);
	return EXIT_PASS;
}
