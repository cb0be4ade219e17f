/*
 * ARM PrimeCell PL111 colour LCD controller (docs/devices/pl111.md): the
 * frame timing from its clock and the timing registers, the vertical
 * compare, next-base, FIFO-underflow and bus-error interrupts, the scan-out
 * of the framebuffer as one DRAM stream per frame, and the panel it drives
 * (its power from its own regulator, while LcdPwr is on).
 */
#ifndef PMSIM_PL111_H
#define PMSIM_PL111_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/bus.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"
#include "sim/trace.h"

struct pl111;
struct pm_meter;

/* The scan-out's memory: `bytes` read from `addr` on, spread over [now,
 * until). Returns the latency before the first data arrives (a DRAM
 * leaving power-down or self-refresh), 0 for memory that needs no waking,
 * or PL111_STREAM_FAULT if the range is not memory (a bus error). */
typedef simtime_t (*pl111_stream_fn)(void *opaque, simtime_t now, uint32_t addr, uint64_t bytes,
				     simtime_t until);
#define PL111_STREAM_FAULT SIMTIME_NEVER

/* What the PL111's DMA FIFOs hold (two 64-word FIFOs, both used by a
 * single panel): the scan-out can wait this many bytes' worth of pixels,
 * plus the vertical back porch, for its memory before it underflows. */
#define PL111_FIFO_BYTES 512u

struct pl111_config {
	uint64_t clock_hz;    /* CLCDCLK at creation; 0 = stopped */
	double panel_w;       /* the panel's power while LcdPwr is on */
	const char *name;     /* component name on the trace */
};

/* Map a PL111 at `base` (4 KiB) raising `irq`. NULL on failure. The
 * scan-out reads nothing and costs nothing until pl111_set_stream. */
struct pl111 *pl111_new(struct bus *bus, struct sched *sched, uint32_t base,
			const struct pl111_config *cfg, struct irq_line irq);
void pl111_free(struct pl111 *p);
/* Registers to their reset values (the controller and panel off). */
void pl111_reset(struct pl111 *p);

/* Inputs. */
void pl111_set_clock(struct pl111 *p, uint64_t hz);
void pl111_set_power(struct pl111 *p, enum pd_state st);
/* The panel's supply is up (true) or down: no panel power without it. */
void pl111_set_panel_supply(struct pl111 *p, bool on);
void pl111_set_stream(struct pl111 *p, pl111_stream_fn fn, void *opaque);
void pl111_set_trace(struct pl111 *p, struct trace *t);

/* Observers. */
struct pm_meter *pl111_panel_meter(struct pl111 *p); /* component "panel" */
uint64_t pl111_frames(const struct pl111 *p);        /* frames fetched */
uint64_t pl111_bytes(const struct pl111 *p);         /* bytes fetched */
uint64_t pl111_underflows(const struct pl111 *p);
/* The frame period at the present registers and clock, in ps (0 when
 * the clock is stopped). */
simtime_t pl111_frame_ps(const struct pl111 *p);

/* The picture on the panel, for a front end: width × height pixels of
 * RGB888 (3 bytes each, rows top to bottom), read from the framebuffer
 * the present frame scans (LCDUPBASE until the first frame). NULL when
 * the panel shows nothing: LcdEn or LcdPwr off, the clock stopped, the
 * domain not on, or a framebuffer that is not all readable memory. The
 * buffer is the controller's, valid until the next call or pl111_free. */
const uint8_t *pl111_snapshot(struct pl111 *p, unsigned *width, unsigned *height);

#endif
