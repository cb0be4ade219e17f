/*
 * Requesting, enabling and disabling interrupts (Linux's
 * kernel/irq/manage.c).
 *
 * A line is enabled at the controller exactly when it has handlers, its
 * disable depth is 0 and no oneshot thread is pending (irq_update_mask).
 * While it is masked the NVIC keeps an interrupt that arrives pending (a
 * level line stays asserted, a software-raised one stays set), so it is
 * taken when the line is enabled again: nothing is lost, as with Linux's
 * lazy disable and resend.
 *
 * Threaded handlers: each action with a thread_fn has its own thread,
 * irq/<irq>-<name> at SCHED_FIFO 50, which sleeps until the hard handler
 * returns IRQ_WAKE_THREAD, runs thread_fn, and then lets the line go
 * (oneshot) and wakes synchronize_irq's waiters.
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/kthread.h>
#include <linux/slab.h>

#include "internals.h"

static irqreturn_t irq_default_primary_handler(int irq, void *dev_id)
{
	return IRQ_WAKE_THREAD;
}

static bool test_and_clear_bit_irq(unsigned int nr, unsigned long *addr)
{
	unsigned long flags;
	local_irq_save(flags);
	bool was = *addr & BIT(nr);
	*addr &= ~BIT(nr);
	local_irq_restore(flags);
	return was;
}

/* From the hard handler (interrupts are effectively off: nothing
 * preempts a device handler but a fault). */
void __irq_wake_thread(struct irq_desc *desc, struct irqaction *action)
{
	if (action->thread_flags & BIT(IRQTF_RUNTHREAD))
		return;
	action->thread_flags |= BIT(IRQTF_RUNTHREAD);
	desc->threads_oneshot |= action->thread_mask;
	desc->threads_active++;
	wake_up_process(action->thread);
}

static int irq_wait_for_interrupt(struct irqaction *action)
{
	for (;;) {
		set_current_state(TASK_INTERRUPTIBLE);
		if (kthread_should_stop()) {
			__set_current_state(TASK_RUNNING);
			return -1;
		}
		if (test_and_clear_bit_irq(IRQTF_RUNTHREAD, &action->thread_flags)) {
			__set_current_state(TASK_RUNNING);
			return 0;
		}
		schedule();
	}
}

static void irq_thread_done(struct irq_desc *desc, struct irqaction *action)
{
	unsigned long flags;
	local_irq_save(flags);
	desc->threads_oneshot &= ~action->thread_mask;
	irq_update_mask(desc);
	bool last = --desc->threads_active == 0;
	local_irq_restore(flags);
	if (last)
		wake_up_all(&desc->wait_for_threads);
}

static int irq_thread(void *data)
{
	struct irqaction *action = data;
	struct irq_desc *desc = irq_to_desc(action->irq);
	while (!irq_wait_for_interrupt(action)) {
		action->thread_fn((int)action->irq, action->dev_id);
		irq_thread_done(desc, action);
	}
	/* Stopped by free_irq: a wake-up that came first is still owed. */
	if (test_and_clear_bit_irq(IRQTF_RUNTHREAD, &action->thread_flags))
		irq_thread_done(desc, action);
	return 0;
}

static int __irq_set_trigger(struct irq_desc *desc, unsigned int type)
{
	struct irq_chip *chip = desc->irq_data.chip;
	if (!chip || !chip->irq_set_type)
		return -ENOSYS;
	int ret = chip->irq_set_type(&desc->irq_data, type & IRQ_TYPE_SENSE_MASK);
	if (!ret) {
		desc->irq_data.state &= ~IRQD_TRIGGER_MASK;
		desc->irq_data.state |= type & IRQ_TYPE_SENSE_MASK;
	}
	return ret;
}

