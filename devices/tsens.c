/*
 * pmsim's temperature sensor `pmsim,tsens` (docs/devices/tsens.md): the
 * on-die sensor a thermal framework reads. It follows one node of the
 * SoC's thermal model (`pmsim,thermal-node`, "die" by default in the
 * configurations), and takes a sample each time the model steps
 * (thermal_subscribe) while CTRL.EN is set: nothing runs between steps,
 * since the model's temperatures hold between them (pm/thermal.h).
 *
 * A sample is the node's temperature in m°C rounded down to a multiple
 * of `pmsim,resolution-millicelsius` (an ADC's code is the step the value
 * lies in). It is compared with THR_HIGH (a sample >= it latches
 * STATUS.HIGH) and THR_LOW (a sample <= it latches STATUS.LOW); the
 * interrupt line is high while a latched bit has its enable in CTRL. The
 * thresholds are compared at samples only: moving a threshold below the
 * latest sample raises nothing until the next step, as on sensors whose
 * comparator runs with the conversion.
 *
 * PERIOD is the model's step (`pmsim,step-us` of the thermal model).
 *
 * The model is built after every device (it heats its nodes from their
 * meters): the device tree's model and node are checked when the sensor
 * is created, and the sensor starts following the model at the SoC's
 * reset, before anything runs.
 *
 * Power: `pmsim,leakage-microwatt` (and a clock's switching power) are booked
 * by the PMU as for any device. PD_OFF loses every register; PD_RETENTION
 * keeps them and takes no sample; without power the registers do not
 * answer (a bus error).
 */
#include "devices/tsens.h"

#include <libfdt.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/thermal.h"
#include "sim/dt.h"
#include "sim/err.h"
#include "sim/soc.h"

#define CTRL_WMASK (TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE | TSENS_CTRL_LOW_IE)
#define ST_W1C (TSENS_ST_HIGH | TSENS_ST_LOW)

struct tsens {
	struct sched *sched;
	struct thermal *th;
	unsigned node;          /* the thermal node sampled */
	uint32_t res_mc;
	struct irq_line irq;
	int irq_level;
	enum pd_state pd;

	/* Registers. */
	uint32_t ctrl, temp, thr_high, thr_low, status;

	struct soc *soc;        /* until the sensor follows the model */
	char path[256];
	char node_name[64];     /* `pmsim,thermal-node` */
};

int32_t tsens_quantize(double celsius, uint32_t res_mc)
{
	double q = floor(celsius * 1000.0 / res_mc) * res_mc;
	/* INT32_MIN is TEMP's "no sample": the lowest sample is one above. */
	if (q > INT32_MAX)
		return INT32_MAX;
	if (q <= INT32_MIN)
		return INT32_MIN + 1;
	return (int32_t)q;
}

static void tsens_update_irq(struct tsens *t)
{
	/* STATUS bit n is enabled by CTRL bit n + 1. */
	int level = ((t->status << 1) & t->ctrl & (TSENS_CTRL_HIGH_IE | TSENS_CTRL_LOW_IE)) != 0;
	if (level != t->irq_level) {
		t->irq_level = level;
		irq_set(&t->irq, level);
	}
}

/* After every step of the thermal model. */
static void tsens_step(void *opaque, simtime_t now)
{
	struct tsens *t = opaque;
	(void)now; /* the model's temperatures are those of this step */
	if (t->pd != PD_ON || !(t->ctrl & TSENS_CTRL_EN))
		return;
	int32_t v = tsens_quantize(thermal_celsius(t->th, t->node), t->res_mc);
	t->temp = (uint32_t)v;
	if (v >= (int32_t)t->thr_high)
		t->status |= TSENS_ST_HIGH;
	if (v <= (int32_t)t->thr_low)
		t->status |= TSENS_ST_LOW;
	tsens_update_irq(t);
}

/* ---- registers ------------------------------------------------------------ */

