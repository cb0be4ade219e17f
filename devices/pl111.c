/*
 * ARM PrimeCell PL111 colour LCD controller (ARM DDI 0293; the
 * programmer's view is docs/devices/pl111.md).
 *
 * What is modelled: the register map (timing, base addresses, control,
 * the four interrupts, the current-address registers, the palette and the
 * PrimeCell identification), the frame timing, the scan-out's cost in the
 * memory it reads, and the panel's power. Pixels never move: the picture
 * is read from the framebuffer only when a front end asks for it
 * (pl111_snapshot).
 *
 * Timing. The pixel clock is CLCDCLK (the DT's clock 0) divided by PCD + 2,
 * or CLCDCLK itself with BCD set. A line is HSW + HBP + PPL + HFP pixel
 * clocks, a frame VSW + VBP + LPP + VFP lines, in that order: vertical
 * sync, back porch, active lines, front porch. One scheduler event per
 * vertical phase (four a frame, a phase of no lines taken in the same
 * event as the next), never per line or pixel. Phase boundaries are kept
 * as CLCDCLK cycles since the moment the timing started, so that frame n
 * starts exactly at start + n × frame cycles / rate however long the run.
 * The timing runs while LcdEn is set, the clock runs and the power domain
 * is on; any change of the clock rate or of a timing register while it
 * runs starts it again with a new frame (vertical sync) at that moment.
 *
 * At each phase's start: vertical sync latches LCDUPBASE for the frame
 * (the "next base address update" interrupt, LNBU); the vertical compare
 * interrupt is raised at the start of the phase LcdVComp names (0 sync,
 * 1 back porch, 2 active, 3 front porch).
 *
 * Scan-out. With LcdEn and LcdPwr both set, the controller reads the
 * frame (PPL × LPP pixels at the storage size of LcdBpp: 1, 2, 4, 8, 16
 * or, for 24 bpp, 32 bits) from the latched base: one call of the stream
 * function at the start of the back porch (the DMA FIFOs fill before the
 * first active line) that lasts until the end of the active lines. In the
 * SoC that is dramc_stream for a framebuffer in DRAM (its burst energy, a
 * wake-up from power-down or self-refresh, its idle timers held), nothing
 * for SRAM or flash, a bus error (MBERROR) for anything else. A wake-up
 * latency longer than the FIFOs can cover (the back porch plus
 * PL111_FIFO_BYTES' worth of pixels) is a FIFO underflow (FUF).
 *
 * Power: the controller's own, `pmsim,femtojoule-per-cycle` and
 * `pmsim,leakage-microwatt`, the PMU books like any device's (while its
 * clock runs); the panel's, `pmsim,panel-microwatt` of its `panel` child
 * node, goes to this model's meter (component "panel") while LcdPwr is on,
 * the domain is on and the panel's `power-supply` is up, drawn from that
 * regulator.
 *
 * Not modelled: dual panels (LcdDual is stored; only the upper panel is
 * scanned), the hardware cursor (its registers read as zero and ignore
 * writes), big-endian byte and pixel orders (stored, not applied to the
 * picture), STN grey-scaling (STN modes are shown as TFT colour), and
 * CLKSEL (the pixel clock always comes from the DT's clock 0).
 */
#include "devices/pl111.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/dramc.h"
#include "pm/meter.h"
#include "pm/regulator.h"
#include "sim/dt.h"
#include "sim/err.h"

/* Register offsets (DDI 0293, table 3-1). */
enum {
	CLCD_TIM0 = 0x000,
	CLCD_TIM1 = 0x004,
	CLCD_TIM2 = 0x008,
	CLCD_TIM3 = 0x00c,
	CLCD_UPBASE = 0x010,
	CLCD_LPBASE = 0x014,
	CLCD_CONTROL = 0x018,
	CLCD_IMSC = 0x01c,
	CLCD_RIS = 0x020,
	CLCD_MIS = 0x024,
	CLCD_ICR = 0x028,
	CLCD_UPCURR = 0x02c,
	CLCD_LPCURR = 0x030,
	CLCD_PALETTE = 0x200, /* 128 words, two 16-bit entries each */
	CLCD_PALETTE_END = 0x400,
	CLCD_PERIPHID0 = 0xfe0,
};

