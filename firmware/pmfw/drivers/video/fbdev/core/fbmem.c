/*
 * Framebuffer devices (Linux's drivers/video/fbdev/core/fbmem.c and
 * fbsysfs.c): the registered fb_info by number, /sys/class/graphics/fbN
 * (include/linux/fb.h lists its files) and fb_blank, the one way in to a
 * driver's blanking.
 */
#include <linux/device.h>
#include <linux/err.h>
#include <linux/fb.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/string.h>

static struct fb_info *registered_fb[FB_MAX];
static DEFINE_MUTEX(registration_lock);

#define dev_to_fb(d) container_of(d, struct fb_info, dev)

int fb_blank(struct fb_info *info, int blank)
{
	if (blank < FB_BLANK_UNBLANK || blank > FB_BLANK_POWERDOWN)
		return -EINVAL;
	mutex_lock(&info->lock);
	int ret = info->fbops && info->fbops->fb_blank ? info->fbops->fb_blank(blank, info)
						       : -EINVAL;
	if (!ret)
		info->blank = blank;
	mutex_unlock(&info->lock);
	return ret;
}

struct fb_info *registered_fb_get(int n)
{
	if (n < 0 || n >= FB_MAX)
		return NULL;
	mutex_lock(&registration_lock);
	struct fb_info *info = registered_fb[n];
	mutex_unlock(&registration_lock);
	return info;
}

static ssize_t name_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%s\n", dev_to_fb(dev)->fix.id);
}
static DEVICE_ATTR_RO(name);

static ssize_t virtual_size_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	struct fb_info *info = dev_to_fb(dev);
	return sysfs_emit(buf, "%u,%u\n", info->var.xres, info->var.yres);
}
static DEVICE_ATTR_RO(virtual_size);

static ssize_t bits_per_pixel_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_fb(dev)->var.bits_per_pixel);
}
static DEVICE_ATTR_RO(bits_per_pixel);

static ssize_t stride_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%u\n", dev_to_fb(dev)->fix.line_length);
}
static DEVICE_ATTR_RO(stride);

static ssize_t blank_show(struct device *dev, struct device_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%d\n", dev_to_fb(dev)->blank);
}

static ssize_t blank_store(struct device *dev, struct device_attribute *attr, const char *buf,
			   size_t count)
{
	int v;
	int ret = kstrtoint(buf, 0, &v);
	if (ret)
		return ret;
	ret = fb_blank(dev_to_fb(dev), v);
	return ret ? ret : (ssize_t)count;
}
static DEVICE_ATTR_RW(blank);

static struct attribute *fb_device_attrs[] = {
	&dev_attr_name.attr,
	&dev_attr_virtual_size.attr,
	&dev_attr_bits_per_pixel.attr,
	&dev_attr_stride.attr,
	&dev_attr_blank.attr,
	NULL,
};

static const struct attribute_group fb_device_group = {
	.attrs = fb_device_attrs,
};

static const struct attribute_group *fb_device_groups[] = { &fb_device_group, NULL };

static const struct class fb_class = {
	.name = "graphics",
	.dev_groups = fb_device_groups,
};

/* The fb_info belongs to its driver: nothing to free with the device. */
static void fb_device_release(struct device *dev)
{
}

int register_framebuffer(struct fb_info *info)
{
	mutex_lock(&registration_lock);
	int n = 0;
	while (n < FB_MAX && registered_fb[n])
		n++;
	if (n == FB_MAX) {
		mutex_unlock(&registration_lock);
		return -ENXIO;
	}
	registered_fb[n] = info;
	mutex_unlock(&registration_lock);
	info->node = n;
	mutex_init(&info->lock);
	device_initialize(&info->dev);
	info->dev.class = &fb_class;
	info->dev.parent = info->device;
	info->dev.release = fb_device_release;
	dev_set_name(&info->dev, "fb%d", n);
	int err = device_add(&info->dev);
	if (err) {
		put_device(&info->dev);
		mutex_lock(&registration_lock);
		registered_fb[n] = NULL;
		mutex_unlock(&registration_lock);
	}
	return err;
}

void unregister_framebuffer(struct fb_info *info)
{
	device_unregister(&info->dev);
	mutex_lock(&registration_lock);
	registered_fb[info->node] = NULL;
	mutex_unlock(&registration_lock);
}

static int fbmem_init(void)
{
	int err = class_register(&fb_class);
	if (err)
		pr_err("fb: cannot register the graphics class: %d\n", err);
	return err;
}
subsys_initcall(fbmem_init);
