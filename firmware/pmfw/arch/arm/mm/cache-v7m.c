/*
 * The ARMv7-M caches (Linux's arch/arm/mm/cache-v7m.S and proc-v7m.S's
 * cache enable), through the SCB's maintenance registers
 * (docs/memory-system.md):
 *
 *   ICIALLU  0xE000EF50   invalidate the whole I-cache
 *   DCIMVAC  0xE000EF5C   invalidate a D-cache line by address
 *   DCISW    0xE000EF60   invalidate by set/way
 *   DCCMVAC  0xE000EF68   clean a line by address
 *   DCCSW    0xE000EF6C   clean by set/way
 *   DCCIMVAC 0xE000EF70   clean and invalidate by address
 *   DCCISW   0xE000EF74   clean and invalidate by set/way
 *
 * The geometry comes from the identification registers: CLIDR says
 * whether there are caches at all (0 on a Cortex-M3/M4), CTR the smallest
 * line of each (DminLine, IminLine: log2 of words), CCSIDR (after CSSELR
 * selects the L1 D-cache) the sets and ways the set/way operations walk.
 * Without a D-cache every operation returns at once.
 *
 * The by-address invalidate follows Linux's v7 code: a range that starts
 * or ends inside a line shares that line with other data, which a plain
 * invalidate would throw away with the line; such edge lines are cleaned
 * and invalidated instead, so the neighbours' dirty data reaches memory
 * first. (The buffer's own bytes in those lines must then not be written
 * by the CPU while the device owns the buffer: the DMA API's rule.)
 */
#include <asm/cacheflush.h>
#include <linux/dma-direction.h>
#include <linux/kernel.h>

#define SCB_CCR (*(volatile u32 *)0xe000ed14u)
#define SCB_CLIDR (*(volatile u32 *)0xe000ed78u)
#define SCB_CTR (*(volatile u32 *)0xe000ed7cu)
#define SCB_CCSIDR (*(volatile u32 *)0xe000ed80u)
#define SCB_CSSELR (*(volatile u32 *)0xe000ed84u)
#define SCB_ICIALLU (*(volatile u32 *)0xe000ef50u)
#define SCB_DCIMVAC (*(volatile u32 *)0xe000ef5cu)
#define SCB_DCISW (*(volatile u32 *)0xe000ef60u)
#define SCB_DCCMVAC (*(volatile u32 *)0xe000ef68u)
#define SCB_DCCSW (*(volatile u32 *)0xe000ef6cu)
#define SCB_DCCIMVAC (*(volatile u32 *)0xe000ef70u)
#define SCB_DCCISW (*(volatile u32 *)0xe000ef74u)

#define CCR_DC (1u << 16)
#define CCR_IC (1u << 17)

struct v7m_cache_info v7m_cache;

/* Sets x ways x line of the L1 cache CSSELR selects (InD = 1: the
 * I-cache). */
static u32 ccsidr_read(u32 csselr, u32 *sets, u32 *ways)
{
	SCB_CSSELR = csselr;
	__asm__ volatile("dsb" ::: "memory");
	u32 ccsidr = SCB_CCSIDR;
	*sets = ((ccsidr >> 13) & 0x7fff) + 1;
	*ways = ((ccsidr >> 3) & 0x3ff) + 1;
	return *sets * *ways * (16u << (ccsidr & 7));
}

static inline void dsb(void)
{
	__asm__ volatile("dsb" ::: "memory");
}
static inline void isb(void)
{
	__asm__ volatile("isb" ::: "memory");
}

void v7m_cache_init(void)
{
	u32 clidr = SCB_CLIDR, ctr = SCB_CTR;
	u32 ctype = clidr & 7; /* Ctype1: 1 I only, 2 D only, 3 both */
	v7m_cache = (struct v7m_cache_info){ 0 };
	if (!ctype || !ctr)
		return;
	v7m_cache.icache = ctype & 1;
	v7m_cache.dcache = (ctype & 2) != 0;
	v7m_cache.dline = 4u << ((ctr >> 16) & 0xf);
	v7m_cache.iline = 4u << (ctr & 0xf);
	if (v7m_cache.dcache)
		v7m_cache.dsize = ccsidr_read(0, &v7m_cache.dsets, &v7m_cache.dways);
	if (v7m_cache.icache) {
		u32 sets, ways;
		v7m_cache.isize = ccsidr_read(1, &sets, &ways);
	}
	SCB_CSSELR = 0;
}

/* Apply a set/way operation to every line of the L1 D-cache. The way
 * goes in the top ceil(log2(ways)) bits, the set above the line offset
 * (ARMv7-M B2.2.7). */
static void dcache_setway(volatile u32 *reg)
{
	if (!v7m_cache.dcache)
		return;
	u32 ways = v7m_cache.dways, wshift = 32;
	for (u32 w = ways - 1; w; w >>= 1)
		wshift--;
	u32 lshift = (u32)__builtin_ctz(v7m_cache.dline);
	dsb();
	for (u32 set = 0; set < v7m_cache.dsets; set++)
		for (u32 way = 0; way < ways; way++)
			*reg = (wshift < 32 ? way << wshift : 0) | set << lshift;
	dsb();
}

void v7m_invalidate_l1(void)
{
	dcache_setway(&SCB_DCISW);
}

void v7m_clean_dcache_all(void)
{
	dcache_setway(&SCB_DCCSW);
}

void __flush_icache_all(void)
{
	if (!v7m_cache.icache)
		return;
	dsb();
	SCB_ICIALLU = 0;
	dsb();
	isb();
}