/* Writable bits of each register (reserved bits read as zero). */
#define TIM0_MASK 0xfffffffcu
#define TIM2_MASK 0xffff7fffu
#define TIM3_MASK 0x0001007fu
#define BASE_MASK 0xfffffff8u /* doubleword aligned */
#define CONTROL_MASK 0x00013fffu
#define INT_MASK 0x1eu

/* LCDControl. */
#define CNTL_EN (1u << 0)
#define CNTL_BPP_SHIFT 1
#define CNTL_BGR (1u << 8)
#define CNTL_PWR (1u << 11)
#define CNTL_VCOMP_SHIFT 12

/* LcdBpp values. */
enum { BPP1, BPP2, BPP4, BPP8, BPP16, BPP24, BPP16_565, BPP12_444 };
/* Bits each pixel takes in memory, by LcdBpp (24 bpp is one word). */
static const unsigned bpp_bits[8] = { 1, 2, 4, 8, 16, 32, 16, 16 };

/* Interrupt bits (IMSC, RIS, MIS, ICR). */
#define INT_FUF (1u << 1)
#define INT_LNBU (1u << 2)
#define INT_VCOMP (1u << 3)
#define INT_MBERROR (1u << 4)

/* PeriphID0..3 and PCellID0..3: part 0x111, designer ARM (0x41),
 * revision 2 (r0p2), the PrimeCell preamble. */
static const uint8_t pl111_id[8] = { 0x11, 0x11, 0x24, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };

/* The vertical phases, in frame order. */
enum pl111_phase { PH_SYNC, PH_BACK, PH_ACTIVE, PH_FRONT, PH_N };

/* States on the trace stream (variable "state"). */
enum pl111_ts { PL111_TS_OFF, PL111_TS_IDLE, PL111_TS_ON, PL111_TS_SCANNING };
static const char *const pl111_ts_label[] = { "off", "idle", "on", "scanning" };

__extension__ typedef unsigned __int128 pl111_u128;

struct pl111 {
	struct bus *bus;
	struct sched *sched;
	struct irq_line irq;
	struct trace *trace;
	uint32_t base;
	char name[64];

	/* Inputs. */
	uint64_t hz;
	enum pd_state pd;
	bool supply;
	pl111_stream_fn stream;
	void *stream_opaque;

	/* Registers. */
	uint32_t tim[4], upbase, lpbase, control, imsc, ris;
	uint32_t palette[128];

	/* Timing (see the top of the file). */
	bool running;
	simtime_t ref;        /* when the timing (re)started */
	uint64_t clks;        /* CLCDCLK cycles from ref to the present phase's start */
	enum pl111_phase phase;
	uint32_t cur_base;    /* LCDUPBASE as latched at this frame's start */
	struct sched_event ev;

	int irq_level;
	int traced;           /* last state put on the trace, -1: none */

	double panel_w;
	struct pm_meter panel;
	uint64_t frames, bytes, underflows;

	uint8_t *snap;        /* pl111_snapshot's buffer */
	size_t snap_size;

	struct soc *soc;      /* in a SoC: for the stream and realize */
	int node_off;
};

/* ---- timing ---------------------------------------------------------------- */

static unsigned pl111_ppl(const struct pl111 *p)
{
	return 16 * (((p->tim[0] >> 2) & 0x3f) + 1);
}

static unsigned pl111_lpp(const struct pl111 *p)
{
	return (p->tim[1] & 0x3ff) + 1;
}

static unsigned pl111_bpp(const struct pl111 *p)
{
	return (p->control >> CNTL_BPP_SHIFT) & 7;
}

/* CLCDCLK cycles per pixel clock. */
static unsigned pl111_div(const struct pl111 *p)
{
	uint32_t t2 = p->tim[2];
	if (t2 & (1u << 26))
		return 1;
	return (((t2 >> 27) << 5) | (t2 & 0x1f)) + 2;
}

/* CLCDCLK cycles per line. */
static uint64_t pl111_line_clks(const struct pl111 *p)
{
	uint32_t t0 = p->tim[0];
	uint64_t hsw = ((t0 >> 8) & 0xff) + 1, hfp = ((t0 >> 16) & 0xff) + 1;
	uint64_t hbp = ((t0 >> 24) & 0xff) + 1;
	return (hsw + hbp + pl111_ppl(p) + hfp) * pl111_div(p);
}

