/*
 * pmsim's DRAM controller and the power states of the LPDDR memory behind
 * it (docs/devices/dramc.md is the programmer's view).
 *
 * The memory is in one of four states: active standby (idle or serving
 * accesses), precharge power-down, self-refresh, or off (rail down). The
 * controller is not on the data path: the memory is a RAM region of the
 * bus, and whoever moves data to or from it (the core's memory system on
 * line fills, write-backs and uncached accesses, the DMA engine) calls
 * dramc_access(), which returns the exit latency the access pays (tXP from
 * power-down, tXS from self-refresh) and books its energy.
 *
 * Idle timers are lazy. The hot path must not touch the scheduler, so no
 * event is queued per access: the controller remembers when the memory
 * went idle (the end of the last access, or the end of a wake-up) and,
 * whenever anyone looks (an access, a register, a report, the rail),
 * replays the transitions the timers would have made up to that moment,
 * each at its own time, so residency and energy come out exactly as if an
 * event had fired. No event is scheduled at the next expiry either: nothing
 * in the SoC reacts to a DRAM state change at the moment it happens (there
 * is no interrupt), and replayed transitions carry their true timestamps.
 *
 * Power (datasheet IDD convention, one supply VDD):
 *  background = IDD3N (active standby), IDD2P (power-down) or IDD6
 *               (self-refresh) times VDD; nothing while off. The exit
 *               periods (tXP, tXS) count as active standby.
 *  refresh    = (IDD5 - IDD3N) * VDD * tRFC / tREFI as an average power,
 *               in active standby and power-down (the controller steps out
 *               of power-down to refresh); in self-refresh the memory
 *               refreshes itself and IDD6 already includes it.
 *  access     = per burst, (IDD4R - IDD3N) * VDD * tBURST for a read and
 *               (IDD4W - IDD3N) * VDD * tBURST for a write: the increment
 *               over the active-standby current already being drawn.
 * Defaults are those of an LPDDR3-1600 x32 die at VDD2 = 1.2 V (the
 * default SoC gives 1.1 V in its device tree).
 *
 * Bursts. An access costs one burst per burst-sized block it touches,
 * except where it continues a burst already on its way: the controller
 * keeps, for reads and for writes, the burst in progress (its block and
 * the address right after the last byte asked of it). An access of the
 * same direction that starts at that address is sequential: the part of
 * it inside that block joins the burst (no energy, no data-bus time: a
 * DMA channel's or an LDM's word beats into one 32-byte burst are one
 * burst, as the controller's read and write buffers make them), and the
 * bursts it starts beyond are queued behind its own, so a sequential
 * stream never waits for its own bursts, only for another stream's. A
 * burst in progress ends when the memory leaves active standby, when an
 * access of the other direction touches its block, or when the next access
 * of its direction is not sequential.
 */
#include "devices/dramc.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dt.h"
#include "sim/err.h"
#include "sim/soc.h"

/* Register offsets. */
enum {
	DRAMC_ID = 0x000,
	DRAMC_CTRL = 0x004,
	DRAMC_STATUS = 0x008,
	DRAMC_PD_IDLE = 0x00c,
	DRAMC_SR_IDLE = 0x010,
	DRAMC_SR_ENTRIES = 0x014,
	DRAMC_PD_ENTRIES = 0x018,
	DRAMC_TXP = 0x01c,
	DRAMC_TXS = 0x020,
	DRAMC_MEM_SIZE = 0x024,
};

#define DRAMC_ID_VALUE 0x44524331u /* "DRC1": pmsim DRAM controller, version 1 */

#define CTRL_PD_EN (1u << 0)    /* power-down idle timer */
#define CTRL_SR_IDLE_EN (1u << 1) /* self-refresh idle timer */
#define CTRL_SR_REQ (1u << 2)   /* command: enter self-refresh */
#define CTRL_SR_EXIT (1u << 3)  /* command: leave self-refresh */

#define STATUS_STATE_MASK 0x3u
#define STATUS_SR_PENDING (1u << 4)
#define STATUS_LOST (1u << 8)

struct dramc {
	struct bus *bus;
	struct sched *sched;
	struct soc *soc;      /* for diagnostics, once realized */
	struct dramc_params p;

	enum dramc_state state;
	simtime_t since;      /* when `state` was entered */
	simtime_t settled;    /* the history is accounted up to here */
	simtime_t idle_since; /* idle timers count from here: the end of the
			       * last access or of the last wake-up */
	simtime_t ready_at;   /* the last exit (tXP/tXS) completes here */
	simtime_t busy_until; /* the data bus is busy with bursts until here */
	bool busy_write;      /* ... the last of them a write burst */
	bool sr_pending;      /* software request, taken at idle_since */

