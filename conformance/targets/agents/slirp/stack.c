/*
 * stack.c - libslirp in one thread: see stack.h.
 */
#include "targets/agents/slirp/stack.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/if_tun.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "base/clock.h"

#define FRAME_MAX 2048

/* --- slirp's callbacks (opaque: the struct stack) --------------------------- */

static ssize_t send_packet(const void *buf, size_t len, void *opaque)
{
	struct stack *st = opaque;

	return write(st->tap, buf, len); /* a full tap drops: TCP retransmits */
}

static void guest_error(const char *msg, void *opaque)
{
	const struct stack *st = opaque;

	fprintf(stderr, "%s: slirp: guest error: %s\n", st->prog, msg);
}

double stack_now_ms(const struct stack *st)
{
	return clock_now_ms() + st->offset_ms;
}

/* slirp's clock (tcp timers, ARP expiry, timer_mod's deadlines): virtual. */
static int64_t clock_get_ns(void *opaque)
{
	return (int64_t)(stack_now_ms(opaque) * 1e6);
}

static void *timer_new_opaque(SlirpTimerId id, void *cb_opaque, void *opaque)
{
	struct stack *st = opaque;

	for (int i = 0; i < STACK_MAX_TIMERS; i++) {
		if (!st->timer[i].used) {
			st->timer[i] = (struct stack_timer){true, false, id, cb_opaque, 0};
			return &st->timer[i];
		}
	}
	return NULL;
}

static void timer_free(void *timer, void *opaque)
{
	(void)opaque;
	if (timer != NULL)
		((struct stack_timer *)timer)->used = false;
}

static void timer_mod(void *timer, int64_t expire_ms, void *opaque)
{
	struct stack_timer *t = timer;

	(void)opaque;
	if (t != NULL) {
		t->armed = true;
		t->expire_ms = expire_ms;
	}
}

static void fd_nop(int fd, void *opaque)
{
	(void)fd;
	(void)opaque;
}

static void notify_nop(void *opaque)
{
	(void)opaque;
}

static const SlirpCb callbacks = {
	.send_packet = send_packet,
	.guest_error = guest_error,
	.clock_get_ns = clock_get_ns,
	.timer_free = timer_free,
	.timer_mod = timer_mod,
	.register_poll_fd = fd_nop,
	.unregister_poll_fd = fd_nop,
	.notify = notify_nop,
	.timer_new_opaque = timer_new_opaque,
};

/* The virtual network, inside 198.18.0.0/24 and 2001:db8::/64. */
static Slirp *slirp_start(struct stack *st)
{
	const struct al_args *a = st->args;
	SlirpConfig cfg;

	memset(&cfg, 0, sizeof(cfg));
	cfg.version = 4;
	cfg.in_enabled = true;
	cfg.vhost = a->addr4;
	cfg.vnetmask.s_addr = htonl(0xffffff00);
	cfg.vnetwork.s_addr = a->addr4.s_addr & cfg.vnetmask.s_addr;
	cfg.vdhcp_start.s_addr = cfg.vnetwork.s_addr | htonl(100);
	cfg.vnameserver.s_addr = cfg.vnetwork.s_addr | htonl(3);
	cfg.in6_enabled = true;
	cfg.vhost6 = a->addr6;
	cfg.vprefix_addr6 = a->addr6;
	memset(&cfg.vprefix_addr6.s6_addr[8], 0, 8);
	cfg.vprefix_len = 64;
	cfg.vnameserver6 = cfg.vprefix_addr6;
	cfg.vnameserver6.s6_addr[15] = 3;
	cfg.disable_dns = true;
	cfg.disable_dhcp = true;
	return slirp_new(&cfg, &callbacks, st);
}

/* --- the loop ---------------------------------------------------------------- */

static int add_poll(int fd, int events, void *opaque)
{
	struct stack *st = opaque;
	short ev = 0;

	if (st->npfd == STACK_MAX_POLL)
		return -1;
	ev |= (events & SLIRP_POLL_IN) ? POLLIN : 0;
	ev |= (events & SLIRP_POLL_OUT) ? POLLOUT : 0;
	ev |= (events & SLIRP_POLL_PRI) ? POLLPRI : 0;
	st->pfd[st->npfd] = (struct pollfd){fd, ev, 0};
	return st->npfd++;
}

static int get_revents(int idx, void *opaque)
{
	struct stack *st = opaque;
	short re;

	if (idx < 0 || idx >= st->npfd)
		return 0;
	re = st->pfd[idx].revents;
	return ((re & POLLIN) ? SLIRP_POLL_IN : 0) | ((re & POLLOUT) ? SLIRP_POLL_OUT : 0) |
	       ((re & POLLPRI) ? SLIRP_POLL_PRI : 0) | ((re & POLLERR) ? SLIRP_POLL_ERR : 0) |
	       ((re & POLLHUP) ? SLIRP_POLL_HUP : 0);
}

