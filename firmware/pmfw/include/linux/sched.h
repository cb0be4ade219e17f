/*
 * Threads (kernel/sched/core.c): fixed-priority preemptive scheduling on
 * one core. A thread runs until it blocks, yields, or a thread of higher
 * priority becomes runnable; threads of equal priority run in FIFO order
 * (SCHED_FIFO). Context switches happen in PendSV; interrupt handlers run
 * on the main stack and never block.
 *
 * Priorities are Linux's kernel view: a lower number is more important.
 * Kernel threads default to 120 (nice 0); the idle thread is below all.
 */
#ifndef _LINUX_SCHED_H
#define _LINUX_SCHED_H

#include <linux/list.h>
#include <linux/types.h>

#define TASK_RUNNING 0x0000
#define TASK_INTERRUPTIBLE 0x0001
#define TASK_UNINTERRUPTIBLE 0x0002
#define TASK_DEAD 0x0080
#define TASK_COMM_LEN 16

#define MAX_RT_PRIO 100
#define DEFAULT_PRIO 120
#define MAX_PRIO 140

#define MAX_SCHEDULE_TIMEOUT ((long)(~0UL >> 1))

struct task_struct {
	/* The saved stack pointer (PSP): r4-r11 and the exception frame are
	 * on the thread's stack while it is not running. Must stay first. */
	unsigned long sp;
	unsigned int __state;
	int prio;
	char comm[TASK_COMM_LEN];
	int pid;
	void *stack;              /* the stack's lowest address */
	size_t stack_size;
	int (*threadfn)(void *data);
	void *data;
	struct list_head run_list; /* on the runqueue while runnable */
	struct list_head tasks;    /* every task */
	struct timer_list *sleep_timer;
	bool should_stop;
	int exit_code;
	/* Statistics: time spent running (ns), context switches. */
	u64 sum_exec_runtime;
	u64 exec_start;
	unsigned long nvcsw, nivcsw;
};

extern struct task_struct *current_task;
#define current current_task

/* Create a thread that runs threadfn(data) when first scheduled, with a
 * stack of `stack_size` bytes (0: the default, 1 KiB). kthread_create
 * leaves it stopped until wake_up_process; kthread_run starts it. */
struct task_struct *kthread_create_on_stack(int (*threadfn)(void *data), void *data,
					    size_t stack_size, const char *namefmt, ...)
	__printf(4, 5);
#define kthread_create(fn, data, ...) kthread_create_on_stack(fn, data, 0, __VA_ARGS__)
struct task_struct *kthread_run_prio(int (*threadfn)(void *data), void *data, int prio,
				     const char *name);
#define kthread_run(fn, data, name) kthread_run_prio(fn, data, DEFAULT_PRIO, name)
int kthread_stop(struct task_struct *k);
bool kthread_should_stop(void);
void sched_set_prio(struct task_struct *p, int prio);

/* Block the current thread if its state is not TASK_RUNNING. */
void schedule(void);
long schedule_timeout(long timeout);           /* jiffies; returns jiffies left */
long schedule_timeout_interruptible(long timeout);
long schedule_timeout_uninterruptible(long timeout);
int wake_up_process(struct task_struct *p);   /* 1 if it was woken */
void yield(void);
#define set_current_state(s) WRITE_ONCE(current->__state, (s))
#define __set_current_state(s) (current->__state = (s))

/* Iterate over every thread (the shell's ps). */
#define for_each_process(p) list_for_each_entry(p, &task_list, tasks)
extern struct list_head task_list;

#endif
