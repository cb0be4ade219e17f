/*
 * Fixed-rate clocks (Linux's drivers/clk/clk-fixed-rate.c): the DT's
 * `fixed-clock` oscillators, declared early so that the timer and the
 * CMU find them. The rate is `clock-frequency`; the name
 * `clock-output-names`, else the node's name.
 */
#include <linux/clk-provider.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>

struct clk_fixed_rate {
	struct clk_hw hw;
	struct clk_init_data init;
	unsigned long rate;
};

static unsigned long fixed_recalc(struct clk_hw *hw, unsigned long parent_rate)
{
	(void)parent_rate;
	return container_of(hw, struct clk_fixed_rate, hw)->rate;
}

static const struct clk_ops clk_fixed_rate_ops = {
	.recalc_rate = fixed_recalc,
};

static struct clk_fixed_rate *fixed_new(const char *name, unsigned long rate,
					unsigned long flags)
{
	struct clk_fixed_rate *f = kzalloc(sizeof *f, GFP_KERNEL);
	if (!f)
		return NULL;
	f->rate = rate;
	f->init.name = name;
	f->init.ops = &clk_fixed_rate_ops;
	f->init.flags = flags;
	f->hw.init = &f->init;
	return f;
}

struct clk_hw *clk_hw_register_fixed_rate(struct device *dev, const char *name,
					  const char *parent_name, unsigned long flags,
					  unsigned long fixed_rate)
{
	(void)parent_name;
	struct clk_fixed_rate *f = fixed_new(name, fixed_rate, flags);
	if (!f)
		return ERR_PTR(-ENOMEM);
	int err = clk_hw_register(dev, &f->hw);
	if (err) {
		kfree(f);
		return ERR_PTR(err);
	}
	return &f->hw;
}

static void of_fixed_clk_setup(struct device_node *np)
{
	u32 rate;
	const char *name = np->name;
	if (of_property_read_u32(np, "clock-frequency", &rate)) {
		pr_err("clk: %s: no clock-frequency\n", np->full_name);
		return;
	}
	of_property_read_string(np, "clock-output-names", &name);
	struct clk_fixed_rate *f = fixed_new(name, rate, 0);
	if (!f || of_clk_hw_register(np, &f->hw) ||
	    of_clk_add_hw_provider(np, of_clk_hw_simple_get, &f->hw))
		pr_err("clk: %s: cannot register %s\n", np->full_name, name);
}
CLK_OF_DECLARE(fixed_clk, "fixed-clock", of_fixed_clk_setup);
