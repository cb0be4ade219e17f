/*
 * Unit tests for the simulator-control device (devices/simctl.c) through
 * the bus, as a guest drives it, with names in a RAM region of the same
 * bus and the machine's hooks replaced by recorders (energy = 1 mW from
 * time 0, so every figure is exact); and for the suspend-cycle analysis
 * (pm/markers.c) and its report sections with synthetic markers.
 */
#include <check.h>
#include <libfdt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../firmware/include/pmsim_simctl.h"
#include "devices/simctl.h"
#include "pm/collect.h"
#include "pm/markers.h"
#include "pm/report.h"
#include "sim/machine.h"
#include "check_run.h"

#define BASE 0x4003f000u
#define RAM 0x20000000u
#define US PS_PER_US

static struct {
	struct sched s;
	struct bus b;
	struct simctl *sc;
	int exits, status;
	unsigned diags;
	char diag[200];
	struct pm_report r;
} T;

static int mem_read(void *opaque, uint32_t addr, void *buf, uint32_t len)
{
	ck_assert_ptr_eq(opaque, &T);
	return bus_peek(&T.b, addr, buf, len) == BUS_OK ? 0 : -1;
}

/* 1 mW since time 0. */
static double energy(void *opaque, simtime_t now, bool settle)
{
	(void)opaque;
	(void)settle;
	return (double)now * 1e-12 * 1e-3;
}

static void on_exit_hook(void *opaque, int status)
{
	(void)opaque;
	T.exits++;
	T.status = status;
}

static void on_diag(void *opaque, const char *msg)
{
	(void)opaque;
	T.diags++;
	snprintf(T.diag, sizeof T.diag, "%s", msg);
}

static const char *wake_source(void *opaque)
{
	(void)opaque;
	return "rtc@40006000";
}

/* The image's symbols: one function at 0x1234. */
static const char *symbolize(void *opaque, uint32_t addr)
{
	(void)opaque;
	return addr == 0x1234 ? "poll_fn" : NULL;
}

static void setup(void)
{
	memset(&T, 0, sizeof T);
	sched_init(&T.s);
	ck_assert_int_eq(bus_init(&T.b), 0);
	ck_assert_int_ge(bus_add_ram(&T.b, "ram", RAM, 0x1000, false), 0);
	struct simctl_hooks h = { .mem_read = mem_read,
				  .energy = energy,
				  .exit = on_exit_hook,
				  .diag = on_diag,
				  .wake_source = wake_source,
				  .symbolize = symbolize,
				  .opaque = &T };
	T.sc = simctl_new(&T.b, &T.s, BASE, &h);
	ck_assert_ptr_nonnull(T.sc);
}

static void teardown(void)
{
	simctl_free(T.sc);
	bus_free(&T.b);
	sched_free(&T.s);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&T.b, BASE + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&T.b, BASE + off, 4, v), BUS_OK);
}

/* Put a name in RAM at `at` (offset) and return its address. */
static uint32_t name_at(uint32_t at, const char *s)
{
	ck_assert_int_eq(bus_load(&T.b, RAM + at, s, (uint32_t)strlen(s) + 1), BUS_OK);
	return RAM + at;
}

static void at(simtime_t t)
{
	sched_set_now(&T.s, t);
}

static void report(void)
{
	memset(&T.r, 0, sizeof T.r);
	simctl_report(T.sc, &T.r);
}

/* ---- registers ----------------------------------------------------------- */

START_TEST(test_id_and_arg)
{
	ck_assert_uint_eq(rd(SIMCTL_ID), 0x4c544353u);
	ck_assert_uint_eq(rd(SIMCTL_ARG), 0);
	wr(SIMCTL_ARG, 0xfffffff0u);
	ck_assert_uint_eq(rd(SIMCTL_ARG), 0xfffffff0u);
	/* Write-only and reserved registers read as zero, ignore writes. */
	ck_assert_uint_eq(rd(SIMCTL_BEGIN), 0);
	ck_assert_uint_eq(rd(SIMCTL_EXIT), 0);
	ck_assert_uint_eq(rd(0x100), 0);
	wr(0x100, 5);
	/* Word access only. */
	uint32_t v;
	ck_assert_int_eq(bus_read(&T.b, BASE, 1, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&T.b, BASE + SIMCTL_ARG, 2, 1), BUS_ERR_DEVICE);
	simctl_reset(T.sc);
	ck_assert_uint_eq(rd(SIMCTL_ARG), 0);
	ck_assert_int_eq(T.exits, 0);
}
END_TEST

START_TEST(test_exit)
{
	int st = -1;
	ck_assert(!simctl_exited(T.sc, &st));
	wr(SIMCTL_EXIT, 3);
	ck_assert_int_eq(T.exits, 1);
	ck_assert_int_eq(T.status, 3);
	ck_assert(simctl_exited(T.sc, &st));
	ck_assert_int_eq(st, 3);
}
END_TEST

/* ---- markers ------------------------------------------------------------- */

/* BEGIN "work" at 10 us, INSTANT "tick" with ARG 7 at 15 us, END "work"
 * with ARG -5 at 40 us. */
