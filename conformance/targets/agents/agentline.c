/*
 * agentline.c - the program side of the target line protocol: see
 * agentline.h, targets/proto.h and conformance/TARGETS.md.
 */
#include "targets/agents/agentline.h"

#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

void al_ok(struct al_reply *r, const char *fmt, ...)
{
	va_list ap;

	const size_t ok = sizeof(TARGET_REPLY_OK) - 1;

	memcpy(r->text, TARGET_REPLY_OK, ok + 1);
	if (fmt == NULL)
		return;
	r->text[ok] = ' ';
	va_start(ap, fmt);
	vsnprintf(r->text + ok + 1, sizeof(r->text) - ok - 1, fmt, ap);
	va_end(ap);
	if (r->text[ok + 1] == '\0')
		r->text[ok] = '\0';
}

const char *al_errno_name(int code)
{
	const char *name = strerrorname_np(code);

	return name != NULL ? name : "EIO";
}

void al_fail(struct al_reply *r, int code, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->text, sizeof(r->text), TARGET_REPLY_ERR " %s ",
			 al_errno_name(code));

	va_start(ap, fmt);
	vsnprintf(r->text + n, sizeof(r->text) - (size_t)n, fmt, ap);
	va_end(ap);
	r->text[strcspn(r->text, "\r\n")] = '\0';
}

bool al_parse_num(const char *s, long min, long max, long *out)
{
	char *end;
	long v;

	if (*s == '\0' || (*s == '-' && min >= 0))
		return false;
	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || *end != '\0' || v < min || v > max)
		return false;
	*out = v;
	return true;
}

bool al_parse_port(const char *s, long min, long *port, struct al_reply *r)
{
	if (al_parse_num(s, min, 65535, port))
		return true;
	al_fail(r, TARGET_EMALFORMED, "bad port '%s'", s);
	return false;
}

bool al_parse_backlog(const char *s, long max, long *backlog, struct al_reply *r)
{
	*backlog = AL_DEFAULT_BACKLOG;
	if (s == NULL || al_parse_num(s, 0, max, backlog))
		return true;
	al_fail(r, TARGET_EMALFORMED, "bad backlog '%s'", s);
	return false;
}

bool al_parse_count(const char *s, long min, long *n, struct al_reply *r)
{
	if (al_parse_num(s, min, TARGET_IO_MAX, n))
		return true;
	al_fail(r, TARGET_EMALFORMED, "bad byte count '%s'", s);
	return false;
}

bool al_parse_ms(const char *s, long *ms, struct al_reply *r)
{
	if (al_parse_num(s, 0, TARGET_ADVANCE_MAX_MS, ms))
		return true;
	al_fail(r, TARGET_EMALFORMED, "bad milliseconds '%s' (0..%ld)", s, TARGET_ADVANCE_MAX_MS);
	return false;
}

long al_ticks_due(long *carry_ms, long ms, long tick_ms)
{
	long due = (*carry_ms + ms) / tick_ms;

	*carry_ms = (*carry_ms + ms) % tick_ms;
	return due;
}

bool al_parse_how(const char *s, bool *rd, bool *wr, struct al_reply *r)
{
	*rd = strcmp(s, "rd") == 0 || strcmp(s, "rdwr") == 0;
	*wr = strcmp(s, "wr") == 0 || strcmp(s, "rdwr") == 0;
	if (*rd || *wr)
		return true;
	al_fail(r, TARGET_EMALFORMED, "shutdown takes wr, rd or rdwr, not '%s'", s);
	return false;
}

/* Rank of a state name for `state` (TARGETS.md): higher is reported. */
static int state_rank(const char *s)
{
	if (strcmp(s, "CLOSED") == 0)
		return 0;
	if (strcmp(s, "TIME-WAIT") == 0)
		return 1;
	if (strcmp(s, "LISTEN") == 0)
		return 2;
	return 3;
}

const char *al_state_pick(const char *best, const char *candidate)
{
	if (candidate == NULL || state_rank(candidate) <= state_rank(best))
		return best;
	return candidate;
}

void al_ids_init(struct al_ids *t, int limit)
{
	memset(t->sock, 0, sizeof(t->sock));
	t->next = 1;
	t->limit = limit < AL_MAX_SOCKS ? limit : AL_MAX_SOCKS;
}

bool al_ids_full(const struct al_ids *t)
{
	return t->next >= t->limit;
}

int al_id_add(struct al_ids *t, void *sock, struct al_reply *r)
{
	if (al_ids_full(t)) {
		al_fail(r, EMFILE, "more than %d sockets since the last reset", t->limit - 1);
		return -1;
	}
	t->sock[t->next] = sock;
	return t->next++;
}

