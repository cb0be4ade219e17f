/*
 * Unit tests for the clock tree (pm/clock.c): built from device trees
 * compiled with dtc, driven through its setters with a real scheduler, and
 * observed through clk_rate, subscriptions, the trace stream and the
 * energy meters.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pm/clock.h"
#include "pm/meter.h"
#include "check_run.h"

#define MHZ 1000000ull
#define LOCK_PS (100 * PS_PER_US)

/* A 24 MHz and a 32 kHz oscillator, a PLL (24..400 MHz, 100 us lock) at
 * 200 MHz out of reset, the CPU mux on it, AHB (/1) and APB (/2)
 * dividers, gates, a second PLL behind a reference mux, and a consumer. */
static const char *const soc_dts =
	"/dts-v1/;\n"
	"/ {\n"
	"	#address-cells = <1>;\n"
	"	#size-cells = <1>;\n"
	"	osc24m: osc24m {\n"
	"		compatible = \"fixed-clock\";\n"
	"		#clock-cells = <0>;\n"
	"		clock-frequency = <24000000>;\n"
	"		pmsim,microwatt = <150>;\n"
	"		pmsim,startup-us = <500>;\n"
	"	};\n"
	"	osc32k: oscillator-32k {\n"
	"		compatible = \"fixed-clock\";\n"
	"		#clock-cells = <0>;\n"
	"		clock-frequency = <32768>;\n"
	"		clock-output-names = \"lfosc\";\n"
	"		pmsim,always-on;\n"
	"	};\n"
	"	cmu: clock-controller@40020000 {\n"
	"		compatible = \"pmsim,cmu\";\n"
	"		reg = <0x40020000 0x1000>;\n"
	"		#clock-cells = <1>;\n"
	"		#address-cells = <1>;\n"
	"		#size-cells = <0>;\n"
	"		pll0@0 {\n"
	"			compatible = \"pmsim,cmu-pll\";\n"
	"			reg = <0>;\n"
	"			clocks = <&osc24m>;\n"
	"			pmsim,lock-us = <100>;\n"
	"			pmsim,microwatt = <2000>;\n"
	"			pmsim,lock-microwatt = <3000>;\n"
	"			pmsim,min-hz = <24000000>;\n"
	"			pmsim,max-hz = <400000000>;\n"
	"			pmsim,reset-mult = <25>;\n"
	"			pmsim,reset-div = <3>;\n"
	"			pmsim,reset-enabled;\n"
	"		};\n"
	"		pll1@1 {\n"
	"			compatible = \"pmsim,cmu-pll\";\n"
	"			reg = <1>;\n"
	"			clocks = <&cmu 17>;\n"
	"			pmsim,lock-us = <50>;\n"
	"			pmsim,microwatt = <1000>;\n"
	"			pmsim,min-hz = <1000000>;\n"
	"			pmsim,max-hz = <100000000>;\n"
	"			pmsim,reset-mult = <2>;\n"
	"		};\n"
	"		cpu@10 {\n"
	"			compatible = \"pmsim,cmu-mux\";\n"
	"			reg = <16>;\n"
	"			clocks = <&osc24m>, <&cmu 0>;\n"
	"			clock-output-names = \"cpu_clk\";\n"
	"			pmsim,reset-select = <1>;\n"
	"		};\n"
	"		pll1-ref@11 {\n"
	"			compatible = \"pmsim,cmu-mux\";\n"
	"			reg = <17>;\n"
	"			clocks = <&osc24m>, <&osc32k>;\n"
	"		};\n"
	"		ahb@20 {\n"
	"			compatible = \"pmsim,cmu-divider\";\n"
	"			reg = <32>;\n"
	"			clocks = <&cmu 16>;\n"
	"		};\n"
	"		apb@21 {\n"
	"			compatible = \"pmsim,cmu-divider\";\n"
	"			reg = <33>;\n"
	"			clocks = <&cmu 32>;\n"
	"			pmsim,max-div = <16>;\n"
	"			pmsim,reset-div = <2>;\n"
	"		};\n"
	"		uart@40 {\n"
	"			compatible = \"pmsim,cmu-gate\";\n"
	"			reg = <64>;\n"
	"			clocks = <&cmu 33>;\n"
	"			pmsim,reset-enabled;\n"
	"		};\n"
	"		timer@41 {\n"
	"			compatible = \"pmsim,cmu-gate\";\n"
	"			reg = <65>;\n"
	"			clocks = <&cmu 33>;\n"
	"		};\n"
	"		rtc@43 {\n"
	"			compatible = \"pmsim,cmu-gate\";\n"
	"			reg = <67>;\n"
	"			clocks = <&osc32k>;\n"
	"			pmsim,reset-enabled;\n"
	"		};\n"
	"	};\n"
	"	uart@40004000 {\n"
	"		clocks = <&cmu 64>, <&cmu 33>;\n"
	"		clock-names = \"uartclk\", \"apb_pclk\";\n"
	"	};\n"
	"	rtc@40006000 {\n"
	"		clocks = <&osc32k>;\n"
	"	};\n"
	"	bad@0 {\n"
	"		clocks = <&cmu 99>, <&cmu>;\n"
	"	};\n"
	"};\n";

