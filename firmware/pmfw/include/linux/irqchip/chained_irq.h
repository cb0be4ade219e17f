/*
 * Around a chained handler (include/linux/irqchip/chained_irq.h): the
 * parent line is masked while the secondary controller's interrupts are
 * handled, and unmasked after (the NVIC has no EOI; a level still high
 * then is taken again).
 */
#ifndef _LINUX_IRQCHIP_CHAINED_IRQ_H
#define _LINUX_IRQCHIP_CHAINED_IRQ_H

#include <linux/irqdesc.h>

static inline void chained_irq_enter(struct irq_chip *chip, struct irq_desc *desc)
{
	struct irq_data *d = &desc->irq_data;
	if (chip->irq_eoi)
		return;
	chip->irq_mask(d);
	if (chip->irq_ack)
		chip->irq_ack(d);
}

static inline void chained_irq_exit(struct irq_chip *chip, struct irq_desc *desc)
{
	struct irq_data *d = &desc->irq_data;
	if (chip->irq_eoi)
		chip->irq_eoi(d);
	else
		chip->irq_unmask(d);
}

#endif
