/*
 * SoC construction from device trees: the built-in default SoC's memory map
 * and devices, and precise refusals of malformed trees.
 */
#include <check.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "pm/collect.h"
#include "sim/machine.h"
#include "sim/soc.h"
#include "check_run.h"

static struct soc soc;
static struct err e;

START_TEST(default_soc_layout)
{
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	/* The mps2-an385 compatible layout: flash at 0, SRAM at 0x20000000. */
	const struct bus_region *flash = bus_find(&soc.bus, 0x0);
	const struct bus_region *sram = bus_find(&soc.bus, 0x20000000);
	ck_assert_ptr_nonnull(flash);
	ck_assert_ptr_nonnull(sram);
	ck_assert_int_eq(flash->kind, BUS_ROM);
	ck_assert_uint_ge(flash->size, 2u << 20);
	ck_assert_int_eq(sram->kind, BUS_RAM);
	ck_assert_uint_ge(sram->size, 512u << 10);
	/* A PL011 at 0x40004000, instantiated from its compatible string. */
	const struct bus_region *uart = bus_find(&soc.bus, 0x40004000);
	ck_assert_ptr_nonnull(uart);
	ck_assert_int_eq(uart->kind, BUS_MMIO);
	bool found = false;
	for (unsigned i = 0; i < soc.ndevs; i++)
		if (soc.devs[i].base == 0x40004000 && soc.devs[i].type &&
		    !strcmp(soc.devs[i].type->compatible, "arm,pl011"))
			found = true;
	ck_assert(found);
	ck_assert_str_eq(soc.cpu_compatible, "arm,cortex-m7");
	ck_assert_uint_gt(soc.cpu_freq_hz, 0);
	ck_assert_uint_eq(soc.num_irq, 64);
	soc_destroy(&soc);
}
END_TEST

/* A tiny tree builder on libfdt's sequential-write API. */
static char fdt_buf[8192];

static void begin(void)
{
	ck_assert_int_eq(fdt_create(fdt_buf, sizeof fdt_buf), 0);
	ck_assert_int_eq(fdt_finish_reservemap(fdt_buf), 0);
	ck_assert_int_eq(fdt_begin_node(fdt_buf, ""), 0);
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 1);
}

/* The cpus node with one core; `fpu`: its pmsim,fpu, NULL for none. */
static void cpus_fpu(const char *compatible, bool with_freq, const char *fpu)
{
	fdt_begin_node(fdt_buf, "cpus");
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 0);
	fdt_begin_node(fdt_buf, "cpu@0");
	fdt_property_string(fdt_buf, "device_type", "cpu");
	fdt_property_string(fdt_buf, "compatible", compatible);
	if (with_freq)
		fdt_property_u32(fdt_buf, "clock-frequency", 1000000);
	if (fpu)
		fdt_property_string(fdt_buf, "pmsim,fpu", fpu);
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
}

static void cpus(const char *compatible, bool with_freq)
{
	cpus_fpu(compatible, with_freq, NULL);
}

static void memory(const char *name, uint32_t base, uint32_t size)
{
	fdt_begin_node(fdt_buf, name);
	fdt_property_string(fdt_buf, "device_type", "memory");
	fdt32_t reg[2] = { cpu_to_fdt32(base), cpu_to_fdt32(size) };
	fdt_property(fdt_buf, "reg", reg, sizeof reg);
	fdt_end_node(fdt_buf);
}

/* A device node left open for more properties. */
static void device_begin(const char *name, const char *compatible, uint32_t base, uint32_t irq)
{
	fdt_begin_node(fdt_buf, name);
	fdt_property_string(fdt_buf, "compatible", compatible);
	fdt32_t reg[2] = { cpu_to_fdt32(base), cpu_to_fdt32(0x1000) };
	fdt_property(fdt_buf, "reg", reg, sizeof reg);
	fdt_property_u32(fdt_buf, "interrupts", irq);
}

static void device(const char *name, const char *compatible, uint32_t base, uint32_t irq)
{
	device_begin(name, compatible, base, irq);
	fdt_end_node(fdt_buf);
}