	/* The read [0] and write [1] burst in progress (see the top). */
	struct dramc_open {
		bool valid;
		uint64_t block; /* address / burst_bytes */
		uint64_t next;  /* where a sequential access starts */
	} open[2];

	/* Register state. */
	bool pd_en, sr_idle_en, lost_flag;
	simtime_t pd_idle_ps, sr_idle_ps;
	uint64_t sr_base, pd_base; /* counter registers count from these */

	struct dramc_stats st;
	struct pm_meter meters[DRAMC_NMETERS];
	double state_w[DRAMC_NSTATES];
	double refresh_w;
	double burst_j_read, burst_j_write;

	dramc_lost_fn lost;
	void *lost_opaque;
	char why[200];

	struct trace *trace;  /* state transitions (dramc_set_trace) */
};

static const char *const state_names[DRAMC_NSTATES] = {
	[DRAMC_ACTIVE] = "active",
	[DRAMC_POWER_DOWN] = "power-down",
	[DRAMC_SELF_REFRESH] = "self-refresh",
	[DRAMC_OFF] = "off",
};

static const char *const meter_kinds[DRAMC_NMETERS] = {
	[DRAMC_METER_BACKGROUND] = "background",
	[DRAMC_METER_ACCESS] = "access",
	[DRAMC_METER_REFRESH] = "refresh",
};

const char *dramc_state_name(enum dramc_state st)
{
	return (unsigned)st < DRAMC_NSTATES ? state_names[st] : "?";
}

void dramc_default_params(struct dramc_params *p)
{
	memset(p, 0, sizeof *p);
	/* LPDDR3: tXP = max(3 tCK, 7.5 ns); tXS = tRFCab + 10 ns; a 4 Gb die
	 * refreshes all banks in 130 ns every 3.9 us. BL8 on x32 at 1600
	 * MT/s moves 32 bytes in 5 ns. */
	p->txp_ps = 7500;
	p->txs_ps = 140 * PS_PER_NS;
	p->trefi_ps = 3900 * PS_PER_NS;
	p->trfc_ps = 130 * PS_PER_NS;
	p->tburst_ps = 5 * PS_PER_NS;
	/* VDD2 currents of an LPDDR2/3 die in the order of magnitude the
	 * datasheets give (85 degrees C for IDD6). */
	p->idd3n_ua = 30000;
	p->idd2p_ua = 1600;
	p->idd6_ua = 1000;
	p->idd4r_ua = 200000;
	p->idd4w_ua = 190000;
	p->idd5_ua = 130000;
	p->vdd_uv = 1200000;
	p->burst_bytes = 32;
	/* The controller powers down after a short idle spell; self-refresh
	 * is left to software (suspend), as Linux platforms do. */
	p->pd_idle_ps = 200 * PS_PER_NS;
	p->sr_idle_ps = 0;
}

/* The registers hold timeouts in ns, in 32 bits. */
#define DRAMC_MAX_IDLE_PS ((simtime_t)UINT32_MAX * PS_PER_NS)

const char *dramc_params_problem(const struct dramc_params *p)
{
	if (!p->vdd_uv)
		return "VDD must not be 0";
	if (!p->burst_bytes || (p->burst_bytes & (p->burst_bytes - 1)))
		return "the burst size must be a power of two";
	if (!p->tburst_ps)
		return "the burst time must not be 0";
	if (!p->trefi_ps || p->trfc_ps >= p->trefi_ps)
		return "tRFC must be shorter than tREFI (and tREFI not 0)";
	if (p->idd4r_ua < p->idd3n_ua || p->idd4w_ua < p->idd3n_ua || p->idd5_ua < p->idd3n_ua)
		return "IDD4R, IDD4W and IDD5 must not be below IDD3N";
	if (p->pd_idle_ps > DRAMC_MAX_IDLE_PS || p->sr_idle_ps > DRAMC_MAX_IDLE_PS)
		return "idle timeouts must fit in 32 bits of nanoseconds";
	if (p->mem_size && (uint64_t)p->mem_base + p->mem_size > ((uint64_t)1 << 32))
		return "the memory runs past the end of the address space";
	return NULL;
}

/* Microamperes times microvolts, in watts. */
static double ua_uv_w(uint32_t ua, uint32_t uv)
{
	return (double)ua * 1e-6 * (double)uv * 1e-6;
}

static simtime_t max_t(simtime_t a, simtime_t b)
{
	return a > b ? a : b;
}

