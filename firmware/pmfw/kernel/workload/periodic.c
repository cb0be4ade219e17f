/*
 * The `periodic` workload: a real-time task with a period, an amount of
 * CPU work per job, and a deadline. Job k is released at
 *   r_k = start + k * period_ms
 * (start: when `workload start` started it)
 * and does `duty` work units (workload_work: a fixed number of
 * instructions, so its time depends on the CPU frequency, which is what
 * lets a frequency governor miss or meet the deadlines). It completes at
 * c_k; its response time is c_k - r_k, and it misses its deadline when
 * that is more than deadline_ms (0: the period). Jobs run one after the
 * other: a job released while the one before still runs starts when
 * that one completes (its response time includes the wait), so an
 * overloaded task misses every deadline, later and later. Before a
 * release the thread sleeps on an hrtimer: the response time includes
 * the wake-up (the timer, an idle state's exit latency, the switch).
 *
 * The thread runs at nice 10: above `constant`, below the shell (which
 * can always stop it). Figures: jobs completed, deadline misses, work
 * units, the response times' histogram (kernel/workload/stats.h).
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include <pmfw/shell.h>
#include <pmfw/workload.h>

#include "stats.h"

enum { PERIOD_MS, DUTY, DEADLINE_MS };

struct periodic_wl {
	unsigned long misses;
	struct wl_hist response;
};

static u64 deadline_ns(const struct workload *w)
{
	unsigned long ms = w->param[DEADLINE_MS] ? w->param[DEADLINE_MS] : w->param[PERIOD_MS];
	return (u64)ms * NSEC_PER_MSEC;
}

static int periodic_start(struct workload *w)
{
	struct periodic_wl *p = kmalloc(sizeof *p, GFP_KERNEL);
	if (!p)
		return -ENOMEM;
	p->misses = 0;
	wl_hist_init(&p->response);
	w->priv = p;
	return 0;
}

static void periodic_stop(struct workload *w)
{
	kfree(w->priv);
}

static int periodic_loop(struct workload *w)
{
	struct periodic_wl *p = w->priv;
	u64 period = (u64)w->param[PERIOD_MS] * NSEC_PER_MSEC, deadline = deadline_ns(w);
	u64 release = w->started_ns; /* job 0's release: the run's start */
	for (;;) {
		if (release > ktime_get_ns()) {
			if (!workload_sleep_until(w, release))
				break;
		} else if (workload_should_stop(w)) {
			break;
		}
		if (!workload_work(w, w->param[DUTY]))
			break;
		u64 response = ktime_get_ns() - release;
		wl_hist_add(&p->response, response);
		if (response > deadline)
			p->misses++;
		w->iterations++;
		release += period;
	}
	return 0;
}

static void periodic_stats(struct workload *w)
{
	struct periodic_wl *p = w->priv;
	sh_printf("deadline: ");
	workload_print_ms(deadline_ns(w));
	sh_printf(" ms\nmisses: %lu\n", p->misses);
	workload_print_hist("response", &p->response);
}

static void periodic_summary(struct workload *w)
{
	struct periodic_wl *p = w->priv;
	sh_printf("%lu missed, ", p->misses);
	workload_print_summary("response", &p->response);
}

static struct workload_type periodic_type = {
	.name = "periodic",
	.help = "a job of duty work units every period_ms, due within deadline_ms (0: the period)",
	.params = {
		{ "period_ms", 10, 1, 100000, "ms" },
		{ "duty", 50, 0, 10000000, " units" },
		{ "deadline_ms", 0, 0, 100000, "ms" },
	},
	.counts = "jobs",
	.nice = 10,
	.start = periodic_start,
	.loop = periodic_loop,
	.stop = periodic_stop,
	.stats = periodic_stats,
	.summary = periodic_summary,
};

workload_initcall(periodic_type);
