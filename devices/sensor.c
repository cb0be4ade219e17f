/*
 * pmsim's sensor/ADC (docs/devices/sensor.md): a converter that samples a
 * deterministic synthetic signal (the sawtooth of sensor_sample_value, or
 * a scenario's function of time) into a FIFO at one sample every RATE
 * cycles of its clock, raises an interrupt when the FIFO reaches a
 * threshold (or overruns, or is read empty) and drives an "rx" DMA request
 * line: `single` while the FIFO holds a sample, `burst` while it holds
 * BURST samples. This is the periodic stream that keeps a SoC from
 * sleeping, so its timing is exact and its cost is accounted for.
 *
 * Time: nothing runs per sample. The model keeps the reference time its
 * clock last (re)started, the clock edges since then already accounted
 * for, and the edges counted towards the next sample. Any access brings it
 * up to date from sched_now(): floor((now - ref) * hz / 1e12) edges, so
 * sample n of a run is exactly at enable + n * RATE / hz, however long the
 * run. The samples that arrived since the last look are pushed at once
 * (only those that fit; the rest are counted as dropped). One scheduler
 * event marks the next sample at which something becomes visible outside:
 * the FIFO reaching the interrupt threshold, reaching one sample or the
 * burst size (DMA request levels), the first overrun (with its interrupt
 * enabled), or the one sample of a single-shot conversion.
 *
 * Energy: `pmsim,femtojoule-per-cycle` is booked by the PMU like any device's.
 * The conversions themselves (`pmsim,picojoule-per-sample`) go to the
 * model's own meter, as the equivalent power pJ * sample rate while
 * continuous sampling runs (exact at every sample instant, never off by
 * more than one sample in between, and no event per sample), and as one
 * discrete energy per single-shot conversion.
 */
#include "devices/sensor.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/meter.h"
#include "sim/dt.h"
#include "sim/err.h"

/* Register offsets. */
enum {
	SENSOR_ID = 0x000,
	SENSOR_CTRL = 0x004,
	SENSOR_RATE = 0x008,
	SENSOR_LEVEL = 0x00c,
	SENSOR_THRESH = 0x010,
	SENSOR_BURST = 0x014,
	SENSOR_DATA = 0x018,
	SENSOR_STATUS = 0x01c,
	SENSOR_COUNT = 0x020,
	SENSOR_DROPPED = 0x024,
	SENSOR_DEPTH = 0x028,
};

#define SENSOR_ID_VALUE 0x534e5331u /* "SNS1" */

/* CTRL. FLUSH is an action: it reads as zero. */
#define CTRL_EN (1u << 0)
#define CTRL_SINGLE (1u << 1)
#define CTRL_THIE (1u << 2)
#define CTRL_ERRIE (1u << 3)
#define CTRL_DMAEN (1u << 4)
#define CTRL_FLUSH (1u << 8)
#define CTRL_WMASK 0x1fu

/* STATUS. OVR and UDR are sticky and cleared by writing 1. */
#define ST_EMPTY (1u << 0)
#define ST_FULL (1u << 1)
#define ST_THR (1u << 2)
#define ST_OVR (1u << 3)
#define ST_UDR (1u << 4)
#define ST_ACTIVE (1u << 5)
#define ST_IRQ (1u << 6)
#define ST_W1C (ST_OVR | ST_UDR)

#define BURST_RESET 4u

/* States on the trace stream (variable "state"). */
enum sensor_trace_state { SENSOR_TS_OFF, SENSOR_TS_RETENTION, SENSOR_TS_IDLE, SENSOR_TS_SAMPLING };
static const char *const sensor_ts_label[] = { "off", "retention", "idle", "sampling" };

/* Time in picoseconds times a rate in Hz does not fit 64 bits. */
__extension__ typedef unsigned __int128 sensor_u128;

struct sensor {
	struct bus *bus;
	struct sched *sched;
	struct irq_line irq;
	struct dma_line dma;
	struct trace *trace;
	uint32_t base;
	char name[64];

	/* Fixed at creation. */
	uint32_t depth;
	uint32_t sample_hz;
	uint32_t rate_reset;    /* 0 until the clock has run once */
	double pj;

