/*
 * SoC construction from a flattened device tree.
 *
 * Memory comes from `memory` nodes (device_type = "memory"), `mmio-sram`
 * nodes (RAM) and `pmsim,flash` nodes (read-only to the CPU). The core comes
 * from the first cpu node under /cpus, its interrupt controller from the
 * `arm,armv7m-nvic` node. Every other node whose `compatible` names a
 * registered model is instantiated, in tree order; nodes with
 * status = "disabled" are skipped; nodes whose compatible names no model are
 * kept in the device list (so `pmsim info` shows them) but do nothing.
 */
#include "sim/soc.h"

#include <inttypes.h>
#include <libfdt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cpu/cpu.h"
#include "pm/battery.h"
#include "pm/clock.h"
#include "pm/collect.h"
#include "pm/latency.h"
#include "pm/meter.h"
#include "pm/pmu.h"
#include "pm/regulator.h"
#include "pm/thermal.h"
#include "sim/chardev.h"

const struct dev_type *dev_type_find(const char *compatible)
{
	for (unsigned i = 0; dev_types[i]; i++)
		if (!strcmp(dev_types[i]->compatible, compatible))
			return dev_types[i];
	return NULL;
}

static void node_init(struct dt_node *n, const void *fdt, int off)
{
	n->fdt = fdt;
	n->off = off;
	if (fdt_get_path(fdt, off, n->path, sizeof n->path) != 0)
		snprintf(n->path, sizeof n->path, "%s", fdt_get_name(fdt, off, NULL));
}

static bool node_enabled(const struct dt_node *n)
{
	const char *st = dt_string(n, "status");
	return !st || !strcmp(st, "okay") || !strcmp(st, "ok");
}

/* True if any string of the node's compatible list equals `c`. */
static bool node_is(const struct dt_node *n, const char *c)
{
	return fdt_node_check_compatible(n->fdt, n->off, c) == 0;
}

/* The cores pmsim models. `arm,cortex-m4f` (Zephyr's name for the part
 * with its FPU) is the Cortex-M4 with FPv4-SP-D16 unless pmsim,fpu says
 * otherwise. */
static const struct {
	const char *compatible, *model;
	uint32_t cpuid;
	bool dsp;
	enum cpu_timing timing;
	enum cpu_fpu fpu;      /* without pmsim,fpu */
} cpu_models[] = {
	/* r2p1, r0p1, r0p1, r1p2 */
	{ "arm,cortex-m3", "arm,cortex-m3", 0x412FC231, false, CPU_TIMING_M3, CPU_FPU_NONE },
	{ "arm,cortex-m4", "arm,cortex-m4", 0x410FC241, true, CPU_TIMING_M3, CPU_FPU_NONE },
	{ "arm,cortex-m4f", "arm,cortex-m4", 0x410FC241, true, CPU_TIMING_M3, CPU_FPU_V4_SP },
	{ "arm,cortex-m7", "arm,cortex-m7", 0x411FC272, true, CPU_TIMING_M7, CPU_FPU_NONE },
};

/* A cache from the devicetree-specification properties PREFIX-cache-size,
 * -line-size and -sets on the cpu node; absent size = no cache. */
static int cache_config(const struct dt_node *n, const char *prefix,
			struct cpu_cache_config *cc, struct err *e)
{
	char size_p[40], line_p[40], sets_p[40];
	snprintf(size_p, sizeof size_p, "%s-cache-size", prefix);
	snprintf(line_p, sizeof line_p, "%s-cache-line-size", prefix);
	snprintf(sets_p, sizeof sets_p, "%s-cache-sets", prefix);
	memset(cc, 0, sizeof *cc);
	if (!dt_bool(n, size_p))
		return 0;
	uint32_t size, line, sets;
	if (dt_u32(n, size_p, &size, e) || dt_u32(n, line_p, &line, e) ||
	    dt_u32(n, sets_p, &sets, e))
		return -1;
	bool pow2 = size && line && sets && !(size & (size - 1)) && !(line & (line - 1)) &&
		    !(sets & (sets - 1));
	if (!pow2 || line < 16 || line > 128 || size % (line * sets) || size / (line * sets) > 32)
		return errf(e, "%s: %s-cache geometry %u bytes / %u-byte lines / %u sets is not "
			    "supported (powers of two, lines of 16-128 bytes, 1-32 ways)", n->path,
			    prefix, size, line, sets);
	cc->size = size;
	cc->line = line;
	cc->ways = size / (line * sets);
	return 0;
}

/* The floating-point extension from `pmsim,fpu` on the cpu node: the
 * unit the core's compatible allows (FPv4-SP-D16 is the Cortex-M4F's,
 * FPv5 the Cortex-M7's); *fpu (the model's default) when the property is
 * absent. */
static int fpu_config(const struct dt_node *n, const char *cpu, enum cpu_fpu *fpu,
		      struct err *e)
{
	static const struct {
		const char *name, *cpu;
		enum cpu_fpu fpu;
	} units[] = {
		{ "none", NULL, CPU_FPU_NONE },
		{ "fpv4-sp-d16", "arm,cortex-m4", CPU_FPU_V4_SP },
		{ "fpv5-sp-d16", "arm,cortex-m7", CPU_FPU_V5_SP },
		{ "fpv5-d16", "arm,cortex-m7", CPU_FPU_V5_DP },
	};
	const char *v = dt_string(n, "pmsim,fpu");
	if (!v)
		return 0;
	for (unsigned i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(v, units[i].name))
			continue;
		if (units[i].cpu && strcmp(units[i].cpu, cpu))
			return errf(e, "%s: 'pmsim,fpu' is \"%s\", which %s does not have (%s "
				    "only)", n->path, v, cpu, units[i].cpu);
		*fpu = units[i].fpu;
		return 0;
	}
	return errf(e, "%s: 'pmsim,fpu' must be \"none\", \"fpv4-sp-d16\" (arm,cortex-m4), "
		    "\"fpv5-sp-d16\" or \"fpv5-d16\" (arm,cortex-m7) (is \"%s\")", n->path, v);
}

