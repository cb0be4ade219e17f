/*
 * The energy physics of pmsim, through real SoCs: small device trees
 * compiled with dtc, tiny hand-assembled Thumb programs loaded into RAM,
 * the core run with cpu_run and the scheduler as sim/machine.c drives
 * them, and the energies read from the meters and from pm_collect.
 *
 * What is protected (docs/devices/pmu.md, docs/devices/dramc.md,
 * pm/regulator.c):
 *  - the core's dynamic energy is coefficient × V² per cycle: the same
 *    work at half the frequency costs the same energy in twice the time,
 *    at half the voltage a quarter; stalled cycles count with
 *    `pmsim,stall-weight-percent`;
 *  - leakage scales with (V / Vnom) × e^((V − Vnom) / Vs) (300 mV by
 *    default), is at the retention voltage in a retention state and
 *    nothing in a power-off state; with a thermal model it doubles every
 *    `pmsim,leakage-doubling-millicelsius` of the die's temperature above
 *    `pmsim,leakage-reference-millicelsius`, the domains' as the core's;
 *  - an idle DRAM in self-refresh draws IDD6 × VDD, one whose rail is off
 *    nothing;
 *  - a rail draws out / efficiency + quiescent current × Vin, and the
 *    battery's energy is every load plus every conversion loss, which is
 *    the report's total;
 *  - the FPU's energy is pmsim,fpu-cycle-pj × V² per busy cycle (each FP
 *    instruction's issue cycles); its power domain in retention keeps
 *    its registers but answers NOCP, off loses them;
 *  - a wake-up's exit latency passes for the core alone: the rest of the
 *    SoC's events due meanwhile run at their own times, not when the core
 *    resumes (an event that reschedules itself keeps its pace, so a paced
 *    sender's bytes stay in order).
 * The model is exact there, so the checks are equalities to within
 * floating-point rounding (relative 1e-9).
 */
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "devices/dramc.h"
#include "pm/collect.h"
#include "pm/meter.h"
#include "pm/pmu.h"
#include "pm/regulator.h"
#include "pm/thermal.h"
#include "pm/report.h"
#include "sim/bus.h"
#include "sim/machine.h"
#include "sim/soc.h"
#include "check_run.h"
#include "dts_text.h"

#define PMU_BASE 0x40022000u
#define PMU_LPMODE (PMU_BASE + 0x004)
#define PMU_PD_CTRL(n) (PMU_BASE + 0x020 + 4 * (n))
#define PMU_AON_COUNT (PMU_BASE + 0x060)
#define PMU_SLEEP_COUNT (PMU_BASE + 0x064)
#define DRAMC_BASE 0x40023000u
#define DRAMC_CTRL (DRAMC_BASE + 0x004)
#define DRAMC_STATUS (DRAMC_BASE + 0x008)
#define DRAMC_SR_REQ 0x4u

#define COEFF_PJ 100.0          /* dynamic-power-coefficient of the test core */
#define LEAK_NOM_W 1e-3         /* pmsim,leakage-microwatt at 1 V */
#define RET_UV 600000u          /* the retention state's voltage */
#define IDD6_UA 1000u
#define DRAM_VDD_UV 1200000u
#define LOOPS 2000u             /* iterations of the compute loop */
#define FPU_PJ_CELL "50"        /* pmsim,fpu-cycle-pj of the Cortex-M4F */
#define FPU_PJ 50.0
#define PD_FPU 4                /* the fpu domain's index */

/* ---- guest programs ---------------------------------------------------- */

/* Vector table at 0 (initial SP, reset vector), then two programs. The
 * reset vector picks one (Thumb bit set).
 *
 * compute, at 0x40: LOOPS iterations of four ALU instructions, then
 * BKPT #0 (which the test's hook turns into a stop):
 *	0x40	ldr	r0, [pc, #12]	@ 0x50: LOOPS
 *	0x42	adds	r1, #1
 *	0x44	adds	r2, #1
 *	0x46	adds	r3, #1
 *	0x48	adds	r4, #1
 *	0x4a	subs	r0, #1
 *	0x4c	bne.n	0x42
 *	0x4e	bkpt	0x0000
 *	0x50	.word	LOOPS
 *
 * sleep, at 0x62: write SCR (SLEEPDEEP from the word at 0x74), then WFI;
 * BKPT if it ever wakes:
 *	0x62	ldr	r0, [pc, #12]	@ 0x70: SCR
 *	0x64	ldr	r1, [pc, #12]	@ 0x74: SCR value
 *	0x66	str	r1, [r0, #0]
 *	0x68	dsb	sy
 *	0x6c	wfi
 *	0x6e	bkpt	0x0000
 *	0x70	.word	0xe000ed10
 *	0x74	.word	4 (SLEEPDEEP) or 0
 */
#define PROG_COMPUTE 0x41u
#define PROG_SLEEP 0x63u
/*
 * fp, at 0x80 (the Cortex-M4F): CP10/CP11 on, LOOPS iterations of a
 * VADD.F32 (1 cycle) and a VDIV.F32 (14), BKPT; then a VMOV from S0 and
 * BKPT again:
 *	0x80	ldr	r0, [pc, #36]	@ 0xa8: CPACR
 *	0x82	mov.w	r1, #0xf00000
 *	0x86	str	r1, [r0]
 *	0x88	dsb	sy
 *	0x8c	isb	sy
 *	0x90	mov.w	r2, #2000	@ LOOPS
 *	0x94	vadd.f32 s0, s0, s1
 *	0x98	vdiv.f32 s2, s2, s3
 *	0x9c	subs	r2, #1
 *	0x9e	bne.n	0x94
 *	0xa0	bkpt	0x0000
 *	0xa2	vmov	r0, s0
 *	0xa6	bkpt	0x0000
 *	0xa8	.word	0xe000ed88
 */
#define PROG_FP 0x81u
#define PROG_FP_VMOV 0xa2u

static void load_program(struct soc *soc, uint32_t entry, bool sleepdeep)
{
	static const uint16_t compute[] = { 0x4803, 0x3101, 0x3201, 0x3301, 0x3401,
					    0x3801, 0xd1f9, 0xbe00 };
	static const uint16_t sleep[] = { 0x4803, 0x4903, 0x6001, 0xf3bf, 0x8f4f, 0xbf30,
					  0xbe00 };
	uint32_t vec[2] = { 0x00010000, entry };
	uint32_t loops = LOOPS, scr = 0xe000ed10, scr_val = sleepdeep ? 4 : 0;
	ck_assert_int_eq(bus_load(&soc->bus, 0x00, vec, sizeof vec), 0);
	ck_assert_int_eq(bus_load(&soc->bus, 0x40, compute, sizeof compute), 0);
	ck_assert_int_eq(bus_load(&soc->bus, 0x50, &loops, 4), 0);
	ck_assert_int_eq(bus_load(&soc->bus, 0x62, sleep, sizeof sleep), 0);
	ck_assert_int_eq(bus_load(&soc->bus, 0x70, &scr, 4), 0);
	ck_assert_int_eq(bus_load(&soc->bus, 0x74, &scr_val, 4), 0);
	static const uint16_t fp[] = { 0x4809, 0xf44f, 0x0170, 0x6001, 0xf3bf, 0x8f4f, 0xf3bf,
				       0x8f6f, 0xf44f, 0x62fa, 0xee30, 0x0a20, 0xee81, 0x1a21,
				       0x3a01, 0xd1f9, 0xbe00, 0xee10, 0x0a10, 0xbe00 };
	uint32_t cpacr = 0xe000ed88;
	_Static_assert(LOOPS == 2000, "the fp program's mov.w r2, #2000");
	ck_assert_int_eq(bus_load(&soc->bus, 0x80, fp, sizeof fp), 0);
	ck_assert_int_eq(bus_load(&soc->bus, 0xa8, &cpacr, 4), 0);
}

