/*
 * Per-entity load tracking's arithmetic (Linux's kernel/sched/pelt.h and
 * pelt.c), for the CPU's utilization only. Pure functions of their
 * arguments: the host tests (tests/pmfw/test_schedutil.c) drive them.
 */
#ifndef _KERNEL_SCHED_PELT_H
#define _KERNEL_SCHED_PELT_H

#include <linux/types.h>

/* y^LOAD_AVG_PERIOD = 1/2: a contribution halves every 32 periods. */
#define LOAD_AVG_PERIOD 32
/* The largest sum: 1024 × (1 + y + y² + ...), with the integer decay. */
#define LOAD_AVG_MAX 47742
/* Time is counted in units of 1024 ns (ns >> 10: Linux's "µs"), and a
 * period is 1024 of them (1.048576 ms): shifts, no division. */
#define PELT_UNIT_SHIFT 10
#define PELT_PERIOD_SHIFT 10
#define PELT_PERIOD (1U << PELT_PERIOD_SHIFT)

struct sched_avg {
	u64 last_update_time; /* units of 1024 ns */
	u32 util_sum;         /* Σ running units × freq scale, decayed */
	u32 period_contrib;   /* units of the current period already counted */
	unsigned long util_avg;
};

/* val × y^n. */
u32 decay_load(u32 val, u64 n);
/* Bring sa up to now (units of 1024 ns): the time since its last update was spent
 * running (at freq_scale/1024 of the maximum frequency) or not. Returns
 * whether a period boundary was crossed (util_avg recomputed then, as
 * Linux does). */
int ___update_load_avg(struct sched_avg *sa, u64 now, bool running, unsigned long freq_scale);

#endif
