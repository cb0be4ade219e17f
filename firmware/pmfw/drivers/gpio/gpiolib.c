/*
 * gpiolib (Linux's drivers/gpio/gpiolib.c, gpiolib-of.c and the irqchip
 * part), the subset pmfw's GPIO blocks need.
 *
 * Numbering: a chip with base -1 gets the first free range at or above
 * GPIO_DYNAMIC_BASE (512), as in Linux, so the default SoC's PL061 has
 * GPIOs 512-519. Each chip is a device, gpiochipN (N from 0, the lowest
 * free), child of its controller and on the "gpio" bus:
 * /sys/devices/platform/soc/40007000.gpio/gpiochip0 and
 * /sys/bus/gpio/devices/gpiochip0.
 *
 * Lines: a descriptor per line with Linux's flags. A consumer requests
 * it (-EBUSY if it is taken), sets its direction, reads and writes it;
 * the chip's request() runs first (where a driver takes what the line
 * needs, e.g. its runtime-PM reference). A line used as an interrupt
 * cannot be made an output, and an output cannot become an interrupt
 * (-EIO, with Linux's messages): the interrupt logic of a real block
 * watches its input path.
 *
 * Interrupts: for a chip with gc->irq.chip, a linear irq_domain of ngpio
 * lines; a line's interrupt number is mapped on the first gpiod_to_irq,
 * with the driver's chip and girq->handler (handle_bad_irq until
 * irq_set_type picks level or edge), and girq->parent_handler is chained
 * on each parent NVIC line. A chip without irq_request_resources gets
 * gpiochip_reqres_irq, so that request_irq marks the line as used.
 *
 * /sys/kernel/debug/gpio lists the chips and their requested lines as
 * Linux prints them:
 *
 *   gpiochip0: GPIOs 512-519, parent: platform/40007000.gpio, 40007000.gpio:
 *    gpio-512 (                    |power               ) in  hi IRQ ACTIVE LOW
 *
 * Chips register from probes (threads); the chip list is under a mutex,
 * a line's flags change with interrupts off.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/gpio.h>
#include <linux/gpio/consumer.h>
#include <linux/gpio/driver.h>
#include <linux/init.h>
#include <linux/interrupt.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/of.h>
#include <linux/property.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

/* gpio_desc.flags (Linux's FLAG_*, bit numbers). */
#define FLAG_REQUESTED 0
#define FLAG_IS_OUT 1
#define FLAG_USED_AS_IRQ 9
#define FLAG_IRQ_IS_ENABLED 10
#define FLAG_ACTIVE_LOW 6

/* The DT's GPIO flags cell (include/dt-bindings/gpio/gpio.h). */
#define GPIO_ACTIVE_LOW 1

struct gpio_desc {
	struct gpio_device *gdev;
	unsigned long flags;
	const char *label; /* the consumer's, while requested */
	const char *name;  /* the chip's name for the line, or NULL */
};

struct gpio_device {
	struct device dev;
	int id;
	struct gpio_chip *chip;
	struct gpio_desc *descs;
	int base;
	u16 ngpio;
	void *data;
	struct list_head list;
};

static DEFINE_MUTEX(gpio_lock);
static LIST_HEAD(gpio_devices); /* by base */
static unsigned long gpio_ids;  /* gpiochipN numbers in use */

static const struct bus_type gpio_bus_type = {
	.name = "gpio",
};

static bool flag_test(const struct gpio_desc *desc, unsigned int bit)
{
	return READ_ONCE(desc->flags) & BIT(bit);
}

static void flag_assign(struct gpio_desc *desc, unsigned int bit, bool on)
{
	unsigned long irqflags;
	local_irq_save(irqflags);
	if (on)
		desc->flags |= BIT(bit);
	else
		desc->flags &= ~BIT(bit);
	local_irq_restore(irqflags);
}

/* Set the bit, and say whether it was set. */
static bool flag_test_and_set(struct gpio_desc *desc, unsigned int bit)
{
	unsigned long irqflags;
	local_irq_save(irqflags);
	bool was = desc->flags & BIT(bit);
	desc->flags |= BIT(bit);
	local_irq_restore(irqflags);
	return was;
}

static unsigned int gpio_chip_hwgpio(const struct gpio_desc *desc)
{
	return (unsigned int)(desc - desc->gdev->descs);
}

