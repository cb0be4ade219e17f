/*
 * ARM PrimeCell PL061 GPIO (Linux's drivers/gpio/gpio-pl061.c; pmsim's
 * model: docs/devices/pl061.md; this driver: docs/devices/pl061.md,
 * "The pmfw driver").
 *
 * Eight lines; a data write goes through the address mask (offset
 * BIT(n + 2) touches line n alone), and since the block drops writes to
 * input lines, direction_output writes the value before and after
 * setting GPIODIR, as Linux's driver does.
 *
 * Interrupts: the combined GPIOINTR on the node's NVIC line, chained;
 * the handler reads GPIOMIS and hands each pending line to its
 * interrupt (gpiolib's irq_domain). Level lines flow through
 * handle_level_irq, edge lines through handle_edge_irq, whose ack clears
 * the latched edge (GPIOIC) before the handler runs. irq_set_wake arms
 * the parent NVIC line: the block latches edges with its clock stopped,
 * so a wake-armed line wakes the SoC from suspend; that interrupt comes
 * before the block's resume and is demultiplexed with the clock enabled
 * for the purpose.
 *
 * Power: the block's clock (`clocks` entry 0, the APB clock) runs only
 * while a line is in use: a requested line or a line requested as an
 * interrupt holds a runtime-PM reference. Runtime suspend saves the
 * registers and gates the clock; resume ungates it and, if the power
 * domain lost them, writes them back. System sleep does the same at the
 * noirq phase, after suspend_device_irqs has masked the lines that do
 * not wake (which needs the registers).
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/gpio/driver.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqchip/chained_irq.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/pm.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/spinlock.h>

#define GPIODIR 0x400
#define GPIOIS 0x404
#define GPIOIBE 0x408
#define GPIOIEV 0x40C
#define GPIOIE 0x410
#define GPIORIS 0x414
#define GPIOMIS 0x418
#define GPIOIC 0x41C

#define PL061_GPIO_NR 8

struct pl061_context_save_regs {
	u8 gpio_data;
	u8 gpio_dir;
	u8 gpio_is;
	u8 gpio_ibe;
	u8 gpio_iev;
	u8 gpio_ie;
};

struct pl061 {
	spinlock_t lock;
	void __iomem *base;
	struct clk *pclk;
	struct gpio_chip gc;
	struct irq_chip irq_chip;
	unsigned int parent_irq;
	struct pl061_context_save_regs csave_regs;
};

/* A line in use keeps the block's clock running. */
static int pl061_request(struct gpio_chip *gc, unsigned int offset)
{
	return pm_runtime_resume_and_get(gc->parent);
}

static void pl061_free(struct gpio_chip *gc, unsigned int offset)
{
	pm_runtime_put(gc->parent);
}

static int pl061_get_direction(struct gpio_chip *gc, unsigned int offset)
{
	struct pl061 *pl061 = gpiochip_get_data(gc);
	if (readb(pl061->base + GPIODIR) & BIT(offset))
		return GPIO_LINE_DIRECTION_OUT;
	return GPIO_LINE_DIRECTION_IN;
}

static int pl061_direction_input(struct gpio_chip *gc, unsigned int offset)
{
	struct pl061 *pl061 = gpiochip_get_data(gc);
	unsigned long flags;
	spin_lock_irqsave(&pl061->lock, flags);
	u8 gpiodir = readb(pl061->base + GPIODIR);
	gpiodir &= ~BIT(offset);
	writeb(gpiodir, pl061->base + GPIODIR);
	spin_unlock_irqrestore(&pl061->lock, flags);
	return 0;
}

static int pl061_direction_output(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct pl061 *pl061 = gpiochip_get_data(gc);
	unsigned long flags;
	spin_lock_irqsave(&pl061->lock, flags);
	writeb(!!value << offset, pl061->base + (BIT(offset + 2)));
	u8 gpiodir = readb(pl061->base + GPIODIR);
	gpiodir |= BIT(offset);
	writeb(gpiodir, pl061->base + GPIODIR);
	/* Again: the block dropped the first write, the line was an input. */
	writeb(!!value << offset, pl061->base + (BIT(offset + 2)));
	spin_unlock_irqrestore(&pl061->lock, flags);
	return 0;
}

static int pl061_get_value(struct gpio_chip *gc, unsigned int offset)
{
	struct pl061 *pl061 = gpiochip_get_data(gc);
	return !!readb(pl061->base + (BIT(offset + 2)));
}

