/*
 * Unit tests for the temperature sensor (devices/tsens.c) through a real
 * SoC built from a small device tree: a core (for the NVIC that receives
 * the sensor's line), a one-node thermal model heated by an oscillator's
 * constant power, and the sensor on that node. The scheduler runs the
 * model's steps as sim/machine.c does.
 *
 * What is protected:
 *  - the registers' reset values, word-only access (a byte is a bus error);
 *  - TEMP follows the model's die temperature at every step, rounded down
 *    to the resolution, and holds between steps;
 *  - a sample reaching THR_HIGH latches STATUS.HIGH and pends the
 *    interrupt (not before, not with the enable clear); THR_LOW likewise;
 *    STATUS is write-1-to-clear;
 *  - disabled, TEMP reads 0x80000000 and nothing is latched; enabled
 *    again, the first sample comes with the next step;
 *  - a power-domain turn-off resets the registers;
 *  - bad device trees are refused naming the node: no thermal model, a
 *    node the model does not have.
 */
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/tsens.h"
#include "pm/thermal.h"
#include "sim/machine.h"
#include "sim/soc.h"
#include "check_run.h"
#include "dts_text.h"

#define BASE 0x4000b000u
#define IRQ 9u
#define MS PS_PER_MS

/* A SoC with a core and 64 KiB of RAM, an oscillator drawing `uw` µW (it
 * heats the die), the sensor (`sensor` is its node's extra properties)
 * and `model` at the top level. */
static char *make_dts(unsigned uw, const char *sensor, const char *model)
{
	static const char fmt[] =
		"/dts-v1/;\n"
		"/ {\n"
		"  model = \"pmsim tsens test SoC\";\n"
		"  #address-cells = <1>;\n"
		"  #size-cells = <1>;\n"
		"  interrupt-parent = <&nvic>;\n"
		"  cpus { #address-cells = <1>; #size-cells = <0>;\n"
		"    cpu@0 { device_type = \"cpu\"; compatible = \"arm,cortex-m3\"; reg = <0>;\n"
		"      clock-frequency = <1000000>; }; };\n"
		"  memory@0 { device_type = \"memory\"; reg = <0 0x10000>; };\n"
		"  osc { compatible = \"fixed-clock\"; #clock-cells = <0>;\n"
		"    clock-frequency = <32768>; clock-output-names = \"osc\";\n"
		"    pmsim,microwatt = <%u>; };\n"
		"  soc { compatible = \"simple-bus\"; #address-cells = <1>; #size-cells = <1>;\n"
		"    ranges;\n"
		"    nvic: interrupt-controller@e000e100 { compatible = \"arm,armv7m-nvic\";\n"
		"      interrupt-controller; #interrupt-cells = <1>; reg = <0xe000e100 0xc00>;\n"
		"      pmsim,num-irqs = <32>; };\n"
		"    tsens0: thermal-sensor@4000b000 { compatible = \"pmsim,tsens\";\n"
		"      reg = <0x4000b000 0x1000>; interrupts = <9>; #thermal-sensor-cells = <0>;\n"
		"      %s }; };\n"
		"%s"
		"};\n";
	size_t len = sizeof fmt + strlen(sensor) + strlen(model) + 64;
	char *s = malloc(len);
	ck_assert_ptr_nonnull(s);
	snprintf(s, len, fmt, uw, sensor, model);
	return s;
}

/* One node, 10 mJ/K and 100 K/W (RC = 1 s), from 25 °C, 1 ms steps. */
static const char model_die[] =
	"  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
	"    pmsim,ambient-millicelsius = <25000>; pmsim,step-us = <1000>;\n"
	"    die { pmsim,capacitance-microjoule-per-kelvin = <10000>;\n"
	"      pmsim,resistance-millikelvin-per-watt = <100000>; }; };\n";

/* Build the SoC of `text` through the .dts path of `pmsim run --config`
 * and reset it; soc_create's status, with its message in `e`. */
static int soc_from(struct soc *soc, const char *text, struct err *e)
{
	void *dtb = NULL;
	size_t dlen = 0;
	dts_text_compile(text, &dtb, &dlen);
	struct soc_options so = { 0 };
	int rc = soc_create(soc, dtb, dlen, &so, e);
	free(dtb);
	if (rc == 0)
		soc_reset(soc);
	return rc;
}

