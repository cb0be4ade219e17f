/*
 * High-resolution timers (Linux's kernel/time/hrtimer.c, high-resolution
 * mode, one CPU, one clock).
 *
 * Two queues ordered by expiry (equal expiries keep the order they were
 * started in): hard timers, whose callbacks run in hrtimer_interrupt, the
 * tick device's handler; and soft timers (HRTIMER_MODE_*_SOFT), which the
 * interrupt hands to HRTIMER_SOFTIRQ. The device is always programmed for
 * the earliest of the first hard timer and the first soft one (unless the
 * softirq already has them), within the limits the tick sets
 * (tick_program_next).
 *
 * A callback may re-arm its own timer (hrtimer_forward + HRTIMER_RESTART,
 * or hrtimer_start); hrtimer_cancel from another context waits for a
 * running soft callback (a hard one never runs while a thread does).
 */
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/tick.h>
#include <linux/wait.h>
#include <pmfw/powertop.h>

#include "tick-internal.h"

static LIST_HEAD(hard_queue);
static LIST_HEAD(soft_queue);
static struct hrtimer *running_hard, *running_soft;
static bool softirq_activated; /* HRTIMER_SOFTIRQ raised, not yet run */
static DECLARE_WAIT_QUEUE_HEAD(soft_done_wq);

static struct hrtimer *first_of(struct list_head *q)
{
	return list_first_entry_or_null(q, struct hrtimer, node);
}

ktime_t hrtimer_next_event(void)
{
	return hrtimer_next_event_without(NULL);
}

/* Linux's: the next expiry but that of `exclude` (the tick's own timer,
 * for the question "when is the next event if the tick stops?"). */
ktime_t hrtimer_next_event_without(const struct hrtimer *exclude)
{
	ktime_t next = KTIME_MAX;
	struct hrtimer *t;
	list_for_each_entry(t, &hard_queue, node)
		if (t != exclude) {
			next = t->_softexpires;
			break;
		}
	if (!softirq_activated)
		list_for_each_entry(t, &soft_queue, node)
			if (t != exclude) {
				if (t->_softexpires < next)
					next = t->_softexpires;
				break;
			}
	return next;
}

/* Interrupts off. true if it became the first of its queue. */
static bool enqueue_hrtimer(struct hrtimer *timer)
{
	struct list_head *q = timer->is_soft ? &soft_queue : &hard_queue;
	struct hrtimer *pos;
	list_for_each_entry(pos, q, node)
		if (pos->_softexpires > timer->_softexpires)
			break;
	list_add_tail(&timer->node, &pos->node);
	timer->state = HRTIMER_STATE_ENQUEUED;
	return q->next == &timer->node;
}

/* Interrupts off. true if it was the first of its queue. */
static bool remove_hrtimer(struct hrtimer *timer)
{
	struct list_head *q = timer->is_soft ? &soft_queue : &hard_queue;
	bool was_first = q->next == &timer->node;
	list_del_init(&timer->node);
	timer->state = HRTIMER_STATE_INACTIVE;
	return was_first;
}

void hrtimer_init(struct hrtimer *timer, int clock_id, enum hrtimer_mode mode)
{
	(void)clock_id;
	timer->function = NULL;
	INIT_LIST_HEAD(&timer->node);
	timer->_softexpires = 0;
	timer->state = HRTIMER_STATE_INACTIVE;
	timer->is_rel = mode & HRTIMER_MODE_REL;
	timer->is_soft = !!(mode & HRTIMER_MODE_SOFT);
	timer->is_hard = !timer->is_soft;
}

void hrtimer_setup(struct hrtimer *timer, enum hrtimer_restart (*function)(struct hrtimer *),
		   int clock_id, enum hrtimer_mode mode)
{
	hrtimer_init(timer, clock_id, mode);
	timer->function = function;
}

void hrtimer_start_range_ns(struct hrtimer *timer, ktime_t tim, u64 range_ns,
			    const enum hrtimer_mode mode)
{
	(void)range_ns;
	unsigned long flags;
	/* The soft/hard choice is made at init, as in Linux. */
	WARN_ON_ONCE(!(mode & HRTIMER_MODE_SOFT) != !timer->is_soft &&
		     (mode & (HRTIMER_MODE_SOFT | HRTIMER_MODE_HARD)));
	local_irq_save(flags);
	bool reprogram = false;
	if (timer->state & HRTIMER_STATE_ENQUEUED)
		reprogram = remove_hrtimer(timer);
	if (mode & HRTIMER_MODE_REL)
		tim = ktime_add_safe(tim, ktime_get());
	timer->_softexpires = tim;
	reprogram |= enqueue_hrtimer(timer);
	if (reprogram)
		tick_program_next();
	local_irq_restore(flags);
}