/* The FPU of the last SoC finish_and_create built. */
static enum cpu_fpu created_fpu;

static int finish_and_create(void)
{
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
	struct soc_options so = { .no_cpu = true };
	memset(&e, 0, sizeof e);
	int rc = soc_create(&soc, fdt_buf, sizeof fdt_buf, &so, &e);
	if (rc == 0) {
		created_fpu = soc.cpu_cfg.fpu;
		soc_destroy(&soc);
	}
	return rc;
}

START_TEST(minimal_tree_ok)
{
	begin();
	cpus("arm,cortex-m4", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	ck_assert_int_eq(finish_and_create(), 0);
}
END_TEST

START_TEST(missing_clock_frequency)
{
	begin();
	cpus("arm,cortex-m3", false);
	memory("memory@20000000", 0x20000000, 0x10000);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/cpus/cpu@0: missing property 'clock-frequency'");
}
END_TEST

START_TEST(unsupported_cpu)
{
	begin();
	cpus("arm,cortex-a53", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "unsupported cpu 'arm,cortex-a53'"));
}
END_TEST

/* pmsim,fpu: the unit the core may have, or one clear refusal. */
START_TEST(fpu_per_core)
{
	static const struct {
		const char *cpu, *fpu, *msg; /* msg NULL: accepted */
		enum cpu_fpu want;
	} cases[] = {
		{ "arm,cortex-m4", "fpv4-sp-d16", NULL, CPU_FPU_V4_SP },
		{ "arm,cortex-m7", "fpv5-sp-d16", NULL, CPU_FPU_V5_SP },
		{ "arm,cortex-m7", "fpv5-d16", NULL, CPU_FPU_V5_DP },
		{ "arm,cortex-m3", "none", NULL, CPU_FPU_NONE },
		/* Zephyr's name for the Cortex-M4 with its FPU. */
		{ "arm,cortex-m4f", NULL, NULL, CPU_FPU_V4_SP },
		{ "arm,cortex-m4f", "none", NULL, CPU_FPU_NONE },
		{ "arm,cortex-m4", NULL, NULL, CPU_FPU_NONE },
		{ "arm,cortex-m3", "fpv4-sp-d16", "/cpus/cpu@0: 'pmsim,fpu' is \"fpv4-sp-d16\", which "
		  "arm,cortex-m3 does not have (arm,cortex-m4 only)", CPU_FPU_NONE },
		{ "arm,cortex-m4", "fpv5-d16", "/cpus/cpu@0: 'pmsim,fpu' is \"fpv5-d16\", which "
		  "arm,cortex-m4 does not have (arm,cortex-m7 only)", CPU_FPU_NONE },
		{ "arm,cortex-m7", "vfpv3", "/cpus/cpu@0: 'pmsim,fpu' must be \"none\", "
		  "\"fpv4-sp-d16\" (arm,cortex-m4), \"fpv5-sp-d16\" or \"fpv5-d16\" "
		  "(arm,cortex-m7) (is \"vfpv3\")", CPU_FPU_NONE },
	};
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		begin();
		cpus_fpu(cases[i].cpu, true, cases[i].fpu);
		memory("memory@20000000", 0x20000000, 0x10000);
		created_fpu = CPU_FPU_NONE;
		int rc = finish_and_create();
		if (!cases[i].msg) {
			ck_assert_msg(rc == 0, "%s %s: %s", cases[i].cpu, cases[i].fpu, e.msg);
			ck_assert_int_eq(created_fpu, cases[i].want);
		} else {
			ck_assert_int_ne(rc, 0);
			ck_assert_str_eq(e.msg, cases[i].msg);
		}
	}
}
END_TEST

START_TEST(overlapping_memory)
{
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	memory("memory@20008000", 0x20008000, 0x10000);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/memory@20008000: memory 0x20008000-0x20017fff overlaps "
			 "/memory@20000000 (0x20000000-0x2000ffff)");
}
END_TEST

