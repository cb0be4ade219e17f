/*
 * The scheduler (Linux's kernel/sched/core.c and rt.c, for one core and
 * fixed priorities).
 *
 * The runqueue is one list of runnable threads (the running one
 * included), ordered by prio, FIFO within a prio: a thread made runnable
 * goes behind those of its prio, so the list's first entry is always the
 * thread that should run. A thread preempted by a more important one keeps
 * its place, at the head of its prio (SCHED_FIFO); yield() moves it
 * behind its equals. The idle thread (prio 140) is always on it, last.
 *
 * Switching is done by the PendSV exception, which has the lowest
 * priority of all (sched_init; every device interrupt has priority 0,
 * drivers/irqchip/irq-nvic.c): a
 * wake-up that makes a more important thread runnable pends it, and it
 * runs as soon as nothing else is active and interrupts are enabled —
 * at once from a thread, or when the last interrupt handler returns.
 * arch/arm/entry.c saves r4-r11 on the outgoing thread's stack and calls
 * __schedule(), which picks the first runnable thread, accounts the time
 * and the switch, and returns the stack to resume.
 *
 * A thread blocks by setting its state and calling schedule(), which
 * takes it off the runqueue unless a wake-up came in between (which set
 * it back to TASK_RUNNING): no wake-up is lost. Preemption is held off
 * while __preempt_count is non-zero (spin_lock, local_bh_disable, ...):
 * PendSV then leaves the thread running and the switch happens at the
 * preempt_enable that brings the count to zero.
 *
 * Statistics per thread, with Linux's names: se.sum_exec_runtime (ns on
 * the core, from local_clock), nvcsw (it blocked) and nivcsw (it was
 * preempted or yielded), counted only when the core really changes
 * thread.
 */
#include <linux/kernel.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/sched/cpufreq.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/tick.h>

#include "../../arch/arm/arch.h"
#include "sched.h"

volatile unsigned long __preempt_count;
volatile bool __need_resched;

struct task_struct init_task = {
	.__state = TASK_RUNNING,
	.flags = PF_KTHREAD | PF_IDLE | PF_NOFREEZE,
	.prio = MAX_PRIO,
	.static_prio = MAX_PRIO,
	.policy = SCHED_IDLE,
	.comm = "swapper",
	.pid = 0,
	.usage = 1,
	.run_list = LIST_HEAD_INIT(init_task.run_list),
	.tasks = LIST_HEAD_INIT(init_task.tasks),
};
struct task_struct *current_task = &init_task;
LIST_HEAD(task_list);

static LIST_HEAD(runqueue);
static pid_t last_pid;
static bool scheduler_running;
static unsigned long long nr_switches;

/* Behind the threads of p's prio, or (head) in front of them. */
static void enqueue_task(struct task_struct *p, bool head)
{
	struct task_struct *q;
	list_for_each_entry(q, &runqueue, run_list)
		if (head ? q->prio >= p->prio : q->prio > p->prio)
			break;
	list_add_tail(&p->run_list, &q->run_list);
	p->on_rq = 1;
}

static void dequeue_task(struct task_struct *p)
{
	list_del_init(&p->run_list);
	p->on_rq = 0;
}

static void resched_curr(void)
{
	__need_resched = true;
	SCB_ICSR = ICSR_PENDSVSET;
	__asm__ volatile("dsb" ::: "memory");
}

/* p became runnable, or more important: does it take the core? */
static void check_preempt_curr(struct task_struct *p)
{
	if (p->prio < current->prio)
		resched_curr();
}

void preempt_schedule(void)
{
	if (!scheduler_running)
		return;
	resched_curr();
	__asm__ volatile("isb" ::: "memory");
}

static __noreturn void stack_end_panic(struct task_struct *p)
{
	panic("corrupted stack end detected inside scheduler: %s (pid %d) overflowed its %lu-byte stack",
	      p->comm, p->pid, (unsigned long)p->stack_size);
}

/* From PendSV (arch/arm/entry.c), on the main stack, with the outgoing
 * thread's registers saved on its own stack at prev_sp. */
unsigned long __schedule(unsigned long prev_sp)
{
	struct task_struct *prev = current, *next;
	unsigned long flags;
	local_irq_save(flags);
	prev->sp = prev_sp;
	if (preempt_count() && prev->on_rq) {
		/* Not now: preempt_enable will come back (need_resched). */
		local_irq_restore(flags);
		return prev_sp;
	}
	__need_resched = false;
	next = list_first_entry(&runqueue, struct task_struct, run_list);
	if (next != prev) {
		if (task_stack_end_corrupted(prev))
			stack_end_panic(prev);
		u64 now = local_clock();
		/* The CPU goes idle or stops being idle: cpufreq's utilization
		 * and update_util hook (kernel/sched/cpufreq.c), which may wake
		 * a governor's thread that then runs first. Only while a
		 * governor installed one: nothing is added to a switch else. */
		if (unlikely(cpufreq_update_util_data) && ((prev->flags | next->flags) & PF_IDLE)) {
			sched_cpufreq_idle_switch(prev->flags & PF_IDLE, now);
			next = list_first_entry(&runqueue, struct task_struct, run_list);
		}
		prev->se.sum_exec_runtime += now - prev->se.exec_start;
		next->se.exec_start = now;
		if (prev->on_rq)
			prev->nivcsw++;
		else
			prev->nvcsw++;
		nr_switches++;
		/* Leaving idle: deferrable timers count again. */
		if (prev->flags & PF_IDLE)
			tick_nohz_idle_exit();
		current_task = next;
		/* Off its stack now: a thread that exited can go. */
		if (prev->__state == TASK_DEAD)
			put_task_struct(prev);
	}
	local_irq_restore(flags);
	return next->sp;
}

