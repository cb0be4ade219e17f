/*
 * The scheduler's clock (include/linux/sched/clock.h): nanoseconds since
 * timekeeping started, from the clocksource (kernel/time/timekeeping.c);
 * 0 before it has one. Safe in any context: printk stamps its records
 * with it.
 */
#ifndef _LINUX_SCHED_CLOCK_H
#define _LINUX_SCHED_CLOCK_H

#include <linux/types.h>

u64 local_clock(void);
u64 sched_clock(void);

#endif
