/*
 * The pmsim PMIC: a register front-end for the regulators of a
 * `pmsim,pmic` node (docs/devices/pmic.md). Real PMICs are reached over
 * I2C or SPMI; pmsim maps this one into the address space so that
 * firmware programs it with plain loads and stores, and the bus latency of
 * a serial link is not modelled.
 *
 * Everything electrical (ramp rate, steps, enable and off delays,
 * efficiency curves and modes) belongs to the rails (pm/regulator.c); the
 * registers only switch them, move their set-points, ask for a mode and
 * show what they are doing. The
 * status is read from the rails at the moment of the access, so it is
 * right whoever changed the rail (firmware through these registers, or the
 * power-management unit directly). The one state of its own is the error
 * flags (a refused request) and the interrupt: the PMIC subscribes to each
 * rail and latches a per-regulator bit whenever that rail reaches its
 * set-point, at the end of an enable delay or of a ramp.
 */
#include "devices/pmic.h"

#include <libfdt.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dt.h"
#include "sim/err.h"
#include "sim/soc.h"

struct pmic;

struct pmic_reg {
	struct pmic *p;
	struct pm_rail *rail;
	bool err;
};

struct pmic {
	struct sched *sched;
	struct irq_line irq;
	int irq_level;
	uint32_t irq_status, irq_enable;
	unsigned n;
	struct pmic_reg regs[PMIC_MAX_REGULATORS];
};

static void pmic_update_irq(struct pmic *p)
{
	int level = (p->irq_status & p->irq_enable) != 0;
	if (level != p->irq_level) {
		p->irq_level = level;
		irq_set(&p->irq, level);
	}
}

/* A rail's output changed: latch "reached the set-point" when it did. */
static void pmic_rail_changed(void *opaque, simtime_t now, uint32_t microvolt, bool on)
{
	struct pmic_reg *rg = opaque;
	struct pmic *p = rg->p;
	if (!on || microvolt != rail_target_microvolt(rg->rail))
		return;
	p->irq_status |= 1u << (rg - p->regs);
	pmic_update_irq(p);
}

static uint32_t pmic_status(const struct pmic *p, const struct pmic_reg *rg)
{
	const struct pm_rail *r = rg->rail;
	simtime_t settle = rail_settle_time(r);
	uint32_t st = 0;
	if (rail_is_on(r))
		st |= PMIC_ST_ON;
	if (settle == SIMTIME_NEVER)
		st |= PMIC_ST_WAITING;
	else if (settle > sched_now(p->sched))
		st |= PMIC_ST_RAMPING;
	else
		st |= PMIC_ST_SETTLED;
	if (rg->err)
		st |= PMIC_ST_ERR;
	return st;
}

static uint32_t pmic_reg_read(struct pmic *p, uint32_t off)
{
	switch (off) {
	case PMIC_ID: return PMIC_ID_VALUE;
	case PMIC_VERSION: return PMIC_VERSION_VALUE;
	case PMIC_NREG: return p->n;
	case PMIC_IRQ_STATUS: return p->irq_status;
	case PMIC_IRQ_ENABLE: return p->irq_enable;
	default:
		break;
	}
	if (off < PMIC_REG_BASE)
		return 0;
	unsigned i = (off - PMIC_REG_BASE) / PMIC_REG_STRIDE;
	if (i >= p->n)
		return 0;
	const struct pmic_reg *rg = &p->regs[i];
	switch ((off - PMIC_REG_BASE) % PMIC_REG_STRIDE) {
	case PMIC_REG_CTRL: return rail_is_enabled(rg->rail) ? PMIC_CTRL_EN : 0;
	case PMIC_REG_VSET: return rail_target_microvolt(rg->rail);
	case PMIC_REG_STATUS: return pmic_status(p, rg);
	case PMIC_REG_VOUT: return rail_microvolt(rg->rail);
	case PMIC_REG_MODE:
		return rail_mode(rg->rail) | rail_op_mode(rg->rail) << PMIC_MODE_OP_SHIFT;
	default: return 0;
	}
}

static void pmic_reg_write(struct pmic *p, uint32_t off, uint32_t val)
{
	switch (off) {
	case PMIC_IRQ_STATUS:
		p->irq_status &= ~val;
		pmic_update_irq(p);
		return;
	case PMIC_IRQ_ENABLE:
		p->irq_enable = val & (p->n == 32 ? ~0u : (1u << p->n) - 1);
		pmic_update_irq(p);
		return;
	default:
		break;
	}
	if (off < PMIC_REG_BASE)
		return;
	unsigned i = (off - PMIC_REG_BASE) / PMIC_REG_STRIDE;
	if (i >= p->n)
		return;
	struct pmic_reg *rg = &p->regs[i];
	switch ((off - PMIC_REG_BASE) % PMIC_REG_STRIDE) {
	case PMIC_REG_CTRL:
		/* Refused only when switching off an always-on regulator. */
		if (rail_enable(rg->rail, val & PMIC_CTRL_EN) == SIMTIME_NEVER &&
		    !(val & PMIC_CTRL_EN))
			rg->err = true;
		break;
	case PMIC_REG_VSET:
		if (rail_set_voltage(rg->rail, val) == SIMTIME_NEVER)
			rg->err = true;
		break;
	case PMIC_REG_MODE:
		/* A mode outside regulator-allowed-modes is refused like a bad
		 * VSET; the read-only bits are ignored. */
		if (rail_set_mode(rg->rail, val & PMIC_MODE_SET_MASK) < 0)
			rg->err = true;
		break;
	case PMIC_REG_STATUS:
		if (val & PMIC_ST_ERR)
			rg->err = false;
		break;
	default:
		break;
	}
}