/* Compile `dts` with dtc; the blob is malloc'd. NULL if dtc refused it. */
static void *dtb_compile(const char *dts)
{
	char src[] = "/tmp/test_clock_XXXXXX";
	int fd = mkstemp(src);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, dts, strlen(dts)), (ssize_t)strlen(dts));
	close(fd);
	char dtb[64], cmd[256];
	snprintf(dtb, sizeof dtb, "%s.dtb", src);
	snprintf(cmd, sizeof cmd, "dtc -q -I dts -O dtb -o %s %s", dtb, src);
	int rc = system(cmd);
	unlink(src);
	if (rc != 0)
		return NULL;
	FILE *f = fopen(dtb, "rb");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	void *blob = malloc((size_t)len);
	ck_assert_ptr_nonnull(blob);
	ck_assert_int_eq(fread(blob, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	unlink(dtb);
	return blob;
}

/* What subscribers and the trace saw. */
#define MAX_EVENTS 64
struct seen {
	const char *who;
	simtime_t t;
	uint64_t hz;
};

static struct {
	struct sched s;
	struct trace tr;
	void *fdt;
	struct clk_tree *t;
	struct clk *osc, *lf, *pll0, *pll1, *cpu, *ref, *ahb, *apb, *uart, *timer, *rtc;
	struct seen ev[MAX_EVENTS];
	unsigned nev;
	struct seen tev[MAX_EVENTS];
	unsigned ntev;
} T;

static void record(void *opaque, simtime_t now, uint64_t hz)
{
	ck_assert_uint_lt(T.nev, MAX_EVENTS);
	T.ev[T.nev++] = (struct seen){ opaque, now, hz };
}

static void trace_record(void *opaque, simtime_t t, const char *component, const char *var,
			 int64_t value, const char *label)
{
	ck_assert_str_eq(var, "hz");
	ck_assert_ptr_null(label);
	ck_assert_uint_lt(T.ntev, MAX_EVENTS);
	T.tev[T.ntev++] = (struct seen){ component, t, (uint64_t)value };
}

static int cmu_off(void)
{
	return fdt_path_offset(T.fdt, "/clock-controller@40020000");
}

static struct clk *out(unsigned idx)
{
	struct clk *c = clk_provider_output(T.t, cmu_off(), idx);
	ck_assert_ptr_nonnull(c);
	return c;
}

static void sub(struct clk *c)
{
	ck_assert_int_eq(clk_subscribe(c, record, (void *)clk_name(c)), 0);
}

static void setup(void)
{
	memset(&T, 0, sizeof T);
	sched_init(&T.s);
	trace_add_sink(&T.tr, (struct trace_sink){ trace_record, NULL });
	T.fdt = dtb_compile(soc_dts);
	ck_assert_ptr_nonnull(T.fdt);
	struct err e = { "" };
	T.t = clk_tree_new(T.fdt, &T.s, &T.tr, &e);
	ck_assert_msg(T.t != NULL, "%s", e.msg);
	T.osc = clk_provider_output(T.t, fdt_path_offset(T.fdt, "/osc24m"), 0);
	T.lf = clk_provider_output(T.t, fdt_path_offset(T.fdt, "/oscillator-32k"), 0);
	T.pll0 = out(0);
	T.pll1 = out(1);
	T.cpu = out(16);
	T.ref = out(17);
	T.ahb = out(32);
	T.apb = out(33);
	T.uart = out(64);
	T.timer = out(65);
	T.rtc = out(67);
}

static void teardown(void)
{
	clk_tree_free(T.t);
	sched_free(&T.s);
	free(T.fdt);
}

static unsigned seen_count(const char *who)
{
	unsigned n = 0;
	for (unsigned i = 0; i < T.nev; i++)
		n += !strcmp(T.ev[i].who, who);
	return n;
}

/* The one notification `who` got; fails unless there was exactly one. */
static struct seen seen_one(const char *who)
{
	ck_assert_msg(seen_count(who) == 1, "%s notified %u times", who, seen_count(who));
	for (unsigned i = 0; i < T.nev; i++)
		if (!strcmp(T.ev[i].who, who))
			return T.ev[i];
	return (struct seen){ 0 };
}

static void run_to(simtime_t t)
{
	sched_run_until(&T.s, t);
}

/* ---- tests ------------------------------------------------------------------ */

START_TEST(fixed_clocks_and_names)
{
	ck_assert_uint_eq(clk_rate(T.osc), 24 * MHZ);
	ck_assert_uint_eq(clk_rate(T.lf), 32768);
	ck_assert_str_eq(clk_name(T.osc), "osc24m");
	ck_assert_str_eq(clk_name(T.lf), "lfosc"); /* clock-output-names wins */
	ck_assert_str_eq(clk_name(T.pll0), "pll0"); /* unit address dropped */
	ck_assert_str_eq(clk_name(T.cpu), "cpu_clk");
	ck_assert_int_eq(clk_kind(T.osc), CLK_FIXED);
	ck_assert_int_eq(clk_kind(T.pll0), CLK_PLL);
	ck_assert_int_eq(clk_kind(T.cpu), CLK_MUX);
	ck_assert_int_eq(clk_kind(T.apb), CLK_DIV);
	ck_assert_int_eq(clk_kind(T.uart), CLK_GATE);
	ck_assert_ptr_null(clk_provider_output(T.t, cmu_off(), 2));
	ck_assert_ptr_null(clk_provider_output(T.t, fdt_path_offset(T.fdt, "/osc24m"), 1));
}
END_TEST

START_TEST(reset_configuration)
{
	ck_assert(clk_pll_locked(T.pll0));
	ck_assert_uint_eq(clk_rate(T.pll0), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(T.cpu), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(T.ahb), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(T.apb), 100 * MHZ);
	ck_assert_uint_eq(clk_rate(T.uart), 100 * MHZ);
	ck_assert_uint_eq(clk_rate(T.timer), 0);      /* gate off */
	ck_assert_uint_eq(clk_rate(T.rtc), 32768);
	ck_assert_uint_eq(clk_rate(T.pll1), 0);       /* not enabled */
	ck_assert(!clk_pll_locked(T.pll1));
	bool en;
	uint32_t m, d;
	clk_pll_config(T.pll0, &en, &m, &d);
	ck_assert(en);
	ck_assert_uint_eq(m, 25);
	ck_assert_uint_eq(d, 3);
	ck_assert_uint_eq(clk_mux_selected(T.cpu), 1);
	ck_assert_uint_eq(clk_num_parents(T.cpu), 2);
	ck_assert_uint_eq(clk_div_get(T.apb), 2);
	ck_assert(clk_gate_get(T.uart));
	ck_assert(!clk_gate_get(T.timer));
	/* Every clock's initial rate went to the trace at build time. */
	ck_assert_uint_eq(T.ntev, 11);
	for (unsigned i = 0; i < T.ntev; i++) {
		ck_assert_uint_eq(T.tev[i].t, 0);
		if (!strcmp(T.tev[i].who, "apb"))
			ck_assert_uint_eq(T.tev[i].hz, 100 * MHZ);
	}
}
END_TEST

START_TEST(consumer_lookup)
{
	struct err e = { "" };
	int uart = fdt_path_offset(T.fdt, "/uart@40004000");
	ck_assert_ptr_eq(clk_get(T.t, uart, 0, &e), T.uart);
	ck_assert_ptr_eq(clk_get(T.t, uart, 1, &e), T.apb);
	ck_assert_ptr_eq(clk_get_by_name(T.t, uart, "apb_pclk", &e), T.apb);
	ck_assert_ptr_eq(clk_get_by_name(T.t, uart, "uartclk", &e), T.uart);
	ck_assert_ptr_eq(clk_get(T.t, fdt_path_offset(T.fdt, "/rtc@40006000"), 0, &e), T.lf);

	ck_assert_ptr_null(clk_get(T.t, uart, 2, &e));
	ck_assert_str_eq(e.msg, "/uart@40004000: 'clocks' has no entry 2");
	ck_assert_ptr_null(clk_get_by_name(T.t, uart, "baud", &e));
	ck_assert_str_eq(e.msg, "/uart@40004000: no clock named 'baud' in 'clock-names'");
	int bad = fdt_path_offset(T.fdt, "/bad@0");
	ck_assert_ptr_null(clk_get(T.t, bad, 0, &e));
	ck_assert_str_eq(e.msg,
			 "/bad@0: 'clocks' entry 0: /clock-controller@40020000 has no clock output 99");
	ck_assert_ptr_null(clk_get(T.t, bad, 1, &e));
	ck_assert_str_eq(e.msg, "/bad@0: 'clocks' entry 1 is truncated "
				"(/clock-controller@40020000 takes 1 cell)");
	ck_assert_ptr_null(clk_get(T.t, fdt_path_offset(T.fdt, "/"), 0, &e));
	ck_assert_str_eq(e.msg, "/: missing property 'clocks'");
}
END_TEST

/* Reprogramming the PLL under the CPU: everything below it stops at once
 * and gets the new rate exactly at the lock time, each subscriber once. */
START_TEST(pll_relock_timing)
{
	sub(T.pll0);
	sub(T.cpu);
	sub(T.apb);
	sub(T.uart);
	sub(T.timer);
	sub(T.osc);
	run_to(10 * PS_PER_US);
	simtime_t t0 = sched_now(&T.s);
	T.ntev = 0;
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 50, 3), 0); /* 400 MHz */
	ck_assert(!clk_pll_locked(T.pll0));
	ck_assert_uint_eq(clk_rate(T.pll0), 0);
	ck_assert_uint_eq(clk_rate(T.cpu), 0);
	ck_assert_uint_eq(clk_rate(T.uart), 0);
	ck_assert_uint_eq(T.nev, 4); /* pll0, cpu, apb, uart stop; timer was 0 */
	for (unsigned i = 0; i < T.nev; i++) {
		ck_assert_uint_eq(T.ev[i].t, t0);
		ck_assert_uint_eq(T.ev[i].hz, 0);
	}
	ck_assert_str_eq(T.ev[0].who, "pll0"); /* parents before children */
	ck_assert_uint_eq(T.ntev, 5);          /* + ahb, which nobody subscribed */

	T.nev = 0;
	run_to(t0 + LOCK_PS - 1);
	ck_assert_uint_eq(clk_rate(T.pll0), 0);
	ck_assert_uint_eq(T.nev, 0);
	run_to(t0 + LOCK_PS);
	ck_assert(clk_pll_locked(T.pll0));
	ck_assert_uint_eq(T.nev, 4);
	struct seen s = seen_one("pll0");
	ck_assert_uint_eq(s.t, t0 + LOCK_PS);
	ck_assert_uint_eq(s.hz, 400 * MHZ);
	s = seen_one("cpu_clk");
	ck_assert_uint_eq(s.t, t0 + LOCK_PS);
	ck_assert_uint_eq(s.hz, 400 * MHZ);
	s = seen_one("apb");
	ck_assert_uint_eq(s.t, t0 + LOCK_PS);
	ck_assert_uint_eq(s.hz, 200 * MHZ);
	ck_assert_uint_eq(seen_one("uart").hz, 200 * MHZ);
	ck_assert_uint_eq(seen_count("timer"), 0); /* gated: stays 0 */
	ck_assert_uint_eq(seen_count("osc24m"), 0);
	ck_assert_uint_eq(clk_rate(T.timer), 0);

	/* Ungating gives the timer its rate at that moment, once. */
	T.nev = 0;
	run_to(t0 + 2 * LOCK_PS);
	clk_gate_set(T.timer, true);
	s = seen_one("timer");
	ck_assert_uint_eq(s.t, t0 + 2 * LOCK_PS);
	ck_assert_uint_eq(s.hz, 200 * MHZ);
	ck_assert_uint_eq(T.nev, 1);

	/* Writing the configuration it already has does not relock. */
	T.nev = 0;
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 50, 3), 0);
	ck_assert(clk_pll_locked(T.pll0));
	ck_assert_uint_eq(T.nev, 0);
}
END_TEST