static int setup_cpu_node(struct soc *soc, struct cpu_config *cfg, int *cpu_off, struct err *e)
{
	int cpus = fdt_path_offset(soc->fdt, "/cpus");
	if (cpus < 0)
		return errf(e, "device tree: no /cpus node");
	int off = fdt_first_subnode(soc->fdt, cpus);
	while (off >= 0) {
		struct dt_node n;
		node_init(&n, soc->fdt, off);
		const char *dt = dt_string(&n, "device_type");
		if (dt && !strcmp(dt, "cpu") && node_enabled(&n)) {
			const char *compat = dt_string(&n, "compatible");
			if (!compat)
				return errf(e, "%s: missing property 'compatible'", n.path);
			for (unsigned i = 0; i < sizeof cpu_models / sizeof cpu_models[0]; i++)
				if (node_is(&n, cpu_models[i].compatible)) {
					snprintf(soc->cpu_compatible, sizeof soc->cpu_compatible, "%s",
						 cpu_models[i].model);
					cfg->fpu = cpu_models[i].fpu;
					cfg->cpuid = cpu_models[i].cpuid;
					cfg->dsp = cpu_models[i].dsp;
					cfg->timing = cpu_models[i].timing;
				}
			if (!soc->cpu_compatible[0])
				return errf(e, "%s: unsupported cpu '%s' (pmsim models arm,cortex-m3, "
					    "arm,cortex-m4, arm,cortex-m4f and arm,cortex-m7)", n.path,
					    compat);
			if (dt_u32(&n, "clock-frequency", &soc->cpu_freq_hz, e))
				return -1;
			if (soc->cpu_freq_hz == 0)
				return errf(e, "%s: 'clock-frequency' must not be 0", n.path);
			if (soc->cpu_freq_hz > SOC_CPU_MAX_HZ)
				return errf(e, "%s: 'clock-frequency' (%u Hz) is above %u Hz, the fastest "
					    "core pmsim runs", n.path, soc->cpu_freq_hz, SOC_CPU_MAX_HZ);
			*cpu_off = off;
			soc->systick_ref_hz = dt_u32_opt(&n, "pmsim,systick-ref-hz", 0);
			/* The Cortex-M3 and M4 have no L1 caches (CLIDR, CTR and
			 * CCR.IC/DC read zero): a cache on one is a mistake in
			 * the tree, not something to model or drop silently. */
			static const char *const cache_props[] = { "i-cache-size", "d-cache-size" };
			for (unsigned i = 0; i < 2 && cfg->timing != CPU_TIMING_M7; i++)
				if (dt_bool(&n, cache_props[i]))
					return errf(e, "%s: '%s' is set, but %s has no caches "
						    "(only arm,cortex-m7 has L1 caches)", n.path,
						    cache_props[i], soc->cpu_compatible);
			if (cache_config(&n, "i", &cfg->icache, e) ||
			    cache_config(&n, "d", &cfg->dcache, e))
				return -1;
			const char *alloc = dt_string(&n, "pmsim,d-cache-allocate");
			if (alloc && strcmp(alloc, "read") && strcmp(alloc, "write"))
				return errf(e, "%s: 'pmsim,d-cache-allocate' must be \"read\" or "
					    "\"write\" (is \"%s\")", n.path, alloc);
			cfg->dcache.write_allocate = alloc && !strcmp(alloc, "write");
			if (fpu_config(&n, soc->cpu_compatible, &cfg->fpu, e))
				return -1;
			cfg->mpu_regions = dt_u32_opt(&n, "pmsim,mpu-regions", 8);
			if (cfg->mpu_regions != 0 && cfg->mpu_regions != 8 && cfg->mpu_regions != 16)
				return errf(e, "%s: 'pmsim,mpu-regions' must be 0, 8 or 16 (is %u)",
					    n.path, cfg->mpu_regions);
			return 0;
		}
		off = fdt_next_subnode(soc->fdt, off);
	}
	return errf(e, "device tree: /cpus has no enabled cpu node");
}

/* Access timing of a region from `pmsim,access-ns = <first [next]>` and
 * `pmsim,prefetch-bytes` on its node (or, for devices, on the bus node
 * above it). */
