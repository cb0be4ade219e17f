/*
 * Counting semaphores (include/linux/semaphore.h,
 * kernel/locking/semaphore.c). down() takes one unit, sleeping while
 * there is none; up() gives one back, straight to the longest waiter if
 * there is one. up() and down_trylock() may be called from interrupt
 * handlers. down_trylock returns 0 if it took a unit (the opposite of
 * mutex_trylock, as in Linux); down_timeout takes jiffies and returns
 * -ETIME when they run out; down_interruptible and down_killable return 0
 * (kernel threads ignore signals).
 */
#ifndef _LINUX_SEMAPHORE_H
#define _LINUX_SEMAPHORE_H

#include <linux/list.h>
#include <linux/spinlock.h>

struct semaphore {
	spinlock_t lock;
	unsigned int count;
	struct list_head wait_list;
};

#define __SEMAPHORE_INITIALIZER(name, n) \
	{ .lock = __SPIN_LOCK_UNLOCKED((name).lock), .count = n, \
	  .wait_list = LIST_HEAD_INIT((name).wait_list) }
#define DEFINE_SEMAPHORE(_name, _n) struct semaphore _name = __SEMAPHORE_INITIALIZER(_name, _n)

static inline void sema_init(struct semaphore *sem, int val)
{
	spin_lock_init(&sem->lock);
	sem->count = (unsigned int)val;
	INIT_LIST_HEAD(&sem->wait_list);
}

void down(struct semaphore *sem);
int down_interruptible(struct semaphore *sem);
int down_killable(struct semaphore *sem);
int down_trylock(struct semaphore *sem);
int down_timeout(struct semaphore *sem, long timeout);
void up(struct semaphore *sem);

#endif
