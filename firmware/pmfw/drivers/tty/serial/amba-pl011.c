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
 * Transmit DMA, as Linux's: with a "tx" entry in the node's `dmas` the
 * channel is requested when the tty is opened and released when it is
 * closed. start_tx fills the FIFO (so that the line starts while the
 * transfer is set up), then copies what is still pending (less one
 * character, left to the interrupt path as Linux does) into a bounce
 * buffer, maps it
 * DMA_TO_DEVICE, queues it with dmaengine_prep_slave_single and sets
 * UARTDMACR.TXDMAE: the UART asks the controller for bytes as its FIFO
 * drains. The completion callback unmaps, clears TXDMAE and refills.
 * Less than half the FIFO goes by interrupt. The console waits for the
 * transfer in flight to hand over its bytes (by the residue: the callback
 * may not run while it waits) before it writes.
 *
 * Receive stays interrupt-driven: a DMA receive job never ends, and would
 * hold the DMA controller resumed, and the peripherals' power domain on,
 * for as long as the tty is open; it would also empty the FIFO whatever
 * the tty wants, so RTS, which paces the far end, would never stop it
 * (docs/pmfw.md).
 */
#include <linux/amba/serial.h>
#include <linux/clk.h>
#include <linux/console.h>
#include <linux/debugfs.h>
#include <linux/delay.h>
#include <linux/device.h>
#include <linux/dma-mapping.h>
#include <linux/dmaengine.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/interrupt.h>
#include <linux/pm_wakeup.h>
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
/* Linux's is a page; a transfer never carries more than the transmit
 * buffer holds, so that much does. */
#define PL011_DMA_BUFFER_SIZE UART_XMIT_SIZE

struct pl011_dmatx_data {
	struct dma_chan *chan;
	dma_addr_t dma;
	size_t len;
	char *buf;   /* PL011_DMA_BUFFER_SIZE bytes, in lines of its own */
	dma_cookie_t cookie;
	bool queued; /* a transfer is in flight (until its callback) */
};

