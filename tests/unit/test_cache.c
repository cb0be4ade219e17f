/*
 * The core's memory system (cpu/cache.c, cpu/mem.c): cache geometry and
 * ID registers, hits and misses, round-robin replacement, write-back on
 * eviction, read- versus write-allocate, every maintenance operation by
 * address and by set/way, non-cacheable and write-through regions, a dirty
 * line invalidated losing its data, memory timing at two frequencies,
 * fetch timing, the fast page tables and the debugger's view.
 *
 * Accesses go through cpu_mem_access (the executor's slow path) and the
 * SCS registers through the bus, as the guest's loads and stores would.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cache.h"
#include "cpu/mem.h"
#include "check_run.h"

#define SRAM 0x20000000u
#define WTRAM 0x10000000u   /* Code region: write-through by default */
#define DEV 0x40000000u
#define SCB_CCR 0xe000ed14u
#define STRIDE (128u * 32u) /* D-cache: same set every 4 KiB */

static struct bus bus;
static struct sched sch;
static struct cpu *cpu;
static unsigned dev_reads;

static int dev_read(void *opaque, uint32_t off, unsigned size, uint32_t *v)
{
	dev_reads++;
	*v = 0xd0d0d0d0u;
	return BUS_OK;
}

static int dev_write(void *opaque, uint32_t off, unsigned size, uint32_t v)
{
	return BUS_OK;
}

static const struct bus_ops dev_ops = { "dev", BUS_SIZES_ALL, dev_read, dev_write };

static void make(bool write_allocate, bool caches)
{
	struct err e;
	ck_assert_int_eq(bus_init(&bus), 0);
	sched_init(&sch);
	int fl = bus_add_ram(&bus, "flash", 0, 0x10000, true);
	ck_assert_int_ge(fl, 0);
	bus_set_timing(&bus, fl, 33000, 33000, 16);
	ck_assert_int_ge(bus_add_ram(&bus, "wt", WTRAM, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&bus, "sram", SRAM, 0x10000, false), 0);
	int d = bus_add_mmio(&bus, "dev", DEV, 0x1000, &dev_ops, NULL);
	bus_set_timing(&bus, d, 20000, 0, 0);
	uint32_t vec[2] = { SRAM + 0x8000, 0x101 };
	bus_load(&bus, 0, vec, sizeof vec);
	struct cpu_config cfg = { .freq_hz = 25000000, .num_irq = 32, .prio_bits = 3,
				  .cpuid = 0x411fc270, .dsp = true, .mpu_regions = 8 };
	if (caches) {
		cfg.icache = (struct cpu_cache_config){ 16384, 2, 32, false };
		cfg.dcache = (struct cpu_cache_config){ 16384, 4, 32, write_allocate };
	}
	cpu = cpu_create(&sch, &bus, &cfg, NULL, &e);
	ck_assert_ptr_nonnull(cpu);
	cpu_core_reset(cpu);
	dev_reads = 0;
}

static void setup(void) { make(false, true); }
static void setup_wa(void) { make(true, true); }
static void setup_none(void) { make(false, false); }

static void teardown(void)
{
	cpu_destroy(cpu);
	bus_free(&bus);
	sched_free(&sch);
}

static uint32_t scs_rd(uint32_t a)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_read(&bus, a, 4, &v), BUS_OK);
	return v;
}

static void scs_wr(uint32_t a, uint32_t v)
{
	ck_assert_int_eq(bus_write(&bus, a, 4, v), BUS_OK);
}

/* One access as its own instruction (so no burst pricing). */
static uint32_t ld(uint32_t a)
{
	uint32_t v = 0;
	cpu->insns++;
	ck_assert(cpu_mem_access(cpu, a, 4, &v, false, false));
	return v;
}

static void st(uint32_t a, uint32_t v)
{
	cpu->insns++;
	ck_assert(cpu_mem_access(cpu, a, 4, &v, true, false));
}

static uint32_t mem(uint32_t a)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_peek(&bus, a, &v, 4), BUS_OK);
	return v;
}

static void set_mem(uint32_t a, uint32_t v)
{
	ck_assert_int_eq(bus_load(&bus, a, &v, 4), BUS_OK);
}

static struct cpu_mem_stats stats(void)
{
	struct cpu_mem_stats s;
	cpu_mem_stats(cpu, &s);
	return s;
}

