/*
 * Interrupt controllers and per-line state (include/linux/irq.h): what an
 * irqchip driver provides (struct irq_chip) and what the IRQ layer keeps
 * per line (struct irq_data, in struct irq_desc, linux/irqdesc.h).
 *
 * pmfw has one interrupt controller, the NVIC (drivers/irqchip/irq-nvic.c),
 * and its IRQ numbers are the NVIC's external lines, as the device tree's
 * `interrupts` cells give them: IRQ 0 is a valid line (the default SoC's
 * UART). There is no irq_domain translation.
 */
#ifndef _LINUX_IRQ_H
#define _LINUX_IRQ_H

#include <linux/irqreturn.h>
#include <linux/types.h>

/* Trigger types (IRQ_TYPE_*, also the device tree's flags). */
#define IRQ_TYPE_NONE 0x00000000
#define IRQ_TYPE_EDGE_RISING 0x00000001
#define IRQ_TYPE_EDGE_FALLING 0x00000002
#define IRQ_TYPE_EDGE_BOTH (IRQ_TYPE_EDGE_FALLING | IRQ_TYPE_EDGE_RISING)
#define IRQ_TYPE_LEVEL_HIGH 0x00000004
#define IRQ_TYPE_LEVEL_LOW 0x00000008
#define IRQ_TYPE_LEVEL_MASK (IRQ_TYPE_LEVEL_LOW | IRQ_TYPE_LEVEL_HIGH)
#define IRQ_TYPE_SENSE_MASK 0x0000000f

/* irq_data.state: the trigger type in the low bits, then: */
#define IRQD_TRIGGER_MASK 0xf
#define IRQD_WAKEUP_STATE (1u << 14) /* enable_irq_wake is in force */
#define IRQD_IRQ_DISABLED (1u << 16) /* disable_irq depth > 0 */
#define IRQD_IRQ_MASKED (1u << 17)   /* masked at the controller */
#define IRQD_IRQ_INPROGRESS (1u << 18)

struct irq_chip;

struct irq_data {
	unsigned int irq;
	unsigned long hwirq;
	unsigned int state; /* IRQD_* */
	struct irq_chip *chip;
	void *chip_data;
};

static inline bool irqd_is_wakeup_set(const struct irq_data *d)
{
	return d->state & IRQD_WAKEUP_STATE;
}
static inline bool irqd_irq_disabled(const struct irq_data *d)
{
	return d->state & IRQD_IRQ_DISABLED;
}
static inline bool irqd_irq_masked(const struct irq_data *d)
{
	return d->state & IRQD_IRQ_MASKED;
}
static inline unsigned int irqd_get_trigger_type(const struct irq_data *d)
{
	return d->state & IRQD_TRIGGER_MASK;
}

/* The controller's operations (those pmfw uses). */
enum irqchip_irq_state {
	IRQCHIP_STATE_PENDING,
	IRQCHIP_STATE_ACTIVE,
	IRQCHIP_STATE_MASKED,
	IRQCHIP_STATE_LINE_LEVEL,
};

struct irq_chip {
	const char *name;
	void (*irq_mask)(struct irq_data *data);
	void (*irq_unmask)(struct irq_data *data);
	int (*irq_set_type)(struct irq_data *data, unsigned int flow_type);
	int (*irq_set_wake)(struct irq_data *data, unsigned int on);
	int (*irq_get_irqchip_state)(struct irq_data *data, enum irqchip_irq_state which,
				     bool *state);
	int (*irq_set_irqchip_state)(struct irq_data *data, enum irqchip_irq_state which,
				     bool state);
	unsigned long flags;
};

/* The number of interrupt lines the controller has (0 before init_IRQ). */
extern unsigned int nr_irqs;

/* pmfw: the controller driver registers itself for lines 0..nr-1. */
void irq_set_default_chip(struct irq_chip *chip, void *chip_data, unsigned int nr);

struct irq_data *irq_get_irq_data(unsigned int irq);
int irq_set_irq_type(unsigned int irq, unsigned int type);
unsigned int irq_get_trigger_type(unsigned int irq);
int irq_set_irq_wake(unsigned int irq, unsigned int on);
/* Set or read a line's state at the controller: PENDING raises it as a
 * software interrupt (on the NVIC, what a write of its number to STIR
 * does). 0, or -EINVAL. */
int irq_set_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool val);
int irq_get_irqchip_state(unsigned int irq, enum irqchip_irq_state which, bool *state);

/* arch/arm/irq.c and the controller's init (IRQCHIP_DECLARE). */
void init_IRQ(void);

#endif
