/*
 * The coherency checker (coherency.h, docs/coherency.md).
 *
 * Per line of memory that DMA wrote while the D-cache held it, a small
 * open-addressing table remembers when and at which guest PC the write
 * happened, so that the later consequence (the core reading the stale
 * line, or writing a dirty one back over the new data) can name both
 * ends. Everything else is answered by the cache itself (its line
 * states, and the STALE/DMAW marks cpu_dcache_dma_wrote leaves).
 *
 * Events of the same kind, channel and PC on adjacent lines merge into
 * one with a longer address range, so a 4 KiB buffer DMA'd without
 * maintenance is one event, not 128.
 */
#include "dma/coherency.h"

#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "dma/pl080.h"
#include "sim/soc.h"

struct dma_write {
	uint32_t line;         /* line address + 1 (0: empty slot) */
	simtime_t time;
	uint32_t pc;
	int channel;
};

struct coherency {
	struct soc *soc;
	struct cpu *cpu;
	enum coh_mode mode;
	uint32_t line;
	uint64_t count[COH_NKINDS];
	struct coh_event *ev;
	unsigned nev, cap;
	struct dma_write *tab;  /* power-of-two size, linear probing */
	unsigned tab_size, tab_used;
	bool stopped;
	/* The event a power-off is filling (coh_power_off). */
	simtime_t off_time;
	uint32_t off_pc;
};

static const char *const kind_names[COH_NKINDS] = {
	"dma-read-dirty", "stale-read", "clobber", "lost-dirty",
};

static const char *const kind_texts[COH_NKINDS] = {
	"DMA read memory under a line that is dirty in the D-cache (missing clean before a "
	"transfer to the device)",
	"the CPU read a cached line that DMA had overwritten in memory (missing invalidate "
	"after a transfer from the device)",
	"a dirty line was written back over data DMA had written (missing invalidate before "
	"a transfer from the device)",
	"dirty lines were lost when the core powered off (missing clean before power-off)",
};

const char *coh_kind_name(enum coh_kind k)
{
	return k < COH_NKINDS ? kind_names[k] : "?";
}

const char *coh_kind_text(enum coh_kind k)
{
	return k < COH_NKINDS ? kind_texts[k] : "?";
}

/* Where the core is when a DMA beat happens (between its instructions):
 * the next instruction it executes. */
static uint32_t guest_pc(const struct coherency *h)
{
	return h->cpu ? cpu_reg(h->cpu, 15) : 0;
}

static void record(struct coherency *h, enum coh_kind k, simtime_t t, int channel,
		   uint32_t la, uint32_t pc, simtime_t dma_time, uint32_t dma_pc)
{
	struct coh_event *last = h->nev ? &h->ev[h->nev - 1] : NULL;
	/* A DMA channel reads a line beat by beat, while the core moves on:
	 * its events merge whatever the core's PC. */
	bool same = last && last->kind == k && last->channel == channel &&
		    (k == COH_DMA_READ_DIRTY || last->pc == pc);
	if (same && la >= last->addr && la - last->addr < last->len)
		return; /* another beat of a line already counted */
	h->count[k]++;
	if (same && last->addr + last->len == la) {
		last->len += h->line;
		return;
	}
	if (h->nev == h->cap) {
		unsigned cap = h->cap ? h->cap * 2 : 16;
		struct coh_event *e = realloc(h->ev, cap * sizeof *e);
		if (!e)
			return;
		h->ev = e;
		h->cap = cap;
	}
	h->ev[h->nev++] = (struct coh_event){ k, t, channel, la, h->line, pc, dma_time, dma_pc };
	if (h->mode == COH_FATAL && !h->stopped && h->cpu) {
		h->stopped = true;
		cpu_request_stop(h->cpu);
	}
}

/* ---- lines DMA wrote under the cache ---------------------------------- */

static unsigned slot_of(const struct coherency *h, uint32_t la)
{
	return (la / h->line * 2654435761u) & (h->tab_size - 1);
}

static struct dma_write *find_write(struct coherency *h, uint32_t la)
{
	if (!h->tab)
		return NULL;
	for (unsigned i = slot_of(h, la);; i = (i + 1) & (h->tab_size - 1)) {
		if (h->tab[i].line == la + 1)
			return &h->tab[i];
		if (!h->tab[i].line)
			return NULL;
	}
}