static void dc_on(void)
{
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) | CCR_DC);
}

START_TEST(id_registers)
{
	ck_assert_uint_eq(scs_rd(0xe000ed78), 0x09000003u); /* CLIDR */
	ck_assert_uint_eq(scs_rd(0xe000ed7c), 0x8303c003u); /* CTR */
	scs_wr(0xe000ed84, 0);                              /* CSSELR: L1 data */
	ck_assert_uint_eq(scs_rd(0xe000ed80), 0xf00fe019u);
	scs_wr(0xe000ed84, 1);                              /* L1 instruction */
	ck_assert_uint_eq(scs_rd(0xe000ed80), 0x201fe009u);
	scs_wr(0xe000ed84, 2);                              /* level 2: none */
	ck_assert_uint_eq(scs_rd(0xe000ed80), 0);
	/* CCR.DC/IC reset to 0 and are writable. */
	ck_assert_uint_eq(scs_rd(SCB_CCR) & (CCR_DC | CCR_IC), 0);
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) | CCR_DC | CCR_IC);
	ck_assert_uint_eq(scs_rd(SCB_CCR) & (CCR_DC | CCR_IC), CCR_DC | CCR_IC);
}
END_TEST

START_TEST(no_caches)
{
	ck_assert_uint_eq(scs_rd(0xe000ed78), 0);
	ck_assert_uint_eq(scs_rd(0xe000ed80), 0);
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) | CCR_DC | CCR_IC);
	ck_assert_uint_eq(scs_rd(SCB_CCR) & (CCR_DC | CCR_IC), 0);
	set_mem(SRAM, 5);
	st(SRAM, 6);
	ck_assert_uint_eq(mem(SRAM), 6);
	ck_assert_uint_eq(stats().dcache_misses, 0);
}
END_TEST

START_TEST(geometry_rejected)
{
	struct cache k;
	struct err e;
	struct cpu_cache_config bad = { 16384, 3, 32, false };
	ck_assert_int_lt(cache_init(&k, &bad, true, "D-cache", &e), 0);
	struct cpu_cache_config good = { 8192, 2, 64, false };
	ck_assert_int_eq(cache_init(&k, &good, true, "D-cache", &e), 0);
	ck_assert_uint_eq(k.sets, 64);
	ck_assert_uint_eq(cache_set(&k, 0x1040), 1);
	ck_assert_uint_eq(cache_sw_index(&k, (1u << 31) | (5u << 6)), 5 * 2 + 1);
	cache_free(&k);
}
END_TEST

START_TEST(hit_miss_and_dirty_data)
{
	set_mem(SRAM + 0x100, 0x11111111);
	dc_on();
	ck_assert_uint_eq(ld(SRAM + 0x100), 0x11111111);   /* miss, allocate */
	ck_assert_uint_eq(ld(SRAM + 0x100), 0x11111111);   /* hit */
	st(SRAM + 0x100, 0x22222222);                      /* hit: line only */
	ck_assert_uint_eq(mem(SRAM + 0x100), 0x11111111);
	ck_assert_uint_eq(ld(SRAM + 0x100), 0x22222222);
	struct cpu_mem_stats s = stats();
	ck_assert_uint_eq(s.dcache_misses, 1);
	ck_assert_uint_eq(s.dcache_hits, 3);
	/* The debugger sees the cached data without changing the cache. */
	uint32_t v = 0;
	ck_assert_int_eq(cpu_debug_read(cpu, SRAM + 0x100, &v, 4), 0);
	ck_assert_uint_eq(v, 0x22222222);
	ck_assert_uint_eq(stats().dcache_hits, 3);
	/* A debugger write lands in memory and in the line, which stays dirty. */
	v = 0x33333333;
	ck_assert_int_eq(cpu_debug_write(cpu, SRAM + 0x104, &v, 4), 0);
	ck_assert_uint_eq(mem(SRAM + 0x104), 0x33333333);
	ck_assert_uint_eq(ld(SRAM + 0x104), 0x33333333);
	/* Disabling the cache shows memory, not the dirty line. */
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) & ~CCR_DC);
	ck_assert_uint_eq(ld(SRAM + 0x100), 0x11111111);
}
END_TEST

