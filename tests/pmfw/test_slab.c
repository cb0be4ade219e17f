/*
 * pmfw's heap (firmware/pmfw/mm/slab.c) on the host: allocations are
 * 8-byte aligned, disjoint and keep their contents; freed neighbours merge
 * back into one block (so a region can be used whole again); high memory
 * serves only __GFP_HIGHMEM; kfree of something never allocated, or
 * freed already, is refused; the statistics add up; a region's used part
 * ends just past its last free block's header, and the top of the last
 * high-memory region can be reserved for good (suspend to RAM's buffer,
 * arch/arm/mach-pmsim/pm.c) without moving any other allocation.
 */
#include <check.h>
#include <stdint.h>
#include <string.h>

#include <linux/kernel.h>
#include <linux/slab.h>

#include "../../firmware/pmfw/mm/slab.h"
#include "../unit/check_run.h"

static u8 low[8192] __attribute__((aligned(8)));
static u8 high[16384] __attribute__((aligned(8)));

static bool inside(const void *p, const u8 *r, size_t n)
{
	return (const u8 *)p >= r && (const u8 *)p < r + n;
}

START_TEST(alloc_free_merge)
{
	ck_assert_int_eq(kmem_add_region(low, sizeof low, false), 0);
	struct kmem_stats st;
	kmem_get_stats(&st);
	size_t all = st.free;
	ck_assert_uint_eq(all, sizeof low);
	void *p[20];
	for (int i = 0; i < 20; i++) {
		p[i] = kmalloc(100 + (size_t)i, GFP_KERNEL);
		ck_assert_ptr_nonnull(p[i]);
		ck_assert_uint_eq((uintptr_t)p[i] % 8, 0);
		ck_assert(inside(p[i], low, sizeof low));
		ck_assert_uint_ge(ksize(p[i]), 100 + (size_t)i);
		memset(p[i], i, 100 + (size_t)i);
	}
	for (int i = 0; i < 20; i++)
		for (int k = 0; k < 100 + i; k++)
			ck_assert_uint_eq(((u8 *)p[i])[k], (u8)i);
	/* Free every other one, then the rest: everything merges back. */
	for (int i = 0; i < 20; i += 2)
		kfree(p[i]);
	for (int i = 1; i < 20; i += 2)
		kfree(p[i]);
	kmem_get_stats(&st);
	ck_assert_uint_eq(st.free, all);
	void *big = kmalloc(sizeof low - 8, GFP_KERNEL);
	ck_assert_ptr_nonnull(big);
	ck_assert_ptr_null(kmalloc(8, GFP_KERNEL));
	kfree(big);
	void *z = kzalloc(64, GFP_KERNEL);
	for (int k = 0; k < 64; k++)
		ck_assert_uint_eq(((u8 *)z)[k], 0);
	ck_assert_ptr_null(kmalloc(0, GFP_KERNEL));
	ck_assert_ptr_null(kcalloc((size_t)-1 / 2, 4, GFP_KERNEL));
}
END_TEST

START_TEST(highmem_only_when_asked)
{
	ck_assert_int_eq(kmem_add_region(low, sizeof low, false), 0);
	ck_assert_int_eq(kmem_add_region(high, sizeof high, true), 0);
	void *a = kmalloc(4000, GFP_KERNEL);
	void *b = kmalloc(4000, GFP_KERNEL | __GFP_HIGHMEM);
	ck_assert(inside(a, low, sizeof low));
	ck_assert(inside(b, high, sizeof high));
	/* Low memory runs out: ordinary requests fail, high ones go on. */
	ck_assert_ptr_nonnull(kmalloc(3000, GFP_KERNEL));
	ck_assert_ptr_null(kmalloc(3000, GFP_KERNEL));
	ck_assert(inside(kmalloc(3000, GFP_HIGHUSER), high, sizeof high));
	/* High memory full: a high request falls back to low memory. */
	void *rest = kmalloc(sizeof high - 4008 - 3008 - 8, GFP_HIGHUSER);
	ck_assert(inside(rest, high, sizeof high));
	void *small = kmalloc(64, GFP_HIGHUSER);
	ck_assert(inside(small, low, sizeof low));
}
END_TEST

START_TEST(bad_free_refused)
{
	ck_assert_int_eq(kmem_add_region(low, sizeof low, false), 0);
	u32 *p = kmalloc(64, GFP_KERNEL);
	struct kmem_stats before, after;
	kmem_get_stats(&before);
	kfree(p + 2);          /* not the start of a block */
	static u32 elsewhere[16];
	kfree(elsewhere + 2);  /* not the heap at all */
	kmem_get_stats(&after);
	ck_assert_uint_eq(after.free, before.free);
	ck_assert_uint_eq(after.frees, before.frees);
	kfree(p);
	kmem_get_stats(&after);
	ck_assert_uint_eq(after.frees, before.frees + 1);
	/* A second kfree, whether the block stayed a free block of its own
	 * (q, before a used one) or merged into the free one before it (r). */
	u32 *q = kmalloc(64, GFP_KERNEL), *r = kmalloc(64, GFP_KERNEL);
	void *keep = kmalloc(64, GFP_KERNEL);
	ck_assert_ptr_eq(q, p); /* first fit: p's block again */
	kfree(q);
	kfree(r);
	kmem_get_stats(&before);
	kfree(q);
	kfree(r);
	kmem_get_stats(&after);
	ck_assert_uint_eq(after.free, before.free);
	ck_assert_uint_eq(after.frees, before.frees);
	/* And the merged space is one block again. */
	ck_assert_ptr_eq(kmalloc(64 + 8 + 64, GFP_KERNEL), q);
	kfree(keep);
	ck_assert_int_eq(kmem_add_region(low, 8, false), -1); /* too small */
}
END_TEST

