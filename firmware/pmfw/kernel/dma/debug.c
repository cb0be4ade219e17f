/*
 * DMA-API debugging (Linux's kernel/dma/debug.c, CONFIG_DMA_API_DEBUG):
 * every streaming mapping and coherent allocation is an entry, kept in a
 * hash of buckets by device address (as Linux keys them: dev_addr >> 13),
 * and every unmap, free and sync is checked against the entry it names.
 *
 * What is reported, each with Linux's message ("DMA-API: <driver>
 * <device>: ..."):
 *  - unmap or free of an address with no entry ("device driver tries to
 *    free DMA memory it has not allocated": also a coherent double free;
 *    "... an invalid DMA memory address" for DMA_MAPPING_ERROR);
 *  - unmap with another size, another function (single, sg, coherent),
 *    another CPU address (coherent), another sg entry count or another
 *    direction than the map;
 *  - an unmap of a dma_map_single whose result was never given to
 *    dma_mapping_error ("device driver failed to check map error");
 *  - a sync of memory with no mapping, beyond the mapping, in another
 *    direction, for the CPU on a TO_DEVICE mapping or for the device on a
 *    FROM_DEVICE one;
 *  - a driver unbinding with entries left ("device driver has pending DMA
 *    allocations while released from device").
 *
 * As in Linux, an error is counted always (error_count) but printed only
 * while show_num_errors (1 at boot) lasts, or always with all_errors set,
 * and only for the driver named by driver_filter when that is set
 * (/sys/kernel/debug/dma-api/). Each report is a WARNING with the
 * message.
 *
 * Entries come from a free list filled at start (dma_debug_entries=N,
 * default 32, about 1.8 KiB: pmfw's devices map few buffers at once, and
 * the MCU has 128 KiB of SRAM) and grown by 16 at a time when it runs dry;
 * if memory runs out, debugging turns itself off ("debugging out of
 * memory - disabling"), as Linux does.
 */
#include <linux/dma-debug.h>
#include <linux/dma-mapping.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>

#include "debug.h"
#include "dma-dev.h"

#define HASH_SIZE 16u
#define HASH_FN_SHIFT 13
#define PREALLOC_DMA_DEBUG_ENTRIES 32u
#define DMA_DEBUG_DYNAMIC_ENTRIES 16u

enum { dma_debug_single, dma_debug_sg, dma_debug_coherent };
enum map_err_types { MAP_ERR_CHECK_NOT_APPLICABLE, MAP_ERR_NOT_CHECKED, MAP_ERR_CHECKED };

struct dma_debug_entry {
	struct list_head list;
	struct device *dev;
	u64 dev_addr;
	u64 size;
	int type;
	int direction;
	int sg_call_ents;
	int sg_mapped_ents;
	phys_addr_t paddr;
	enum map_err_types map_err_type;
};

static const char *const type2name[] = {
	[dma_debug_single] = "single",
	[dma_debug_sg] = "scather-gather", /* sic: Linux's spelling, which logs match */
	[dma_debug_coherent] = "coherent",
};
static const char *const dir2name[] = {
	[DMA_BIDIRECTIONAL] = "DMA_BIDIRECTIONAL", [DMA_TO_DEVICE] = "DMA_TO_DEVICE",
	[DMA_FROM_DEVICE] = "DMA_FROM_DEVICE", [DMA_NONE] = "DMA_NONE",
};

static struct list_head dma_entry_hash[HASH_SIZE];
static LIST_HEAD(free_entries);
static DEFINE_SPINLOCK(dma_debug_lock);

/* Shared with debug-dev.c's debugfs files (debug.h). */
bool global_disable;
static bool dma_debug_initialized;
static u32 nr_prealloc_entries = PREALLOC_DMA_DEBUG_ENTRIES;
u32 num_free_entries, min_free_entries, nr_total_entries;
u32 error_count;
u32 show_num_errors = 1;
bool show_all_errors;
char current_driver_name[NAME_MAX_LEN];

static bool dma_debug_disabled(void)
{
	return global_disable || !dma_debug_initialized;
}

