/*
 * Clocks by device (Linux's drivers/clk/clkdev.c and clk-devres.c): a
 * device's clock is its node's `clocks` entry named `id` in
 * `clock-names` (NULL: the first). The devm_ variants are put when the
 * driver unbinds; devm_clk_get_prepared also prepares it (and unprepares
 * it then), devm_clk_get_enabled prepares and enables it (and disables
 * it then).
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/slab.h>

struct clk *clk_get(struct device *dev, const char *id)
{
	struct device_node *np = dev ? dev_of_node(dev) : NULL;
	if (!np)
		return ERR_PTR(-ENOENT);
	return of_clk_get_by_name(np, id);
}

static void devm_clk_release(struct device *dev, void *res)
{
	(void)dev;
	clk_put(*(struct clk **)res);
}

static void devm_clk_release_enabled(struct device *dev, void *res)
{
	struct clk *clk = *(struct clk **)res;
	(void)dev;
	clk_disable_unprepare(clk);
	clk_put(clk);
}

static void devm_clk_release_prepared(struct device *dev, void *res)
{
	struct clk *clk = *(struct clk **)res;
	(void)dev;
	clk_unprepare(clk);
	clk_put(clk);
}

enum devm_clk_state { CLK_GOT, CLK_PREPARED, CLK_ENABLED };

static struct clk *devm_get(struct device *dev, const char *id, bool optional,
			    enum devm_clk_state state)
{
	static const dr_release_t release[] = {
		[CLK_GOT] = devm_clk_release,
		[CLK_PREPARED] = devm_clk_release_prepared,
		[CLK_ENABLED] = devm_clk_release_enabled,
	};
	struct clk **p = __devres_alloc(release[state], sizeof *p, GFP_KERNEL, "devm_clk_release");
	if (!p)
		return ERR_PTR(-ENOMEM);
	struct clk *clk = clk_get(dev, id);
	if (IS_ERR(clk) && optional && PTR_ERR(clk) == -ENOENT)
		clk = NULL;
	if (!IS_ERR_OR_NULL(clk) && state != CLK_GOT) {
		int err = state == CLK_ENABLED ? clk_prepare_enable(clk) : clk_prepare(clk);
		if (err) {
			clk_put(clk);
			clk = ERR_PTR(err);
		}
	}
	if (IS_ERR_OR_NULL(clk)) {
		devres_free(p);
		return clk;
	}
	*p = clk;
	devres_add(dev, p);
	return clk;
}

struct clk *devm_clk_get(struct device *dev, const char *id)
{
	return devm_get(dev, id, false, CLK_GOT);
}

struct clk *devm_clk_get_optional(struct device *dev, const char *id)
{
	return devm_get(dev, id, true, CLK_GOT);
}

struct clk *devm_clk_get_prepared(struct device *dev, const char *id)
{
	return devm_get(dev, id, false, CLK_PREPARED);
}

struct clk *devm_clk_get_enabled(struct device *dev, const char *id)
{
	return devm_get(dev, id, false, CLK_ENABLED);
}
