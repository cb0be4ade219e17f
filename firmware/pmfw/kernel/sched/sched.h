/* What the scheduler's files and arch/arm/ share (Linux's
 * kernel/sched/sched.h and the arch's switch_to). */
#ifndef _KERNEL_SCHED_SCHED_H
#define _KERNEL_SCHED_SCHED_H

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kthread.h>
#include <linux/sched.h>

/* Stacks of the two threads the boot makes: init runs the initcalls,
 * the boot-time tests and the shell; idle runs cpuidle. */
#define INIT_THREAD_SIZE 4096
#define IDLE_THREAD_SIZE THREAD_SIZE

void sched_fork(struct task_struct *p);
__noreturn void do_task_dead(void);
unsigned long __schedule(unsigned long prev_sp);
void sched_start(void);
__noreturn void cpu_startup_entry(void);

/* arch/arm/process.c: the first frame of a new thread, so that the
 * first switch to it "returns" into fn(arg) in thread mode on its stack;
 * and the boot context's move onto its own stack. */
void copy_thread(struct task_struct *p, void (*fn)(void *), void *arg);
__noreturn void arch_start_idle(void *stack_top, void (*fn)(void));
void arch_cpu_idle(void);

#endif
