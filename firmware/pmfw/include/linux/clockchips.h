/*
 * Clock event devices (include/linux/clockchips.h,
 * kernel/time/clockevents.c): a timer that can raise an interrupt after a
 * given number of its cycles. The driver says what it can do (features),
 * how to program it (set_next_event in cycles, the set_state_* callbacks)
 * and registers it with clockevents_config_and_register(dev, freq,
 * min_delta, max_delta) (deltas in cycles); the framework converts
 * nanoseconds to cycles (mult, shift), and the best-rated one-shot device
 * becomes the tick device, with hrtimer_interrupt as its event_handler.
 * pmfw's tick is one-shot from the start: the device is only programmed
 * for the next timer that expires (kernel/time/tick-sched.c).
 */
#ifndef _LINUX_CLOCKCHIPS_H
#define _LINUX_CLOCKCHIPS_H

#include <linux/clocksource.h>
#include <linux/ktime.h>
#include <linux/list.h>

enum clock_event_state {
	CLOCK_EVT_STATE_DETACHED,
	CLOCK_EVT_STATE_SHUTDOWN,
	CLOCK_EVT_STATE_PERIODIC,
	CLOCK_EVT_STATE_ONESHOT,
	CLOCK_EVT_STATE_ONESHOT_STOPPED,
};

#define CLOCK_EVT_FEAT_PERIODIC 0x000001
#define CLOCK_EVT_FEAT_ONESHOT 0x000002
#define CLOCK_EVT_FEAT_KTIME 0x000004
#define CLOCK_EVT_FEAT_C3STOP 0x000008 /* stops in deep idle states */
#define CLOCK_EVT_FEAT_DUMMY 0x000010
#define CLOCK_EVT_FEAT_DYNIRQ 0x000020

struct clock_event_device {
	void (*event_handler)(struct clock_event_device *dev);
	int (*set_next_event)(unsigned long evt, struct clock_event_device *dev);
	ktime_t next_event; /* what it is programmed for (KTIME_MAX: nothing) */
	u64 max_delta_ns;
	u64 min_delta_ns;
	u32 mult;
	u32 shift;
	enum clock_event_state state_use_accessors;
	unsigned int features;
	unsigned long retries;
	int (*set_state_periodic)(struct clock_event_device *dev);
	int (*set_state_oneshot)(struct clock_event_device *dev);
	int (*set_state_oneshot_stopped)(struct clock_event_device *dev);
	int (*set_state_shutdown)(struct clock_event_device *dev);
	int (*tick_resume)(struct clock_event_device *dev);
	void (*suspend)(struct clock_event_device *dev);
	void (*resume)(struct clock_event_device *dev);
	unsigned long min_delta_ticks;
	unsigned long max_delta_ticks;
	const char *name;
	int rating;
	int irq;
	struct list_head list;
};

static inline enum clock_event_state clockevent_get_state(struct clock_event_device *dev)
{
	return dev->state_use_accessors;
}
static inline bool clockevent_state_oneshot(struct clock_event_device *dev)
{
	return dev->state_use_accessors == CLOCK_EVT_STATE_ONESHOT;
}
static inline bool clockevent_state_detached(struct clock_event_device *dev)
{
	return dev->state_use_accessors == CLOCK_EVT_STATE_DETACHED;
}
static inline bool clockevent_state_shutdown(struct clock_event_device *dev)
{
	return dev->state_use_accessors == CLOCK_EVT_STATE_SHUTDOWN;
}

u64 clockevent_delta2ns(unsigned long latch, struct clock_event_device *evt);
void clockevents_register_device(struct clock_event_device *dev);
void clockevents_config_and_register(struct clock_event_device *dev, u32 freq,
				     unsigned long min_delta, unsigned long max_delta);
int clockevents_update_freq(struct clock_event_device *ce, u32 freq);
static inline void clockevents_calc_mult_shift(struct clock_event_device *ce, u32 freq,
					       u32 maxsec)
{
	clocks_calc_mult_shift(&ce->mult, &ce->shift, NSEC_PER_SEC, freq, maxsec);
}
/* Program `dev` to interrupt at `expires` (ktime). -ETIME if that has
 * passed, unless force: then as soon as the device can. */
int clockevents_program_event(struct clock_event_device *dev, ktime_t expires, bool force);
void clockevents_switch_state(struct clock_event_device *dev, enum clock_event_state state);
void clockevents_suspend(void);
void clockevents_resume(void);

#endif