static uint32_t tsens_period_us(const struct tsens *t)
{
	if (!t->th)
		return 0;
	simtime_t us = thermal_step_ps(t->th) / PS_PER_US;
	return us > UINT32_MAX ? UINT32_MAX : (uint32_t)us;
}

static uint32_t tsens_reg_read(const struct tsens *t, uint32_t off)
{
	switch (off) {
	case TSENS_ID: return TSENS_ID_VALUE;
	case TSENS_CTRL: return t->ctrl;
	case TSENS_TEMP: return t->temp;
	case TSENS_THR_HIGH: return t->thr_high;
	case TSENS_THR_LOW: return t->thr_low;
	case TSENS_STATUS: return t->status;
	case TSENS_PERIOD: return tsens_period_us(t);
	default: return 0; /* reserved */
	}
}

static void tsens_reg_write(struct tsens *t, uint32_t off, uint32_t val)
{
	switch (off) {
	case TSENS_CTRL:
		t->ctrl = val & CTRL_WMASK;
		/* Off, the sensor holds no sample; on again, TEMP waits for
		 * the next step. */
		if (!(t->ctrl & TSENS_CTRL_EN))
			t->temp = TSENS_TEMP_INVALID;
		break;
	case TSENS_THR_HIGH:
		t->thr_high = val;
		break;
	case TSENS_THR_LOW:
		t->thr_low = val;
		break;
	case TSENS_STATUS:
		t->status &= ~(val & ST_W1C);
		break;
	default:
		/* ID, TEMP, PERIOD and reserved offsets ignore writes. */
		break;
	}
	tsens_update_irq(t);
}

/* Word accesses only (sizes below): the bus answers a byte or halfword
 * access with a bus error, as for the PMIC. */
static int tsens_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct tsens *t = opaque;
	(void)size;
	if (t->pd != PD_ON)
		return BUS_ERR_DEVICE;
	*val = tsens_reg_read(t, offset & ~3u);
	return BUS_OK;
}

static int tsens_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct tsens *t = opaque;
	(void)size;
	if (t->pd != PD_ON)
		return BUS_ERR_DEVICE;
	tsens_reg_write(t, offset & ~3u, val);
	return BUS_OK;
}

static const struct bus_ops tsens_ops = {
	.name = "tsens",
	.sizes = BUS_SIZE_32,
	.read = tsens_mmio_read,
	.write = tsens_mmio_write,
};

/* ---- lifetime --------------------------------------------------------------- */

/* Follow the thermal model, once it exists: the SoC builds it after every
 * device (it heats its nodes from their meters), so the sensor binds at
 * the SoC's reset, before anything runs. tsens_create already checked
 * the device tree's model and node, so a failure here is memory. */
static void tsens_bind(struct tsens *t)
{
	if (t->th || !t->soc || !t->soc->thermal)
		return;
	int i = thermal_node_index(t->soc->thermal, t->node_name);
	if (i < 0 || thermal_subscribe(t->soc->thermal, tsens_step, t) != 0) {
		soc_diag(t->soc, "%s: cannot follow the thermal model's node \"%s\"", t->path,
			 t->node_name);
		t->soc = NULL;
		return;
	}
	t->th = t->soc->thermal;
	t->node = (unsigned)i;
}

/* Registers to their reset values, the interrupt low. */
static void tsens_reset(struct tsens *t)
{
	t->ctrl = 0;
	t->temp = TSENS_TEMP_INVALID;
	t->thr_high = TSENS_THR_HIGH_RESET;
	t->thr_low = TSENS_THR_LOW_RESET;
	t->status = 0;
	tsens_update_irq(t);
}

static void tsens_set_power(struct tsens *t, enum pd_state st)
{
	t->pd = st;
	if (st == PD_OFF)
		tsens_reset(t);
}

/* ---- device-tree binding -------------------------------------------------- */

