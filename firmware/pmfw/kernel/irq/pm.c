/*
 * Interrupts across system suspend (Linux's kernel/irq/pm.c): after the
 * devices' suspend callbacks, every line with handlers is disabled,
 * except lines armed for wake-up (enable_irq_wake), which must stay
 * enabled at the NVIC for the PMU to wake the SoC with them
 * (docs/devices/pmu.md), and lines whose handlers all asked for
 * IRQF_NO_SUSPEND (the clock event device's timer). Resume enables what
 * suspend disabled. Both wait for running threaded handlers.
 *
 * A line armed for wake-up is marked so (IRQS_WAKEUP_ARMED, Linux's
 * IRQD_WAKEUP_ARMED): its first interrupt before resume_device_irqs is a
 * system wake-up event (pm_system_irq_wakeup: it aborts a suspend in
 * progress, ends suspend-to-idle, and is what /sys/power/pm_wakeup_irq
 * shows). Linux disables the line and replays the interrupt at resume;
 * here it stays enabled and its handler runs at once.
 */
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/suspend.h>

#include "internals.h"

static bool irq_may_stay(struct irq_desc *desc)
{
	if (irqd_is_wakeup_set(&desc->irq_data))
		return true;
	for (struct irqaction *a = desc->action; a; a = a->next)
		if (!(a->flags & IRQF_NO_SUSPEND))
			return false;
	return true;
}

void suspend_device_irqs(void)
{
	unsigned int irq;
	struct irq_desc *desc;
	for_each_irq_desc(irq, desc) {
		unsigned long flags;
		bool sync = false;
		local_irq_save(flags);
		if (desc->action && irqd_is_wakeup_set(&desc->irq_data))
			desc->istate |= IRQS_WAKEUP_ARMED;
		if (desc->action && !(desc->istate & IRQS_SUSPENDED) && !irq_may_stay(desc)) {
			desc->istate |= IRQS_SUSPENDED;
			__disable_irq(desc);
			sync = true;
		}
		local_irq_restore(flags);
		if (sync)
			synchronize_irq(irq);
	}
}

void resume_device_irqs(void)
{
	unsigned int irq;
	struct irq_desc *desc;
	for_each_irq_desc(irq, desc) {
		unsigned long flags;
		local_irq_save(flags);
		desc->istate &= ~IRQS_WAKEUP_ARMED;
		if (desc->istate & IRQS_SUSPENDED) {
			desc->istate &= ~IRQS_SUSPENDED;
			__enable_irq(desc);
		}
		local_irq_restore(flags);
	}
}

/* From the interrupt entry: an armed line's interrupt wakes the system. */
void irq_pm_check_wakeup(struct irq_desc *desc)
{
	if (desc->istate & IRQS_WAKEUP_ARMED) {
		desc->istate &= ~IRQS_WAKEUP_ARMED;
		pm_system_irq_wakeup(desc->irq_data.irq);
	}
}
