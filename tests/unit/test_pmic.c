/*
 * Unit tests for the PMIC register front-end (devices/pmic.c): every
 * register through bus_read/bus_write, status bits following the rails'
 * enable delays and ramps in simulated time, refused requests latching the
 * error bit, the completion interrupt, access widths, and the device-tree
 * binding (regulator order, errors).
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "devices/pmic.h"
#include "pm/regulator.h"
#include "sim/soc.h"
#include "check_run.h"

#define BASE 0x40020000u
#define US PS_PER_US
#define MS PS_PER_MS

extern const struct dev_type pmic_dev_type;

/* Register block of regulator n. */
#define R(n, reg) (PMIC_REG_BASE + (n) * PMIC_REG_STRIDE + (reg))

static struct {
	struct soc soc;      /* sched, bus and rails are all a PMIC uses */
	void *fdt;
	struct pmic *p;
	struct err e;
	int level;
	unsigned edges;
} T;

static const char dts[] =
	"/dts-v1/;\n"
	"/ {\n"
	"  #address-cells = <1>; #size-cells = <1>;\n"
	"  battery: battery { compatible = \"pmsim,battery\"; pmsim,microvolt = <3700000>; };\n"
	"  pmic@40020000 {\n"
	"    compatible = \"pmsim,pmic\"; reg = <0x40020000 0x1000>;\n"
	"    regulators {\n"
	"      buck1 {\n"
	"        regulator-name = \"vdd_core\";\n"
	"        regulator-min-microvolt = <800000>; regulator-max-microvolt = <1200000>;\n"
	"        pmsim,microvolt = <800000>; pmsim,step-microvolt = <12500>;\n"
	"        regulator-ramp-delay = <10000>; regulator-enable-ramp-delay = <100>;\n"
	"        pmsim,efficiency-percent = <90>; regulator-boot-on;\n"
	"      };\n"
	"      io: buck2 {\n"
	"        regulator-name = \"vdd_io\"; pmsim,microvolt = <3300000>;\n"
	"        regulator-boot-on;\n"
	"        pmsim,pwm-efficiency = <100 600 100000 900>;\n"
	"        pmsim,pfm-efficiency = <10 800 10000 880>;\n"
	"        pmsim,pfm-threshold-microamp = <5000>;\n"
	"        regulator-allowed-modes = <0 2>;\n"
	"      };\n"
	"      ldo1 {\n"
	"        regulator-name = \"vdd_aon\"; pmsim,microvolt = <900000>;\n"
	"        regulator-always-on;\n"
	"      };\n"
	"      ldo2 {\n"
	"        regulator-name = \"vdd_ana\"; pmsim,microvolt = <1200000>;\n"
	"        regulator-enable-ramp-delay = <50>; vin-supply = <&io>;\n"
	"      };\n"
	"      ldo3 { status = \"disabled\"; pmsim,microvolt = <1000000>; };\n"
	"    };\n"
	"  };\n"
	"  small@40030000 { compatible = \"pmsim,pmic\"; reg = <0x40030000 0x100>;\n"
	"    buck9 { pmsim,microvolt = <1000000>; }; };\n"
	"};\n";

enum { CORE, IO, AON, ANA };

static void *dtb_compile(const char *src)
{
	char in[] = "/tmp/test_pmic_XXXXXX";
	int fd = mkstemp(in);
	ck_assert_int_ge(fd, 0);
	size_t len = strlen(src);
	ck_assert_int_eq(write(fd, src, len), (ssize_t)len);
	close(fd);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "dtc -q -I dts -O dtb %s", in);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	size_t cap = 1 << 16, n = 0, got;
	char *buf = malloc(cap);
	ck_assert_ptr_nonnull(buf);
	while ((got = fread(buf + n, 1, cap - n, f)) > 0)
		n += got;
	ck_assert_int_eq(pclose(f), 0);
	unlink(in);
	ck_assert_uint_lt(n, cap);
	ck_assert_int_eq(fdt_check_header(buf), 0);
	return buf;
}

static void irq_cb(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &T);
	ck_assert_int_eq(num, 7);
	ck_assert_int_ne(level, T.level);
	T.level = level;
	T.edges++;
}

static void setup(void)
{
	memset(&T, 0, sizeof T);
	sched_init(&T.soc.sched);
	ck_assert_int_eq(bus_init(&T.soc.bus), 0);
	T.fdt = dtb_compile(dts);
	T.soc.rails = rail_set_new(T.fdt, &T.soc.sched, NULL, &T.e);
	if (!T.soc.rails)
		ck_abort_msg("rail_set_new: %s", T.e.msg);
}

