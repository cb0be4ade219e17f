/*
 * Delays (include/linux/delay.h).
 *
 * Busy waits, for any context: udelay, ndelay, mdelay spin on the
 * clocksource (arch/arm/lib/delay.c, Linux's timer-based delay loop), so
 * they last at least what is asked whatever the core's frequency (DVFS
 * changes nothing), and at most one clocksource cycle more plus the
 * loop's own granularity (a few cycles of the core). Before there is a
 * clocksource (early boot) they count loops of loops_per_jiffy, a guess.
 *
 * Sleeps, for threads (kernel/time/sleep_timeout.c): msleep(ms) wakes at
 * the start of the first jiffy at or after ms from the call: at least ms
 * and less than one jiffy more (Linux's may add up to two), together
 * with the other timers due then. usleep_range and fsleep sleep on an
 * hrtimer, to the microsecond (usleep_range at its minimum).
 */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>

extern unsigned long loops_per_jiffy;

void __udelay(unsigned long usecs);
void __ndelay(unsigned long nsecs);
#define udelay(n) __udelay(n)
#define ndelay(n) __ndelay(n)
#define MAX_UDELAY_MS 2
static inline void mdelay(unsigned long msecs)
{
	while (msecs--)
		__udelay(1000);
}

/* The delay loop's timer (Linux's arm register_current_timer_delay). */
struct delay_timer {
	unsigned long (*read_current_timer)(void);
	unsigned long freq;
};
void register_current_timer_delay(const struct delay_timer *timer);

void msleep(unsigned int msecs);
unsigned long msleep_interruptible(unsigned int msecs);
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state);
void usleep_range(unsigned long min, unsigned long max);
static inline void ssleep(unsigned int seconds)
{
	msleep(seconds * 1000);
}
/* Linux's "flexible sleep": a busy wait below 10 us, an hrtimer sleep
 * below 20 ms, msleep above. */
void fsleep(unsigned long usecs);

#endif
