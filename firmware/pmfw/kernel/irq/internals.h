/* What the IRQ layer's files share (Linux's kernel/irq/internals.h). */
#ifndef _KERNEL_IRQ_INTERNALS_H
#define _KERNEL_IRQ_INTERNALS_H

#include <linux/interrupt.h>
#include <linux/irqdesc.h>

/* desc->istate */
#define IRQS_ONESHOT 0x00000020   /* a handler has IRQF_ONESHOT */
#define IRQS_SUSPENDED 0x00000800 /* disabled by suspend_device_irqs */
#define IRQS_WAKEUP_ARMED 0x00004000 /* a wake-up line during suspend (Linux's IRQD_WAKEUP_ARMED) */
#define IRQS_CHAINED 0x00010000   /* a secondary controller's input: no handlers */

/* action->thread_flags */
#define IRQTF_RUNTHREAD 0

/* The descriptor of a line, made on first use; NULL if irq is not a line
 * of the controller (or there is no memory). */
struct irq_desc *irq_get_desc_alloc(unsigned int irq);

/* Mask or unmask the line at the controller so that it is enabled
 * exactly when it has handlers, is not disabled (depth 0) and has no
 * oneshot thread still running. Interrupts off. */
void irq_update_mask(struct irq_desc *desc);

void mask_irq(struct irq_desc *desc);
void unmask_irq(struct irq_desc *desc);
/* Run the line's handlers (waking threads): what they returned, or'ed. */
irqreturn_t handle_irq_event(struct irq_desc *desc);
/* An NVIC line's flow (irqdesc.c). */
void handle_fasteoi_irq(struct irq_desc *desc);
/* Count an interrupt for the "nobody cared" detection. */
void note_interrupt(struct irq_desc *desc, irqreturn_t ret);

/* kernel/irq/pm.c: an armed wake-up line fired. */
void irq_pm_check_wakeup(struct irq_desc *desc);

void __disable_irq(struct irq_desc *desc);
void __enable_irq(struct irq_desc *desc);
void __irq_wake_thread(struct irq_desc *desc, struct irqaction *action);

#endif
