/*
 * The DMA API against the simulated hardware: each direction's cache
 * maintenance is observed through memory, with the PL080 (found through
 * the device tree, held runtime-resumed through its driver) as the
 * device. The PL080 is driven here directly, one channel, polled, so that
 * these suites test the mapping layer alone (drivers/dma/ tests dmaengine).
 *
 * Buffers are in the default SoC's DRAM (kmalloc __GFP_HIGHMEM), which
 * the D-cache holds write-back; the D-cache allocates on reads only, so a
 * case makes a line dirty by reading it, then writing it.
 *
 * "dma-mapping": what correct use gives — TO_DEVICE: the device reads the
 * CPU's data (clean at map); FROM_DEVICE: the CPU reads the device's data
 * after unmap, never lines it had cached before (invalidate at map and
 * unmap); BIDIRECTIONAL; partial lines at a buffer's edges keep their
 * neighbours' dirty data; scatter-gather; syncs; whole-cache flush;
 * coherent memory needs no maintenance; dma_pool blocks. Run with
 * --coherency=fatal, the checker raises nothing (tests/pmfw.cmake).
 *
 * "cache-maintenance-skipped": the same transfers without the
 * maintenance must go wrong: the device reads the old data (the checker's
 * dma-read-dirty) and the CPU reads stale data (stale-read). Each case
 * prints the "coh-expect:" line tests/scripts/coh_report.sh checks the
 * report's coherency events against.
 *
 * On a SoC without a PL080 (the MCU) the device cases skip; the MCU has
 * no cache either, and coherent memory and dma_pool still work there.
 */
#include <asm/cacheflush.h>
#include <asm/io.h>
#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/dma-debug.h>
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "../printk.h"

/* The raw PL080 (docs/devices/pl080.md). */
#define DMAC_ENBLD_CHNS 0x01c
#define DMAC_CONFIGURATION 0x030
#define DMAC_CH(n, r) (0x100 + 0x20 * (n) + (r))
#define CH_SRC 0x0
#define CH_DST 0x4
#define CH_LLI 0x8
#define CH_CTRL 0xc
#define CH_CFG 0x10
#define CTRL_SI (1u << 26)
#define CTRL_DI (1u << 27)
#define CTRL_SB4 (1u << 12)
#define CTRL_DB4 (1u << 15)
#define TEST_CHANNEL 7 /* the lowest priority: dmaengine's users come first */

static void __iomem *pl080;
static struct device *pl080_dev; /* its driver's device, if one is bound */
static bool pl080_held;		 /* resumed for the running case */

/* The PL080 powered and clocked, or skip. With its driver bound, the case
 * holds it runtime-resumed (its clock on, its power domain on) until
 * release_pl080() at the case's end; without one, the clock is enabled
 * here, once. */
static void need_pl080(struct kunit *test)
{
	if (!pl080) {
		struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,pl080");
		struct resource r;
		if (!np || !of_device_is_available(np) || of_address_to_resource(np, 0, &r)) {
			kunit_skip(test, "no PL080 in the device tree");
			return;
		}
		struct platform_device *pdev = of_find_device_by_node(np);
		if (pdev && pdev->dev.driver) {
			pl080_dev = &pdev->dev;
		} else {
			struct clk *c = of_clk_get(np, 0);
			if (!IS_ERR(c))
				KUNIT_ASSERT_EQ(test, clk_prepare_enable(c), 0);
		}
		pl080 = ioremap(r.start, resource_size(&r));
	}
	if (pl080_dev && !pl080_held) {
		KUNIT_ASSERT_GE(test, pm_runtime_resume_and_get(pl080_dev), 0);
		pl080_held = true;
	}
	writel(readl(pl080 + DMAC_CONFIGURATION) | 1, pl080 + DMAC_CONFIGURATION);
}

static void release_pl080(void)
{
	if (pl080_held)
		pm_runtime_put(pl080_dev);
	pl080_held = false;
}

/* Copy len bytes (< 4096) by DMA, memory to memory, byte wide, and wait.
 * noinline: the coherency events of a transfer name this function. */
