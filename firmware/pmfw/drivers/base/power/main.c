/*
 * The devices' PM list and PM notifiers (Linux's
 * drivers/base/power/main.c and kernel/power/main.c). Every device is on
 * dpm_list from device_add, parents before children: system sleep (later)
 * walks it forward to resume and backwards to suspend. PM notifiers are a
 * blocking chain (PM_SUSPEND_PREPARE, PM_POST_SUSPEND, ...).
 */
#include <linux/device.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/suspend.h>

#include "power.h"

LIST_HEAD(dpm_list);
static DEFINE_MUTEX(dpm_list_mtx);
static BLOCKING_NOTIFIER_HEAD(pm_chain_head);

void device_pm_init(struct device *dev)
{
	spin_lock_init(&dev->power.lock);
	INIT_LIST_HEAD(&dev->power.entry);
	dev->power.is_prepared = false;
	dev->power.is_suspended = false;
	pm_runtime_init(dev);
}

void device_pm_add(struct device *dev)
{
	if (dev->power.no_pm)
		return;
	mutex_lock(&dpm_list_mtx);
	list_add_tail(&dev->power.entry, &dpm_list);
	dev->power.in_dpm_list = true;
	mutex_unlock(&dpm_list_mtx);
}

void device_pm_remove(struct device *dev)
{
	mutex_lock(&dpm_list_mtx);
	if (dev->power.in_dpm_list)
		list_del_init(&dev->power.entry);
	dev->power.in_dpm_list = false;
	mutex_unlock(&dpm_list_mtx);
	pm_runtime_remove(dev);
	device_wakeup_disable(dev);
}

int register_pm_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_register(&pm_chain_head, nb);
}

int unregister_pm_notifier(struct notifier_block *nb)
{
	return blocking_notifier_chain_unregister(&pm_chain_head, nb);
}

int pm_notifier_call_chain_robust(unsigned long val_up, unsigned long val_down)
{
	int ret = blocking_notifier_call_chain_robust(&pm_chain_head, val_up, val_down, NULL);
	return notifier_to_errno(ret);
}

int pm_notifier_call_chain(unsigned long val)
{
	return blocking_notifier_call_chain(&pm_chain_head, val, NULL);
}
