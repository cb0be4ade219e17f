/* Memory management of arch/arm/mm/ (Linux's arch/arm/mm/mm.h): what
 * nommu.c's paging_init calls. */
#ifndef _ARCH_ARM_MM_MM_H
#define _ARCH_ARM_MM_MM_H

#include <linux/types.h>

/* pmsa-v7.c: the number of MPU regions (0: no MPU); program the
 * background map and the coherent pool's region, enable the MPU. */
extern unsigned int mpu_regions;
int pmsav7_setup(phys_addr_t pool_base, size_t pool_size);

#endif
