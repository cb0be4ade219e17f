/*
 * The thermal model (pm/thermal.c, docs/power.md "Temperature") through
 * real SoCs built from small device trees: oscillators with a constant
 * `pmsim,microwatt` are the heat sources, the scheduler runs the model's
 * steps as sim/machine.c does, and the temperatures are read back.
 *
 * What is protected:
 *  - a single node's step response is T_amb + P R (1 - e^(-t/RC)): 63.2 %
 *    of P R at t = RC, P R in the end (within 0.5 %, in fact to rounding);
 *  - a three-node chain conserves energy: the heat the nodes hold plus the
 *    heat that reached the ambient is what the meters dissipated, with
 *    sources on the die and on the board (`pmsim,components`);
 *  - the ambient applies from when it is set;
 *  - without a thermal node there is no model and no event;
 *  - bad configurations are refused naming the node and the property;
 *  - thermal zones (pm/tzone.c) follow their sensor's node: the time above
 *    each trip, the first crossing of the critical trip, the diagnostic
 *    when the guest does not power off, the time a cooling device spent
 *    throttling (its cdev: markers), the report's critical-shutdown line;
 *    malformed zones are refused naming the node and the property.
 */
#include <check.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pm/collect.h"
#include "pm/report.h"
#include "pm/thermal.h"
#include "sim/trace.h"
#include "sim/machine.h"
#include "sim/soc.h"
#include "check_run.h"
#include "dts_text.h"

/* A SoC without a core: 64 KiB of RAM, two oscillators (`die_uw` and
 * `board_uw` µW) and whatever `extra` adds at the top level. */
static char *make_dts(unsigned die_uw, unsigned board_uw, const char *extra)
{
	static const char fmt[] =
		"/dts-v1/;\n"
		"/ {\n"
		"  model = \"pmsim thermal test SoC\";\n"
		"  #address-cells = <1>;\n"
		"  #size-cells = <1>;\n"
		"  cpus { #address-cells = <1>; #size-cells = <0>;\n"
		"    cpu@0 { device_type = \"cpu\"; compatible = \"arm,cortex-m3\"; reg = <0>;\n"
		"      clock-frequency = <1000000>; }; };\n"
		"  memory@0 { device_type = \"memory\"; reg = <0 0x10000>; };\n"
		"  osc-a { compatible = \"fixed-clock\"; #clock-cells = <0>;\n"
		"    clock-frequency = <32768>; clock-output-names = \"osc_die\";\n"
		"    pmsim,microwatt = <%u>; };\n"
		"  osc-b { compatible = \"fixed-clock\"; #clock-cells = <0>;\n"
		"    clock-frequency = <32768>; clock-output-names = \"osc_board\";\n"
		"    pmsim,microwatt = <%u>; };\n"
		"%s"
		"};\n";
	size_t len = sizeof fmt + strlen(extra) + 64;
	char *s = malloc(len);
	ck_assert_ptr_nonnull(s);
	snprintf(s, len, fmt, die_uw, board_uw, extra);
	return s;
}

/* Build the SoC of `text` through the .dts path of `pmsim run --config`;
 * returns soc_create's status, with its message in `e`. */
static int soc_from(struct soc *soc, const char *text, struct err *e)
{
	void *dtb = NULL;
	size_t dlen = 0;
	dts_text_compile(text, &dtb, &dlen);
	struct soc_options so = { .no_cpu = true };
	int rc = soc_create(soc, dtb, dlen, &so, e);
	free(dtb);
	if (rc == 0)
		soc_reset(soc);
	return rc;
}

static void soc_up(struct soc *soc, unsigned die_uw, unsigned board_uw, const char *extra)
{
	char *text = make_dts(die_uw, board_uw, extra);
	struct err e = { "" };
	int rc = soc_from(soc, text, &e);
	free(text);
	ck_assert_msg(rc == 0, "soc_create: %s", e.msg);
}

/* soc_create refuses `extra`, with a message containing each of `want`. */
static void refused(const char *extra, const char *want1, const char *want2)
{
	char *text = make_dts(1000, 0, extra);
	struct soc soc;
	struct err e = { "" };
	int rc = soc_from(&soc, text, &e);
	free(text);
	ck_assert_int_eq(rc, -1);
	ck_assert_msg(strstr(e.msg, want1), "'%s' lacks '%s'", e.msg, want1);
	if (want2)
		ck_assert_msg(strstr(e.msg, want2), "'%s' lacks '%s'", e.msg, want2);
}

