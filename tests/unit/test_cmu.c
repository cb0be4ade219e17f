/*
 * Unit tests for the clock management unit (devices/cmu.c), driven the way
 * firmware drives it: bus_read/bus_write on a bus with the CMU mapped, a
 * real scheduler and the clock tree built from the device tree of
 * docs/devices/cmu.md, with an irq_line that records its level.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/cmu.h"
#include "pm/clock.h"
#include "check_run.h"

#define BASE 0x40020000u
#define MHZ 1000000ull
#define LOCK_PS (200 * PS_PER_US)

enum {
	ID = 0x000, CONFIG = 0x004, GATE_PRESENT = 0x008, IRQ_STATUS = 0x010,
	IRQ_ENABLE = 0x014, ERROR = 0x018, PLL0_CTRL = 0x100, PLL0_STATUS = 0x104,
	PLL1_CTRL = 0x110, MUX0_SEL = 0x200, MUX0_STATUS = 0x240, MUX1_SEL = 0x204,
	DIV0 = 0x300, DIV1 = 0x304, DIV2 = 0x308, GATE = 0x400, GATE_SET = 0x404,
	GATE_CLR = 0x408,
};

#define CTRL(en, mult, div) ((en) | (uint32_t)(mult) << 8 | (uint32_t)(div) << 24)

/* The example of docs/devices/cmu.md. */
static const char *const soc_dts =
	"/dts-v1/;\n"
	"/ {\n"
	"	#address-cells = <1>;\n"
	"	#size-cells = <1>;\n"
	"	osc24m: oscillator-24m {\n"
	"		compatible = \"fixed-clock\";\n"
	"		#clock-cells = <0>;\n"
	"		clock-frequency = <24000000>;\n"
	"		clock-output-names = \"osc24m\";\n"
	"		pmsim,microwatt = <300>;\n"
	"	};\n"
	"	osc32k: oscillator-32k {\n"
	"		compatible = \"fixed-clock\";\n"
	"		#clock-cells = <0>;\n"
	"		clock-frequency = <32768>;\n"
	"		clock-output-names = \"osc32k\";\n"
	"		pmsim,microwatt = <1>;\n"
	"	};\n"
	"	cmu: clock-controller@40020000 {\n"
	"		compatible = \"pmsim,cmu\";\n"
	"		reg = <0x40020000 0x1000>;\n"
	"		interrupts = <10>;\n"
	"		#clock-cells = <1>;\n"
	"		#address-cells = <1>;\n"
	"		#size-cells = <0>;\n"
	"		pll0@0 {\n"
	"			compatible = \"pmsim,cmu-pll\";\n"
	"			reg = <0>;\n"
	"			clocks = <&osc24m>;\n"
	"			pmsim,lock-us = <200>;\n"
	"			pmsim,microwatt = <1500>;\n"
	"			pmsim,min-hz = <24000000>;\n"
	"			pmsim,max-hz = <400000000>;\n"
	"			pmsim,reset-mult = <25>;\n"
	"			pmsim,reset-div = <3>;\n"
	"			pmsim,reset-enabled;\n"
	"		};\n"
	"		cpu-mux@10 {\n"
	"			compatible = \"pmsim,cmu-mux\";\n"
	"			reg = <16>;\n"
	"			clocks = <&osc24m>, <&cmu 0>;\n"
	"			clock-output-names = \"cpu_clk\";\n"
	"			pmsim,reset-select = <1>;\n"
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
	"		uart-clk@40 { compatible = \"pmsim,cmu-gate\"; reg = <64>;\n"
	"			clocks = <&cmu 33>; pmsim,reset-enabled; };\n"
	"		timer-clk@41 { compatible = \"pmsim,cmu-gate\"; reg = <65>;\n"
	"			clocks = <&cmu 33>; };\n"
	"		gpio-clk@42 { compatible = \"pmsim,cmu-gate\"; reg = <66>;\n"
	"			clocks = <&cmu 33>; };\n"
	"		rtc-clk@43 { compatible = \"pmsim,cmu-gate\"; reg = <67>;\n"
	"			clocks = <&osc32k>; pmsim,reset-enabled; };\n"
	"		dma-clk@44 { compatible = \"pmsim,cmu-gate\"; reg = <68>;\n"
	"			clocks = <&cmu 32>; };\n"
	"		sensor-clk@45 { compatible = \"pmsim,cmu-gate\"; reg = <69>;\n"
	"			clocks = <&cmu 33>; };\n"
	"		dramc-clk@46 { compatible = \"pmsim,cmu-gate\"; reg = <70>;\n"
	"			clocks = <&cmu 32>; };\n"
	"	};\n"
	"};\n";

