/*
 * The core's L1 caches and the memory system's private state.
 *
 * A cache here is a set-associative array of lines: per line a tag word
 * (the line's address with VALID and DIRTY in its low bits) and, for the
 * D-cache, the line's bytes. Replacement is round-robin per set, as on
 * the Cortex-M7: an invalid way is filled first (lowest number), otherwise
 * the way the set's round-robin counter points at, and the counter then
 * advances. The I-cache holds tags only: decoded instructions live in the
 * decode cache, the I-cache decides what a fetch costs.
 *
 * struct cpu_mem is defined here (not in mem.c) because the executor's
 * inline load/store helpers in decode.h read its page tables directly.
 */
#ifndef PMSIM_CPU_CACHE_H
#define PMSIM_CPU_CACHE_H

#include "cpu/cpu_int.h"

#define CACHE_VALID 1u
#define CACHE_DIRTY 2u
/* For the coherency checker (cpu_dcache_dma_wrote): DMA wrote memory
 * under this valid line, so the line is stale; and DMA wrote it while the
 * line was dirty (or it became dirty since), so its write-back will
 * overwrite DMA's data. Lines are at least 16 bytes: the low bits are
 * free. */
#define CACHE_STALE 4u
#define CACHE_DMAW 8u
#define CACHE_STATE (CACHE_DIRTY | CACHE_STALE | CACHE_DMAW)

struct cache {
	uint32_t size, ways, line, sets;  /* size 0: no cache */
	unsigned line_shift;              /* log2(line) */
	unsigned way_shift;               /* 32 - ceil(log2(ways)) (set/way ops) */
	uint32_t *tag;    /* [set * ways + way]: line address | VALID | DIRTY |
			     STALE | DMAW */
	uint8_t *data;    /* line contents, same index * line; NULL: tags only */
	uint8_t *rr;      /* per set: next round-robin victim */
	uint64_t hits, misses, writebacks;
};

/* Geometry from the configuration: size a multiple of ways * line, line a
 * power of two from 16 to 256 bytes, sets a power of two. Returns 0, or -1
 * with a message in `e`. */
int cache_init(struct cache *k, const struct cpu_cache_config *cfg, bool data,
	       const char *name, struct err *e);
void cache_free(struct cache *k);
/* Drop every line, dirty or not (reset, power loss, ICIALLU). */
void cache_invalidate_all(struct cache *k);

static inline uint32_t cache_line_addr(const struct cache *k, uint32_t addr)
{
	return addr & ~(k->line - 1);
}

static inline uint32_t cache_set(const struct cache *k, uint32_t addr)
{
	return (addr >> k->line_shift) & (k->sets - 1);
}

/* Index of the valid line holding `addr`, or -1. No statistics. */
static inline int cache_find(const struct cache *k, uint32_t addr)
{
	uint32_t want = cache_line_addr(k, addr) | CACHE_VALID;
	uint32_t i = cache_set(k, addr) * k->ways;
	for (uint32_t w = 0; w < k->ways; w++, i++)
		if ((k->tag[i] & ~CACHE_STATE) == want)
			return (int)i;
	return -1;
}

/* The line a fill of `addr` replaces (an invalid way if the set has one,
 * else the round-robin victim, advancing the counter). The caller writes
 * the victim back if it is dirty, then installs the new tag. */
uint32_t cache_victim(struct cache *k, uint32_t addr);

/* Set/way operand of DCISW/DCCSW/DCCISW -> line index (ARMv7-M B2.2.7:
 * way in the top ceil(log2(ways)) bits, set above the line offset). */
uint32_t cache_sw_index(const struct cache *k, uint32_t sw);

/* Timing of one bus region at the current core frequency (cycles). */
struct mem_cost {
	uint32_t first_ws;  /* wait states of a single access (first beat) */
	uint32_t next;      /* cycles per further beat of a burst */
	uint32_t prefetch;  /* prefetch buffer line in bytes, 0 = none */
	bool fast;          /* no wait, single or burst: fast-path pages */
};

