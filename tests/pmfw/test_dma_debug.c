/*
 * The DMA API's bookkeeping on the host (firmware/pmfw/kernel/dma/:
 * mapping.c, direct.c, debug.c): every misuse DMA-API debug knows is
 * reported once with Linux's message and counted; correct use reports
 * nothing; only the first error is printed unless all_errors is set (and
 * only the filtered driver's); the cache maintenance each call asks for
 * is the direction table of docs/pmfw.md; a core without a D-cache gets
 * coherent memory from the heap and no maintenance.
 *
 * The console is stderr here (tests/pmfw/host.c): each check captures it
 * into a temporary file and reads it back.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <asm/cacheflush.h>
#include <linux/dma-debug.h>
#include <linux/dma-mapping.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/scatterlist.h>
#include <linux/slab.h>

#include "../../firmware/pmfw/kernel/dma/dma-dev.h"
#include "../unit/check_run.h"

/* ---- what kernel/dma/ needs from the rest of the kernel ----------------- */

struct device {
	const char *name, *driver;
	u64 mask, coherent_mask;
};

const char *dma_dev_name(const struct device *dev)
{
	return dev ? dev->name : "NULL";
}
const char *dma_dev_driver_string(const struct device *dev)
{
	return dev ? dev->driver : "NULL";
}
u64 dma_dev_get_mask(const struct device *dev)
{
	return dev && dev->mask ? dev->mask : 0xffffffffULL;
}
u64 dma_dev_get_coherent_mask(const struct device *dev)
{
	return dev && dev->coherent_mask ? dev->coherent_mask : 0xffffffffULL;
}
int dma_dev_set_masks(struct device *dev, const u64 *mask, const u64 *coherent)
{
	if (mask)
		dev->mask = *mask;
	if (coherent)
		dev->coherent_mask = *coherent;
	return 0;
}

/* The cache: a D-cache or not, and a log of the maintenance asked for. */
struct v7m_cache_info v7m_cache;
static char maint[512];

void dmac_map_area(const void *start, size_t size, int dir)
{
	if (!v7m_cache.dcache)
		return;
	snprintf(maint + strlen(maint), sizeof maint - strlen(maint), "%s %zu;",
		 dir == DMA_FROM_DEVICE ? "inv" : "clean", size);
}
void dmac_unmap_area(const void *start, size_t size, int dir)
{
	if (!v7m_cache.dcache || dir == DMA_TO_DEVICE)
		return;
	snprintf(maint + strlen(maint), sizeof maint - strlen(maint), "inv %zu;", size);
}

/* No coherent pool on the host. */
void *dma_alloc_from_global_coherent(struct device *dev, ssize_t size, dma_addr_t *h)
{
	return NULL;
}
int dma_release_from_global_coherent(int order, void *vaddr)
{
	return 0;
}
bool dma_global_coherent_present(void)
{
	return false;
}
int dma_coherent_get_order(size_t size)
{
	return 0;
}

/* ---- capturing the console ------------------------------------------------ */

static FILE *cap;
static int saved_stderr = -1;

static void capture(void)
{
	fflush(stderr);
	cap = tmpfile();
	ck_assert_ptr_nonnull(cap);
	saved_stderr = dup(2);
	dup2(fileno(cap), 2);
}

/* What was printed since capture(), as a static string. */
static const char *captured(void)
{
	static char buf[8192];
	fflush(stderr);
	dup2(saved_stderr, 2);
	close(saved_stderr);
	rewind(cap);
	size_t n = fread(buf, 1, sizeof buf - 1, cap);
	buf[n] = '\0';
	fclose(cap);
	return buf;
}

static unsigned int count_of(const char *hay, const char *needle)
{
	unsigned int n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p++)
		n++;
	return n;
}

static struct device dev = { "40030000.dma", "pl08xdmac", 0, 0 };
static struct device dev2 = { "40004000.serial", "uart-pl011", 0, 0 };
static u8 buf[4096] __attribute__((aligned(32)));

static void setup(void)
{
	dma_debug_init();
	dma_debug_set_all_errors(true);
	v7m_cache = (struct v7m_cache_info){ .dcache = true, .dline = 32 };
	maint[0] = '\0';
}

static u32 errors(void)
{
	struct dma_debug_stats st;
	dma_debug_get_stats(&st);
	return st.error_count;
}

