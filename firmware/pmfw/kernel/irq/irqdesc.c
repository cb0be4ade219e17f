/*
 * Interrupt descriptors and the interrupt path (Linux's
 * kernel/irq/irqdesc.c, handle.c, chip.c and spurious.c, for one
 * controller whose lines are the IRQ numbers).
 *
 * Every device interrupt enters handle_arch_irq (from the vector table,
 * arch/arm/head.c), in hard-IRQ context (HARDIRQ_OFFSET in the preempt
 * count). The flow is Linux's handle_fasteoi_irq for a controller that
 * needs no acknowledgement (the NVIC's exception return is the EOI):
 * a line with a oneshot handler is masked first; every handler on the
 * line runs; a handler's IRQ_WAKE_THREAD wakes its thread; the line is
 * unmasked again unless a oneshot thread still has to run.
 *
 * An interrupt that no handler claims is counted; as in Linux, when
 * 99 900 of 100 000 were unclaimed the line is disabled ("nobody
 * cared"), which ends a storm from a level line that nothing quiets. An
 * interrupt on a line with no handler at all is masked at once
 * ("unexpected IRQ").
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/slab.h>

#include "../../arch/arm/arch.h"
#include "internals.h"

unsigned int nr_irqs;
static struct irq_chip *default_chip;
static void *default_chip_data;
static struct irq_desc *irq_descs[NR_IRQS];

static void handle_fasteoi_irq(struct irq_desc *desc);

void irq_set_default_chip(struct irq_chip *chip, void *chip_data, unsigned int nr)
{
	default_chip = chip;
	default_chip_data = chip_data;
	nr_irqs = min_t(unsigned int, nr, NR_IRQS);
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	return irq < nr_irqs ? irq_descs[irq] : NULL;
}

struct irq_desc *irq_get_desc_alloc(unsigned int irq)
{
	if (irq >= nr_irqs)
		return NULL;
	if (irq_descs[irq])
		return irq_descs[irq];
	struct irq_desc *desc = kzalloc(sizeof *desc, GFP_KERNEL);
	if (!desc)
		return NULL;
	desc->irq_data.irq = irq;
	desc->irq_data.hwirq = irq;
	desc->irq_data.chip = default_chip;
	desc->irq_data.chip_data = default_chip_data;
	desc->irq_data.state = IRQD_IRQ_MASKED;
	desc->handle_irq = handle_fasteoi_irq;
	init_waitqueue_head(&desc->wait_for_threads);
	unsigned long flags;
	local_irq_save(flags);
	if (!irq_descs[irq])
		irq_descs[irq] = desc;
	else
		kfree(desc);
	local_irq_restore(flags);
	return irq_descs[irq];
}

struct irq_data *irq_get_irq_data(unsigned int irq)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	return desc ? &desc->irq_data : NULL;
}

unsigned int kstat_irqs_usr(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	return desc ? READ_ONCE(desc->tot_count) : 0;
}

static void mask_irq(struct irq_desc *desc)
{
	if (!irqd_irq_masked(&desc->irq_data)) {
		desc->irq_data.chip->irq_mask(&desc->irq_data);
		desc->irq_data.state |= IRQD_IRQ_MASKED;
	}
}

static void unmask_irq(struct irq_desc *desc)
{
	if (irqd_irq_masked(&desc->irq_data)) {
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
		desc->irq_data.state &= ~IRQD_IRQ_MASKED;
	}
}

void irq_update_mask(struct irq_desc *desc)
{
	if (desc->action && !desc->depth && !desc->threads_oneshot)
		unmask_irq(desc);
	else
		mask_irq(desc);
}

static irqreturn_t handle_irq_event(struct irq_desc *desc)
{
	irqreturn_t retval = IRQ_NONE;
	unsigned int irq = desc->irq_data.irq;
	desc->irq_data.state |= IRQD_IRQ_INPROGRESS;
	for (struct irqaction *action = desc->action; action; action = action->next) {
		irqreturn_t res = action->handler((int)irq, action->dev_id);
		if (res == IRQ_WAKE_THREAD) {
			if (WARN_ON_ONCE(!action->thread_fn))
				res = IRQ_HANDLED;
			else
				__irq_wake_thread(desc, action);
		}
		retval |= res;
	}
	desc->irq_data.state &= ~IRQD_IRQ_INPROGRESS;
	return retval;
}

static void note_interrupt(struct irq_desc *desc, irqreturn_t ret)
{
	if (ret == IRQ_NONE)
		desc->irqs_unhandled++;
	if (++desc->irq_count < 100000)
		return;
	desc->irq_count = 0;
	if (desc->irqs_unhandled > 99900) {
		pr_err("irq %u: nobody cared\n", desc->irq_data.irq);
		pr_emerg("Disabling IRQ #%u\n", desc->irq_data.irq);
		desc->depth++;
		desc->irq_data.state |= IRQD_IRQ_DISABLED;
		mask_irq(desc);
	}
	desc->irqs_unhandled = 0;
}

static void handle_fasteoi_irq(struct irq_desc *desc)
{
	desc->tot_count++;
	if (desc->istate & IRQS_ONESHOT)
		mask_irq(desc);
	note_interrupt(desc, handle_irq_event(desc));
	irq_update_mask(desc);
}

static void handle_bad_irq(unsigned int irq)
{
	static bool reported[NR_IRQS];
	if (irq < NR_IRQS && !reported[irq]) {
		reported[irq] = true;
		pr_crit("unexpected IRQ trap at vector %02x\n", irq);
	}
	/* Masked at the controller whatever the descriptor says: something
	 * enabled the line without the IRQ layer. */
	struct irq_desc *desc = irq_to_desc(irq);
	if (desc) {
		desc->tot_count++;
		desc->irq_data.chip->irq_mask(&desc->irq_data);
		desc->irq_data.state |= IRQD_IRQ_MASKED;
	} else if (default_chip && irq < nr_irqs) {
		struct irq_data d = { .irq = irq, .hwirq = irq, .chip = default_chip,
				      .chip_data = default_chip_data };
		default_chip->irq_mask(&d);
	}
}

int generic_handle_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	if (!desc || !desc->action) {
		handle_bad_irq(irq);
		return -EINVAL;
	}
	desc->handle_irq(desc);
	return 0;
}

void handle_arch_irq(unsigned int irq)
{
	preempt_count_add(HARDIRQ_OFFSET);
	generic_handle_irq(irq);
	preempt_count_sub(HARDIRQ_OFFSET);
}
