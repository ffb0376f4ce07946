/* target.c - what every target shares (target.h). */
#include "targets/target.h"

#include "base/clock.h"

double target_now_ms(struct target *t)
{
	return t->ops->now_ms != NULL ? t->ops->now_ms(t) : clock_now_ms();
}
