/*
 * Per-line state of the IRQ layer (include/linux/irqdesc.h). A line gets
 * its descriptor when something first asks for it (request_irq,
 * enable_irq_wake, irq_set_irq_type, ...) and keeps it, with its counts,
 * for the rest of the run.
 */
#ifndef _LINUX_IRQDESC_H
#define _LINUX_IRQDESC_H

#include <linux/irq.h>
#include <linux/wait.h>

struct irqaction;
struct irq_desc;
typedef void (*irq_flow_handler_t)(struct irq_desc *desc);

struct irq_desc {
	struct irq_data irq_data;
	irq_flow_handler_t handle_irq;
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
	for (irq = 0; irq < nr_irqs; irq++) \
		if (!(desc = irq_to_desc(irq))) ; else

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
