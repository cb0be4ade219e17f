/*
 * powertop [SECONDS] (PowerTOP's "Overview", as text): measures for
 * SECONDS (default 1; the shell thread sleeps on an hrtimer meanwhile, as
 * PowerTOP's own measurement sleep is a nanosleep), then prints what woke
 * the core and how often, from the kernel's wake-up accounting
 * (include/pmfw/powertop.h: the definitions of pmsim's report):
 *
 *   Summary: 2.0 wakeups/second, 3.5 events/second
 *
 *     Events/s  Wakeups/s  Category   Description
 *          0.5        0.5  Interrupt  [2] rtc-pl031
 *    ...
 *
 * One row per interrupt line and per timer callback with an event or a
 * wake-up in the interval, most wake-ups first (then most events, then
 * interrupts before timers, then by name). An interrupt is named
 * "[N] NAME" with its first handler's name (request_irq's; a chained
 * line's flow), a timer by its callback (%ps); "other" rows gather what
 * the fixed tables do not name. PowerTOP's Usage column (each source's
 * CPU time) is left out: measuring it cost too much in the interrupt
 * path (include/pmfw/powertop.h). The summary's wakeups are the core's
 * (each counts once, in its interrupt's row and maybe in a timer's); its
 * events are the rows' added up.
 *
 * Then "Idle stats": the share of the interval the core was busy and
 * idle, and per cpuidle state its share of the time, entries per second
 * and average residency (cpuidle's own statistics); then "Frequency
 * stats": cpufreq's time at each frequency of the table.
 *
 * The interval, between the two copies of the counters, is also marked
 * for pmsim (an interval `powertop`, include/pmfw/marker.h), so that a
 * report can be cut to it.
 */
#include <asm/irqflags.h>
#include <linux/cpufreq.h>
#include <linux/cpuidle.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <pmfw/marker.h>
#include <pmfw/powertop.h>

#include "sh.h"

#define POWERTOP_MAX_SECONDS 1000
#define POWERTOP_MAX_FREQS 16

/* One measurement's edge: the counters, the clocks, the idle thread. */
struct powertop_sample {
	struct powertop_stats st;
	u64 boot_ns, mono_ns, idle_ns;
	/* cpuidle's per-state usage and time (no driver: nstates 0). */
	unsigned int nstates;
	u64 usage[CPUIDLE_STATE_MAX], time_ns[CPUIDLE_STATE_MAX];
	/* cpufreq's time per frequency (no policy: nfreqs 0). */
	unsigned int nfreqs;
	unsigned int khz[POWERTOP_MAX_FREQS];
	u64 freq_ns[POWERTOP_MAX_FREQS];
};

struct powertop_row {
	const char *category; /* "Interrupt", "Timer" */
	char desc[48];
	struct powertop_count d; /* over the interval */
};

static void powertop_sample(struct powertop_sample *s, bool end)
{
	unsigned long flags;

	local_irq_save(flags);
	powertop_snapshot(&s->st);
	s->mono_ns = ktime_get_ns();
	s->boot_ns = (u64)ktime_mono_to_any((ktime_t)s->mono_ns, TK_OFFS_BOOT);
	/* Switched out now (this thread runs): its runtime is up to date. */
	s->idle_ns = init_task.se.sum_exec_runtime;
	struct cpuidle_driver *drv = cpuidle_get_driver();
	struct cpuidle_device *dev = cpuidle_get_device();
	s->nstates = drv && dev ? (unsigned int)drv->state_count : 0;
	for (unsigned int i = 0; i < s->nstates; i++) {
		s->usage[i] = dev->states_usage[i].usage;
		s->time_ns[i] = dev->states_usage[i].time_ns;
	}
	struct cpufreq_policy *policy = cpufreq_cpu_get_raw(0);
	s->nfreqs = cpufreq_stats_time_in_state_ns(policy, s->khz, s->freq_ns, POWERTOP_MAX_FREQS);
	if (end)
		pm_marker_end("powertop", 0);
	else
		pm_marker_begin("powertop");
	local_irq_restore(flags);
}

/* "12.3" for n per interval_ns, rounded to a tenth per second. */
static void powertop_rate(char *buf, size_t len, u64 n, u64 interval_ns)
{
	u64 tenths = (n * 10 * NSEC_PER_SEC + interval_ns / 2) / interval_ns;
	snprintf(buf, len, "%llu.%llu", tenths / 10, tenths % 10);
}

