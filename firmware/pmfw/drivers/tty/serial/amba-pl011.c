/*
 * The ARM PL011 UART (Linux's drivers/tty/serial/amba-pl011.c; the TRM,
 * pmsim's docs/devices/pl011.md): ttyAMA<n> and, for the UART that
 * /chosen/stdout-path names, the console.
 *
 * Probe: the registers (reg), the interrupt, the clock (the node's first
 * `clocks` entry, UARTCLK: taken and enabled for as long as the driver is
 * bound, its rate changes followed: pl011_clk_notifier), then the line: 8N1 with FIFOs at `current-speed` baud (115200
 * without it), the divisor UARTCLK * 4 / baud rounded to the nearest,
 * in 1/64ths (IBRD.FBRD), the transmitter on. The receiver is turned on
 * when the tty is opened (and off when it is closed), with hardware flow
 * control (RTSEn: the far end waits while the FIFO is at its trigger
 * level): until then what the far end has to send waits for it, and
 * nothing is lost however long the boot takes.
 * The port is ttyAMA + the node's `serial` alias number, or the first
 * free one.
 *
 * Console: polled, as the boot console was: its write first sends what
 * the tty left in the transmit buffer (so output keeps its order), then
 * the message, and returns once the last stop bit is out (a run may end
 * right after a message). Interrupts stay enabled while it waits for the
 * line (Linux keeps them off for the whole message: at 115200 baud a line
 * of text would hold off the tick for milliseconds); the tty's transmit
 * path leaves the FIFO alone meanwhile. Newlines go out as they are (no
 * "\r" added: the host sees the same bytes as from the tty).
 *
 * tty: interrupt-driven both ways. The receive (RX at 8 characters) and
 * receive-timeout interrupts empty the FIFO into the tty (n_tty edits and
 * echoes at once); throttling masks them, so that the FIFO fills and the
 * far end waits. Transmit fills the FIFO from the transmit buffer, then
 * lets the TX interrupt (at 8 characters left) refill it, and masks it
 * when the buffer is empty: the core sleeps while the line drains.
 *
 * DMA (the node's `dmas`, UARTDMACR) is not used yet: the pl011_dma_*
 * functions below are where the dmaengine paths plug in, as in Linux.
 */
#include <linux/amba/serial.h>
#include <linux/clk.h>
#include <linux/console.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/serial_core.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/tty.h>
#include <linux/tty_flip.h>

#define UART_NR 4
#define SERIAL_AMBA_NAME "ttyAMA"
#define PL011_DEFAULT_BAUD 115200
#define UART_DUMMY_DR_RX (1 << 16)
#define UART011_DR_ERROR (UART011_DR_OE | UART011_DR_BE | UART011_DR_PE | UART011_DR_FE)
#define UART011_PERIPHID2 0xfe8

struct uart_amba_port {
	struct uart_port port;
	struct clk *clk;
	unsigned int im; /* the interrupt mask */
	unsigned int fifosize;
	unsigned int console_active; /* console writes in progress: the FIFO is theirs */
	char type[12];
	struct notifier_block clk_nb;
};

static struct uart_amba_port *amba_ports[UART_NR];

static unsigned int pl011_read(const struct uart_amba_port *uap, unsigned int reg)
{
	return readl(uap->port.membase + reg);
}

static void pl011_write(unsigned int val, const struct uart_amba_port *uap, unsigned int reg)
{
	writel(val, uap->port.membase + reg);
}

/* Without the DMA engine (Linux's stubs for !CONFIG_DMA_ENGINE). */
static inline void pl011_dma_startup(struct uart_amba_port *uap)
{
	(void)uap;
}
static inline void pl011_dma_shutdown(struct uart_amba_port *uap)
{
	(void)uap;
}
static inline bool pl011_dma_tx_irq(struct uart_amba_port *uap)
{
	(void)uap;
	return false;
}
static inline void pl011_dma_tx_stop(struct uart_amba_port *uap)
{
	(void)uap;
}
static inline bool pl011_dma_tx_start(struct uart_amba_port *uap)
{
	(void)uap;
	return false;
}
static inline bool pl011_dma_rx_running(struct uart_amba_port *uap)
{
	(void)uap;
	return false;
}

/* ---- receive ----------------------------------------------------------------- */

