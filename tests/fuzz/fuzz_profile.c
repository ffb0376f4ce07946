/*
 * fuzz_profile.c - the profile file (conformance/profiles/profile.h) on any
 * text.  A file that does not read must say where and what was expected
 * ("fuzz.profile:LINE: ..." or "fuzz.profile: ..."); one that reads must
 * write and read back to the same profile, and the model must take it (its
 * proofs hold for every profile value: one step from LISTEN is well defined).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profiles/profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char TEXT[65536];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct profile_def a, b;
	char err[1024], *s;
	struct tcp_tcb t, next;
	struct tcp_event ev;
	struct tcp_result r;
	FILE *f;

	if (size > 16384)
		return 0;
	s = malloc(size + 1);
	if (s == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	err[0] = '\0';
	if (profile_file_parse(s, "fuzz.profile", &a, err, sizeof err) != 0) {
		if (strncmp(err, "fuzz.profile:", 13) != 0)
			abort(); /* an error must say where */
		free(s);
		return 0;
	}
	free(s);
	f = fmemopen(TEXT, sizeof TEXT, "w");
	if (f == NULL)
		return 0;
	profile_file_write(f, &a);
	if (fclose(f) != 0)
		abort();
	if (profile_file_parse(TEXT, "fuzz.profile", &b, err, sizeof err) != 0)
		abort(); /* what was written reads back */
	for (unsigned k = 0; k < profile_nswitches(); k++) {
		struct profile_switch sw;

		profile_switch_get(k, &sw);
		if (profile_value(&sw, &a.tcp) != profile_value(&sw, &b.tcp) ||
		    strcmp(a.source[k], b.source[k]) != 0)
			abort();
	}
	if (strcmp(a.name, b.name) != 0 || strcmp(a.describes, b.describes) != 0)
		abort();
	tcp_tcb_default(TCP_LISTEN, &a.tcp, &t);
	memset(&ev, 0, sizeof ev);
	ev.kind = TCP_EV_SEGMENT;
	ev.seg.flags = TCP_SYN;
	ev.seg.wnd = 65535;
	ev.iss = 1000;
	if (tcp_step(&t, &ev, &a.tcp, &next, &r) != 0 || next.state != TCP_SYN_RECEIVED)
		abort();
	return 0;
}