static void three_markers(void)
{
	uint32_t a = name_at(0, "work"), b = name_at(0x40, "tick");
	at(10 * US);
	wr(SIMCTL_BEGIN, a);
	at(15 * US);
	wr(SIMCTL_ARG, 7);
	wr(SIMCTL_INSTANT, b);
	ck_assert_uint_eq(rd(SIMCTL_ARG), 0); /* consumed by the marker */
	at(40 * US);
	wr(SIMCTL_ARG, (uint32_t)-5);
	wr(SIMCTL_END, a);
}

START_TEST(test_markers_recorded_in_order)
{
	three_markers();
	report();
	ck_assert_uint_eq(T.r.nmarkers, 3);
	ck_assert_uint_eq(T.r.markers_dropped, 0);
	const struct pm_report_marker *m = T.r.markers;
	ck_assert_int_eq(m[0].kind, PM_MARK_BEGIN);
	ck_assert_str_eq(m[0].name, "work");
	ck_assert_uint_eq(m[0].time, 10 * US);
	ck_assert_uint_eq(m[0].arg, 0);
	ck_assert_double_eq_tol(m[0].energy_j, 10e-9, 1e-18);
	ck_assert_int_eq(m[1].kind, PM_MARK_INSTANT);
	ck_assert_str_eq(m[1].name, "tick");
	ck_assert_uint_eq(m[1].arg, 7);
	ck_assert_int_eq(m[2].kind, PM_MARK_END);
	ck_assert_uint_eq(m[2].arg, 0xfffffffbu);
	ck_assert_double_eq_tol(m[2].energy_j, 40e-9, 1e-18);
	/* One name, one copy: the guest's buffer may be reused. */
	ck_assert_ptr_eq(m[0].name, m[2].name);
	ck_assert_uint_eq(T.r.nintervals, 1);
	ck_assert_str_eq(T.r.intervals[0].name, "work");
	ck_assert_uint_eq(T.r.intervals[0].count, 1);
	ck_assert_uint_eq(T.r.intervals[0].total, 30 * US);
	ck_assert_uint_eq(T.diags, 0);
}
END_TEST

START_TEST(test_intervals_nest_and_stats)
{
	uint32_t a = name_at(0, "f"), b = name_at(0x20, "g");
	/* f [0, 100) containing f [10, 30) and g [20, 50): the END of f at
	 * 30 closes the inner f. */
	at(0);
	wr(SIMCTL_BEGIN, a);
	at(10 * US);
	wr(SIMCTL_BEGIN, a);
	at(20 * US);
	wr(SIMCTL_BEGIN, b);
	at(30 * US);
	wr(SIMCTL_END, a);
	at(50 * US);
	wr(SIMCTL_END, b);
	at(100 * US);
	wr(SIMCTL_END, a);
	report();
	ck_assert_uint_eq(T.r.nintervals, 2);
	const struct pm_report_interval *f = &T.r.intervals[0], *g = &T.r.intervals[1];
	ck_assert_str_eq(f->name, "f");
	ck_assert_uint_eq(f->count, 2);
	ck_assert_uint_eq(f->total, 120 * US);
	ck_assert_uint_eq(f->min, 20 * US);
	ck_assert_uint_eq(f->max, 100 * US);
	ck_assert_str_eq(g->name, "g");
	ck_assert_uint_eq(g->count, 1);
	ck_assert_uint_eq(g->total, 30 * US);
	/* STATS = 1 resets the statistics, not the marker list. */
	wr(SIMCTL_STATS, 2);
	report();
	ck_assert_uint_eq(T.r.nintervals, 2);
	wr(SIMCTL_STATS, SIMCTL_STATS_RESET);
	report();
	ck_assert_uint_eq(T.r.nintervals, 0);
	ck_assert_uint_eq(T.r.nmarkers, 6);
}
END_TEST

START_TEST(test_end_without_begin)
{
	uint32_t a = name_at(0, "never"), b = name_at(0x20, "other");
	wr(SIMCTL_BEGIN, b);
	wr(SIMCTL_END, a);
	ck_assert_uint_eq(T.diags, 1);
	ck_assert_str_eq(T.diag, "simctl: END \"never\" without a BEGIN; marker dropped");
	report();
	ck_assert_uint_eq(T.r.nmarkers, 1);
	ck_assert_uint_eq(T.r.markers_dropped, 1);
	/* The open one is still open: its END matches. */
	wr(SIMCTL_END, b);
	ck_assert_uint_eq(T.diags, 1);
	wr(SIMCTL_END, b);
	ck_assert_uint_eq(T.diags, 2);
}
END_TEST

START_TEST(test_name_lengths)
{
	char n63[64], n64[65];
	memset(n63, 'x', 63);
	n63[63] = 0;
	memset(n64, 'y', 64);
	n64[64] = 0;
	wr(SIMCTL_INSTANT, name_at(0, n63));
	ck_assert_uint_eq(T.diags, 0);
	wr(SIMCTL_INSTANT, name_at(0x100, n64));
	ck_assert_uint_eq(T.diags, 1);
	ck_assert_ptr_nonnull(strstr(T.diag, "at 0x20000100"));
	ck_assert_ptr_nonnull(strstr(T.diag, "is longer than 63 characters; marker dropped"));
	wr(SIMCTL_INSTANT, name_at(0x200, ""));
	ck_assert_uint_eq(T.diags, 2);
	ck_assert_str_eq(T.diag, "simctl: INSTANT marker name at 0x20000200 is empty; marker "
			 "dropped");
	report();
	ck_assert_uint_eq(T.r.nmarkers, 1);
	ck_assert_str_eq(T.r.markers[0].name, n63);
	ck_assert_uint_eq(T.r.markers_dropped, 2);
}
END_TEST