static int region_timing(struct soc *soc, const struct dt_node *n, uint32_t base, struct err *e)
{
	const struct bus_region *r = bus_find(&soc->bus, base);
	if (!r)
		return 0;
	struct dt_node src = *n;
	if (!dt_bool(&src, "pmsim,access-ns") && r->kind == BUS_MMIO) {
		int parent = fdt_parent_offset(n->fdt, n->off);
		if (parent >= 0)
			node_init(&src, n->fdt, parent);
	}
	int cells = dt_cells(&src, "pmsim,access-ns");
	if (cells < 0 || cells > 2)
		return errf(e, "%s: 'pmsim,access-ns' must be <first> or <first next>", src.path);
	uint32_t first = cells ? dt_cell(&src, "pmsim,access-ns", 0) : 0;
	uint32_t next = cells == 2 ? dt_cell(&src, "pmsim,access-ns", 1) : first;
	uint32_t prefetch = dt_u32_opt(n, "pmsim,prefetch-bytes", 0);
	if (first > 1000000 || next > 1000000)
		return errf(e, "%s: 'pmsim,access-ns' above 1 ms is not plausible", src.path);
	if (prefetch & (prefetch - 1))
		return errf(e, "%s: 'pmsim,prefetch-bytes' must be a power of two", n->path);
	bus_set_timing(&soc->bus, (int)(r - soc->bus.regions), first * 1000, next * 1000, prefetch);
	return 0;
}

/* The node a bus region belongs to, for messages: the memory or device
 * whose window starts there, else the region's own name. */
static const char *region_owner(const struct soc *soc, const struct bus_region *r)
{
	for (unsigned k = 0; k < soc->nmem; k++)
		if (soc->mem[k].base == r->base)
			return soc->mem[k].path;
	for (unsigned k = 0; k < soc->ndevs; k++)
		if (soc->devs[k].type && soc->devs[k].size && soc->devs[k].base == r->base)
			return soc->devs[k].path;
	return r->name;
}

/* `what` ("memory", "registers") of node n at base+size overlaps a region
 * already mapped: say which, and whose. */
static int overlap_error(const struct soc *soc, const struct dt_node *n, const char *what,
			 uint32_t base, uint32_t size, struct err *e)
{
	const struct bus_region *r = bus_overlap(&soc->bus, base, size);
	const char *verb = strcmp(what, "registers") ? "overlaps" : "overlap";
	if (!r)
		return errf(e, "%s: %s 0x%08x-0x%08x %s another region", n->path, what, base,
			    base + size - 1, verb);
	return errf(e, "%s: %s 0x%08x-0x%08x %s %s (0x%08x-0x%08x)", n->path, what, base,
		    base + size - 1, verb, region_owner(soc, r), r->base, r->base + r->size - 1);
}

/* One message per reason bus_add_ram gives. */
static int memory_error(const struct soc *soc, const struct dt_node *n, uint32_t base,
			uint32_t size, int why, struct err *e)
{
	switch (why) {
	case BUS_ADD_EMPTY:
		return errf(e, "%s: memory at 0x%08x has size 0", n->path, base);
	case BUS_ADD_UNALIGNED:
		return errf(e, "%s: memory 0x%08x+0x%x: its %s is not a multiple of 4 KiB (memory "
			    "is mapped in 4 KiB pages)", n->path, base, size,
			    base & BUS_PAGE_MASK ? "base" : "size");
	case BUS_ADD_OVERLAP:
		return overlap_error(soc, n, "memory", base, size, e);
	default:
		return errf(e, "%s: memory 0x%08x+0x%x: cannot allocate its %u KiB of host memory",
			    n->path, base, size, size >> 10);
	}
}

static int add_memory(struct soc *soc, const struct dt_node *n, bool rom, struct err *e)
{
	int count = dt_reg_count(n, e);
	if (count < 0)
		return -1;
	for (int i = 0; i < count; i++) {
		uint32_t base, size;
		if (dt_reg(n, i, &base, &size, e))
			return -1;
		if (soc->nmem == sizeof soc->mem / sizeof soc->mem[0])
			return errf(e, "%s: too many memory regions (at most %zu)", n->path,
				    sizeof soc->mem / sizeof soc->mem[0]);
		int idx = bus_add_ram(&soc->bus, fdt_get_name(n->fdt, n->off, NULL), base, size, rom);
		if (idx < 0)
			return memory_error(soc, n, base, size, idx, e);
		if (region_timing(soc, n, base, e))
			return -1;
		struct soc_memory *m = &soc->mem[soc->nmem++];
		snprintf(m->path, sizeof m->path, "%s", n->path);
		m->base = base;
		m->size = size;
		m->rom = rom;
	}
	return 0;
}

/*
 * The guest's copy of the device tree, handed over as a bootloader hands
 * it to Linux (Documentation/arch/arm/booting.rst): the DTB, with the
 * guest's arguments as /chosen/bootargs, in a read-only "boot ROM" that
 * ends at 0x2000_0000 (the top of the Code region, like the system memory
 * of many MCUs), and at every cold reset r0 = 0, r1 = 0xffffffff (no
 * machine number) and r2 = its address (docs/boot.md).
 */
static int map_boot_dtb(struct soc *soc, const char *bootargs, struct err *e)
{
	size_t cap = soc->fdt_size + (bootargs ? strlen(bootargs) : 0) + 256;
	void *dtb = malloc(cap);
	if (!dtb)
		return errf(e, "out of memory");
	int chosen, rc = fdt_open_into(soc->fdt, dtb, (int)cap);
	if (!rc && (chosen = fdt_path_offset(dtb, "/chosen")) < 0)
		chosen = fdt_add_subnode(dtb, 0, "chosen");
	if (!rc && chosen < 0)
		rc = chosen;
	if (!rc)
		rc = fdt_setprop_string(dtb, chosen, "bootargs", bootargs ? bootargs : "");
	if (!rc)
		rc = fdt_pack(dtb);
	if (rc) {
		free(dtb);
		return errf(e, "cannot write the guest's device tree: %s", fdt_strerror(rc));
	}
	uint32_t len = fdt_totalsize(dtb);
	uint32_t size = (len + BUS_PAGE_SIZE - 1) & ~(uint32_t)BUS_PAGE_MASK;
	uint32_t base = SOC_BOOT_ROM_END - size;
	int idx = bus_add_ram(&soc->bus, "boot-rom", base, size, true);
	if (idx == BUS_ADD_OVERLAP) {
		const struct bus_region *r = bus_overlap(&soc->bus, base, size);
		errf(e, "the boot ROM that holds the guest's device tree (0x%08x-0x%08x) overlaps "
		     "%s (0x%08x-0x%08x)", base, SOC_BOOT_ROM_END - 1, region_owner(soc, r),
		     r->base, r->base + r->size - 1);
	} else if (idx < 0) {
		errf(e, "out of memory");
	} else {
		bus_load(&soc->bus, base, dtb, len);
		soc->boot_dtb = base;
	}
	free(dtb);
	return idx < 0 ? -1 : 0;
}