/* The thermal node the sensor reads: `pmsim,thermal-node`, which must
 * name a node of the SoC's thermal model (a child of its
 * `pmsim,thermal-rc` node). The model itself is built after the devices,
 * so its description is checked here, in the tree. */
static int tsens_dt_thermal_node(struct soc *soc, const struct dt_node *node, const char **out,
				 struct err *e)
{
	int rc = fdt_node_offset_by_compatible(soc->fdt, -1, "pmsim,thermal-rc");
	if (rc < 0)
		return errf(e, "%s: a 'pmsim,tsens' temperature sensor needs the SoC's thermal "
			    "model (a 'pmsim,thermal-rc' node), and this device tree has none",
			    node->path);
	const char *name = dt_string(node, "pmsim,thermal-node");
	if (!name)
		return errf(e, "%s: 'pmsim,thermal-node' (the name of the thermal node the "
			    "sensor reads, e.g. \"die\") is missing", node->path);
	char names[160] = "";
	int child;
	fdt_for_each_subnode(child, soc->fdt, rc) {
		const char *cn = fdt_get_name(soc->fdt, child, NULL);
		if (cn && !strcmp(cn, name)) {
			*out = name;
			return 0;
		}
		size_t len = strlen(names);
		snprintf(names + len, sizeof names - len, "%s\"%s\"", len ? ", " : "",
			 cn ? cn : "?");
	}
	return errf(e, "%s: 'pmsim,thermal-node' \"%s\" is not a node of the thermal model "
		    "(it has %s)", node->path, name, *names ? names : "none");
}

static int tsens_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size, irq;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the sensor's 4 KiB register "
			    "block", node->path, size);
	if (dt_cells(node, "interrupts") != 1)
		return errf(e, "%s: 'interrupts' must be one entry (the sensor's interrupt)",
			    node->path);
	if (dt_irq(node, 0, &irq, e) < 0)
		return -1;
	if (soc->num_irq && irq >= soc->num_irq)
		return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
			    node->path, irq, soc->num_irq);
	uint32_t res = TSENS_DEFAULT_RESOLUTION_MC;
	int cells = dt_cells(node, "pmsim,resolution-millicelsius");
	if (cells > 0) {
		if (cells != 1)
			return errf(e, "%s: property 'pmsim,resolution-millicelsius' must be one "
				    "32-bit cell", node->path);
		res = dt_cell(node, "pmsim,resolution-millicelsius", 0);
		if (res < 1 || res > 100000)
			return errf(e, "%s: 'pmsim,resolution-millicelsius' must be 1..100000 "
				    "(is %u)", node->path, res);
	}
	const char *node_name = NULL;
	if (tsens_dt_thermal_node(soc, node, &node_name, e) < 0)
		return -1;
	struct tsens *t = calloc(1, sizeof *t);
	if (!t)
		return errf(e, "out of memory");
	snprintf(t->node_name, sizeof t->node_name, "%s", node_name);
	t->soc = soc;
	t->sched = &soc->sched;
	t->irq = soc_irq(soc, irq);
	t->res_mc = res;
	t->pd = PD_ON;
	snprintf(t->path, sizeof t->path, "%s", node->path);
	if (bus_add_mmio(&soc->bus, "tsens", base, 0x1000, &tsens_ops, t) < 0) {
		free(t);
		return errf(e, "%s: cannot map the sensor at 0x%08x (overlaps another region?)",
			    node->path, base);
	}
	tsens_reset(t);
	*state = t;
	return 0;
}

static void tsens_destroy(void *state)
{
	free(state);
}

static void tsens_type_reset(void *state)
{
	tsens_bind(state);
	tsens_reset(state);
}

static void tsens_type_power(void *state, enum pd_state st)
{
	tsens_set_power(state, st);
}

const struct dev_type tsens_dev_type = {
	.compatible = "pmsim,tsens",
	.create = tsens_create,
	.destroy = tsens_destroy,
	.reset = tsens_type_reset,
	.power = tsens_type_power,
};