struct uart_amba_port {
	struct uart_port port;
	struct clk *clk;
	unsigned int im;    /* the interrupt mask */
	unsigned int dmacr; /* UARTDMACR as written */
	unsigned int fifosize;
	unsigned int console_active; /* console writes in progress: the FIFO is theirs */
	bool using_tx_dma;
	bool wake_armed; /* enable_irq_wake done at suspend */
	bool dma_probed; /* the channel was named once in the log */
	struct pl011_dmatx_data dmatx;
	/* debugfs: transfers started and the bytes they carried. */
	u32 dma_tx_transfers, dma_tx_bytes;
	struct dentry *debugfs;
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

/* ---- transmit DMA (Linux's pl011_dma_*) ------------------------------------- */

static void pl011_dma_tx_callback(void *data);
static bool pl011_tx_chars(struct uart_amba_port *uap, bool wake);

/* Move transmit data into the FIFO while it has room. Port lock held. */
static void pl011_fifo_fill(struct uart_amba_port *uap)
{
	struct circ_buf *xmit = &uap->port.state->xmit;
	while (!uart_circ_empty(xmit) && !(pl011_read(uap, UART01x_FR) & UART01x_FR_TXFF)) {
		pl011_write((u8)xmit->buf[xmit->tail], uap, UART01x_DR);
		xmit->tail = (xmit->tail + 1) & (UART_XMIT_SIZE - 1);
		uap->port.icount.tx++;
	}
}

/*
 * The TX channel and its bounce buffer, for as long as the tty is open
 * (Linux's pl011_dma_probe and pl011_dma_startup; Linux keeps the channel
 * from the first open to the unbind). May sleep: port lock not held.
 * Without a "tx" entry in `dmas` (the MCU) the port stays PIO.
 */
static void pl011_dma_startup(struct uart_amba_port *uap)
{
	struct device *dev = uap->port.dev;
	struct dma_slave_config tx_conf = {
		.dst_addr = uap->port.mapbase + UART01x_DR,
		.dst_addr_width = DMA_SLAVE_BUSWIDTH_1_BYTE,
		.direction = DMA_MEM_TO_DEV,
		.dst_maxburst = uap->fifosize >> 1,
		.device_fc = false,
	};
	unsigned long flags;
	struct dma_chan *chan = dma_request_chan(dev, "tx");
	if (IS_ERR(chan)) {
		dev_dbg(dev, "no TX DMA channel (%ld): PIO\n", PTR_ERR(chan));
		return;
	}
	if (dmaengine_slave_config(chan, &tx_conf)) {
		dev_err(dev, "TX DMA channel %s refuses the UART's configuration\n",
			dma_chan_name(chan));
		dma_release_channel(chan);
		return;
	}
	/* kmalloc's memory owns whole D-cache lines (ARCH_DMA_MINALIGN): the
	 * bounce buffer shares no line with data the CPU could dirty while
	 * the controller reads it. */
	uap->dmatx.buf = kmalloc(PL011_DMA_BUFFER_SIZE, GFP_KERNEL);
	if (!uap->dmatx.buf) {
		dev_err(dev, "no memory for DMA TX buffer\n");
		dma_release_channel(chan);
		return;
	}
	if (!uap->dma_probed)
		dev_info(dev, "DMA channel TX %s\n", dma_chan_name(chan));
	uap->dma_probed = true;
	spin_lock_irqsave(&uap->port.lock, flags);
	uap->dmatx.chan = chan;
	uap->dmatx.queued = false;
	uap->using_tx_dma = true;
	/* As Linux: a receive error stops the receive requests (DMAONERR);
	 * TXDMAE is set per transfer. */
	uap->dmacr = UART011_DMAONERR;
	pl011_write(uap->dmacr, uap, UART011_DMACR);
	spin_unlock_irqrestore(&uap->port.lock, flags);
}

/*
 * Port closed: what the controller has handed the FIFO goes out, then the
 * channel is terminated (waiting for a callback that may be running) and
 * released, and the buffer freed. Port lock not held.
 */
static void pl011_dma_shutdown(struct uart_amba_port *uap)
{
	struct pl011_dmatx_data *dmatx = &uap->dmatx;
	unsigned long flags;
	if (!uap->using_tx_dma)
		return;
	/* At most a buffer, the FIFO and the shift register: 10 bits a
	 * character (the far end never stops the line). */
	unsigned long us = (PL011_DMA_BUFFER_SIZE + uap->fifosize + 1) * 10UL * 1000000 /
			   uap->port.baud + 1;
	while ((pl011_read(uap, UART01x_FR) & UART01x_FR_BUSY) && us--)
		udelay(1);
	spin_lock_irqsave(&uap->port.lock, flags);
	uap->dmacr &= ~(UART011_DMAONERR | UART011_RXDMAE | UART011_TXDMAE);
	pl011_write(uap->dmacr, uap, UART011_DMACR);
	spin_unlock_irqrestore(&uap->port.lock, flags);
	dmaengine_terminate_sync(dmatx->chan);
	spin_lock_irqsave(&uap->port.lock, flags);
	if (dmatx->queued)
		dma_unmap_single(dmatx->chan->device->dev, dmatx->dma, dmatx->len, DMA_TO_DEVICE);
	dmatx->queued = false;
	uap->using_tx_dma = false;
	struct dma_chan *chan = dmatx->chan;
	dmatx->chan = NULL;
	spin_unlock_irqrestore(&uap->port.lock, flags);
	dma_release_channel(chan);
	kfree(dmatx->buf);
	dmatx->buf = NULL;
}

/*
 * Queue the pending transmit data as one DMA transfer (Linux's
 * pl011_dma_tx_refill): 1 if a transfer was started, 0 if there is too
 * little to be worth it (less than half the FIFO: the interrupt path
 * sends it, and wakes the writers when it should), < 0 if the mapping or
 * the descriptor failed (PIO then). The data is copied into the bounce
 * buffer, which is mapped for the device (a clean of its lines), and the
 * circular buffer advances at once: the room is free for writers while
 * the controller reads the copy. Port lock held.
 */
static int pl011_dma_tx_refill(struct uart_amba_port *uap, bool wake)
{
	struct pl011_dmatx_data *dmatx = &uap->dmatx;
	struct dma_chan *chan = dmatx->chan;
	struct device *dma_dev = chan->device->dev;
	struct circ_buf *xmit = &uap->port.state->xmit;
	struct dma_async_tx_descriptor *desc;
	unsigned int count = (unsigned int)uart_circ_chars_pending(xmit);

	if (count < (uap->fifosize >> 1)) {
		dmatx->queued = false;
		return 0;
	}
	/* As Linux: the last character is left to the interrupt path, so
	 * that a stream always ends with the TX interrupt (Linux: XON). */
	count -= 1;
	if (count > PL011_DMA_BUFFER_SIZE)
		count = PL011_DMA_BUFFER_SIZE;
	unsigned int first = UART_XMIT_SIZE - (unsigned int)xmit->tail;
	if (first > count)
		first = count;
	memcpy(dmatx->buf, &xmit->buf[xmit->tail], first);
	if (count > first)
		memcpy(dmatx->buf + first, xmit->buf, count - first);

	dmatx->len = count;
	dmatx->dma = dma_map_single(dma_dev, dmatx->buf, count, DMA_TO_DEVICE);
	if (dma_mapping_error(dma_dev, dmatx->dma)) {
		dmatx->queued = false;
		dev_dbg(uap->port.dev, "unable to map TX DMA\n");
		return -EBUSY;
	}
	desc = dmaengine_prep_slave_single(chan, dmatx->dma, count, DMA_MEM_TO_DEV,
					   DMA_PREP_INTERRUPT | DMA_CTRL_ACK);
	if (!desc) {
		dma_unmap_single(dma_dev, dmatx->dma, count, DMA_TO_DEVICE);
		dmatx->queued = false;
		dev_dbg(uap->port.dev, "TX DMA busy\n");
		return -EBUSY;
	}
	desc->callback = pl011_dma_tx_callback;
	desc->callback_param = uap;
	dmatx->cookie = dmaengine_submit(desc);
	dma_async_issue_pending(chan);

	uap->dmacr |= UART011_TXDMAE;
	pl011_write(uap->dmacr, uap, UART011_DMACR);
	dmatx->queued = true;
	uap->dma_tx_transfers++;
	uap->dma_tx_bytes += count;

	xmit->tail = (xmit->tail + (int)count) & (UART_XMIT_SIZE - 1);
	uap->port.icount.tx += count;
	if (wake && uart_circ_chars_pending(xmit) < WAKEUP_CHARS)
		uart_write_wakeup(&uap->port);
	return 1;
}

/* Interrupt-driven transmit: prime the FIFO, then the TX interrupt keeps
 * it filled (Linux's pl011_start_tx_pio). Port lock held. */
static void pl011_start_tx_pio(struct uart_amba_port *uap, bool wake)
{
	if (!(uap->im & UART011_TXIM) && pl011_tx_chars(uap, wake)) {
		uap->im |= UART011_TXIM;
		pl011_write(uap->im, uap, UART011_IMSC);
	}
}

/*
 * A transfer is done (in the channel's tasklet): unmap the buffer, stop
 * the UART's requests, and send what is pending by another transfer, or
 * by the interrupt path if it is too little; wake the writers. A console
 * write in progress has the FIFO: it sends the rest itself and restarts
 * the transmitter when it ends.
 */
static void pl011_dma_tx_callback(void *data)
{
	struct uart_amba_port *uap = data;
	struct pl011_dmatx_data *dmatx = &uap->dmatx;
	struct circ_buf *xmit = &uap->port.state->xmit;
	unsigned long flags;
	spin_lock_irqsave(&uap->port.lock, flags);
	if (dmatx->queued)
		dma_unmap_single(dmatx->chan->device->dev, dmatx->dma, dmatx->len, DMA_TO_DEVICE);
	unsigned int dmacr = uap->dmacr;
	uap->dmacr = dmacr & ~UART011_TXDMAE;
	pl011_write(uap->dmacr, uap, UART011_DMACR);
	/* TXDMAE cleared meanwhile: the transfer was stopped (flush). */
	if (!(dmacr & UART011_TXDMAE) || uap->console_active || uart_circ_empty(xmit)) {
		dmatx->queued = false;
		if (uart_circ_chars_pending(xmit) < WAKEUP_CHARS)
			uart_write_wakeup(&uap->port);
		spin_unlock_irqrestore(&uap->port.lock, flags);
		return;
	}
	if (pl011_dma_tx_refill(uap, true) <= 0)
		pl011_start_tx_pio(uap, true);
	spin_unlock_irqrestore(&uap->port.lock, flags);
}

/* A TX interrupt with DMA in use (Linux's pl011_dma_tx_irq): true if DMA
 * took it (a transfer queued, the interrupt masked). Port lock held. */
static bool pl011_dma_tx_irq(struct uart_amba_port *uap)
{
	if (!uap->using_tx_dma)
		return false;
	if (uap->dmatx.queued) {
		uap->dmacr |= UART011_TXDMAE;
		pl011_write(uap->dmacr, uap, UART011_DMACR);
		uap->im &= ~UART011_TXIM;
		pl011_write(uap->im, uap, UART011_IMSC);
		return true;
	}
	if (pl011_dma_tx_refill(uap, true) > 0) {
		uap->im &= ~UART011_TXIM;
		pl011_write(uap->im, uap, UART011_IMSC);
		return true;
	}
	return false;
}

/* stop_tx: the UART stops asking (the transfer in flight stalls until
 * start_tx). Port lock held. */
static void pl011_dma_tx_stop(struct uart_amba_port *uap)
{
	if (uap->dmatx.queued) {
		uap->dmacr &= ~UART011_TXDMAE;
		pl011_write(uap->dmacr, uap, UART011_DMACR);
	}
}

/* start_tx with DMA in use: true if DMA has it (a transfer in flight or
 * just queued), false for the interrupt path. Unlike Linux, the FIFO is
 * first filled by the CPU (16 register writes): the line starts at once,
 * and the transfer's set-up (the copy, the clean, the controller's list:
 * a few thousand cycles, more for the first list) is done while those
 * characters go out, instead of before. Port lock held. */
static bool pl011_dma_tx_start(struct uart_amba_port *uap, bool wake)
{
	if (!uap->using_tx_dma)
		return false;
	if (uap->dmatx.queued) {
		if (!(uap->dmacr & UART011_TXDMAE)) {
			uap->dmacr |= UART011_TXDMAE;
			pl011_write(uap->dmacr, uap, UART011_DMACR);
		}
		return true;
	}
	pl011_fifo_fill(uap);
	if (pl011_dma_tx_refill(uap, wake) > 0) {
		uap->im &= ~UART011_TXIM;
		pl011_write(uap->im, uap, UART011_IMSC);
		return true;
	}
	return false;
}

/* flush_buffer (Linux's pl011_dma_flush_buffer): the transfer in flight
 * is dropped. Port lock held, so the termination is asynchronous; the
 * callback, if it still runs, finds nothing queued. */
static void pl011_dma_flush_buffer(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	if (!uap->using_tx_dma)
		return;
	dmaengine_terminate_async(uap->dmatx.chan);
	if (uap->dmatx.queued) {
		dma_unmap_single(uap->dmatx.chan->device->dev, uap->dmatx.dma, uap->dmatx.len,
				 DMA_TO_DEVICE);
		uap->dmatx.queued = false;
		uap->dmacr &= ~UART011_TXDMAE;
		pl011_write(uap->dmacr, uap, UART011_DMACR);
	}
}

/*
 * Whether the transfer in flight still has bytes to hand the FIFO, from
 * the controller (the residue), not from the callback, which may be
 * unable to run where this is asked (a console write with interrupts
 * off, a polling wait). Port lock not held.
 */
static bool pl011_dma_tx_busy(struct uart_amba_port *uap)
{
	struct dma_tx_state state = { 0 };
	unsigned long flags;
	spin_lock_irqsave(&uap->port.lock, flags);
	bool queued = uap->using_tx_dma && uap->dmatx.queued;
	struct dma_chan *chan = uap->dmatx.chan;
	dma_cookie_t cookie = uap->dmatx.cookie;
	spin_unlock_irqrestore(&uap->port.lock, flags);
	if (!queued)
		return false;
	enum dma_status st = dmaengine_tx_status(chan, cookie, &state);
	return (st == DMA_IN_PROGRESS || st == DMA_PAUSED) && state.residue;
}

/* RX stays interrupt-driven (docs/pmfw.md: a receive job that never ends
 * would hold the DMA controller, and its power domain, on for ever). */
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
	pl011_fifo_fill(uap);
	if (wake && uart_circ_chars_pending(xmit) < WAKEUP_CHARS)
		uart_write_wakeup(&uap->port);
	if (uart_circ_empty(xmit)) {
		pl011_stop_tx(&uap->port);
		return false;
	}
	return true;
}