/* Run `stmt` with the console captured: it must print `msg` exactly once
 * (a substring of the report) and add `n` to error_count. */
#define EXPECT_REPORT(stmt, n, msg)                                              \
	do {                                                                     \
		u32 __before = errors();                                         \
		capture();                                                       \
		stmt;                                                            \
		const char *__out = captured();                                  \
		ck_assert_msg(count_of(__out, msg) == 1, "wanted once: %s\ngot: %s", \
			      msg, __out);                                       \
		ck_assert_uint_eq(errors() - __before, n);                       \
	} while (0)

#define EXPECT_QUIET(stmt)                                                   \
	do {                                                                 \
		u32 __before = errors();                                     \
		capture();                                                   \
		stmt;                                                        \
		const char *__out = captured();                              \
		ck_assert_msg(!strstr(__out, "DMA-API"), "unexpected: %s", __out); \
		ck_assert_uint_eq(errors(), __before);                       \
	} while (0)

/* ---- correct use ------------------------------------------------------------ */

START_TEST(correct_use_is_quiet)
{
	setup();
	EXPECT_QUIET({
		dma_addr_t a = dma_map_single(&dev, buf, 100, DMA_TO_DEVICE);
		ck_assert(!dma_mapping_error(&dev, a));
		ck_assert_uint_eq(a, (dma_addr_t)(uintptr_t)buf);
		dma_sync_single_for_cpu(&dev, a, 100, DMA_TO_DEVICE);
		dma_sync_single_for_device(&dev, a + 32, 64, DMA_TO_DEVICE);
		dma_unmap_single(&dev, a, 100, DMA_TO_DEVICE);

		struct scatterlist sg[3];
		sg_init_table(sg, 3);
		sg_set_buf(&sg[0], buf, 64);
		sg_set_buf(&sg[1], buf + 1000, 10);
		sg_set_buf(&sg[2], buf + 3000, 500);
		ck_assert_int_eq(dma_map_sg(&dev, sg, 3, DMA_FROM_DEVICE), 3);
		dma_sync_sg_for_cpu(&dev, sg, 3, DMA_FROM_DEVICE);
		dma_sync_sg_for_device(&dev, sg, 3, DMA_FROM_DEVICE);
		dma_unmap_sg(&dev, sg, 3, DMA_FROM_DEVICE);

		/* The same buffer mapped twice: two entries, each checked. */
		dma_addr_t b1 = dma_map_single(&dev, buf, 32, DMA_BIDIRECTIONAL);
		dma_addr_t b2 = dma_map_single(&dev, buf, 32, DMA_BIDIRECTIONAL);
		ck_assert(!dma_mapping_error(&dev, b1));
		ck_assert(!dma_mapping_error(&dev, b2));
		dma_unmap_single(&dev, b1, 32, DMA_BIDIRECTIONAL);
		dma_unmap_single(&dev, b2, 32, DMA_BIDIRECTIONAL);
	});
	ck_assert_uint_eq(dma_debug_entries_of(NULL), 0);
	ck_assert_int_eq(dma_debug_device_change_unbound(&dev), 0);
}
END_TEST

/* ---- each check --------------------------------------------------------------- */

START_TEST(unmap_never_mapped)
{
	setup();
	EXPECT_REPORT(dma_unmap_single(&dev, 0x20001000, 64, DMA_TO_DEVICE), 1,
		      "DMA-API: pl08xdmac 40030000.dma: device driver tries to free DMA memory "
		      "it has not allocated [device address=0x0000000020001000] [size=64 bytes]\n");
	EXPECT_REPORT(dma_unmap_single(&dev, DMA_MAPPING_ERROR, 64, DMA_TO_DEVICE), 1,
		      "device driver tries to free an invalid DMA memory address");
	/* Another device's mapping is not this one's. */
	dma_addr_t a = dma_map_single(&dev2, buf, 64, DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev2, a));
	EXPECT_REPORT(dma_unmap_single(&dev, a, 64, DMA_TO_DEVICE), 1,
		      "pl08xdmac 40030000.dma: device driver tries to free DMA memory it has not allocated");
	EXPECT_QUIET(dma_unmap_single(&dev2, a, 64, DMA_TO_DEVICE));
}
END_TEST

