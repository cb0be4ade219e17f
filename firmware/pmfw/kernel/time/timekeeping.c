/*
 * Timekeeping (Linux's kernel/time/timekeeping.c, reduced to what one
 * core without a wall clock needs).
 *
 * CLOCK_MONOTONIC is kept as a base in nanoseconds at a clocksource count
 * (cycle_last) plus the nanoseconds of the cycles counted since:
 *
 *   ktime_get() = base_ns + ((read() - cycle_last) & mask) * mult >> shift
 *
 * with the sub-nanosecond remainder carried in `frac` (shifted ns), so
 * that folding cycles into the base (timekeeping_update, at every clock
 * event interrupt) loses nothing: the clock is as exact as the counter,
 * however often it is folded. The fold must come at least once per
 * max_idle_ns (the counter would wrap twice and the difference be
 * wrong), which the tick guarantees (tick-sched.c).
 *
 * It starts at 0 when the first clocksource registers (time_init). local_clock
 * (printk's timestamps, the scheduler's run times) is the same clock.
 */
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/sched/clock.h>
#include <linux/spinlock.h>

#include "tick-internal.h"

static struct {
	struct clocksource *clock;
	u64 cycle_last;
	u64 base_ns;
	u64 frac;       /* ns << shift not yet in base_ns */
	s64 offs_boot;  /* BOOTTIME - MONOTONIC */
	bool suspended;
} tk;

/* Interrupts off. */
static u64 tk_delta_shifted(u64 now)
{
	u64 delta = (now - tk.cycle_last) & tk.clock->mask;
	return delta * tk.clock->mult + tk.frac;
}

static void tk_fold(u64 now)
{
	u64 t = tk_delta_shifted(now);
	tk.base_ns += t >> tk.clock->shift;
	tk.frac = t & ((1ULL << tk.clock->shift) - 1);
	tk.cycle_last = now;
}

ktime_t ktime_get(void)
{
	unsigned long flags;
	u64 ns;
	local_irq_save(flags);
	if (!tk.clock || tk.suspended)
		ns = tk.base_ns;
	else
		ns = tk.base_ns + (tk_delta_shifted(tk.clock->read(tk.clock)) >> tk.clock->shift);
	local_irq_restore(flags);
	return (ktime_t)ns;
}

ktime_t ktime_get_boottime(void)
{
	return ktime_get() + tk.offs_boot;
}

ktime_t ktime_mono_to_any(ktime_t tmono, enum tk_offsets offs)
{
	return tmono + (offs == TK_OFFS_BOOT ? tk.offs_boot : 0);
}

s64 ktime_get_seconds(void)
{
	return ktime_get() / NSEC_PER_SEC;
}

void ktime_get_ts64(struct timespec64 *ts)
{
	u64 ns = ktime_get_ns();
	ts->tv_sec = (s64)div_u64(ns, NSEC_PER_SEC);
	ts->tv_nsec = (long)(ns - (u64)ts->tv_sec * NSEC_PER_SEC);
}

u64 local_clock(void)
{
	return ktime_get_ns();
}

u64 sched_clock(void)
{
	return ktime_get_ns();
}

ktime_t timekeeping_update(void)
{
	unsigned long flags;
	local_irq_save(flags);
	if (tk.clock && !tk.suspended)
		tk_fold(tk.clock->read(tk.clock));
	ktime_t now = (ktime_t)tk.base_ns; /* exactly now, the remainder aside */
	local_irq_restore(flags);
	return now;
}

u64 timekeeping_max_deferment(void)
{
	return tk.clock ? tk.clock->max_idle_ns : (u64)KTIME_MAX;
}

struct clocksource *timekeeping_clocksource(void)
{
	return tk.clock;
}

/* The clocksource framework picked cs (clocksource.c): fold what the
 * old one counted, then go on from cs's present count. */
void timekeeping_notify(struct clocksource *cs)
{
	unsigned long flags;
	local_irq_save(flags);
	if (tk.clock && !tk.suspended)
		tk_fold(tk.clock->read(tk.clock));
	tk.frac = 0;
	tk.clock = cs;
	tk.cycle_last = cs->read(cs);
	local_irq_restore(flags);
}

/* Linux's syscore order: time stops, then the devices are told. */
void timekeeping_suspend(void)
{
	unsigned long flags;
	local_irq_save(flags);
	if (tk.clock && !tk.suspended)
		tk_fold(tk.clock->read(tk.clock));
	tk.suspended = true;
	clockevents_suspend();
	clocksource_suspend();
	local_irq_restore(flags);
}

/* The devices may have lost their registers (their power domain went
 * off): they set themselves up again, time goes on from the counter's
 * new value, and the tick is programmed afresh. */
void timekeeping_resume(void)
{
	unsigned long flags;
	local_irq_save(flags);
	clocksource_resume();
	clockevents_resume();
	if (tk.clock && tk.suspended)
		tk.cycle_last = tk.clock->read(tk.clock);
	tk.suspended = false;
	tick_resume();
	local_irq_restore(flags);
}

void timekeeping_inject_sleeptime64(const struct timespec64 *delta)
{
	unsigned long flags;
	local_irq_save(flags);
	tk.offs_boot += delta->tv_sec * NSEC_PER_SEC + delta->tv_nsec;
	local_irq_restore(flags);
}
