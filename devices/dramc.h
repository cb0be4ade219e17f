/*
 * pmsim's DRAM controller: the power states of an LPDDR-class memory
 * (active standby, power-down, self-refresh, unpowered), their exit
 * latencies and their IDD-based energy, plus a small register block for
 * firmware. The memory itself is a RAM region of the bus; the controller
 * is told about every access that reaches DRAM through dramc_access().
 * Register map and binding: docs/devices/dramc.md.
 */
#ifndef PMSIM_DRAMC_H
#define PMSIM_DRAMC_H

#include <stdbool.h>
#include <stdint.h>

#include "pm/meter.h"
#include "sim/bus.h"
#include "sim/sched.h"
#include "sim/trace.h"

struct dramc;

/* Timings in picoseconds, currents in microamperes, VDD in microvolts.
 * Idle timeouts of 0 disable the timer. */
struct dramc_params {
	simtime_t txp_ps;    /* power-down exit */
	simtime_t txs_ps;    /* self-refresh exit */
	simtime_t trefi_ps;  /* average refresh interval */
	simtime_t trfc_ps;   /* one refresh command */
	simtime_t tburst_ps; /* one burst on the data bus */
	uint32_t idd3n_ua;   /* active standby */
	uint32_t idd2p_ua;   /* precharge power-down */
	uint32_t idd6_ua;    /* self-refresh */
	uint32_t idd4r_ua;   /* read burst */
	uint32_t idd4w_ua;   /* write burst */
	uint32_t idd5_ua;    /* during a refresh */
	uint32_t vdd_uv;
	uint32_t burst_bytes;  /* power of two */
	simtime_t pd_idle_ps;  /* idle time before power-down; 0 = off */
	simtime_t sr_idle_ps;  /* idle time before self-refresh; 0 = off */
	uint32_t mem_base;     /* the memory behind the controller */
	uint32_t mem_size;
};

/* LPDDR3-1600-like defaults (docs/devices/dramc.md); mem_base/mem_size 0. */
void dramc_default_params(struct dramc_params *p);

/* Why the parameters cannot be used (static text), or NULL if they can. */
const char *dramc_params_problem(const struct dramc_params *p);

enum dramc_state {
	DRAMC_ACTIVE = 0,     /* active standby: idle or serving accesses */
	DRAMC_POWER_DOWN = 1, /* precharge power-down */
	DRAMC_SELF_REFRESH = 2,
	DRAMC_OFF = 3,        /* rail off: no power, no contents */
	DRAMC_NSTATES
};

enum dramc_meter_kind {
	DRAMC_METER_BACKGROUND,
	DRAMC_METER_ACCESS,
	DRAMC_METER_REFRESH,
	DRAMC_NMETERS
};

/* Returned by dramc_access while the rail is off: the access did not
 * happen and the caller must turn it into a bus error. Never a latency. */
#define DRAMC_ACCESS_FAULT SIMTIME_NEVER

struct dramc_stats {
	simtime_t time_ps[DRAMC_NSTATES]; /* residency, up to the time asked */
	uint64_t entries[DRAMC_NSTATES];  /* transitions into each state */
	uint64_t self_refresh_entries;    /* = entries[DRAMC_SELF_REFRESH] */
	uint64_t power_down_entries;      /* = entries[DRAMC_POWER_DOWN] */
	uint64_t reads, writes;           /* accesses */
	uint64_t read_bytes, write_bytes;
	uint64_t bursts;
	simtime_t exit_latency_ps;        /* tXP/tXS paid by accesses in total */
	simtime_t contention_ps;          /* waits for another access's bursts */
	uint64_t faults;                  /* accesses while the rail was off */
	uint64_t losses;                  /* times the contents were lost */
	uint64_t streams, stream_bytes;   /* dramc_stream calls, their bytes */
};

/* Map the controller's 4 KiB register block at `reg_base` (no registers
 * if reg_base is 0) and start in active standby with the rail on at
 * sched_now(sched). NULL on bad parameters, overlap or no memory. */
struct dramc *dramc_new(struct bus *bus, struct sched *sched, uint32_t reg_base,
			const struct dramc_params *p);
/* The bus cannot unmap: free only when the bus goes as well. */
void dramc_free(struct dramc *d);
/* Controller reset at sched_now(): registers to their reset values, a
 * pending self-refresh request dropped, the memory back in active standby
 * (its contents kept, if powered). Statistics and energy are kept. */
