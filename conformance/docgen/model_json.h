/* model_json.h - the model's answers as JSON (docs/design.md, `tcpspec step`). */
#ifndef TCPSPEC_MODEL_JSON_H
#define TCPSPEC_MODEL_JSON_H

#include <stdio.h>
#include "model/tcp.h"

/* {"iss": N, ... "timers": [...]} */
void mj_tcb(FILE *f, const struct tcp_tcb *t);
/* {"state": ..., "emit": [...], "notify": ..., "timers": {...}, "rule": ...,
 *  "section": ..., "label": ..., "delivered": N, "tcb": {...}} */
void mj_step(FILE *f, const struct tcp_tcb *next, const struct tcp_result *r);

#endif
