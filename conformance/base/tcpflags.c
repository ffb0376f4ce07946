/* tcpflags.c - see tcpflags.h. */
#include "base/tcpflags.h"

#include <stdio.h>

const char *tcpflags_format(uint8_t bits, char *buf, size_t cap)
{
	static const char letters[] = "FSRP.UEW"; /* bit 0 .. bit 7 */
	size_t n = 0;

	if (cap == 0)
		return buf;
	for (unsigned i = 0; i < 8 && n + 1 < cap; i++)
		if (bits & (1u << i))
			buf[n++] = letters[i];
	buf[n] = '\0';
	if (bits == 0)
		snprintf(buf, cap, "none");
	return buf;
}