static void *dtb_compile(const char *dts)
{
	char src[] = "/tmp/test_cmu_XXXXXX";
	int fd = mkstemp(src);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, dts, strlen(dts)), (ssize_t)strlen(dts));
	close(fd);
	char dtb[64], cmd[256];
	snprintf(dtb, sizeof dtb, "%s.dtb", src);
	snprintf(cmd, sizeof cmd, "dtc -q -I dts -O dtb -o %s %s", dtb, src);
	int rc = system(cmd);
	unlink(src);
	ck_assert_msg(rc == 0, "dtc refused the test tree");
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

static struct {
	struct sched s;
	struct bus b;
	void *fdt;
	int node;
	struct clk_tree *t;
	struct cmu *c;
	int level, changes;
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_int_eq(num, 10);
	R.level = level;
	R.changes++;
}

static void setup(void)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	R.fdt = dtb_compile(soc_dts);
	struct err e = { "" };
	R.t = clk_tree_new(R.fdt, &R.s, NULL, &e);
	ck_assert_msg(R.t != NULL, "%s", e.msg);
	R.node = fdt_path_offset(R.fdt, "/clock-controller@40020000");
	ck_assert_int_ge(R.node, 0);
	R.c = cmu_new(&R.b, &R.s, R.t, R.node, BASE, (struct irq_line){ irq_record, &R, 10 }, &e);
	ck_assert_msg(R.c != NULL, "%s", e.msg);
}

static void teardown(void)
{
	cmu_free(R.c);
	clk_tree_free(R.t);
	bus_free(&R.b);
	sched_free(&R.s);
	free(R.fdt);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&R.b, BASE + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&R.b, BASE + off, 4, v), BUS_OK);
}

static struct clk *out(unsigned idx)
{
	struct clk *c = clk_provider_output(R.t, R.node, idx);
	ck_assert_ptr_nonnull(c);
	return c;
}

static void run_to(simtime_t t)
{
	sched_run_until(&R.s, t);
}

START_TEST(identification)
{
	ck_assert_uint_eq(rd(ID), 0x434d5501);
	/* PLL 0, mux 0, dividers 0 and 1. */
	ck_assert_uint_eq(rd(CONFIG), 0x1u | 0x1u << 4 | 0x3u << 8);
	ck_assert_uint_eq(rd(GATE_PRESENT), 0x7f);
	wr(ID, 0);
	wr(CONFIG, 0);
	wr(GATE_PRESENT, 0);
	ck_assert_uint_eq(rd(ID), 0x434d5501);
	ck_assert_uint_eq(rd(GATE_PRESENT), 0x7f);
	/* Reserved offsets and absent outputs read 0 and ignore writes. */
	wr(0x00c, 0xffffffff);
	ck_assert_uint_eq(rd(0x00c), 0);
	wr(PLL1_CTRL, CTRL(1, 10, 1));
	ck_assert_uint_eq(rd(PLL1_CTRL), 0);
	wr(MUX1_SEL, 1);
	ck_assert_uint_eq(rd(MUX1_SEL), 0);
	wr(DIV2, 5);
	ck_assert_uint_eq(rd(DIV2), 0);
	ck_assert_uint_eq(rd(0xffc), 0);
	ck_assert_uint_eq(rd(ERROR), 0); /* writes to absent outputs are no errors */
}
END_TEST

START_TEST(reset_values)
{
	ck_assert_uint_eq(rd(PLL0_CTRL), CTRL(1, 25, 3));
	ck_assert_uint_eq(rd(PLL0_STATUS), 1); /* LOCKED */
	ck_assert_uint_eq(rd(MUX0_SEL), 1);
	ck_assert_uint_eq(rd(MUX0_STATUS), 1 | 0x100);
	ck_assert_uint_eq(rd(DIV0), 1);
	ck_assert_uint_eq(rd(DIV1), 2);
	ck_assert_uint_eq(rd(GATE), 0x09); /* uart, rtc */
	ck_assert_uint_eq(rd(IRQ_STATUS), 0);
	ck_assert_uint_eq(rd(IRQ_ENABLE), 0);
	ck_assert_uint_eq(rd(ERROR), 0);
	ck_assert_uint_eq(clk_rate(out(16)), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(out(64)), 100 * MHZ);
}
END_TEST

