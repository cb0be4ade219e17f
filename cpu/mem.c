/*
 * The core's memory system: the fast page tables, the slow data path
 * (MPU, D-cache, bus), instruction-fetch timing (I-cache, flash prefetch
 * buffer), cache maintenance, memory timing and the debugger's view.
 *
 * Fast path. The executor's inline loads and stores (decode.h) look up a
 * page in the core's own tables `rd`/`wr` and memcpy. A page is in them
 * only if an access to it needs nothing else: RAM or ROM, a region with
 * no wait states at the current frequency, not cacheable while the D-cache
 * is on, and the same
 * attributes and full read (write) access for both privilege levels on
 * the whole page (cpu_mpu_page_uniform). The tables are rebuilt by
 * cpu_mem_remap() whenever one of those inputs changes (CCR.DC/IC, MPU
 * configuration, core frequency, new bus regions); pages that hold decoded
 * code stay out of `wr` as they are out of the bus's, so stores into code
 * reach the bus's code-write hook.
 *
 * With the D-cache on, the line of the last hit (the "hot line",
 * cpu_mem_hot in cache.h) is served inline too: a load or store inside it
 * is a memcpy, a hit count and the dirty bit.
 *
 * Slow path (cpu_mem_access). MPU check (MemManage DACCVIOL with MMFAR),
 * then the D-cache if the address is cacheable and the cache is on, else
 * the bus. An unprivileged form (LDRT...) is checked as unprivileged code
 * and refused by the System Control Space (BusFault) here. Time spent
 * waiting for memory is added to c->cycles and counted in c->stall_cycles.
 *
 * Timing, with P the core clock period and a region's first/next beat
 * times from the device tree (docs/memory-system.md):
 *   beat(t)   = ceil(t / P) cycles (0 for t = 0)
 *   wait(t)   = beat(t) - 1 for t > 0, else 0 (the access's own cycle is
 *               part of the instruction's cost)
 *   single access          wait(first)
 *   further burst beat     beat(next) - 1 (LDM/STM/LDRD: same instruction,
 *                          next sequential word)
 *   line fill / write-back wait(first) + (line/4 - 1) * beat(next)
 * so flash of 33 ns has 0 wait states at 25 MHz and 3 at 100 MHz.
 *
 * Instruction fetch is timed per fetch line, not per instruction: the run
 * loop calls cpu_mem_fetch_line() only when the PC leaves the current
 * line. A line is the I-cache line when the I-cache is on and the address
 * cacheable (a miss fills it), else the region's prefetch-buffer line (a
 * wide access of wait(first); a sequential next line was fetched ahead
 * while the core executed the previous one, so it waits only for what is
 * left of wait(first)), else a 4-byte word. Where a fetch costs nothing
 * (wait(first) = 0 and no I-cache lookup) the line is the whole page (32
 * bytes with the MPU on, its smallest region), so the loop rarely calls.
 */
#include "cpu/cache.h"
#include "cpu/decode.h"
#include "cpu/exc.h"
#include "cpu/mem.h"

#include <stdlib.h>

static uint32_t beat_cycles(simtime_t period, uint32_t ps)
{
	return ps ? (uint32_t)((ps + period - 1) / period) : 0;
}

static inline void stall(struct cpu *c, uint32_t n)
{
	c->cycles += n;
	c->stall_cycles += n;
}

