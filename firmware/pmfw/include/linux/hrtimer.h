/*
 * High-resolution timers (include/linux/hrtimer.h, kernel/time/hrtimer.c):
 * a callback at a ktime_t, to the nanosecond, run in hard interrupt
 * context from the clock event device's interrupt (or, with a _SOFT mode,
 * in softirq context). The clock event device is programmed for the
 * first timer to expire, so a timer fires at its expiry plus at most one
 * cycle of the device (41.7 ns with the SP804 at 24 MHz), plus the time
 * the interrupt takes to reach it. The callback returns HRTIMER_RESTART
 * (after moving the expiry on, hrtimer_forward) to run again.
 *
 * CLOCK_MONOTONIC, CLOCK_BOOTTIME and CLOCK_REALTIME are accepted and all
 * follow ktime_get() (pmfw has no wall clock).
 */
#ifndef _LINUX_HRTIMER_H
#define _LINUX_HRTIMER_H

#include <linux/ktime.h>
#include <linux/list.h>
#include <linux/sched.h>

#define CLOCK_REALTIME 0
#define CLOCK_MONOTONIC 1
#define CLOCK_BOOTTIME 7

enum hrtimer_mode {
	HRTIMER_MODE_ABS = 0x00,
	HRTIMER_MODE_REL = 0x01,
	HRTIMER_MODE_PINNED = 0x02,
	HRTIMER_MODE_SOFT = 0x04,
	HRTIMER_MODE_HARD = 0x08,
	HRTIMER_MODE_ABS_PINNED = HRTIMER_MODE_ABS | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_REL_PINNED = HRTIMER_MODE_REL | HRTIMER_MODE_PINNED,
	HRTIMER_MODE_ABS_SOFT = HRTIMER_MODE_ABS | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_SOFT = HRTIMER_MODE_REL | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_PINNED_SOFT = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_REL_PINNED_SOFT = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_SOFT,
	HRTIMER_MODE_ABS_HARD = HRTIMER_MODE_ABS | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_HARD = HRTIMER_MODE_REL | HRTIMER_MODE_HARD,
	HRTIMER_MODE_ABS_PINNED_HARD = HRTIMER_MODE_ABS_PINNED | HRTIMER_MODE_HARD,
	HRTIMER_MODE_REL_PINNED_HARD = HRTIMER_MODE_REL_PINNED | HRTIMER_MODE_HARD,
};

enum hrtimer_restart {
	HRTIMER_NORESTART,
	HRTIMER_RESTART,
};

#define HRTIMER_STATE_INACTIVE 0x00
#define HRTIMER_STATE_ENQUEUED 0x01

struct hrtimer {
	struct list_head node; /* on the queue, by expiry */
	ktime_t _softexpires;
	enum hrtimer_restart (*function)(struct hrtimer *);
	u8 state;
	u8 is_rel;
	u8 is_soft;
	u8 is_hard;
};

struct hrtimer_sleeper {
	struct hrtimer timer;
	struct task_struct *task;
};

void hrtimer_init(struct hrtimer *timer, int which_clock, enum hrtimer_mode mode);
void hrtimer_setup(struct hrtimer *timer, enum hrtimer_restart (*function)(struct hrtimer *),
		   int clock_id, enum hrtimer_mode mode);
#define hrtimer_init_on_stack(t, c, m) hrtimer_init(t, c, m)
#define hrtimer_setup_on_stack(t, f, c, m) hrtimer_setup(t, f, c, m)
static inline void destroy_hrtimer_on_stack(struct hrtimer *timer)
{
	(void)timer;
}

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns,
			    const enum hrtimer_mode mode);
static inline void hrtimer_start(struct hrtimer *timer, ktime_t tim, const enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, tim, 0, mode);
}
static inline void hrtimer_start_expires(struct hrtimer *timer, enum hrtimer_mode mode)
{
	hrtimer_start_range_ns(timer, timer->_softexpires, 0, mode);
}
static inline void hrtimer_restart(struct hrtimer *timer)
{
	hrtimer_start_expires(timer, HRTIMER_MODE_ABS);
}

/* 0: was not active; 1: was queued and is removed; -1: its callback is
 * running (try_to_cancel only). hrtimer_cancel waits for the callback. */
int hrtimer_try_to_cancel(struct hrtimer *timer);
int hrtimer_cancel(struct hrtimer *timer);

/* Move the expiry on by whole intervals until it is after `now`;
 * returns how many intervals (overruns). */
u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval);
u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval);

static inline void hrtimer_set_expires(struct hrtimer *timer, ktime_t time)
{
	timer->_softexpires = time;
}
static inline void hrtimer_set_expires_range_ns(struct hrtimer *timer, ktime_t time, u64 delta)
{
	(void)delta;
	timer->_softexpires = time;
}
static inline void hrtimer_add_expires_ns(struct hrtimer *timer, u64 ns)
{
	timer->_softexpires += (s64)ns;
}
static inline ktime_t hrtimer_get_expires(const struct hrtimer *timer)
{
	return timer->_softexpires;
}
static inline ktime_t hrtimer_get_softexpires(const struct hrtimer *timer)
{
	return timer->_softexpires;
}
static inline s64 hrtimer_get_expires_ns(const struct hrtimer *timer)
{
	return timer->_softexpires;
}
static inline ktime_t hrtimer_expires_remaining(const struct hrtimer *timer)
{
	return timer->_softexpires - ktime_get();
}
static inline ktime_t hrtimer_get_remaining(const struct hrtimer *timer)
{
	return hrtimer_expires_remaining(timer);
}
static inline ktime_t hrtimer_cb_get_time(const struct hrtimer *timer)
{
	(void)timer;
	return ktime_get();
}
static inline bool hrtimer_is_queued(const struct hrtimer *timer)
{
	return timer->state & HRTIMER_STATE_ENQUEUED;
}
/* Queued, or its callback running. */
bool hrtimer_active(const struct hrtimer *timer);
bool hrtimer_callback_running(const struct hrtimer *timer);

/* The first expiry queued (KTIME_MAX if none): for the tick. */
ktime_t hrtimer_next_event(void);
/* The same, leaving `exclude` out (the tick's own timer). */
ktime_t hrtimer_next_event_without(const struct hrtimer *exclude);

/* Sleeping on an hrtimer (kernel/time/sleep_timeout.c). */
void hrtimer_setup_sleeper_on_stack(struct hrtimer_sleeper *sl, int clock_id,
				    enum hrtimer_mode mode);
void hrtimer_sleeper_start_expires(struct hrtimer_sleeper *sl, enum hrtimer_mode mode);
int schedule_hrtimeout_range(ktime_t *expires, u64 delta, const enum hrtimer_mode mode);
int schedule_hrtimeout(ktime_t *expires, const enum hrtimer_mode mode);

struct clock_event_device;
/* The tick device's event handler (clockevents). */
void hrtimer_interrupt(struct clock_event_device *dev);
void hrtimers_init(void);

#endif
