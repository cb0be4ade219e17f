/*
 * Timer-list timers (include/linux/timer.h, kernel/time/timer.c): a
 * callback at a given jiffy, run in softirq context (the ksoftirqd/0
 * thread, interrupts enabled, must not sleep). A timer due at jiffy J runs
 * once jiffies has reached J, i.e. at the start of jiffy J (the tick is
 * programmed for that exact moment); one armed for a jiffy already
 * reached runs at the next jiffy. Timers due at the same jiffy run in
 * the order they were armed (Linux does not promise an order). Linux's
 * timer wheel may delay far timers by up to 12.5 %; pmfw fires each at
 * its jiffy.
 *
 * TIMER_DEFERRABLE: the timer does not wake an idle core; it runs at the
 * first tick that happens for another reason once it is due.
 */
#ifndef _LINUX_TIMER_H
#define _LINUX_TIMER_H

#include <linux/jiffies.h>
#include <linux/list.h>
#include <linux/types.h>

struct timer_list {
	struct list_head entry; /* on the pending list (empty: not pending) */
	unsigned long expires;
	void (*function)(struct timer_list *);
	u32 flags;
};

#define TIMER_DEFERRABLE 0x00080000
#define TIMER_PINNED 0x00100000
#define TIMER_IRQSAFE 0x00200000
#define TIMER_INIT_FLAGS (TIMER_DEFERRABLE | TIMER_PINNED | TIMER_IRQSAFE)

#define __TIMER_INITIALIZER(_function, _flags) \
	{ .entry = { NULL, NULL }, .function = (_function), .flags = (_flags) }
#define DEFINE_TIMER(_name, _function) \
	struct timer_list _name = __TIMER_INITIALIZER(_function, 0)

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags);
#define timer_setup_on_stack(timer, callback, flags) timer_setup(timer, callback, flags)
static inline void destroy_timer_on_stack(struct timer_list *timer)
{
	(void)timer;
}

#define timer_container_of(var, callback_timer, timer_fieldname) \
	container_of(callback_timer, __typeof__(*var), timer_fieldname)
#define from_timer(var, callback_timer, timer_fieldname) \
	timer_container_of(var, callback_timer, timer_fieldname)

/* Queued and not yet run. */
static inline int timer_pending(const struct timer_list *timer)
{
	return timer->entry.next != NULL && timer->entry.next != &timer->entry;
}

/* Arm at timer->expires; the timer must not be pending. */
void add_timer(struct timer_list *timer);
/* (Re)arm at `expires`: 1 if it was pending, else 0. */
int mod_timer(struct timer_list *timer, unsigned long expires);
/* Only if pending. */
int mod_timer_pending(struct timer_list *timer, unsigned long expires);
/* Arm, or make it earlier (never later). */
int timer_reduce(struct timer_list *timer, unsigned long expires);
/* Disarm: 1 if it was pending. _sync also waits for its callback to end
 * if it is running (not from the callback, nor from an interrupt). */
int timer_delete(struct timer_list *timer);
int timer_delete_sync(struct timer_list *timer);
#define del_timer(t) timer_delete(t)
#define del_timer_sync(t) timer_delete_sync(t)
/* Disarm for good: later arming is ignored (until timer_setup again). */
int timer_shutdown_sync(struct timer_list *timer);

/* The softirq and the tick (kernel/time/): the jiffy the next timer is
 * due at (non-deferrable ones only if `idle`), or false if none. */
bool timer_next_expiry(unsigned long *next, bool idle);
void init_timers(void);

#endif