/* The PMIC on the first four rails, as its DT node orders them. */
static void setup_direct(void)
{
	setup();
	struct pm_rail *rails[4];
	for (unsigned i = 0; i < 4; i++)
		rails[i] = rail_at(T.soc.rails, i);
	T.p = pmic_new(&T.soc.bus, &T.soc.sched, BASE, rails, 4,
		       (struct irq_line){ irq_cb, &T, 7 });
	ck_assert_ptr_nonnull(T.p);
}

static void teardown(void)
{
	pmic_free(T.p);
	rail_set_free(T.soc.rails);
	free(T.fdt);
	bus_free(&T.soc.bus);
	sched_free(&T.soc.sched);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&T.soc.bus, BASE + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&T.soc.bus, BASE + off, 4, v), BUS_OK);
}

static void run_to(simtime_t t)
{
	sched_run_until(&T.soc.sched, t);
}

/* ---- registers ----------------------------------------------------------- */

START_TEST(identification)
{
	ck_assert_uint_eq(rd(PMIC_ID), 0x504d4943);
	ck_assert_uint_eq(rd(PMIC_VERSION), 0x00010000);
	ck_assert_uint_eq(rd(PMIC_NREG), 4);
	/* Writes to read-only registers change nothing. */
	wr(PMIC_ID, 0);
	wr(PMIC_NREG, 9);
	ck_assert_uint_eq(rd(PMIC_ID), 0x504d4943);
	ck_assert_uint_eq(rd(PMIC_NREG), 4);
	/* Blocks beyond the last regulator read as zero and ignore writes. */
	wr(R(4, PMIC_REG_CTRL), 1);
	ck_assert_uint_eq(rd(R(4, PMIC_REG_CTRL)), 0);
	ck_assert_uint_eq(rd(R(4, PMIC_REG_VSET)), 0);
}
END_TEST

START_TEST(reset_state_of_each_regulator)
{
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_CTRL)), PMIC_CTRL_EN);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VSET)), 800000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VOUT)), 800000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_STATUS)), PMIC_ST_ON | PMIC_ST_SETTLED);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_CTRL)), 0);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_VSET)), 1200000);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_VOUT)), 0);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_SETTLED);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 0);
	ck_assert_uint_eq(rd(PMIC_IRQ_ENABLE), 0);
}
END_TEST

START_TEST(enable_through_ctrl_takes_the_enable_delay)
{
	sched_set_now(&T.soc.sched, 10 * US);
	wr(R(ANA, PMIC_REG_CTRL), PMIC_CTRL_EN);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_CTRL)), PMIC_CTRL_EN);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_RAMPING);
	run_to(60 * US - 1);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_VOUT)), 0);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 0);
	run_to(60 * US);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_ON | PMIC_ST_SETTLED);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_VOUT)), 1200000);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 1u << ANA);
	ck_assert_int_eq(T.level, 0); /* not enabled */
	/* Disabling is immediate here (no off-delay). */
	wr(R(ANA, PMIC_REG_CTRL), 0);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_SETTLED);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_VOUT)), 0);
	ck_assert(!rail_is_on(rail_at(T.soc.rails, ANA)));
}
END_TEST

START_TEST(vset_ramps_and_vout_follows)
{
	sched_set_now(&T.soc.sched, 100 * US);
	wr(R(CORE, PMIC_REG_VSET), 1000000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VSET)), 1000000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_STATUS)), PMIC_ST_ON | PMIC_ST_RAMPING);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VOUT)), 800000);
	run_to(105 * US); /* 4 steps of 12.5 mV, 1.25 us each */
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VOUT)), 850000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_STATUS)), PMIC_ST_ON | PMIC_ST_RAMPING);
	run_to(120 * US - 1);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VOUT)), 987500);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 0); /* intermediate steps raise nothing */
	run_to(120 * US);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VOUT)), 1000000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_STATUS)), PMIC_ST_ON | PMIC_ST_SETTLED);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 1u << CORE);
}
END_TEST

START_TEST(refused_requests_set_the_error_bit)
{
	wr(R(CORE, PMIC_REG_VSET), 1300000);  /* above max */
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VSET)), 800000);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_STATUS)),
			  PMIC_ST_ON | PMIC_ST_SETTLED | PMIC_ST_ERR);
	/* Sticky: a good request does not clear it... */
	wr(R(CORE, PMIC_REG_VSET), 812500);
	ck_assert(rd(R(CORE, PMIC_REG_STATUS)) & PMIC_ST_ERR);
	/* ...writing 1 to it does. */
	wr(R(CORE, PMIC_REG_STATUS), PMIC_ST_ERR);
	ck_assert(!(rd(R(CORE, PMIC_REG_STATUS)) & PMIC_ST_ERR));
	/* Off the 12.5 mV grid. */
	wr(R(CORE, PMIC_REG_VSET), 805000);
	ck_assert(rd(R(CORE, PMIC_REG_STATUS)) & PMIC_ST_ERR);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VSET)), 812500);
	/* Switching an always-on regulator off. */
	wr(R(AON, PMIC_REG_CTRL), 0);
	ck_assert_uint_eq(rd(R(AON, PMIC_REG_CTRL)), PMIC_CTRL_EN);
	ck_assert_uint_eq(rd(R(AON, PMIC_REG_STATUS)),
			  PMIC_ST_ON | PMIC_ST_SETTLED | PMIC_ST_ERR);
	/* Other regulators are unaffected. */
	ck_assert(!(rd(R(IO, PMIC_REG_STATUS)) & PMIC_ST_ERR));
}
END_TEST

