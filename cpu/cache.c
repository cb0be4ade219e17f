/*
 * L1 cache arrays of the core (Cortex-M7 style, ARMv7-M B2.2): geometry,
 * lookup, round-robin replacement, and the identification registers
 * CLIDR, CTR and CCSIDR that describe them to software.
 *
 * This file is the data structure only; what a hit, a miss, a write-back
 * or a maintenance operation does to memory and time is in mem.c.
 *
 * Identification encodings (ARMv7-M B4.8):
 *   CLIDR  LoUU [29:27] = 1, LoC [26:24] = 1, Ctype1 [2:0] = 1 (I only),
 *          2 (D only), 3 (separate I and D); 0 without caches
 *   CTR    Format [31:29] = 0b100, CWG [27:24] and DminLine [19:16] =
 *          log2(D line in words), IminLine [3:0] = log2(I line in words),
 *          bits [15:14] = 0b11 as the Cortex-M7 reports them
 *   CCSIDR WT [31], WB [30], RA [29], WA [28] as implemented, NumSets-1
 *          [27:13], Associativity-1 [12:3], LineSize [2:0] =
 *          log2(line in words) - 2
 * With the default SoC's 16 KiB 4-way D-cache of 32-byte lines CCSIDR
 * reads 0xF00FE019, the value a Cortex-M7 with that cache reports.
 */
#include "cpu/cache.h"

#include <stdlib.h>

static bool is_pow2(uint32_t v)
{
	return v && !(v & (v - 1));
}

static unsigned log2u(uint32_t v)
{
	unsigned n = 0;
	while ((1u << n) < v)
		n++;
	return n;
}

int cache_init(struct cache *k, const struct cpu_cache_config *cfg, bool data,
	       const char *name, struct err *e)
{
	memset(k, 0, sizeof *k);
	if (!cfg->size)
		return 0;
	if (!is_pow2(cfg->line) || cfg->line < 16 || cfg->line > 256 || !cfg->ways ||
	    cfg->ways > 256 || cfg->size % (cfg->ways * cfg->line) ||
	    !is_pow2(cfg->size / (cfg->ways * cfg->line)) ||
	    cfg->size / (cfg->ways * cfg->line) > 32768)
		return errf(e, "cpu: %s geometry %u bytes, %u ways, %u-byte lines is not "
			    "implementable (lines a power of two of 16..256 bytes, a power "
			    "of two of sets up to 32768, up to 256 ways)",
			    name, cfg->size, cfg->ways, cfg->line);
	k->size = cfg->size;
	k->ways = cfg->ways;
	k->line = cfg->line;
	k->sets = cfg->size / (cfg->ways * cfg->line);
	k->line_shift = log2u(k->line);
	k->way_shift = 32 - log2u(k->ways);
	k->tag = calloc((size_t)k->sets * k->ways, sizeof *k->tag);
	k->rr = calloc(k->sets, 1);
	if (data)
		k->data = calloc(1, k->size);
	if (!k->tag || !k->rr || (data && !k->data)) {
		cache_free(k);
		return errf(e, "cpu: out of memory for the %s", name);
	}
	return 0;
}

void cache_free(struct cache *k)
{
	free(k->tag);
	free(k->rr);
	free(k->data);
	memset(k, 0, sizeof *k);
}

void cache_invalidate_all(struct cache *k)
{
	if (k->size)
		memset(k->tag, 0, (size_t)k->sets * k->ways * sizeof *k->tag);
}

uint32_t cache_victim(struct cache *k, uint32_t addr)
{
	uint32_t set = cache_set(k, addr), base = set * k->ways;
	for (uint32_t w = 0; w < k->ways; w++)
		if (!(k->tag[base + w] & CACHE_VALID))
			return base + w;
	uint32_t w = k->rr[set] % k->ways;
	k->rr[set] = (uint8_t)((w + 1) % k->ways);
	return base + w;
}

uint32_t cache_sw_index(const struct cache *k, uint32_t sw)
{
	uint32_t way = k->ways > 1 ? sw >> k->way_shift : 0;
	uint32_t set = (sw >> k->line_shift) & (k->sets - 1);
	if (way >= k->ways)
		way = k->ways - 1;
	return set * k->ways + way;
}

/* ---- identification registers ------------------------------------- */

/* A core built without the memory system (exception-model unit tests)
 * has no caches. */
static const struct cache no_cache;

static const struct cache *icache(const struct cpu *c)
{
	return c->mem ? &c->mem->ic : &no_cache;
}

static const struct cache *dcache(const struct cpu *c)
{
	return c->mem ? &c->mem->dc : &no_cache;
}

uint32_t cpu_cache_clidr(const struct cpu *c)
{
	uint32_t ctype = (icache(c)->size ? 1u : 0) | (dcache(c)->size ? 2u : 0);
	if (!ctype)
		return 0;
	return (1u << 27) | (1u << 24) | ctype;
}

/* log2 of a line size in words; the architectural minimum (4 words)
 * for an absent cache so that software stepping by it terminates. */
static uint32_t line_words_log2(const struct cache *k)
{
	return k->size ? log2u(k->line / 4) : 2;
}

uint32_t cpu_cache_ctr(const struct cpu *c)
{
	if (!icache(c)->size && !dcache(c)->size)
		return 0; /* no caches: as a Cortex-M3 or M4 */
	uint32_t d = line_words_log2(dcache(c)), i = line_words_log2(icache(c));
	return (4u << 29) | (d << 24) | (d << 16) | (3u << 14) | i;
}

uint32_t cpu_cache_ccsidr(const struct cpu *c, uint32_t csselr)
{
	/* CSSELR.Level [3:1] selects level 1 only; InD [0] I or D. */
	if (csselr & 0xeu)
		return 0;
	const struct cache *k = (csselr & 1u) ? icache(c) : dcache(c);
	if (!k->size)
		return 0;
	/* The D-cache supports write-back, write-through, read- and
	 * write-allocate; the I-cache reports read-allocate only. */
	uint32_t pol = (csselr & 1u) ? (1u << 29) : 0xf0000000u;
	return pol | ((k->sets - 1) << 13) | ((k->ways - 1) << 3) | (log2u(k->line / 4) - 2);
}
