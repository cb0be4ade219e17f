/*
 * DMA-API debug in the running kernel (suite "dma-debug", on every SoC):
 * each misuse is counted once in error_count and printed (all_errors is
 * set for the suite, as one does through
 * /sys/kernel/debug/dma-api/all_errors); correct use counts nothing; a
 * driver that unbinds with a mapping left is reported through the
 * platform bus's notifier, and its dmam_alloc_coherent memory, freed by
 * devres first, is not. The device is a platform device of the suite's
 * own, "dma-debug-test". The messages themselves are checked on the
 * console by tests/pmfw.cmake; the host tests
 * (tests/pmfw/test_dma_debug.c) check every field of them.
 */
#include <kunit/test.h>
#include <linux/device.h>
#include <linux/dma-debug.h>
#include <linux/dma-mapping.h>
#include <linux/platform_device.h>
#include <linux/errno.h>
#include <linux/slab.h>

static u32 errors(void)
{
	struct dma_debug_stats st;
	dma_debug_get_stats(&st);
	return st.error_count;
}

#define EXPECT_ERRORS(test, n, stmt)                                  \
	do {                                                          \
		u32 __e = errors();                                   \
		stmt;                                                 \
		KUNIT_EXPECT_EQ(test, errors() - __e, n);             \
	} while (0)

static u8 *buf;

static int debug_init(struct kunit *test)
{
	struct dma_debug_stats st;
	dma_debug_get_stats(&st);
	if (st.disabled)
		kunit_skip(test, "DMA-API debugging is off (dma_debug=off)");
	dma_debug_set_all_errors(true);
	buf = kmalloc(512, GFP_KERNEL | __GFP_HIGHMEM);
	return buf ? 0 : -ENOMEM;
}

static void debug_exit(struct kunit *test)
{
	kfree(buf);
	buf = NULL;
	dma_debug_set_all_errors(false);
}

static struct platform_device *test_pdev;
#define DEV (&test_pdev->dev)

static int debug_suite_init(struct kunit_suite *suite)
{
	test_pdev = platform_device_register_simple("dma-debug-test", -1, NULL, 0);
	return IS_ERR(test_pdev) ? (int)PTR_ERR(test_pdev) : 0;
}

static void debug_suite_exit(struct kunit_suite *suite)
{
	platform_device_unregister(test_pdev);
}

static void debug_correct_use_is_silent(struct kunit *test)
{
	EXPECT_ERRORS(test, 0, {
		dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_TO_DEVICE);
		KUNIT_EXPECT_FALSE(test, dma_mapping_error(DEV, a));
		dma_sync_single_for_cpu(DEV, a, 64, DMA_TO_DEVICE);
		dma_sync_single_for_device(DEV, a, 64, DMA_TO_DEVICE);
		dma_unmap_single(DEV, a, 64, DMA_TO_DEVICE);
		dma_addr_t h;
		void *c = dma_alloc_coherent(DEV, 100, &h, GFP_KERNEL);
		KUNIT_EXPECT_NOT_NULL(test, c);
		dma_free_coherent(DEV, 100, c, h);
	});
	KUNIT_EXPECT_EQ(test, dma_debug_entries_of(DEV), 0);
}

static void debug_unmap_never_mapped(struct kunit *test)
{
	EXPECT_ERRORS(test, 1, dma_unmap_single(DEV, (dma_addr_t)(uintptr_t)buf, 64, DMA_TO_DEVICE));
}

static void debug_size_mismatch(struct kunit *test)
{
	dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	EXPECT_ERRORS(test, 1, dma_unmap_single(DEV, a, 32, DMA_FROM_DEVICE));
}

static void debug_direction_mismatch(struct kunit *test)
{
	dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	EXPECT_ERRORS(test, 1, dma_unmap_single(DEV, a, 64, DMA_TO_DEVICE));
}

static void debug_sync_outside_mapping(struct kunit *test)
{
	dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_FROM_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	EXPECT_ERRORS(test, 1, dma_sync_single_for_cpu(DEV, a + 32, 64, DMA_FROM_DEVICE));
	EXPECT_ERRORS(test, 1, dma_sync_single_for_cpu(DEV, a + 256, 4, DMA_FROM_DEVICE));
	dma_unmap_single(DEV, a, 64, DMA_FROM_DEVICE);
}

