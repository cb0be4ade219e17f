/*
 * GPIO controller drivers (include/linux/gpio/driver.h): a driver
 * describes its block as a struct gpio_chip (lines, direction, get, set)
 * and registers it with gpiochip_add_data; gpiolib (drivers/gpio/
 * gpiolib.c) numbers its lines, gives consumers their descriptors
 * (linux/gpio/consumer.h) and, when the chip has interrupts (gc->irq),
 * an irq_domain whose interrupts a chained handler on the chip's NVIC
 * line demultiplexes.
 */
#ifndef _LINUX_GPIO_DRIVER_H
#define _LINUX_GPIO_DRIVER_H

#include <linux/irq.h>
#include <linux/irqdesc.h>
#include <linux/irqdomain.h>
#include <linux/types.h>

struct device;
struct gpio_desc;
struct gpio_device;
struct module;
struct seq_file;

#define GPIO_LINE_DIRECTION_IN 1
#define GPIO_LINE_DIRECTION_OUT 0

/* Dynamically numbered chips start here, as in Linux (GPIO_DYNAMIC_BASE). */
#define GPIO_DYNAMIC_BASE 512

struct gpio_irq_chip {
	struct irq_chip *chip;
	struct irq_domain *domain;
	irq_flow_handler_t handler;   /* each line's flow until its type is set */
	unsigned int default_type;    /* IRQ_TYPE_* set at mapping, or NONE */
	irq_flow_handler_t parent_handler; /* chained on each parent line */
	void *parent_handler_data;    /* its data (default: the gpio_chip) */
	unsigned int num_parents;
	unsigned int *parents;
};

struct gpio_chip {
	const char *label;
	struct gpio_device *gpiodev;
	struct device *parent;
	struct module *owner;

	int (*request)(struct gpio_chip *gc, unsigned int offset);
	void (*free)(struct gpio_chip *gc, unsigned int offset);
	int (*get_direction)(struct gpio_chip *gc, unsigned int offset);
	int (*direction_input)(struct gpio_chip *gc, unsigned int offset);
	int (*direction_output)(struct gpio_chip *gc, unsigned int offset, int value);
	int (*get)(struct gpio_chip *gc, unsigned int offset);
	void (*set)(struct gpio_chip *gc, unsigned int offset, int value);
	int (*to_irq)(struct gpio_chip *gc, unsigned int offset);
	void (*dbg_show)(struct seq_file *s, struct gpio_chip *gc);

	int base;             /* first GPIO number, or -1: gpiolib picks */
	u16 ngpio;
	const char *const *names;
	bool can_sleep;

	struct gpio_irq_chip irq;
	struct device_node *of_node;
};

int gpiochip_add_data(struct gpio_chip *gc, void *data);
int devm_gpiochip_add_data(struct device *dev, struct gpio_chip *gc, void *data);
void gpiochip_remove(struct gpio_chip *gc);
void *gpiochip_get_data(struct gpio_chip *gc);

/* Line offset of a chip as a descriptor (for the chip's own use). */
struct gpio_desc *gpiochip_get_desc(struct gpio_chip *gc, unsigned int hwnum);
/* Whether line offset is requested, and by whom (its label). */
bool gpiochip_is_requested(struct gpio_chip *gc, unsigned int offset);

/* Mark line offset as an interrupt (refused for an output: -EIO), and
 * unmark it; gpiochip_reqres_irq/relres_irq are the irq_chip's
 * irq_request_resources/irq_release_resources that do it, which gpiolib
 * installs in a chip that has none. */
int gpiochip_lock_as_irq(struct gpio_chip *gc, unsigned int offset);
void gpiochip_unlock_as_irq(struct gpio_chip *gc, unsigned int offset);
int gpiochip_reqres_irq(struct gpio_chip *gc, unsigned int offset);
void gpiochip_relres_irq(struct gpio_chip *gc, unsigned int offset);

#endif