	/* Inputs. */
	uint64_t hz;            /* 0: clock stopped */
	enum pd_state pd;

	/* Registers. */
	uint32_t ctrl, rate, thresh, burst, status, count, dropped;

	/* The FIFO. */
	uint32_t fifo[SENSOR_FIFO_MAX];
	uint32_t head, level;

	/* Time keeping (see the top of the file). */
	simtime_t ref;
	uint64_t edges;         /* edges since ref already accounted for */
	uint32_t pre;           /* edges counted towards the next sample */
	struct sched_event ev;

	/* Outputs as last driven: the interrupt as the model asserts it
	 * (STATUS.IRQ) and as the line carries it (a stuck fault added). */
	int irq_own, irq_level;
	bool dma_single, dma_burst;
	int traced;             /* last state put on the trace, -1: none */

	struct pm_meter meter;
	uint64_t total_dropped, dma_done;

	/* The signal sampled (sensor_set_signal); NULL: the sawtooth. */
	uint32_t (*signal)(void *opaque, simtime_t t, uint32_t k);
	void *signal_opaque;

	/* A scenario's stuck-at faults on the output wires (sensor_fault):
	 * they hold the line high whatever the model drives. */
	bool stuck_irq, stuck_dma;

	int node_off;           /* the DT node, for realize; -1 outside a SoC */
};

/* ---- time arithmetic ------------------------------------------------------ */

/* Clock edges in `dt` picoseconds at `hz`: floor(dt * hz / 1e12). */
static uint64_t sensor_edges_in(simtime_t dt, uint64_t hz)
{
	return (uint64_t)((sensor_u128)dt * hz / PS_PER_S);
}

/* The first time (after the reference) at which `k` edges have occurred,
 * ceil(k * 1e12 / hz), the exact inverse of sensor_edges_in; SIMTIME_NEVER
 * beyond the end of simulated time. */
static simtime_t sensor_edge_time(uint64_t k, uint64_t hz)
{
	sensor_u128 t = ((sensor_u128)k * PS_PER_S + hz - 1) / hz;
	return t >= SIMTIME_NEVER ? SIMTIME_NEVER : (simtime_t)t;
}

/* ---- sampling ------------------------------------------------------------- */

static bool sensor_running(const struct sensor *s)
{
	return (s->ctrl & CTRL_EN) && s->hz && s->rate && s->pd == PD_ON;
}

/* RATE's reset value is a strap for the clock the SoC was designed with:
 * floor(clock / pmsim,sample-hz), taken from the clock's rate when the
 * sensor is built or, if its clock is gated then (as peripheral clocks
 * are at reset), the first time it runs. Until then RATE reads 0. */
static void sensor_latch_rate(struct sensor *s)
{
	if (s->rate_reset || !s->hz)
		return;
	uint64_t r = s->hz / s->sample_hz;
	s->rate_reset = r < 1 ? 1 : r > UINT32_MAX ? UINT32_MAX : (uint32_t)r;
	if (!s->rate)
		s->rate = s->rate_reset;
}

/* `lost` conversions found the FIFO full: an overrun. */
static void sensor_lose(struct sensor *s, uint64_t lost)
{
	s->status |= ST_OVR;
	s->count += (uint32_t)lost; /* the sample number counts every conversion */
	s->total_dropped += lost;
	s->dropped = lost > UINT32_MAX - s->dropped ? UINT32_MAX : s->dropped + (uint32_t)lost;
}

/* The value of sample number k, completed at clock edge `edge` after the
 * reference time: the sawtooth, or the signal's code at the sample's own
 * time (however late the model gets round to it). */
static uint32_t sensor_value(const struct sensor *s, uint32_t k, uint64_t edge)
{
	if (!s->signal)
		return sensor_sample_value(k);
	simtime_t dt = sensor_edge_time(edge, s->hz);
	simtime_t t = dt > SIMTIME_NEVER - 1 - s->ref ? SIMTIME_NEVER - 1 : s->ref + dt;
	uint32_t code = s->signal(s->signal_opaque, t, k);
	return ((k & 0xffffu) << 16) | (code > 0xfffu ? 0xfffu : code);
}

/* `n` conversions complete, the first at clock edge `edge` after the
 * reference, the next ones RATE edges apart: those that fit go into the
 * FIFO in order, the rest are lost (the newest, as a full FIFO refuses
 * them). */
