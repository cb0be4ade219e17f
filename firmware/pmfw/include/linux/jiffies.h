/*
 * jiffies (include/linux/jiffies.h): the count of timer ticks at HZ per
 * second, CONFIG_HZ at build time (100, 250 — the default — or 1000).
 *
 * pmfw's tick is one-shot (kernel/time/tick-sched.c): no periodic
 * interrupt advances jiffies. Reading jiffies or jiffies_64 brings them up
 * to date from the clocksource instead, so they are always exact: jiffy n
 * starts at exactly (n - INITIAL_JIFFIES) * TICK_NSEC of ktime_get(). As
 * in Linux they start at INITIAL_JIFFIES, 5 minutes before the 32-bit
 * count wraps, so that wrap bugs show early; compare them with
 * time_after() and friends.
 *
 * Both names are macros (not variables): they can be read, not assigned
 * or have their address taken.
 */
#ifndef _LINUX_JIFFIES_H
#define _LINUX_JIFFIES_H

#include <limits.h>

#include <linux/kernel.h>
#include <linux/types.h>

#ifndef CONFIG_HZ
#define CONFIG_HZ 250
#endif
#define HZ CONFIG_HZ
#define USER_HZ 100
#if NSEC_PER_SEC % HZ
#error "CONFIG_HZ must divide 10^9: a jiffy is a whole number of nanoseconds"
#endif

#define TICK_NSEC ((NSEC_PER_SEC + HZ / 2) / HZ)
#define TICK_USEC ((USEC_PER_SEC + HZ / 2) / HZ)
#define INITIAL_JIFFIES ((unsigned long)(unsigned int)(-300 * HZ))
#define MAX_JIFFY_OFFSET ((LONG_MAX >> 1) - 1)

u64 get_jiffies_64(void);
#define jiffies_64 get_jiffies_64()
#define jiffies ((unsigned long)get_jiffies_64())

#define time_after(a, b) ((long)((b) - (a)) < 0)
#define time_before(a, b) time_after(b, a)
#define time_after_eq(a, b) ((long)((a) - (b)) >= 0)
#define time_before_eq(a, b) time_after_eq(b, a)
#define time_in_range(a, b, c) (time_after_eq(a, b) && time_before_eq(a, c))
#define time_in_range_open(a, b, c) (time_after_eq(a, b) && time_before(a, c))
#define time_after64(a, b) ((s64)((b) - (a)) < 0)
#define time_before64(a, b) time_after64(b, a)
#define time_after_eq64(a, b) ((s64)((a) - (b)) >= 0)
#define time_before_eq64(a, b) time_after_eq64(b, a)
#define time_is_before_jiffies(a) time_after(jiffies, a)
#define time_is_after_jiffies(a) time_before(jiffies, a)
#define time_is_before_eq_jiffies(a) time_after_eq(jiffies, a)
#define time_is_after_eq_jiffies(a) time_before_eq(jiffies, a)

/* Conversions (kernel/time/time.c), as Linux rounds them: to jiffies
 * rounds up (a timeout is never shorter than asked), from jiffies is
 * exact for these HZ; a negative msecs/usecs (as int) means "forever",
 * MAX_JIFFY_OFFSET. nsecs_to_jiffies rounds down, as Linux's. */
unsigned int jiffies_to_msecs(const unsigned long j);
unsigned int jiffies_to_usecs(const unsigned long j);
u64 jiffies64_to_nsecs(u64 j);
u64 jiffies64_to_msecs(u64 j);
unsigned long msecs_to_jiffies(const unsigned int m);
unsigned long usecs_to_jiffies(const unsigned int u);
unsigned long nsecs_to_jiffies(u64 n);
u64 nsecs_to_jiffies64(u64 n);
#define secs_to_jiffies(_secs) ((unsigned long)(_secs) * HZ)
static inline long jiffies_delta_to_msecs(long delta)
{
	return jiffies_to_msecs((unsigned long)max(delta, 0L));
}

/* Round to a whole second (kernel/time/timer.c): a timer that does not
 * need precision fires together with the others, waking the core once. */
unsigned long round_jiffies(unsigned long j);
unsigned long round_jiffies_relative(unsigned long j);
unsigned long round_jiffies_up(unsigned long j);
unsigned long round_jiffies_up_relative(unsigned long j);

#endif