static void __schedule_bug(struct task_struct *prev)
{
	pr_err("BUG: scheduling while atomic: %s/%d/0x%08lx\n", prev->comm, prev->pid,
	       preempt_count());
	__warn(__FILE__, __LINE__);
}

void schedule(void)
{
	struct task_struct *prev = current;
	if (arch_ipsr() || !scheduler_running)
		panic("schedule() from %s (%s, pid %d)",
		      arch_ipsr() ? "an exception handler" : "the boot context", prev->comm,
		      prev->pid);
	if (unlikely(preempt_count())) {
		/* As Linux: report it, then carry on preemptible. */
		__schedule_bug(prev);
		__preempt_count = 0;
	}
	local_irq_disable();
	if (prev->__state != TASK_RUNNING && prev->on_rq)
		dequeue_task(prev);
	resched_curr();
	/* PendSV is taken here, and returns here when prev runs again. */
	local_irq_enable();
	__asm__ volatile("isb" ::: "memory");
}

int wake_up_state(struct task_struct *p, unsigned int state)
{
	unsigned long flags;
	int woken = 0;
	local_irq_save(flags);
	if (p->__state & state) {
		p->__state = TASK_RUNNING;
		if (!p->on_rq) {
			enqueue_task(p, false);
			check_preempt_curr(p);
		}
		woken = 1;
	}
	local_irq_restore(flags);
	return woken;
}

int wake_up_process(struct task_struct *p)
{
	return wake_up_state(p, TASK_NORMAL);
}

void yield(void)
{
	struct task_struct *p = current;
	local_irq_disable();
	dequeue_task(p);
	enqueue_task(p, false);
	local_irq_enable();
	__set_current_state(TASK_RUNNING);
	schedule();
}

int _cond_resched(void)
{
	/* Preemption is immediate: nothing more important can be waiting. */
	return 0;
}

static int rt_prio(unsigned int rt_priority)
{
	return MAX_RT_PRIO - 1 - (int)rt_priority;
}

int sched_setscheduler_nocheck(struct task_struct *p, int policy,
			       const struct sched_param *param)
{
	int prio;
	if (p->flags & PF_IDLE)
		return -EINVAL;
	switch (policy) {
	case SCHED_FIFO:
	case SCHED_RR:
		if (param->sched_priority < 1 || param->sched_priority > MAX_RT_PRIO - 1)
			return -EINVAL;
		prio = rt_prio((unsigned int)param->sched_priority);
		break;
	case SCHED_NORMAL:
		if (param->sched_priority)
			return -EINVAL;
		prio = p->static_prio;
		break;
	default:
		return -EINVAL;
	}
	unsigned long flags;
	local_irq_save(flags);
	int oldprio = p->prio;
	p->policy = (unsigned int)policy;
	p->rt_priority = policy == SCHED_NORMAL ? 0 : (unsigned int)param->sched_priority;
	p->prio = prio;
	if (p->on_rq) {
		/* Made less important: first of its new prio (as Linux). */
		dequeue_task(p);
		enqueue_task(p, oldprio < prio);
		if (p == current) {
			if (list_first_entry(&runqueue, struct task_struct, run_list) != p)
				resched_curr();
		} else {
			check_preempt_curr(p);
		}
	}
	local_irq_restore(flags);
	return 0;
}

void sched_set_fifo(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = MAX_RT_PRIO / 2 };
	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_FIFO, &sp) != 0);
}

void sched_set_fifo_low(struct task_struct *p)
{
	struct sched_param sp = { .sched_priority = 1 };
	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_FIFO, &sp) != 0);
}

void set_user_nice(struct task_struct *p, long nice)
{
	if (nice < MIN_NICE || nice > MAX_NICE || (p->flags & PF_IDLE))
		return;
	unsigned long flags;
	local_irq_save(flags);
	p->static_prio = NICE_TO_PRIO((int)nice);
	local_irq_restore(flags);
	if (p->policy == SCHED_NORMAL) {
		struct sched_param sp = { 0 };
		sched_setscheduler_nocheck(p, SCHED_NORMAL, &sp);
	}
}

void sched_set_normal(struct task_struct *p, int nice)
{
	struct sched_param sp = { 0 };
	set_user_nice(p, nice);
	WARN_ON_ONCE(sched_setscheduler_nocheck(p, SCHED_NORMAL, &sp) != 0);
}