static bool driver_filter(struct device *dev)
{
	if (!current_driver_name[0])
		return true;
	return dev && !strcmp(dma_dev_driver_string(dev), current_driver_name);
}

/* Count an error; true if it is to be printed (Linux's err_printk). */
static bool err_count(struct device *dev)
{
	bool show = driver_filter(dev) && (show_all_errors || show_num_errors > 0);
	error_count += 1;
	if (!show_all_errors && show_num_errors > 0)
		show_num_errors -= 1;
	if (show)
		__warn(__FILE__, __LINE__);
	return show;
}

#define err_printk(dev, entry, format, ...)                                           \
	do {                                                                           \
		if (err_count(dev))                                                    \
			pr_warn("DMA-API: %s %s: " format, dma_dev_driver_string(dev), \
				dma_dev_name(dev), ##__VA_ARGS__);                     \
	} while (0)

static struct list_head *hash_bucket(u64 dev_addr)
{
	return &dma_entry_hash[(dev_addr >> HASH_FN_SHIFT) & (HASH_SIZE - 1)];
}

/* The entry for `ref` (same device and address); among several (the same
 * buffer mapped twice), the one that matches the most of size, type,
 * direction and sg count. */
static struct dma_debug_entry *bucket_find_exact(struct dma_debug_entry *ref)
{
	struct dma_debug_entry *e, *best = NULL;
	int best_score = -1;
	list_for_each_entry(e, hash_bucket(ref->dev_addr), list) {
		if (e->dev != ref->dev || e->dev_addr != ref->dev_addr)
			continue;
		int score = (e->size == ref->size) + (e->type == ref->type) +
			    (e->direction == ref->direction) +
			    (!ref->sg_call_ents || e->sg_call_ents == ref->sg_call_ents);
		if (score == 4)
			return e;
		if (score > best_score) {
			best = e;
			best_score = score;
		}
	}
	return best;
}

/* The entry whose mapping contains ref's start (for syncs of a part). */
static struct dma_debug_entry *bucket_find_contain(struct dma_debug_entry *ref)
{
	struct dma_debug_entry *e = bucket_find_exact(ref);
	if (e)
		return e;
	for (unsigned int b = 0; b < HASH_SIZE; b++)
		list_for_each_entry(e, &dma_entry_hash[b], list)
			if (e->dev == ref->dev && ref->dev_addr >= e->dev_addr &&
			    ref->dev_addr - e->dev_addr < e->size)
				return e;
	return NULL;
}

static int dma_debug_create_entries(u32 n, gfp_t gfp)
{
	struct dma_debug_entry *e = kcalloc(n, sizeof(*e), gfp);
	if (!e)
		return -1;
	for (u32 i = 0; i < n; i++)
		list_add_tail(&e[i].list, &free_entries);
	num_free_entries += n;
	nr_total_entries += n;
	return 0;
}

/* Called with the lock held. */
static struct dma_debug_entry *dma_entry_alloc(void)
{
	if (list_empty(&free_entries) &&
	    dma_debug_create_entries(DMA_DEBUG_DYNAMIC_ENTRIES, GFP_ATOMIC)) {
		global_disable = true;
		pr_err("DMA-API: debugging out of memory - disabling\n");
		return NULL;
	}
	struct dma_debug_entry *e = list_first_entry(&free_entries, struct dma_debug_entry, list);
	list_del(&e->list);
	memset(e, 0, sizeof(*e));
	num_free_entries -= 1;
	if (num_free_entries < min_free_entries)
		min_free_entries = num_free_entries;
	return e;
}

static void dma_entry_free(struct dma_debug_entry *e)
{
	list_del(&e->list);
	list_add(&e->list, &free_entries);
	num_free_entries += 1;
}

static void add_dma_entry(const struct dma_debug_entry *ref)
{
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	struct dma_debug_entry *e = dma_entry_alloc();
	if (e) {
		*e = *ref;
		list_add_tail(&e->list, hash_bucket(e->dev_addr));
	}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
}

static void check_unmap(struct dma_debug_entry *ref)
{
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	struct dma_debug_entry *entry = bucket_find_exact(ref);
	if (!entry) {
		spin_unlock_irqrestore(&dma_debug_lock, flags);
		if (ref->dev_addr == DMA_MAPPING_ERROR)
			err_printk(ref->dev, NULL,
				   "device driver tries to free an invalid DMA memory address\n");
		else
			err_printk(ref->dev, NULL,
				   "device driver tries to free DMA memory it has not allocated "
				   "[device address=0x%016llx] [size=%llu bytes]\n",
				   ref->dev_addr, ref->size);
		return;
	}
	if (ref->size != entry->size)
		err_printk(ref->dev, entry,
			   "device driver frees DMA memory with different size "
			   "[device address=0x%016llx] [map size=%llu bytes] [unmap size=%llu bytes]\n",
			   ref->dev_addr, entry->size, ref->size);
	if (ref->type != entry->type)
		err_printk(ref->dev, entry,
			   "device driver frees DMA memory with wrong function "
			   "[device address=0x%016llx] [size=%llu bytes] [mapped as %s] [unmapped as %s]\n",
			   ref->dev_addr, ref->size, type2name[entry->type], type2name[ref->type]);
	else if (entry->type == dma_debug_coherent && ref->paddr != entry->paddr)
		err_printk(ref->dev, entry,
			   "device driver frees DMA memory with different CPU address "
			   "[device address=0x%016llx] [size=%llu bytes] "
			   "[cpu alloc address=0x%08x] [cpu free address=0x%08x]\n",
			   ref->dev_addr, ref->size, entry->paddr, ref->paddr);
	if (ref->sg_call_ents && ref->type == dma_debug_sg &&
	    ref->sg_call_ents != entry->sg_call_ents)
		err_printk(ref->dev, entry,
			   "device driver frees DMA sg list with different entry count "
			   "[map count=%d] [unmap count=%d]\n",
			   entry->sg_call_ents, ref->sg_call_ents);
	if (ref->direction != entry->direction)
		err_printk(ref->dev, entry,
			   "device driver frees DMA memory with different direction "
			   "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] [unmapped with %s]\n",
			   ref->dev_addr, ref->size, dir2name[entry->direction],
			   dir2name[ref->direction]);
	/* Linux's message has no space before the bracket. */
	if (entry->map_err_type == MAP_ERR_NOT_CHECKED)
		err_printk(ref->dev, entry,
			   "device driver failed to check map error"
			   "[device address=0x%016llx] [size=%llu bytes] [mapped as %s]\n",
			   ref->dev_addr, ref->size, type2name[entry->type]);
	dma_entry_free(entry);
	spin_unlock_irqrestore(&dma_debug_lock, flags);
}

static void check_sync(struct device *dev, struct dma_debug_entry *ref, bool to_cpu)
{
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	struct dma_debug_entry *entry = bucket_find_contain(ref);
	if (!entry) {
		err_printk(dev, NULL,
			   "device driver tries to sync DMA memory it has not allocated "
			   "[device address=0x%016llx] [size=%llu bytes]\n",
			   ref->dev_addr, ref->size);
		goto out;
	}
	u64 end = ref->dev_addr - entry->dev_addr + ref->size;
	if (end > entry->size)
		err_printk(dev, entry,
			   "device driver syncs DMA memory outside allocated range "
			   "[device address=0x%016llx] [allocation size=%llu bytes] "
			   "[sync offset+size=%llu]\n",
			   entry->dev_addr, entry->size, end);
	if (entry->direction == DMA_BIDIRECTIONAL)
		goto out;
	if (ref->direction != entry->direction)
		err_printk(dev, entry,
			   "device driver syncs DMA memory with different direction "
			   "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] [synced with %s]\n",
			   ref->dev_addr, entry->size, dir2name[entry->direction],
			   dir2name[ref->direction]);
	if (to_cpu && entry->direction != DMA_FROM_DEVICE && ref->direction != DMA_TO_DEVICE)
		err_printk(dev, entry,
			   "device driver syncs device read-only DMA memory for cpu "
			   "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] [synced with %s]\n",
			   ref->dev_addr, entry->size, dir2name[entry->direction],
			   dir2name[ref->direction]);
	if (!to_cpu && entry->direction != DMA_TO_DEVICE && ref->direction != DMA_FROM_DEVICE)
		err_printk(dev, entry,
			   "device driver syncs device write-only DMA memory to device "
			   "[device address=0x%016llx] [size=%llu bytes] [mapped with %s] [synced with %s]\n",
			   ref->dev_addr, entry->size, dir2name[entry->direction],
			   dir2name[ref->direction]);
	if (ref->sg_call_ents && ref->type == dma_debug_sg &&
	    ref->sg_call_ents != entry->sg_call_ents)
		err_printk(ref->dev, entry,
			   "device driver syncs DMA sg list with different entry count "
			   "[map count=%d] [sync count=%d]\n",
			   entry->sg_call_ents, ref->sg_call_ents);
out:
	spin_unlock_irqrestore(&dma_debug_lock, flags);
}

void debug_dma_map_single(struct device *dev, const void *addr, unsigned long len)
{
	if (dma_debug_disabled())
		return;
	if (!addr)
		err_printk(dev, NULL, "device driver maps memory from invalid area [addr=%p] [len=%lu]\n",
			   addr, len);
}

void debug_dma_map_page(struct device *dev, phys_addr_t paddr, size_t size, int direction,
			dma_addr_t dma_addr, unsigned long attrs)
{
	if (dma_debug_disabled() || dma_addr == DMA_MAPPING_ERROR)
		return;
	struct dma_debug_entry ref = {
		.dev = dev, .type = dma_debug_single, .paddr = paddr, .dev_addr = dma_addr,
		.size = size, .direction = direction, .map_err_type = MAP_ERR_NOT_CHECKED,
	};
	add_dma_entry(&ref);
}

void debug_dma_mapping_error(struct device *dev, dma_addr_t dma_addr)
{
	if (dma_debug_disabled())
		return;
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	/* The same buffer may be mapped more than once (no IOMMU: the same
	 * address): mark the first mapping not yet checked. */
	struct dma_debug_entry *e;
	list_for_each_entry(e, hash_bucket(dma_addr), list) {
		if (e->dev == dev && e->dev_addr == dma_addr &&
		    e->map_err_type == MAP_ERR_NOT_CHECKED) {
			e->map_err_type = MAP_ERR_CHECKED;
			break;
		}
	}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
}

void debug_dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, int direction)
{
	if (dma_debug_disabled())
		return;
	struct dma_debug_entry ref = {
		.dev = dev, .type = dma_debug_single, .dev_addr = addr, .size = size,
		.direction = direction,
	};
	check_unmap(&ref);
}