static struct gpio_chip *desc_chip(const struct gpio_desc *desc)
{
	return desc->gdev->chip;
}

#define chip_err(gc, fmt, ...) \
	pr_err("gpio gpiochip%d: (%s): " fmt, (gc)->gpiodev->id, (gc)->label, ##__VA_ARGS__)
#define gpiod_err(desc, fmt, ...) \
	pr_err("gpio-%d (%s): " fmt, desc_to_gpio(desc), (desc)->label ? (desc)->label : "?", \
	       ##__VA_ARGS__)

/* ---- numbers and descriptors ---------------------------------------------------- */

struct gpio_desc *gpio_to_desc(unsigned int gpio)
{
	struct gpio_device *gdev;
	struct gpio_desc *desc = NULL;
	mutex_lock(&gpio_lock);
	list_for_each_entry(gdev, &gpio_devices, list)
		if (gpio >= (unsigned int)gdev->base && gpio < (unsigned int)gdev->base + gdev->ngpio) {
			desc = &gdev->descs[gpio - (unsigned int)gdev->base];
			break;
		}
	mutex_unlock(&gpio_lock);
	return desc;
}

int desc_to_gpio(const struct gpio_desc *desc)
{
	return desc->gdev->base + (int)gpio_chip_hwgpio(desc);
}

struct gpio_desc *gpiochip_get_desc(struct gpio_chip *gc, unsigned int hwnum)
{
	if (!gc->gpiodev || hwnum >= gc->ngpio)
		return ERR_PTR(-EINVAL);
	return &gc->gpiodev->descs[hwnum];
}

void *gpiochip_get_data(struct gpio_chip *gc)
{
	return gc->gpiodev->data;
}

bool gpiochip_is_requested(struct gpio_chip *gc, unsigned int offset)
{
	return offset < gc->ngpio && flag_test(&gc->gpiodev->descs[offset], FLAG_REQUESTED);
}

/* A chip with base -1: the first gap at or above GPIO_DYNAMIC_BASE. */
static int gpiochip_find_base(u16 ngpio)
{
	int base = GPIO_DYNAMIC_BASE;
	struct gpio_device *gdev;
	list_for_each_entry(gdev, &gpio_devices, list) {
		if (gdev->base + gdev->ngpio <= base)
			continue;
		if (gdev->base >= base + ngpio)
			break;
		base = gdev->base + gdev->ngpio;
	}
	return base;
}

static bool gpiochip_base_free(int base, u16 ngpio)
{
	struct gpio_device *gdev;
	list_for_each_entry(gdev, &gpio_devices, list)
		if (base < gdev->base + gdev->ngpio && gdev->base < base + ngpio)
			return false;
	return true;
}

/* ---- requesting lines ----------------------------------------------------------- */

static int gpiod_request(struct gpio_desc *desc, const char *label)
{
	struct gpio_chip *gc = desc_chip(desc);
	unsigned int offset = gpio_chip_hwgpio(desc);
	if (flag_test_and_set(desc, FLAG_REQUESTED))
		return -EBUSY;
	if (gc->request) {
		int ret = gc->request(gc, offset);
		if (ret) {
			flag_assign(desc, FLAG_REQUESTED, false);
			return ret;
		}
	}
	desc->label = label ? label : "?";
	if (gc->get_direction)
		gpiod_get_direction(desc);
	return 0;
}

static void gpiod_free(struct gpio_desc *desc)
{
	if (!desc || !flag_test(desc, FLAG_REQUESTED)) {
		WARN_ON(1);
		return;
	}
	struct gpio_chip *gc = desc_chip(desc);
	if (gc->free)
		gc->free(gc, gpio_chip_hwgpio(desc));
	flag_assign(desc, FLAG_ACTIVE_LOW, false);
	desc->label = NULL;
	flag_assign(desc, FLAG_REQUESTED, false);
}

int gpio_request(unsigned int gpio, const char *label)
{
	struct gpio_desc *desc = gpio_to_desc(gpio);
	/* Compatibility: a number no chip has may come later. */
	if (!desc)
		return -EPROBE_DEFER;
	return gpiod_request(desc, label);
}

int gpio_request_one(unsigned int gpio, unsigned long flags, const char *label)
{
	int err = gpio_request(gpio, label);
	if (err)
		return err;
	struct gpio_desc *desc = gpio_to_desc(gpio);
	if (flags & GPIOF_IN)
		err = gpiod_direction_input(desc);
	else
		err = gpiod_direction_output_raw(desc, (flags & GPIOF_OUT_INIT_HIGH) ? 1 : 0);
	if (err)
		gpiod_free(desc);
	return err;
}

void gpio_free(unsigned int gpio)
{
	gpiod_free(gpio_to_desc(gpio));
}

void gpiod_put(struct gpio_desc *desc)
{
	if (!IS_ERR_OR_NULL(desc))
		gpiod_free(desc);
}

int gpiod_set_consumer_name(struct gpio_desc *desc, const char *name)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	desc->label = name ? name : "?";
	return 0;
}

static int gpiod_configure_flags(struct gpio_desc *desc, enum gpiod_flags dflags)
{
	if (!(dflags & 1)) /* GPIOD_ASIS */
		return 0;
	if (!(dflags & 2))
		return gpiod_direction_input(desc);
	return gpiod_direction_output(desc, !!(dflags & 4));
}

/* The line a node's "<con_id>-gpios" (or "gpios") entry idx names,
 * requested for label and set up as flags says. */
struct gpio_desc *fwnode_gpiod_get_index(struct fwnode_handle *fwnode, const char *con_id,
					 int index, enum gpiod_flags flags, const char *label)
{
	char prop[32];
	struct of_phandle_args args;
	if (!fwnode)
		return ERR_PTR(-ENOENT);
	if (con_id)
		scnprintf(prop, sizeof prop, "%s-gpios", con_id);
	else
		scnprintf(prop, sizeof prop, "gpios");
	if (of_parse_phandle_with_args(to_of_node(fwnode), prop, "#gpio-cells", index, &args))
		return ERR_PTR(-ENOENT);
	struct gpio_device *gdev, *found = NULL;
	mutex_lock(&gpio_lock);
	list_for_each_entry(gdev, &gpio_devices, list)
		if (gdev->chip && gdev->chip->of_node == args.np)
			found = gdev;
	mutex_unlock(&gpio_lock);
	if (!found)
		return ERR_PTR(-EPROBE_DEFER);
	if (args.args_count < 1 || args.args[0] >= found->ngpio)
		return ERR_PTR(-EINVAL);
	struct gpio_desc *desc = &found->descs[args.args[0]];
	int err = gpiod_request(desc, label);
	if (err)
		return ERR_PTR(err);
	if (args.args_count > 1 && (args.args[1] & GPIO_ACTIVE_LOW))
		flag_assign(desc, FLAG_ACTIVE_LOW, true);
	err = gpiod_configure_flags(desc, flags);
	if (err) {
		gpiod_free(desc);
		return ERR_PTR(err);
	}
	return desc;
}

struct gpio_desc *gpiod_get_index(struct device *dev, const char *con_id, unsigned int idx,
				  enum gpiod_flags flags)
{
	if (!dev)
		return ERR_PTR(-ENOENT);
	return fwnode_gpiod_get_index(dev_fwnode(dev), con_id, (int)idx, flags,
				      con_id ? con_id : dev_name(dev));
}

struct gpio_desc *gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags)
{
	return gpiod_get_index(dev, con_id, 0, flags);
}

