/*
 * Wait queues (include/linux/wait.h, kernel/sched/wait.c): a list of
 * sleeping threads that a wake_up() makes runnable again. The usual form
 * is wait_event*(wq, condition): sleep until the condition is true,
 * checked again after every wake-up (and before sleeping, so that a
 * wake-up that came first is not missed). Exclusive waiters (added with
 * prepare_to_wait_exclusive) are woken one at a time, in the order they
 * came; wake_up_all wakes everyone.
 *
 * wake_up* may be called from any context, interrupt handlers included;
 * the wait_event* macros only from a thread. The _timeout variants take
 * jiffies and return 0 if the time ran out with the condition still
 * false, else the jiffies left (at least 1). The _interruptible variants
 * sleep in TASK_INTERRUPTIBLE; kernel threads ignore signals, so they end
 * as the others do.
 */
#ifndef _LINUX_WAIT_H
#define _LINUX_WAIT_H

#include <linux/list.h>
#include <linux/sched.h>
#include <linux/spinlock.h>

struct wait_queue_entry;
typedef int (*wait_queue_func_t)(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
				 void *key);

#define WQ_FLAG_EXCLUSIVE 0x01
#define WQ_FLAG_WOKEN 0x02

struct wait_queue_entry {
	unsigned int flags;
	void *private; /* the task */
	wait_queue_func_t func;
	struct list_head entry;
};
typedef struct wait_queue_entry wait_queue_entry_t;

struct wait_queue_head {
	spinlock_t lock;
	struct list_head head;
};
typedef struct wait_queue_head wait_queue_head_t;

#define __WAIT_QUEUE_HEAD_INITIALIZER(name) \
	{ .lock = __SPIN_LOCK_UNLOCKED(name.lock), .head = LIST_HEAD_INIT(name.head) }
#define DECLARE_WAIT_QUEUE_HEAD(name) struct wait_queue_head name = __WAIT_QUEUE_HEAD_INITIALIZER(name)
#define DECLARE_WAIT_QUEUE_HEAD_ONSTACK(name) DECLARE_WAIT_QUEUE_HEAD(name)

static inline void init_waitqueue_head(struct wait_queue_head *wq_head)
{
	spin_lock_init(&wq_head->lock);
	INIT_LIST_HEAD(&wq_head->head);
}

int default_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			  void *key);
int autoremove_wake_function(struct wait_queue_entry *wq_entry, unsigned int mode, int flags,
			     void *key);

#define __WAITQUEUE_INITIALIZER(name, tsk) \
	{ .private = tsk, .func = default_wake_function, .entry = { NULL, NULL } }
#define DECLARE_WAITQUEUE(name, tsk) struct wait_queue_entry name = __WAITQUEUE_INITIALIZER(name, tsk)
#define DEFINE_WAIT_FUNC(name, function)                                    \
	struct wait_queue_entry name = {                                    \
		.private = current,                                         \
		.func = function,                                           \
		.entry = LIST_HEAD_INIT((name).entry),                      \
	}
#define DEFINE_WAIT(name) DEFINE_WAIT_FUNC(name, autoremove_wake_function)

static inline void init_waitqueue_entry(struct wait_queue_entry *wq_entry, struct task_struct *p)
{
	wq_entry->flags = 0;
	wq_entry->private = p;
	wq_entry->func = default_wake_function;
}

static inline void init_wait_entry(struct wait_queue_entry *wq_entry, int flags)
{
	wq_entry->flags = (unsigned int)flags;
	wq_entry->private = current;
	wq_entry->func = autoremove_wake_function;
	INIT_LIST_HEAD(&wq_entry->entry);
}
#define init_wait(wait) init_wait_entry(wait, 0)

/* Someone is waiting (read without the lock: a hint, as in Linux). */
static inline int waitqueue_active(struct wait_queue_head *wq_head)
{
	return !list_empty(&wq_head->head);
}
static inline bool wq_has_sleeper(struct wait_queue_head *wq_head)
{
	barrier();
	return waitqueue_active(wq_head);
}

void add_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void add_wait_queue_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);
void remove_wait_queue(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

void prepare_to_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
		     int state);
bool prepare_to_wait_exclusive(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			       int state);
long prepare_to_wait_event(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry,
			   int state);
void finish_wait(struct wait_queue_head *wq_head, struct wait_queue_entry *wq_entry);

/* Wake the non-exclusive waiters whose state is in `mode` and up to
 * nr_exclusive exclusive ones (0: all). */
int __wake_up(struct wait_queue_head *wq_head, unsigned int mode, int nr_exclusive, void *key);
/* The same with the queue's lock already held (interrupts off). */
void __wake_up_locked(struct wait_queue_head *wq_head, unsigned int mode, int nr);