static noinline bool dma_copy(dma_addr_t src, dma_addr_t dst, size_t len)
{
	writel(src, pl080 + DMAC_CH(TEST_CHANNEL, CH_SRC));
	writel(dst, pl080 + DMAC_CH(TEST_CHANNEL, CH_DST));
	writel(0, pl080 + DMAC_CH(TEST_CHANNEL, CH_LLI));
	writel((u32)len | CTRL_SB4 | CTRL_DB4 | CTRL_SI | CTRL_DI,
	       pl080 + DMAC_CH(TEST_CHANNEL, CH_CTRL));
	__asm__ volatile("dsb" ::: "memory");
	writel(1, pl080 + DMAC_CH(TEST_CHANNEL, CH_CFG)); /* E, memory to memory */
	for (int i = 0; i < 1000000; i++)
		if (!(readl(pl080 + DMAC_ENBLD_CHNS) & BIT(TEST_CHANNEL)))
			return true;
	return false;
}

/* The device that maps: a platform device of the suites' own (the
 * PL080 itself is driven directly, below the DMA API). */
static struct platform_device *test_pdev;
#define DEV (&test_pdev->dev)

static int test_dev_init(struct kunit_suite *suite)
{
	test_pdev = platform_device_register_simple("dma-mapping-test", -1, NULL, 0);
	return IS_ERR(test_pdev) ? (int)PTR_ERR(test_pdev) : 0;
}

static void test_dev_exit(struct kunit_suite *suite)
{
	platform_device_unregister(test_pdev);
}

/* A cache-line aligned buffer of n bytes in DRAM, freed at the case's end
 * (the suite's exit). */
static void *bufs[8];
static unsigned int nbufs;

static u8 *test_buf(struct kunit *test, size_t n)
{
	KUNIT_ASSERT_LT(test, nbufs, ARRAY_SIZE(bufs));
	u8 *p = kmalloc(n + 64, GFP_KERNEL | __GFP_HIGHMEM);
	KUNIT_ASSERT_NOT_NULL(test, p);
	bufs[nbufs++] = p;
	return (u8 *)ALIGN((uintptr_t)p, 32);
}

/* A case's end: its buffers freed, the PL080 released. */
static void free_bufs(struct kunit *test)
{
	while (nbufs)
		kfree(bufs[--nbufs]);
	release_pl080();
}

/* Coherent memory for the other end of a transfer: what the device
 * reads or writes there is what the CPU sees, so only the buffer under
 * test can be wrong. */
static u8 *coherent_buf(struct kunit *test, size_t n, dma_addr_t *h)
{
	u8 *p = dma_alloc_coherent(DEV, n, h, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, p);
	return p;
}

/* Fill with a pattern through the cache, leaving the lines dirty: a read
 * first (the D-cache allocates on reads), then the writes. */
static void fill_dirty(u8 *p, size_t n, u8 seed)
{
	volatile u8 sink = 0;
	for (size_t i = 0; i < n; i++)
		sink += p[i];
	(void)sink;
	for (size_t i = 0; i < n; i++)
		p[i] = (u8)(seed + i * 7);
}

static bool has_pattern(const u8 *p, size_t n, u8 seed)
{
	for (size_t i = 0; i < n; i++)
		if (p[i] != (u8)(seed + i * 7))
			return false;
	return true;
}

static void dma_to_device(struct kunit *test)
{
	need_pl080(test);
	dma_addr_t dh;
	u8 *buf = test_buf(test, 256), *dst = coherent_buf(test, 256, &dh);
	fill_dirty(buf, 256, 1);
	dma_addr_t a = dma_map_single(DEV, buf, 256, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	KUNIT_ASSERT_TRUE(test, dma_copy(a, dh, 256));
	dma_unmap_single(DEV, a, 256, DMA_TO_DEVICE);
	KUNIT_EXPECT_TRUE(test, has_pattern(dst, 256, 1));
	/* The CPU's copy is untouched (no invalidate for TO_DEVICE). */
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 256, 1));
	dma_free_coherent(DEV, 256, dst, dh);
}

