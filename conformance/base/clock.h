/*
 * clock.h - the harness's clock: milliseconds of CLOCK_MONOTONIC, for
 * deadlines and the durations reports print.  The model has no clock.
 */
#ifndef TCPSPEC_BASE_CLOCK_H
#define TCPSPEC_BASE_CLOCK_H

/* Milliseconds since an arbitrary start, with sub-millisecond fraction. */
double clock_now_ms(void);

#endif
