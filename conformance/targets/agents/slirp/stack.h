/*
 * stack.h - libslirp (Debian's 4.7) in the slirp agent's one thread: the
 * instance, its virtual network inside the test ranges, its timers, and
 * the poll() loop over stdin, the tap and slirp's sockets.  tcpspec plays
 * slirp's guest (TARGETS.md, "The slirp target"):
 *
 *	vnetwork 198.18.0.0/24, vhost = --addr4 (198.18.0.2), guest = --peer4
 *	vprefix 2001:db8::/64, vhost6 = --addr6 (2001:db8::2), guest = --peer6
 *	nameservers .3 and ::3, DHCP and DNS off
 */
#ifndef TCPSPEC_AGENTS_SLIRP_STACK_H
#define TCPSPEC_AGENTS_SLIRP_STACK_H

#include <poll.h>
#include <slirp/libslirp.h>
#include <stdbool.h>
#include <stdint.h>

#include "targets/agents/agentline.h"

#define STACK_MAX_POLL 512
#define STACK_MAX_TIMERS 8

struct stack_timer {
	bool used, armed;
	SlirpTimerId id;
	void *cb_opaque;
	int64_t expire_ms;
};

/* libslirp's slow timer: tcp_slowtimo() once a slirp_pollfds_poll() finds
 * TIMEOUT_SLOW (499 ms) passed since the last one, 4.4BSD's PR_SLOWHZ 2. */
#define STACK_SLOW_TICK_MS 500

struct stack {
	const struct al_args *args;
	const char *prog; /* for messages */
	double offset_ms; /* virtual time `advance` added to the real clock */
	Slirp *slirp;
	int tap; /* the tap, non-blocking */
	struct stack_timer timer[STACK_MAX_TIMERS];
	struct pollfd pfd[STACK_MAX_POLL];
	int npfd;
};

/*
 * Open the tap args->ifname and start slirp on it.  0, or 3 (the exit
 * status) after a message on stderr naming `prog`.
 */
int stack_open(struct stack *st, const struct al_args *args, const char *prog);
/* A fresh slirp, no TCB left (reset); false if slirp_new failed. */
bool stack_renew(struct stack *st);
/*
 * One round: wait up to max_ms for slirp's sockets, the tap and (when
 * `in` >= 0) stdin; let slirp work.  Returns stdin's revents.
 */
short stack_pump(struct stack *st, int in, uint32_t max_ms);
/* slirp's clock: the real (monotonic) clock plus every advance, in ms. */
double stack_now_ms(const struct stack *st);
/*
 * Virtual time (TARGETS.md, `advance`): move slirp's clock ms forward in
 * steps of at most STACK_SLOW_TICK_MS, letting slirp work and firing its
 * due timers after each step, so that each slow tick happens and what it
 * sends is on the tap before this returns.
 */
void stack_advance(struct stack *st, long ms);
/* Stop slirp (the tap goes at exit). */
void stack_close(struct stack *st);

#endif
