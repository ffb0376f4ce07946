/*
 * info.c - slirp_connection_info(), parsed: see info.h.
 */
#include "targets/agents/slirp/info.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int info_lines(Slirp *slirp, struct info_line *out, int max)
{
	char *info = slirp_connection_info(slirp), *save = NULL;
	int n = 0;

	if (info == NULL)
		return 0;
	for (char *l = strtok_r(info, "\n", &save); l != NULL && n < max;
	     l = strtok_r(NULL, "\n", &save)) {
		struct info_line c;
		char src[64], dst[64];

		if (sscanf(l, " TCP[%23[^]]] %d %63s %u %63s %u", c.state, &c.fd, src, &c.sport, dst,
			   &c.dport) == 6)
			out[n++] = c;
	}
	free(info);
	return n;
}

/* slirp's states (tcpstates[] of slirp_connection_info), RFC spelling. */
const char *info_rfc_state(const char *state)
{
	static const char *const map[][2] = {
		{"SYN_SENT", "SYN-SENT"},     {"SYN_RCVD", "SYN-RECEIVED"},
		{"ESTABLISHED", "ESTABLISHED"}, {"CLOSE_WAIT", "CLOSE-WAIT"},
		{"FIN_WAIT_1", "FIN-WAIT-1"}, {"CLOSING", "CLOSING"},
		{"LAST_ACK", "LAST-ACK"},     {"FIN_WAIT_2", "FIN-WAIT-2"},
		{"TIME_WAIT", "TIME-WAIT"},   {"LISTEN", "LISTEN"},
	};

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (strcmp(map[i][0], state) == 0)
			return map[i][1];
	return NULL;
}
