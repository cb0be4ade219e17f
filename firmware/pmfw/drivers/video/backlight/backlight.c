/*
 * The backlight class (Linux's drivers/video/backlight/backlight.c):
 * /sys/class/backlight/NAME (include/linux/backlight.h lists the files),
 * and the calls display drivers use. Every change goes through the
 * driver's update_status under the device's update_lock.
 */
#include <linux/backlight.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/string.h>

static int backlight_update_locked(struct backlight_device *bd)
{
	return bd->ops && bd->ops->update_status ? bd->ops->update_status(bd) : 0;
}

int backlight_update_status(struct backlight_device *bd)
{
	mutex_lock(&bd->update_lock);
	int ret = backlight_update_locked(bd);
	mutex_unlock(&bd->update_lock);
	return ret;
}

static int backlight_set_power(struct backlight_device *bd, int power)
{
	mutex_lock(&bd->update_lock);
	int old = bd->props.power, ret = 0;
	if (old != power) {
		bd->props.power = power;
		ret = backlight_update_locked(bd);
		if (ret)
			bd->props.power = old;
	}
	mutex_unlock(&bd->update_lock);
	return ret;
}

int backlight_enable(struct backlight_device *bd)
{
	return bd ? backlight_set_power(bd, FB_BLANK_UNBLANK) : 0;
}

int backlight_disable(struct backlight_device *bd)
{
	return bd ? backlight_set_power(bd, FB_BLANK_POWERDOWN) : 0;
}

static ssize_t brightness_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_backlight_device(dev)->props.brightness);
}

static ssize_t brightness_store(struct device *dev, struct device_attribute *attr,
				const char *buf, size_t count)
{
	struct backlight_device *bd = to_backlight_device(dev);
	unsigned int v;
	int ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	if (v > (unsigned int)bd->props.max_brightness)
		return -EINVAL;
	mutex_lock(&bd->update_lock);
	int old = bd->props.brightness;
	bd->props.brightness = (int)v;
	ret = backlight_update_locked(bd);
	if (ret)
		bd->props.brightness = old;
	mutex_unlock(&bd->update_lock);
	return ret ? ret : (ssize_t)count;
}
static DEVICE_ATTR_RW(brightness);

static ssize_t actual_brightness_show(struct device *dev, struct device_attribute *attr,
				      char *buf)
{
	struct backlight_device *bd = to_backlight_device(dev);
	mutex_lock(&bd->update_lock);
	int v = bd->ops && bd->ops->get_brightness ? bd->ops->get_brightness(bd)
						   : backlight_get_brightness(bd);
	mutex_unlock(&bd->update_lock);
	if (v < 0)
		return v;
	return sysfs_emit(buf, "%d\n", v);
}
static DEVICE_ATTR_RO(actual_brightness);

static ssize_t max_brightness_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_backlight_device(dev)->props.max_brightness);
}
static DEVICE_ATTR_RO(max_brightness);

static ssize_t bl_power_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", to_backlight_device(dev)->props.power);
}

static ssize_t bl_power_store(struct device *dev, struct device_attribute *attr,
			      const char *buf, size_t count)
{
	unsigned int v;
	int ret = kstrtouint(buf, 0, &v);
	if (ret)
		return ret;
	if (v > FB_BLANK_POWERDOWN)
		return -EINVAL;
	ret = backlight_set_power(to_backlight_device(dev), (int)v);
	return ret ? ret : (ssize_t)count;
}
static DEVICE_ATTR_RW(bl_power);

static ssize_t type_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "raw\n");
}
static DEVICE_ATTR_RO(type);

static struct attribute *bl_device_attrs[] = {
	&dev_attr_bl_power.attr,
	&dev_attr_brightness.attr,
	&dev_attr_actual_brightness.attr,
	&dev_attr_max_brightness.attr,
	&dev_attr_type.attr,
	NULL,
};

static const struct attribute_group bl_device_group = {
	.attrs = bl_device_attrs,
};

static const struct attribute_group *bl_device_groups[] = { &bl_device_group, NULL };

static const struct class backlight_class = {
	.name = "backlight",
	.dev_groups = bl_device_groups,
};

static void bl_device_release(struct device *dev)
{
	kfree(to_backlight_device(dev));
}

static void devm_backlight_release(void *data)
{
	device_unregister(&((struct backlight_device *)data)->dev);
}

struct backlight_device *devm_backlight_device_register(struct device *parent, const char *name,
							void *data,
							const struct backlight_ops *ops,
							const struct backlight_properties *props)
{
	struct backlight_device *bd = kzalloc(sizeof *bd, GFP_KERNEL);
	if (!bd)
		return ERR_PTR(-ENOMEM);
	mutex_init(&bd->update_lock);
	bd->ops = ops;
	bd->data = data;
	bd->props = *props;
	device_initialize(&bd->dev);
	bd->dev.class = &backlight_class;
	bd->dev.parent = parent;
	bd->dev.of_node = parent->of_node;
	bd->dev.release = bl_device_release;
	dev_set_name(&bd->dev, "%s", name);
	int err = device_add(&bd->dev);
	if (err) {
		put_device(&bd->dev);
		return ERR_PTR(err);
	}
	err = devm_add_action_or_reset(parent, devm_backlight_release, bd);
	return err ? ERR_PTR(err) : bd;
}

static int bl_match_node(struct device *dev, const void *data)
{
	return dev->of_node == data;
}

struct backlight_device *of_find_backlight_by_node(struct device_node *np)
{
	struct device *dev = class_find_device(&backlight_class, NULL, np, bl_match_node);
	return dev ? to_backlight_device(dev) : NULL;
}

static int backlight_class_init(void)
{
	int err = class_register(&backlight_class);
	if (err)
		pr_err("backlight: cannot register the class: %d\n", err);
	return err;
}
subsys_initcall(backlight_class_init);
