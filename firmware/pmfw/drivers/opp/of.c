/*
 * OPP tables from the device tree (Linux's drivers/opp/of.c), the
 * operating-points-v2 binding: the device node's operating-points-v2
 * phandle names a table node (compatible "operating-points-v2") whose
 * available children are the OPPs. Per OPP: opp-hz (required; 64 bits,
 * or one cell), opp-microvolt (one value, or <target min max>; optional,
 * 0 without), clock-latency-ns, turbo-mode, opp-suspend (at most one in
 * a table: later ones are reported and ignored, as Linux does). A table
 * without a single valid OPP is refused (-ENODEV).
 */
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>

#include "opp.h"

static int opp_parse(struct opp_table *table, struct device_node *np)
{
	struct device *dev = table->dev;
	int len;
	const void *hz = of_get_property(np, "opp-hz", &len);
	if (!hz || (len != 4 && len != 8)) {
		dev_err(dev, "%s: opp-hz not found\n", np->name);
		return -EINVAL;
	}
	u64 rate = of_read_number(hz, len / 4);
	if (rate > ULONG_MAX || !rate) {
		dev_err(dev, "%s: opp-hz %llu out of range\n", np->name, (unsigned long long)rate);
		return -ERANGE;
	}
	struct dev_pm_opp *opp = kzalloc(sizeof *opp, GFP_KERNEL);
	if (!opp)
		return -ENOMEM;
	opp->rate = (unsigned long)rate;
	opp->np = np;
	opp->available = true;
	opp->turbo = of_property_read_bool(np, "turbo-mode");
	u32 v;
	if (!of_property_read_u32(np, "clock-latency-ns", &v))
		opp->clock_latency_ns = v;
	int n = of_property_count_u32_elems(np, "opp-microvolt");
	if (n == 1 || n == 3) {
		u32 mv[3];
		of_property_read_u32_array(np, "opp-microvolt", mv, (size_t)n);
		opp->supply.u_volt = mv[0];
		opp->supply.u_volt_min = n == 3 ? mv[1] : mv[0];
		opp->supply.u_volt_max = n == 3 ? mv[2] : mv[0];
		if (opp->supply.u_volt_min > opp->supply.u_volt ||
		    opp->supply.u_volt > opp->supply.u_volt_max) {
			dev_err(dev, "%s: opp-microvolt: min %lu <= target %lu <= max %lu does not hold\n",
				np->name, opp->supply.u_volt_min, opp->supply.u_volt,
				opp->supply.u_volt_max);
			kfree(opp);
			return -EINVAL;
		}
	} else if (n > 0) {
		dev_err(dev, "%s: opp-microvolt: %d values, expected 1 or 3\n", np->name, n);
		kfree(opp);
		return -EINVAL;
	}
	int err = _opp_add(table, opp);
	if (err) {
		kfree(opp);
		return err;
	}
	if (of_property_read_bool(np, "opp-suspend")) {
		if (table->suspend_opp)
			dev_warn(dev, "%s: Multiple suspend OPPs found (%lu %lu)\n", __func__,
				 table->suspend_opp->rate, opp->rate);
		else {
			opp->suspend = true;
			table->suspend_opp = opp;
		}
	}
	return 0;
}

int dev_pm_opp_of_add_table(struct device *dev)
{
	struct device_node *np = dev->of_node;
	struct device_node *tnp = np ? of_parse_phandle(np, "operating-points-v2", 0) : NULL;
	if (!tnp || !of_device_is_compatible(tnp, "operating-points-v2"))
		return -ENODEV;
	struct opp_table *table = _find_opp_table(dev);
	if (table && table->np)
		return table->np == tnp ? 0 : -EBUSY;
	/* The table may exist already, made by dev_pm_opp_set_regulators. */
	if (!table)
		table = _add_opp_table(dev);
	if (!table)
		return -ENOMEM;
	int err = 0;
	/* The device's clock, if it has one (Linux's _update_opp_table_clk). */
	table->clk = clk_get(dev, NULL);
	if (PTR_ERR(table->clk) == -EPROBE_DEFER) {
		err = -EPROBE_DEFER;
		goto fail;
	}
	table->np = tnp;
	table->shared_opp = of_property_read_bool(tnp, "opp-shared");
	struct device_node *child;
	int count = 0;
	for_each_available_child_of_node(tnp, child) {
		err = opp_parse(table, child);
		if (err == -ENOMEM)
			goto fail;
		count += !err;
	}
	if (count)
		return 0;
	dev_err(dev, "%s: no valid OPPs in %s\n", __func__, tnp->name);
	err = -ENODEV;
fail:
	_opp_remove_opps(table);
	return err;
}

void dev_pm_opp_of_remove_table(struct device *dev)
{
	struct opp_table *t = _find_opp_table(dev);
	if (!t)
		return;
	_opp_remove_opps(t);
	if (!t->regulator)
		_opp_remove_all(t);
}
