/*
 * The freezer's per-thread part (Linux's kernel/freezer.c, in its
 * PF_FROZEN form): the freezer (kernel/power/process.c) sets
 * pm_nosig_freezing and wakes every freezable kernel thread from an
 * interruptible sleep; each one, at its next try_to_freeze(), enters the
 * refrigerator: it marks itself PF_FROZEN and sleeps until thaw clears
 * the freezing condition and wakes it. A thread that never reaches
 * try_to_freeze() is never frozen, and the freezer gives up after its
 * timeout.
 */
#include <linux/errno.h>
#include <linux/freezer.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/spinlock.h>

bool pm_freezing;
bool pm_nosig_freezing;
static DEFINE_SPINLOCK(freezer_lock);

bool freezing_slow_path(struct task_struct *p)
{
	if (p->flags & (PF_NOFREEZE | PF_SUSPEND_TASK))
		return false;
	if (pm_nosig_freezing)
		return true;
	return pm_freezing && !(p->flags & PF_KTHREAD);
}

bool __refrigerator(bool check_kthr_stop)
{
	unsigned int save = current->__state;
	bool was_frozen = false;
	pr_debug("%s entered refrigerator\n", current->comm);
	for (;;) {
		unsigned long flags;
		set_current_state(TASK_UNINTERRUPTIBLE);
		spin_lock_irqsave(&freezer_lock, flags);
		current->flags |= PF_FROZEN;
		if (!freezing(current) || (check_kthr_stop && kthread_should_stop()))
			current->flags &= ~PF_FROZEN;
		spin_unlock_irqrestore(&freezer_lock, flags);
		if (!(current->flags & PF_FROZEN))
			break;
		was_frozen = true;
		schedule();
	}
	pr_debug("%s left refrigerator\n", current->comm);
	set_current_state(save);
	return was_frozen;
}

bool freeze_task(struct task_struct *p)
{
	unsigned long flags;
	spin_lock_irqsave(&freezer_lock, flags);
	if (!freezing(p) || frozen(p)) {
		spin_unlock_irqrestore(&freezer_lock, flags);
		return false;
	}
	/* Only kernel threads here: no fake signal, a wake-up from an
	 * interruptible sleep, so that it reaches try_to_freeze(). */
	wake_up_state(p, TASK_INTERRUPTIBLE);
	spin_unlock_irqrestore(&freezer_lock, flags);
	return true;
}

void __thaw_task(struct task_struct *p)
{
	unsigned long flags;
	spin_lock_irqsave(&freezer_lock, flags);
	if (frozen(p))
		wake_up_process(p);
	spin_unlock_irqrestore(&freezer_lock, flags);
}

bool set_freezable(void)
{
	might_sleep();
	unsigned long flags;
	spin_lock_irqsave(&freezer_lock, flags);
	current->flags &= ~PF_NOFREEZE;
	spin_unlock_irqrestore(&freezer_lock, flags);
	return try_to_freeze();
}