#define S(x) ((simtime_t)((x) * 1e12))

/* One node, 1 J/K and 10 K/W (RC = 10 s), heated with 1 W from 25 °C. */
static const char one_node[] =
	"  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
	"    pmsim,ambient-millicelsius = <25000>; pmsim,step-us = <1000>;\n"
	"    die { pmsim,capacitance-microjoule-per-kelvin = <1000000>;\n"
	"      pmsim,resistance-millikelvin-per-watt = <10000>; }; };\n";

START_TEST(single_node_rises_with_its_time_constant)
{
	struct soc soc;
	soc_up(&soc, 1000000, 0, one_node);
	ck_assert_ptr_nonnull(soc.thermal);
	ck_assert_uint_eq(thermal_nodes(soc.thermal), 1);
	ck_assert_str_eq(thermal_node_name(soc.thermal, 0), "die");
	/* Both oscillators heat the die (nothing moves either), 1 W. */
	double pr = 1.0 * 10.0;
	sched_run_until(&soc.sched, S(10.0));
	double rise = thermal_celsius(soc.thermal, 0) - 25.0;
	ck_assert_msg(fabs(rise - pr * (1 - exp(-1.0))) < 1e-6 * pr,
		      "at t = RC the rise is %.9f K, not 63.2 %% of %.1f K", rise, pr);
	ck_assert_msg(fabs(rise / pr - 0.632) < 0.005 * 0.632, "rise %.4f of P R", rise / pr);
	/* At t = 2.5 RC (not a whole number of RC). */
	sched_run_until(&soc.sched, S(25.0));
	rise = thermal_celsius(soc.thermal, 0) - 25.0;
	ck_assert_msg(fabs(rise - pr * (1 - exp(-2.5))) < 1e-6 * pr, "at 2.5 RC: %.9f", rise);
	/* Settled: P R. */
	sched_run_until(&soc.sched, S(300.0));
	rise = thermal_celsius(soc.thermal, 0) - 25.0;
	ck_assert_msg(fabs(rise - pr) < 1e-6 * pr, "final rise %.9f K, not %.1f K", rise, pr);
	soc_destroy(&soc);
}
END_TEST

START_TEST(step_length_does_not_change_the_step_response)
{
	/* A 50 ms step: the solution is exact at every step time, so at
	 * t = RC the same 63.2 %. */
	static const char coarse[] =
		"  thermal-model { compatible = \"pmsim,thermal-rc\"; pmsim,step-us = <50000>;\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <20000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <25000>; }; };\n";
	struct soc soc;
	soc_up(&soc, 100000, 0, coarse);
	/* RC = 0.5 s, P R = 2.5 K. */
	sched_run_until(&soc.sched, S(0.5));
	double rise = thermal_celsius(soc.thermal, 0) - 25.0;
	ck_assert_msg(fabs(rise - 2.5 * (1 - exp(-1.0))) < 1e-6, "rise %.9f", rise);
	soc_destroy(&soc);
}
END_TEST

/* Die, package, board: 5 mJ/K 10 K/W, 0.5 J/K 20 K/W, 5 J/K 8 K/W; the
 * second oscillator heats the board. */
static const char three_nodes[] =
	"  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
	"    pmsim,ambient-millicelsius = <30000>;\n"
	"    die { pmsim,capacitance-microjoule-per-kelvin = <5000>;\n"
	"      pmsim,resistance-millikelvin-per-watt = <10000>; };\n"
	"    package { pmsim,capacitance-microjoule-per-kelvin = <500000>;\n"
	"      pmsim,resistance-millikelvin-per-watt = <20000>; };\n"
	"    board { pmsim,capacitance-microjoule-per-kelvin = <5000000>;\n"
	"      pmsim,resistance-millikelvin-per-watt = <8000>;\n"
	"      pmsim,components = \"osc_board\"; }; };\n";