START_TEST(size_and_direction_mismatch)
{
	setup();
	dma_addr_t a = dma_map_single(&dev, buf, 128, DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev, a));
	char msg[256];
	snprintf(msg, sizeof msg,
		 "device driver frees DMA memory with different size [device address=0x%016llx] "
		 "[map size=128 bytes] [unmap size=64 bytes]", (unsigned long long)a);
	EXPECT_REPORT(dma_unmap_single(&dev, a, 64, DMA_TO_DEVICE), 1, msg);

	a = dma_map_single(&dev, buf, 128, DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev, a));
	snprintf(msg, sizeof msg,
		 "device driver frees DMA memory with different direction [device "
		 "address=0x%016llx] [size=128 bytes] [mapped with DMA_TO_DEVICE] [unmapped with "
		 "DMA_FROM_DEVICE]", (unsigned long long)a);
	EXPECT_REPORT(dma_unmap_single(&dev, a, 128, DMA_FROM_DEVICE), 1, msg);

	/* Both at once: two errors. */
	a = dma_map_single(&dev, buf, 128, DMA_BIDIRECTIONAL);
	ck_assert(!dma_mapping_error(&dev, a));
	EXPECT_REPORT(dma_unmap_single(&dev, a, 96, DMA_TO_DEVICE), 2,
		      "[mapped with DMA_BIDIRECTIONAL] [unmapped with DMA_TO_DEVICE]");

	/* An sg list unmapped with another count. */
	struct scatterlist sg[2];
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], buf, 64);
	sg_set_buf(&sg[1], buf + 512, 64);
	ck_assert_int_eq(dma_map_sg(&dev, sg, 2, DMA_TO_DEVICE), 2);
	sg_mark_end(&sg[0]);
	EXPECT_REPORT(dma_unmap_sg(&dev, sg, 1, DMA_TO_DEVICE), 1,
		      "device driver frees DMA sg list with different entry count [map count=2] "
		      "[unmap count=1]");
	/* Coherent memory (ordinary memory: no D-cache) unmapped as a
	 * streaming mapping. */
	v7m_cache.dcache = false;
	dma_addr_t h;
	void *c = dma_alloc_coherent(&dev, 256, &h, GFP_KERNEL);
	ck_assert_ptr_nonnull(c);
	EXPECT_REPORT(dma_unmap_single(&dev, h, 256, DMA_BIDIRECTIONAL), 1,
		      "device driver frees DMA memory with wrong function [device address=0x");
	/* ... which took the entry away: the free is then of nothing. */
	EXPECT_REPORT(dma_free_coherent(&dev, 256, c, h), 1,
		      "device driver tries to free DMA memory it has not allocated");
}
END_TEST

START_TEST(sync_checks)
{
	setup();
	dma_addr_t a = dma_map_single(&dev, buf, 256, DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev, a));
	EXPECT_REPORT(dma_sync_single_for_cpu(&dev, 0x20003000, 16, DMA_TO_DEVICE), 1,
		      "device driver tries to sync DMA memory it has not allocated [device "
		      "address=0x0000000020003000] [size=16 bytes]");
	EXPECT_REPORT(dma_sync_single_for_device(&dev, a + 200, 100, DMA_TO_DEVICE), 1,
		      "device driver syncs DMA memory outside allocated range");
	EXPECT_REPORT(dma_sync_single_for_device(&dev, a + 200, 100, DMA_TO_DEVICE), 1,
		      "[allocation size=256 bytes] [sync offset+size=300]");
	/* Another direction: two reports (the direction, and the sync of
	 * read-only memory for the CPU). */
	EXPECT_REPORT(dma_sync_single_for_cpu(&dev, a, 256, DMA_FROM_DEVICE), 2,
		      "device driver syncs DMA memory with different direction");
	EXPECT_REPORT(dma_sync_single_for_cpu(&dev, a, 256, DMA_FROM_DEVICE), 2,
		      "device driver syncs device read-only DMA memory for cpu");
	dma_unmap_single(&dev, a, 256, DMA_TO_DEVICE);

	a = dma_map_single(&dev, buf, 256, DMA_FROM_DEVICE);
	ck_assert(!dma_mapping_error(&dev, a));
	EXPECT_REPORT(dma_sync_single_for_device(&dev, a, 256, DMA_TO_DEVICE), 2,
		      "device driver syncs device write-only DMA memory to device");
	EXPECT_QUIET(dma_sync_single_for_cpu(&dev, a + 64, 32, DMA_FROM_DEVICE));
	dma_unmap_single(&dev, a, 256, DMA_FROM_DEVICE);
	/* After the unmap the mapping is gone. */
	EXPECT_REPORT(dma_sync_single_for_cpu(&dev, a, 256, DMA_FROM_DEVICE), 1,
		      "device driver tries to sync DMA memory it has not allocated");
	/* A bidirectional mapping may be synced either way. */
	a = dma_map_single(&dev, buf, 64, DMA_BIDIRECTIONAL);
	ck_assert(!dma_mapping_error(&dev, a));
	EXPECT_QUIET({
		dma_sync_single_for_cpu(&dev, a, 64, DMA_BIDIRECTIONAL);
		dma_sync_single_for_device(&dev, a, 64, DMA_BIDIRECTIONAL);
	});
}
END_TEST