static int add_device(struct soc *soc, const struct dt_node *n, struct err *e)
{
	const struct dev_type *type = NULL;
	int len;
	const char *list = fdt_getprop(n->fdt, n->off, "compatible", &len);
	/* The first entry of the compatible list that names a model wins. */
	for (int pos = 0; list && pos < len && !type; pos += (int)strlen(list + pos) + 1)
		type = dev_type_find(list + pos);
	struct soc_device *d = realloc(soc->devs, (soc->ndevs + 1) * sizeof *d);
	if (!d)
		return errf(e, "out of memory");
	soc->devs = d;
	d = &soc->devs[soc->ndevs];
	memset(d, 0, sizeof *d);
	snprintf(d->path, sizeof d->path, "%s", n->path);
	d->type = type;
	static const struct { const char *compatible, *role; } roles[] = {
		{ "fixed-clock", "(oscillator: clock tree)" },
		{ "pmsim,cmu-pll", "(PLL: clock tree)" },
		{ "pmsim,cmu-mux", "(clock mux: clock tree)" },
		{ "pmsim,cmu-divider", "(clock divider: clock tree)" },
		{ "pmsim,cmu-gate", "(clock gate: clock tree)" },
		{ "pmsim,battery", "(battery: regulators)" },
		{ "regulator-fixed", "(regulator)" },
		{ "arm,idle-state", "(idle state: power-management unit)" },
		{ "operating-points-v2", "(OPP table: power-management unit)" },
		{ "panel-dpi", "(LCD panel: its controller)" },
		{ "pmsim,thermal-rc", "(thermal model)" },
	};
	for (size_t i = 0; !type && i < sizeof roles / sizeof roles[0]; i++)
		if (node_is(n, roles[i].compatible))
			d->role = roles[i].role;
	if (dt_cells(n, "reg") && dt_reg(n, 0, &d->base, &d->size, e))
		return -1;
	/* Every model maps a register block of (at least) 4 KiB at its base:
	 * one that is not aligned, or that collides with what is mapped
	 * already, is this node's mistake, and said so here, rather than
	 * the next device's that finds its own window taken. */
	if (type && d->size) {
		uint32_t span = d->size < BUS_PAGE_SIZE ? BUS_PAGE_SIZE : d->size;
		if (d->base & BUS_PAGE_MASK)
			return errf(e, "%s: registers at 0x%08x are not 4 KiB aligned (a device's "
				    "register block starts on a 4 KiB boundary)", n->path, d->base);
		if (bus_overlap(&soc->bus, d->base, span))
			return overlap_error(soc, n, "registers", d->base, span, e);
	}
	int nirq = dt_cells(n, "interrupts");
	if (nirq < 0)
		return errf(e, "%s: malformed 'interrupts'", n->path);
	for (int i = 0; i < nirq; i++)
		if (dt_cell(n, "interrupts", i) >= soc->num_irq)
			return errf(e, "%s: interrupt %u does not exist (the NVIC has %u lines)",
				    n->path, dt_cell(n, "interrupts", i), soc->num_irq);
	soc->ndevs++;
	if (!type)
		return 0;
	if (type->create(soc, n, &d->state, e)) {
		soc->ndevs--;
		return -1;
	}
	return d->size ? region_timing(soc, n, d->base, e) : 0;
}

/* A device's clock input: the model hears of every rate change. */
struct soc_clk_sub {
	const struct dev_type *type;
	void *state;
	unsigned idx;
};

static void soc_clk_changed(void *opaque, simtime_t now, uint64_t hz)
{
	struct soc_clk_sub *s = opaque;
	s->type->clock_rate(s->state, s->idx, hz);
}

/* Subscribe every device that follows its clocks to each of them, and
 * list the clock tree's and the regulators' meters. */
static int wire_clocks(struct soc *soc, struct err *e)
{
	for (unsigned i = 0; i < soc->ndevs; i++) {
		struct soc_device *d = &soc->devs[i];
		if (!d->type || !d->type->clock_rate)
			continue;
		int off = fdt_path_offset(soc->fdt, d->path);
		struct dt_node n;
		node_init(&n, soc->fdt, off);
		int cells = dt_cells(&n, "clocks");
		for (unsigned idx = 0; cells > 0; idx++) {
			struct err ignore;
			struct clk *c = clk_get(soc->clocks, off, idx, &ignore);
			if (!c)
				break;
			struct soc_clk_sub *s = malloc(sizeof *s);
			if (!s)
				return errf(e, "out of memory");
			*s = (struct soc_clk_sub){ d->type, d->state, idx };
			if (clk_subscribe(c, soc_clk_changed, s)) {
				free(s);
				return errf(e, "out of memory");
			}
			d->clk_subs[d->nclk_subs++] = s;
			if (d->nclk_subs == SOC_DEV_MAX_CLOCKS)
				break;
		}
	}
	for (unsigned i = 0; i < clk_tree_meters(soc->clocks); i++)
		soc_add_meter(soc, clk_tree_meter(soc->clocks, i));
	for (unsigned i = 0; i < rail_set_meters(soc->rails); i++)
		soc_add_meter(soc, rail_set_meter(soc->rails, i));
	return 0;
}