static unsigned pl111_phase_lines(const struct pl111 *p, enum pl111_phase ph)
{
	uint32_t t1 = p->tim[1];
	switch (ph) {
	case PH_SYNC: return ((t1 >> 10) & 0x3f) + 1;
	case PH_BACK: return (t1 >> 24) & 0xff;
	case PH_ACTIVE: return pl111_lpp(p);
	default: return (t1 >> 16) & 0xff;
	}
}

static uint64_t pl111_frame_clks(const struct pl111 *p)
{
	uint64_t lines = 0;
	for (int ph = 0; ph < PH_N; ph++)
		lines += pl111_phase_lines(p, (enum pl111_phase)ph);
	return lines * pl111_line_clks(p);
}

/* The time `clks` CLCDCLK cycles after the timing's start. */
static simtime_t pl111_time_at(const struct pl111 *p, uint64_t clks)
{
	pl111_u128 dt = ((pl111_u128)clks * PS_PER_S + p->hz - 1) / p->hz;
	pl111_u128 t = (pl111_u128)p->ref + dt;
	return t >= SIMTIME_NEVER ? SIMTIME_NEVER : (simtime_t)t;
}

simtime_t pl111_frame_ps(const struct pl111 *p)
{
	if (!p->hz)
		return 0;
	return (simtime_t)(((pl111_u128)pl111_frame_clks(p) * PS_PER_S + p->hz - 1) / p->hz);
}

static bool pl111_timing_on(const struct pl111 *p)
{
	return (p->control & CNTL_EN) && p->hz && p->pd == PD_ON;
}

static bool pl111_fetching(const struct pl111 *p)
{
	return pl111_timing_on(p) && (p->control & CNTL_PWR);
}

static uint64_t pl111_frame_bytes(const struct pl111 *p)
{
	return (uint64_t)pl111_ppl(p) * pl111_lpp(p) * bpp_bits[pl111_bpp(p)] / 8;
}

/* ---- outputs ---------------------------------------------------------------- */

static enum pl111_ts pl111_trace_state(const struct pl111 *p)
{
	if (p->pd != PD_ON)
		return PL111_TS_OFF;
	if (!pl111_timing_on(p))
		return PL111_TS_IDLE;
	return pl111_fetching(p) ? PL111_TS_SCANNING : PL111_TS_ON;
}

/* Drive the interrupt, the panel's power and the trace from the present
 * state, each only when it changes. */
static void pl111_outputs(struct pl111 *p)
{
	simtime_t now = sched_now(p->sched);
	int level = (p->ris & p->imsc) != 0;
	if (level != p->irq_level) {
		p->irq_level = level;
		irq_set(&p->irq, level);
	}
	double w = (p->control & CNTL_PWR) && p->pd == PD_ON && p->supply ? p->panel_w : 0;
	if (w != p->panel.watts)
		pm_meter_set(&p->panel, now, w);
	enum pl111_ts ts = pl111_trace_state(p);
	if ((int)ts != p->traced) {
		p->traced = (int)ts;
		trace_state(p->trace, now, p->name, "state", ts, pl111_ts_label[ts]);
	}
}

/* ---- frames ----------------------------------------------------------------- */

/* The back porch begins: fetch the frame, which lasts until the end of
 * the active lines. */
static void pl111_fetch(struct pl111 *p, simtime_t now)
{
	if (!pl111_fetching(p))
		return;
	uint64_t line = pl111_line_clks(p);
	uint64_t back = pl111_phase_lines(p, PH_BACK) * line;
	simtime_t until = pl111_time_at(p, p->clks + back + pl111_lpp(p) * line);
	uint64_t bytes = pl111_frame_bytes(p);
	simtime_t lat = p->stream ? p->stream(p->stream_opaque, now, p->cur_base, bytes, until) : 0;
	if (lat == PL111_STREAM_FAULT) {
		p->ris |= INT_MBERROR;
		return;
	}
	p->frames++;
	p->bytes += bytes;
	/* The FIFOs fill during the back porch, and hold this many pixels
	 * once the active lines start. */
	uint64_t fifo_px = PL111_FIFO_BYTES * 8 / bpp_bits[pl111_bpp(p)];
	uint64_t px = (uint64_t)pl111_ppl(p) * pl111_lpp(p);
	uint64_t cover = back + (fifo_px < px ? fifo_px : px) * pl111_div(p);
	if (lat > pl111_time_at(p, p->clks + cover) - now) {
		p->ris |= INT_FUF;
		p->underflows++;
	}
}

