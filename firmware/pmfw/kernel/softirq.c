/*
 * Softirqs and tasklets (Linux's kernel/softirq.c, always threaded).
 *
 * A softirq is raised from any context (a bit in `pending`); its actions
 * run in one thread, ksoftirqd/0, SCHED_FIFO priority 1 (prio 98): above
 * every normal thread, so that timer callbacks are not held up by them,
 * and below the threaded interrupt handlers (prio 49). Linux runs them on
 * interrupt exit as well, which here would mean running them on the
 * handler stack with lower interrupts held off; one thread keeps them
 * simple and preemptible by interrupts.
 *
 * While the actions run, the preempt count holds SOFTIRQ_OFFSET
 * (in_serving_softirq()), so no thread preempts them, as in Linux; a
 * thread that shares data with them uses local_bh_disable/spin_lock_bh,
 * which keeps ksoftirqd off the core instead.
 *
 * Tasklets: a list per priority (HI_SOFTIRQ before TASKLET_SOFTIRQ); a
 * tasklet scheduled several times before it runs runs once; a disabled
 * one stays scheduled and runs after tasklet_enable.
 */
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/sched.h>
#include <linux/wait.h>

const char *const softirq_to_name[NR_SOFTIRQS] = {
	"HI", "TIMER", "NET_TX", "NET_RX", "BLOCK", "IRQ_POLL", "TASKLET", "SCHED", "HRTIMER", "RCU",
};

static struct softirq_action softirq_vec[NR_SOFTIRQS];
static volatile unsigned int softirq_pending;
static unsigned int softirq_count_vec[NR_SOFTIRQS];
static struct task_struct *ksoftirqd;

void open_softirq(int nr, void (*action)(void))
{
	softirq_vec[nr].action = action;
}

unsigned int local_softirq_pending(void)
{
	return softirq_pending;
}

unsigned int kstat_softirqs_cpu(unsigned int irq, int cpu)
{
	(void)cpu;
	return irq < NR_SOFTIRQS ? softirq_count_vec[irq] : 0;
}

void raise_softirq_irqoff(unsigned int nr)
{
	softirq_pending |= 1u << nr;
	if (ksoftirqd)
		wake_up_process(ksoftirqd);
}

void raise_softirq(unsigned int nr)
{
	unsigned long flags;
	local_irq_save(flags);
	raise_softirq_irqoff(nr);
	local_irq_restore(flags);
}

void local_bh_enable(void)
{
	barrier();
	preempt_count_sub(SOFTIRQ_DISABLE_OFFSET);
	/* ksoftirqd, woken meanwhile, may take the core now. */
	if (!preempt_count() && need_resched())
		preempt_schedule();
}

/* A few rounds at most, then the others get a turn at the runqueue. */
#define MAX_SOFTIRQ_RESTART 10

static void handle_softirqs(void)
{
	preempt_count_add(SOFTIRQ_OFFSET);
	for (int restart = MAX_SOFTIRQ_RESTART; restart; restart--) {
		local_irq_disable();
		unsigned int pending = softirq_pending;
		softirq_pending = 0;
		local_irq_enable();
		if (!pending)
			break;
		for (unsigned int nr = 0; pending; nr++, pending >>= 1) {
			if (!(pending & 1))
				continue;
			softirq_count_vec[nr]++;
			if (softirq_vec[nr].action)
				softirq_vec[nr].action();
			if (preempt_count() != SOFTIRQ_OFFSET) {
				pr_err("huh, entered softirq %u %s %p with preempt_count %08lx, exited with %08lx?\n",
				       nr, softirq_to_name[nr], softirq_vec[nr].action,
				       (unsigned long)SOFTIRQ_OFFSET, preempt_count());
				__preempt_count = SOFTIRQ_OFFSET;
			}
		}
	}
	preempt_count_sub(SOFTIRQ_OFFSET);
}

static int run_ksoftirqd(void *data)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (!softirq_pending)
			schedule();
		__set_current_state(TASK_RUNNING);
		handle_softirqs();
		/* Threads woken by the callbacks run now if they matter more. */
		if (need_resched())
			preempt_schedule();
	}
	return 0;
}

static int spawn_ksoftirqd(void)
{
	struct task_struct *t = kthread_create(run_ksoftirqd, NULL, "ksoftirqd/0");
	if (IS_ERR(t))
		panic("cannot create ksoftirqd");
	sched_set_fifo_low(t);
	ksoftirqd = t;
	wake_up_process(t);
	return 0;
}
early_initcall(spawn_ksoftirqd);

/* Tasklets. */
struct tasklet_head {
	struct tasklet_struct *head;
	struct tasklet_struct **tail;
};

static struct tasklet_head tasklet_vec, tasklet_hi_vec;
static DECLARE_WAIT_QUEUE_HEAD(tasklet_wq);

