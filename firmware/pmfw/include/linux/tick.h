/*
 * The tick (include/linux/tick.h, kernel/time/tick-sched.c): NO_HZ_IDLE.
 * The tick runs every jiffy while the core is busy; in idle, cpuidle's
 * governor lets it stop (tick_nohz_idle_stop_tick) and the clock event
 * device is then programmed for the next hrtimer, or for the jiffy at
 * which the next timer_list timer is due, and for nothing else, except
 * that it never sleeps longer than the clocksource may go unread
 * (timekeeping_max_deferment(), about 80 s with the SP804 at 24 MHz).
 * Deferrable timers (TIMER_DEFERRABLE) do not wake the idle core: they
 * run when something else does. `nohz=off` keeps the tick in idle.
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
 * timer event (hrtimer or non-deferrable timer_list) were the tick
 * stopped, and, in *delta_next, until the next event with the tick as it
 * is (the next tick while it runs). */
ktime_t tick_nohz_get_sleep_length(ktime_t *delta_next);
/* The idle thread, after the governor's choice: stop the tick (if the
 * next event is more than a jiffy away and nohz is on), or keep it. */
void tick_nohz_idle_stop_tick(void);
void tick_nohz_idle_retain_tick(void);
bool tick_nohz_tick_stopped(void);
/* Did the tick fire in idle since the last call? (menu's tick_wakeup) */
bool tick_nohz_idle_got_tick(void);

/* NO_HZ_IDLE is on (false with `nohz=off`: a periodic tick). */
extern bool tick_nohz_enabled;

/* How many times the idle loop stopped the tick (or found it running
 * and kept it): schedutil's "has the CPU idled" (Linux's). */
unsigned long tick_nohz_get_idle_calls_cpu(int cpu);

/* The timer infrastructure (time_init, before any timer driver). */
void tick_init(void);

/* The idle thread starts (kernel/sched/idle.c: deferrable timers stop
 * counting) and ends (the switch away from it: the tick restarts). */
void tick_nohz_idle_enter(void);
void tick_nohz_idle_exit(void);

#endif
