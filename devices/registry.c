/*
 * The device-model registry: every model pmsim can instantiate from a
 * device tree `compatible` string. Adding a model = one line here.
 */
#include <stddef.h>

#include "sim/soc.h"

extern const struct dev_type pl011_dev_type;
extern const struct dev_type sp804_dev_type;
extern const struct dev_type pl031_dev_type;
extern const struct dev_type pl061_dev_type;
extern const struct dev_type dramc_dev_type;
extern const struct dev_type cmu_dev_type;
extern const struct dev_type pmu_dev_type;
extern const struct dev_type pmic_dev_type;
extern const struct dev_type sensor_dev_type;
extern const struct dev_type pl080_dev_type;
extern const struct dev_type simctl_dev_type;
extern const struct dev_type pl111_dev_type;
extern const struct dev_type pwm_dev_type;
extern const struct dev_type pwm_backlight_dev_type;
extern const struct dev_type tsens_dev_type;

const struct dev_type *const dev_types[] = {
	&pl011_dev_type,
	&sp804_dev_type,
	&pl031_dev_type,
	&pl061_dev_type,
	&dramc_dev_type,
	&cmu_dev_type,
	&pmu_dev_type,
	&pmic_dev_type,
	&sensor_dev_type,
	&pl080_dev_type,
	&simctl_dev_type,
	&pl111_dev_type,
	&pwm_dev_type,
	&pwm_backlight_dev_type,
	&tsens_dev_type,
	NULL,
};