int cpu_mem_init(struct cpu *c, struct err *e)
{
	struct cpu_mem *m = calloc(1, sizeof *m);
	if (!m)
		return errf(e, "cpu: out of memory for the memory system");
	c->mem = m;
	m->rd = calloc(BUS_NPAGES, sizeof *m->rd);
	m->wr = calloc(BUS_NPAGES, sizeof *m->wr);
	m->wr_ok = calloc(BUS_NPAGES, 1);
	m->dpage = calloc(BUS_NPAGES, sizeof *m->dpage);
	m->dpage_wt = calloc(BUS_NPAGES, 1);
	if (!m->rd || !m->wr || !m->wr_ok || !m->dpage || !m->dpage_wt) {
		cpu_mem_free(c);
		return errf(e, "cpu: out of memory for the memory system");
	}
	if (cache_init(&m->ic, &c->cfg.icache, false, "I-cache", e) ||
	    cache_init(&m->dc, &c->cfg.dcache, true, "D-cache", e)) {
		cpu_mem_free(c);
		return -1;
	}
	m->dc_write_allocate = c->cfg.dcache.write_allocate;
	m->burst_insn = UINT64_MAX;
	m->hot_data = NULL;
	/* Regions added after this (the SoC maps memory after creating the
	 * core) are picked up by the first slow access: nregions differs. */
	cpu_mem_remap(c);
	return 0;
}

void cpu_mem_free(struct cpu *c)
{
	struct cpu_mem *m = c->mem;
	if (!m)
		return;
	cache_free(&m->ic);
	cache_free(&m->dc);
	free(m->rd);
	free(m->wr);
	free(m->wr_ok);
	free(m->dpage);
	free(m->dpage_wt);
	free(m->cost);
	free(m);
	c->mem = NULL;
}

/* Reset: caches disabled and invalid (dirty data is lost, as on silicon
 * where the caches are invalidated at reset). Statistics are cumulative
 * across resets, like the instruction count. */
void cpu_mem_reset(struct cpu *c)
{
	struct cpu_mem *m = c->mem;
	cache_invalidate_all(&m->ic);
	cache_invalidate_all(&m->dc);
	m->hot_data = NULL;
	m->ic_on = m->dc_on = false;
	m->burst_insn = UINT64_MAX;
	cpu_mem_remap(c);
}

static void compute_costs(struct cpu *c)
{
	struct cpu_mem *m = c->mem;
	struct bus *b = c->bus;
	if (b->nregions > m->cost_cap) {
		struct mem_cost *k = realloc(m->cost, b->cap * sizeof *k);
		if (!k)
			return; /* keep the old table; nregions stays stale */
		m->cost = k;
		m->cost_cap = b->cap;
	}
	for (unsigned i = 0; i < b->nregions; i++) {
		const struct bus_region *r = &b->regions[i];
		struct mem_cost *k = &m->cost[i];
		uint32_t first = beat_cycles(c->period_ps, r->first_ps);
		k->first_ws = first ? first - 1 : 0;
		k->next = beat_cycles(c->period_ps, r->next_ps);
		k->prefetch = r->prefetch_bytes >= 4 && r->prefetch_bytes <= BUS_PAGE_SIZE ?
			r->prefetch_bytes : 0;
		/* Nothing to wait for at this frequency, single or burst
		 * (flash of 33 ns at 25 MHz), so the page may be fast path. */
		k->fast = !k->first_ws && k->next <= 1 && !r->access_hook;
	}
	m->nregions = b->nregions;
}

static void forget_fetch_line(struct cpu *c)
{
	c->mem->fetch_size = 0;
	c->mem->fetch_region = NULL;
	if (c->dc)
		cpu_force_check(c);
}

/* The fast tables from the regions' costs, the MPU and the caches; a page
 * a debugger watches stays out of them (debug.c). */
static void map_pages(struct cpu *c)
{
	struct cpu_mem *m = c->mem;
	struct bus *b = c->bus;
	bool dc = m->dc_on && m->dc.size;
	for (unsigned i = 0; i < b->nregions; i++) {
		const struct bus_region *r = &b->regions[i];
		if (r->kind == BUS_MMIO)
			continue;
		for (uint32_t off = 0; off < r->size; off += BUS_PAGE_SIZE) {
			uint32_t pg = (r->base + off) >> BUS_PAGE_SHIFT;
			struct mem_attr attr;
			unsigned pp = 0, up = 0;
			bool ok = m->cost[i].fast &&
				  cpu_mpu_page_uniform(c, r->base + off, &attr, &pp, &up) &&
				  !(dc && attr.cacheable) &&
				  !(c->dbg_nwatch && cpu_debug_page_watched(c, r->base + off));
			bool rd = ok && (pp & up & MPU_PERM_R);
			bool wr = ok && (pp & up & MPU_PERM_W);
			m->rd[pg] = rd ? b->rd[pg] : NULL;
			m->wr_ok[pg] = wr;
			m->wr[pg] = wr ? b->wr[pg] : NULL;
			bool cached = dc && m->cost[i].fast &&
				      cpu_mpu_page_uniform(c, r->base + off, &attr, &pp, &up) &&
				      attr.cacheable && (pp & up & MPU_PERM_R) &&
				      (pp & up & MPU_PERM_W) && r->kind == BUS_RAM;
			m->dpage[pg] = cached ? r : NULL;
			m->dpage_wt[pg] = cached && attr.write_through;
		}
	}
}

