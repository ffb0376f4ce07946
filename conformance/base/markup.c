/*
 * markup.c - escaping for the generated documents.
 */
#include "base/markup.h"

#include "base/utf8.h"

/* XML 1.0 (and HTML) text and attribute values: the five markup
 * characters as entities, control characters XML does not allow dropped,
 * valid UTF-8 copied, any other byte as U+FFFD. */
void mk_xml(FILE *f, const char *s)
{
	while (*s) {
		unsigned char c = (unsigned char)*s;
		int n = 1;

		switch (c) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if (c < 0x20 && c != '\n' && c != '\t')
				break;
			n = utf8_seq_len(s);
			if (n == 0) {
				fputs("&#xFFFD;", f);
				n = 1;
			} else {
				fwrite(s, 1, (size_t)n, f);
			}
		}
		s += n;
	}
}

void mk_md(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '|')
			fputs("\\|", f);
		else if (*s == '\n' || *s == '\r')
			fputc(' ', f);
		else
			fputc(*s, f);
	}
}