/* ---- SoCs ------------------------------------------------------------ */

struct cfg {
	uint32_t hz;            /* core clock */
	uint32_t uv;            /* core voltage (no cpu-supply) */
	uint32_t stall_pct;
	uint32_t access_ns;     /* wait states of the RAM; 0 = core speed */
	bool dram, rails;
	/* Transition energy: the core's capacitance, the PMU's sequencing
	 * power, and a capacitance per domain (20, 10, 5, 1 nF). */
	uint32_t cap_nf, seq_uw;
	bool pd_cap;
	/* A Cortex-M4F (FPv4-SP-D16, pmsim,fpu-cycle-pj = FPU_PJ) and a
	 * fifth domain, "fpu", for it. */
	bool fpu;
	bool fpu_domain_only;   /* the "fpu" domain on the Cortex-M3, without a unit */
	const char *cpu_extra;  /* more properties of the cpu node */
	const char *top_extra;  /* more nodes at the top level */
};

/* One core with three idle states (clock-gate, retention at 0.6 V,
 * power-off), a PMU with four domains, 64 KiB of RAM at 0; optionally a
 * DRAM behind its controller, and optionally a battery, three rails and an
 * oscillator, every load on a rail. */
static char *make_dts(const struct cfg *c)
{
	char core_v[640], ram_timing[64], supplies[256];
	const char *cpu_extra = c->cpu_extra ? c->cpu_extra : "";
	const char *top_extra = c->top_extra ? c->top_extra : "";
	if (c->rails)
		snprintf(core_v, sizeof core_v, "cpu-supply = <&vdd_core>; %s", cpu_extra);
	else
		snprintf(core_v, sizeof core_v, "pmsim,microvolt = <%u>; %s", c->uv, cpu_extra);
	if (c->cap_nf)
		snprintf(core_v + strlen(core_v), sizeof core_v - strlen(core_v),
			 " pmsim,capacitance-nanofarad = <%u>;", c->cap_nf);
	ram_timing[0] = 0;
	if (c->access_ns)
		snprintf(ram_timing, sizeof ram_timing, "pmsim,access-ns = <%u %u>;",
			 c->access_ns, c->access_ns);
	supplies[0] = 0;
	if (c->rails)
		snprintf(supplies, sizeof supplies, "pmsim,domain-supplies = "
			 "<&vdd_core &vdd_io &vdd_mem &vdd_aon>; clocks = <&osc>;");
	if (c->seq_uw)
		snprintf(supplies + strlen(supplies), sizeof supplies - strlen(supplies),
			 " pmsim,sequencer-microwatt = <%u>;", c->seq_uw);
	if (c->pd_cap)
		snprintf(supplies + strlen(supplies), sizeof supplies - strlen(supplies),
			 " pmsim,domain-capacitance-nanofarad = <20 10 5 1>;");
	const char *dram = !c->dram ? "" :
		"  dram: memory@60000000 { device_type = \"memory\";\n"
		"    reg = <0x60000000 0x100000>; power-domains = <&pmu 2>; };\n"
		"  memory-controller@40023000 { compatible = \"pmsim,lpddr-controller\";\n"
		"    reg = <0x40023000 0x1000>; power-domains = <&pmu 2>;\n"
		"    pmsim,memory = <&dram>; pmsim,pd-idle-ns = <0>; pmsim,sr-idle-ns = <0>;\n"
		"    pmsim,idd6-microamp = <1000>; pmsim,vdd-microvolt = <1200000>; };\n";
	const char *rails = !c->rails ? "" :
		"  battery: battery { compatible = \"pmsim,battery\";\n"
		"    pmsim,microvolt = <3700000>; };\n"
		"  osc: oscillator { compatible = \"fixed-clock\"; #clock-cells = <0>;\n"
		"    clock-frequency = <32768>; pmsim,microwatt = <7>; };\n"
		"  vdd_core: vdd-core { compatible = \"regulator-fixed\";\n"
		"    regulator-name = \"vdd_core\"; regulator-min-microvolt = <1000000>;\n"
		"    regulator-max-microvolt = <1000000>; pmsim,efficiency-percent = <80>;\n"
		"    pmsim,quiescent-microamp = <100>; regulator-always-on;\n"
		"    vin-supply = <&battery>; };\n"
		"  vdd_io: vdd-io { compatible = \"regulator-fixed\";\n"
		"    regulator-name = \"vdd_io\"; regulator-min-microvolt = <3300000>;\n"
		"    regulator-max-microvolt = <3300000>; pmsim,efficiency-percent = <90>;\n"
		"    pmsim,quiescent-microamp = <20>; regulator-always-on;\n"
		"    vin-supply = <&battery>; };\n"
		"  vdd_mem: vdd-mem { compatible = \"regulator-fixed\";\n"
		"    regulator-name = \"vdd_mem\"; regulator-min-microvolt = <1200000>;\n"
		"    regulator-max-microvolt = <1200000>; pmsim,efficiency-permille = <875>;\n"
		"    pmsim,quiescent-microamp = <30>; regulator-always-on;\n"
		"    vin-supply = <&battery>; };\n"
		"  vdd_aon: ldo-aon { compatible = \"regulator-fixed\";\n"
		"    regulator-name = \"vdd_aon\"; regulator-min-microvolt = <900000>;\n"
		"    regulator-max-microvolt = <900000>; pmsim,linear;\n"
		"    pmsim,quiescent-microamp = <2>; regulator-always-on;\n"
		"    vin-supply = <&vdd_io>; };\n";
	static const char fmt[] =
		"/dts-v1/;\n"
		"/ {\n"
		"  model = \"pmsim physics test SoC\";\n"
		"  #address-cells = <1>;\n"
		"  #size-cells = <1>;\n"
		"  cpus {\n"
		"    #address-cells = <1>;\n"
		"    #size-cells = <0>;\n"
		"    cpu@0 {\n"
		"      device_type = \"cpu\";\n"
		"      %s\n"
		"      reg = <0>;\n"
		"      clock-frequency = <%u>;\n"
		"      dynamic-power-coefficient = <100>;\n"
		"      pmsim,stall-weight-percent = <%u>;\n"
		"      pmsim,leakage-microwatt = <1000>;\n"
		"      pmsim,leakage-microvolt = <1000000>;\n"
		"      cpu-idle-states = <&wfi &ret &off>;\n"
		"      %s\n"
		"    };\n"
		"    idle-states {\n"
		"      wfi: wfi { compatible = \"arm,idle-state\"; entry-latency-us = <1>;\n"
		"        exit-latency-us = <1>; min-residency-us = <2>;\n"
		"        pmsim,idle-mode = \"clock-gate\"; };\n"
		"      ret: retention { compatible = \"arm,idle-state\"; entry-latency-us = <20>;\n"
		"        exit-latency-us = <40>; min-residency-us = <150>;\n"
		"        pmsim,idle-mode = \"retention\"; pmsim,retention-microvolt = <600000>; };\n"
		"      off: power-off { compatible = \"arm,idle-state\"; entry-latency-us = <100>;\n"
		"        exit-latency-us = <400>; min-residency-us = <2000>;\n"
		"        pmsim,idle-mode = \"power-off\"; };\n"
		"    };\n"
		"  };\n"
		"  memory@0 { device_type = \"memory\"; reg = <0 0x10000>; %s };\n"
		"  pmu: power-controller@40022000 {\n"
		"    compatible = \"pmsim,pmu\";\n"
		"    reg = <0x40022000 0x1000>;\n"
		"    #power-domain-cells = <1>;\n"
		"    %s\n"
		"    %s\n"
		"  };\n"
		"%s%s%s"
		"};\n";
	size_t len = sizeof fmt + strlen(dram) + strlen(rails) + strlen(top_extra) + 1024;
	char *s = malloc(len);
	ck_assert_ptr_nonnull(s);
	const char *cpu = c->fpu && !c->fpu_domain_only ? "compatible = \"arm,cortex-m4\"; pmsim,fpu = \"fpv4-sp-d16\"; "
				   "pmsim,fpu-cycle-pj = <" FPU_PJ_CELL ">;"
				 : "compatible = \"arm,cortex-m3\";";
	const char *domains = c->fpu ?
		"pmsim,domain-names = \"core\", \"periph\", \"dram\", \"aon\", \"fpu\";\n"
		"    pmsim,domain-leakage-microwatt = <800 300 100 5 40>;" :
		"pmsim,domain-names = \"core\", \"periph\", \"dram\", \"aon\";\n"
		"    pmsim,domain-leakage-microwatt = <800 300 100 5>;";
	snprintf(s, len, fmt, cpu, c->hz, c->stall_pct, core_v, ram_timing, domains, supplies,
		 dram, rails, top_extra);
	return s;
}