static simtime_t add_sat(simtime_t a, simtime_t b)
{
	return a > SIMTIME_NEVER - b ? SIMTIME_NEVER : a + b;
}

/* Draw the current state's power from `t` on. */
static void dramc_set_power(struct dramc *d, simtime_t t)
{
	bool refreshing = d->state == DRAMC_ACTIVE || d->state == DRAMC_POWER_DOWN;
	pm_meter_set(&d->meters[DRAMC_METER_BACKGROUND], t, d->state_w[d->state]);
	pm_meter_set(&d->meters[DRAMC_METER_REFRESH], t, refreshing ? d->refresh_w : 0.0);
}

/* A transition at `t`: the present when it is caused by a look (an
 * access, a register, the rail), the past when dramc_settle replays an
 * idle timer's; traced at its own time either way. */
static void dramc_enter(struct dramc *d, simtime_t t, enum dramc_state to)
{
	d->st.time_ps[d->state] += t - d->since;
	d->since = t;
	d->state = to;
	d->st.entries[to]++;
	trace_state(d->trace, t, "dram", "state", to, state_names[to]);
	if (to != DRAMC_ACTIVE) {
		d->sr_pending = false;
		/* Out of active standby no burst is in progress. */
		d->open[0].valid = d->open[1].valid = false;
	}
	dramc_set_power(d, t);
}

/* The next transition the idle logic makes on its own, and its target;
 * SIMTIME_NEVER if none. A deadline already past (a timeout shortened or
 * enabled by a register write after the memory had been idle longer) takes
 * effect at the time the history is settled to: the moment of the write. */
static simtime_t dramc_next(const struct dramc *d, enum dramc_state *to)
{
	simtime_t floor = max_t(d->settled, d->since);
	simtime_t best = SIMTIME_NEVER;

	if (d->state != DRAMC_ACTIVE && d->state != DRAMC_POWER_DOWN)
		return SIMTIME_NEVER;
	if (d->state == DRAMC_ACTIVE && d->sr_pending) {
		best = max_t(d->idle_since, floor);
		*to = DRAMC_SELF_REFRESH;
	}
	if (d->sr_idle_en && d->sr_idle_ps) {
		simtime_t t = max_t(add_sat(d->idle_since, d->sr_idle_ps), floor);
		if (t < best) {
			best = t;
			*to = DRAMC_SELF_REFRESH;
		}
	}
	/* Strictly earlier only: when both timers expire together the memory
	 * goes straight to self-refresh, without a zero-length power-down. */
	if (d->state == DRAMC_ACTIVE && d->pd_en && d->pd_idle_ps) {
		simtime_t t = max_t(add_sat(d->idle_since, d->pd_idle_ps), floor);
		if (t < best) {
			best = t;
			*to = DRAMC_POWER_DOWN;
		}
	}
	return best;
}

void dramc_settle(struct dramc *d, simtime_t now)
{
	for (;;) {
		enum dramc_state to = DRAMC_ACTIVE;
		simtime_t t = dramc_next(d, &to);
		if (t == SIMTIME_NEVER || t > now)
			break;
		dramc_enter(d, t, to);
	}
	if (now > d->settled)
		d->settled = now;
}

/* Time never runs backwards for the controller: a caller whose clock lags
 * behind what the controller has seen (the core and DMA keep their own)
 * acts at the controller's time. */
static simtime_t dramc_catch_up(struct dramc *d, simtime_t now)
{
	now = max_t(now, d->settled);
	dramc_settle(d, now);
	return now;
}

double dramc_projected_joules(const struct dramc *d, simtime_t now, const struct pm_meter *m)
{
	if (m == &d->meters[DRAMC_METER_ACCESS])
		return pm_meter_joules(m, now);
	bool bg = m == &d->meters[DRAMC_METER_BACKGROUND];
	if (!bg && m != &d->meters[DRAMC_METER_REFRESH])
		return 0.0;
	/* The idle logic of a copy, played forward; only its state, times and
	 * timers are read (dramc_next), nothing of it is entered. */
	struct dramc c = *d;
	double j = m->joules, w = m->watts;
	simtime_t t = m->since;
	for (;;) {
		enum dramc_state to = DRAMC_ACTIVE;
		simtime_t next = dramc_next(&c, &to);
		if (next == SIMTIME_NEVER || next > now)
			break;
		if (next > t) {
			j += w * (double)(next - t) * 1e-12;
			t = next;
		}
		c.state = to;
		c.since = c.settled = next;
		if (to != DRAMC_ACTIVE)
			c.sr_pending = false;
		w = bg ? c.state_w[to]
		       : to == DRAMC_ACTIVE || to == DRAMC_POWER_DOWN ? c.refresh_w : 0.0;
	}
	if (now > t)
		j += w * (double)(now - t) * 1e-12;
	return j;
}

