/*
 * A tty line's hardware side (include/linux/tty_port.h): the tty open on
 * it, and the flip buffer through which the driver's receive interrupt
 * hands bytes to the line discipline (tty_flip.h).
 */
#ifndef _LINUX_TTY_PORT_H
#define _LINUX_TTY_PORT_H

#include <linux/types.h>

struct tty_struct;

#define TTY_FLIPBUF_SIZE 32

/* Flags with a received byte. */
#define TTY_NORMAL 0
#define TTY_BREAK 1
#define TTY_FRAME 2
#define TTY_PARITY 3
#define TTY_OVERRUN 4

struct tty_buffer {
	size_t used;
	u8 chars[TTY_FLIPBUF_SIZE];
	u8 flags[TTY_FLIPBUF_SIZE];
};

struct tty_port {
	struct tty_struct *tty;
	struct tty_buffer buf;
	unsigned long flags;
	int count;
	unsigned long dropped; /* bytes the flip buffer had no room for */
};

void tty_port_init(struct tty_port *port);

#endif
