/*
 * Threads (kernel/sched/core.c): fixed-priority preemptive scheduling on
 * one core. A thread runs until it blocks, yields, or a thread of higher
 * priority becomes runnable, which takes the core at once (from a thread
 * or from an interrupt handler); threads of equal priority run in FIFO
 * order, with no time slices. A context switch is a PendSV, the
 * exception of lowest priority; interrupt handlers run on the main stack
 * (MSP) and never block; threads run on their own stacks (PSP).
 *
 * Priorities are Linux's kernel view (task_struct.prio): a lower number
 * is more important. Real-time threads (SCHED_FIFO, rt_priority 1-99)
 * have prio 98-0; normal threads (SCHED_NORMAL) 100-139 by nice (-20 to
 * 19), kernel threads start at 120 (nice 0); the idle thread is 140,
 * below all. pmfw schedules SCHED_NORMAL by the same fixed-priority rule
 * (no fair sharing): docs/pmfw.md, "Kernel core".
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/compiler.h>
#include <linux/list.h>
#include <linux/preempt.h>
#include <linux/types.h>

/* task_struct.__state */
#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_DEAD 0x0080
#define TASK_WAKEKILL 0x0100
#define TASK_NOLOAD 0x0400
#define TASK_KILLABLE (TASK_WAKEKILL | TASK_UNINTERRUPTIBLE)
#define TASK_IDLE (TASK_UNINTERRUPTIBLE | TASK_NOLOAD)
#define TASK_NORMAL (TASK_INTERRUPTIBLE | TASK_UNINTERRUPTIBLE)
#define TASK_COMM_LEN 16

/* task_struct.flags */
#define PF_IDLE 0x00000002
#define PF_EXITING 0x00000004
#define PF_WQ_WORKER 0x00000020
#define PF_NOFREEZE 0x00008000   /* not freezable (every kthread until set_freezable) */
#define PF_FROZEN 0x00010000     /* in the refrigerator (linux/freezer.h) */
#define PF_SUSPEND_TASK 0x80000000 /* the thread running the freezer */
#define PF_KTHREAD 0x00200000

/* Scheduling policies (uapi/linux/sched.h). */
#define SCHED_NORMAL 0
#define SCHED_FIFO 1
#define SCHED_RR 2
#define SCHED_IDLE 5

#define MAX_NICE 19
#define MIN_NICE -20
#define MAX_RT_PRIO 100
#define DEFAULT_PRIO 120 /* nice 0 */
#define MAX_PRIO 140     /* the idle thread's */
#define NICE_TO_PRIO(nice) ((nice) + DEFAULT_PRIO)
#define PRIO_TO_NICE(prio) ((prio) - DEFAULT_PRIO)

#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))

/* Stacks: a thread's is kmalloc'd, zero-filled, with STACK_END_MAGIC in
 * its lowest word; the scheduler checks that word whenever the thread
 * is switched out and panics naming the thread if it was overwritten.
 * THREAD_SIZE is the default size (kthread_create); the init thread and
 * threads made with kthread_create_with_stack choose their own. */
#define THREAD_SIZE 1536
#define STACK_END_MAGIC 0x57AC6E9D

struct sched_param {
	int sched_priority;
};

struct sched_entity {
	u64 exec_start;       /* ns (local_clock) when it last got the core */
	u64 sum_exec_runtime; /* ns it has run, until it last left the core */
};

struct task_struct {
	/* The saved stack pointer (PSP): r4-r11 and the exception frame are
	 * on the thread's stack while it is not running. Must stay first
	 * (arch/arm/entry.c). */
	unsigned long sp;
	unsigned int __state;
	unsigned int flags;  /* PF_* */
	int on_rq;           /* runnable: on the runqueue (the running one too) */
	int prio;            /* what the scheduler compares: lower runs first */
	int static_prio;     /* from nice, for SCHED_NORMAL */
	unsigned int rt_priority;
	unsigned int policy;
	char comm[TASK_COMM_LEN];
	pid_t pid;
	int usage;           /* references; freed (stack too) at 0 once dead */
	void *stack;         /* the stack's lowest address */
	size_t stack_size;
	struct list_head run_list; /* on the runqueue, in priority order */
	struct list_head tasks;    /* on task_list, in creation order */
	void *worker_private;      /* struct kthread (kernel/kthread.c) */
	int exit_code;
	struct sched_entity se;
	/* Context switches: voluntary (it blocked), involuntary (a more
	 * important thread took the core, or it yielded). */
	unsigned long nvcsw, nivcsw;
};

