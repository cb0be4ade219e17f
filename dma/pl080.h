/*
 * ARM PrimeCell DMA controller (PL080), as far as firmware needs it:
 * eight channels, linked-list items in guest memory, memory and
 * peripheral flows with the DMA as flow controller, width conversion, and
 * bus time and energy per beat (docs/devices/pl080.md).
 */
#ifndef PMSIM_PL080_H
#define PMSIM_PL080_H

#include <stdbool.h>
#include <stdint.h>

#include "pm/meter.h"
#include "sim/bus.h"
#include "sim/dmareq.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"
#include "sim/trace.h"

#define PL080_CHANNELS 8u
#define PL080_REQUESTS 16u

struct pl080;

struct pl080_params {
	const char *name;     /* component name of the meter and trace (copied) */
	uint32_t beat_ps;     /* the bus path's time per beat (> 0): with a clock,
			       * a beat takes the fewest whole cycles, at least
			       * one, that last this long */
	double pj_per_byte;   /* energy per payload byte delivered */
	uint64_t hz;          /* HCLK's rate at creation; 0: no clock input (a
			       * beat takes beat_ps) until pl080_clock_rate() */
	struct trace *trace;  /* NULL: no trace */
};

/* Map a PL080 at `base` (4 KiB). `intr` is DMACINTR (TC | error, masked);
 * `tc` and `err` are the separate DMACINTTC and DMACINTERR outputs, or
 * unconnected lines ({0}). NULL on failure. */
struct pl080 *pl080_new(struct bus *bus, struct sched *sched, uint32_t base,
			const struct pl080_params *prm, struct irq_line intr, struct irq_line tc,
			struct irq_line err);
void pl080_free(struct pl080 *p);
/* Registers to their reset values, transfers abandoned, outputs low. */
void pl080_reset(struct pl080 *p);

/* Request input `input` (0-15): the peripheral's DMACSREQ/DMACBREQ levels. */
void pl080_request(struct pl080 *p, unsigned input, bool single, bool burst);
/* The peripheral's answer (DMACCLR/DMACTC) for `input`; -1 if the input is
 * out of range or already has one. */
int pl080_set_ack(struct pl080 *p, unsigned input, struct dma_ack a);

/* The controller's clock (HCLK) runs at `hz`; 0 = gated: the burst in
 * flight completes, nothing more moves until it runs again. Beats take
 * whole cycles of the present rate (docs/devices/pl080.md, "Time"). */
void pl080_clock_rate(struct pl080 *p, uint64_t hz);
/* Its power domain changed state (struct dev_type.power semantics). */
void pl080_power(struct pl080 *p, enum pd_state st);

/* The energy meter (component = name, kind "dma"). */
struct pm_meter *pl080_meter(struct pl080 *p);

/* The channel whose burst is on the bus right now, or -1. During a
 * bus_master_access of the controller (so inside the bus's master
 * observer) this names the channel doing the access. */
int pl080_current_channel(const struct pl080 *p);

/* Told of every beat the controller makes to memory (not to
 * peripherals): the channel, the address and size, the direction and the
 * simulated time of the beat. NULL removes it. */
typedef void (*pl080_observer)(void *opaque, unsigned channel, uint32_t addr, unsigned size,
			       bool write, uint64_t now);
void pl080_set_observer(struct pl080 *p, pl080_observer fn, void *opaque);

/* Payload bytes delivered to destinations since creation (statistics). */
uint64_t pl080_bytes_moved(const struct pl080 *p);

extern const struct dev_type pl080_dev_type;

#endif