struct gpio_desc *gpiod_get_optional(struct device *dev, const char *con_id,
				     enum gpiod_flags flags)
{
	struct gpio_desc *desc = gpiod_get(dev, con_id, flags);
	return PTR_ERR_OR_ZERO(desc) == -ENOENT ? NULL : desc;
}

static void devm_gpiod_release(void *desc)
{
	gpiod_put(desc);
}

/* Put the line back when dev's driver goes. */
static struct gpio_desc *devm_gpiod_track(struct device *dev, struct gpio_desc *desc)
{
	if (IS_ERR(desc))
		return desc;
	int err = devm_add_action_or_reset(dev, devm_gpiod_release, desc);
	return err ? ERR_PTR(err) : desc;
}

struct gpio_desc *devm_gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags)
{
	return devm_gpiod_track(dev, gpiod_get(dev, con_id, flags));
}

struct gpio_desc *devm_fwnode_gpiod_get_index(struct device *dev, struct fwnode_handle *fwnode,
					      const char *con_id, int index,
					      enum gpiod_flags flags, const char *label)
{
	return devm_gpiod_track(dev, fwnode_gpiod_get_index(fwnode, con_id, index, flags, label));
}

/* ---- directions and values ------------------------------------------------------ */

int gpiod_get_direction(struct gpio_desc *desc)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	struct gpio_chip *gc = desc_chip(desc);
	if (!gc->get_direction)
		return -ENOTSUPP;
	int ret = gc->get_direction(gc, gpio_chip_hwgpio(desc));
	if (ret < 0)
		return ret;
	if (ret > 0)
		ret = GPIO_LINE_DIRECTION_IN;
	flag_assign(desc, FLAG_IS_OUT, !ret);
	return ret;
}