static void pl061_set_value(struct gpio_chip *gc, unsigned int offset, int value)
{
	struct pl061 *pl061 = gpiochip_get_data(gc);
	writeb(!!value << offset, pl061->base + (BIT(offset + 2)));
}

static int pl061_irq_type(struct irq_data *d, unsigned int trigger)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	struct pl061 *pl061 = gpiochip_get_data(gc);
	unsigned int offset = (unsigned int)irqd_to_hwirq(d);
	u8 bit = BIT(offset);

	if ((trigger & (IRQ_TYPE_LEVEL_HIGH | IRQ_TYPE_LEVEL_LOW)) &&
	    (trigger & (IRQ_TYPE_EDGE_RISING | IRQ_TYPE_EDGE_FALLING))) {
		dev_err(gc->parent,
			"trying to configure line %u for both level and edge detection, choose one!\n",
			offset);
		return -EINVAL;
	}

	unsigned long flags;
	spin_lock_irqsave(&pl061->lock, flags);
	u8 gpioiev = readb(pl061->base + GPIOIEV);
	u8 gpiois = readb(pl061->base + GPIOIS);
	u8 gpioibe = readb(pl061->base + GPIOIBE);

	if (trigger & (IRQ_TYPE_LEVEL_HIGH | IRQ_TYPE_LEVEL_LOW)) {
		bool polarity = trigger & IRQ_TYPE_LEVEL_HIGH;
		gpioibe &= ~bit;
		gpiois |= bit;
		if (polarity)
			gpioiev |= bit;
		else
			gpioiev &= ~bit;
		irq_set_handler_locked(d, handle_level_irq);
		dev_dbg(gc->parent, "line %u: IRQ on %s level\n", offset, polarity ? "HIGH" : "LOW");
	} else if ((trigger & IRQ_TYPE_EDGE_BOTH) == IRQ_TYPE_EDGE_BOTH) {
		gpiois &= ~bit;
		/* Both edges: GPIOIEV is ignored for the line. */
		gpioibe |= bit;
		irq_set_handler_locked(d, handle_edge_irq);
		dev_dbg(gc->parent, "line %u: IRQ on both edges\n", offset);
	} else if (trigger & (IRQ_TYPE_EDGE_RISING | IRQ_TYPE_EDGE_FALLING)) {
		bool rising = trigger & IRQ_TYPE_EDGE_RISING;
		gpiois &= ~bit;
		gpioibe &= ~bit;
		if (rising)
			gpioiev |= bit;
		else
			gpioiev &= ~bit;
		irq_set_handler_locked(d, handle_edge_irq);
		dev_dbg(gc->parent, "line %u: IRQ on %s edge\n", offset, rising ? "RISING" : "FALLING");
	} else {
		gpiois &= ~bit;
		gpioibe &= ~bit;
		gpioiev &= ~bit;
		irq_set_handler_locked(d, handle_bad_irq);
		dev_warn(gc->parent, "no trigger selected for line %u\n", offset);
	}

	writeb(gpiois, pl061->base + GPIOIS);
	writeb(gpioibe, pl061->base + GPIOIBE);
	writeb(gpioiev, pl061->base + GPIOIEV);
	spin_unlock_irqrestore(&pl061->lock, flags);
	return 0;
}

static void pl061_irq_handler(struct irq_desc *desc)
{
	struct gpio_chip *gc = irq_desc_get_handler_data(desc);
	struct pl061 *pl061 = gpiochip_get_data(gc);
	struct irq_chip *irqchip = irq_desc_get_chip(desc);
	/* Suspended here only in system sleep (a line in use holds the
	 * block active otherwise): the noirq phase gated the clock, and a
	 * wake-armed line's edge, latched meanwhile, is what woke the SoC.
	 * Its interrupt comes as soon as interrupts are on again, before
	 * resume_noirq gives the clock back, and reading GPIOMIS needs the
	 * clock: it runs for the demultiplexing (clk_enable may be called
	 * here; the registers were kept, since the block latches edges only
	 * while its domain is on). */
	bool gated = pm_runtime_status_suspended(gc->parent);

	chained_irq_enter(irqchip, desc);
	if (gated && WARN_ON_ONCE(clk_enable(pl061->pclk))) {
		chained_irq_exit(irqchip, desc);
		return;
	}
	unsigned long pending = readb(pl061->base + GPIOMIS);
	for (unsigned int offset = 0; offset < PL061_GPIO_NR; offset++)
		if (pending & BIT(offset))
			generic_handle_domain_irq(gc->irq.domain, offset);
	if (gated)
		clk_disable(pl061->pclk);
	chained_irq_exit(irqchip, desc);
}