void cpu_mem_remap(struct cpu *c)
{
	struct cpu_mem *m = c->mem;
	compute_costs(c);
	if (m->nregions != c->bus->nregions)
		return;
	map_pages(c);
	/* Re-time the next fetch line (frequency, I-cache or MPU changed);
	 * the run loop keeps the line in registers and re-reads it after a
	 * check. */
	forget_fetch_line(c);
	m->hot_data = NULL;
}

/* Unlike a remap, the fetch line is kept: re-timing it would count an
 * I-cache lookup or a prefetch the run without the debugger does not make. */
void cpu_mem_watch_changed(struct cpu *c)
{
	struct cpu_mem *m = c->mem;
	if (!m)
		return;
	if (m->nregions == c->bus->nregions)
		map_pages(c);
	m->hot_data = NULL;
}

void cpu_mem_code_marked(struct cpu *c, uint32_t addr)
{
	c->mem->wr[addr >> BUS_PAGE_SHIFT] = NULL;
}

/* After a store went to the bus: a code page the bus re-opened (its
 * decoded instructions are dropped) joins the fast write table again. */
static void reopen(struct cpu *c, uint32_t a, unsigned size)
{
	struct cpu_mem *m = c->mem;
	for (uint32_t pg = a >> BUS_PAGE_SHIFT;; pg = (pg + 1) & (BUS_NPAGES - 1)) {
		if (m->wr_ok[pg])
			m->wr[pg] = c->bus->wr[pg];
		if (pg == ((a + size - 1) >> BUS_PAGE_SHIFT))
			break;
	}
}

static const struct mem_cost *cost_of(const struct cpu *c, const struct bus_region *r)
{
	return &c->mem->cost[r - c->bus->regions];
}

/* Tell the memory's controller (bus_region.access_hook) of an access that
 * reaches it, and wait for what it adds; false if it cannot answer. */
static bool hook(struct cpu *c, const struct bus_region *r, uint32_t a, uint32_t bytes,
		 bool write, bool timed)
{
	if (!r || !r->access_hook)
		return true;
	uint64_t ps = r->access_hook(r->hook_opaque, cpu_now(c), a, bytes, write);
	if (ps == BUS_HOOK_FAULT)
		return false;
	if (timed && ps)
		stall(c, (uint32_t)((ps + c->period_ps - 1) / c->period_ps));
	return true;
}

/* ---- the bus side -------------------------------------------------- */

static bool bus_data(struct cpu *c, const struct bus_region *r, uint32_t a, unsigned size,
		     uint32_t *v, bool write)
{
	struct cpu_mem *m = c->mem;
	const struct mem_cost *k = cost_of(c, r);
	uint32_t w = k->first_ws;
	if (a == m->burst_next && c->insns == m->burst_insn)
		w = k->next ? k->next - 1 : 0;
	m->burst_next = a + size;
	m->burst_insn = c->insns;
	stall(c, w);
	if (!hook(c, r, a, size, write, true))
		return false;
	bool mmio = r->kind == BUS_MMIO;
	if (mmio)
		cpu_sync_time(c);
	int st = bus_access_slow(c->bus, a, size, v, write);
	if (mmio) {
		cpu_sync_time(c);
		/* The device may have raised an interrupt. */
		if (c->exc_check)
			cpu_force_check(c);
	}
	if (st != BUS_OK)
		return false;
	if (write)
		reopen(c, a, size);
	return true;
}