static unsigned int pl011_fifo_to_tty(struct uart_amba_port *uap)
{
	unsigned int n = 0;
	while (n < 256) {
		if (pl011_read(uap, UART01x_FR) & UART01x_FR_RXFE)
			break;
		unsigned int ch = pl011_read(uap, UART01x_DR) | UART_DUMMY_DR_RX;
		u8 flag = TTY_NORMAL;
		uap->port.icount.rx++;
		n++;
		if (ch & UART011_DR_ERROR) {
			if (ch & UART011_DR_BE)
				uap->port.icount.brk++;
			else if (ch & UART011_DR_PE)
				uap->port.icount.parity++;
			else if (ch & UART011_DR_FE)
				uap->port.icount.frame++;
			if (ch & UART011_DR_OE)
				uap->port.icount.overrun++;
			flag = ch & UART011_DR_BE ? TTY_BREAK
			     : ch & UART011_DR_PE ? TTY_PARITY
			     : ch & UART011_DR_FE ? TTY_FRAME
						  : TTY_NORMAL;
		}
		if (!tty_insert_flip_char(&uap->port.state->port, (u8)ch, flag))
			uap->port.icount.buf_overrun++;
	}
	return n;
}

/* Port lock held; it is dropped while n_tty takes the bytes (it echoes
 * through uart_write, which takes the lock). */
static void pl011_rx_chars(struct uart_amba_port *uap)
{
	pl011_fifo_to_tty(uap);
	spin_unlock(&uap->port.lock);
	tty_flip_buffer_push(&uap->port.state->port);
	spin_lock(&uap->port.lock);
}

static void pl011_throttle_rx(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	uap->im &= ~(UART011_RTIM | UART011_RXIM);
	pl011_write(uap->im, uap, UART011_IMSC);
}

static void pl011_unthrottle_rx(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	uap->im |= UART011_RTIM | UART011_RXIM;
	pl011_write(uap->im, uap, UART011_IMSC);
}

static void pl011_stop_rx(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	uap->im &= ~(UART011_RXIM | UART011_RTIM | UART011_FEIM | UART011_PEIM | UART011_BEIM |
		     UART011_OEIM);
	pl011_write(uap->im, uap, UART011_IMSC);
}

/* ---- transmit ---------------------------------------------------------------- */

static void pl011_stop_tx(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	uap->im &= ~UART011_TXIM;
	pl011_write(uap->im, uap, UART011_IMSC);
	pl011_dma_tx_stop(uap);
}

/* Fill the FIFO from the transmit buffer; false once the buffer is empty
 * (the TX interrupt is then masked). Writers are woken when there is room
 * (wake: not from a console write, which may come from anywhere, the
 * scheduler included). Port lock held. */
static bool pl011_tx_chars(struct uart_amba_port *uap, bool wake)
{
	struct circ_buf *xmit = &uap->port.state->xmit;
	while (!uart_circ_empty(xmit) && !(pl011_read(uap, UART01x_FR) & UART01x_FR_TXFF)) {
		pl011_write((u8)xmit->buf[xmit->tail], uap, UART01x_DR);
		xmit->tail = (xmit->tail + 1) & (UART_XMIT_SIZE - 1);
		uap->port.icount.tx++;
	}
	if (wake && uart_circ_chars_pending(xmit) < WAKEUP_CHARS)
		uart_write_wakeup(&uap->port);
	if (uart_circ_empty(xmit)) {
		pl011_stop_tx(&uap->port);
		return false;
	}
	return true;
}

/* The TX interrupt is raised by the FIFO draining, not by its being empty
 * (enabling it with an empty FIFO raises nothing): prime the FIFO, then
 * let the interrupt keep it filled. While a console write has the FIFO,
 * what is queued waits for it to end. */
static void __pl011_start_tx(struct uart_amba_port *uap, bool wake)
{
	if (uap->console_active || pl011_dma_tx_start(uap))
		return;
	if (!(uap->im & UART011_TXIM) && pl011_tx_chars(uap, wake)) {
		uap->im |= UART011_TXIM;
		pl011_write(uap->im, uap, UART011_IMSC);
	}
}

static void pl011_start_tx(struct uart_port *port)
{
	__pl011_start_tx(container_of(port, struct uart_amba_port, port), true);
}

static unsigned int pl011_tx_empty(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	unsigned int fr = pl011_read(uap, UART01x_FR);
	return fr & (UART01x_FR_BUSY | UART01x_FR_TXFF) ? 0 : TIOCSER_TEMT;
}

/* ---- interrupt --------------------------------------------------------------- */