/* A master wants the memory at `now`: out of power-down or self-refresh
 * (ready after tXP or tXS). False if it has no power (a fault counted). */
static bool dramc_wake(struct dramc *d, simtime_t now)
{
	if (d->state == DRAMC_OFF) {
		d->st.faults++;
		return false;
	}
	if (d->state == DRAMC_POWER_DOWN) {
		dramc_enter(d, now, DRAMC_ACTIVE);
		d->ready_at = now + d->p.txp_ps;
	} else if (d->state == DRAMC_SELF_REFRESH) {
		dramc_enter(d, now, DRAMC_ACTIVE);
		d->ready_at = now + d->p.txs_ps;
	}
	return true;
}

simtime_t dramc_access(struct dramc *d, simtime_t now, uint32_t addr, uint32_t bytes,
		       bool write)
{
	now = dramc_catch_up(d, now);
	if (!dramc_wake(d, now))
		return DRAMC_ACCESS_FAULT;
	/* The bursts it needs: one per block it touches, but not the block of
	 * the burst in progress that it continues (see the top). */
	struct dramc_open *o = &d->open[write];
	bool seq = o->valid && addr == o->next;
	uint64_t bursts = 0, first = 0, last = 0;
	if (bytes) {
		first = addr / d->p.burst_bytes;
		last = ((uint64_t)addr + bytes - 1) / d->p.burst_bytes;
		bursts = last - first + 1;
		if (seq && first == o->block)
			bursts--;
		o->valid = true;
		o->block = last;
		o->next = (uint64_t)addr + bytes;
		struct dramc_open *other = &d->open[!write];
		if (other->valid && other->block >= first && other->block <= last)
			other->valid = false;
	}
	/* An access during an exit waits for the rest of it, and one that
	 * finds the data bus still busy with another stream's bursts (the
	 * core's line fills against DMA) waits for them. A sequential one
	 * queues its bursts behind its own stream's without waiting. */
	simtime_t lat = d->ready_at > now ? d->ready_at - now : 0;
	bool own = seq && d->busy_write == write;
	simtime_t busy = 0;
	if (bursts && !own && d->busy_until > now + lat)
		busy = d->busy_until - (now + lat);
	d->st.exit_latency_ps += lat;
	d->st.contention_ps += busy;
	lat += busy;
	if (bursts) {
		simtime_t start = max_t(now + lat, own ? d->busy_until : 0);
		d->busy_until = start + bursts * d->p.tburst_ps;
		d->busy_write = write;
	}
	simtime_t end = max_t(now + lat, bursts ? d->busy_until : 0);
	if (end > d->idle_since)
		d->idle_since = end;
	pm_meter_add(&d->meters[DRAMC_METER_ACCESS], now,
		     (double)bursts * (write ? d->burst_j_write : d->burst_j_read));
	if (write) {
		d->st.writes++;
		d->st.write_bytes += bytes;
	} else {
		d->st.reads++;
		d->st.read_bytes += bytes;
	}
	d->st.bursts += bursts;
	return lat;
}

simtime_t dramc_stream(struct dramc *d, simtime_t now, uint64_t bytes, simtime_t until)
{
	now = dramc_catch_up(d, now);
	if (!dramc_wake(d, now))
		return DRAMC_ACCESS_FAULT;
	simtime_t lat = d->ready_at > now ? d->ready_at - now : 0;
	d->st.exit_latency_ps += lat;
	/* Interleaved with everything else, the stream continues no burst
	 * of another reader. */
	d->open[0].valid = false;
	uint64_t bursts = (bytes + d->p.burst_bytes - 1) / d->p.burst_bytes;
	simtime_t end = max_t(until, now + lat);
	if (end > d->idle_since)
		d->idle_since = end;
	pm_meter_add(&d->meters[DRAMC_METER_ACCESS], now, (double)bursts * d->burst_j_read);
	d->st.read_bytes += bytes;
	d->st.bursts += bursts;
	d->st.streams++;
	d->st.stream_bytes += bytes;
	return lat;
}