START_TEST(test_bad_addresses)
{
	/* Unmapped; a device's registers; a name running off the end of RAM. */
	wr(SIMCTL_BEGIN, 0x10000000u);
	ck_assert_str_eq(T.diag, "simctl: BEGIN marker name at 0x10000000: byte 0x10000000 is "
			 "not in memory; marker dropped");
	wr(SIMCTL_INSTANT, BASE);
	ck_assert_uint_eq(T.diags, 2);
	ck_assert_int_eq(bus_load(&T.b, RAM + 0xffc, "abcd", 4), BUS_OK);
	wr(SIMCTL_END, RAM + 0xffc);
	ck_assert_str_eq(T.diag, "simctl: END marker name at 0x20000ffc: byte 0x20001000 is "
			 "not in memory; marker dropped");
	wr(SIMCTL_INSTANT, 0xfffffffeu); /* wraps past 4 GiB */
	ck_assert_uint_eq(T.diags, 4);
	report();
	ck_assert_uint_eq(T.r.nmarkers, 0);
	ck_assert_uint_eq(T.r.markers_dropped, 4);
}
END_TEST

START_TEST(test_diagnostics_bounded)
{
	for (int i = 0; i < 150; i++)
		wr(SIMCTL_INSTANT, 0);
	ck_assert_uint_eq(T.diags, 101);
	ck_assert_str_eq(T.diag, "simctl: more than 100 refused markers; the rest are not listed");
	ck_assert_uint_eq(simctl_diags(T.sc), 150);
}
END_TEST

START_TEST(test_limit)
{
	uint32_t a = name_at(0, "s");
	simctl_set_limit(T.sc, 2);
	for (int i = 0; i < 3; i++) {
		at((simtime_t)(10 * i) * US);
		wr(SIMCTL_BEGIN, a);
		at((simtime_t)(10 * i + 5) * US);
		wr(SIMCTL_END, a);
	}
	report();
	ck_assert_uint_eq(T.r.nmarkers, 2);
	ck_assert_uint_eq(T.r.markers_dropped, 4);
	/* Statistics count every interval. */
	ck_assert_uint_eq(T.r.intervals[0].count, 3);
	ck_assert_uint_eq(T.diags, 0);
}
END_TEST

/* Markers as a trace sink sees them. */
struct seen_marker {
	simtime_t t;
	const char *var, *label;
	int64_t value;
};

static struct {
	struct seen_marker m[8];
	unsigned n;
} M;

static void marker_sink(void *opaque, simtime_t t, const char *component, const char *var,
			int64_t value, const char *label)
{
	if (!strcmp(component, "marker") && M.n < 8)
		M.m[M.n++] = (struct seen_marker){ t, var, label, value };
}

/* Every marker recorded is on the trace stream, with ARG and the interned
 * name; refused ones are not; those past the list's limit are. */
START_TEST(test_markers_on_the_trace)
{
	struct trace tr = { .nsinks = 0 };
	ck_assert_int_eq(trace_add_sink(&tr, (struct trace_sink){ marker_sink, NULL }), 0);
	memset(&M, 0, sizeof M);
	simctl_set_trace(T.sc, &tr);
	three_markers();
	uint32_t b = name_at(0x40, "tick");
	wr(SIMCTL_END, b);      /* no BEGIN: refused */
	wr(SIMCTL_INSTANT, 0);  /* not in memory: refused */
	ck_assert_uint_eq(T.diags, 2);
	ck_assert_uint_eq(M.n, 3);
	static const char *const var[3] = { "begin", "instant", "end" };
	static const int64_t value[3] = { 0, 7, 0xfffffffb };
	static const simtime_t t[3] = { 10 * US, 15 * US, 40 * US };
	report();
	for (unsigned i = 0; i < 3; i++) {
		ck_assert_str_eq(M.m[i].var, var[i]);
		ck_assert_int_eq(M.m[i].value, value[i]);
		ck_assert_uint_eq(M.m[i].t, t[i]);
		/* The report's own copy: it lives as long as the device. */
		ck_assert_ptr_eq(M.m[i].label, T.r.markers[i].name);
	}
	simctl_set_limit(T.sc, 3);
	wr(SIMCTL_INSTANT, b);
	ck_assert_uint_eq(M.n, 4);
	ck_assert_str_eq(M.m[3].label, "tick");
	simctl_set_trace(T.sc, NULL);
	wr(SIMCTL_INSTANT, b);
	ck_assert_uint_eq(M.n, 4);
}
END_TEST

/* ---- the PMU from the trace --------------------------------------------- */

static void trace(simtime_t t, const char *comp, const char *var, int64_t v)
{
	simctl_trace(T.sc, t, comp, var, v, NULL);
}