START_TEST(three_nodes_conserve_energy)
{
	struct soc soc;
	soc_up(&soc, 200000, 300000, three_nodes);
	struct thermal *th = soc.thermal;
	ck_assert_uint_eq(thermal_nodes(th), 3);
	ck_assert_int_eq(thermal_node_index(th, "board"), 2);
	ck_assert_int_eq(thermal_node_index(th, "lid"), -1);
	for (double t = 1.0; t <= 200.0; t *= 2) {
		sched_run_until(&soc.sched, S(t));
		struct thermal_heat h;
		thermal_heat(th, &h);
		/* Every joule the meters accounted, up to the latest step. */
		simtime_t last = sched_now(&soc.sched) / thermal_step_ps(th) * thermal_step_ps(th);
		ck_assert_msg(fabs(h.dissipated_j - 0.5 * (double)last * 1e-12) < 1e-9 * h.dissipated_j,
			      "dissipated %.9f J", h.dissipated_j);
		ck_assert_msg(fabs(h.stored_j + h.to_ambient_j - h.dissipated_j) <
			      1e-9 * h.dissipated_j, "at %.0f s: stored %.9f + to ambient %.9f "
			      "!= dissipated %.9f", t, h.stored_j, h.to_ambient_j, h.dissipated_j);
		ck_assert(h.to_ambient_j > 0);
	}
	/* Hotter inwards; the steady state is 0.5 W through the board's 8 K/W
	 * and 0.2 W through the die's and the package's. */
	sched_run_until(&soc.sched, S(2000.0));
	double d = thermal_celsius(th, 0), p = thermal_celsius(th, 1), b = thermal_celsius(th, 2);
	ck_assert_msg(fabs(b - (30.0 + 0.5 * 8.0)) < 1e-6, "board %.9f", b);
	ck_assert_msg(fabs(p - (b + 0.2 * 20.0)) < 1e-6, "package %.9f", p);
	ck_assert_msg(fabs(d - (p + 0.2 * 10.0)) < 1e-6, "die %.9f", d);
	struct thermal_stats st;
	thermal_node_stats(th, 0, sched_now(&soc.sched), &st);
	ck_assert_double_eq(st.min_c, 30.0);
	ck_assert(st.max_c >= d - 1e-9 && st.mean_c > 30.0 && st.mean_c < st.max_c);
	ck_assert_double_eq(st.final_c, d);
	soc_destroy(&soc);
}
END_TEST

START_TEST(ambient_applies_from_when_it_is_set)
{
	struct soc soc;
	soc_up(&soc, 0, 0, one_node);
	sched_run_until(&soc.sched, S(1.0));
	ck_assert_double_eq(thermal_celsius(soc.thermal, 0), 25.0);
	/* Half-way through a step: the die follows the new ambient from
	 * 1.0005 s, with its own time constant. */
	sched_run_until(&soc.sched, S(1.0005));
	thermal_set_ambient(soc.thermal, sched_now(&soc.sched), 45.0);
	ck_assert_double_eq(thermal_ambient_celsius(soc.thermal), 45.0);
	sched_run_until(&soc.sched, S(11.0005));
	/* The latest step is at 11 s, 9.9995 s after the change. */
	double t = thermal_celsius(soc.thermal, 0);
	ck_assert_msg(fabs(t - (45.0 - 20.0 * exp(-9.9995 / 10))) < 1e-6, "die %.9f", t);
	soc_destroy(&soc);
}
END_TEST

START_TEST(no_thermal_node_no_model)
{
	struct soc soc;
	soc_up(&soc, 1000, 0, "");
	ck_assert_ptr_null(soc.thermal);
	ck_assert_uint_eq(sched_next_time(&soc.sched), SIMTIME_NEVER);
	soc_destroy(&soc);
}
END_TEST

START_TEST(bad_configurations_are_refused)
{
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <0>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>; }; };\n",
		"/thermal-model/die", "'pmsim,capacitance-microjoule-per-kelvin' must be positive");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <(-5)>; }; };\n",
		"/thermal-model/die", "'pmsim,resistance-millikelvin-per-watt' must be positive "
		"(is -5)");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>; }; };\n",
		"/thermal-model/die", "missing property 'pmsim,resistance-millikelvin-per-watt'");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\"; };\n",
		"/thermal-model", "no thermal nodes");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\"; pmsim,step-us = <0>;\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>; }; };\n",
		"/thermal-model", "'pmsim,step-us' must be");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    pmsim,ambient-millicelsius = <(-300000)>;\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>; }; };\n",
		"/thermal-model", "'pmsim,ambient-millicelsius'");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>; };\n"
		"    board { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>;\n"
		"      pmsim,components = \"dram\"; }; };\n",
		"/thermal-model/board", "\"dram\" names no component");
	refused("  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    pmsim,shutdown-millicelsius = <20000>;\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>; }; };\n",
		"/thermal-model", "'pmsim,shutdown-millicelsius'");
}
END_TEST