void dramc_request_self_refresh(struct dramc *d, simtime_t now)
{
	now = dramc_catch_up(d, now);
	if (d->state == DRAMC_OFF || d->state == DRAMC_SELF_REFRESH)
		return;
	/* An access still on the bus finishes first; the request waits for
	 * it (dramc_next takes it at idle_since). */
	if (d->idle_since > now && d->state == DRAMC_ACTIVE)
		d->sr_pending = true;
	else
		dramc_enter(d, now, DRAMC_SELF_REFRESH);
}

void dramc_exit_self_refresh(struct dramc *d, simtime_t now)
{
	now = dramc_catch_up(d, now);
	d->sr_pending = false;
	if (d->state != DRAMC_SELF_REFRESH)
		return;
	dramc_enter(d, now, DRAMC_ACTIVE);
	d->ready_at = now + d->p.txs_ps;
	d->idle_since = max_t(d->idle_since, d->ready_at);
}

void dramc_set_rail(struct dramc *d, simtime_t now, bool on)
{
	now = dramc_catch_up(d, now);
	if (on) {
		if (d->state != DRAMC_OFF)
			return;
		dramc_enter(d, now, DRAMC_ACTIVE);
		d->ready_at = now;
		d->idle_since = now;
		return;
	}
	dramc_power_lost(d, now, "the DRAM rail was switched off");
}

void dramc_power_lost(struct dramc *d, simtime_t now, const char *cause)
{
	now = dramc_catch_up(d, now);
	if (d->state == DRAMC_OFF)
		return;
	enum dramc_state was = d->state;
	dramc_enter(d, now, DRAMC_OFF);
	d->st.losses++;
	d->lost_flag = true;
	snprintf(d->why, sizeof d->why, "%s; the DRAM was %s%s%s", cause,
		 was == DRAMC_ACTIVE ? "" : "in ", state_names[was],
		 was == DRAMC_SELF_REFRESH ? ", which keeps data only while VDD stays on" : "");
	if (d->lost)
		d->lost(d->lost_opaque, d->why);
}

void dramc_set_loss_cb(struct dramc *d, dramc_lost_fn lost, void *opaque)
{
	d->lost = lost;
	d->lost_opaque = opaque;
}

/* splitmix64's finaliser: every address gets an unrelated-looking word. */
static uint64_t dramc_mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ull;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ull;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebull;
	return x ^ (x >> 31);
}

void dramc_fill_garbage(struct dramc *d)
{
	uint8_t buf[BUS_PAGE_SIZE];
	uint64_t seed = d->st.losses << 32;
	for (uint64_t off = 0; off < d->p.mem_size; off += sizeof buf) {
		uint64_t n = d->p.mem_size - off < sizeof buf ? d->p.mem_size - off : sizeof buf;
		uint64_t addr = (uint64_t)d->p.mem_base + off;
		for (uint64_t i = 0; i < n; i += 4) {
			uint32_t w = (uint32_t)dramc_mix(seed ^ (addr + i));
			memcpy(buf + i, &w, n - i < 4 ? n - i : 4);
		}
		/* A region that is not RAM is the SoC's mistake, reported when
		 * it is built; there is nothing to scramble then. */
		if (bus_load(d->bus, (uint32_t)addr, buf, (uint32_t)n) != BUS_OK)
			return;
	}
}

enum dramc_state dramc_state(struct dramc *d, simtime_t now)
{
	dramc_catch_up(d, now);
	return d->state;
}

void dramc_get_stats(struct dramc *d, simtime_t now, struct dramc_stats *out)
{
	now = dramc_catch_up(d, now);
	*out = d->st;
	out->time_ps[d->state] += now - d->since;
	out->self_refresh_entries = out->entries[DRAMC_SELF_REFRESH];
	out->power_down_entries = out->entries[DRAMC_POWER_DOWN];
}

double dramc_joules(struct dramc *d, simtime_t now, enum dramc_meter_kind k)
{
	now = dramc_catch_up(d, now);
	return pm_meter_joules(&d->meters[k], now);
}

struct pm_meter *dramc_meter(struct dramc *d, enum dramc_meter_kind k)
{
	return &d->meters[k];
}

void dramc_set_trace(struct dramc *d, struct trace *t)
{
	d->trace = t;
	trace_state(t, d->since, "dram", "state", d->state, state_names[d->state]);
}

/* ---- registers ----------------------------------------------------------- */

static uint32_t ps_to_ns_up(simtime_t ps)
{
	return (uint32_t)((ps + PS_PER_NS - 1) / PS_PER_NS);
}

