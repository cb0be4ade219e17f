/*
 * Workqueues (Linux's kernel/workqueue.c, in its pre-2.6.36 shape: one
 * worker thread per queue rather than shared pools; one core needs no
 * more, and it keeps each queue's items in order).
 *
 * work->data holds the PENDING and CANCELING bits and the queue the item
 * was last queued on. An item is PENDING from queue_work (or
 * queue_delayed_work, timer included) until its worker takes it off the
 * list to run it; a pending item is not queued twice. While a
 * cancel_*_sync runs, CANCELING makes queue_work refuse the item, so
 * that one re-queueing itself from its function cannot escape.
 *
 * flush_work and flush_workqueue put a barrier item on the queue, right
 * behind the item (or at the head, if the item is running; at the tail,
 * for the whole queue), and wait for the worker to reach it.
 */
#include <stdarg.h>
#include <stdio.h>

#include <linux/completion.h>
#include <linux/freezer.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#define PENDING BIT(WORK_STRUCT_PENDING_BIT)
#define CANCELING BIT(WORK_STRUCT_CANCELING_BIT)

struct workqueue_struct {
	struct list_head worklist;
	struct task_struct *worker;
	struct work_struct *current_work;
	unsigned int flags;
	bool destroying;
	struct list_head list;
	char name[24];
} __aligned(8);

static struct workqueue_struct system_wq_storage = {
	.worklist = LIST_HEAD_INIT(system_wq_storage.worklist),
	.name = "events",
};
struct workqueue_struct *system_wq = &system_wq_storage;
static LIST_HEAD(workqueues);
static bool wq_freezing;

struct wq_barrier {
	struct work_struct work;
	struct completion done;
};

static struct workqueue_struct *get_work_wq(struct work_struct *work)
{
	return (struct workqueue_struct *)(work->data & ~WORK_STRUCT_FLAG_MASK);
}

/* Interrupts off. */
static void insert_work(struct workqueue_struct *wq, struct work_struct *work,
			struct list_head *before)
{
	list_add_tail(&work->entry, before);
	if (wq->worker)
		wake_up_process(wq->worker);
}

/* Interrupts off; the item is not pending. */
static void __queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	work->data = (unsigned long)wq | PENDING | (work->data & CANCELING);
	insert_work(wq, work, &wq->worklist);
}

bool queue_work(struct workqueue_struct *wq, struct work_struct *work)
{
	unsigned long flags;
	bool ret = false;
	local_irq_save(flags);
	if (WARN_ON_ONCE(wq->destroying && current != wq->worker)) {
		local_irq_restore(flags);
		return false;
	}
	if (!(work->data & (PENDING | CANCELING))) {
		__queue_work(wq, work);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

void delayed_work_timer_fn(struct timer_list *t)
{
	struct delayed_work *dwork = from_timer(dwork, t, timer);
	unsigned long flags;
	local_irq_save(flags);
	/* Cancelled between the timer's expiry and now: nothing to do. */
	if (dwork->work.data & PENDING)
		insert_work(dwork->wq, &dwork->work, &dwork->wq->worklist);
	local_irq_restore(flags);
}

/* Interrupts off; the item is not pending. */
static void __queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
				 unsigned long delay)
{
	struct work_struct *work = &dwork->work;
	dwork->wq = wq;
	if (!delay) {
		__queue_work(wq, work);
		return;
	}
	work->data = (unsigned long)wq | PENDING | (work->data & CANCELING);
	mod_timer(&dwork->timer, jiffies + delay);
}

bool queue_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
			unsigned long delay)
{
	unsigned long flags;
	bool ret = false;
	local_irq_save(flags);
	if (!(dwork->work.data & (PENDING | CANCELING))) {
		__queue_delayed_work(wq, dwork, delay);
		ret = true;
	}
	local_irq_restore(flags);
	return ret;
}

/* Interrupts off: take a pending item off its timer or its queue. true
 * if it was pending. */
static bool try_to_grab_pending(struct work_struct *work, bool is_dwork)
{
	if (is_dwork && timer_delete(&to_delayed_work(work)->timer)) {
		work->data &= ~PENDING;
		return true;
	}
	if (!(work->data & PENDING))
		return false;
	/* On a queue, or (a delayed item) between its timer and its queue. */
	if (!list_empty(&work->entry))
		list_del_init(&work->entry);
	work->data &= ~PENDING;
	return true;
}