static void sensor_take(struct sensor *s, uint64_t n, uint64_t edge)
{
	uint64_t room = s->depth - s->level;
	uint64_t fit = n < room ? n : room;
	for (uint64_t i = 0; i < fit; i++) {
		s->fifo[(s->head + s->level) % s->depth] =
			sensor_value(s, s->count, edge + i * s->rate);
		s->level++;
		s->count++;
	}
	if (n > fit)
		sensor_lose(s, n - fit);
}

/* Bring the sampling up to sched_now(). */
static void sensor_sync(struct sensor *s)
{
	if (!sensor_running(s))
		return;
	uint64_t e = sensor_edges_in(sched_now(s->sched) - s->ref, s->hz);
	uint64_t n = e - s->edges;
	/* The edge at which the first of the new samples completed. */
	uint64_t first = s->edges + s->rate - s->pre;
	s->edges = e;
	uint64_t total = s->pre + n;
	uint64_t samples = total / s->rate;
	s->pre = (uint32_t)(total % s->rate);
	if (!samples)
		return;
	if (s->ctrl & CTRL_SINGLE) {
		/* One conversion, then the converter stops by itself. */
		sensor_take(s, 1, first);
		pm_meter_add(&s->meter, sched_now(s->sched), s->pj * 1e-12);
		s->ctrl &= ~CTRL_EN;
		s->pre = 0;
		return;
	}
	sensor_take(s, samples, first);
}

/* Account for everything up to now, then count afresh from now at the
 * present inputs; `restart` also restarts the period (enable, RATE). */
static void sensor_rebase(struct sensor *s, bool restart)
{
	sensor_sync(s);
	s->ref = sched_now(s->sched);
	s->edges = 0;
	if (restart)
		s->pre = 0;
}

static enum sensor_trace_state sensor_trace_state(const struct sensor *s)
{
	if (s->pd == PD_OFF)
		return SENSOR_TS_OFF;
	if (s->pd == PD_RETENTION)
		return SENSOR_TS_RETENTION;
	return sensor_running(s) ? SENSOR_TS_SAMPLING : SENSOR_TS_IDLE;
}

/* Drive every output from the present state: the interrupt line, the DMA
 * request, the meter's power and the trace, each only when it changes. */
static void sensor_outputs(struct sensor *s)
{
	simtime_t now = sched_now(s->sched);
	s->irq_own = ((s->ctrl & CTRL_THIE) && s->level >= s->thresh) ||
		     ((s->ctrl & CTRL_ERRIE) && (s->status & (ST_OVR | ST_UDR)));
	int level = s->irq_own || s->stuck_irq;
	if (level != s->irq_level) {
		s->irq_level = level;
		irq_set(&s->irq, level);
	}
	bool single = s->stuck_dma || ((s->ctrl & CTRL_DMAEN) && s->level >= 1);
	bool burst = s->stuck_dma || ((s->ctrl & CTRL_DMAEN) && s->level >= s->burst);
	if (single != s->dma_single || burst != s->dma_burst) {
		s->dma_single = single;
		s->dma_burst = burst;
		dma_request(&s->dma, single, burst);
	}
	double w = 0;
	if (sensor_running(s) && !(s->ctrl & CTRL_SINGLE))
		w = s->pj * 1e-12 * (double)s->hz / s->rate;
	if (w != s->meter.watts)
		pm_meter_set(&s->meter, now, w);
	enum sensor_trace_state ts = sensor_trace_state(s);
	if ((int)ts != s->traced) {
		s->traced = (int)ts;
		trace_state(s->trace, now, s->name, "state", ts, sensor_ts_label[ts]);
	}
}

/* The smaller of two sample counts, 0 meaning "none". */
static uint64_t sensor_sooner(uint64_t m, uint64_t c)
{
	return !m || c < m ? c : m;
}

/* The number of further samples after which an output changes (0: none
 * does, nothing to schedule). */
