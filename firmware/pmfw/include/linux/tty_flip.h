/* Received bytes, from a driver to its tty (include/linux/tty_flip.h): the
 * interrupt handler inserts them, then pushes them to the line
 * discipline (which edits and echoes them at once, in that context). */
#ifndef _LINUX_TTY_FLIP_H
#define _LINUX_TTY_FLIP_H

#include <linux/tty_port.h>

/* 1 if stored, 0 if the flip buffer is full (the byte is counted as lost). */
int tty_insert_flip_char(struct tty_port *port, u8 ch, u8 flag);
void tty_flip_buffer_push(struct tty_port *port);

#endif