/* BKPT (any immediate) ends a test program. */
static bool stop_on_bkpt(void *opaque, struct cpu *cpu, unsigned imm)
{
	(void)opaque;
	(void)imm;
	cpu_request_stop(cpu);
	return true;
}

static const struct cpu_hooks hooks = { .bkpt = stop_on_bkpt };

/* soc_create's status for the SoC of `c`, its message in `e`, built
 * through the same .dts path as `pmsim run --config` (machine_load_dtb
 * compiles a file whose name ends in .dts). */
static int soc_try(struct soc *soc, const struct cfg *c, struct err *e)
{
	char *text = make_dts(c);
	void *dtb = NULL;
	size_t dlen = 0;
	dts_text_compile(text, &dtb, &dlen);
	free(text);
	struct soc_options so = { .hooks = &hooks };
	int rc = soc_create(soc, dtb, dlen, &so, e);
	free(dtb);
	return rc;
}

/* Build the SoC of `c` through the same .dts path as `pmsim run --config`,
 * load the programs, reset, and start at `entry`. */
static void soc_up(struct soc *soc, const struct cfg *c, uint32_t entry, bool sleepdeep)
{
	struct err e = { "" };
	int rc = soc_try(soc, c, &e);
	ck_assert_msg(rc == 0, "soc_create: %s", e.msg);
	ck_assert_ptr_nonnull(soc->pmu);
	load_program(soc, entry, sleepdeep);
	soc_reset(soc);
}

/* Run as sim/machine.c's main loop does until the core stops (BKPT) or
 * sleeps with nothing scheduled. */
static enum cpu_state run(struct soc *soc)
{
	struct sched *s = &soc->sched;
	for (;;) {
		enum cpu_state st = cpu_run(soc->cpu, SIMTIME_NEVER);
		if (st == CPU_RUNNING) {
			sched_run_until(s, sched_now(s));
			continue;
		}
		if (st == CPU_SLEEPING && sched_next_time(s) != SIMTIME_NEVER) {
			sched_run_until(s, sched_next_time(s));
			continue;
		}
		ck_assert_msg(st == CPU_STOPPED || st == CPU_SLEEPING, "core state %d", st);
		return st;
	}
}

/* Let simulated time pass by `dt` (the core sleeps or is stopped). */
static void wait_ps(struct soc *soc, simtime_t dt)
{
	sched_run_until(&soc->sched, sched_now(&soc->sched) + dt);
}

static struct pm_meter *meter(struct soc *soc, const char *component, const char *kind)
{
	for (struct pm_meter *m = soc->meters; m; m = m->next)
		if (!strcmp(m->component, component) && !strcmp(m->kind, kind))
			return m;
	ck_abort_msg("no meter %s/%s", component, kind);
	return NULL;
}

/* A meter's energy now, with every lazily kept figure brought up to date. */
static double joules(struct soc *soc, const char *component, const char *kind)
{
	simtime_t now = sched_now(&soc->sched);
	pmu_settle(soc->pmu, now);
	return pm_meter_joules(meter(soc, component, kind), now);
}

static struct dramc *find_dramc(struct soc *soc)
{
	for (unsigned i = 0; i < soc->ndevs; i++)
		if (soc->devs[i].type == &dramc_dev_type)
			return soc->devs[i].state;
	ck_abort_msg("no DRAM controller");
	return NULL;
}

static void mmio_write(struct soc *soc, uint32_t addr, uint32_t v)
{
	ck_assert_int_eq(bus_access_slow(&soc->bus, addr, 4, &v, true), BUS_OK);
}

static uint32_t mmio_read(struct soc *soc, uint32_t addr)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_access_slow(&soc->bus, addr, 4, &v, false), BUS_OK);
	return v;
}

static double absd(double x)
{
	return x < 0 ? -x : x;
}

#define ck_assert_rel(got, want)                                                        \
	do {                                                                            \
		double g_ = (got), w_ = (want);                                         \
		double m_ = absd(g_) > absd(w_) ? absd(g_) : absd(w_);                  \
		ck_assert_msg(absd(g_ - w_) <= 1e-9 * m_, "%s = %.17g, expected %s = %.17g", \
			      #got, g_, #want, w_);                                     \
	} while (0)

static double sec(simtime_t t)
{
	return (double)t * 1e-12;
}

/* ---- the FPU -------------------------------------------------------------- */

#define F32_ONE 0x3f800000u
#define F32_2000 0x44fa0000u

/* Its energy is pmsim,fpu-cycle-pj × (V / Vnom)² per busy cycle, the busy
 * cycles being each FP instruction's: 1 for VADD.F32, 14 for VDIV.F32. */
START_TEST(fpu_energy_is_pj_v2_per_busy_cycle)
{
	struct cfg c = { .hz = 100000000, .uv = 900000, .stall_pct = 50, .fpu = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_FP, false);
	cpu_set_fp_reg(soc.cpu, 1, F32_ONE);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	ck_assert_uint_eq(cpu_fp_reg(soc.cpu, 0), F32_2000); /* LOOPS × 1.0: it ran */
	ck_assert_uint_eq(cpu_fp_cycles(soc.cpu), LOOPS * (1 + 14));
	ck_assert_rel(joules(&soc, "cpu0.fpu", "dynamic"),
		      FPU_PJ * 1e-12 * 0.9 * 0.9 * (double)(LOOPS * 15));
	soc_destroy(&soc);
}
END_TEST

/* The fpu domain: in retention the unit keeps its registers but answers
 * nothing (NOCP), off it loses them. */
START_TEST(fpu_domain_gates_the_unit)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .fpu = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_FP, false);
	uint32_t hardfault = 0x4f; /* the compute program's BKPT */
	ck_assert_int_eq(bus_load(&soc.bus, 0x0c, &hardfault, 4), 0);
	cpu_set_fp_reg(soc.cpu, 1, F32_ONE);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	ck_assert_uint_eq(cpu_fp_reg(soc.cpu, 0), F32_2000);

	mmio_write(&soc, PMU_PD_CTRL(PD_FPU), 1); /* retention */
	cpu_debug_set_reg(soc.cpu, 15, PROG_FP_VMOV);
	uint64_t busy = cpu_fp_cycles(soc.cpu);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	ck_assert_uint_eq(cpu_reg(soc.cpu, 15), 0x50); /* past the HardFault handler's BKPT */
	ck_assert_uint_eq(mmio_read(&soc, 0xe000ed28) & (1u << 19), 1u << 19); /* NOCP */
	ck_assert_uint_eq(cpu_fp_cycles(soc.cpu), busy); /* it did not execute */
	ck_assert_uint_eq(cpu_fp_reg(soc.cpu, 0), F32_2000); /* kept */

	mmio_write(&soc, PMU_PD_CTRL(PD_FPU), 0); /* off */
	mmio_write(&soc, PMU_PD_CTRL(PD_FPU), 2); /* on again */
	ck_assert_uint_eq(cpu_fp_reg(soc.cpu, 0), 0);
	ck_assert_uint_eq(cpu_fp_reg(soc.cpu, 1), 0);
	soc_destroy(&soc);
}
END_TEST