/* The phase `ph` starts now. */
static void pl111_enter(struct pl111 *p, enum pl111_phase ph, simtime_t now)
{
	p->phase = ph;
	if (ph == PH_SYNC) {
		p->cur_base = p->upbase;
		p->ris |= INT_LNBU;
	}
	if ((unsigned)ph == ((p->control >> CNTL_VCOMP_SHIFT) & 3))
		p->ris |= INT_VCOMP;
	if (ph == PH_BACK)
		pl111_fetch(p, now);
}

static void pl111_schedule(struct pl111 *p)
{
	uint64_t end = p->clks + pl111_phase_lines(p, p->phase) * pl111_line_clks(p);
	simtime_t t = pl111_time_at(p, end);
	if (t == SIMTIME_NEVER)
		sched_cancel(p->sched, &p->ev);
	else
		sched_schedule(p->sched, &p->ev, t);
}

static void pl111_event(struct sched_event *ev, simtime_t now)
{
	struct pl111 *p = container_of(ev, struct pl111, ev);
	/* Phases of no lines pass in the same instant (a frame always has
	 * its sync and active lines, so this ends). */
	do {
		p->clks += pl111_phase_lines(p, p->phase) * pl111_line_clks(p);
		pl111_enter(p, (enum pl111_phase)((p->phase + 1) % PH_N), now);
	} while (!pl111_phase_lines(p, p->phase));
	pl111_schedule(p);
	pl111_outputs(p);
}

/* Start the timing afresh now if it should run, or stop it. */
static void pl111_retime(struct pl111 *p)
{
	p->running = pl111_timing_on(p);
	if (!p->running) {
		sched_cancel(p->sched, &p->ev);
		return;
	}
	p->ref = sched_now(p->sched);
	p->clks = 0;
	pl111_enter(p, PH_SYNC, p->ref);
	pl111_schedule(p);
}

/* ---- registers -------------------------------------------------------------- */

/* Where the scan-out is: the latched base, plus the lines done in the
 * active phase (whole lines; the FIFO's lead is not modelled). */
static uint32_t pl111_upcurr(const struct pl111 *p)
{
	if (!p->running)
		return p->cur_base;
	uint64_t line_bytes = (uint64_t)pl111_ppl(p) * bpp_bits[pl111_bpp(p)] / 8;
	if (p->phase == PH_FRONT)
		return p->cur_base + (uint32_t)(line_bytes * pl111_lpp(p));
	if (p->phase != PH_ACTIVE)
		return p->cur_base;
	simtime_t dt = sched_now(p->sched) - pl111_time_at(p, p->clks);
	uint64_t lines = (uint64_t)((pl111_u128)dt * p->hz / PS_PER_S) / pl111_line_clks(p);
	return p->cur_base + (uint32_t)(line_bytes * lines);
}

static uint32_t pl111_reg_read(struct pl111 *p, uint32_t off)
{
	if (off >= CLCD_PALETTE && off < CLCD_PALETTE_END)
		return p->palette[(off - CLCD_PALETTE) / 4];
	if (off >= CLCD_PERIPHID0)
		return pl111_id[(off - CLCD_PERIPHID0) / 4];
	switch (off) {
	case CLCD_TIM0: return p->tim[0];
	case CLCD_TIM1: return p->tim[1];
	case CLCD_TIM2: return p->tim[2];
	case CLCD_TIM3: return p->tim[3];
	case CLCD_UPBASE: return p->upbase;
	case CLCD_LPBASE: return p->lpbase;
	case CLCD_CONTROL: return p->control;
	case CLCD_IMSC: return p->imsc;
	case CLCD_RIS: return p->ris;
	case CLCD_MIS: return p->ris & p->imsc;
	case CLCD_UPCURR: return pl111_upcurr(p);
	default: return 0; /* LPCURR (no lower panel), cursor, reserved */
	}
}