static irqreturn_t pl011_int(int irq, void *dev_id)
{
	struct uart_amba_port *uap = dev_id;
	unsigned int status, pass_counter = 256;
	unsigned long flags;
	int handled = 0;
	(void)irq;
	spin_lock_irqsave(&uap->port.lock, flags);
	status = pl011_read(uap, UART011_MIS);
	if (status) {
		do {
			/* RX, RT and TX clear themselves as the FIFOs are read
			 * and written; the error ones are cleared here. */
			pl011_write(status & ~(UART011_TXIS | UART011_RTIS | UART011_RXIS), uap,
				    UART011_ICR);
			if (status & (UART011_RTIS | UART011_RXIS))
				pl011_rx_chars(uap);
			/* During a console write the FIFO is the console's:
			 * the interrupt is only cleared, and comes again as
			 * the console's bytes drain. */
			if ((status & UART011_TXIS) && uap->console_active)
				pl011_write(UART011_TXIS, uap, UART011_ICR);
			else if ((status & UART011_TXIS) && !pl011_dma_tx_irq(uap))
				pl011_tx_chars(uap, true);
			if (pass_counter-- == 0)
				break;
			status = pl011_read(uap, UART011_MIS);
		} while (status);
		handled = 1;
	}
	spin_unlock_irqrestore(&uap->port.lock, flags);
	return IRQ_RETVAL(handled);
}

static int pl011_startup(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	unsigned long flags;
	int err = request_irq(port->irq, pl011_int, IRQF_SHARED, "uart-pl011", uap);
	if (err)
		return err;
	pl011_write(UART011_IFLS_RX4_8 | UART011_IFLS_TX4_8, uap, UART011_IFLS);
	spin_lock_irqsave(&port->lock, flags);
	pl011_write(0x7ff, uap, UART011_ICR);
	/* Receive, with the far end paced by RTS (RTSEn). */
	pl011_write(pl011_read(uap, UART011_CR) | UART011_CR_RXE | UART011_CR_RTSEN, uap,
		    UART011_CR);
	pl011_dma_startup(uap);
	if (!pl011_dma_rx_running(uap))
		uap->im = UART011_RTIM | UART011_RXIM;
	pl011_write(uap->im, uap, UART011_IMSC);
	spin_unlock_irqrestore(&port->lock, flags);
	return 0;
}

static void pl011_shutdown(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	unsigned long flags;
	spin_lock_irqsave(&port->lock, flags);
	uap->im = 0;
	pl011_write(uap->im, uap, UART011_IMSC);
	pl011_write(0x7ff, uap, UART011_ICR);
	pl011_write(pl011_read(uap, UART011_CR) & ~(UART011_CR_RXE | UART011_CR_RTSEN), uap,
		    UART011_CR);
	spin_unlock_irqrestore(&port->lock, flags);
	pl011_dma_shutdown(uap);
	free_irq(port->irq, uap);
}

static const char *pl011_type(struct uart_port *port)
{
	return container_of(port, struct uart_amba_port, port)->type;
}

static const struct uart_ops amba_pl011_pops = {
	.tx_empty = pl011_tx_empty,
	.stop_tx = pl011_stop_tx,
	.start_tx = pl011_start_tx,
	.throttle = pl011_throttle_rx,
	.unthrottle = pl011_unthrottle_rx,
	.stop_rx = pl011_stop_rx,
	.startup = pl011_startup,
	.shutdown = pl011_shutdown,
	.type = pl011_type,
};

/* ---- console ----------------------------------------------------------------- */

/* A byte into the FIFO once it has room; interrupts are masked only
 * around each register access, not while the line drains. */
static void pl011_console_putchar(struct uart_port *port, unsigned char ch)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	unsigned long flags;
	spin_lock_irqsave(&port->lock, flags);
	while (pl011_read(uap, UART01x_FR) & UART01x_FR_TXFF) {
		spin_unlock_irqrestore(&port->lock, flags);
		spin_lock_irqsave(&port->lock, flags);
	}
	pl011_write(ch, uap, UART01x_DR);
	spin_unlock_irqrestore(&port->lock, flags);
}

/* The next byte the tty queued, or -1. */
static int pl011_console_take(struct uart_amba_port *uap)
{
	struct circ_buf *xmit = uap->port.state ? &uap->port.state->xmit : NULL;
	unsigned long flags;
	int c = -1;
	spin_lock_irqsave(&uap->port.lock, flags);
	if (xmit && xmit->buf && !uart_circ_empty(xmit)) {
		c = (u8)xmit->buf[xmit->tail];
		xmit->tail = (xmit->tail + 1) & (UART_XMIT_SIZE - 1);
		uap->port.icount.tx++;
	}
	spin_unlock_irqrestore(&uap->port.lock, flags);
	return c;
}