static int dramc_read(void *opaque, uint32_t offset, unsigned size, uint32_t *val)
{
	struct dramc *d = opaque;
	if (offset & 3)
		return BUS_ERR_DEVICE;
	dramc_catch_up(d, sched_now(d->sched));
	switch (offset) {
	case DRAMC_ID:
		*val = DRAMC_ID_VALUE;
		break;
	case DRAMC_CTRL:
		*val = (d->pd_en ? CTRL_PD_EN : 0) | (d->sr_idle_en ? CTRL_SR_IDLE_EN : 0);
		break;
	case DRAMC_STATUS:
		*val = ((uint32_t)d->state & STATUS_STATE_MASK) |
		       (d->sr_pending ? STATUS_SR_PENDING : 0) | (d->lost_flag ? STATUS_LOST : 0);
		break;
	case DRAMC_PD_IDLE:
		*val = (uint32_t)(d->pd_idle_ps / PS_PER_NS);
		break;
	case DRAMC_SR_IDLE:
		*val = (uint32_t)(d->sr_idle_ps / PS_PER_NS);
		break;
	case DRAMC_SR_ENTRIES:
		*val = (uint32_t)(d->st.entries[DRAMC_SELF_REFRESH] - d->sr_base);
		break;
	case DRAMC_PD_ENTRIES:
		*val = (uint32_t)(d->st.entries[DRAMC_POWER_DOWN] - d->pd_base);
		break;
	case DRAMC_TXP:
		*val = ps_to_ns_up(d->p.txp_ps);
		break;
	case DRAMC_TXS:
		*val = ps_to_ns_up(d->p.txs_ps);
		break;
	case DRAMC_MEM_SIZE:
		*val = d->p.mem_size;
		break;
	default:
		*val = 0;
		break;
	}
	return BUS_OK;
}

static int dramc_write(void *opaque, uint32_t offset, unsigned size, uint32_t val)
{
	struct dramc *d = opaque;
	if (offset & 3)
		return BUS_ERR_DEVICE;
	/* Settle first: a timer change applies from now on, never to the
	 * idle spell already behind us. */
	simtime_t now = dramc_catch_up(d, sched_now(d->sched));
	switch (offset) {
	case DRAMC_CTRL: {
		d->pd_en = val & CTRL_PD_EN;
		d->sr_idle_en = val & CTRL_SR_IDLE_EN;
		uint32_t cmd = val & (CTRL_SR_REQ | CTRL_SR_EXIT);
		if (cmd == CTRL_SR_REQ)
			dramc_request_self_refresh(d, now);
		else if (cmd == CTRL_SR_EXIT)
			dramc_exit_self_refresh(d, now);
		break;
	}
	case DRAMC_STATUS:
		if (val & STATUS_LOST)
			d->lost_flag = false;
		break;
	case DRAMC_PD_IDLE:
		d->pd_idle_ps = (simtime_t)val * PS_PER_NS;
		break;
	case DRAMC_SR_IDLE:
		d->sr_idle_ps = (simtime_t)val * PS_PER_NS;
		break;
	default:
		break;
	}
	return BUS_OK;
}

static const struct bus_ops dramc_ops = {
	.name = "dramc",
	.sizes = BUS_SIZE_32,
	.read = dramc_read,
	.write = dramc_write,
};

/* ---- life cycle ----------------------------------------------------------- */

void dramc_reset(struct dramc *d)
{
	simtime_t now = dramc_catch_up(d, sched_now(d->sched));
	/* Re-initialising the memory takes it out of its low-power state. */
	if (d->state == DRAMC_POWER_DOWN || d->state == DRAMC_SELF_REFRESH) {
		simtime_t exit = d->state == DRAMC_SELF_REFRESH ? d->p.txs_ps : d->p.txp_ps;
		dramc_enter(d, now, DRAMC_ACTIVE);
		d->ready_at = now + exit;
		d->idle_since = max_t(d->idle_since, d->ready_at);
	}
	d->sr_pending = false;
	d->pd_idle_ps = d->p.pd_idle_ps;
	d->sr_idle_ps = d->p.sr_idle_ps;
	d->pd_en = d->p.pd_idle_ps != 0;
	d->sr_idle_en = d->p.sr_idle_ps != 0;
	d->sr_base = d->st.entries[DRAMC_SELF_REFRESH];
	d->pd_base = d->st.entries[DRAMC_POWER_DOWN];
}

