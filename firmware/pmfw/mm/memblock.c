/*
 * RAM from the device tree (Linux's mm/memblock.c and drivers/of/fdt.c's
 * early_init_dt_scan_memory): the firmware is linked for 128 KiB of SRAM
 * (pmfw.ld); every `device_type = "memory"` node adds what it has beyond
 * that to the heap. On-chip SRAM (the ARMv7-M SRAM region, 0x2000_0000 to
 * 0x3fff_ffff) is ordinary kernel memory; external RAM (0x6000_0000 to
 * 0x9fff_ffff, the DRAM of the default SoC) is high memory, given only to
 * __GFP_HIGHMEM requests (mm/slab.c says why).
 *
 * Children of /reserved-memory with `no-map` (the coherent DMA pool,
 * kernel/dma/coherent.c) are cut out: the heap never hands them out.
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

#define MAX_NOMAP 4
static struct resource nomap[MAX_NOMAP];
static int nr_nomap;

/* early_init_fdt_scan_reserved_mem: the no-map regions. */
static void scan_reserved_mem(void)
{
	struct device_node *rmem = of_find_node_by_path("/reserved-memory"), *np;
	if (!rmem)
		return;
	for_each_available_child_of_node(rmem, np) {
		struct resource r;
		if (!of_property_read_bool(np, "no-map") || of_address_to_resource(np, 0, &r))
			continue;
		if (nr_nomap == MAX_NOMAP) {
			pr_warn("OF: reserved mem: %s: too many no-map regions\n", np->full_name);
			continue;
		}
		nomap[nr_nomap++] = r;
		pr_info("OF: reserved mem: 0x%08x..0x%08x (%u KiB) nomap non-reusable %s\n",
			r.start, r.end, (r.end - r.start + 1) >> 10, np->name);
	}
}

/* Give [s, e) to the heap, less the no-map regions. */
static int add_ram(u32 s, u32 e)
{
	for (int i = 0; i < nr_nomap; i++) {
		u32 ns = nomap[i].start, ne = nomap[i].end + 1;
		if (ns < e && ne > s) {
			int rc = 0;
			if (s < ns)
				rc |= add_ram(s, ns);
			if (ne < e)
				rc |= add_ram(ne, e);
			return rc;
		}
	}
	return kmem_add_region((void *)(uintptr_t)s, e - s, is_external(s));
}

/* Add the device tree's RAM, less what the image already uses. */
void memblock_add_dt(void)
{
	scan_reserved_mem();
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
					add_ram(s, lo);
				if (e <= hi)
					continue;
				s = hi;
			}
			if (add_ram(s, e))
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