static void pl061_irq_mask(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	struct pl061 *pl061 = gpiochip_get_data(gc);
	u8 mask = BIT(irqd_to_hwirq(d) % PL061_GPIO_NR);
	unsigned long flags;
	spin_lock_irqsave(&pl061->lock, flags);
	u8 gpioie = readb(pl061->base + GPIOIE) & ~mask;
	writeb(gpioie, pl061->base + GPIOIE);
	spin_unlock_irqrestore(&pl061->lock, flags);
}

static void pl061_irq_unmask(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	struct pl061 *pl061 = gpiochip_get_data(gc);
	u8 mask = BIT(irqd_to_hwirq(d) % PL061_GPIO_NR);
	unsigned long flags;
	spin_lock_irqsave(&pl061->lock, flags);
	u8 gpioie = readb(pl061->base + GPIOIE) | mask;
	writeb(gpioie, pl061->base + GPIOIE);
	spin_unlock_irqrestore(&pl061->lock, flags);
}

/* From handle_edge_irq: clear the latched edge. Levels need nothing:
 * they go away with the level. */
static void pl061_irq_ack(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	struct pl061 *pl061 = gpiochip_get_data(gc);
	u8 mask = BIT(irqd_to_hwirq(d) % PL061_GPIO_NR);
	unsigned long flags;
	spin_lock_irqsave(&pl061->lock, flags);
	writeb(mask, pl061->base + GPIOIC);
	spin_unlock_irqrestore(&pl061->lock, flags);
}

/* request_irq on a line: the clock runs while it is an interrupt. */
static int pl061_irq_reqres(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	int ret = pm_runtime_resume_and_get(gc->parent);
	if (ret)
		return ret;
	ret = gpiochip_reqres_irq(gc, (unsigned int)irqd_to_hwirq(d));
	if (ret)
		pm_runtime_put(gc->parent);
	return ret;
}

static void pl061_irq_relres(struct irq_data *d)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	gpiochip_relres_irq(gc, (unsigned int)irqd_to_hwirq(d));
	pm_runtime_put(gc->parent);
}

static int pl061_irq_set_wake(struct irq_data *d, unsigned int state)
{
	struct gpio_chip *gc = irq_data_get_irq_chip_data(d);
	struct pl061 *pl061 = gpiochip_get_data(gc);
	return irq_set_irq_wake(pl061->parent_irq, state);
}

/* ---- power ---------------------------------------------------------------------- */

static void pl061_save(struct pl061 *pl061)
{
	struct pl061_context_save_regs *r = &pl061->csave_regs;
	r->gpio_data = 0;
	r->gpio_dir = readb(pl061->base + GPIODIR);
	r->gpio_is = readb(pl061->base + GPIOIS);
	r->gpio_ibe = readb(pl061->base + GPIOIBE);
	r->gpio_iev = readb(pl061->base + GPIOIEV);
	r->gpio_ie = readb(pl061->base + GPIOIE);
	for (unsigned int offset = 0; offset < PL061_GPIO_NR; offset++)
		if (r->gpio_dir & BIT(offset))
			r->gpio_data |= pl061_get_value(&pl061->gc, offset) << offset;
}

static void pl061_restore(struct pl061 *pl061)
{
	struct pl061_context_save_regs *r = &pl061->csave_regs;
	for (unsigned int offset = 0; offset < PL061_GPIO_NR; offset++) {
		if (r->gpio_dir & BIT(offset))
			pl061_direction_output(&pl061->gc, offset, r->gpio_data & BIT(offset));
		else
			pl061_direction_input(&pl061->gc, offset);
	}
	writeb(r->gpio_is, pl061->base + GPIOIS);
	writeb(r->gpio_ibe, pl061->base + GPIOIBE);
	writeb(r->gpio_iev, pl061->base + GPIOIEV);
	writeb(r->gpio_ie, pl061->base + GPIOIE);
}

static int pl061_runtime_suspend(struct device *dev)
{
	struct pl061 *pl061 = dev_get_drvdata(dev);
	pl061_save(pl061);
	clk_disable(pl061->pclk);
	return 0;
}

