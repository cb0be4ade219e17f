/*
 * pmsim's clock management unit (CMU): the registers through which
 * firmware programs the CMU outputs of the clock tree (pm/clock.c).
 * docs/devices/cmu.md is the programmer's model.
 *
 * The clock hardware itself (PLL lock timing, glitch-free muxes, dividers,
 * gates, rate propagation, energy) lives in the tree; this front-end only
 * decodes registers into the tree's setters and reads its state back. So
 * whatever else programs the tree (the power-management unit stopping the
 * PLLs for suspend, DVFS) is what firmware reads here. The CMU's own
 * state is what has no meaning in the tree: the lock interrupt's status
 * and enable, and the sticky error bits of refused programming.
 *
 * The lock interrupt is an event: IRQ_STATUS.LOCKn is set when PLL n
 * locks (its output starts), and stays set until written 1 to clear. The
 * interrupt line is IRQ_STATUS & IRQ_ENABLE.
 *
 * Power: PD_OFF loses the register state, which is the configuration of
 * the outputs, so the tree returns to its reset configuration; while the
 * domain is not on, register accesses are bus errors and lock events are
 * not recorded. The CMU normally sits in the always-on domain.
 */
#include "devices/cmu.h"

#include <stdbool.h>
#include <stdlib.h>

#include "sim/dt.h"

enum {
	CMU_ID = 0x000,
	CMU_CONFIG = 0x004,
	CMU_GATE_PRESENT = 0x008,
	CMU_IRQ_STATUS = 0x010,
	CMU_IRQ_ENABLE = 0x014,
	CMU_ERROR = 0x018,
	CMU_PLL_BASE = 0x100,   /* + 0x10 * n: CTRL, STATUS */
	CMU_MUX_SEL = 0x200,    /* + 4 * n */
	CMU_MUX_STATUS = 0x240, /* + 4 * n */
	CMU_DIV_BASE = 0x300,   /* + 4 * n */
	CMU_GATE = 0x400,
	CMU_GATE_SET = 0x404,
	CMU_GATE_CLR = 0x408,
};

/* "CMU" and version 1. */
#define CMU_ID_VALUE 0x434d5501u

#define CMU_NPLL 4u
#define CMU_NMUX 4u
#define CMU_NDIV 16u
#define CMU_NGATE 32u
/* Clock cells of the first output of each kind (docs/devices/cmu.md). */
#define CMU_MUX_FIRST 16u
#define CMU_DIV_FIRST 32u
#define CMU_GATE_FIRST 64u

#define PLL_CTRL_EN (1u << 0)
#define PLL_CTRL_MULT_SHIFT 8
#define PLL_CTRL_MULT_MASK 0xfffu
#define PLL_CTRL_DIV_SHIFT 24
#define PLL_CTRL_DIV_MASK 0x3fu
#define PLL_STATUS_LOCKED (1u << 0)
#define PLL_STATUS_LOCKING (1u << 1)
#define MUX_SEL_MASK 3u
#define MUX_STATUS_RUNNING (1u << 8)
#define DIV_MASK 0xffu

#define ERR_PLL(n) (1u << (n))
#define ERR_MUX(n) (1u << (4 + (n)))
#define ERR_DIV(n) (1u << (8 + (n)))

struct cmu_lock_sub {
	struct cmu *cmu;
	unsigned n;
};

struct cmu {
	struct sched *sched;
	struct clk_tree *tree;
	struct irq_line irq;
	struct clk *pll[CMU_NPLL], *mux[CMU_NMUX], *div[CMU_NDIV], *gate[CMU_NGATE];
	struct cmu_lock_sub lock_sub[CMU_NPLL];
	uint32_t irq_status, irq_enable, error;
	int irq_level;
	enum pd_state power;
};

static void cmu_update_irq(struct cmu *c)
{
	int level = (c->irq_status & c->irq_enable) != 0;
	if (level != c->irq_level) {
		c->irq_level = level;
		irq_set(&c->irq, level);
	}
}

/* PLL n's output changed: when it starts, the PLL has locked. */
static void cmu_pll_rate(void *opaque, simtime_t now, uint64_t hz)
{
	struct cmu_lock_sub *s = opaque;
	struct cmu *c = s->cmu;
	if (c->power != PD_ON || !hz || !clk_pll_locked(c->pll[s->n]))
		return;
	c->irq_status |= 1u << s->n;
	cmu_update_irq(c);
}

/* ---- registers ---------------------------------------------------------------- */

static uint32_t cmu_config(const struct cmu *c)
{
	uint32_t v = 0;
	for (unsigned n = 0; n < CMU_NPLL; n++)
		v |= c->pll[n] ? 1u << n : 0;
	for (unsigned n = 0; n < CMU_NMUX; n++)
		v |= c->mux[n] ? 1u << (4 + n) : 0;
	for (unsigned n = 0; n < CMU_NDIV; n++)
		v |= c->div[n] ? 1u << (8 + n) : 0;
	return v;
}

