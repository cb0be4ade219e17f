/*
 * ARM PrimeCell DMA controller (PL080), register-compatible with the PL080
 * TRM (ARM DDI 0196) as far as firmware (Linux's amba-pl08x, bare-metal
 * drivers) needs it: eight channels, sixteen request inputs, linked-list
 * items in guest memory, the four flows in which the DMAC is the flow
 * controller, width conversion, the terminal-count and error interrupts.
 *
 * Data path. The controller reaches memory and peripherals only through
 * bus_master_access: never through the core's caches (DMA is not coherent
 * on this SoC, and pmsim lets firmware that forgets its cache maintenance
 * see stale data, as silicon would). Each channel has a FIFO; bytes enter
 * it in source-width units and leave it in destination-width units, in
 * little-endian order, which is the TRM's packing and unpacking.
 *
 * Time. One channel moves at a time, one step at a time; a step is one
 * source burst (or, towards a peripheral, one destination request), or one
 * linked-list item fetch. A step is one scheduler event: all of its beats
 * are made on the bus when it starts, each stamped with its own time, and
 * the event marks its end. A beat is an AHB transfer clocked by HCLK, the
 * controller's clock: it takes whole HCLK cycles, at least one (a bus
 * carries at most one beat per cycle), and at least pmsim,beat-ns, the
 * time the bus path needs per beat:
 *   P    = one HCLK cycle at the clock's present rate, in whole ps
 *   beat = max(1, ceil(pmsim,beat-ns / P)) * P
 * plus the latency the memory adds (DRAM leaving self-refresh), rounded up
 * to whole cycles too (wait states). So the beat time is a function of the
 * present rate alone: with pmsim,beat-ns = 10 a beat is one cycle up to
 * 100 MHz (40 ns at 25 MHz) and 10 ns above. Without a clock input the
 * beat is pmsim,beat-ns and latencies are taken as they come. At the end the
 * channel's peripherals get their DMACCLR (dma_ack.done), terminal counts
 * and errors are raised, and the highest-priority ready channel (lowest
 * number) starts the next step; so a channel that becomes ready preempts a
 * lower-priority one at the next burst boundary. With nothing ready the
 * controller schedules nothing.
 *
 * Choices where the TRM leaves the model free, documented in
 * docs/devices/pl080.md: bytes left in the FIFO at the end of an item that
 * do not fill a destination-width item are written as single bytes; the
 * source of a memory-to-peripheral flow is read when the peripheral asks,
 * not ahead; peripheral flow control (FlowCntrl 4-7) and big-endian masters
 * are not modelled (the first is refused with an error interrupt).
 */
#include "dma/pl080.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/latency.h"
#include "sim/dt.h"
#include "sim/err.h"

/* Global registers. */
enum {
	PL080_INT_STATUS = 0x000,
	PL080_INT_TC_STATUS = 0x004,
	PL080_INT_TC_CLEAR = 0x008,
	PL080_INT_ERR_STATUS = 0x00c,
	PL080_INT_ERR_CLEAR = 0x010,
	PL080_RAW_TC = 0x014,
	PL080_RAW_ERR = 0x018,
	PL080_ENBLD_CHNS = 0x01c,
	PL080_SOFT_BREQ = 0x020,
	PL080_SOFT_SREQ = 0x024,
	PL080_SOFT_LBREQ = 0x028,
	PL080_SOFT_LSREQ = 0x02c,
	PL080_CONFIG = 0x030,
	PL080_SYNC = 0x034,
	PL080_CH_BASE = 0x100,
	PL080_CH_STRIDE = 0x20,
	PL080_ID_BASE = 0xfe0,
};

/* Per-channel registers, from the channel's base. */
enum {
	CH_SRC = 0x00,
	CH_DST = 0x04,
	CH_LLI = 0x08,
	CH_CTRL = 0x0c,
	CH_CFG = 0x10,
};

/* DMACConfiguration: E, M1, M2. */
#define CONF_E (1u << 0)
#define CONF_WMASK 0x7u

/* DMACCxControl. */
#define CTRL_COUNT_MASK 0xfffu
#define CTRL_SBSIZE_SHIFT 12
#define CTRL_DBSIZE_SHIFT 15
#define CTRL_SWIDTH_SHIFT 18
#define CTRL_DWIDTH_SHIFT 21
#define CTRL_SI (1u << 26)
#define CTRL_DI (1u << 27)
#define CTRL_I (1u << 31)

/* DMACCxConfiguration. Bits 5 and 10 are reserved, A is read-only. */
#define CFG_E (1u << 0)
#define CFG_SRCPER_SHIFT 1
#define CFG_DSTPER_SHIFT 6
#define CFG_FLOW_SHIFT 11
#define CFG_IE (1u << 14)
#define CFG_ITC (1u << 15)
#define CFG_A (1u << 17)
#define CFG_H (1u << 18)
#define CFG_WMASK 0x5fbdfu

/* DMACCxLLI: bit 1 is reserved (should be zero). */
#define LLI_WMASK 0xfffffffdu
#define LLI_ADDR_MASK 0xfffffffcu

enum pl080_flow { FLOW_M2M, FLOW_M2P, FLOW_P2M, FLOW_P2P };

/* Enough for the largest step: a 256-beat burst of words, plus a partly
 * filled destination item and a peripheral-to-peripheral backlog. */