struct cpu_mem {
	/* Fast page tables: host pointer of a page whose accesses need
	 * nothing but a memcpy, else NULL (see mem.c). */
	uint8_t **rd, **wr;
	/* Instruction fetch: the run loop does nothing while the PC stays in
	 * [fetch_base, fetch_base + fetch_size) (one fetch line). */
	uint32_t fetch_base, fetch_size;
	uint64_t fetch_cycle;        /* c->cycles when the line was entered */
	const struct bus_region *fetch_region;
	/* Per page: may the write table open again after the bus re-opens a
	 * code page (the page is otherwise fast-path writable)? */
	uint8_t *wr_ok;
	/* Per page: the bus region of a page whose every access goes to the
	 * D-cache with the same attributes and full access for every
	 * privilege (D-cache on, cacheable, MPU off or uniform), else NULL;
	 * and whether that page is write-through. The slow path skips the
	 * attribute and region look-ups for them. */
	const struct bus_region **dpage;
	uint8_t *dpage_wt;
	struct cache ic, dc;
	bool ic_on, dc_on;           /* CCR.IC, CCR.DC */
	bool dc_write_allocate;
	/* Burst detection for LDM/STM/LDRD: the next sequential address of
	 * the same instruction pays only a further beat. */
	uint32_t burst_next;
	uint64_t burst_insn;
	/* The D-cache line of the last hit or fill, for a short path on the
	 * next access to it (stack, a loop's data): set only while the MPU
	 * is off, dropped on every remap, fill and maintenance operation.
	 * hot_data is NULL when there is none. */
	uint32_t hot_la, hot_idx;
	uint8_t *hot_data;
	bool hot_wb;                 /* write-back: stores may hit it too */
	unsigned nregions;           /* bus regions seen at the last remap */
	struct mem_cost *cost;       /* per bus region */
	unsigned cost_cap;
};

/* Memory-system side of the SCB (scs.c calls these). */
uint32_t cpu_cache_clidr(const struct cpu *c);
uint32_t cpu_cache_ctr(const struct cpu *c);
uint32_t cpu_cache_ccsidr(const struct cpu *c, uint32_t csselr);
/* CCR bits this core implements for its caches (IC/DC if present). */
uint32_t cpu_cache_ccr_mask(const struct cpu *c);
/* CCR was written: follow IC/DC. */
void cpu_cache_ccr_write(struct cpu *c, uint32_t ccr);
/* A write to the maintenance block 0xE000EF50..0xE000EF7B (SCS offset). */
void cpu_cache_maint(struct cpu *c, uint32_t off, uint32_t v);

/* The PC left the current fetch line (run loop): I-cache / flash timing
 * of the new one. Permission faults are the decoder's (cpu_decode_fetch). */
void cpu_mem_fetch_line(struct cpu *c, uint32_t pc);

/* The per-instruction check (the run loop does the same with the line
 * held in registers): one compare. */
static inline void cpu_mem_fetch(struct cpu *c, uint32_t pc)
{
	if (__builtin_expect(pc - c->mem->fetch_base >= c->mem->fetch_size, 0))
		cpu_mem_fetch_line(c, pc);
}

/* The data slow path: MPU check (DACCVIOL), D-cache or bus, stall
 * cycles. `unpriv` for LDRT/STRT. False after raising the fault. */
bool cpu_mem_access(struct cpu *c, uint32_t a, unsigned size, uint32_t *v, bool write,
		    bool unpriv);
/* Again the line of the last D-cache hit: a hit without the MPU (off
 * while there is a hot line), region or tag lookup. */
static inline bool cpu_mem_hot(struct cpu *c, uint32_t a, unsigned size, uint32_t *v,
			       bool write)
{
	struct cpu_mem *m = c->mem;
	uint32_t off = a - m->hot_la;
	if (!m->hot_data || off >= m->dc.line || off + size > m->dc.line ||
	    (write && !m->hot_wb))
		return false;
	m->dc.hits++;
	if (write) {
		bus_host_store(m->hot_data + off, size, *v);
		m->dc.tag[m->hot_idx] |= CACHE_DIRTY;
	} else {
		*v = bus_host_load(m->hot_data + off, size);
	}
	return true;
}

/* The same access without raising a fault, for the exception model's
 * stacking and unstacking (which must see the D-cache too, and reports
 * MSTKERR/STKERR and friends itself). */
enum cpu_mem_result { CPU_MEM_OK, CPU_MEM_MPU, CPU_MEM_BUS };
enum cpu_mem_result cpu_mem_raw(struct cpu *c, uint32_t a, unsigned size, uint32_t *v,
				bool write, bool unpriv);
/* With the default map's attributes and no MPU check (vector table reads,
 * which the MPU does not govern, but which do go through the D-cache). */
enum cpu_mem_result cpu_mem_raw_nompu(struct cpu *c, uint32_t a, unsigned size, uint32_t *v,
				      bool write);
/* The decoder marked the page of `addr` as holding code. */
void cpu_mem_code_marked(struct cpu *c, uint32_t addr);

#define CCR_DC (1u << 16)
#define CCR_IC (1u << 17)

#endif
