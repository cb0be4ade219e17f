/*
 * Mutexes (Linux's kernel/locking/mutex.c, without optimistic spinning:
 * one core has nothing to spin for). The owner field is the lock; a
 * waiter sleeps on the wait list until mutex_unlock makes it the owner
 * and wakes it (a hand-off: the lock is never free while someone waits).
 */
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/sched.h>

struct mutex_waiter {
	struct list_head list;
	struct task_struct *task;
	bool handed_off; /* mutex_unlock made it the owner */
};

static void __mutex_lock(struct mutex *lock, unsigned int state)
{
	unsigned long flags;
	might_sleep();
	spin_lock_irqsave(&lock->wait_lock, flags);
	if (!lock->owner) {
		lock->owner = current;
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		return;
	}
	/* Linux with lockdep: "possible recursive locking detected". It
	 * deadlocks all the same. */
	WARN_ON(lock->owner == current);
	struct mutex_waiter waiter = { .task = current };
	list_add_tail(&waiter.list, &lock->wait_list);
	for (;;) {
		set_current_state(state);
		if (waiter.handed_off)
			break;
		spin_unlock_irqrestore(&lock->wait_lock, flags);
		schedule();
		spin_lock_irqsave(&lock->wait_lock, flags);
	}
	__set_current_state(TASK_RUNNING);
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}

void mutex_lock(struct mutex *lock)
{
	__mutex_lock(lock, TASK_UNINTERRUPTIBLE);
}

int mutex_lock_interruptible(struct mutex *lock)
{
	__mutex_lock(lock, TASK_INTERRUPTIBLE);
	return 0;
}

int mutex_lock_killable(struct mutex *lock)
{
	__mutex_lock(lock, TASK_KILLABLE);
	return 0;
}

int mutex_trylock(struct mutex *lock)
{
	unsigned long flags;
	int taken = 0;
	spin_lock_irqsave(&lock->wait_lock, flags);
	if (!lock->owner) {
		lock->owner = current;
		taken = 1;
	}
	spin_unlock_irqrestore(&lock->wait_lock, flags);
	return taken;
}

void mutex_unlock(struct mutex *lock)
{
	unsigned long flags;
	spin_lock_irqsave(&lock->wait_lock, flags);
	/* CONFIG_DEBUG_MUTEXES: "DEBUG_LOCKS_WARN_ON(__owner_task(owner) != current)". */
	WARN_ON(lock->owner != current);
	if (list_empty(&lock->wait_list)) {
		lock->owner = NULL;
	} else {
		struct mutex_waiter *w = list_first_entry(&lock->wait_list, struct mutex_waiter, list);
		list_del(&w->list);
		lock->owner = w->task;
		w->handed_off = true;
		wake_up_process(w->task);
	}
	spin_unlock_irqrestore(&lock->wait_lock, flags);
}