#define PL080_FIFO_BYTES 2048u

/* DMACPeriphID0-3 (part 0x080, designer ARM, revision 0, configuration
 * 0x0A) and DMACPCellID0-3, at 0xFE0-0xFFC. */
static const uint8_t pl080_id[8] = { 0x80, 0x10, 0x04, 0x0a, 0x0d, 0xf0, 0x05, 0xb1 };

static const char *const pl080_chan_label[PL080_CHANNELS] = {
	"ch0", "ch1", "ch2", "ch3", "ch4", "ch5", "ch6", "ch7",
};

struct pl080_chan {
	uint32_t src, dst, lli, ctrl, cfg;
	uint8_t fifo[PL080_FIFO_BYTES];
	unsigned fifo_len;
	bool need_lli;    /* the item is done; the next one is still in memory */
	unsigned gen;     /* bumped when software enables/disables the channel */
	simtime_t enabled_at; /* software's enable: the start of its latency */
	struct lat_series *lat; /* "NODE chN" (pm/latency.h), at its first sample */
};

/* What one step does (planned, then made on the bus). */
struct pl080_step {
	unsigned chan, gen;
	bool lli;          /* fetch the next linked-list item */
	bool empty;        /* an item with nothing to move: complete it */
	unsigned nread;    /* source items to read */
	unsigned wbytes;   /* bytes to write to the destination */
	bool src_served, dst_served; /* a peripheral request answered */
	bool error;
	uint32_t err_addr;
	int err_status;
	uint32_t lli_addr; /* where the linked-list item was fetched from */
};

struct pl080 {
	struct bus *bus;
	struct sched *sched;
	struct soc *soc;          /* for diagnostics; NULL outside a SoC */
	struct trace *trace;
	uint32_t base;
	char name[64];

	struct irq_line intr, tc_line, err_line;
	int intr_lv, tc_lv, err_lv;

	/* Registers. */
	uint32_t conf, sync;
	uint8_t tc_raw, err_raw;
	uint16_t soft_b, soft_s, soft_lb, soft_ls;
	struct pl080_chan ch[PL080_CHANNELS];

	/* Request inputs as the peripherals drive them, and their answers. */
	uint16_t hw_single, hw_burst;
	struct dma_ack ack[PL080_REQUESTS];

	uint8_t loop_told;        /* channels whose endless chain was reported */

	/* The step on the bus; its end is `ev`. */
	struct sched_event ev;
	struct pl080_step step;
	int cur;                  /* channel of the step, -1 when none */
	bool in_event;
	int traced;               /* channel last reported to the trace */

	/* Clock and power. */
	uint32_t beat_min_ps;     /* pmsim,beat-ns: the bus path's time per beat */
	uint32_t beat_ps;         /* one beat at the present rate (whole cycles) */
	uint64_t period_ps;       /* one HCLK cycle; 0: no clock input */
	bool gated;
	enum pd_state pd;

	pl080_observer obs;
	void *obs_opaque;

	/* A scenario's fault (pl080_fault): the next beat gets an AHB ERROR
	 * response instead of reaching its slave. */
	bool fault_bus_error;

	double j_per_byte;
	struct pm_meter meter;
	uint64_t bytes;
};

/* ---- helpers ----------------------------------------------------------- */

static unsigned pl080_burst(uint32_t code)
{
	static const unsigned sz[8] = { 1, 4, 8, 16, 32, 64, 128, 256 };
	return sz[code & 7];
}

/* Transfer width in bytes, 0 for the reserved codes 3-7. */
static unsigned pl080_width(uint32_t code)
{
	code &= 7;
	return code <= 2 ? 1u << code : 0;
}

static unsigned chan_sw(const struct pl080_chan *c)
{
	return pl080_width(c->ctrl >> CTRL_SWIDTH_SHIFT);
}

static unsigned chan_dw(const struct pl080_chan *c)
{
	return pl080_width(c->ctrl >> CTRL_DWIDTH_SHIFT);
}

static unsigned chan_flow(const struct pl080_chan *c)
{
	return (c->cfg >> CFG_FLOW_SHIFT) & 7;
}

static unsigned chan_srcper(const struct pl080_chan *c)
{
	return (c->cfg >> CFG_SRCPER_SHIFT) & 0xf;
}

static unsigned chan_dstper(const struct pl080_chan *c)
{
	return (c->cfg >> CFG_DSTPER_SHIFT) & 0xf;
}

static unsigned chan_count(const struct pl080_chan *c)
{
	return c->ctrl & CTRL_COUNT_MASK;
}

static bool req_burst(const struct pl080 *p, unsigned line)
{
	return ((p->hw_burst | p->soft_b | p->soft_lb) >> line) & 1;
}

static bool req_single(const struct pl080 *p, unsigned line)
{
	return ((p->hw_single | p->soft_s | p->soft_ls) >> line) & 1;
}

static uint8_t pl080_mask(const struct pl080 *p, uint32_t bit)
{
	uint8_t m = 0;
	for (unsigned n = 0; n < PL080_CHANNELS; n++)
		if (p->ch[n].cfg & bit)
			m |= (uint8_t)(1u << n);
	return m;
}

static uint8_t pl080_tc_status(const struct pl080 *p)
{
	return p->tc_raw & pl080_mask(p, CFG_ITC);
}

