/*
 * The tick, one-shot only (Linux's kernel/time/tick-sched.c in NO_HZ
 * mode, from boot and whether the core is idle or not).
 *
 * There is no periodic interrupt. The clock event device is programmed
 * for the earliest of:
 *  - the first hrtimer (hrtimer.c);
 *  - the start of the jiffy at which the first timer_list timer is due,
 *    through an internal hrtimer, sched_timer, whose callback raises
 *    TIMER_SOFTIRQ (deferrable timers count only while the core is not
 *    idle: they never wake it);
 *  - now + timekeeping_max_deferment(), so that the clocksource is read
 *    before it can wrap (about 80 s for the SP804 at 24 MHz).
 * An idle system with no timers therefore takes one interrupt per 80 s,
 * and a sleep of any length costs one interrupt, at its end.
 *
 * jiffies are not counted by interrupts: get_jiffies_64() brings them up
 * to date from ktime_get() whenever they are read (jiffy n starts at
 * exactly (n - INITIAL_JIFFIES) * TICK_NSEC ns of CLOCK_MONOTONIC).
 */
#include <linux/clockchips.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/tick.h>
#include <linux/timer.h>

#include "tick-internal.h"

static u64 jiffies_64_count = INITIAL_JIFFIES;
static ktime_t last_jiffies_update; /* the start of jiffy jiffies_64_count */
static struct hrtimer sched_timer;
static bool tick_idle;

/* Interrupts off. */
void tick_do_update_jiffies64(ktime_t now)
{
	ktime_t delta = now - last_jiffies_update;
	if (delta < (ktime_t)TICK_NSEC)
		return;
	/* Mostly less than 4.3 s: the core's 32-bit divide, not libgcc's. */
	u64 ticks = (u64)delta >> 32 ? div_u64((u64)delta, TICK_NSEC)
				     : (u32)delta / (u32)TICK_NSEC;
	jiffies_64_count += ticks;
	last_jiffies_update += (ktime_t)(ticks * TICK_NSEC);
}

u64 get_jiffies_64(void)
{
	unsigned long flags;
	local_irq_save(flags);
	tick_do_update_jiffies64(ktime_get());
	u64 j = jiffies_64_count;
	local_irq_restore(flags);
	return j;
}

/* Interrupts off, jiffies up to date. */
ktime_t tick_jiffy_to_ktime(unsigned long j)
{
	long ahead = (long)(j - (unsigned long)jiffies_64_count);
	return last_jiffies_update + (ktime_t)ahead * (ktime_t)TICK_NSEC;
}

/* Interrupts off. */
void tick_program_next(void)
{
	__tick_program_next(ktime_get());
}

void __tick_program_next(ktime_t now)
{
	struct clock_event_device *dev = tick_get_device(0)->evtdev;
	if (!dev || !clockevent_state_oneshot(dev))
		return;
	ktime_t next = hrtimer_next_event();
	u64 defer = timekeeping_max_deferment();
	if (next == KTIME_MAX || (u64)(next - now) > defer)
		next = now + (ktime_t)min_t(u64, defer, (u64)(KTIME_MAX - now));
	if (next == dev->next_event)
		return;
	__clockevents_program_event(dev, next, now, true);
}

static enum hrtimer_restart tick_sched_timer(struct hrtimer *timer)
{
	/* The jiffy a timer_list timer waited for has started. The softirq
	 * arms this again for the next one. */
	raise_softirq_irqoff(TIMER_SOFTIRQ);
	return HRTIMER_NORESTART;
}

/* Interrupts off: arm sched_timer for the jiffy the first timer_list
 * timer is due at (one already due: the next jiffy). */
void tick_timer_list_changed(void)
{
	unsigned long next;
	if (!timer_next_expiry(&next, tick_idle)) {
		hrtimer_try_to_cancel(&sched_timer);
		return;
	}
	tick_do_update_jiffies64(ktime_get());
	unsigned long now = (unsigned long)jiffies_64_count;
	if (time_before_eq(next, now))
		next = now + 1;
	ktime_t expires = tick_jiffy_to_ktime(next);
	if (hrtimer_is_queued(&sched_timer) && hrtimer_get_expires(&sched_timer) == expires)
		return;
	hrtimer_start(&sched_timer, expires, HRTIMER_MODE_ABS_HARD);
}

void tick_nohz_idle_enter(void)
{
	unsigned long flags;
	local_irq_save(flags);
	if (!tick_idle) {
		tick_idle = true;
		tick_timer_list_changed();
	}
	local_irq_restore(flags);
}

void tick_nohz_idle_exit(void)
{
	unsigned long flags;
	local_irq_save(flags);
	if (tick_idle) {
		tick_idle = false;
		tick_timer_list_changed();
	}
	local_irq_restore(flags);
}

ktime_t tick_nohz_get_sleep_length(ktime_t *delta_next)
{
	unsigned long flags;
	local_irq_save(flags);
	ktime_t now = ktime_get();
	ktime_t next = hrtimer_next_event();
	u64 defer = timekeeping_max_deferment();
	ktime_t delta = next == KTIME_MAX || (u64)(next - now) > defer ? (ktime_t)defer
								       : next - now;
	if (delta < 0)
		delta = 0;
	local_irq_restore(flags);
	if (delta_next)
		*delta_next = delta;
	return delta;
}

/* The clockevents framework made dev the tick device. */
void tick_setup_device(struct clock_event_device *dev)
{
	dev->event_handler = hrtimer_interrupt;
	clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
	dev->next_event = KTIME_MAX;
	tick_program_next();
}

/* After timekeeping_resume: the device as at setup, for the next event. */
void tick_resume(void)
{
	struct clock_event_device *dev = tick_get_device(0)->evtdev;
	if (!dev)
		return;
	if (dev->tick_resume)
		dev->tick_resume(dev);
	dev->next_event = KTIME_MAX;
	tick_program_next();
}

void tick_init(void)
{
	init_timers();
	hrtimers_init();
	hrtimer_setup(&sched_timer, tick_sched_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_HARD);
}