START_TEST(test_timer_wakeups)
{
	uint32_t f = name_at(0, "timer:tick_fn"), g = name_at(0x40, "timer:other_fn");
	/* Not after a wake-up: not a cause. */
	wr(SIMCTL_INSTANT, f);
	trace(10 * US, "cpu0", "cstate", 1);
	trace(20 * US, "cpu0", "cstate", 0);
	at(21 * US);
	wr(SIMCTL_INSTANT, f);
	wr(SIMCTL_INSTANT, g); /* the second after the same wake-up */
	trace(30 * US, "cpu0", "cstate", 2);
	trace(40 * US, "cpu0", "cstate", 0);
	at(41 * US);
	wr(SIMCTL_INSTANT, g);
	trace(50 * US, "cpu0", "cstate", 1);
	trace(60 * US, "cpu0", "cstate", 0);
	trace(70 * US, "cpu0", "cstate", 1); /* idle again before any timer */
	at(75 * US);
	wr(SIMCTL_INSTANT, f);
	trace(80 * US, "cpu0", "cstate", 0);
	at(81 * US);
	wr(SIMCTL_INSTANT, f);
	report();
	ck_assert_uint_eq(T.r.ntimer_wakeups, 2);
	ck_assert_str_eq(T.r.timer_wakeups[0].name, "other_fn");
	ck_assert_uint_eq(T.r.timer_wakeups[0].count, 1);
	ck_assert_str_eq(T.r.timer_wakeups[1].name, "tick_fn");
	ck_assert_uint_eq(T.r.timer_wakeups[1].count, 2);
}
END_TEST

/* "timer:" with the callback's address: named from the symbols (the
 * Thumb bit ignored), or by its address. */
START_TEST(test_timer_by_address)
{
	uint32_t t = name_at(0, "timer:");
	trace(10 * US, "cpu0", "cstate", 1);
	trace(20 * US, "cpu0", "cstate", 0);
	at(21 * US);
	wr(SIMCTL_ARG, 0x1235);
	wr(SIMCTL_INSTANT, t);
	trace(30 * US, "cpu0", "cstate", 1);
	trace(40 * US, "cpu0", "cstate", 0);
	at(41 * US);
	wr(SIMCTL_ARG, 0x2001);
	wr(SIMCTL_INSTANT, t);
	report();
	ck_assert_uint_eq(T.r.ntimer_wakeups, 2);
	ck_assert_str_eq(T.r.timer_wakeups[0].name, "0x00002000");
	ck_assert_str_eq(T.r.timer_wakeups[1].name, "poll_fn");
}
END_TEST

START_TEST(test_suspend_events_and_idle_baseline)
{
	uint32_t s = name_at(0, "suspend:mem");
	trace(10 * US, "cpu0", "cstate", 1);
	trace(30 * US, "cpu0", "cstate", 0);  /* 20 µs idle, 20 nJ */
	at(40 * US);
	wr(SIMCTL_BEGIN, s);
	trace(50 * US, "cpu0", "cstate", 3);
	trace(50 * US, "soc", "suspend", 1);
	trace(150 * US, "soc", "suspend", 0);
	trace(150 * US, "cpu0", "cstate", 0); /* suspend is not idle */
	at(170 * US);
	wr(SIMCTL_END, s);
	at(200 * US);
	wr(SIMCTL_BEGIN, s); /* the baseline starts again after an END */
	report();
	ck_assert_uint_eq(T.r.npm_events, 2);
	ck_assert(!T.r.pm_events[0].resume);
	ck_assert_uint_eq(T.r.pm_events[0].time, 50 * US);
	ck_assert_double_eq_tol(T.r.pm_events[0].energy_j, 50e-9, 1e-18);
	ck_assert(T.r.pm_events[1].resume);
	ck_assert_str_eq(T.r.pm_events[1].source, "rtc@40006000");
	ck_assert_ptr_null(T.r.pm_events[0].source);
	ck_assert_uint_eq(T.r.markers[0].idle_before, 20 * US);
	ck_assert_double_eq_tol(T.r.markers[0].idle_before_j, 20e-9, 1e-18);
	ck_assert_uint_eq(T.r.markers[2].idle_before, 0);
}
END_TEST

/* The device's own sink ignores what it does not know: interrupts, DMA
 * events, the DRAM, the battery, markers. */
START_TEST(test_trace_sink_ignores_other_events)
{
	uint32_t f = name_at(0, "timer:tick_fn");
	trace(10 * US, "cpu0", "cstate", 1);
	trace(20 * US, "nvic", "irq", 3);
	trace(20 * US, "dram", "state", 1);
	trace(20 * US, "dma@40030000", "done", 0);
	trace(20 * US, "battery", "microvolt", 3000000);
	trace(20 * US, "marker", "instant", 0);
	trace(20 * US, "cpu0", "hz", 0);
	trace(25 * US, "cpu0", "cstate", 0);
	at(26 * US);
	wr(SIMCTL_INSTANT, f);
	report();
	ck_assert_uint_eq(T.r.npm_events, 0);
	ck_assert_uint_eq(T.r.ntimer_wakeups, 1);
	ck_assert_uint_eq(T.r.timer_wakeups[0].count, 1);
	ck_assert_uint_eq(T.r.nmarkers, 1);
}
END_TEST

/* ---- the analysis and the report ----------------------------------------- */

#define MK(t_us, k, n, a, e) \
	{ (simtime_t)(t_us) * US, n, (uint32_t)(a), k, e, 0, 0.0 }

/* A suspend:mem cycle from 1000 µs to 1900 µs: phases, three device
 * callbacks in `suspend` and one failing in `resume`, the PMU suspended
 * from 1300 to 1700 µs. Energies: 10 µJ at BEGIN, 40 at suspend entry
 * (30 µJ to suspend), 44 at the wake-up (4 µJ in 400 µs suspended: 10 mW),
 * 64 at END (20 µJ to resume). Baseline: 1 ms idle for 0.1 mJ (100 mW). */
