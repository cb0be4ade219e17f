/*
 * The ARMv7-M Nested Vectored Interrupt Controller as an irq_chip
 * (Linux's drivers/irqchip/irq-nvic.c; binding "arm,armv7m-nvic", whose
 * `reg` is the NVIC's register block at 0xe000e100).
 *
 * The number of lines comes from ICTR (32 per INTLINESNUM + 1, as Linux
 * reads it), capped at the vector table's NR_IRQS. Every line starts
 * disabled and not pending, at priority 0: all device interrupts share
 * one priority, so no handler preempts another (Linux's handlers run
 * with interrupts off), and all are above PendSV, the context switch
 * (kernel/sched/core.c), which has the lowest.
 *
 * Masking is the line's enable bit (ISER/ICER). The NVIC does not sense
 * levels or edges itself: pmsim's devices hold their lines high until
 * served (level) and a software interrupt is a one-off pending bit
 * (edge), so IRQ_TYPE_LEVEL_HIGH and IRQ_TYPE_EDGE_RISING are accepted
 * and recorded, the inverted senses refused. The wake-up mask is kept
 * here for the PMU driver (linux/irqchip/arm-nvic.h).
 */
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/irq.h>
#include <linux/irqchip.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/kernel.h>

#include "../../arch/arm/arch.h"

#define NVIC_ISER 0x000
#define NVIC_ICER 0x080
#define NVIC_ISPR 0x100
#define NVIC_ICPR 0x180
#define NVIC_IABR 0x200
#define NVIC_IPR 0x300
#define NVIC_INTR_CTRL (0xe000e004 - 0xe000e100)

static void __iomem *nvic_base;
static unsigned int nvic_lines;
static u32 nvic_wake[NR_IRQS / 32];

static void __iomem *nvic_reg(unsigned int off, unsigned long hwirq)
{
	return (char __iomem *)nvic_base + off + 4 * (hwirq / 32);
}

static u32 nvic_bit(unsigned long hwirq)
{
	return 1u << (hwirq % 32);
}

static void nvic_irq_mask(struct irq_data *d)
{
	writel(nvic_bit(d->hwirq), nvic_reg(NVIC_ICER, d->hwirq));
	/* The line is off before the caller goes on. */
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

static void nvic_irq_unmask(struct irq_data *d)
{
	writel(nvic_bit(d->hwirq), nvic_reg(NVIC_ISER, d->hwirq));
}

static int nvic_irq_set_type(struct irq_data *d, unsigned int type)
{
	switch (type) {
	case IRQ_TYPE_NONE:
	case IRQ_TYPE_LEVEL_HIGH:
	case IRQ_TYPE_EDGE_RISING:
		return 0;
	default:
		return -EINVAL;
	}
}

static int nvic_irq_set_wake(struct irq_data *d, unsigned int on)
{
	if (on)
		nvic_wake[d->hwirq / 32] |= nvic_bit(d->hwirq);
	else
		nvic_wake[d->hwirq / 32] &= ~nvic_bit(d->hwirq);
	return 0;
}

static int nvic_irq_get_state(struct irq_data *d, enum irqchip_irq_state which, bool *state)
{
	switch (which) {
	case IRQCHIP_STATE_PENDING:
		*state = readl(nvic_reg(NVIC_ISPR, d->hwirq)) & nvic_bit(d->hwirq);
		return 0;
	case IRQCHIP_STATE_ACTIVE:
		*state = readl(nvic_reg(NVIC_IABR, d->hwirq)) & nvic_bit(d->hwirq);
		return 0;
	case IRQCHIP_STATE_MASKED:
		*state = !(readl(nvic_reg(NVIC_ISER, d->hwirq)) & nvic_bit(d->hwirq));
		return 0;
	default:
		return -EINVAL;
	}
}

static int nvic_irq_set_state(struct irq_data *d, enum irqchip_irq_state which, bool val)
{
	if (which != IRQCHIP_STATE_PENDING)
		return -EINVAL;
	writel(nvic_bit(d->hwirq), nvic_reg(val ? NVIC_ISPR : NVIC_ICPR, d->hwirq));
	/* Taken (if enabled) before the caller's next instruction. */
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	return 0;
}

static struct irq_chip nvic_chip = {
	.name = "NVIC",
	.irq_mask = nvic_irq_mask,
	.irq_unmask = nvic_irq_unmask,
	.irq_set_type = nvic_irq_set_type,
	.irq_set_wake = nvic_irq_set_wake,
	.irq_get_irqchip_state = nvic_irq_get_state,
	.irq_set_irqchip_state = nvic_irq_set_state,
};

unsigned int nvic_get_wake_mask(u32 *mask, unsigned int words)
{
	for (unsigned int i = 0; i < words; i++)
		mask[i] = i < ARRAY_SIZE(nvic_wake) ? nvic_wake[i] : 0;
	return nvic_lines;
}

static int nvic_of_init(struct device_node *node, struct device_node *parent)
{
	struct resource r;
	if (of_address_to_resource(node, 0, &r))
		return -ENODEV;
	nvic_base = ioremap(r.start, resource_size(&r));
	unsigned int lines = ((readl((char __iomem *)nvic_base + NVIC_INTR_CTRL) & 0x0f) + 1) * 32;
	nvic_lines = min_t(unsigned int, lines, NR_IRQS);
	for (unsigned int i = 0; i < nvic_lines; i += 32) {
		writel(~0u, nvic_reg(NVIC_ICER, i));
		writel(~0u, nvic_reg(NVIC_ICPR, i));
	}
	for (unsigned int i = 0; i < nvic_lines; i += 4)
		writel(0, (char __iomem *)nvic_base + NVIC_IPR + i);
	irq_set_default_chip(&nvic_chip, NULL, nvic_lines);
	pr_info("NR_IRQS: %d, nr_irqs: %u, preallocated irqs: 0\n", NR_IRQS, nvic_lines);
	return 0;
}
IRQCHIP_DECLARE(armv7m_nvic, "arm,armv7m-nvic", nvic_of_init);