START_TEST(fpu_figures_need_an_fpu)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50,
			 .cpu_extra = "pmsim,fpu-cycle-pj = <5>;" };
	struct soc soc;
	struct err e = { "" };
	ck_assert_int_eq(soc_try(&soc, &c, &e), -1);
	ck_assert_msg(strstr(e.msg, "'pmsim,fpu-cycle-pj' is set, but the cpu has no FPU"), "%s",
		      e.msg);
	struct cfg d = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .fpu = true,
			 .fpu_domain_only = true };
	ck_assert_int_eq(soc_try(&soc, &d, &e), -1);
	ck_assert_msg(strstr(e.msg, "has an \"fpu\" domain, but the cpu has no FPU"), "%s", e.msg);
}
END_TEST

/* ---- dynamic energy ------------------------------------------------------ */

struct compute_result {
	double dyn_j;
	simtime_t time;
	uint64_t cycles, stalls, insns;
};

static struct compute_result compute(const struct cfg *c)
{
	struct soc soc;
	soc_up(&soc, c, PROG_COMPUTE, false);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	struct compute_result r;
	r.dyn_j = joules(&soc, "cpu0", "dynamic");
	r.time = sched_now(&soc.sched);
	r.cycles = cpu_cycles(soc.cpu);
	struct cpu_mem_stats ms;
	cpu_mem_stats(soc.cpu, &ms);
	r.stalls = ms.stall_cycles;
	r.insns = cpu_insns(soc.cpu);
	soc_destroy(&soc);
	return r;
}

START_TEST(dynamic_energy_is_coefficient_v2_per_cycle)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50 };
	struct compute_result r = compute(&c);
	/* The program did run: 1 load, 6 per iteration, the BKPT. */
	ck_assert_uint_eq(r.insns, 1 + 6ull * LOOPS + 1);
	ck_assert_uint_eq(r.stalls, 0);
	ck_assert_uint_gt(r.cycles, r.insns - 1);
	ck_assert_rel(r.dyn_j, COEFF_PJ * 1e-12 * 1.0 * (double)r.cycles);
	ck_assert_uint_eq(r.time, r.cycles * 10000); /* 10 ns per cycle */
}
END_TEST

START_TEST(half_frequency_same_energy_twice_the_time)
{
	struct cfg fast = { .hz = 100000000, .uv = 900000, .stall_pct = 50 };
	struct cfg slow = fast;
	slow.hz = 50000000;
	struct compute_result a = compute(&fast), b = compute(&slow);
	ck_assert_uint_eq(a.cycles, b.cycles);
	ck_assert_uint_gt(a.time, 0);
	ck_assert_uint_eq(b.time, 2 * a.time);
	ck_assert_double_gt(a.dyn_j, 0);
	ck_assert_rel(b.dyn_j, a.dyn_j);
}
END_TEST

START_TEST(half_voltage_quarter_energy)
{
	struct cfg full = { .hz = 100000000, .uv = 1000000, .stall_pct = 50 };
	struct cfg half = full;
	half.uv = 500000;
	struct compute_result a = compute(&full), b = compute(&half);
	ck_assert_uint_eq(a.cycles, b.cycles);
	ck_assert_uint_eq(a.time, b.time);
	ck_assert_double_gt(a.dyn_j, 0);
	ck_assert_rel(b.dyn_j, a.dyn_j / 4);
}
END_TEST

START_TEST(stalled_cycles_weighted_by_stall_weight)
{
	/* RAM at 40 ns per access, core at 100 MHz: every fetch waits. */
	struct cfg c = { .hz = 100000000, .uv = 1000000, .access_ns = 40 };
	struct compute_result r[3];
	static const uint32_t pct[3] = { 0, 40, 100 };
	for (int i = 0; i < 3; i++) {
		c.stall_pct = pct[i];
		r[i] = compute(&c);
	}
	ck_assert_uint_gt(r[0].stalls, 0);
	ck_assert_uint_lt(r[0].stalls, r[0].cycles);
	for (int i = 1; i < 3; i++) {
		ck_assert_uint_eq(r[i].cycles, r[0].cycles);
		ck_assert_uint_eq(r[i].stalls, r[0].stalls);
	}
	double busy = (double)(r[0].cycles - r[0].stalls), st = (double)r[0].stalls;
	for (int i = 0; i < 3; i++)
		ck_assert_rel(r[i].dyn_j, COEFF_PJ * 1e-12 * (busy + pct[i] / 100.0 * st));
	/* A stalled cycle at 40 % costs 40 % of an executing one. */
	ck_assert_rel(r[1].dyn_j - r[0].dyn_j, 0.4 * (r[2].dyn_j - r[0].dyn_j));
}
END_TEST

/* ---- leakage ------------------------------------------------------------- */

/* The voltage law of leakage (pm/thermal.h) at `v` volts, from 1 V. */
static double leak_v(double v, double vs)
{
	return v / 1.0 * exp((v - 1.0) / vs);
}

START_TEST(leakage_grows_with_voltage_through_dibl)
{
	static const uint32_t uvs[] = { 1000000, 800000, 500000, 1000000 };
	for (unsigned i = 0; i < 4; i++) {
		/* The last with a slope of 150 mV instead of the default
		 * 300 mV. */
		struct cfg c = { .hz = 100000000, .uv = uvs[i], .stall_pct = 50 };
		double vs = 0.3;
		if (i == 3) {
			c.uv = 800000;
			c.cpu_extra = "pmsim,leakage-voltage-slope-microvolt = <150000>;";
			vs = 0.15;
		}
		struct soc soc;
		soc_up(&soc, &c, PROG_COMPUTE, false);
		ck_assert_int_eq(run(&soc), CPU_STOPPED);
		double w = LEAK_NOM_W * leak_v(c.uv / 1e6, vs);
		ck_assert_rel(meter(&soc, "cpu0", "leakage")->watts, w);
		simtime_t t = sched_now(&soc.sched);
		ck_assert_rel(joules(&soc, "cpu0", "leakage"), w * sec(t));
		soc_destroy(&soc);
	}
}
END_TEST

/* A one-node thermal model whose die barely warms (1 mK/W to the
 * ambient, 1 ms time constant), at 25 °C. */
static const char small_rc[] =
	"  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
	"    die { pmsim,capacitance-microjoule-per-kelvin = <1000000>;\n"
	"      pmsim,resistance-millikelvin-per-watt = <1>; }; };\n";

/* The core's leakage and the core domain's at an ambient of `celsius`,
 * once the die has settled there: the core stopped at its BKPT, 100 ms
 * later. */
static void leak_at(double celsius, double *core_w, double *pd_w, double *die_c)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .top_extra = small_rc,
			 .cpu_extra = "pmsim,leakage-doubling-millicelsius = <10000>;" };
	struct soc soc;
	soc_up(&soc, &c, PROG_COMPUTE, false);
	ck_assert_ptr_nonnull(soc.thermal);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	thermal_set_ambient(soc.thermal, sched_now(&soc.sched), celsius);
	wait_ps(&soc, 100 * PS_PER_MS);
	*core_w = meter(&soc, "cpu0", "leakage")->watts;
	*pd_w = meter(&soc, "pd.core", "leakage")->watts;
	/* The leakage reads the die to the m°C. */
	*die_c = round(thermal_celsius(soc.thermal, 0) * 1000.0) / 1000.0;
	soc_destroy(&soc);
}

