/*
 * Busy-wait delays (Linux's arch/arm/lib/delay.c with its timer-based
 * loop): once a timer driver has registered its counter
 * (register_current_timer_delay: the SP804's clocksource), a delay spins
 * until the counter has advanced by the cycles asked for, plus two (the
 * truncated fraction, and the first cycle, which may be a partial one):
 * it lasts at least the time asked for whatever the core's frequency,
 * and at most two counter cycles more plus one pass of the loop.
 *
 * Before that (early boot) it counts loops of loops_per_jiffy per jiffy,
 * Linux's uncalibrated default: a guess, fine for nothing that matters.
 */
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>

unsigned long loops_per_jiffy = 1UL << 12;
static const struct delay_timer *delay_timer;
/* Cycles per microsecond and per nanosecond as 32.32 fixed point,
 * rounded up (Linux's UDELAY_MULT idea): a delay's cycle count is then
 * a multiplication, not a 64-bit division, which costs the M3 hundreds of
 * cycles. */
static u32 us_mult_hi, us_mult_lo, ns_mult;

void register_current_timer_delay(const struct delay_timer *timer)
{
	if (!timer->freq || (delay_timer && delay_timer->freq >= timer->freq))
		return;
	delay_timer = timer;
	loops_per_jiffy = timer->freq / HZ;
	u64 us_mult = DIV_ROUND_UP((u64)timer->freq << 32, USEC_PER_SEC);
	us_mult_hi = (u32)(us_mult >> 32);
	us_mult_lo = (u32)us_mult;
	ns_mult = (u32)DIV_ROUND_UP((u64)timer->freq << 32, NSEC_PER_SEC);
	pr_info("Switching to timer-based delay loop, resolution %luns\n",
		(unsigned long)(NSEC_PER_SEC / timer->freq));
}

static void delay_cycles(unsigned long cycles)
{
	unsigned long start = delay_timer->read_current_timer();
	while (delay_timer->read_current_timer() - start < cycles)
		barrier();
}

static void delay_loops(unsigned long loops)
{
	while (loops--)
		__asm__ volatile("" ::: "memory");
}

void __udelay(unsigned long usecs)
{
	if (delay_timer)
		delay_cycles((unsigned long)((u64)usecs * us_mult_hi +
					     (((u64)usecs * us_mult_lo) >> 32)) + 2);
	else
		delay_loops((unsigned long)DIV_ROUND_UP((u64)usecs * loops_per_jiffy * HZ, USEC_PER_SEC));
}

void __ndelay(unsigned long nsecs)
{
	if (delay_timer)
		delay_cycles((unsigned long)(((u64)nsecs * ns_mult) >> 32) + 2);
	else
		delay_loops((unsigned long)DIV_ROUND_UP((u64)nsecs * loops_per_jiffy * HZ, NSEC_PER_SEC));
}
