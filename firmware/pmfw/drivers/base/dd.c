/*
 * Binding devices to drivers (Linux's drivers/base/dd.c).
 *
 * Probing: the device's driver pointer is set, the "driver" links are
 * made, the PM domain is activated, the bus's probe (or the driver's)
 * runs. On success the driver's dev_groups are added and the device goes
 * on the driver's list; on failure everything is undone, the managed
 * resources (devres) included, and the failure is reported as Linux
 * reports it: -EPROBE_DEFER and -ENODEV/-ENXIO at debug level (a driver
 * that declines a device is no error), any other errno as
 *   "<driver> <device>: probe with driver <driver> failed with error -22".
 *
 * Runtime PM, as Linux's driver core does it: the parent is resumed (and
 * held) while a device probes, pending runtime-PM requests of the device
 * are cancelled first, and an idle request is made after the probe, so
 * that a driver that enabled runtime PM sees its device suspend when
 * unused; unbinding resumes the device while its links go, then lets it
 * idle before remove() (as Linux does), and a device without runtime PM
 * enabled is left marked suspended.
 *
 * Deferred probe: a device whose probe (or match) returned -EPROBE_DEFER
 * waits on the pending list. Every successful probe moves the pending
 * devices to the active list and probes them again, in the order they
 * deferred; a probe that succeeds during that pass moves the newly
 * pending ones too, so that a chain of dependencies resolves in one pass.
 * Linux does this from a workqueue; here it runs at once, in the thread
 * of the successful probe, which makes the order deterministic. At
 * late_initcall, what is still pending is printed, one line each:
 *   "platform 40004000.serial: deferred probe pending: <reason>"
 * (the reason is what the driver gave dev_err_probe, "(reason unknown)"
 * without one), and listed in /sys/kernel/debug/devices_deferred.
 */
#include <linux/debugfs.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pm_runtime.h>
#include <linux/seq_file.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "base.h"

static LIST_HEAD(deferred_probe_pending_list);
static LIST_HEAD(deferred_probe_active_list);
static unsigned int deferred_trigger_count;
static bool deferred_probe_running;

void driver_deferred_probe_add(struct device *dev)
{
	if (list_empty(&dev->deferred_probe)) {
		dev_dbg(dev, "Added to deferred list\n");
		list_add_tail(&dev->deferred_probe, &deferred_probe_pending_list);
	}
}

void driver_deferred_probe_del(struct device *dev)
{
	if (!list_empty(&dev->deferred_probe)) {
		dev_dbg(dev, "Removed from deferred list\n");
		list_del_init(&dev->deferred_probe);
	}
	kfree(dev->deferred_probe_reason);
	dev->deferred_probe_reason = NULL;
}

void device_set_deferred_probe_reason(const struct device *dev, const char *reason)
{
	struct device *d = (struct device *)dev;
	kfree(d->deferred_probe_reason);
	d->deferred_probe_reason = kasprintf(GFP_KERNEL, "%s: %s", dev_driver_string(dev), reason);
}

/* Probe again every device that was pending when a probe succeeded. */
static void driver_deferred_probe_trigger(void)
{
	deferred_trigger_count++;
	while (!list_empty(&deferred_probe_pending_list))
		list_move_tail(deferred_probe_pending_list.next, &deferred_probe_active_list);
	/* Inside the pass (a probe of it succeeded): the pass goes on with
	 * what was just moved. */
	if (deferred_probe_running)
		return;
	deferred_probe_running = true;
	while (!list_empty(&deferred_probe_active_list)) {
		struct device *dev = list_first_entry(&deferred_probe_active_list, struct device,
						      deferred_probe);
		list_del_init(&dev->deferred_probe);
		get_device(dev);
		bus_probe_device(dev);
		put_device(dev);
	}
	deferred_probe_running = false;
}

static int driver_sysfs_add(struct device *dev)
{
	int err = sysfs_create_link(&dev->driver->p->kobj, &dev->kobj, kobject_name(&dev->kobj));
	if (!err) {
		err = sysfs_create_link(&dev->kobj, &dev->driver->p->kobj, "driver");
		if (err)
			sysfs_remove_link(&dev->driver->p->kobj, kobject_name(&dev->kobj));
	}
	return err;
}

