/* The framework's internals (Linux's drivers/cpuidle/cpuidle.h). */
#ifndef _DRIVERS_CPUIDLE_CPUIDLE_H
#define _DRIVERS_CPUIDLE_CPUIDLE_H

#include <linux/cpuidle.h>

extern struct list_head cpuidle_governors;
extern char param_governor[CPUIDLE_NAME_LEN];
extern bool cpuidle_off;

int cpuidle_add_sysfs(struct cpuidle_device *dev, struct cpuidle_driver *drv);

#endif