START_TEST(pll_trace_at_lock)
{
	run_to(PS_PER_US);
	T.ntev = 0;
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 10, 1), 0); /* 240 MHz */
	run_to(PS_PER_MS);
	bool found = false;
	for (unsigned i = 0; i < T.ntev; i++) {
		if (strcmp(T.tev[i].who, "pll0") || !T.tev[i].hz)
			continue;
		ck_assert_uint_eq(T.tev[i].t, PS_PER_US + LOCK_PS);
		ck_assert_uint_eq(T.tev[i].hz, 240 * MHZ);
		found = true;
	}
	ck_assert(found);
	/* pll0, cpu_clk, ahb, apb, uart: once down, once up. */
	ck_assert_uint_eq(T.ntev, 10);
}
END_TEST

/* The DVFS sequence: park the core on the oscillator (at once), relock,
 * switch back. The core never stops. */
START_TEST(mux_switches_at_once)
{
	sub(T.cpu);
	run_to(5 * PS_PER_US);
	ck_assert_int_eq(clk_mux_select(T.cpu, 0), 0);
	ck_assert_uint_eq(clk_rate(T.cpu), 24 * MHZ);
	struct seen s = seen_one("cpu_clk");
	ck_assert_uint_eq(s.t, 5 * PS_PER_US);
	ck_assert_uint_eq(s.hz, 24 * MHZ);
	ck_assert_uint_eq(clk_rate(T.apb), 12 * MHZ);

	T.nev = 0;
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 40, 3), 0); /* 320 MHz */
	run_to(5 * PS_PER_US + LOCK_PS);
	ck_assert_uint_eq(T.nev, 0); /* the core kept running at 24 MHz */
	ck_assert_uint_eq(clk_rate(T.cpu), 24 * MHZ);
	ck_assert_int_eq(clk_mux_select(T.cpu, 1), 0);
	ck_assert_uint_eq(clk_rate(T.cpu), 320 * MHZ);
	ck_assert_uint_eq(seen_one("cpu_clk").hz, 320 * MHZ);

	/* Selecting a PLL that is still locking stops the output until it
	 * locks: a glitch-free mux cannot complete the switch without edges. */
	T.nev = 0;
	ck_assert_int_eq(clk_mux_select(T.cpu, 0), 0);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 25, 3), 0);
	simtime_t t1 = sched_now(&T.s);
	ck_assert_int_eq(clk_mux_select(T.cpu, 1), 0);
	ck_assert_uint_eq(clk_rate(T.cpu), 0);
	run_to(t1 + LOCK_PS);
	ck_assert_uint_eq(clk_rate(T.cpu), 200 * MHZ);
	ck_assert_uint_eq(T.nev, 3); /* 24 MHz, 0, 200 MHz */
	ck_assert_uint_eq(T.ev[2].t, t1 + LOCK_PS);

	ck_assert_int_eq(clk_mux_select(T.cpu, 2), -1); /* no third input */
	ck_assert_uint_eq(clk_mux_selected(T.cpu), 1);
	ck_assert_int_eq(clk_mux_select(T.apb, 0), -1); /* not a mux */
}
END_TEST

