/*
 * ARM PrimeCell UART (PL011), register-compatible with the PL011 TRM
 * (ARM DDI 0183) as far as firmware can tell, with real line timing.
 *
 * Timing: a character occupies the line for (1 start + 5..8 data + 0/1
 * parity + 1/2 stop) bit periods, one bit period being 16 * (IBRD + FBRD/64)
 * UARTCLK cycles, with IBRD/FBRD as latched by the last UARTLCR_H write (as
 * on silicon). Three events embedded in the device carry the time: the end
 * of the character in the transmit shift register, the end of the character
 * being received, and the receive timeout (32 bit periods). Nothing polls.
 *
 * Transmit path: UARTDR writes go into a 16-entry FIFO (FEN=1) or a 1-entry
 * holding register (FEN=0). While the transmitter is enabled the head of
 * the FIFO moves into the shift register; the byte reaches the host chardev
 * (or, with LBE, the receiver) when its last stop bit has been sent. BUSY
 * covers both the FIFO and the shift register; TXFE only the FIFO (TRM).
 *
 * Receive path: the host chardev is the far end of the line. While the
 * receiver is enabled (and the loopback is off) it sends queued bytes back
 * to back at the line rate; a byte that completes while the RX FIFO is full
 * is lost and sets OE. With RTSEn set, the far end honours nUARTRTS: it does
 * not start a new byte while the RX FIFO is at its trigger level.
 *
 * Interrupts follow the TRM's set/clear rules, which are events rather than
 * levels: TXRIS is set when a character leaves the TX FIFO and the FIFO is
 * then at or below its trigger level (FEN=0: the holding register became
 * empty), and cleared by writes that fill it above the level; so enabling
 * the UART or TXIM with an empty FIFO raises nothing, as on silicon. RXRIS
 * is set when a received character brings the FIFO to its trigger level and
 * cleared when reads take it below. UARTINTR (the OR of UARTMIS) drives the
 * irq line whenever it changes.
 *
 * The PeriphID values are those of r1p4, not r1p5: r1p5 has 32-entry FIFOs
 * and drivers (Linux's amba-pl011) size their FIFO from the revision field,
 * so claiming r1p5 with 16-entry FIFOs would make them overfill it.
 */
#include "devices/pl011.h"

#include <libfdt.h>
#include <stdbool.h>
#include <stdlib.h>

#include "sim/dt.h"
#include "sim/err.h"
#include "sim/soc.h"

/* Register offsets. */
enum {
	PL011_DR = 0x000,
	PL011_RSR = 0x004, /* UARTRSR on read, UARTECR on write */
	PL011_FR = 0x018,
	PL011_ILPR = 0x020,
	PL011_IBRD = 0x024,
	PL011_FBRD = 0x028,
	PL011_LCR_H = 0x02c,
	PL011_CR = 0x030,
	PL011_IFLS = 0x034,
	PL011_IMSC = 0x038,
	PL011_RIS = 0x03c,
	PL011_MIS = 0x040,
	PL011_ICR = 0x044,
	PL011_DMACR = 0x048,
	PL011_ID_BASE = 0xfe0,
};

/* UARTDR read: error bits above the data byte. */
#define DR_FE (1u << 8)
#define DR_PE (1u << 9)
#define DR_BE (1u << 10)
#define DR_OE (1u << 11)

/* UARTRSR. */
#define RSR_FE (1u << 0)
#define RSR_PE (1u << 1)
#define RSR_BE (1u << 2)
#define RSR_OE (1u << 3)

/* UARTFR. CTS, DSR, DCD and RI (bits 0-2, 8) read as inactive: no modem. */
#define FR_BUSY (1u << 3)
#define FR_RXFE (1u << 4)
#define FR_TXFF (1u << 5)
#define FR_RXFF (1u << 6)
#define FR_TXFE (1u << 7)

/* UARTLCR_H. */
#define LCRH_BRK (1u << 0)
#define LCRH_PEN (1u << 1)
#define LCRH_STP2 (1u << 3)
#define LCRH_FEN (1u << 4)
#define LCRH_WLEN_SHIFT 5

/* UARTCR. Bits 3-6 are reserved and read as zero. */
#define CR_UARTEN (1u << 0)
#define CR_LBE (1u << 7)
#define CR_TXE (1u << 8)
#define CR_RXE (1u << 9)
#define CR_RTSEN (1u << 14)
#define CR_WMASK 0xff87u
#define CR_RESET 0x0300u

