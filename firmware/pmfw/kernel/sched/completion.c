/*
 * Completions (Linux's kernel/sched/completion.c): a counter of
 * completions not yet consumed ("done", UINT_MAX after complete_all) and
 * a queue of exclusive waiters, woken one per complete() in the order
 * they came.
 */
#include <linux/completion.h>
#include <linux/kernel.h>
#include <linux/sched.h>

#define COMPLETE_ALL_DONE (~0u)

void complete(struct completion *x)
{
	unsigned long flags;
	spin_lock_irqsave(&x->wait.lock, flags);
	if (x->done != COMPLETE_ALL_DONE)
		x->done++;
	__wake_up_locked(&x->wait, TASK_NORMAL, 1);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

void complete_all(struct completion *x)
{
	unsigned long flags;
	spin_lock_irqsave(&x->wait.lock, flags);
	x->done = COMPLETE_ALL_DONE;
	__wake_up_locked(&x->wait, TASK_NORMAL, 0);
	spin_unlock_irqrestore(&x->wait.lock, flags);
}

/* Sleep in `state` until done, or `timeout` jiffies; the jiffies left
 * (at least 1) on success, 0 on timeout. */
static long do_wait_for_common(struct completion *x, long timeout, unsigned int state)
{
	unsigned long flags;
	might_sleep();
	spin_lock_irqsave(&x->wait.lock, flags);
	if (!x->done) {
		DECLARE_WAITQUEUE(wait, current);
		wait.flags |= WQ_FLAG_EXCLUSIVE;
		list_add_tail(&wait.entry, &x->wait.head);
		do {
			__set_current_state(state);
			spin_unlock_irqrestore(&x->wait.lock, flags);
			timeout = schedule_timeout(timeout);
			spin_lock_irqsave(&x->wait.lock, flags);
		} while (!x->done && timeout);
		list_del(&wait.entry);
		if (!x->done) {
			spin_unlock_irqrestore(&x->wait.lock, flags);
			return 0;
		}
	}
	if (x->done != COMPLETE_ALL_DONE)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return timeout ? timeout : 1;
}

void wait_for_completion(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_UNINTERRUPTIBLE);
}

void wait_for_completion_io(struct completion *x)
{
	wait_for_completion(x);
}

int wait_for_completion_interruptible(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_INTERRUPTIBLE);
	return 0;
}

int wait_for_completion_killable(struct completion *x)
{
	do_wait_for_common(x, MAX_SCHEDULE_TIMEOUT, TASK_KILLABLE);
	return 0;
}

unsigned long wait_for_completion_timeout(struct completion *x, unsigned long timeout)
{
	return (unsigned long)do_wait_for_common(x, (long)timeout, TASK_UNINTERRUPTIBLE);
}

long wait_for_completion_interruptible_timeout(struct completion *x, unsigned long timeout)
{
	return do_wait_for_common(x, (long)timeout, TASK_INTERRUPTIBLE);
}

bool try_wait_for_completion(struct completion *x)
{
	unsigned long flags;
	bool ret = true;
	spin_lock_irqsave(&x->wait.lock, flags);
	if (!x->done)
		ret = false;
	else if (x->done != COMPLETE_ALL_DONE)
		x->done--;
	spin_unlock_irqrestore(&x->wait.lock, flags);
	return ret;
}

bool completion_done(struct completion *x)
{
	return READ_ONCE(x->done) != 0;
}