static uint64_t sensor_samples_to_next(const struct sensor *s)
{
	uint64_t m = 0;
	if (s->ctrl & CTRL_SINGLE)
		m = sensor_sooner(m, 1);
	if ((s->ctrl & CTRL_THIE) && s->level < s->thresh)
		m = sensor_sooner(m, s->thresh - s->level);
	if ((s->ctrl & CTRL_ERRIE) && !(s->status & ST_OVR))
		m = sensor_sooner(m, s->depth - s->level + 1);
	if ((s->ctrl & CTRL_DMAEN) && s->level < s->burst)
		m = sensor_sooner(m, s->level ? s->burst - s->level : 1);
	return m;
}

/* Queue the event for the next sample that matters, or cancel it. Call
 * after sensor_sync. */
static void sensor_schedule(struct sensor *s)
{
	uint64_t m;
	if (!sensor_running(s) || !(m = sensor_samples_to_next(s))) {
		sched_cancel(s->sched, &s->ev);
		return;
	}
	uint64_t k = s->edges + m * s->rate - s->pre;
	simtime_t dt = sensor_edge_time(k, s->hz);
	if (dt == SIMTIME_NEVER || dt > SIMTIME_NEVER - 1 - s->ref) {
		sched_cancel(s->sched, &s->ev);
		return;
	}
	sched_schedule(s->sched, &s->ev, s->ref + dt);
}

/* After any change: outputs, then the next event. */
static void sensor_update(struct sensor *s)
{
	sensor_outputs(s);
	sensor_schedule(s);
}

static void sensor_event(struct sched_event *ev, simtime_t now)
{
	struct sensor *s = container_of(ev, struct sensor, ev);
	(void)now; /* sched_now() is the event's time, which sync reads */
	sensor_sync(s);
	sensor_update(s);
}

/* ---- registers ------------------------------------------------------------ */

static uint32_t sensor_pop(struct sensor *s)
{
	if (!s->level) {
		s->status |= ST_UDR;
		return SENSOR_EMPTY_READ;
	}
	uint32_t v = s->fifo[s->head];
	s->head = (s->head + 1) % s->depth;
	s->level--;
	return v;
}

static uint32_t sensor_status(const struct sensor *s)
{
	uint32_t st = s->status & ST_W1C;
	if (!s->level)
		st |= ST_EMPTY;
	if (s->level >= s->depth)
		st |= ST_FULL;
	if (s->level >= s->thresh)
		st |= ST_THR;
	if (sensor_running(s))
		st |= ST_ACTIVE;
	if (s->irq_own)
		st |= ST_IRQ;
	return st;
}

static uint32_t sensor_reg_read(struct sensor *s, uint32_t off)
{
	switch (off) {
	case SENSOR_ID: return SENSOR_ID_VALUE;
	case SENSOR_CTRL: return s->ctrl;
	case SENSOR_RATE: return s->rate;
	case SENSOR_LEVEL: return s->level;
	case SENSOR_THRESH: return s->thresh;
	case SENSOR_BURST: return s->burst;
	case SENSOR_DATA: return sensor_pop(s);
	case SENSOR_STATUS: return sensor_status(s);
	case SENSOR_COUNT: return s->count;
	case SENSOR_DROPPED: return s->dropped;
	case SENSOR_DEPTH: return s->depth;
	default: return 0; /* reserved */
	}
}

/* THRESH and BURST hold 1..depth: 0 would be "always", beyond the depth
 * "never", both firmware mistakes that are easier to see clamped. */
static uint32_t sensor_clamp_level(const struct sensor *s, uint32_t v)
{
	return v < 1 ? 1 : v > s->depth ? s->depth : v;
}

static void sensor_write_ctrl(struct sensor *s, uint32_t val)
{
	if (val & CTRL_FLUSH) {
		s->head = 0;
		s->level = 0;
	}
	bool rising = !(s->ctrl & CTRL_EN) && (val & CTRL_EN);
	if (rising)
		sensor_rebase(s, true);
	s->ctrl = val & CTRL_WMASK;
}