static void dma_from_device(struct kunit *test)
{
	need_pl080(test);
	dma_addr_t sh;
	u8 *buf = test_buf(test, 256), *src = coherent_buf(test, 256, &sh);
	fill_dirty(buf, 256, 2); /* old data, dirty in the cache */
	for (int i = 0; i < 256; i++)
		src[i] = (u8)(3 + i * 7);
	dma_addr_t a = dma_map_single(DEV, buf, 256, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	KUNIT_ASSERT_TRUE(test, dma_copy(sh, a, 256));
	dma_unmap_single(DEV, a, 256, DMA_FROM_DEVICE);
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 256, 3));
	dma_free_coherent(DEV, 256, src, sh);
}

/* The device reads the first half and writes the second. */
static void dma_bidirectional(struct kunit *test)
{
	need_pl080(test);
	u8 *buf = test_buf(test, 256);
	fill_dirty(buf, 256, 4);
	dma_addr_t a = dma_map_single(DEV, buf, 256, DMA_BIDIRECTIONAL);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	KUNIT_ASSERT_TRUE(test, dma_copy(a, a + 128, 128));
	dma_unmap_single(DEV, a, 256, DMA_BIDIRECTIONAL);
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 128, 4));
	KUNIT_EXPECT_TRUE(test, has_pattern(buf + 128, 128, 4));
}

/* A FROM_DEVICE buffer that starts and ends inside cache lines: the CPU's
 * dirty data around it in those lines must survive the map's invalidate
 * (Linux's v7 cleans and invalidates such edge lines). */
static void dma_partial_lines_keep_neighbours(struct kunit *test)
{
	need_pl080(test);
	dma_addr_t sh;
	u8 *area = test_buf(test, 128), *src = coherent_buf(test, 128, &sh);
	u8 *buf = area + 8;
	size_t n = 128 - 16; /* area[8..120): partial first and last line */
	fill_dirty(area, 128, 5);
	for (size_t i = 0; i < n; i++)
		src[i] = (u8)(6 + i * 7);
	dma_addr_t a = dma_map_single(DEV, buf, n, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	KUNIT_ASSERT_TRUE(test, dma_copy(sh, a, n));
	dma_unmap_single(DEV, a, n, DMA_FROM_DEVICE);
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, n, 6));
	KUNIT_EXPECT_TRUE(test, has_pattern(area, 8, 5));
	for (size_t i = 120; i < 128; i++)
		KUNIT_EXPECT_EQ(test, area[i], (u8)(5 + i * 7));
	dma_free_coherent(DEV, 128, src, sh);
}

/* Three segments to the device, then three from it. */
static void dma_scatter_gather(struct kunit *test)
{
	need_pl080(test);
	static const unsigned int off[3] = { 0, 96, 200 }, len[3] = { 64, 40, 56 };
	dma_addr_t ch;
	u8 *buf = test_buf(test, 256), *c = coherent_buf(test, 256, &ch);
	struct scatterlist sg[3];
	fill_dirty(buf, 256, 7);
	sg_init_table(sg, 3);
	for (int i = 0; i < 3; i++)
		sg_set_buf(&sg[i], buf + off[i], len[i]);
	KUNIT_ASSERT_EQ(test, dma_map_sg(DEV, sg, 3, DMA_TO_DEVICE), 3);
	struct scatterlist *s;
	int i;
	for_each_sg(sg, s, 3, i)
		KUNIT_ASSERT_TRUE(test, dma_copy(sg_dma_address(s), ch + off[i], sg_dma_len(s)));
	dma_unmap_sg(DEV, sg, 3, DMA_TO_DEVICE);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, has_pattern(c + off[i], len[i], (u8)(7 + off[i] * 7)));

	for (i = 0; i < 256; i++)
		c[i] = (u8)(8 + i * 7);
	KUNIT_ASSERT_EQ(test, dma_map_sg(DEV, sg, 3, DMA_FROM_DEVICE), 3);
	for_each_sg(sg, s, 3, i)
		KUNIT_ASSERT_TRUE(test, dma_copy(ch + off[i], sg_dma_address(s), sg_dma_len(s)));
	dma_unmap_sg(DEV, sg, 3, DMA_FROM_DEVICE);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_TRUE(test, has_pattern(buf + off[i], len[i], (u8)(8 + off[i] * 7)));
	dma_free_coherent(DEV, 256, c, ch);
}