#define wake_up(x) __wake_up(x, TASK_NORMAL, 1, NULL)
#define wake_up_nr(x, nr) __wake_up(x, TASK_NORMAL, nr, NULL)
#define wake_up_all(x) __wake_up(x, TASK_NORMAL, 0, NULL)
#define wake_up_locked(x) __wake_up_locked((x), TASK_NORMAL, 1)
#define wake_up_all_locked(x) __wake_up_locked((x), TASK_NORMAL, 0)
#define wake_up_interruptible(x) __wake_up(x, TASK_INTERRUPTIBLE, 1, NULL)
#define wake_up_interruptible_nr(x, nr) __wake_up(x, TASK_INTERRUPTIBLE, nr, NULL)
#define wake_up_interruptible_all(x) __wake_up(x, TASK_INTERRUPTIBLE, 0, NULL)

/*
 * The wait_event family (Linux's ___wait_event): register on the queue
 * and set the state before testing the condition, sleep with `cmd`,
 * repeat. `__ret` starts as `ret` (the timeout for the _timeout forms).
 */
#define ___wait_is_interruptible(state) \
	(__builtin_constant_p(state) && ((state) & (TASK_INTERRUPTIBLE | TASK_WAKEKILL)))

#define ___wait_event(wq_head, condition, state, exclusive, ret, cmd)               \
	({                                                                          \
		__label__ __out;                                                    \
		struct wait_queue_entry __wq_entry;                                 \
		long __ret = ret;                                                   \
		init_wait_entry(&__wq_entry, exclusive ? WQ_FLAG_EXCLUSIVE : 0);    \
		for (;;) {                                                          \
			long __int = prepare_to_wait_event(&wq_head, &__wq_entry, state); \
			if (condition)                                              \
				break;                                              \
			if (___wait_is_interruptible(state) && __int) {             \
				__ret = __int;                                      \
				goto __out;                                         \
			}                                                           \
			cmd;                                                        \
		}                                                                   \
		finish_wait(&wq_head, &__wq_entry);                                 \
	__out:	__ret;                                                              \
	})

#define __wait_event(wq_head, condition) \
	(void)___wait_event(wq_head, condition, TASK_UNINTERRUPTIBLE, 0, 0, schedule())
#define wait_event(wq_head, condition)               \
	do {                                         \
		might_sleep();                       \
		if (condition)                       \
			break;                       \
		__wait_event(wq_head, condition);    \
	} while (0)

#define __wait_event_idle(wq_head, condition) \
	(void)___wait_event(wq_head, condition, TASK_IDLE, 0, 0, schedule())
#define wait_event_idle(wq_head, condition)          \
	do {                                         \
		might_sleep();                       \
		if (!(condition))                    \
			__wait_event_idle(wq_head, condition); \
	} while (0)

#define ___wait_cond_timeout(condition)                                  \
	({                                                               \
		bool __cond = (condition);                               \
		if (__cond && !__ret)                                    \
			__ret = 1;                                       \
		__cond || !__ret;                                        \
	})

#define __wait_event_timeout(wq_head, condition, timeout)                         \
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_UNINTERRUPTIBLE, 0, \
		      timeout, __ret = schedule_timeout(__ret))
#define wait_event_timeout(wq_head, condition, timeout)                       \
	({                                                                    \
		long __ret = timeout;                                         \
		might_sleep();                                                \
		if (!___wait_cond_timeout(condition))                         \
			__ret = __wait_event_timeout(wq_head, condition, timeout); \
		__ret;                                                        \
	})

#define __wait_event_interruptible(wq_head, condition) \
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 0, 0, schedule())
#define wait_event_interruptible(wq_head, condition)                       \
	({                                                                 \
		int __ret = 0;                                             \
		might_sleep();                                             \
		if (!(condition))                                          \
			__ret = (int)__wait_event_interruptible(wq_head, condition); \
		__ret;                                                     \
	})

#define __wait_event_interruptible_timeout(wq_head, condition, timeout)           \
	___wait_event(wq_head, ___wait_cond_timeout(condition), TASK_INTERRUPTIBLE, 0, \
		      timeout, __ret = schedule_timeout(__ret))
#define wait_event_interruptible_timeout(wq_head, condition, timeout)           \
	({                                                                      \
		long __ret = timeout;                                           \
		might_sleep();                                                  \
		if (!___wait_cond_timeout(condition))                           \
			__ret = __wait_event_interruptible_timeout(wq_head, condition, timeout); \
		__ret;                                                          \
	})

#define __wait_event_interruptible_exclusive(wq_head, condition) \
	___wait_event(wq_head, condition, TASK_INTERRUPTIBLE, 1, 0, schedule())
#define wait_event_interruptible_exclusive(wq_head, condition)             \
	({                                                                 \
		int __ret = 0;                                             \
		might_sleep();                                             \
		if (!(condition))                                          \
			__ret = (int)__wait_event_interruptible_exclusive(wq_head, condition); \
		__ret;                                                     \
	})

#define __wait_event_killable(wq_head, condition) \
	___wait_event(wq_head, condition, TASK_KILLABLE, 0, 0, schedule())
#define wait_event_killable(wq_head, condition)                            \
	({                                                                 \
		int __ret = 0;                                             \
		might_sleep();                                             \
		if (!(condition))                                          \
			__ret = (int)__wait_event_killable(wq_head, condition); \
		__ret;                                                     \
	})

#endif