static void driver_sysfs_remove(struct device *dev)
{
	if (dev->driver) {
		sysfs_remove_link(&dev->driver->p->kobj, kobject_name(&dev->kobj));
		sysfs_remove_link(&dev->kobj, "driver");
	}
}

static void driver_bound(struct device *dev)
{
	list_add_tail(&dev->knode_driver, &dev->driver->p->klist_devices);
	dev_dbg(dev, "driver: '%s': bound to device\n", dev->driver->name);
	driver_deferred_probe_del(dev);
	driver_deferred_probe_trigger();
	bus_notify(dev, BUS_NOTIFY_BOUND_DRIVER);
}

static int call_driver_probe(struct device *dev, struct device_driver *drv)
{
	int ret = 0;
	if (dev->bus->probe)
		ret = dev->bus->probe(dev);
	else if (drv->probe)
		ret = drv->probe(dev);
	switch (ret) {
	case 0:
		break;
	case -EPROBE_DEFER:
		dev_dbg(dev, "Driver %s requests probe deferral\n", drv->name);
		break;
	case -ENODEV:
	case -ENXIO:
		dev_dbg(dev, "probe with driver %s rejects match %d\n", drv->name, ret);
		break;
	default:
		dev_err(dev, "probe with driver %s failed with error %d\n", drv->name, ret);
		break;
	}
	return ret;
}

static void device_remove(struct device *dev)
{
	if (dev->bus && dev->bus->remove)
		dev->bus->remove(dev);
	else if (dev->driver->remove)
		dev->driver->remove(dev);
}

/* What a failed probe or an unbind leaves: nothing. */
static void device_unbind_cleanup(struct device *dev)
{
	devres_release_all(dev);
	dev->driver = NULL;
	dev_set_drvdata(dev, NULL);
	if (dev->pm_domain && dev->pm_domain->dismiss)
		dev->pm_domain->dismiss(dev);
	pm_runtime_reinit(dev);
	dev_pm_set_driver_flags(dev, 0);
}

static int really_probe(struct device *dev, struct device_driver *drv)
{
	int ret;
	if (dev->dead)
		return -ENODEV;
	if (!list_empty(&dev->devres_head)) {
		dev_crit(dev, "Resources present before probing\n");
		return -EBUSY;
	}
	dev->driver = drv;
	bus_notify(dev, BUS_NOTIFY_BIND_DRIVER);
	ret = driver_sysfs_add(dev);
	if (ret) {
		pr_err("%s: driver_sysfs_add(%s) failed\n", __func__, dev_name(dev));
		goto sysfs_failed;
	}
	if (dev->pm_domain && dev->pm_domain->activate) {
		ret = dev->pm_domain->activate(dev);
		if (ret)
			goto probe_failed;
	}
	ret = call_driver_probe(dev, drv);
	if (ret)
		goto probe_failed;
	ret = device_add_groups(dev, drv->dev_groups);
	if (ret) {
		dev_err(dev, "device_add_groups() failed\n");
		device_remove(dev);
		goto probe_failed;
	}
	if (dev->pm_domain && dev->pm_domain->sync)
		dev->pm_domain->sync(dev);
	driver_bound(dev);
	return 0;

probe_failed:
	driver_sysfs_remove(dev);
sysfs_failed:
	bus_notify(dev, BUS_NOTIFY_DRIVER_NOT_BOUND);
	device_unbind_cleanup(dev);
	return ret;
}

int driver_probe_device(struct device_driver *drv, struct device *dev)
{
	unsigned int trigger_count = deferred_trigger_count;
	if (!device_is_registered(dev))
		return -ENODEV;
	if (dev->driver)
		return -EBUSY;
	if (dev->parent)
		pm_runtime_get_sync(dev->parent);
	pm_runtime_barrier(dev);
	int ret = really_probe(dev, drv);
	pm_request_idle(dev);
	if (dev->parent)
		pm_runtime_put(dev->parent);
	if (ret == -EPROBE_DEFER) {
		driver_deferred_probe_add(dev);
		/* A probe succeeded while this one ran (a device it created,
		 * say): what it was waiting for may be there now. */
		if (trigger_count != deferred_trigger_count)
			driver_deferred_probe_trigger();
	}
	return ret;
}