/* Interrupt bits, shared by IMSC, RIS, MIS and ICR. Bits 0-3 are the modem
 * status interrupts, which never fire here. */
#define INT_RX (1u << 4)
#define INT_TX (1u << 5)
#define INT_RT (1u << 6)
#define INT_FE (1u << 7)
#define INT_PE (1u << 8)
#define INT_BE (1u << 9)
#define INT_OE (1u << 10)
#define INT_MASK 0x7ffu

#define IFLS_RESET 0x12u /* both trigger levels at 1/2 */

#define PL011_FIFO_DEPTH 16u
/* Line rate used while the divisor is zero (never programmed). */
#define PL011_DEFAULT_BAUD 115200u
/* The receive timeout, in bit periods (TRM). */
#define PL011_RT_BITS 32u
/* DT default for clock-frequency until the clock framework provides it. */
#define PL011_DEFAULT_UARTCLK 24000000u

/* UARTPeriphID0-3 (part 0x011, designer ARM, revision 2 = r1p4) and
 * UARTPCellID0-3, at 0xFE0-0xFFC. */
static const uint8_t pl011_id[8] = { 0x11, 0x10, 0x24, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

struct pl011 {
	struct bus *bus;
	struct sched *sched;
	struct chardev *cd;
	struct irq_line irq;
	uint32_t base;
	uint32_t uartclk_hz;

	/* Registers as the guest sees them. */
	uint32_t rsr, ilpr, ibrd, fbrd, lcr_h, cr, ifls, imsc, ris, dmacr;
	/* The divisor in effect, in 1/64ths: IBRD:FBRD latched by the last
	 * UARTLCR_H write; 0 while IBRD was 0 (not programmed). */
	uint32_t div64;

	/* Transmit FIFO (or holding register) and shift register. */
	uint8_t txf[PL011_FIFO_DEPTH];
	unsigned tx_head, tx_count;
	uint8_t tx_shift;
	bool tx_busy;
	struct sched_event tx_ev;

	/* Receive FIFO: data byte plus its FE/PE/BE/OE bits, as read from DR. */
	uint16_t rxf[PL011_FIFO_DEPTH];
	unsigned rx_head, rx_count;
	uint8_t rx_shift;
	bool rx_busy;
	bool rx_oe_pending; /* OE goes with the next character stored */
	/* A scenario's line faults for the next character received
	 * (pl011_fault): its DR_FE/DR_PE/DR_BE bits, and an overrun. */
	uint16_t fault_err;
	bool fault_overrun;
	struct sched_event rx_ev;
	struct sched_event rt_ev;
	struct sched_event brk_ev;

	int irq_level;
	uint64_t dropped_tx;

	/* DMA request lines (`dmas`/`dma-names` "tx", "rx"), and the levels
	 * last driven on them. */
	struct dma_line dma_tx, dma_rx;
	bool dma_tx_s, dma_tx_b, dma_rx_s, dma_rx_b;
	int node_off;
};

static unsigned pl011_depth(const struct pl011 *u)
{
	return (u->lcr_h & LCRH_FEN) ? PL011_FIFO_DEPTH : 1;
}

/* FIFO trigger levels for IFLS codes 0-4 (1/8 .. 7/8 of 16). The TRM leaves
 * codes 5-7 reserved; pmsim treats them as 7/8. */
static unsigned pl011_level(unsigned code)
{
	static const unsigned lv[5] = { 2, 4, 8, 12, 14 };
	return lv[code > 4 ? 4 : code];
}

static unsigned pl011_tx_trigger(const struct pl011 *u)
{
	return pl011_level(u->ifls & 7);
}

static unsigned pl011_rx_trigger(const struct pl011 *u)
{
	return (u->lcr_h & LCRH_FEN) ? pl011_level((u->ifls >> 3) & 7) : 1;
}

static bool pl011_tx_enabled(const struct pl011 *u)
{
	return (u->cr & (CR_UARTEN | CR_TXE)) == (CR_UARTEN | CR_TXE);
}

static bool pl011_rx_enabled(const struct pl011 *u)
{
	return (u->cr & (CR_UARTEN | CR_RXE)) == (CR_UARTEN | CR_RXE);
}

/* Bits in one frame: start, 5-8 data, optional parity, 1 or 2 stop. */
static unsigned pl011_frame_bits(const struct pl011 *u)
{
	unsigned data = 5 + ((u->lcr_h >> LCRH_WLEN_SHIFT) & 3);
	return 1 + data + ((u->lcr_h & LCRH_PEN) ? 1 : 0) + ((u->lcr_h & LCRH_STP2) ? 2 : 1);
}

/* Duration of `nbits` bit periods in picoseconds. One bit period is
 * 16 * (IBRD + FBRD/64) / UARTCLK = div64 / (4 * UARTCLK) seconds; the
 * product is formed as quotient and remainder so it is exact (floor) without
 * overflowing, and saturates for absurdly slow clocks. */
static simtime_t pl011_bits_time(const struct pl011 *u, unsigned nbits)
{
	if (!u->div64 || !u->uartclk_hz)
		return (simtime_t)nbits * PS_PER_S / PL011_DEFAULT_BAUD;
	uint64_t num = (uint64_t)u->div64 * PS_PER_S;
	uint64_t den = 4ull * u->uartclk_hz;
	uint64_t q = num / den, r = num % den;
	if (q > SIMTIME_NEVER / 2 / nbits)
		return SIMTIME_NEVER / 2;
	return q * nbits + r * nbits / den;
}

/* The DMA requests (TRM 2.4.14): with TXDMAE, UARTTXDMASREQ while the TX
 * FIFO has room and UARTTXDMABREQ while it is at or below its trigger
 * level; with RXDMAE, UARTRXDMASREQ while the RX FIFO holds a character
 * and UARTRXDMABREQ while it is at or above its trigger level (FEN=0: the
 * one-character holding registers). */
static void pl011_update_dma(struct pl011 *u)
{
	bool fen = u->lcr_h & LCRH_FEN, tx = u->dmacr & 2u, rx = u->dmacr & 1u;
	bool tx_s = tx && u->tx_count < pl011_depth(u);
	bool tx_b = tx && (fen ? u->tx_count <= pl011_tx_trigger(u) : u->tx_count == 0);
	bool rx_s = rx && u->rx_count > 0;
	bool rx_b = rx && (fen ? u->rx_count >= pl011_rx_trigger(u) : u->rx_count > 0);
	if (tx_s != u->dma_tx_s || tx_b != u->dma_tx_b) {
		u->dma_tx_s = tx_s;
		u->dma_tx_b = tx_b;
		dma_request(&u->dma_tx, tx_s, tx_b);
	}
	if (rx_s != u->dma_rx_s || rx_b != u->dma_rx_b) {
		u->dma_rx_s = rx_s;
		u->dma_rx_b = rx_b;
		dma_request(&u->dma_rx, rx_s, rx_b);
	}
}

/* After every change of state: the interrupt line and the DMA requests. */
static void pl011_update_irq(struct pl011 *u)
{
	int level = (u->ris & u->imsc) != 0;
	if (level != u->irq_level) {
		u->irq_level = level;
		irq_set(&u->irq, level);
	}
	pl011_update_dma(u);
}

/* ---- transmit ------------------------------------------------------------ */

/* Start the next character if the shift register is free. */
static void pl011_tx_kick(struct pl011 *u)
{
	if (u->tx_busy || !u->tx_count || !pl011_tx_enabled(u))
		return;
	u->tx_shift = u->txf[u->tx_head];
	u->tx_head = (u->tx_head + 1) % PL011_FIFO_DEPTH;
	u->tx_count--;
	u->tx_busy = true;
	sched_schedule_in(u->sched, &u->tx_ev, pl011_bits_time(u, pl011_frame_bits(u)));
	/* A character left the FIFO: this is the event TXRIS is set on. */
	if ((u->lcr_h & LCRH_FEN) ? u->tx_count <= pl011_tx_trigger(u) : u->tx_count == 0)
		u->ris |= INT_TX;
}

static void pl011_rx_store(struct pl011 *u, uint8_t byte, uint16_t err);

static void pl011_tx_done(struct sched_event *ev, simtime_t now)
{
	struct pl011 *u = container_of(ev, struct pl011, tx_ev);
	u->tx_busy = false;
	/* While BRK holds the line low the character never makes it out. */
	if (!(u->lcr_h & LCRH_BRK)) {
		if (u->cr & CR_LBE) {
			if (pl011_rx_enabled(u))
				pl011_rx_store(u, u->tx_shift, 0);
		} else if (u->cd) {
			chardev_write(u->cd, u->tx_shift);
		}
	}
	pl011_tx_kick(u);
	pl011_update_irq(u);
}

static void pl011_write_dr(struct pl011 *u, uint8_t byte)
{
	/* The FIFO takes data whether or not the transmitter is enabled
	 * (TRM: BUSY is set as soon as it is non-empty); it goes out once
	 * UARTEN and TXE are both set. A write to a full FIFO is lost, as on
	 * silicon; counting those lets pmsim report the firmware bug. */
	if (u->tx_count >= pl011_depth(u)) {
		u->dropped_tx++;
		return;
	}
	u->txf[(u->tx_head + u->tx_count) % PL011_FIFO_DEPTH] = byte;
	u->tx_count++;
	if (!(u->lcr_h & LCRH_FEN) || u->tx_count > pl011_tx_trigger(u))
		u->ris &= ~INT_TX;
	pl011_tx_kick(u);
	pl011_update_irq(u);
}

/* ---- receive ------------------------------------------------------------- */

static void pl011_rt_arm(struct pl011 *u)
{
	sched_schedule_in(u->sched, &u->rt_ev, pl011_bits_time(u, PL011_RT_BITS));
}

/* A character finished arriving at the receiver. A scenario's overrun
 * takes it as a full FIFO would; its other faults go with the first
 * character stored (a break as the zero character a break loads). */
static void pl011_rx_store(struct pl011 *u, uint8_t byte, uint16_t err)
{
	pl011_rt_arm(u);
	if (u->rx_count >= pl011_depth(u) || u->fault_overrun) {
		u->fault_overrun = false;
		u->rsr |= RSR_OE;
		u->ris |= INT_OE;
		u->rx_oe_pending = true;
		return;
	}
	if (u->rx_oe_pending) {
		err |= DR_OE;
		u->rx_oe_pending = false;
	}
	if (u->fault_err & DR_BE)
		byte = 0;
	err |= u->fault_err;
	u->fault_err = 0;
	u->rxf[(u->rx_head + u->rx_count) % PL011_FIFO_DEPTH] = (uint16_t)(byte | err);
	u->rx_count++;
	if (err & DR_FE)
		u->ris |= INT_FE;
	if (err & DR_PE)
		u->ris |= INT_PE;
	if (err & DR_BE)
		u->ris |= INT_BE;
	if (u->rx_count >= pl011_rx_trigger(u))
		u->ris |= INT_RX;
}

/* Let the far end start its next character, if it has one and may send. */
static void pl011_rx_kick(struct pl011 *u)
{
	if (u->rx_busy || !u->cd || !pl011_rx_enabled(u) || (u->cr & CR_LBE))
		return;
	/* nUARTRTS deasserted at the trigger level: the sender waits. */
	if ((u->cr & CR_RTSEN) && u->rx_count >= pl011_rx_trigger(u))
		return;
	if (!chardev_rx_pop(u->cd, &u->rx_shift))
		return;
	u->rx_busy = true;
	sched_schedule_in(u->sched, &u->rx_ev, pl011_bits_time(u, pl011_frame_bits(u)));
}

static void pl011_rx_done(struct sched_event *ev, simtime_t now)
{
	struct pl011 *u = container_of(ev, struct pl011, rx_ev);
	u->rx_busy = false;
	pl011_rx_store(u, u->rx_shift, 0);
	pl011_rx_kick(u);
	pl011_update_irq(u);
}

static void pl011_rt_done(struct sched_event *ev, simtime_t now)
{
	struct pl011 *u = container_of(ev, struct pl011, rt_ev);
	if (u->rx_count) {
		u->ris |= INT_RT;
		pl011_update_irq(u);
	}
}

/* BRK in loopback: the receiver sees the line low for a whole frame and
 * stores one zero character flagged as a break (TRM: only one 0 character
 * is loaded however long the break lasts). */
static void pl011_brk_done(struct sched_event *ev, simtime_t now)
{
	struct pl011 *u = container_of(ev, struct pl011, brk_ev);
	if ((u->lcr_h & LCRH_BRK) && (u->cr & CR_LBE) && pl011_rx_enabled(u)) {
		pl011_rx_store(u, 0, DR_BE);
		pl011_update_irq(u);
	}
}

static void pl011_rx_notify(void *opaque)
{
	pl011_rx_kick(opaque);
}

static uint32_t pl011_read_dr(struct pl011 *u)
{
	if (!u->rx_count)
		return 0;
	uint32_t v = u->rxf[u->rx_head];
	u->rx_head = (u->rx_head + 1) % PL011_FIFO_DEPTH;
	u->rx_count--;
	u->rsr |= (v & (DR_FE | DR_PE | DR_BE)) >> 8;
	if (u->rx_count < pl011_rx_trigger(u))
		u->ris &= ~INT_RX;
	if (!u->rx_count) {
		u->ris &= ~INT_RT;
		sched_cancel(u->sched, &u->rt_ev);
	}
	pl011_rx_kick(u);
	pl011_update_irq(u);
	return v;
}

/* ---- registers ----------------------------------------------------------- */

static uint32_t pl011_fr(const struct pl011 *u)
{
	uint32_t fr = 0;
	if (u->tx_busy || u->tx_count)
		fr |= FR_BUSY;
	if (!u->rx_count)
		fr |= FR_RXFE;
	if (u->tx_count >= pl011_depth(u))
		fr |= FR_TXFF;
	if (u->rx_count >= pl011_depth(u))
		fr |= FR_RXFF;
	if (!u->tx_count)
		fr |= FR_TXFE;
	return fr;
}

static uint32_t pl011_reg_read(struct pl011 *u, uint32_t off)
{
	switch (off) {
	case PL011_DR: return pl011_read_dr(u);
	case PL011_RSR: return u->rsr;
	case PL011_FR: return pl011_fr(u);
	case PL011_ILPR: return u->ilpr;
	case PL011_IBRD: return u->ibrd;
	case PL011_FBRD: return u->fbrd;
	case PL011_LCR_H: return u->lcr_h;
	case PL011_CR: return u->cr;
	case PL011_IFLS: return u->ifls;
	case PL011_IMSC: return u->imsc;
	case PL011_RIS: return u->ris;
	case PL011_MIS: return u->ris & u->imsc;
	case PL011_DMACR: return u->dmacr;
	default:
		if (off >= PL011_ID_BASE)
			return pl011_id[(off - PL011_ID_BASE) / 4];
		/* Reserved, test and write-only (ICR) registers read as zero. */
		return 0;
	}
}

static void pl011_write_lcr_h(struct pl011 *u, uint32_t val)
{
	uint32_t old = u->lcr_h;
	u->lcr_h = val & 0xff;
	/* IBRD, FBRD and LCR_H form one register on silicon, updated by the
	 * LCR_H write strobe: the divisor changes only now. */
	u->div64 = u->ibrd ? (u->ibrd << 6) | u->fbrd : 0;
	if ((u->lcr_h & LCRH_BRK) && !(old & LCRH_BRK) && (u->cr & CR_LBE))
		sched_schedule_in(u->sched, &u->brk_ev,
				  pl011_bits_time(u, pl011_frame_bits(u)));
	else if (!(u->lcr_h & LCRH_BRK))
		sched_cancel(u->sched, &u->brk_ev);
}

static void pl011_reg_write(struct pl011 *u, uint32_t off, uint32_t val)
{
	switch (off) {
	case PL011_DR:
		pl011_write_dr(u, (uint8_t)val);
		break;
	case PL011_RSR: /* UARTECR: any write clears the error status */
		u->rsr = 0;
		break;
	case PL011_ILPR:
		u->ilpr = val & 0xff;
		break;
	case PL011_IBRD:
		u->ibrd = val & 0xffff;
		break;
	case PL011_FBRD:
		u->fbrd = val & 0x3f;
		break;
	case PL011_LCR_H:
		pl011_write_lcr_h(u, val);
		break;
	case PL011_CR:
		/* Disabling lets the character in progress finish (TRM); the
		 * events already queued do exactly that. */
		u->cr = val & CR_WMASK;
		pl011_tx_kick(u);
		pl011_rx_kick(u);
		pl011_update_irq(u);
		break;
	case PL011_IFLS:
		u->ifls = val & 0x3f;
		break;
	case PL011_IMSC:
		u->imsc = val & INT_MASK;
		pl011_update_irq(u);
		break;
	case PL011_ICR:
		u->ris &= ~(val & INT_MASK);
		/* The timeout condition still holds while data waits: it comes
		 * back after another 32 bit periods of silence. */
		if ((val & INT_RT) && u->rx_count)
			pl011_rt_arm(u);
		pl011_update_irq(u);
		break;
	case PL011_DMACR:
		u->dmacr = val & 7;
		pl011_update_dma(u);
		break;
	default:
		/* Read-only, reserved and ID registers ignore writes. */
		break;
	}
}

/* APB has no byte strobes: a narrow read returns its lanes of the register
 * (with the register's read side effects); a narrow write at the register's
 * own offset writes it zero-extended, and one at any other byte is ignored. */
static int pl011_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct pl011 *u = opaque;
	uint32_t v = pl011_reg_read(u, offset & ~3u);
	v >>= 8 * (offset & 3);
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return BUS_OK;
}