START_TEST(invalidate_dirty_loses_data)
{
	set_mem(SRAM + 0x200, 0xaaaa0000);
	dc_on();
	ld(SRAM + 0x200);
	st(SRAM + 0x200, 0xbbbb0000);
	scs_wr(0xe000ef5c, SRAM + 0x204);                  /* DCIMVAC, any byte */
	ck_assert_uint_eq(ld(SRAM + 0x200), 0xaaaa0000);
	ck_assert_uint_eq(mem(SRAM + 0x200), 0xaaaa0000);
	ck_assert_uint_eq(stats().dcache_writebacks, 0);
}
END_TEST

START_TEST(clean_by_address)
{
	static const uint32_t ops[] = { 0xe000ef68, 0xe000ef64, 0xe000ef70 };
	dc_on();
	for (unsigned i = 0; i < 3; i++) {
		uint32_t a = SRAM + 0x400 + 0x40 * i;
		ld(a);
		st(a, 0x5000 + i);
		ck_assert_uint_eq(mem(a), 0);
		uint64_t misses = stats().dcache_misses;
		scs_wr(ops[i], a);
		ck_assert_uint_eq(mem(a), 0x5000 + i);
		ck_assert_uint_eq(stats().dcache_writebacks, i + 1);
		/* DCCMVAC/DCCMVAU keep the line, DCCIMVAC drops it. */
		ld(a);
		ck_assert_uint_eq(stats().dcache_misses, misses + (i == 2));
		/* Clean again: nothing dirty, nothing written. */
		scs_wr(ops[i], a);
		ck_assert_uint_eq(stats().dcache_writebacks, i + 1);
	}
}
END_TEST

START_TEST(set_way_ops)
{
	uint32_t a = SRAM + 0x3a0, set = (a >> 5) & 127;
	uint32_t sw = (0u << 30) | (set << 5); /* the first fill uses way 0 */
	dc_on();
	ld(a);
	st(a, 0x77);
	scs_wr(0xe000ef6c, sw);                              /* DCCSW */
	ck_assert_uint_eq(mem(a), 0x77);
	st(a, 0x88);
	scs_wr(0xe000ef60, sw);                              /* DCISW: data lost */
	ck_assert_uint_eq(ld(a), 0x77);
	st(a, 0x99);
	uint64_t misses = stats().dcache_misses;
	scs_wr(0xe000ef74, sw);                              /* DCCISW */
	ck_assert_uint_eq(mem(a), 0x99);
	ld(a);
	ck_assert_uint_eq(stats().dcache_misses, misses + 1);
	/* The CMSIS walk: every set and way, as SCB_CleanInvalidateDCache. */
	st(a, 0xabc);
	st(a + STRIDE, 0xdef);                               /* read-allocate: to memory */
	ld(a + 2 * STRIDE);
	for (uint32_t s = 0; s < 128; s++)
		for (uint32_t w = 0; w < 4; w++)
			scs_wr(0xe000ef74, (w << 30) | (s << 5));
	ck_assert_uint_eq(mem(a), 0xabc);
	misses = stats().dcache_misses;
	ld(a);
	ld(a + 2 * STRIDE);
	ck_assert_uint_eq(stats().dcache_misses, misses + 2);
}
END_TEST

START_TEST(round_robin_replacement)
{
	dc_on();
	for (uint32_t i = 0; i < 4; i++)
		ld(SRAM + i * STRIDE);                        /* ways 0..3 */
	ck_assert_uint_eq(stats().dcache_misses, 4);
	ld(SRAM + 4 * STRIDE);                                /* evicts way 0 */
	uint64_t m0 = stats().dcache_misses;
	ld(SRAM + 1 * STRIDE);                                /* still there */
	ck_assert_uint_eq(stats().dcache_misses, m0);
	ld(SRAM);                                             /* gone; evicts way 1 */
	ck_assert_uint_eq(stats().dcache_misses, m0 + 1);
	ld(SRAM + 2 * STRIDE);                                /* hit */
	ck_assert_uint_eq(stats().dcache_misses, m0 + 1);
	ld(SRAM + 1 * STRIDE);                                /* was way 1: miss */
	ck_assert_uint_eq(stats().dcache_misses, m0 + 2);
}
END_TEST

