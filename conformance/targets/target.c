/* target.c - what every target shares (target.h). */
#include "targets/target.h"

#include <errno.h>

#include "base/clock.h"
#include "base/err.h"

double target_now_ms(struct target *t)
{
	return t->ops->now_ms != NULL ? t->ops->now_ms(t) : clock_now_ms();
}

int target_advance(struct target *t, unsigned ms, unsigned *tick_ms, char *err, size_t errlen)
{
	*tick_ms = 0;
	if (t->ops->advance == NULL) {
		err_set(err, errlen, "ENOSYS the %s target has no virtual time", t->ops->name);
		return ENOSYS;
	}
	return t->ops->advance(t, ms, tick_ms, err, errlen);
}