static void sensor_reg_write(struct sensor *s, uint32_t off, uint32_t val)
{
	switch (off) {
	case SENSOR_CTRL:
		sensor_write_ctrl(s, val);
		break;
	case SENSOR_RATE:
		/* The next sample comes RATE cycles after the write. */
		sensor_rebase(s, true);
		s->rate = val ? val : 1;
		break;
	case SENSOR_THRESH:
		s->thresh = sensor_clamp_level(s, val);
		break;
	case SENSOR_BURST:
		s->burst = sensor_clamp_level(s, val);
		break;
	case SENSOR_STATUS:
		s->status &= ~(val & ST_W1C);
		break;
	case SENSOR_COUNT:
		s->count = val;
		break;
	case SENSOR_DROPPED:
		s->dropped = 0;
		break;
	default:
		/* ID, LEVEL, DATA, DEPTH and reserved offsets ignore writes. */
		break;
	}
}

/* A narrow read returns its lanes of the register (a read of DATA of any
 * width pops one sample); a narrow write at the register's own offset
 * writes it zero-extended, one at any other byte is ignored (the PL011's
 * rule). Without power the slave does not answer: a bus error, which a
 * DMA controller reports as a transfer error. */
static int sensor_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct sensor *s = opaque;
	if (s->pd != PD_ON)
		return BUS_ERR_DEVICE;
	sensor_sync(s);
	uint32_t v = sensor_reg_read(s, offset & ~3u) >> (8 * (offset & 3));
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	sensor_update(s);
	return BUS_OK;
}

static int sensor_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct sensor *s = opaque;
	if (s->pd != PD_ON)
		return BUS_ERR_DEVICE;
	if (offset & 3)
		return BUS_OK;
	if (size != 4)
		val &= (1u << (8 * size)) - 1;
	sensor_sync(s);
	sensor_reg_write(s, offset, val);
	sensor_update(s);
	return BUS_OK;
}

static const struct bus_ops sensor_ops = {
	.name = "sensor",
	.sizes = BUS_SIZES_ALL,
	.read = sensor_mmio_read,
	.write = sensor_mmio_write,
};

/* ---- lifetime, inputs and observers ---------------------------------------- */

static void sensor_regs_reset(struct sensor *s)
{
	s->ctrl = 0;
	s->rate = s->rate_reset;
	s->thresh = s->depth / 2 ? s->depth / 2 : 1;
	s->burst = BURST_RESET < s->depth ? BURST_RESET : s->depth;
	s->status = 0;
	s->count = 0;
	s->dropped = 0;
	s->head = 0;
	s->level = 0;
	s->pre = 0;
	s->ref = sched_now(s->sched);
	s->edges = 0;
}

void sensor_reset(struct sensor *s)
{
	sched_cancel(s->sched, &s->ev);
	sensor_regs_reset(s);
	sensor_update(s);
}

struct sensor *sensor_new(struct bus *bus, struct sched *sched, uint32_t base,
			  const struct sensor_config *cfg, struct irq_line irq)
{
	if (cfg->fifo_depth < SENSOR_FIFO_MIN || cfg->fifo_depth > SENSOR_FIFO_MAX ||
	    !cfg->sample_hz)
		return NULL;
	struct sensor *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->bus = bus;
	s->sched = sched;
	s->irq = irq;
	s->base = base;
	snprintf(s->name, sizeof s->name, "%s", cfg->name ? cfg->name : "sensor");
	s->depth = cfg->fifo_depth;
	s->sample_hz = cfg->sample_hz;
	s->pj = cfg->pj_per_sample;
	s->hz = cfg->clock_hz;
	s->pd = PD_ON;
	s->traced = -1;
	s->node_off = -1;
	pm_meter_init(&s->meter, s->name, "samples");
	sched_event_init(&s->ev, sensor_event, "sensor.sample");
	if (bus_add_mmio(bus, "sensor", base, 0x1000, &sensor_ops, s) < 0) {
		free(s);
		return NULL;
	}
	sensor_reset(s);
	sensor_latch_rate(s);
	return s;
}

/* The bus keeps no way to unmap a region: free a sensor only when its bus
 * is being torn down as well. */
void sensor_free(struct sensor *s)
{
	if (!s)
		return;
	sched_cancel(s->sched, &s->ev);
	free(s);
}

/* The clock changed: the edges so far count at the old rate, the period's
 * progress is kept, and counting goes on from now at the new rate (0 =
 * stopped: no conversions until it comes back). */
void sensor_set_clock(struct sensor *s, uint64_t hz)
{
	sensor_rebase(s, false);
	s->hz = hz;
	sensor_latch_rate(s);
	sensor_update(s);
}