static void fire_timers(struct stack *st)
{
	int64_t now = (int64_t)stack_now_ms(st);

	for (int i = 0; i < STACK_MAX_TIMERS; i++) {
		struct stack_timer *t = &st->timer[i];

		if (t->used && t->armed && t->expire_ms <= now) {
			t->armed = false;
			slirp_handle_timer(st->slirp, t->id, t->cb_opaque);
		}
	}
}

static uint32_t timer_wait(const struct stack *st, uint32_t timeout)
{
	int64_t now = (int64_t)stack_now_ms(st);

	for (int i = 0; i < STACK_MAX_TIMERS; i++) {
		const struct stack_timer *t = &st->timer[i];

		if (t->used && t->armed)
			timeout = t->expire_ms <= now ? 0
				  : (uint32_t)(t->expire_ms - now) < timeout
					  ? (uint32_t)(t->expire_ms - now)
					  : timeout;
	}
	return timeout;
}

/* Frames from the guest (tcpspec) into slirp; how many. */
static int tap_input(struct stack *st)
{
	uint8_t frame[FRAME_MAX];
	ssize_t n;
	int count = 0;

	while ((n = read(st->tap, frame, sizeof(frame))) > 0) {
		slirp_input(st->slirp, frame, (int)n);
		count++;
	}
	return count;
}

/*
 * After a frame from the guest a second round follows at once: slirp
 * sends what waited for the guest's ARP or NDP answer only from
 * slirp_pollfds_poll().
 */
short stack_pump(struct stack *st, int in, uint32_t max_ms)
{
	uint32_t timeout = max_ms;
	int tap_idx, in_idx = -1, rc;
	short in_events;

	st->npfd = 0;
	tap_idx = add_poll(st->tap, SLIRP_POLL_IN, st);
	if (in >= 0)
		in_idx = add_poll(in, SLIRP_POLL_IN, st);
	slirp_pollfds_fill(st->slirp, &timeout, add_poll, st);
	timeout = timer_wait(st, timeout);
	rc = poll(st->pfd, (nfds_t)st->npfd, (int)timeout);
	in_events = in_idx >= 0 && rc > 0 ? st->pfd[in_idx].revents : 0;
	slirp_pollfds_poll(st->slirp, rc < 0, get_revents, st);
	fire_timers(st);
	if (rc > 0 && (st->pfd[tap_idx].revents & POLLIN) && tap_input(st) > 0)
		stack_pump(st, -1, 0);
	return in_events;
}

void stack_advance(struct stack *st, long ms)
{
	while (ms > 0) {
		long step = ms < STACK_SLOW_TICK_MS ? ms : STACK_SLOW_TICK_MS;

		st->offset_ms += (double)step; /* only ever forward: monotonic */
		ms -= step;
		stack_pump(st, -1, 0); /* slirp_pollfds_poll() runs the due ticks, then timers */
	}
}

/* --- start and stop ------------------------------------------------------------ */

static int tap_open(const char *ifname)
{
	struct ifreq ifr;
	int fd = open("/dev/net/tun", O_RDWR | O_NONBLOCK | O_CLOEXEC);

	if (fd < 0)
		return -1;
	memset(&ifr, 0, sizeof(ifr));
	memcpy(ifr.ifr_name, ifname, strnlen(ifname, sizeof(ifr.ifr_name) - 1));
	ifr.ifr_flags = IFF_TAP | IFF_NO_PI;
	if (ioctl(fd, TUNSETIFF, &ifr) < 0) {
		int saved = errno;

		close(fd);
		errno = saved;
		return -1;
	}
	return fd;
}

int stack_open(struct stack *st, const struct al_args *args, const char *prog)
{
	memset(st, 0, sizeof(*st));
	st->args = args;
	st->prog = prog;
	st->tap = tap_open(args->ifname);
	if (st->tap < 0) {
		fprintf(stderr, "%s: tap %s: %s\n", prog, args->ifname, strerror(errno));
		return 3;
	}
	st->slirp = slirp_start(st);
	if (st->slirp == NULL) {
		fprintf(stderr, "%s: slirp_new failed\n", prog);
		return 3;
	}
	return 0;
}

bool stack_renew(struct stack *st)
{
	slirp_cleanup(st->slirp);
	memset(st->timer, 0, sizeof(st->timer));
	st->slirp = slirp_start(st);
	return st->slirp != NULL;
}

void stack_close(struct stack *st)
{
	if (st->slirp != NULL)
		slirp_cleanup(st->slirp);
}
