/*
 * Device PM QoS (Linux's drivers/base/power/qos.c). Resume latency: the
 * requests of a device form a list; the effective constraint is their
 * minimum, recomputed at every change, announced to the device's
 * notifiers; a change that makes suspending allowed again asks runtime PM
 * to re-evaluate the device (pm_request_idle). Read by runtime PM (0: no
 * suspend) and by the power-domain governor. Flags: the OR of the flags
 * requests (PM_QOS_FLAG_NO_POWER_OFF keeps the device's domain on: genpd
 * asks dev_pm_qos_flags).
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/pm_qos.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "power.h"

static struct dev_pm_qos *dev_qos(struct device *dev, bool create)
{
	if (dev->power.qos || !create)
		return dev->power.qos;
	struct dev_pm_qos *q = kzalloc(sizeof *q, GFP_KERNEL);
	if (!q)
		return NULL;
	INIT_LIST_HEAD(&q->resume_latency);
	q->resume_latency_target = PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
	INIT_LIST_HEAD(&q->flags);
	dev->power.qos = q;
	return q;
}

static void recompute(struct device *dev, enum dev_pm_qos_req_type type)
{
	struct dev_pm_qos *q = dev->power.qos;
	struct dev_pm_qos_request *r;
	if (type == DEV_PM_QOS_FLAGS) {
		s32 f = 0;
		list_for_each_entry(r, &q->flags, node)
			f |= r->value;
		q->effective_flags = f;
		return;
	}
	s32 v = PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
	list_for_each_entry(r, &q->resume_latency, node)
		v = min(v, r->value);
	s32 old = q->resume_latency_target;
	q->resume_latency_target = v;
	if (v != old)
		blocking_notifier_call_chain(&q->resume_latency_notifiers, (unsigned long)v, NULL);
	/* Looser than before: the device may be able to suspend now. */
	if (v > old && pm_runtime_enabled(dev))
		pm_request_idle(dev);
}

static struct list_head *req_list(struct dev_pm_qos *q, enum dev_pm_qos_req_type type)
{
	return type == DEV_PM_QOS_FLAGS ? &q->flags : &q->resume_latency;
}

int dev_pm_qos_add_request(struct device *dev, struct dev_pm_qos_request *req,
			   enum dev_pm_qos_req_type type, s32 value)
{
	if (!dev || !req || (type != DEV_PM_QOS_RESUME_LATENCY && type != DEV_PM_QOS_FLAGS) ||
	    value < 0)
		return -EINVAL;
	if (dev_pm_qos_request_active(req))
		return -EINVAL;
	struct dev_pm_qos *q = dev_qos(dev, true);
	if (!q)
		return -ENOMEM;
	req->type = type;
	req->value = value;
	req->dev = dev;
	list_add_tail(&req->node, req_list(q, type));
	recompute(dev, type);
	return 1;
}

int dev_pm_qos_update_request(struct dev_pm_qos_request *req, s32 new_value)
{
	if (!req || !dev_pm_qos_request_active(req) || new_value < 0)
		return -EINVAL;
	if (req->value == new_value)
		return 0;
	req->value = new_value;
	recompute(req->dev, req->type);
	return 1;
}

int dev_pm_qos_remove_request(struct dev_pm_qos_request *req)
{
	if (!req || !dev_pm_qos_request_active(req))
		return -EINVAL;
	struct device *dev = req->dev;
	list_del(&req->node);
	req->dev = NULL;
	recompute(dev, req->type);
	return 1;
}

s32 dev_pm_qos_read_value(struct device *dev, enum dev_pm_qos_req_type type)
{
	(void)type;
	struct dev_pm_qos *q = dev->power.qos;
	return q ? q->resume_latency_target : PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
}

s32 dev_pm_qos_raw_resume_latency(struct device *dev)
{
	return dev_pm_qos_read_value(dev, DEV_PM_QOS_RESUME_LATENCY);
}

enum pm_qos_flags_status dev_pm_qos_flags(struct device *dev, s32 mask)
{
	struct dev_pm_qos *q = dev->power.qos;
	if (!q || list_empty(&q->flags))
		return PM_QOS_FLAGS_UNDEFINED;
	s32 v = q->effective_flags & mask;
	return !v ? PM_QOS_FLAGS_NONE : v == mask ? PM_QOS_FLAGS_ALL : PM_QOS_FLAGS_SOME;
}

