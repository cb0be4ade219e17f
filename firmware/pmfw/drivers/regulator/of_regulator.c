/*
 * Regulator constraints from the device tree (Linux's
 * drivers/regulator/of_regulator.c): regulator-name,
 * regulator-min/max-microvolt (a range lets consumers change the voltage),
 * regulator-always-on, regulator-boot-on, regulator-ramp-delay (µV/µs),
 * regulator-enable-ramp-delay (µs), regulator-allowed-modes and
 * regulator-initial-mode.
 */
#include <linux/of.h>
#include <linux/printk.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/driver.h>
#include <linux/regulator/machine.h>
#include <linux/slab.h>

#include "internal.h"

struct regulator_init_data *of_get_regulator_init_data(struct device *dev,
						       struct device_node *np,
						       const struct regulator_desc *desc)
{
	(void)dev;
	(void)desc;
	struct regulator_init_data *init = kzalloc(sizeof *init, GFP_KERNEL);
	if (!init)
		return NULL;
	struct regulation_constraints *c = &init->constraints;
	u32 v;
	of_property_read_string(np, "regulator-name", &c->name);
	if (!of_property_read_u32(np, "regulator-min-microvolt", &v))
		c->min_uV = (int)v;
	if (!of_property_read_u32(np, "regulator-max-microvolt", &v))
		c->max_uV = (int)v;
	if (c->min_uV != c->max_uV)
		c->valid_ops_mask |= REGULATOR_CHANGE_VOLTAGE;
	c->always_on = of_property_read_bool(np, "regulator-always-on");
	c->boot_on = of_property_read_bool(np, "regulator-boot-on");
	if (!c->always_on)
		c->valid_ops_mask |= REGULATOR_CHANGE_STATUS;
	if (!of_property_read_u32(np, "regulator-ramp-delay", &v))
		c->ramp_delay = v;
	if (!of_property_read_u32(np, "regulator-enable-ramp-delay", &v))
		c->enable_time = v;
	/* Mode numbers are the driver's (desc->of_map_mode); one it does not
	 * know is left out, as Linux does, with a warning. */
	int n = of_property_count_u32_elems(np, "regulator-allowed-modes");
	for (int i = 0; i < n; i++) {
		if (of_property_read_u32_index(np, "regulator-allowed-modes", (u32)i, &v))
			continue;
		unsigned int m = desc && desc->of_map_mode ? desc->of_map_mode(v) : v;
		if (m == REGULATOR_MODE_INVALID)
			pr_warn("%s: invalid mode %u in regulator-allowed-modes\n", np->name, v);
		else
			c->valid_modes_mask |= m;
	}
	if (n > 0)
		c->valid_ops_mask |= REGULATOR_CHANGE_MODE;
	if (!of_property_read_u32(np, "regulator-initial-mode", &v)) {
		unsigned int m = desc && desc->of_map_mode ? desc->of_map_mode(v) : v;
		if (m == REGULATOR_MODE_INVALID)
			pr_warn("%s: invalid regulator-initial-mode %u\n", np->name, v);
		else
			c->initial_mode = m;
	}
	return init;
}
