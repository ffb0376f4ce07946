/* procstatus.c - see procstatus.h. */
#include "procstatus.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool field(pid_t pid, const char *name, int base, uint64_t *value)
{
	char path[64], line[256];
	size_t n = strlen(name);
	bool found = false;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	f = fopen(path, "r");
	if (f == NULL)
		return false;
	while (!found && fgets(line, sizeof line, f) != NULL)
		if (strncmp(line, name, n) == 0 && line[n] == ':') {
			*value = strtoull(line + n + 1, NULL, base);
			found = true;
		}
	fclose(f);
	return found;
}

bool proc_status_hex(pid_t pid, const char *name, uint64_t *value)
{
	return field(pid, name, 16, value);
}

bool proc_status_dec(pid_t pid, const char *name, uint64_t *value)
{
	return field(pid, name, 10, value);
}