START_TEST(writeback_on_eviction)
{
	dc_on();
	ld(SRAM + 0x10);
	st(SRAM + 0x10, 0xfeed);
	for (uint32_t i = 1; i < 4; i++)
		ld(SRAM + 0x10 + i * STRIDE);
	ck_assert_uint_eq(mem(SRAM + 0x10), 0);
	ld(SRAM + 0x10 + 4 * STRIDE);                         /* evicts the dirty line */
	ck_assert_uint_eq(mem(SRAM + 0x10), 0xfeed);
	ck_assert_uint_eq(stats().dcache_writebacks, 1);
}
END_TEST

START_TEST(read_allocate)
{
	dc_on();
	st(SRAM + 0x20, 1);                                   /* miss: memory, no line */
	ck_assert_uint_eq(mem(SRAM + 0x20), 1);
	ld(SRAM + 0x20);
	ck_assert_uint_eq(stats().dcache_misses, 2);
}
END_TEST

START_TEST(write_allocate)
{
	dc_on();
	st(SRAM + 0x20, 1);                                   /* miss: allocate, dirty */
	ck_assert_uint_eq(mem(SRAM + 0x20), 0);
	ck_assert_uint_eq(ld(SRAM + 0x20), 1);
	struct cpu_mem_stats s = stats();
	ck_assert_uint_eq(s.dcache_misses, 1);
	ck_assert_uint_eq(s.dcache_hits, 1);
}
END_TEST

START_TEST(non_cacheable_bypass)
{
	dc_on();
	ck_assert_uint_eq(ld(DEV), 0xd0d0d0d0u);
	ck_assert_uint_eq(ld(DEV), 0xd0d0d0d0u);
	ck_assert_uint_eq(dev_reads, 2);
	struct cpu_mem_stats s = stats();
	ck_assert_uint_eq(s.dcache_hits + s.dcache_misses, 0);
}
END_TEST

START_TEST(write_through)
{
	dc_on();
	ld(WTRAM + 0x40);
	st(WTRAM + 0x40, 0x1234);                             /* hit: line and memory */
	ck_assert_uint_eq(mem(WTRAM + 0x40), 0x1234);
	ck_assert_uint_eq(ld(WTRAM + 0x40), 0x1234);
	st(WTRAM + 0x80, 0x5678);                             /* miss: no allocate */
	ck_assert_uint_eq(mem(WTRAM + 0x80), 0x5678);
	scs_wr(0xe000ef5c, WTRAM + 0x40);                     /* nothing dirty to lose */
	ck_assert_uint_eq(ld(WTRAM + 0x40), 0x1234);
	ck_assert_uint_eq(stats().dcache_writebacks, 0);
}
END_TEST

START_TEST(miss_timing_two_frequencies)
{
	dc_on();
	/* 25 MHz: 33 ns fits one 40 ns cycle (0 wait states); a fill is
	 * 0 + 7 further beats of 1 cycle. */
	uint64_t s0 = cpu->stall_cycles, c0 = cpu->cycles;
	ld(0x100);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 7);
	ck_assert_uint_eq(cpu->cycles - c0, 7);
	s0 = cpu->stall_cycles;
	ld(0x104);                                            /* hit: free */
	ck_assert_uint_eq(cpu->stall_cycles - s0, 0);
	/* 100 MHz: 3 wait states, 4 cycles per further beat: 3 + 7 * 4. */
	cpu_set_freq(cpu, 100000000);
	s0 = cpu->stall_cycles;
	ld(0x200);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 31);
	/* Uncached: a single access pays the wait states. */
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) & ~CCR_DC);
	s0 = cpu->stall_cycles;
	ld(0x300);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 3);
	cpu_set_freq(cpu, 25000000);
	s0 = cpu->stall_cycles;
	ld(0x300);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 0);
	/* Zero-wait SRAM costs nothing, cached or not. */
	s0 = cpu->stall_cycles;
	ld(SRAM);
	dc_on();
	ld(SRAM + 0x1000);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 0);
}
END_TEST

START_TEST(burst_and_writeback_timing)
{
	cpu_set_freq(cpu, 100000000);
	/* LDM-style: further words of one instruction pay beat(next) - 1. */
	uint64_t s0 = cpu->stall_cycles;
	uint32_t v;
	cpu->insns++;
	ck_assert(cpu_mem_access(cpu, 0x400, 4, &v, false, false));
	ck_assert(cpu_mem_access(cpu, 0x404, 4, &v, false, false));
	ck_assert_uint_eq(cpu->stall_cycles - s0, 3 + 3);
	/* MMIO pays its region's wait states: 20 ns at 10 ns = 1. */
	s0 = cpu->stall_cycles;
	ld(DEV);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 1);
}
END_TEST