static uint32_t line_cost(const struct cpu *c, uint32_t la, uint32_t line)
{
	const struct bus_region *r = bus_find(c->bus, la);
	if (!r || c->mem->nregions != c->bus->nregions)
		return 0;
	const struct mem_cost *k = cost_of(c, r);
	return k->first_ws + (line / 4 - 1) * k->next;
}

/* Write a dirty D-cache line back to memory (through bus_load, so a line
 * over decoded code drops those instructions); `timed` adds the burst. */
static void dc_writeback(struct cpu *c, uint32_t i, bool timed)
{
	struct cache *d = &c->mem->dc;
	if ((d->tag[i] & (CACHE_VALID | CACHE_DIRTY)) != (CACHE_VALID | CACHE_DIRTY))
		return;
	uint32_t la = cache_line_addr(d, d->tag[i]);
	if (cpu_unlikely(d->tag[i] & CACHE_DMAW) && c->coh.clobber)
		c->coh.clobber(c->coh.opaque, la, c->r[15] - 4);
	bus_load(c->bus, la, d->data + (size_t)i * d->line, d->line);
	d->tag[i] &= ~(CACHE_DIRTY | CACHE_STALE | CACHE_DMAW);
	d->writebacks++;
	hook(c, bus_find(c->bus, la), la, d->line, true, timed);
	if (timed)
		stall(c, line_cost(c, la, d->line));
}

/* Allocate the line for `a` (evicting, writing back a dirty victim) and
 * fill it from memory. */
static uint32_t dc_fill(struct cpu *c, uint32_t a, const struct bus_region *r)
{
	struct cache *d = &c->mem->dc;
	uint32_t i = cache_victim(d, a);
	c->mem->hot_data = NULL; /* the victim may be the hot line */
	dc_writeback(c, i, true);
	uint32_t la = cache_line_addr(d, a);
	bus_peek(c->bus, la, d->data + (size_t)i * d->line, d->line);
	d->tag[i] = la | CACHE_VALID;
	const struct mem_cost *k = cost_of(c, r);
	hook(c, r, la, d->line, false, true);
	stall(c, k->first_ws + (d->line / 4 - 1) * k->next);
	c->mem->burst_insn = UINT64_MAX;
	return i;
}

static bool route(struct cpu *c, uint32_t a, unsigned size, uint32_t *v, bool write,
		  const struct mem_attr *attr);

/* A cacheable access with the D-cache on. */
static bool dc_access(struct cpu *c, const struct bus_region *r, uint32_t a, unsigned size,
		      uint32_t *v, bool write, const struct mem_attr *attr)
{
	struct cpu_mem *m = c->mem;
	struct cache *d = &m->dc;
	uint32_t off = a & (d->line - 1);
	if (off + size > d->line) {
		/* Straddles two lines (unaligned): byte by byte, each through
		 * its own line. */
		uint32_t val = write ? *v : 0;
		for (unsigned i = 0; i < size; i++) {
			uint32_t byte = (val >> (8 * i)) & 0xffu;
			if (!route(c, a + i, 1, &byte, write, attr))
				return false;
			if (!write)
				val |= byte << (8 * i);
		}
		if (!write)
			*v = val;
		return true;
	}
	int i = cache_find(d, a);
	if (i >= 0) {
		d->hits++;
		if (cpu_unlikely(d->tag[i] & CACHE_STALE)) {
			/* DMA wrote memory under this line: a read gets old
			 * data (reported once); a write makes the line's
			 * write-back overwrite DMA's data. */
			if (write) {
				d->tag[i] |= CACHE_DMAW;
			} else {
				d->tag[i] &= ~CACHE_STALE;
				if (c->coh.stale_read)
					c->coh.stale_read(c->coh.opaque, cache_line_addr(d, a),
							  c->r[15] - 4);
			}
		}
	} else {
		d->misses++;
		/* Write-through never allocates on a write; write-back only
		 * with write-allocate. */
		if (write && (attr->write_through || !m->dc_write_allocate))
			return bus_data(c, r, a, size, v, true);
		i = (int)dc_fill(c, a, r);
	}
	uint8_t *p = d->data + (size_t)i * d->line + off;
	if (!cpu_mpu_enabled(c) && !(d->tag[i] & CACHE_STALE) && !c->dbg_nwatch) {
		m->hot_la = cache_line_addr(d, a);
		m->hot_idx = (uint32_t)i;
		m->hot_data = p - off;
		m->hot_wb = !attr->write_through;
	}
	if (!write) {
		*v = bus_host_load(p, size);
		return true;
	}
	bus_host_store(p, size, *v);
	if (attr->write_through)
		return bus_data(c, r, a, size, v, true);
	d->tag[i] |= CACHE_DIRTY;
	return true;
}

