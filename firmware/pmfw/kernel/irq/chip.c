/*
 * Secondary interrupt controllers (Linux's kernel/irq/chip.c): the chip
 * and flow handler of each of their interrupts, and the chained handler
 * that demultiplexes their NVIC line.
 *
 * An NVIC line needs no flow of its own (irqdesc.c's fasteoi); a GPIO
 * block's lines do, because the block latches edges and follows levels
 * itself:
 *
 *   handle_level_irq  mask and ack the line, run the handlers, unmask it
 *                     again (unless disabled meanwhile or a oneshot
 *                     thread has still to run): a level that the
 *                     handler did not quiet fires again at once;
 *   handle_edge_irq   ack the latched edge first, so that an edge that
 *                     comes while the handlers run is latched again and
 *                     not lost, then run them;
 *   handle_simple_irq run the handlers, nothing at the chip.
 *
 * A disabled interrupt is masked at its chip at once (Linux masks lazily
 * at the next interrupt; here the chip keeps an edge latched while it is
 * masked, so the result is the same: it fires when enabled again).
 *
 * The chained handler runs in place of the NVIC line's handlers; the line
 * counts as having one, so that it is unmasked while the controller has
 * any interrupt enabled and never disabled by suspend_device_irqs (its
 * secondary interrupts are, one by one).
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>

#include "internals.h"

static void noop(struct irq_data *data)
{
}

/* The chip of an interrupt that has none yet. */
struct irq_chip no_irq_chip = {
	.name = "none",
	.irq_mask = noop,
	.irq_unmask = noop,
};

int irq_set_chip(unsigned int irq, const struct irq_chip *chip)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return -EINVAL;
	unsigned long flags;
	local_irq_save(flags);
	desc->irq_data.chip = (struct irq_chip *)(chip ? chip : &no_irq_chip);
	local_irq_restore(flags);
	return 0;
}

int irq_set_chip_data(unsigned int irq, void *data)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return -EINVAL;
	desc->irq_data.chip_data = data;
	return 0;
}

void *irq_get_chip_data(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	return desc ? desc->irq_data.chip_data : NULL;
}

struct irq_chip *irq_get_chip(unsigned int irq)
{
	struct irq_desc *desc = irq_to_desc(irq);
	return desc ? desc->irq_data.chip : NULL;
}

void irq_set_handler_locked(struct irq_data *data, irq_flow_handler_t handle)
{
	struct irq_desc *desc = irq_to_desc(data->irq);
	if (desc)
		desc->handle_irq = handle ? handle : handle_bad_irq;
}

void irq_set_handler(unsigned int irq, irq_flow_handler_t handle)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return;
	unsigned long flags;
	local_irq_save(flags);
	irq_set_handler_locked(&desc->irq_data, handle);
	local_irq_restore(flags);
}

void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name)
{
	irq_set_chip(irq, chip);
	irq_set_handler(irq, handle);
	struct irq_desc *desc = irq_to_desc(irq);
	if (desc)
		desc->name = name;
}

void irq_set_chained_handler_and_data(unsigned int irq, irq_flow_handler_t handle, void *data)
{
	struct irq_desc *desc = irq_get_desc_alloc(irq);
	if (!desc)
		return;
	unsigned long flags;
	local_irq_save(flags);
	if (WARN_ON(desc->action)) {
		local_irq_restore(flags);
		return;
	}
	desc->handler_data = handle ? data : NULL;
	if (handle) {
		desc->handle_irq = handle;
		desc->istate |= IRQS_CHAINED;
		desc->depth = 0;
		desc->irq_data.state &= ~IRQD_IRQ_DISABLED;
	} else {
		desc->handle_irq = handle_fasteoi_irq;
		desc->istate &= ~IRQS_CHAINED;
	}
	irq_update_mask(desc);
	local_irq_restore(flags);
}

static void ack_irq(struct irq_desc *desc)
{
	if (desc->irq_data.chip->irq_ack)
		desc->irq_data.chip->irq_ack(&desc->irq_data);
}

/* The handlers of a secondary interrupt, or the report of one that has
 * none (masked then: nothing will quiet it). An interrupt armed for
 * wake-up is a system wake-up event, as the NVIC's lines are at their
 * entry (Linux checks in every flow handler, irq_may_run): the chained
 * NVIC line has no handlers of its own, so suspend_device_irqs never
 * arms it, and a GPIO line's wake-up would otherwise neither end
 * suspend-to-idle nor abort a suspend in progress. */
static bool handle_event(struct irq_desc *desc)
{
	desc->tot_count++;
	if (unlikely(desc->istate & IRQS_WAKEUP_ARMED))
		irq_pm_check_wakeup(desc);
	if (!desc->action || irqd_irq_disabled(&desc->irq_data)) {
		mask_irq(desc);
		return false;
	}
	note_interrupt(desc, handle_irq_event(desc));
	return true;
}

void handle_level_irq(struct irq_desc *desc)
{
	mask_irq(desc);
	ack_irq(desc);
	handle_event(desc);
	irq_update_mask(desc);
}

void handle_edge_irq(struct irq_desc *desc)
{
	ack_irq(desc);
	if (handle_event(desc))
		irq_update_mask(desc);
}

void handle_simple_irq(struct irq_desc *desc)
{
	if (handle_event(desc))
		irq_update_mask(desc);
}
