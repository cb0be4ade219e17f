/*
 * DMA-API debugging (include/linux/dma-debug.h, kernel/dma/debug.c; Linux's
 * CONFIG_DMA_API_DEBUG, always built in pmfw). The DMA API calls these
 * hooks; drivers never do. `dma_debug=off` on the command line turns the
 * checks off; `dma_debug_entries=N` sets how many entries are allocated
 * at start (more are added as needed).
 */
#ifndef _LINUX_DMA_DEBUG_H
#define _LINUX_DMA_DEBUG_H

#include <linux/dma-direction.h>
#include <linux/types.h>

struct device;
struct scatterlist;

int dma_debug_init(void);

void debug_dma_map_single(struct device *dev, const void *addr, unsigned long len);
/* A streaming mapping made (dma_map_single: its "single" entry). */
void debug_dma_map_page(struct device *dev, phys_addr_t paddr, size_t size, int direction,
			dma_addr_t dma_addr, unsigned long attrs);
void debug_dma_mapping_error(struct device *dev, dma_addr_t dma_addr);
void debug_dma_unmap_page(struct device *dev, dma_addr_t addr, size_t size, int direction);
void debug_dma_map_sg(struct device *dev, struct scatterlist *sg, int nents, int mapped_ents,
		      int direction, unsigned long attrs);
void debug_dma_unmap_sg(struct device *dev, struct scatterlist *sglist, int nelems, int dir);
void debug_dma_alloc_coherent(struct device *dev, size_t size, dma_addr_t dma_addr,
			      void *virt, unsigned long attrs);
void debug_dma_free_coherent(struct device *dev, size_t size, void *virt, dma_addr_t addr);
void debug_dma_sync_single_for_cpu(struct device *dev, dma_addr_t dma_handle, size_t size,
				   int direction);
void debug_dma_sync_single_for_device(struct device *dev, dma_addr_t dma_handle, size_t size,
				      int direction);
void debug_dma_sync_sg_for_cpu(struct device *dev, struct scatterlist *sg, int nelems,
			       int direction);
void debug_dma_sync_sg_for_device(struct device *dev, struct scatterlist *sg, int nelems,
				  int direction);
/* Print the device's mappings (all devices' for NULL). */
void debug_dma_dump_mappings(struct device *dev);
void dma_debug_dump(struct device *dev, void (*emit)(void *arg, const char *line), void *arg);
/* Check for leaks when a driver leaves a device of this bus. */
struct bus_type;
void dma_debug_add_bus(const struct bus_type *bus);

/* A driver is leaving the device (the bus notifier's
 * BUS_NOTIFY_UNBOUND_DRIVER): what it still has mapped or allocated is
 * a leak, reported once with the count and one of the entries. Returns
 * the number of entries found. */
int dma_debug_device_change_unbound(struct device *dev);

/* The state debugfs shows in /sys/kernel/debug/dma-api/. */
struct dma_debug_stats {
	u32 error_count;        /* errors found, reported or not */
	u32 show_num_errors;    /* how many more will be printed */
	bool show_all_errors;   /* print every error */
	u32 num_free_entries;
	u32 min_free_entries;
	u32 nr_total_entries;
	bool disabled;          /* dma_debug=off, or out of memory */
};
void dma_debug_get_stats(struct dma_debug_stats *st);
void dma_debug_set_all_errors(bool all);
void dma_debug_set_num_errors(u32 n);
/* Only errors of the driver named here are printed ("" for all). */
int dma_debug_set_driver_filter(const char *name);
/* The number of live entries of a device (all devices' for NULL). */
unsigned int dma_debug_entries_of(struct device *dev);

#endif
