/*
 * The preemption counter (include/linux/preempt.h). One word says what
 * context the core is in, with Linux's layout:
 *
 *   bits  0-7   preemption disabled (preempt_disable nests)
 *   bits  8-15  softirq: SOFTIRQ_OFFSET while softirqs run (ksoftirqd),
 *               SOFTIRQ_DISABLE_OFFSET per local_bh_disable
 *   bits 16-19  hard interrupt: HARDIRQ_OFFSET per interrupt being handled
 *
 * There is one core, so the counter is one variable (as x86's per-CPU
 * __preempt_count), not a field of each thread: a thread never sleeps
 * with it non-zero (schedule() reports "scheduling while atomic"), so
 * every context switch sees it at zero and it needs no saving.
 *
 * While it is non-zero the running thread is not preempted: a wake-up of
 * a more important thread only sets need_resched, and the switch happens
 * at the preempt_enable that brings the count back to zero.
 */
#ifndef _LINUX_PREEMPT_H
#define _LINUX_PREEMPT_H

#include <linux/compiler.h>
#include <linux/types.h>

#define PREEMPT_BITS 8
#define SOFTIRQ_BITS 8
#define HARDIRQ_BITS 4
#define PREEMPT_SHIFT 0
#define SOFTIRQ_SHIFT (PREEMPT_SHIFT + PREEMPT_BITS)
#define HARDIRQ_SHIFT (SOFTIRQ_SHIFT + SOFTIRQ_BITS)
#define __IRQ_MASK(x) ((1UL << (x)) - 1)
#define PREEMPT_MASK (__IRQ_MASK(PREEMPT_BITS) << PREEMPT_SHIFT)
#define SOFTIRQ_MASK (__IRQ_MASK(SOFTIRQ_BITS) << SOFTIRQ_SHIFT)
#define HARDIRQ_MASK (__IRQ_MASK(HARDIRQ_BITS) << HARDIRQ_SHIFT)
#define PREEMPT_OFFSET (1UL << PREEMPT_SHIFT)
#define SOFTIRQ_OFFSET (1UL << SOFTIRQ_SHIFT)
#define HARDIRQ_OFFSET (1UL << HARDIRQ_SHIFT)
#define SOFTIRQ_DISABLE_OFFSET (2 * SOFTIRQ_OFFSET)

#ifdef PMFW_HOST
/* Host unit tests: one thread, never preempted. */
#define preempt_count() 0
#define preempt_disable() barrier()
#define preempt_enable() barrier()
#define preempt_enable_no_resched() barrier()
#define need_resched() false
#else
extern volatile unsigned long __preempt_count;
extern volatile bool __need_resched;

static __always_inline unsigned long preempt_count(void)
{
	return __preempt_count;
}

/* A more important thread is runnable: switch as soon as allowed. */
static __always_inline bool need_resched(void)
{
	return __need_resched;
}

/* Switch now if need_resched (kernel/sched/core.c). */
void preempt_schedule(void);

#define preempt_count_add(v) (__preempt_count += (v))
#define preempt_count_sub(v) (__preempt_count -= (v))
#define preempt_disable()                \
	do {                             \
		preempt_count_add(1);    \
		barrier();               \
	} while (0)
#define preempt_enable_no_resched()      \
	do {                             \
		barrier();               \
		preempt_count_sub(1);    \
	} while (0)
#define preempt_enable()                                              \
	do {                                                          \
		barrier();                                            \
		if (preempt_count_sub(1) == 0 && unlikely(need_resched())) \
			preempt_schedule();                           \
	} while (0)
#endif

#define hardirq_count() (preempt_count() & HARDIRQ_MASK)
#define softirq_count() (preempt_count() & SOFTIRQ_MASK)
#define irq_count() (preempt_count() & (HARDIRQ_MASK | SOFTIRQ_MASK))

/* in_hardirq: in an interrupt handler; in_serving_softirq: in a softirq
 * action (a timer_list callback, a tasklet); in_softirq: that, or with
 * softirqs disabled; in_interrupt: any of these; in_task: a thread's own
 * code. */
#define in_hardirq() (hardirq_count())
#define in_irq() in_hardirq()
#define in_softirq() (softirq_count())
#define in_serving_softirq() (softirq_count() & SOFTIRQ_OFFSET)
#define in_interrupt() (irq_count())
#define in_task() (!(preempt_count() & (HARDIRQ_MASK | SOFTIRQ_OFFSET)))
#define in_atomic() (preempt_count() != 0)

#endif