static uint8_t pl080_err_status(const struct pl080 *p)
{
	return p->err_raw & pl080_mask(p, CFG_IE);
}

static void pl080_set_line(const struct irq_line *l, int *cur, int level)
{
	if (level != *cur) {
		*cur = level;
		irq_set(l, level);
	}
}

static void pl080_update_irq(struct pl080 *p)
{
	int tc = pl080_tc_status(p) != 0, err = pl080_err_status(p) != 0;
	pl080_set_line(&p->intr, &p->intr_lv, tc || err);
	pl080_set_line(&p->tc_line, &p->tc_lv, tc);
	pl080_set_line(&p->err_line, &p->err_lv, err);
}

static void pl080_trace(struct pl080 *p, simtime_t now, int chan)
{
	if (chan == p->traced)
		return;
	p->traced = chan;
	trace_state(p->trace, now, p->name, "channel", chan,
		    chan < 0 ? "idle" : pl080_chan_label[chan]);
}

static bool pl080_running(const struct pl080 *p)
{
	return (p->conf & CONF_E) && !p->gated && p->pd == PD_ON;
}

/* Start the engine if it is waiting for nothing. Inside the event (a
 * peripheral answering DMACCLR with a new request level) the event itself
 * arbitrates once it has finished the step. */
static void pl080_kick(struct pl080 *p)
{
	if (p->in_event || sched_pending(&p->ev) || !pl080_running(p))
		return;
	sched_schedule(p->sched, &p->ev, sched_now(p->sched));
}

/* A channel error: the TRM's DMACINTERR, and the channel is disabled. */
static void pl080_chan_error(struct pl080 *p, unsigned n)
{
	struct pl080_chan *c = &p->ch[n];
	p->err_raw |= (uint8_t)(1u << n);
	c->cfg &= ~CFG_E;
	c->fifo_len = 0;
	c->need_lli = false;
	c->gen++;
}

/* The configuration the model can run: DMAC-controlled flows and
 * defined widths. NULL if fine, else why not. */
static const char *pl080_chan_unsupported(const struct pl080_chan *c)
{
	if (chan_flow(c) > FLOW_P2P)
		return "a peripheral as flow controller (FlowCntrl 4-7) is not modelled";
	if (!chan_sw(c) || !chan_dw(c))
		return "reserved transfer width in DMACCxControl";
	return NULL;
}

static void pl080_diag(struct pl080 *p, unsigned n, const char *what)
{
	if (p->soc)
		soc_diag(p->soc, "%s channel %u: %s; error status set (interrupt if IE), "
			 "channel disabled", p->name, n, what);
}

/* ---- planning a step ----------------------------------------------------- */

/* What channel n would do now, if anything. */
static bool pl080_plan(const struct pl080 *p, unsigned n, struct pl080_step *s)
{
	const struct pl080_chan *c = &p->ch[n];
	memset(s, 0, sizeof *s);
	s->chan = n;
	s->gen = c->gen;
	if (!(c->cfg & CFG_E))
		return false;
	if (c->need_lli) {
		s->lli = true;
		return true;
	}
	if (pl080_chan_unsupported(c))
		return false;
	unsigned flow = chan_flow(c), sw = chan_sw(c), dw = chan_dw(c);
	unsigned cnt = chan_count(c);
	if (!cnt && !c->fifo_len) {
		s->empty = true;
		return true;
	}
	bool src_per = flow == FLOW_P2M || flow == FLOW_P2P;
	bool dst_per = flow == FLOW_M2P || flow == FLOW_P2P;
	unsigned remaining = cnt * sw + c->fifo_len;

	/* What a peripheral destination asks for: a burst or one item. */
	unsigned want = 0;
	if (dst_per) {
		unsigned line = chan_dstper(c);
		if (req_burst(p, line))
			want = pl080_burst(c->ctrl >> CTRL_DBSIZE_SHIFT) * dw;
		else if (req_single(p, line))
			want = dw;
		if (want > remaining)
			want = remaining;
	}

	/* Source reads. H (halt) ignores further source requests. */
	if (cnt && !(c->cfg & CFG_H)) {
		unsigned k = 0;
		if (src_per) {
			unsigned line = chan_srcper(c);
			if (req_burst(p, line))
				k = pl080_burst(c->ctrl >> CTRL_SBSIZE_SHIFT);
			else if (req_single(p, line))
				k = 1;
			if (k > cnt)
				k = cnt;
			if (k && c->fifo_len + k * sw <= PL080_FIFO_BYTES)
				s->src_served = true;
			else
				k = 0;
		} else if (dst_per) {
			/* Read only what the peripheral's request needs. */
			if (want > c->fifo_len)
				k = (want - c->fifo_len + sw - 1) / sw;
		} else {
			k = pl080_burst(c->ctrl >> CTRL_SBSIZE_SHIFT);
		}
		s->nread = k > cnt ? cnt : k;
	}

	/* What the destination takes from the FIFO. A partial destination
	 * item leaves only once the source has nothing more to give. */
	unsigned avail = c->fifo_len + s->nread * sw;
	bool src_done = s->nread == cnt;
	unsigned w;
	if (dst_per)
		w = want < avail ? want : avail;
	else
		w = avail;
	if (!src_done)
		w -= w % dw;
	s->wbytes = w;
	s->dst_served = dst_per && w;
	return s->nread || s->wbytes;
}