void debug_dma_map_sg(struct device *dev, struct scatterlist *sg, int nents, int mapped_ents,
		      int direction, unsigned long attrs)
{
	if (dma_debug_disabled())
		return;
	struct scatterlist *s;
	int i;
	for_each_sg(sg, s, mapped_ents, i) {
		struct dma_debug_entry ref = {
			.dev = dev, .type = dma_debug_sg, .paddr = sg_phys(s),
			.dev_addr = sg_dma_address(s), .size = sg_dma_len(s),
			.direction = direction, .sg_call_ents = nents,
			.sg_mapped_ents = mapped_ents,
		};
		add_dma_entry(&ref);
	}
}

/* How many entries dma_map_sg mapped for the list that starts at s. */
static int get_nr_mapped_entries(struct device *dev, struct dma_debug_entry *ref)
{
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	struct dma_debug_entry *e = bucket_find_exact(ref);
	int n = e ? e->sg_mapped_ents : 0;
	spin_unlock_irqrestore(&dma_debug_lock, flags);
	return n;
}

void debug_dma_unmap_sg(struct device *dev, struct scatterlist *sglist, int nelems, int dir)
{
	if (dma_debug_disabled())
		return;
	struct scatterlist *s;
	int i, mapped_ents = 0;
	for_each_sg(sglist, s, nelems, i) {
		struct dma_debug_entry ref = {
			.dev = dev, .type = dma_debug_sg, .paddr = sg_phys(s),
			.dev_addr = sg_dma_address(s), .size = sg_dma_len(s), .direction = dir,
			.sg_call_ents = nelems,
		};
		if (!i)
			mapped_ents = get_nr_mapped_entries(dev, &ref);
		if (mapped_ents && i >= mapped_ents)
			break;
		check_unmap(&ref);
	}
}