static int pl011_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct pl011 *u = opaque;
	if (offset & 3)
		return BUS_OK;
	if (size != 4)
		val &= (1u << (8 * size)) - 1;
	pl011_reg_write(u, offset, val);
	return BUS_OK;
}

static const struct bus_ops pl011_ops = {
	.name = "pl011",
	.sizes = BUS_SIZE_8 | BUS_SIZE_32,
	.read = pl011_mmio_read,
	.write = pl011_mmio_write,
};

/* ---- lifetime ------------------------------------------------------------ */

void pl011_reset(struct pl011 *u)
{
	sched_cancel(u->sched, &u->tx_ev);
	sched_cancel(u->sched, &u->rx_ev);
	sched_cancel(u->sched, &u->rt_ev);
	sched_cancel(u->sched, &u->brk_ev);
	u->rsr = 0;
	u->ilpr = 0;
	u->ibrd = 0;
	u->fbrd = 0;
	u->lcr_h = 0;
	u->cr = CR_RESET;
	u->ifls = IFLS_RESET;
	u->imsc = 0;
	u->ris = 0;
	u->dmacr = 0;
	u->div64 = 0;
	u->tx_head = u->tx_count = 0;
	u->tx_busy = false;
	u->rx_head = u->rx_count = 0;
	u->rx_busy = false;
	u->rx_oe_pending = false;
	pl011_update_irq(u);
}