/* ---- making a step on the bus -------------------------------------------- */

/* A beat's status when a scenario's "bus-error" answered it (not a bus
 * status: those are >= 0). */
#define PL080_ERR_INJECTED (-1)

/* One beat at t0 + *elapsed; it costs a beat time plus what the memory
 * adds, whether or not it succeeds (an error response takes a beat). The
 * memory's latency holds the bus for whole cycles, as a slave's wait
 * states do. */
static int pl080_beat(struct pl080 *p, unsigned n, uint32_t addr, unsigned size,
		      uint32_t *val, bool write, simtime_t t0, simtime_t *elapsed)
{
	uint64_t lat = 0;
	simtime_t at = t0 + *elapsed;
	if (p->fault_bus_error) {
		/* The slave is never reached; the response takes the beat. */
		p->fault_bus_error = false;
		*elapsed += p->beat_ps;
		return PL080_ERR_INJECTED;
	}
	int st = bus_master_access(p->bus, at, addr, size, val, write, &lat);
	if (p->period_ps && lat % p->period_ps)
		lat += p->period_ps - lat % p->period_ps;
	*elapsed += p->beat_ps + lat;
	if (st == BUS_OK && p->obs) {
		const struct bus_region *r = bus_find(p->bus, addr);
		if (r && r->kind != BUS_MMIO)
			p->obs(p->obs_opaque, n, addr, size, write, at + lat);
	}
	return st;
}

static void pl080_step_fail(struct pl080_step *s, uint32_t addr, int st)
{
	s->error = true;
	s->err_addr = addr;
	s->err_status = st;
}

static simtime_t pl080_fetch_lli(struct pl080 *p, struct pl080_step *s, simtime_t t0)
{
	struct pl080_chan *c = &p->ch[s->chan];
	uint32_t w[4], addr = c->lli & LLI_ADDR_MASK;
	simtime_t el = 0;
	s->lli_addr = addr;
	for (unsigned i = 0; i < 4; i++) {
		int st = pl080_beat(p, s->chan, addr + 4 * i, 4, &w[i], false, t0, &el);
		if (st != BUS_OK) {
			pl080_step_fail(s, addr + 4 * i, st);
			return el;
		}
	}
	c->src = w[0];
	c->dst = w[1];
	c->lli = w[2] & LLI_WMASK;
	c->ctrl = w[3];
	c->need_lli = false;
	return el;
}

static simtime_t pl080_move(struct pl080 *p, struct pl080_step *s, simtime_t t0)
{
	struct pl080_chan *c = &p->ch[s->chan];
	unsigned sw = chan_sw(c), dw = chan_dw(c);
	simtime_t el = 0;
	for (unsigned k = 0; k < s->nread; k++) {
		uint32_t v = 0;
		int st = pl080_beat(p, s->chan, c->src, sw, &v, false, t0, &el);
		if (st != BUS_OK) {
			pl080_step_fail(s, c->src, st);
			return el;
		}
		for (unsigned b = 0; b < sw; b++)
			c->fifo[c->fifo_len++] = (uint8_t)(v >> (8 * b));
		if (c->ctrl & CTRL_SI)
			c->src += sw;
		c->ctrl = (c->ctrl & ~CTRL_COUNT_MASK) | (chan_count(c) - 1);
	}
	unsigned done = 0;
	while (done < s->wbytes) {
		unsigned size = s->wbytes - done >= dw ? dw : 1;
		uint32_t v = 0;
		for (unsigned b = 0; b < size; b++)
			v |= (uint32_t)c->fifo[done + b] << (8 * b);
		int st = pl080_beat(p, s->chan, c->dst, size, &v, true, t0, &el);
		if (st != BUS_OK) {
			pl080_step_fail(s, c->dst, st);
			break;
		}
		done += size;
		if (c->ctrl & CTRL_DI)
			c->dst += size;
	}
	/* A beat may have hit the controller's own registers and disabled
	 * the channel (emptying its FIFO) under our feet. */
	if (done > c->fifo_len)
		done = c->fifo_len;
	memmove(c->fifo, c->fifo + done, c->fifo_len - done);
	c->fifo_len -= done;
	p->bytes += done;
	pm_meter_add(&p->meter, sched_now(p->sched), done * p->j_per_byte);
	return el;
}

/* Arbitrate and put the winner's step on the bus. */
static void pl080_start(struct pl080 *p, simtime_t now)
{
	if (pl080_running(p)) {
		for (unsigned n = 0; n < PL080_CHANNELS; n++) {
			struct pl080_step *s = &p->step;
			if (!pl080_plan(p, n, s))
				continue;
			p->cur = (int)n;
			pl080_trace(p, now, (int)n);
			simtime_t el = 0;
			if (s->lli)
				el = pl080_fetch_lli(p, s, now);
			else if (!s->empty)
				el = pl080_move(p, s, now);
			sched_schedule(p->sched, &p->ev, now + el);
			return;
		}
	}
	sched_cancel(p->sched, &p->ev);
	pl080_trace(p, now, -1);
}

/* The channel's chain is complete: one sample of its latency, from the
 * enable to now (a channel disabled by software or an error gives none). */
