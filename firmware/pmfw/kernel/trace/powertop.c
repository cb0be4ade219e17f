/*
 * Wake-up accounting (include/pmfw/powertop.h): counters that the
 * interrupt path, the timers and the idle code bump, and that the shell's
 * powertop (shell/powertop.c) copies at the start and the end of its
 * interval. The definitions are those of pmsim's report, so that the two
 * agree (docs/pmfw.md, "powertop").
 *
 * Every update is a few adds with interrupts masked (the callers': the
 * interrupt path, and the timers' around each callback). A callback's
 * slot is found by a linear search of POWERTOP_TIMERS pointers after it
 * has run: before it, the same few instructions run for every callback,
 * so the accounting adds a constant time to an hrtimer's latency, not a
 * spread (kernel/time/time_test.c checks the spread to the clocksource's
 * resolution).
 */
#include <asm/irqflags.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <pmfw/marker.h>
#include <pmfw/powertop.h>

static struct powertop_stats stats;
/* The core woke and no callback has run since: the next one is the
 * wake-up's timer cause. */
static bool timer_wake_pending;

void powertop_cpu_woke(unsigned int vector)
{
	unsigned int irq = vector - 16;

	stats.wakeups++;
	stats.irq[vector >= 16 && irq < POWERTOP_IRQS ? irq : POWERTOP_IRQS].wakeups++;
	timer_wake_pending = true;
}

void powertop_irq_entry(unsigned int irq)
{
	if (irq < POWERTOP_IRQS)
		stats.irq[irq].events++;
}

/* The callback's counters: its slot, a free one, or "other". */
static struct powertop_count *timer_slot(const void *fn)
{
	for (unsigned int i = 0; i < POWERTOP_TIMERS; i++) {
		if (stats.timer_fn[i] == fn)
			return &stats.timer[i];
		if (!stats.timer_fn[i]) {
			stats.timer_fn[i] = fn;
			return &stats.timer[i];
		}
	}
	return &stats.timer[POWERTOP_TIMERS];
}

bool powertop_timer_expire_entry(const void *fn)
{
	bool woke = timer_wake_pending;

	/* For pmsim's wake-up causes: the callback, named there. */
	pm_marker_instant("timer:", (int)(uintptr_t)fn);
	timer_wake_pending = false;
	return woke;
}

void powertop_timer_expire_exit(const void *fn, bool woke)
{
	struct powertop_count *c = timer_slot(fn);

	c->events++;
	c->wakeups += woke;
}

void powertop_snapshot(struct powertop_stats *st)
{
	unsigned long flags;

	local_irq_save(flags);
	memcpy(st, &stats, sizeof *st);
	local_irq_restore(flags);
}
