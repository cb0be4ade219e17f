/*
 * Each class of the coherency checker (docs/coherency.md) fires, and the
 * data really is wrong, as on silicon: the PL080 reads and writes memory,
 * never the D-cache (write-back, allocating on reads only: configs/
 * default.dts, pmsim,d-cache-allocate = "read"). One case per run, chosen
 * by the first argument; every buffer is BYTES = 4 lines of 32 bytes, so
 * the report must count exactly 4 lines of the kind, in events covering
 * exactly the buffer (the image prints that as a "coh-expect" line and
 * tests/scripts/coh_report.sh compares it with the --report JSON):
 *  - read-dirty: the source holds OLD in memory and NEW in dirty lines (no
 *    clean before the transfer); DMA copies it to a properly invalidated
 *    destination, which ends up holding OLD. dma-read-dirty on the source,
 *    channel 3, while the core was in dma_run.
 *  - stale-read: the destination's lines are in the cache (clean, OLD);
 *    DMA writes NEW under them and nobody invalidates: read_dst reads OLD.
 *    stale-read on the destination, in read_dst, DMA's write in dma_run.
 *    Invalidating afterwards (the missing maintenance) shows NEW.
 *  - clobber: the CPU wrote CPU into the destination (dirty lines) and did
 *    not invalidate before DMA wrote NEW; clean_dst then writes the lines
 *    back: memory ends with CPU's data over DMA's. clobber on the
 *    destination, in clean_dst, DMA's write in dma_run.
 *  - lost-dirty: a buffer in DRAM, the only cacheable memory (the MPU
 *    makes the SRAM, stack and globals included, non-cacheable), holds OLD
 *    in memory and NEW in dirty lines when the core enters the power-off
 *    idle state without cleaning (pmtest.c's pt_sleep): after the warm
 *    boot memory says OLD. lost-dirty on the buffer.
 * A second argument "wrong" shifts the printed expectation by one line, so
 * the report check must fail. With --coherency=fatal each case stops at
 * the first event (status 127) before printing "all checks passed".
 * Exits 0 after "coherency case CASE: all checks passed".
 */
#include <string.h>

#include "dmatest.h"

#define WORDS 32
#define BYTES (WORDS * 4)
#define CH 3
#define OLD 0x01d00000u
#define NEW 0x2e300000u
#define CPU 0xc9c00000u

static volatile uint32_t src[WORDS] __attribute__((aligned(32)));
static volatile uint32_t dst[WORDS] __attribute__((aligned(32)));
#define DRAM_BUF ((volatile uint32_t *)(DRAM_BASE + 0x2000))

static uint32_t shift;

static void expect(const char *kind, const volatile void *p, int ch, const char *fn,
		   const char *dma_fn)
{
	dt_expect(kind, (const volatile uint8_t *)p + shift, BYTES, ch, fn, dma_fn);
}

static void copy_src_to_dst(void)
{
	dma_run(CH, (uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)dst, 0,
		dt_m2m_ctrl(WORDS, DMA_W32, false), 0);
}

/* The CPU's reader: its loads of the stale lines are the events. */
__attribute__((noinline)) static void read_dst(uint32_t *out)
{
	for (unsigned i = 0; i < WORDS; i++)
		out[i] = dst[i];
}

/* Clean by address, in a function of its own: its DCCMVAC writes the
 * dirty lines back over DMA's data. */
__attribute__((noinline)) static void clean_dst(void)
{
	pt_barrier();
	for (unsigned i = 0; i < BYTES; i += 32)
		SCB_DCCMVAC = (uint32_t)(uintptr_t)dst + i;
	pt_barrier();
}

static int diff_words(const uint32_t *p, uint32_t seed)
{
	for (unsigned i = 0; i < WORDS; i++)
		if (p[i] != dt_pattern(seed, i))
			return (int)i;
	return -1;
}

static void case_read_dirty(void)
{
	dt_fill(src, WORDS, OLD); /* write misses go to memory */
	dt_clean(src, BYTES);
	dt_fill_dirty(src, WORDS, NEW);
	dt_invalidate(dst, BYTES);
	copy_src_to_dst();
	dt_invalidate(dst, BYTES);
	int old = dt_diff(dst, WORDS, OLD), new = dt_diff(dst, WORDS, NEW);
	printf("read-dirty: the destination holds %s (first word 0x%08lx; OLD 0x%08lx, NEW "
	       "0x%08lx)\n", old < 0 ? "OLD" : new < 0 ? "NEW" : "neither",
	       (unsigned long)dst[0], (unsigned long)dt_pattern(OLD, 0),
	       (unsigned long)dt_pattern(NEW, 0));
	CHECK(old < 0);
	expect("dma-read-dirty", src, CH, "dma_run", NULL);
}