bool hrtimer_callback_running(const struct hrtimer *timer)
{
	return running_hard == timer || running_soft == timer;
}

bool hrtimer_active(const struct hrtimer *timer)
{
	return (timer->state & HRTIMER_STATE_ENQUEUED) || hrtimer_callback_running(timer);
}

int hrtimer_try_to_cancel(struct hrtimer *timer)
{
	unsigned long flags;
	int ret = 0;
	local_irq_save(flags);
	if (timer->state & HRTIMER_STATE_ENQUEUED) {
		if (remove_hrtimer(timer))
			tick_program_next();
		ret = 1;
	} else if (hrtimer_callback_running(timer)) {
		ret = -1;
	}
	local_irq_restore(flags);
	return ret;
}

int hrtimer_cancel(struct hrtimer *timer)
{
	for (;;) {
		int ret = hrtimer_try_to_cancel(timer);
		if (ret >= 0)
			return ret;
		/* Its own callback, or a hard one seen from an interrupt:
		 * waiting would never end. */
		if (WARN_ON_ONCE(in_hardirq() || running_hard == timer ||
				 (in_serving_softirq() && running_soft == timer)))
			return ret;
		wait_event(soft_done_wq, running_soft != timer);
	}
}

u64 hrtimer_forward(struct hrtimer *timer, ktime_t now, ktime_t interval)
{
	ktime_t delta = now - timer->_softexpires;
	if (delta < 0)
		return 0;
	if (WARN_ON_ONCE(timer->state & HRTIMER_STATE_ENQUEUED))
		return 0;
	if (interval < 1)
		interval = 1;
	u64 orun = 1;
	if (delta >= interval) {
		/* Whole intervals up to now, then one more if that is not past it. */
		u64 n = (u64)delta / (u64)interval;
		timer->_softexpires += (s64)n * interval;
		if (timer->_softexpires > now)
			return n;
		orun = n + 1;
	}
	timer->_softexpires += interval;
	return orun;
}

u64 hrtimer_forward_now(struct hrtimer *timer, ktime_t interval)
{
	return hrtimer_forward(timer, ktime_get(), interval);
}

/* Interrupts off; they stay off around a hard callback (as Linux's) and
 * are enabled around a soft one. */
static void run_hrtimer(struct hrtimer *timer, struct hrtimer **running, bool soft)
{
	enum hrtimer_restart (*fn)(struct hrtimer *) = timer->function;
	remove_hrtimer(timer);
	*running = timer;
	bool woke = powertop_timer_expire_entry(fn); /* and pmsim's `timer:` marker */
	if (soft)
		local_irq_enable();
	enum hrtimer_restart restart = fn(timer);
	if (soft)
		local_irq_disable();
	powertop_timer_expire_exit(fn, woke);
	*running = NULL;
	if (restart != HRTIMER_NORESTART && !(timer->state & HRTIMER_STATE_ENQUEUED))
		enqueue_hrtimer(timer);
}

void hrtimer_interrupt(struct clock_event_device *dev)
{
	unsigned long flags;
	local_irq_save(flags);
	dev->next_event = KTIME_MAX;
	ktime_t now = timekeeping_update();
	for (int retries = 0;; retries++) {
		struct hrtimer *t;
		while ((t = first_of(&hard_queue)) && t->_softexpires <= now)
			run_hrtimer(t, &running_hard, false);
		t = first_of(&soft_queue);
		if (t && t->_softexpires <= now && !softirq_activated) {
			softirq_activated = true;
			raise_softirq_irqoff(HRTIMER_SOFTIRQ);
		}
		/* A callback that took long may have let the next expiry
		 * pass: run it now rather than program the past. */
		ktime_t next = hrtimer_next_event();
		now = ktime_get();
		if (next > now || retries == 2) {
			__tick_program_next(now);
			break;
		}
	}
	local_irq_restore(flags);
}

static void hrtimer_run_softirq(void)
{
	local_irq_disable();
	ktime_t now = ktime_get();
	struct hrtimer *t;
	softirq_activated = false;
	while ((t = first_of(&soft_queue)) && t->_softexpires <= now)
		run_hrtimer(t, &running_soft, true);
	tick_program_next();
	local_irq_enable();
	wake_up_all(&soft_done_wq);
}

void hrtimers_init(void)
{
	open_softirq(HRTIMER_SOFTIRQ, hrtimer_run_softirq);
}
