/*
 * The OPP library's core (Linux's drivers/opp/core.c): one table per
 * device, its OPPs in ascending frequency order, and the lookups
 * drivers use (exact, ceil, floor). Tables are created by
 * dev_pm_opp_of_add_table (of.c) or dev_pm_opp_add and live until
 * dev_pm_opp_of_remove_table; a lookup returns the OPP itself.
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/regulator/consumer.h>
#include <linux/slab.h>

#include "opp.h"

/* Tables are made and removed by drivers' probe and remove, which the
 * driver core runs one at a time: no lock. */
static LIST_HEAD(opp_tables);

struct opp_table *_find_opp_table(struct device *dev)
{
	struct opp_table *t;
	list_for_each_entry(t, &opp_tables, node)
		if (t->dev == dev)
			return t;
	return NULL;
}

struct opp_table *_add_opp_table(struct device *dev)
{
	struct opp_table *t = _find_opp_table(dev);
	if (t)
		return t;
	t = kzalloc(sizeof *t, GFP_KERNEL);
	if (!t)
		return NULL;
	INIT_LIST_HEAD(&t->opp_list);
	t->dev = dev;
	list_add_tail(&t->node, &opp_tables);
	return t;
}

void _opp_remove_opps(struct opp_table *table)
{
	struct dev_pm_opp *opp, *tmp;
	list_for_each_entry_safe(opp, tmp, &table->opp_list, node) {
		list_del(&opp->node);
		kfree(opp);
	}
	if (!IS_ERR_OR_NULL(table->clk))
		clk_put(table->clk);
	table->clk = NULL;
	table->np = NULL;
	table->suspend_opp = NULL;
	table->current_opp = NULL;
	table->clock_latency_ns_max = 0;
}

void _opp_remove_all(struct opp_table *table)
{
	_opp_remove_opps(table);
	if (table->regulator)
		regulator_put(table->regulator);
	list_del(&table->node);
	kfree(table);
}

int _opp_add(struct opp_table *table, struct dev_pm_opp *opp)
{
	struct list_head *pos = &table->opp_list;
	struct dev_pm_opp *o;
	list_for_each_entry(o, &table->opp_list, node) {
		if (o->rate == opp->rate) {
			dev_warn(table->dev, "%s: duplicate OPPs detected. Existing: freq: %lu, volt: %lu\n",
				 __func__, o->rate, o->supply.u_volt);
			return -EEXIST;
		}
		if (o->rate > opp->rate) {
			pos = &o->node;
			break;
		}
	}
	list_add_tail(&opp->node, pos);
	opp->opp_table = table;
	if (opp->clock_latency_ns > table->clock_latency_ns_max)
		table->clock_latency_ns_max = opp->clock_latency_ns;
	return 0;
}

int dev_pm_opp_add(struct device *dev, unsigned long freq, unsigned long u_volt)
{
	struct opp_table *t = _add_opp_table(dev);
	struct dev_pm_opp *opp = t ? kzalloc(sizeof *opp, GFP_KERNEL) : NULL;
	int err = -ENOMEM;
	if (opp) {
		opp->rate = freq;
		opp->supply.u_volt = opp->supply.u_volt_min = opp->supply.u_volt_max = u_volt;
		opp->available = true;
		err = _opp_add(t, opp);
		if (err)
			kfree(opp);
	}
	return err;
}

int dev_pm_opp_get_opp_count(struct device *dev)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t)
		return -ENODEV;
	int n = 0;
	struct dev_pm_opp *opp;
	list_for_each_entry(opp, &t->opp_list, node)
		n += opp->available;
	return n;
}

unsigned long dev_pm_opp_get_max_clock_latency(struct device *dev)
{
	struct opp_table *t = _find_opp_table(dev);
	return t ? t->clock_latency_ns_max : 0;
}

unsigned long dev_pm_opp_get_suspend_opp_freq(struct device *dev)
{
	struct opp_table *t = _find_opp_table(dev);
	return t && t->suspend_opp && t->suspend_opp->available ? t->suspend_opp->rate : 0;
}

struct dev_pm_opp *dev_pm_opp_find_freq_exact(struct device *dev, unsigned long freq,
					      bool available)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t)
		return ERR_PTR(-ENODEV);
	struct dev_pm_opp *opp;
	list_for_each_entry(opp, &t->opp_list, node)
		if (opp->rate == freq && opp->available == available)
			return opp;
	return ERR_PTR(-ERANGE);
}

struct dev_pm_opp *dev_pm_opp_find_freq_ceil(struct device *dev, unsigned long *freq)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t)
		return ERR_PTR(-ENODEV);
	struct dev_pm_opp *opp;
	list_for_each_entry(opp, &t->opp_list, node)
		if (opp->available && opp->rate >= *freq) {
			*freq = opp->rate;
			return opp;
		}
	return ERR_PTR(-ERANGE);
}

struct dev_pm_opp *dev_pm_opp_find_freq_floor(struct device *dev, unsigned long *freq)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t)
		return ERR_PTR(-ENODEV);
	struct dev_pm_opp *opp, *best = ERR_PTR(-ERANGE);
	list_for_each_entry(opp, &t->opp_list, node) {
		if (opp->rate > *freq)
			break;
		if (opp->available)
			best = opp;
	}
	if (!IS_ERR(best))
		*freq = best->rate;
	return best;
}

