/*
 * The global coherent DMA pool (Linux's kernel/dma/coherent.c with
 * CONFIG_DMA_GLOBAL_POOL, as ARM without an MMU uses it): a
 * `reserved-memory` child with
 *
 *	compatible = "shared-dma-pool";
 *	reg = <base size>;
 *	no-map;
 *	linux,dma-default;
 *
 * is memory the kernel never allocates from (mm/memblock.c leaves no-map
 * regions out of the heap) and that arch/arm/mm maps Normal non-cacheable
 * with the MPU, so that what the CPU writes there is what a DMA controller
 * reads, and the other way round, without any maintenance.
 *
 * The pool is handed out in pages (PAGE_SIZE, 4 KiB) from a bitmap, each
 * allocation a naturally aligned power-of-two number of pages
 * (get_order(size)), zeroed; this is Linux's allocator, so a pool of
 * 1 MiB holds 256 one-page allocations. mm/dmapool.c carves small blocks
 * (the PL080's linked-list items) out of such pages.
 *
 * As in Linux on ARM, a pool without `no-map` is refused (it would be
 * mapped cacheable), and so is one marked `reusable`.
 */
#include <linux/dma-map-ops.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#define PAGE_SHIFT 12

struct dma_coherent_mem {
	void *virt_base;
	dma_addr_t device_base;
	unsigned long pfn_base;
	int size;               /* pages */
	unsigned long *bitmap;
	spinlock_t spinlock;
};

static struct dma_coherent_mem *dma_coherent_default_memory;

static int get_order(size_t size)
{
	int order = 0;
	size = (size - 1) >> PAGE_SHIFT;
	while (size) {
		order++;
		size >>= 1;
	}
	return order;
}

#define BITS_PER_LONG (8 * (int)sizeof(unsigned long))

static bool region_free(const unsigned long *map, int pos, int n)
{
	for (int i = pos; i < pos + n; i++)
		if (map[i / BITS_PER_LONG] & (1UL << (i % BITS_PER_LONG)))
			return false;
	return true;
}

static void region_set(unsigned long *map, int pos, int n, bool used)
{
	for (int i = pos; i < pos + n; i++) {
		if (used)
			map[i / BITS_PER_LONG] |= 1UL << (i % BITS_PER_LONG);
		else
			map[i / BITS_PER_LONG] &= ~(1UL << (i % BITS_PER_LONG));
	}
}

/* Linux's bitmap_find_free_region: the first free run of 2^order bits
 * aligned to its size; -ENOMEM if there is none. */
static int bitmap_find_free_region(unsigned long *map, int bits, int order)
{
	int n = 1 << order;
	for (int pos = 0; pos + n <= bits; pos += n)
		if (region_free(map, pos, n)) {
			region_set(map, pos, n, true);
			return pos;
		}
	return -ENOMEM;
}

static struct dma_coherent_mem *dma_init_coherent_memory(phys_addr_t phys_addr,
							 dma_addr_t device_addr, size_t size)
{
	int pages = (int)(size >> PAGE_SHIFT);
	size_t bitmap_size = DIV_ROUND_UP(pages, BITS_PER_LONG) * sizeof(unsigned long);
	struct dma_coherent_mem *m = kzalloc(sizeof(*m), GFP_KERNEL);
	unsigned long *bitmap = kzalloc(bitmap_size, GFP_KERNEL);
	if (!m || !bitmap || !pages) {
		kfree(m);
		kfree(bitmap);
		return NULL;
	}
	m->virt_base = (void *)(uintptr_t)phys_addr;
	m->device_base = device_addr;
	m->pfn_base = phys_addr >> PAGE_SHIFT;
	m->size = pages;
	m->bitmap = bitmap;
	spin_lock_init(&m->spinlock);
	return m;
}

int dma_init_global_coherent_from_dt(phys_addr_t *base, size_t *size)
{
	struct device_node *rmem = of_find_node_by_path("/reserved-memory"), *np;
	if (!rmem)
		return -ENODEV;
	for_each_available_child_of_node(rmem, np) {
		if (!of_device_is_compatible(np, "shared-dma-pool") ||
		    !of_property_read_bool(np, "linux,dma-default"))
			continue;
		struct resource r;
		if (of_address_to_resource(np, 0, &r)) {
			pr_err("Reserved memory: %s: no usable reg\n", np->full_name);
			return -EINVAL;
		}
		if (of_property_read_bool(np, "reusable")) {
			pr_err("Reserved memory: %s: a reusable region cannot be a DMA pool\n",
			       np->full_name);
			return -EINVAL;
		}
		if (!of_property_read_bool(np, "no-map")) {
			pr_err("Reserved memory: regions without no-map are not yet supported\n");
			return -EINVAL;
		}
		size_t sz = resource_size(&r);
		if ((r.start & (PAGE_SIZE - 1)) || (sz & (PAGE_SIZE - 1))) {
			pr_err("Reserved memory: %s: base and size must be multiples of %u bytes\n",
			       np->full_name, PAGE_SIZE);
			return -EINVAL;
		}
		pr_info("Reserved memory: created DMA memory pool at 0x%08x, size %u MiB\n",
			r.start, (unsigned int)(sz >> 20));
		struct dma_coherent_mem *m = dma_init_coherent_memory(r.start, r.start, sz);
		if (!m)
			return -ENOMEM;
		dma_coherent_default_memory = m;
		pr_info("DMA: default coherent area is set\n");
		*base = r.start;
		*size = sz;
		return 0;
	}
	return -ENODEV;
}

void dma_release_global_coherent(void)
{
	struct dma_coherent_mem *m = dma_coherent_default_memory;
	if (!m)
		return;
	dma_coherent_default_memory = NULL;
	kfree(m->bitmap);
	kfree(m);
}

bool dma_global_coherent_present(void)
{
	return dma_coherent_default_memory != NULL;
}

void *dma_alloc_from_global_coherent(struct device *dev, ssize_t size, dma_addr_t *dma_handle)
{
	struct dma_coherent_mem *mem = dma_coherent_default_memory;
	if (!mem || size <= 0 || (size_t)size > (size_t)mem->size << PAGE_SHIFT)
		return NULL;
	int order = get_order((size_t)size);
	unsigned long flags;
	spin_lock_irqsave(&mem->spinlock, flags);
	int pageno = bitmap_find_free_region(mem->bitmap, mem->size, order);
	spin_unlock_irqrestore(&mem->spinlock, flags);
	if (pageno < 0)
		return NULL;
	*dma_handle = mem->device_base + ((dma_addr_t)pageno << PAGE_SHIFT);
	void *ret = (u8 *)mem->virt_base + ((size_t)pageno << PAGE_SHIFT);
	memset(ret, 0, (size_t)size);
	return ret;
}

int dma_release_from_global_coherent(int order, void *vaddr)
{
	struct dma_coherent_mem *mem = dma_coherent_default_memory;
	if (!mem || (u8 *)vaddr < (u8 *)mem->virt_base ||
	    (u8 *)vaddr >= (u8 *)mem->virt_base + ((size_t)mem->size << PAGE_SHIFT))
		return 0;
	int page = (int)(((u8 *)vaddr - (u8 *)mem->virt_base) >> PAGE_SHIFT);
	unsigned long flags;
	spin_lock_irqsave(&mem->spinlock, flags);
	region_set(mem->bitmap, page, 1 << order, false);
	spin_unlock_irqrestore(&mem->spinlock, flags);
	return 1;
}

/* For mapping.c: the order of an allocation of `size` bytes. */
int dma_coherent_get_order(size_t size)
{
	return get_order(size);
}
