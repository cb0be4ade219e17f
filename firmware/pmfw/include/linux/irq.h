/*
 * Interrupt controllers and per-line state (include/linux/irq.h): what an
 * irqchip driver provides (struct irq_chip) and what the IRQ layer keeps
 * per line (struct irq_data, in struct irq_desc, linux/irqdesc.h).
 *
 * pmfw's root interrupt controller is the NVIC (drivers/irqchip/irq-nvic.c),
 * and its IRQ numbers are the NVIC's external lines, as the device tree's
 * `interrupts` cells give them: IRQ 0 is a valid line (the default SoC's
 * UART); there is no irq_domain translation for them. Secondary
 * controllers (GPIO blocks) demultiplex their NVIC line with a chained
 * flow handler and give their own lines numbers from IRQ_DYN_BASE
 * (linux/irqdesc.h) through an irq_domain (linux/irqdomain.h); each such
 * interrupt has its controller's chip and a flow handler of Linux's
 * (handle_level_irq, handle_edge_irq, handle_simple_irq).
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
struct irq_desc;
struct irq_domain;
typedef unsigned long irq_hw_number_t;

struct irq_data {
	unsigned int irq;
	unsigned long hwirq;
	unsigned int state; /* IRQD_* */
	struct irq_chip *chip;
	struct irq_domain *domain; /* a secondary controller's, or NULL */
	void *chip_data;
};

static inline irq_hw_number_t irqd_to_hwirq(const struct irq_data *d)
{
	return d->hwirq;
}
static inline void *irq_data_get_irq_chip_data(const struct irq_data *d)
{
	return d->chip_data;
}

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
	int (*irq_request_resources)(struct irq_data *data); /* request_irq: may refuse */
	void (*irq_release_resources)(struct irq_data *data); /* free_irq */
	void (*irq_ack)(struct irq_data *data);  /* clear a latched (edge) interrupt */
	void (*irq_mask)(struct irq_data *data);
	void (*irq_unmask)(struct irq_data *data);
	void (*irq_eoi)(struct irq_data *data);
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

/* Setting up a secondary controller's interrupts (kernel/irq/chip.c). */
typedef void (*irq_flow_handler_t)(struct irq_desc *desc);
extern struct irq_chip no_irq_chip;
int irq_set_chip(unsigned int irq, const struct irq_chip *chip);
int irq_set_chip_data(unsigned int irq, void *data);
void *irq_get_chip_data(unsigned int irq);
struct irq_chip *irq_get_chip(unsigned int irq);
void irq_set_handler(unsigned int irq, irq_flow_handler_t handle);
/* From the chip's irq_set_type, which the IRQ layer calls locked. */
void irq_set_handler_locked(struct irq_data *data, irq_flow_handler_t handle);
void irq_set_chip_and_handler_name(unsigned int irq, const struct irq_chip *chip,
				   irq_flow_handler_t handle, const char *name);
static inline void irq_set_chip_and_handler(unsigned int irq, const struct irq_chip *chip,
					    irq_flow_handler_t handle)
{
	irq_set_chip_and_handler_name(irq, chip, handle, NULL);
}
/* Make line irq (an NVIC line) a secondary controller's input: handle
 * runs for every interrupt on it, with data as irq_desc_get_handler_data;
 * the line cannot be requested, and is enabled. NULL handle undoes it. */
void irq_set_chained_handler_and_data(unsigned int irq, irq_flow_handler_t handle, void *data);

/* Flow handlers (Linux's kernel/irq/chip.c). */
void handle_level_irq(struct irq_desc *desc); /* mask and ack, handle, unmask */
void handle_edge_irq(struct irq_desc *desc);  /* ack, handle */
void handle_simple_irq(struct irq_desc *desc);
void handle_bad_irq(struct irq_desc *desc);

#endif
