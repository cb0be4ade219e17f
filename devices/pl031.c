/*
 * ARM PrimeCell real-time clock (PL031), register-compatible with the PL031
 * TRM (ARM DDI 0224) as Linux's rtc-pl031 and bare-metal firmware use it.
 *
 * Structure (TRM, functional overview): a free-running 32-bit counter in
 * the CLK1HZ domain, which software never writes, and an offset applied by
 * the update block when RTCLR is written; RTCDR reads counter + offset. In
 * pmsim CLK1HZ is made by dividing the always-on oscillator (`clocks` entry
 * 0, typically a 32768 Hz fixed-clock) by a fixed number of cycles, the
 * oscillator's rate when the model was created. So the divider phase runs
 * from reset and is not disturbed by RTCLR or RTCCR: after a load or a start
 * the next increment comes at the next 1 Hz edge, as on silicon. A later
 * change of the oscillator rate changes the length of a second, exactly as
 * a fixed hardware divider would.
 *
 * Time is lazy: the number of oscillator cycles since reset is a function
 * of simulated time, folded into (cycles, fraction) at every rate or power
 * change, the fraction kept in units of 1e-12 cycle so nothing drifts
 * however often the rate changes. The one event is the next match: the time
 * at which RTCDR becomes equal to RTCMR.
 *
 * RTCCR bit 0 starts the RTC; once set, writes cannot clear it (TRM): only a
 * reset or a power-off does. Until it is set RTCDR holds its value (the
 * reset value, pmsim,start-seconds from the DT, or the last RTCLR load).
 *
 * The match interrupt is an event, not a level: RTCRIS is set when RTCDR
 * becomes equal to RTCMR, either by counting or because a write to RTCLR
 * or RTCMR made them equal (so a match written for "now" is not missed
 * until the counter wraps 136 years later). It stays set until any write
 * to RTCICR (TRM 2.1: "writing any data value"). RTCINTR = RTCRIS & RTCIMSC.
 *
 * Power: PD_OFF loses everything (reset values, RTCINTR low, divider phase
 * restarting at power-on); PD_RETENTION keeps the state and stops counting;
 * register accesses while the domain is not on are bus errors, as the APB
 * slave has no power.
 */
#include "devices/pl031.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dt.h"
#include "sim/err.h"

/* Register offsets. */
enum {
	PL031_DR = 0x000,
	PL031_MR = 0x004,
	PL031_LR = 0x008,
	PL031_CR = 0x00c,
	PL031_IMSC = 0x010,
	PL031_RIS = 0x014,
	PL031_MIS = 0x018,
	PL031_ICR = 0x01c,
	PL031_ID_BASE = 0xfe0,
};

#define CR_START (1u << 0)
#define INT_RTC (1u << 0)

/* RTCPeriphID0-3 (part 0x031, designer ARM, revision 0) and RTCPCellID0-3,
 * at 0xFE0-0xFFC. */
