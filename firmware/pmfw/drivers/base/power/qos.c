/*
 * Device PM QoS, resume latency (Linux's drivers/base/power/qos.c): the
 * requests of a device form a list; the effective constraint is their
 * minimum, recomputed at every change; a change that makes suspending
 * allowed again asks runtime PM to re-evaluate the device (pm_request_idle).
 * Read by runtime PM (0: no suspend) and by the power-domain governor.
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
	dev->power.qos = q;
	return q;
}

static void recompute(struct device *dev)
{
	struct dev_pm_qos *q = dev->power.qos;
	s32 v = PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
	struct dev_pm_qos_request *r;
	list_for_each_entry(r, &q->resume_latency, node)
		v = min(v, r->value);
	s32 old = q->resume_latency_target;
	q->resume_latency_target = v;
	/* Looser than before: the device may be able to suspend now. */
	if (v > old && pm_runtime_enabled(dev))
		pm_request_idle(dev);
}

int dev_pm_qos_add_request(struct device *dev, struct dev_pm_qos_request *req,
			   enum dev_pm_qos_req_type type, s32 value)
{
	if (!dev || !req || type != DEV_PM_QOS_RESUME_LATENCY || value < 0)
		return -EINVAL;
	if (dev_pm_qos_request_active(req))
		return -EINVAL;
	struct dev_pm_qos *q = dev_qos(dev, true);
	if (!q)
		return -ENOMEM;
	req->type = type;
	req->value = value;
	req->dev = dev;
	list_add_tail(&req->node, &q->resume_latency);
	recompute(dev);
	return 1;
}

int dev_pm_qos_update_request(struct dev_pm_qos_request *req, s32 new_value)
{
	if (!req || !dev_pm_qos_request_active(req) || new_value < 0)
		return -EINVAL;
	if (req->value == new_value)
		return 0;
	req->value = new_value;
	recompute(req->dev);
	return 1;
}

int dev_pm_qos_remove_request(struct dev_pm_qos_request *req)
{
	if (!req || !dev_pm_qos_request_active(req))
		return -EINVAL;
	struct device *dev = req->dev;
	list_del(&req->node);
	req->dev = NULL;
	recompute(dev);
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

static struct attribute *qos_attrs[] = { &dev_attr_pm_qos_resume_latency_us.attr, NULL };
static const struct attribute_group pm_qos_attr_group = { .name = "power", .attrs = qos_attrs };

int pm_qos_sysfs_add_resume_latency(struct device *dev)
{
	return sysfs_merge_group(&dev->kobj, &pm_qos_attr_group);
}