START_TEST(fetch_timing)
{
	struct cpu_mem *m = cpu->mem;
	cpu_set_freq(cpu, 100000000);
	/* I-cache off, flash with a 16-byte prefetch buffer. */
	uint64_t s0 = cpu->stall_cycles;
	cpu_mem_fetch(cpu, 0x100);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 3);
	ck_assert_uint_eq(m->fetch_base, 0x100);
	ck_assert_uint_eq(m->fetch_size, 16);
	cpu_mem_fetch(cpu, 0x10c);                            /* same line: free */
	ck_assert_uint_eq(cpu->stall_cycles - s0, 3);
	cpu->cycles += 2;
	cpu_mem_fetch(cpu, 0x110);                            /* sequential: 3 - 2 */
	ck_assert_uint_eq(cpu->stall_cycles - s0, 4);
	cpu_mem_fetch(cpu, 0x100);                            /* branch back */
	ck_assert_uint_eq(cpu->stall_cycles - s0, 7);
	/* I-cache on: a miss fills a 32-byte line, a hit is free. */
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) | CCR_IC);
	s0 = cpu->stall_cycles;
	cpu_mem_fetch(cpu, 0x200);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 31);
	cpu_mem_fetch(cpu, 0x240);
	cpu_mem_fetch(cpu, 0x204);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 62);
	struct cpu_mem_stats s = stats();
	ck_assert_uint_eq(s.icache_misses, 2);
	ck_assert_uint_eq(s.icache_hits, 1);
	/* ICIMVAU and ICIALLU drop lines. */
	scs_wr(0xe000ef58, 0x200);
	cpu_mem_fetch(cpu, 0x240);
	cpu_mem_fetch(cpu, 0x200);
	ck_assert_uint_eq(stats().icache_misses, 3);
	scs_wr(0xe000ef50, 0);
	cpu_mem_fetch(cpu, 0x240);
	ck_assert_uint_eq(stats().icache_misses, 4);
	/* Zero-wait SRAM: one line per page, no cost. */
	s0 = cpu->stall_cycles;
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) & ~CCR_IC);
	cpu_mem_fetch(cpu, SRAM + 0x10);
	ck_assert_uint_eq(m->fetch_size, BUS_PAGE_SIZE);
	ck_assert_uint_eq(cpu->stall_cycles - s0, 0);
}
END_TEST

START_TEST(fast_tables)
{
	struct cpu_mem *m = cpu->mem;
	uint32_t pg = SRAM >> BUS_PAGE_SHIFT;
	ld(SRAM);                                             /* picks up the regions */
	ck_assert_ptr_nonnull(m->rd[pg]);
	ck_assert_ptr_nonnull(m->wr[pg]);
	/* Flash of 33 ns: no wait states at 25 MHz, 3 at 100 MHz. */
	ck_assert_ptr_nonnull(m->rd[0]);
	ck_assert_ptr_null(m->wr[0]);                         /* ROM */
	cpu_set_freq(cpu, 100000000);
	ck_assert_ptr_null(m->rd[0]);
	cpu_set_freq(cpu, 25000000);
	ck_assert_ptr_nonnull(m->rd[0]);
	dc_on();
	ck_assert_ptr_null(m->rd[pg]);                        /* cacheable, cache on */
	scs_wr(SCB_CCR, scs_rd(SCB_CCR) & ~CCR_DC);
	ck_assert_ptr_nonnull(m->wr[pg]);
	/* A code page leaves the write table until a store re-opens it. */
	bus_mark_code(&bus, SRAM);
	cpu_mem_code_marked(cpu, SRAM);
	ck_assert_ptr_null(m->wr[pg]);
	st(SRAM, 1);
	ck_assert_ptr_nonnull(m->wr[pg]);
}
END_TEST

static unsigned code_writes;
static uint32_t code_page;

static void count_code_write(void *opaque, uint32_t page_base)
{
	code_writes++;
	code_page = page_base;
}

