/*
 * Counting semaphores (Linux's kernel/locking/semaphore.c): a count and a
 * FIFO of waiters. up() with waiters does not raise the count but marks
 * the first waiter served and wakes it, so that no later down() can take
 * the unit first.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/semaphore.h>

struct semaphore_waiter {
	struct list_head list;
	struct task_struct *task;
	bool up;
};

static int __down_common(struct semaphore *sem, unsigned int state, long timeout)
{
	unsigned long flags;
	might_sleep();
	spin_lock_irqsave(&sem->lock, flags);
	if (sem->count > 0) {
		sem->count--;
		spin_unlock_irqrestore(&sem->lock, flags);
		return 0;
	}
	struct semaphore_waiter waiter = { .task = current };
	list_add_tail(&waiter.list, &sem->wait_list);
	for (;;) {
		if (timeout <= 0) {
			list_del(&waiter.list);
			spin_unlock_irqrestore(&sem->lock, flags);
			return -ETIME;
		}
		__set_current_state(state);
		spin_unlock_irqrestore(&sem->lock, flags);
		timeout = schedule_timeout(timeout);
		spin_lock_irqsave(&sem->lock, flags);
		if (waiter.up) {
			spin_unlock_irqrestore(&sem->lock, flags);
			return 0;
		}
	}
}

void down(struct semaphore *sem)
{
	__down_common(sem, TASK_UNINTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

int down_interruptible(struct semaphore *sem)
{
	return __down_common(sem, TASK_INTERRUPTIBLE, MAX_SCHEDULE_TIMEOUT);
}

int down_killable(struct semaphore *sem)
{
	return __down_common(sem, TASK_KILLABLE, MAX_SCHEDULE_TIMEOUT);
}

int down_timeout(struct semaphore *sem, long timeout)
{
	return __down_common(sem, TASK_UNINTERRUPTIBLE, timeout);
}

int down_trylock(struct semaphore *sem)
{
	unsigned long flags;
	int busy = 1;
	spin_lock_irqsave(&sem->lock, flags);
	if (sem->count > 0) {
		sem->count--;
		busy = 0;
	}
	spin_unlock_irqrestore(&sem->lock, flags);
	return busy;
}

void up(struct semaphore *sem)
{
	unsigned long flags;
	spin_lock_irqsave(&sem->lock, flags);
	if (list_empty(&sem->wait_list)) {
		sem->count++;
	} else {
		struct semaphore_waiter *w =
			list_first_entry(&sem->wait_list, struct semaphore_waiter, list);
		list_del(&w->list);
		w->up = true;
		wake_up_process(w->task);
	}
	spin_unlock_irqrestore(&sem->lock, flags);
}
