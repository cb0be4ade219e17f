/*
 * The kernel heap: kmalloc and kfree over a list of RAM regions, first fit
 * by address, freed neighbours merged. The first region is the SRAM
 * between .bss and the handler stack (the linker's __heap_start and
 * __heap_end); mm/memblock.c adds the rest of the RAM the device tree
 * lists. Small and predictable: the firmware allocates mostly at boot and
 * at probe, and a block's place depends only on the sequence of requests.
 *
 * External RAM (the DRAM of the default SoC) is slower and keeps the DRAM
 * out of self-refresh while it is used, so it serves only requests that
 * ask for it with __GFP_HIGHMEM (large buffers: DMA, workloads); the
 * kernel's own data stays in on-chip SRAM.
 *
 * Every allocation is preceded by an 8-byte header (its block's size with
 * the used bit, and a magic word that catches a kfree of something never
 * allocated, with the padding before the header).
 *
 * On a core with a D-cache, paging_init raises the alignment to the cache
 * line (kmem_set_min_align), as Linux's kmalloc guarantees
 * ARCH_DMA_MINALIGN on non-coherent machines: from then on every
 * allocation starts on a line and is rounded up to whole lines, so a
 * buffer handed to DMA shares no line with other data (a neighbour's
 * header or fields written while the device owns the buffer would
 * otherwise be written back over what the device wrote). That costs a
 * line per allocation (the header and the padding before it); with 8
 * (no cache, the MCU) the layout has no padding at all.
 * Each region keeps its free blocks in a list sorted by address, linked
 * through their first payload word: kmalloc visits only free blocks (a
 * walk over every block, used ones too, made boot quadratic in the number
 * of allocations, and with caches on it streamed the whole heap through
 * the D-cache), and kfree finds its free neighbours on the way to its
 * place in the list. Interrupts are off while the lists change, so
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
#define MAGIC_USED 0x6b6d0000u /* "km", and the padding in the low 16 bits */
#define MAGIC_MASK 0xffff0000u
#define MAGIC_FREE 0x66726565u /* "free" */
#define MAX_REGIONS 8

struct block {
	u32 size;  /* whole block, header included; bit 0: used */
	u32 magic;
	struct block *next_free; /* free blocks only: the next by address */
};

struct region {
	u8 *start, *end;
	struct block *free; /* the free blocks, by address */
	bool highmem;       /* external RAM: only for __GFP_HIGHMEM requests */
};

static struct region regions[MAX_REGIONS];
static unsigned int nregions;
static DEFINE_SPINLOCK(heap_lock);
static struct kmem_stats stats;
static u32 min_align = 8; /* of what kmalloc returns: a power of two */

void kmem_set_min_align(unsigned int align)
{
	if (align >= 8 && align <= 4096 && !(align & (align - 1)))
		min_align = align;
}

unsigned int kmem_min_align(void)
{
	return min_align;
}

static u32 bsize(const struct block *b)
{
	return b->size & ~USED;
}

static void set_free(struct block *b, u32 size, struct block *next)
{
	b->size = size;
	b->magic = MAGIC_FREE;
	b->next_free = next;
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
	r->free = (struct block *)r->start;
	set_free(r->free, (u32)(e - s), NULL);
	stats.total += e - s;
	stats.free += e - s;
	spin_unlock_irqrestore(&heap_lock, flags);
	return 0;
}