START_TEST(gates_and_dividers)
{
	sub(T.uart);
	sub(T.timer);
	clk_gate_set(T.uart, false);
	ck_assert_uint_eq(clk_rate(T.uart), 0);
	ck_assert_uint_eq(seen_one("uart").hz, 0);
	clk_gate_set(T.uart, false); /* no change, no notification */
	ck_assert_uint_eq(T.nev, 1);

	/* A divider change reaches the open gate, not the closed one. */
	T.nev = 0;
	clk_gate_set(T.uart, true);
	T.nev = 0;
	ck_assert_int_eq(clk_div_set(T.apb, 3), 0);
	ck_assert_uint_eq(clk_rate(T.apb), 66666666); /* integer division */
	ck_assert_uint_eq(seen_one("uart").hz, 66666666);
	ck_assert_uint_eq(seen_count("timer"), 0);
	ck_assert_int_eq(clk_div_set(T.apb, 0), -1);
	ck_assert_int_eq(clk_div_set(T.apb, 17), -1); /* pmsim,max-div = 16 */
	ck_assert_uint_eq(clk_div_get(T.apb), 3);
	ck_assert_int_eq(clk_div_set(T.ahb, 255), 0);  /* default max: 255 */
	ck_assert_int_eq(clk_div_set(T.ahb, 256), -1);
	ck_assert_uint_eq(clk_rate(T.ahb), 200 * MHZ / 255);
}
END_TEST

START_TEST(pll_refuses_out_of_range)
{
	sub(T.pll0);
	run_to(PS_PER_US);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 100, 3), -1); /* 800 MHz */
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 1, 2), -1);   /* 12 MHz */
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 0, 1), -1);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 10, 0), -1);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 10, 64), -1); /* DIV field max */
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 4096, 63), -1);
	ck_assert_int_eq(clk_pll_set(T.cpu, true, 10, 1), -1);   /* not a PLL */
	/* Nothing changed: still locked at 200 MHz, nobody told. */
	ck_assert(clk_pll_locked(T.pll0));
	ck_assert_uint_eq(clk_rate(T.pll0), 200 * MHZ);
	ck_assert_uint_eq(T.nev, 0);
	bool en;
	uint32_t m, d;
	clk_pll_config(T.pll0, &en, &m, &d);
	ck_assert(en && m == 25 && d == 3);
	/* The limits themselves are accepted. */
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 50, 3), 0); /* 400 MHz */
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 1, 1), 0);  /* 24 MHz */
	/* Disabling takes any fields (a CTRL write of 0). */
	ck_assert_int_eq(clk_pll_set(T.pll0, false, 0, 0), 0);
	clk_pll_config(T.pll0, &en, &m, &d);
	ck_assert(!en && m == 0 && d == 0);
	run_to(PS_PER_MS);
	ck_assert_uint_eq(clk_rate(T.pll0), 0);
}
END_TEST

/* A PLL whose reference changes loses lock and relocks to the new one. */
START_TEST(pll_follows_reference)
{
	ck_assert_int_eq(clk_pll_set(T.pll1, true, 2, 1), 0);
	run_to(50 * PS_PER_US);
	ck_assert_uint_eq(clk_rate(T.pll1), 48 * MHZ);
	sub(T.pll1);
	run_to(60 * PS_PER_US);
	ck_assert_int_eq(clk_mux_select(T.ref, 1), 0); /* 32768 Hz */
	ck_assert_uint_eq(clk_rate(T.pll1), 0);
	run_to(110 * PS_PER_US - 1);
	ck_assert_uint_eq(clk_rate(T.pll1), 0);
	run_to(110 * PS_PER_US);
	ck_assert_uint_eq(clk_rate(T.pll1), 65536);
	ck_assert_uint_eq(T.nev, 2);
	ck_assert_uint_eq(T.ev[1].t, 110 * PS_PER_US);
}
END_TEST