struct dramc *dramc_new(struct bus *bus, struct sched *sched, uint32_t reg_base,
			const struct dramc_params *p)
{
	if (dramc_params_problem(p))
		return NULL;
	struct dramc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->bus = bus;
	d->sched = sched;
	d->p = *p;
	for (unsigned k = 0; k < DRAMC_NMETERS; k++)
		pm_meter_init(&d->meters[k], "dram", meter_kinds[k]);
	d->state_w[DRAMC_ACTIVE] = ua_uv_w(p->idd3n_ua, p->vdd_uv);
	d->state_w[DRAMC_POWER_DOWN] = ua_uv_w(p->idd2p_ua, p->vdd_uv);
	d->state_w[DRAMC_SELF_REFRESH] = ua_uv_w(p->idd6_ua, p->vdd_uv);
	d->state_w[DRAMC_OFF] = 0.0;
	d->refresh_w = ua_uv_w(p->idd5_ua - p->idd3n_ua, p->vdd_uv) * (double)p->trfc_ps /
		       (double)p->trefi_ps;
	d->burst_j_read = ua_uv_w(p->idd4r_ua - p->idd3n_ua, p->vdd_uv) *
			  (double)p->tburst_ps * 1e-12;
	d->burst_j_write = ua_uv_w(p->idd4w_ua - p->idd3n_ua, p->vdd_uv) *
			   (double)p->tburst_ps * 1e-12;

	simtime_t now = sched_now(sched);
	d->state = DRAMC_ACTIVE;
	d->since = d->settled = d->idle_since = d->ready_at = now;
	dramc_set_power(d, now);
	dramc_reset(d);
	if (reg_base && bus_add_mmio(bus, "dramc", reg_base, 0x1000, &dramc_ops, d) < 0) {
		free(d);
		return NULL;
	}
	return d;
}

void dramc_free(struct dramc *d)
{
	free(d);
}

/* ---- device-tree binding ------------------------------------------------- */

static const struct {
	const char *prop;
	size_t field; /* offset of a simtime_t in struct dramc_params */
} dramc_ns_props[] = {
	{ "pmsim,txp-ns", offsetof(struct dramc_params, txp_ps) },
	{ "pmsim,txs-ns", offsetof(struct dramc_params, txs_ps) },
	{ "pmsim,trefi-ns", offsetof(struct dramc_params, trefi_ps) },
	{ "pmsim,trfc-ns", offsetof(struct dramc_params, trfc_ps) },
	{ "pmsim,pd-idle-ns", offsetof(struct dramc_params, pd_idle_ps) },
	{ "pmsim,sr-idle-ns", offsetof(struct dramc_params, sr_idle_ps) },
};

static const struct {
	const char *prop;
	size_t field; /* offset of a uint32_t in struct dramc_params */
} dramc_u32_props[] = {
	{ "pmsim,idd3n-microamp", offsetof(struct dramc_params, idd3n_ua) },
	{ "pmsim,idd2p-microamp", offsetof(struct dramc_params, idd2p_ua) },
	{ "pmsim,idd6-microamp", offsetof(struct dramc_params, idd6_ua) },
	{ "pmsim,idd4r-microamp", offsetof(struct dramc_params, idd4r_ua) },
	{ "pmsim,idd4w-microamp", offsetof(struct dramc_params, idd4w_ua) },
	{ "pmsim,idd5-microamp", offsetof(struct dramc_params, idd5_ua) },
	{ "pmsim,vdd-microvolt", offsetof(struct dramc_params, vdd_uv) },
	{ "pmsim,burst-bytes", offsetof(struct dramc_params, burst_bytes) },
};

/* Until the SoC installs its own (which also records a diagnostic), a
 * loss at least scrambles the memory, so lost data never reads back. */
static void dramc_default_lost(void *opaque, const char *why)
{
	dramc_fill_garbage(opaque);
}

static int dramc_dt_params(const struct dt_node *node, struct dramc_params *p, struct err *e)
{
	dramc_default_params(p);
	for (size_t i = 0; i < sizeof dramc_ns_props / sizeof dramc_ns_props[0]; i++) {
		uint32_t v;
		if (!dt_bool(node, dramc_ns_props[i].prop))
			continue;
		if (dt_u32(node, dramc_ns_props[i].prop, &v, e))
			return -1;
		simtime_t ps = (simtime_t)v * PS_PER_NS;
		memcpy((char *)p + dramc_ns_props[i].field, &ps, sizeof ps);
	}
	for (size_t i = 0; i < sizeof dramc_u32_props / sizeof dramc_u32_props[0]; i++) {
		uint32_t v;
		if (!dt_bool(node, dramc_u32_props[i].prop))
			continue;
		if (dt_u32(node, dramc_u32_props[i].prop, &v, e))
			return -1;
		memcpy((char *)p + dramc_u32_props[i].field, &v, sizeof v);
	}
	if (dt_bool(node, "pmsim,tburst-ps")) {
		uint32_t v;
		if (dt_u32(node, "pmsim,tburst-ps", &v, e))
			return -1;
		p->tburst_ps = v;
	}

	uint32_t ph;
	if (dt_u32(node, "pmsim,memory", &ph, e))
		return -1;
	int off = fdt_node_offset_by_phandle(node->fdt, ph);
	if (off < 0)
		return errf(e, "%s: 'pmsim,memory' names no node (phandle %u)", node->path, ph);
	struct dt_node mem = { .fdt = node->fdt, .off = off };
	if (fdt_get_path(node->fdt, off, mem.path, sizeof mem.path) != 0)
		snprintf(mem.path, sizeof mem.path, "%s", fdt_get_name(node->fdt, off, NULL));
	if (dt_reg(&mem, 0, &p->mem_base, &p->mem_size, e))
		return -1;
	const char *why = dramc_params_problem(p);
	if (why)
		return errf(e, "%s: %s", node->path, why);
	return 0;
}

