/*
 * ARM PrimeCell GPIO (PL061), register-compatible with the PL061 TRM
 * (ARM DDI 0190) as Linux's gpio-pl061 and bare-metal firmware use it.
 *
 * Pins: each of the 8 pins is either driven by the PL061 (GPIODIR set and
 * GPIOAFSEL clear: the pad carries the GPIODATA bit) or driven by the
 * outside world (pl061_set_input). The pad level of every pin is therefore
 * a function of the registers and the external levels; the model keeps the
 * last pad levels it saw and, whenever anything that can change them
 * happens (a register write, an external input, a reset), recomputes them
 * and runs the edge detector on the difference. So an output pin toggled by
 * software is seen by its own interrupt logic, as on silicon where the
 * input path samples the pad.
 *
 * GPIODATA (0x000-0x3FC) uses the PL061's address masking: bits [9:2] of
 * the offset select the pins a read returns (others read 0) and a write may
 * change. A write changes only pins configured as outputs: Linux's driver
 * writes the value again after setting GPIODIR because a PL061 drops a
 * value written to an input pin, and firmware relying on that must see it.
 *
 * Interrupts (TRM): an edge-sensitive pin (GPIOIS = 0) latches its GPIORIS
 * bit on the selected edge (both with GPIOIBE, else rising or falling by
 * GPIOIEV) until GPIOIC clears it; a level-sensitive pin's GPIORIS bit is
 * the pin's level compared with GPIOIEV, live, and GPIOIC does not affect
 * it. GPIOINTR, the OR of GPIOMIS, drives the irq line when it changes.
 *
 * Clock and power: there is nothing timed inside a PL061, so the APB clock
 * rate matters only as gated or not. pmsim's choice: the edge detector and
 * GPIOINTR keep working with PCLK gated and in retention, so a GPIO can be
 * a wake-up source while the SoC's clocks are stopped. What needs PCLK is
 * the register interface: an access while the clock is gated or the domain
 * is not on is refused with a bus error (the interconnect error a gated APB
 * slave gives on SoCs that report one) and counted, so the firmware bug is
 * caught where it happens. PD_OFF loses every register (outputs released,
 * irq low, latched edges gone) and detects nothing until power returns.
 */
#include "devices/pl061.h"

#include <stdbool.h>
#include <stdlib.h>

#include "sim/dt.h"
#include "sim/err.h"

/* Register offsets. GPIODATA spans 0x000-0x3FC. */
enum {
	PL061_DATA_END = 0x400,
	PL061_DIR = 0x400,
	PL061_IS = 0x404,
	PL061_IBE = 0x408,
	PL061_IEV = 0x40c,
	PL061_IE = 0x410,
	PL061_RIS = 0x414,
	PL061_MIS = 0x418,
	PL061_IC = 0x41c,
	PL061_AFSEL = 0x420,
	PL061_ID_BASE = 0xfe0,
};

#define PL061_SIZE 0x1000u
/* PCLK of a node with no clock property: running, rate irrelevant. */
#define PL061_FREE_RUNNING_HZ 1u

/* GPIOPeriphID0-3 (part 0x061, designer ARM, revision 0) and
 * GPIOPCellID0-3, at 0xFE0-0xFFC. */
