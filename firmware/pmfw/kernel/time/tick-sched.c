/*
 * The tick (Linux's kernel/time/tick-sched.c, NO_HZ_IDLE on a one-shot
 * clock event device).
 *
 * While the core is busy the tick runs: sched_timer, an hrtimer, fires
 * at the start of every jiffy, brings jiffies up to date, raises
 * TIMER_SOFTIRQ when a timer_list timer is due and calls scheduler_tick().
 * When the idle thread runs, cpuidle's governor says whether the tick may
 * stop (tick_nohz_idle_stop_tick): it stops if the next timer event is
 * more than a jiffy away, and sched_timer is then armed only for the
 * jiffy at which the first timer_list timer is due (deferrable timers
 * count only while the core is not idle: they never wake it). The clock
 * event device is programmed for the earliest of the hrtimers (the tick
 * among them while it runs) and now + timekeeping_max_deferment(), so
 * that the clocksource is read before it can wrap (about 80 s for the
 * SP804 at 24 MHz). An idle system with no timers takes one interrupt per
 * 80 s; a sleep of any length costs one interrupt, at its end. Leaving
 * idle (tick_nohz_idle_exit, at the switch away from the idle thread)
 * restarts the tick.
 *
 * `nohz=off` on the command line keeps the tick running in idle too: the
 * periodic tick of a kernel without NO_HZ, HZ wake-ups a second.
 *
 * jiffies are not counted by interrupts: get_jiffies_64() brings them up
 * to date from ktime_get() whenever they are read (jiffy n starts at
 * exactly (n - INITIAL_JIFFIES) * TICK_NSEC ns of CLOCK_MONOTONIC).
 */
#include <linux/clockchips.h>
#include <linux/hrtimer.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/tick.h>
#include <linux/timer.h>

#include "tick-internal.h"
#include "tick-sched.h"

static u64 jiffies_64_count = INITIAL_JIFFIES;
static ktime_t last_jiffies_update; /* the start of jiffy jiffies_64_count */
static struct hrtimer sched_timer;
static struct tick_sched ts;
bool tick_nohz_enabled = true;

/* Short names for ts's flags. */
#define tick_idle ts.inidle
#define tick_stopped ts.tick_stopped
#define got_idle_tick ts.got_idle_tick

unsigned long tick_nohz_get_idle_calls_cpu(int cpu)
{
	return READ_ONCE(ts.idle_calls);
}

struct tick_sched *tick_get_tick_sched(int cpu)
{
	return &ts;
}

static int __init setup_tick_nohz(char *str)
{
	if (!strcmp(str, "off"))
		tick_nohz_enabled = false;
	else if (!strcmp(str, "on"))
		tick_nohz_enabled = true;
	else
		return 0;
	return 1;
}
__setup("nohz=", setup_tick_nohz);


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
	/* An expiry already passed (a tick due while interrupts were off
	 * across a timekeeping suspend): at once. */
	if (next < now)
		next = now;
	else if (next == KTIME_MAX || (u64)(next - now) > defer)
		next = now + (ktime_t)min_t(u64, defer, (u64)(KTIME_MAX - now));
	if (next == dev->next_event)
		return;
	__clockevents_program_event(dev, next, now, true);
}

/* The jiffy a timer_list timer waits for (not a deferrable one while
 * idle) is due: its softirq runs it. */
static void tick_check_timer_list(void)
{
	unsigned long next;
	if (timer_next_expiry(&next, tick_idle) &&
	    time_before_eq(next, (unsigned long)jiffies_64_count))
		raise_softirq_irqoff(TIMER_SOFTIRQ);
}

static enum hrtimer_restart tick_sched_timer(struct hrtimer *timer)
{
	ktime_t now = ktime_get();
	tick_do_update_jiffies64(now);
	if (tick_stopped) {
		/* Armed for a timer_list timer's jiffy only: the softirq arms
		 * it again for the next one. */
		raise_softirq_irqoff(TIMER_SOFTIRQ);
		return HRTIMER_NORESTART;
	}
	if (tick_idle)
		got_idle_tick = true;
	ts.nr_ticks++;
	ts.last_tick = hrtimer_get_expires(timer);
	tick_check_timer_list();
	scheduler_tick();
	hrtimer_forward(timer, now, TICK_NSEC);
	return HRTIMER_RESTART;
}