void dev_pm_opp_put(struct dev_pm_opp *opp)
{
}

unsigned long dev_pm_opp_get_freq(struct dev_pm_opp *opp)
{
	return IS_ERR_OR_NULL(opp) ? 0 : opp->rate;
}

unsigned long dev_pm_opp_get_voltage(struct dev_pm_opp *opp)
{
	return IS_ERR_OR_NULL(opp) ? 0 : opp->supply.u_volt;
}

int dev_pm_opp_get_supplies(struct dev_pm_opp *opp, struct dev_pm_opp_supply *supplies)
{
	if (IS_ERR_OR_NULL(opp) || !supplies)
		return -EINVAL;
	*supplies = opp->supply;
	return 0;
}

bool dev_pm_opp_is_turbo(struct dev_pm_opp *opp)
{
	return !IS_ERR_OR_NULL(opp) && opp->turbo;
}

/* ---- setting an OPP ------------------------------------------------------------------ */

int dev_pm_opp_set_regulators(struct device *dev, const char *const names[])
{
	struct opp_table *t = _add_opp_table(dev);
	if (!t)
		return -ENOMEM;
	if (!names || !names[0] || names[1])
		return -EINVAL;
	if (t->regulator)
		return -EBUSY;
	struct regulator *reg = regulator_get_optional(dev, names[0]);
	if (IS_ERR(reg)) {
		int err = (int)PTR_ERR(reg);
		if (err != -EPROBE_DEFER)
			dev_err(dev, "%s: no regulator (%s) found: %d\n", __func__, names[0], err);
		return err;
	}
	t->regulator = reg;
	return 0;
}

void dev_pm_opp_put_regulators(struct device *dev)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t || !t->regulator)
		return;
	regulator_put(t->regulator);
	t->regulator = NULL;
	if (list_empty(&t->opp_list))
		_opp_remove_all(t);
}

/* Linux's regulator_set_voltage_triplet: the target if it can, else
 * anything within min..max. */
static int _set_opp_voltage(struct device *dev, struct regulator *reg,
			    const struct dev_pm_opp_supply *supply)
{
	if (!reg || !supply->u_volt)
		return 0;
	int ret = regulator_set_voltage(reg, (int)supply->u_volt, (int)supply->u_volt_max);
	if (ret)
		ret = regulator_set_voltage(reg, (int)supply->u_volt_min, (int)supply->u_volt_max);
	if (ret)
		dev_err(dev, "%s: failed to set voltage (%lu %lu %lu uV): %d\n", __func__,
			supply->u_volt_min, supply->u_volt, supply->u_volt_max, ret);
	return ret;
}

static int _set_opp_clk(struct device *dev, struct clk *clk, unsigned long freq)
{
	int ret = clk_set_rate(clk, freq);
	if (ret)
		dev_err(dev, "%s: failed to set clock rate: %d\n", __func__, ret);
	return ret;
}

static struct dev_pm_opp *_find_current_opp(struct opp_table *t)
{
	struct dev_pm_opp *opp = ERR_PTR(-ENODEV);
	if (!IS_ERR_OR_NULL(t->clk)) {
		unsigned long freq = clk_get_rate(t->clk);
		opp = dev_pm_opp_find_freq_ceil(t->dev, &freq);
	}
	/* Unknown: the lowest, so that the next change raises the voltage
	 * before the clock. */
	if (IS_ERR(opp))
		opp = list_first_entry(&t->opp_list, struct dev_pm_opp, node);
	return opp;
}

int dev_pm_opp_set_rate(struct device *dev, unsigned long target_freq)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t || list_empty(&t->opp_list))
		return -ENODEV;
	if (IS_ERR_OR_NULL(t->clk) || !target_freq)
		return -EINVAL;
	long rounded = clk_round_rate(t->clk, target_freq);
	unsigned long freq = rounded > 0 ? (unsigned long)rounded : target_freq;
	unsigned long temp = freq;
	struct dev_pm_opp *opp = dev_pm_opp_find_freq_ceil(dev, &temp);
	if (IS_ERR(opp)) {
		dev_err(dev, "%s: failed to find OPP for freq %lu (%ld)\n", __func__, freq,
			PTR_ERR(opp));
		return (int)PTR_ERR(opp);
	}
	if (!t->current_opp)
		t->current_opp = _find_current_opp(t);
	struct dev_pm_opp *old_opp = t->current_opp;
	unsigned long old_freq = clk_get_rate(t->clk);
	if (old_opp == opp && old_freq == freq)
		return 0;
	int ret;
	/* Up: the voltage first. */
	if (freq >= old_freq) {
		ret = _set_opp_voltage(dev, t->regulator, &opp->supply);
		if (ret)
			goto restore_voltage;
	}
	ret = _set_opp_clk(dev, t->clk, freq);
	if (ret)
		goto restore_voltage;
	/* Down: the voltage after. */
	if (freq < old_freq) {
		ret = _set_opp_voltage(dev, t->regulator, &opp->supply);
		if (ret)
			goto restore_freq;
	}
	t->current_opp = opp;
	return 0;

restore_freq:
	if (_set_opp_clk(dev, t->clk, old_freq))
		dev_err(dev, "%s: failed to restore old-freq (%lu Hz)\n", __func__, old_freq);
restore_voltage:
	/* Harmless where the voltage had not moved. */
	_set_opp_voltage(dev, t->regulator, &old_opp->supply);
	return ret;
}