START_TEST(leakage_doubles_every_n_degrees)
{
	double c25, d25, t25, c35, d35, t35, c5, d5, t5;
	leak_at(25.0, &c25, &d25, &t25);
	leak_at(35.0, &c35, &d35, &t35);
	leak_at(5.0, &c5, &d5, &t5);
	/* The die is within a few µK of the ambient (mW through 1 mK/W): at
	 * 25 °C the leakage is the reference's, exactly as the law says at
	 * the die's temperature. */
	ck_assert_msg(fabs(t25 - 25.0) < 1e-4 && fabs(t35 - 35.0) < 1e-4, "%g %g", t25, t35);
	ck_assert_rel(c25, LEAK_NOM_W * exp2((t25 - 25.0) / 10.0));
	ck_assert_rel(c35, LEAK_NOM_W * exp2((t35 - 25.0) / 10.0));
	/* +10 °C doubles it, −20 °C quarters it; the domain follows too. */
	ck_assert_msg(fabs(c35 / c25 - 2.0) < 1e-5, "ratio %.9f", c35 / c25);
	ck_assert_msg(fabs(c5 / c25 - 0.25) < 1e-5, "ratio %.9f", c5 / c25);
	ck_assert_msg(fabs(d35 / d25 - 2.0) < 1e-5, "domain ratio %.9f", d35 / d25);
	ck_assert_rel(d25, 800e-6 * exp2((t25 - 25.0) / 10.0));
}
END_TEST

/* The leakage law's properties are refused out of range, naming the cpu
 * node and the property. */
START_TEST(bad_leakage_law_is_refused)
{
	static const struct { const char *props, *want; } bad[] = {
		{ "pmsim,leakage-doubling-millicelsius = <0>;",
		  "'pmsim,leakage-doubling-millicelsius' must be positive (is 0)" },
		{ "pmsim,leakage-voltage-slope-microvolt = <(-300000)>;",
		  "'pmsim,leakage-voltage-slope-microvolt' must be positive (is -300000)" },
		{ "pmsim,leakage-reference-millicelsius = <(-300000)>;",
		  "'pmsim,leakage-reference-millicelsius' (-300000 m°C) is outside" },
		{ "pmsim,leakage-doubling-millicelsius = <10 20>;",
		  "'pmsim,leakage-doubling-millicelsius' must be one cell" },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50,
				 .cpu_extra = bad[i].props };
		struct soc soc;
		struct err e = { "" };
		ck_assert_int_eq(soc_try(&soc, &c, &e), -1);
		ck_assert_msg(strstr(e.msg, "/cpus/cpu@0: ") && strstr(e.msg, bad[i].want),
			      "'%s' lacks '%s'", e.msg, bad[i].want);
	}
}
END_TEST

/* Sleep in idle state `lpmode` (0 with a plain WFI) and check the core's
 * leakage power while asleep, and that it is all the core draws. */
static void sleep_leakage(unsigned lpmode, double want_w)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50 };
	struct soc soc;
	soc_up(&soc, &c, PROG_SLEEP, lpmode != 0);
	mmio_write(&soc, PMU_LPMODE, lpmode);
	ck_assert_uint_eq(mmio_read(&soc, PMU_LPMODE), lpmode);
	ck_assert_int_eq(run(&soc), CPU_SLEEPING);
	ck_assert(cpu_is_sleeping(soc.cpu));
	double leak0 = joules(&soc, "cpu0", "leakage");
	double dyn0 = joules(&soc, "cpu0", "dynamic");
	ck_assert_double_gt(dyn0, 0);
	wait_ps(&soc, 3 * PS_PER_MS);
	double leak1 = joules(&soc, "cpu0", "leakage");
	if (want_w == 0) {
		ck_assert_double_eq(meter(&soc, "cpu0", "leakage")->watts, 0.0);
		ck_assert_double_eq(leak1, leak0);
	} else {
		ck_assert_rel(meter(&soc, "cpu0", "leakage")->watts, want_w);
		ck_assert_rel(leak1 - leak0, want_w * 3e-3);
	}
	/* No clock, no dynamic energy. */
	ck_assert_double_eq(joules(&soc, "cpu0", "dynamic"), dyn0);
	/* The state's residency and entry are counted when it wakes; while
	 * asleep the core is idle, not busy. */
	struct pm_report rep;
	ck_assert_int_eq(pm_collect(&soc, sched_now(&soc.sched), &rep), 0);
	ck_assert_uint_eq(rep.ncpus, 1);
	ck_assert_uint_ge(rep.cpus[0].idle, 3 * PS_PER_MS);
	pm_collect_free(&rep);
	soc_destroy(&soc);
}

START_TEST(clock_gated_core_leaks_at_its_voltage)
{
	sleep_leakage(0, LEAK_NOM_W);
}
END_TEST

START_TEST(retention_leaks_at_the_retention_voltage)
{
	sleep_leakage(1, LEAK_NOM_W * leak_v(RET_UV / 1e6, 0.3));
}
END_TEST

/* The always-on counter counts its 32768 Hz oscillator from power-on,
 * through the core's sleep, and latched its value when the core slept;
 * a PMU without a clock has no counter. */
START_TEST(aon_counter_counts_the_always_on_clock)
{
	struct cfg c = { .hz = 10000000, .uv = 1000000, .stall_pct = 50, .rails = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_SLEEP, false);
	ck_assert_int_eq(run(&soc), CPU_SLEEPING);
	simtime_t slept = sched_now(&soc.sched);
	wait_ps(&soc, 3 * PS_PER_S / 2 + 7 * PS_PER_S / 32768 / 10);
	simtime_t now = sched_now(&soc.sched);
	ck_assert_uint_eq(mmio_read(&soc, PMU_AON_COUNT), (uint32_t)(now * 32768 / PS_PER_S));
	ck_assert_uint_eq(mmio_read(&soc, PMU_AON_COUNT), 49152);
	ck_assert_uint_eq(mmio_read(&soc, PMU_SLEEP_COUNT), (uint32_t)(slept * 32768 / PS_PER_S));
	soc_destroy(&soc);

	c.rails = false;
	soc_up(&soc, &c, PROG_SLEEP, false);
	ck_assert_int_eq(run(&soc), CPU_SLEEPING);
	wait_ps(&soc, PS_PER_S);
	ck_assert_uint_eq(mmio_read(&soc, PMU_AON_COUNT), 0);
	soc_destroy(&soc);
}
END_TEST

START_TEST(powered_off_core_leaks_nothing)
{
	sleep_leakage(2, 0.0);
}
END_TEST

/* ---- wake-up ------------------------------------------------------------- */

#define NVIC_ISER0 0xe000e100u
#define PROBE_STEP (10 * PS_PER_US)
#define PROBES 3u

/* A device-like event that reschedules itself every PROBE_STEP from its
 * own time, as a timer or a paced UART sender does, and records when it
 * ran: the time it was due and the scheduler's clock at that moment. */
struct probe {
	struct sched_event ev;
	struct sched *s;
	unsigned n;
	simtime_t due[PROBES], clock[PROBES];
};

static void probe_fire(struct sched_event *ev, simtime_t now)
{
	struct probe *p = container_of(ev, struct probe, ev);
	p->due[p->n] = now;
	p->clock[p->n] = sched_now(p->s);
	if (++p->n < PROBES)
		sched_schedule(p->s, &p->ev, now + PROBE_STEP);
}

