/* json.h - the few helpers the JSON writers need. */
#ifndef TCPSPEC_JSON_H
#define TCPSPEC_JSON_H

#include <stdio.h>

/* Write s as a JSON string literal (quoted, escaped). */
void json_str(FILE *f, const char *s);

#endif