/* The ID in word, or 0 (r holds the error) when it names no socket. */
static long id_of(const struct al_ids *t, const char *word, struct al_reply *r)
{
	long id;

	if (al_parse_num(word, 1, t->limit - 1, &id) && t->sock[id] != NULL)
		return id;
	al_fail(r, TARGET_ENOSOCKET, "no socket %s", word);
	return 0;
}

void *al_id_get(const struct al_ids *t, const char *word, struct al_reply *r)
{
	long id = id_of(t, word, r);

	return id > 0 ? t->sock[id] : NULL;
}

void *al_id_take(struct al_ids *t, const char *word, struct al_reply *r)
{
	long id = id_of(t, word, r);
	void *sock;

	if (id == 0)
		return NULL;
	sock = t->sock[id];
	t->sock[id] = NULL;
	return sock;
}

void al_ids_clear(struct al_ids *t, void (*drop)(void *sock))
{
	for (int id = 1; id < t->limit; id++) {
		if (t->sock[id] != NULL)
			drop(t->sock[id]);
		t->sock[id] = NULL;
	}
	t->next = 1;
}

void al_fill_pattern(char *buf, size_t len, unsigned long long pos)
{
	for (size_t i = 0; i < len; i++)
		buf[i] = (char)('a' + (pos + i) % 26);
}

#define IO_CHUNK 65536

int al_socket_send(int fd, long n, unsigned long long *sent, struct al_reply *r)
{
	static char buf[IO_CHUNK];
	long done = 0;

	while (done < n) {
		size_t chunk = (size_t)(n - done) < sizeof(buf) ? (size_t)(n - done) : sizeof(buf);
		ssize_t got;

		al_fill_pattern(buf, chunk, *sent);
		got = send(fd, buf, chunk, MSG_NOSIGNAL | MSG_DONTWAIT);
		if (got < 0 && done == 0) {
			int code = errno;

			al_fail(r, code, "send: %s", strerror(code));
			return code;
		}
		if (got <= 0)
			break;
		*sent += (unsigned long long)got;
		done += got;
		if ((size_t)got < chunk)
			break;
	}
	al_ok(r, "%ld", done);
	return 0;
}

int al_socket_recv(int fd, long n, struct al_reply *r)
{
	static char buf[IO_CHUNK];
	long done = 0;

	while (done < n) {
		size_t want = (size_t)(n - done) < sizeof(buf) ? (size_t)(n - done) : sizeof(buf);
		ssize_t got = recv(fd, buf, want, MSG_DONTWAIT);

		if (got < 0 && done == 0) {
			int code = errno;

			al_fail(r, code, "recv: %s", code == EAGAIN ? "nothing to read" : strerror(code));
			return code;
		}
		if (got <= 0)
			break;
		done += got;
	}
	al_ok(r, "%ld", done);
	return 0;
}

int al_socket_linger_zero(int fd)
{
	struct linger lg = {1, 0};

	return setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
}

/* The command named w[0]; TARGET_NCOMMANDS if there is none. */
static int command_of(const char *name)
{
#define AL_NAME_(id, name, min, max, usage) name,
	static const char *const names[TARGET_NCOMMANDS] = {TARGET_COMMANDS(AL_NAME_)};
#undef AL_NAME_
	int i = 0;

	while (i < TARGET_NCOMMANDS && strcmp(names[i], name) != 0)
		i++;
	return i;
}

/* Is the number of words after the name right for command c? */
static bool usage_ok(int c, int nwords, struct al_reply *r)
{
#define AL_SYNTAX_(id, name, min, max, usage) {min, max, usage},
	static const struct {
		int min, max;
		const char *usage;
	} syntax[TARGET_NCOMMANDS] = {TARGET_COMMANDS(AL_SYNTAX_)};
#undef AL_SYNTAX_

	if (nwords >= syntax[c].min && nwords <= syntax[c].max)
		return true;
	al_fail(r, TARGET_EMALFORMED, "usage: %s", syntax[c].usage);
	return false;
}

static void run_command(struct al_server *s, int c, char **w, struct al_reply *r)
{
	if (c == TARGET_CMD_HELLO) {
		al_ok(r, TARGET_PROTOCOL_NAME " %d %s", TARGET_PROTOCOL_VERSION, s->stack);
	} else if (c == TARGET_CMD_QUIT) {
		s->quit = true;
		al_ok(r, NULL);
	} else if (s->run[c] == NULL) {
		al_fail(r, TARGET_EUNSUPPORTED, "%s unsupported", w[0]);
	} else {
		s->run[c](s->agent, w, r);
	}
}