/* The row of one counter over the interval: r, or NULL if it has
 * nothing in it. */
static struct powertop_row *powertop_row(struct powertop_row *r, const char *category,
					 const struct powertop_count *a,
					 const struct powertop_count *b)
{
	r->d.events = b->events - a->events;
	r->d.wakeups = b->wakeups - a->wakeups;
	r->category = category;
	return r->d.events || r->d.wakeups ? r : NULL;
}

static const char *powertop_irq_name(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	if (!desc)
		return "?";
	if (desc->action && desc->action->name)
		return desc->action->name;
	return desc->name ? desc->name : "?";
}

/* The rows with something in the interval, unsorted; their number. */
static unsigned int powertop_rows(struct powertop_row *rows, const struct powertop_sample *a,
				  const struct powertop_sample *b)
{
	unsigned int n = 0;

	for (unsigned int i = 0; i <= POWERTOP_IRQS; i++) {
		struct powertop_row *r =
			powertop_row(&rows[n], "Interrupt", &a->st.irq[i], &b->st.irq[i]);
		if (r && i < POWERTOP_IRQS)
			snprintf(r->desc, sizeof r->desc, "[%u] %s", i, powertop_irq_name(i));
		else if (r)
			strscpy(r->desc, "other exceptions", sizeof r->desc);
		n += r != NULL;
	}
	/* A slot is taken once and for good: b's function is a's, or a's
	 * slot was free. */
	for (unsigned int i = 0; i <= POWERTOP_TIMERS; i++) {
		struct powertop_row *r =
			powertop_row(&rows[n], "Timer", &a->st.timer[i], &b->st.timer[i]);
		if (r && i < POWERTOP_TIMERS)
			snprintf(r->desc, sizeof r->desc, "%ps", b->st.timer_fn[i]);
		else if (r)
			strscpy(r->desc, "other timers", sizeof r->desc);
		n += r != NULL;
	}
	return n;
}

static bool powertop_before(const struct powertop_row *x, const struct powertop_row *y)
{
	if (x->d.wakeups != y->d.wakeups)
		return x->d.wakeups > y->d.wakeups;
	if (x->d.events != y->d.events)
		return x->d.events > y->d.events;
	if (x->category != y->category)
		return x->category[0] == 'I';
	return strcmp(x->desc, y->desc) < 0;
}

/* Where the core's time went. C-state and P-state residency tables
 * (cpuidle's and cpufreq's, when they exist) belong here too. */
/* Tenths of a percent of `total`, as "12.3". */
static void powertop_share(char *buf, size_t len, u64 part, u64 total)
{
	u64 pm = total ? (part * 1000 + total / 2) / total : 0;
	snprintf(buf, len, "%llu.%llu", pm / 10, pm % 10);
}

/* The C-states: cpuidle's statistics over the interval, per state: the
 * share of the time, entries per second and the average residency
 * (cpuidle's measure: from entry to the core running again). */
static void powertop_cstates(const struct powertop_sample *a, const struct powertop_sample *b)
{
	struct cpuidle_driver *drv = cpuidle_get_driver();
	u64 mono = b->mono_ns - a->mono_ns;
	char share[24], rate[24];

	if (!drv || !a->nstates || a->nstates != b->nstates || !mono)
		return;
	sh_printf("  %-12s %7s %9s %13s %8s %11s\n", "C-state", "time", "entries", "total", "usage/s",
		  "avg");
	for (unsigned int i = 0; i < b->nstates; i++) {
		u64 n = b->usage[i] - a->usage[i], t = b->time_ns[i] - a->time_ns[i];
		u64 t_us = div_u64(t, NSEC_PER_USEC), avg_us = n ? div_u64(t_us, (u32)n) : 0;
		powertop_share(share, sizeof share, t, mono);
		powertop_rate(rate, sizeof rate, n, mono);
		sh_printf("  %-12s %5s %% %9llu %6llu.%06llu s %8s %5llu.%01llu ms\n",
			  drv->states[i].name, share, n, t_us / 1000000, t_us % 1000000, rate,
			  avg_us / 1000, avg_us % 1000 / 100);
	}
}

/* The P-states: cpufreq's time per frequency over the interval (PowerTOP's
 * "Frequency stats", from the same statistics as time_in_state). */
