/*
 * The backlight class (Linux's include/linux/backlight.h,
 * drivers/video/backlight/backlight.c): a driver registers a
 * backlight_device with its ops; /sys/class/backlight/NAME shows
 *
 *   brightness         the level asked for (0..max_brightness; rw)
 *   actual_brightness  the level the hardware shows now: 0 while the
 *                      backlight is powered down or its display blanked
 *   max_brightness     the highest level
 *   bl_power           FB_BLANK_UNBLANK (0) on, FB_BLANK_POWERDOWN (4)
 *                      off (rw; the other FB_BLANK_ values count as off)
 *   type               "raw"
 *
 * A display driver finds the backlight its panel names
 * (of_find_backlight_by_node) and switches it with backlight_enable and
 * backlight_disable, which the driver's update_status carries out.
 */
#ifndef _LINUX_BACKLIGHT_H
#define _LINUX_BACKLIGHT_H

#include <linux/device.h>
#include <linux/fb.h>
#include <linux/mutex.h>
#include <linux/of.h>

enum backlight_type {
	BACKLIGHT_RAW = 1,
};

struct backlight_properties {
	int brightness;
	int max_brightness;
	int power;          /* FB_BLANK_* */
	enum backlight_type type;
};

struct backlight_device;

struct backlight_ops {
	/* Make the hardware show props (backlight_get_brightness). */
	int (*update_status)(struct backlight_device *bd);
	/* The level the hardware shows (optional). */
	int (*get_brightness)(struct backlight_device *bd);
};

struct backlight_device {
	struct backlight_properties props;
	const struct backlight_ops *ops;
	struct mutex update_lock;
	struct device dev;
	void *data;
};

#define to_backlight_device(d) container_of(d, struct backlight_device, dev)

static inline void *bl_get_data(struct backlight_device *bd)
{
	return bd->data;
}

/* The level to show: props.brightness, or 0 while powered down. */
static inline int backlight_get_brightness(const struct backlight_device *bd)
{
	return bd->props.power != FB_BLANK_UNBLANK ? 0 : bd->props.brightness;
}

int backlight_update_status(struct backlight_device *bd);
int backlight_enable(struct backlight_device *bd);
int backlight_disable(struct backlight_device *bd);

/* Registered as /sys/class/backlight/NAME, a child of `parent`;
 * unregistered with it. */
struct backlight_device *devm_backlight_device_register(struct device *parent, const char *name,
							void *data,
							const struct backlight_ops *ops,
							const struct backlight_properties *props);
/* The backlight whose device has node `np` (with a reference: put_device
 * its dev), or NULL. */
struct backlight_device *of_find_backlight_by_node(struct device_node *np);

#endif