static void pl111_reg_write(struct pl111 *p, uint32_t off, uint32_t val)
{
	if (off >= CLCD_PALETTE && off < CLCD_PALETTE_END) {
		p->palette[(off - CLCD_PALETTE) / 4] = val;
		return;
	}
	switch (off) {
	case CLCD_TIM0:
	case CLCD_TIM1:
	case CLCD_TIM2: {
		static const uint32_t mask[3] = { TIM0_MASK, 0xffffffffu, TIM2_MASK };
		unsigned i = off / 4;
		uint32_t v = val & mask[i];
		if (v != p->tim[i]) {
			p->tim[i] = v;
			if (p->running)
				pl111_retime(p);
		}
		break;
	}
	case CLCD_TIM3:
		p->tim[3] = val & TIM3_MASK;
		break;
	case CLCD_UPBASE:
		p->upbase = val & BASE_MASK;
		break;
	case CLCD_LPBASE:
		p->lpbase = val & BASE_MASK;
		break;
	case CLCD_CONTROL:
		p->control = val & CONTROL_MASK;
		if (p->running != pl111_timing_on(p))
			pl111_retime(p);
		break;
	case CLCD_IMSC:
		p->imsc = val & INT_MASK;
		break;
	case CLCD_ICR:
		p->ris &= ~(val & INT_MASK);
		break;
	default:
		break; /* read-only, cursor and reserved offsets */
	}
}

/* The PL111 is an APB slave of word accesses; without power it does not
 * answer. */
static int pl111_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct pl111 *p = opaque;
	if (p->pd != PD_ON)
		return BUS_ERR_DEVICE;
	*val = pl111_reg_read(p, offset & ~3u);
	return BUS_OK;
}

static int pl111_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct pl111 *p = opaque;
	if (p->pd != PD_ON)
		return BUS_ERR_DEVICE;
	pl111_reg_write(p, offset & ~3u, val);
	pl111_outputs(p);
	return BUS_OK;
}

static const struct bus_ops pl111_ops = {
	.name = "pl111",
	.sizes = BUS_SIZE_32,
	.read = pl111_mmio_read,
	.write = pl111_mmio_write,
};

/* ---- the picture ------------------------------------------------------------ */

static uint8_t pl111_x5(uint32_t v)
{
	return (uint8_t)(((v & 0x1f) << 3) | ((v & 0x1f) >> 2));
}

/* One pixel's colour channels, low field first (red unless BGR). */
static void pl111_pixel(const struct pl111 *p, const uint8_t *raw, uint64_t i, uint8_t c[3])
{
	unsigned mode = pl111_bpp(p);
	uint32_t v;
	switch (mode) {
	case BPP24:
		memcpy(&v, raw + i * 4, 4);
		c[0] = (uint8_t)v;
		c[1] = (uint8_t)(v >> 8);
		c[2] = (uint8_t)(v >> 16);
		return;
	case BPP16:
	case BPP16_565:
	case BPP12_444: {
		uint16_t h;
		memcpy(&h, raw + i * 2, 2);
		if (mode == BPP16_565) {
			c[0] = pl111_x5(h);
			c[1] = (uint8_t)((((h >> 5) & 0x3f) << 2) | (((h >> 5) & 0x3f) >> 4));
			c[2] = pl111_x5(h >> 11);
		} else if (mode == BPP16) {
			c[0] = pl111_x5(h);
			c[1] = pl111_x5(h >> 5);
			c[2] = pl111_x5(h >> 10);
		} else {
			c[0] = (uint8_t)((h & 0xf) * 17);
			c[1] = (uint8_t)(((h >> 4) & 0xf) * 17);
			c[2] = (uint8_t)(((h >> 8) & 0xf) * 17);
		}
		return;
	}
	default: {
		/* Palette modes: little-endian pixels within each byte. */
		unsigned bits = bpp_bits[mode];
		uint64_t bit = i * bits;
		unsigned idx = (raw[bit / 8] >> (bit % 8)) & ((1u << bits) - 1);
		uint32_t e = p->palette[idx / 2] >> (16 * (idx & 1));
		c[0] = pl111_x5(e);
		c[1] = pl111_x5(e >> 5);
		c[2] = pl111_x5(e >> 10);
		return;
	}
	}
}

