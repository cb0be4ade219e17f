/* What an interrupt handler returns (include/linux/irqreturn.h). */
#ifndef _LINUX_IRQRETURN_H
#define _LINUX_IRQRETURN_H

enum irqreturn {
	IRQ_NONE = 0,        /* not this device's interrupt */
	IRQ_HANDLED = 1,
	IRQ_WAKE_THREAD = 2, /* run the threaded handler */
};
typedef enum irqreturn irqreturn_t;
#define IRQ_RETVAL(x) ((x) ? IRQ_HANDLED : IRQ_NONE)

#endif
