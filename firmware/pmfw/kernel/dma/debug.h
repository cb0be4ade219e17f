/* DMA-API debug's state (debug.c), for its debugfs files and bus
 * notifier (debug-dev.c). */
#ifndef _KERNEL_DMA_DEBUG_H
#define _KERNEL_DMA_DEBUG_H

#include <linux/types.h>

#define NAME_MAX_LEN 64

extern bool global_disable;
extern u32 num_free_entries, min_free_entries, nr_total_entries;
extern u32 error_count, show_num_errors;
extern bool show_all_errors;
extern char current_driver_name[NAME_MAX_LEN];

#endif