static const uint8_t pl061_id[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

struct pl061 {
	struct bus *bus;
	struct sched *sched;
	struct irq_line irq;
	uint32_t base;
	uint64_t pclk_hz;
	enum pd_state pd;

	/* Registers, all 8 bits wide. `data` is the output data register;
	 * `edge` holds the latched edges (GPIORIS of edge-sensitive pins). */
	uint8_t data, dir, is, ibe, iev, ie, afsel;
	uint8_t edge;

	uint8_t ext;      /* levels the outside world drives */
	uint8_t pads;     /* pad levels as the edge detector last saw them */
	uint8_t out_seen; /* pl061_outputs() as last reported to the observer */
	int irq_level;

	void (*out_cb)(void *opaque, uint8_t levels);
	void *out_opaque;
	uint64_t refused;
};

/* Pins whose pad the PL061 drives: outputs under software control. With
 * GPIOAFSEL set the pad belongs to the alternate function, which nothing
 * in pmsim drives, so the pin behaves as an input. */
static uint8_t pl061_driven(const struct pl061 *g)
{
	return g->dir & (uint8_t)~g->afsel;
}

static uint8_t pl061_pad_levels(const struct pl061 *g)
{
	uint8_t drv = pl061_driven(g);
	return (uint8_t)((g->data & drv) | (g->ext & ~drv));
}

/* GPIORIS: latched edges for edge-sensitive pins, the live level match
 * (high for IEV = 1, low for IEV = 0) for level-sensitive ones. */
static uint8_t pl061_ris(const struct pl061 *g)
{
	uint8_t match = (uint8_t)~(g->pads ^ g->iev);
	return (uint8_t)((g->is & match) | (~g->is & g->edge));
}

/* Bring everything derived from the state up to date: the pads (running
 * the edge detector on what changed, unless `detect` is false), the irq
 * line and the output observer. Every state change ends here. */
static void pl061_sync(struct pl061 *g, bool detect)
{
	uint8_t now = pl061_pad_levels(g);
	uint8_t changed = g->pads ^ now;
	g->pads = now;
	if (detect && changed) {
		uint8_t rising = changed & now;
		uint8_t falling = changed & (uint8_t)~now;
		uint8_t sel = (uint8_t)((g->ibe & changed) |
					(~g->ibe & ((g->iev & rising) | (~g->iev & falling))));
		g->edge |= sel & (uint8_t)~g->is;
	}

	int level = (pl061_ris(g) & g->ie) != 0;
	if (level != g->irq_level) {
		g->irq_level = level;
		irq_set(&g->irq, level);
	}

	/* Last, with the state consistent: the observer may drive inputs of
	 * this very PL061 (a loop-back wire in a scenario). */
	uint8_t out = pl061_outputs(g);
	if (out != g->out_seen) {
		g->out_seen = out;
		if (g->out_cb)
			g->out_cb(g->out_opaque, out);
	}
}

/* Edges are caught in every state but off: see the top of the file. */
static bool pl061_detecting(const struct pl061 *g)
{
	return g->pd != PD_OFF;
}

/* The register interface needs PCLK and power. */
static bool pl061_accessible(const struct pl061 *g)
{
	return g->pd == PD_ON && g->pclk_hz != 0;
}

/* ---- registers ----------------------------------------------------------- */

static uint32_t pl061_reg_read(const struct pl061 *g, uint32_t off)
{
	if (off < PL061_DATA_END) {
		/* Output pins read back their driven value, inputs the pad:
		 * both are the pad level. */
		return g->pads & ((off >> 2) & 0xff);
	}
	switch (off) {
	case PL061_DIR: return g->dir;
	case PL061_IS: return g->is;
	case PL061_IBE: return g->ibe;
	case PL061_IEV: return g->iev;
	case PL061_IE: return g->ie;
	case PL061_RIS: return pl061_ris(g);
	case PL061_MIS: return pl061_ris(g) & g->ie;
	case PL061_AFSEL: return g->afsel;
	default:
		if (off >= PL061_ID_BASE)
			return pl061_id[(off - PL061_ID_BASE) / 4];
		/* Reserved, test and write-only (GPIOIC) registers read 0. */
		return 0;
	}
}

static void pl061_reg_write(struct pl061 *g, uint32_t off, uint32_t val)
{
	uint8_t v = (uint8_t)val;
	if (off < PL061_DATA_END) {
		uint8_t mask = (uint8_t)((off >> 2) & pl061_driven(g));
		g->data = (uint8_t)((g->data & ~mask) | (v & mask));
		pl061_sync(g, pl061_detecting(g));
		return;
	}
	switch (off) {
	case PL061_DIR:
		g->dir = v;
		break;
	case PL061_IS:
		g->is = v;
		/* A level-sensitive pin has no edge latch in GPIORIS: drop
		 * what it held so it cannot reappear as a stale edge when the
		 * pin is made edge-sensitive again. */
		g->edge &= (uint8_t)~v;
		break;
	case PL061_IBE:
		g->ibe = v;
		break;
	case PL061_IEV:
		g->iev = v;
		break;
	case PL061_IE:
		g->ie = v;
		break;
	case PL061_IC:
		g->edge &= (uint8_t)~v;
		break;
	case PL061_AFSEL:
		g->afsel = v;
		break;
	default:
		/* Read-only, reserved and ID registers ignore writes. */
		return;
	}
	pl061_sync(g, pl061_detecting(g));
}

/* APB has no byte strobes and the PL061's registers are 8 bits wide: a
 * narrow read returns its lane of the register; a byte write at the
 * register's own offset writes it, one at any other byte is ignored (as
 * for the PL011). Linux's gpio-pl061 uses byte accesses throughout. */
static int pl061_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct pl061 *g = opaque;
	if (!pl061_accessible(g)) {
		g->refused++;
		*val = 0;
		return BUS_ERR_DEVICE;
	}
	uint32_t v = pl061_reg_read(g, offset & ~3u);
	v >>= 8 * (offset & 3);
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return BUS_OK;
}