static struct soc soc;
static unsigned die;

/* 100 mW on the die: it rises towards 35 °C with RC = 1 s. */
static void setup(void)
{
	char *text = make_dts(100000, "pmsim,thermal-node = \"die\";", model_die);
	struct err e = { "" };
	int rc = soc_from(&soc, text, &e);
	free(text);
	ck_assert_msg(rc == 0, "soc_create: %s", e.msg);
	ck_assert_ptr_nonnull(soc.thermal);
	int i = thermal_node_index(soc.thermal, "die");
	ck_assert_int_ge(i, 0);
	die = (unsigned)i;
}

static void teardown(void)
{
	soc_destroy(&soc);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&soc.bus, BASE + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&soc.bus, BASE + off, 4, v), BUS_OK);
}

/* The NVIC's pending bit of the sensor's line (ISPR0), and its clear. */
static bool irq_pending(void)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_read(&soc.bus, 0xe000e200u, 4, &v), BUS_OK);
	return (v >> IRQ) & 1u;
}

static void irq_unpend(void)
{
	ck_assert_int_eq(bus_write(&soc.bus, 0xe000e280u, 4, 1u << IRQ), BUS_OK);
}

static void run_to(simtime_t t)
{
	sched_run_until(&soc.sched, t);
}

static int32_t die_quantized(void)
{
	return tsens_quantize(thermal_celsius(soc.thermal, die), TSENS_DEFAULT_RESOLUTION_MC);
}

START_TEST(quantize_rounds_down_to_the_resolution)
{
	ck_assert_int_eq(tsens_quantize(42.3456, 250), 42250);
	ck_assert_int_eq(tsens_quantize(42.25, 250), 42250);
	ck_assert_int_eq(tsens_quantize(42.2499, 250), 42000);
	ck_assert_int_eq(tsens_quantize(-0.1, 250), -250);
	ck_assert_int_eq(tsens_quantize(85.0004, 1), 85000);
	ck_assert_int_eq(tsens_quantize(-1e9, 250), INT32_MIN + 1);
	ck_assert_int_eq(tsens_quantize(1e9, 250), INT32_MAX);
}
END_TEST

START_TEST(registers_at_reset)
{
	ck_assert_uint_eq(rd(TSENS_ID), TSENS_ID_VALUE);
	ck_assert_uint_eq(rd(TSENS_CTRL), 0);
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	ck_assert_uint_eq(rd(TSENS_THR_HIGH), 0x7fffffffu);
	ck_assert_uint_eq(rd(TSENS_THR_LOW), 0x80000000u);
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	ck_assert_uint_eq(rd(TSENS_PERIOD), 1000);
	ck_assert_uint_eq(rd(0x01c), 0); /* reserved */
	/* Read-only registers ignore writes; CTRL keeps its three bits. */
	wr(TSENS_ID, 0);
	wr(TSENS_TEMP, 1234);
	wr(TSENS_PERIOD, 5);
	wr(TSENS_CTRL, 0xffffffffu);
	ck_assert_uint_eq(rd(TSENS_ID), TSENS_ID_VALUE);
	ck_assert_uint_eq(rd(TSENS_PERIOD), 1000);
	ck_assert_uint_eq(rd(TSENS_CTRL), 7);
	/* Word accesses only. */
	uint32_t v;
	ck_assert_int_ne(bus_read(&soc.bus, BASE + TSENS_TEMP, 1, &v), BUS_OK);
	ck_assert_int_ne(bus_read(&soc.bus, BASE + TSENS_TEMP, 2, &v), BUS_OK);
	ck_assert_int_ne(bus_write(&soc.bus, BASE + TSENS_CTRL, 1, 0), BUS_OK);
	ck_assert_uint_eq(rd(TSENS_CTRL), 7);
}
END_TEST