static void debug_sync_wrong_direction(struct kunit *test)
{
	dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	/* Another direction, and read-only memory synced for the CPU. */
	EXPECT_ERRORS(test, 2, dma_sync_single_for_cpu(DEV, a, 64, DMA_FROM_DEVICE));
	dma_unmap_single(DEV, a, 64, DMA_TO_DEVICE);
}

static void debug_map_error_not_checked(struct kunit *test)
{
	dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_TO_DEVICE);
	EXPECT_ERRORS(test, 1, dma_unmap_single(DEV, a, 64, DMA_TO_DEVICE));
}

static void debug_leak_at_unbind(struct kunit *test)
{
	dma_addr_t a = dma_map_single(DEV, buf, 64, DMA_TO_DEVICE);
	KUNIT_ASSERT_FALSE(test, dma_mapping_error(DEV, a));
	dma_addr_t h;
	void *c = dma_alloc_coherent(DEV, 64, &h, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	EXPECT_ERRORS(test, 1, KUNIT_EXPECT_EQ(test, dma_debug_device_change_unbound(DEV), 2));
	dma_unmap_single(DEV, a, 64, DMA_TO_DEVICE);
	dma_free_coherent(DEV, 64, c, h);
	EXPECT_ERRORS(test, 0, KUNIT_EXPECT_EQ(test, dma_debug_device_change_unbound(DEV), 0));
}

/* A driver that leaves a streaming mapping behind at unbind; its
 * managed coherent memory is freed by devres before the check. */
static void *leak_buf;
static dma_addr_t leaked;

static int leaky_probe(struct platform_device *pdev)
{
	leak_buf = kmalloc(64, GFP_KERNEL);
	if (!leak_buf)
		return -ENOMEM;
	leaked = dma_map_single(&pdev->dev, leak_buf, 64, DMA_TO_DEVICE);
	if (dma_mapping_error(&pdev->dev, leaked))
		return -ENOMEM;
	dma_addr_t h;
	return dmam_alloc_coherent(&pdev->dev, 128, &h, GFP_KERNEL) ? 0 : -ENOMEM;
}

static struct platform_driver leaky_driver = {
	.probe = leaky_probe,
	.driver = { .name = "dma-debug-leaky" },
};

static void debug_leak_at_driver_unbind(struct kunit *test)
{
	struct platform_device *pdev = platform_device_register_simple("dma-debug-leaky", -1,
								       NULL, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pdev));
	KUNIT_ASSERT_EQ(test, platform_driver_register(&leaky_driver), 0);
	KUNIT_EXPECT_NOT_NULL(test, pdev->dev.driver);
	KUNIT_EXPECT_EQ(test, dma_debug_entries_of(&pdev->dev), 2);
	EXPECT_ERRORS(test, 1, device_release_driver(&pdev->dev));
	KUNIT_EXPECT_EQ(test, dma_debug_entries_of(&pdev->dev), 1); /* the mapping */
	dma_unmap_single(&pdev->dev, leaked, 64, DMA_TO_DEVICE);
	kfree(leak_buf);
	platform_driver_unregister(&leaky_driver);
	platform_device_unregister(pdev);
}

static void debug_coherent_double_free(struct kunit *test)
{
	dma_addr_t h;
	void *c = dma_alloc_coherent(DEV, 64, &h, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c);
	EXPECT_ERRORS(test, 0, dma_free_coherent(DEV, 64, c, h));
	/* Reported before anything is freed a second time. */
	EXPECT_ERRORS(test, 1, debug_dma_free_coherent(DEV, 64, c, h));
}

static struct kunit_case dma_debug_cases[] = {
	KUNIT_CASE(debug_correct_use_is_silent),
	KUNIT_CASE(debug_unmap_never_mapped),
	KUNIT_CASE(debug_size_mismatch),
	KUNIT_CASE(debug_direction_mismatch),
	KUNIT_CASE(debug_sync_outside_mapping),
	KUNIT_CASE(debug_sync_wrong_direction),
	KUNIT_CASE(debug_map_error_not_checked),
	KUNIT_CASE(debug_leak_at_unbind),
	KUNIT_CASE(debug_leak_at_driver_unbind),
	KUNIT_CASE(debug_coherent_double_free),
	{ 0 },
};

static struct kunit_suite dma_debug_suite = {
	.name = "dma-debug",
	.suite_init = debug_suite_init,
	.suite_exit = debug_suite_exit,
	.init = debug_init,
	.exit = debug_exit,
	.test_cases = dma_debug_cases,
};
kunit_test_suite(dma_debug_suite);