static int pl061_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct pl061 *g = opaque;
	if (!pl061_accessible(g)) {
		g->refused++;
		return BUS_ERR_DEVICE;
	}
	if (offset & 3)
		return BUS_OK;
	if (size != 4)
		val &= (1u << (8 * size)) - 1;
	pl061_reg_write(g, offset, val);
	return BUS_OK;
}

static const struct bus_ops pl061_ops = {
	.name = "pl061",
	.sizes = BUS_SIZE_8 | BUS_SIZE_32,
	.read = pl061_mmio_read,
	.write = pl061_mmio_write,
};

/* ---- external side --------------------------------------------------------- */

void pl061_set_input(struct pl061 *g, unsigned pin, int level)
{
	if (pin >= PL061_NPINS)
		return;
	uint8_t bit = (uint8_t)(1u << pin);
	g->ext = level ? (uint8_t)(g->ext | bit) : (uint8_t)(g->ext & ~bit);
	pl061_sync(g, pl061_detecting(g));
}

uint8_t pl061_outputs(const struct pl061 *g)
{
	return g->data & pl061_driven(g);
}

void pl061_set_output_cb(struct pl061 *g, void (*cb)(void *opaque, uint8_t levels),
			 void *opaque)
{
	g->out_cb = cb;
	g->out_opaque = opaque;
}

uint64_t pl061_refused_accesses(const struct pl061 *g)
{
	return g->refused;
}

/* ---- clock and power ------------------------------------------------------- */

void pl061_clock_rate(struct pl061 *g, unsigned idx, uint64_t hz)
{
	/* Only the gate matters: nothing in a PL061 counts PCLK cycles. */
	if (idx == 0)
		g->pclk_hz = hz;
}

void pl061_power(struct pl061 *g, enum pd_state st)
{
	if (st == PD_OFF && g->pd != PD_OFF) {
		g->pd = PD_OFF;
		pl061_reset(g);
		return;
	}
	/* Back on from off: the pads are sampled afresh, with no edge (the
	 * detector had no earlier sample to compare with). */
	g->pd = st;
}

/* ---- lifetime -------------------------------------------------------------- */

void pl061_reset(struct pl061 *g)
{
	g->data = 0;
	g->dir = 0;
	g->is = 0;
	g->ibe = 0;
	g->iev = 0;
	g->ie = 0;
	g->afsel = 0;
	g->edge = 0;
	/* Pins released by the reset are not edges: the detector restarts
	 * from the pads as they now are. */
	pl061_sync(g, false);
}

