/* drivers/base/power/'s internals. */
#ifndef _DRIVERS_BASE_POWER_POWER_H
#define _DRIVERS_BASE_POWER_POWER_H

#include <linux/device.h>

s32 dev_pm_qos_raw_resume_latency(struct device *dev);
/* The runtime-PM attributes of the power directory (sysfs.c). */
int rpm_sysfs_add(struct device *dev);
int wakeup_sysfs_add(struct device *dev);

#endif
