/*
 * The regulator provider API (include/linux/regulator/driver.h): a
 * regulator is a regulator_desc (what it can do) with regulator_ops, and
 * the framework owns the constraints, the consumers and the counts.
 */
#ifndef _LINUX_REGULATOR_DRIVER_H
#define _LINUX_REGULATOR_DRIVER_H

#include <linux/list.h>
#include <linux/notifier.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/machine.h>

struct regulator_dev;

struct regulator_ops {
	int (*list_voltage)(struct regulator_dev *rdev, unsigned int selector);
	int (*set_voltage)(struct regulator_dev *rdev, int min_uV, int max_uV,
			   unsigned int *selector);
	int (*set_voltage_sel)(struct regulator_dev *rdev, unsigned int selector);
	int (*get_voltage)(struct regulator_dev *rdev);
	int (*get_voltage_sel)(struct regulator_dev *rdev);
	int (*enable)(struct regulator_dev *rdev);
	int (*disable)(struct regulator_dev *rdev);
	int (*is_enabled)(struct regulator_dev *rdev);
	int (*set_mode)(struct regulator_dev *rdev, unsigned int mode);
	unsigned int (*get_mode)(struct regulator_dev *rdev);
	/* µs the output needs after a change (0: settled at once). */
	int (*enable_time)(struct regulator_dev *rdev);
	int (*set_voltage_time)(struct regulator_dev *rdev, int old_uV, int new_uV);
	int (*set_voltage_time_sel)(struct regulator_dev *rdev, unsigned int old_selector,
				    unsigned int new_selector);
};

enum regulator_type { REGULATOR_VOLTAGE, REGULATOR_CURRENT };

struct regulator_desc {
	const char *name;
	const char *supply_name;         /* "vin": the `vin-supply` of the node */
	const char *of_match;
	int id;
	const struct regulator_ops *ops;
	enum regulator_type type;
	unsigned int n_voltages;
	unsigned int min_uV;             /* linear range: min_uV + sel * uV_step */
	unsigned int uV_step;
	unsigned int linear_min_sel;
	int fixed_uV;                    /* a fixed regulator */
	unsigned int ramp_delay;         /* µV/µs */
	unsigned int enable_time;        /* µs */
	unsigned int off_on_delay;       /* µs */
	/* The REGULATOR_MODE_* of a DT mode number (regulator-allowed-modes,
	 * regulator-initial-mode), REGULATOR_MODE_INVALID if it is none. NULL:
	 * the DT holds REGULATOR_MODE_* values directly. */
	unsigned int (*of_map_mode)(unsigned int mode);
};

struct regulator_config {
	struct device *dev;
	const struct regulator_init_data *init_data;
	void *driver_data;
	struct device_node *of_node;
};

struct regulator {
	struct device *dev;           /* the consumer (NULL for of_regulator_get) */
	struct list_head list;
	unsigned int enable_count;
	int min_uV, max_uV;           /* what this consumer asked; 0, 0: nothing */
	int uA_load;
	const char *supply_name;      /* "<consumer>-<id>" */
	struct regulator_dev *rdev;
};

struct regulator_dev {
	const struct regulator_desc *desc;
	struct regulation_constraints *constraints;
	struct list_head list;        /* every regulator */
	struct list_head consumer_list;
	struct device *dev;
	struct device_node *of_node;
	unsigned int use_count;       /* enabled consumers */
	unsigned int open_count;
	struct regulator *supply;     /* this regulator as a consumer of its supply */
	const char *supply_name;      /* the supply's regulator-name, once resolved */
	struct blocking_notifier_head notifier;
	void *reg_data;
	int cached_uV;
	u64 last_off;                 /* ns, for off_on_delay */
};

struct regulator_dev *regulator_register(struct device *dev, const struct regulator_desc *desc,
					 const struct regulator_config *config);
struct regulator_dev *devm_regulator_register(struct device *dev,
					      const struct regulator_desc *desc,
					      const struct regulator_config *config);
void regulator_unregister(struct regulator_dev *rdev);
int regulator_notifier_call_chain(struct regulator_dev *rdev, unsigned long event, void *data);
void *rdev_get_drvdata(struct regulator_dev *rdev);
const char *rdev_get_name(struct regulator_dev *rdev);

/* Helpers for linear selectors (drivers/regulator/helpers.c). */
int regulator_list_voltage_linear(struct regulator_dev *rdev, unsigned int selector);
int regulator_map_voltage_linear(struct regulator_dev *rdev, int min_uV, int max_uV);
int regulator_set_voltage_time_sel(struct regulator_dev *rdev, unsigned int old_selector,
				   unsigned int new_selector);

#endif