/* With the D-cache line as the alignment (after paging_init on a core
 * with caches), allocations start on a line and own whole lines, and a
 * long random sequence of allocations and frees keeps every live block's
 * contents; everything freed, the region is whole again. */
START_TEST(line_aligned_random)
{
	static u8 big[65536] __attribute__((aligned(8)));
	ck_assert_int_eq(kmem_add_region(big + 8, sizeof big - 8, false), 0);
	void *early = kmalloc(12, GFP_KERNEL); /* before: 8-byte aligned */
	kmem_set_min_align(32);
	ck_assert_uint_eq(kmem_min_align(), 32);
	kmem_set_min_align(24); /* not a power of two: ignored */
	ck_assert_uint_eq(kmem_min_align(), 32);
	enum { N = 64 };
	u8 *live[N] = { 0 };
	size_t len[N];
	u32 seed = 12345;
	for (int op = 0; op < 2000; op++) {
		seed = seed * 1103515245u + 12345u;
		int i = (int)((seed >> 8) % N);
		if (live[i]) {
			for (size_t k = 0; k < len[i]; k++)
				ck_assert_uint_eq(live[i][k], (u8)(i + k));
			kfree(live[i]);
			live[i] = NULL;
			continue;
		}
		len[i] = 1 + (seed >> 16) % 700;
		live[i] = kmalloc(len[i], (seed & 1) ? GFP_KERNEL : GFP_KERNEL | __GFP_ZERO);
		if (!live[i])
			continue;
		ck_assert_uint_eq((uintptr_t)live[i] % 32, 0);
		ck_assert_uint_ge(ksize(live[i]), len[i]);
		ck_assert_uint_eq(ksize(live[i]) % 32, 0);
		memset(live[i], 0xee, ksize(live[i])); /* its whole lines are its own */
		for (size_t k = 0; k < len[i]; k++)
			live[i][k] = (u8)(i + k);
	}
	for (int i = 0; i < N; i++) {
		if (!live[i])
			continue;
		for (size_t k = 0; k < len[i]; k++)
			ck_assert_uint_eq(live[i][k], (u8)(i + k));
		kfree(live[i]);
	}
	kfree(early);
	struct kmem_stats st;
	kmem_get_stats(&st);
	ck_assert_uint_eq(st.free, st.total);
	ck_assert_ptr_nonnull(kmalloc(sizeof big - 8 - 32, GFP_KERNEL));
}
END_TEST

START_TEST(used_part_and_reserve_top)
{
	ck_assert_int_eq(kmem_add_region(low, sizeof low, false), 0);
	ck_assert_int_eq(kmem_add_region(high, sizeof high, true), 0);
	struct kmem_region_info ri;
	ck_assert(kmem_region_info(0, &ri));
	ck_assert_ptr_eq(ri.start, low);
	ck_assert_ptr_eq(ri.end, low + sizeof low);
	ck_assert(!ri.highmem);
	/* Empty: only the one free block's header is in use. */
	ck_assert_uint_le((size_t)(ri.used_end - ri.start), 32);
	u8 *a = kmalloc(100, GFP_KERNEL), *b = kmalloc(200, GFP_KERNEL);
	ck_assert(kmem_region_info(0, &ri));
	ck_assert(ri.used_end >= b + 200 && ri.used_end <= b + 200 + 32);
	kfree(b);
	ck_assert(kmem_region_info(0, &ri));
	ck_assert(ri.used_end >= a + 100 && ri.used_end <= a + 100 + 32);
	ck_assert(kmem_region_info(1, &ri));
	ck_assert(ri.highmem);
	ck_assert(!kmem_region_info(2, &ri));

	/* The top of high memory, for good: the rest of the heap unmoved. */
	struct kmem_stats before, after;
	kmem_get_stats(&before);
	u8 *top = kmem_reserve_top(4096, 64, true);
	ck_assert_ptr_nonnull(top);
	ck_assert_uint_eq((uintptr_t)top % 64, 0);
	ck_assert(top >= high + sizeof high - 4096 - 64 && top + 4096 <= high + sizeof high);
	kmem_get_stats(&after);
	ck_assert_uint_eq(before.total - after.total, (size_t)(high + sizeof high - top));
	ck_assert_uint_eq(before.free - after.free, (size_t)(high + sizeof high - top));
	ck_assert(kmem_region_info(1, &ri));
	ck_assert_ptr_eq(ri.end, top);
	u8 *h = kmalloc(1000, GFP_HIGHUSER);
	ck_assert_ptr_eq(h, high + 8);
	/* Everything else of high memory is allocatable, and never the top. */
	u8 *rest = kmalloc((size_t)(top - high) - 1008 - 8, GFP_HIGHUSER);
	ck_assert_ptr_nonnull(rest);
	ck_assert(rest + (top - high) - 1008 - 8 <= top);
	/* The top now in use: nothing more to reserve. */
	ck_assert_ptr_null(kmem_reserve_top(64, 64, true));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_slab");
	TCase *tc = tcase_create("slab");
	tcase_add_test(tc, alloc_free_merge);
	tcase_add_test(tc, highmem_only_when_asked);
	tcase_add_test(tc, bad_free_refused);
	tcase_add_test(tc, line_aligned_random);
	tcase_add_test(tc, used_part_and_reserve_top);
	suite_add_tcase(s, tc);
	return check_run(s);
}