START_TEST(temp_follows_the_die_quantized)
{
	run_to(10 * MS);
	/* Off: no sample. */
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	wr(TSENS_CTRL, TSENS_CTRL_EN);
	/* Until the next step, none either. */
	run_to(10 * MS + MS / 2);
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	int32_t prev = INT32_MIN;
	unsigned changes = 0;
	for (simtime_t t = 11 * MS; t <= 500 * MS; t += 7 * MS) {
		run_to(t);
		int32_t v = (int32_t)rd(TSENS_TEMP);
		ck_assert_int_eq(v, die_quantized());
		ck_assert_int_eq(v % 250, 0);
		ck_assert_int_ge(v, prev); /* the die only warms */
		changes += v != prev;
		prev = v;
		/* Between two steps it holds. */
		run_to(t + MS / 2);
		ck_assert_int_eq((int32_t)rd(TSENS_TEMP), v);
	}
	/* 25 °C towards 35 °C with RC = 1 s: 28.9 °C at 0.5 s. */
	ck_assert_int_ge(prev, 28500);
	ck_assert_int_le(prev, 29250);
	ck_assert_uint_gt(changes, 10);
	/* Nothing to report: the thresholds are never reached. */
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	ck_assert(!irq_pending());
}
END_TEST

START_TEST(high_threshold_raises_the_interrupt)
{
	wr(TSENS_THR_HIGH, 27000);
	wr(TSENS_CTRL, TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE);
	/* 27 °C is reached at RC ln(10 / 8) = 223 ms. */
	simtime_t t = MS;
	for (;; t += MS) {
		ck_assert_uint_lt(t, 400 * MS);
		run_to(t);
		if (rd(TSENS_STATUS))
			break;
		ck_assert_int_lt((int32_t)rd(TSENS_TEMP), 27000);
		ck_assert(!irq_pending());
	}
	ck_assert_uint_ge(t, 200 * MS);
	ck_assert_uint_le(t, 240 * MS);
	ck_assert_int_ge((int32_t)rd(TSENS_TEMP), 27000);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
	ck_assert(irq_pending());
	/* Write 1 to clear: the line drops, and the next sample, still above,
	 * latches it again. */
	wr(TSENS_STATUS, TSENS_ST_HIGH);
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	irq_unpend();
	ck_assert(!irq_pending());
	run_to(t + MS);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
	ck_assert(irq_pending());
	/* Writing 0 clears nothing; the enable alone masks the line. */
	wr(TSENS_STATUS, 0);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
	wr(TSENS_CTRL, TSENS_CTRL_EN);
	irq_unpend();
	run_to(t + 2 * MS);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
	ck_assert(!irq_pending());
}
END_TEST

START_TEST(low_threshold_and_both_enables)
{
	run_to(300 * MS);
	wr(TSENS_CTRL, TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE | TSENS_CTRL_LOW_IE);
	run_to(301 * MS);
	int32_t now = (int32_t)rd(TSENS_TEMP);
	ck_assert_int_eq(now, die_quantized());
	/* A window around the temperature: nothing. */
	wr(TSENS_THR_HIGH, (uint32_t)(now + 5000));
	wr(TSENS_THR_LOW, (uint32_t)(now - 250));
	run_to(305 * MS);
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	ck_assert(!irq_pending());
	/* The low threshold at the temperature: a sample <= it latches LOW
	 * at the next step, not at the write. */
	now = (int32_t)rd(TSENS_TEMP);
	wr(TSENS_THR_LOW, (uint32_t)(now + 1000));
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	run_to(306 * MS);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_LOW);
	ck_assert(irq_pending());
	/* A negative threshold is signed: -1 °C is never reached here. */
	wr(TSENS_STATUS, TSENS_ST_LOW | TSENS_ST_HIGH);
	wr(TSENS_THR_LOW, (uint32_t)-1000);
	irq_unpend();
	run_to(310 * MS);
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	ck_assert(!irq_pending());
}
END_TEST

START_TEST(disabled_reads_invalid_and_latches_nothing)
{
	wr(TSENS_THR_HIGH, 0); /* every sample reaches it */
	wr(TSENS_CTRL, TSENS_CTRL_HIGH_IE);
	run_to(20 * MS);
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	ck_assert(!irq_pending());
	wr(TSENS_CTRL, TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE);
	run_to(21 * MS);
	ck_assert_int_eq((int32_t)rd(TSENS_TEMP), die_quantized());
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
	/* Off again: no sample at once, the latched status stays. */
	wr(TSENS_CTRL, TSENS_CTRL_HIGH_IE);
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	run_to(30 * MS);
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
}
END_TEST