static struct pm_report_marker cyc[] = {
	MK(1000, PM_MARK_BEGIN, "suspend:mem", 0, 10e-6),
	MK(1010, PM_MARK_BEGIN, "phase:suspend", 0, 11e-6),
	MK(1020, PM_MARK_BEGIN, "dev:suspend:uart0", 0, 12e-6),
	MK(1050, PM_MARK_END, "dev:suspend:uart0", 0, 13e-6),
	MK(1050, PM_MARK_BEGIN, "dev:suspend:adc0", 0, 13e-6),
	MK(1150, PM_MARK_END, "dev:suspend:adc0", 0, 20e-6),
	MK(1150, PM_MARK_BEGIN, "dev:suspend:rtc", 0, 20e-6),
	MK(1160, PM_MARK_END, "dev:suspend:rtc", 0, 21e-6),
	MK(1200, PM_MARK_END, "phase:suspend", 0, 30e-6),
	MK(1200, PM_MARK_BEGIN, "phase:suspend_machine", 0, 30e-6),
	MK(1290, PM_MARK_END, "phase:suspend_machine", 0, 39e-6),
	MK(1710, PM_MARK_BEGIN, "phase:resume", 0, 45e-6),
	MK(1720, PM_MARK_BEGIN, "dev:resume:adc0", 0, 46e-6),
	MK(1740, PM_MARK_END, "dev:resume:adc0", -16, 48e-6),
	MK(1800, PM_MARK_END, "phase:resume", 0, 55e-6),
	MK(1900, PM_MARK_END, "suspend:mem", 0, 64e-6),
	MK(2000, PM_MARK_BEGIN, "suspend:test-core", 0, 70e-6),
	MK(2010, PM_MARK_BEGIN, "phase:suspend_noirq", 0, 71e-6),
	MK(2030, PM_MARK_END, "phase:suspend_noirq", 0, 72e-6),
	MK(2040, PM_MARK_BEGIN, "phase:resume_noirq", 0, 73e-6),
	MK(2045, PM_MARK_END, "phase:resume_noirq", 0, 74e-6),
	MK(2050, PM_MARK_END, "suspend:test-core", 0, 75e-6),
};

/* The core's idle entry and exit around system suspend (the device
 * records them inside suspend_machine): the suspend's own events win. */
static struct pm_report_pm_event evs[] = {
	{ 1300 * US, false, 40e-6, NULL, "ret" },
	{ 1300 * US, false, 40e-6, NULL, NULL },
	{ 1700 * US, true, 44e-6, "rtc@40006000", NULL },
	{ 1700 * US, true, 44e-6, "rtc@40006000", "ret" },
};

static void cycles_fixture(struct pm_report *r)
{
	memset(r, 0, sizeof *r);
	cyc[0].idle_before = 1000 * US;
	cyc[0].idle_before_j = 100e-6;
	r->sim_time = 4000 * US;
	r->markers = cyc;
	r->nmarkers = sizeof cyc / sizeof cyc[0];
	r->pm_events = evs;
	r->npm_events = sizeof evs / sizeof evs[0];
	ck_assert_int_eq(pm_markers_analyse(r), 0);
}

START_TEST(test_cycle_analysis)
{
	struct pm_report r;
	cycles_fixture(&r);
	ck_assert_uint_eq(r.ncycles, 2);
	const struct pm_report_suspend_cycle *c = &r.cycles[0];
	ck_assert_str_eq(c->state, "mem");
	ck_assert(!c->test);
	ck_assert(c->suspended);
	ck_assert_ptr_null(c->sleep_state);
	ck_assert(c->ended);
	ck_assert_int_eq(c->result, 0);
	ck_assert_uint_eq(c->suspend_latency, 300 * US);
	ck_assert_uint_eq(c->resume_latency, 200 * US);
	ck_assert_uint_eq(c->suspended_time, 400 * US);
	ck_assert_str_eq(c->wake_source, "rtc@40006000");
	ck_assert_double_eq_tol(c->suspend_j, 30e-6, 1e-15);
	ck_assert_double_eq_tol(c->resume_j, 20e-6, 1e-15);
	ck_assert_double_eq_tol(c->suspended_j, 4e-6, 1e-15);
	ck_assert_double_eq_tol(c->idle_w, 0.1, 1e-12);
	/* 100 mW × 400 µs − 4 µJ */
	ck_assert_double_eq_tol(c->saved_j, 36e-6, 1e-15);
	/* 50 µJ − 100 mW × 500 µs */
	ck_assert_double_eq_tol(c->overhead_j, 0.0, 1e-15);
	ck_assert(c->has_break_even);
	ck_assert_double_eq_tol(c->break_even_s, 0.0, 1e-12);
	ck_assert_uint_eq(c->nphases, 3);
	ck_assert_str_eq(c->phases[1].name, "suspend_machine");
	ck_assert_uint_eq(c->phases[1].duration, 90 * US);
	ck_assert_uint_eq(c->ndevcbs, 4);
	ck_assert_str_eq(c->devcbs[0].device, "adc0");
	ck_assert_str_eq(c->devcbs[0].phase, "suspend");
	ck_assert_uint_eq(c->devcbs[0].duration, 100 * US);
	ck_assert_str_eq(c->devcbs[1].device, "uart0");
	ck_assert_str_eq(c->devcbs[2].device, "rtc");
	ck_assert_str_eq(c->devcbs[3].phase, "resume");
	ck_assert_int_eq(c->devcbs[3].result, -16);

	c = &r.cycles[1];
	ck_assert_str_eq(c->state, "test-core");
	ck_assert(c->test);
	ck_assert(!c->suspended);
	/* Without the PMU: to the end of the last suspend phase, from the
	 * start of the first resume phase. */
	ck_assert_uint_eq(c->suspend_latency, 30 * US);
	ck_assert_uint_eq(c->resume_latency, 10 * US);
	ck_assert_double_eq_tol(c->suspend_j, 2e-6, 1e-15);
	ck_assert_double_eq_tol(c->resume_j, 2e-6, 1e-15);
	ck_assert(!c->has_idle_w);
	pm_markers_free(&r);
}
END_TEST