static bool route(struct cpu *c, uint32_t a, unsigned size, uint32_t *v, bool write,
		  const struct mem_attr *attr)
{
	struct cpu_mem *m = c->mem;
	const struct bus_region *r = bus_find(c->bus, a);
	if (!r)
		return false;
	/* Stores to ROM are refused by the bus whatever the cache holds,
	 * so they fault precisely as with the cache off. */
	if (m->dc_on && m->dc.size && attr->cacheable && r->kind != BUS_MMIO &&
	    !(write && r->kind == BUS_ROM))
		return dc_access(c, r, a, size, v, write, attr);
	return bus_data(c, r, a, size, v, write);
}

/* The System Control Space refuses unprivileged accesses (B3.2) except a
 * write to STIR that CCR.USERSETMPEND allows. scs.c sees only the core's
 * privilege, so an unprivileged form (LDRT...) executed by privileged code
 * is refused here, before the bus. */
static bool scs_refuses(struct cpu *c, uint32_t a, bool write)
{
	if (a - 0xe000e000u >= 0x1000u)
		return false;
	return !(write && a - 0xe000ef00u < 4u && (cpu_ccr(c) & CCR_USERSETMPEND));
}

enum cpu_mem_result cpu_mem_raw(struct cpu *c, uint32_t a, unsigned size, uint32_t *v,
				bool write, bool unpriv)
{
	struct cpu_mem *m = c->mem;
	if (cpu_unlikely(c->dbg_nwatch))
		cpu_debug_access(c, a, size, write);
	if (unpriv && scs_refuses(c, a, write))
		return CPU_MEM_BUS;
	if (!m) /* a core assembled without its memory system (unit tests) */
		return bus_access_slow(c->bus, a, size, v, write) == BUS_OK ? CPU_MEM_OK
									      : CPU_MEM_BUS;
	if (cpu_mem_hot(c, a, size, v, write))
		return CPU_MEM_OK;
	if (m->nregions != c->bus->nregions)
		cpu_mem_remap(c);
	/* A page that is all D-cache with known attributes (remap) and an
	 * access inside it: straight to the cache. */
	const struct bus_region *dr = m->dpage[a >> BUS_PAGE_SHIFT];
	if (dr && !unpriv && (a & BUS_PAGE_MASK) <= BUS_PAGE_SIZE - size) {
		struct mem_attr dattr = { .cacheable = true,
					  .write_through = m->dpage_wt[a >> BUS_PAGE_SHIFT] };
		return dc_access(c, dr, a, size, v, write, &dattr) ? CPU_MEM_OK : CPU_MEM_BUS;
	}
	struct mem_attr attr;
	if (cpu_mpu_enabled(c)) {
		if (!cpu_mpu_check(c, a, size, write ? MEM_WRITE : MEM_READ, unpriv, &attr))
			return CPU_MEM_MPU;
	} else {
		cpu_default_attr(a, &attr);
	}
	return route(c, a, size, v, write, &attr) ? CPU_MEM_OK : CPU_MEM_BUS;
}