static void pl080_latency(struct pl080 *p, unsigned n)
{
	struct pl080_chan *c = &p->ch[n];
	if (!p->soc)
		return;
	if (!c->lat) {
		char name[80];
		snprintf(name, sizeof name, "%s %s", p->name, pl080_chan_label[n]);
		c->lat = lat_series(p->soc->lat, LAT_DMA, name);
	}
	simtime_t now = sched_now(p->sched);
	lat_sample(c->lat, now > c->enabled_at ? now - c->enabled_at : 0);
}

/* The channel's item ran out: its terminal count, then the next item or
 * the end of the chain. */
static void pl080_complete_item(struct pl080 *p, unsigned n)
{
	struct pl080_chan *c = &p->ch[n];
	trace_state(p->trace, sched_now(p->sched), p->name, "done", n, NULL);
	if (c->ctrl & CTRL_I)
		p->tc_raw |= (uint8_t)(1u << n);
	if (c->lli & LLI_ADDR_MASK) {
		c->need_lli = true;
	} else {
		c->cfg &= ~CFG_E;
		pl080_latency(p, n);
	}
}

/* Software requests are one-shot: served once, they clear (TRM). */
static void pl080_answer(struct pl080 *p, unsigned line, bool last)
{
	uint16_t bit = (uint16_t)~(1u << line);
	p->soft_b &= bit;
	p->soft_s &= bit;
	p->soft_lb &= bit;
	p->soft_ls &= bit;
	if (p->ack[line].done)
		p->ack[line].done(p->ack[line].periph, last);
}

/* An item that links to itself repeats for ever. Behind a peripheral that
 * is the circular buffer drivers build on purpose, paced by the requests;
 * moving memory to memory, or nothing at all, it never ends and holds the
 * bus at full speed: a chain whose last LLI was meant to be 0. Told once
 * per channel and run, as a diagnostic; the channel runs on regardless,
 * as it would on silicon. */
static void pl080_check_loop(struct pl080 *p, unsigned n, uint32_t item)
{
	const struct pl080_chan *c = &p->ch[n];
	if ((c->lli & LLI_ADDR_MASK) != item || (p->loop_told & (1u << n)))
		return;
	if (chan_flow(c) != FLOW_M2M && chan_count(c))
		return;
	p->loop_told |= (uint8_t)(1u << n);
	if (p->soc)
		soc_diag(p->soc, "%s channel %u: the linked-list item at 0x%08x links to itself "
			 "and %s: the chain never ends, the channel repeats it at full bus "
			 "speed until software disables it", p->name, n, item,
			 chan_count(c) ? "copies memory to memory" : "moves nothing (TransferSize 0)");
}

/* Why a beat failed, for the diagnostic. */
static const char *pl080_bus_error(int st)
{
	switch (st) {
	case BUS_ERR_UNMAPPED: return "nothing mapped";
	case BUS_ERR_PRIVATE: return "the core's private peripheral bus, which DMA cannot reach";
	case PL080_ERR_INJECTED: return "an error response injected by a scenario";
	default: return "refused";
	}
}

/* The step's end: answer the peripherals, raise what it raised. */
static void pl080_finish(struct pl080 *p)
{
	struct pl080_step *s = &p->step;
	unsigned n = s->chan;
	struct pl080_chan *c = &p->ch[n];
	p->cur = -1;
	bool last = !chan_count(c);
	if (s->src_served && !s->error)
		pl080_answer(p, chan_srcper(c), last);
	if (s->dst_served && !s->error)
		pl080_answer(p, chan_dstper(c), last && !c->fifo_len);
	/* Disabled (or disabled and re-enabled) by software meanwhile: the
	 * FIFO's data is gone and nothing completes. */
	if (c->gen != s->gen || !(c->cfg & CFG_E))
		return;
	const char *why;
	if (s->error) {
		char what[128];
		snprintf(what, sizeof what, "bus error (%s) %s 0x%08x", pl080_bus_error(s->err_status),
			 s->lli ? "fetching the linked-list item at" : "at", s->err_addr);
		pl080_chan_error(p, n);
		trace_state(p->trace, sched_now(p->sched), p->name, "error", n, NULL);
		pl080_diag(p, n, what);
	} else if (s->lli && (why = pl080_chan_unsupported(c))) {
		pl080_chan_error(p, n);
		pl080_diag(p, n, why);
	} else {
		if (s->lli)
			pl080_check_loop(p, n, s->lli_addr);
		if (!chan_count(c) && !c->fifo_len && !c->need_lli)
			pl080_complete_item(p, n);
	}
	pl080_update_irq(p);
}

static void pl080_event(struct sched_event *ev, simtime_t now)
{
	struct pl080 *p = container_of(ev, struct pl080, ev);
	p->in_event = true;
	if (p->cur >= 0)
		pl080_finish(p);
	pl080_start(p, now);
	p->in_event = false;
}

/* ---- registers ----------------------------------------------------------- */

static uint8_t pl080_enabled(const struct pl080 *p)
{
	return pl080_mask(p, CFG_E);
}

static uint32_t pl080_chan_read(const struct pl080 *p, unsigned n, uint32_t off)
{
	const struct pl080_chan *c = &p->ch[n];
	switch (off) {
	case CH_SRC: return c->src;
	case CH_DST: return c->dst;
	case CH_LLI: return c->lli;
	case CH_CTRL: return c->ctrl;
	case CH_CFG:
		/* A: data in the FIFO, or a burst of the channel on the bus. */
		return c->cfg | ((c->fifo_len || p->cur == (int)n) ? CFG_A : 0);
	default: return 0;
	}
}