/* One mapping, handed back and forth: sync_for_cpu lets the CPU read the
 * device's first result, sync_for_device gives the buffer back for the
 * second. */
static void dma_sync_back_and_forth(struct kunit *test)
{
	need_pl080(test);
	dma_addr_t sh;
	u8 *buf = test_buf(test, 128), *src = coherent_buf(test, 128, &sh);
	for (int i = 0; i < 128; i++)
		src[i] = (u8)(9 + i * 7);
	dma_addr_t a = dma_map_single(DEV, buf, 128, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	KUNIT_ASSERT_TRUE(test, dma_copy(sh, a, 128));
	dma_sync_single_for_cpu(DEV, a, 128, DMA_FROM_DEVICE);
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 128, 9)); /* the lines are cached now */
	for (int i = 0; i < 128; i++)
		src[i] = (u8)(10 + i * 7);
	dma_sync_single_for_device(DEV, a, 128, DMA_FROM_DEVICE);
	KUNIT_ASSERT_TRUE(test, dma_copy(sh, a, 128));
	dma_unmap_single(DEV, a, 128, DMA_FROM_DEVICE);
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 128, 10));
	dma_free_coherent(DEV, 128, src, sh);
}

/* flush_cache_all writes every dirty line back (the power-off path). */
static void dma_flush_cache_all(struct kunit *test)
{
	need_pl080(test);
	dma_addr_t dh;
	u8 *buf = test_buf(test, 256), *dst = coherent_buf(test, 256, &dh);
	fill_dirty(buf, 256, 11);
	flush_cache_all();
	KUNIT_ASSERT_TRUE(test, dma_copy((dma_addr_t)(uintptr_t)buf, dh, 256));
	KUNIT_EXPECT_TRUE(test, has_pattern(dst, 256, 11));
	dma_free_coherent(DEV, 256, dst, dh);
}

/* Coherent memory: no maintenance, both ways. */
static void dma_coherent_needs_no_maintenance(struct kunit *test)
{
	dma_addr_t h;
	u8 *c = coherent_buf(test, 512, &h);
	KUNIT_EXPECT_EQ(test, h, (dma_addr_t)(uintptr_t)c);
	for (int i = 0; i < 512; i++)
		KUNIT_ASSERT_EQ(test, c[i], 0); /* zeroed */
	if (cpu_has_dcache()) {
		/* From the pool the MPU maps non-cacheable (configs/default.dts). */
		struct device_node *np = of_find_node_by_path("/reserved-memory/linux,dma@63f00000");
		struct resource r;
		KUNIT_ASSERT_NOT_NULL(test, np);
		KUNIT_ASSERT_EQ(test, of_address_to_resource(np, 0, &r), 0);
		KUNIT_EXPECT_GE(test, h, r.start);
		KUNIT_EXPECT_LE(test, h + 511, r.end);
		KUNIT_EXPECT_EQ(test, h & (PAGE_SIZE - 1), 0);
	}
	if (!of_find_compatible_node(NULL, NULL, "arm,pl080")) {
		dma_free_coherent(DEV, 512, c, h);
		kunit_skip(test, "no PL080 in the device tree");
	}
	need_pl080(test);
	fill_dirty(c, 256, 12);
	KUNIT_ASSERT_TRUE(test, dma_copy(h, h + 256, 256));
	KUNIT_EXPECT_TRUE(test, has_pattern(c + 256, 256, 12));
	dma_free_coherent(DEV, 512, c, h);
}

static unsigned int entries_before;