static void remember_write(struct coherency *h, uint32_t la, simtime_t t, uint32_t pc,
			   int channel)
{
	struct dma_write *w = find_write(h, la);
	if (!w) {
		if (2 * (h->tab_used + 1) > h->tab_size) {
			unsigned size = h->tab_size ? h->tab_size * 2 : 256;
			struct dma_write *old = h->tab, *tab = calloc(size, sizeof *tab);
			if (!tab)
				return;
			unsigned old_size = h->tab_size;
			h->tab = tab;
			h->tab_size = size;
			for (unsigned i = 0; i < old_size; i++) {
				if (!old[i].line)
					continue;
				unsigned j = slot_of(h, old[i].line - 1);
				while (tab[j].line)
					j = (j + 1) & (size - 1);
				tab[j] = old[i];
			}
			free(old);
		}
		unsigned j = slot_of(h, la);
		while (h->tab[j].line)
			j = (j + 1) & (h->tab_size - 1);
		w = &h->tab[j];
		w->line = la + 1;
		h->tab_used++;
	}
	w->time = t;
	w->pc = pc;
	w->channel = channel;
}

/* ---- what the masters and the core tell us --------------------------- */

static void dma_beat(void *opaque, unsigned channel, uint32_t addr, unsigned size, bool write,
		     uint64_t now)
{
	struct coherency *h = opaque;
	if (!h->cpu)
		return;
	uint32_t first = addr & ~(h->line - 1), last = (addr + size - 1) & ~(h->line - 1);
	for (uint32_t la = first;; la += h->line) {
		enum cpu_line_state st = cpu_dcache_line(h->cpu, la);
		if (!write && st == CPU_LINE_DIRTY)
			record(h, COH_DMA_READ_DIRTY, now, (int)channel, la, guest_pc(h), 0, 0);
		if (write && st != CPU_LINE_ABSENT) {
			cpu_dcache_dma_wrote(h->cpu, la);
			remember_write(h, la, now, guest_pc(h), (int)channel);
		}
		if (la == last)
			break;
	}
}

static void consequence(struct coherency *h, enum coh_kind k, uint32_t la, uint32_t pc)
{
	struct dma_write *w = find_write(h, la);
	record(h, k, sched_now(&h->soc->sched), w ? w->channel : -1, la, pc, w ? w->time : 0,
	       w ? w->pc : 0);
}

static void stale_read(void *opaque, uint32_t la, uint32_t pc)
{
	consequence(opaque, COH_STALE_READ, la, pc);
}

static void clobber(void *opaque, uint32_t la, uint32_t pc)
{
	consequence(opaque, COH_CLOBBER, la, pc);
}

static void lost_line(void *opaque, uint32_t la)
{
	struct coherency *h = opaque;
	record(h, COH_LOST_DIRTY, h->off_time, -1, la, h->off_pc, 0, 0);
}

void coh_power_off(struct coherency *h, simtime_t now)
{
	if (!h || h->mode == COH_OFF || !h->cpu)
		return;
	h->off_time = now;
	h->off_pc = cpu_reg(h->cpu, 15);
	cpu_dcache_for_each_dirty(h->cpu, lost_line, h);
}

static void soc_power_off(void *opaque, simtime_t now)
{
	coh_power_off(opaque, now);
}

/* ---- construction and results ------------------------------------------ */

struct coherency *coh_new(struct soc *soc, enum coh_mode mode)
{
	struct coherency *h = calloc(1, sizeof *h);
	if (!h)
		return NULL;
	h->soc = soc;
	h->cpu = soc->cpu;
	h->mode = mode;
	h->line = soc->cpu_cfg.dcache.line ? soc->cpu_cfg.dcache.line : 32;
	if (mode == COH_OFF)
		return h;
	if (h->cpu) {
		struct cpu_coherency_hooks hk = { stale_read, clobber, h };
		cpu_set_coherency_hooks(h->cpu, &hk);
	}
	for (unsigned i = 0; i < soc->ndevs; i++)
		if (soc->devs[i].type == &pl080_dev_type)
			pl080_set_observer(soc->devs[i].state, dma_beat, h);
	soc->core_power_off = soc_power_off;
	soc->core_power_off_opaque = h;
	return h;
}

void coh_free(struct coherency *h)
{
	if (!h)
		return;
	free(h->ev);
	free(h->tab);
	free(h);
}

uint64_t coh_count(const struct coherency *h, enum coh_kind k)
{
	return h && k < COH_NKINDS ? h->count[k] : 0;
}

unsigned coh_events(const struct coherency *h)
{
	return h ? h->nev : 0;
}

const struct coh_event *coh_event(const struct coherency *h, unsigned i)
{
	return h && i < h->nev ? &h->ev[i] : NULL;
}

bool coh_stopped(const struct coherency *h)
{
	return h && h->stopped;
}
