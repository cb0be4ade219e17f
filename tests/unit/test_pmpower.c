/*
 * The default SoC's power figures that follow the clocks (docs/power.md,
 * "Peripherals" and "Oscillators in suspend"), through the SoC built from
 * configs/default.dts without a core: its registers written as firmware
 * would, its meters read.
 *
 * What is protected:
 *  - a peripheral's dynamic power is femtojoule-per-cycle × f × V² at its
 *    clock's rate and its domain's voltage, its leakage comes on top, and
 *    a closed gate leaves the leakage alone: the DMA controller, on the
 *    AHB clock, at two dividers and gated;
 *  - system suspend stops the two crystals, so the always-on rail's
 *    output falls by exactly their 600 µW and the switching power of the
 *    always-on UART they clock, and the 32 kHz crystal (pmsim,always-on)
 *    runs on;
 *  - at resume the crystals draw again at once but give their clock only
 *    after their start-up time, which the clock tree reports as the time
 *    the SoC waits for.
 */
#include <check.h>
#include <libfdt.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "pm/clock.h"
#include "pm/meter.h"
#include "pm/regulator.h"
#include "pm/thermal.h"
#include "sim/bus.h"
#include "sim/machine.h"
#include "sim/soc.h"
#include "check_run.h"

#define CMU_BASE 0x40020000u
#define CMU_DIV0 (CMU_BASE + 0x300)   /* the AHB divider (cell 32) */
#define CMU_GATE_SET (CMU_BASE + 0x404)
#define CMU_GATE_CLR (CMU_BASE + 0x408)
#define GATE_DMA (1u << 4)            /* cell 68 */
#define DMA_FJ 735.0                  /* configs/default.dts */
#define DMA_LEAK_W 10e-6
#define VDD_IO 3.3
#define OSC_HZ 25000000.0             /* the core's clock at reset: osc25m */
#define UART_FJ 20576.0
#define UART_LEAK_W 20e-6
#define VDD_AON 0.9

static void soc_up(struct soc *soc)
{
	struct soc_options so = { .no_cpu = true };
	struct err e = { "" };
	int rc = soc_create(soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e);
	ck_assert_msg(rc == 0, "soc_create: %s", e.msg);
	soc_reset(soc);
}

static struct pm_meter *meter(struct soc *soc, const char *component, const char *kind)
{
	for (struct pm_meter *m = soc->meters; m; m = m->next)
		if (!strcmp(m->component, component) && !strcmp(m->kind, kind))
			return m;
	ck_abort_msg("no meter %s/%s", component, kind);
	return NULL;
}

static void mmio_write(struct soc *soc, uint32_t addr, uint32_t v)
{
	ck_assert_int_eq(bus_access_slow(&soc->bus, addr, 4, &v, true), BUS_OK);
}

static void ck_rel(double got, double want)
{
	double d = got - want;
	ck_assert_msg((d < 0 ? -d : d) <= 1e-9 * (want < 0 ? -want : want) + 1e-18,
		      "got %.12g, want %.12g", got, want);
}

START_TEST(peripheral_power_follows_its_clock_and_v2)
{
	struct soc soc;
	soc_up(&soc);
	struct pm_meter *m = meter(&soc, "dma@40030000", "device");
	/* Gated at reset: its leakage only. */
	ck_rel(m->watts, DMA_LEAK_W);
	mmio_write(&soc, CMU_GATE_SET, GATE_DMA);
	double dyn1 = DMA_FJ * 1e-15 * OSC_HZ * VDD_IO * VDD_IO;
	ck_rel(m->watts, DMA_LEAK_W + dyn1);
	/* The AHB clock divided by 5: a fifth of the dynamic power. */
	mmio_write(&soc, CMU_DIV0, 5);
	ck_rel(m->watts, DMA_LEAK_W + dyn1 / 5);
	/* Gated again: the dynamic part stops, the leakage stays. */
	mmio_write(&soc, CMU_GATE_CLR, GATE_DMA);
	ck_rel(m->watts, DMA_LEAK_W);
	soc_destroy(&soc);
}
END_TEST

START_TEST(suspend_stops_the_crystals_and_power_falls_by_their_share)
{
	struct soc soc;
	soc_up(&soc);
	struct pm_rail *aon = rail_by_name(soc.rails, "vdd_aon");
	ck_assert_ptr_nonnull(aon);
	struct pm_meter *out = rail_out_meter(aon);
	struct pm_meter *o25 = meter(&soc, "osc25m", "clock"), *o24 = meter(&soc, "osc24m", "clock"),
			*o32 = meter(&soc, "osc32k", "clock");
	ck_rel(o25->watts, 300e-6);
	ck_rel(o24->watts, 300e-6);
	sched_run_until(&soc.sched, PS_PER_MS);
	double before = out->watts;
	clk_tree_suspend(soc.clocks);
	ck_assert_double_eq(o25->watts, 0.0);
	ck_assert_double_eq(o24->watts, 0.0);
	ck_rel(o32->watts, 1e-6);
	/* The crystals' 600 µW, and the dynamic power of what they clocked
	 * on this rail: UART0 (always-on domain, 0.9 V), 24 MHz at reset. */
	double uart_dyn = UART_FJ * 1e-15 * 24e6 * VDD_AON * VDD_AON;
	ck_rel(before - out->watts, 600e-6 + uart_dyn);
	/* Its leakage stays, at the die's temperature (doubling every 20 °C
	 * from 25 °C, the default law). */
	double t = thermal_die_celsius(soc.thermal, 25.0);
	ck_rel(meter(&soc, "serial@40004000", "device")->watts,
	       UART_LEAK_W * pow(2.0, (t - 25.0) / 20.0));

	/* Resume: both crystals draw again at once, give their clock 1 ms
	 * later (pmsim,startup-us), and the tree says so. */
	sched_run_until(&soc.sched, 5 * PS_PER_MS);
	double suspended = out->watts;
	simtime_t ready = clk_tree_resume(soc.clocks);
	ck_assert_uint_eq(ready, 5 * PS_PER_MS + PS_PER_MS);
	ck_rel(out->watts - suspended, 600e-6); /* no clock for the UART yet */
	struct err e = { "" };
	int cpus = fdt_path_offset(soc.fdt, "/cpus/cpu@0");
	struct clk *cpu_clk = clk_get(soc.clocks, cpus, 0, &e);
	ck_assert_ptr_nonnull(cpu_clk);
	ck_assert_uint_eq(clk_rate(cpu_clk), 0);
	sched_run_until(&soc.sched, ready - 1);
	ck_assert_uint_eq(clk_rate(cpu_clk), 0);
	sched_run_until(&soc.sched, ready);
	ck_assert_uint_eq(clk_rate(cpu_clk), 25000000);
	/* The UART's switching power is back with its clock. */
	t = thermal_die_celsius(soc.thermal, 25.0);
	ck_rel(meter(&soc, "serial@40004000", "device")->watts,
	       UART_LEAK_W * pow(2.0, (t - 25.0) / 20.0) + uart_dyn);
	/* The oscillator's energy: 1 ms before, nothing for 4 ms, then 1 ms
	 * of start-up. */
	ck_rel(pm_meter_joules(o25, ready), 300e-6 * 2e-3);
	soc_destroy(&soc);
}
END_TEST

static Suite *pmpower_suite(void)
{
	Suite *s = suite_create("pmpower");
	TCase *tc = tcase_create("default SoC");
	tcase_add_test(tc, peripheral_power_follows_its_clock_and_v2);
	tcase_add_test(tc, suspend_stops_the_crystals_and_power_falls_by_their_share);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(pmpower_suite());
}
