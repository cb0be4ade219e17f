/*
 * RAM from the device tree (Linux's mm/memblock.c and drivers/of/fdt.c's
 * early_init_dt_scan_memory): the firmware is linked for 64 KiB of SRAM
 * (pmfw.ld); every `device_type = "memory"` node adds what it has beyond
 * that to the heap. On-chip SRAM (the ARMv7-M SRAM region, 0x2000_0000 to
 * 0x3fff_ffff) is ordinary kernel memory; external RAM (0x6000_0000 to
 * 0x9fff_ffff, the DRAM of the default SoC) is high memory, given only to
 * __GFP_HIGHMEM requests (mm/slab.c says why).
 */
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/string.h>

#include "slab.h"

extern char __data_start[], __heap_start[], __heap_end[], __msp_stack_top[];

static bool is_external(u32 addr)
{
	return addr >= 0x60000000u && addr < 0xa0000000u;
}

void mm_init(void)
{
	kmem_add_region(__heap_start, (size_t)(__heap_end - __heap_start), false);
}

/* Add the device tree's RAM, less what the image already uses. */
void memblock_add_dt(void)
{
	u32 lo = (u32)(uintptr_t)__data_start, hi = (u32)(uintptr_t)__msp_stack_top;
	struct device_node *np;
	for_each_of_allnodes(np) {
		const char *type;
		if (of_property_read_string(np, "device_type", &type) || strcmp(type, "memory") ||
		    !of_device_is_available(np))
			continue;
		struct resource r;
		for (int i = 0; !of_address_to_resource(np, i, &r); i++) {
			u32 s = r.start, e = r.end + 1;
			/* Cut out the linked SRAM. */
			if (s < hi && e > lo) {
				if (s < lo)
					kmem_add_region((void *)(uintptr_t)s, lo - s, is_external(s));
				if (e <= hi)
					continue;
				s = hi;
			}
			if (kmem_add_region((void *)(uintptr_t)s, e - s, is_external(s)))
				pr_warn("memblock: %s: 0x%08lx-0x%08lx not used (too small, or too "
					"many regions)\n", np->full_name, (unsigned long)s,
					(unsigned long)(e - 1));
			else
				pr_info("memblock: %s: 0x%08lx-0x%08lx, %lu KiB%s\n", np->full_name,
					(unsigned long)s, (unsigned long)(e - 1),
					(unsigned long)(e - s) >> 10,
					is_external(s) ? " (high memory)" : "");
		}
	}
}