const uint8_t *pl111_snapshot(struct pl111 *p, unsigned *width, unsigned *height)
{
	*width = *height = 0;
	if (!pl111_fetching(p))
		return NULL;
	unsigned w = pl111_ppl(p), h = pl111_lpp(p);
	uint64_t bytes = pl111_frame_bytes(p);
	size_t need = (size_t)w * h * 3 + bytes;
	if (need > p->snap_size) {
		uint8_t *n = realloc(p->snap, need);
		if (!n)
			return NULL;
		p->snap = n;
		p->snap_size = need;
	}
	uint8_t *raw = p->snap + (size_t)w * h * 3;
	if (bus_peek(p->bus, p->cur_base, raw, (uint32_t)bytes) != BUS_OK)
		return NULL;
	bool bgr = p->control & CNTL_BGR;
	for (uint64_t i = 0; i < (uint64_t)w * h; i++) {
		uint8_t c[3];
		pl111_pixel(p, raw, i, c);
		p->snap[i * 3 + 0] = bgr ? c[2] : c[0];
		p->snap[i * 3 + 1] = c[1];
		p->snap[i * 3 + 2] = bgr ? c[0] : c[2];
	}
	*width = w;
	*height = h;
	return p->snap;
}

/* ---- lifetime, inputs and observers ----------------------------------------- */

void pl111_reset(struct pl111 *p)
{
	memset(p->tim, 0, sizeof p->tim);
	memset(p->palette, 0, sizeof p->palette);
	p->upbase = p->lpbase = p->control = p->imsc = p->ris = 0;
	p->cur_base = 0;
	pl111_retime(p);
	pl111_outputs(p);
}

struct pl111 *pl111_new(struct bus *bus, struct sched *sched, uint32_t base,
			const struct pl111_config *cfg, struct irq_line irq)
{
	struct pl111 *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->bus = bus;
	p->sched = sched;
	p->irq = irq;
	p->base = base;
	snprintf(p->name, sizeof p->name, "%s", cfg->name ? cfg->name : "clcd");
	p->hz = cfg->clock_hz;
	p->pd = PD_ON;
	p->supply = true;
	p->panel_w = cfg->panel_w;
	p->traced = -1;
	p->node_off = -1;
	pm_meter_init(&p->panel, "panel", "panel");
	sched_event_init(&p->ev, pl111_event, "pl111.frame");
	if (bus_add_mmio(bus, "pl111", base, 0x1000, &pl111_ops, p) < 0) {
		free(p);
		return NULL;
	}
	pl111_reset(p);
	return p;
}

/* The bus keeps no way to unmap a region: free only with the bus. */
void pl111_free(struct pl111 *p)
{
	if (!p)
		return;
	sched_cancel(p->sched, &p->ev);
	free(p->snap);
	free(p);
}

void pl111_set_clock(struct pl111 *p, uint64_t hz)
{
	if (hz == p->hz)
		return;
	p->hz = hz;
	pl111_retime(p);
	pl111_outputs(p);
}

/* PD_OFF loses every register; PD_RETENTION keeps them but stops the
 * timing (and the panel's power); PD_ON runs again from a new frame. */
void pl111_set_power(struct pl111 *p, enum pd_state st)
{
	p->pd = st;
	if (st == PD_OFF) {
		pl111_reset(p);
		return;
	}
	pl111_retime(p);
	pl111_outputs(p);
}

void pl111_set_panel_supply(struct pl111 *p, bool on)
{
	p->supply = on;
	pl111_outputs(p);
}

void pl111_set_stream(struct pl111 *p, pl111_stream_fn fn, void *opaque)
{
	p->stream = fn;
	p->stream_opaque = opaque;
}

void pl111_set_trace(struct pl111 *p, struct trace *t)
{
	p->trace = t;
	p->traced = -1;
	pl111_outputs(p);
}

struct pm_meter *pl111_panel_meter(struct pl111 *p)
{
	return &p->panel;
}

uint64_t pl111_frames(const struct pl111 *p)
{
	return p->frames;
}

uint64_t pl111_bytes(const struct pl111 *p)
{
	return p->bytes;
}

uint64_t pl111_underflows(const struct pl111 *p)
{
	return p->underflows;
}