START_TEST(narrow_accesses_refused)
{
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + ID, 1, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_read(&R.b, BASE + ID, 2, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + GATE, 1, 0), BUS_ERR_DEVICE);
	ck_assert_uint_eq(rd(GATE), 0x09);
}
END_TEST

/* The DVFS sequence as firmware writes it: park the core on the
 * oscillator, reprogram the PLL, wait for the lock interrupt, switch back. */
START_TEST(pll_program_and_lock_interrupt)
{
	struct clk *cpu = out(16);
	wr(IRQ_ENABLE, 0xffffffff);
	ck_assert_uint_eq(rd(IRQ_ENABLE), 0x1); /* one bit per PLL */
	run_to(PS_PER_US);
	wr(MUX0_SEL, 0);
	ck_assert_uint_eq(clk_rate(cpu), 24 * MHZ);
	ck_assert_uint_eq(rd(MUX0_STATUS), 0x100);
	wr(PLL0_CTRL, CTRL(1, 50, 3)); /* 400 MHz */
	ck_assert_uint_eq(rd(PLL0_CTRL), CTRL(1, 50, 3));
	ck_assert_uint_eq(rd(PLL0_STATUS), 2); /* LOCKING */
	ck_assert_uint_eq(clk_rate(out(0)), 0);
	ck_assert_uint_eq(clk_rate(cpu), 24 * MHZ);
	ck_assert_int_eq(R.changes, 0);

	run_to(PS_PER_US + LOCK_PS - 1);
	ck_assert_uint_eq(rd(PLL0_STATUS), 2);
	ck_assert_int_eq(R.level, 0);
	run_to(PS_PER_US + LOCK_PS);
	ck_assert_uint_eq(rd(PLL0_STATUS), 1);
	ck_assert_uint_eq(rd(IRQ_STATUS), 1);
	ck_assert_int_eq(R.level, 1);
	ck_assert_int_eq(R.changes, 1);

	wr(MUX0_SEL, 1);
	ck_assert_uint_eq(clk_rate(cpu), 400 * MHZ);
	ck_assert_uint_eq(clk_rate(out(33)), 200 * MHZ);
	ck_assert_uint_eq(rd(MUX0_STATUS), 0x101);

	/* Write 1 to clear; 0s leave the bit alone. */
	wr(IRQ_STATUS, 0);
	ck_assert_int_eq(R.level, 1);
	wr(IRQ_STATUS, 1);
	ck_assert_uint_eq(rd(IRQ_STATUS), 0);
	ck_assert_int_eq(R.level, 0);

	/* A masked lock sets the status but not the line; unmasking raises it. */
	wr(IRQ_ENABLE, 0);
	wr(PLL0_CTRL, CTRL(1, 25, 3));
	run_to(sched_now(&R.s) + LOCK_PS);
	ck_assert_uint_eq(rd(IRQ_STATUS), 1);
	ck_assert_int_eq(R.level, 0);
	wr(IRQ_ENABLE, 1);
	ck_assert_int_eq(R.level, 1);

	/* Disabling: output stops at once, CTRL keeps the fields. */
	wr(PLL0_CTRL, CTRL(0, 25, 3));
	ck_assert_uint_eq(rd(PLL0_STATUS), 0);
	ck_assert_uint_eq(clk_rate(out(0)), 0);
	ck_assert_uint_eq(rd(PLL0_CTRL), CTRL(0, 25, 3));
	ck_assert_uint_eq(rd(MUX0_STATUS), 0x001); /* selected input has no edges */
}
END_TEST