struct pl061 *pl061_new(struct bus *bus, struct sched *sched, uint32_t base,
			uint8_t input_levels, uint64_t pclk_hz, struct irq_line irq)
{
	struct pl061 *g = calloc(1, sizeof *g);
	if (!g)
		return NULL;
	g->bus = bus;
	g->sched = sched;
	g->irq = irq;
	g->base = base;
	g->pclk_hz = pclk_hz;
	g->pd = PD_ON;
	g->ext = input_levels;
	g->pads = input_levels;
	if (bus_add_mmio(bus, "pl061", base, PL061_SIZE, &pl061_ops, g) < 0) {
		free(g);
		return NULL;
	}
	pl061_reset(g);
	return g;
}

/* The bus keeps no way to unmap a region: free a PL061 only when its bus
 * is being torn down as well. */
void pl061_free(struct pl061 *g)
{
	free(g);
}

/* ---- device-tree binding ------------------------------------------------- */

static int pl061_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size, irq;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < PL061_SIZE)
		return errf(e, "%s: reg size 0x%x is smaller than the PL061's 4 KiB register block",
			    node->path, size);
	if (dt_cells(node, "interrupts") > 1)
		return errf(e, "%s: 'interrupts' must be one entry, the combined GPIOINTR "
			    "(per-pin GPIOMIS lines are not modelled)", node->path);
	if (dt_irq(node, 0, &irq, e) < 0)
		return -1;
	if (soc->num_irq && irq >= soc->num_irq)
		return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
			    node->path, irq, soc->num_irq);
	/* The guest gets this same tree: refuse what Linux's binding would. */
	if (!dt_bool(node, "gpio-controller"))
		return errf(e, "%s: missing 'gpio-controller'", node->path);
	uint32_t cells;
	if (dt_u32(node, "#gpio-cells", &cells, e) < 0)
		return -1;
	if (cells != 2)
		return errf(e, "%s: '#gpio-cells' must be 2 (is %u)", node->path, cells);

	/* Without any clock property the APB clock is taken as always
	 * running (any non-zero rate: only the gate matters); otherwise its
	 * present rate (0 = gated) comes from the clock tree. */
	uint64_t hz = PL061_FREE_RUNNING_HZ;
	if ((dt_cells(node, "clocks") != 0 || dt_bool(node, "clock-frequency")) &&
	    soc_clock_hz(soc, node, 0, &hz, e) < 0)
		return -1;

	uint32_t levels = 0;
	if (dt_bool(node, "pmsim,input-levels")) {
		if (dt_u32(node, "pmsim,input-levels", &levels, e) < 0)
			return -1;
		if (levels > 0xff)
			return errf(e, "%s: 'pmsim,input-levels' 0x%x has bits above the 8 pins",
				    node->path, levels);
	}

	struct pl061 *g = pl061_new(&soc->bus, &soc->sched, base, (uint8_t)levels, hz,
				    soc_irq(soc, irq));
	if (!g)
		return errf(e, "%s: cannot map the PL061 at 0x%08x (overlaps another region?)",
			    node->path, base);
	*state = g;
	return 0;
}

static void pl061_destroy(void *state)
{
	pl061_free(state);
}

static void pl061_type_reset(void *state)
{
	pl061_reset(state);
}

static void pl061_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	pl061_clock_rate(state, idx, hz);
}

static void pl061_type_power(void *state, enum pd_state st)
{
	pl061_power(state, st);
}

const struct dev_type pl061_dev_type = {
	.compatible = "arm,pl061",
	.create = pl061_create,
	.destroy = pl061_destroy,
	.reset = pl061_type_reset,
	.clock_rate = pl061_type_clock_rate,
	.power = pl061_type_power,
};
