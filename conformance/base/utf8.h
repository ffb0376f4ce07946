/*
 * utf8.h - is this UTF-8?  The JSON, JUnit XML and HTML the reports write
 * are UTF-8 documents (RFC 8259 section 8.1, XML 1.0 section 2.2), while the
 * text in them comes in part from targets and scenario files, which may
 * hold any byte: the writers copy valid sequences and replace the rest.
 */
#ifndef TCPSPEC_BASE_UTF8_H
#define TCPSPEC_BASE_UTF8_H

/* The length (1-4) of the well-formed UTF-8 sequence at s (RFC 3629
 * section 4: no overlong forms, no surrogates, nothing above U+10FFFF), or
 * 0 when s does not start one.  s is NUL-terminated. */
int utf8_seq_len(const char *s);

#endif
