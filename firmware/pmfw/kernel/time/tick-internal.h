/* What kernel/time/'s files share (Linux's kernel/time/tick-internal.h). */
#ifndef _KERNEL_TIME_TICK_INTERNAL_H
#define _KERNEL_TIME_TICK_INTERNAL_H

#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/ktime.h>

/* timekeeping.c */
void timekeeping_notify(struct clocksource *cs);
/* Fold the cycles counted so far into the base; returns ktime_get(). */
ktime_t timekeeping_update(void);
struct clocksource *timekeeping_clocksource(void);

/* tick-sched.c: jiffies from ktime; the moment jiffy j starts; the
 * clock event device programmed for the next event. */
void tick_do_update_jiffies64(ktime_t now);
ktime_t tick_jiffy_to_ktime(unsigned long j);
void tick_program_next(void);
void __tick_program_next(ktime_t now);
void tick_timer_list_changed(void);
void tick_setup_device(struct clock_event_device *dev);
void tick_resume(void);

/* clockevents.c */
int clockevents_program_min_delta(struct clock_event_device *dev);
/* clockevents_program_event with the present time already read. */
int __clockevents_program_event(struct clock_event_device *dev, ktime_t expires, ktime_t now,
				bool force);

#endif
