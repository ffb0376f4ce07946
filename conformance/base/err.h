/*
 * err.h - the harness's one way to report an error: a sentence written into
 * a caller's buffer (STYLE: the library returns a status, only main exits).
 *
 *	if (fd < 0)
 *		return err_set(err, errlen, "cannot open %s: %s", path, strerror(errno));
 */
#ifndef TCPSPEC_BASE_ERR_H
#define TCPSPEC_BASE_ERR_H

#include <stddef.h>

/* Format into err (NULL or errlen 0: nothing written); always returns -1. */
int err_set(char *err, size_t errlen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif
