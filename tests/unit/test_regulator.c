/*
 * Unit tests for the regulators (pm/regulator.c): the device-tree binding
 * and its errors, voltage ramps step by step, enable and off delays,
 * refused requests, subscriber notifications and the trace, supplies going
 * down under the rails they feed, and energy: efficiency, quiescent
 * current, LDOs, chains and the battery balance (loads + losses).
 *
 * Device trees are written as source and compiled with dtc (installed with
 * the build dependencies), which keeps phandles readable.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <math.h>

#include "pm/battery.h"
#include "pm/meter.h"
#include "pm/regulator.h"
#include "check_run.h"

#define US PS_PER_US
#define MS PS_PER_MS
#define S PS_PER_S
#define NEVER SIMTIME_NEVER

#define MAX_NOTES 64
#define MAX_TRACE 256

struct note {
	simtime_t t;
	uint32_t uv;
	bool on;
};

struct trace_rec {
	simtime_t t;
	char comp[32], var[16];
	int64_t v;
};

static struct {
	struct sched s;
	struct trace tr;
	void *fdt;
	struct rail_set *rs;
	struct err e;
	struct note notes[MAX_NOTES];
	unsigned nnotes;
	struct trace_rec trace[MAX_TRACE];
	unsigned ntrace;
} T;

#define ck_assert_energy(got, want) \
	ck_assert_double_eq_tol((got), (want), 1e-12 * fabs_(want) + 1e-18)

static double fabs_(double x) { return x < 0 ? -x : x; }

/* ---- fixture ------------------------------------------------------------- */

static void *dtb_compile(const char *dts)
{
	char in[] = "/tmp/test_regulator_XXXXXX";
	int fd = mkstemp(in);
	ck_assert_int_ge(fd, 0);
	size_t len = strlen(dts);
	ck_assert_int_eq(write(fd, dts, len), (ssize_t)len);
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "dtc -q -I dts -O dtb %s", in);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	size_t got;
	while ((got = fread(buf + n, 1, cap - n, f)) > 0)
		n += got;
	ck_assert_int_eq(pclose(f), 0);
	unlink(in);
	ck_assert_uint_lt(n, cap);
	ck_assert_int_eq(fdt_check_header(buf), 0);
	return buf;
}

static void on_trace(void *opaque, simtime_t t, const char *component, const char *var,
		     int64_t value, const char *label)
{
	ck_assert_ptr_eq(opaque, &T);
	ck_assert_uint_lt(T.ntrace, MAX_TRACE);
	struct trace_rec *r = &T.trace[T.ntrace++];
	r->t = t;
	snprintf(r->comp, sizeof r->comp, "%s", component);
	snprintf(r->var, sizeof r->var, "%s", var);
	r->v = value;
}

static void on_rail(void *opaque, simtime_t now, uint32_t uv, bool on)
{
	ck_assert_ptr_eq(opaque, &T);
	ck_assert_uint_lt(T.nnotes, MAX_NOTES);
	T.notes[T.nnotes++] = (struct note){ now, uv, on };
}

static void setup(void)
{
	memset(&T, 0, sizeof T);
	sched_init(&T.s);
	trace_add_sink(&T.tr, (struct trace_sink){ on_trace, &T });
}

static void teardown(void)
{
	rail_set_free(T.rs);
	free(T.fdt);
	sched_free(&T.s);
}

static void build(const char *dts)
{
	T.fdt = dtb_compile(dts);
	T.rs = rail_set_new(T.fdt, &T.s, &T.tr, &T.e);
	if (!T.rs)
		ck_abort_msg("rail_set_new: %s", T.e.msg);
}

/* Build must fail with a message containing `want`. */
static void build_fails(const char *dts, const char *want)
{
	T.fdt = dtb_compile(dts);
	T.rs = rail_set_new(T.fdt, &T.s, &T.tr, &T.e);
	ck_assert_ptr_null(T.rs);
	if (!strstr(T.e.msg, want))
		ck_abort_msg("error '%s' does not contain '%s'", T.e.msg, want);
}

static struct pm_rail *rail(const char *name)
{
	struct pm_rail *r = rail_by_name(T.rs, name);
	ck_assert_msg(r != NULL, "no rail %s", name);
	return r;
}

static void run_to(simtime_t t)
{
	sched_run_until(&T.s, t);
}

static void at(simtime_t t)
{
	sched_set_now(&T.s, t);
}

/* The SoC of docs/devices/pmic.md, with a few extra rails for the tests. */
static const char soc_dts[] =
	"/dts-v1/;\n"
	"/ {\n"
	"  #address-cells = <1>; #size-cells = <1>;\n"
	"  battery: battery { compatible = \"pmsim,battery\"; pmsim,microvolt = <3700000>; };\n"
	"  pmic@40020000 {\n"
	"    compatible = \"pmsim,pmic\"; reg = <0x40020000 0x1000>;\n"
	"    regulators {\n"
	"      vdd_core: buck1 {\n"
	"        regulator-name = \"vdd_core\";\n"
	"        regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>;\n"
	"        pmsim,microvolt = <800000>; pmsim,step-microvolt = <12500>;\n"
	"        regulator-ramp-delay = <10000>; regulator-enable-ramp-delay = <100>;\n"
	"        pmsim,efficiency-percent = <90>; pmsim,quiescent-microamp = <20>;\n"
	"        regulator-boot-on; vin-supply = <&battery>;\n"
	"      };\n"
	"      vdd_mem: buck2 {\n"
	"        regulator-name = \"vdd_mem\";\n"
	"        regulator-min-microvolt = <1100000>; regulator-max-microvolt = <1100000>;\n"
	"        pmsim,efficiency-percent = <88>; pmsim,off-delay-us = <50>;\n"
	"        regulator-boot-on;\n"
	"      };\n"
	"      vdd_io: buck3 {\n"
	"        regulator-name = \"vdd_io\";\n"
	"        regulator-min-microvolt = <3300000>; regulator-max-microvolt = <3300000>;\n"
	"        pmsim,efficiency-permille = <925>; regulator-boot-on;\n"
	"      };\n"
	"      vdd_aon: ldo1 {\n"
	"        regulator-name = \"vdd_aon\";\n"
	"        regulator-min-microvolt = <900000>; regulator-max-microvolt = <900000>;\n"
	"        regulator-always-on; vin-supply = <&vdd_mem>;\n"
	"      };\n"
	"      vdd_ana: ldo2 {\n"
	"        regulator-name = \"vdd_ana\";\n"
	"        regulator-min-microvolt = <1200000>; regulator-max-microvolt = <1200000>;\n"
	"        regulator-enable-ramp-delay = <50>; vin-supply = <&vdd_io>;\n"
	"      };\n"
	"      vdd_gpu: buck4 {\n"
	"        regulator-min-microvolt = <700000>; regulator-max-microvolt = <1000000>;\n"
	"        pmsim,microvolt = <700000>; regulator-ramp-delay = <5000>; regulator-boot-on;\n"
	"      };\n"
	"    };\n"
	"  };\n"
	"  vcc_sensor: regulator-sensor {\n"
	"    compatible = \"regulator-fixed\"; regulator-name = \"vcc_sensor\";\n"
	"    regulator-min-microvolt = <1800000>; regulator-max-microvolt = <1800000>;\n"
	"    startup-delay-us = <200>; vin-supply = <&vdd_io>;\n"
	"  };\n"
	"  consumer { cpu-supply = <&vdd_core>; bat-supply = <&battery>; odd-supply = <1 2>; };\n"
	"};\n";

/* ---- binding ------------------------------------------------------------- */

START_TEST(parses_rails_in_tree_order_with_reset_state)
{
	build(soc_dts);
	ck_assert_uint_eq(rail_count(T.rs), 7);
	static const char *const names[] = { "vdd_core", "vdd_mem", "vdd_io", "vdd_aon",
					     "vdd_ana", "buck4", "vcc_sensor" };
	for (unsigned i = 0; i < 7; i++)
		ck_assert_str_eq(rail_name(rail_at(T.rs, i)), names[i]);
	ck_assert_ptr_null(rail_at(T.rs, 7));
	/* Boot-on and always-on rails are up at their reset set-points. */
	ck_assert(rail_is_on(rail("vdd_core")));
	ck_assert_uint_eq(rail_microvolt(rail("vdd_core")), 800000);
	ck_assert_uint_eq(rail_microvolt(rail("vdd_aon")), 900000);
	ck_assert_uint_eq(rail_microvolt(rail("buck4")), 700000);
	/* The others are off, at 0 V, with their set-point kept. */
	ck_assert(!rail_is_on(rail("vdd_ana")));
	ck_assert(!rail_is_enabled(rail("vdd_ana")));
	ck_assert_uint_eq(rail_microvolt(rail("vdd_ana")), 0);
	ck_assert_uint_eq(rail_target_microvolt(rail("vdd_ana")), 1200000);
	ck_assert(!rail_is_on(rail("vcc_sensor")));
	ck_assert_ptr_null(rail_by_name(T.rs, "nope"));
	/* The PMIC finds its regulators by node. */
	int buck1 = fdt_path_offset(T.fdt, "/pmic@40020000/regulators/buck1");
	ck_assert_ptr_eq(rail_by_node(T.rs, buck1), rail("vdd_core"));
}
END_TEST

START_TEST(consumer_supply_lookup)
{
	build(soc_dts);
	int c = fdt_path_offset(T.fdt, "/consumer");
	ck_assert_ptr_eq(rail_get(T.rs, c, "cpu", &T.e), rail("vdd_core"));
	ck_assert_ptr_null(rail_get(T.rs, c, "gpu", &T.e));
	ck_assert_str_eq(T.e.msg, "/consumer: missing property 'gpu-supply'");
	ck_assert_ptr_null(rail_get(T.rs, c, "bat", &T.e));
	ck_assert_str_eq(T.e.msg, "/consumer: 'bat-supply' names the battery; a consumer draws "
			 "from a regulator");
	ck_assert_ptr_null(rail_get(T.rs, c, "odd", &T.e));
	ck_assert_str_eq(T.e.msg, "/consumer: property 'odd-supply' must be one phandle (has 8 "
			 "bytes)");
}
END_TEST

START_TEST(initial_state_is_traced)
{
	build(soc_dts);
	/* Every rail's "on" and "microvolt" appear once at time 0, and the
	 * battery's voltage. */
	unsigned on = 0, uv = 0, bat = 0;
	for (unsigned i = 0; i < T.ntrace; i++) {
		if (!strcmp(T.trace[i].comp, "battery")) {
			ck_assert_str_eq(T.trace[i].var, "microvolt");
			ck_assert_int_eq(T.trace[i].v, 3700000);
			bat++;
			continue;
		}
		ck_assert_uint_eq(T.trace[i].t, 0);
		if (!strcmp(T.trace[i].var, "on"))
			on++;
		if (!strcmp(T.trace[i].var, "microvolt"))
			uv++;
		if (!strcmp(T.trace[i].comp, "vdd_core") && !strcmp(T.trace[i].var, "microvolt"))
			ck_assert_int_eq(T.trace[i].v, 800000);
		if (!strcmp(T.trace[i].comp, "vdd_ana") && !strcmp(T.trace[i].var, "on"))
			ck_assert_int_eq(T.trace[i].v, 0);
	}
	ck_assert_uint_eq(on, 7);
	ck_assert_uint_eq(uv, 7);
	ck_assert_uint_eq(bat, 1);
}
END_TEST

/* Each case: a body for the PMIC's regulators node and the message. */
static const struct {
	const char *body, *want;
} bad[] = {
	{ "buck1 { regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>; };",
	  "/pmic/regulators/buck1: missing property 'pmsim,microvolt' (the reset set-point" },
	{ "buck1 { regulator-boot-on; };",
	  "/pmic/regulators/buck1: needs 'regulator-min-microvolt' and "
	  "'regulator-max-microvolt' or 'pmsim,microvolt'" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,efficiency-percent = <101>; };",
	  "/pmic/regulators/buck1: 'pmsim,efficiency-percent' must be 1-100 (is 101)" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,efficiency-percent = <90>; "
	  "pmsim,efficiency-permille = <900>; };",
	  "give 'pmsim,efficiency-percent' or 'pmsim,efficiency-permille', not both" },
	{ "ldo1 { pmsim,microvolt = <800000>; pmsim,efficiency-percent = <90>; };",
	  "/pmic/regulators/ldo1: 'pmsim,efficiency-percent' on a linear regulator" },
	{ "ldo1 { pmsim,microvolt = <5000000>; };",
	  "/pmic/regulators/ldo1: a linear regulator cannot output 5000000 uV from a supply "
	  "of at most 3700000 uV" },
	{ "buck1 { regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>; "
	  "pmsim,microvolt = <1300000>; };",
	  "'pmsim,microvolt' (1300000) is outside 800000-1200000" },
	{ "buck1 { regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>; "
	  "pmsim,microvolt = <810000>; pmsim,step-microvolt = <12500>; };",
	  "the reset set-point 810000 is not min 800000 plus a multiple of" },
	{ "a: buck1 { pmsim,microvolt = <800000>; vin-supply = <&b>; };"
	  "b: buck2 { pmsim,microvolt = <800000>; vin-supply = <&a>; };",
	  "/pmic/regulators/buck1: 'vin-supply' chain loops back on itself" },
	{ "buck1 { pmsim,microvolt = <800000>; vin-supply = <&{/pmic}>; };",
	  "/pmic/regulators/buck1: 'vin-supply' names /pmic, which is neither a regulator nor "
	  "the battery" },
	{ "buck1 { regulator-name = \"x\"; pmsim,microvolt = <800000>; };"
	  "buck2 { regulator-name = \"x\"; pmsim,microvolt = <800000>; };",
	  "/pmic/regulators/buck2: regulator name 'x' is already used by "
	  "/pmic/regulators/buck1" },
	{ "buck1 { pmsim,microvolt = <800000>; regulator-ramp-delay = <1 2>; };",
	  "/pmic/regulators/buck1: property 'regulator-ramp-delay' must be one 32-bit cell" },
	/* Efficiency curves, modes and capacitance. */
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 800 500 900>; };",
	  "/pmic/regulators/buck1: 'pmsim,pwm-efficiency' point 1: 500 uA is not above the "
	  "previous point's current (points must be sorted by current)" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 1001>; };",
	  "/pmic/regulators/buck1: 'pmsim,pwm-efficiency' point 0: efficiency 1001 permille "
	  "is not 1-1000" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 0>; };",
	  "'pmsim,pwm-efficiency' point 0: efficiency 0 permille is not 1-1000" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <(-5) 800>; };",
	  "/pmic/regulators/buck1: 'pmsim,pwm-efficiency' point 0: the current -5 uA is "
	  "negative" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 800 2000>; };",
	  "/pmic/regulators/buck1: 'pmsim,pwm-efficiency' must be pairs of <microamp "
	  "permille> (has 3 cells)" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 800>; "
	  "pmsim,pfm-efficiency = <10 800>; };",
	  "/pmic/regulators/buck1: 'pmsim,pfm-efficiency' needs "
	  "'pmsim,pfm-threshold-microamp'" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pfm-efficiency = <10 800>; "
	  "pmsim,pfm-threshold-microamp = <100>; };",
	  "'pmsim,pfm-efficiency' needs 'pmsim,pwm-efficiency' too" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,efficiency-percent = <90>; "
	  "pmsim,pwm-efficiency = <1000 800>; };",
	  "'pmsim,efficiency-percent' with 'pmsim,pwm-efficiency': give a single efficiency "
	  "or the curves, not both" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-quiescent-microamp = <(-1)>; };",
	  "/pmic/regulators/buck1: 'pmsim,pwm-quiescent-microamp' is negative (-1)" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,efficiency-percent = <90>; "
	  "regulator-allowed-modes = <1 2>; };",
	  "/pmic/regulators/buck1: 'regulator-allowed-modes' lists pfm, which needs "
	  "'pmsim,pfm-efficiency'" },
	{ "buck1 { pmsim,microvolt = <800000>; regulator-initial-mode = <7>; };",
	  "/pmic/regulators/buck1: 'regulator-initial-mode' 7 is not a mode" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 800>; "
	  "pmsim,pfm-efficiency = <10 800>; pmsim,pfm-threshold-microamp = <100>; "
	  "regulator-allowed-modes = <0 2>; regulator-initial-mode = <1>; };",
	  "/pmic/regulators/buck1: 'regulator-initial-mode' (pwm) is not in "
	  "'regulator-allowed-modes'" },
	{ "ldo1 { pmsim,microvolt = <800000>; regulator-allowed-modes = <1>; };",
	  "/pmic/regulators/ldo1: 'regulator-allowed-modes' on a linear regulator" },
	{ "ldo1 { pmsim,microvolt = <800000>; pmsim,pwm-efficiency = <1000 800>; };",
	  "/pmic/regulators/ldo1: 'pmsim,pwm-efficiency' on a linear regulator" },
	{ "buck1 { pmsim,microvolt = <800000>; pmsim,output-capacitance-nanofarad = <(-100)>; };",
	  "/pmic/regulators/buck1: 'pmsim,output-capacitance-nanofarad' is negative (-100)" },
};

START_TEST(binding_errors_name_node_and_property)
{
	char dts[2048];
	snprintf(dts, sizeof dts,
		 "/dts-v1/;\n/ { battery { compatible = \"pmsim,battery\"; "
		 "pmsim,microvolt = <3700000>; };\n"
		 "pmic { compatible = \"pmsim,pmic\"; regulators { %s }; }; };\n", bad[_i].body);
	build_fails(dts, bad[_i].want);
}
END_TEST

START_TEST(fixed_regulator_needs_one_voltage)
{
	build_fails("/dts-v1/;\n/ { r { compatible = \"regulator-fixed\"; "
		    "regulator-min-microvolt = <1000000>; regulator-max-microvolt = <1200000>; "
		    "pmsim,microvolt = <1000000>; }; };\n",
		    "/r: a regulator-fixed needs 'regulator-min-microvolt' equal to "
		    "'regulator-max-microvolt' (1000000, 1200000)");
}
END_TEST

START_TEST(disabled_nodes_and_no_regulators)
{
	build("/dts-v1/;\n/ { r { compatible = \"regulator-fixed\"; status = \"disabled\"; "
	      "pmsim,microvolt = <1000000>; }; };\n");
	ck_assert_uint_eq(rail_count(T.rs), 0);
	ck_assert_uint_eq(rail_set_meters(T.rs), 0);
	ck_assert_double_eq(rail_set_battery_joules(T.rs, S), 0.0);
}
END_TEST

/* ---- ramps --------------------------------------------------------------- */

START_TEST(ramp_up_in_steps_at_the_ramp_rate)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_core");
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	T.ntrace = 0;
	at(10 * US);
	/* 200 mV at 10 mV/us: 20 us, in 16 steps of 12.5 mV, 1.25 us each. */
	ck_assert_uint_eq(rail_set_voltage(r, 1000000), 30 * US);
	ck_assert_uint_eq(rail_target_microvolt(r), 1000000);
	ck_assert_uint_eq(rail_microvolt(r), 800000);
	ck_assert_uint_eq(rail_settle_time(r), 30 * US);
	run_to(15 * US);
	ck_assert_uint_eq(rail_microvolt(r), 850000);
	ck_assert_uint_eq(T.nnotes, 4);
	run_to(40 * US);
	ck_assert_uint_eq(T.nnotes, 16);
	for (unsigned k = 1; k <= 16; k++) {
		ck_assert_uint_eq(T.notes[k - 1].t, 10 * US + k * 1250000);
		ck_assert_uint_eq(T.notes[k - 1].uv, 800000 + 12500 * k);
		ck_assert(T.notes[k - 1].on);
	}
	ck_assert_uint_eq(rail_microvolt(r), 1000000);
	ck_assert_uint_eq(rail_settle_time(r), 40 * US);
	/* Each step is in the trace as well. */
	ck_assert_uint_eq(T.ntrace, 16);
	ck_assert_str_eq(T.trace[15].comp, "vdd_core");
	ck_assert_str_eq(T.trace[15].var, "microvolt");
	ck_assert_int_eq(T.trace[15].v, 1000000);
	ck_assert_uint_eq(T.trace[15].t, 30 * US);
}
END_TEST

START_TEST(ramp_down_and_retarget_mid_ramp)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_core");
	ck_assert_uint_eq(rail_set_voltage(r, 1200000), 40 * US);
	run_to(100 * US);
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	/* Down 100 mV: 8 steps. */
	ck_assert_uint_eq(rail_set_voltage(r, 1100000), 110 * US);
	run_to(105 * US); /* 4 steps done: 1.15 V */
	ck_assert_uint_eq(rail_microvolt(r), 1150000);
	/* A new set-point ramps from the present step, timed from now. */
	ck_assert_uint_eq(rail_set_voltage(r, 1175000), 105 * US + 2 * 1250000);
	run_to(200 * US);
	ck_assert_uint_eq(T.nnotes, 6);
	ck_assert_uint_eq(T.notes[3].uv, 1150000);
	ck_assert_uint_eq(T.notes[4].t, 105 * US + 1250000);
	ck_assert_uint_eq(T.notes[4].uv, 1162500);
	ck_assert_uint_eq(T.notes[5].uv, 1175000);
	ck_assert_uint_eq(rail_microvolt(r), 1175000);
}
END_TEST

START_TEST(ramp_without_step_grid_is_one_step_at_the_end)
{
	build(soc_dts);
	struct pm_rail *r = rail("buck4"); /* 5 mV/us, no step */
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	ck_assert_uint_eq(rail_set_voltage(r, 703000), 600000); /* 3 mV: 0.6 us */
	run_to(599999);
	ck_assert_uint_eq(rail_microvolt(r), 700000);
	run_to(600000);
	ck_assert_uint_eq(rail_microvolt(r), 703000);
	ck_assert_uint_eq(T.nnotes, 1);
}
END_TEST

START_TEST(no_ramp_delay_changes_at_once)
{
	build("/dts-v1/;\n/ { pmic { compatible = \"pmsim,pmic\"; regulators { buck1 { "
	      "regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>; "
	      "pmsim,microvolt = <800000>; regulator-boot-on; }; }; }; };\n");
	struct pm_rail *r = rail("buck1");
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	at(5 * US);
	ck_assert_uint_eq(rail_set_voltage(r, 1100000), 5 * US);
	ck_assert_uint_eq(rail_microvolt(r), 1100000);
	ck_assert_uint_eq(T.nnotes, 1);
	ck_assert_uint_eq(T.notes[0].t, 5 * US);
}
END_TEST

START_TEST(set_point_while_off_applies_when_enabled)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_core");
	ck_assert_uint_eq(rail_enable(r, false), 0);
	ck_assert(!rail_is_on(r));
	ck_assert_uint_eq(rail_set_voltage(r, 1100000), 0);
	ck_assert_uint_eq(rail_microvolt(r), 0);
	at(1 * US);
	ck_assert_uint_eq(rail_enable(r, true), 101 * US);
	run_to(101 * US);
	ck_assert_uint_eq(rail_microvolt(r), 1100000); /* straight at the set-point */
}
END_TEST

/* ---- refusals ------------------------------------------------------------ */

START_TEST(out_of_range_and_off_grid_set_points_are_refused)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_core");
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	ck_assert_uint_eq(rail_set_voltage(r, 1212500), NEVER);
	ck_assert_uint_eq(rail_set_voltage(r, 787500), NEVER);
	ck_assert_uint_eq(rail_set_voltage(r, 810000), NEVER); /* not 800 mV + k x 12.5 mV */
	ck_assert_uint_eq(rail_target_microvolt(r), 800000);
	run_to(1 * MS);
	ck_assert_uint_eq(T.nnotes, 0);
	/* The limits themselves are fine. */
	ck_assert_uint_ne(rail_set_voltage(r, 1200000), NEVER);
}
END_TEST

START_TEST(always_on_rail_cannot_be_disabled)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_aon");
	ck_assert_uint_eq(rail_enable(r, false), NEVER);
	ck_assert(rail_is_on(r));
	ck_assert(rail_is_enabled(r));
}
END_TEST

/* ---- enable and disable -------------------------------------------------- */

START_TEST(enable_takes_the_enable_ramp_delay)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_ana");
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	at(100 * US);
	ck_assert_uint_eq(rail_enable(r, true), 150 * US);
	ck_assert(rail_is_enabled(r));
	/* Enabling again changes nothing. */
	ck_assert_uint_eq(rail_enable(r, true), 150 * US);
	run_to(150 * US - 1);
	ck_assert(!rail_is_on(r));
	ck_assert_uint_eq(rail_microvolt(r), 0);
	ck_assert_uint_eq(T.nnotes, 0);
	run_to(150 * US);
	ck_assert(rail_is_on(r));
	ck_assert_uint_eq(rail_microvolt(r), 1200000);
	ck_assert_uint_eq(T.nnotes, 1);
	ck_assert_uint_eq(T.notes[0].t, 150 * US);
	ck_assert_uint_eq(T.notes[0].uv, 1200000);
	ck_assert(T.notes[0].on);
	ck_assert_uint_eq(rail_settle_time(r), 150 * US);
}
END_TEST

START_TEST(disable_during_enable_delay_never_comes_up)
{
	build(soc_dts);
	struct pm_rail *r = rail("vdd_ana");
	ck_assert_int_eq(rail_subscribe(r, on_rail, &T), 0);
	rail_enable(r, true);
	at(10 * US);
	ck_assert_uint_eq(rail_enable(r, false), 10 * US);
	run_to(1 * MS);
	ck_assert(!rail_is_on(r));
	ck_assert_uint_eq(T.nnotes, 0);
}
END_TEST

START_TEST(disable_is_immediate_or_after_off_delay)
{
	build(soc_dts);
	struct pm_rail *core = rail("vdd_core"), *mem = rail("vdd_mem");
	ck_assert_int_eq(rail_subscribe(core, on_rail, &T), 0);
	at(7 * US);
	ck_assert_uint_eq(rail_enable(core, false), 7 * US);
	ck_assert(!rail_is_on(core));
	ck_assert_uint_eq(rail_microvolt(core), 0);
	ck_assert_uint_eq(T.nnotes, 1);
	ck_assert_uint_eq(T.notes[0].t, 7 * US);
	ck_assert_uint_eq(T.notes[0].uv, 0);
	ck_assert(!T.notes[0].on);

	/* vdd_mem has a 50 us off-delay; the LDO it feeds goes with it. */
	ck_assert_int_eq(rail_subscribe(mem, on_rail, &T), 0);
	ck_assert_uint_eq(rail_enable(mem, false), 57 * US);
	ck_assert(!rail_is_enabled(mem));
	run_to(57 * US - 1);
	ck_assert(rail_is_on(mem));
	ck_assert(rail_is_on(rail("vdd_aon")));
	run_to(57 * US);
	ck_assert(!rail_is_on(mem));
	ck_assert(!rail_is_on(rail("vdd_aon")));
	ck_assert_uint_eq(T.nnotes, 2);
	ck_assert_uint_eq(T.notes[1].t, 57 * US);
	ck_assert(!T.notes[1].on);
}
END_TEST