void debug_dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t dma_addr,
			      void *virt, unsigned long attrs)
{
	if (dma_debug_disabled() || !virt)
		return;
	struct dma_debug_entry ref = {
		.dev = dev, .type = dma_debug_coherent, .paddr = (phys_addr_t)(uintptr_t)virt,
		.dev_addr = dma_addr, .size = size, .direction = DMA_BIDIRECTIONAL,
	};
	add_dma_entry(&ref);
}

void debug_dma_free_coherent(struct device *dev, size_t size, void *virt, dma_addr_t addr)
{
	if (dma_debug_disabled())
		return;
	struct dma_debug_entry ref = {
		.dev = dev, .type = dma_debug_coherent, .paddr = (phys_addr_t)(uintptr_t)virt,
		.dev_addr = addr, .size = size, .direction = DMA_BIDIRECTIONAL,
	};
	check_unmap(&ref);
}

static void sync_single(struct device *dev, dma_addr_t h, size_t size, int dir, bool to_cpu)
{
	if (dma_debug_disabled())
		return;
	struct dma_debug_entry ref = {
		.dev = dev, .type = dma_debug_single, .dev_addr = h, .size = size, .direction = dir,
	};
	check_sync(dev, &ref, to_cpu);
}

void debug_dma_sync_single_for_cpu(struct device *dev, dma_addr_t h, size_t size, int dir)
{
	sync_single(dev, h, size, dir, true);
}

