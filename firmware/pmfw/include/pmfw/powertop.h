/*
 * Wake-up accounting for the shell's powertop (kernel/trace/powertop.c):
 * what PowerTOP reads from Linux's tracepoints (power:cpu_idle,
 * irq:irq_handler_entry/exit, timer:timer_expire_entry/exit,
 * timer:hrtimer_expire_entry/exit), counted in the kernel, with the
 * definition of pmsim's report ("Top causes of wake-ups", docs/report.md):
 *
 *  - a wake-up is the core coming out of a WFI that slept (one an
 *    exception already pending ended at once is none), or out of system
 *    suspend or a power-off idle state through the warm boot;
 *  - it counts for the exception that ended it, as the PMU names it: the
 *    highest pending one when the core resumes (ICSR.VECTPENDING, read
 *    right after the WFI while interrupts are still masked), or, through
 *    the warm boot that reset the NVIC, the PMU's WAKE_EXC;
 *  - the first timer or hrtimer callback after it, before the core sleeps
 *    again, is that wake-up's timer cause;
 *  - every interrupt (an NVIC line: a GPIO block's secondary interrupts
 *    count for its line) and every callback is an event.
 *
 * Counters only, no allocation, no clock read: callbacks are told apart
 * by function, in a table of POWERTOP_TIMERS; the rest count together as
 * "other". The time each takes (PowerTOP's usage) is not measured: two
 * reads of the clocksource per event made an hrtimer's latency on the
 * MCU (16 MHz) 67 µs, past the 60 µs its tests allow (docs/pmfw.md).
 */
#ifndef _PMFW_POWERTOP_H
#define _PMFW_POWERTOP_H

#include <linux/types.h>

#define POWERTOP_IRQS 64   /* NVIC lines (arch/arm's NR_IRQS) */
#define POWERTOP_TIMERS 24 /* distinct callbacks, then "other" */

struct powertop_count {
	u32 events;
	u32 wakeups;
};

struct powertop_stats {
	u32 wakeups;                       /* all of them */
	/* Per NVIC line; [POWERTOP_IRQS]: woken by another exception. */
	struct powertop_count irq[POWERTOP_IRQS + 1];
	/* Per callback; [POWERTOP_TIMERS]: the callbacks beyond the table. */
	const void *timer_fn[POWERTOP_TIMERS];
	struct powertop_count timer[POWERTOP_TIMERS + 1];
};

/* The core woke; vector is the exception that woke it (ICSR.VECTPENDING,
 * interrupts masked; the PMU's WAKE_EXC after a warm boot). arch/arm's
 * arch_wfi and the warm boot call it. */
void powertop_cpu_woke(unsigned int vector);

/* An NVIC line's interrupt is handled (handle_arch_irq). */
void powertop_irq_entry(unsigned int irq);

/* A timer_list or hrtimer callback is about to run, interrupts masked:
 * writes pmsim's `timer:` marker (include/pmfw/marker.h) and returns
 * whether the callback is a wake-up's cause, so that the guest and the
 * report see the same first callback. After the callback, interrupts
 * masked again, _exit counts it. (The search for its slot comes after:
 * the time before a callback stays the same for every callback.) */
bool powertop_timer_expire_entry(const void *fn);
void powertop_timer_expire_exit(const void *fn, bool woke);

/* A copy of the counters since boot, taken with interrupts masked. */
void powertop_snapshot(struct powertop_stats *st);

#endif
