/*
 * Managed interrupt handlers (Linux's kernel/irq/devres.c): requested
 * for a driver's device and freed when the driver unbinds or its probe
 * fails, in devres's order (after what was taken later).
 */
#include <linux/device.h>
#include <linux/interrupt.h>
#include <linux/slab.h>

struct irq_devres {
	unsigned int irq;
	void *dev_id;
};

static void devm_irq_release(struct device *dev, void *res)
{
	struct irq_devres *this = res;
	free_irq(this->irq, this->dev_id);
}

static int devm_irq_match(struct device *dev, void *res, void *data)
{
	struct irq_devres *this = res, *match = data;
	return this->irq == match->irq && this->dev_id == match->dev_id;
}

int devm_request_threaded_irq(struct device *dev, unsigned int irq, irq_handler_t handler,
			      irq_handler_t thread_fn, unsigned long irqflags,
			      const char *devname, void *dev_id)
{
	struct irq_devres *dr = devres_alloc(devm_irq_release, sizeof *dr, GFP_KERNEL);
	if (!dr)
		return -ENOMEM;
	if (!devname)
		devname = dev_name(dev);
	int rc = request_threaded_irq(irq, handler, thread_fn, irqflags, devname, dev_id);
	if (rc) {
		devres_free(dr);
		dev_err(dev, "error %d: failed to request IRQ %u (%s)\n", rc, irq, devname);
		return rc;
	}
	dr->irq = irq;
	dr->dev_id = dev_id;
	devres_add(dev, dr);
	return 0;
}

void devm_free_irq(struct device *dev, unsigned int irq, void *dev_id)
{
	struct irq_devres match = { .irq = irq, .dev_id = dev_id };
	WARN_ON(devres_release(dev, devm_irq_release, devm_irq_match, &match));
}
