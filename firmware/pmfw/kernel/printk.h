/* printk's internals for the console drivers and the panic path. */
#ifndef _KERNEL_PRINTK_H
#define _KERNEL_PRINTK_H

#include <linux/types.h>

/* Write to every console, bypassing the log (panic, the shell's echo). */
void console_write_raw(const char *s, unsigned int n);
u64 local_clock(void);
bool console_registered(void);

#endif