extern struct task_struct *current_task;
#define current current_task
/* The idle thread, pid 0 (the boot context, "swapper"). */
extern struct task_struct init_task;

#define task_is_running(p) (READ_ONCE((p)->__state) == TASK_RUNNING)
#define set_current_state(s) WRITE_ONCE(current->__state, (s))
#define __set_current_state(s) (current->__state = (s))

/* Block the current thread if its state is not TASK_RUNNING (a wake-up
 * sets it back); otherwise let a more important runnable thread run. */
void schedule(void);
/* Sleep for `timeout` jiffies, or until woken (kernel/time/sleep_timeout.c);
 * returns the jiffies left (0: timed out). The _interruptible and
 * _uninterruptible variants set the state first. */
long schedule_timeout(long timeout);
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
long schedule_timeout_idle(long timeout);
/* Make p runnable if its state is in `state`; 1 if it was woken. */
int wake_up_state(struct task_struct *p, unsigned int state);
int wake_up_process(struct task_struct *p);
/* Let the other runnable threads of the same priority run first. */
void yield(void);
/* Run a more important runnable thread, if any (always the case: the
 * core is preemptive); 1 if one ran. */
int _cond_resched(void);
#define cond_resched() _cond_resched()

/* Priorities. */
int sched_setscheduler_nocheck(struct task_struct *p, int policy,
			       const struct sched_param *param);
void sched_set_fifo(struct task_struct *p);     /* rt_priority 50: prio 49 */
void sched_set_fifo_low(struct task_struct *p); /* rt_priority 1: prio 98 */
void sched_set_normal(struct task_struct *p, int nice);
void set_user_nice(struct task_struct *p, long nice);
static inline int task_nice(const struct task_struct *p)
{
	return PRIO_TO_NICE(p->static_prio);
}

/* References: a thread's task_struct and stack stay until it has exited
 * and the last reference is dropped. */
static inline struct task_struct *get_task_struct(struct task_struct *t)
{
	t->usage++;
	return t;
}
void put_task_struct(struct task_struct *t);

static inline unsigned long *end_of_stack(const struct task_struct *p)
{
	return (unsigned long *)p->stack;
}
#define task_stack_end_corrupted(task) (*(end_of_stack(task)) != STACK_END_MAGIC)
/* Bytes of the stack never written (CONFIG_DEBUG_STACK_USAGE): stacks
 * start zeroed, so this is the low-water mark's distance from the end. */
unsigned long stack_not_used(const struct task_struct *p);

/* Context switches since boot. */
unsigned long long nr_context_switches(void);

/* Every thread, in creation order (the shell's ps). */
extern struct list_head task_list;
#define for_each_process(p) list_for_each_entry(p, &task_list, tasks)

/* Kernel threads ignore signals, as in Linux, and pmfw has only kernel
 * threads: an interruptible sleep ends only by a wake-up or a timeout. */
static inline int signal_pending(const struct task_struct *p)
{
	(void)p;
	return 0;
}
static inline int fatal_signal_pending(const struct task_struct *p)
{
	(void)p;
	return 0;
}
#define signal_pending_state(state, p) 0

/* Sleeping where it is not allowed (an interrupt handler, a softirq,
 * preemption or interrupts disabled) is reported once per call site
 * ("BUG: sleeping function called from invalid context"). */
void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)

/* kernel/sched/: boot. sched_init makes the boot context the idle
 * thread's task_struct (pid 0); rest_init starts init (pid 1) running
 * kernel_init and turns the boot context into the idle thread. */
void sched_init(void);
/* The tick's part (kernel/time/tick-sched.c calls it every jiffy while the
 * tick runs, interrupts off). */
void scheduler_tick(void);
__noreturn void rest_init(const char *init_command);
__noreturn void kernel_init(const char *init_command);

#endif
