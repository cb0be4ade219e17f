/*
 * Regulator constraints (include/linux/regulator/machine.h): what the
 * board allows, from the DT's standard properties (of_regulator.c).
 */
#ifndef _LINUX_REGULATOR_MACHINE_H
#define _LINUX_REGULATOR_MACHINE_H

#include <linux/types.h>

#define REGULATOR_CHANGE_VOLTAGE 0x1
#define REGULATOR_CHANGE_CURRENT 0x2
#define REGULATOR_CHANGE_MODE 0x4
#define REGULATOR_CHANGE_STATUS 0x8
#define REGULATOR_CHANGE_DRMS 0x10

struct regulation_constraints {
	const char *name;            /* regulator-name */
	int min_uV, max_uV;          /* regulator-min/max-microvolt */
	unsigned int valid_modes_mask;
	unsigned int valid_ops_mask;
	unsigned int initial_mode;
	unsigned int ramp_delay;     /* regulator-ramp-delay, µV/µs */
	unsigned int enable_time;    /* regulator-enable-ramp-delay, µs */
	bool always_on;              /* regulator-always-on */
	bool boot_on;                /* regulator-boot-on */
	bool apply_uV;               /* min == max: set it at registration */
};

struct regulator_init_data {
	const char *supply_regulator;
	struct regulation_constraints constraints;
	void *driver_data;
};

#endif
