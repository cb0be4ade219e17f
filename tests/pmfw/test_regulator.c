/*
 * The regulator framework (firmware/pmfw/drivers/regulator/) on the host,
 * with regulators of the test's own on tests/pmfw/regulator_test.dts:
 * counted enables switch a supply chain on in order and off in reverse;
 * always-on rails never go off; the voltage is the lowest every consumer
 * accepts, within the constraints, refused (and undone) when their ranges
 * do not meet; the ramp and the enable time are waited for; notifiers can
 * veto a voltage change; a missing supply gives the dummy regulator, or
 * -ENODEV when optional, and one not registered yet -EPROBE_DEFER.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>

#include <linux/delay.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/of.h>
#include <linux/regulator/consumer.h>
#include <linux/regulator/driver.h>

#include "../unit/check_run.h"

struct fake {
	struct regulator_desc desc;
	bool on;
	int uv;
	int order; /* when it was last switched on */
};

static int clock_tick;

static int f_enable(struct regulator_dev *r)
{
	struct fake *f = rdev_get_drvdata(r);
	f->on = true;
	f->order = ++clock_tick;
	return 0;
}
static int f_disable(struct regulator_dev *r)
{
	struct fake *f = rdev_get_drvdata(r);
	f->on = false;
	f->order = ++clock_tick;
	return 0;
}
static int f_is_enabled(struct regulator_dev *r)
{
	return ((struct fake *)rdev_get_drvdata(r))->on;
}
static int f_get_voltage(struct regulator_dev *r)
{
	return ((struct fake *)rdev_get_drvdata(r))->uv;
}
static int f_set_voltage(struct regulator_dev *r, int min, int max, unsigned int *sel)
{
	((struct fake *)rdev_get_drvdata(r))->uv = min;
	return 0;
}

static const struct regulator_ops f_ops = {
	.enable = f_enable, .disable = f_disable, .is_enabled = f_is_enabled,
	.get_voltage = f_get_voltage, .set_voltage = f_set_voltage,
};

/* Regulators with modes: the fake keeps the last one set. */
struct moded {
	struct regulator_desc desc;
	unsigned int mode, sets;
};

static int m_set_mode(struct regulator_dev *r, unsigned int mode)
{
	struct moded *m = rdev_get_drvdata(r);
	m->mode = mode;
	m->sets++;
	return 0;
}
static unsigned int m_get_mode(struct regulator_dev *r)
{
	return ((struct moded *)rdev_get_drvdata(r))->mode;
}
/* pmsim's DT numbers, as drivers/regulator/pmsim-pmic.c maps them. */
static unsigned int m_of_map_mode(unsigned int mode)
{
	static const unsigned int map[] = { REGULATOR_MODE_NORMAL, REGULATOR_MODE_FAST,
					    REGULATOR_MODE_IDLE };
	return mode < 3 ? map[mode] : REGULATOR_MODE_INVALID;
}

static const struct regulator_ops m_ops = { .set_mode = m_set_mode, .get_mode = m_get_mode };

static struct fake batt, core, fixed, aon;
static struct moded light, busy;


static struct device_node *node(const char *path)
{
	struct device_node *np = of_find_node_by_path(path);
	ck_assert_msg(np != NULL, "no %s", path);
	return np;
}

static void reg_moded(struct moded *m, const char *path)
{
	m->desc.name = path;
	m->desc.ops = &m_ops;
	m->desc.of_map_mode = m_of_map_mode;
	m->mode = REGULATOR_MODE_NORMAL;
	struct regulator_config cfg = { .of_node = node(path), .driver_data = m };
	ck_assert(!IS_ERR(regulator_register(NULL, &m->desc, &cfg)));
}

static void reg(struct fake *f, const char *path, int uv)
{
	f->desc.name = path;
	f->desc.ops = &f_ops;
	f->desc.supply_name = "vin";
	f->uv = uv;
	struct regulator_config cfg = { .of_node = node(path), .driver_data = f };
	ck_assert(!IS_ERR(regulator_register(NULL, &f->desc, &cfg)));
}