/* What the rails and the battery report (pm/regulator.h). */
static void soc_rail_diag(void *opaque, simtime_t t, const char *msg)
{
	soc_diag_at(opaque, t, "%s", msg);
}

static void soc_rail_power_fail(void *opaque, simtime_t t, const char *msg)
{
	soc_power_fail(opaque, t, "%s", msg);
}

static double soc_rail_energy(void *opaque, simtime_t now)
{
	return pm_energy_now(opaque, now, true);
}

/* The core can still act by itself: it runs (neither asleep in WFI/WFE
 * nor without a clock). */
static bool soc_rail_alive(void *opaque)
{
	struct soc *soc = opaque;
	return !soc->cpu || (!cpu_is_sleeping(soc->cpu) && !cpu_is_frozen(soc->cpu));
}

static int walk_tree(struct soc *soc, struct err *e)
{
	int depth = -1; /* so that the root node is at depth 0 */
	/* fdt_next_node returns a non-negative offset with a negative depth
	 * once the walk leaves the root: stop there. */
	for (int off = fdt_next_node(soc->fdt, -1, &depth); off >= 0 && depth >= 0;
	     off = fdt_next_node(soc->fdt, off, &depth)) {
		struct dt_node n;
		node_init(&n, soc->fdt, off);
		if (!node_enabled(&n))
			continue;
		const char *dtype = dt_string(&n, "device_type");
		if (dtype && !strcmp(dtype, "memory")) {
			if (add_memory(soc, &n, false, e))
				return -1;
			continue;
		}
		if (dtype && !strcmp(dtype, "cpu"))
			continue;
		if (!dt_string(&n, "compatible"))
			continue;
		if (node_is(&n, "mmio-sram") || node_is(&n, "pmsim,flash")) {
			if (add_memory(soc, &n, node_is(&n, "pmsim,flash"), e))
				return -1;
			continue;
		}
		if (node_is(&n, "simple-bus") || node_is(&n, "arm,armv7m-nvic") ||
		    depth == 0)
			continue;
		if (add_device(soc, &n, e))
			return -1;
	}
	return 0;
}

/* With `clocks`, the core runs at its clock's rate, not at what
 * `clock-frequency` says: that rate at reset must be one a core can run
 * at. A stopped clock would leave the core unable to execute a single
 * instruction, and one too fast has no meaning (a Cortex-M tops out near
 * 1 GHz) and no precision left in a picosecond cycle time. */
static int core_clock(struct soc *soc, int cpu_off, struct err *e)
{
	struct dt_node n;
	node_init(&n, soc->fdt, cpu_off);
	if (dt_cells(&n, "clocks") <= 0)
		return 0;
	struct clk *c = clk_get(soc->clocks, cpu_off, 0, e);
	if (!c)
		return -1;
	uint64_t hz = clk_rate(c);
	if (hz == 0)
		return errf(e, "%s: its clock %s runs at 0 Hz at reset: the core could never "
			    "start", n.path, clk_name(c));
	if (hz > SOC_CPU_MAX_HZ)
		return errf(e, "%s: its clock %s runs at %" PRIu64 " Hz at reset, above %u Hz, "
			    "the fastest core pmsim runs", n.path, clk_name(c), hz, SOC_CPU_MAX_HZ);
	soc->cpu_freq_hz = (uint32_t)hz;
	return 0;
}

static int setup_nvic(struct soc *soc, struct err *e)
{
	int off = fdt_node_offset_by_compatible(soc->fdt, -1, "arm,armv7m-nvic");
	soc->num_irq = 32;
	soc->prio_bits = 3;
	if (off < 0)
		return 0;
	struct dt_node n;
	node_init(&n, soc->fdt, off);
	soc->num_irq = dt_u32_opt(&n, "pmsim,num-irqs", 32);
	soc->prio_bits = dt_u32_opt(&n, "arm,num-irq-priority-bits", 3);
	if (soc->num_irq < 1 || soc->num_irq > 496)
		return errf(e, "%s: 'pmsim,num-irqs' must be 1..496 (is %u)", n.path, soc->num_irq);
	if (soc->prio_bits < 3 || soc->prio_bits > 8)
		return errf(e, "%s: 'arm,num-irq-priority-bits' must be 3..8 (is %u)", n.path,
			    soc->prio_bits);
	return 0;
}

static void soc_irq_latency(void *opaque, unsigned n, simtime_t asserted, simtime_t entered);