static int mapping_init(struct kunit *test)
{
	entries_before = dma_debug_entries_of(NULL);
	return 0;
}

/* Every case leaves no mapping or allocation behind, and DMA-API debug
 * found nothing wrong. */
static void mapping_exit(struct kunit *test)
{
	free_bufs(test);
	KUNIT_EXPECT_EQ(test, dma_debug_entries_of(NULL), entries_before);
}

static struct kunit_case dma_mapping_cases[] = {
	KUNIT_CASE(dma_to_device),
	KUNIT_CASE(dma_from_device),
	KUNIT_CASE(dma_bidirectional),
	KUNIT_CASE(dma_partial_lines_keep_neighbours),
	KUNIT_CASE(dma_scatter_gather),
	KUNIT_CASE(dma_sync_back_and_forth),
	KUNIT_CASE(dma_flush_cache_all),
	KUNIT_CASE(dma_coherent_needs_no_maintenance),
	{ 0 },
};

static struct kunit_suite dma_mapping_suite = {
	.name = "dma-mapping",
	.suite_init = test_dev_init,
	.suite_exit = test_dev_exit,
	.init = mapping_init,
	.exit = mapping_exit,
	.test_cases = dma_mapping_cases,
};

/* ---- dma_pool ------------------------------------------------------------ */

static void dma_pool_blocks(struct kunit *test)
{
	struct dma_pool *pool = dma_pool_create("test", DEV, 20, 16, 64);
	KUNIT_ASSERT_NOT_NULL(test, pool);
	void *v[40];
	dma_addr_t h[40];
	for (int i = 0; i < 40; i++) {
		v[i] = dma_pool_zalloc(pool, GFP_KERNEL, &h[i]);
		KUNIT_ASSERT_NOT_NULL(test, v[i]);
		KUNIT_EXPECT_EQ(test, h[i], (dma_addr_t)(uintptr_t)v[i]);
		KUNIT_EXPECT_EQ(test, h[i] % 16, 0);
		/* 32-byte blocks (20 aligned to 16) never cross 64 bytes. */
		KUNIT_EXPECT_EQ(test, h[i] / 64, (h[i] + 31) / 64);
		for (int k = 0; k < 20; k++)
			KUNIT_ASSERT_EQ(test, ((u8 *)v[i])[k], 0);
		memset(v[i], i, 20);
		for (int j = 0; j < i; j++)
			KUNIT_ASSERT_NE(test, h[j], h[i]);
	}
	for (int i = 0; i < 40; i++)
		for (int k = 0; k < 20; k++)
			KUNIT_ASSERT_EQ(test, ((u8 *)v[i])[k], i);
	/* A freed block comes back. */
	dma_pool_free(pool, v[5], h[5]);
	dma_addr_t again;
	KUNIT_EXPECT_PTR_EQ(test, dma_pool_alloc(pool, GFP_KERNEL, &again), v[5]);
	KUNIT_EXPECT_EQ(test, again, h[5]);
	for (int i = 0; i < 40; i++)
		dma_pool_free(pool, v[i], h[i]);
	dma_pool_destroy(pool);
	/* Bad arguments. */
	KUNIT_EXPECT_NULL(test, dma_pool_create("bad", DEV, 16, 3, 0));
	KUNIT_EXPECT_NULL(test, dma_pool_create("bad", DEV, 64, 4, 32));
}

static void dma_pool_destroy_busy(struct kunit *test)
{
	struct dma_pool *pool = dma_pool_create("busy", DEV, 16, 4, 0);
	KUNIT_ASSERT_NOT_NULL(test, pool);
	dma_addr_t h;
	void *v = dma_pool_alloc(pool, GFP_KERNEL, &h);
	KUNIT_ASSERT_NOT_NULL(test, v);
	dma_pool_free(pool, v, h);
	dma_pool_free(pool, v, h); /* "(bad dma)": ignored */
	v = dma_pool_alloc(pool, GFP_KERNEL, &h);
	KUNIT_ASSERT_NOT_NULL(test, v);
	/* "dma_pool_destroy busy, busy": its page stays allocated (a device
	 * may still read the block), as in Linux. */
	unsigned int before = dma_debug_entries_of(NULL);
	dma_pool_destroy(pool);
	KUNIT_EXPECT_EQ(test, dma_debug_entries_of(NULL), before);
}

