/*
 * IRQ domains (include/linux/irqdomain.h, kernel/irq/irqdomain.c): the
 * numbering of a secondary interrupt controller's lines. A controller
 * with N lines registers a linear domain; irq_create_mapping gives its
 * line `hwirq` an interrupt number (from IRQ_DYN_BASE, linux/irqdesc.h)
 * and calls the domain's map() to set its chip and flow handler;
 * irq_find_mapping goes back from the line to the number, which the
 * controller's chained handler needs (generic_handle_domain_irq).
 *
 * The NVIC's lines are not in a domain: their numbers are the lines
 * (linux/irq.h).
 */
#ifndef _LINUX_IRQDOMAIN_H
#define _LINUX_IRQDOMAIN_H

#include <linux/irq.h>
#include <linux/list.h>
#include <linux/types.h>

struct device_node;
struct irq_domain;

struct irq_domain_ops {
	/* Set up interrupt virq for line hw (chip, handler, chip data). */
	int (*map)(struct irq_domain *d, unsigned int virq, irq_hw_number_t hw);
	void (*unmap)(struct irq_domain *d, unsigned int virq);
	/* A device tree `interrupts` specifier to a line and a trigger. */
	int (*xlate)(struct irq_domain *d, struct device_node *node, const u32 *intspec,
		     unsigned int intsize, unsigned long *out_hwirq, unsigned int *out_type);
};

struct irq_domain {
	struct list_head link;
	const char *name;
	const struct irq_domain_ops *ops;
	void *host_data;
	struct device_node *of_node;
	irq_hw_number_t hwirq_max;
	unsigned int revmap_size;
	unsigned int revmap[]; /* line -> interrupt number, 0: none */
};

struct irq_domain *irq_domain_add_linear(struct device_node *of_node, unsigned int size,
					 const struct irq_domain_ops *ops, void *host_data);
/* Dispose of every mapping, then of the domain. */
void irq_domain_remove(struct irq_domain *domain);
/* The domain whose controller is node, or NULL. */
struct irq_domain *irq_find_host(struct device_node *node);

/* The interrupt number of line hwirq, mapped now if it was not: 0 if it
 * cannot be (a line beyond the domain, no numbers left, map() refused). */
unsigned int irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq);
unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq);
void irq_dispose_mapping(unsigned int virq);
/* Handle line hwirq's interrupt (from a chained handler): 0, or -EINVAL
 * if it has no mapping. */
int generic_handle_domain_irq(struct irq_domain *domain, irq_hw_number_t hwirq);

/* xlate for one cell (the line) or two (line, IRQ_TYPE_* flags). */
int irq_domain_xlate_onetwocell(struct irq_domain *d, struct device_node *node,
				const u32 *intspec, unsigned int intsize,
				unsigned long *out_hwirq, unsigned int *out_type);
int irq_domain_xlate_twocell(struct irq_domain *d, struct device_node *node,
			     const u32 *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type);

#endif
