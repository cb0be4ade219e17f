/*
 * The serial core (Linux's drivers/tty/serial/serial_core.c, what the
 * PL011 needs): each port of a UART driver is a line of a tty driver.
 * Writes go into the port's transmit buffer (UART_XMIT_SIZE bytes, made
 * when the line is first opened) and the driver's start_tx sends them; its
 * transmit interrupt takes more from the buffer and wakes the writers
 * (uart_write_wakeup). The port lock (interrupts off) guards the buffer
 * and the driver's registers.
 *
 * A port with a console registers it when it is added, and the boot
 * console goes: from then on printk writes through the driver.
 */
#include <linux/console.h>
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/serial_core.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/tty.h>
#include <linux/tty_flip.h>

void earlycon_unregister(void);

static struct uart_port *uart_port_of(struct tty_struct *tty)
{
	struct uart_state *state = tty->driver_data;
	return state ? state->uart_port : NULL;
}

static int uart_install(struct tty_driver *driver, struct tty_struct *tty)
{
	struct uart_driver *drv = driver->driver_state;
	struct uart_state *state = &drv->state[tty->index];
	if (!state->uart_port)
		return -ENODEV;
	tty->driver_data = state;
	tty->port = &state->port;
	return 0;
}

static int uart_open(struct tty_struct *tty)
{
	struct uart_state *state = tty->driver_data;
	struct uart_port *port = state->uart_port;
	if (!state->xmit.buf) {
		state->xmit.buf = kzalloc(UART_XMIT_SIZE, GFP_KERNEL);
		if (!state->xmit.buf)
			return -ENOMEM;
		state->xmit.head = state->xmit.tail = 0;
	}
	int err = port->ops->startup ? port->ops->startup(port) : 0;
	if (err) {
		kfree(state->xmit.buf);
		state->xmit.buf = NULL;
	}
	return err;
}

static void uart_shutdown(struct uart_state *state)
{
	struct uart_port *port = state->uart_port;
	if (!state->xmit.buf)
		return;
	if (port->ops->shutdown)
		port->ops->shutdown(port);
	kfree(state->xmit.buf);
	state->xmit.buf = NULL;
}

static void uart_close(struct tty_struct *tty)
{
	struct uart_state *state = tty->driver_data;
	if (state)
		uart_shutdown(state);
}

/* The port was removed under an open tty: its writes fail, as after a
 * hangup. */
static ssize_t uart_write(struct tty_struct *tty, const u8 *buf, size_t count)
{
	struct uart_state *state = tty->driver_data;
	if (!state)
		return -EIO;
	struct uart_port *port = state->uart_port;
	struct circ_buf *circ = &state->xmit;
	unsigned long flags;
	ssize_t ret = 0;
	if (!circ->buf)
		return 0;
	spin_lock_irqsave(&port->lock, flags);
	while (count) {
		int c = CIRC_SPACE_TO_END(circ->head, circ->tail, UART_XMIT_SIZE);
		if ((size_t)c > count)
			c = (int)count;
		if (c <= 0)
			break;
		memcpy(circ->buf + circ->head, buf, (size_t)c);
		circ->head = (circ->head + c) & (UART_XMIT_SIZE - 1);
		buf += c;
		count -= (size_t)c;
		ret += c;
	}
	if (!uart_circ_empty(circ))
		port->ops->start_tx(port);
	spin_unlock_irqrestore(&port->lock, flags);
	return ret;
}

static unsigned int uart_write_room(struct tty_struct *tty)
{
	struct uart_state *state = tty->driver_data;
	unsigned long flags;
	if (!state)
		return 1; /* so that a writer tries, and gets -EIO */
	spin_lock_irqsave(&state->uart_port->lock, flags);
	int n = state->xmit.buf ? CIRC_SPACE(state->xmit.head, state->xmit.tail, UART_XMIT_SIZE) : 0;
	spin_unlock_irqrestore(&state->uart_port->lock, flags);
	return (unsigned int)n;
}

static unsigned int uart_chars_in_buffer(struct tty_struct *tty)
{
	struct uart_state *state = tty->driver_data;
	unsigned long flags;
	if (!state)
		return 0;
	spin_lock_irqsave(&state->uart_port->lock, flags);
	int n = state->xmit.buf ? uart_circ_chars_pending(&state->xmit) : 0;
	spin_unlock_irqrestore(&state->uart_port->lock, flags);
	return (unsigned int)n;
}

static void uart_throttle(struct tty_struct *tty)
{
	struct uart_port *port = uart_port_of(tty);
	unsigned long flags;
	if (port && port->ops->throttle) {
		spin_lock_irqsave(&port->lock, flags);
		port->ops->throttle(port);
		spin_unlock_irqrestore(&port->lock, flags);
	}
}