/* Split line into words and run the matching command; one reply in r. */
static void handle_line(struct al_server *s, char *line, struct al_reply *r)
{
	static const char blank[] = " \t\r";
	char *w[AL_MAX_WORDS + 1], *save = NULL;
	int n = 0, c;

	for (char *t = strtok_r(line, blank, &save); t != NULL; t = strtok_r(NULL, blank, &save)) {
		if (n == AL_MAX_WORDS) {
			al_fail(r, TARGET_EMALFORMED, "more than %d words", AL_MAX_WORDS);
			return;
		}
		w[n++] = t;
	}
	w[n] = NULL;
	if (n == 0) {
		al_fail(r, TARGET_EMALFORMED, "empty command");
		return;
	}
	c = command_of(w[0]);
	if (c == TARGET_NCOMMANDS)
		al_fail(r, TARGET_EMALFORMED, "unknown command '%.64s'", w[0]);
	else if (usage_ok(c, n - 1, r))
		run_command(s, c, w, r);
}

static int write_reply(int out, const struct al_reply *r)
{
	char buf[TARGET_LINE_MAX + 1];
	int len = snprintf(buf, sizeof(buf), "%s\n", r->text);

	for (int off = 0; off < len;) {
		ssize_t n = write(out, buf + off, (size_t)(len - off));

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		off += (int)n;
	}
	return 0;
}

/* Answer every complete line in s->buf; -1 when `out` is gone. */
static int answer_lines(struct al_server *s, int out)
{
	char *nl;

	while (!s->quit && (nl = memchr(s->buf, '\n', s->len)) != NULL) {
		struct al_reply r;

		*nl = '\0';
		if (s->enter != NULL)
			s->enter();
		if (s->too_long)
			al_fail(&r, TARGET_EMALFORMED, "line longer than %d bytes", TARGET_LINE_MAX);
		else
			handle_line(s, s->buf, &r);
		if (s->leave != NULL)
			s->leave();
		s->too_long = false;
		s->len -= (size_t)(nl + 1 - s->buf);
		memmove(s->buf, nl + 1, s->len);
		if (write_reply(out, &r) < 0)
			return -1;
	}
	return 0;
}

int al_serve(struct al_server *s, int in, int out)
{
	ssize_t n;

	if (s->len == sizeof(s->buf)) {
		/* no newline in a full buffer: the line is too long */
		s->too_long = true;
		s->len = 0;
	}
	n = read(in, s->buf + s->len, sizeof(s->buf) - s->len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return 1;
	s->len += (size_t)n;
	if (answer_lines(s, out) < 0 || s->quit)
		return 1;
	return 0;
}

static int usage(const char *prog, const char *why)
{
	fprintf(stderr, "%s: %s\nusage: %s --ifname DEV --addr4 A --addr6 A --peer4 A --peer6 A\n",
		prog, why, prog);
	return 2;
}

int al_parse_args(int argc, char **argv, const char *prog, struct al_args *a)
{
	static const struct option opts[] = {
		{"ifname", required_argument, NULL, 'i'}, {"addr4", required_argument, NULL, '4'},
		{"addr6", required_argument, NULL, '6'},  {"peer4", required_argument, NULL, 'p'},
		{"peer6", required_argument, NULL, 'q'},  {NULL, 0, NULL, 0},
	};
	int c, seen = 0;

	memset(a, 0, sizeof(*a));
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		bool good = (c == 'i' && if_nametoindex(optarg) != 0 &&
			     strlen(optarg) < sizeof(a->ifname)) ||
			    (c == '4' && inet_pton(AF_INET, optarg, &a->addr4) == 1) ||
			    (c == '6' && inet_pton(AF_INET6, optarg, &a->addr6) == 1) ||
			    (c == 'p' && inet_pton(AF_INET, optarg, &a->peer4) == 1) ||
			    (c == 'q' && inet_pton(AF_INET6, optarg, &a->peer6) == 1);

		if (!good)
			return usage(prog, c == 'i' ? "no such interface in this namespace"
						    : "bad option or address");
		if (c == 'i')
			snprintf(a->ifname, sizeof(a->ifname), "%s", optarg);
		seen |= 1 << (strchr("i46pq", c) - "i46pq");
	}
	if (optind != argc || seen != 0x1f)
		return usage(prog, "every option is needed, and nothing else");
	return 0;
}
