/*
 * Linear IRQ domains (Linux's kernel/irq/irqdomain.c, the subset a GPIO
 * block needs): a table from a controller's lines to interrupt numbers,
 * filled on demand by irq_create_mapping, which takes a number from the
 * secondary range (irq_alloc_descs) and lets the domain's map() set the
 * interrupt up. Domains are kept on a list for irq_find_host.
 */
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/irqdomain.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>

#include "internals.h"

static LIST_HEAD(irq_domain_list);

struct irq_domain *irq_domain_add_linear(struct device_node *of_node, unsigned int size,
					 const struct irq_domain_ops *ops, void *host_data)
{
	struct irq_domain *d = kzalloc(sizeof *d + size * sizeof d->revmap[0], GFP_KERNEL);
	if (!d)
		return NULL;
	d->ops = ops;
	d->host_data = host_data;
	d->of_node = of_node;
	d->name = of_node ? of_node->full_name : "linear";
	d->hwirq_max = size;
	d->revmap_size = size;
	list_add_tail(&d->link, &irq_domain_list);
	return d;
}

void irq_domain_remove(struct irq_domain *domain)
{
	if (!domain)
		return;
	for (unsigned int hw = 0; hw < domain->revmap_size; hw++)
		if (domain->revmap[hw])
			irq_dispose_mapping(domain->revmap[hw]);
	list_del(&domain->link);
	kfree(domain);
}

struct irq_domain *irq_find_host(struct device_node *node)
{
	struct irq_domain *d;
	list_for_each_entry(d, &irq_domain_list, link)
		if (d->of_node == node)
			return d;
	return NULL;
}

unsigned int irq_find_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	if (!domain || hwirq >= domain->revmap_size)
		return 0;
	return domain->revmap[hwirq];
}

unsigned int irq_create_mapping(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	if (!domain || hwirq >= domain->revmap_size)
		return 0;
	unsigned int virq = irq_find_mapping(domain, hwirq);
	if (virq)
		return virq;
	int first = irq_alloc_descs(-1, IRQ_DYN_BASE, 1, -1);
	if (first < 0) {
		pr_err("irq: no interrupt number left for %s line %lu\n", domain->name, hwirq);
		return 0;
	}
	virq = (unsigned int)first;
	struct irq_data *d = irq_get_irq_data(virq);
	d->hwirq = hwirq;
	d->domain = domain;
	if (domain->ops->map) {
		int err = domain->ops->map(domain, virq, hwirq);
		if (err) {
			pr_err("irq-%u==>hwirq-0x%lx mapping failed: %d\n", virq, hwirq, err);
			irq_free_descs(virq, 1);
			return 0;
		}
	}
	domain->revmap[hwirq] = virq;
	return virq;
}

void irq_dispose_mapping(unsigned int virq)
{
	struct irq_desc *desc = irq_to_desc(virq);
	if (!desc || !desc->irq_data.domain)
		return;
	struct irq_domain *domain = desc->irq_data.domain;
	if (domain->ops->unmap)
		domain->ops->unmap(domain, virq);
	if (desc->irq_data.hwirq < domain->revmap_size)
		domain->revmap[desc->irq_data.hwirq] = 0;
	irq_free_descs(virq, 1);
}

int generic_handle_domain_irq(struct irq_domain *domain, irq_hw_number_t hwirq)
{
	unsigned int virq = irq_find_mapping(domain, hwirq);
	return virq ? generic_handle_irq(virq) : -EINVAL;
}

int irq_domain_xlate_onetwocell(struct irq_domain *d, struct device_node *node,
				const u32 *intspec, unsigned int intsize,
				unsigned long *out_hwirq, unsigned int *out_type)
{
	if (intsize < 1)
		return -EINVAL;
	*out_hwirq = intspec[0];
	*out_type = intsize > 1 ? intspec[1] & IRQ_TYPE_SENSE_MASK : IRQ_TYPE_NONE;
	return 0;
}

int irq_domain_xlate_twocell(struct irq_domain *d, struct device_node *node,
			     const u32 *intspec, unsigned int intsize,
			     unsigned long *out_hwirq, unsigned int *out_type)
{
	if (intsize < 2)
		return -EINVAL;
	return irq_domain_xlate_onetwocell(d, node, intspec, intsize, out_hwirq, out_type);
}
