/*
 * The legacy GPIO API by number (include/linux/gpio.h): each call is the
 * descriptor call on gpio_to_desc(gpio) (linux/gpio/consumer.h).
 * gpio_request of a number no chip has (yet) is -EPROBE_DEFER, as in
 * Linux.
 */
#ifndef _LINUX_GPIO_H
#define _LINUX_GPIO_H

#include <linux/gpio/consumer.h>

#define GPIOF_IN 0x1
#define GPIOF_OUT_INIT_LOW 0x0
#define GPIOF_OUT_INIT_HIGH 0x2

static inline bool gpio_is_valid(int number)
{
	return number >= 0;
}

int gpio_request(unsigned int gpio, const char *label);
int gpio_request_one(unsigned int gpio, unsigned long flags, const char *label);
void gpio_free(unsigned int gpio);

static inline int gpio_direction_input(unsigned int gpio)
{
	return gpiod_direction_input(gpio_to_desc(gpio));
}
static inline int gpio_direction_output(unsigned int gpio, int value)
{
	return gpiod_direction_output_raw(gpio_to_desc(gpio), value);
}
static inline int gpio_get_value(unsigned int gpio)
{
	return gpiod_get_raw_value(gpio_to_desc(gpio));
}
static inline void gpio_set_value(unsigned int gpio, int value)
{
	gpiod_set_raw_value(gpio_to_desc(gpio), value);
}
static inline int gpio_to_irq(unsigned int gpio)
{
	return gpiod_to_irq(gpio_to_desc(gpio));
}

#endif