void debug_dma_sync_single_for_device(struct device *dev, dma_addr_t h, size_t size, int dir)
{
	sync_single(dev, h, size, dir, false);
}

static void sync_sg(struct device *dev, struct scatterlist *sg, int nelems, int dir, bool to_cpu)
{
	if (dma_debug_disabled())
		return;
	struct scatterlist *s;
	int i, mapped_ents = 0;
	for_each_sg(sg, s, nelems, i) {
		struct dma_debug_entry ref = {
			.dev = dev, .type = dma_debug_sg, .paddr = sg_phys(s),
			.dev_addr = sg_dma_address(s), .size = sg_dma_len(s), .direction = dir,
			.sg_call_ents = nelems,
		};
		if (!i)
			mapped_ents = get_nr_mapped_entries(dev, &ref);
		if (i >= mapped_ents)
			break;
		check_sync(dev, &ref, to_cpu);
	}
}

void debug_dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nelems, int dir)
{
	sync_sg(dev, sg, nelems, dir, true);
}

void debug_dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nelems,
				  int dir)
{
	sync_sg(dev, sg, nelems, dir, false);
}

int dma_debug_device_change_unbound(struct device *dev)
{
	if (dma_debug_disabled())
		return 0;
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	struct dma_debug_entry *e, first = { 0 };
	int count = 0;
	for (unsigned int b = 0; b < HASH_SIZE; b++)
		list_for_each_entry(e, &dma_entry_hash[b], list)
			if (e->dev == dev && !count++)
				first = *e;
	spin_unlock_irqrestore(&dma_debug_lock, flags);
	/* Two lines, as Linux prints them (two printks: each fits the log). */
	if (count && err_count(dev)) {
		pr_warn("DMA-API: %s %s: device driver has pending DMA allocations while released "
			"from device [count=%d]\n", dma_dev_driver_string(dev), dma_dev_name(dev),
			count);
		pr_warn("One of leaked entries details: [device address=0x%016llx] [size=%llu bytes] "
			"[mapped with %s] [mapped as %s]\n", first.dev_addr, first.size,
			dir2name[first.direction], type2name[first.type]);
	}
	return count;
}

/* Each entry of the device (all devices' for NULL) as one line, as
 * Linux's dump prints them, handed to emit. */
