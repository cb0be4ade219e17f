/*
 * Mutexes (include/linux/mutex.h, kernel/locking/mutex.c): sleeping locks
 * with an owner, for threads only. Waiters queue in the order they came;
 * mutex_unlock hands the lock straight to the first of them, so a thread
 * that unlocks and locks again goes behind the waiters. No priority
 * inheritance (as Linux's mutex).
 *
 * Without lockdep, two mistakes are still caught with a WARNING: locking
 * a mutex its owner already holds (the thread then deadlocks, as it
 * would in Linux) and unlocking a mutex the caller does not hold (the
 * unlock is done anyway).
 *
 * mutex_lock_interruptible returns 0 once it has the lock (kernel threads
 * ignore signals; it never returns -EINTR). mutex_trylock returns 1 if it
 * took the lock, and may be used where sleeping is not allowed.
 */
#ifndef _LINUX_MUTEX_H
#define _LINUX_MUTEX_H

#include <linux/list.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

struct mutex {
	struct task_struct *owner;
	spinlock_t wait_lock;
	struct list_head wait_list;
};

#define __MUTEX_INITIALIZER(lockname)                                       \
	{ .owner = NULL, .wait_lock = __SPIN_LOCK_UNLOCKED(lockname.wait_lock), \
	  .wait_list = LIST_HEAD_INIT(lockname.wait_list) }
#define DEFINE_MUTEX(mutexname) struct mutex mutexname = __MUTEX_INITIALIZER(mutexname)

static inline void mutex_init(struct mutex *lock)
{
	lock->owner = NULL;
	spin_lock_init(&lock->wait_lock);
	INIT_LIST_HEAD(&lock->wait_list);
}

static inline bool mutex_is_locked(struct mutex *lock)
{
	return READ_ONCE(lock->owner) != NULL;
}

void mutex_lock(struct mutex *lock);
int mutex_lock_interruptible(struct mutex *lock);
int mutex_lock_killable(struct mutex *lock);
int mutex_trylock(struct mutex *lock);
void mutex_unlock(struct mutex *lock);
#define mutex_lock_nested(lock, subclass) mutex_lock(lock)

#endif