START_TEST(meters_integrate_power)
{
	ck_assert_uint_eq(clk_tree_meters(T.t), 4); /* two oscillators, two PLLs */
	struct pm_meter *m[4];
	for (unsigned i = 0; i < 4; i++) {
		m[i] = clk_tree_meter(T.t, i);
		ck_assert_ptr_nonnull(m[i]);
		ck_assert_str_eq(m[i]->kind, "clock");
	}
	ck_assert_ptr_null(clk_tree_meter(T.t, 4));
	ck_assert_str_eq(m[0]->component, "osc24m");
	ck_assert_str_eq(m[1]->component, "lfosc");
	ck_assert_str_eq(m[2]->component, "pll0");
	ck_assert_str_eq(m[3]->component, "pll1");

	run_to(PS_PER_MS);
	ck_assert_double_eq_tol(pm_meter_joules(m[2], PS_PER_MS), 2e-6, 1e-15);
	ck_assert_double_eq_tol(pm_meter_joules(m[0], PS_PER_MS), 150e-9, 1e-15);
	ck_assert_double_eq(pm_meter_joules(m[1], PS_PER_MS), 0.0);
	ck_assert_double_eq(pm_meter_joules(m[3], PS_PER_MS), 0.0);

	/* Off for a millisecond, then relocking (at its lock power, 3 mW)
	 * and running. pll1 runs from 1 ms. */
	ck_assert_int_eq(clk_pll_set(T.pll0, false, 25, 3), 0);
	ck_assert_int_eq(clk_pll_set(T.pll1, true, 2, 1), 0);
	run_to(2 * PS_PER_MS);
	ck_assert_double_eq_tol(pm_meter_joules(m[2], 2 * PS_PER_MS), 2e-6, 1e-15);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 25, 3), 0);
	run_to(3 * PS_PER_MS);
	ck_assert_double_eq_tol(pm_meter_joules(m[2], 3 * PS_PER_MS), 4e-6 + 1e-3 * 100e-6,
				1e-15);
	ck_assert_double_eq_tol(pm_meter_joules(m[3], 3 * PS_PER_MS), 2e-6, 1e-15);
	ck_assert_double_eq_tol(pm_meter_joules(m[0], 3 * PS_PER_MS), 450e-9, 1e-15);
}
END_TEST

START_TEST(suspend_and_resume)
{
	sub(T.cpu);
	sub(T.rtc);
	struct pm_meter *pm = clk_tree_meter(T.t, 2);
	run_to(PS_PER_MS);
	struct pm_meter *om = clk_tree_meter(T.t, 0);
	clk_tree_suspend(T.t);
	ck_assert_uint_eq(clk_rate(T.pll0), 0);
	ck_assert_uint_eq(clk_rate(T.cpu), 0);
	/* The 24 MHz oscillator stops, the always-on 32 kHz one runs on. */
	ck_assert_uint_eq(clk_rate(T.rtc), 32768);
	ck_assert_double_eq(om->watts, 0.0);
	ck_assert_uint_eq(seen_one("cpu_clk").t, PS_PER_MS);
	ck_assert_uint_eq(seen_count("rtc"), 0);
	clk_tree_suspend(T.t); /* twice is once */
	ck_assert_uint_eq(T.nev, 1);
	/* The configuration is kept. */
	bool en;
	uint32_t m, d;
	clk_pll_config(T.pll0, &en, &m, &d);
	ck_assert(en && m == 25 && d == 3);

	run_to(11 * PS_PER_MS);
	ck_assert_double_eq_tol(pm_meter_joules(pm, 11 * PS_PER_MS), 2e-6, 1e-15);
	T.nev = 0;
	/* The crystal starts (500 us), then the PLL locks on it (100 us). */
	simtime_t ready = clk_tree_resume(T.t);
	ck_assert_uint_eq(ready, 11 * PS_PER_MS + 500 * PS_PER_US + LOCK_PS);
	ck_assert_uint_eq(clk_rate(T.cpu), 0);
	ck_assert_double_eq(om->watts, 150e-6); /* drawing while it starts */
	run_to(11 * PS_PER_MS + 500 * PS_PER_US);
	ck_assert_uint_eq(clk_rate(T.cpu), 0);
	run_to(ready);
	ck_assert_uint_eq(clk_rate(T.cpu), 200 * MHZ);
	struct seen s = seen_one("cpu_clk");
	ck_assert_uint_eq(s.t, ready);
	ck_assert_uint_eq(s.hz, 200 * MHZ);
	/* The PLL: 2 mW before the suspend and while it waits for its
	 * reference, 3 mW while it locks. */
	ck_assert_double_eq_tol(pm_meter_joules(pm, ready),
				2e-6 + 2e-3 * 500e-6 + 3e-3 * 100e-6, 1e-15);
	/* The oscillator: 1 ms before, nothing for 10 ms, then on again. */
	ck_assert_double_eq_tol(pm_meter_joules(om, ready),
				150e-6 * (1e-3 + 600e-6), 1e-15);
	/* Resuming when nothing is suspended: ready now. */
	ck_assert_uint_eq(clk_tree_resume(T.t), ready);
}
END_TEST

