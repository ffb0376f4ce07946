/*
 * fuzz_scenario.c - the scenario parser, and the runner with the model as
 * its target, on any text.  A file that does not parse must get an error
 * that names the file and a line ("fuzz.scn:N: ..."); a file that parses
 * must run through `tcpspec check` (run_check) under every profile it
 * names without a crash, a hang or a sanitizer report.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "run/runner.h"
#include "scenario/scenario.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct scn s;
	char err[1024];
	char *text;

	if (size > 16384)
		return 0;
	text = malloc(size + 1);
	if (text == NULL)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (scn_parse("fuzz.scn", text, &s, err, sizeof err) != 0) {
		if (strncmp(err, "fuzz.scn:", 9) != 0)
			abort(); /* an error must say where */
	} else {
		for (int p = 0; p < TCP_NPROFILES; p++) {
			static struct profile_def def;

			if (!s.profiles[p])
				continue;
			profile_builtin((enum tcp_profile_id)p, &def);
			run_check(&s, &def, err, sizeof err);
		}
	}
	free(text);
	return 0;
}