START_TEST(map_error_not_checked)
{
	setup();
	dma_addr_t a = dma_map_single(&dev, buf, 48, DMA_TO_DEVICE);
	char msg[200];
	snprintf(msg, sizeof msg,
		 "device driver failed to check map error[device address=0x%016llx] [size=48 bytes] "
		 "[mapped as single]", (unsigned long long)a);
	EXPECT_REPORT(dma_unmap_single(&dev, a, 48, DMA_TO_DEVICE), 1, msg);
	/* Two mappings of one buffer, one checked: one report. */
	dma_addr_t b1 = dma_map_single(&dev, buf, 48, DMA_TO_DEVICE);
	dma_addr_t b2 = dma_map_single(&dev, buf, 48, DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev, b1));
	EXPECT_REPORT({
		dma_unmap_single(&dev, b1, 48, DMA_TO_DEVICE);
		dma_unmap_single(&dev, b2, 48, DMA_TO_DEVICE);
	}, 1, "failed to check map error");
	/* sg mappings and coherent memory need no check. */
	struct scatterlist sg;
	sg_init_one(&sg, buf, 100);
	EXPECT_QUIET({
		ck_assert_int_eq(dma_map_sg(&dev, &sg, 1, DMA_TO_DEVICE), 1);
		dma_unmap_sg(&dev, &sg, 1, DMA_TO_DEVICE);
	});
}
END_TEST

START_TEST(leak_at_unbind)
{
	setup();
	v7m_cache.dcache = false;
	dma_addr_t a = dma_map_single(&dev, buf + 64, 100, DMA_FROM_DEVICE);
	ck_assert(!dma_mapping_error(&dev, a));
	dma_addr_t h;
	void *c = dma_alloc_coherent(&dev, 300, &h, GFP_KERNEL);
	ck_assert_ptr_nonnull(c);
	dma_addr_t other = dma_map_single(&dev2, buf, 16, DMA_TO_DEVICE);
	ck_assert(!dma_mapping_error(&dev2, other));
	ck_assert_uint_eq(dma_debug_entries_of(&dev), 2);
	int n = 0;
	EXPECT_REPORT(n = dma_debug_device_change_unbound(&dev), 1,
		      "DMA-API: pl08xdmac 40030000.dma: device driver has pending DMA allocations "
		      "while released from device [count=2]\nOne of leaked entries details: [device "
		      "address=0x");
	ck_assert_int_eq(n, 2);
	EXPECT_QUIET(dma_unmap_single(&dev2, other, 16, DMA_TO_DEVICE));
	EXPECT_QUIET(ck_assert_int_eq(dma_debug_device_change_unbound(&dev2), 0));
	dma_free_coherent(&dev, 300, c, h);
	dma_unmap_single(&dev, a, 100, DMA_FROM_DEVICE);
}
END_TEST

START_TEST(coherent_double_free)
{
	setup();
	v7m_cache.dcache = false; /* ordinary memory is coherent without a cache */
	dma_addr_t h;
	void *c = dma_alloc_coherent(&dev, 100, &h, GFP_KERNEL);
	ck_assert_ptr_nonnull(c);
	ck_assert_uint_eq(h, (dma_addr_t)(uintptr_t)c);
	for (int i = 0; i < 100; i++)
		ck_assert_uint_eq(((u8 *)c)[i], 0);
	/* Freed with another CPU address. */
	void *c2 = dma_alloc_coherent(&dev, 64, &h, GFP_KERNEL);
	ck_assert_ptr_nonnull(c2);
	EXPECT_REPORT(debug_dma_free_coherent(&dev, 64, buf, h), 1,
		      "device driver frees DMA memory with different CPU address");
	h = (dma_addr_t)(uintptr_t)c;
	EXPECT_QUIET(debug_dma_free_coherent(&dev, 100, c, h));
	/* The second free: the entry is gone. */
	char msg[200];
	snprintf(msg, sizeof msg, "device driver tries to free DMA memory it has not allocated "
		 "[device address=0x%016llx] [size=100 bytes]", (unsigned long long)h);
	EXPECT_REPORT(debug_dma_free_coherent(&dev, 100, c, h), 1, msg);
	kfree(c);
	kfree(c2);
	/* With a D-cache and no pool there is no coherent memory. */
	v7m_cache.dcache = true;
	EXPECT_QUIET(ck_assert_ptr_null(dma_alloc_coherent(&dev, 100, &h, GFP_KERNEL)));
}
END_TEST

