/* The regulator framework's internals shared by its files. */
#ifndef _DRIVERS_REGULATOR_INTERNAL_H
#define _DRIVERS_REGULATOR_INTERNAL_H

#include <linux/regulator/driver.h>

/* The regulator registered for DT node np, or NULL. */
struct regulator_dev *rdev_by_node(const struct device_node *np);
struct regulator *create_regulator(struct regulator_dev *rdev, struct device *dev,
				   const char *name);
/* The standard properties of np as constraints (kmalloc'd, or NULL). */
struct regulator_init_data *of_get_regulator_init_data(struct device *dev,
						       struct device_node *np,
						       const struct regulator_desc *desc);
/* Every regulator, each supply before what it feeds (the summary). */
void regulator_summary_walk(void (*fn)(struct regulator_dev *rdev, unsigned int level,
				       void *arg), void *arg);
void regulator_summary_subtree(struct regulator_dev *rdev, unsigned int level,
			       void (*fn)(struct regulator_dev *rdev, unsigned int level, void *arg),
			       void *arg);

#endif
