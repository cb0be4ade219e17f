/*
 * Helpers for regulators with a linear voltage table (Linux's
 * drivers/regulator/helpers.c): selector s is min_uV + s * uV_step.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/regulator/driver.h>

int regulator_list_voltage_linear(struct regulator_dev *rdev, unsigned int selector)
{
	const struct regulator_desc *d = rdev->desc;
	if (selector >= d->n_voltages || selector < d->linear_min_sel)
		return -EINVAL;
	return (int)(d->min_uV + d->uV_step * (selector - d->linear_min_sel));
}

/* The lowest selector whose voltage lies in [min_uV, max_uV]. */
int regulator_map_voltage_linear(struct regulator_dev *rdev, int min_uV, int max_uV)
{
	const struct regulator_desc *d = rdev->desc;
	if (!d->uV_step) {
		if ((int)d->min_uV >= min_uV && (int)d->min_uV <= max_uV)
			return (int)d->linear_min_sel;
		return -EINVAL;
	}
	if (min_uV < (int)d->min_uV)
		min_uV = (int)d->min_uV;
	int sel = DIV_ROUND_UP(min_uV - (int)d->min_uV, (int)d->uV_step) + (int)d->linear_min_sel;
	int v = regulator_list_voltage_linear(rdev, (unsigned int)sel);
	if (v < 0 || v > max_uV)
		return -EINVAL;
	return sel;
}

int regulator_set_voltage_time_sel(struct regulator_dev *rdev, unsigned int old_selector,
				   unsigned int new_selector)
{
	unsigned int ramp = rdev->constraints && rdev->constraints->ramp_delay
				    ? rdev->constraints->ramp_delay : rdev->desc->ramp_delay;
	int a = regulator_list_voltage_linear(rdev, old_selector);
	int b = regulator_list_voltage_linear(rdev, new_selector);
	if (!ramp || a < 0 || b < 0)
		return 0;
	return DIV_ROUND_UP(abs(b - a), (int)ramp);
}