/* ---- how errors are shown ------------------------------------------------------ */

START_TEST(num_errors_and_filter)
{
	dma_debug_init();
	struct dma_debug_stats st;
	dma_debug_get_stats(&st);
	ck_assert_uint_eq(st.show_num_errors, 1);
	ck_assert(!st.show_all_errors);
	ck_assert_uint_eq(st.nr_total_entries, 32);
	ck_assert_uint_eq(st.num_free_entries, 32);
	/* Linux's default: the first error is printed, the rest counted. */
	EXPECT_REPORT(dma_unmap_single(&dev, 0x20001000, 4, DMA_TO_DEVICE), 1, "DMA-API");
	u32 before = errors();
	capture();
	dma_unmap_single(&dev, 0x20001000, 4, DMA_TO_DEVICE);
	ck_assert(!strstr(captured(), "DMA-API"));
	ck_assert_uint_eq(errors(), before + 1);
	/* A driver filter: other drivers' errors are counted, not printed. */
	dma_debug_set_num_errors(5);
	capture();
	dma_debug_set_driver_filter("uart-pl011");
	captured();
	capture();
	dma_unmap_single(&dev, 0x20001000, 4, DMA_TO_DEVICE);
	dma_unmap_single(&dev2, 0x20001000, 4, DMA_TO_DEVICE);
	const char *out = captured();
	ck_assert_uint_eq(count_of(out, "DMA-API"), 1);
	ck_assert(strstr(out, "uart-pl011 40004000.serial"));
	ck_assert_uint_eq(errors(), before + 3);
}
END_TEST

START_TEST(entries_grow_and_stats)
{
	setup();
	dma_addr_t a[100];
	for (int i = 0; i < 100; i++) {
		a[i] = dma_map_single(&dev, buf + 8 * i, 8, DMA_TO_DEVICE);
		ck_assert(!dma_mapping_error(&dev, a[i]));
	}
	struct dma_debug_stats st;
	dma_debug_get_stats(&st);
	ck_assert_uint_eq(st.nr_total_entries, 32 + 5 * 16);
	ck_assert_uint_eq(st.num_free_entries, 32 + 5 * 16 - 100);
	ck_assert_uint_eq(st.min_free_entries, 0); /* the list ran dry five times */
	ck_assert_uint_eq(dma_debug_entries_of(&dev), 100);
	EXPECT_QUIET({
		for (int i = 0; i < 100; i++)
			dma_unmap_single(&dev, a[i], 8, DMA_TO_DEVICE);
	});
	dma_debug_get_stats(&st);
	ck_assert_uint_eq(st.num_free_entries, st.nr_total_entries);
	ck_assert_uint_eq(st.min_free_entries, 0);
}
END_TEST

/* ---- the maintenance each call asks for ----------------------------------------- */

