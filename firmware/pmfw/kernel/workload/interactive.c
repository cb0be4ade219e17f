/*
 * The `interactive` workload: a user who thinks, then asks for something.
 * Each iteration is a think time, then a burst of `burst` work units
 * (workload_work). Think times are drawn from the generator seeded with
 * `seed` (kernel/workload/random.h: Linux's prandom_u32_state, integer
 * draws), so a seed gives the same sequence on every run:
 *   dist=exp      exponential of mean think_ms (a Poisson user),
 *   dist=uniform  uniform on 0 .. 2 * think_ms,
 * each drawn in µs. Burst i is released when think time i, counted from
 * the completion of burst i-1 (the run's start for the first), is over; its
 * latency is its completion minus that release, so it includes the
 * thread's wake-up (the timer, the idle state's exit latency) and the
 * burst's work at whatever frequency the CPU then runs. A governor that
 * lets the clock drop while the user thinks makes the next burst slow.
 *
 * The thread runs at nice 10. Figures: bursts, the think times' count
 * and total (exact, in µs: a test can recompute them from the seed), the
 * burst latencies' histogram.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <pmfw/shell.h>
#include <pmfw/workload.h>

#include "random.h"
#include "stats.h"

enum { BURST, THINK_MS, DIST, SEED };
enum { DIST_EXP, DIST_UNIFORM };
static const char *const dists[] = { "exp", "uniform", NULL };

struct interactive_wl {
	struct wl_rnd_state rnd;
	unsigned long thinks;
	u64 think_us; /* the total of the think times drawn */
	struct wl_hist latency;
};

static int interactive_start(struct workload *w)
{
	struct interactive_wl *iw = kzalloc(sizeof *iw, GFP_KERNEL);
	if (!iw)
		return -ENOMEM;
	wl_prandom_seed_state(&iw->rnd, w->param[SEED]);
	wl_hist_init(&iw->latency);
	w->priv = iw;
	return 0;
}

static void interactive_stop(struct workload *w)
{
	kfree(w->priv);
}

static u64 think_us(struct workload *w, struct interactive_wl *iw)
{
	u32 mean = (u32)w->param[THINK_MS] * USEC_PER_MSEC;
	return w->param[DIST] == DIST_UNIFORM ? wl_rand_uniform(&iw->rnd, mean)
					      : wl_rand_exp(&iw->rnd, mean);
}

static int interactive_loop(struct workload *w)
{
	struct interactive_wl *iw = w->priv;
	u64 done = w->started_ns;
	for (;;) {
		u64 think = think_us(w, iw);
		iw->thinks++;
		iw->think_us += think;
		u64 release = done + think * NSEC_PER_USEC;
		if (!workload_sleep_until(w, release))
			break;
		if (!workload_work(w, w->param[BURST]))
			break;
		done = ktime_get_ns();
		wl_hist_add(&iw->latency, done - release);
		w->iterations++;
	}
	return 0;
}

static void interactive_stats(struct workload *w)
{
	struct interactive_wl *iw = w->priv;
	sh_printf("think: n=%lu total=", iw->thinks);
	workload_print_ms(iw->think_us * NSEC_PER_USEC);
	sh_printf(" ms\n");
	workload_print_hist("latency", &iw->latency);
}

static void interactive_summary(struct workload *w)
{
	struct interactive_wl *iw = w->priv;
	workload_print_summary("latency", &iw->latency);
}

static struct workload_type interactive_type = {
	.name = "interactive",
	.help = "burst work units after think_ms (mean) drawn from seed",
	.params = {
		{ "burst", 200, 0, 10000000, " units" },
		{ "think_ms", 100, 0, 100000, "ms" },
		{ .name = "dist", .def = DIST_EXP, .max = DIST_UNIFORM, .choices = dists },
		{ "seed", 1, 0, 4294967295ul, "" },
	},
	.counts = "bursts",
	.nice = 10,
	.start = interactive_start,
	.loop = interactive_loop,
	.stop = interactive_stop,
	.stats = interactive_stats,
	.summary = interactive_summary,
};

workload_initcall(interactive_type);
