/*
 * The tick (include/linux/tick.h, kernel/time/tick-sched.c). pmfw's tick
 * is one-shot only ("tickless" from boot): the clock event device is
 * programmed for the next hrtimer, or for the jiffy at which the next
 * timer_list timer is due, and for nothing else, except that it never
 * sleeps longer than the clocksource may go unread
 * (timekeeping_max_deferment(), about 80 s with the SP804 at 24 MHz).
 * Deferrable timers (TIMER_DEFERRABLE) do not wake the idle core: they
 * run when something else does.
 */
#ifndef _LINUX_TICK_H
#define _LINUX_TICK_H

#include <linux/clockchips.h>
#include <linux/ktime.h>

struct tick_device {
	struct clock_event_device *evtdev;
};

/* The tick device of the (one) CPU; evtdev NULL before a clock event
 * device registered. */
struct tick_device *tick_get_device(int cpu);

/* For cpuidle governors, from the idle thread: how long until the next
 * timer event (hrtimer or non-deferrable timer_list), and, in
 * *delta_next, the same (pmfw never stops a periodic tick, so the two
 * are equal). */
ktime_t tick_nohz_get_sleep_length(ktime_t *delta_next);

/* The timer infrastructure (time_init, before any timer driver). */
void tick_init(void);

/* The idle thread around its sleep (kernel/sched/idle.c): deferrable
 * timers stop counting while idle. */
void tick_nohz_idle_enter(void);
void tick_nohz_idle_exit(void);

#endif