void tasklet_init(struct tasklet_struct *t, void (*func)(unsigned long), unsigned long data)
{
	t->next = NULL;
	t->state = 0;
	t->count = 0;
	t->func = func;
	t->use_callback = false;
	t->data = data;
}

void tasklet_setup(struct tasklet_struct *t, void (*callback)(struct tasklet_struct *))
{
	t->next = NULL;
	t->state = 0;
	t->count = 0;
	t->callback = callback;
	t->use_callback = true;
	t->data = 0;
}

/* Interrupts off. */
static void tasklet_enqueue(struct tasklet_struct *t, struct tasklet_head *h, unsigned int nr)
{
	t->next = NULL;
	*h->tail = t;
	h->tail = &t->next;
	if (!t->count)
		raise_softirq_irqoff(nr);
}

static void __tasklet_schedule(struct tasklet_struct *t, struct tasklet_head *h, unsigned int nr)
{
	unsigned long flags;
	local_irq_save(flags);
	if (!(t->state & BIT(TASKLET_STATE_SCHED))) {
		t->state |= BIT(TASKLET_STATE_SCHED);
		tasklet_enqueue(t, h, nr);
	}
	local_irq_restore(flags);
}

void tasklet_schedule(struct tasklet_struct *t)
{
	__tasklet_schedule(t, &tasklet_vec, TASKLET_SOFTIRQ);
}

void tasklet_hi_schedule(struct tasklet_struct *t)
{
	__tasklet_schedule(t, &tasklet_hi_vec, HI_SOFTIRQ);
}

static void tasklet_action_common(struct tasklet_head *h, unsigned int nr)
{
	local_irq_disable();
	struct tasklet_struct *list = h->head;
	h->head = NULL;
	h->tail = &h->head;
	local_irq_enable();
	while (list) {
		struct tasklet_struct *t = list;
		list = list->next;
		local_irq_disable();
		if (t->count) {
			/* Disabled: keep it scheduled, without raising (it
			 * would only spin); tasklet_enable raises again. */
			t->next = NULL;
			*h->tail = t;
			h->tail = &t->next;
			local_irq_enable();
			continue;
		}
		t->state = (t->state & ~BIT(TASKLET_STATE_SCHED)) | BIT(TASKLET_STATE_RUN);
		local_irq_enable();
		if (t->use_callback)
			t->callback(t);
		else
			t->func(t->data);
		local_irq_disable();
		t->state &= ~BIT(TASKLET_STATE_RUN);
		local_irq_enable();
	}
	wake_up_all(&tasklet_wq);
}

static void tasklet_action(void)
{
	tasklet_action_common(&tasklet_vec, TASKLET_SOFTIRQ);
}

static void tasklet_hi_action(void)
{
	tasklet_action_common(&tasklet_hi_vec, HI_SOFTIRQ);
}

void tasklet_disable_nosync(struct tasklet_struct *t)
{
	unsigned long flags;
	local_irq_save(flags);
	t->count++;
	local_irq_restore(flags);
}

void tasklet_disable(struct tasklet_struct *t)
{
	tasklet_disable_nosync(t);
	/* Its present run, if any, ends first. */
	if (!in_serving_softirq())
		wait_event(tasklet_wq, !(READ_ONCE(t->state) & BIT(TASKLET_STATE_RUN)));
}

void tasklet_enable(struct tasklet_struct *t)
{
	unsigned long flags;
	local_irq_save(flags);
	if (!WARN_ON_ONCE(t->count <= 0) && !--t->count && (t->state & BIT(TASKLET_STATE_SCHED))) {
		/* It waits on one of the two lists. */
		raise_softirq_irqoff(TASKLET_SOFTIRQ);
		raise_softirq_irqoff(HI_SOFTIRQ);
	}
	local_irq_restore(flags);
}

void tasklet_kill(struct tasklet_struct *t)
{
	might_sleep();
	/* Take the SCHED bit ourselves once it is free: then it cannot be
	 * scheduled again until we are done. */
	for (;;) {
		unsigned long flags;
		local_irq_save(flags);
		bool free = !(t->state & BIT(TASKLET_STATE_SCHED));
		if (free)
			t->state |= BIT(TASKLET_STATE_SCHED);
		local_irq_restore(flags);
		if (free)
			break;
		wait_event(tasklet_wq, !(READ_ONCE(t->state) & BIT(TASKLET_STATE_SCHED)));
	}
	wait_event(tasklet_wq, !(READ_ONCE(t->state) & BIT(TASKLET_STATE_RUN)));
	unsigned long flags;
	local_irq_save(flags);
	t->state &= ~BIT(TASKLET_STATE_SCHED);
	local_irq_restore(flags);
}

void softirq_init(void)
{
	tasklet_vec.tail = &tasklet_vec.head;
	tasklet_hi_vec.tail = &tasklet_hi_vec.head;
	open_softirq(TASKLET_SOFTIRQ, tasklet_action);
	open_softirq(HI_SOFTIRQ, tasklet_hi_action);
}