int soc_create(struct soc *soc, const void *dtb, size_t len, const struct soc_options *opt,
	       struct err *e)
{
	memset(soc, 0, sizeof *soc);
	if (len < sizeof(struct fdt_header) || fdt_check_header(dtb) != 0)
		return errf(e, "not a flattened device tree (bad header)");
	size_t total = fdt_totalsize(dtb);
	if (total > len)
		return errf(e, "device tree is truncated (header says %zu bytes, have %zu)", total, len);
	soc->fdt = malloc(total);
	if (!soc->fdt)
		return errf(e, "out of memory");
	memcpy(soc->fdt, dtb, total);
	soc->fdt_size = total;
	if (fdt_check_full(soc->fdt, total) != 0) {
		soc_destroy(soc);
		return errf(e, "device tree structure is corrupt");
	}
	soc->serial_out = opt->serial_out;
	sched_init(&soc->sched);
	if (opt->first_sink.state)
		trace_add_sink(&soc->trace, opt->first_sink);
	soc->lat = lat_new();
	if (!soc->lat || bus_init(&soc->bus)) {
		soc_destroy(soc);
		return errf(e, "out of memory");
	}
	const char *model = fdt_getprop(soc->fdt, 0, "model", NULL);
	snprintf(soc->model, sizeof soc->model, "%s", model ? model : "(unnamed)");

	struct cpu_config cfg = { 0 };
	int cpu_off = -1;
	if (setup_cpu_node(soc, &cfg, &cpu_off, e) || setup_nvic(soc, e))
		goto fail;
	/* The clock tree first: the core starts at its clock's rate. */
	soc->clocks = clk_tree_new(soc->fdt, &soc->sched, &soc->trace, e);
	if (!soc->clocks || core_clock(soc, cpu_off, e))
		goto fail;
	cfg.freq_hz = soc->cpu_freq_hz;
	cfg.num_irq = soc->num_irq;
	cfg.prio_bits = soc->prio_bits;
	cfg.systick_ref_hz = soc->systick_ref_hz;
	soc->cpu_cfg = cfg;
	if (!opt->no_cpu) {
		soc->cpu = cpu_create(&soc->sched, &soc->bus, &cfg, opt->hooks, e);
		if (!soc->cpu)
			goto fail;
		cpu_set_trace(soc->cpu, &soc->trace);
		soc->irq_lat = calloc(soc->num_irq ? soc->num_irq : 1, sizeof *soc->irq_lat);
		if (!soc->irq_lat) {
			errf(e, "out of memory");
			goto fail;
		}
		struct cpu_latency_hooks lh = { soc_irq_latency, soc };
		cpu_set_latency_hooks(soc->cpu, &lh);
	}
	soc->rails = rail_set_new(soc->fdt, &soc->sched, &soc->trace, e);
	if (!soc->rails)
		goto fail;
	rail_set_hooks(soc->rails, &(struct rail_hooks){ soc_rail_diag, soc_rail_power_fail,
							 soc_rail_alive, soc_rail_energy, soc });
	if (opt->set_battery_percent) {
		struct pm_battery *bat = rail_set_battery(soc->rails);
		if (!bat) {
			errf(e, "--battery-percent: the SoC's battery has no capacity "
			     "('charge-full-design-microamp-hours'): it is an ideal source");
			goto fail;
		}
		if (battery_set_percent(bat, opt->battery_percent) < 0) {
			errf(e, "--battery-percent %g: must be 0-100", opt->battery_percent);
			goto fail;
		}
	}
	if (walk_tree(soc, e) || pmu_check_domain_refs(soc->pmu, soc->fdt, e) ||
	    wire_clocks(soc, e))
		goto fail;
	for (unsigned i = 0; i < soc->ndevs; i++) {
		const struct soc_device *d = &soc->devs[i];
		if (d->type && d->type->realize && d->type->realize(d->state, soc, e))
			goto fail;
	}
	if (soc->pmu)
		pmu_attach_device_meters(soc->pmu);
	/* Last: the thermal model heats its nodes from every meter. */
	if (thermal_create(soc, &soc->thermal, e))
		goto fail;
	if (soc->thermal && soc->pmu && pmu_attach_thermal(soc->pmu, soc->thermal)) {
		errf(e, "out of memory");
		goto fail;
	}
	if (soc->nmem == 0) {
		errf(e, "device tree: no memory (need memory, mmio-sram or pmsim,flash nodes)");
		goto fail;
	}
	if (map_boot_dtb(soc, opt->bootargs, e))
		goto fail;
	return 0;
fail:
	soc_destroy(soc);
	return -1;
}

void soc_destroy(struct soc *soc)
{
	for (unsigned i = soc->ndevs; i-- > 0;) {
		if (soc->devs[i].type && soc->devs[i].type->destroy)
			soc->devs[i].type->destroy(soc->devs[i].state);
		for (unsigned k = 0; k < soc->devs[i].nclk_subs; k++)
			free(soc->devs[i].clk_subs[k]);
	}
	free(soc->devs);
	if (soc->clocks)
		clk_tree_free(soc->clocks);
	if (soc->rails)
		rail_set_free(soc->rails);
	if (soc->cpu)
		cpu_destroy(soc->cpu);
	for (unsigned i = 0; i < sizeof soc->serial / sizeof soc->serial[0]; i++) {
		if (soc->serial[i]) {
			chardev_free(soc->serial[i]);
			free(soc->serial[i]);
		}
	}
	for (unsigned i = 0; i < soc->ndiags; i++)
		free(soc->diags[i]);
	free(soc->diags);
	free(soc->diag_times);
	lat_free(soc->lat);
	free(soc->irq_lat);
	thermal_free(soc->thermal);
	sched_free(&soc->sched);
	bus_free(&soc->bus);
	free(soc->fdt);
	memset(soc, 0, sizeof *soc);
}

