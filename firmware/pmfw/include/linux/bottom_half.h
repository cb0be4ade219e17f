/*
 * Disabling softirqs (include/linux/bottom_half.h). Softirqs (timer_list
 * callbacks, tasklets) run in the ksoftirqd thread (kernel/softirq.c);
 * local_bh_disable keeps it, and every other thread, from running until
 * the matching local_bh_enable, which is what makes data shared with a
 * timer callback safe under spin_lock_bh.
 */
#ifndef _LINUX_BH_H
#define _LINUX_BH_H

#include <linux/preempt.h>

#ifdef PMFW_HOST
#define local_bh_disable() barrier()
#define local_bh_enable() barrier()
#else
static inline void local_bh_disable(void)
{
	preempt_count_add(SOFTIRQ_DISABLE_OFFSET);
	barrier();
}

void local_bh_enable(void);
#endif

#endif