static void setup(void)
{
	static char blob[4096] __attribute__((aligned(8)));
	FILE *fp = fopen(PMSIM_TEST_BIN_DIR "/tests/pmfw/regulator_test.dtb", "rb");
	ck_assert_ptr_nonnull(fp);
	ck_assert_uint_gt(fread(blob, 1, sizeof blob, fp), 40);
	fclose(fp);
	ck_assert_int_eq(early_init_dt_verify(blob), 0);
	ck_assert_int_eq(unflatten_device_tree(), 0);
	reg(&batt, "/regs/batt", 3700000);
	reg(&core, "/regs/core", 1000000);
	reg(&fixed, "/regs/fixed", 1000000);
	reg(&aon, "/regs/aon", 900000);
	reg_moded(&light, "/regs/light");
	reg_moded(&busy, "/regs/busy");
}

static struct device dev0 = { .init_name = "dev0" }, dev1 = { .init_name = "dev1" };

static void devices(void)
{
	dev0.of_node = node("/dev0");
	dev1.of_node = node("/dev1");
}

START_TEST(modes_are_constrained_as_in_linux)
{
	setup();
	devices();
	/* regulator-initial-mode 2 (PFM) is IDLE, set at registration. */
	ck_assert_uint_eq(light.mode, REGULATOR_MODE_IDLE);
	ck_assert_uint_eq(busy.sets, 0);
	struct regulator *l = regulator_get(&dev1, "light"), *b = regulator_get(&dev1, "busy");
	struct regulator *c = regulator_get(&dev1, "cpu");
	ck_assert(!IS_ERR(l) && !IS_ERR(b) && !IS_ERR(c));
	ck_assert_uint_eq(regulator_get_mode(l), REGULATOR_MODE_IDLE);
	/* Allowed: NORMAL and IDLE (the 7 was dropped). */
	ck_assert_int_eq(regulator_set_mode(l, REGULATOR_MODE_NORMAL), 0);
	ck_assert_uint_eq(light.mode, REGULATOR_MODE_NORMAL);
	/* FAST is not allowed and nothing hungrier is: refused. */
	ck_assert_int_eq(regulator_set_mode(l, REGULATOR_MODE_FAST), -EINVAL);
	ck_assert_uint_eq(light.mode, REGULATOR_MODE_NORMAL);
	ck_assert_int_eq(regulator_set_mode(l, REGULATOR_MODE_FAST | REGULATOR_MODE_IDLE),
			 -EINVAL);
	/* The present mode again: nothing is written. */
	unsigned int sets = light.sets;
	ck_assert_int_eq(regulator_set_mode(l, REGULATOR_MODE_NORMAL), 0);
	ck_assert_uint_eq(light.sets, sets);
	/* FAST and NORMAL allowed: IDLE falls back to NORMAL, STANDBY too. */
	ck_assert_int_eq(regulator_set_mode(b, REGULATOR_MODE_FAST), 0);
	ck_assert_uint_eq(busy.mode, REGULATOR_MODE_FAST);
	ck_assert_int_eq(regulator_set_mode(b, REGULATOR_MODE_IDLE), 0);
	ck_assert_uint_eq(busy.mode, REGULATOR_MODE_NORMAL);
	ck_assert_int_eq(regulator_set_mode(b, REGULATOR_MODE_FAST), 0);
	ck_assert_int_eq(regulator_set_mode(b, REGULATOR_MODE_STANDBY), 0);
	ck_assert_uint_eq(busy.mode, REGULATOR_MODE_NORMAL);
	/* No regulator-allowed-modes: mode changes are not allowed. */
	ck_assert_int_eq(regulator_set_mode(c, REGULATOR_MODE_IDLE), -EPERM);
}
END_TEST

START_TEST(enables_follow_the_supply_chain)
{
	setup();
	devices();
	ck_assert(aon.on && fixed.on); /* always-on, with its supply */
	ck_assert_int_eq(fixed.uv, 1100000); /* min == max: applied */
	struct regulator *a = regulator_get(&dev0, "cpu"), *b = regulator_get(&dev1, "cpu");
	ck_assert(!IS_ERR(a) && !IS_ERR(b));
	unsigned long slept = host_slept_us;
	ck_assert_int_eq(regulator_enable(a), 0);
	ck_assert(core.on && batt.on);
	ck_assert_int_lt(batt.order, core.order);       /* supply first */
	ck_assert_uint_eq(host_slept_us - slept, 200);  /* enable ramp */
	ck_assert_int_eq(regulator_enable(b), 0);
	ck_assert_int_eq(regulator_disable(a), 0);
	ck_assert(core.on);                             /* b still has it */
	ck_assert_int_eq(regulator_disable(b), 0);
	ck_assert(!core.on && !batt.on);
	ck_assert_int_lt(core.order, batt.order);       /* supply last */
	ck_assert_int_eq(regulator_disable(b), -EIO);   /* more disables than enables */
	/* The always-on rail stays on whatever its consumers do. */
	struct regulator *m = regulator_get(&dev0, "mem");
	ck_assert_int_eq(regulator_enable(m), 0);
	ck_assert_int_eq(regulator_disable(m), 0);
	ck_assert(fixed.on);
}
END_TEST