/* By DMA if there is enough (and a channel), else by interrupt: the TX
 * interrupt is raised by the FIFO draining, not by its being empty
 * (enabling it with an empty FIFO raises nothing), so the FIFO is primed
 * and the interrupt keeps it filled. While a console write has the FIFO,
 * what is queued waits for it to end. */
static void __pl011_start_tx(struct uart_amba_port *uap, bool wake)
{
	if (uap->console_active || pl011_dma_tx_start(uap, wake))
		return;
	pl011_start_tx_pio(uap, wake);
}

static void pl011_start_tx(struct uart_port *port)
{
	__pl011_start_tx(container_of(port, struct uart_amba_port, port), true);
}

static unsigned int pl011_tx_empty(struct uart_port *port)
{
	struct uart_amba_port *uap = container_of(port, struct uart_amba_port, port);
	if (pl011_dma_tx_busy(uap))
		return 0;
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
	pl011_dma_startup(uap);
	spin_lock_irqsave(&port->lock, flags);
	pl011_write(0x7ff, uap, UART011_ICR);
	/* Receive, with the far end paced by RTS (RTSEn). */
	pl011_write(pl011_read(uap, UART011_CR) | UART011_CR_RXE | UART011_CR_RTSEN, uap,
		    UART011_CR);
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
	/* A last callback may have handed the rest to the interrupt path. */
	spin_lock_irqsave(&port->lock, flags);
	uap->im = 0;
	pl011_write(uap->im, uap, UART011_IMSC);
	spin_unlock_irqrestore(&port->lock, flags);
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
	.flush_buffer = pl011_dma_flush_buffer,
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
	/* A DMA transfer in flight (none starts now) hands the FIFO its
	 * bytes first: they came before what the tty left, and the console's
	 * bytes would be mixed into them. Bounded: at most a buffer's worth
	 * of characters, twice over (a controller busy with other channels
	 * may start it late). */
	unsigned long us = PL011_DMA_BUFFER_SIZE * 20UL * 1000000 / uap->port.baud + 1;
	while (pl011_dma_tx_busy(uap) && us >= 10) {
		udelay(10);
		us -= 10;
	}
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
		/* A transfer in flight pauses (the UART stops asking) until
		 * the new divisor is in. */
		if (uap->dmacr & UART011_TXDMAE)
			pl011_write(uap->dmacr & ~UART011_TXDMAE, uap, UART011_DMACR);
		/* At most a FIFO and the shift register: 10 bits a character. */
		unsigned long us = (uap->fifosize + 1) * 10UL * 1000000 / uap->port.baud + 1;
		while ((pl011_read(uap, UART01x_FR) & UART01x_FR_BUSY) && us--)
			udelay(1);
		return NOTIFY_OK;
	}
	if (event == ABORT_RATE_CHANGE)
		pl011_write(uap->dmacr, uap, UART011_DMACR);
	if (event == POST_RATE_CHANGE) {
		unsigned long long quot = pl011_quot(d->new_rate, uap->port.baud);
		uap->port.uartclk = (unsigned int)d->new_rate;
		pl011_write((unsigned int)(quot >> 6), uap, UART011_IBRD);
		pl011_write((unsigned int)(quot & 0x3f), uap, UART011_FBRD);
		pl011_write(pl011_read(uap, UART011_LCRH), uap, UART011_LCRH);
		pl011_write(uap->dmacr, uap, UART011_DMACR);
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
	if (err) {
		amba_ports[portnr] = NULL;
		return err;
	}
	device_set_wakeup_capable(dev, true);
	/* How the port transmits: /sys/kernel/debug/<device>/. */
	uap->debugfs = debugfs_create_dir(dev_name(dev), NULL);
	debugfs_create_u32("tx", 0444, uap->debugfs, &uap->port.icount.tx);
	debugfs_create_u32("dma_tx_transfers", 0444, uap->debugfs, &uap->dma_tx_transfers);
	debugfs_create_u32("dma_tx_bytes", 0444, uap->debugfs, &uap->dma_tx_bytes);
	return 0;
}

