/*
 * tty drivers (include/linux/tty_driver.h): a driver has `num` lines
 * named name + index ("ttyAMA0"); its operations move bytes to the
 * hardware and control input flow. write() takes what fits and returns
 * how much; it may be called from interrupt context (echo).
 */
#ifndef _LINUX_TTY_DRIVER_H
#define _LINUX_TTY_DRIVER_H

#include <linux/list.h>
#include <linux/types.h>

struct tty_struct;
struct tty_port;
struct module;

struct tty_operations {
	int (*install)(struct tty_driver *driver, struct tty_struct *tty);
	int (*open)(struct tty_struct *tty);
	void (*close)(struct tty_struct *tty);
	ssize_t (*write)(struct tty_struct *tty, const u8 *buf, size_t count);
	unsigned int (*write_room)(struct tty_struct *tty);
	unsigned int (*chars_in_buffer)(struct tty_struct *tty);
	void (*flush_buffer)(struct tty_struct *tty);
	void (*throttle)(struct tty_struct *tty);
	void (*unthrottle)(struct tty_struct *tty);
	void (*wait_until_sent)(struct tty_struct *tty, int timeout);
};

struct tty_driver {
	struct module *owner;
	const char *driver_name;
	const char *name;       /* "ttyAMA" */
	int name_base;
	unsigned int num;
	unsigned long flags;
	const struct tty_operations *ops;
	struct tty_struct **ttys;
	struct tty_port **ports;
	void *driver_state;
	struct list_head tty_drivers;
};

#define TTY_DRIVER_REAL_RAW 0x0004
#define TTY_DRIVER_DYNAMIC_DEV 0x0008

struct tty_driver *tty_alloc_driver(unsigned int lines, unsigned long flags);
void tty_driver_kref_put(struct tty_driver *driver);
int tty_register_driver(struct tty_driver *driver);
void tty_unregister_driver(struct tty_driver *driver);
void tty_set_operations(struct tty_driver *driver, const struct tty_operations *op);
void tty_port_link_device(struct tty_port *port, struct tty_driver *driver, unsigned int index);

#endif