struct pl011 *pl011_new(struct bus *bus, struct sched *sched, uint32_t base,
			uint32_t uartclk_hz, struct irq_line irq, struct chardev *cd)
{
	struct pl011 *u = calloc(1, sizeof *u);
	if (!u)
		return NULL;
	u->bus = bus;
	u->sched = sched;
	u->cd = cd;
	u->irq = irq;
	u->base = base;
	u->uartclk_hz = uartclk_hz;
	sched_event_init(&u->tx_ev, pl011_tx_done, "pl011.tx");
	sched_event_init(&u->rx_ev, pl011_rx_done, "pl011.rx");
	sched_event_init(&u->rt_ev, pl011_rt_done, "pl011.rx-timeout");
	sched_event_init(&u->brk_ev, pl011_brk_done, "pl011.break");
	if (bus_add_mmio(bus, "pl011", base, 0x1000, &pl011_ops, u) < 0) {
		free(u);
		return NULL;
	}
	pl011_reset(u);
	if (cd)
		chardev_set_frontend(cd, pl011_rx_notify, u);
	return u;
}

/* The bus keeps no way to unmap a region: free a PL011 only when its bus
 * is being torn down as well. */
void pl011_free(struct pl011 *u)
{
	if (!u)
		return;
	sched_cancel(u->sched, &u->tx_ev);
	sched_cancel(u->sched, &u->rx_ev);
	sched_cancel(u->sched, &u->rt_ev);
	sched_cancel(u->sched, &u->brk_ev);
	if (u->cd && u->cd->rx_opaque == u)
		chardev_set_frontend(u->cd, NULL, NULL);
	free(u);
}