/* PD_OFF loses everything (reset values, outputs low, event cancelled);
 * PD_RETENTION keeps every register and the period's progress but does
 * not convert; PD_ON converts again from the same progress. */
void sensor_set_power(struct sensor *s, enum pd_state st)
{
	sensor_rebase(s, false);
	s->pd = st;
	if (st == PD_OFF) {
		sensor_reset(s);
		return;
	}
	sensor_update(s);
}

void sensor_set_dma_line(struct sensor *s, const struct dma_line *line)
{
	s->dma = *line;
	dma_request(&s->dma, s->dma_single, s->dma_burst);
}

/* The controller finished one transfer from DATA (the read already popped
 * the sample): count it and present the request levels again, as a PL080
 * peripheral re-asserts its request after DMACCLR if it still has data. */
static void sensor_dma_done(void *periph, bool last)
{
	struct sensor *s = periph;
	(void)last; /* the block's end changes nothing here: the FIFO decides */
	s->dma_done++;
	sensor_sync(s);
	bool single = s->dma_single, burst = s->dma_burst;
	sensor_outputs(s);
	if (single == s->dma_single && burst == s->dma_burst)
		dma_request(&s->dma, single, burst);
	sensor_schedule(s);
}

struct dma_ack sensor_dma_ack(struct sensor *s)
{
	return (struct dma_ack){ sensor_dma_done, s };
}

void sensor_set_trace(struct sensor *s, struct trace *t)
{
	s->trace = t;
	s->traced = -1;
	sensor_outputs(s);
}

struct pm_meter *sensor_meter(struct sensor *s)
{
	return &s->meter;
}

uint32_t sensor_level(struct sensor *s)
{
	sensor_sync(s);
	sensor_update(s);
	return s->level;
}

uint64_t sensor_dropped(struct sensor *s)
{
	sensor_sync(s);
	sensor_update(s);
	return s->total_dropped;
}

uint64_t sensor_dma_transfers(struct sensor *s)
{
	return s->dma_done;
}

/* Samples already converted keep the values they had: only those that
 * complete from now on come from the new signal. */
void sensor_set_signal(struct sensor *s, uint32_t (*fn)(void *opaque, simtime_t t, uint32_t k),
		       void *opaque)
{
	sensor_sync(s);
	s->signal = fn;
	s->signal_opaque = fn ? opaque : NULL;
	sensor_update(s);
}

/* ---- faults ---------------------------------------------------------------- */

static const char *const sensor_faults[] = { "stuck-dma", "stuck-irq", "overrun", "clear",
					     NULL };

int sensor_fault(struct sensor *s, const char *kind, struct err *e)
{
	int k = soc_fault_kind(kind, sensor_faults, e);
	if (k < 0)
		return -1;
	sensor_sync(s);
	switch (k) {
	case 0:
		s->stuck_dma = true;
		break;
	case 1:
		s->stuck_irq = true;
		break;
	case 2:
		if (s->pd != PD_ON)
			return errf(e, "overrun needs the sensor's power domain on (it converts "
				    "nothing otherwise)");
		/* One more conversion, arriving at a FIFO taken as full. */
		sensor_lose(s, 1);
		pm_meter_add(&s->meter, sched_now(s->sched), s->pj * 1e-12);
		break;
	default:
		s->stuck_dma = s->stuck_irq = false;
		break;
	}
	sensor_update(s);
	return 0;
}

/* ---- device-tree binding -------------------------------------------------- */

#define SENSOR_DEFAULT_SAMPLE_HZ 1000u
#define SENSOR_DEFAULT_DEPTH 32u

/* A one-cell property, or `def` when absent; -1 (e filled) if malformed. */
static int sensor_dt_u32(const struct dt_node *n, const char *prop, uint32_t def, uint32_t *v,
			 struct err *e)
{
	int cells = dt_cells(n, prop);
	if (cells == 0) {
		*v = def;
		return 0;
	}
	if (cells != 1)
		return errf(e, "%s: property '%s' must be one 32-bit cell", n->path, prop);
	*v = dt_cell(n, prop, 0);
	return 0;
}

