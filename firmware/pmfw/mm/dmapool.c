/*
 * DMA pools (Linux's mm/dmapool.c): a pool hands out blocks of one size
 * from pages of coherent memory (dma_alloc_coherent, PAGE_SIZE each, or
 * one block if blocks are bigger), so that many small descriptors share
 * one coherent allocation. Blocks are aligned to the pool's `align`
 * (absolute addresses, whatever the page's own alignment) and never
 * cross a `boundary`. Free blocks form a list through their first word.
 *
 * As in Linux, destroying a pool whose blocks are still in use reports
 * "dma_pool_destroy <name>, busy" and leaks its pages (a driver would
 * otherwise have a descriptor the next allocation overwrites); freeing a
 * block of another pool, or twice, is reported and ignored.
 */
#include <linux/dma-mapping.h>
#include <linux/dmapool.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

struct dma_block {
	struct dma_block *next_block;
	dma_addr_t dma;
};

struct dma_page {
	struct list_head page_list;
	void *vaddr;
	dma_addr_t dma;
};

struct dma_pool {
	struct list_head page_list;
	spinlock_t lock;
	struct dma_block *next_block; /* the free blocks */
	size_t nr_blocks, nr_active, nr_pages;
	struct device *dev;
	unsigned int size, allocation, boundary, align;
	char name[32];
};

struct dma_pool *dma_pool_create(const char *name, struct device *dev, size_t size,
				 size_t align, size_t boundary)
{
	if (!align)
		align = 1;
	else if (align & (align - 1))
		return NULL;
	if (size == 0 || size > INT_MAX)
		return NULL;
	if (size < sizeof(struct dma_block))
		size = sizeof(struct dma_block);
	size = ALIGN(size, align);
	size_t allocation = max_t(size_t, size, PAGE_SIZE);
	if (!boundary)
		boundary = allocation;
	else if (boundary < size || (boundary & (boundary - 1)))
		return NULL;
	boundary = min(boundary, allocation);

	struct dma_pool *pool = kzalloc(sizeof(*pool), GFP_KERNEL);
	if (!pool)
		return NULL;
	strncpy(pool->name, name, sizeof(pool->name) - 1);
	pool->dev = dev;
	INIT_LIST_HEAD(&pool->page_list);
	spin_lock_init(&pool->lock);
	pool->size = (unsigned int)size;
	pool->allocation = (unsigned int)allocation;
	pool->boundary = (unsigned int)boundary;
	pool->align = (unsigned int)align;
	return pool;
}

/* Allocate a page and thread its blocks onto the free list. */
static int pool_add_page(struct dma_pool *pool, gfp_t mem_flags)
{
	struct dma_page *page = kmalloc(sizeof(*page), mem_flags & ~__GFP_ZERO);
	if (!page)
		return -1;
	dma_addr_t dma;
	void *vaddr = dma_alloc_coherent(pool->dev, pool->allocation, &dma, mem_flags);
	if (!vaddr) {
		kfree(page);
		return -1;
	}
	page->vaddr = vaddr;
	page->dma = dma;
	uintptr_t start = ALIGN((uintptr_t)vaddr, pool->align);
	uintptr_t end = (uintptr_t)vaddr + pool->allocation;
	struct dma_block **tail = &pool->next_block;
	while (*tail)
		tail = &(*tail)->next_block;
	for (uintptr_t b = start; b + pool->size <= end;) {
		/* Not across a boundary (in DMA addresses, which equal these). */
		uintptr_t next_boundary = ALIGN(b + 1, pool->boundary);
		if (b + pool->size > next_boundary) {
			b = next_boundary;
			continue;
		}
		struct dma_block *blk = (struct dma_block *)b;
		blk->dma = dma + (dma_addr_t)(b - (uintptr_t)vaddr);
		blk->next_block = NULL;
		*tail = blk;
		tail = &blk->next_block;
		pool->nr_blocks++;
		b += pool->size;
	}
	list_add(&page->page_list, &pool->page_list);
	pool->nr_pages++;
	return 0;
}

void *dma_pool_alloc(struct dma_pool *pool, gfp_t mem_flags, dma_addr_t *handle)
{
	unsigned long flags;
	spin_lock_irqsave(&pool->lock, flags);
	if (!pool->next_block && pool_add_page(pool, mem_flags & ~__GFP_ZERO)) {
		spin_unlock_irqrestore(&pool->lock, flags);
		return NULL;
	}
	struct dma_block *blk = pool->next_block;
	pool->next_block = blk->next_block;
	pool->nr_active++;
	spin_unlock_irqrestore(&pool->lock, flags);
	*handle = blk->dma;
	if (mem_flags & __GFP_ZERO)
		memset(blk, 0, pool->size);
	return blk;
}

static struct dma_page *pool_find_page(struct dma_pool *pool, void *vaddr)
{
	struct dma_page *page;
	list_for_each_entry(page, &pool->page_list, page_list)
		if ((u8 *)vaddr >= (u8 *)page->vaddr &&
		    (u8 *)vaddr < (u8 *)page->vaddr + pool->allocation)
			return page;
	return NULL;
}

void dma_pool_free(struct dma_pool *pool, void *vaddr, dma_addr_t dma)
{
	unsigned long flags;
	spin_lock_irqsave(&pool->lock, flags);
	struct dma_page *page = pool_find_page(pool, vaddr);
	bool bad = !page || dma != page->dma + (dma_addr_t)((u8 *)vaddr - (u8 *)page->vaddr);
	for (struct dma_block *b = pool->next_block; !bad && b; b = b->next_block)
		bad = b == vaddr;
	if (bad) {
		spin_unlock_irqrestore(&pool->lock, flags);
		pr_err("dma_pool_free %s, %p/0x%08x (bad dma)\n", pool->name, vaddr, dma);
		return;
	}
	struct dma_block *blk = vaddr;
	blk->dma = dma;
	blk->next_block = pool->next_block;
	pool->next_block = blk;
	pool->nr_active--;
	spin_unlock_irqrestore(&pool->lock, flags);
}

void dma_pool_destroy(struct dma_pool *pool)
{
	if (!pool)
		return;
	if (pool->nr_active) {
		pr_err("dma_pool_destroy %s, busy\n", pool->name);
	} else {
		struct dma_page *page, *tmp;
		list_for_each_entry_safe(page, tmp, &pool->page_list, page_list) {
			dma_free_coherent(pool->dev, pool->allocation, page->vaddr, page->dma);
			list_del(&page->page_list);
			kfree(page);
		}
	}
	kfree(pool);
}