START_TEST(refused_programming_sets_sticky_errors)
{
	wr(PLL0_CTRL, CTRL(1, 100, 3)); /* 800 MHz > 400 MHz */
	ck_assert_uint_eq(rd(ERROR), 0x1);
	ck_assert_uint_eq(rd(PLL0_CTRL), CTRL(1, 25, 3));
	ck_assert_uint_eq(rd(PLL0_STATUS), 1); /* undisturbed */
	wr(PLL0_CTRL, CTRL(1, 1, 2)); /* 12 MHz < 24 MHz */
	wr(PLL0_CTRL, CTRL(1, 10, 0));
	ck_assert_uint_eq(rd(PLL0_CTRL), CTRL(1, 25, 3));

	wr(MUX0_SEL, 2); /* the CPU mux has two inputs */
	ck_assert_uint_eq(rd(ERROR), 0x1 | 0x10);
	ck_assert_uint_eq(rd(MUX0_SEL), 1);

	wr(DIV1, 0);
	wr(DIV1, 17); /* above pmsim,max-div */
	ck_assert_uint_eq(rd(ERROR), 0x1 | 0x10 | 0x200);
	ck_assert_uint_eq(rd(DIV1), 2);
	wr(DIV0, 0x100); /* the field is 8 bits: this is 0 */
	ck_assert_uint_eq(rd(ERROR), 0x1 | 0x10 | 0x300);
	ck_assert_uint_eq(rd(DIV0), 1);

	/* Sticky until written 1 to clear; a good write does not clear. */
	wr(DIV1, 4);
	ck_assert_uint_eq(rd(DIV1), 4);
	ck_assert_uint_eq(clk_rate(out(33)), 50 * MHZ);
	ck_assert_uint_eq(rd(ERROR), 0x311);
	wr(ERROR, 0x10);
	ck_assert_uint_eq(rd(ERROR), 0x301);
	wr(ERROR, 0xffffffff);
	ck_assert_uint_eq(rd(ERROR), 0);
}
END_TEST

START_TEST(gate_registers)
{
	struct clk *uart = out(64), *timer = out(65), *dma = out(68), *dramc = out(70);
	wr(GATE, 0xffffffff);
	ck_assert_uint_eq(rd(GATE), 0x7f); /* absent gates read 0 */
	ck_assert_uint_eq(clk_rate(timer), 100 * MHZ);
	ck_assert_uint_eq(clk_rate(dma), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(dramc), 200 * MHZ);
	wr(GATE_CLR, 0x02 | 0x40);
	ck_assert_uint_eq(rd(GATE), 0x3d);
	ck_assert_uint_eq(rd(GATE_CLR), 0x3d);
	ck_assert_uint_eq(clk_rate(timer), 0);
	ck_assert_uint_eq(clk_rate(dramc), 0);
	ck_assert_uint_eq(clk_rate(uart), 100 * MHZ);
	wr(GATE, 0);
	ck_assert_uint_eq(clk_rate(uart), 0);
	wr(GATE_SET, 0x40);
	ck_assert_uint_eq(rd(GATE_SET), 0x40);
	ck_assert_uint_eq(clk_rate(dramc), 200 * MHZ);
	ck_assert_uint_eq(clk_rate(uart), 0);
}
END_TEST

/* What the PMU does to the tree shows in the registers. */
START_TEST(registers_follow_the_tree)
{
	wr(IRQ_ENABLE, 1);
	clk_tree_suspend(R.t);
	ck_assert_uint_eq(rd(PLL0_STATUS), 2); /* enabled, not locked */
	ck_assert_uint_eq(rd(MUX0_STATUS), 0x001);
	run_to(PS_PER_MS);
	simtime_t ready = clk_tree_resume(R.t);
	ck_assert_uint_eq(ready, PS_PER_MS + LOCK_PS);
	run_to(ready);
	ck_assert_uint_eq(rd(PLL0_STATUS), 1);
	ck_assert_int_eq(R.level, 1); /* the relock after resume interrupts */
}
END_TEST

START_TEST(reset_and_power)
{
	wr(IRQ_ENABLE, 1);
	wr(GATE, 0x7f);
	wr(DIV1, 8);
	wr(MUX0_SEL, 0);
	wr(PLL0_CTRL, CTRL(1, 40, 3));
	wr(ERROR, 0);
	wr(PLL0_CTRL, CTRL(1, 99, 1));
	run_to(LOCK_PS);
	ck_assert_int_eq(R.level, 1);

	cmu_reset(R.c);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(IRQ_STATUS), 0);
	ck_assert_uint_eq(rd(IRQ_ENABLE), 0);
	ck_assert_uint_eq(rd(ERROR), 0);
	ck_assert_uint_eq(rd(PLL0_CTRL), CTRL(1, 25, 3));
	ck_assert_uint_eq(rd(GATE), 0x09);
	ck_assert_uint_eq(rd(DIV1), 2);
	ck_assert_uint_eq(rd(MUX0_SEL), 1);
	ck_assert_uint_eq(clk_rate(out(16)), 200 * MHZ);

	/* Retention keeps the state but the registers cannot be reached. */
	wr(GATE, 0x7f);
	wr(IRQ_ENABLE, 1);
	cmu_set_power(R.c, PD_RETENTION);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + GATE, 4, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + GATE, 4, 0), BUS_ERR_DEVICE);
	cmu_set_power(R.c, PD_ON);
	ck_assert_uint_eq(rd(GATE), 0x7f);
	ck_assert_uint_eq(rd(IRQ_ENABLE), 1);

	/* Off loses everything: the outputs go back to reset. */
	wr(MUX0_SEL, 0);
	cmu_set_power(R.c, PD_OFF);
	ck_assert_int_eq(bus_read(&R.b, BASE + ID, 4, &v), BUS_ERR_DEVICE);
	ck_assert_uint_eq(clk_rate(out(16)), 200 * MHZ);
	ck_assert_uint_eq(clk_gate_get(out(65)), false);
	cmu_set_power(R.c, PD_ON);
	ck_assert_uint_eq(rd(IRQ_ENABLE), 0);
	ck_assert_uint_eq(rd(GATE), 0x09);
	ck_assert_uint_eq(rd(MUX0_SEL), 1);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

extern const struct dev_type cmu_dev_type;

/* The binding: create from the node, as the SoC builder does. */
START_TEST(dev_type_create)
{
	static struct soc soc; /* large; zeroed: no core, no devices */
	memset(&soc, 0, sizeof soc);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.num_irq = 8;
	struct dt_node n = { .fdt = R.fdt, .off = R.node };
	snprintf(n.path, sizeof n.path, "/clock-controller@40020000");
	ck_assert_str_eq(cmu_dev_type.compatible, "pmsim,cmu");
	void *state = NULL;
	struct err e = { "" };
	ck_assert_int_eq(cmu_dev_type.create(&soc, &n, &state, &e), -1);
	ck_assert_str_eq(e.msg, "/clock-controller@40020000: the SoC has no clock tree for the "
				"CMU to program");
	soc.clocks = R.t;
	ck_assert_int_eq(cmu_dev_type.create(&soc, &n, &state, &e), -1);
	ck_assert_str_eq(e.msg, "/clock-controller@40020000: interrupt 10 is beyond the NVIC's "
				"8 external lines");
	soc.num_irq = 32;
	ck_assert_int_eq(cmu_dev_type.create(&soc, &n, &state, &e), 0);
	ck_assert_ptr_nonnull(state);
	uint32_t v;
	ck_assert_int_eq(bus_read(&soc.bus, BASE + ID, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x434d5501);
	ck_assert_int_eq(bus_write(&soc.bus, BASE + GATE, 4, 0x7f), BUS_OK);
	cmu_dev_type.reset(state);
	ck_assert_int_eq(bus_read(&soc.bus, BASE + GATE, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x09);
	cmu_dev_type.power(state, PD_RETENTION);
	ck_assert_int_eq(bus_read(&soc.bus, BASE + GATE, 4, &v), BUS_ERR_DEVICE);
	cmu_dev_type.destroy(state);
	bus_free(&soc.bus);
	sched_free(&soc.sched);
}
END_TEST

static Suite *cmu_suite(void)
{
	Suite *s = suite_create("cmu");
	TCase *tc = tcase_create("registers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, identification);
	tcase_add_test(tc, reset_values);
	tcase_add_test(tc, narrow_accesses_refused);
	tcase_add_test(tc, pll_program_and_lock_interrupt);
	tcase_add_test(tc, refused_programming_sets_sticky_errors);
	tcase_add_test(tc, gate_registers);
	tcase_add_test(tc, registers_follow_the_tree);
	tcase_add_test(tc, reset_and_power);
	tcase_add_test(tc, dev_type_create);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(cmu_suite());
}