START_TEST(maintenance_by_direction)
{
	setup();
	struct {
		enum dma_data_direction dir;
		const char *map, *unmap;
	} t[] = {
		{ DMA_TO_DEVICE, "clean 64;", "" },
		{ DMA_FROM_DEVICE, "inv 64;", "inv 64;" },
		{ DMA_BIDIRECTIONAL, "clean 64;", "inv 64;" },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++) {
		maint[0] = '\0';
		dma_addr_t a = dma_map_single(&dev, buf, 64, t[i].dir);
		ck_assert(!dma_mapping_error(&dev, a));
		ck_assert_str_eq(maint, t[i].map);
		maint[0] = '\0';
		dma_sync_single_for_cpu(&dev, a, 64, t[i].dir);
		ck_assert_str_eq(maint, t[i].unmap);
		maint[0] = '\0';
		dma_sync_single_for_device(&dev, a, 64, t[i].dir);
		ck_assert_str_eq(maint, t[i].map);
		maint[0] = '\0';
		dma_unmap_single(&dev, a, 64, t[i].dir);
		ck_assert_str_eq(maint, t[i].unmap);
	}
	/* Per sg entry. */
	struct scatterlist sg[2];
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], buf, 40);
	sg_set_buf(&sg[1], buf + 100, 8);
	maint[0] = '\0';
	ck_assert_int_eq(dma_map_sg(&dev, sg, 2, DMA_FROM_DEVICE), 2);
	ck_assert_str_eq(maint, "inv 40;inv 8;");
	ck_assert_uint_eq(sg_dma_address(&sg[1]), (dma_addr_t)(uintptr_t)(buf + 100));
	ck_assert_uint_eq(sg_dma_len(&sg[1]), 8);
	ck_assert_ptr_eq(sg_virt(&sg[1]), buf + 100);
	maint[0] = '\0';
	dma_unmap_sg(&dev, sg, 2, DMA_FROM_DEVICE);
	ck_assert_str_eq(maint, "inv 40;inv 8;");
	/* No D-cache: nothing. */
	v7m_cache.dcache = false;
	maint[0] = '\0';
	dma_addr_t a = dma_map_single(&dev, buf, 64, DMA_BIDIRECTIONAL);
	ck_assert(!dma_mapping_error(&dev, a));
	dma_unmap_single(&dev, a, 64, DMA_BIDIRECTIONAL);
	ck_assert_str_eq(maint, "");
}
END_TEST

START_TEST(masks)
{
	setup();
	struct device small = { "small", "drv", 0, 0 };
	ck_assert_int_eq(dma_set_mask_and_coherent(&small, DMA_BIT_MASK(24)), -EIO);
	ck_assert_int_eq(dma_set_mask_and_coherent(&small, DMA_BIT_MASK(32)), 0);
	ck_assert_int_eq(dma_set_mask(&small, DMA_BIT_MASK(30)), 0);
	ck_assert_uint_eq(dma_get_mask(&small), 0x3fffffffULL);
	/* A buffer beyond the mask cannot be mapped. */
	capture();
	dma_addr_t a = dma_map_single(&small, (void *)(uintptr_t)0x60000000u, 64, DMA_TO_DEVICE);
	const char *out = captured();
	ck_assert(dma_mapping_error(&small, a));
	ck_assert(strstr(out, "small: DMA addr 0x60000000+64 overflow (mask 3fffffff)"));
	ck_assert_uint_eq(dma_debug_entries_of(&small), 0);
	/* sg: the whole list fails and nothing stays mapped. */
	struct scatterlist sg[2];
	sg_init_table(sg, 2);
	sg_set_buf(&sg[0], buf, 40);
	sg_set_buf(&sg[1], (void *)(uintptr_t)0x60000000u, 8);
	capture();
	ck_assert_int_eq(dma_map_sg(&small, sg, 2, DMA_TO_DEVICE), 0);
	captured();
	ck_assert_uint_eq(dma_debug_entries_of(&small), 0);
}
END_TEST

START_TEST(nothing_before_init)
{
	/* Before the core initcall (or with dma_debug=off, which the guest
	 * tests check) nothing is tracked or reported. */
	capture();
	debug_dma_unmap_page(&dev, 0x1000, 4, DMA_TO_DEVICE);
	ck_assert(!strstr(captured(), "DMA-API"));
	ck_assert_uint_eq(errors(), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_dma_debug");
	TCase *tc = tcase_create("dma_debug");
	tcase_add_test(tc, correct_use_is_quiet);
	tcase_add_test(tc, unmap_never_mapped);
	tcase_add_test(tc, size_and_direction_mismatch);
	tcase_add_test(tc, sync_checks);
	tcase_add_test(tc, map_error_not_checked);
	tcase_add_test(tc, leak_at_unbind);
	tcase_add_test(tc, coherent_double_free);
	tcase_add_test(tc, num_errors_and_filter);
	tcase_add_test(tc, entries_grow_and_stats);
	tcase_add_test(tc, maintenance_by_direction);
	tcase_add_test(tc, masks);
	tcase_add_test(tc, nothing_before_init);
	suite_add_tcase(s, tc);
	return check_run(s);
}
