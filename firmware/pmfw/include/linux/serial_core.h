/*
 * Serial ports (include/linux/serial_core.h, drivers/tty/serial/
 * serial_core.c): a UART driver describes its ports (struct uart_port) and
 * their operations (struct uart_ops); the serial core makes each a tty
 * line, with a transmit buffer (state->xmit, UART_XMIT_SIZE bytes) that
 * the driver's transmit interrupt empties, and gives consoles a polled
 * write (uart_console_write).
 */
#ifndef _LINUX_SERIAL_CORE_H
#define _LINUX_SERIAL_CORE_H

#include <linux/circ_buf.h>
#include <linux/compiler.h>
#include <linux/console.h>
#include <linux/spinlock.h>
#include <linux/tty.h>
#include <linux/types.h>

#ifndef __iomem
#define __iomem
#endif

struct device;
struct uart_port;

/* Linux's is a page; pmfw's RAM is smaller, a shell's output line fits. */
#define UART_XMIT_SIZE 256
/* Writers are woken when fewer bytes than this wait to be sent. */
#define WAKEUP_CHARS 64

struct uart_ops {
	unsigned int (*tx_empty)(struct uart_port *port); /* TIOCSER_TEMT when all sent */
	void (*stop_tx)(struct uart_port *port);
	void (*start_tx)(struct uart_port *port);
	void (*throttle)(struct uart_port *port);
	void (*unthrottle)(struct uart_port *port);
	void (*stop_rx)(struct uart_port *port);
	int (*startup)(struct uart_port *port);
	void (*shutdown)(struct uart_port *port);
	void (*flush_buffer)(struct uart_port *port);
	void (*set_termios)(struct uart_port *port, struct ktermios *new,
			    const struct ktermios *old);
	const char *(*type)(struct uart_port *port);
};

#define TIOCSER_TEMT 0x01

struct uart_icount {
	u32 rx, tx, frame, overrun, parity, brk, buf_overrun;
};

struct uart_state {
	struct tty_port port;
	struct circ_buf xmit;
	struct uart_port *uart_port;
};

struct uart_port {
	spinlock_t lock;
	unsigned long iobase;
	unsigned char __iomem *membase;
	resource_size_t mapbase;
	unsigned int irq;
	unsigned int uartclk;
	unsigned int fifosize;
	unsigned int line;
	unsigned int type;
	unsigned int baud;
	const struct uart_ops *ops;
	struct uart_state *state;
	struct uart_icount icount;
	struct console *cons;
	struct device *dev;
	bool has_sysrq;
};

struct uart_driver {
	const char *driver_name;
	const char *dev_name; /* "ttyAMA" */
	int nr;
	struct console *cons;
	struct uart_state *state;
	struct tty_driver *tty_driver;
};

static inline bool uart_circ_empty(const struct circ_buf *circ)
{
	return circ->head == circ->tail;
}
static inline int uart_circ_chars_pending(const struct circ_buf *circ)
{
	return CIRC_CNT(circ->head, circ->tail, UART_XMIT_SIZE);
}

int uart_register_driver(struct uart_driver *drv);
void uart_unregister_driver(struct uart_driver *drv);
int uart_add_one_port(struct uart_driver *drv, struct uart_port *port);
void uart_remove_one_port(struct uart_driver *drv, struct uart_port *port);
/* From the transmit path, port lock held: wake writers waiting for room. */
void uart_write_wakeup(struct uart_port *port);
/* Write s through putchar, one byte at a time (consoles). */
void uart_console_write(struct uart_port *port, const char *s, unsigned int count,
			void (*putchar)(struct uart_port *, unsigned char));
/* console.device for a UART driver's consoles. */
struct tty_driver *uart_console_device(struct console *co, int *index);

#endif