static int sensor_create(struct soc *soc, const struct dt_node *node, void **state,
			 struct err *e)
{
	uint32_t base, size, irq, hz_prop = 0, depth = 0, pj = 0;
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
	if (sensor_dt_u32(node, "pmsim,sample-hz", SENSOR_DEFAULT_SAMPLE_HZ, &hz_prop, e) ||
	    sensor_dt_u32(node, "pmsim,fifo-depth", SENSOR_DEFAULT_DEPTH, &depth, e) ||
	    sensor_dt_u32(node, "pmsim,picojoule-per-sample", 0, &pj, e))
		return -1;
	if (depth < SENSOR_FIFO_MIN || depth > SENSOR_FIFO_MAX)
		return errf(e, "%s: 'pmsim,fifo-depth' must be %u..%u (is %u)", node->path,
			    SENSOR_FIFO_MIN, SENSOR_FIFO_MAX, depth);
	uint64_t clk;
	if (soc_clock_hz(soc, node, 0, &clk, e) < 0)
		return -1;
	/* A gated clock is checked when it first runs (sensor_latch_rate
	 * clamps there, since a running SoC cannot refuse). */
	if (!hz_prop || (clk && hz_prop > clk))
		return errf(e, "%s: 'pmsim,sample-hz' must be 1..%llu (the sampling clock's rate), "
			    "not %u", node->path, (unsigned long long)(clk ? clk : UINT32_MAX),
			    hz_prop);
	if (clk / hz_prop > UINT32_MAX)
		return errf(e, "%s: 'pmsim,sample-hz' %u is too slow for a %llu Hz clock (RATE "
			    "would exceed 32 bits)", node->path, hz_prop, (unsigned long long)clk);
	const char *name = fdt_get_name(node->fdt, node->off, NULL);
	struct sensor_config cfg = {
		.clock_hz = clk,
		.sample_hz = hz_prop,
		.fifo_depth = depth,
		.pj_per_sample = pj,
		.name = name ? name : node->path,
	};
	struct sensor *s = sensor_new(&soc->bus, &soc->sched, base, &cfg, soc_irq(soc, irq));
	if (!s)
		return errf(e, "%s: cannot map the sensor at 0x%08x (overlaps another region?)",
			    node->path, base);
	s->node_off = node->off;
	sensor_set_trace(s, &soc->trace);
	/* The device's state is the sensor itself, so that a scenario that
	 * finds the device can drive it (docs/hooks.md). */
	*state = s;
	return 0;
}

/* Once every device exists: the DMA request line (if the node has `dmas`)
 * and the meter. */
static int sensor_realize(void *state, struct soc *soc, struct err *e)
{
	struct sensor *s = state;
	struct dt_node n = { .fdt = soc->fdt, .off = s->node_off };
	if (fdt_get_path(soc->fdt, s->node_off, n.path, sizeof n.path) != 0)
		snprintf(n.path, sizeof n.path, "%s", s->name);
	if (dt_cells(&n, "dmas") > 0) {
		struct dma_line line;
		if (soc_dma_line(soc, &n, "rx", sensor_dma_ack(s), &line, e))
			return -1;
		sensor_set_dma_line(s, &line);
	}
	/* The PMU draws it from the rail of the sensor's power domain
	 * (pmu_attach_device_meters). */
	soc_add_meter(soc, sensor_meter(s));
	return 0;
}

static void sensor_destroy(void *state)
{
	sensor_free(state);
}

static void sensor_type_reset(void *state)
{
	sensor_reset(state);
}

/* Clock 0 is the sampling clock; any other entry (a bus clock) is not
 * timed. */
static void sensor_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	if (idx == 0)
		sensor_set_clock(state, hz);
}

static void sensor_type_power(void *state, enum pd_state st)
{
	sensor_set_power(state, st);
}

static int sensor_type_fault(void *state, const char *kind, struct err *e)
{
	return sensor_fault(state, kind, e);
}

const struct dev_type sensor_dev_type = {
	.compatible = "pmsim,sensor",
	.create = sensor_create,
	.destroy = sensor_destroy,
	.reset = sensor_type_reset,
	.clock_rate = sensor_type_clock_rate,
	.power = sensor_type_power,
	.realize = sensor_realize,
	.fault = sensor_type_fault,
};
