/* Suspend to RAM's figures (pm.c), for its test. */
#ifndef _MACH_PMSIM_PM_MEM_H
#define _MACH_PMSIM_PM_MEM_H

#include <linux/types.h>

struct pmsim_pm_mem_stats {
	u32 suspends;       /* suspends to RAM that resumed */
	u32 aborts;         /* -EBUSY: a wake-up was pending */
	u32 extents;        /* ranges of SRAM copied, the last time */
	u32 saved_bytes;    /* bytes of SRAM copied to DRAM and back, the last time */
	u32 save_cycles;    /* core cycles (DWT CYCCNT) of the copy to DRAM */
	u32 restore_cycles; /* of the warm boot: DRAM out of self-refresh, the copy back */
	size_t reserved;    /* bytes of DRAM reserved at boot for the copy */
};

void pmsim_pm_mem_get_stats(struct pmsim_pm_mem_stats *st);

#endif