START_TEST(voltage_is_the_lowest_all_accept)
{
	setup();
	devices();
	struct regulator *a = regulator_get(&dev0, "cpu"), *b = regulator_get(&dev1, "cpu");
	ck_assert_int_eq(regulator_set_voltage(a, 900000, 1200000), 0);
	ck_assert_int_eq(core.uv, 900000);
	unsigned long slept = host_slept_us;
	ck_assert_int_eq(regulator_set_voltage(b, 1100000, 1200000), 0);
	ck_assert_int_eq(core.uv, 1100000);
	ck_assert_uint_eq(host_slept_us - slept, 20); /* 200 mV at 10 mV/us */
	ck_assert_int_eq(regulator_get_voltage(a), 1100000);
	/* Ranges that do not meet: refused, b's old request kept. */
	ck_assert_int_eq(regulator_set_voltage(b, 1000000, 1050000), 0);
	ck_assert_int_eq(regulator_set_voltage(a, 1100000, 1200000), -EINVAL);
	ck_assert_int_eq(core.uv, 1000000);
	/* Outside the constraints. */
	ck_assert_int_eq(regulator_set_voltage(a, 1300000, 1400000), -EINVAL);
	/* A fixed rail takes only what it already is. */
	struct regulator *m = regulator_get(&dev0, "mem");
	ck_assert_int_eq(regulator_set_voltage(m, 1000000, 1100000), 0);
	ck_assert_int_eq(regulator_set_voltage(m, 1200000, 1300000), -EPERM);
	ck_assert_int_eq(regulator_is_supported_voltage(m, 1100000, 1100000), 1);
}
END_TEST

static int pre, post, aborted, veto;

static int nb_fn(struct notifier_block *nb, unsigned long ev, void *data)
{
	if (ev & REGULATOR_EVENT_PRE_VOLTAGE_CHANGE) {
		pre++;
		return veto ? NOTIFY_BAD : NOTIFY_OK;
	}
	post += !!(ev & REGULATOR_EVENT_VOLTAGE_CHANGE);
	aborted += !!(ev & REGULATOR_EVENT_ABORT_VOLTAGE_CHANGE);
	return NOTIFY_OK;
}

START_TEST(notifiers_see_and_veto_changes)
{
	setup();
	devices();
	struct regulator *a = regulator_get(&dev0, "cpu");
	struct notifier_block nb = { .notifier_call = nb_fn };
	ck_assert_int_eq(regulator_register_notifier(a, &nb), 0);
	ck_assert_int_eq(regulator_set_voltage(a, 1200000, 1200000), 0);
	ck_assert_int_eq(pre, 1);
	ck_assert_int_eq(post, 1);
	veto = 1;
	ck_assert_int_eq(regulator_set_voltage(a, 800000, 800000), -EBUSY);
	ck_assert_int_eq(core.uv, 1200000);
	ck_assert_int_eq(aborted, 1);
}
END_TEST

START_TEST(missing_and_late_supplies)
{
	setup();
	devices();
	struct regulator *d = regulator_get(&dev1, "mem");  /* dev1 has no mem-supply */
	ck_assert(!IS_ERR(d));
	ck_assert_int_eq(regulator_enable(d), 0);          /* the dummy: always on */
	ck_assert_int_eq(regulator_is_enabled(d), 1);
	ck_assert_ptr_eq(regulator_get_optional(&dev1, "mem"), ERR_PTR(-ENODEV));
	ck_assert_ptr_eq(regulator_get(&dev0, "late"), ERR_PTR(-EPROBE_DEFER));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_regulator");
	TCase *tc = tcase_create("regulator");
	tcase_add_test(tc, modes_are_constrained_as_in_linux);
	tcase_add_test(tc, enables_follow_the_supply_chain);
	tcase_add_test(tc, voltage_is_the_lowest_all_accept);
	tcase_add_test(tc, notifiers_see_and_veto_changes);
	tcase_add_test(tc, missing_and_late_supplies);
	suite_add_tcase(s, tc);
	return check_run(s);
}