uint64_t pl011_dropped_tx(const struct pl011 *u)
{
	return u->dropped_tx;
}

static const char *const pl011_faults[] = { "framing-error", "parity-error", "break", "overrun",
					    "clear", NULL };

int pl011_fault(struct pl011 *u, const char *kind, struct err *e)
{
	switch (soc_fault_kind(kind, pl011_faults, e)) {
	case 0: u->fault_err |= DR_FE; break;
	case 1: u->fault_err |= DR_PE; break;
	case 2: u->fault_err |= DR_BE; break;
	case 3: u->fault_overrun = true; break;
	case 4:
		u->fault_err = 0;
		u->fault_overrun = false;
		break;
	default: return -1;
	}
	return 0;
}

/* ---- device-tree binding ------------------------------------------------- */

static int pl011_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size, irq;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the PL011's 4 KiB register block",
			    node->path, size);
	if (dt_irq(node, 0, &irq, e) < 0)
		return -1;
	if (soc->num_irq && irq >= soc->num_irq)
		return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
			    node->path, irq, soc->num_irq);
	uint32_t clk = dt_u32_opt(node, "clock-frequency", PL011_DEFAULT_UARTCLK);
	if (dt_cells(node, "clocks") > 0) {
		/* UARTCLK is the first clock (Linux: "uartclk", then
		 * "apb_pclk"). */
		uint64_t hz;
		if (soc_clock_hz(soc, node, 0, &hz, e))
			return -1;
		clk = hz > UINT32_MAX ? UINT32_MAX : (uint32_t)hz;
	}
	if (!clk)
		return errf(e, "%s: UARTCLK must not be 0 at reset", node->path);
	uint32_t index = dt_u32_opt(node, "serial-index", 0);
	struct chardev *cd = soc_chardev(soc, index);
	if (!cd)
		return errf(e, "%s: serial-index %u: no such serial port (0-%u)", node->path,
			    index, (unsigned)(sizeof soc->serial / sizeof soc->serial[0]) - 1);
	if (cd->rx_notify)
		return errf(e, "%s: serial-index %u is already used by another UART",
			    node->path, index);
	struct pl011 *u = pl011_new(&soc->bus, &soc->sched, base, clk, soc_irq(soc, irq), cd);
	if (!u)
		return errf(e, "%s: cannot map the PL011 at 0x%08x (overlaps another region?)",
			    node->path, base);
	u->node_off = node->off;
	*state = u;
	return 0;
}