void soc_reset(struct soc *soc)
{
	/* Rails first, so that no device latches the reset's own changes. */
	if (soc->rails)
		rail_set_reset(soc->rails);
	if (soc->clocks)
		clk_tree_reset(soc->clocks);
	for (unsigned i = 0; i < soc->ndevs; i++)
		if (soc->devs[i].type && soc->devs[i].type->reset)
			soc->devs[i].type->reset(soc->devs[i].state);
	if (soc->cpu) {
		cpu_core_reset(soc->cpu);
		/* As a bootloader leaves them (map_boot_dtb). */
		cpu_set_reg(soc->cpu, 0, 0);
		cpu_set_reg(soc->cpu, 1, 0xffffffffu);
		cpu_set_reg(soc->cpu, 2, soc->boot_dtb);
	}
}

struct irq_line soc_irq(struct soc *soc, uint32_t n)
{
	if (!soc->cpu || n >= soc->num_irq)
		return (struct irq_line){ 0 };
	return cpu_irq_line(soc->cpu, n);
}

int soc_clock_hz(struct soc *soc, const struct dt_node *node, unsigned idx, uint64_t *hz,
		 struct err *e)
{
	int n = dt_cells(node, "clocks");
	if (n < 0)
		return errf(e, "%s: malformed 'clocks'", node->path);
	if (n > 0 && soc->clocks) {
		struct clk *c = clk_get(soc->clocks, node->off, idx, e);
		if (!c)
			return -1;
		*hz = clk_rate(c);
		return 0;
	}
	if (n == 0) {
		uint32_t f;
		if (idx != 0 || dt_u32(node, "clock-frequency", &f, e))
			return errf(e, "%s: no clock %u ('clocks' or 'clock-frequency')", node->path,
				    idx);
		*hz = f;
		return 0;
	}
	/* Each entry is a provider phandle followed by #clock-cells cells. */
	for (int pos = 0, i = 0; pos < n; i++) {
		uint32_t ph = dt_cell(node, "clocks", pos);
		int off = fdt_node_offset_by_phandle(soc->fdt, ph);
		if (off < 0)
			return errf(e, "%s: 'clocks' entry %d names no node (phandle %u)", node->path,
				    i, ph);
		struct dt_node prov;
		node_init(&prov, soc->fdt, off);
		uint32_t cells = dt_u32_opt(&prov, "#clock-cells", 0);
		if ((unsigned)i == idx) {
			uint32_t f;
			if (dt_u32(&prov, "clock-frequency", &f, e))
				return -1;
			*hz = f;
			return 0;
		}
		pos += 1 + (int)cells;
	}
	return errf(e, "%s: no clock %u in 'clocks'", node->path, idx);
}

int soc_dma_register(struct soc *soc, int node_off,
		     void (*request)(void *ctrl, unsigned input, bool single, bool burst),
		     int (*ack)(void *ctrl, unsigned input, struct dma_ack a), void *ctrl)
{
	if (soc->ndmacs >= sizeof soc->dmacs / sizeof soc->dmacs[0])
		return -1;
	soc->dmacs[soc->ndmacs++] = (struct soc_dmac){ node_off, request, ack, ctrl };
	return 0;
}

int soc_dma_line(struct soc *soc, const struct dt_node *node, const char *name,
		 struct dma_ack ack, struct dma_line *line, struct err *e)
{
	int idx = fdt_stringlist_search(soc->fdt, node->off, "dma-names", name);
	if (idx < 0)
		return errf(e, "%s: no DMA line \"%s\" in 'dma-names'", node->path, name);
	int cells = dt_cells(node, "dmas");
	if (cells < 2 * (idx + 1))
		return errf(e, "%s: 'dmas' has no entry %d for \"%s\" (entries are <&controller "
			    "request>)", node->path, idx, name);
	uint32_t ph = dt_cell(node, "dmas", 2 * idx), input = dt_cell(node, "dmas", 2 * idx + 1);
	int off = fdt_node_offset_by_phandle(soc->fdt, ph);
	for (unsigned i = 0; off >= 0 && i < soc->ndmacs; i++) {
		struct soc_dmac *d = &soc->dmacs[i];
		if (d->node_off != off)
			continue;
		if (d->ack(d->ctrl, input, ack))
			return errf(e, "%s: DMA request %u of the controller is not usable (out of "
				    "range or already taken)", node->path, input);
		*line = (struct dma_line){ d->request, d->ctrl, input };
		return 0;
	}
	return errf(e, "%s: 'dmas' entry for \"%s\" names no DMA controller", node->path,
		    name);
}

void soc_add_meter(struct soc *soc, struct pm_meter *m)
{
	m->next = soc->meters;
	soc->meters = m;
}

/* Diagnostics are kept in time order: one dated in the past (a loss
 * found only when the core wakes) goes before those recorded after it. */
static void soc_vdiag(struct soc *soc, simtime_t t, const char *fmt, va_list ap)
{
	char msg[512];
	vsnprintf(msg, sizeof msg, fmt, ap);
	size_t len = strlen(msg) + 64;
	char *s = malloc(len);
	char **d = realloc(soc->diags, (soc->ndiags + 1) * sizeof *d);
	simtime_t *dt = realloc(soc->diag_times, (soc->ndiags + 1) * sizeof *dt);
	if (d)
		soc->diags = d;
	if (dt)
		soc->diag_times = dt;
	if (!s || !d || !dt) {
		free(s);
		return;
	}
	snprintf(s, len, "at %" PRIu64 ".%06" PRIu64 " s: %s", t / PS_PER_S,
		 t % PS_PER_S / PS_PER_US, msg);
	unsigned i = soc->ndiags++;
	for (; i > 0 && soc->diag_times[i - 1] > t; i--) {
		soc->diags[i] = soc->diags[i - 1];
		soc->diag_times[i] = soc->diag_times[i - 1];
	}
	soc->diags[i] = s;
	soc->diag_times[i] = t;
}