int request_threaded_irq(unsigned int irq, irq_handler_t handler, irq_handler_t thread_fn,
			 unsigned long irqflags, const char *devname, void *dev_id)
{
	if (((irqflags & IRQF_SHARED) && !dev_id) || (!handler && !thread_fn))
		return -EINVAL;
	if (!handler) {
		if (!(irqflags & IRQF_ONESHOT)) {
			pr_err("Threaded irq requested with handler=NULL and !ONESHOT for %s (irq %u)\n",
			       devname, irq);
			return -EINVAL;
		}
		handler = irq_default_primary_handler;
	}
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return irq < nr_irqs ? -ENOMEM : -EINVAL;
	/* A secondary controller's input is its chained handler's. */
	if (desc->istate & IRQS_CHAINED)
		return -EINVAL;
	struct irqaction *action = kzalloc(sizeof *action, GFP_KERNEL);
	if (!action)
		return -ENOMEM;
	action->handler = handler;
	action->thread_fn = thread_fn;
	action->flags = (unsigned int)irqflags;
	action->name = devname;
	action->dev_id = dev_id;
	action->irq = irq;

	/* Sharing: both must say so, with the same trigger and oneshot. */
	unsigned long flags;
	local_irq_save(flags);
	struct irqaction *old = desc->action;
	if (old && (!(old->flags & irqflags & IRQF_SHARED) ||
		    ((old->flags ^ irqflags) & (IRQF_TRIGGER_MASK | IRQF_ONESHOT)))) {
		local_irq_restore(flags);
		pr_err("genirq: Flags mismatch irq %u. %08lx (%s) vs. %08x (%s)\n", irq, irqflags,
		       devname, old->flags, old->name);
		kfree(action);
		return -EBUSY;
	}
	unsigned long used = 0;
	for (struct irqaction *a = old; a; a = a->next)
		used |= a->thread_mask;
	local_irq_restore(flags);
	if (thread_fn) {
		if (used == ~0UL) {
			kfree(action);
			return -EBUSY;
		}
		action->thread_mask = 1UL << __builtin_ctzl(~used);
		struct task_struct *t = kthread_create(irq_thread, action, "irq/%u-%s", irq, devname);
		if (IS_ERR(t)) {
			kfree(action);
			return (int)PTR_ERR(t);
		}
		sched_set_fifo(t);
		get_task_struct(t);
		action->thread = t;
	}
	/* The first handler: the chip may refuse the line (a GPIO that is an
	 * output), then the trigger the flags ask for. */
	struct irq_chip *chip = desc->irq_data.chip;
	if (!old && chip->irq_request_resources) {
		int ret = chip->irq_request_resources(&desc->irq_data);
		if (ret) {
			if (action->thread)
				kthread_stop_put(action->thread);
			kfree(action);
			return ret;
		}
	}
	if (!old && (irqflags & IRQF_TRIGGER_MASK)) {
		int ret = __irq_set_trigger(desc, irqflags & IRQF_TRIGGER_MASK);
		if (ret) {
			if (chip->irq_release_resources)
				chip->irq_release_resources(&desc->irq_data);
			if (action->thread)
				kthread_stop_put(action->thread);
			kfree(action);
			return ret;
		}
	}

	local_irq_save(flags);
	struct irqaction **p = &desc->action;
	while (*p)
		p = &(*p)->next;
	*p = action;
	if (irqflags & IRQF_ONESHOT)
		desc->istate |= IRQS_ONESHOT;
	if (!old) {
		desc->irqs_unhandled = desc->irq_count = 0;
		if (irqflags & IRQF_NO_AUTOEN) {
			desc->depth = 1;
			desc->irq_data.state |= IRQD_IRQ_DISABLED;
		} else {
			desc->depth = 0;
			desc->irq_data.state &= ~IRQD_IRQ_DISABLED;
		}
	}
	irq_update_mask(desc);
	local_irq_restore(flags);
	if (action->thread)
		wake_up_process(action->thread);
	return 0;
}