/* Each reason a memory is refused is named, alone. */
START_TEST(misaligned_memory)
{
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000100", 0x20000100, 0x10000);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/memory@20000100: memory 0x20000100+0x10000: its base is not a "
			 "multiple of 4 KiB (memory is mapped in 4 KiB pages)");
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10800);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/memory@20000000: memory 0x20000000+0x10800: its size is not a "
			 "multiple of 4 KiB (memory is mapped in 4 KiB pages)");
}
END_TEST

/* A device whose register block is misaligned or collides is named
 * itself, with the node it collides with, not the next device that finds
 * its window taken. */
START_TEST(device_windows)
{
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	device("serial@40004800", "arm,pl011", 0x40004800, 0);
	device("timer@40005000", "arm,sp804", 0x40005000, 1);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/serial@40004800: registers at 0x40004800 are not 4 KiB aligned "
			 "(a device's register block starts on a 4 KiB boundary)");
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	device("serial@40005000", "arm,pl011", 0x40005000, 0);
	device("timer@40005000", "arm,sp804", 0x40005000, 1);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/timer@40005000: registers 0x40005000-0x40005fff overlap "
			 "/serial@40005000 (0x40005000-0x40005fff)");
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	device("timer@20001000", "arm,sp804", 0x20001000, 1);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/timer@20001000: registers 0x20001000-0x20001fff overlap "
			 "/memory@20000000 (0x20000000-0x2000ffff)");
}
END_TEST

/* A core faster than pmsim runs is refused, with the limit. */
START_TEST(core_too_fast)
{
	begin();
	fdt_begin_node(fdt_buf, "cpus");
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 0);
	fdt_begin_node(fdt_buf, "cpu@0");
	fdt_property_string(fdt_buf, "device_type", "cpu");
	fdt_property_string(fdt_buf, "compatible", "arm,cortex-m7");
	fdt_property_u32(fdt_buf, "clock-frequency", 3000000000u);
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	memory("memory@20000000", 0x20000000, 0x10000);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/cpus/cpu@0: 'clock-frequency' (3000000000 Hz) is above "
			 "2000000000 Hz, the fastest core pmsim runs");
}
END_TEST

START_TEST(no_memory)
{
	begin();
	cpus("arm,cortex-m3", true);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "no memory"));
}
END_TEST

START_TEST(bad_reg)
{
	begin();
	cpus("arm,cortex-m3", true);
	fdt_begin_node(fdt_buf, "memory@0");
	fdt_property_string(fdt_buf, "device_type", "memory");
	fdt_property_u32(fdt_buf, "reg", 0);
	fdt_end_node(fdt_buf);
	ck_assert_int_ne(finish_and_create(), 0);
	ck_assert_str_eq(e.msg, "/memory@0: 'reg' is missing or not a multiple of 2 cells");
}
END_TEST

START_TEST(disabled_and_unknown_nodes)
{
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	fdt_begin_node(fdt_buf, "serial@40004000");
	fdt_property_string(fdt_buf, "compatible", "arm,pl011");
	fdt_property_string(fdt_buf, "status", "disabled");
	fdt32_t reg[2] = { cpu_to_fdt32(0x40004000), cpu_to_fdt32(0x1000) };
	fdt_property(fdt_buf, "reg", reg, sizeof reg);
	fdt_end_node(fdt_buf);
	fdt_begin_node(fdt_buf, "thing@50000000");
	fdt_property_string(fdt_buf, "compatible", "acme,widget");
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, fdt_buf, sizeof fdt_buf, &so, &e), 0);
	ck_assert_ptr_null(bus_find(&soc.bus, 0x40004000)); /* disabled: not mapped */
	ck_assert_uint_eq(soc.ndevs, 1);
	ck_assert_str_eq(soc.devs[0].path, "/thing@50000000");
	ck_assert_ptr_null(soc.devs[0].type);
	soc_destroy(&soc);
}
END_TEST

START_TEST(garbage_and_truncated)
{
	static const char junk[64] = "definitely not a device tree";
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_ne(soc_create(&soc, junk, sizeof junk, &so, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "bad header"));
	ck_assert_int_ne(soc_create(&soc, pmsim_default_dtb, 100, &so, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "truncated"));
}
END_TEST

