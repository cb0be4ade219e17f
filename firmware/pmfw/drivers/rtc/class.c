/*
 * The rtc class (Linux's drivers/rtc/class.c): /sys/class/rtc, and the
 * life of an rtc_device: allocated for a driver (devres), numbered rtcN
 * (the lowest free N) and added as a child of the driver's device
 * (.../40006000.rtc/rtc/rtc0), removed when the driver goes.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/pm_wakeup.h>
#include <linux/rtc.h>
#include <linux/slab.h>

#include "rtc-core.h"

static unsigned long rtc_ids; /* rtcN numbers in use */

const struct class rtc_class = {
	.name = "rtc",
	.dev_groups = rtc_groups,
};

static void rtc_device_release(struct device *dev)
{
	struct rtc_device *rtc = to_rtc_device(dev);
	rtc_ids &= ~BIT(rtc->id);
	kfree(rtc);
}

static void devm_rtc_release_device(void *res)
{
	struct rtc_device *rtc = res;
	/* Nothing may be left to run: the driver's data goes next. */
	cancel_work_sync(&rtc->irqwork);
	if (rtc->registered)
		device_del(&rtc->dev);
	put_device(&rtc->dev);
}

struct rtc_device *devm_rtc_allocate_device(struct device *dev)
{
	if (rtc_ids == ~0UL)
		return ERR_PTR(-ENOSPC);
	struct rtc_device *rtc = kzalloc(sizeof *rtc, GFP_KERNEL);
	if (!rtc)
		return ERR_PTR(-ENOMEM);
	rtc->id = __builtin_ctzl(~rtc_ids);
	rtc_ids |= BIT(rtc->id);
	device_initialize(&rtc->dev);
	rtc->dev.class = &rtc_class;
	rtc->dev.parent = dev;
	rtc->dev.release = rtc_device_release;
	mutex_init(&rtc->ops_lock);
	init_waitqueue_head(&rtc->irq_queue);
	INIT_WORK(&rtc->irqwork, rtc_timer_do_work);
	rtc->range_max = U32_MAX;
	dev_set_name(&rtc->dev, "rtc%d", rtc->id);
	int err = devm_add_action_or_reset(dev, devm_rtc_release_device, rtc);
	return err ? ERR_PTR(err) : rtc;
}

int devm_rtc_register_device(struct rtc_device *rtc)
{
	if (!rtc->ops) {
		dev_dbg(&rtc->dev, "no ops set\n");
		return -EINVAL;
	}
	int err = device_add(&rtc->dev);
	if (err)
		return err;
	rtc->registered = true;
	dev_info(rtc->dev.parent, "registered as %s\n", dev_name(&rtc->dev));
	return 0;
}

struct rtc_device *devm_rtc_device_register(struct device *dev, const char *name,
					    const struct rtc_class_ops *ops, void *owner)
{
	struct rtc_device *rtc = devm_rtc_allocate_device(dev);
	if (IS_ERR(rtc))
		return rtc;
	rtc->ops = ops;
	int err = devm_rtc_register_device(rtc);
	return err ? ERR_PTR(err) : rtc;
}

struct rtc_device *rtc_class_open(const char *name)
{
	struct device *dev = class_find_device_by_name(&rtc_class, name);
	return dev ? to_rtc_device(dev) : NULL;
}

void rtc_class_close(struct rtc_device *rtc)
{
	put_device(&rtc->dev);
}

static int rtc_init(void)
{
	int err = class_register(&rtc_class);
	if (err)
		pr_err("couldn't create class\n");
	return err;
}
subsys_initcall(rtc_init);
