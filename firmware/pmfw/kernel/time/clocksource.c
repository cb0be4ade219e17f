/*
 * Clocksources (Linux's kernel/time/clocksource.c): the conversion of a
 * counter's cycles to nanoseconds, and the choice of the counter
 * timekeeping reads (the highest rating).
 *
 * ns = cycles * mult >> shift. mult and shift are chosen as precise as
 * possible under one constraint: a full wrap of the counter (at most 600
 * s for wide ones) must convert without overflowing 64 bits. mult is
 * rounded to nearest, so the conversion is off by at most 2^-shift
 * relative (0.015 ppb for the SP804 at 24 MHz: shift 26). Linux allows
 * NTP to adjust mult by 11 % (maxadj); pmfw never adjusts it but keeps
 * the margin in max_idle_ns, which is half of the longest interval that
 * still converts: how long the counter may go unread.
 *
 * The pure arithmetic is host-tested (tests/pmfw/test_clocksource.c).
 */
#include <linux/clocksource.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/spinlock.h>

#include "tick-internal.h"

static LIST_HEAD(clocksource_list);
static struct clocksource *curr_clocksource;

void clocks_calc_mult_shift(u32 *mult, u32 *shift, u32 from, u32 to, u32 maxsec)
{
	/* Input bits that maxsec's worth of `from` cycles needs beyond 32:
	 * mult may use only the rest, so that cycles * mult fits 64. */
	u32 mult_bits = 32;
	for (u64 range = ((u64)maxsec * from) >> 32; range; range >>= 1)
		mult_bits--;
	u32 sft;
	u64 m = 0;
	for (sft = 32; sft > 0; sft--) {
		m = (((u64)to << sft) + from / 2) / from;
		if (!(m >> mult_bits))
			break;
	}
	*mult = (u32)m;
	*shift = sft;
}

u64 clocks_calc_max_nsecs(u32 mult, u32 shift, u32 maxadj, u64 mask, u64 *max_cyc)
{
	/* The most cycles whose product with the largest adjusted mult
	 * fits 64 bits, and no more than a wrap; converted at the smallest
	 * adjusted mult; half of it leaves room to notice a bad reading. */
	u64 max_cycles = ~0ULL / (mult + maxadj);
	if (max_cycles > mask)
		max_cycles = mask;
	if (max_cyc)
		*max_cyc = max_cycles;
	return clocksource_cyc2ns(max_cycles, mult - maxadj, shift) >> 1;
}

static u32 clocksource_max_adjustment(struct clocksource *cs)
{
	return (u32)((u64)cs->mult * 11 / 100);
}

void __clocksource_update_freq_scale(struct clocksource *cs, u32 scale, u32 freq)
{
	if (freq) {
		u64 sec = cs->mask / freq / scale;
		if (!sec)
			sec = 1;
		else if (sec > 600 && cs->mask > U32_MAX)
			sec = 600;
		clocks_calc_mult_shift(&cs->mult, &cs->shift, freq, NSEC_PER_SEC / scale,
				       (u32)(sec * scale));
		cs->freq_hz = freq * scale;
	}
	cs->maxadj = clocksource_max_adjustment(cs);
	/* mult +- maxadj must not wrap 32 bits. */
	while (freq && (cs->mult + cs->maxadj < cs->mult || cs->mult - cs->maxadj > cs->mult)) {
		cs->mult >>= 1;
		cs->shift--;
		cs->maxadj = clocksource_max_adjustment(cs);
	}
	cs->max_idle_ns = clocks_calc_max_nsecs(cs->mult, cs->shift, cs->maxadj, cs->mask,
						&cs->max_cycles);
	pr_info("clocksource: %s: mask: 0x%llx max_cycles: 0x%llx, max_idle_ns: %llu ns\n",
		cs->name, cs->mask, cs->max_cycles, cs->max_idle_ns);
}

static void clocksource_select(void)
{
	struct clocksource *best = list_first_entry_or_null(&clocksource_list, struct clocksource,
							    list);
	if (!best || best == curr_clocksource)
		return;
	if (best->enable && best->enable(best))
		return;
	curr_clocksource = best;
	timekeeping_notify(best);
	pr_info("clocksource: Switched to clocksource %s\n", best->name);
}

int __clocksource_register_scale(struct clocksource *cs, u32 scale, u32 freq)
{
	if (!cs->read || !cs->mask || !freq)
		return -EINVAL;
	__clocksource_update_freq_scale(cs, scale, freq);
	/* By rating, highest first; equal ratings keep their order. */
	struct clocksource *pos;
	list_for_each_entry(pos, &clocksource_list, list)
		if (pos->rating < cs->rating)
			break;
	list_add_tail(&cs->list, &pos->list);
	clocksource_select();
	return 0;
}

int clocksource_unregister(struct clocksource *cs)
{
	if (cs == curr_clocksource)
		return -EBUSY;
	list_del_init(&cs->list);
	return 0;
}

void clocksource_suspend(void)
{
	struct clocksource *cs;
	list_for_each_entry_reverse(cs, &clocksource_list, list)
		if (cs->suspend)
			cs->suspend(cs);
}

void clocksource_resume(void)
{
	struct clocksource *cs;
	list_for_each_entry(cs, &clocksource_list, list)
		if (cs->resume)
			cs->resume(cs);
}
