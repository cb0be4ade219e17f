/*
 * Consoles (include/linux/console.h): where printk writes. Each
 * registered console gets every message printed on the console; its
 * write must work from any context (the PL011's polls its FIFO). A console
 * that is also a tty says which through device(), so that init can open
 * it as its terminal (console_device, Linux's /dev/console).
 */
#ifndef _LINUX_CONSOLE_H
#define _LINUX_CONSOLE_H

#include <linux/types.h>

struct tty_driver;

#define CON_PRINTBUFFER 1
#define CON_CONSDEV 2 /* the last console on the command line: /dev/console */
#define CON_ENABLED 4
#define CON_BOOT 8    /* an early console, replaced by the driver's */

struct console {
	const char *name;
	void (*write)(struct console *con, const char *s, unsigned int n);
	struct tty_driver *(*device)(struct console *con, int *index);
	short flags;
	short index;
	void *data;
	struct console *next;
};

void register_console(struct console *con);
int unregister_console(struct console *con);
/* The tty of the first console that has one, and its line in *index. */
struct tty_driver *console_device(int *index);

#endif