static int __device_attach_driver(struct device_driver *drv, void *data)
{
	struct device *dev = data;
	int ret = driver_match_device(drv, dev);
	if (ret == 0)
		return 0;
	if (ret == -EPROBE_DEFER) {
		dev_dbg(dev, "Device match requests probe deferral\n");
		driver_deferred_probe_add(dev);
		return ret;
	}
	if (ret < 0) {
		dev_dbg(dev, "Bus failed to match device: %d\n", ret);
		return ret;
	}
	/* A match: its probe decides, and no other driver is tried. */
	ret = driver_probe_device(drv, dev);
	return ret ? ret : 1;
}

int device_attach(struct device *dev)
{
	if (dev->driver)
		return 1;
	if (!dev->bus)
		return 0;
	int ret = bus_for_each_drv(dev->bus, NULL, dev, __device_attach_driver);
	return ret == 1 ? 1 : ret < 0 && ret != -EPROBE_DEFER ? ret : 0;
}

int device_driver_attach(struct device_driver *drv, struct device *dev)
{
	return driver_probe_device(drv, dev);
}

static int __driver_attach(struct device *dev, void *data)
{
	struct device_driver *drv = data;
	int ret = driver_match_device(drv, dev);
	if (ret == 0)
		return 0;
	if (ret == -EPROBE_DEFER) {
		dev_dbg(dev, "Device match requests probe deferral\n");
		driver_deferred_probe_add(dev);
		return 0;
	}
	if (ret < 0) {
		dev_dbg(dev, "Bus failed to match device: %d\n", ret);
		return 0;
	}
	if (!dev->driver)
		driver_probe_device(drv, dev);
	return 0;
}

int driver_attach(struct device_driver *drv)
{
	return bus_for_each_dev(drv->bus, NULL, drv, __driver_attach);
}

static void __device_release_driver(struct device *dev)
{
	struct device_driver *drv = dev->driver;
	if (!drv)
		return;
	pm_runtime_get_sync(dev);
	bus_notify(dev, BUS_NOTIFY_UNBIND_DRIVER);
	driver_sysfs_remove(dev);
	device_remove_groups(dev, drv->dev_groups);
	pm_runtime_put_sync(dev);
	device_remove(dev);
	list_del_init(&dev->knode_driver);
	device_unbind_cleanup(dev);
	bus_notify(dev, BUS_NOTIFY_UNBOUND_DRIVER);
	dev_dbg(dev, "driver: '%s': unbound from device\n", drv->name);
}

void device_release_driver(struct device *dev)
{
	__device_release_driver(dev);
}

void device_driver_detach(struct device *dev)
{
	__device_release_driver(dev);
}

void driver_detach(struct device_driver *drv)
{
	while (drv->p && !list_empty(&drv->p->klist_devices)) {
		struct device *dev = list_last_entry(&drv->p->klist_devices, struct device,
						     knode_driver);
		get_device(dev);
		__device_release_driver(dev);
		put_device(dev);
	}
}

/* ---- reporting --------------------------------------------------------------- */

static int deferred_devs_show(struct seq_file *s, void *data)
{
	struct device *dev;
	(void)data;
	list_for_each_entry(dev, &deferred_probe_pending_list, deferred_probe)
		seq_printf(s, "%s\t%s", dev_name(dev),
			   dev->deferred_probe_reason ? dev->deferred_probe_reason : "\n");
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(deferred_devs);

static int deferred_probe_initcall(void)
{
	struct device *dev;
	debugfs_create_file("devices_deferred", 0444, NULL, NULL, &deferred_devs_fops);
	driver_deferred_probe_trigger();
	list_for_each_entry(dev, &deferred_probe_pending_list, deferred_probe)
		dev_info(dev, "deferred probe pending: %s",
			 dev->deferred_probe_reason ? dev->deferred_probe_reason
						    : "(reason unknown)\n");
	return 0;
}
late_initcall(deferred_probe_initcall);