struct raise {
	struct sched_event ev;
	struct irq_line line;
};

static void raise_fire(struct sched_event *ev, simtime_t now)
{
	(void)now;
	irq_set(&container_of(ev, struct raise, ev)->line, 1);
}

/* The core sleeps in retention (exit latency 40 us) and IRQ 0 wakes it;
 * the probe's three events fall inside the exit latency. They must run at
 * their own times: the core executes nothing meanwhile, so nothing may
 * push the clock past them. Then the core takes the interrupt (its handler
 * is the BKPT at 0x6e) once the 40 us have passed. */
START_TEST(events_during_the_exit_latency_run_at_their_own_time)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50 };
	struct soc soc;
	soc_up(&soc, &c, PROG_SLEEP, true);
	uint32_t handler = 0x6eu | 1u;
	ck_assert_int_eq(bus_load(&soc.bus, 4 * 16, &handler, 4), 0);
	mmio_write(&soc, NVIC_ISER0, 1u);
	mmio_write(&soc, PMU_LPMODE, 1);
	ck_assert_int_eq(run(&soc), CPU_SLEEPING);
	ck_assert(cpu_is_sleeping(soc.cpu));

	struct sched *s = &soc.sched;
	simtime_t t0 = sched_now(s) + PS_PER_MS; /* long after the entry */
	struct raise r = { .line = soc_irq(&soc, 0) };
	sched_event_init(&r.ev, raise_fire, "test-raise");
	sched_schedule(s, &r.ev, t0);
	struct probe p = { .s = s };
	sched_event_init(&p.ev, probe_fire, "test-probe");
	sched_schedule(s, &p.ev, t0 + PROBE_STEP);

	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	for (unsigned i = 0; i < p.n; i++) {
		ck_assert_uint_eq(p.clock[i], p.due[i]);
		ck_assert_uint_eq(p.due[i], t0 + (i + 1) * PROBE_STEP);
	}
	ck_assert_uint_eq(p.n, PROBES);
	/* The handler's BKPT: the exit latency, then the exception entry
	 * (12 cycles) and the BKPT itself, at 10 ns a cycle. */
	simtime_t stop = sched_now(s);
	ck_assert_uint_ge(stop, t0 + 40 * PS_PER_US + 12 * 10 * PS_PER_NS);
	ck_assert_uint_lt(stop, t0 + 41 * PS_PER_US);
	ck_assert_uint_eq(cpu_xpsr(soc.cpu) & 0x1ffu, 16);
	soc_destroy(&soc);
}
END_TEST

/* ---- transitions --------------------------------------------------------- */

#define PMU_PD_STATUS_BASE (PMU_BASE + 0x040)

/* Sleep in idle state `lpmode` and wake `after` ps later by IRQ 0 (its
 * handler: the BKPT after the WFI, reached through the vector table; a
 * power-off state comes back through the reset vector, sleeps again, and
 * the run stops there). */
static void sleep_and_wake(struct soc *soc, unsigned lpmode, simtime_t after)
{
	uint32_t handler = 0x6eu | 1u;
	ck_assert_int_eq(bus_load(&soc->bus, 4 * 16, &handler, 4), 0);
	mmio_write(soc, NVIC_ISER0, 1u);
	mmio_write(soc, PMU_LPMODE, lpmode);
	ck_assert_int_eq(run(soc), CPU_SLEEPING);
	struct raise r = { .line = soc_irq(soc, 0) };
	sched_event_init(&r.ev, raise_fire, "test-raise");
	sched_schedule(&soc->sched, &r.ev, sched_now(&soc->sched) + after);
	run(soc);
}

/* A transition's energy is its documented parts (docs/power.md,
 * "Transitions"): the PMU's sequencing power over the entry and exit
 * latencies (a wake-up during the entry waits for its end), and the recharge of the core's capacitance, ½·C·(V² − Vret²)
 * from retention and C·V² from power-off, at V = 1 V here. */
START_TEST(transition_energy_is_its_documented_parts)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .cap_nf = 10,
			 .seq_uw = 50 };
	struct soc soc;
	double cap = 10e-9, seq = 50e-6, r = RET_UV / 1e6;

	soc_up(&soc, &c, PROG_SLEEP, true);
	sleep_and_wake(&soc, 1, PS_PER_MS);
	ck_assert_rel(joules(&soc, "cpu0", "transition"), 0.5 * cap * (1.0 - r * r));
	ck_assert_rel(joules(&soc, "pmu", "sequencing"), seq * (20 + 40) * 1e-6);
	soc_destroy(&soc);

	/* Woken 30 µs into power-off's 100 µs entry: the entry completes
	 * before the exit starts, so 100 + 400 µs are sequenced. */
	soc_up(&soc, &c, PROG_SLEEP, true);
	sleep_and_wake(&soc, 2, 30 * PS_PER_US);
	ck_assert_rel(joules(&soc, "cpu0", "transition"), cap * 1.0 * 1.0);
	ck_assert_rel(joules(&soc, "pmu", "sequencing"), seq * (100 + 400) * 1e-6);
	soc_destroy(&soc);

	/* Clock gating recharges nothing: only the sequencing. */
	soc_up(&soc, &c, PROG_SLEEP, true);
	sleep_and_wake(&soc, 0, PS_PER_MS);
	ck_assert_double_eq(joules(&soc, "cpu0", "transition"), 0.0);
	ck_assert_rel(joules(&soc, "pmu", "sequencing"), seq * (1 + 1) * 1e-6);
	soc_destroy(&soc);

	/* Without the figures the meters do not exist. */
	c.cap_nf = c.seq_uw = 0;
	soc_up(&soc, &c, PROG_SLEEP, true);
	for (struct pm_meter *m = soc.meters; m; m = m->next)
		ck_assert(strcmp(m->kind, "transition") && strcmp(m->kind, "sequencing"));
	soc_destroy(&soc);
}
END_TEST

/* A domain turned on from off recharges its capacitance: C·V² at its
 * rail's voltage, each time; retention and back recharges nothing. */
START_TEST(domain_inrush_is_c_v2)
{
	struct cfg c = { .hz = 10000000, .uv = 1000000, .stall_pct = 50, .rails = true,
			 .pd_cap = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_SLEEP, false);
	ck_assert_double_eq(joules(&soc, "pd.periph", "inrush"), 0.0);
	for (int i = 0; i < 2; i++) {
		mmio_write(&soc, PMU_PD_CTRL(1), 0);
		mmio_write(&soc, PMU_PD_CTRL(1), 2);
	}
	mmio_write(&soc, PMU_PD_CTRL(1), 1);
	mmio_write(&soc, PMU_PD_CTRL(1), 2);
	ck_assert_uint_eq(mmio_read(&soc, PMU_PD_STATUS_BASE + 4), 2);
	ck_assert_rel(joules(&soc, "pd.periph", "inrush"), 2 * 10e-9 * 3.3 * 3.3);
	soc_destroy(&soc);
}
END_TEST

/* The report's break-even residency is the algebra of docs/power.md:
 * max(entry + exit, (E_i − E_0) / (P_0 − P_i)) with E the sequencing and
 * recharge of one entry and exit and P the core's leakage in the state,
 * at 1 V (no OPP table: the core's voltage). With 1 µF of capacitance the
 * energy term, not the latency, decides; the DT's min-residency (150 µs,
 * 2000 µs) is then below retention's break-even (a warning) and within 4×
 * of power-off's (none). */
