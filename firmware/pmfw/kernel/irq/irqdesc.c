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
 *
 * Secondary controllers (a GPIO block's lines behind its one NVIC line)
 * get their interrupts numbered from IRQ_DYN_BASE, above every NVIC line,
 * by irq_alloc_descs (an irq_domain does it for them, kernel/irq/
 * irqdomain.c); each of those descriptors has its controller's chip and
 * its own flow handler (kernel/irq/chip.c).
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <pmfw/powertop.h>

#include "../../arch/arm/arch.h"
#include "internals.h"

unsigned int nr_irqs;
static struct irq_chip *default_chip;
static void *default_chip_data;
static struct irq_desc *irq_descs[NR_IRQS];
static struct irq_desc *irq_dyn_descs[NR_DYN_IRQS];

void irq_set_default_chip(struct irq_chip *chip, void *chip_data, unsigned int nr)
{
	default_chip = chip;
	default_chip_data = chip_data;
	nr_irqs = min_t(unsigned int, nr, NR_IRQS);
}

struct irq_desc *irq_to_desc(unsigned int irq)
{
	if (irq < nr_irqs)
		return irq_descs[irq];
	if (irq >= IRQ_DYN_BASE && irq < IRQ_DYN_BASE + NR_DYN_IRQS)
		return irq_dyn_descs[irq - IRQ_DYN_BASE];
	return NULL;
}

static struct irq_desc *irq_desc_new(unsigned int irq)
{
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
	return desc;
}

/* A secondary controller's interrupt exists once irq_alloc_descs made it. */
struct irq_desc *irq_get_desc_alloc(unsigned int irq)
{
	if (irq >= nr_irqs)
		return irq_to_desc(irq);
	if (irq_descs[irq])
		return irq_descs[irq];
	struct irq_desc *desc = irq_desc_new(irq);
	if (!desc)
		return NULL;
	unsigned long flags;
	local_irq_save(flags);
	if (!irq_descs[irq])
		irq_descs[irq] = desc;
	else
		kfree(desc);
	local_irq_restore(flags);
	return irq_descs[irq];
}

int irq_alloc_descs(int irq, unsigned int from, unsigned int cnt, int node)
{
	(void)node;
	if (!cnt)
		return -EINVAL;
	if (irq >= 0) {
		if (from > (unsigned int)irq)
			return -EINVAL;
		from = (unsigned int)irq;
	}
	if (from < IRQ_DYN_BASE)
		from = IRQ_DYN_BASE;
	/* The first run of cnt free numbers at or above from (exactly at irq
	 * if one was asked for). */
	unsigned int start = from - IRQ_DYN_BASE, run = 0;
	for (unsigned int i = start; i < NR_DYN_IRQS && run < cnt; i++) {
		if (irq_dyn_descs[i]) {
			if (irq >= 0)
				return -EEXIST;
			run = 0;
			start = i + 1;
		} else {
			run++;
		}
	}
	if (run < cnt)
		return -ENOSPC;
	for (unsigned int i = 0; i < cnt; i++) {
		struct irq_desc *desc = irq_desc_new(IRQ_DYN_BASE + start + i);
		if (!desc) {
			irq_free_descs(IRQ_DYN_BASE + start, i);
			return -ENOMEM;
		}
		/* No chip until its controller sets one (irq_set_chip). */
		desc->irq_data.hwirq = 0;
		desc->irq_data.chip = &no_irq_chip;
		desc->irq_data.chip_data = NULL;
		desc->handle_irq = handle_bad_irq;
		irq_dyn_descs[start + i] = desc;
	}
	return (int)(IRQ_DYN_BASE + start);
}

void irq_free_descs(unsigned int from, unsigned int cnt)
{
	for (unsigned int irq = from; irq < from + cnt; irq++) {
		struct irq_desc *desc = irq_to_desc(irq);
		if (irq < IRQ_DYN_BASE || !desc || WARN_ON(desc->action))
			continue;
		irq_dyn_descs[irq - IRQ_DYN_BASE] = NULL;
		kfree(desc);
	}
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

void mask_irq(struct irq_desc *desc)
{
	if (!irqd_irq_masked(&desc->irq_data)) {
		desc->irq_data.chip->irq_mask(&desc->irq_data);
		desc->irq_data.state |= IRQD_IRQ_MASKED;
	}
}

void unmask_irq(struct irq_desc *desc)
{
	if (irqd_irq_masked(&desc->irq_data)) {
		desc->irq_data.chip->irq_unmask(&desc->irq_data);
		desc->irq_data.state &= ~IRQD_IRQ_MASKED;
	}
}

void irq_update_mask(struct irq_desc *desc)
{
	if ((desc->action || (desc->istate & IRQS_CHAINED)) && !desc->depth &&
	    !desc->threads_oneshot)
		unmask_irq(desc);
	else
		mask_irq(desc);
}

irqreturn_t handle_irq_event(struct irq_desc *desc)
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

void note_interrupt(struct irq_desc *desc, irqreturn_t ret)
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

void handle_fasteoi_irq(struct irq_desc *desc)
{
	desc->tot_count++;
	if (desc->istate & IRQS_ONESHOT)
		mask_irq(desc);
	note_interrupt(desc, handle_irq_event(desc));
	irq_update_mask(desc);
}

static void report_bad_irq(unsigned int irq)
{
	static bool reported[NR_IRQS + NR_DYN_IRQS];
	unsigned int slot = irq < NR_IRQS ? irq : NR_IRQS + irq - IRQ_DYN_BASE;
	if (slot < ARRAY_SIZE(reported) && !reported[slot]) {
		reported[slot] = true;
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

/* The flow handler of a secondary interrupt that has no handler (or no
 * type that gave it a flow yet). */
void handle_bad_irq(struct irq_desc *desc)
{
	report_bad_irq(desc->irq_data.irq);
}

int generic_handle_irq(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	if (!desc || (!desc->action && !(desc->istate & IRQS_CHAINED))) {
		report_bad_irq(irq);
		return -EINVAL;
	}
	desc->handle_irq(desc);
	return 0;
}

void handle_arch_irq(unsigned int irq)
{
	powertop_irq_entry(irq);
	preempt_count_add(HARDIRQ_OFFSET);
	struct irq_desc *desc = irq_to_desc(irq);
	if (desc && unlikely(desc->istate & IRQS_WAKEUP_ARMED))
		irq_pm_check_wakeup(desc);
	generic_handle_irq(irq);
	preempt_count_sub(HARDIRQ_OFFSET);
}
