/*
 * The freezer (include/linux/freezer.h, kernel/freezer.c): before system
 * sleep, the freezable kernel threads stop at a known point and stay
 * there until thaw. A kernel thread is not freezable unless it calls
 * set_freezable(); a freezable one calls try_to_freeze() where it may
 * stop (and sleeps interruptibly, so that the freezer's wake-up reaches
 * it). freezing(p): the freezer wants p to stop.
 */
#ifndef _LINUX_FREEZER_H
#define _LINUX_FREEZER_H

#include <linux/sched.h>
#include <linux/types.h>

extern bool pm_freezing;        /* user space (none in pmfw) */
extern bool pm_nosig_freezing;  /* kernel threads too */
extern unsigned int freeze_timeout_msecs;

bool freezing_slow_path(struct task_struct *p);
static inline bool freezing(struct task_struct *p)
{
	if (likely(!pm_freezing && !pm_nosig_freezing))
		return false;
	return freezing_slow_path(p);
}
static inline bool frozen(struct task_struct *p)
{
	return p->flags & PF_FROZEN;
}

bool __refrigerator(bool check_kthr_stop);
static inline bool try_to_freeze(void)
{
	might_sleep();
	if (likely(!freezing(current)))
		return false;
	return __refrigerator(false);
}

bool freeze_task(struct task_struct *p);
void __thaw_task(struct task_struct *p);
/* Make the current kernel thread freezable. */
bool set_freezable(void);

int freeze_processes(void);
int freeze_kernel_threads(void);
void thaw_processes(void);
void thaw_kernel_threads(void);

/* Freezable workqueues (kernel/workqueue.c): no new item starts while
 * frozen; busy while one still runs. */
void freeze_workqueues_begin(void);
bool freeze_workqueues_busy(void);
void thaw_workqueues(void);

#endif