void soc_diag(struct soc *soc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	soc_vdiag(soc, sched_now(&soc->sched), fmt, ap);
	va_end(ap);
}

void soc_diag_at(struct soc *soc, simtime_t t, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	soc_vdiag(soc, t, fmt, ap);
	va_end(ap);
}

void soc_power_fail(struct soc *soc, simtime_t now, const char *fmt, ...)
{
	if (soc->power_failed)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(soc->power_fail_reason, sizeof soc->power_fail_reason, fmt, ap);
	va_end(ap);
	soc->power_failed = true;
	soc->power_fail_time = now;
	if (soc->cpu)
		cpu_request_stop(soc->cpu);
}

const char *soc_irq_name(struct soc *soc, unsigned n, char *buf, size_t len)
{
	for (unsigned i = 0; i < soc->ndevs; i++) {
		struct dt_node node;
		int off = fdt_path_offset(soc->fdt, soc->devs[i].path);
		if (off < 0)
			continue;
		node_init(&node, soc->fdt, off);
		int k = dt_cells(&node, "interrupts");
		for (int j = 0; j < k; j++) {
			if (dt_cell(&node, "interrupts", j) == n) {
				const char *name = fdt_get_name(soc->fdt, off, NULL);
				snprintf(buf, len, "%s", name ? name : soc->devs[i].path);
				return buf;
			}
		}
	}
	snprintf(buf, len, "irq%u", n);
	return buf;
}

/* An external interrupt's latency (cpu_latency_hooks): its series is
 * named once, at the line's first sample, after the device whose
 * `interrupts` hold the line ("uart@40001000 (irq 5)"), else "irq 5". */
static void soc_irq_latency(void *opaque, unsigned n, simtime_t asserted, simtime_t entered)
{
	struct soc *soc = opaque;
	if (n >= soc->num_irq)
		return;
	if (!soc->irq_lat[n]) {
		char dev[64], name[96], fallback[16];
		snprintf(fallback, sizeof fallback, "irq%u", n);
		soc_irq_name(soc, n, dev, sizeof dev);
		if (strcmp(dev, fallback))
			snprintf(name, sizeof name, "%s (irq %u)", dev, n);
		else
			snprintf(name, sizeof name, "irq %u", n);
		soc->irq_lat[n] = lat_series(soc->lat, LAT_IRQ, name);
	}
	lat_sample(soc->irq_lat[n], entered > asserted ? entered - asserted : 0);
}

struct chardev *soc_chardev(struct soc *soc, unsigned index)
{
	if (index >= sizeof soc->serial / sizeof soc->serial[0])
		return NULL;
	if (!soc->serial[index]) {
		soc->serial[index] = calloc(1, sizeof *soc->serial[index]);
		if (!soc->serial[index])
			return NULL;
		chardev_init(soc->serial[index], soc->serial_out);
	}
	return soc->serial[index];
}

/* Whether `d` answers to `name` (soc_find_device's three forms). */
static bool soc_device_named(const struct soc_device *d, const char *name)
{
	if (name[0] == '/')
		return !strcmp(d->path, name);
	const char *slash = strrchr(d->path, '/');
	const char *node = slash ? slash + 1 : d->path;
	if (!strcmp(node, name))
		return true;
	/* "gpio" for "gpio@40007000": only a name without a unit address
	 * of its own, and only the whole part before the '@'. */
	size_t len = strlen(name);
	return !strchr(name, '@') && !strncmp(node, name, len) && node[len] == '@';
}

struct soc_device *soc_find_device(struct soc *soc, const char *name, const char *compatible)
{
	for (unsigned i = 0; i < soc->ndevs; i++) {
		struct soc_device *d = &soc->devs[i];
		if (!d->type || (compatible && strcmp(d->type->compatible, compatible)))
			continue;
		if (!name || soc_device_named(d, name))
			return d;
	}
	return NULL;
}

int soc_fault_kind(const char *kind, const char *const *kinds, struct err *e)
{
	char list[256] = "";
	size_t len = 0;
	int n = 0;
	for (; kinds[n]; n++)
		if (kind && !strcmp(kind, kinds[n]))
			return n;
	for (int i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
					i == 0 ? "" : i == n - 1 ? " or " : ", ", kinds[i]);
	if (!kind)
		return errf(e, "no fault kind given; it takes %s", list);
	return errf(e, "unknown fault \"%s\"; it takes %s", kind, list);
}

int soc_fault(struct soc *soc, const char *device, const char *kind, struct err *e)
{
	struct soc_device *d = device ? soc_find_device(soc, device, NULL) : NULL;
	if (!d)
		return errf(e, "no device \"%s\" with a model (give a DT path, a node name, or a "
			    "node name without its unit address)", device ? device : "(none)");
	if (!d->type->fault)
		return errf(e, "%s (%s) takes no faults", d->path, d->type->compatible);
	struct err why;
	why.msg[0] = 0;
	if (d->type->fault(d->state, kind, &why) == 0)
		return 0;
	return errf(e, "%s: %s", d->path, why.msg);
}
