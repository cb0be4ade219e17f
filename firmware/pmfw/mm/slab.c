/*
 * The kernel heap: kmalloc and kfree over a list of RAM regions, first fit
 * with boundary tags so that freed neighbours merge. The first region is
 * the SRAM between .bss and the handler stack (the linker's __heap_start
 * and __heap_end); mm/memblock.c adds the rest of the RAM the device tree
 * lists. Small and predictable rather than fast: the firmware allocates
 * mostly at boot and at probe.
 *
 * External RAM (the DRAM of the default SoC) is slower and keeps the DRAM
 * out of self-refresh while it is used, so it serves only requests that
 * ask for it with __GFP_HIGHMEM (large buffers: DMA, workloads); the
 * kernel's own data stays in on-chip SRAM.
 *
 * Every block starts with an 8-byte header (its size with the used bit,
 * and a magic word that catches a kfree of something never allocated) and
 * free blocks carry their size in their last word too, so that kfree can
 * find the previous block. Interrupts are off while the lists change, so
 * kmalloc(GFP_ATOMIC) is safe in an interrupt handler.
 */
#include <linux/kernel.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "slab.h"

#define HDR 8u
#define MIN_BLOCK 16u
#define USED 1u
#define MAGIC_USED 0x6b6d616cu /* "kmal" */
#define MAGIC_FREE 0x66726565u /* "free" */
#define MAX_REGIONS 8

struct block {
	u32 size;  /* whole block, header included; bit 0: used */
	u32 magic;
};

struct region {
	u8 *start, *end;
	bool highmem; /* external RAM: only for __GFP_HIGHMEM requests */
};

static struct region regions[MAX_REGIONS];
static unsigned int nregions;
static DEFINE_SPINLOCK(heap_lock);
static struct kmem_stats stats;

static u32 bsize(const struct block *b)
{
	return b->size & ~USED;
}

static struct block *next_block(struct block *b)
{
	return (struct block *)((u8 *)b + bsize(b));
}

static void set_free(struct block *b, u32 size)
{
	b->size = size;
	b->magic = MAGIC_FREE;
	*(u32 *)((u8 *)b + size - 4) = size;
}

int kmem_add_region(void *start, size_t size, bool highmem)
{
	uintptr_t s = ALIGN((uintptr_t)start, 8), e = ((uintptr_t)start + size) & ~(uintptr_t)7;
	if (nregions == MAX_REGIONS || e <= s || e - s < 2 * MIN_BLOCK)
		return -1;
	unsigned long flags;
	spin_lock_irqsave(&heap_lock, flags);
	struct region *r = &regions[nregions++];
	r->start = (u8 *)s;
	r->end = (u8 *)e;
	r->highmem = highmem;
	set_free((struct block *)r->start, (u32)(e - s));
	stats.total += e - s;
	stats.free += e - s;
	spin_unlock_irqrestore(&heap_lock, flags);
	return 0;
}

void *kmalloc(size_t size, gfp_t flags)
{
	if (size == 0 || size > 0x7ffffff0u)
		return NULL;
	u32 need = (u32)ALIGN(size + HDR, 8);
	if (need < MIN_BLOCK)
		need = MIN_BLOCK;
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	/* With __GFP_HIGHMEM external RAM first (two passes), else never. */
	for (unsigned int k = 0; k < 2 * nregions; k++) {
		struct region *r = &regions[k % nregions];
		if (r->highmem != (k < nregions) || (r->highmem && !(flags & __GFP_HIGHMEM)))
			continue;
		for (struct block *b = (struct block *)r->start; (u8 *)b < r->end;
		     b = next_block(b)) {
			if ((b->size & USED) || bsize(b) < need)
				continue;
			u32 have = bsize(b);
			if (have - need >= MIN_BLOCK)
				set_free((struct block *)((u8 *)b + need), have - need);
			else
				need = have;
			b->size = need | USED;
			b->magic = MAGIC_USED;
			stats.free -= need;
			stats.allocs++;
			spin_unlock_irqrestore(&heap_lock, irq);
			void *p = b + 1;
			if (flags & __GFP_ZERO)
				memset(p, 0, need - HDR);
			return p;
		}
	}
	stats.failures++;
	spin_unlock_irqrestore(&heap_lock, irq);
	return NULL;
}

static struct region *region_of(const void *p)
{
	for (unsigned int i = 0; i < nregions; i++)
		if ((const u8 *)p >= regions[i].start && (const u8 *)p < regions[i].end)
			return &regions[i];
	return NULL;
}

void kfree(const void *p)
{
	if (!p)
		return;
	struct block *b = (struct block *)p - 1;
	struct region *r = ((uintptr_t)p & 7) ? NULL : region_of(b);
	if (!r || b->magic != MAGIC_USED || !(b->size & USED)) {
		WARN_ON(1);
		return;
	}
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	u32 size = bsize(b);
	stats.free += size;
	stats.frees++;
	struct block *n = next_block(b);
	if ((u8 *)n < r->end && !(n->size & USED))
		size += bsize(n);
	if ((u8 *)b > r->start) {
		/* The word before b is a free block's size, or a used one's data:
		 * only a plausible size is followed, and then checked. */
		u32 psize = *(u32 *)((u8 *)b - 4);
		struct block *pb = (struct block *)((u8 *)b - psize);
		if (psize >= MIN_BLOCK && psize % 8 == 0 && psize <= (u32)((u8 *)b - r->start) &&
		    pb->magic == MAGIC_FREE && !(pb->size & USED) && bsize(pb) == psize) {
			b = pb;
			size += psize;
		}
	}
	set_free(b, size);
	spin_unlock_irqrestore(&heap_lock, irq);
}

void *kzalloc(size_t size, gfp_t flags)
{
	return kmalloc(size, flags | __GFP_ZERO);
}

void *kcalloc(size_t n, size_t size, gfp_t flags)
{
	if (size && n > (size_t)-1 / size)
		return NULL;
	return kzalloc(n * size, flags);
}

size_t ksize(const void *p)
{
	return p ? bsize((const struct block *)p - 1) - HDR : 0;
}

void *krealloc(const void *p, size_t size, gfp_t flags)
{
	if (!p)
		return kmalloc(size, flags);
	if (size <= ksize(p))
		return (void *)p;
	void *n = kmalloc(size, flags);
	if (n) {
		memcpy(n, p, ksize(p));
		kfree(p);
	}
	return n;
}

char *kstrdup(const char *s, gfp_t flags)
{
	if (!s)
		return NULL;
	size_t n = strlen(s) + 1;
	char *d = kmalloc(n, flags);
	if (d)
		memcpy(d, s, n);
	return d;
}

void kmem_get_stats(struct kmem_stats *st)
{
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	*st = stats;
	st->regions = nregions;
	spin_unlock_irqrestore(&heap_lock, irq);
}