void *kmalloc(size_t size, gfp_t flags)
{
	if (size == 0 || size > 0x7ffff000u)
		return NULL;
	u32 body = (u32)ALIGN(size, min_align);
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	/* With __GFP_HIGHMEM external RAM first (two passes), else never. */
	for (unsigned int k = 0; k < 2 * nregions; k++) {
		struct region *r = &regions[k % nregions];
		if (r->highmem != (k < nregions) || (r->highmem && !(flags & __GFP_HIGHMEM)))
			continue;
		for (struct block **link = &r->free; *link; link = &(*link)->next_free) {
			struct block *b = *link;
			/* The padding that puts the payload on min_align. */
			u32 pad = (u32)(-((uintptr_t)b + HDR) & (min_align - 1));
			u32 need = max(pad + HDR + body, MIN_BLOCK);
			u32 have = b->size;
			if (have < need)
				continue;
			if (have - need >= MIN_BLOCK) {
				struct block *rest = (struct block *)((u8 *)b + need);
				set_free(rest, have - need, b->next_free);
				*link = rest;
			} else {
				need = have;
				*link = b->next_free;
			}
			struct block *h = (struct block *)((u8 *)b + pad);
			h->size = need | USED;
			h->magic = MAGIC_USED | pad;
			stats.free -= need;
			stats.allocs++;
			spin_unlock_irqrestore(&heap_lock, irq);
			void *p = &h->next_free;
			if (flags & __GFP_ZERO)
				memset(p, 0, need - pad - HDR);
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

static struct block *block_of(const void *p)
{
	return (struct block *)((u8 *)p - HDR);
}

void kfree(const void *p)
{
	if (!p)
		return;
	struct block *h = block_of(p);
	struct region *r = ((uintptr_t)p & 7) ? NULL : region_of(h);
	if (!r || (h->magic & MAGIC_MASK) != MAGIC_USED || !(h->size & USED) ||
	    (u8 *)h - (h->magic & ~MAGIC_MASK) < r->start) {
		WARN_ON(1);
		return;
	}
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	struct block *b = (struct block *)((u8 *)h - (h->magic & ~MAGIC_MASK));
	u32 size = bsize(h);
	h->magic = 0; /* no longer an allocation: a second kfree is caught */
	stats.free += size;
	stats.frees++;
	/* Its place in the free list: after prev, before next. */
	struct block **link = &r->free, *prev = NULL;
	while (*link && *link < b) {
		prev = *link;
		link = &prev->next_free;
	}
	struct block *next = *link;
	if (next && (u8 *)b + size == (u8 *)next) {
		size += next->size;
		next = next->next_free;
	}
	if (prev && (u8 *)prev + prev->size == (u8 *)b) {
		set_free(prev, prev->size + size, next);
	} else {
		set_free(b, size, next);
		*link = b;
	}
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
	if (!p)
		return 0;
	const struct block *h = block_of(p);
	return bsize(h) - HDR - (h->magic & ~MAGIC_MASK);
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

bool kmem_region_info(unsigned int i, struct kmem_region_info *ri)
{
	if (i >= nregions)
		return false;
	const struct region *r = &regions[i];
	const struct block *last = NULL;
	for (const struct block *b = r->free; b; b = b->next_free)
		last = b;
	ri->start = r->start;
	ri->end = r->end;
	ri->highmem = r->highmem;
	ri->used_end = r->end;
	if (last && (const u8 *)last + last->size == r->end)
		ri->used_end = (u8 *)last + sizeof(struct block);
	return true;
}

void *kmem_reserve_top(size_t size, size_t align, bool highmem)
{
	void *p = NULL;
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	struct region *r = NULL;
	for (unsigned int i = 0; i < nregions; i++)
		if (regions[i].highmem == highmem)
			r = &regions[i];
	if (!r || size == 0 || size > (size_t)(r->end - r->start))
		goto out;
	struct block **link = &r->free;
	while (*link && (*link)->next_free)
		link = &(*link)->next_free;
	struct block *last = *link;
	u8 *top = (u8 *)(((uintptr_t)r->end - size) & ~(uintptr_t)(align - 1));
	if (!last || (u8 *)last + last->size != r->end || top < (u8 *)last + MIN_BLOCK)
		goto out;
	u32 cut = (u32)(r->end - top);
	last->size -= cut;
	r->end = top;
	stats.total -= cut;
	stats.free -= cut;
	p = top;
out:
	spin_unlock_irqrestore(&heap_lock, irq);
	return p;
}

void kmem_get_stats(struct kmem_stats *st)
{
	unsigned long irq;
	spin_lock_irqsave(&heap_lock, irq);
	*st = stats;
	st->regions = nregions;
	spin_unlock_irqrestore(&heap_lock, irq);
}