static int dramc_create(struct soc *soc, const struct dt_node *node, void **state,
			struct err *e)
{
	uint32_t base, size;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the controller's 4 KiB register "
			    "block", node->path, size);
	struct dramc_params p;
	if (dramc_dt_params(node, &p, e))
		return -1;
	/* One controller per memory: a second would silently take over the
	 * first one's access hook, and both would count the energy. */
	for (unsigned i = 0; i < soc->ndevs; i++) {
		const struct soc_device *o = &soc->devs[i];
		const struct dramc *od = o->state;
		if (o->type != &dramc_dev_type || !od || od->p.mem_base != p.mem_base)
			continue;
		char mem[256] = "";
		int moff = fdt_node_offset_by_phandle(node->fdt, dt_u32_opt(node, "pmsim,memory", 0));
		if (moff < 0 || fdt_get_path(node->fdt, moff, mem, sizeof mem) != 0)
			snprintf(mem, sizeof mem, "the memory at 0x%08x", p.mem_base);
		return errf(e, "%s: 'pmsim,memory' names %s, which %s already controls (one DRAM "
			    "controller per memory)", node->path, mem, o->path);
	}
	struct dramc *d = dramc_new(&soc->bus, &soc->sched, base, &p);
	if (!d)
		return errf(e, "%s: cannot map the DRAM controller at 0x%08x (overlaps another "
			    "region?)", node->path, base);
	dramc_set_loss_cb(d, dramc_default_lost, d);
	dramc_set_trace(d, &soc->trace);
	*state = d;
	return 0;
}

static void dramc_destroy(void *state)
{
	dramc_free(state);
}

static void dramc_type_reset(void *state)
{
	dramc_reset(state);
}

static uint64_t dramc_hook(void *opaque, uint64_t now, uint32_t addr, uint32_t bytes,
			   bool write)
{
	simtime_t ps = dramc_access(opaque, now, addr, bytes, write);
	return ps == DRAMC_ACCESS_FAULT ? BUS_HOOK_FAULT : ps;
}

static void dramc_soc_lost(void *opaque, const char *why)
{
	struct dramc *d = opaque;
	soc_diag(d->soc, "DRAM contents lost: %s", why);
	dramc_fill_garbage(d);
}

/* Once the memory exists: every access to it goes through the controller,
 * and a loss of contents is a diagnostic. */
static int dramc_realize(void *state, struct soc *soc, struct err *e)
{
	struct dramc *d = state;
	if (bus_set_access_hook(&soc->bus, d->p.mem_base, dramc_hook, d))
		return errf(e, "DRAM controller: no memory at 0x%08x ('pmsim,memory')",
			    d->p.mem_base);
	d->soc = soc;
	dramc_set_loss_cb(d, dramc_soc_lost, d);
	for (int k = 0; k < DRAMC_NMETERS; k++)
		soc_add_meter(soc, dramc_meter(d, (enum dramc_meter_kind)k));
	return 0;
}

struct dramc *dramc_of_addr(struct soc *soc, uint32_t addr)
{
	for (unsigned i = 0; i < soc->ndevs; i++) {
		struct dramc *d = soc->devs[i].state;
		if (soc->devs[i].type == &dramc_dev_type && d && addr >= d->p.mem_base &&
		    addr - d->p.mem_base < d->p.mem_size)
			return d;
	}
	return NULL;
}

const struct dev_type dramc_dev_type = {
	.compatible = "pmsim,lpddr-controller",
	.create = dramc_create,
	.destroy = dramc_destroy,
	.reset = dramc_type_reset,
	.realize = dramc_realize,
};