/* A scenario finds a device by DT path, node name or node name without
 * its unit address, optionally of one model; only modelled devices. */
START_TEST(find_device_by_name_and_model)
{
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	struct soc_device *gpio = soc_find_device(&soc, "/soc/gpio@40007000", NULL);
	ck_assert_ptr_nonnull(gpio);
	ck_assert_str_eq(gpio->path, "/soc/gpio@40007000");
	ck_assert_str_eq(gpio->type->compatible, "arm,pl061");
	ck_assert_ptr_eq(soc_find_device(&soc, "gpio@40007000", NULL), gpio);
	ck_assert_ptr_eq(soc_find_device(&soc, "gpio", NULL), gpio);
	ck_assert_ptr_eq(soc_find_device(&soc, "gpio", "arm,pl061"), gpio);
	/* Only whole names: no prefixes, no partial unit addresses, no
	 * path without its unit address. */
	ck_assert_ptr_null(soc_find_device(&soc, "gpi", NULL));
	ck_assert_ptr_null(soc_find_device(&soc, "gpio@4000", NULL));
	ck_assert_ptr_null(soc_find_device(&soc, "/soc/gpio", NULL));
	ck_assert_ptr_null(soc_find_device(&soc, "soc/gpio@40007000", NULL));
	/* The model must match when one is asked for. */
	ck_assert_ptr_null(soc_find_device(&soc, "gpio", "pmsim,sensor"));
	struct soc_device *adc = soc_find_device(&soc, NULL, "pmsim,sensor");
	ck_assert_ptr_nonnull(adc);
	ck_assert_str_eq(adc->path, "/soc/adc@40008000");
	ck_assert_ptr_eq(soc_find_device(&soc, "adc", "pmsim,sensor"), adc);
	ck_assert_ptr_null(soc_find_device(&soc, NULL, "acme,widget"));
	/* Nodes without a model are not devices to find. */
	ck_assert_ptr_null(soc_find_device(&soc, "battery", NULL));
	ck_assert_ptr_null(soc_find_device(&soc, "/battery", NULL));
	ck_assert_ptr_null(soc_find_device(&soc, "soc", NULL));
	soc_destroy(&soc);
}
END_TEST

static void timer(const char *name, uint32_t base, uint32_t irq)
{
	device_begin(name, "arm,sp804", base, irq);
	fdt_property_u32(fdt_buf, "clock-frequency", 1000000);
	fdt_end_node(fdt_buf);
}

/* A node that names no model. */
static void unmodelled(const char *name)
{
	fdt_begin_node(fdt_buf, name);
	fdt_property_string(fdt_buf, "compatible", "acme,timer");
	fdt_end_node(fdt_buf);
}

/* "timer" is the first timer in DT order, not the lowest address, and a
 * node without a model does not hide the modelled one after it. */
START_TEST(find_device_first_in_tree_order)
{
	begin();
	cpus("arm,cortex-m3", true);
	memory("memory@20000000", 0x20000000, 0x10000);
	unmodelled("timer@50000000");
	timer("timer@40006000", 0x40006000, 1);
	timer("timer@40005000", 0x40005000, 2);
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, fdt_buf, sizeof fdt_buf, &so, &e), 0);
	struct soc_device *d = soc_find_device(&soc, "timer", NULL);
	ck_assert_ptr_nonnull(d);
	ck_assert_str_eq(d->path, "/timer@40006000");
	ck_assert_str_eq(soc_find_device(&soc, NULL, "arm,sp804")->path, "/timer@40006000");
	ck_assert_str_eq(soc_find_device(&soc, "timer@40005000", NULL)->path, "/timer@40005000");
	ck_assert_ptr_null(soc_find_device(&soc, "timer@50000000", NULL));
	soc_destroy(&soc);
}
END_TEST

/* soc_fault names the device and what it takes; soc_fault_kind words the
 * list of kinds for the models. */