static void pl011_dma_done(void *periph, bool last)
{
	/* The transfer itself was a register access (DR): nothing more. */
	(void)periph;
	(void)last;
}

/* Once the DMA controller exists: the "tx" and "rx" request lines of
 * `dmas`/`dma-names`, if the node has them. */
static int pl011_realize(void *state, struct soc *soc, struct err *e)
{
	struct pl011 *u = state;
	struct dt_node n = { .fdt = soc->fdt, .off = u->node_off };
	if (fdt_get_path(soc->fdt, u->node_off, n.path, sizeof n.path) != 0 ||
	    !dt_cells(&n, "dmas"))
		return 0;
	struct dma_ack ack = { pl011_dma_done, u };
	if (fdt_stringlist_search(soc->fdt, u->node_off, "dma-names", "tx") >= 0 &&
	    soc_dma_line(soc, &n, "tx", ack, &u->dma_tx, e))
		return -1;
	if (fdt_stringlist_search(soc->fdt, u->node_off, "dma-names", "rx") >= 0 &&
	    soc_dma_line(soc, &n, "rx", ack, &u->dma_rx, e))
		return -1;
	u->dma_tx_s = u->dma_tx_b = u->dma_rx_s = u->dma_rx_b = false;
	pl011_update_dma(u);
	return 0;
}

static void pl011_destroy(void *state)
{
	pl011_free(state);
}

static void pl011_type_reset(void *state)
{
	pl011_reset(state);
}

/* UARTCLK changed: characters started from now on take the new bit time
 * (the line rate follows the clock, as on silicon, until firmware
 * reprograms IBRD/FBRD). A stopped clock keeps the last rate for the
 * character in flight (docs/devices/pl011.md). */
static void pl011_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	struct pl011 *u = state;
	if (idx == 0 && hz)
		u->uartclk_hz = hz > UINT32_MAX ? UINT32_MAX : (uint32_t)hz;
}

static int pl011_type_fault(void *state, const char *kind, struct err *e)
{
	return pl011_fault(state, kind, e);
}

/* Power: off loses every register (a reset); retention keeps them. */
static void pl011_power(void *state, enum pd_state st)
{
	if (st == PD_OFF)
		pl011_reset(state);
}

const struct dev_type pl011_dev_type = {
	.compatible = "arm,pl011",
	.create = pl011_create,
	.destroy = pl011_destroy,
	.reset = pl011_type_reset,
	.clock_rate = pl011_clock_rate,
	.power = pl011_power,
	.realize = pl011_realize,
	.fault = pl011_type_fault,
};