int gpiod_direction_input(struct gpio_desc *desc)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	struct gpio_chip *gc = desc_chip(desc);
	if (!gc->direction_input) {
		gpiod_err(desc, "%s: missing direction_input() operation and line is output\n",
			  __func__);
		return -EIO;
	}
	int ret = gc->direction_input(gc, gpio_chip_hwgpio(desc));
	if (!ret)
		flag_assign(desc, FLAG_IS_OUT, false);
	return ret;
}

int gpiod_direction_output_raw(struct gpio_desc *desc, int value)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	if (flag_test(desc, FLAG_USED_AS_IRQ)) {
		gpiod_err(desc, "%s: tried to set a GPIO tied to an IRQ as output\n", __func__);
		return -EIO;
	}
	struct gpio_chip *gc = desc_chip(desc);
	if (!gc->direction_output) {
		gpiod_err(desc, "%s: missing direction_output() operation\n", __func__);
		return -EIO;
	}
	int ret = gc->direction_output(gc, gpio_chip_hwgpio(desc), !!value);
	if (!ret)
		flag_assign(desc, FLAG_IS_OUT, true);
	return ret;
}

int gpiod_direction_output(struct gpio_desc *desc, int value)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	if (flag_test(desc, FLAG_ACTIVE_LOW))
		value = !value;
	return gpiod_direction_output_raw(desc, value);
}

int gpiod_get_raw_value(const struct gpio_desc *desc)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	struct gpio_chip *gc = desc_chip(desc);
	WARN_ON(gc->can_sleep);
	if (!gc->get)
		return -EIO;
	int v = gc->get(gc, gpio_chip_hwgpio(desc));
	return v < 0 ? v : !!v;
}

int gpiod_get_value(const struct gpio_desc *desc)
{
	int v = gpiod_get_raw_value(desc);
	if (v < 0)
		return v;
	return flag_test(desc, FLAG_ACTIVE_LOW) ? !v : v;
}

void gpiod_set_raw_value(struct gpio_desc *desc, int value)
{
	if (IS_ERR_OR_NULL(desc))
		return;
	struct gpio_chip *gc = desc_chip(desc);
	WARN_ON(gc->can_sleep);
	if (gc->set)
		gc->set(gc, gpio_chip_hwgpio(desc), !!value);
}

void gpiod_set_value(struct gpio_desc *desc, int value)
{
	if (IS_ERR_OR_NULL(desc))
		return;
	gpiod_set_raw_value(desc, flag_test(desc, FLAG_ACTIVE_LOW) ? !value : !!value);
}

int gpiod_get_value_cansleep(const struct gpio_desc *desc)
{
	return gpiod_get_value(desc);
}

void gpiod_set_value_cansleep(struct gpio_desc *desc, int value)
{
	gpiod_set_value(desc, value);
}

/* No pmfw chip debounces its inputs in hardware (Linux asks the chip's
 * set_config): consumers debounce in software, as gpio-keys does. */
int gpiod_set_debounce(struct gpio_desc *desc, unsigned int debounce)
{
	(void)debounce;
	return IS_ERR_OR_NULL(desc) ? -EINVAL : -ENOTSUPP;
}

int gpiod_is_active_low(const struct gpio_desc *desc)
{
	return flag_test(desc, FLAG_ACTIVE_LOW);
}

void gpiod_toggle_active_low(struct gpio_desc *desc)
{
	flag_assign(desc, FLAG_ACTIVE_LOW, !flag_test(desc, FLAG_ACTIVE_LOW));
}

int gpiod_cansleep(const struct gpio_desc *desc)
{
	return desc_chip(desc)->can_sleep;
}