START_TEST(fault_refusals)
{
	static const char *const kinds[] = { "bus-error", "stuck-irq", "clear", NULL };
	ck_assert_int_eq(soc_fault_kind("clear", kinds, &e), 2);
	ck_assert_int_eq(soc_fault_kind("bus-error", kinds, &e), 0);
	ck_assert_int_eq(soc_fault_kind("bus", kinds, &e), -1);
	ck_assert_str_eq(e.msg, "unknown fault \"bus\"; it takes bus-error, stuck-irq or clear");
	ck_assert_int_eq(soc_fault_kind(NULL, kinds, &e), -1);
	ck_assert_str_eq(e.msg, "no fault kind given; it takes bus-error, stuck-irq or clear");
	static const char *const one[] = { "clear", NULL };
	ck_assert_int_eq(soc_fault_kind("x", one, &e), -1);
	ck_assert_str_eq(e.msg, "unknown fault \"x\"; it takes clear");

	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	ck_assert_int_eq(soc_fault(&soc, "timer", "stuck-irq", &e), -1);
	ck_assert_str_eq(e.msg, "/soc/timer@40005000 (arm,sp804) takes no faults");
	ck_assert_int_eq(soc_fault(&soc, "nothing", "stuck-irq", &e), -1);
	ck_assert_str_eq(e.msg, "no device \"nothing\" with a model (give a DT path, a node name, "
			 "or a node name without its unit address)");
	ck_assert_int_eq(soc_fault(&soc, NULL, "stuck-irq", &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "no device \"(none)\""));
	soc_destroy(&soc);
}
END_TEST

/* The default SoC's models take their faults through soc_fault; a
 * refusal names the device by its path. */
START_TEST(fault_reaches_the_models)
{
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	ck_assert_int_eq(soc_fault(&soc, "dma", "bus-error", &e), 0);
	ck_assert_int_eq(soc_fault(&soc, "adc", "stuck-irq", &e), 0);
	ck_assert_int_eq(soc_fault(&soc, "serial@40004000", "break", &e), 0);
	ck_assert_int_eq(soc_fault(&soc, "/soc/serial@40004000", "bus-error", &e), -1);
	ck_assert_str_eq(e.msg, "/soc/serial@40004000: unknown fault \"bus-error\"; it takes "
			 "framing-error, parity-error, break, overrun or clear");
	soc_destroy(&soc);
}
END_TEST

/* The SoC puts the interrupts its core takes on its trace stream. */
static unsigned irqs_seen;
static int64_t irq_seen;

static void count_irqs(void *opaque, simtime_t t, const char *component, const char *var,
		       int64_t value, const char *label)
{
	if (!strcmp(component, "nvic") && !strcmp(var, "irq")) {
		irqs_seen++;
		irq_seen = value;
	}
}

START_TEST(core_interrupts_on_the_trace)
{
	struct soc_options so = { .no_cpu = false };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	/* Vectors: SP, reset at 0x100 and IRQ 9 at 0x200, each "b .". */
	uint32_t vec[16 + 10] = { 0x20001000u, 0x101u };
	vec[16 + 9] = 0x201u;
	const uint16_t loop = 0xe7fe;
	ck_assert_int_eq(bus_load(&soc.bus, 0, vec, sizeof vec), BUS_OK);
	ck_assert_int_eq(bus_load(&soc.bus, 0x100, &loop, 2), BUS_OK);
	ck_assert_int_eq(bus_load(&soc.bus, 0x200, &loop, 2), BUS_OK);
	soc_reset(&soc);
	irqs_seen = 0;
	ck_assert_int_eq(trace_add_sink(&soc.trace, (struct trace_sink){ count_irqs, NULL }), 0);
	uint32_t bit = 1u << 9;
	ck_assert_int_eq(bus_write(&soc.bus, 0xe000e100u, 4, bit), BUS_OK); /* ISER0 */
	ck_assert_int_eq(bus_write(&soc.bus, 0xe000e200u, 4, bit), BUS_OK); /* ISPR0 */
	cpu_run(soc.cpu, 10 * PS_PER_US);
	ck_assert_uint_eq(cpu_reg(soc.cpu, 15) & ~1u, 0x200);
	ck_assert_uint_eq(irqs_seen, 1);
	ck_assert_int_eq(irq_seen, 9);
	soc_destroy(&soc);
}
END_TEST