START_TEST(break_even_residency_is_the_algebra)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .cap_nf = 1000,
			 .seq_uw = 50 };
	struct soc soc;
	soc_up(&soc, &c, PROG_SLEEP, false);
	struct pm_report rep;
	ck_assert_int_eq(pm_collect(&soc, sched_now(&soc.sched), &rep), 0);
	const struct pm_report_cstate *cs = rep.cpus[0].cstates;
	/* Leakage at the reference temperature: P0·(V/V0)·e^((V − V0)/Vs),
	 * V0 = 1 V, Vs = 300 mV (the default). */
	double cap = 1e-6, seq = 50e-6, r = RET_UV / 1e6, p0 = LEAK_NOM_W;
	double p_ret = p0 * r * exp((r - 1.0) / 0.3);
	double e0 = seq * 2e-6;
	double e_ret = seq * 60e-6 + 0.5 * cap * (1 - r * r);
	double e_off = seq * 500e-6 + cap;
	ck_assert_rel(cs[0].transition_j, e0);
	ck_assert_double_eq(cs[0].break_even_us, 0.0);
	ck_assert_rel(cs[1].transition_j, e_ret);
	ck_assert_rel(cs[1].break_even_us, (e_ret - e0) / (p0 - p_ret) * 1e6);
	ck_assert_double_gt(cs[1].break_even_us, 60);
	ck_assert(cs[1].break_even_disagrees);
	ck_assert_rel(cs[2].transition_j, e_off);
	ck_assert_rel(cs[2].break_even_us, (e_off - e0) / p0 * 1e6);
	ck_assert_double_gt(cs[2].break_even_us, 500);
	ck_assert(!cs[2].break_even_disagrees);
	ck_assert_uint_eq(cs[2].break_even_uv, 1000000);
	pm_collect_free(&rep);
	soc_destroy(&soc);

	/* Small capacitance: the latency is the floor. */
	c.cap_nf = 1;
	soc_up(&soc, &c, PROG_SLEEP, false);
	ck_assert_int_eq(pm_collect(&soc, sched_now(&soc.sched), &rep), 0);
	ck_assert_double_eq(rep.cpus[0].cstates[1].break_even_us, 60.0);
	ck_assert_double_eq(rep.cpus[0].cstates[2].break_even_us, 500.0);
	pm_collect_free(&rep);
	soc_destroy(&soc);
}
END_TEST

/* ---- DRAM ------------------------------------------------------------------ */

START_TEST(dram_self_refresh_draws_idd6_vdd_and_nothing_when_off)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .dram = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_SLEEP, false);
	ck_assert_int_eq(run(&soc), CPU_SLEEPING);
	struct dramc *d = find_dramc(&soc);

	/* Active standby first: more than self-refresh. */
	simtime_t now = sched_now(&soc.sched);
	ck_assert_int_eq(dramc_state(d, now), DRAMC_ACTIVE);
	double w_sr = IDD6_UA * 1e-6 * (DRAM_VDD_UV * 1e-6);
	ck_assert_double_gt(dramc_meter(d, DRAMC_METER_BACKGROUND)->watts, w_sr);

	mmio_write(&soc, DRAMC_CTRL, DRAMC_SR_REQ);
	ck_assert_uint_eq(mmio_read(&soc, DRAMC_STATUS) & 3, DRAMC_SELF_REFRESH);
	now = sched_now(&soc.sched);
	dramc_settle(d, now);
	double bg0 = pm_meter_joules(dramc_meter(d, DRAMC_METER_BACKGROUND), now);
	double rf0 = pm_meter_joules(dramc_meter(d, DRAMC_METER_REFRESH), now);
	double ac0 = pm_meter_joules(dramc_meter(d, DRAMC_METER_ACCESS), now);
	wait_ps(&soc, 5 * PS_PER_MS);
	now = sched_now(&soc.sched);
	dramc_settle(d, now);
	ck_assert_int_eq(dramc_state(d, now), DRAMC_SELF_REFRESH);
	ck_assert_rel(dramc_meter(d, DRAMC_METER_BACKGROUND)->watts, w_sr);
	ck_assert_double_eq(dramc_meter(d, DRAMC_METER_REFRESH)->watts, 0.0);
	ck_assert_rel(pm_meter_joules(dramc_meter(d, DRAMC_METER_BACKGROUND), now) - bg0,
		      w_sr * 5e-3);
	/* IDD6 includes the refresh, and nothing was accessed. */
	ck_assert_double_eq(pm_meter_joules(dramc_meter(d, DRAMC_METER_REFRESH), now), rf0);
	ck_assert_double_eq(pm_meter_joules(dramc_meter(d, DRAMC_METER_ACCESS), now), ac0);

	/* The report's "dram" component sees the same. */
	struct pm_report rep;
	ck_assert_int_eq(pm_collect(&soc, now, &rep), 0);
	ck_assert(rep.dram.present);
	ck_assert_uint_eq(rep.dram.self_refresh_entries, 1);
	ck_assert_uint_ge(rep.dram.self_refresh, 5 * PS_PER_MS);
	double dram_j = -1;
	for (unsigned i = 0; i < rep.ncomponents; i++)
		if (!strcmp(rep.components[i].name, "dram"))
			dram_j = rep.components[i].joules;
	ck_assert_rel(dram_j, bg0 + rf0 + ac0 + w_sr * 5e-3);
	pm_collect_free(&rep);

	/* The DRAM domain off: its rail is off, nothing is drawn. */
	mmio_write(&soc, PMU_PD_CTRL(2), PD_OFF);
	ck_assert_uint_eq(mmio_read(&soc, PMU_PD_CTRL(2)), PD_OFF);
	now = sched_now(&soc.sched);
	ck_assert_int_eq(dramc_state(d, now), DRAMC_OFF);
	double e0[DRAMC_NMETERS];
	for (int k = 0; k < DRAMC_NMETERS; k++) {
		ck_assert_double_eq(dramc_meter(d, (enum dramc_meter_kind)k)->watts, 0.0);
		e0[k] = pm_meter_joules(dramc_meter(d, (enum dramc_meter_kind)k), now);
	}
	double pd0 = joules(&soc, "pd.dram", "leakage");
	wait_ps(&soc, 5 * PS_PER_MS);
	now = sched_now(&soc.sched);
	dramc_settle(d, now);
	for (int k = 0; k < DRAMC_NMETERS; k++)
		ck_assert_double_eq(pm_meter_joules(dramc_meter(d, (enum dramc_meter_kind)k), now),
				    e0[k]);
	/* The domain's own leakage stops too. */
	ck_assert_double_eq(joules(&soc, "pd.dram", "leakage"), pd0);
	soc_destroy(&soc);
}
END_TEST

/* ---- rails and the battery --------------------------------------------- */

struct rail_spec {
	const char *name;
	double eff;        /* 0: linear, Vout / Vin */
	double iq_a, vout, vin;
};

static const struct rail_spec rail_specs[] = {
	{ "vdd_core", 0.80, 100e-6, 1.0, 3.7 },
	{ "vdd_io", 0.90, 20e-6, 3.3, 3.7 },
	{ "vdd_mem", 0.875, 30e-6, 1.2, 3.7 },
	{ "vdd_aon", 0, 2e-6, 0.9, 3.3 },
};

static bool is_rail_name(const char *name)
{
	for (unsigned i = 0; i < sizeof rail_specs / sizeof rail_specs[0]; i++)
		if (!strcmp(name, rail_specs[i].name))
			return true;
	return false;
}

