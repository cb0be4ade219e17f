/*
 * Timer-list timers (Linux's kernel/time/timer.c, without the wheel).
 *
 * Pending timers are one list, ordered by expiry, in arming order among
 * equal expiries. The tick (tick-sched.c) is told whenever the first one
 * may have changed and arms itself for its jiffy; when that jiffy starts,
 * TIMER_SOFTIRQ runs, in ksoftirqd, every timer then due, in order. A
 * timer armed from a callback for a jiffy already reached waits for the
 * next jiffy, so a callback that re-arms itself with `jiffies` cannot
 * keep the softirq busy forever.
 *
 * del_timer_sync waits for a running callback on a wait queue that the
 * softirq wakes after each callback: the softirq cannot be preempted by
 * threads (it runs with SOFTIRQ_OFFSET), so only an interrupt handler or
 * the callback itself could find its timer running, and both are
 * refused with a WARNING.
 */
#include <linux/interrupt.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/timer.h>
#include <linux/wait.h>
#include <pmfw/powertop.h>

#include "tick-internal.h"

static LIST_HEAD(timer_pending_list);
static struct timer_list *running_timer;
static DECLARE_WAIT_QUEUE_HEAD(timer_done_wq);

void timer_setup(struct timer_list *timer, void (*func)(struct timer_list *), unsigned int flags)
{
	timer->entry.next = timer->entry.prev = NULL;
	timer->function = func;
	timer->flags = flags & TIMER_INIT_FLAGS;
}

/* Interrupts off. */
static int detach_if_pending(struct timer_list *timer)
{
	if (!timer_pending(timer))
		return 0;
	list_del_init(&timer->entry);
	return 1;
}

/* Interrupts off. */
static void enqueue_timer(struct timer_list *timer, unsigned long expires)
{
	struct timer_list *pos;
	timer->expires = expires;
	list_for_each_entry(pos, &timer_pending_list, entry)
		if (time_after(pos->expires, expires))
			break;
	list_add_tail(&timer->entry, &pos->entry);
}

static int __mod_timer(struct timer_list *timer, unsigned long expires, bool pending_only,
		       bool reduce)
{
	unsigned long flags;
	local_irq_save(flags);
	int ret = timer_pending(timer);
	if ((pending_only && !ret) || !timer->function ||
	    (reduce && ret && !time_before(expires, timer->expires))) {
		local_irq_restore(flags);
		return ret;
	}
	detach_if_pending(timer);
	enqueue_timer(timer, expires);
	tick_timer_list_changed();
	local_irq_restore(flags);
	return ret;
}

int mod_timer(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, false, false);
}

int mod_timer_pending(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, true, false);
}

int timer_reduce(struct timer_list *timer, unsigned long expires)
{
	return __mod_timer(timer, expires, false, true);
}

void add_timer(struct timer_list *timer)
{
	if (WARN_ON_ONCE(timer_pending(timer)))
		return;
	__mod_timer(timer, timer->expires, false, false);
}

int timer_delete(struct timer_list *timer)
{
	unsigned long flags;
	local_irq_save(flags);
	int ret = detach_if_pending(timer);
	if (ret)
		tick_timer_list_changed();
	local_irq_restore(flags);
	return ret;
}

static int __timer_delete_sync(struct timer_list *timer, bool shutdown)
{
	if (WARN_ON_ONCE(in_hardirq() || (running_timer == timer && in_serving_softirq())))
		return timer_delete(timer);
	unsigned long flags;
	int ret;
	for (;;) {
		local_irq_save(flags);
		ret = detach_if_pending(timer);
		if (ret)
			tick_timer_list_changed();
		if (shutdown)
			timer->function = NULL;
		bool running = running_timer == timer;
		local_irq_restore(flags);
		if (!running)
			return ret;
		wait_event(timer_done_wq, running_timer != timer);
	}
}

int timer_delete_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, false);
}

int timer_shutdown_sync(struct timer_list *timer)
{
	return __timer_delete_sync(timer, true);
}

bool timer_next_expiry(unsigned long *next, bool idle)
{
	struct timer_list *t;
	list_for_each_entry(t, &timer_pending_list, entry) {
		if (idle && (t->flags & TIMER_DEFERRABLE))
			continue;
		*next = t->expires;
		return true;
	}
	return false;
}

static void run_timer_softirq(void)
{
	unsigned long now = jiffies;
	LIST_HEAD(expired);
	struct timer_list *t, *n;
	local_irq_disable();
	list_for_each_entry_safe(t, n, &timer_pending_list, entry) {
		if (time_after(t->expires, now))
			break;
		list_move_tail(&t->entry, &expired);
	}
	while ((t = list_first_entry_or_null(&expired, struct timer_list, entry))) {
		void (*fn)(struct timer_list *) = t->function;
		list_del_init(&t->entry);
		running_timer = t;
		/* Counted (and marked for pmsim) with interrupts still masked,
		 * so that no hrtimer callback comes between. */
		bool woke = fn && powertop_timer_expire_entry(fn);
		local_irq_enable();
		if (fn)
			fn(t);
		local_irq_disable();
		if (fn)
			powertop_timer_expire_exit(fn, woke);
		running_timer = NULL;
		if (waitqueue_active(&timer_done_wq))
			wake_up_all(&timer_done_wq);
	}
	tick_timer_list_changed();
	local_irq_enable();
}

void init_timers(void)
{
	open_softirq(TIMER_SOFTIRQ, run_timer_softirq);
}

static unsigned long round_jiffies_common(unsigned long j, bool force_up)
{
	unsigned long original = j;
	unsigned long rem = j % HZ;
	/* Within the first quarter of a second: round down, else up. */
	if (rem < HZ / 4 && !force_up)
		j = j - rem;
	else
		j = j - rem + HZ;
	return time_is_after_jiffies(j) ? j : original;
}

unsigned long round_jiffies(unsigned long j)
{
	return round_jiffies_common(j, false);
}

unsigned long round_jiffies_relative(unsigned long j)
{
	unsigned long j0 = jiffies;
	return round_jiffies_common(j + j0, false) - j0;
}

unsigned long round_jiffies_up(unsigned long j)
{
	return round_jiffies_common(j, true);
}

unsigned long round_jiffies_up_relative(unsigned long j)
{
	unsigned long j0 = jiffies;
	return round_jiffies_common(j + j0, true) - j0;
}
