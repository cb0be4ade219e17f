/* drivers/base/power/'s internals. */
#ifndef _DRIVERS_BASE_POWER_POWER_H
#define _DRIVERS_BASE_POWER_POWER_H

#include <linux/device.h>

#include <linux/pm_qos.h>

/* The runtime-PM attributes of the power directory (sysfs.c). */
int rpm_sysfs_add(struct device *dev);
int wakeup_sysfs_add(struct device *dev);
int pm_qos_sysfs_add_resume_latency(struct device *dev);

#endif