const void *free_irq(unsigned int irq, void *dev_id)
{
	struct irq_desc *desc = irq_to_desc(irq);
	if (!desc)
		goto not_found;
	unsigned long flags;
	local_irq_save(flags);
	struct irqaction **p = &desc->action, *action;
	while ((action = *p) && action->dev_id != dev_id)
		p = &action->next;
	if (!action) {
		local_irq_restore(flags);
		goto not_found;
	}
	*p = action->next;
	bool last = !desc->action;
	if (last)
		desc->istate &= ~IRQS_ONESHOT;
	irq_update_mask(desc);
	local_irq_restore(flags);
	/* Its thread finishes what it was woken for, then stops. */
	if (action->thread)
		kthread_stop_put(action->thread);
	if (last && desc->irq_data.chip->irq_release_resources)
		desc->irq_data.chip->irq_release_resources(&desc->irq_data);
	const char *name = action->name;
	kfree(action);
	return name;
not_found:
	pr_warn("Trying to free already-free IRQ %u\n", irq);
	WARN_ON(1);
	return NULL;
}

void __disable_irq(struct irq_desc *desc)
{
	if (!desc->depth++) {
		desc->irq_data.state |= IRQD_IRQ_DISABLED;
		irq_update_mask(desc);
	}
}

void __enable_irq(struct irq_desc *desc)
{
	if (!desc->depth) {
		pr_warn("Unbalanced enable for IRQ %u\n", desc->irq_data.irq);
		WARN_ON(1);
		return;
	}
	if (!--desc->depth) {
		desc->irq_data.state &= ~IRQD_IRQ_DISABLED;
		irq_update_mask(desc);
	}
}

void disable_irq_nosync(unsigned int irq)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return;
	unsigned long flags;
	local_irq_save(flags);
	__disable_irq(desc);
	local_irq_restore(flags);
}

void synchronize_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	if (!desc)
		return;
	/* One core and no nesting of device handlers: a hard handler is
	 * never half done when a thread runs. Threads may be. */
	wait_event(desc->wait_for_threads, !READ_ONCE(desc->threads_active));
}

void disable_irq(unsigned int irq)
{
	might_sleep();
	disable_irq_nosync(irq);
	synchronize_irq(irq);
}

void enable_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	if (!desc) {
		pr_warn("Unbalanced enable for IRQ %u\n", irq);
		WARN_ON(1);
		return;
	}
	unsigned long flags;
	local_irq_save(flags);
	__enable_irq(desc);
	local_irq_restore(flags);
}

int irq_set_irq_wake(unsigned int irq, unsigned int on)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return -EINVAL;
	struct irq_chip *chip = desc->irq_data.chip;
	int ret = 0;
	unsigned long flags;
	local_irq_save(flags);
	if (on) {
		if (desc->wake_depth++ == 0) {
			ret = chip->irq_set_wake ? chip->irq_set_wake(&desc->irq_data, 1) : -ENXIO;
			if (ret)
				desc->wake_depth = 0;
			else
				desc->irq_data.state |= IRQD_WAKEUP_STATE;
		}
	} else if (desc->wake_depth == 0) {
		local_irq_restore(flags);
		pr_warn("Unbalanced IRQ %u wake disable\n", irq);
		WARN_ON(1);
		return 0;
	} else if (--desc->wake_depth == 0) {
		ret = chip->irq_set_wake ? chip->irq_set_wake(&desc->irq_data, 0) : -ENXIO;
		if (ret)
			desc->wake_depth = 1;
		else
			desc->irq_data.state &= ~IRQD_WAKEUP_STATE;
	}
	local_irq_restore(flags);
	return ret;
}

int irq_set_irq_type(unsigned int irq, unsigned int type)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return -EINVAL;
	unsigned long flags;
	local_irq_save(flags);
	int ret = __irq_set_trigger(desc, type);
	local_irq_restore(flags);
	return ret;
}

unsigned int irq_get_trigger_type(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	return desc ? irqd_get_trigger_type(&desc->irq_data) : 0;
}

int irq_set_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool val)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc || !desc->irq_data.chip->irq_set_irqchip_state)
		return -EINVAL;
	return desc->irq_data.chip->irq_set_irqchip_state(&desc->irq_data, which, val);
}

int irq_get_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool *state)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc || !desc->irq_data.chip->irq_get_irqchip_state)
		return -EINVAL;
	return desc->irq_data.chip->irq_get_irqchip_state(&desc->irq_data, which, state);
}
