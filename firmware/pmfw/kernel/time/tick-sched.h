/* The tick's state and statistics (Linux's kernel/time/tick-sched.h, the
 * fields pmfw keeps; Linux shows them in /proc/timer_list). */
#ifndef _KERNEL_TIME_TICK_SCHED_H
#define _KERNEL_TIME_TICK_SCHED_H

#include <linux/ktime.h>
#include <linux/types.h>

struct tick_sched {
	bool inidle;               /* the idle thread runs */
	bool tick_stopped;         /* the periodic tick is stopped (only in idle) */
	bool got_idle_tick;        /* the tick fired in idle (tick_nohz_idle_got_tick) */
	unsigned long idle_calls;  /* tick_nohz_idle_stop_tick calls (nohz on) */
	unsigned long idle_sleeps; /* ... that stopped it */
	unsigned long nr_ticks;    /* periodic ticks so far (pmfw's) */
	ktime_t last_tick;         /* the expiry of the last periodic tick */
};

struct tick_sched *tick_get_tick_sched(int cpu);

#endif
