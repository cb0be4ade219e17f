/*
 * Per-line state of the IRQ layer (include/linux/irqdesc.h). A line gets
 * its descriptor when something first asks for it (request_irq,
 * enable_irq_wake, irq_set_irq_type, ...) and keeps it, with its counts,
 * for the rest of the run.
 *
 * The interrupts of secondary controllers (the lines of a GPIO block,
 * which reach the NVIC as one) are numbered from IRQ_DYN_BASE, above
 * every NVIC line, so that a number says which kind it is: 100 and up.
 * irq_alloc_descs makes them (an irq_domain does, linux/irqdomain.h),
 * irq_free_descs removes them.
 */
#ifndef _LINUX_IRQDESC_H
#define _LINUX_IRQDESC_H

#include <linux/irq.h>
#include <linux/wait.h>

struct irqaction;
struct irq_desc;

#define IRQ_DYN_BASE 100
#define NR_DYN_IRQS 32

struct irq_desc {
	struct irq_data irq_data;
	irq_flow_handler_t handle_irq;
	void *handler_data;          /* irq_set_chained_handler_and_data's */
	const char *name;            /* the flow's, for listings */
	struct irqaction *action;    /* the handlers, in the order requested */
	unsigned int depth;          /* disable_irq nesting */
	unsigned int wake_depth;     /* enable_irq_wake nesting */
	unsigned int tot_count;      /* interrupts handled (kstat) */
	unsigned int irq_count;      /* for spurious detection: per 100000 */
	unsigned int irqs_unhandled; /* ... of which no handler took */
	unsigned int istate;         /* IRQS_* (kernel/irq/internals.h) */
	unsigned long threads_oneshot; /* threads running with the line masked */
	int threads_active;          /* threaded handlers woken, not yet done */
	struct wait_queue_head wait_for_threads;
};

/* NULL if the line has no descriptor yet (nothing ever asked for it). */
struct irq_desc *irq_to_desc(unsigned int irq);
#define for_each_irq_desc(irq, desc) \
	for (irq = 0; irq < IRQ_DYN_BASE + NR_DYN_IRQS; irq++) \
		if (!(desc = irq_to_desc(irq))) ; else

/* cnt consecutive secondary interrupts, at irq (if >= 0) or the first
 * free ones from `from` up: the first number, or -EEXIST, -ENOSPC,
 * -ENOMEM. They have no chip and handle_bad_irq as flow until their
 * controller sets them up. */
int irq_alloc_descs(int irq, unsigned int from, unsigned int cnt, int node);
void irq_free_descs(unsigned int irq, unsigned int cnt);

static inline struct irq_data *irq_desc_get_irq_data(struct irq_desc *desc)
{
	return &desc->irq_data;
}
static inline struct irq_chip *irq_desc_get_chip(struct irq_desc *desc)
{
	return desc->irq_data.chip;
}
static inline void *irq_desc_get_handler_data(struct irq_desc *desc)
{
	return desc->handler_data;
}
static inline unsigned int irq_desc_get_irq(struct irq_desc *desc)
{
	return desc->irq_data.irq;
}
static inline void generic_handle_irq_desc(struct irq_desc *desc)
{
	desc->handle_irq(desc);
}

/* Interrupts handled on line irq since boot (/proc/interrupts). */
unsigned int kstat_irqs_usr(unsigned int irq);
static inline unsigned int kstat_irqs_cpu(unsigned int irq, int cpu)
{
	(void)cpu;
	return kstat_irqs_usr(irq);
}

/* From the architecture's vector (arch/arm/head.c): line `irq` fired. */
void handle_arch_irq(unsigned int irq);
int generic_handle_irq(unsigned int irq);

#endif
