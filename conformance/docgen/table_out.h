/*
 * table_out.h - the transition table (table.h) written as Markdown, CSV or
 * JSON: state, event, condition, next state, segments sent, notification,
 * rule, RFC section (and requirement label).
 */
#ifndef TCPSPEC_TABLE_OUT_H
#define TCPSPEC_TABLE_OUT_H

#include <stdbool.h>
#include <stdio.h>

#include "docgen/table.h"

/* fmt is "md", "csv" or "json"; returns the number of rows written. */
int tbl_write(FILE *f, const struct tcp_profile *p, const char *fmt,
	      bool changes_only);

/* The segments a row sends, symbolically, space separated ("" if none). */
void tbl_sends(const struct tbl_row *r, char *buf, size_t len);

#endif
