/*
 * The kernel's clock (include/linux/timekeeping.h,
 * kernel/time/timekeeping.c): CLOCK_MONOTONIC in nanoseconds since
 * timekeeping started (when the first clocksource was registered, in
 * time_init), read from the clocksource at every call, so it is exact to
 * the clocksource's resolution (41.7 ns with the SP804 at 24 MHz). 0
 * before there is a clocksource. Callable from any context.
 *
 * CLOCK_BOOTTIME is the same plus the time spent in system suspend
 * (timekeeping_inject_sleeptime64); there is no wall clock (REALTIME).
 */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H

#include <linux/types.h>

struct timespec64 {
	s64 tv_sec;
	long tv_nsec;
};

ktime_t ktime_get(void);
ktime_t ktime_get_boottime(void);
/* Linux's offsets from CLOCK_MONOTONIC; pmfw has only BOOTTIME's. */
enum tk_offsets {
	TK_OFFS_BOOT,
};
/* The time of another clock at CLOCK_MONOTONIC's tmono. */
ktime_t ktime_mono_to_any(ktime_t tmono, enum tk_offsets offs);
static inline u64 ktime_get_ns(void)
{
	return (u64)ktime_get();
}
static inline u64 ktime_get_boottime_ns(void)
{
	return (u64)ktime_get_boottime();
}
/* The same clock: one core, no NMI readers to protect against. */
static inline u64 ktime_get_mono_fast_ns(void)
{
	return ktime_get_ns();
}
static inline u64 ktime_get_boot_fast_ns(void)
{
	return ktime_get_boottime_ns();
}
static inline ktime_t ktime_get_raw(void)
{
	return ktime_get();
}
static inline u64 ktime_get_raw_ns(void)
{
	return ktime_get_ns();
}
/* Seconds of CLOCK_MONOTONIC. */
s64 ktime_get_seconds(void);
void ktime_get_ts64(struct timespec64 *ts);

/* Timekeeping across system suspend (syscore, interrupts off):
 * suspend takes the time up to now, stops reading the clocksource and
 * lets the clocksource and clock event drivers suspend (their power may
 * go); resume lets them set themselves up again, goes on from the
 * counter's new value and programs the tick for the next timer. The time
 * asleep is not in CLOCK_MONOTONIC (as in Linux); a driver that measured
 * it (an RTC) adds it to CLOCK_BOOTTIME with
 * timekeeping_inject_sleeptime64. */
void timekeeping_suspend(void);
void timekeeping_resume(void);
void timekeeping_inject_sleeptime64(const struct timespec64 *delta);

/* The longest the clocksource may go unread before it wraps (half its
 * period, less 11 % margin: Linux's max_idle_ns); KTIME_MAX without one.
 * The tick never sleeps longer (kernel/time/tick-sched.c). */
u64 timekeeping_max_deferment(void);

#endif
