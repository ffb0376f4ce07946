/*
 * fuzz_reply.c - the target line protocol as the harness reads it
 * (conformance/TARGETS.md): an exec: stack is, by assumption, possibly
 * wrong, and anything may come back on its stdout.  The input is the byte
 * stream a target writes, fed in chunks into the reader's 256-byte buffer
 * as target_exec.c does; each complete line is parsed as a reply, and its
 * values as the typed interface reads them (errno names, states, the hello
 * line).  No crash, no read outside a buffer, and every line is one of
 * ok, err, or malformed.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "scenario/text.h"
#include "targets/exec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void values(int rc, const char *reply)
{
	enum tcp_state st;
	char name[TARGET_STACK_MAX];
	int version;

	if (rc == TARGET_ERR)
		(void)target_errno_parse(reply);
	if (rc != TARGET_OK)
		return;
	if (txt_state_parse(reply, &st) == 0 && (unsigned)st >= TCP_NSTATES)
		abort();
	if (sscanf(reply, "tcpspec-target %d %63s", &version, name) == 2 &&
	    strlen(name) >= sizeof name)
		abort();
	(void)target_errno_parse(reply);
	(void)atol(reply);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char in[TARGET_LINE_MAX], got[TARGET_LINE_MAX], reply[TARGET_LINE_MAX];
	size_t inlen = 0, off = 0;

	while (off < size) {
		/* the first byte of each chunk says how long it is (1..64) */
		size_t n = (size_t)(data[off++] % 64) + 1;

		if (n > size - off)
			n = size - off;
		if (n > sizeof in - inlen)
			n = sizeof in - inlen;
		memcpy(in + inlen, data + off, n);
		inlen += n;
		off += n;
		while (exec_take_line(in, &inlen, got, sizeof got)) {
			int rc = exec_reply_parse(got, reply, sizeof reply);

			if (rc != TARGET_OK && rc != TARGET_ERR && rc != TARGET_FAILED)
				abort();
			if (strlen(got) >= sizeof got || strlen(reply) >= sizeof reply)
				abort();
			values(rc, reply);
		}
		if (inlen == sizeof in)
			inlen = 0; /* target_exec.c: a reply longer than a line breaks the target */
		if (n == 0)
			break;
	}
	return 0;
}