static void uart_unthrottle(struct tty_struct *tty)
{
	struct uart_port *port = uart_port_of(tty);
	unsigned long flags;
	if (port && port->ops->unthrottle) {
		spin_lock_irqsave(&port->lock, flags);
		port->ops->unthrottle(port);
		spin_unlock_irqrestore(&port->lock, flags);
	}
}

/* The last bytes leave the FIFO and the shift register: at most a FIFO's
 * worth of character times, so this polls. */
static void uart_wait_until_sent(struct tty_struct *tty, int timeout)
{
	struct uart_port *port = uart_port_of(tty);
	(void)timeout;
	while (port && !port->ops->tx_empty(port))
		;
}

static const struct tty_operations uart_ops = {
	.install = uart_install,
	.open = uart_open,
	.close = uart_close,
	.write = uart_write,
	.write_room = uart_write_room,
	.chars_in_buffer = uart_chars_in_buffer,
	.throttle = uart_throttle,
	.unthrottle = uart_unthrottle,
	.wait_until_sent = uart_wait_until_sent,
};

void uart_write_wakeup(struct uart_port *port)
{
	struct tty_struct *tty = port->state ? port->state->port.tty : NULL;
	if (tty)
		tty_wakeup(tty);
}

int uart_register_driver(struct uart_driver *drv)
{
	struct tty_driver *normal;
	drv->state = kcalloc((size_t)drv->nr, sizeof *drv->state, GFP_KERNEL);
	if (!drv->state)
		return -ENOMEM;
	normal = tty_alloc_driver((unsigned int)drv->nr, TTY_DRIVER_REAL_RAW | TTY_DRIVER_DYNAMIC_DEV);
	if (IS_ERR(normal)) {
		kfree(drv->state);
		drv->state = NULL;
		return (int)PTR_ERR(normal);
	}
	drv->tty_driver = normal;
	normal->driver_name = drv->driver_name;
	normal->name = drv->dev_name;
	normal->driver_state = drv;
	tty_set_operations(normal, &uart_ops);
	for (int i = 0; i < drv->nr; i++) {
		tty_port_init(&drv->state[i].port);
		tty_port_link_device(&drv->state[i].port, normal, (unsigned int)i);
	}
	return tty_register_driver(normal);
}

void uart_unregister_driver(struct uart_driver *drv)
{
	tty_unregister_driver(drv->tty_driver);
	tty_driver_kref_put(drv->tty_driver);
	drv->tty_driver = NULL;
	kfree(drv->state);
	drv->state = NULL;
}

struct tty_driver *uart_console_device(struct console *co, int *index)
{
	struct uart_driver *p = co->data;
	*index = co->index;
	return p->tty_driver;
}

void uart_console_write(struct uart_port *port, const char *s, unsigned int count,
			void (*putchar)(struct uart_port *, unsigned char))
{
	for (unsigned int i = 0; i < count; i++)
		putchar(port, (unsigned char)s[i]);
}

int uart_add_one_port(struct uart_driver *drv, struct uart_port *port)
{
	if (port->line >= (unsigned int)drv->nr)
		return -EINVAL;
	struct uart_state *state = &drv->state[port->line];
	if (state->uart_port)
		return -EBUSY;
	state->uart_port = port;
	port->state = state;
	pr_info("%s%s%s%u at MMIO 0x%llx (irq = %u, base_baud = %u) is a %s\n",
		port->dev ? dev_name(port->dev) : "", port->dev ? ": " : "", drv->dev_name,
		port->line, (unsigned long long)port->mapbase, port->irq, port->uartclk / 16,
		port->ops->type ? port->ops->type(port) : "UART");
	struct console *co = port->cons;
	if (co && !(co->flags & CON_ENABLED)) {
		co->index = (short)port->line;
		co->flags |= CON_ENABLED | CON_CONSDEV;
		/* Said on the boot console, which the driver's replaces: both
		 * are the same UART, so no line is printed twice. */
		pr_info("printk: console [%s%d] enabled\n", co->name, co->index);
		register_console(co);
		earlycon_unregister();
	}
	return 0;
}

void uart_remove_one_port(struct uart_driver *drv, struct uart_port *port)
{
	struct uart_state *state = &drv->state[port->line];
	struct console *co = port->cons;
	if (co && (co->flags & CON_ENABLED)) {
		unregister_console(co);
		co->flags &= ~(CON_ENABLED | CON_CONSDEV);
	}
	/* Stop it (its interrupt goes) before the driver frees it. */
	uart_shutdown(state);
	if (state->port.tty)
		state->port.tty->driver_data = NULL;
	state->uart_port = NULL;
	port->state = NULL;
}