START_TEST(reset_restores_and_notifies)
{
	sub(T.cpu);
	sub(T.timer);
	ck_assert_int_eq(clk_mux_select(T.cpu, 0), 0);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 40, 3), 0);
	clk_gate_set(T.timer, true);
	ck_assert_int_eq(clk_div_set(T.apb, 4), 0);
	run_to(20 * PS_PER_US); /* PLL still locking */
	T.nev = 0;
	clk_tree_reset(T.t);
	ck_assert(clk_pll_locked(T.pll0)); /* locked out of reset */
	ck_assert_uint_eq(clk_rate(T.cpu), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(T.apb), 100 * MHZ);
	ck_assert_uint_eq(clk_rate(T.timer), 0);
	ck_assert_uint_eq(seen_one("cpu_clk").hz, 200 * MHZ);
	ck_assert_uint_eq(seen_one("timer").hz, 0);
	/* The pending lock was cancelled with the old configuration. */
	T.nev = 0;
	run_to(PS_PER_MS);
	ck_assert_uint_eq(T.nev, 0);
	ck_assert_uint_eq(clk_rate(T.pll0), 200 * MHZ);
}
END_TEST

/* A subscriber reprogramming the tree from its callback: every clock is
 * still reported once per change, with its latest rate. */
static void gate_timer_off(void *opaque, simtime_t now, uint64_t hz)
{
	record(opaque, now, hz);
	if (hz == 0)
		clk_gate_set(T.timer, false);
}

START_TEST(nested_update_from_callback)
{
	clk_gate_set(T.timer, true);
	ck_assert_int_eq(clk_subscribe(T.pll0, gate_timer_off, "pll0"), 0);
	sub(T.timer);
	sub(T.uart);
	ck_assert_int_eq(clk_pll_set(T.pll0, true, 10, 1), 0);
	ck_assert_uint_eq(seen_one("pll0").hz, 0);
	ck_assert_uint_eq(seen_one("timer").hz, 0);
	ck_assert_uint_eq(seen_one("uart").hz, 0);
	T.nev = 0;
	run_to(PS_PER_MS);
	ck_assert_uint_eq(seen_one("pll0").hz, 240 * MHZ);
	ck_assert_uint_eq(seen_one("uart").hz, 120 * MHZ);
	ck_assert_uint_eq(seen_count("timer"), 0);
	clk_unsubscribe(T.pll0, gate_timer_off, "pll0");
	T.nev = 0;
	ck_assert_int_eq(clk_pll_set(T.pll0, false, 10, 1), 0);
	ck_assert_uint_eq(seen_count("pll0"), 0);
}
END_TEST

/* ---- device-tree errors ----------------------------------------------------- */

static const char *build_error(const char *dts)
{
	static struct err e;
	void *fdt = dtb_compile(dts);
	ck_assert_msg(fdt != NULL, "dtc refused the test tree");
	struct sched s;
	sched_init(&s);
	memset(&e, 0, sizeof e);
	struct clk_tree *t = clk_tree_new(fdt, &s, NULL, &e);
	ck_assert_ptr_null(t);
	sched_free(&s);
	free(fdt);
	return e.msg;
}

#define HEAD "/dts-v1/;\n/ {\n osc: osc { compatible = \"fixed-clock\"; #clock-cells = <0>; " \
	"clock-frequency = <24000000>; };\n"
#define CMU_OPEN " cmu: cmu@1000 { compatible = \"pmsim,cmu\"; reg = <0x1000>; " \
	"#clock-cells = <1>; #address-cells = <1>; #size-cells = <0>;\n"
#define PLL(extra) "  pll@0 { compatible = \"pmsim,cmu-pll\"; reg = <0>; clocks = <&osc>; " \
	"pmsim,lock-us = <10>; pmsim,min-hz = <24000000>; pmsim,max-hz = <96000000>; " extra " };\n"

