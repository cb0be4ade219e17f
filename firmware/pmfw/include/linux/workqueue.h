/*
 * Workqueues (include/linux/workqueue.h, kernel/workqueue.c): functions
 * run later in a thread, so they may sleep.
 *
 * Each workqueue has one worker thread of its own, named after the queue
 * (system_wq's is "events"), at prio 120 (WQ_HIGHPRI: 100), which runs
 * its work items one at a time in the order they were queued: every
 * workqueue is ordered (max_active is 1 whatever is asked). Queueing an
 * item that is already pending does nothing (and returns false). A
 * delayed item is queued by a timer_list timer `delay` jiffies later (at
 * once if 0); INIT_DEFERRABLE_WORK's timer does not wake an idle core.
 *
 * flush_work waits until the item, if pending or running, has run;
 * cancel_work_sync takes it off its queue and waits for a run in
 * progress (it is not pending afterwards even if it re-queues itself);
 * the _delayed_ forms do the same for the timer first.
 */
#ifndef _LINUX_WORKQUEUE_H
#define _LINUX_WORKQUEUE_H

#include <linux/list.h>
#include <linux/timer.h>
#include <linux/types.h>

struct work_struct;
typedef void (*work_func_t)(struct work_struct *work);

/* work_struct.data: flag bits, and the workqueue it was last queued on. */
#define WORK_STRUCT_PENDING_BIT 0
#define WORK_STRUCT_CANCELING_BIT 1
#define WORK_STRUCT_FLAG_MASK 0x7UL

struct work_struct {
	unsigned long data;
	struct list_head entry;
	work_func_t func;
};

struct workqueue_struct;

struct delayed_work {
	struct work_struct work;
	struct timer_list timer;
	struct workqueue_struct *wq;
};

#define WQ_UNBOUND (1 << 1)
#define WQ_FREEZABLE (1 << 2)
#define WQ_MEM_RECLAIM (1 << 3)
#define WQ_HIGHPRI (1 << 4)
#define WQ_CPU_INTENSIVE (1 << 5)
#define WQ_SYSFS (1 << 6)
#define WQ_POWER_EFFICIENT (1 << 7)
#define __WQ_ORDERED (1 << 17)
#define WQ_MAX_ACTIVE 512
#define WQ_DFL_ACTIVE (WQ_MAX_ACTIVE / 2)

void delayed_work_timer_fn(struct timer_list *t);

#define __WORK_INITIALIZER(n, f) { .data = 0, .entry = LIST_HEAD_INIT((n).entry), .func = (f) }
#define __DELAYED_WORK_INITIALIZER(n, f, tflags)                               \
	{ .work = __WORK_INITIALIZER((n).work, (f)),                          \
	  .timer = __TIMER_INITIALIZER(delayed_work_timer_fn, (tflags)) }
#define DECLARE_WORK(n, f) struct work_struct n = __WORK_INITIALIZER(n, f)
#define DECLARE_DELAYED_WORK(n, f) struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, 0)
#define DECLARE_DEFERRABLE_WORK(n, f) \
	struct delayed_work n = __DELAYED_WORK_INITIALIZER(n, f, TIMER_DEFERRABLE)

static inline void INIT_WORK(struct work_struct *work, work_func_t func)
{
	work->data = 0;
	INIT_LIST_HEAD(&work->entry);
	work->func = func;
}
#define INIT_WORK_ONSTACK(w, f) INIT_WORK(w, f)

static inline void __INIT_DELAYED_WORK(struct delayed_work *dwork, work_func_t func,
				       unsigned int tflags)
{
	INIT_WORK(&dwork->work, func);
	timer_setup(&dwork->timer, delayed_work_timer_fn, tflags);
	dwork->wq = NULL;
}
#define INIT_DELAYED_WORK(w, f) __INIT_DELAYED_WORK(w, f, 0)
#define INIT_DEFERRABLE_WORK(w, f) __INIT_DELAYED_WORK(w, f, TIMER_DEFERRABLE)
#define INIT_DELAYED_WORK_ONSTACK(w, f) INIT_DELAYED_WORK(w, f)

static inline struct delayed_work *to_delayed_work(struct work_struct *work)
{
	return container_of(work, struct delayed_work, work);
}

#define work_pending(work) (READ_ONCE((work)->data) & (1UL << WORK_STRUCT_PENDING_BIT))
#define delayed_work_pending(w) work_pending(&(w)->work)

extern struct workqueue_struct *system_wq;

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active,
					 ...) __printf(1, 4);
#define alloc_ordered_workqueue(fmt, flags, ...) \
	alloc_workqueue(fmt, __WQ_ORDERED | (flags), 1, ##__VA_ARGS__)
#define create_workqueue(name) alloc_workqueue("%s", WQ_MEM_RECLAIM, 1, (name))
#define create_singlethread_workqueue(name) alloc_ordered_workqueue("%s", WQ_MEM_RECLAIM, name)
void destroy_workqueue(struct workqueue_struct *wq);

bool queue_work(struct workqueue_struct *wq, struct work_struct *work);
bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
			unsigned long delay);
bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		      unsigned long delay);
static inline bool queue_work_on(int cpu, struct workqueue_struct *wq, struct work_struct *work)
{
	(void)cpu;
	return queue_work(wq, work);
}
static inline bool schedule_work(struct work_struct *work)
{
	return queue_work(system_wq, work);
}
static inline bool schedule_delayed_work(struct delayed_work *dwork, unsigned long delay)
{
	return queue_delayed_work(system_wq, dwork, delay);
}

void flush_workqueue(struct workqueue_struct *wq);
void drain_workqueue(struct workqueue_struct *wq);
#define flush_scheduled_work() flush_workqueue(system_wq)
bool flush_work(struct work_struct *work);
bool flush_delayed_work(struct delayed_work *dwork);
bool cancel_work(struct work_struct *work);
bool cancel_work_sync(struct work_struct *work);
bool cancel_delayed_work(struct delayed_work *dwork);
bool cancel_delayed_work_sync(struct delayed_work *dwork);

/* The item the current worker is running (NULL outside a worker). */
struct work_struct *current_work(void);
/* The thread that runs wq's items (pmfw: one per queue). */
struct task_struct *workqueue_worker(struct workqueue_struct *wq);

#endif