/* Word accesses only (the bus refuses the others): the registers hold
 * microvolts and bit masks, and a narrow write of a set-point would be a
 * different voltage, not part of one. */
static int pmic_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	if (offset & 3)
		return BUS_ERR_DEVICE;
	*val = pmic_reg_read(opaque, offset);
	return BUS_OK;
}

static int pmic_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	if (offset & 3)
		return BUS_ERR_DEVICE;
	pmic_reg_write(opaque, offset, val);
	return BUS_OK;
}

static const struct bus_ops pmic_ops = {
	.name = "pmic",
	.sizes = BUS_SIZE_32,
	.read = pmic_mmio_read,
	.write = pmic_mmio_write,
};

/* ---- lifetime ------------------------------------------------------------ */

void pmic_reset(struct pmic *p)
{
	p->irq_status = 0;
	p->irq_enable = 0;
	for (unsigned i = 0; i < p->n; i++)
		p->regs[i].err = false;
	pmic_update_irq(p);
}

struct pmic *pmic_new(struct bus *bus, struct sched *s, uint32_t base,
		      struct pm_rail *const *rails, unsigned n, struct irq_line irq)
{
	if (!n || n > PMIC_MAX_REGULATORS)
		return NULL;
	struct pmic *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->sched = s;
	p->irq = irq;
	p->n = n;
	for (unsigned i = 0; i < n; i++) {
		p->regs[i].p = p;
		p->regs[i].rail = rails[i];
	}
	if (bus_add_mmio(bus, "pmic", base, 0x1000, &pmic_ops, p) < 0) {
		free(p);
		return NULL;
	}
	for (unsigned i = 0; i < n; i++) {
		if (rail_subscribe(rails[i], pmic_rail_changed, &p->regs[i]) < 0) {
			/* The bus keeps the mapping; the SoC fails as a whole. */
			free(p);
			return NULL;
		}
	}
	pmic_reset(p);
	return p;
}

void pmic_free(struct pmic *p)
{
	free(p);
}

/* ---- device-tree binding ------------------------------------------------- */

/* The PMIC's regulators, in the order the register blocks number them:
 * the enabled children of its `regulators` node, or of the PMIC node
 * itself when it has none (the same rule as pm/regulator.c). */
static int pmic_rails(struct soc *soc, const struct dt_node *node, struct pm_rail **rails,
		      unsigned *n, struct err *e)
{
	const void *fdt = node->fdt;
	int parent = fdt_subnode_offset(fdt, node->off, "regulators");
	if (parent < 0)
		parent = node->off;
	int child;
	*n = 0;
	fdt_for_each_subnode(child, fdt, parent) {
		const char *st = fdt_getprop(fdt, child, "status", NULL);
		if (st && strcmp(st, "okay") && strcmp(st, "ok"))
			continue;
		const char *name = fdt_get_name(fdt, child, NULL);
		if (*n == PMIC_MAX_REGULATORS)
			return errf(e, "%s: more than %u regulators (at '%s')", node->path,
				    PMIC_MAX_REGULATORS, name);
		struct pm_rail *r = rail_by_node(soc->rails, child);
		if (!r)
			return errf(e, "%s: regulator '%s' is not in the SoC's rail set", node->path,
				    name);
		rails[(*n)++] = r;
	}
	if (!*n)
		return errf(e, "%s: no regulator nodes (expected children of a 'regulators' node)",
			    node->path);
	return 0;
}

static int pmic_create(struct soc *soc, const struct dt_node *node, void **state,
		       struct err *e)
{
	uint32_t base, size;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the PMIC's 4 KiB register block",
			    node->path, size);
	if (!soc->rails)
		return errf(e, "%s: the SoC has no rail set to program", node->path);
	struct pm_rail *rails[PMIC_MAX_REGULATORS];
	unsigned n;
	if (pmic_rails(soc, node, rails, &n, e) < 0)
		return -1;
	struct irq_line irq = { 0 };
	if (dt_bool(node, "interrupts")) {
		uint32_t line;
		if (dt_irq(node, 0, &line, e) < 0)
			return -1;
		if (soc->num_irq && line >= soc->num_irq)
			return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
				    node->path, line, soc->num_irq);
		irq = soc_irq(soc, line);
	}
	struct pmic *p = pmic_new(&soc->bus, &soc->sched, base, rails, n, irq);
	if (!p)
		return errf(e, "%s: cannot map the PMIC at 0x%08x (overlaps another region?)",
			    node->path, base);
	*state = p;
	return 0;
}

static void pmic_destroy(void *state)
{
	pmic_free(state);
}

static void pmic_type_reset(void *state)
{
	pmic_reset(state);
}

const struct dev_type pmic_dev_type = {
	.compatible = "pmsim,pmic",
	.create = pmic_create,
	.destroy = pmic_destroy,
	.reset = pmic_type_reset,
};
