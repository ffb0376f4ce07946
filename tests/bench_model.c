/*
 * bench_model.c - drive tcp_step over the full transition-table sweep (every
 * profile, state and class of event): the inputs are gathered once, then
 * bench_steps() steps them all ROUNDS times.  Prints the number of steps and
 * steps per second; scripts/bench.sh runs it under callgrind with
 * --toggle-collect=bench_steps for the instructions per step.  Not a test:
 * nothing is asserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "docgen/table.h"

struct input {
	struct tcp_tcb tcb;
	struct tcp_event ev;
	const struct tcp_profile *p;
};

struct inputs {
	struct input *v;
	size_t n, cap;
	const struct tcp_profile *p;
};

static void gather(const struct tbl_row *r, void *arg)
{
	struct inputs *in = arg;

	if (in->n == in->cap) {
		in->cap = in->cap ? 2 * in->cap : 1024;
		in->v = realloc(in->v, in->cap * sizeof *in->v);
		if (in->v == NULL)
			exit(1);
	}
	in->v[in->n].tcb = r->before;
	in->v[in->n].ev = r->ev;
	in->v[in->n].p = in->p;
	in->n++;
}

__attribute__((noinline)) static unsigned long
bench_steps(const struct inputs *in, int rounds)
{
	unsigned long sink = 0;
	struct tcp_tcb next;
	struct tcp_result out;

	for (int k = 0; k < rounds; k++) {
		for (size_t i = 0; i < in->n; i++) {
			tcp_step(&in->v[i].tcb, &in->v[i].ev, in->v[i].p, &next, &out);
			sink += next.state + out.nemit;
		}
	}
	return sink;
}

int main(int argc, char **argv)
{
	int rounds = argc > 1 ? atoi(argv[1]) : 200;
	struct inputs in = { 0 };
	struct timespec a, b;
	unsigned long sink;
	double secs;

	for (int p = 0; p < TCP_NPROFILES; p++) {
		in.p = tcp_profile_get((enum tcp_profile_id)p);
		tbl_enumerate(in.p, gather, &in);
	}
	clock_gettime(CLOCK_MONOTONIC, &a);
	sink = bench_steps(&in, rounds);
	clock_gettime(CLOCK_MONOTONIC, &b);
	secs = (double)(b.tv_sec - a.tv_sec) + (double)(b.tv_nsec - a.tv_nsec) / 1e9;
	printf("steps %lu\nseconds %.6f\nsteps_per_second %.0f\nsink %lu\n",
	       (unsigned long)in.n * (unsigned long)rounds, secs,
	       secs > 0 ? (double)in.n * rounds / secs : 0.0, sink);
	free(in.v);
	return 0;
}