enum cpu_mem_result cpu_mem_raw_nompu(struct cpu *c, uint32_t a, unsigned size, uint32_t *v,
				      bool write)
{
	if (cpu_unlikely(c->dbg_nwatch))
		cpu_debug_access(c, a, size, write);
	if (!c->mem)
		return bus_access_slow(c->bus, a, size, v, write) == BUS_OK ? CPU_MEM_OK
									      : CPU_MEM_BUS;
	if (c->mem->nregions != c->bus->nregions)
		cpu_mem_remap(c);
	struct mem_attr attr;
	cpu_default_attr(a, &attr);
	return route(c, a, size, v, write, &attr) ? CPU_MEM_OK : CPU_MEM_BUS;
}

bool cpu_mem_access(struct cpu *c, uint32_t a, unsigned size, uint32_t *v, bool write,
		    bool unpriv)
{
	switch (cpu_mem_raw(c, a, size, v, write, unpriv)) {
	case CPU_MEM_OK:
		return true;
	case CPU_MEM_MPU:
		cpu_insn_fault(c, FAULT_DACCVIOL, a);
		return false;
	default:
		cpu_insn_fault(c, FAULT_PRECISERR, a);
		return false;
	}
}

/* ---- instruction fetch --------------------------------------------- */

void cpu_mem_fetch_line(struct cpu *c, uint32_t pc)
{
	struct cpu_mem *m = c->mem;
	struct bus *b = c->bus;
	if (m->nregions != b->nregions)
		cpu_mem_remap(c);
	const struct bus_region *r = bus_find(b, pc);
	struct mem_attr attr;
	if (!r || r->kind == BUS_MMIO || m->nregions != b->nregions ||
	    !cpu_mpu_check(c, pc, 2, MEM_FETCH, false, &attr)) {
		/* Nothing to time: the decoder raises the fault (IBUSERR,
		 * IACCVIOL), checking every time while there is no line. */
		m->fetch_size = 0;
		m->fetch_region = NULL;
		return;
	}
	bool mpu = cpu_mpu_enabled(c);
	const struct mem_cost *k = cost_of(c, r);
	uint32_t size, wait = 0;
	if (m->ic_on && m->ic.size && attr.cacheable) {
		struct cache *ic = &m->ic;
		size = ic->line;
		if (cache_find(ic, pc) >= 0) {
			ic->hits++;
		} else {
			ic->misses++;
			ic->tag[cache_victim(ic, pc)] = cache_line_addr(ic, pc) | CACHE_VALID;
			wait = k->first_ws + (ic->line / 4 - 1) * k->next;
			hook(c, r, cache_line_addr(ic, pc), ic->line, false, true);
		}
	} else if (!k->first_ws) {
		/* Every fetch is free (a zero-wait region, or flash whose
		 * access fits one cycle at this frequency): nothing to time
		 * until the PC leaves the page (or MPU granule). */
		size = mpu ? 32 : BUS_PAGE_SIZE;
	} else if (k->prefetch) {
		size = k->prefetch;
		uint32_t base = pc & ~(size - 1);
		uint64_t ahead = c->cycles - m->fetch_cycle;
		if (m->fetch_region == r && m->fetch_size == size &&
		    base == m->fetch_base + size)
			wait = ahead >= k->first_ws ? 0 : k->first_ws - (uint32_t)ahead;
		else
			wait = k->first_ws;
	} else {
		size = 4;
		wait = k->first_ws;
	}
	if (size == 4 || (k->prefetch && size == k->prefetch))
		hook(c, r, pc & ~(size - 1), size, false, true);
	stall(c, wait);
	m->fetch_base = pc & ~(size - 1);
	m->fetch_size = size;
	m->fetch_region = r;
	m->fetch_cycle = c->cycles;
}

/* ---- CCR and maintenance ------------------------------------------- */

uint32_t cpu_cache_ccr_mask(const struct cpu *c)
{
	if (!c->mem)
		return 0;
	return (c->mem->ic.size ? CCR_IC : 0) | (c->mem->dc.size ? CCR_DC : 0);
}