START_TEST(enable_during_off_delay_keeps_the_rail_up)
{
	build(soc_dts);
	struct pm_rail *mem = rail("vdd_mem");
	ck_assert_int_eq(rail_subscribe(mem, on_rail, &T), 0);
	rail_enable(mem, false);
	at(20 * US);
	ck_assert_uint_eq(rail_enable(mem, true), 20 * US);
	run_to(1 * MS);
	ck_assert(rail_is_on(mem));
	ck_assert_uint_eq(T.nnotes, 0);
}
END_TEST

START_TEST(rails_follow_their_supply_down_and_up)
{
	build(soc_dts);
	struct pm_rail *io = rail("vdd_io"), *ana = rail("vdd_ana"), *sen = rail("vcc_sensor");
	rail_enable(ana, true);
	rail_enable(sen, true);
	run_to(1 * MS);
	ck_assert(rail_is_on(ana));
	ck_assert(rail_is_on(sen));
	ck_assert_int_eq(rail_subscribe(ana, on_rail, &T), 0);
	at(2 * MS);
	rail_enable(io, false);
	ck_assert(!rail_is_on(ana));
	ck_assert(!rail_is_on(sen));
	ck_assert(rail_is_enabled(ana)); /* the switch stays where software put it */
	ck_assert_uint_eq(T.nnotes, 1);
	ck_assert(!T.notes[0].on);
	ck_assert_uint_eq(rail_settle_time(ana), NEVER); /* waiting for its supply */
	/* Enabling a rail whose supply is down: it comes up with the supply. */
	rail_enable(sen, false);
	ck_assert_uint_eq(rail_enable(sen, true), NEVER);
	at(3 * MS);
	ck_assert_uint_eq(rail_enable(io, true), 3 * MS);
	ck_assert(!rail_is_on(ana));
	run_to(3 * MS + 50 * US);
	ck_assert(rail_is_on(ana));
	ck_assert(!rail_is_on(sen));
	run_to(3 * MS + 200 * US); /* startup-delay-us of the fixed regulator */
	ck_assert(rail_is_on(sen));
	ck_assert_uint_eq(rail_microvolt(sen), 1800000);
}
END_TEST

START_TEST(reset_restores_the_boot_configuration)
{
	build(soc_dts);
	struct pm_rail *core = rail("vdd_core"), *ana = rail("vdd_ana");
	rail_set_voltage(core, 1200000);
	rail_enable(ana, true);
	run_to(10 * US);
	ck_assert_int_eq(rail_subscribe(core, on_rail, &T), 0);
	rail_set_reset(T.rs);
	ck_assert_uint_eq(rail_microvolt(core), 800000);
	ck_assert_uint_eq(rail_target_microvolt(core), 800000);
	ck_assert(!rail_is_enabled(ana));
	ck_assert_uint_eq(T.nnotes, 1); /* the ramp was at 900 mV: a change */
	ck_assert_uint_eq(T.notes[0].uv, 800000);
	run_to(1 * MS);
	ck_assert(!rail_is_on(ana)); /* its pending enable was cancelled */
	ck_assert_uint_eq(T.nnotes, 1);
}
END_TEST

/* ---- energy -------------------------------------------------------------- */

/* A 3.7 V battery and a PMIC around the regulators in between. */
#define PMIC_DTS_HEAD \
	"/dts-v1/;\n/ {\n" \
	"  battery: battery { compatible = \"pmsim,battery\"; pmsim,microvolt = <3700000>; };\n" \
	"  pmic {\n    compatible = \"pmsim,pmic\";\n    regulators {\n"
#define PMIC_DTS_TAIL "    };\n  };\n};\n"

/* A battery, a 90 % buck with 100 uA quiescent, a 3.3 V rail and an LDO
 * from it to 1.2 V, and a second LDO fed by the buck. */
static const char energy_dts[] =
	PMIC_DTS_HEAD
	"      buck: buck1 {\n"
	"        regulator-min-microvolt = <1500000>; regulator-max-microvolt = <1800000>;\n"
	"        pmsim,microvolt = <1800000>; pmsim,step-microvolt = <100000>;\n"
	"        regulator-ramp-delay = <1000>; pmsim,efficiency-percent = <90>;\n"
	"        pmsim,quiescent-microamp = <100>; regulator-boot-on;\n"
	"      };\n"
	"      v33: buck2 {\n"
	"        pmsim,microvolt = <3300000>; regulator-boot-on;\n"
	"      };\n"
	"      ldo1 {\n"
	"        pmsim,microvolt = <1200000>; vin-supply = <&v33>; regulator-boot-on;\n"
	"      };\n"
	"      ldo2 {\n"
	"        pmsim,microvolt = <1200000>; vin-supply = <&buck>; regulator-boot-on;\n"
	"        pmsim,quiescent-microamp = <50>;\n"
	"      };\n"
	PMIC_DTS_TAIL;

static double loads_plus_losses(double loads)
{
	double sum = loads;
	for (unsigned i = 0; i < rail_set_meters(T.rs); i++)
		sum += pm_meter_joules(rail_set_meter(T.rs, i), sched_now(&T.s));
	return sum;
}

START_TEST(buck_efficiency_and_quiescent)
{
	build(energy_dts);
	struct pm_rail *b = rail("buck1");
	/* 1 W for 1 s from t = 1 s. */
	pm_rail_load(b, 1 * S, 1.0);
	pm_rail_load(b, 2 * S, -1.0);
	double iq_w = 100e-6 * 3.7;
	/* The quiescent current flows all the time the buck is up (3 s), the
	 * LDO it feeds draws its own 50 uA at 1.8 V as a load on the buck. */
	double ldo2_in = 50e-6 * 1.8 * 3;
	ck_assert_energy(rail_out_joules(b, 3 * S), 1.0 + ldo2_in);
	ck_assert_energy(rail_in_joules(b, 3 * S), (1.0 + ldo2_in) / 0.9 + iq_w * 3);
	/* The loss meter is in - out, of component "buck1", kind "conversion". */
	struct pm_meter *loss = rail_set_meter(T.rs, 0);
	ck_assert_str_eq(loss->component, "buck1");
	ck_assert_str_eq(loss->kind, "conversion");
	ck_assert_ptr_null(loss->rail);
	ck_assert_energy(pm_meter_joules(loss, 3 * S),
			 rail_in_joules(b, 3 * S) - rail_out_joules(b, 3 * S));
}
END_TEST

START_TEST(one_watt_for_one_second_on_a_90_percent_buck)
{
	build("/dts-v1/;\n/ { battery { compatible = \"pmsim,battery\"; "
	      "pmsim,microvolt = <3700000>; };\n pmic { compatible = \"pmsim,pmic\"; "
	      "regulators { buck1 { pmsim,microvolt = <1000000>; "
	      "pmsim,efficiency-percent = <90>; pmsim,quiescent-microamp = <20>; "
	      "regulator-boot-on; }; }; }; };\n");
	struct pm_rail *b = rail("buck1");
	pm_rail_load(b, 0, 1.0);
	ck_assert_energy(rail_out_joules(b, 1 * S), 1.0);
	ck_assert_energy(rail_in_joules(b, 1 * S), 1.0 / 0.9 + 20e-6 * 3.7);
	ck_assert_energy(rail_set_battery_joules(T.rs, 1 * S), 1.0 / 0.9 + 20e-6 * 3.7);
	/* Switched off, it draws nothing more (the load is gone too). */
	pm_rail_load(b, 1 * S, -1.0);
	at(1 * S);
	rail_enable(b, false);
	ck_assert_energy(rail_set_battery_joules(T.rs, 5 * S), 1.0 / 0.9 + 20e-6 * 3.7);
}
END_TEST

START_TEST(ldo_from_3v3_to_1v2)
{
	build(energy_dts);
	struct pm_rail *ldo = rail("ldo1"), *v33 = rail("buck2");
	pm_rail_load(ldo, 0, 1.0);
	/* Load current passes through: in = out x Vin / Vout. */
	ck_assert_energy(rail_out_joules(ldo, 2 * S), 2.0);
	ck_assert_energy(rail_in_joules(ldo, 2 * S), 2.0 * 3.3 / 1.2);
	ck_assert_energy(pm_meter_joules(rail_set_meter(T.rs, 2), 2 * S), 2.0 * (3.3 / 1.2 - 1));
	/* The 3.3 V rail (ideal, no efficiency given) delivers the LDO's input. */
	ck_assert_energy(rail_out_joules(v33, 2 * S), 2.0 * 3.3 / 1.2);
	ck_assert_energy(rail_in_joules(v33, 2 * S), 2.0 * 3.3 / 1.2);
}
END_TEST

START_TEST(ldo_efficiency_follows_its_supply_ramp)
{
	build(energy_dts);
	struct pm_rail *ldo = rail("ldo2"), *b = rail("buck1");
	pm_rail_load(ldo, 0, 0.6);
	/* The buck ramps 1.8 -> 1.5 V in 3 steps of 100 mV, 100 us each. */
	at(1 * MS);
	ck_assert_uint_eq(rail_set_voltage(b, 1500000), 1 * MS + 300 * US);
	run_to(2 * MS);
	/* LDO input = 0.6 W x Vin / 1.2 V + 50 uA x Vin, per segment. */
	double j = 0;
	const double vin[4] = { 1.8, 1.7, 1.6, 1.5 };
	const double dur[4] = { 1.1e-3, 100e-6, 100e-6, 0.7e-3 };
	for (int k = 0; k < 4; k++)
		j += (0.6 * vin[k] / 1.2 + 50e-6 * vin[k]) * dur[k];
	ck_assert_energy(rail_in_joules(ldo, 2 * MS), j);
	ck_assert_energy(rail_out_joules(ldo, 2 * MS), 0.6 * 2e-3);
}
END_TEST

START_TEST(battery_equals_loads_plus_all_losses)
{
	build(energy_dts);
	struct pm_rail *b = rail("buck1"), *ldo1 = rail("ldo1"), *ldo2 = rail("ldo2");
	double loads = 0;
	/* Loads switching at various times, a ramp under ldo2, a rail off. */
	pm_rail_load(b, 0, 0.25);
	pm_rail_load(ldo2, 100 * US, 0.125);
	pm_rail_load(ldo1, 200 * US, 0.5);
	run_to(300 * US);
	rail_set_voltage(b, 1600000);
	run_to(400 * US);
	pm_rail_load(ldo2, 400 * US, -0.125);
	pm_rail_load(b, 450 * US, 0.25);
	run_to(500 * US);
	rail_enable(ldo2, false);
	run_to(1 * MS);
	/* The loads, integrated by hand. */
	loads += 0.25 * 450e-6 + 0.5 * 550e-6 + 0.125 * 300e-6 + 0.5 * 800e-6;
	double bat = rail_set_battery_joules(T.rs, 1 * MS);
	ck_assert_energy(bat, loads_plus_losses(loads));
	/* And the chain: battery = inputs of the rails it feeds directly. */
	ck_assert_energy(bat, rail_in_joules(b, 1 * MS) + rail_in_joules(rail("buck2"), 1 * MS));
	ck_assert_energy(rail_out_joules(b, 1 * MS),
			 0.25 * 450e-6 + 0.5 * 550e-6 + rail_in_joules(ldo2, 1 * MS));
	ck_assert(bat > loads * 1.05);
}
END_TEST

START_TEST(a_load_reported_late_still_balances)
{
	build(energy_dts);
	struct pm_rail *b = rail("buck1"), *ldo2 = rail("ldo2");
	pm_rail_load(ldo2, 0, 0.1);
	run_to(500 * US);
	rail_set_voltage(b, 1700000); /* the rails integrated up to 500 us */
	run_to(1 * MS);
	/* A lazily-timed model reports a change that happened at 200 us. */
	pm_rail_load(ldo2, 200 * US, 0.2);
	double loads = 0.1 * 1e-3 + 0.2 * 800e-6;
	ck_assert_energy(rail_out_joules(ldo2, 1 * MS), loads);
	ck_assert_energy(rail_set_battery_joules(T.rs, 1 * MS), loads_plus_losses(loads));
}
END_TEST

START_TEST(discrete_energy_goes_through_the_chain)
{
	build(energy_dts);
	struct pm_rail *ldo2 = rail("ldo2");
	/* A 1 mJ burst from the LDO (1.2 V from 1.8 V) behind the 90 % buck. */
	pm_rail_add(ldo2, 0, 1e-3);
	pm_rail_add(ldo2, 0, 0.0);
	ck_assert_energy(rail_out_joules(ldo2, 0), 1e-3);
	ck_assert_energy(rail_in_joules(ldo2, 0), 1e-3 * 1.8 / 1.2);
	ck_assert_energy(rail_out_joules(rail("buck1"), 0), 1e-3 * 1.8 / 1.2);
	ck_assert_energy(rail_in_joules(rail("buck1"), 0), 1e-3 * 1.8 / 1.2 / 0.9);
	ck_assert_energy(rail_set_battery_joules(T.rs, 0), 1e-3 * 1.8 / 1.2 / 0.9);
	ck_assert_energy(rail_set_battery_joules(T.rs, 0), loads_plus_losses(1e-3));
	/* Over time, with the quiescent currents, it still balances. */
	run_to(1 * MS);
	ck_assert_energy(rail_set_battery_joules(T.rs, 1 * MS), loads_plus_losses(1e-3));
}
END_TEST

/* A buck and an LDO on the battery, an LDO behind the buck. */
static const char battery_dts[] =
	PMIC_DTS_HEAD
	"      buck: buck1 {\n"
	"        pmsim,microvolt = <1800000>; pmsim,efficiency-percent = <90>;\n"
	"        pmsim,quiescent-microamp = <20>; regulator-boot-on;\n"
	"      };\n"
	"      ldo1 {\n"
	"        pmsim,microvolt = <1800000>; pmsim,quiescent-microamp = <10>;\n"
	"        vin-supply = <&battery>; regulator-boot-on;\n"
	"      };\n"
	"      ldo2 {\n"
	"        pmsim,microvolt = <1200000>; vin-supply = <&buck>; regulator-boot-on;\n"
	"      };\n"
	PMIC_DTS_TAIL;

/* The battery's voltage is the input voltage of the rails it feeds, from
 * the moment it changes: quiescent power and an LDO's efficiency follow,
 * what was drawn before stays, rails behind a regulator see nothing. */
/* ---- efficiency curves and modes ------------------------------------------ */

/* A 1 V buck from the battery: PWM 60 % at 100 uA to 90 % at 100 mA with
 * 5 mA quiescent, PFM 80 % at 10 uA to 88 % at 10 mA with 20 uA, AUTO
 * changing at 5 mA; a second one that only allows PWM; an LDO. */
static const char curve_dts[] =
	PMIC_DTS_HEAD
	"      buck1 {\n"
	"        pmsim,microvolt = <1000000>; regulator-boot-on;\n"
	"        pmsim,pwm-efficiency = <100 600  100000 900>;\n"
	"        pmsim,pfm-efficiency = <10 800  10000 880>;\n"
	"        pmsim,pwm-quiescent-microamp = <5000>;\n"
	"        pmsim,pfm-quiescent-microamp = <20>;\n"
	"        pmsim,pfm-threshold-microamp = <5000>;\n"
	"        regulator-allowed-modes = <0 1 2>;\n"
	"      };\n"
	"      buck2 {\n"
	"        pmsim,microvolt = <1000000>; regulator-boot-on;\n"
	"        pmsim,pwm-efficiency = <100 600  100000 900>;\n"
	"        pmsim,pfm-efficiency = <10 800  10000 880>;\n"
	"        pmsim,pfm-threshold-microamp = <5000>;\n"
	"        regulator-allowed-modes = <1>;\n"
	"      };\n"
	"      ldo1 { pmsim,microvolt = <1000000>; regulator-boot-on; };\n"
	PMIC_DTS_TAIL;

static unsigned ndiag;
static char last_diag[256];

static void on_diag(void *opaque, simtime_t t, const char *msg)
{
	ndiag++;
	snprintf(last_diag, sizeof last_diag, "%s", msg);
}

static void build_curves(void)
{
	build(curve_dts);
	ndiag = 0;
	last_diag[0] = 0;
	rail_set_hooks(T.rs, &(struct rail_hooks){ .diag = on_diag });
}

/* The PWM curve's value at `ua` by hand: 60 % + 30 % x (ua - 100) / 99900. */
static double pwm_at(double ua)
{
	return 0.6 + 0.3 * (ua - 100) / (100000 - 100);
}

/* The operating point is taken at each tick (every millisecond here, no
 * battery step) from the average output current since the previous one:
 * a load set just after tick k is the average at tick k + 1. */
START_TEST(efficiency_follows_the_curve)
{
	build_curves();
	struct pm_rail *b = rail("buck1");
	ck_assert_int_eq(rail_set_mode(b, RAIL_MODE_PWM), 0);
	ck_assert_uint_eq(rail_op_mode(b), RAIL_MODE_PWM);
	/* At the points, between them (1 V: W = A), below the first. */
	const struct { double w, eff; } cases[] = {
		{ 100e-6, 0.6 }, { 0.1, 0.9 }, { 0.05, pwm_at(50000) }, { 0.0123, pwm_at(12300) },
		{ 20e-6, 0.6 },
	};
	double load = 0.0;
	simtime_t t = 0;
	for (unsigned i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		pm_rail_load(b, t, cases[i].w - load);
		load = cases[i].w;
		t += 1 * MS;
		run_to(t);
		ck_assert_double_eq_tol(rail_efficiency(b), cases[i].eff, 1e-9);
		ck_assert_double_eq_tol(rail_curve_efficiency(b, RAIL_MODE_PWM, cases[i].w),
					cases[i].eff, 1e-12);
	}
	ck_assert_uint_eq(ndiag, 0);
	/* The input power over the next millisecond: the load through the
	 * curve at that load, plus 5 mA x 3.7 V. */
	pm_rail_load(b, t, 0.05 - load);
	run_to(t + 1 * MS);
	double in0 = rail_in_joules(b, t + 1 * MS);
	run_to(t + 2 * MS);
	ck_assert_energy(rail_in_joules(b, t + 2 * MS) - in0,
			 (0.05 / pwm_at(50000) + 5e-3 * 3.7) * 1e-3);
	/* Beyond the last point: the last efficiency, and one diagnostic. */
	t += 2 * MS;
	pm_rail_load(b, t, 0.15);
	run_to(t + 1 * MS);
	ck_assert_double_eq_tol(rail_efficiency(b), 0.9, 1e-12);
	ck_assert_uint_eq(ndiag, 1);
	ck_assert_msg(strstr(last_diag, "load beyond buck1's efficiency curve: 200 mA on "
			     "average in pwm mode") != NULL, "%s", last_diag);
	pm_rail_load(b, t + 1 * MS, 0.05);
	run_to(t + 3 * MS);
	ck_assert_uint_eq(ndiag, 1);
}
END_TEST

START_TEST(auto_changes_mode_at_the_threshold)
{
	build_curves();
	struct pm_rail *b = rail("buck1");
	ck_assert_uint_eq(rail_mode(b), RAIL_MODE_AUTO);
	ck_assert_uint_eq(rail_op_mode(b), RAIL_MODE_PFM);
	unsigned t0 = T.ntrace;
	/* Averages of 4.9 mA: PFM; 5 mA: PWM; 4.5 and 4 mA: still PWM
	 * (hysteresis down to 4 mA); 3.9 mA: PFM; 4.9 mA: PFM. */
	const struct { double ma; unsigned op; } steps[] = {
		{ 4.9, RAIL_MODE_PFM }, { 5.0, RAIL_MODE_PWM }, { 4.5, RAIL_MODE_PWM },
		{ 4.0, RAIL_MODE_PWM }, { 3.9, RAIL_MODE_PFM }, { 4.9, RAIL_MODE_PFM },
	};
	double load = 0.0;
	for (unsigned i = 0; i < sizeof steps / sizeof steps[0]; i++) {
		pm_rail_load(b, i * MS, steps[i].ma * 1e-3 - load);
		load = steps[i].ma * 1e-3;
		run_to((i + 1) * MS);
		ck_assert_msg(rail_op_mode(b) == steps[i].op, "step %u: mode %u", i,
			      rail_op_mode(b));
	}
	/* Each change traced at its tick: component buck1, variable mode. */
	unsigned changes = 0;
	for (unsigned i = t0; i < T.ntrace; i++)
		if (!strcmp(T.trace[i].comp, "buck1") && !strcmp(T.trace[i].var, "mode")) {
			ck_assert_int_eq(T.trace[i].v, changes ? RAIL_MODE_PFM : RAIL_MODE_PWM);
			ck_assert_uint_eq(T.trace[i].t, changes ? 5 * MS : 2 * MS);
			changes++;
		}
	ck_assert_uint_eq(changes, 2);
	/* Time in each mode up to 10 ms: PWM from 2 to 5 ms. */
	run_to(10 * MS);
	ck_assert_double_eq_tol(rail_mode_seconds(b, RAIL_MODE_PWM, 10 * MS), 3e-3, 1e-15);
	ck_assert_double_eq_tol(rail_mode_seconds(b, RAIL_MODE_PFM, 10 * MS), 7e-3, 1e-15);
	/* The efficiency at 4.9 mA in PFM is the PFM curve's. */
	ck_assert_double_eq_tol(rail_efficiency(b), 0.8 + 0.08 * (4900 - 10) / 9990.0, 1e-9);
}
END_TEST

static bool not_alive(void *opaque)
{
	return false;
}

/* With the core asleep and nothing else scheduled the tick parks (a run
 * that can never wake must still end); the next change of a load brings
 * it back, and its first tick averages over the whole parked span. */
START_TEST(a_parked_tick_resumes_with_the_load)
{
	build(curve_dts);
	rail_set_hooks(T.rs, &(struct rail_hooks){ .alive = not_alive });
	struct pm_rail *b = rail("buck1");
	/* 30 mA: PWM at the first tick, which then parks. */
	pm_rail_load(b, 0, 0.03);
	run_to(1 * MS);
	ck_assert_uint_eq(rail_op_mode(b), RAIL_MODE_PWM);
	ck_assert_uint_eq(sched_next_time(&T.s), NEVER);
	/* At 10.5 ms the load drops to nothing: the tick is back at 11 ms and
	 * averages 30 mA x 9.5 / 10 over 1-11 ms: still PWM. */
	at(10 * MS + 500 * US);
	pm_rail_load(b, 10 * MS + 500 * US, -0.03);
	ck_assert_uint_eq(sched_next_time(&T.s), 11 * MS);
	run_to(11 * MS);
	ck_assert_uint_eq(rail_op_mode(b), RAIL_MODE_PWM);
	ck_assert_double_eq_tol(rail_efficiency(b), pwm_at(30000 * 0.95), 1e-9);
	/* Parked again; the next change brings a tick whose average is
	 * nothing: PFM. */
	ck_assert_uint_eq(sched_next_time(&T.s), NEVER);
	at(20 * MS);
	pm_rail_load(b, 20 * MS, 1e-6);
	run_to(21 * MS);
	ck_assert_uint_eq(rail_op_mode(b), RAIL_MODE_PFM);
}
END_TEST

START_TEST(quiescent_current_per_mode)
{
	build_curves();
	struct pm_rail *b = rail("buck1");
	/* No load: AUTO runs in PFM, 20 uA from 3.7 V; then forced PWM, 5 mA. */
	ck_assert_energy(rail_in_joules(b, 1 * S), 20e-6 * 3.7);
	at(1 * S);
	ck_assert_int_eq(rail_set_mode(b, RAIL_MODE_PWM), 0);
	ck_assert_energy(rail_in_joules(b, 2 * S), 20e-6 * 3.7 + 5e-3 * 3.7);
	ck_assert_energy(rail_mode_loss_joules(b, RAIL_MODE_PFM, 2 * S), 20e-6 * 3.7);
	ck_assert_energy(rail_mode_loss_joules(b, RAIL_MODE_PWM, 2 * S), 5e-3 * 3.7);
	/* buck2 has no mode-specific quiescent current: 0. */
	ck_assert_energy(rail_in_joules(rail("buck2"), 2 * S), 0.0);
}
END_TEST

START_TEST(a_mode_not_allowed_is_refused)
{
	build_curves();
	struct pm_rail *b2 = rail("buck2"), *ldo = rail("ldo1");
	ck_assert_uint_eq(rail_mode(b2), RAIL_MODE_PWM);
	ck_assert_int_eq(rail_set_mode(b2, RAIL_MODE_PFM), -1);
	ck_assert_int_eq(rail_set_mode(b2, RAIL_MODE_AUTO), -1);
	ck_assert_int_eq(rail_set_mode(b2, 3), -1);
	ck_assert_uint_eq(rail_mode(b2), RAIL_MODE_PWM);
	ck_assert_int_eq(rail_set_mode(b2, RAIL_MODE_PWM), 0);
	ck_assert_int_eq(rail_set_mode(ldo, RAIL_MODE_PWM), -1);
	ck_assert_uint_eq(rail_op_mode(ldo), 0);
	/* A reset returns to the initial mode. */
	struct pm_rail *b = rail("buck1");
	ck_assert_int_eq(rail_set_mode(b, RAIL_MODE_PWM), 0);
	rail_set_reset(T.rs);
	ck_assert_uint_eq(rail_mode(b), RAIL_MODE_AUTO);
	ck_assert_uint_eq(rail_op_mode(b), RAIL_MODE_PFM);
}
END_TEST

START_TEST(curves_keep_the_battery_balance_exact)
{
	build_curves();
	struct pm_rail *b = rail("buck1"), *b2 = rail("buck2");
	/* Loads that cross the threshold both ways, a discrete energy, a mode
	 * forced in between and a change reported late. */
	double loads = 0.0, w1 = 0.0, w2 = 0.0;
	simtime_t t = 0;
	const double seq[] = { 2e-3, 7e-3, 30e-3, 3e-3, 0.2, 1e-4, 0.0 };
	for (unsigned i = 0; i < sizeof seq / sizeof seq[0]; i++) {
		simtime_t next = t + (i + 1) * 10 * MS;
		loads += w1 * (double)(next - t) * 1e-12 + w2 * (double)(next - t) * 1e-12;
		at(next);
		t = next;
		pm_rail_load(b, t, seq[i] - w1);
		w1 = seq[i];
		pm_rail_load(b2, t, seq[i] / 2 - w2);
		w2 = seq[i] / 2;
		pm_rail_add(b, t, 1e-5);
		loads += 1e-5;
		if (i == 3)
			ck_assert_int_eq(rail_set_mode(b, RAIL_MODE_PFM), 0);
		if (i == 4)
			ck_assert_int_eq(rail_set_mode(b, RAIL_MODE_AUTO), 0);
	}
	/* 1 mW reported from 5 ms before the last change. */
	pm_rail_load(b, t - 5 * MS, 1e-3);
	loads += 1e-3 * 5e-3;
	ck_assert_energy(rail_set_battery_joules(T.rs, t), loads_plus_losses(loads));
	/* And the per-mode losses add up to the rail's. */
	ck_assert_energy(rail_mode_loss_joules(b, RAIL_MODE_PWM, t) +
				 rail_mode_loss_joules(b, RAIL_MODE_PFM, t),
			 pm_meter_joules(rail_set_meter(T.rs, 0), t));
}
END_TEST

/* ---- output capacitance ----------------------------------------------------- */

START_TEST(charging_the_output_capacitance)
{
	build(PMIC_DTS_HEAD
	      "      buck1 {\n"
	      "        regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>;\n"
	      "        pmsim,microvolt = <800000>; pmsim,step-microvolt = <100000>;\n"
	      "        regulator-ramp-delay = <10000>; pmsim,efficiency-percent = <90>;\n"
	      "        pmsim,output-capacitance-nanofarad = <10000>;\n"
	      "      };\n"
	      PMIC_DTS_TAIL);
	struct pm_rail *b = rail("buck1");
	const double c = 10e-6;
	ck_assert_double_eq_tol(rail_capacitance_farad(b), c, 1e-18);
	/* Enable: 0 -> 0.8 V charges 1/2 C V^2, through the 90 % buck. */
	rail_enable(b, true);
	ck_assert_energy(rail_set_battery_joules(T.rs, 0), 0.5 * c * 0.64 / 0.9);
	/* A ramp up to 1.2 V, in steps: 1/2 C (1.2^2 - 0.8^2) / 0.9 whatever
	 * the steps. */
	double before = rail_set_battery_joules(T.rs, 0);
	rail_set_voltage(b, 1200000);
	run_to(1 * MS);
	ck_assert_uint_eq(rail_microvolt(b), 1200000);
	ck_assert_energy(rail_set_battery_joules(T.rs, 1 * MS) - before,
			 0.5 * c * (1.44 - 0.64) / 0.9);
	/* The charge meter is a load of the rail: its out shows it. */
	struct pm_meter *charge = rail_set_meter(T.rs, rail_count(T.rs));
	ck_assert_str_eq(charge->kind, "charge");
	ck_assert_ptr_eq(charge->rail, b);
	ck_assert_energy(pm_meter_joules(charge, 1 * MS), 0.5 * c * 1.44);
	ck_assert_energy(rail_out_joules(b, 1 * MS), 0.5 * c * 1.44);
	/* Down again: nothing drawn. */
	before = rail_set_battery_joules(T.rs, 1 * MS);
	rail_set_voltage(b, 800000);
	run_to(2 * MS);
	rail_enable(b, false);
	ck_assert_energy(rail_set_battery_joules(T.rs, 2 * MS), before);
}
END_TEST

/* ---- the battery ------------------------------------------------------------- */

/* A 1 mAh cell of 0.2 ohm, OCV 4.2 V full, 3.8 V at half, 3.0 V empty,
 * cut-off 3.0 V, 80 % charged, stepped every ms; an ideal 1 V buck on it
 * (no efficiency loss, no quiescent current, so the battery delivers
 * exactly its load). */
#define CELL_DTS(extra)                                                              \
	"/dts-v1/;\n/ {\n"                                                            \
	"  battery: battery { compatible = \"pmsim,battery\", \"simple-battery\";\n"   \
	"    charge-full-design-microamp-hours = <1000>;\n"                           \
	"    factory-internal-resistance-micro-ohms = <200000>;\n"                    \
	"    voltage-min-design-microvolt = <3000000>;\n"                             \
	"    ocv-capacity-celsius = <20>;\n"                                          \
	"    ocv-capacity-table-0 = <4200000 100  3800000 50  3000000 0>;\n"          \
	"    pmsim,initial-percent = <80>;\n" extra "  };\n"                          \
	"  pmic { compatible = \"pmsim,pmic\"; regulators {\n"                        \
	"    buck1 { pmsim,microvolt = <1000000>; regulator-boot-on; }; }; };\n};\n"

static unsigned nfail;
static char fail_msg[256];

static void on_fail(void *opaque, simtime_t t, const char *msg)
{
	nfail++;
	snprintf(fail_msg, sizeof fail_msg, "%s", msg);
}

static void build_cell(const char *dts)
{
	build(dts);
	nfail = 0;
	rail_set_hooks(T.rs, &(struct rail_hooks){ .power_fail = on_fail });
}

static double cell_ocv(double pct)
{
	return pct >= 50 ? 3.8 + 0.4 * (pct - 50) / 50 : 3.0 + 0.8 * pct / 50;
}

START_TEST(battery_sags_by_i_times_r)
{
	build_cell(CELL_DTS(""));
	struct pm_battery *bat = rail_set_battery(T.rs);
	ck_assert_ptr_nonnull(bat);
	/* At rest: the OCV at 80 %. */
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 4040000);
	pm_rail_load(rail("buck1"), 0, 1.0);
	const double R = 0.2, Q = 3.6, dt = 1e-3;
	double pct = 80.0, internal = 0.0;
	for (unsigned k = 1; k <= 3; k++) {
		run_to(k * MS);
		/* 1 W at the terminals: V I = 1 with V = OCV - I R. */
		double ocv = cell_ocv(pct);
		double i = (ocv - sqrt(ocv * ocv - 4 * R * 1.0)) / (2 * R);
		double v = rail_set_battery_microvolt_get(T.rs) * 1e-6;
		ck_assert_double_eq_tol(v, ocv - i * R, 1e-6);
		ck_assert_double_eq_tol(ocv - v, R * 1.0 / v, 2e-6); /* the sag is I R */
		pct -= i * dt / Q * 100;
		internal += i * i * R * dt;
		struct battery_stats st;
		battery_stats(bat, &st);
		ck_assert_double_eq_tol(st.percent, pct, 1e-9);
		ck_assert_double_eq_tol(st.charge_used_c, (80.0 - pct) / 100 * Q, 1e-12);
		ck_assert_double_eq_tol(st.internal_j, internal, 1e-15);
		ck_assert_double_eq_tol(st.min_microvolt, v * 1e6, 1.0);
	}
	ck_assert_uint_eq(nfail, 0);
	/* The rails saw the new input voltage: the percent and the voltage
	 * are traced. */
	bool saw_pct = false;
	for (unsigned i = 0; i < T.ntrace; i++)
		saw_pct |= !strcmp(T.trace[i].comp, "battery") && !strcmp(T.trace[i].var, "percent");
	ck_assert(saw_pct);
}
END_TEST

START_TEST(battery_state_of_charge_falls_by_the_charge)
{
	build_cell(CELL_DTS(""));
	struct pm_battery *bat = rail_set_battery(T.rs);
	ck_assert_int_eq(battery_set_percent(bat, 50.0), 0);
	ck_assert_int_eq(battery_set_percent(bat, 100.5), -1);
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 3800000);
	/* 0.38 W for 100 ms, about 100 mA: about 10 mC of 3.6 C. */
	pm_rail_load(rail("buck1"), 0, 0.38);
	run_to(100 * MS);
	struct battery_stats st;
	battery_stats(bat, &st);
	ck_assert_double_eq(st.start_percent, 50.0);
	ck_assert_double_eq_tol(st.percent, 50.0 - st.charge_used_c / 3.6 * 100, 1e-9);
	ck_assert(st.charge_used_c > 0.38 / 3.8 * 0.1 && st.charge_used_c < 0.38 / 3.7 * 0.1);
}
END_TEST

START_TEST(battery_browns_out_below_its_cut_off)
{
	/* 2 % left: OCV 3.032 V; 1 W through 0.2 ohm sags it below 3.0 V. */
	build_cell(CELL_DTS("    pmsim,step-us = <100>;\n"));
	ck_assert_int_eq(battery_set_percent(rail_set_battery(T.rs), 2.0), 0);
	pm_rail_load(rail("buck1"), 0, 1.0);
	run_to(10 * MS);
	ck_assert_uint_eq(nfail, 1);
	ck_assert_msg(strstr(fail_msg, "brown-out: the battery's terminal voltage fell to 2.") &&
			      strstr(fail_msg, "below its cut-off of 3.000 V (state of charge 2.0 %)"),
		      "%s", fail_msg);
	struct battery_stats st;
	battery_stats(rail_set_battery(T.rs), &st);
	ck_assert(st.browned_out);
	/* It stopped: no more steps. */
	ck_assert_uint_eq(sched_next_time(&T.s), NEVER);
}
END_TEST

START_TEST(battery_cannot_deliver_the_power)
{
	/* 25 W from 4.04 V through 0.2 ohm: at most 20.4 W. */
	build_cell(CELL_DTS(""));
	pm_rail_load(rail("buck1"), 0, 25.0);
	run_to(5 * MS);
	ck_assert_uint_eq(nfail, 1);
	ck_assert_msg(strstr(fail_msg, "brown-out: the battery cannot deliver 25 W") != NULL, "%s",
		      fail_msg);
}
END_TEST

START_TEST(battery_without_capacity_is_ideal)
{
	build("/dts-v1/;\n/ { battery { compatible = \"pmsim,battery\"; "
	      "pmsim,microvolt = <3600000>; };\n pmic { compatible = \"pmsim,pmic\"; "
	      "regulators { buck1 { pmsim,microvolt = <1000000>; regulator-boot-on; }; }; }; };\n");
	ck_assert_ptr_null(rail_set_battery(T.rs));
	pm_rail_load(rail("buck1"), 0, 1.0);
	run_to(10 * MS);
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 3600000);
	ck_assert_uint_eq(sched_next_time(&T.s), NEVER);
}
END_TEST