void flush_cache_all(void)
{
	dcache_setway(&SCB_DCCISW);
	__flush_icache_all();
}

void flush_cache_louis(void)
{
	flush_cache_all();
}

/* Invalidate before enabling: the cache's contents are undefined until
 * then on silicon (pmsim resets them invalid, which is one of the
 * possibilities), and no dirty line of ours can be in a cache that was
 * off. */
void v7m_cache_enable(void)
{
	if (v7m_cache.dcache && !(SCB_CCR & CCR_DC)) {
		v7m_invalidate_l1();
		SCB_CCR |= CCR_DC;
		dsb();
		isb();
	}
	if (v7m_cache.icache && !(SCB_CCR & CCR_IC)) {
		__flush_icache_all();
		SCB_CCR |= CCR_IC;
		dsb();
		isb();
	}
}

/* Linux's v7_exit_coherency_flush on one core: C off first, so that
 * nothing new is allocated, then clean and invalidate by set/way, all in
 * registers: the geometry is loaded before the cache goes off (once it
 * is off a load would read memory, which a dirty line may still be
 * newer than), and nothing is stored until the cache is empty. The
 * function's own pushes happen before (they are written back with the
 * rest) and its pops after (they read memory, now up to date). */
void v7m_dcache_off_flush(void)
{
	if (!v7m_cache.dcache)
		return;
	u32 sets = v7m_cache.dsets, ways = v7m_cache.dways;
	u32 lshift = (u32)__builtin_ctz(v7m_cache.dline);
	u32 wshift = ways > 1 ? (u32)__builtin_clz(ways - 1) : 0;
	u32 set, way, v, t;
	__asm__ volatile(
		"dsb\n\t"
		"ldr %[t], [%[ccr]]\n\t"
		"bic %[t], %[t], #0x10000\n\t" /* CCR.DC */
		"str %[t], [%[ccr]]\n\t"
		"dsb\n\t"
		"isb\n\t"
		"subs %[set], %[sets], #1\n"
		"1:\n\t"
		"subs %[way], %[ways], #1\n"
		"2:\n\t"
		"lsl %[v], %[way], %[wshift]\n\t"
		"lsl %[t], %[set], %[lshift]\n\t"
		"orr %[v], %[v], %[t]\n\t"
		"str %[v], [%[dccisw]]\n\t"
		"subs %[way], %[way], #1\n\t"
		"bpl 2b\n\t"
		"subs %[set], %[set], #1\n\t"
		"bpl 1b\n\t"
		"dsb\n\t"
		"isb"
		: [set] "=&r"(set), [way] "=&r"(way), [v] "=&r"(v), [t] "=&r"(t)
		: [sets] "r"(sets), [ways] "r"(ways), [lshift] "r"(lshift), [wshift] "r"(wshift),
		  [ccr] "r"(&SCB_CCR), [dccisw] "r"(&SCB_DCCISW)
		: "cc", "memory");
}

void v7m_dcache_on(void)
{
	if (!v7m_cache.dcache || (SCB_CCR & CCR_DC))
		return;
	v7m_invalidate_l1();
	SCB_CCR |= CCR_DC;
	dsb();
	isb();
}

static void range_op(volatile u32 *reg, uintptr_t start, uintptr_t end)
{
	u32 line = v7m_cache.dline;
	dsb(); /* the CPU's stores to the buffer come first */
	for (uintptr_t a = start & ~(uintptr_t)(line - 1); a < end; a += line)
		*reg = (u32)a;
	dsb();
}

void dmac_clean_range(const void *start, const void *end)
{
	if (v7m_cache.dcache && end > start)
		range_op(&SCB_DCCMVAC, (uintptr_t)start, (uintptr_t)end);
}

void dmac_flush_range(const void *start, const void *end)
{
	if (v7m_cache.dcache && end > start)
		range_op(&SCB_DCCIMVAC, (uintptr_t)start, (uintptr_t)end);
}

void __cpuc_flush_dcache_area(void *addr, size_t size)
{
	dmac_flush_range(addr, (u8 *)addr + size);
}

/* v7m_dma_inv_range: partial lines at either edge are cleaned and
 * invalidated, whole lines in between invalidated. */
void dmac_inv_range(const void *start, const void *end)
{
	if (!v7m_cache.dcache || end <= start)
		return;
	uintptr_t s = (uintptr_t)start, e = (uintptr_t)end, mask = v7m_cache.dline - 1;
	dsb();
	if (s & mask) {
		s &= ~mask;
		SCB_DCCIMVAC = (u32)s;
		s += mask + 1;
	}
	if (e & mask) {
		e &= ~mask;
		SCB_DCCIMVAC = (u32)e;
	}
	for (; s < e; s += mask + 1)
		SCB_DCIMVAC = (u32)s;
	dsb();
}

/* Linux's v7m_dma_map_area / v7m_dma_unmap_area (arm's
 * __dma_page_cpu_to_dev / __dma_page_dev_to_cpu): to the device, write
 * the CPU's data back; from the device, drop lines that would hide (or,
 * when evicted, overwrite) what the device writes; after the transfer,
 * drop lines the CPU may have speculatively refilled. */
void dmac_map_area(const void *start, size_t size, int dir)
{
	if (dir == DMA_FROM_DEVICE)
		dmac_inv_range(start, (const u8 *)start + size);
	else
		dmac_clean_range(start, (const u8 *)start + size);
}

void dmac_unmap_area(const void *start, size_t size, int dir)
{
	if (dir != DMA_TO_DEVICE)
		dmac_inv_range(start, (const u8 *)start + size);
}