static uint32_t cmu_gates(const struct cmu *c, bool present_only)
{
	uint32_t v = 0;
	for (unsigned n = 0; n < CMU_NGATE; n++)
		if (c->gate[n] && (present_only || clk_gate_get(c->gate[n])))
			v |= 1u << n;
	return v;
}

static uint32_t cmu_reg_read(struct cmu *c, uint32_t off)
{
	if (off >= CMU_PLL_BASE && off < CMU_PLL_BASE + 0x10 * CMU_NPLL) {
		struct clk *p = c->pll[(off - CMU_PLL_BASE) / 0x10];
		if (!p)
			return 0;
		bool en;
		uint32_t mult, div;
		clk_pll_config(p, &en, &mult, &div);
		switch (off & 0xf) {
		case 0x0:
			return (en ? PLL_CTRL_EN : 0) |
			       (mult & PLL_CTRL_MULT_MASK) << PLL_CTRL_MULT_SHIFT |
			       (div & PLL_CTRL_DIV_MASK) << PLL_CTRL_DIV_SHIFT;
		case 0x4:
			if (clk_pll_locked(p))
				return PLL_STATUS_LOCKED;
			return en ? PLL_STATUS_LOCKING : 0;
		default:
			return 0;
		}
	}
	if (off >= CMU_MUX_SEL && off < CMU_MUX_SEL + 4 * CMU_NMUX) {
		struct clk *m = c->mux[(off - CMU_MUX_SEL) / 4];
		return m ? clk_mux_selected(m) : 0;
	}
	if (off >= CMU_MUX_STATUS && off < CMU_MUX_STATUS + 4 * CMU_NMUX) {
		struct clk *m = c->mux[(off - CMU_MUX_STATUS) / 4];
		if (!m)
			return 0;
		/* The switch is immediate, so the active input is the selected
		 * one; RUNNING says whether it has edges. */
		return clk_mux_selected(m) | (clk_rate(m) ? MUX_STATUS_RUNNING : 0);
	}
	if (off >= CMU_DIV_BASE && off < CMU_DIV_BASE + 4 * CMU_NDIV) {
		struct clk *d = c->div[(off - CMU_DIV_BASE) / 4];
		return d ? clk_div_get(d) : 0;
	}
	switch (off) {
	case CMU_ID:
		return CMU_ID_VALUE;
	case CMU_CONFIG:
		return cmu_config(c);
	case CMU_GATE_PRESENT:
		return cmu_gates(c, true);
	case CMU_IRQ_STATUS:
		return c->irq_status;
	case CMU_IRQ_ENABLE:
		return c->irq_enable;
	case CMU_ERROR:
		return c->error;
	case CMU_GATE:
	case CMU_GATE_SET:
	case CMU_GATE_CLR:
		return cmu_gates(c, false);
	default:
		return 0;
	}
}

/* Open and close the present gates as `on` says, in bit order. */
static void cmu_write_gates(struct cmu *c, uint32_t on)
{
	for (unsigned n = 0; n < CMU_NGATE; n++)
		if (c->gate[n])
			clk_gate_set(c->gate[n], on & (1u << n));
}

static void cmu_reg_write(struct cmu *c, uint32_t off, uint32_t val)
{
	if (off >= CMU_PLL_BASE && off < CMU_PLL_BASE + 0x10 * CMU_NPLL) {
		unsigned n = (off - CMU_PLL_BASE) / 0x10;
		if (!c->pll[n] || (off & 0xf) != 0)
			return;
		uint32_t mult = (val >> PLL_CTRL_MULT_SHIFT) & PLL_CTRL_MULT_MASK;
		uint32_t div = (val >> PLL_CTRL_DIV_SHIFT) & PLL_CTRL_DIV_MASK;
		if (clk_pll_set(c->pll[n], val & PLL_CTRL_EN, mult, div))
			c->error |= ERR_PLL(n);
		return;
	}
	if (off >= CMU_MUX_SEL && off < CMU_MUX_SEL + 4 * CMU_NMUX) {
		unsigned n = (off - CMU_MUX_SEL) / 4;
		if (c->mux[n] && clk_mux_select(c->mux[n], val & MUX_SEL_MASK))
			c->error |= ERR_MUX(n);
		return;
	}
	if (off >= CMU_DIV_BASE && off < CMU_DIV_BASE + 4 * CMU_NDIV) {
		unsigned n = (off - CMU_DIV_BASE) / 4;
		if (c->div[n] && clk_div_set(c->div[n], val & DIV_MASK))
			c->error |= ERR_DIV(n);
		return;
	}
	switch (off) {
	case CMU_IRQ_STATUS:
		c->irq_status &= ~val;
		cmu_update_irq(c);
		break;
	case CMU_IRQ_ENABLE:
		/* One bit per present PLL; the others read 0. */
		c->irq_enable = val & cmu_config(c) & ((1u << CMU_NPLL) - 1);
		cmu_update_irq(c);
		break;
	case CMU_ERROR:
		c->error &= ~val;
		break;
	case CMU_GATE:
		cmu_write_gates(c, val);
		break;
	case CMU_GATE_SET:
		cmu_write_gates(c, cmu_gates(c, false) | val);
		break;
	case CMU_GATE_CLR:
		cmu_write_gates(c, cmu_gates(c, false) & ~val);
		break;
	default:
		/* ID, CONFIG, status and reserved offsets ignore writes. */
		break;
	}
}