START_TEST(shutdown_temperature_cuts_the_power)
{
	/* 1 W into 10 K/W reaches 35 °C; the trip is at 30 °C, which an RC
	 * of 10 ms crosses at -RC ln(1 - 5/10) = 6.93 ms: at the step of
	 * 7 ms. */
	static const char hot[] =
		"  thermal-model { compatible = \"pmsim,thermal-rc\";\n"
		"    pmsim,shutdown-millicelsius = <30000>;\n"
		"    die { pmsim,capacitance-microjoule-per-kelvin = <1000>;\n"
		"      pmsim,resistance-millikelvin-per-watt = <10000>; }; };\n";
	struct soc soc;
	soc_up(&soc, 1000000, 0, hot);
	sched_run_until(&soc.sched, S(0.006));
	ck_assert(!soc.power_failed);
	sched_run_until(&soc.sched, S(0.1));
	ck_assert(soc.power_failed);
	ck_assert_uint_eq(soc.power_fail_time, 7 * PS_PER_MS);
	ck_assert_msg(strstr(soc.power_fail_reason, "thermal shutdown: the die reached"),
		      "%s", soc.power_fail_reason);
	soc_destroy(&soc);
}
END_TEST

/* The one-node model (RC = 10 s, P R = 10 K with 1 W: from 25 to 35 °C)
 * with a sensor on the die and a zone: passive at 30 °C, critical at
 * 34 °C, polled every second; `zone_extra` goes into the zone, `trips_extra`
 * into its trips. */
static char *zone_dts(const char *sensor_props, const char *trips_extra, const char *zone_extra,
		      bool model)
{
	static const char fmt[] =
		"%s"
		"  tsens0: thermal-sensor@4000b000 { compatible = \"pmsim,tsens\";\n"
		"    reg = <0x4000b000 0x1000>; interrupts = <9>; %s };\n"
		"  fan0: fan { #cooling-cells = <2>; };\n"
		"  not_a_fan: lamp { };\n"
		"  thermal-zones {\n"
		"    cpu-thermal { polling-delay = <1000>; polling-delay-passive = <100>;\n"
		"      thermal-sensors = <&tsens0>;\n"
		"      trips {\n"
		"        passive: cpu-passive { temperature = <30000>; hysteresis = <1000>;\n"
		"          type = \"passive\"; };\n"
		"        crit: cpu-critical { temperature = <34000>; hysteresis = <0>;\n"
		"          type = \"critical\"; };\n"
		"        %s };\n"
		"      %s }; };\n";
	size_t len = sizeof fmt + sizeof one_node + strlen(sensor_props) + strlen(trips_extra) +
		     strlen(zone_extra);
	char *s = malloc(len);
	ck_assert_ptr_nonnull(s);
	snprintf(s, len, fmt, model ? one_node : "", sensor_props, trips_extra, zone_extra);
	return s;
}

static const char sensor_ok[] = "#thermal-sensor-cells = <0>; pmsim,thermal-node = \"die\";";

