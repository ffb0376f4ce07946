/*
 * json.c - JSON string escaping (RFC 8259 section 7): quote, backslash and
 * control characters escaped, valid UTF-8 copied, any other byte written as
 * U+FFFD (the replacement character), so that the output always parses.
 */
#include "base/json.h"

#include "base/utf8.h"

void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	while (*s) {
		unsigned char c = (unsigned char)*s;
		int n;

		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20)
			fprintf(f, "\\u%04x", c);
		else if ((n = utf8_seq_len(s)) == 0)
			fputs("\\ufffd", f);
		else {
			fwrite(s, 1, (size_t)n, f);
			s += n;
			continue;
		}
		s++;
	}
	fputc('"', f);
}