static int cmu_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct cmu *c = opaque;
	if (c->power != PD_ON)
		return BUS_ERR_DEVICE;
	*val = cmu_reg_read(c, offset);
	return BUS_OK;
}

static int cmu_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct cmu *c = opaque;
	if (c->power != PD_ON)
		return BUS_ERR_DEVICE;
	cmu_reg_write(c, offset, val);
	return BUS_OK;
}

/* Registers are words: fields such as PLL CTRL must change together. */
static const struct bus_ops cmu_ops = {
	.name = "cmu",
	.sizes = BUS_SIZE_32,
	.read = cmu_mmio_read,
	.write = cmu_mmio_write,
};

/* ---- life cycle --------------------------------------------------------------- */

struct cmu *cmu_new(struct bus *bus, struct sched *sched, struct clk_tree *tree, int node_off,
		    uint32_t base, struct irq_line irq, struct err *e)
{
	struct cmu *c = calloc(1, sizeof *c);
	if (!c) {
		errf(e, "out of memory creating the CMU");
		return NULL;
	}
	c->sched = sched;
	c->tree = tree;
	c->irq = irq;
	c->power = PD_ON;
	for (unsigned n = 0; n < CMU_NPLL; n++)
		c->pll[n] = clk_provider_output(tree, node_off, n);
	for (unsigned n = 0; n < CMU_NMUX; n++)
		c->mux[n] = clk_provider_output(tree, node_off, CMU_MUX_FIRST + n);
	for (unsigned n = 0; n < CMU_NDIV; n++)
		c->div[n] = clk_provider_output(tree, node_off, CMU_DIV_FIRST + n);
	for (unsigned n = 0; n < CMU_NGATE; n++)
		c->gate[n] = clk_provider_output(tree, node_off, CMU_GATE_FIRST + n);
	for (unsigned n = 0; n < CMU_NPLL; n++) {
		if (!c->pll[n])
			continue;
		c->lock_sub[n] = (struct cmu_lock_sub){ c, n };
		if (clk_subscribe(c->pll[n], cmu_pll_rate, &c->lock_sub[n])) {
			cmu_free(c);
			errf(e, "out of memory creating the CMU");
			return NULL;
		}
	}
	if (bus_add_mmio(bus, "cmu", base, 0x1000, &cmu_ops, c) < 0) {
		cmu_free(c);
		errf(e, "cannot map the CMU at 0x%08x (overlaps another region?)", base);
		return NULL;
	}
	return c;
}

/* The bus keeps no way to unmap a region: free a CMU only when its bus is
 * being torn down as well. */
void cmu_free(struct cmu *c)
{
	if (!c)
		return;
	for (unsigned n = 0; n < CMU_NPLL; n++)
		if (c->pll[n])
			clk_unsubscribe(c->pll[n], cmu_pll_rate, &c->lock_sub[n]);
	free(c);
}

void cmu_reset(struct cmu *c)
{
	clk_tree_reset(c->tree);
	c->irq_status = 0;
	c->irq_enable = 0;
	c->error = 0;
	cmu_update_irq(c);
}

void cmu_set_power(struct cmu *c, enum pd_state st)
{
	c->power = st;
	if (st == PD_OFF)
		cmu_reset(c);
}

/* ---- device-tree binding ------------------------------------------------------ */

static int cmu_create(struct soc *soc, const struct dt_node *node, void **state, struct err *e)
{
	uint32_t base, size, irq;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the CMU's 4 KiB register block",
			    node->path, size);
	if (!soc->clocks)
		return errf(e, "%s: the SoC has no clock tree for the CMU to program", node->path);
	struct irq_line line = { 0 };
	if (dt_cells(node, "interrupts")) {
		if (dt_irq(node, 0, &irq, e) < 0)
			return -1;
		if (soc->num_irq && irq >= soc->num_irq)
			return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
				    node->path, irq, soc->num_irq);
		line = soc_irq(soc, irq);
	}
	struct err why;
	struct cmu *c = cmu_new(&soc->bus, &soc->sched, soc->clocks, node->off, base, line, &why);
	if (!c)
		return errf(e, "%s: %s", node->path, why.msg);
	*state = c;
	return 0;
}

static void cmu_destroy(void *state)
{
	cmu_free(state);
}

static void cmu_type_reset(void *state)
{
	cmu_reset(state);
}

static void cmu_type_power(void *state, enum pd_state st)
{
	cmu_set_power(state, st);
}

const struct dev_type cmu_dev_type = {
	.compatible = "pmsim,cmu",
	.create = cmu_create,
	.destroy = cmu_destroy,
	.reset = cmu_type_reset,
	.power = cmu_type_power,
};