START_TEST(zone_follows_its_node_and_times_its_trips)
{
	char *extra = zone_dts(sensor_ok, "",
			       "cooling-maps { map0 { trip = <&passive>;\n"
			       "  cooling-device = <&fan0 0 3>; }; };", true);
	struct soc soc;
	soc_up(&soc, 1000000, 0, extra);
	free(extra);
	/* The die crosses 30 °C at RC ln 2 = 6.931 s: the step of 6.932 s is
	 * the first at or above it, and holds from there; 34 °C at
	 * RC ln 10 = 23.026 s. */
	sched_run_until(&soc.sched, S(100.0));
	struct pm_report_thermal t;
	ck_assert_int_eq(thermal_report(soc.thermal, sched_now(&soc.sched), &t), 0);
	ck_assert(t.present);
	ck_assert_uint_eq(t.nzones, 1);
	const struct pm_report_tzone *z = &t.zones[0];
	ck_assert_str_eq(z->name, "cpu-thermal");
	ck_assert_str_eq(z->node, "die");
	ck_assert_uint_eq(z->ntrips, 2);
	ck_assert_str_eq(z->trips[0].type, "passive");
	ck_assert_uint_eq(z->trips[0].above, S(100.0) - 6932 * PS_PER_MS);
	ck_assert_uint_eq(z->trips[1].above, S(100.0) - 23026 * PS_PER_MS);
	ck_assert(z->crit_crossed);
	ck_assert_uint_eq(z->crit_time, 23026 * PS_PER_MS);
	ck_assert(t.critical);
	ck_assert_str_eq(t.critical_zone, "cpu-thermal");
	ck_assert_double_eq(z->t.final_c, thermal_celsius(soc.thermal, 0));
	ck_assert_double_eq(z->t.max_c, t.nodes[0].t.max_c);
	/* Not powered off 1 s + the 1 s poll after the crossing: one
	 * diagnostic, dated then. */
	ck_assert_uint_eq(soc.ndiags, 1);
	ck_assert_uint_eq(soc.diag_times[0], 25026 * PS_PER_MS);
	ck_assert_msg(strstr(soc.diags[0], "cpu-thermal") &&
		      strstr(soc.diags[0], "has not powered off"), "%s", soc.diags[0]);
	soc_destroy(&soc);
}
END_TEST

START_TEST(cooling_device_markers_give_the_time_throttled)
{
	char *extra = zone_dts(sensor_ok, "", "", true);
	struct soc soc;
	soc_up(&soc, 0, 0, extra);
	free(extra);
	/* As the simulator-control device puts a guest's instant on the
	 * trace stream. */
	trace_state(&soc.trace, S(1.0), "marker", "instant", 2, "cdev:cpufreq-cpu0");
	trace_state(&soc.trace, S(2.0), "marker", "instant", 1, "cdev:cpufreq-cpu0");
	trace_state(&soc.trace, S(3.0), "marker", "instant", 0, "cdev:cpufreq-cpu0");
	trace_state(&soc.trace, S(4.0), "marker", "instant", 0, "cdev:fan");
	trace_state(&soc.trace, S(5.0), "marker", "instant", 1, "cdev:cpufreq-cpu0");
	trace_state(&soc.trace, S(5.5), "marker", "instant", 7, "other");
	sched_run_until(&soc.sched, S(6.0));
	struct pm_report_thermal t;
	ck_assert_int_eq(thermal_report(soc.thermal, S(6.0), &t), 0);
	ck_assert_uint_eq(t.ncdevs, 2);
	ck_assert_str_eq(t.cdevs[0].type, "cpufreq-cpu0");
	ck_assert_uint_eq(t.cdevs[0].throttled, S(3.0));
	ck_assert_uint_eq(t.cdevs[0].state, 1);
	ck_assert_str_eq(t.cdevs[1].type, "fan");
	ck_assert_uint_eq(t.cdevs[1].throttled, 0);
	ck_assert(!t.critical);
	soc_destroy(&soc);
}
END_TEST

/* The report's text and JSON name the critical crossing and how the run
 * ended. */
START_TEST(report_names_a_critical_shutdown)
{
	char *extra = zone_dts(sensor_ok, "", "", true);
	struct soc soc;
	soc_up(&soc, 1000000, 0, extra);
	free(extra);
	sched_run_until(&soc.sched, S(24.0));
	struct pm_report r;
	ck_assert_int_eq(pm_collect(&soc, S(24.0), &r), 0);
	static const struct { int status; const char *outcome, *want; } ends[] = {
		{ 0, "guest exited with status 0", "the guest powered off at 24.000000000000 s" },
		{ 123, "power failed", "the power failed at 24.000000000000 s" },
		{ 124, "time limit reached (--until)",
		  "the run ended at 24.000000000000 s without a power-off (time limit reached "
		  "(--until))" },
	};
	for (unsigned i = 0; i < 3; i++) {
		r.exit_status = ends[i].status;
		r.outcome = ends[i].outcome;
		char *buf = NULL;
		size_t len = 0;
		FILE *f = open_memstream(&buf, &len);
		ck_assert_ptr_nonnull(f);
		pm_report_text(f, &r, PM_REPORT_NO_HOST);
		ck_assert_int_eq(pm_report_json(f, &r, PM_REPORT_NO_HOST), 0);
		fclose(f);
		char want[256];
		snprintf(want, sizeof want, "Critical shutdown: critical trip of cpu-thermal "
			 "(34.0 °C) crossed at 23.026000000000 s; %s", ends[i].want);
		ck_assert_msg(strstr(buf, want), "no '%s' in:\n%s", want, buf);
		ck_assert_msg(strstr(buf, "\"crossed_s\": 23.026000000000"), "%s", buf);
		free(buf);
	}
	pm_collect_free(&r);
	soc_destroy(&soc);
}
END_TEST