static const uint8_t pl031_id[8] = { 0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* The guest-visible counter is 32 bits: a match is at most 2^32 ticks away. */
#define PL031_WRAP (UINT64_C(1) << 32)

/* Products of a time in picoseconds and a rate in Hz need more than 64
 * bits (an hour at 32768 Hz is 1.2e20 Hz*ps). */
__extension__ typedef unsigned __int128 pl031_u128;

struct pl031 {
	struct bus *bus;
	struct sched *sched;
	struct irq_line irq;
	uint32_t base;

	/* Fixed at creation: oscillator cycles per 1 Hz tick. */
	uint64_t div;
	uint32_t start_seconds;

	/* Inputs. */
	uint64_t osc_hz;
	enum pd_state power;

	/* Oscillator cycles since reset at seg_t: seg_cyc whole cycles plus
	 * seg_frac / PS_PER_S of one. Counting continues at pl031_hz(). */
	simtime_t seg_t;
	uint64_t seg_cyc;
	uint64_t seg_frac;

	/* RTCDR = val_base + (ticks since reset - tick_base) while started,
	 * val_base while stopped; modulo 2^32. */
	uint32_t val_base;
	uint64_t tick_base;
	bool started;

	/* Registers as the guest sees them. */
	uint32_t mr, lr, imsc, ris;

	int irq_level;
	struct sched_event match_ev;
};

/* The rate the divider actually counts at: nothing without power. */
static uint64_t pl031_hz(const struct pl031 *r)
{
	return r->power == PD_ON ? r->osc_hz : 0;
}

/* Oscillator cycles since reset at `now` (>= seg_t). */
static uint64_t pl031_cycles(const struct pl031 *r, simtime_t now)
{
	pl031_u128 f = r->seg_frac + (pl031_u128)(now - r->seg_t) * pl031_hz(r);
	return r->seg_cyc + (uint64_t)(f / PS_PER_S);
}

/* Move the segment start to now, before the counting rate changes. */
static void pl031_fold(struct pl031 *r)
{
	simtime_t now = sched_now(r->sched);
	pl031_u128 f = r->seg_frac + (pl031_u128)(now - r->seg_t) * pl031_hz(r);
	r->seg_cyc += (uint64_t)(f / PS_PER_S);
	r->seg_frac = (uint64_t)(f % PS_PER_S);
	r->seg_t = now;
}

/* 1 Hz ticks since reset. */
static uint64_t pl031_ticks(const struct pl031 *r)
{
	return pl031_cycles(r, sched_now(r->sched)) / r->div;
}

static uint32_t pl031_value(const struct pl031 *r)
{
	if (!r->started)
		return r->val_base;
	return r->val_base + (uint32_t)(pl031_ticks(r) - r->tick_base);
}

static void pl031_update_irq(struct pl031 *r)
{
	int level = (r->ris & r->imsc) != 0;
	if (level != r->irq_level) {
		r->irq_level = level;
		irq_set(&r->irq, level);
	}
}

/* Queue the match event at the first instant RTCDR equals RTCMR, if the
 * RTC is counting and that instant fits in simtime_t. */
static void pl031_schedule_match(struct pl031 *r)
{
	sched_cancel(r->sched, &r->match_ev);
	uint64_t hz = pl031_hz(r);
	if (!r->started || !hz)
		return;
	uint64_t k = (uint32_t)(r->mr - pl031_value(r));
	if (!k)
		k = PL031_WRAP;
	/* The tick that makes RTCDR == RTCMR is reached at cycle `target`;
	 * find the first picosecond at which pl031_cycles() gets there. */
	pl031_u128 target = ((pl031_u128)pl031_ticks(r) + k) * r->div;
	pl031_u128 need = (target - r->seg_cyc) * PS_PER_S - r->seg_frac;
	pl031_u128 dt = (need + hz - 1) / hz;
	if (dt >= (pl031_u128)(SIMTIME_NEVER - r->seg_t))
		return;
	sched_schedule(r->sched, &r->match_ev, r->seg_t + (simtime_t)dt);
}

static void pl031_match_done(struct sched_event *ev, simtime_t now)
{
	struct pl031 *r = container_of(ev, struct pl031, match_ev);
	(void)now; /* the same as sched_now(), which the helpers read */
	if (pl031_value(r) == r->mr) {
		r->ris |= INT_RTC;
		pl031_update_irq(r);
	}
	pl031_schedule_match(r);
}

/* A write changed RTCDR or RTCMR: if that made them equal, it is a match. */
static void pl031_after_write(struct pl031 *r, bool was_equal)
{
	if (!was_equal && pl031_value(r) == r->mr) {
		r->ris |= INT_RTC;
		pl031_update_irq(r);
	}
	pl031_schedule_match(r);
}

/* ---- registers ----------------------------------------------------------- */

static uint32_t pl031_reg_read(struct pl031 *r, uint32_t off)
{
	switch (off) {
	case PL031_DR: return pl031_value(r);
	case PL031_MR: return r->mr;
	case PL031_LR: return r->lr;
	case PL031_CR: return r->started ? CR_START : 0;
	case PL031_IMSC: return r->imsc;
	case PL031_RIS: return r->ris;
	case PL031_MIS: return r->ris & r->imsc;
	default:
		if (off >= PL031_ID_BASE)
			return pl031_id[(off - PL031_ID_BASE) / 4];
		/* Reserved, test and write-only (ICR) registers read as zero. */
		return 0;
	}
}

static void pl031_reg_write(struct pl031 *r, uint32_t off, uint32_t val)
{
	bool was_equal = pl031_value(r) == r->mr;
	switch (off) {
	case PL031_MR:
		r->mr = val;
		pl031_after_write(r, was_equal);
		break;
	case PL031_LR:
		/* The update block: the free-running count is untouched, the
		 * offset changes so that RTCDR reads `val` from now on. */
		r->lr = val;
		r->val_base = val;
		r->tick_base = pl031_ticks(r);
		pl031_after_write(r, was_equal);
		break;
	case PL031_CR:
		if ((val & CR_START) && !r->started) {
			r->tick_base = pl031_ticks(r);
			r->started = true;
			pl031_schedule_match(r);
		}
		break;
	case PL031_IMSC:
		r->imsc = val & INT_RTC;
		pl031_update_irq(r);
		break;
	case PL031_ICR:
		r->ris = 0;
		pl031_update_irq(r);
		break;
	default:
		/* RTCDR, RIS, MIS, ID and reserved offsets ignore writes. */
		break;
	}
}

/* APB has no byte strobes: a narrow read returns its lanes of the register;
 * a narrow write at the register's own offset writes it zero-extended, one
 * at any other byte is ignored (the PL011's rule, for the same reason). */
static int pl031_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct pl031 *r = opaque;
	if (r->power != PD_ON)
		return BUS_ERR_DEVICE;
	uint32_t v = pl031_reg_read(r, offset & ~3u) >> (8 * (offset & 3));
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return BUS_OK;
}