/* freeze: no system suspend; the core slept in its retention state
 * inside suspend_machine, woke once for nothing (a non-wake-up interrupt)
 * and slept again until the RTC. The sleep is the first entry to the
 * last wake-up. */
static struct pm_report_marker fcyc[] = {
	MK(3000, PM_MARK_BEGIN, "suspend:freeze", 0, 100e-6),
	MK(3050, PM_MARK_BEGIN, "phase:suspend_machine", 0, 105e-6),
	MK(3450, PM_MARK_END, "phase:suspend_machine", 0, 111e-6),
	MK(3600, PM_MARK_END, "suspend:freeze", 0, 120e-6),
};

static struct pm_report_pm_event fevs[] = {
	{ 3100 * US, false, 106e-6, NULL, "ret" },
	{ 3200 * US, true, 107e-6, "uart0", "ret" },
	{ 3210 * US, false, 107.5e-6, NULL, "ret" },
	{ 3400 * US, true, 110e-6, "rtc@40006000", "ret" },
};

START_TEST(test_cycle_idle_sleep)
{
	struct pm_report r;
	memset(&r, 0, sizeof r);
	r.sim_time = 4000 * US;
	r.markers = fcyc;
	r.nmarkers = sizeof fcyc / sizeof fcyc[0];
	r.pm_events = fevs;
	r.npm_events = sizeof fevs / sizeof fevs[0];
	ck_assert_int_eq(pm_markers_analyse(&r), 0);
	ck_assert_uint_eq(r.ncycles, 1);
	const struct pm_report_suspend_cycle *c = &r.cycles[0];
	ck_assert(c->suspended);
	ck_assert_str_eq(c->sleep_state, "ret");
	ck_assert_uint_eq(c->suspend_latency, 100 * US);
	ck_assert_uint_eq(c->suspended_time, 300 * US);
	ck_assert_uint_eq(c->resume_latency, 200 * US);
	ck_assert_str_eq(c->wake_source, "rtc@40006000");
	ck_assert_double_eq_tol(c->suspend_j, 6e-6, 1e-15);
	ck_assert_double_eq_tol(c->suspended_j, 4e-6, 1e-15);
	ck_assert_double_eq_tol(c->resume_j, 10e-6, 1e-15);
	pm_markers_free(&r);
}
END_TEST

START_TEST(test_break_even)
{
	struct pm_report r;
	/* Twice the transition energy: 50 µJ more than idling for 500 µs. */
	cyc[15].energy_j = 114e-6;
	cycles_fixture(&r);
	cyc[15].energy_j = 64e-6;
	const struct pm_report_suspend_cycle *c = &r.cycles[0];
	ck_assert_double_eq_tol(c->overhead_j, 50e-6, 1e-15);
	/* 50 µJ / (100 mW − 10 mW) */
	ck_assert_double_eq_tol(c->break_even_s, 50e-6 / 90e-3, 1e-12);
	pm_markers_free(&r);
}
END_TEST

static char *render_text(const struct pm_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	pm_report_text(f, r, PM_REPORT_NO_HOST);
	fclose(f);
	return buf;
}

static char *render_json(const struct pm_report *r)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pm_report_json(f, r, PM_REPORT_NO_HOST), 0);
	fclose(f);
	return buf;
}

static void has(const char *text, const char *want)
{
	if (!strstr(text, want))
		ck_abort_msg("missing \"%s\" in:\n%s", want, text);
}