START_TEST(mode_register)
{
	/* vdd_io: AUTO at reset, running in PFM without a load. */
	ck_assert_uint_eq(rd(R(IO, PMIC_REG_MODE)),
			  RAIL_MODE_AUTO | RAIL_MODE_PFM << PMIC_MODE_OP_SHIFT);
	wr(R(IO, PMIC_REG_MODE), RAIL_MODE_PFM);
	ck_assert_uint_eq(rd(R(IO, PMIC_REG_MODE)),
			  RAIL_MODE_PFM | RAIL_MODE_PFM << PMIC_MODE_OP_SHIFT);
	ck_assert(!(rd(R(IO, PMIC_REG_STATUS)) & PMIC_ST_ERR));
	/* PWM is not in its regulator-allowed-modes: refused like a bad VSET. */
	wr(R(IO, PMIC_REG_MODE), RAIL_MODE_PWM);
	ck_assert(rd(R(IO, PMIC_REG_STATUS)) & PMIC_ST_ERR);
	ck_assert_uint_eq(rd(R(IO, PMIC_REG_MODE)) & PMIC_MODE_SET_MASK, RAIL_MODE_PFM);
	wr(R(IO, PMIC_REG_STATUS), PMIC_ST_ERR);
	/* The read-only field is ignored on a write. */
	wr(R(IO, PMIC_REG_MODE), RAIL_MODE_AUTO | RAIL_MODE_PWM << PMIC_MODE_OP_SHIFT);
	ck_assert_uint_eq(rd(R(IO, PMIC_REG_MODE)),
			  RAIL_MODE_AUTO | RAIL_MODE_PFM << PMIC_MODE_OP_SHIFT);
	ck_assert(!(rd(R(IO, PMIC_REG_STATUS)) & PMIC_ST_ERR));
	/* vdd_core has one efficiency: PWM only. */
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_MODE)),
			  RAIL_MODE_PWM | RAIL_MODE_PWM << PMIC_MODE_OP_SHIFT);
	wr(R(CORE, PMIC_REG_MODE), RAIL_MODE_AUTO);
	ck_assert(rd(R(CORE, PMIC_REG_STATUS)) & PMIC_ST_ERR);
	/* An LDO has no modes: reads 0, refuses every write. */
	ck_assert_uint_eq(rd(R(AON, PMIC_REG_MODE)), 0);
	wr(R(AON, PMIC_REG_MODE), RAIL_MODE_AUTO);
	ck_assert(rd(R(AON, PMIC_REG_STATUS)) & PMIC_ST_ERR);
}
END_TEST

START_TEST(waiting_for_a_supply_that_is_off)
{
	wr(R(IO, PMIC_REG_CTRL), 0);
	wr(R(ANA, PMIC_REG_CTRL), PMIC_CTRL_EN);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_WAITING);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_CTRL)), PMIC_CTRL_EN);
	sched_set_now(&T.soc.sched, 1 * MS);
	wr(R(IO, PMIC_REG_CTRL), PMIC_CTRL_EN);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_RAMPING);
	run_to(1 * MS + 50 * US);
	ck_assert_uint_eq(rd(R(ANA, PMIC_REG_STATUS)), PMIC_ST_ON | PMIC_ST_SETTLED);
}
END_TEST