START_TEST(dt_errors)
{
	ck_assert_str_eq(build_error("/dts-v1/;\n/ { o { compatible = \"fixed-clock\"; "
				     "#clock-cells = <0>; }; };"),
			 "/o: missing property 'clock-frequency'");
	ck_assert_str_eq(build_error("/dts-v1/;\n/ { o { compatible = \"fixed-clock\"; "
				     "#clock-cells = <1>; clock-frequency = <1>; }; };"),
			 "/o: '#clock-cells' of a fixed-clock must be 0 (is 1)");
	ck_assert_str_eq(build_error(HEAD " cmu@1000 { compatible = \"pmsim,cmu\"; "
				     "#clock-cells = <0>; };\n};"),
			 "/cmu@1000: a pmsim,cmu needs '#clock-cells = <1>'");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  x@0 { compatible = \"acme,pll\"; "
				     "reg = <0>; };\n };\n};"),
			 "/cmu@1000/x@0: a CMU output must be compatible with pmsim,cmu-pll, "
			 "pmsim,cmu-mux, pmsim,cmu-divider or pmsim,cmu-gate");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  g@4 { compatible = \"pmsim,cmu-gate\"; "
				     "reg = <4>; clocks = <&osc>; };\n };\n};"),
			 "/cmu@1000/g@4: 'reg' 4 is outside a gate's clock indices 64..95");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN PLL("") "  pll@1 { compatible = "
				     "\"pmsim,cmu-pll\"; reg = <0>; };\n };\n};"),
			 "/cmu@1000/pll@1: 'reg' 0 is already used by /cmu@1000/pll@0");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  pll@0 { compatible = \"pmsim,cmu-pll\"; "
				     "reg = <0>; clocks = <&osc>; };\n };\n};"),
			 "/cmu@1000/pll@0: missing property 'pmsim,lock-us'");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN PLL("pmsim,reset-enabled; "
						       "pmsim,reset-mult = <5>;")
				     " };\n};"),
			 "/cmu@1000/pll@0: reset configuration gives 120000000 Hz, outside "
			 "'pmsim,min-hz'..'pmsim,max-hz' (24000000..96000000)");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN PLL("pmsim,reset-div = <64>;") " };\n};"),
			 "/cmu@1000/pll@0: 'pmsim,reset-div' must be 1..63 (is 64)");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  pll@0 { compatible = \"pmsim,cmu-pll\"; "
				     "reg = <0>; clocks = <&osc>; pmsim,lock-us = <10>; "
				     "pmsim,min-hz = <100000000>; pmsim,max-hz = <96000000>; };\n"
				     " };\n};"),
			 "/cmu@1000/pll@0: 'pmsim,min-hz' (100000000) is above 'pmsim,max-hz' "
			 "(96000000)");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  m@10 { compatible = \"pmsim,cmu-mux\"; "
				     "reg = <16>; clocks = <&osc>, <&osc>; "
				     "pmsim,reset-select = <2>; };\n };\n};"),
			 "/cmu@1000/m@10: 'pmsim,reset-select' 2 names no input (the mux has 2)");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  m@10 { compatible = \"pmsim,cmu-mux\"; "
				     "reg = <16>; clocks = <&osc>, <&osc>, <&osc>, <&osc>, "
				     "<&osc>; };\n };\n};"),
			 "/cmu@1000/m@10: 'clocks' has more than 4 entries");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  d@20 { compatible = \"pmsim,cmu-divider\"; "
				     "reg = <32>; clocks = <&osc>, <&osc>; };\n };\n};"),
			 "/cmu@1000/d@20: 'clocks' has more than 1 entry");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  da@20 { compatible = \"pmsim,cmu-divider\"; "
				     "reg = <32>; clocks = <&cmu 33>; };\n"
				     "  db@21 { compatible = \"pmsim,cmu-divider\"; "
				     "reg = <33>; clocks = <&cmu 32>; };\n };\n};"),
			 "/cmu@1000/da@20: clock loop: 'da' is its own ancestor");
	ck_assert_str_eq(build_error(HEAD CMU_OPEN "  g@40 { compatible = \"pmsim,cmu-gate\"; "
				     "reg = <64>; clocks = <&cmu 65>; };\n };\n};"),
			 "/cmu@1000/g@40: 'clocks' entry 0: /cmu@1000 has no clock output 65");
	ck_assert_str_eq(build_error(HEAD " n: node { };\n" CMU_OPEN
				     "  g@40 { compatible = \"pmsim,cmu-gate\"; "
				     "reg = <64>; clocks = <&n>; };\n };\n};"),
			 "/cmu@1000/g@40: 'clocks' entry 0: /node is not a clock provider "
			 "(no '#clock-cells')");
	ck_assert_str_eq(build_error(HEAD " o2: osc2 { compatible = \"fixed-clock\"; "
				     "#clock-cells = <0>; clock-frequency = <1>; "
				     "clock-output-names = \"osc\"; };\n};"),
			 "/osc2: clock name 'osc' is already used by /osc");
}
END_TEST

static Suite *clock_suite(void)
{
	Suite *s = suite_create("clock");
	TCase *tc = tcase_create("tree");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, fixed_clocks_and_names);
	tcase_add_test(tc, reset_configuration);
	tcase_add_test(tc, consumer_lookup);
	tcase_add_test(tc, pll_relock_timing);
	tcase_add_test(tc, pll_trace_at_lock);
	tcase_add_test(tc, mux_switches_at_once);
	tcase_add_test(tc, gates_and_dividers);
	tcase_add_test(tc, pll_refuses_out_of_range);
	tcase_add_test(tc, pll_follows_reference);
	tcase_add_test(tc, meters_integrate_power);
	tcase_add_test(tc, suspend_and_resume);
	tcase_add_test(tc, reset_restores_and_notifies);
	tcase_add_test(tc, nested_update_from_callback);
	suite_add_tcase(s, tc);
	TCase *te = tcase_create("errors");
	tcase_add_test(te, dt_errors);
	suite_add_tcase(s, te);
	return s;
}

int main(void)
{
	return check_run(clock_suite());
}