/* Interrupts off, jiffies up to date: the tick from the next jiffy on. */
static void tick_restart(void)
{
	ktime_t next = last_jiffies_update + (ktime_t)TICK_NSEC;
	if (hrtimer_is_queued(&sched_timer) && hrtimer_get_expires(&sched_timer) == next)
		return;
	hrtimer_start(&sched_timer, next, HRTIMER_MODE_ABS_HARD);
}

/* Interrupts off. The timer_list changed: a running tick finds due
 * timers by itself; a stopped one waits for the jiffy the first timer is
 * due at (one already due: the next jiffy). */
void tick_timer_list_changed(void)
{
	unsigned long next;
	if (!tick_stopped)
		return;
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
	tick_idle = true;
	local_irq_restore(flags);
}

void tick_nohz_idle_exit(void)
{
	unsigned long flags;
	local_irq_save(flags);
	if (tick_idle) {
		tick_idle = false;
		got_idle_tick = false;
		if (tick_stopped) {
			tick_stopped = false;
			tick_do_update_jiffies64(ktime_get());
			tick_restart();
			/* Deferrable timers count again, and may be due. */
			tick_check_timer_list();
		}
	}
	local_irq_restore(flags);
}

/* Interrupts off: the next event were the tick stopped, absolute: the
 * first other hrtimer, the first timer_list timer's jiffy (not a
 * deferrable one: idle), at most the max deferment from now. */
static ktime_t tick_nohz_next_event(ktime_t now)
{
	ktime_t next = hrtimer_next_event_without(&sched_timer);
	unsigned long j;
	if (timer_next_expiry(&j, true)) {
		tick_do_update_jiffies64(now);
		if (time_before_eq(j, (unsigned long)jiffies_64_count))
			j = (unsigned long)jiffies_64_count + 1;
		ktime_t t = tick_jiffy_to_ktime(j);
		if (t < next)
			next = t;
	}
	u64 defer = timekeeping_max_deferment();
	if (next == KTIME_MAX || next < now || (u64)(next - now) > defer)
		next = next < now ? now : now + (ktime_t)defer;
	return next;
}

void tick_nohz_idle_stop_tick(void)
{
	unsigned long flags;
	local_irq_save(flags);
	/* As Linux, every call counts once nohz may stop the tick, stopped
	 * already or not (schedutil reads it: has the CPU idled?). */
	if (tick_nohz_enabled && tick_idle)
		ts.idle_calls++;
	if (tick_nohz_enabled && tick_idle && !tick_stopped) {
		ktime_t now = ktime_get();
		/* Nothing to gain when the next event is within the jiffy. */
		if (tick_nohz_next_event(now) - now > (ktime_t)TICK_NSEC) {
			ts.idle_sleeps++;
			tick_stopped = true;
			hrtimer_try_to_cancel(&sched_timer);
			tick_timer_list_changed();
		}
	}
	local_irq_restore(flags);
}

void tick_nohz_idle_retain_tick(void)
{
}

bool tick_nohz_tick_stopped(void)
{
	return tick_stopped;
}

bool tick_nohz_idle_got_tick(void)
{
	if (got_idle_tick) {
		got_idle_tick = false;
		return true;
	}
	return false;
}

/* The time to the next event were the tick stopped (with nohz=off, when
 * it cannot stop: the next tick); in *delta_next the time to the next
 * event with the tick as it is (the next tick, when it runs). */
ktime_t tick_nohz_get_sleep_length(ktime_t *delta_next)
{
	unsigned long flags;
	local_irq_save(flags);
	ktime_t now = ktime_get();
	ktime_t delta = tick_nohz_next_event(now) - now;
	ktime_t dnext = delta;
	if (!tick_stopped && hrtimer_is_queued(&sched_timer)) {
		ktime_t t = hrtimer_get_expires(&sched_timer) - now;
		if (t < dnext)
			dnext = t < 0 ? 0 : t;
	}
	local_irq_restore(flags);
	if (delta_next)
		*delta_next = dnext;
	/* A tick that cannot stop bounds the sleep (Linux's). */
	return tick_nohz_enabled ? delta : dnext;
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
	/* The boot context is busy: the tick runs from the first jiffy. */
	tick_restart();
}
