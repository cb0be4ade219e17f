/*
 * Every device's "power" directory (Linux's drivers/base/power/sysfs.c):
 * made empty by the driver core when the device is added (unless
 * power.no_pm); runtime PM and wakeup merge their attribute groups into it
 * (sysfs_merge_group with a group named "power": control,
 * runtime_status, autosuspend_delay_ms, wakeup...).
 */
#include <linux/device.h>
#include <linux/sysfs.h>

static struct attribute *power_attrs[] = { NULL };

static const struct attribute_group pm_attr_group = {
	.name = "power",
	.attrs = power_attrs,
};

int dpm_sysfs_add(struct device *dev)
{
	if (dev->power.no_pm)
		return 0;
	return sysfs_create_group(&dev->kobj, &pm_attr_group);
}

void dpm_sysfs_remove(struct device *dev)
{
	sysfs_remove_group(&dev->kobj, &pm_attr_group);
}