/* A new thread (kernel/kthread.c): SCHED_NORMAL, nice 0, not yet
 * runnable (TASK_UNINTERRUPTIBLE until wake_up_process), one reference
 * (its own, dropped when it has exited and left the core). */
void sched_fork(struct task_struct *p)
{
	unsigned long flags;
	p->__state = TASK_UNINTERRUPTIBLE;
	/* Kernel threads are not freezable until they say so (set_freezable). */
	p->flags |= PF_KTHREAD | PF_NOFREEZE;
	p->policy = SCHED_NORMAL;
	p->static_prio = p->prio = DEFAULT_PRIO;
	p->usage = 1;
	INIT_LIST_HEAD(&p->run_list);
	local_irq_save(flags);
	p->pid = ++last_pid;
	list_add_tail(&p->tasks, &task_list);
	local_irq_restore(flags);
}

/* The current thread is done: it leaves the runqueue for good. */
__noreturn void do_task_dead(void)
{
	local_irq_disable();
	current->flags |= PF_EXITING;
	current->__state = TASK_DEAD;
	local_irq_enable();
	schedule();
	BUG();
}

void put_task_struct(struct task_struct *t)
{
	unsigned long flags;
	local_irq_save(flags);
	bool last = --t->usage == 0;
	if (last)
		list_del(&t->tasks);
	local_irq_restore(flags);
	if (!last)
		return;
	kfree(t->worker_private);
	kfree(t->stack);
	kfree(t);
}

unsigned long stack_not_used(const struct task_struct *p)
{
	const unsigned long *n = end_of_stack(p) + 1;
	const unsigned long *top = (const unsigned long *)((const char *)p->stack + p->stack_size);
	while (n < top && !*n)
		n++;
	return (unsigned long)((const char *)n - (const char *)(end_of_stack(p) + 1));
}

unsigned long long nr_context_switches(void)
{
	return nr_switches;
}

void __might_sleep(const char *file, int line)
{
	static unsigned int reported;
	if (likely(!preempt_count() && !irqs_disabled() && !arch_ipsr()) || !scheduler_running)
		return;
	/* A few reports are enough to find the culprit; more would only
	 * flood a slow console. */
	if (reported++ >= 4)
		return;
	pr_err("BUG: sleeping function called from invalid context at %s:%d\n", file, line);
	pr_err("in_atomic(): %d, irqs_disabled(): %d, pid: %d, name: %s\n", in_atomic() ? 1 : 0,
	       irqs_disabled() ? 1 : 0, current->pid, current->comm);
	__warn(file, line);
}

void sched_init(void)
{
	/* Interrupts stay off until the idle thread starts (rest_init):
	 * nothing may switch while the boot context runs on the main stack. */
	local_irq_disable();
	/* PendSV below every other exception (SHPR3[23:16]). */
	SCB_SHPR3 = (SCB_SHPR3 & ~0x00ff0000u) | 0x00ff0000u;
	list_add_tail(&init_task.tasks, &task_list);
	enqueue_task(&init_task, false);
}

/* The init thread's body: Linux's kernel_init, in init/main.c. */
static int kernel_init_thread(void *cmd)
{
	kernel_init(cmd);
}

/*
 * Start init (pid 1) and become the idle thread. The boot context gives
 * up the main stack (its frames are never returned to) for a stack of its
 * own on PSP, so that it can be switched out like any other thread, and
 * handlers get the whole main stack.
 */
__noreturn void rest_init(const char *init_command)
{
	struct task_struct *init = kthread_create_with_stack(kernel_init_thread,
							     (void *)init_command,
							     INIT_THREAD_SIZE, "init");
	if (IS_ERR(init))
		panic("cannot create the init thread (%ld)", PTR_ERR(init));
	void *stack = kzalloc(IDLE_THREAD_SIZE, GFP_KERNEL);
	if (!stack)
		panic("no memory for the idle thread's stack");
	init_task.stack = stack;
	init_task.stack_size = IDLE_THREAD_SIZE;
	*end_of_stack(&init_task) = STACK_END_MAGIC;
	wake_up_process(init);
	arch_start_idle((char *)stack + IDLE_THREAD_SIZE, cpu_startup_entry);
}

/* From the tick, interrupts off (Linux's scheduler_tick: the running
 * thread's runtime brought up to date, so that what reads it between
 * switches, cpufreq's load among them, sees time as it passes). */
void scheduler_tick(void)
{
	if (!scheduler_running)
		return;
	u64 now = local_clock();
	current_task->se.sum_exec_runtime += now - current_task->se.exec_start;
	current_task->se.exec_start = now;
	/* cpufreq's utilization and update_util hook, as Linux's tick
	 * updates the load average (kernel/sched/cpufreq.c). */
	if (unlikely(cpufreq_update_util_data))
		sched_cpufreq_tick(!(current_task->flags & PF_IDLE), now);
}

/* The idle thread's first steps (kernel/sched/idle.c calls it). */
void sched_start(void)
{
	scheduler_running = true;
	init_task.se.exec_start = local_clock();
	local_irq_enable();
	/* init was woken before any switch could happen: let it run. */
	preempt_schedule();
}