START_TEST(rails_battery_and_report_total)
{
	struct cfg c = { .hz = 100000000, .stall_pct = 50, .dram = true, .rails = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_COMPUTE, false);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	/* Some idle time with the core stopped, and the DRAM in self-refresh
	 * for part of it, so every kind of load has drawn something. */
	wait_ps(&soc, 2 * PS_PER_MS);
	mmio_write(&soc, DRAMC_CTRL, DRAMC_SR_REQ);
	wait_ps(&soc, 3 * PS_PER_MS);
	simtime_t now = sched_now(&soc.sched);
	double t = sec(now);

	struct pm_report rep;
	ck_assert_int_eq(pm_collect(&soc, now, &rep), 0);

	/* The core ran at its rail's voltage. */
	ck_assert_rel(joules(&soc, "cpu0", "dynamic"),
		      COEFF_PJ * 1e-12 * 1.0 * (double)cpu_cycles(soc.cpu));

	/* Each rail: in = out / efficiency + Iq × Vin over the whole run (all
	 * are on from the start). */
	ck_assert_uint_eq(rail_count(soc.rails), 4);
	double sum_in_battery = 0, sum_loss = 0;
	for (unsigned i = 0; i < 4; i++) {
		const struct rail_spec *rs = &rail_specs[i];
		struct pm_rail *r = rail_by_name(soc.rails, rs->name);
		ck_assert_ptr_nonnull(r);
		double out = rail_out_joules(r, now), in = rail_in_joules(r, now);
		double eff = rs->eff ? rs->eff : rs->vout / rs->vin;
		ck_assert_double_gt(out, 0);
		ck_assert_rel(in, out / eff + rs->iq_a * rs->vin * t);
		ck_assert_rel(joules(&soc, rs->name, "conversion"), in - out);
		if (rs->vin == 3.7)
			sum_in_battery += in;
		sum_loss += in - out;
		/* A rail delivers what its loads draw: the meters attached to
		 * it and the inputs of the rails it feeds. */
		double loads = 0;
		for (struct pm_meter *m = soc.meters; m; m = m->next)
			if (m->rail == r)
				loads += pm_meter_joules(m, now);
		if (!strcmp(rs->name, "vdd_io"))
			loads += rail_in_joules(rail_by_name(soc.rails, "vdd_aon"), now);
		ck_assert_rel(out, loads);
	}
	double battery = rail_set_battery_joules(soc.rails, now);
	ck_assert_rel(battery, sum_in_battery);

	/* Every load meter is on a rail; the battery is every load plus every
	 * conversion loss. */
	double loads = 0, all = 0;
	unsigned nloads = 0;
	for (struct pm_meter *m = soc.meters; m; m = m->next) {
		double j = pm_meter_joules(m, now);
		all += j;
		if (!strcmp(m->kind, "conversion"))
			continue;
		ck_assert_msg(m->rail != NULL, "meter %s/%s is on no rail", m->component, m->kind);
		ck_assert_double_ge(j, 0);
		loads += j;
		nloads++;
	}
	/* cpu0 ×2, four domains, three DRAM meters, the oscillator. */
	ck_assert_uint_ge(nloads, 10);
	ck_assert_rel(loads + sum_loss, battery);
	ck_assert_rel(all, battery);

	/* The report: its total is the battery's, the components add up to
	 * it (the rails' conversion losses are components of their own),
	 * and the rails are the rails. */
	ck_assert_rel(rep.total_j, battery);
	double comp = 0, comp_loads = 0;
	for (unsigned i = 0; i < rep.ncomponents; i++) {
		comp += rep.components[i].joules;
		if (!is_rail_name(rep.components[i].name))
			comp_loads += rep.components[i].joules;
	}
	ck_assert_rel(comp, battery);
	ck_assert_rel(comp_loads, loads);
	ck_assert_uint_eq(rep.nrails, 4);
	for (unsigned i = 0; i < rep.nrails; i++) {
		struct pm_rail *r = rail_by_name(soc.rails, rep.rails[i].name);
		ck_assert_ptr_nonnull(r);
		ck_assert_double_eq(rep.rails[i].in_j, rail_in_joules(r, now));
		ck_assert_double_eq(rep.rails[i].out_j, rail_out_joules(r, now));
	}

	/* The JSON says the same total, in its documented format. */
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pm_report_json(f, &rep, PM_REPORT_NO_HOST), 0);
	fclose(f);
	char want[64];
	snprintf(want, sizeof want, "\"total_j\": %.9e,", battery);
	ck_assert_msg(strstr(buf, want) != NULL, "no '%s' in the JSON", want);
	free(buf);
	pm_collect_free(&rep);
	soc_destroy(&soc);
}
END_TEST

/* Without regulators there is no battery: the total is the components'. */
START_TEST(no_rails_total_is_the_components)
{
	struct cfg c = { .hz = 100000000, .uv = 1000000, .stall_pct = 50, .dram = true };
	struct soc soc;
	soc_up(&soc, &c, PROG_COMPUTE, false);
	ck_assert_int_eq(run(&soc), CPU_STOPPED);
	wait_ps(&soc, PS_PER_MS);
	simtime_t now = sched_now(&soc.sched);
	struct pm_report rep;
	ck_assert_int_eq(pm_collect(&soc, now, &rep), 0);
	ck_assert_uint_eq(rep.nrails, 0);
	double comp = 0;
	for (unsigned i = 0; i < rep.ncomponents; i++)
		comp += rep.components[i].joules;
	ck_assert_double_gt(comp, 0);
	ck_assert_rel(rep.total_j, comp);
	/* cpu0 = its dynamic and leakage meters. */
	double cpu = -1;
	for (unsigned i = 0; i < rep.ncomponents; i++)
		if (!strcmp(rep.components[i].name, "cpu0"))
			cpu = rep.components[i].joules;
	ck_assert_rel(cpu, joules(&soc, "cpu0", "dynamic") + joules(&soc, "cpu0", "leakage"));
	pm_collect_free(&rep);
	soc_destroy(&soc);
}
END_TEST

static Suite *pmu_suite(void)
{
	Suite *s = suite_create("pmu physics");
	TCase *tc = tcase_create("dynamic");
	tcase_add_test(tc, dynamic_energy_is_coefficient_v2_per_cycle);
	tcase_add_test(tc, fpu_energy_is_pj_v2_per_busy_cycle);
	tcase_add_test(tc, fpu_domain_gates_the_unit);
	tcase_add_test(tc, fpu_figures_need_an_fpu);
	tcase_add_test(tc, half_frequency_same_energy_twice_the_time);
	tcase_add_test(tc, half_voltage_quarter_energy);
	tcase_add_test(tc, stalled_cycles_weighted_by_stall_weight);
	suite_add_tcase(s, tc);
	tc = tcase_create("leakage");
	tcase_add_test(tc, leakage_grows_with_voltage_through_dibl);
	tcase_add_test(tc, leakage_doubles_every_n_degrees);
	tcase_add_test(tc, bad_leakage_law_is_refused);
	tcase_add_test(tc, clock_gated_core_leaks_at_its_voltage);
	tcase_add_test(tc, retention_leaks_at_the_retention_voltage);
	tcase_add_test(tc, powered_off_core_leaks_nothing);
	tcase_add_test(tc, aon_counter_counts_the_always_on_clock);
	suite_add_tcase(s, tc);
	tc = tcase_create("wake-up");
	tcase_add_test(tc, events_during_the_exit_latency_run_at_their_own_time);
	tcase_add_test(tc, transition_energy_is_its_documented_parts);
	tcase_add_test(tc, domain_inrush_is_c_v2);
	tcase_add_test(tc, break_even_residency_is_the_algebra);
	suite_add_tcase(s, tc);
	tc = tcase_create("dram");
	tcase_add_test(tc, dram_self_refresh_draws_idd6_vdd_and_nothing_when_off);
	suite_add_tcase(s, tc);
	tc = tcase_create("rails");
	tcase_add_test(tc, rails_battery_and_report_total);
	tcase_add_test(tc, no_rails_total_is_the_components);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(pmu_suite());
}
