/*
 * reqs_results.c - the verdicts of a recorded run for the traceability
 * page (reqs.h), read with results.h: per label, the verdicts of the
 * scenarios that declare it, one column per stack and profile.  A file
 * whose meta names the target's own profile (what `make results` records:
 * the run against it, then against rfc9293) counts that profile's results
 * only; the matrix (results_md.c) shows the rest.
 */
#include "docgen/reqs.h"

#include <string.h>

#include "docgen/results.h"

_Static_assert((int)RQ_PASS == (int)RESULTS_PASS && (int)RQ_FAIL == (int)RESULTS_FAIL &&
	       (int)RQ_ERROR == (int)RESULTS_ERROR && (int)RQ_SKIP == (int)RESULTS_SKIP,
	       "reqs.h and results.h number the verdicts alike");

static struct req_target *target(struct reqs *q, const char *name)
{
	for (int i = 0; i < q->ntargets; i++)
		if (strcmp(q->t[i].name, name) == 0)
			return &q->t[i];
	if (q->ntargets == REQ_MAX_TARGETS)
		return NULL;
	memset(&q->t[q->ntargets], 0, sizeof q->t[0]);
	snprintf(q->t[q->ntargets].name, sizeof q->t[0].name, "%s", name);
	return &q->t[q->ntargets++];
}

static void count(struct reqs *q, const struct results_row *row)
{
	char name[96], labels[160], *tok, *save = NULL;
	struct req_target *t;

	snprintf(name, sizeof name, "%.40s, profile %.30s", row->stack, row->profile);
	t = target(q, name);
	if (row->verdict < 0 || t == NULL)
		return;
	snprintf(labels, sizeof labels, "%s", row->labels);
	for (tok = strtok_r(labels, " ,;", &save); tok; tok = strtok_r(NULL, " ,;", &save)) {
		int i = req_index(tok);

		if (i >= 0)
			t->n[i][row->verdict]++;
	}
}

int reqs_results(struct reqs *q, const char *path, char *err, size_t errlen)
{
	static struct results r;
	const char *own;

	results_free(&r);
	if (results_load(&r, path, err, errlen) != 0)
		return -1;
	own = results_meta(&r, "profile");
	for (int i = 0; i < r.n; i++)
		if (own[0] == '\0' || strcmp(r.row[i].profile, own) == 0)
			count(q, &r.row[i]);
	return 0;
}