static int pl061_runtime_resume(struct device *dev)
{
	struct pl061 *pl061 = dev_get_drvdata(dev);
	int err = clk_enable(pl061->pclk);
	if (err)
		return err;
	pl061_restore(pl061);
	return 0;
}

/* System sleep at the noirq phase: suspend_device_irqs, before it, masks
 * the lines that do not wake, which needs the registers. */
static const struct dev_pm_ops pl061_dev_pm_ops = {
	SET_NOIRQ_SYSTEM_SLEEP_PM_OPS(pm_runtime_force_suspend, pm_runtime_force_resume)
	SET_RUNTIME_PM_OPS(pl061_runtime_suspend, pl061_runtime_resume, NULL)
};

/* ---- probe ---------------------------------------------------------------------- */

static int pl061_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct pl061 *pl061 = devm_kzalloc(dev, sizeof *pl061, GFP_KERNEL);
	if (!pl061)
		return -ENOMEM;
	pl061->base = devm_platform_ioremap_resource(pdev, 0);
	if (IS_ERR(pl061->base))
		return (int)PTR_ERR(pl061->base);
	pl061->pclk = devm_clk_get_prepared(dev, NULL);
	if (IS_ERR(pl061->pclk))
		return dev_err_probe(dev, (int)PTR_ERR(pl061->pclk), "no APB clock\n");
	int irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;

	/* Active (clock running) while the chip is set up, then suspended
	 * until a line is used. */
	int ret = clk_enable(pl061->pclk);
	if (ret)
		return ret;
	pm_runtime_get_noresume(dev);
	pm_runtime_set_active(dev);
	ret = devm_pm_runtime_enable(dev);
	if (ret) {
		pm_runtime_put_noidle(dev);
		pm_runtime_set_suspended(dev);
		clk_disable(pl061->pclk);
		return ret;
	}

	spin_lock_init(&pl061->lock);
	platform_set_drvdata(pdev, pl061);
	pl061->gc.base = -1;
	pl061->gc.request = pl061_request;
	pl061->gc.free = pl061_free;
	pl061->gc.get_direction = pl061_get_direction;
	pl061->gc.direction_input = pl061_direction_input;
	pl061->gc.direction_output = pl061_direction_output;
	pl061->gc.get = pl061_get_value;
	pl061->gc.set = pl061_set_value;
	pl061->gc.ngpio = PL061_GPIO_NR;
	pl061->gc.label = dev_name(dev);
	pl061->gc.parent = dev;

	/* Every line's interrupt off until someone asks for it. */
	writeb(0, pl061->base + GPIOIE);
	pl061->irq_chip.name = dev_name(dev);
	pl061->irq_chip.irq_request_resources = pl061_irq_reqres;
	pl061->irq_chip.irq_release_resources = pl061_irq_relres;
	pl061->irq_chip.irq_ack = pl061_irq_ack;
	pl061->irq_chip.irq_mask = pl061_irq_mask;
	pl061->irq_chip.irq_unmask = pl061_irq_unmask;
	pl061->irq_chip.irq_set_type = pl061_irq_type;
	pl061->irq_chip.irq_set_wake = pl061_irq_set_wake;
	pl061->parent_irq = (unsigned int)irq;

	struct gpio_irq_chip *girq = &pl061->gc.irq;
	girq->chip = &pl061->irq_chip;
	girq->parent_handler = pl061_irq_handler;
	girq->num_parents = 1;
	girq->parents = devm_kcalloc(dev, 1, sizeof(*girq->parents), GFP_KERNEL);
	if (!girq->parents) {
		ret = -ENOMEM;
		goto err_put;
	}
	girq->parents[0] = (unsigned int)irq;
	girq->default_type = IRQ_TYPE_NONE;
	girq->handler = handle_bad_irq;

	ret = devm_gpiochip_add_data(dev, &pl061->gc, pl061);
	if (ret)
		goto err_put;
	dev_info(dev, "PL061 GPIO chip registered\n");
	pm_runtime_put(dev);
	return 0;

err_put:
	pm_runtime_put_noidle(dev);
	return ret;
}

static const struct of_device_id pl061_of_match[] = {
	{ .compatible = "arm,pl061" },
	{ },
};

static struct platform_driver pl061_gpio_driver = {
	.probe = pl061_probe,
	.driver = {
		.name = "pl061_gpio",
		.of_match_table = pl061_of_match,
		.pm = &pl061_dev_pm_ops,
	},
};
module_platform_driver(pl061_gpio_driver);
