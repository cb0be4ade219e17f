/*
 * Interrupt controller probing (Linux's drivers/irqchip/irqchip.c and
 * of_irq_init in drivers/of/irq.c): every IRQCHIP_DECLARE entry is
 * matched against the device tree's interrupt controllers. pmfw's SoCs
 * have one, the NVIC, which is the root (its init gets no parent).
 */
#include <linux/irqchip.h>
#include <linux/kernel.h>

extern const struct irqchip_of_entry __irqchip_of_table_start[], __irqchip_of_table_end[];

void irqchip_init(void)
{
	struct device_node *np;
	for (const struct irqchip_of_entry *m = __irqchip_of_table_start; m < __irqchip_of_table_end;
	     m++) {
		for_each_compatible_node(np, NULL, m->compatible) {
			if (!of_device_is_available(np) ||
			    !of_property_read_bool(np, "interrupt-controller"))
				continue;
			int ret = m->init(np, NULL);
			if (ret) {
				char path[64];
				pr_err("%s: failed to init (%d)\n",
				       of_node_full_path(np, path, sizeof path), ret);
			}
		}
	}
}