void dma_debug_dump(struct device *dev, void (*emit)(void *arg, const char *line), void *arg)
{
	if (dma_debug_disabled())
		return;
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	for (unsigned int b = 0; b < HASH_SIZE; b++) {
		struct dma_debug_entry *e;
		list_for_each_entry(e, &dma_entry_hash[b], list) {
			if (dev && e->dev != dev)
				continue;
			char line[160];
			snprintf(line, sizeof(line), "%s %s %s idx %u P=0x%08x D=0x%08llx L=0x%llx %s %s\n",
				 dma_dev_driver_string(e->dev), dma_dev_name(e->dev),
				 type2name[e->type], b, e->paddr, e->dev_addr, e->size,
				 dir2name[e->direction],
				 e->map_err_type == MAP_ERR_NOT_CHECKED ? "err-not-checked"
				 : e->map_err_type == MAP_ERR_CHECKED ? "err-checked" : "");
			emit(arg, line);
		}
	}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
}

static void emit_printk(void *arg, const char *line)
{
	pr_info("%s", line);
}

void debug_dma_dump_mappings(struct device *dev)
{
	dma_debug_dump(dev, emit_printk, NULL);
}

unsigned int dma_debug_entries_of(struct device *dev)
{
	unsigned int n = 0;
	unsigned long flags;
	spin_lock_irqsave(&dma_debug_lock, flags);
	for (unsigned int b = 0; b < HASH_SIZE; b++) {
		struct dma_debug_entry *e;
		list_for_each_entry(e, &dma_entry_hash[b], list)
			n += !dev || e->dev == dev;
	}
	spin_unlock_irqrestore(&dma_debug_lock, flags);
	return n;
}

void dma_debug_get_stats(struct dma_debug_stats *st)
{
	*st = (struct dma_debug_stats){
		.error_count = error_count, .show_num_errors = show_num_errors,
		.show_all_errors = show_all_errors, .num_free_entries = num_free_entries,
		.min_free_entries = min_free_entries, .nr_total_entries = nr_total_entries,
		.disabled = dma_debug_disabled(),
	};
}

void dma_debug_set_all_errors(bool all)
{
	show_all_errors = all;
}

void dma_debug_set_num_errors(u32 n)
{
	show_num_errors = n;
}

int dma_debug_set_driver_filter(const char *name)
{
	size_t n = strcspn(name, " \t\n");
	if (n >= sizeof(current_driver_name))
		return -1;
	memcpy(current_driver_name, name, n);
	current_driver_name[n] = '\0';
	if (n)
		pr_info("DMA-API: enable driver filter for driver [%s]\n", current_driver_name);
	else
		pr_info("DMA-API: switching off driver filter\n");
	return 0;
}

int dma_debug_init(void)
{
	if (global_disable || dma_debug_initialized)
		return 0;
	for (unsigned int i = 0; i < HASH_SIZE; i++)
		INIT_LIST_HEAD(&dma_entry_hash[i]);
	if (dma_debug_create_entries(nr_prealloc_entries, GFP_KERNEL)) {
		pr_err("DMA-API: debugging out of memory error - disabled\n");
		global_disable = true;
		return 0;
	}
	min_free_entries = num_free_entries;
	dma_debug_initialized = true;
	pr_info("DMA-API: preallocated %u debug entries\n", nr_prealloc_entries);
	pr_info("DMA-API: debugging enabled by kernel config\n");
	return 0;
}
core_initcall(dma_debug_init);

static int dma_debug_cmdline(char *str)
{
	if (!str)
		return -1;
	if (!strncmp(str, "off", 3)) {
		pr_info("DMA-API: debugging disabled on kernel command line\n");
		global_disable = true;
	}
	return 1;
}
__setup("dma_debug=", dma_debug_cmdline);

static int dma_debug_entries_cmdline(char *str)
{
	unsigned long n;
	if (!str || kstrtoul(str, 0, &n) || !n)
		return -1;
	nr_prealloc_entries = (u32)n;
	return 1;
}
__setup("dma_debug_entries=", dma_debug_entries_cmdline);
