/*
 * The coherency checker (docs/coherency.md): watches the DMA masters and
 * the core's data cache at line granularity and reports where cache
 * maintenance was missing, with the simulated time, the DMA channel, the
 * address range and the guest PC.
 *
 * It sees:
 *  - every memory beat of a DMA controller (pl080_set_observer);
 *  - the core's D-cache through cpu_dcache_line/cpu_dcache_dma_wrote and
 *    the coherency hooks (a stale read, a write-back over DMA data);
 *  - a core powering off with dirty lines (coh_power_off, from the PMU).
 *
 * It never changes what happens: the data is as stale or as corrupt as it
 * would be on silicon; the checker only says so. In fatal mode the run
 * stops at the first event.
 */
#ifndef PMSIM_DMA_COHERENCY_H
#define PMSIM_DMA_COHERENCY_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/sched.h"

struct soc;
struct coherency;

enum coh_mode { COH_OFF, COH_REPORT, COH_FATAL };

enum coh_kind {
	COH_DMA_READ_DIRTY, /* DMA read memory under a line dirty in the D-cache */
	COH_STALE_READ,     /* the CPU read a cached line DMA had overwritten */
	COH_CLOBBER,        /* a dirty line written back over DMA's data */
	COH_LOST_DIRTY,     /* dirty lines lost when the core powered off */
	COH_NKINDS
};

/* One event: a run of adjacent lines of the same kind. */
struct coh_event {
	enum coh_kind kind;
	simtime_t time;
	int channel;          /* the DMA channel that read the dirty line or wrote
			       * the data made stale or clobbered; -1 if none */
	uint32_t addr, len;   /* bytes, whole lines */
	uint32_t pc;          /* the guest's PC when it happened */
	/* For a stale read or a clobber: when DMA wrote the data, and the
	 * guest's PC then. */
	simtime_t dma_time;
	uint32_t dma_pc;
};

/* Attach a checker to the SoC's core and DMA controllers (after
 * soc_create). NULL: out of memory. */
struct coherency *coh_new(struct soc *soc, enum coh_mode mode);
void coh_free(struct coherency *h);

/* The core is powering off: its dirty lines are about to be lost. */
void coh_power_off(struct coherency *h, simtime_t now);

/* Counts of lines per kind, and the events in time order. */
uint64_t coh_count(const struct coherency *h, enum coh_kind k);
unsigned coh_events(const struct coherency *h);
const struct coh_event *coh_event(const struct coherency *h, unsigned i);
const char *coh_kind_name(enum coh_kind k);
const char *coh_kind_text(enum coh_kind k);
/* True once a fatal-mode checker has stopped the run. */
bool coh_stopped(const struct coherency *h);

#endif
