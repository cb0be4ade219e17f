/*
 * Spinlocks on one core: a spinlock keeps interrupts off (PRIMASK) while
 * it is held, which is all mutual exclusion needs on a uniprocessor; the
 * lock word only lets debugging catch recursion.
 */
#ifndef _LINUX_SPINLOCK_H
#define _LINUX_SPINLOCK_H

#include <asm/irqflags.h>
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
/* spin_lock/unlock: from IRQ context, or with interrupts already off. */
static inline void spin_lock(spinlock_t *l)
{
	l->locked = 1;
}
static inline void spin_unlock(spinlock_t *l)
{
	l->locked = 0;
}

#endif