void cpu_cache_ccr_write(struct cpu *c, uint32_t ccr)
{
	struct cpu_mem *m = c->mem;
	if (!m)
		return;
	bool ic = m->ic.size && (ccr & CCR_IC), dc = m->dc.size && (ccr & CCR_DC);
	if (ic == m->ic_on && dc == m->dc_on)
		return;
	m->ic_on = ic;
	m->dc_on = dc;
	cpu_mem_remap(c);
}

/* D-cache line operation: clean (write back if dirty) and/or invalidate. */
static void dc_line_op(struct cpu *c, int i, bool clean, bool inval)
{
	if (i < 0)
		return;
	if (clean)
		dc_writeback(c, (uint32_t)i, true);
	if (inval)
		c->mem->dc.tag[i] = 0;
}

void cpu_cache_maint(struct cpu *c, uint32_t off, uint32_t v)
{
	struct cpu_mem *m = c->mem;
	if (!m)
		return;
	struct cache *ic = &m->ic, *dc = &m->dc;
	switch (off) {
	case 0xf50: /* ICIALLU */
		cache_invalidate_all(ic);
		forget_fetch_line(c);
		return;
	case 0xf58: /* ICIMVAU */
		if (ic->size) {
			int i = cache_find(ic, v);
			if (i >= 0)
				ic->tag[i] = 0;
		}
		forget_fetch_line(c);
		return;
	case 0xf78: /* BPIALL: no branch predictor state is modelled */
		return;
	}
	if (!dc->size)
		return;
	m->hot_data = NULL;
	bool by_sw = off == 0xf60 || off == 0xf6c || off == 0xf74;
	int i = by_sw ? (int)cache_sw_index(dc, v) : cache_find(dc, v);
	switch (off) {
	case 0xf5c: /* DCIMVAC */
	case 0xf60: /* DCISW */
		dc_line_op(c, i, false, true);
		break;
	case 0xf64: /* DCCMVAU */
	case 0xf68: /* DCCMVAC */
	case 0xf6c: /* DCCSW */
		dc_line_op(c, i, true, false);
		break;
	case 0xf70: /* DCCIMVAC */
	case 0xf74: /* DCCISW */
		dc_line_op(c, i, true, true);
		break;
	default:
		break;
	}
}

/* ---- debugger view ------------------------------------------------- */

/* Does the core's data side see the D-cache at `a` right now? */
static bool debug_cached(struct cpu *c, uint32_t a)
{
	struct mem_attr attr;
	if (!c->mem->dc_on || !c->mem->dc.size)
		return false;
	if (cpu_mpu_enabled(c)) {
		if (!cpu_mpu_check(c, a, 1, MEM_READ, false, &attr))
			return false;
	} else {
		cpu_default_attr(a, &attr);
	}
	return attr.cacheable;
}

/* One chunk never crosses a page (so one region) nor a cache line. */
static uint32_t debug_chunk(const struct cpu *c, uint32_t addr, uint32_t len)
{
	uint32_t n = BUS_PAGE_SIZE - (addr & BUS_PAGE_MASK);
	if (c->mem->dc.size) {
		uint32_t l = c->mem->dc.line - (addr & (c->mem->dc.line - 1));
		if (l < n)
			n = l;
	}
	return n < len ? n : len;
}

int cpu_debug_read(struct cpu *c, uint32_t addr, void *buf, uint32_t len)
{
	struct cache *dc = &c->mem->dc;
	uint8_t *d = buf;
	if (len && len - 1 > UINT32_MAX - addr)
		return -1;
	while (len) {
		uint32_t n = debug_chunk(c, addr, len);
		int i = debug_cached(c, addr) ? cache_find(dc, addr) : -1;
		if (i >= 0)
			memcpy(d, dc->data + (size_t)i * dc->line + (addr & (dc->line - 1)), n);
		else if (bus_peek(c->bus, addr, d, n) != BUS_OK)
			return -1;
		d += n;
		addr += n;
		len -= n;
	}
	return 0;
}

