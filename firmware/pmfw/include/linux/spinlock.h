/*
 * Spinlocks on one core: a spinlock keeps interrupts off (PRIMASK) while
 * it is held, or, for spin_lock, preemption (linux/preempt.h), which is
 * all mutual exclusion needs on a uniprocessor; the lock word only lets
 * debugging catch recursion. spin_lock_bh also keeps softirqs (timer
 * callbacks, tasklets) from running.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <asm/irqflags.h>
#include <linux/bottom_half.h>
#include <linux/preempt.h>
#include <linux/types.h>

typedef struct {
	volatile int locked;
} spinlock_t;

#define __SPIN_LOCK_UNLOCKED(name) { 0 }
#define DEFINE_SPINLOCK(name) spinlock_t name = __SPIN_LOCK_UNLOCKED(name)

static inline void spin_lock_init(spinlock_t *l)
{
	l->locked = 0;
}
#define spin_lock_irqsave(l, flags)            \
	do {                                   \
		local_irq_save(flags);         \
		(l)->locked = 1;               \
	} while (0)
#define spin_unlock_irqrestore(l, flags)       \
	do {                                   \
		(l)->locked = 0;               \
		local_irq_restore(flags);      \
	} while (0)
static inline void spin_lock_irq(spinlock_t *l)
{
	local_irq_disable();
	l->locked = 1;
}
static inline void spin_unlock_irq(spinlock_t *l)
{
	l->locked = 0;
	local_irq_enable();
}
/* spin_lock/unlock: against other threads (and from IRQ context, where
 * nothing preempts anyway); not against interrupt handlers. */
static inline void spin_lock(spinlock_t *l)
{
	preempt_disable();
	l->locked = 1;
}
static inline void spin_unlock(spinlock_t *l)
{
	l->locked = 0;
	preempt_enable();
}
static inline void spin_lock_bh(spinlock_t *l)
{
	local_bh_disable();
	l->locked = 1;
}
static inline void spin_unlock_bh(spinlock_t *l)
{
	l->locked = 0;
	local_bh_enable();
}

#endif