int gpiod_to_irq(const struct gpio_desc *desc)
{
	if (IS_ERR_OR_NULL(desc))
		return -EINVAL;
	struct gpio_chip *gc = desc_chip(desc);
	if (!gc->to_irq)
		return -ENXIO;
	int irq = gc->to_irq(gc, gpio_chip_hwgpio(desc));
	/* Zero means NO_IRQ. */
	return irq ? irq : -ENXIO;
}

/* ---- lines as interrupts -------------------------------------------------------- */

int gpiochip_lock_as_irq(struct gpio_chip *gc, unsigned int offset)
{
	struct gpio_desc *desc = gpiochip_get_desc(gc, offset);
	if (IS_ERR(desc))
		return (int)PTR_ERR(desc);
	/* Fresh from the hardware: something may have changed it. */
	if (!gc->can_sleep && gc->get_direction) {
		int dir = gpiod_get_direction(desc);
		if (dir < 0) {
			chip_err(gc, "%s: cannot get GPIO direction\n", __func__);
			return dir;
		}
	}
	if (flag_test(desc, FLAG_IS_OUT)) {
		chip_err(gc, "%s: tried to flag a GPIO set as output for IRQ\n", __func__);
		return -EIO;
	}
	flag_assign(desc, FLAG_USED_AS_IRQ, true);
	flag_assign(desc, FLAG_IRQ_IS_ENABLED, true);
	return 0;
}

void gpiochip_unlock_as_irq(struct gpio_chip *gc, unsigned int offset)
{
	struct gpio_desc *desc = gpiochip_get_desc(gc, offset);
	if (IS_ERR(desc))
		return;
	flag_assign(desc, FLAG_USED_AS_IRQ, false);
	flag_assign(desc, FLAG_IRQ_IS_ENABLED, false);
}

int gpiochip_reqres_irq(struct gpio_chip *gc, unsigned int offset)
{
	int ret = gpiochip_lock_as_irq(gc, offset);
	if (ret) {
		chip_err(gc, "unable to lock HW IRQ %u for IRQ\n", offset);
		return ret;
	}
	return 0;
}

void gpiochip_relres_irq(struct gpio_chip *gc, unsigned int offset)
{
	gpiochip_unlock_as_irq(gc, offset);
}

static int gpiochip_irq_reqres(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	return gpiochip_reqres_irq(gc, (unsigned int)irqd_to_hwirq(d));
}

static void gpiochip_irq_relres(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	gpiochip_relres_irq(gc, (unsigned int)irqd_to_hwirq(d));
}

static int gpiochip_irq_map(struct irq_domain *d, unsigned int irq, irq_hw_number_t hwirq)
{
	struct gpio_chip *gc = d->host_data;
	irq_set_chip_data(irq, gc);
	irq_set_chip_and_handler(irq, gc->irq.chip, gc->irq.handler);
	if (gc->irq.default_type != IRQ_TYPE_NONE)
		irq_set_irq_type(irq, gc->irq.default_type);
	return 0;
}

static void gpiochip_irq_unmap(struct irq_domain *d, unsigned int irq)
{
	irq_set_chip_and_handler(irq, NULL, NULL);
	irq_set_chip_data(irq, NULL);
}

static const struct irq_domain_ops gpiochip_domain_ops = {
	.map = gpiochip_irq_map,
	.unmap = gpiochip_irq_unmap,
	.xlate = irq_domain_xlate_twocell,
};

static int gpiochip_to_irq(struct gpio_chip *gc, unsigned int offset)
{
	unsigned int irq = irq_create_mapping(gc->irq.domain, offset);
	return irq ? (int)irq : -ENXIO;
}

static int gpiochip_add_irqchip(struct gpio_chip *gc)
{
	struct gpio_irq_chip *girq = &gc->irq;
	if (!girq->chip)
		return 0;
	if (!girq->handler)
		girq->handler = handle_bad_irq;
	if (!girq->chip->irq_request_resources && !girq->chip->irq_release_resources) {
		girq->chip->irq_request_resources = gpiochip_irq_reqres;
		girq->chip->irq_release_resources = gpiochip_irq_relres;
	}
	girq->domain = irq_domain_add_linear(gc->of_node, gc->ngpio, &gpiochip_domain_ops, gc);
	if (!girq->domain)
		return -ENOMEM;
	if (!gc->to_irq)
		gc->to_irq = gpiochip_to_irq;
	void *data = girq->parent_handler_data ? girq->parent_handler_data : gc;
	if (girq->parent_handler)
		for (unsigned int i = 0; i < girq->num_parents; i++)
			irq_set_chained_handler_and_data(girq->parents[i], girq->parent_handler, data);
	return 0;
}