static uint32_t pl080_reg_read(const struct pl080 *p, uint32_t off)
{
	if (off >= PL080_CH_BASE && off < PL080_CH_BASE + PL080_CHANNELS * PL080_CH_STRIDE) {
		uint32_t rel = off - PL080_CH_BASE;
		return pl080_chan_read(p, rel / PL080_CH_STRIDE, rel % PL080_CH_STRIDE);
	}
	switch (off) {
	case PL080_INT_STATUS: return pl080_tc_status(p) | pl080_err_status(p);
	case PL080_INT_TC_STATUS: return pl080_tc_status(p);
	case PL080_INT_ERR_STATUS: return pl080_err_status(p);
	case PL080_RAW_TC: return p->tc_raw;
	case PL080_RAW_ERR: return p->err_raw;
	case PL080_ENBLD_CHNS: return pl080_enabled(p);
	case PL080_SOFT_BREQ: return (uint32_t)(p->hw_burst | p->soft_b);
	case PL080_SOFT_SREQ: return (uint32_t)(p->hw_single | p->soft_s);
	case PL080_SOFT_LBREQ: return p->soft_lb;
	case PL080_SOFT_LSREQ: return p->soft_ls;
	case PL080_CONFIG: return p->conf;
	case PL080_SYNC: return p->sync;
	default:
		if (off >= PL080_ID_BASE)
			return pl080_id[(off - PL080_ID_BASE) / 4];
		/* Write-only (clears), reserved and test registers. */
		return 0;
	}
}

static void pl080_write_cfg(struct pl080 *p, unsigned n, uint32_t val)
{
	struct pl080_chan *c = &p->ch[n];
	uint32_t old = c->cfg;
	c->cfg = val & CFG_WMASK;
	if (!(old & CFG_E) && (c->cfg & CFG_E)) {
		c->fifo_len = 0;
		c->need_lli = false;
		c->gen++;
		c->enabled_at = sched_now(p->sched);
		const char *why = pl080_chan_unsupported(c);
		if (why) {
			pl080_chan_error(p, n);
			pl080_diag(p, n, why);
		}
	} else if ((old & CFG_E) && !(c->cfg & CFG_E)) {
		/* Disabled directly: the FIFO's data is lost (TRM). */
		c->fifo_len = 0;
		c->need_lli = false;
		c->gen++;
	}
	pl080_update_irq(p);
	pl080_kick(p);
}

static void pl080_chan_write(struct pl080 *p, unsigned n, uint32_t off, uint32_t val)
{
	struct pl080_chan *c = &p->ch[n];
	switch (off) {
	case CH_SRC: c->src = val; break;
	case CH_DST: c->dst = val; break;
	case CH_LLI: c->lli = val & LLI_WMASK; break;
	case CH_CTRL:
		c->ctrl = val;
		pl080_kick(p);
		break;
	case CH_CFG: pl080_write_cfg(p, n, val); break;
	default: break;
	}
}

static void pl080_reg_write(struct pl080 *p, uint32_t off, uint32_t val)
{
	if (off >= PL080_CH_BASE && off < PL080_CH_BASE + PL080_CHANNELS * PL080_CH_STRIDE) {
		uint32_t rel = off - PL080_CH_BASE;
		pl080_chan_write(p, rel / PL080_CH_STRIDE, rel % PL080_CH_STRIDE, val);
		return;
	}
	switch (off) {
	case PL080_INT_TC_CLEAR:
		p->tc_raw &= (uint8_t)~val;
		pl080_update_irq(p);
		break;
	case PL080_INT_ERR_CLEAR:
		p->err_raw &= (uint8_t)~val;
		pl080_update_irq(p);
		break;
	case PL080_SOFT_BREQ:
		p->soft_b |= (uint16_t)val;
		pl080_kick(p);
		break;
	case PL080_SOFT_SREQ:
		p->soft_s |= (uint16_t)val;
		pl080_kick(p);
		break;
	case PL080_SOFT_LBREQ:
		p->soft_lb |= (uint16_t)val;
		pl080_kick(p);
		break;
	case PL080_SOFT_LSREQ:
		p->soft_ls |= (uint16_t)val;
		pl080_kick(p);
		break;
	case PL080_CONFIG:
		p->conf = val & CONF_WMASK;
		pl080_kick(p);
		/* Disabled before a kick ran: take it back, so that an idle
		 * controller has nothing queued. */
		if (!pl080_running(p) && p->cur < 0 && !p->in_event)
			sched_cancel(p->sched, &p->ev);
		break;
	case PL080_SYNC:
		p->sync = val & 0xffff;
		break;
	default:
		/* Read-only, reserved, test and ID registers ignore writes. */
		break;
	}
}

/* Reads of any width return their lanes of the register; writes must be
 * whole words (the PL080's registers are 32-bit and drivers use word
 * accesses only; a narrow write is refused rather than guessed at). While
 * the domain is not on, the block does not respond: reads 0, writes lost. */
static int pl080_mmio_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct pl080 *p = opaque;
	uint32_t v = p->pd == PD_ON ? pl080_reg_read(p, offset & ~3u) : 0;
	v >>= 8 * (offset & 3);
	*val = size == 4 ? v : v & ((1u << (8 * size)) - 1);
	return BUS_OK;
}