/* At most this long for the transmitter to drain at suspend (Linux's
 * uart_suspend_port waits 30 ms; the buffer holds 4 KiB, 27 ms at
 * 1.5 Mbaud, more at lower rates). */
#define PL011_SUSPEND_DRAIN_MS 100

/* System sleep: the console goes on printing (Linux's
 * no_console_suspend); with power/wakeup enabled (the port is
 * wakeup-capable, not enabled, as Linux's serial ports), the line is
 * armed, so that a character received wakes the system (Linux's
 * uart_suspend_port). */
static int pl011_suspend(struct device *dev)
{
	struct uart_amba_port *uap = dev_get_drvdata(dev);
	/* What was written goes out first (Linux's uart_suspend_port waits
	 * for the transmitter too): the DMA controller stops at the late
	 * phase, and a transfer cut there would never complete. */
	for (int ms = 0; ms < PL011_SUSPEND_DRAIN_MS && uap->port.state; ms++) {
		if (uart_circ_empty(&uap->port.state->xmit) && !uap->dmatx.queued &&
		    pl011_tx_empty(&uap->port))
			break;
		msleep(1);
	}
	if (device_may_wakeup(dev) && !enable_irq_wake(uap->port.irq))
		uap->wake_armed = true;
	/* The console stays usable while the system sleeps: its power
	 * domain stays on (Linux's device_set_awake_path). */
	if (uap->port.cons)
		dev->power.wakeup_path = true;
	return 0;
}

static int pl011_resume(struct device *dev)
{
	struct uart_amba_port *uap = dev_get_drvdata(dev);
	if (uap->wake_armed) {
		disable_irq_wake(uap->port.irq);
		uap->wake_armed = false;
	}
	return 0;
}

static DEFINE_SIMPLE_DEV_PM_OPS(pl011_dev_pm_ops, pl011_suspend, pl011_resume);

static void pl011_remove(struct platform_device *pdev)
{
	struct uart_amba_port *uap = platform_get_drvdata(pdev);
	debugfs_remove(uap->debugfs);
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
		.pm = pm_sleep_ptr(&pl011_dev_pm_ops),
	},
};
module_platform_driver(pl011_driver);

MODULE_DESCRIPTION("ARM AMBA serial port driver");
MODULE_LICENSE("GPL");
