/*
 * The `constant` workload: CPU-bound work without a pause. Each
 * iteration is `work` work units (workload_work: a fixed number of
 * instructions), one after the other, so its rate is the CPU's
 * frequency divided by the cycles an iteration takes: double the clock
 * and the rate doubles. The thread runs at nice 19, below every other
 * thread (the shell, the other workloads), and so takes exactly the time
 * they leave: the core never idles while it runs.
 *
 * Figures: the rate over the whole run, and over the last whole second
 * (the iterations completed in each second of the run counted from its
 * start, the last full one shown), so that a change of frequency shows
 * a second later.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <pmfw/shell.h>
#include <pmfw/workload.h>

enum { WORK };

struct constant_wl {
	u64 second_end;            /* the end of the current second of the run */
	unsigned long second_from; /* the iterations when it began */
	unsigned long last_second; /* those completed in the last full one */
	unsigned long seconds;     /* full seconds so far */
};

static int constant_start(struct workload *w)
{
	w->priv = kzalloc(sizeof(struct constant_wl), GFP_KERNEL);
	return w->priv ? 0 : -ENOMEM;
}

static void constant_stop(struct workload *w)
{
	kfree(w->priv);
}

static int constant_loop(struct workload *w)
{
	struct constant_wl *c = w->priv;
	c->second_end = w->started_ns + NSEC_PER_SEC;
	while (!workload_should_stop(w)) {
		if (!workload_work(w, w->param[WORK]))
			break;
		w->iterations++;
		u64 now = ktime_get_ns();
		while (now >= c->second_end) {
			c->last_second = w->iterations - c->second_from;
			c->second_from = w->iterations;
			c->second_end += NSEC_PER_SEC;
			c->seconds++;
		}
	}
	return 0;
}

/* Iterations per second over the run, in tenths. */
static u64 rate_x10(const struct workload *w)
{
	u64 ns = (READ_ONCE(w->ended) ? w->ended_ns : ktime_get_ns()) - w->started_ns;
	return ns ? (u64)w->iterations * 10 * NSEC_PER_SEC / ns : 0;
}

static void constant_stats(struct workload *w)
{
	struct constant_wl *c = w->priv;
	u64 r = rate_x10(w);
	sh_printf("rate: %llu.%llu iterations/s\n", r / 10, r % 10);
	sh_printf("seconds: %lu\n", c->seconds);
	sh_printf("last_second: %lu iterations, %llu units\n", c->last_second,
		  (u64)c->last_second * w->param[WORK]);
}

static void constant_summary(struct workload *w)
{
	struct constant_wl *c = w->priv;
	u64 r = rate_x10(w);
	sh_printf("%llu.%llu iterations/s, %lu in the last second", r / 10, r % 10,
		  c->last_second);
}

static struct workload_type constant_type = {
	.name = "constant",
	.help = "compute work units an iteration, without a pause, at nice 19",
	.params = {
		{ "work", 10, 1, 1000000, " units" },
	},
	.nice = 19,
	.start = constant_start,
	.loop = constant_loop,
	.stop = constant_stop,
	.stats = constant_stats,
	.summary = constant_summary,
};

workload_initcall(constant_type);
