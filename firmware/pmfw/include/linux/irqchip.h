/*
 * Interrupt controller drivers (include/linux/irqchip.h):
 * IRQCHIP_DECLARE(name, compatible, init) puts init into the table that
 * irqchip_init() (from init_IRQ) runs for every available device-tree
 * node with that compatible and an `interrupt-controller` property:
 * init(node, parent), parent NULL for the root controller.
 */
#ifndef _LINUX_IRQCHIP_H
#define _LINUX_IRQCHIP_H

#include <linux/compiler.h>
#include <linux/of.h>

typedef int (*of_irq_init_cb_t)(struct device_node *np, struct device_node *parent);

/* One entry of the table (Linux's is a struct of_device_id). */
struct irqchip_of_entry {
	const char *compatible;
	of_irq_init_cb_t init;
};

#define IRQCHIP_DECLARE(name, compat, fn)                                         \
	static const struct irqchip_of_entry __irqchip_of_table_##name __used     \
		__section(".irqchip_of_table") __aligned(4) = { compat, fn }

void irqchip_init(void);

#endif