int dev_pm_qos_add_notifier(struct device *dev, struct notifier_block *notifier,
			    enum dev_pm_qos_req_type type)
{
	if (type != DEV_PM_QOS_RESUME_LATENCY)
		return -EINVAL;
	struct dev_pm_qos *q = dev_qos(dev, true);
	if (!q)
		return -ENOMEM;
	return blocking_notifier_chain_register(&q->resume_latency_notifiers, notifier);
}

int dev_pm_qos_remove_notifier(struct device *dev, struct notifier_block *notifier,
			       enum dev_pm_qos_req_type type)
{
	struct dev_pm_qos *q = dev->power.qos;
	if (type != DEV_PM_QOS_RESUME_LATENCY || !q)
		return -EINVAL;
	return blocking_notifier_chain_unregister(&q->resume_latency_notifiers, notifier);
}

/* power/pm_qos_resume_latency_us: user space's own request. */
static ssize_t pm_qos_resume_latency_us_show(struct device *dev, struct device_attribute *attr,
					     char *buf)
{
	struct dev_pm_qos *q = dev->power.qos;
	s32 v = q && q->resume_latency_req ? q->resume_latency_req->value
					   : PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
	if (v == PM_QOS_RESUME_LATENCY_NO_CONSTRAINT)
		return sysfs_emit(buf, "n/a\n");
	return sysfs_emit(buf, "%d\n", v);
}

static ssize_t pm_qos_resume_latency_us_store(struct device *dev, struct device_attribute *attr,
					      const char *buf, size_t n)
{
	s32 value;
	if (sysfs_streq(buf, "n/a")) {
		value = PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
	} else if (kstrtoint(buf, 0, &value) || value < 0) {
		return -EINVAL;
	}
	struct dev_pm_qos *q = dev_qos(dev, true);
	if (!q)
		return -ENOMEM;
	int err;
	if (!q->resume_latency_req) {
		q->resume_latency_req = kzalloc(sizeof *q->resume_latency_req, GFP_KERNEL);
		if (!q->resume_latency_req)
			return -ENOMEM;
		err = dev_pm_qos_add_request(dev, q->resume_latency_req,
					     DEV_PM_QOS_RESUME_LATENCY, value);
	} else {
		err = dev_pm_qos_update_request(q->resume_latency_req, value);
	}
	return err < 0 ? err : (ssize_t)n;
}
static DEVICE_ATTR_RW(pm_qos_resume_latency_us);

/* power/pm_qos_no_power_off: user space's PM_QOS_FLAG_NO_POWER_OFF. */
static ssize_t pm_qos_no_power_off_show(struct device *dev, struct device_attribute *attr,
					char *buf)
{
	struct dev_pm_qos *q = dev->power.qos;
	bool set = q && q->flags_req && (q->flags_req->value & PM_QOS_FLAG_NO_POWER_OFF);
	return sysfs_emit(buf, "%d\n", set);
}

static ssize_t pm_qos_no_power_off_store(struct device *dev, struct device_attribute *attr,
					 const char *buf, size_t n)
{
	int v;
	if (kstrtoint(buf, 0, &v) || (v != 0 && v != 1))
		return -EINVAL;
	struct dev_pm_qos *q = dev_qos(dev, true);
	if (!q)
		return -ENOMEM;
	int err;
	s32 flags = v ? PM_QOS_FLAG_NO_POWER_OFF : 0;
	if (!q->flags_req) {
		q->flags_req = kzalloc(sizeof *q->flags_req, GFP_KERNEL);
		if (!q->flags_req)
			return -ENOMEM;
		err = dev_pm_qos_add_request(dev, q->flags_req, DEV_PM_QOS_FLAGS, flags);
	} else {
		err = dev_pm_qos_update_request(q->flags_req, flags);
	}
	/* Cleared: the domain may power off now. */
	if (err >= 0 && !v && pm_runtime_enabled(dev))
		pm_request_idle(dev);
	return err < 0 ? err : (ssize_t)n;
}
static DEVICE_ATTR_RW(pm_qos_no_power_off);

static struct attribute *qos_attrs[] = { &dev_attr_pm_qos_resume_latency_us.attr,
					 &dev_attr_pm_qos_no_power_off.attr, NULL };
static const struct attribute_group pm_qos_attr_group = { .name = "power", .attrs = qos_attrs };

int pm_qos_sysfs_add_resume_latency(struct device *dev)
{
	return sysfs_merge_group(&dev->kobj, &pm_qos_attr_group);
}