void dramc_reset(struct dramc *d);

/* An access of `bytes` at `addr` reaching DRAM at `now` (a line fill, a
 * write-back, an uncached or DMA access). Returns the extra latency it
 * pays before it starts (the rest of tXP or tXS if the memory was in
 * power-down or self-refresh or still leaving it, else 0), or
 * DRAMC_ACCESS_FAULT while the rail is off. Books the burst energy and
 * restarts the idle timers. Times earlier than what the controller has
 * already seen count as that time. */
simtime_t dramc_access(struct dramc *d, simtime_t now, uint32_t addr, uint32_t bytes,
		       bool write);

/* A streaming master (a display controller's scan-out): `bytes` read
 * sequentially in bursts spread over [now, until), told once, at `now`,
 * instead of beat by beat. A memory in power-down or self-refresh is woken
 * at `now` (the returned latency is the rest of tXP or tXS, as for an
 * access; DRAMC_ACCESS_FAULT while the rail is off), the bursts' read
 * energy is booked at `now`, and the idle timers count from `until` at the
 * earliest: the memory stays in active standby for the whole stream. The
 * bursts are not put on the data bus as a block (they are spread over the
 * stream's span), so they delay no other access. */
simtime_t dramc_stream(struct dramc *d, simtime_t now, uint64_t bytes, simtime_t until);

/* The DRAM supply. Switching it off loses the contents, in every state
 * (self-refresh keeps data only while VDD stays on): the loss callback is
 * called once per off transition with the reason. Switching it on brings
 * the memory up in active standby. */
void dramc_set_rail(struct dramc *d, simtime_t now, bool on);
/* The DRAM lost power at `now` for the reason `cause` (a clause, e.g. "its
 * power domain was switched off"): its contents are gone, and the loss
 * callback is told "CAUSE; the DRAM was [in] STATE". The off half of
 * dramc_set_rail, with the reason given. */
void dramc_power_lost(struct dramc *d, simtime_t now, const char *cause);
typedef void (*dramc_lost_fn)(void *opaque, const char *why);
void dramc_set_loss_cb(struct dramc *d, dramc_lost_fn lost, void *opaque);
/* Overwrite the memory behind the controller with a deterministic
 * pattern (depends on the address and on how many losses there were);
 * for loss callbacks. Goes through bus_load, so decoded code is dropped. */
void dramc_fill_garbage(struct dramc *d);

/* Software self-refresh entry/exit, as the CTRL register does. */
void dramc_request_self_refresh(struct dramc *d, simtime_t now);
void dramc_exit_self_refresh(struct dramc *d, simtime_t now);

/* Bring the lazily kept state history up to `now`: every idle-timer
 * transition that happened by then is accounted at its own time. The
 * getters below do it themselves; call it before reading the meters
 * directly (e.g. for a report). */
void dramc_settle(struct dramc *d, simtime_t now);
enum dramc_state dramc_state(struct dramc *d, simtime_t now);
/* The energy of meter `m` (one of the controller's) at `now` as if the
 * history were settled up to then, without settling it: a look that
 * leaves the run exactly as it is (settling at other moments changes the
 * order in which the regulators add up). */
double dramc_projected_joules(const struct dramc *d, simtime_t now, const struct pm_meter *m);
void dramc_get_stats(struct dramc *d, simtime_t now, struct dramc_stats *out);
double dramc_joules(struct dramc *d, simtime_t now, enum dramc_meter_kind k);
/* The meter itself (component "dram"), e.g. to attach it to a rail. */
struct pm_meter *dramc_meter(struct dramc *d, enum dramc_meter_kind k);
const char *dramc_state_name(enum dramc_state st);
/* Put every state transition on `t` (NULL: nowhere) as ("dram", "state",
 * enum dramc_state, dramc_state_name()), starting with the present state.
 * Idle-timer transitions are found lazily: each is told with its own time
 * when the controller settles (an access, a register, dramc_settle), so it
 * may come after later-stamped events of other components. */
void dramc_set_trace(struct dramc *d, struct trace *t);

/* The device model ("pmsim,lpddr-controller"). */
struct dev_type;
extern const struct dev_type dramc_dev_type;

/* The controller of the memory holding `addr` in `soc`, or NULL (the
 * address is in no controlled memory: SRAM, a device, nothing). */
struct soc;
struct dramc *dramc_of_addr(struct soc *soc, uint32_t addr);

#endif
