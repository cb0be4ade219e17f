/*
 * The `busy` workload: CPU load with a period. Every period_ms the
 * thread computes for run_ms (a checksum over its own counter, checking
 * the clock between rounds), then sleeps until the next period starts:
 * a load of run_ms / period_ms, the pattern that frequency governors
 * react to. A period whose work overruns the next start begins at once.
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/timekeeping.h>
#include <pmfw/workload.h>

enum { RUN_MS, PERIOD_MS };

static int busy_loop(struct workload *w)
{
	u64 run = (u64)w->param[RUN_MS] * NSEC_PER_MSEC;
	u64 period = (u64)w->param[PERIOD_MS] * NSEC_PER_MSEC;
	u64 start = ktime_get_ns();
	u32 sum = 0;
	while (!workload_should_stop(w)) {
		u64 end = start + run;
		while (ktime_get_ns() < end && !kthread_should_stop())
			for (u32 i = 0; i < 64; i++)
				sum = (sum << 5 | sum >> 27) ^ (u32)w->iterations ^ i;
		w->iterations++;
		if (!workload_next_period(w, &start, period))
			break;
	}
	return sum == 0x5a5a5a5a ? 1 : 0; /* keep the computation */
}

static struct workload_type busy = {
	.name = "busy",
	.help = "compute for run_ms every period_ms",
	.params = {
		{ "run_ms", 5, 0, 100000, "ms" },
		{ "period_ms", 20, 1, 100000, "ms" },
	},
	.loop = busy_loop,
};

workload_initcall(busy);