/* ---- device-tree binding ---------------------------------------------------- */

/* In a SoC the framebuffer is wherever LCDUPBASE points: DRAM is streamed
 * from its controller, other memory costs nothing here, anything that is
 * not memory is a bus error. */
static simtime_t pl111_soc_stream(void *opaque, simtime_t now, uint32_t addr, uint64_t bytes,
				  simtime_t until)
{
	struct pl111 *p = opaque;
	if (!bytes || bytes > UINT32_MAX || !bus_host_ptr(p->bus, addr, (uint32_t)bytes))
		return PL111_STREAM_FAULT;
	struct dramc *d = dramc_of_addr(p->soc, addr);
	if (!d)
		return 0;
	simtime_t lat = dramc_stream(d, now, bytes, until);
	return lat == DRAMC_ACCESS_FAULT ? PL111_STREAM_FAULT : lat;
}

static void pl111_supply_changed(void *opaque, simtime_t now, uint32_t uv, bool on)
{
	(void)now; /* the model's outputs change at sched_now(), which this is */
	(void)uv;
	pl111_set_panel_supply(opaque, on);
}

static int pl111_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size, irq;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the PL111's 4 KiB register block",
			    node->path, size);
	if (dt_cells(node, "interrupts") != 1)
		return errf(e, "%s: 'interrupts' must be one entry (the PL111's combined interrupt)",
			    node->path);
	if (dt_irq(node, 0, &irq, e) < 0)
		return -1;
	uint64_t clk;
	if (soc_clock_hz(soc, node, 0, &clk, e) < 0)
		return -1;
	/* The panel: a child node, whose power the controller switches. */
	double panel_w = 0;
	struct pm_rail *rail = NULL;
	int panel = fdt_subnode_offset(node->fdt, node->off, "panel");
	if (panel >= 0) {
		struct dt_node pn = { .fdt = node->fdt, .off = panel };
		if (fdt_get_path(node->fdt, panel, pn.path, sizeof pn.path) != 0)
			snprintf(pn.path, sizeof pn.path, "panel");
		panel_w = dt_u32_opt(&pn, "pmsim,panel-microwatt", 0) * 1e-6;
		if (dt_bool(&pn, "power-supply") && soc->rails) {
			rail = rail_get(soc->rails, panel, "power", e);
			if (!rail)
				return -1;
		}
	}
	const char *name = fdt_get_name(node->fdt, node->off, NULL);
	struct pl111_config cfg = { .clock_hz = clk, .panel_w = panel_w,
				    .name = name ? name : node->path };
	struct pl111 *p = pl111_new(&soc->bus, &soc->sched, base, &cfg, soc_irq(soc, irq));
	if (!p)
		return errf(e, "%s: cannot map the PL111 at 0x%08x (overlaps another region?)",
			    node->path, base);
	p->soc = soc;
	p->node_off = node->off;
	pl111_set_stream(p, pl111_soc_stream, p);
	pl111_set_trace(p, &soc->trace);
	if (rail) {
		if (rail_subscribe(rail, pl111_supply_changed, p)) {
			pl111_free(p);
			return errf(e, "out of memory");
		}
		pl111_set_panel_supply(p, rail_is_on(rail));
		pm_meter_attach(&p->panel, rail, sched_now(&soc->sched));
	}
	*state = p;
	return 0;
}

static int pl111_realize(void *state, struct soc *soc, struct err *e)
{
	(void)e;
	soc_add_meter(soc, pl111_panel_meter(state));
	return 0;
}

static void pl111_destroy(void *state)
{
	pl111_free(state);
}

static void pl111_type_reset(void *state)
{
	pl111_reset(state);
}

/* Clock 0 is CLCDCLK; the bus clock (apb_pclk) is not timed. */
static void pl111_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	if (idx == 0)
		pl111_set_clock(state, hz);
}

static void pl111_type_power(void *state, enum pd_state st)
{
	pl111_set_power(state, st);
}

const struct dev_type pl111_dev_type = {
	.compatible = "arm,pl111",
	.create = pl111_create,
	.destroy = pl111_destroy,
	.reset = pl111_type_reset,
	.clock_rate = pl111_type_clock_rate,
	.power = pl111_type_power,
	.realize = pl111_realize,
};