int cpu_debug_write(struct cpu *c, uint32_t addr, const void *buf, uint32_t len)
{
	return cpu_debug_write_mem(c, addr, buf, len, false);
}

/* With `rom`, flash too (a debugger loading an image): bus_load writes it
 * and drops the instructions decoded from it. */
int cpu_debug_write_mem(struct cpu *c, uint32_t addr, const void *buf, uint32_t len, bool rom)
{
	struct cache *dc = &c->mem->dc;
	const uint8_t *s = buf;
	if (len && len - 1 > UINT32_MAX - addr)
		return -1;
	/* Check first, so that a bad range changes nothing. */
	for (uint32_t a = addr, left = len; left;) {
		const struct bus_region *r = bus_find(c->bus, a);
		if (!r || (r->kind != BUS_RAM && !(rom && r->kind == BUS_ROM)))
			return -1;
		uint32_t n = r->size - (a - r->base);
		if (n >= left)
			break;
		a += n;
		left -= n;
	}
	while (len) {
		uint32_t n = debug_chunk(c, addr, len);
		/* Memory and, where the core would read it, the cached copy:
		 * the line keeps its clean/dirty state. */
		bus_load(c->bus, addr, s, n);
		int i = debug_cached(c, addr) ? cache_find(dc, addr) : -1;
		if (i >= 0)
			memcpy(dc->data + (size_t)i * dc->line + (addr & (dc->line - 1)), s, n);
		s += n;
		addr += n;
		len -= n;
	}
	return 0;
}

/* ---- statistics ---------------------------------------------------- */

enum cpu_line_state cpu_dcache_line(const struct cpu *c, uint32_t addr)
{
	const struct cache *d = &c->mem->dc;
	if (!d->size || !c->mem->dc_on)
		return CPU_LINE_ABSENT;
	int i = cache_find(d, addr);
	if (i < 0)
		return CPU_LINE_ABSENT;
	return d->tag[i] & CACHE_DIRTY ? CPU_LINE_DIRTY : CPU_LINE_CLEAN;
}

void cpu_dcache_dma_wrote(struct cpu *c, uint32_t addr)
{
	struct cpu_mem *m = c->mem;
	struct cache *d = &m->dc;
	if (!d->size)
		return;
	int i = cache_find(d, addr);
	if (i < 0)
		return;
	d->tag[i] |= CACHE_STALE;
	if (d->tag[i] & CACHE_DIRTY)
		d->tag[i] |= CACHE_DMAW;
	/* Hits on the hot line skip the tag: make the next one look. */
	if (m->hot_data && m->hot_idx == (uint32_t)i)
		m->hot_data = NULL;
}

void cpu_dcache_for_each_dirty(const struct cpu *c, void (*fn)(void *opaque, uint32_t la),
			       void *opaque)
{
	const struct cache *d = &c->mem->dc;
	for (uint32_t i = 0; d->size && i < d->sets * d->ways; i++)
		if ((d->tag[i] & (CACHE_VALID | CACHE_DIRTY)) == (CACHE_VALID | CACHE_DIRTY))
			fn(opaque, cache_line_addr(d, d->tag[i]));
}

unsigned cpu_mem_dirty_lines(const struct cpu *c)
{
	const struct cache *k = &c->mem->dc;
	unsigned n = 0;
	for (uint32_t i = 0; k->size && i < k->sets * k->ways; i++)
		n += (k->tag[i] & (CACHE_VALID | CACHE_DIRTY)) == (CACHE_VALID | CACHE_DIRTY);
	return n;
}

void cpu_mem_stats(const struct cpu *c, struct cpu_mem_stats *s)
{
	const struct cpu_mem *m = c->mem;
	s->icache_hits = m->ic.hits;
	s->icache_misses = m->ic.misses;
	s->dcache_hits = m->dc.hits;
	s->dcache_misses = m->dc.misses;
	s->dcache_writebacks = m->dc.writebacks;
	s->stall_cycles = c->stall_cycles;
}