static int pl031_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct pl031 *r = opaque;
	if (r->power != PD_ON)
		return BUS_ERR_DEVICE;
	if (offset & 3)
		return BUS_OK;
	if (size != 4)
		val &= (1u << (8 * size)) - 1;
	pl031_reg_write(r, offset, val);
	return BUS_OK;
}

static const struct bus_ops pl031_ops = {
	.name = "pl031",
	.sizes = BUS_SIZE_8 | BUS_SIZE_32,
	.read = pl031_mmio_read,
	.write = pl031_mmio_write,
};

/* ---- inputs and queries -------------------------------------------------- */

void pl031_set_clock(struct pl031 *r, uint64_t hz)
{
	pl031_fold(r);
	r->osc_hz = hz;
	pl031_schedule_match(r);
}

void pl031_set_power(struct pl031 *r, enum pd_state st)
{
	pl031_fold(r);
	r->power = st;
	if (st == PD_OFF)
		pl031_reset(r);
	else
		pl031_schedule_match(r);
}

uint32_t pl031_seconds(struct pl031 *r)
{
	return pl031_value(r);
}

simtime_t pl031_next_alarm(struct pl031 *r)
{
	if (!(r->imsc & INT_RTC) || !sched_pending(&r->match_ev))
		return SIMTIME_NEVER;
	return r->match_ev.when;
}

/* ---- lifetime ------------------------------------------------------------ */

void pl031_reset(struct pl031 *r)
{
	sched_cancel(r->sched, &r->match_ev);
	r->seg_t = sched_now(r->sched);
	r->seg_cyc = 0;
	r->seg_frac = 0;
	r->val_base = r->start_seconds;
	r->tick_base = 0;
	r->started = false;
	r->mr = 0;
	r->lr = 0;
	r->imsc = 0;
	r->ris = 0;
	pl031_update_irq(r);
}

struct pl031 *pl031_new(struct bus *bus, struct sched *sched, uint32_t base, uint64_t osc_hz,
			uint32_t start_seconds, struct irq_line irq)
{
	if (!osc_hz)
		return NULL;
	struct pl031 *r = calloc(1, sizeof *r);
	if (!r)
		return NULL;
	r->bus = bus;
	r->sched = sched;
	r->irq = irq;
	r->base = base;
	r->div = osc_hz;
	r->start_seconds = start_seconds;
	r->osc_hz = osc_hz;
	r->power = PD_ON;
	sched_event_init(&r->match_ev, pl031_match_done, "pl031.match");
	if (bus_add_mmio(bus, "pl031", base, 0x1000, &pl031_ops, r) < 0) {
		free(r);
		return NULL;
	}
	pl031_reset(r);
	return r;
}

/* The bus keeps no way to unmap a region: free a PL031 only when its bus
 * is being torn down as well. */
void pl031_free(struct pl031 *r)
{
	if (!r)
		return;
	sched_cancel(r->sched, &r->match_ev);
	free(r);
}

/* ---- device-tree binding ------------------------------------------------- */

static int pl031_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size, irq;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the PL031's 4 KiB register block",
			    node->path, size);
	if (dt_irq(node, 0, &irq, e) < 0)
		return -1;
	if (soc->num_irq && irq >= soc->num_irq)
		return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
			    node->path, irq, soc->num_irq);
	/* Entry 0 is the counting oscillator; a lone apb_pclk (the usual
	 * primecell binding) would make the RTC count bus clock cycles. */
	const char *name0 = dt_string(node, "clock-names");
	if (name0 && !strcmp(name0, "apb_pclk"))
		return errf(e, "%s: clocks entry 0 is 'apb_pclk'; the RTC counts from its "
			    "oscillator, which must be entry 0 (apb_pclk may follow)", node->path);
	uint64_t hz;
	if (soc_clock_hz(soc, node, 0, &hz, e) < 0)
		return -1;
	if (!hz)
		return errf(e, "%s: the RTC oscillator (clocks entry 0) has a rate of 0 Hz",
			    node->path);
	uint32_t start = 0;
	if (dt_bool(node, "pmsim,start-seconds") &&
	    dt_u32(node, "pmsim,start-seconds", &start, e) < 0)
		return -1;
	struct pl031 *r = pl031_new(&soc->bus, &soc->sched, base, hz, start, soc_irq(soc, irq));
	if (!r)
		return errf(e, "%s: cannot map the PL031 at 0x%08x (overlaps another region?)",
			    node->path, base);
	*state = r;
	return 0;
}

static void pl031_destroy(void *state)
{
	pl031_free(state);
}

static void pl031_type_reset(void *state)
{
	pl031_reset(state);
}

/* Only the oscillator counts; a second (apb_pclk) clock is ignored. */
static void pl031_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	if (idx == 0)
		pl031_set_clock(state, hz);
}

static void pl031_type_power(void *state, enum pd_state st)
{
	pl031_set_power(state, st);
}

const struct dev_type pl031_dev_type = {
	.compatible = "arm,pl031",
	.create = pl031_create,
	.destroy = pl031_destroy,
	.reset = pl031_type_reset,
	.clock_rate = pl031_type_clock_rate,
	.power = pl031_type_power,
};
