/*
 * Clock event devices (Linux's kernel/time/clockevents.c and the device
 * choice of tick-common.c): nanoseconds to cycles, programming, states,
 * and the choice of the tick device (the best-rated one-shot device).
 *
 * Programming converts the delay to cycles rounding up (and with mult
 * rounded up), where Linux rounds down: a one-shot timer loaded with N
 * interrupts N to N + 1 cycles later (the SP804's first cycle is a
 * partial one), so only N >= the exact cycle count makes the interrupt
 * never come before the time asked, and hrtimer_interrupt never find its
 * timer not yet expired and need a second interrupt.
 */
#include <asm/irqflags.h>
#include <linux/clockchips.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/tick.h>

#include "tick-internal.h"

static LIST_HEAD(clockevent_devices);
static struct tick_device tick_cpu_device;

struct tick_device *tick_get_device(int cpu)
{
	(void)cpu;
	return &tick_cpu_device;
}

static u64 cev_delta2ns(unsigned long latch, struct clock_event_device *evt, bool ismax)
{
	u64 clc = (u64)latch << evt->shift;
	if (WARN_ON(!evt->mult))
		evt->mult = 1;
	u64 rnd = (u64)evt->mult - 1;
	/* The shift overflowed: saturate. */
	if ((clc >> evt->shift) != (u64)latch)
		clc = ~0ULL;
	/* Round up, except for the maximum when that could overshoot it. */
	if ((~0ULL - clc > rnd) && (!ismax || evt->mult <= (1ULL << evt->shift)))
		clc += rnd;
	clc /= evt->mult;
	/* Below a microsecond is noise (as Linux). */
	return clc > 1000 ? clc : 1000;
}

u64 clockevent_delta2ns(unsigned long latch, struct clock_event_device *evt)
{
	return cev_delta2ns(latch, evt, false);
}

static void clockevents_config(struct clock_event_device *dev, u32 freq)
{
	if (!(dev->features & CLOCK_EVT_FEAT_ONESHOT))
		return;
	u64 sec = dev->max_delta_ticks / freq;
	if (!sec)
		sec = 1;
	else if (sec > 600 && dev->max_delta_ticks > U32_MAX)
		sec = 600;
	clockevents_calc_mult_shift(dev, freq, (u32)sec);
	/* mult is rounded to nearest; rounded up instead, a long delay is
	 * never converted to too few cycles (at most one in mult too many). */
	if (dev->mult != U32_MAX &&
	    (unsigned long long)dev->mult * NSEC_PER_SEC < (unsigned long long)freq << dev->shift)
		dev->mult++;
	dev->min_delta_ns = cev_delta2ns(dev->min_delta_ticks, dev, false);
	dev->max_delta_ns = cev_delta2ns(dev->max_delta_ticks, dev, true);
}

void clockevents_switch_state(struct clock_event_device *dev, enum clock_event_state state)
{
	if (dev->state_use_accessors == state)
		return;
	int (*fn)(struct clock_event_device *) = NULL;
	switch (state) {
	case CLOCK_EVT_STATE_DETACHED:
	case CLOCK_EVT_STATE_SHUTDOWN:
		fn = dev->set_state_shutdown;
		break;
	case CLOCK_EVT_STATE_PERIODIC:
		fn = dev->set_state_periodic;
		break;
	case CLOCK_EVT_STATE_ONESHOT:
		fn = dev->set_state_oneshot;
		break;
	case CLOCK_EVT_STATE_ONESHOT_STOPPED:
		fn = dev->set_state_oneshot_stopped;
		break;
	}
	if (fn && fn(dev))
		return;
	dev->state_use_accessors = state;
	if (state == CLOCK_EVT_STATE_ONESHOT && !dev->mult)
		dev->mult = 1;
}

int clockevents_program_min_delta(struct clock_event_device *dev)
{
	dev->next_event = ktime_add_ns(ktime_get(), (s64)dev->min_delta_ns);
	dev->retries++;
	return dev->set_next_event(dev->min_delta_ticks, dev);
}

int clockevents_program_event(struct clock_event_device *dev, ktime_t expires, bool force)
{
	return __clockevents_program_event(dev, expires, ktime_get(), force);
}

int __clockevents_program_event(struct clock_event_device *dev, ktime_t expires, ktime_t now,
				bool force)
{
	if (expires < 0)
		return -ETIME;
	dev->next_event = expires;
	if (clockevent_state_shutdown(dev))
		return 0;
	if (clockevent_get_state(dev) == CLOCK_EVT_STATE_ONESHOT_STOPPED)
		clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
	s64 delta = ktime_to_ns(ktime_sub(expires, now));
	if (delta <= 0)
		return force ? clockevents_program_min_delta(dev) : -ETIME;
	if ((u64)delta > dev->max_delta_ns)
		delta = (s64)dev->max_delta_ns;
	if ((u64)delta < dev->min_delta_ns)
		delta = (s64)dev->min_delta_ns;
	u64 clc = ((u64)delta * dev->mult + (1ULL << dev->shift) - 1) >> dev->shift;
	clc = clamp(clc, (u64)dev->min_delta_ticks, (u64)dev->max_delta_ticks);
	int rc = dev->set_next_event((unsigned long)clc, dev);
	return (rc && force) ? clockevents_program_min_delta(dev) : rc;
}

static bool tick_check_preferred(struct clock_event_device *curdev,
				 struct clock_event_device *newdev)
{
	if (!(newdev->features & CLOCK_EVT_FEAT_ONESHOT))
		return false;
	return !curdev || newdev->rating > curdev->rating;
}

void clockevents_register_device(struct clock_event_device *dev)
{
	unsigned long flags;
	local_irq_save(flags);
	dev->state_use_accessors = CLOCK_EVT_STATE_DETACHED;
	dev->next_event = KTIME_MAX;
	list_add(&dev->list, &clockevent_devices);
	struct clock_event_device *cur = tick_cpu_device.evtdev;
	if (tick_check_preferred(cur, dev)) {
		if (cur)
			clockevents_switch_state(cur, CLOCK_EVT_STATE_DETACHED);
		tick_cpu_device.evtdev = dev;
		tick_setup_device(dev);
	}
	local_irq_restore(flags);
}

void clockevents_config_and_register(struct clock_event_device *dev, u32 freq,
				     unsigned long min_delta, unsigned long max_delta)
{
	dev->min_delta_ticks = min_delta;
	dev->max_delta_ticks = max_delta;
	clockevents_config(dev, freq);
	clockevents_register_device(dev);
}

int clockevents_update_freq(struct clock_event_device *dev, u32 freq)
{
	unsigned long flags;
	local_irq_save(flags);
	clockevents_config(dev, freq);
	int ret = 0;
	if (clockevent_state_oneshot(dev) && dev->next_event != KTIME_MAX)
		ret = clockevents_program_event(dev, dev->next_event, false);
	local_irq_restore(flags);
	return ret;
}

void clockevents_suspend(void)
{
	struct clock_event_device *dev;
	list_for_each_entry_reverse(dev, &clockevent_devices, list)
		if (dev->suspend && !clockevent_state_detached(dev))
			dev->suspend(dev);
}

void clockevents_resume(void)
{
	struct clock_event_device *dev;
	list_for_each_entry(dev, &clockevent_devices, list)
		if (dev->resume && !clockevent_state_detached(dev))
			dev->resume(dev);
}