static void case_stale_read(void)
{
	uint32_t got[WORDS];
	dt_fill(src, WORDS, NEW);
	dt_clean(src, BYTES);
	dt_fill(dst, WORDS, OLD);
	dt_clean(dst, BYTES);
	CHECK(dt_diff(dst, WORDS, OLD) < 0); /* the lines are now cached, clean */
	copy_src_to_dst();
	read_dst(got);
	int old = diff_words(got, OLD);
	printf("stale-read: the CPU reads %s after DMA wrote NEW (first word 0x%08lx)\n",
	       old < 0 ? "OLD" : "not OLD", (unsigned long)got[0]);
	CHECK(old < 0);
	dt_invalidate(dst, BYTES);
	read_dst(got);
	printf("stale-read: after the invalidate it reads 0x%08lx\n", (unsigned long)got[0]);
	CHECK(diff_words(got, NEW) < 0);
	expect("stale-read", dst, -1, "read_dst", "dma_run");
}

static void case_clobber(void)
{
	uint32_t got[WORDS];
	dt_fill(src, WORDS, NEW);
	dt_clean(src, BYTES);
	dt_fill(dst, WORDS, OLD);
	dt_fill_dirty(dst, WORDS, CPU);
	copy_src_to_dst();
	clean_dst();
	dt_invalidate(dst, BYTES);
	read_dst(got);
	int cpu = diff_words(got, CPU);
	printf("clobber: memory holds %s after the write-back (first word 0x%08lx; DMA wrote "
	       "0x%08lx)\n", cpu < 0 ? "the CPU's data" : "not the CPU's data",
	       (unsigned long)got[0], (unsigned long)dt_pattern(NEW, 0));
	CHECK(cpu < 0);
	expect("clobber", dst, -1, "clean_dst", "dma_run");
}

static void case_lost_dirty(void)
{
	/* 0: the SRAM non-cacheable; 1: the DRAM buffer write-back. */
	dt_mpu_region(0, 0x20000000u, 22, false);
	dt_mpu_region(1, (uint32_t)(uintptr_t)DRAM_BUF, 7, true);
	dt_mpu_on();
	dt_fill(DRAM_BUF, WORDS, OLD);
	dt_fill_dirty(DRAM_BUF, WORDS, NEW);
	CHECK(dt_diff(DRAM_BUF, WORDS, NEW) < 0);

	pt_set_irq_handler(IRQ_TIMER0, pt_probe_isr);
	pt_isr_count = 0;
	pt_probe_arm(3000 * PM_TICKS_PER_US - 1);
	NVIC_ISER(0) = 1u << IRQ_TIMER0;
	bool warm = false;
	while (!pt_isr_count)
		warm |= pt_sleep(IDLE_POWER_OFF, true, 1u << IRQ_TIMER0, NULL);
	/* The warm boot left the caches and the MPU off: this is memory. */
	int old = dt_diff(DRAM_BUF, WORDS, OLD);
	printf("lost-dirty: after the power-off the buffer holds %s (first word 0x%08lx)\n",
	       old < 0 ? "OLD" : "not OLD", (unsigned long)DRAM_BUF[0]);
	CHECK(warm && !(SCB_CCR & CCR_DC));
	CHECK(old < 0);
	expect("lost-dirty", DRAM_BUF, -1, NULL, NULL);
}

/* Is `word` one of the arguments? */
static bool has_arg(int argc, char **argv, const char *word)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], word))
			return true;
	return false;
}

int main(int argc, char **argv)
{
	static const char *const cases[] = { "read-dirty", "stale-read", "clobber", "lost-dirty" };
	const char *c = "";
	for (unsigned i = 0; i < 4; i++)
		if (has_arg(argc, argv, cases[i]))
			c = cases[i];
	shift = has_arg(argc, argv, "wrong") ? 32 : 0;
	dt_init();
	dt_caches_on();
	if (!strcmp(c, "read-dirty"))
		case_read_dirty();
	else if (!strcmp(c, "stale-read"))
		case_stale_read();
	else if (!strcmp(c, "clobber"))
		case_clobber();
	else if (!strcmp(c, "lost-dirty"))
		case_lost_dirty();
	else
		CHECK(!"a known case");
	CHECK(DMAC_RAW_ERR_STATUS == 0);
	printf("coherency case %s: all checks passed\n", c);
	return 0;
}
