/*
 * init_IRQ (Linux's arch/arm/kernel/irq.c): the interrupt controller from
 * the device tree (without one no device interrupt can be handled, so the
 * boot stops there), and the softirqs, which start_kernel sets up next in
 * Linux.
 */
#include <linux/interrupt.h>
#include <linux/irq.h>
#include <linux/irqchip.h>
#include <linux/kernel.h>

void init_IRQ(void)
{
	irqchip_init();
	if (!nr_irqs)
		panic("no interrupt controller: the device tree has no available arm,armv7m-nvic");
	softirq_init();
}