static struct kunit_case dma_pool_cases[] = {
	KUNIT_CASE(dma_pool_blocks),
	KUNIT_CASE(dma_pool_destroy_busy),
	{ 0 },
};

static struct kunit_suite dma_pool_suite = {
	.name = "dma-pool",
	.suite_init = test_dev_init,
	.suite_exit = test_dev_exit,
	.test_cases = dma_pool_cases,
};

/* ---- the same transfers without maintenance --------------------------------- */

/* Tell coh_report.sh which coherency event the run must report: a line
 * of its own on the console, without printk's time stamp. */
static void coh_expect(const char *kind, const void *addr, unsigned int len, const char *fn,
		       const char *dma_fn)
{
	char line[128];
	int n = scnprintf(line, sizeof line, "coh-expect: %s 0x%08x %u %d %s %s\n", kind,
			  (u32)(uintptr_t)addr, len, TEST_CHANNEL, fn, dma_fn);
	console_write_raw(line, (unsigned int)n);
}

/* The device reads the old data: the CPU's writes are still in the
 * cache. */
static void skipped_clean_device_reads_old_data(struct kunit *test)
{
	need_pl080(test);
	if (!cpu_has_dcache())
		kunit_skip(test, "no D-cache");
	dma_addr_t dh;
	u8 *buf = test_buf(test, 64), *dst = coherent_buf(test, 64, &dh);
	fill_dirty(buf, 64, 13);
	dmac_flush_range(buf, buf + 64); /* memory holds the pattern ... */
	fill_dirty(buf, 64, 14);         /* ... and the cache a newer one */
	coh_expect("dma-read-dirty", buf, 64, "dma_copy", "-");
	KUNIT_ASSERT_TRUE(test, dma_copy((dma_addr_t)(uintptr_t)buf, dh, 64));
	KUNIT_EXPECT_TRUE(test, has_pattern(dst, 64, 13));
	KUNIT_EXPECT_FALSE(test, has_pattern(dst, 64, 14));
	dmac_flush_range(buf, buf + 64);
	dma_free_coherent(DEV, 64, dst, dh);
}

/* The CPU reads what it had cached, not what the device wrote. */
static void skipped_invalidate_cpu_reads_stale_data(struct kunit *test)
{
	need_pl080(test);
	if (!cpu_has_dcache())
		kunit_skip(test, "no D-cache");
	dma_addr_t sh;
	u8 *buf = test_buf(test, 64), *src = coherent_buf(test, 64, &sh);
	fill_dirty(buf, 64, 15);
	dmac_clean_range(buf, buf + 64); /* cached, clean: the old data */
	for (int i = 0; i < 64; i++)
		src[i] = (u8)(16 + i * 7);
	KUNIT_ASSERT_TRUE(test, dma_copy(sh, (dma_addr_t)(uintptr_t)buf, 64));
	coh_expect("stale-read", buf, 64, "has_pattern", "dma_copy");
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 64, 15));
	dmac_inv_range(buf, buf + 64);
	KUNIT_EXPECT_TRUE(test, has_pattern(buf, 64, 16)); /* memory had it */
	dma_free_coherent(DEV, 64, src, sh);
}

static struct kunit_case skipped_cases[] = {
	KUNIT_CASE(skipped_clean_device_reads_old_data),
	KUNIT_CASE(skipped_invalidate_cpu_reads_stale_data),
	{ 0 },
};

static struct kunit_suite skipped_suite = {
	.name = "cache-maintenance-skipped",
	.suite_init = test_dev_init,
	.suite_exit = test_dev_exit,
	.exit = free_bufs,
	.test_cases = skipped_cases,
};
kunit_test_suites(&dma_mapping_suite, &dma_pool_suite, &skipped_suite);