bool mod_delayed_work(struct workqueue_struct *wq, struct delayed_work *dwork,
		      unsigned long delay)
{
	unsigned long flags;
	local_irq_save(flags);
	bool ret = try_to_grab_pending(&dwork->work, true);
	if (!(dwork->work.data & CANCELING))
		__queue_delayed_work(wq, dwork, delay);
	local_irq_restore(flags);
	return ret;
}

static void wq_barrier_func(struct work_struct *work)
{
	struct wq_barrier *barr = container_of(work, struct wq_barrier, work);
	complete(&barr->done);
}

/* Queue a barrier before `before` and wait for it. */
static void wait_for_barrier(struct workqueue_struct *wq, struct list_head *before,
			     unsigned long flags)
{
	struct wq_barrier barr;
	INIT_WORK(&barr.work, wq_barrier_func);
	barr.work.data = PENDING;
	init_completion(&barr.done);
	insert_work(wq, &barr.work, before);
	local_irq_restore(flags);
	wait_for_completion(&barr.done);
}

bool flush_work(struct work_struct *work)
{
	unsigned long flags;
	might_sleep();
	local_irq_save(flags);
	struct workqueue_struct *wq = get_work_wq(work);
	struct list_head *before;
	if ((work->data & PENDING) && !list_empty(&work->entry))
		before = work->entry.next;   /* right behind the item */
	else if (wq && wq->current_work == work)
		before = wq->worklist.next;  /* first: it runs now */
	else
		goto not_busy;
	if (WARN_ON_ONCE(current == wq->worker))
		goto not_busy;
	wait_for_barrier(wq, before, flags);
	return true;
not_busy:
	local_irq_restore(flags);
	return false;
}

bool flush_delayed_work(struct delayed_work *dwork)
{
	unsigned long flags;
	local_irq_save(flags);
	if (timer_delete(&dwork->timer))
		insert_work(dwork->wq, &dwork->work, &dwork->wq->worklist);
	local_irq_restore(flags);
	return flush_work(&dwork->work);
}

bool cancel_work(struct work_struct *work)
{
	unsigned long flags;
	local_irq_save(flags);
	bool ret = try_to_grab_pending(work, false);
	local_irq_restore(flags);
	return ret;
}

bool cancel_delayed_work(struct delayed_work *dwork)
{
	unsigned long flags;
	local_irq_save(flags);
	bool ret = try_to_grab_pending(&dwork->work, true);
	local_irq_restore(flags);
	return ret;
}

static bool __cancel_work_sync(struct work_struct *work, bool is_dwork)
{
	unsigned long flags;
	might_sleep();
	local_irq_save(flags);
	work->data |= CANCELING;
	bool ret = try_to_grab_pending(work, is_dwork);
	local_irq_restore(flags);
	flush_work(work);
	local_irq_save(flags);
	work->data &= ~CANCELING;
	local_irq_restore(flags);
	return ret;
}

bool cancel_work_sync(struct work_struct *work)
{
	return __cancel_work_sync(work, false);
}

bool cancel_delayed_work_sync(struct delayed_work *dwork)
{
	return __cancel_work_sync(&dwork->work, true);
}

void flush_workqueue(struct workqueue_struct *wq)
{
	unsigned long flags;
	might_sleep();
	if (WARN_ON_ONCE(current == wq->worker))
		return;
	local_irq_save(flags);
	if (list_empty(&wq->worklist) && !wq->current_work) {
		local_irq_restore(flags);
		return;
	}
	wait_for_barrier(wq, &wq->worklist, flags);
}

void drain_workqueue(struct workqueue_struct *wq)
{
	/* Items may queue more items: flush until the queue stays empty. */
	for (unsigned int flushes = 0;; flushes++) {
		flush_workqueue(wq);
		if (list_empty(&wq->worklist))
			break;
		if (flushes == 10)
			pr_warn("workqueue %s: %s() isn't complete after %u tries\n", wq->name,
				__func__, flushes);
	}
}

