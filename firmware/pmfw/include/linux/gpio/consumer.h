/*
 * GPIO consumers (include/linux/gpio/consumer.h): a line is a struct
 * gpio_desc, requested before use and released after. Values are
 * logical (an active-low line reads 1 when low) except with the _raw
 * calls. drivers/gpio/gpiolib.c.
 */
#ifndef _LINUX_GPIO_CONSUMER_H
#define _LINUX_GPIO_CONSUMER_H

#include <linux/err.h>
#include <linux/types.h>

struct device;
struct fwnode_handle;
struct gpio_desc;

enum gpiod_flags {
	GPIOD_ASIS = 0,
	GPIOD_IN = 1,         /* GPIOD_FLAGS_BIT_DIR_SET */
	GPIOD_OUT_LOW = 3,    /* | GPIOD_FLAGS_BIT_DIR_OUT */
	GPIOD_OUT_HIGH = 7,   /* | GPIOD_FLAGS_BIT_DIR_VAL */
};

/* GPIO number <-> descriptor (NULL if no chip has that number). */
struct gpio_desc *gpio_to_desc(unsigned int gpio);
int desc_to_gpio(const struct gpio_desc *desc);

/* Request by the device tree: property "<con_id>-gpios" (or "gpios"
 * with con_id NULL) of dev's node, entry idx, set up as flags says; the
 * DT's GPIO_ACTIVE_LOW flag makes the line active-low. ERR_PTR(-ENOENT)
 * if there is no such property, -EPROBE_DEFER if its chip is not yet
 * there, -EBUSY if the line is requested already. */
struct gpio_desc *gpiod_get_index(struct device *dev, const char *con_id, unsigned int idx,
				  enum gpiod_flags flags);
struct gpio_desc *gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags);
struct gpio_desc *gpiod_get_optional(struct device *dev, const char *con_id,
				     enum gpiod_flags flags);
struct gpio_desc *devm_gpiod_get(struct device *dev, const char *con_id, enum gpiod_flags flags);
/* The same from any node (a device's child: a gpio-keys button), the
 * line requested for label. */
struct gpio_desc *fwnode_gpiod_get_index(struct fwnode_handle *fwnode, const char *con_id,
					 int index, enum gpiod_flags flags, const char *label);
struct gpio_desc *devm_fwnode_gpiod_get_index(struct device *dev, struct fwnode_handle *fwnode,
					      const char *con_id, int index,
					      enum gpiod_flags flags, const char *label);
static inline struct gpio_desc *devm_fwnode_gpiod_get(struct device *dev,
						      struct fwnode_handle *fwnode,
						      const char *con_id, enum gpiod_flags flags,
						      const char *label)
{
	return devm_fwnode_gpiod_get_index(dev, fwnode, con_id, 0, flags, label);
}
void gpiod_put(struct gpio_desc *desc);

int gpiod_get_direction(struct gpio_desc *desc);
int gpiod_direction_input(struct gpio_desc *desc);
int gpiod_direction_output(struct gpio_desc *desc, int value);
int gpiod_direction_output_raw(struct gpio_desc *desc, int value);
int gpiod_get_value(const struct gpio_desc *desc);
int gpiod_get_raw_value(const struct gpio_desc *desc);
void gpiod_set_value(struct gpio_desc *desc, int value);
void gpiod_set_raw_value(struct gpio_desc *desc, int value);
int gpiod_get_value_cansleep(const struct gpio_desc *desc);
void gpiod_set_value_cansleep(struct gpio_desc *desc, int value);
int gpiod_is_active_low(const struct gpio_desc *desc);
/* Hardware debounce of an input, in µs: -ENOTSUPP on every pmfw chip. */
int gpiod_set_debounce(struct gpio_desc *desc, unsigned int debounce);
void gpiod_toggle_active_low(struct gpio_desc *desc);
int gpiod_cansleep(const struct gpio_desc *desc);
/* The line's interrupt number (mapped now), or a negative errno. */
int gpiod_to_irq(const struct gpio_desc *desc);
int gpiod_set_consumer_name(struct gpio_desc *desc, const char *name);

#endif