START_TEST(test_report_sections)
{
	struct pm_report r;
	struct pm_report_interval iv[] = { { "phase:suspend", 2, 300 * US, 100 * US, 200 * US } };
	struct pm_report_count wk[] = { { "timer@40005000", 8 }, { "rtc@40006000", 2 } };
	struct pm_report_count tw[] = { { "tick_fn", 6 } };
	cycles_fixture(&r);
	r.intervals = iv;
	r.nintervals = 1;
	r.wakeups = wk;
	r.nwakeups = 2;
	r.timer_wakeups = tw;
	r.ntimer_wakeups = 1;
	r.markers_dropped = 3;
	char *t = render_text(&r);
	has(t, "\nTop causes of wake-ups\n"
	       "  kind  cause                   count    per second\n"
	       "  irq   timer@40005000              8       2000.00\n"
	       "  timer tick_fn                     6       1500.00\n"
	       "  irq   rtc@40006000                2        500.00\n");
	has(t, "\nSuspend/resume (2 cycles)\n"
	       "  #1 mem at 0.001000000000 s: returned 0\n"
	       "    suspend latency 300.000 \u00b5s   resume latency 200.000 \u00b5s\n"
	       "    suspended 400.000 \u00b5s, drawing 4.000 \u00b5J, woken by rtc@40006000\n"
	       "    energy: suspend 30.000 \u00b5J   resume 20.000 \u00b5J\n"
	       "    idle power before 100.000 mW: saved 36.000 \u00b5J, transitions cost ");
	has(t, "    slowest in suspend:\n"
	       "      adc0                            100.000 \u00b5s\n"
	       "      uart0                            30.000 \u00b5s\n"
	       "      rtc                              10.000 \u00b5s\n"
	       "    slowest in resume:\n"
	       "      adc0                             20.000 \u00b5s returned -16\n");
	has(t, "  #2 test-core at 0.002000000000 s: returned 0; pm_test: no real suspend "
	       "happened\n");
	has(t, "\nMarkers: 22 recorded, 3 dropped\n"
	       "  interval            count         total           min           max"
	       "          mean\n"
	       "  phase:suspend           2    300.000 \u00b5s    100.000 \u00b5s    200.000 \u00b5s"
	       "    150.000 \u00b5s\n");
	free(t);

	char *j = render_json(&r);
	has(j, "\"schema\": \"pmsim-report/2\"");
	has(j, "  \"wakeup_causes\": [\n"
	       "    {\"kind\": \"irq\", \"name\": \"timer@40005000\", \"count\": 8, "
	       "\"per_s\": 2.000000000e+03},\n");
	has(j, "      {\n"
	       "        \"state\": \"mem\",\n"
	       "        \"test\": false,\n"
	       "        \"suspended\": true,\n"
	       "        \"sleep\": \"suspend\",\n"
	       "        \"result\": 0,\n"
	       "        \"begin_s\": 0.001000000000,\n"
	       "        \"end_s\": 0.001900000000,\n"
	       "        \"suspend_latency_s\": 0.000300000000,\n"
	       "        \"resume_latency_s\": 0.000200000000,\n"
	       "        \"suspended_s\": 0.000400000000,\n"
	       "        \"wake_source\": \"rtc@40006000\",\n");
	has(j, "        \"saved_j\": 3.600000000e-05,\n");
	has(j, "{\"phase\": \"resume\", \"device\": \"adc0\", \"start_s\": 0.001720000000, "
	       "\"duration_s\": 0.000020000000, \"result\": -16}");
	has(j, "\"idle_w\": null,");
	has(j, "  \"markers\": {\n"
	       "    \"recorded\": 22,\n"
	       "    \"dropped\": 3,\n"
	       "    \"events\": [\n"
	       "      {\"time_s\": 0.001000000000, \"kind\": \"begin\", \"name\": \"suspend:mem\", "
	       "\"arg\": 0, \"energy_j\": 1.000000000e-05},\n");
	has(j, "{\"name\": \"phase:suspend\", \"count\": 2, \"total_s\": 0.000300000000, "
	       "\"min_s\": 0.000100000000, \"max_s\": 0.000200000000, \"mean_s\": 0.000150000000}");
	free(j);
	pm_markers_free(&r);
}
END_TEST

START_TEST(test_report_without_markers)
{
	struct pm_report r;
	memset(&r, 0, sizeof r);
	r.sim_time = PS_PER_S;
	char *t = render_text(&r);
	ck_assert_ptr_null(strstr(t, "Markers"));
	ck_assert_ptr_null(strstr(t, "Suspend/resume"));
	ck_assert_ptr_null(strstr(t, "Top causes"));
	free(t);
	char *j = render_json(&r);
	has(j, "  \"wakeup_causes\": [],\n");
	has(j, "    \"cycles\": []\n");
	has(j, "  \"markers\": {\n    \"recorded\": 0,\n    \"dropped\": 0,\n    \"events\": [],\n"
	       "    \"intervals\": []\n  },\n");
	free(j);
}
END_TEST

/* ---- device tree --------------------------------------------------------- */

START_TEST(test_dt_type)
{
	ck_assert_ptr_eq(dev_type_find("pmsim,simctl"), &simctl_dev_type);
}
END_TEST

/* The default SoC (no core): the node is there, a marker through the bus
 * reads its name from SRAM and stamps the battery energy so far, EXIT
 * asks the run to end, the report collects the markers. */