static int worker_thread(void *arg)
{
	struct workqueue_struct *wq = arg;
	current->flags |= PF_WQ_WORKER;
	for (;;) {
		local_irq_disable();
		struct work_struct *work =
			list_first_entry_or_null(&wq->worklist, struct work_struct, entry);
		/* A freezable queue starts nothing while the system sleeps. */
		if ((wq->flags & WQ_FREEZABLE) && wq_freezing)
			work = NULL;
		if (!work) {
			if (kthread_should_stop()) {
				local_irq_enable();
				return 0;
			}
			set_current_state(TASK_IDLE);
			local_irq_enable();
			schedule();
			continue;
		}
		list_del_init(&work->entry);
		work->data &= ~PENDING;
		work_func_t fn = work->func;
		wq->current_work = work;
		local_irq_enable();
		/* The item may be freed by its own function: not touched after. */
		fn(work);
		if (unlikely(preempt_count() || irqs_disabled())) {
			pr_err("BUG: workqueue leaked atomic, lock or RCU: %s[%d]\n", current->comm,
			       current->pid);
			pr_err("     preempt=0x%08lx lock=0->0 RCU=0->0 workfn=%ps\n", preempt_count(),
			       fn);
			__preempt_count = 0;
		}
		local_irq_disable();
		wq->current_work = NULL;
		local_irq_enable();
	}
}

static int create_worker(struct workqueue_struct *wq)
{
	struct task_struct *t = kthread_create(worker_thread, wq, "%s", wq->name);
	if (IS_ERR(t))
		return (int)PTR_ERR(t);
	if (wq->flags & WQ_HIGHPRI)
		set_user_nice(t, MIN_NICE);
	get_task_struct(t);
	unsigned long flags;
	local_irq_save(flags);
	wq->worker = t;
	list_add_tail(&wq->list, &workqueues);
	local_irq_restore(flags);
	/* Items queued before it existed are waiting. */
	wake_up_process(t);
	return 0;
}

struct workqueue_struct *alloc_workqueue(const char *fmt, unsigned int flags, int max_active,
					 ...)
{
	struct workqueue_struct *wq = kzalloc(sizeof *wq, GFP_KERNEL);
	if (!wq)
		return NULL;
	va_list ap;
	va_start(ap, max_active);
	vsnprintf(wq->name, sizeof wq->name, fmt, ap);
	va_end(ap);
	INIT_LIST_HEAD(&wq->worklist);
	wq->flags = flags;
	if (create_worker(wq)) {
		kfree(wq);
		return NULL;
	}
	return wq;
}

void destroy_workqueue(struct workqueue_struct *wq)
{
	if (WARN_ON(wq == system_wq))
		return;
	drain_workqueue(wq);
	wq->destroying = true;
	kthread_stop_put(wq->worker);
	unsigned long flags;
	local_irq_save(flags);
	list_del(&wq->list);
	local_irq_restore(flags);
	kfree(wq);
}

struct work_struct *current_work(void)
{
	if (!(current->flags & PF_WQ_WORKER))
		return NULL;
	struct workqueue_struct *wq = kthread_data(current);
	return wq->current_work;
}

struct task_struct *workqueue_worker(struct workqueue_struct *wq)
{
	return wq->worker;
}

/* system_wq takes items from the start; its worker comes with the other
 * early threads (items queued before it run once it starts). */
static int workqueue_init(void)
{
	if (create_worker(system_wq))
		panic("cannot create the events worker");
	return 0;
}
early_initcall(workqueue_init);

/* ---- the freezer (Linux's freeze_workqueues_*) ------------------------------------- */

void freeze_workqueues_begin(void)
{
	WRITE_ONCE(wq_freezing, true);
}

/* An item of a freezable queue still running. */
bool freeze_workqueues_busy(void)
{
	struct workqueue_struct *wq;
	unsigned long flags;
	bool busy = false;
	local_irq_save(flags);
	list_for_each_entry(wq, &workqueues, list)
		if ((wq->flags & WQ_FREEZABLE) && wq->current_work)
			busy = true;
	local_irq_restore(flags);
	return busy;
}

void thaw_workqueues(void)
{
	struct workqueue_struct *wq;
	unsigned long flags;
	local_irq_save(flags);
	WRITE_ONCE(wq_freezing, false);
	list_for_each_entry(wq, &workqueues, list)
		if ((wq->flags & WQ_FREEZABLE) && !list_empty(&wq->worklist))
			wake_up_process(wq->worker);
	local_irq_restore(flags);
}