static void pl011_console_write(struct console *co, const char *s, unsigned int count)
{
	struct uart_amba_port *uap = amba_ports[co->index];
	unsigned long flags;
	int c;
	if (!uap)
		return;
	spin_lock_irqsave(&uap->port.lock, flags);
	uap->console_active++;
	spin_unlock_irqrestore(&uap->port.lock, flags);
	while ((c = pl011_console_take(uap)) >= 0)
		pl011_console_putchar(&uap->port, (unsigned char)c);
	uart_console_write(&uap->port, s, count, pl011_console_putchar);
	spin_lock_irqsave(&uap->port.lock, flags);
	/* The tty's transmit path has the FIFO back; what it queued meanwhile
	 * goes now (its writers are woken by the TX interrupt). */
	if (!--uap->console_active)
		__pl011_start_tx(uap, false);
	spin_unlock_irqrestore(&uap->port.lock, flags);
	while (pl011_read(uap, UART01x_FR) & UART01x_FR_BUSY)
		;
}

static struct uart_driver amba_reg;

static struct console amba_console = {
	.name = SERIAL_AMBA_NAME,
	.write = pl011_console_write,
	.device = uart_console_device,
	.flags = CON_PRINTBUFFER,
	.index = -1,
	.data = &amba_reg,
};

static struct uart_driver amba_reg = {
	.driver_name = "ttyAMA",
	.dev_name = SERIAL_AMBA_NAME,
	.nr = UART_NR,
	.cons = &amba_console,
};

/* ---- the device -------------------------------------------------------------- */

static int pl011_find_port(struct device_node *np)
{
	int id = of_alias_get_id(np, "serial");
	if (id >= 0 && id < UART_NR && !amba_ports[id])
		return id;
	for (int i = 0; i < UART_NR; i++)
		if (!amba_ports[i])
			return i;
	return -EBUSY;
}

/* The divisor for `baud` from `uartclk`, in 1/64ths, rounded to the
 * nearest; 0 if the registers cannot hold it. */
static unsigned long long pl011_quot(unsigned long uartclk, unsigned int baud)
{
	unsigned long long quot = ((unsigned long long)uartclk * 4 + baud / 2) / baud;
	return quot < 64 || quot >> 6 > 0xffff ? 0 : quot;
}

/* 8N1 with FIFOs at `baud`. */
static int pl011_setup_port(struct uart_amba_port *uap, unsigned int baud)
{
	unsigned long long quot = pl011_quot(uap->port.uartclk, baud);
	if (!quot)
		return -EINVAL;
	pl011_write(0, uap, UART011_CR);
	pl011_write(0, uap, UART011_IMSC);
	pl011_write(0x7ff, uap, UART011_ICR);
	pl011_write((unsigned int)(quot >> 6), uap, UART011_IBRD);
	pl011_write((unsigned int)(quot & 0x3f), uap, UART011_FBRD);
	pl011_write(UART01x_LCRH_WLEN_8 | UART01x_LCRH_FEN, uap, UART011_LCRH);
	/* The receiver waits for the tty to be opened (pl011_startup). */
	pl011_write(UART01x_CR_UARTEN | UART011_CR_TXE, uap, UART011_CR);
	uap->port.baud = baud;
	return 0;
}

/*
 * UARTCLK's rate changes (clk notifier): the line keeps its baud rate.
 * PRE_RATE_CHANGE refuses a rate the divisor cannot make the baud rate
 * from, and lets the transmitter finish what it is sending (a character
 * cut by a divisor change would be garbled at the far end; interrupts are
 * off, so the FIFO only drains); POST_RATE_CHANGE programs the divisor
 * for the new rate, latched by rewriting LCR_H. Linux's PL011 driver does
 * not follow its clock (8250_dw's does, this way).
 */
static int pl011_clk_notifier(struct notifier_block *nb, unsigned long event, void *data)
{
	struct uart_amba_port *uap = container_of(nb, struct uart_amba_port, clk_nb);
	struct clk_notifier_data *d = data;
	if (event == PRE_RATE_CHANGE) {
		if (!pl011_quot(d->new_rate, uap->port.baud))
			return NOTIFY_BAD;
		/* At most a FIFO and the shift register: 10 bits a character. */
		unsigned long us = (uap->fifosize + 1) * 10UL * 1000000 / uap->port.baud + 1;
		while ((pl011_read(uap, UART01x_FR) & UART01x_FR_BUSY) && us--)
			udelay(1);
		return NOTIFY_OK;
	}
	if (event == POST_RATE_CHANGE) {
		unsigned long long quot = pl011_quot(d->new_rate, uap->port.baud);
		uap->port.uartclk = (unsigned int)d->new_rate;
		pl011_write((unsigned int)(quot >> 6), uap, UART011_IBRD);
		pl011_write((unsigned int)(quot & 0x3f), uap, UART011_FBRD);
		pl011_write(pl011_read(uap, UART011_LCRH), uap, UART011_LCRH);
	}
	return NOTIFY_OK;
}

