/* markup.h - escaping for the generated documents: XML/HTML/SVG text and
 * Markdown table cells. */
#ifndef TCPSPEC_MARKUP_H
#define TCPSPEC_MARKUP_H

#include <stdio.h>

/* s with & < > " escaped (XML, HTML, SVG text and attribute values). */
void mk_xml(FILE *f, const char *s);
/* s in a Markdown table cell: '|' escaped, newlines as spaces. */
void mk_md(FILE *f, const char *s);

#endif