START_TEST(completion_interrupt)
{
	wr(PMIC_IRQ_ENABLE, 0xffffffff);
	ck_assert_uint_eq(rd(PMIC_IRQ_ENABLE), 0xf); /* one bit per regulator */
	wr(R(CORE, PMIC_REG_VSET), 825000);
	run_to(2 * US);
	ck_assert_int_eq(T.level, 0);
	run_to(2500000);
	ck_assert_int_eq(T.level, 1);
	ck_assert_uint_eq(T.edges, 1);
	/* Masking lowers the line, unmasking raises it again. */
	wr(PMIC_IRQ_ENABLE, 1u << ANA);
	ck_assert_int_eq(T.level, 0);
	wr(PMIC_IRQ_ENABLE, 1u << CORE);
	ck_assert_int_eq(T.level, 1);
	/* Write-one-to-clear. */
	wr(PMIC_IRQ_STATUS, 1u << ANA);
	ck_assert_int_eq(T.level, 1);
	wr(PMIC_IRQ_STATUS, 1u << CORE);
	ck_assert_int_eq(T.level, 0);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 0);
	/* A change made by someone else (the PMU) also completes. */
	rail_set_voltage(rail_at(T.soc.rails, CORE), 800000);
	run_to(10 * US);
	ck_assert_int_eq(T.level, 1);
	ck_assert_uint_eq(T.edges, 5);
	/* Reset clears the latch and the mask. */
	pmic_reset(T.p);
	ck_assert_int_eq(T.level, 0);
	ck_assert_uint_eq(rd(PMIC_IRQ_ENABLE), 0);
	ck_assert_uint_eq(rd(PMIC_IRQ_STATUS), 0);
}
END_TEST

START_TEST(word_accesses_only)
{
	uint32_t v;
	ck_assert_int_eq(bus_read(&T.soc.bus, BASE + PMIC_ID, 1, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_read(&T.soc.bus, BASE + PMIC_ID, 2, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&T.soc.bus, BASE + R(CORE, PMIC_REG_VSET), 2, 0x1000),
			 BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_read(&T.soc.bus, BASE + 2, 4, &v), BUS_ERR_DEVICE);
	ck_assert_uint_eq(rd(R(CORE, PMIC_REG_VSET)), 800000);
}
END_TEST

/* ---- device tree --------------------------------------------------------- */

static struct dt_node node_at(const char *path)
{
	struct dt_node n = { .fdt = T.fdt, .off = fdt_path_offset(T.fdt, path) };
	ck_assert_int_ge(n.off, 0);
	snprintf(n.path, sizeof n.path, "%s", path);
	return n;
}

START_TEST(created_from_its_node)
{
	struct dt_node n = node_at("/pmic@40020000");
	void *state = NULL;
	if (pmic_dev_type.create(&T.soc, &n, &state, &T.e) < 0)
		ck_abort_msg("create: %s", T.e.msg);
	T.p = state;
	ck_assert_str_eq(pmic_dev_type.compatible, "pmsim,pmic");
	/* The disabled ldo3 is not a regulator of the PMIC. */
	ck_assert_uint_eq(rd(PMIC_NREG), 4);
	ck_assert_uint_eq(rd(R(AON, PMIC_REG_VSET)), 900000);
	ck_assert_uint_eq(rd(R(IO, PMIC_REG_VSET)), 3300000);
	wr(R(CORE, PMIC_REG_VSET), 812500);
	ck_assert_uint_eq(rail_target_microvolt(rail_by_name(T.soc.rails, "vdd_core")), 812500);
	pmic_dev_type.reset(state);
}
END_TEST

START_TEST(binding_errors)
{
	struct dt_node n = node_at("/small@40030000");
	void *state = NULL;
	ck_assert_int_eq(pmic_dev_type.create(&T.soc, &n, &state, &T.e), -1);
	ck_assert_str_eq(T.e.msg, "/small@40030000: reg size 0x100 is smaller than the PMIC's "
			 "4 KiB register block");
	n = node_at("/pmic@40020000");
	struct rail_set *rs = T.soc.rails;
	T.soc.rails = NULL;
	ck_assert_int_eq(pmic_dev_type.create(&T.soc, &n, &state, &T.e), -1);
	ck_assert_str_eq(T.e.msg, "/pmic@40020000: the SoC has no rail set to program");
	T.soc.rails = rs;
	ck_assert_ptr_null(state);
}
END_TEST

static Suite *pmic_suite(void)
{
	Suite *s = suite_create("pmic");
	TCase *tc = tcase_create("registers");
	tcase_add_checked_fixture(tc, setup_direct, teardown);
	tcase_add_test(tc, identification);
	tcase_add_test(tc, reset_state_of_each_regulator);
	tcase_add_test(tc, enable_through_ctrl_takes_the_enable_delay);
	tcase_add_test(tc, vset_ramps_and_vout_follows);
	tcase_add_test(tc, refused_requests_set_the_error_bit);
	tcase_add_test(tc, mode_register);
	tcase_add_test(tc, waiting_for_a_supply_that_is_off);
	tcase_add_test(tc, completion_interrupt);
	tcase_add_test(tc, word_accesses_only);
	suite_add_tcase(s, tc);

	tc = tcase_create("binding");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, created_from_its_node);
	tcase_add_test(tc, binding_errors);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(pmic_suite());
}