START_TEST(test_default_soc)
{
	struct soc soc;
	struct err e = { "" };
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_eq(soc_create(&soc, pmsim_default_dtb, pmsim_default_dtb_len, &so, &e), 0);
	const struct bus_region *r = bus_find(&soc.bus, BASE);
	ck_assert_ptr_nonnull(r);
	ck_assert_str_eq(r->name, "simctl");
	uint32_t v = 0;
	ck_assert_int_eq(bus_read(&soc.bus, BASE + SIMCTL_ID, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, SIMCTL_ID_VALUE);
	ck_assert_int_eq(bus_load(&soc.bus, RAM, "boot", 5), BUS_OK);
	sched_run_until(&soc.sched, 2 * PS_PER_MS);
	memset(&M, 0, sizeof M);
	ck_assert_int_eq(trace_add_sink(&soc.trace, (struct trace_sink){ marker_sink, NULL }), 0);
	ck_assert_int_eq(bus_write(&soc.bus, BASE + SIMCTL_INSTANT, 4, RAM), BUS_OK);
	/* On the SoC's trace stream too. */
	ck_assert_uint_eq(M.n, 1);
	ck_assert_str_eq(M.m[0].var, "instant");
	ck_assert_str_eq(M.m[0].label, "boot");
	ck_assert_uint_eq(M.m[0].t, 2 * PS_PER_MS);
	ck_assert_int_eq(bus_write(&soc.bus, BASE + SIMCTL_EXIT, 4, 7), BUS_OK);
	ck_assert(soc.exit_requested);
	ck_assert_int_eq(soc.exit_status, 7);
	double j = pm_energy_now(&soc, 2 * PS_PER_MS, true);
	ck_assert(j > 0);
	struct pm_report rep;
	ck_assert_int_eq(pm_collect(&soc, 2 * PS_PER_MS, &rep), 0);
	ck_assert_uint_eq(rep.nmarkers, 1);
	ck_assert_str_eq(rep.markers[0].name, "boot");
	ck_assert_uint_eq(rep.markers[0].time, 2 * PS_PER_MS);
	ck_assert_double_eq_tol(rep.markers[0].energy_j, j, 1e-18);
	ck_assert_double_eq_tol(rep.markers[0].energy_j, rep.total_j, 1e-18);
	ck_assert_uint_eq(rep.ndiagnostics, 0);
	/* A bad name is a diagnostic of the run. */
	ck_assert_int_eq(bus_write(&soc.bus, BASE + SIMCTL_END, 4, RAM), BUS_OK);
	ck_assert_uint_eq(soc.ndiags, 1);
	ck_assert_str_eq(soc.diags[0], "at 0.002000 s: simctl: END \"boot\" without a BEGIN; "
			 "marker dropped");
	pm_collect_free(&rep);
	soc_destroy(&soc);
}
END_TEST

/* A node whose window is smaller than the register block: one message
 * naming the node. */
START_TEST(test_dt_small_reg)
{
	static char fdt[4096];
	ck_assert_int_eq(fdt_create(fdt, sizeof fdt), 0);
	ck_assert_int_eq(fdt_finish_reservemap(fdt), 0);
	fdt_begin_node(fdt, "");
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 1);
	fdt_begin_node(fdt, "cpus");
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 0);
	fdt_begin_node(fdt, "cpu@0");
	fdt_property_string(fdt, "device_type", "cpu");
	fdt_property_string(fdt, "compatible", "arm,cortex-m4");
	fdt_property_u32(fdt, "clock-frequency", 1000000);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "memory@20000000");
	fdt_property_string(fdt, "device_type", "memory");
	fdt32_t mreg[2] = { cpu_to_fdt32(RAM), cpu_to_fdt32(0x10000) };
	fdt_property(fdt, "reg", mreg, sizeof mreg);
	fdt_end_node(fdt);
	fdt_begin_node(fdt, "simctl@4003f000");
	fdt_property_string(fdt, "compatible", "pmsim,simctl");
	fdt32_t reg[2] = { cpu_to_fdt32(BASE), cpu_to_fdt32(0x100) };
	fdt_property(fdt, "reg", reg, sizeof reg);
	fdt_end_node(fdt);
	fdt_end_node(fdt);
	ck_assert_int_eq(fdt_finish(fdt), 0);
	struct soc soc;
	struct err e = { "" };
	struct soc_options so = { .no_cpu = true };
	ck_assert_int_ne(soc_create(&soc, fdt, sizeof fdt, &so, &e), 0);
	ck_assert_str_eq(e.msg, "/simctl@4003f000: reg size 0x100 is smaller than the "
			 "simulator-control device's 4 KiB register block");
}
END_TEST

static Suite *simctl_suite(void)
{
	Suite *s = suite_create("simctl");
	TCase *regs = tcase_create("registers");
	tcase_add_checked_fixture(regs, setup, teardown);
	tcase_add_test(regs, test_id_and_arg);
	tcase_add_test(regs, test_exit);
	suite_add_tcase(s, regs);
	TCase *mk = tcase_create("markers");
	tcase_add_checked_fixture(mk, setup, teardown);
	tcase_add_test(mk, test_markers_recorded_in_order);
	tcase_add_test(mk, test_intervals_nest_and_stats);
	tcase_add_test(mk, test_end_without_begin);
	tcase_add_test(mk, test_name_lengths);
	tcase_add_test(mk, test_bad_addresses);
	tcase_add_test(mk, test_diagnostics_bounded);
	tcase_add_test(mk, test_limit);
	tcase_add_test(mk, test_markers_on_the_trace);
	tcase_add_test(mk, test_timer_wakeups);
	tcase_add_test(mk, test_timer_by_address);
	tcase_add_test(mk, test_suspend_events_and_idle_baseline);
	tcase_add_test(mk, test_trace_sink_ignores_other_events);
	suite_add_tcase(s, mk);
	TCase *an = tcase_create("analysis");
	tcase_add_test(an, test_cycle_analysis);
	tcase_add_test(an, test_cycle_idle_sleep);
	tcase_add_test(an, test_break_even);
	tcase_add_test(an, test_report_sections);
	tcase_add_test(an, test_report_without_markers);
	tcase_add_test(an, test_dt_type);
	tcase_add_test(an, test_default_soc);
	tcase_add_test(an, test_dt_small_reg);
	suite_add_tcase(s, an);
	return s;
}

int main(void)
{
	return check_run(simctl_suite());
}