static const struct {
	const char *props, *want;
} bad_cell[] = {
	{ "charge-full-design-microamp-hours = <1000>; "
	  "ocv-capacity-table-0 = <4200000 100 3000000 0 3500000 50>;",
	  "/battery: 'ocv-capacity-table-0' point 2: capacity 50 % is not below the previous "
	  "point's" },
	{ "charge-full-design-microamp-hours = <1000>; "
	  "ocv-capacity-table-0 = <4200000 101 3000000 0>;",
	  "/battery: 'ocv-capacity-table-0' point 0: capacity 101 % is above 100" },
	{ "charge-full-design-microamp-hours = <1000>; "
	  "ocv-capacity-table-0 = <3000000 100 4200000 0>;",
	  "/battery: 'ocv-capacity-table-0' point 1: 4200000 uV is above the previous point's" },
	{ "charge-full-design-microamp-hours = <1000>; pmsim,microvolt = <3700000>; "
	  "factory-internal-resistance-micro-ohms = <(-150000)>;",
	  "/battery: 'factory-internal-resistance-micro-ohms' is negative (-150000)" },
	{ "charge-full-design-microamp-hours = <0>; pmsim,microvolt = <3700000>;",
	  "/battery: 'charge-full-design-microamp-hours' must not be 0" },
	{ "charge-full-design-microamp-hours = <1000>;",
	  "/battery: a battery with a capacity needs 'ocv-capacity-table-0' or "
	  "'pmsim,microvolt'" },
	{ "charge-full-design-microamp-hours = <1000>; pmsim,microvolt = <3700000>; "
	  "pmsim,initial-percent = <150>;",
	  "/battery: 'pmsim,initial-percent' must be 0-100 (is 150)" },
	{ "charge-full-design-microamp-hours = <1000>; pmsim,microvolt = <3700000>; "
	  "voltage-min-design-microvolt = <3700000>;",
	  "/battery: 'voltage-min-design-microvolt' (3700000) is not below the full cell's "
	  "open-circuit voltage" },
	{ "charge-full-design-microamp-hours = <1000>; "
	  "ocv-capacity-table-0 = <4200000 100 3000000>;",
	  "/battery: 'ocv-capacity-table-0' must be pairs of <microvolt percent> (has 3 "
	  "cells)" },
};

START_TEST(battery_binding_errors)
{
	char dts[1024];
	snprintf(dts, sizeof dts,
		 "/dts-v1/;\n/ { battery { compatible = \"pmsim,battery\"; %s };\n"
		 "pmic { compatible = \"pmsim,pmic\"; regulators { buck1 { "
		 "pmsim,microvolt = <1000000>; }; }; }; };\n", bad_cell[_i].props);
	build_fails(dts, bad_cell[_i].want);
}
END_TEST

START_TEST(battery_voltage_feeds_the_rails_on_it)
{
	build(battery_dts);
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 3700000);
	struct pm_rail *buck = rail("buck1"), *ldo1 = rail("ldo1"), *ldo2 = rail("ldo2");
	pm_rail_load(buck, 0, 1.0);
	pm_rail_load(ldo1, 0, 0.18);
	pm_rail_load(ldo2, 0, 0.12);
	double before = rail_set_battery_joules(T.rs, 1 * S);
	double ldo2_in = rail_in_joules(ldo2, 1 * S);
	T.ntrace = 0;
	at(1 * S);
	rail_set_battery_microvolt(T.rs, 1 * S, 3000000);
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 3000000);
	ck_assert_energy(rail_set_battery_joules(T.rs, 1 * S), before);
	/* Traced once; the same voltage again is no change. */
	ck_assert_uint_eq(T.ntrace, 1);
	ck_assert_str_eq(T.trace[0].comp, "battery");
	ck_assert_str_eq(T.trace[0].var, "microvolt");
	ck_assert_int_eq(T.trace[0].v, 3000000);
	ck_assert_uint_eq(T.trace[0].t, 1 * S);
	rail_set_battery_microvolt(T.rs, 1 * S, 3000000);
	ck_assert_uint_eq(T.ntrace, 1);
	/* One second at 3.7 V, one at 3.0 V. */
	ck_assert_energy(ldo2_in, 0.12 * 1.8 / 1.2);
	double buck_in = (1.0 + ldo2_in) / 0.9 * 2 + 20e-6 * (3.7 + 3.0);
	double ldo1_in = 0.18 / 1.8 * (3.7 + 3.0) + 10e-6 * (3.7 + 3.0);
	ck_assert_energy(rail_in_joules(buck, 2 * S), buck_in);
	ck_assert_energy(rail_in_joules(ldo1, 2 * S), ldo1_in);
	ck_assert_energy(rail_in_joules(ldo2, 2 * S), 2 * ldo2_in);
	ck_assert_energy(rail_set_battery_joules(T.rs, 2 * S), buck_in + ldo1_in);
	at(2 * S);
	ck_assert_energy(rail_set_battery_joules(T.rs, 2 * S),
			 loads_plus_losses(2 * (1.0 + 0.18 + 0.12)));
	/* Below the LDO's output: dropout, the load current straight through. */
	rail_set_battery_microvolt(T.rs, 2 * S, 1500000);
	ck_assert_energy(rail_in_joules(ldo1, 3 * S), ldo1_in + 0.18 + 10e-6 * 1.5);
	/* A reset keeps it: the battery is not the SoC's. */
	rail_set_reset(T.rs);
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 1500000);
}
END_TEST

/* Without a battery node the rails draw from an ideal 3.7 V cell. */
START_TEST(battery_voltage_without_a_battery_node)
{
	build("/dts-v1/;\n/ { pmic { compatible = \"pmsim,pmic\"; "
	      "regulators { buck1 { pmsim,microvolt = <1000000>; regulator-boot-on; }; }; }; };\n");
	ck_assert_uint_eq(rail_set_battery_microvolt_get(T.rs), 3700000);
}
END_TEST

/* ---- suite --------------------------------------------------------------- */

static Suite *regulator_suite(void)
{
	Suite *s = suite_create("regulator");
	TCase *tc = tcase_create("binding");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, parses_rails_in_tree_order_with_reset_state);
	tcase_add_test(tc, consumer_supply_lookup);
	tcase_add_test(tc, initial_state_is_traced);
	tcase_add_loop_test(tc, binding_errors_name_node_and_property, 0,
			    (int)(sizeof bad / sizeof bad[0]));
	tcase_add_test(tc, fixed_regulator_needs_one_voltage);
	tcase_add_test(tc, disabled_nodes_and_no_regulators);
	suite_add_tcase(s, tc);

	tc = tcase_create("ramp");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, ramp_up_in_steps_at_the_ramp_rate);
	tcase_add_test(tc, ramp_down_and_retarget_mid_ramp);
	tcase_add_test(tc, ramp_without_step_grid_is_one_step_at_the_end);
	tcase_add_test(tc, no_ramp_delay_changes_at_once);
	tcase_add_test(tc, set_point_while_off_applies_when_enabled);
	tcase_add_test(tc, out_of_range_and_off_grid_set_points_are_refused);
	tcase_add_test(tc, always_on_rail_cannot_be_disabled);
	suite_add_tcase(s, tc);

	tc = tcase_create("enable");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, enable_takes_the_enable_ramp_delay);
	tcase_add_test(tc, disable_during_enable_delay_never_comes_up);
	tcase_add_test(tc, disable_is_immediate_or_after_off_delay);
	tcase_add_test(tc, enable_during_off_delay_keeps_the_rail_up);
	tcase_add_test(tc, rails_follow_their_supply_down_and_up);
	tcase_add_test(tc, reset_restores_the_boot_configuration);
	suite_add_tcase(s, tc);

	tc = tcase_create("energy");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, buck_efficiency_and_quiescent);
	tcase_add_test(tc, one_watt_for_one_second_on_a_90_percent_buck);
	tcase_add_test(tc, ldo_from_3v3_to_1v2);
	tcase_add_test(tc, ldo_efficiency_follows_its_supply_ramp);
	tcase_add_test(tc, battery_equals_loads_plus_all_losses);
	tcase_add_test(tc, a_load_reported_late_still_balances);
	tcase_add_test(tc, discrete_energy_goes_through_the_chain);
	tcase_add_test(tc, battery_voltage_feeds_the_rails_on_it);
	tcase_add_test(tc, efficiency_follows_the_curve);
	tcase_add_test(tc, auto_changes_mode_at_the_threshold);
	tcase_add_test(tc, quiescent_current_per_mode);
	tcase_add_test(tc, a_parked_tick_resumes_with_the_load);
	tcase_add_test(tc, a_mode_not_allowed_is_refused);
	tcase_add_test(tc, curves_keep_the_battery_balance_exact);
	tcase_add_test(tc, charging_the_output_capacitance);
	tcase_add_test(tc, battery_sags_by_i_times_r);
	tcase_add_test(tc, battery_state_of_charge_falls_by_the_charge);
	tcase_add_test(tc, battery_browns_out_below_its_cut_off);
	tcase_add_test(tc, battery_cannot_deliver_the_power);
	tcase_add_test(tc, battery_without_capacity_is_ideal);
	tcase_add_loop_test(tc, battery_binding_errors, 0, sizeof bad_cell / sizeof bad_cell[0]);
	tcase_add_test(tc, battery_voltage_without_a_battery_node);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(regulator_suite());
}
