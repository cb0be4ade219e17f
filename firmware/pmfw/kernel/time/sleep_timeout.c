/*
 * Sleeping with a timeout (Linux's kernel/time/sleep_timeout.c):
 * schedule_timeout on a timer_list timer, msleep on top of it, and the
 * hrtimer sleeps (usleep_range, schedule_hrtimeout) for short, precise
 * ones.
 */
#include <asm/irqflags.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/hrtimer.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/timer.h>

struct process_timer {
	struct timer_list timer;
	struct task_struct *task;
};

static void process_timeout(struct timer_list *t)
{
	struct process_timer *timeout = from_timer(timeout, t, timer);
	wake_up_process(timeout->task);
}

long schedule_timeout(long timeout)
{
	if (timeout == MAX_SCHEDULE_TIMEOUT) {
		schedule();
		return timeout;
	}
	if (timeout < 0) {
		pr_err("%s: wrong timeout value %lx\n", __func__, (unsigned long)timeout);
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	unsigned long expire = (unsigned long)timeout + jiffies;
	struct process_timer timer = { .task = current };
	timer_setup_on_stack(&timer.timer, process_timeout, 0);
	mod_timer(&timer.timer, expire);
	schedule();
	del_timer_sync(&timer.timer);
	long left = (long)(expire - jiffies);
	return left < 0 ? 0 : left;
}

long schedule_timeout_interruptible(long timeout)
{
	__set_current_state(TASK_INTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_uninterruptible(long timeout)
{
	__set_current_state(TASK_UNINTERRUPTIBLE);
	return schedule_timeout(timeout);
}

long schedule_timeout_idle(long timeout)
{
	__set_current_state(TASK_IDLE);
	return schedule_timeout(timeout);
}

/*
 * msleep is Linux's: msecs_to_jiffies(msecs) + 1 jiffies from the present
 * one, so at least msecs whatever the fraction of the present jiffy already
 * gone, and up to one jiffy more (msleep(10) at HZ 250: 12 to 16 ms). The
 * sleep ends on a jiffy, with the other timers due then.
 */
void msleep(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;
	might_sleep();
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

unsigned long msleep_interruptible(unsigned int msecs)
{
	long timeout = (long)msecs_to_jiffies(msecs) + 1;
	might_sleep();
	while (timeout && !signal_pending(current))
		timeout = schedule_timeout_interruptible(timeout);
	return jiffies_to_msecs((unsigned long)timeout);
}

static enum hrtimer_restart hrtimer_wakeup(struct hrtimer *timer)
{
	struct hrtimer_sleeper *t = container_of(timer, struct hrtimer_sleeper, timer);
	struct task_struct *task = t->task;
	t->task = NULL;
	if (task)
		wake_up_process(task);
	return HRTIMER_NORESTART;
}

void hrtimer_setup_sleeper_on_stack(struct hrtimer_sleeper *sl, int clock_id,
				    enum hrtimer_mode mode)
{
	hrtimer_setup(&sl->timer, hrtimer_wakeup, clock_id, mode);
	sl->task = current;
}

void hrtimer_sleeper_start_expires(struct hrtimer_sleeper *sl, enum hrtimer_mode mode)
{
	hrtimer_start_expires(&sl->timer, mode);
}

/* 0 when the time came, -EINTR if woken before. */
int schedule_hrtimeout_range(ktime_t *expires, u64 delta, const enum hrtimer_mode mode)
{
	if (!expires) {
		schedule();
		return -EINTR;
	}
	/* Zero relative: nothing to wait for. */
	if ((mode & HRTIMER_MODE_REL) && !*expires) {
		__set_current_state(TASK_RUNNING);
		return 0;
	}
	struct hrtimer_sleeper t;
	hrtimer_setup_sleeper_on_stack(&t, CLOCK_MONOTONIC, mode);
	hrtimer_set_expires_range_ns(&t.timer, *expires, delta);
	hrtimer_sleeper_start_expires(&t, mode);
	if (likely(t.task))
		schedule();
	hrtimer_cancel(&t.timer);
	__set_current_state(TASK_RUNNING);
	return !t.task ? 0 : -EINTR;
}

int schedule_hrtimeout(ktime_t *expires, const enum hrtimer_mode mode)
{
	return schedule_hrtimeout_range(expires, 0, mode);
}

/* pmfw sleeps until min: the earliest Linux allows, and deterministic. */
void usleep_range_state(unsigned long min, unsigned long max, unsigned int state)
{
	ktime_t exp = ktime_add_us(ktime_get(), min);
	u64 delta = (u64)(max - min) * NSEC_PER_USEC;
	might_sleep();
	for (;;) {
		__set_current_state(state);
		if (!schedule_hrtimeout_range(&exp, delta, HRTIMER_MODE_ABS))
			break;
	}
}

void usleep_range(unsigned long min, unsigned long max)
{
	usleep_range_state(min, max, TASK_UNINTERRUPTIBLE);
}

void fsleep(unsigned long usecs)
{
	if (usecs <= 10)
		udelay(usecs);
	else if (usecs < 20 * USEC_PER_MSEC)
		usleep_range(usecs, usecs + (usecs >> 2));
	else
		msleep((unsigned int)DIV_ROUND_UP(usecs, USEC_PER_MSEC));
}
