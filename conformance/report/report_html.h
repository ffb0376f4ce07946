/*
 * report_html.h - a conformance run as one self-contained HTML page (inline
 * CSS and SVG, nothing fetched): the state diagram of the run's profile with
 * each edge coloured by what the run saw (passed, failed, not covered), one
 * row per scenario with its verdict, and for each FAIL the expected and the
 * observed, the rule and its RFC section, and the sequence diagram of the
 * scenario up to the failure.
 */
#ifndef TCPSPEC_REPORT_HTML_H
#define TCPSPEC_REPORT_HTML_H

#include <stddef.h>

#include "profiles/profile.h"
#include "run/runner.h"

/* The state diagram of profile prof (NULL: the built-in profile the first
 * result names) is rendered by graphviz (`dot -Tsvg`) while the page is
 * written; without it the page says so and has the rest. */
int report_html(const char *path, const struct profile_def *prof, const struct run_result *r,
		int n, double wall_ms, char *err, size_t errlen);

#endif