/* Interrupt latency series: named after the device holding the line, or
 * "irq N"; owned by the SoC, so a reset keeps them (pm_collect reports
 * them), as the other statistics. */
START_TEST(interrupt_latency_series_span_resets)
{
	struct soc_options so = { .no_cpu = false };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	/* Vectors: SP, reset at 0x100, IRQs 1 and 12 at 0x200, each "b .". */
	uint32_t vec[16 + 13] = { 0x20001000u, 0x101u };
	vec[16 + 1] = vec[16 + 12] = 0x201u;
	const uint16_t loop = 0xe7fe;
	ck_assert_int_eq(bus_load(&soc.bus, 0, vec, sizeof vec), BUS_OK);
	ck_assert_int_eq(bus_load(&soc.bus, 0x100, &loop, 2), BUS_OK);
	ck_assert_int_eq(bus_load(&soc.bus, 0x200, &loop, 2), BUS_OK);
	soc_reset(&soc);
	/* Line 12 (no device holds it) rises at 0: taken before the first
	 * instruction, after the 12-cycle entry at the reset rate. */
	uint32_t en = (1u << 12) | (1u << 1);
	ck_assert_int_eq(bus_write(&soc.bus, 0xe000e100u, 4, en), BUS_OK); /* ISER0 */
	struct irq_line l12 = soc_irq(&soc, 12), l1 = soc_irq(&soc, 1);
	irq_set(&l12, 1);
	cpu_run(soc.cpu, 10 * PS_PER_US);
	ck_assert_uint_eq(cpu_reg(soc.cpu, 15) & ~1u, 0x200);
	irq_set(&l12, 0);
	simtime_t period = PS_PER_S / soc.cpu_freq_hz;
	soc_reset(&soc);
	ck_assert_int_eq(bus_write(&soc.bus, 0xe000e100u, 4, en), BUS_OK);
	sched_run_until(&soc.sched, 20 * PS_PER_US);
	irq_set(&l1, 1); /* the timer's line, raised at 20 us */
	cpu_run(soc.cpu, 30 * PS_PER_US);
	ck_assert_uint_eq(cpu_reg(soc.cpu, 15) & ~1u, 0x200);

	struct pm_report r;
	ck_assert_int_eq(pm_collect(&soc, sched_now(&soc.sched), &r), 0);
	ck_assert_uint_eq(r.nlatencies, 2);
	ck_assert_str_eq(r.latencies[0].kind, "irq");
	ck_assert_str_eq(r.latencies[0].name, "irq 12");
	ck_assert_uint_eq(r.latencies[0].count, 1);
	ck_assert_uint_eq(r.latencies[0].min, 12 * period);
	ck_assert_str_eq(r.latencies[1].name, "timer@40005000 (irq 1)");
	ck_assert_uint_eq(r.latencies[1].count, 1);
	ck_assert_uint_eq(r.latencies[1].min, 12 * period);
	pm_collect_free(&r);
	soc_destroy(&soc);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("soc");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, default_soc_layout);
	tcase_add_test(tc, minimal_tree_ok);
	tcase_add_test(tc, missing_clock_frequency);
	tcase_add_test(tc, unsupported_cpu);
	tcase_add_test(tc, fpu_per_core);
	tcase_add_test(tc, overlapping_memory);
	tcase_add_test(tc, misaligned_memory);
	tcase_add_test(tc, device_windows);
	tcase_add_test(tc, core_too_fast);
	tcase_add_test(tc, no_memory);
	tcase_add_test(tc, bad_reg);
	tcase_add_test(tc, disabled_and_unknown_nodes);
	tcase_add_test(tc, garbage_and_truncated);
	tcase_add_test(tc, find_device_by_name_and_model);
	tcase_add_test(tc, find_device_first_in_tree_order);
	tcase_add_test(tc, fault_refusals);
	tcase_add_test(tc, fault_reaches_the_models);
	tcase_add_test(tc, core_interrupts_on_the_trace);
	tcase_add_test(tc, interrupt_latency_series_span_resets);
	suite_add_tcase(s, tc);
	return check_run(s);
}