static int pl080_mmio_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct pl080 *p = opaque;
	if (size != 4 || (offset & 3))
		return BUS_ERR_DEVICE;
	if (p->pd == PD_ON)
		pl080_reg_write(p, offset, val);
	return BUS_OK;
}

static const struct bus_ops pl080_ops = {
	.name = "pl080",
	.sizes = BUS_SIZES_ALL,
	.read = pl080_mmio_read,
	.write = pl080_mmio_write,
};

/* ---- request lines ------------------------------------------------------- */

void pl080_request(struct pl080 *p, unsigned input, bool single, bool burst)
{
	if (input >= PL080_REQUESTS)
		return;
	uint16_t bit = (uint16_t)(1u << input);
	p->hw_single = single ? p->hw_single | bit : p->hw_single & (uint16_t)~bit;
	p->hw_burst = burst ? p->hw_burst | bit : p->hw_burst & (uint16_t)~bit;
	if (single || burst)
		pl080_kick(p);
}

int pl080_set_ack(struct pl080 *p, unsigned input, struct dma_ack a)
{
	if (input >= PL080_REQUESTS || p->ack[input].done)
		return -1;
	p->ack[input] = a;
	return 0;
}

static void pl080_request_cb(void *ctrl, unsigned input, bool single, bool burst)
{
	pl080_request(ctrl, input, single, burst);
}

static int pl080_ack_cb(void *ctrl, unsigned input, struct dma_ack a)
{
	return pl080_set_ack(ctrl, input, a);
}

/* ---- clock and power ----------------------------------------------------- */

/* The beat time at HCLK's present rate `hz` (the file's opening comment):
 * the fewest whole cycles, at least one, that last pmsim,beat-ns. It
 * depends on the rate alone, never on the rates the clock had before. */
static void pl080_set_rate(struct pl080 *p, uint64_t hz)
{
	uint64_t period = (PS_PER_S + hz / 2) / hz;
	if (!period)
		period = 1;
	uint64_t cycles = (p->beat_min_ps + period - 1) / period;
	uint64_t ps = (cycles ? cycles : 1) * period;
	p->period_ps = period;
	p->beat_ps = ps > UINT32_MAX ? UINT32_MAX : (uint32_t)ps;
}

void pl080_clock_rate(struct pl080 *p, uint64_t hz)
{
	p->gated = hz == 0;
	if (hz)
		pl080_set_rate(p, hz);
	pl080_kick(p);
}

void pl080_reset(struct pl080 *p)
{
	sched_cancel(p->sched, &p->ev);
	p->cur = -1;
	p->conf = 0;
	p->sync = 0;
	p->tc_raw = 0;
	p->err_raw = 0;
	p->soft_b = p->soft_s = p->soft_lb = p->soft_ls = 0;
	for (unsigned n = 0; n < PL080_CHANNELS; n++) {
		struct pl080_chan *c = &p->ch[n];
		c->src = c->dst = c->lli = c->ctrl = c->cfg = 0;
		c->fifo_len = 0;
		c->need_lli = false;
		c->gen++;
	}
	pl080_update_irq(p);
	pl080_trace(p, sched_now(p->sched), -1);
}

void pl080_power(struct pl080 *p, enum pd_state st)
{
	if (st == p->pd)
		return;
	if (st == PD_OFF)
		pl080_reset(p);
	/* Retention keeps everything and, like a gated clock, lets the
	 * burst in flight end and starts no other. */
	p->pd = st;
	pl080_kick(p);
}

/* ---- lifetime ------------------------------------------------------------ */

struct pl080 *pl080_new(struct bus *bus, struct sched *sched, uint32_t base,
			const struct pl080_params *prm, struct irq_line intr, struct irq_line tc,
			struct irq_line err)
{
	if (!prm->beat_ps)
		return NULL;
	struct pl080 *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->bus = bus;
	p->sched = sched;
	p->trace = prm->trace;
	p->base = base;
	snprintf(p->name, sizeof p->name, "%s", prm->name ? prm->name : "pl080");
	p->intr = intr;
	p->tc_line = tc;
	p->err_line = err;
	p->beat_min_ps = prm->beat_ps;
	p->beat_ps = prm->beat_ps;
	if (prm->hz)
		pl080_set_rate(p, prm->hz);
	p->pd = PD_ON;
	p->traced = -1;
	p->j_per_byte = prm->pj_per_byte * 1e-12;
	pm_meter_init(&p->meter, p->name, "dma");
	sched_event_init(&p->ev, pl080_event, "pl080.burst");
	if (bus_add_mmio(bus, p->name, base, 0x1000, &pl080_ops, p) < 0) {
		free(p);
		return NULL;
	}
	pl080_reset(p);
	return p;
}

/* The bus keeps no way to unmap a region: free a PL080 only when its bus
 * is being torn down as well. */
void pl080_free(struct pl080 *p)
{
	if (!p)
		return;
	sched_cancel(p->sched, &p->ev);
	free(p);
}

struct pm_meter *pl080_meter(struct pl080 *p)
{
	return &p->meter;
}

int pl080_current_channel(const struct pl080 *p)
{
	return p->cur;
}

void pl080_set_observer(struct pl080 *p, pl080_observer fn, void *opaque)
{
	p->obs = fn;
	p->obs_opaque = opaque;
}

