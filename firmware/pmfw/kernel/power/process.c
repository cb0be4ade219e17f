/*
 * Freezing and thawing tasks (Linux's kernel/power/process.c). pmfw has
 * only kernel threads, so freeze_processes (user space) has nothing to
 * freeze but keeps Linux's steps and messages; freeze_kernel_threads
 * freezes the freezable kernel threads and the freezable workqueues
 * (pm_wq among them: runtime PM's asynchronous requests wait).
 *
 * try_to_freeze_tasks asks every thread, then polls, sleeping 1 ms,
 * doubling up to 8 ms, until none is left, a wake-up event is pending
 * (aborted), or freeze_timeout_msecs have passed (failed: -EBUSY and the
 * list of the threads refusing to freeze). The timeout is Linux's
 * /sys/power/pm_freeze_timeout, 20 s by default.
 */
#include <linux/errno.h>
#include <linux/delay.h>
#include <linux/freezer.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/pm_wakeup.h>
#include <linux/suspend.h>
#include <linux/timekeeping.h>

#include "power.h"

unsigned int freeze_timeout_msecs = 20 * MSEC_PER_SEC;

static char task_state_char(const struct task_struct *p)
{
	unsigned int st = READ_ONCE(p->__state);
	if (st == TASK_RUNNING)
		return 'R';
	if (st & TASK_INTERRUPTIBLE)
		return 'S';
	return 'D';
}

static void sched_show_task(struct task_struct *p)
{
	pr_info("task:%-15s state:%c pid:%d flags:0x%08x\n", p->comm, task_state_char(p), p->pid,
		p->flags);
}

static int try_to_freeze_tasks(bool user_only)
{
	struct task_struct *p;
	unsigned int todo;
	bool wq_busy = false;
	bool wakeup = false;
	unsigned int sleep_msecs = 1;
	ktime_t start = ktime_get();
	unsigned long end_time = jiffies + msecs_to_jiffies(freeze_timeout_msecs);

	if (!user_only)
		freeze_workqueues_begin();
	for (;;) {
		todo = 0;
		for_each_process(p) {
			if (p == current || !freeze_task(p))
				continue;
			todo++;
		}
		if (!user_only) {
			wq_busy = freeze_workqueues_busy();
			todo += wq_busy;
		}
		if (!todo || time_after(jiffies, end_time))
			break;
		if (pm_wakeup_pending()) {
			wakeup = true;
			break;
		}
		msleep(sleep_msecs);
		if (sleep_msecs < 8)
			sleep_msecs *= 2;
	}
	unsigned int elapsed_msecs = (unsigned int)ktime_to_ms(ktime_get() - start);
	if (todo) {
		pr_err("Freezing of tasks %s after %u.%03u seconds (%u tasks refusing to freeze, wq_busy=%d):\n",
		       wakeup ? "aborted" : "failed", elapsed_msecs / 1000, elapsed_msecs % 1000,
		       todo - wq_busy, wq_busy);
		for_each_process(p)
			if (p != current && freezing(p) && !frozen(p))
				sched_show_task(p);
	} else {
		pr_info("Freezing %s completed (elapsed %u.%03u seconds)\n",
			user_only ? "user space processes" : "remaining freezable tasks",
			elapsed_msecs / 1000, elapsed_msecs % 1000);
	}
	return todo ? -EBUSY : 0;
}

int freeze_processes(void)
{
	current->flags |= PF_SUSPEND_TASK;
	pm_wakeup_clear(0);
	pm_freezing = true;
	int error = try_to_freeze_tasks(true);
	if (error)
		thaw_processes();
	return error;
}

int freeze_kernel_threads(void)
{
	pm_nosig_freezing = true;
	int error = try_to_freeze_tasks(false);
	if (error)
		thaw_kernel_threads();
	return error;
}

void thaw_processes(void)
{
	struct task_struct *p;
	pm_freezing = false;
	pm_nosig_freezing = false;
	thaw_workqueues();
	for_each_process(p)
		__thaw_task(p);
	current->flags &= ~PF_SUSPEND_TASK;
	pr_info("Restarting tasks ... done.\n");
}

void thaw_kernel_threads(void)
{
	struct task_struct *p;
	pm_nosig_freezing = false;
	pr_info("Restarting kernel threads ... done.\n");
	thaw_workqueues();
	for_each_process(p)
		if (p->flags & PF_KTHREAD)
			__thaw_task(p);
}