START_TEST(malformed_zones_are_refused)
{
	static const struct {
		const char *sensor, *trips, *zone;
		bool model;
		const char *want1, *want2;
	} bad[] = {
		/* Without a model the zone's sensor refuses first. */
		{ sensor_ok, "", "", false, "/thermal-sensor@4000b000",
		  "needs the SoC's thermal model" },
		{ "pmsim,thermal-node = \"die\";", "", "", true, "/thermal-zones/cpu-thermal",
		  "not a thermal sensor (it has no '#thermal-sensor-cells')" },
		{ "#thermal-sensor-cells = <0>; pmsim,thermal-node = \"lid\";", "", "", true,
		  "/thermal-sensor@4000b000", "'pmsim,thermal-node' \"lid\"" },
		{ sensor_ok, "neg: neg { temperature = <20000>; hysteresis = <(-1000)>;\n"
		  "type = \"active\"; };", "", true, "/thermal-zones/cpu-thermal/trips/neg",
		  "'hysteresis' must not be negative" },
		{ sensor_ok, "hi: hi { temperature = <40000>; hysteresis = <0>;\n"
		  "type = \"active\"; };", "", true, "/thermal-zones/cpu-thermal/trips/hi",
		  "above the critical trip cpu-critical" },
		{ sensor_ok, "hot: hot { temperature = <29000>; hysteresis = <0>;\n"
		  "type = \"hot\"; };", "", true, "/thermal-zones/cpu-thermal/trips/cpu-passive",
		  "passive trip is above that of the hot trip hot" },
		{ sensor_ok, "c2: c2 { temperature = <33000>; hysteresis = <0>;\n"
		  "type = \"critical\"; };", "", true, "/thermal-zones/cpu-thermal/trips/c2",
		  "a second critical trip" },
		{ sensor_ok, "x: x { temperature = <20000>; hysteresis = <0>; type = \"warm\"; };",
		  "", true, "/thermal-zones/cpu-thermal/trips/x", "'type' is \"warm\"" },
		{ sensor_ok, "x: x { hysteresis = <0>; type = \"active\"; };", "", true,
		  "/thermal-zones/cpu-thermal/trips/x", "missing property 'temperature'" },
		{ sensor_ok, "", "cooling-maps { m { trip = <&passive>;\n"
		  "cooling-device = <&not_a_fan 0 1>; }; };", true,
		  "/thermal-zones/cpu-thermal/cooling-maps/m", "/lamp, which is not a cooling device" },
		{ sensor_ok, "", "cooling-maps { m { trip = <&fan0>;\n"
		  "cooling-device = <&fan0 0 1>; }; };", true,
		  "/thermal-zones/cpu-thermal/cooling-maps/m", "'trip' names no trip of cpu-thermal" },
	};
	for (unsigned i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		char *extra = zone_dts(bad[i].sensor, bad[i].trips, bad[i].zone, bad[i].model);
		refused(extra, bad[i].want1, bad[i].want2);
		free(extra);
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("thermal");
	TCase *tc = tcase_create("rc");
	tcase_add_test(tc, single_node_rises_with_its_time_constant);
	tcase_add_test(tc, step_length_does_not_change_the_step_response);
	tcase_add_test(tc, three_nodes_conserve_energy);
	tcase_add_test(tc, ambient_applies_from_when_it_is_set);
	tcase_add_test(tc, no_thermal_node_no_model);
	tcase_add_test(tc, bad_configurations_are_refused);
	tcase_add_test(tc, shutdown_temperature_cuts_the_power);
	suite_add_tcase(s, tc);
	tc = tcase_create("zones");
	tcase_add_test(tc, zone_follows_its_node_and_times_its_trips);
	tcase_add_test(tc, cooling_device_markers_give_the_time_throttled);
	tcase_add_test(tc, report_names_a_critical_shutdown);
	tcase_add_test(tc, malformed_zones_are_refused);
	suite_add_tcase(s, tc);
	return check_run(s);
}