START_TEST(power_off_resets_the_registers)
{
	struct soc_device *d = soc_find_device(&soc, "thermal-sensor", "pmsim,tsens");
	ck_assert_ptr_nonnull(d);
	wr(TSENS_THR_HIGH, 0);
	wr(TSENS_THR_LOW, 1000);
	wr(TSENS_CTRL, TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE);
	run_to(5 * MS);
	ck_assert_uint_eq(rd(TSENS_STATUS), TSENS_ST_HIGH);
	d->type->power(d->state, PD_RETENTION);
	uint32_t v;
	ck_assert_int_ne(bus_read(&soc.bus, BASE + TSENS_CTRL, 4, &v), BUS_OK);
	d->type->power(d->state, PD_ON);
	ck_assert_uint_eq(rd(TSENS_CTRL), TSENS_CTRL_EN | TSENS_CTRL_HIGH_IE);
	d->type->power(d->state, PD_OFF);
	ck_assert_int_ne(bus_read(&soc.bus, BASE + TSENS_CTRL, 4, &v), BUS_OK);
	run_to(10 * MS);
	d->type->power(d->state, PD_ON);
	ck_assert_uint_eq(rd(TSENS_CTRL), 0);
	ck_assert_uint_eq(rd(TSENS_TEMP), TSENS_TEMP_INVALID);
	ck_assert_uint_eq(rd(TSENS_THR_HIGH), 0x7fffffffu);
	ck_assert_uint_eq(rd(TSENS_THR_LOW), 0x80000000u);
	ck_assert_uint_eq(rd(TSENS_STATUS), 0);
	irq_unpend();
	run_to(20 * MS);
	ck_assert(!irq_pending());
}
END_TEST

/* soc_create refuses the tree, with each of `want` in its message. */
static void refused(const char *sensor, const char *model, const char *want1, const char *want2)
{
	char *text = make_dts(1000, sensor, model);
	struct soc s;
	struct err e = { "" };
	int rc = soc_from(&s, text, &e);
	free(text);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(e.msg, want1), "'%s' lacks '%s'", e.msg, want1);
	if (want2)
		ck_assert_msg(strstr(e.msg, want2), "'%s' lacks '%s'", e.msg, want2);
}

START_TEST(bad_trees_are_refused)
{
	refused("pmsim,thermal-node = \"die\";", "", "/soc/thermal-sensor@4000b000",
		"needs the SoC's thermal model");
	refused("pmsim,thermal-node = \"core\";", model_die, "\"core\" is not a node",
		"\"die\"");
	refused("", model_die, "'pmsim,thermal-node'", "missing");
	refused("pmsim,thermal-node = \"die\"; pmsim,resolution-millicelsius = <0>;", model_die,
		"'pmsim,resolution-millicelsius' must be 1..100000", NULL);
}
END_TEST

START_TEST(resolution_from_the_tree)
{
	soc_destroy(&soc);
	char *text = make_dts(100000,
			      "pmsim,thermal-node = \"die\"; pmsim,resolution-millicelsius = <1000>;",
			      model_die);
	struct err e = { "" };
	int rc = soc_from(&soc, text, &e);
	free(text);
	ck_assert_msg(rc == 0, "soc_create: %s", e.msg);
	wr(TSENS_CTRL, TSENS_CTRL_EN);
	run_to(400 * MS);
	int32_t v = (int32_t)rd(TSENS_TEMP);
	ck_assert_int_eq(v % 1000, 0);
	ck_assert_int_eq(v, tsens_quantize(thermal_celsius(soc.thermal, 0), 1000));
	ck_assert_int_ge(v, 27000); /* 28.3 °C at 0.4 s */
	ck_assert_int_le(v, 29000);
}
END_TEST

static Suite *tsens_suite(void)
{
	Suite *s = suite_create("tsens");
	TCase *tc = tcase_create("core");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, quantize_rounds_down_to_the_resolution);
	tcase_add_test(tc, registers_at_reset);
	tcase_add_test(tc, temp_follows_the_die_quantized);
	tcase_add_test(tc, high_threshold_raises_the_interrupt);
	tcase_add_test(tc, low_threshold_and_both_enables);
	tcase_add_test(tc, disabled_reads_invalid_and_latches_nothing);
	tcase_add_test(tc, power_off_resets_the_registers);
	tcase_add_test(tc, bad_trees_are_refused);
	tcase_add_test(tc, resolution_from_the_tree);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(tsens_suite());
}
