/* model_json.c - the model's answers as JSON. */
#include "docgen/model_json.h"

#include "base/json.h"
#include "scenario/text.h"

void mj_tcb(FILE *f, const struct tcp_tcb *t)
{
	const char *sep = "";

	fprintf(f, "{\"state\": \"%s\", \"iss\": %u, \"irs\": %u, \"snd_una\": %u, "
		"\"snd_nxt\": %u, \"snd_wnd\": %u, \"snd_wl1\": %u, \"snd_wl2\": %u, "
		"\"rcv_nxt\": %u, \"rcv_wnd\": %u, \"max_snd_wnd\": %u, "
		"\"snd_queued\": %u, \"rcv_unread\": %u, \"passive\": %s, "
		"\"fin_queued\": %s, \"fin_sent\": %s, \"keepalive\": %s, "
		"\"user_timeout\": %s, \"ka_probes\": %u, \"retransmits\": %u, "
		"\"snd_mss\": %u, \"armed\": [",
		tcp_state_name(t->state), t->iss, t->irs, t->snd_una, t->snd_nxt,
		t->snd_wnd, t->snd_wl1, t->snd_wl2, t->rcv_nxt, t->rcv_wnd,
		t->max_snd_wnd, t->snd_queued, t->rcv_unread,
		t->passive ? "true" : "false", t->fin_queued ? "true" : "false",
		t->fin_sent ? "true" : "false", t->keepalive ? "true" : "false",
		t->user_timeout ? "true" : "false", t->ka_probes, t->retransmits,
		t->snd_mss);
	for (int i = 0; i < TCP_NTIMERS; i++) {
		if (t->timers & TCP_TIMER_BIT(i)) {
			fprintf(f, "%s\"%s\"", sep, tcp_timer_name((enum tcp_timer)i));
			sep = ", ";
		}
	}
	fputs("]}", f);
}

static void timers(FILE *f, const struct tcp_result *r)
{
	const char *sep = "";

	fputc('{', f);
	for (int i = 0; i < TCP_NTIMERS; i++) {
		const char *what = NULL;

		if (r->timers_arm & TCP_TIMER_BIT(i))
			what = "arm";
		else if (r->timers_cancel & TCP_TIMER_BIT(i))
			what = "cancel";
		if (what == NULL)
			continue;
		fprintf(f, "%s\"%s\": \"%s\"", sep, tcp_timer_name((enum tcp_timer)i), what);
		sep = ", ";
	}
	fputc('}', f);
}

void mj_step(FILE *f, const struct tcp_tcb *next, const struct tcp_result *r)
{
	char fl[8];

	fprintf(f, "{\"state\": \"%s\", \"emit\": [", tcp_state_name(next->state));
	for (int i = 0; i < r->nemit; i++) {
		const struct tcp_segment *s = &r->emit[i];

		fprintf(f, "%s{\"flags\": \"%s\", \"seq\": %u, \"ack\": %u, \"win\": %u, \"len\": %u}",
			i ? ", " : "", txt_flags_format(s->flags, fl, sizeof fl), s->seq,
			s->ack, s->wnd, s->len);
	}
	fputs("], \"notify\": ", f);
	if (r->notify == TCP_N_NONE)
		fputs("null", f);
	else
		json_str(f, tcp_notify_text(r->notify));
	fputs(", \"timers\": ", f);
	timers(f, r);
	fputs(", \"rule\": ", f);
	json_str(f, tcp_rule_name(r->rule));
	fputs(", \"section\": ", f);
	json_str(f, tcp_rule_section(r->rule));
	fputs(", \"label\": ", f);
	json_str(f, tcp_rule_label(r->rule));
	fprintf(f, ", \"delivered\": %u, \"tcb\": ", r->delivered);
	mj_tcb(f, next);
	fputs("}\n", f);
}
