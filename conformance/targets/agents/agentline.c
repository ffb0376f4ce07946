/*
 * agentline.c - the program side of the target line protocol: see
 * agentline.h and conformance/TARGETS.md.
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

	memcpy(r->text, "ok", 3);
	if (fmt == NULL)
		return;
	r->text[2] = ' ';
	va_start(ap, fmt);
	vsnprintf(r->text + 3, sizeof(r->text) - 3, fmt, ap);
	va_end(ap);
	if (r->text[3] == '\0')
		r->text[2] = '\0';
}

const char *al_errno_name(int code)
{
	const char *name = strerrorname_np(code);

	return name != NULL ? name : "EIO";
}

void al_fail(struct al_reply *r, int code, const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(r->text, sizeof(r->text), "err %s ", al_errno_name(code));

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
	al_fail(r, EINVAL, "bad port '%s'", s);
	return false;
}

bool al_parse_count(const char *s, long min, long *n, struct al_reply *r)
{
	if (al_parse_num(s, min, AL_MAX_IO, n))
		return true;
	al_fail(r, EINVAL, "bad byte count '%s'", s);
	return false;
}

bool al_parse_how(const char *s, bool *rd, bool *wr, struct al_reply *r)
{
	*rd = strcmp(s, "rd") == 0 || strcmp(s, "rdwr") == 0;
	*wr = strcmp(s, "wr") == 0 || strcmp(s, "rdwr") == 0;
	if (*rd || *wr)
		return true;
	al_fail(r, EINVAL, "shutdown takes wr, rd or rdwr, not '%s'", s);
	return false;
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

void al_handle_line(const struct al_command *cmds, size_t ncmds, void *agent, char *line,
		    struct al_reply *r)
{
	static const char blank[] = " \t\r";
	char *w[AL_MAX_WORDS + 1], *save = NULL;
	int n = 0;

	for (char *t = strtok_r(line, blank, &save); t != NULL; t = strtok_r(NULL, blank, &save)) {
		if (n == AL_MAX_WORDS) {
			al_fail(r, EINVAL, "more than %d words", AL_MAX_WORDS);
			return;
		}
		w[n++] = t;
	}
	w[n] = NULL;
	if (n == 0) {
		al_fail(r, EINVAL, "empty command");
		return;
	}
	for (size_t i = 0; i < ncmds; i++) {
		const struct al_command *c = &cmds[i];

		if (strcmp(c->name, w[0]) != 0)
			continue;
		if (n - 1 < c->min || n - 1 > c->max)
			al_fail(r, EINVAL, "usage: %s", c->usage);
		else
			c->run(agent, w, r);
		return;
	}
	al_fail(r, EINVAL, "unknown command '%.64s'", w[0]);
}

static int write_reply(int out, const struct al_reply *r)
{
	char buf[AL_LINE_MAX + 1];
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

/* Answer every complete line in rd->buf; -1 when `out` is gone. */
static int answer_lines(struct al_reader *rd, int out, const struct al_command *cmds,
			size_t ncmds, void *agent)
{
	char *nl;

	while (!rd->quit && (nl = memchr(rd->buf, '\n', rd->len)) != NULL) {
		struct al_reply r;

		*nl = '\0';
		if (rd->enter != NULL)
			rd->enter();
		if (rd->too_long)
			al_fail(&r, EINVAL, "line longer than %d bytes", AL_LINE_MAX);
		else
			al_handle_line(cmds, ncmds, agent, rd->buf, &r);
		if (rd->leave != NULL)
			rd->leave();
		rd->too_long = false;
		rd->len -= (size_t)(nl + 1 - rd->buf);
		memmove(rd->buf, nl + 1, rd->len);
		if (write_reply(out, &r) < 0)
			return -1;
	}
	return 0;
}

int al_serve(struct al_reader *rd, int in, int out, const struct al_command *cmds,
	     size_t ncmds, void *agent)
{
	ssize_t n;

	if (rd->len == sizeof(rd->buf)) {
		/* no newline in a full buffer: the line is too long */
		rd->too_long = true;
		rd->len = 0;
	}
	n = read(in, rd->buf + rd->len, sizeof(rd->buf) - rd->len);
	if (n < 0 && (errno == EINTR || errno == EAGAIN))
		return 0;
	if (n <= 0)
		return 1;
	rd->len += (size_t)n;
	if (answer_lines(rd, out, cmds, ncmds, agent) < 0 || rd->quit)
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