uint64_t pl080_bytes_moved(const struct pl080 *p)
{
	return p->bytes;
}

/* ---- device-tree binding ------------------------------------------------- */

#define PL080_DEFAULT_BEAT_NS 10u
#define PL080_DEFAULT_PJ_PER_BYTE 2u

static int pl080_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the PL080's 4 KiB register block",
			    node->path, size);
	int nirq = dt_cells(node, "interrupts");
	if (nirq != 1 && nirq != 3)
		return errf(e, "%s: 'interrupts' must have one entry (DMACINTR) or three "
			    "(DMACINTR, DMACINTTC, DMACINTERR), not %d cells", node->path, nirq);
	struct irq_line lines[3] = { { 0 }, { 0 }, { 0 } };
	for (int i = 0; i < nirq; i++) {
		uint32_t irq;
		if (dt_irq(node, i, &irq, e) < 0)
			return -1;
		if (soc->num_irq && irq >= soc->num_irq)
			return errf(e, "%s: interrupt %u is beyond the NVIC's %u external lines",
				    node->path, irq, soc->num_irq);
		lines[i] = soc_irq(soc, irq);
	}
	if (dt_bool(node, "#dma-cells") && dt_u32_opt(node, "#dma-cells", 0) != 1)
		return errf(e, "%s: '#dma-cells' must be <1> (the request input, 0-15)",
			    node->path);
	if (dt_bool(node, "dma-channels") && dt_u32_opt(node, "dma-channels", 0) != PL080_CHANNELS)
		return errf(e, "%s: 'dma-channels' must be <8>: the PL080 has eight channels",
			    node->path);
	if (dt_bool(node, "dma-requests")) {
		uint32_t r = dt_u32_opt(node, "dma-requests", 0);
		if (r == 0 || r > PL080_REQUESTS)
			return errf(e, "%s: 'dma-requests' must be 1-16 (is %u)", node->path, r);
	}
	uint32_t beat_ns = dt_u32_opt(node, "pmsim,beat-ns", PL080_DEFAULT_BEAT_NS);
	if (beat_ns == 0 || beat_ns > 1000000)
		return errf(e, "%s: 'pmsim,beat-ns' must be 1-1000000 (is %u)", node->path,
			    beat_ns);
	uint32_t pj = dt_u32_opt(node, "pmsim,picojoule-per-byte", PL080_DEFAULT_PJ_PER_BYTE);
	if (pj > 1000000)
		return errf(e, "%s: 'pmsim,picojoule-per-byte' above 1 µJ is not plausible "
			    "(is %u)", node->path, pj);
	uint64_t hz = 0;
	bool clocked = dt_cells(node, "clocks") > 0;
	if (clocked && soc_clock_hz(soc, node, 0, &hz, e))
		return -1;
	if (soc->ndmacs >= sizeof soc->dmacs / sizeof soc->dmacs[0])
		return errf(e, "%s: too many DMA controllers (at most %zu)", node->path,
			    sizeof soc->dmacs / sizeof soc->dmacs[0]);
	const char *name = fdt_get_name(node->fdt, node->off, NULL);
	struct pl080_params prm = {
		.name = name ? name : node->path,
		.beat_ps = beat_ns * 1000,
		.pj_per_byte = pj,
		.hz = hz,
		.trace = &soc->trace,
	};
	struct pl080 *p = pl080_new(&soc->bus, &soc->sched, base, &prm, lines[0], lines[1],
				    lines[2]);
	if (!p)
		return errf(e, "%s: cannot map the PL080 at 0x%08x (overlaps another region?)",
			    node->path, base);
	p->soc = soc;
	if (clocked && !hz)
		p->gated = true;
	soc_dma_register(soc, node->off, pl080_request_cb, pl080_ack_cb, p);
	*state = p;
	return 0;
}

static void pl080_destroy(void *state)
{
	pl080_free(state);
}

static void pl080_type_reset(void *state)
{
	pl080_reset(state);
}

static void pl080_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	if (idx == 0)
		pl080_clock_rate(state, hz);
}

static void pl080_type_power(void *state, enum pd_state st)
{
	pl080_power(state, st);
}

static int pl080_realize(void *state, struct soc *soc, struct err *e)
{
	struct pl080 *p = state;
	soc_add_meter(soc, &p->meter);
	return 0;
}

/* The TRM's error response: the beat that meets it fails, the channel is
 * disabled with its FIFO's data lost, DMACIntErrorStatus is set and the
 * error interrupt raised if IE (pl080_finish does all of it, as for a
 * slave's own error). "clear" withdraws a fault not yet met. */
static const char *const pl080_faults[] = { "bus-error", "clear", NULL };

static int pl080_fault(void *state, const char *kind, struct err *e)
{
	struct pl080 *p = state;
	int k = soc_fault_kind(kind, pl080_faults, e);
	if (k < 0)
		return -1;
	p->fault_bus_error = k == 0;
	return 0;
}

const struct dev_type pl080_dev_type = {
	.compatible = "arm,pl080",
	.create = pl080_create,
	.destroy = pl080_destroy,
	.reset = pl080_type_reset,
	.clock_rate = pl080_type_clock_rate,
	.power = pl080_type_power,
	.realize = pl080_realize,
	.fault = pl080_fault,
};