static void powertop_pstates(const struct powertop_sample *a, const struct powertop_sample *b)
{
	u64 mono = b->mono_ns - a->mono_ns;
	char share[24];

	if (!a->nfreqs || a->nfreqs != b->nfreqs || !mono)
		return;
	sh_printf("\nFrequency stats\n  %-12s %7s\n", "frequency", "time");
	for (unsigned int i = 0; i < b->nfreqs; i++) {
		powertop_share(share, sizeof share, b->freq_ns[i] - a->freq_ns[i], mono);
		sh_printf("  %5u.%01u MHz %7s %%\n", b->khz[i] / 1000, b->khz[i] % 1000 / 100, share);
	}
}

static void powertop_idle_stats(const struct powertop_sample *a, const struct powertop_sample *b)
{
	u64 mono = b->mono_ns - a->mono_ns, idle = b->idle_ns - a->idle_ns;
	u64 suspended = (b->boot_ns - a->boot_ns) - mono;
	char share[24];

	sh_printf("\nIdle stats\n");
	if (!mono)
		return;
	if (idle > mono)
		idle = mono;
	powertop_share(share, sizeof share, mono - idle, mono);
	sh_printf("  busy  %5s %%\n", share);
	powertop_share(share, sizeof share, idle, mono);
	sh_printf("  idle  %5s %%\n", share);
	if (suspended)
		sh_printf("  and %llu.%03llu s in system suspend\n", suspended / NSEC_PER_SEC,
			  suspended % NSEC_PER_SEC / NSEC_PER_MSEC);
	powertop_cstates(a, b);
}

static void powertop_report(const struct powertop_sample *a, const struct powertop_sample *b,
			    struct powertop_row *rows)
{
	u64 interval = b->boot_ns - a->boot_ns, events = 0;
	unsigned int n = powertop_rows(rows, a, b);
	char wk[24], ev[24];

	/* Insertion sort: a few tens of rows. */
	for (unsigned int i = 1; i < n; i++) {
		struct powertop_row r = rows[i];
		unsigned int j = i;
		for (; j > 0 && powertop_before(&r, &rows[j - 1]); j--)
			rows[j] = rows[j - 1];
		rows[j] = r;
	}
	for (unsigned int i = 0; i < n; i++)
		events += rows[i].d.events;
	powertop_rate(wk, sizeof wk, b->st.wakeups - a->st.wakeups, interval);
	powertop_rate(ev, sizeof ev, events, interval);
	sh_printf("Summary: %s wakeups/second, %s events/second\n\n", wk, ev);
	sh_printf("%10s %10s  %-10s %s\n", "Events/s", "Wakeups/s", "Category", "Description");
	for (unsigned int i = 0; i < n; i++) {
		struct powertop_row *r = &rows[i];
		powertop_rate(ev, sizeof ev, r->d.events, interval);
		powertop_rate(wk, sizeof wk, r->d.wakeups, interval);
		sh_printf("%10s %10s  %-10s %s\n", ev, wk, r->category, r->desc);
	}
	powertop_idle_stats(a, b);
	powertop_pstates(a, b);
}

static int cmd_powertop(int argc, char **argv)
{
	long long us = 1000000;
	int ret = 0;

	if (argc > 2) {
		sh_error("powertop: usage: powertop [SECONDS]");
		return 1;
	}
	if (argc == 2) {
		us = sh_parse_seconds(argv[1]);
		if (us <= 0 || us > POWERTOP_MAX_SECONDS * USEC_PER_SEC) {
			sh_error("powertop: invalid interval '%s' (0 to %d seconds)", argv[1],
				 POWERTOP_MAX_SECONDS);
			return 1;
		}
	}
	struct powertop_sample *s = kmalloc(2 * sizeof *s, GFP_KERNEL);
	struct powertop_row *rows =
		kmalloc((POWERTOP_IRQS + POWERTOP_TIMERS + 2) * sizeof *rows, GFP_KERNEL);
	if (!s || !rows) {
		sh_error("powertop: out of memory");
		ret = 1;
		goto out;
	}
	powertop_sample(&s[0], false);
	usleep_range((unsigned long)us, (unsigned long)us);
	powertop_sample(&s[1], true);
	powertop_report(&s[0], &s[1], rows);
out:
	kfree(rows);
	kfree(s);
	return ret;
}
SHELL_CMD(powertop, cmd_powertop, "powertop [SECONDS]",
	  "what woke the core, per second, over SECONDS (default 1)");