START_TEST(writeback_reaches_code_hook)
{
	/* A store into decoded code that sits in the D-cache reaches memory,
	 * and the decode cache hears of it, only when the line is cleaned. */
	bus.code_write = count_code_write;
	code_writes = 0;
	dc_on();
	ld(SRAM + 0x2040);
	bus_mark_code(&bus, SRAM + 0x2040);
	cpu_mem_code_marked(cpu, SRAM + 0x2040);
	st(SRAM + 0x2040, 0xbf00bf00);                        /* two NOPs, cached */
	ck_assert_uint_eq(code_writes, 0);
	scs_wr(0xe000ef68, SRAM + 0x2040);                    /* DCCMVAC */
	ck_assert_uint_eq(code_writes, 1);
	ck_assert_uint_eq(code_page, SRAM + 0x2000);
	ck_assert_uint_eq(mem(SRAM + 0x2040), 0xbf00bf00);
}
END_TEST

START_TEST(debug_view_spans_lines_and_pages)
{
	uint8_t want[96], got[96];
	for (unsigned i = 0; i < sizeof want; i++)
		want[i] = (uint8_t)i;
	uint32_t a = SRAM + 0x1000 - 40;                      /* crosses a page */
	ck_assert_int_eq(bus_load(&bus, a, want, sizeof want), BUS_OK);
	dc_on();
	ld(a + 40);                                           /* one line cached */
	st(a + 40, 0xa5a5a5a5);
	memcpy(want + 40, "\xa5\xa5\xa5\xa5", 4);
	struct cpu_mem_stats before = stats();
	ck_assert_int_eq(cpu_debug_read(cpu, a, got, sizeof got), 0);
	ck_assert_mem_eq(got, want, sizeof want);
	struct cpu_mem_stats after = stats();
	ck_assert_uint_eq(after.dcache_hits, before.dcache_hits);
	ck_assert_uint_eq(after.dcache_misses, before.dcache_misses);
	/* Unmapped, ROM and MMIO are refused, and nothing is written. */
	ck_assert_int_ne(cpu_debug_read(cpu, 0x30000000, got, 4), 0);
	ck_assert_int_ne(cpu_debug_write(cpu, 0x100, got, 4), 0);
	ck_assert_int_ne(cpu_debug_write(cpu, SRAM + 0x10000 - 2, got, 4), 0);
	ck_assert_uint_eq(mem(SRAM + 0x10000 - 4), 0);
}
END_TEST

START_TEST(reset_loses_dirty_lines)
{
	dc_on();
	ld(SRAM + 0x60);
	st(SRAM + 0x60, 0x4242);
	cpu_core_reset(cpu);
	ck_assert_uint_eq(scs_rd(SCB_CCR) & CCR_DC, 0);
	dc_on();
	ck_assert_uint_eq(ld(SRAM + 0x60), 0);
}
END_TEST

static Suite *cache_suite(void)
{
	Suite *s = suite_create("cache");
	TCase *t = tcase_create("read-allocate");
	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, id_registers);
	tcase_add_test(t, geometry_rejected);
	tcase_add_test(t, hit_miss_and_dirty_data);
	tcase_add_test(t, invalidate_dirty_loses_data);
	tcase_add_test(t, clean_by_address);
	tcase_add_test(t, set_way_ops);
	tcase_add_test(t, round_robin_replacement);
	tcase_add_test(t, writeback_on_eviction);
	tcase_add_test(t, read_allocate);
	tcase_add_test(t, non_cacheable_bypass);
	tcase_add_test(t, write_through);
	tcase_add_test(t, miss_timing_two_frequencies);
	tcase_add_test(t, burst_and_writeback_timing);
	tcase_add_test(t, fetch_timing);
	tcase_add_test(t, fast_tables);
	tcase_add_test(t, writeback_reaches_code_hook);
	tcase_add_test(t, debug_view_spans_lines_and_pages);
	tcase_add_test(t, reset_loses_dirty_lines);
	suite_add_tcase(s, t);
	TCase *w = tcase_create("write-allocate");
	tcase_add_checked_fixture(w, setup_wa, teardown);
	tcase_add_test(w, write_allocate);
	suite_add_tcase(s, w);
	TCase *n = tcase_create("no caches");
	tcase_add_checked_fixture(n, setup_none, teardown);
	tcase_add_test(n, no_caches);
	suite_add_tcase(s, n);
	return s;
}

int main(void)
{
	return check_run(cache_suite());
}