static void gpiochip_remove_irqchip(struct gpio_chip *gc)
{
	struct gpio_irq_chip *girq = &gc->irq;
	if (!girq->domain)
		return;
	if (girq->parent_handler)
		for (unsigned int i = 0; i < girq->num_parents; i++)
			irq_set_chained_handler_and_data(girq->parents[i], NULL, NULL);
	irq_domain_remove(girq->domain);
	girq->domain = NULL;
}

/* ---- chips ---------------------------------------------------------------------- */

static void gpiodev_release(struct device *dev)
{
	struct gpio_device *gdev = container_of(dev, struct gpio_device, dev);
	kfree(gdev->descs);
	kfree(gdev);
}

int gpiochip_add_data(struct gpio_chip *gc, void *data)
{
	if (!gc->ngpio) {
		pr_err("%s: tried to insert a GPIO chip with zero lines\n", __func__);
		return -EINVAL;
	}
	struct gpio_device *gdev = kzalloc(sizeof *gdev, GFP_KERNEL);
	if (!gdev)
		return -ENOMEM;
	gdev->descs = kcalloc(gc->ngpio, sizeof *gdev->descs, GFP_KERNEL);
	if (!gdev->descs) {
		kfree(gdev);
		return -ENOMEM;
	}
	gdev->chip = gc;
	gdev->data = data;
	gdev->ngpio = gc->ngpio;
	gc->gpiodev = gdev;
	if (!gc->of_node && gc->parent)
		gc->of_node = gc->parent->of_node;
	if (!gc->label)
		gc->label = gc->parent ? dev_name(gc->parent) : "unknown";
	for (unsigned int i = 0; i < gc->ngpio; i++) {
		gdev->descs[i].gdev = gdev;
		gdev->descs[i].name = gc->names ? gc->names[i] : NULL;
	}

	mutex_lock(&gpio_lock);
	int base = gc->base < 0 ? gpiochip_find_base(gc->ngpio) : gc->base;
	if (!gpiochip_base_free(base, gc->ngpio)) {
		mutex_unlock(&gpio_lock);
		chip_err(gc, "GPIO integer space overlap, cannot add chip\n");
		gc->gpiodev = NULL;
		kfree(gdev->descs);
		kfree(gdev);
		return -EBUSY;
	}
	gdev->id = __builtin_ctzl(~gpio_ids);
	gpio_ids |= BIT(gdev->id);
	gdev->base = base;
	struct list_head *pos = &gpio_devices;
	struct gpio_device *other;
	list_for_each_entry(other, &gpio_devices, list)
		if (other->base > base) {
			pos = &other->list;
			break;
		}
	list_add_tail(&gdev->list, pos);
	mutex_unlock(&gpio_lock);
	if (gc->base < 0)
		gc->base = base;

	/* Each line's direction as the hardware has it. */
	for (unsigned int i = 0; i < gc->ngpio; i++) {
		if (gc->get_direction)
			flag_assign(&gdev->descs[i], FLAG_IS_OUT,
				    gc->get_direction(gc, i) == GPIO_LINE_DIRECTION_OUT);
		else
			flag_assign(&gdev->descs[i], FLAG_IS_OUT, !gc->direction_input);
	}

	int err = gpiochip_add_irqchip(gc);
	if (err)
		goto err_list;
	device_initialize(&gdev->dev);
	gdev->dev.parent = gc->parent;
	gdev->dev.bus = &gpio_bus_type;
	gdev->dev.of_node = gc->of_node;
	gdev->dev.release = gpiodev_release;
	dev_set_name(&gdev->dev, "gpiochip%d", gdev->id);
	err = device_add(&gdev->dev);
	if (err) {
		gpiochip_remove_irqchip(gc);
		mutex_lock(&gpio_lock);
		list_del(&gdev->list);
		gpio_ids &= ~BIT(gdev->id);
		mutex_unlock(&gpio_lock);
		gc->gpiodev = NULL;
		put_device(&gdev->dev);
		return err;
	}
	pr_debug("gpiochip%d: registered GPIOs %d to %d on %s\n", gdev->id, base,
		 base + gc->ngpio - 1, gc->label);
	return 0;

err_list:
	mutex_lock(&gpio_lock);
	list_del(&gdev->list);
	gpio_ids &= ~BIT(gdev->id);
	mutex_unlock(&gpio_lock);
	gc->gpiodev = NULL;
	kfree(gdev->descs);
	kfree(gdev);
	return err;
}