static void pl011_clk_notifier_unregister(void *data)
{
	struct uart_amba_port *uap = data;
	clk_notifier_unregister(uap->clk, &uap->clk_nb);
}

static int pl011_probe(struct platform_device *pdev)
{
	struct device *dev = &pdev->dev;
	struct uart_amba_port *uap;
	struct resource *r;
	void __iomem *base;
	u32 baud = PL011_DEFAULT_BAUD;
	int portnr, irq, err;

	portnr = pl011_find_port(dev->of_node);
	if (portnr < 0)
		return dev_err_probe(dev, portnr, "no free ttyAMA line\n");
	uap = devm_kzalloc(dev, sizeof *uap, GFP_KERNEL);
	if (!uap)
		return -ENOMEM;
	base = devm_platform_get_and_ioremap_resource(pdev, 0, &r);
	if (IS_ERR(base))
		return (int)PTR_ERR(base);
	irq = platform_get_irq(pdev, 0);
	if (irq < 0)
		return irq;
	uap->clk = devm_clk_get_enabled(dev, NULL);
	if (IS_ERR(uap->clk))
		return dev_err_probe(dev, (int)PTR_ERR(uap->clk), "cannot get uartclk\n");
	uap->port.uartclk = (unsigned int)clk_get_rate(uap->clk);
	if (!uap->port.uartclk)
		return dev_err_probe(dev, -EINVAL, "uartclk runs at 0 Hz\n");
	of_property_read_u32(dev->of_node, "current-speed", &baud);
	if (!baud)
		return dev_err_probe(dev, -EINVAL, "current-speed of 0 baud\n");

	spin_lock_init(&uap->port.lock);
	uap->port.dev = dev;
	uap->port.mapbase = r->start;
	uap->port.membase = base;
	uap->port.irq = (unsigned int)irq;
	uap->port.ops = &amba_pl011_pops;
	uap->port.line = (unsigned int)portnr;
	unsigned int rev = (readl(base + UART011_PERIPHID2) >> 4) & 0xf;
	/* r1p5 (revision 3) and later have 32-entry FIFOs. */
	uap->fifosize = rev < 3 ? 16 : 32;
	uap->port.fifosize = uap->fifosize;
	snprintf(uap->type, sizeof uap->type, "PL011 rev%u", rev);
	err = pl011_setup_port(uap, baud);
	if (err)
		return dev_err_probe(dev, err, "%u baud cannot be made from a %u Hz uartclk\n",
				     baud, uap->port.uartclk);
	if (dev->of_node && dev->of_node == of_stdout)
		uap->port.cons = &amba_console;
	uap->clk_nb.notifier_call = pl011_clk_notifier;
	err = clk_notifier_register(uap->clk, &uap->clk_nb);
	if (!err)
		err = devm_add_action_or_reset(dev, pl011_clk_notifier_unregister, uap);
	if (err)
		return err;

	if (!amba_reg.state) {
		err = uart_register_driver(&amba_reg);
		if (err)
			return err;
	}
	amba_ports[portnr] = uap;
	platform_set_drvdata(pdev, uap);
	err = uart_add_one_port(&amba_reg, &uap->port);
	if (err)
		amba_ports[portnr] = NULL;
	return err;
}

static void pl011_remove(struct platform_device *pdev)
{
	struct uart_amba_port *uap = platform_get_drvdata(pdev);
	uart_remove_one_port(&amba_reg, &uap->port);
	amba_ports[uap->port.line] = NULL;
}

static const struct of_device_id pl011_ids[] = {
	{ .compatible = "arm,pl011" },
	{ /* sentinel */ },
};
MODULE_DEVICE_TABLE(of, pl011_ids);

static struct platform_driver pl011_driver = {
	.probe = pl011_probe,
	.remove = pl011_remove,
	.driver = {
		.name = "uart-pl011",
		.of_match_table = pl011_ids,
	},
};
module_platform_driver(pl011_driver);

MODULE_DESCRIPTION("ARM AMBA serial port driver");
MODULE_LICENSE("GPL");
