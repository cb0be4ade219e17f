/*
 * Interrupts across system suspend (Linux's kernel/irq/pm.c): after the
 * devices' suspend callbacks, every line with handlers is disabled,
 * except lines armed for wake-up (enable_irq_wake), which must stay
 * enabled at the NVIC for the PMU to wake the SoC with them
 * (docs/devices/pmu.md), and lines whose handlers all asked for
 * IRQF_NO_SUSPEND (the clock event device's timer). Resume enables what
 * suspend disabled. Both wait for running threaded handlers.
 */
#include <linux/interrupt.h>
#include <linux/kernel.h>

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
		if (desc->istate & IRQS_SUSPENDED) {
			desc->istate &= ~IRQS_SUSPENDED;
			__enable_irq(desc);
		}
		local_irq_restore(flags);
	}
}