void gpiochip_remove(struct gpio_chip *gc)
{
	struct gpio_device *gdev = gc->gpiodev;
	if (!gdev)
		return;
	gpiochip_remove_irqchip(gc);
	for (unsigned int i = 0; i < gdev->ngpio; i++)
		if (flag_test(&gdev->descs[i], FLAG_REQUESTED)) {
			dev_crit(&gdev->dev, "REMOVING GPIOCHIP WITH GPIOS STILL REQUESTED\n");
			break;
		}
	mutex_lock(&gpio_lock);
	list_del(&gdev->list);
	gpio_ids &= ~BIT(gdev->id);
	mutex_unlock(&gpio_lock);
	gdev->chip = NULL;
	gc->gpiodev = NULL;
	device_unregister(&gdev->dev);
}

static void devm_gpio_chip_release(void *data)
{
	gpiochip_remove(data);
}

int devm_gpiochip_add_data(struct device *dev, struct gpio_chip *gc, void *data)
{
	int err = gpiochip_add_data(gc, data);
	if (err)
		return err;
	return devm_add_action_or_reset(dev, devm_gpio_chip_release, gc);
}

/* ---- /sys/kernel/debug/gpio ----------------------------------------------------- */

static void gpiolib_dbg_show(struct seq_file *s, struct gpio_device *gdev)
{
	struct gpio_chip *gc = gdev->chip;
	for (unsigned int i = 0; i < gdev->ngpio; i++) {
		struct gpio_desc *desc = &gdev->descs[i];
		int gpio = gdev->base + (int)i;
		bool is_irq = flag_test(desc, FLAG_USED_AS_IRQ);
		if (is_irq || flag_test(desc, FLAG_REQUESTED)) {
			gpiod_get_direction(desc);
			bool is_out = flag_test(desc, FLAG_IS_OUT);
			int value = gc->get ? gc->get(gc, i) : -EIO;
			const char *label = flag_test(desc, FLAG_REQUESTED) ? desc->label : "interrupt";
			seq_printf(s, " gpio-%-3d (%-20.20s|%-20.20s) %s %s %s%s\n", gpio,
				   desc->name ? desc->name : "", label, is_out ? "out" : "in ",
				   value >= 0 ? (value ? "hi" : "lo") : "?  ", is_irq ? "IRQ " : "",
				   flag_test(desc, FLAG_ACTIVE_LOW) ? "ACTIVE LOW" : "");
		} else if (desc->name) {
			seq_printf(s, " gpio-%-3d (%-20.20s)\n", gpio, desc->name);
		}
	}
}

static int gpiolib_show(struct seq_file *s, void *v)
{
	struct gpio_device *gdev;
	bool first = true;
	mutex_lock(&gpio_lock);
	list_for_each_entry(gdev, &gpio_devices, list) {
		struct gpio_chip *gc = gdev->chip;
		seq_printf(s, "%s%s: GPIOs %d-%d", first ? "" : "\n", dev_name(&gdev->dev),
			   gdev->base, gdev->base + gdev->ngpio - 1);
		first = false;
		struct device *parent = gc->parent;
		if (parent)
			seq_printf(s, ", parent: %s/%s", parent->bus ? parent->bus->name : "no-bus",
				   dev_name(parent));
		if (gc->label)
			seq_printf(s, ", %s", gc->label);
		if (gc->can_sleep)
			seq_puts(s, ", can sleep");
		seq_puts(s, ":\n");
		if (gc->dbg_show)
			gc->dbg_show(s, gc);
		else
			gpiolib_dbg_show(s, gdev);
	}
	mutex_unlock(&gpio_lock);
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(gpiolib);

static int gpiolib_dev_init(void)
{
	int err = bus_register(&gpio_bus_type);
	if (err) {
		pr_err("gpiolib: could not register GPIO bus type\n");
		return err;
	}
	return 0;
}
postcore_initcall(gpiolib_dev_init);

static int gpiolib_debugfs_init(void)
{
	debugfs_create_file("gpio", 0444, NULL, NULL, &gpiolib_fops);
	return 0;
}
subsys_initcall(gpiolib_debugfs_init);
