/*
 * KUnit suite "cpufreq": the core, cpufreq-dt and the OPP library on the
 * SoC's own OPPs (both SoCs), driven through sysfs as a user would:
 *  - the driver's order: a regulator notifier on the cpu supply and a
 *    clock notifier on the CPU clock record each change; raising the
 *    frequency moves the voltage first, lowering it the clock first; the
 *    transition notifiers see PRECHANGE and POSTCHANGE around them;
 *  - a supply that refuses the new voltage: the change fails, the old
 *    frequency and voltage are back, the core still reports the old
 *    frequency;
 *  - frequency QoS: a max request and a min request limit the policy
 *    (and move the CPU under performance and powersave);
 *  - statistics: total_trans, trans_table and time_in_state count the
 *    changes made.
 * Each case runs under userspace and puts the governor back after. At
 * the end the driver is unbound and bound again (at the lowest OPP), so
 * that the suite leaves no voltage request of the driver's on the cpu
 * supply behind, as a fresh boot has none: the regulator suite moves that
 * supply.
 */
#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/cpu.h>
#include <linux/cpufreq.h>
#include <linux/delay.h>
#include <linux/pm_opp.h>
#include <linux/regulator/consumer.h>
#include <linux/slab.h>
#include <linux/string.h>

#define CPUFREQ "/sys/devices/system/cpu/cpu0/cpufreq"
#define DRV "/sys/bus/platform/drivers/cpufreq-dt"

static char saved_governor[CPUFREQ_NAME_LEN + 2];
static char *buf;
#define BUF_SIZE 1024

/* The changes seen, in order: 'V' voltage (µV), 'C' clock (Hz), 'P'/'Q'
 * transition PRECHANGE/POSTCHANGE (kHz). */
struct event {
	char kind;
	unsigned long value;
};
static struct event events[32];
static unsigned int nevents;
static unsigned long refuse_uv; /* a PRE_VOLTAGE_CHANGE to this is refused */

static void record(char kind, unsigned long value)
{
	if (nevents < ARRAY_SIZE(events))
		events[nevents++] = (struct event){ kind, value };
}

static int supply_event(struct notifier_block *nb, unsigned long event, void *data)
{
	if (event == REGULATOR_EVENT_PRE_VOLTAGE_CHANGE) {
		struct pre_voltage_change_data *pre = data;
		if (refuse_uv && pre->min_uV <= refuse_uv && refuse_uv <= pre->max_uV)
			return NOTIFY_BAD;
	} else if (event == REGULATOR_EVENT_VOLTAGE_CHANGE) {
		record('V', (unsigned long)(uintptr_t)data);
	}
	return NOTIFY_OK;
}

static int clock_event(struct notifier_block *nb, unsigned long event, void *data)
{
	struct clk_notifier_data *d = data;
	if (event == POST_RATE_CHANGE)
		record('C', d->new_rate);
	return NOTIFY_OK;
}

static int transition_event(struct notifier_block *nb, unsigned long event, void *data)
{
	struct cpufreq_freqs *f = data;
	record(event == CPUFREQ_PRECHANGE ? 'P' : 'Q', f->new);
	return NOTIFY_OK;
}

static struct notifier_block supply_nb = { .notifier_call = supply_event };
static struct notifier_block clock_nb = { .notifier_call = clock_event };
static struct notifier_block transition_nb = { .notifier_call = transition_event };
static struct regulator *supply;
static struct clk *cpu_clk;

static const char *read_file(const char *path)
{
	if (kunit_read_file(path, buf, BUF_SIZE) < 0)
		buf[0] = '\0';
	return buf;
}

static unsigned long read_ul(const char *path)
{
	unsigned long v = 0;
	if (kstrtoul(read_file(path), 10, &v))
		return 0;
	return v;
}

/* The unsigned numbers of a text, in order, into v (at most n). */
static unsigned int numbers(const char *t, unsigned long *v, unsigned int n)
{
	unsigned int k = 0;
	while (*t && k < n) {
		if (*t < '0' || *t > '9') {
			t++;
			continue;
		}
		unsigned long x = 0;
		while (*t >= '0' && *t <= '9')
			x = x * 10 + (unsigned long)(*t++ - '0');
		v[k++] = x;
	}
	return k;
}

/* time_in_state's figure for khz (10 ms units), or -1. */
static long time_in_state(unsigned int khz)
{
	unsigned long v[16];
	unsigned int n = numbers(read_file(CPUFREQ "/stats/time_in_state"), v, 16);
	for (unsigned int i = 0; i + 1 < n; i += 2)
		if (v[i] == khz)
			return (long)v[i + 1];
	return -1;
}

static ssize_t set_speed(unsigned int khz)
{
	char text[16];
	snprintf(text, sizeof text, "%u", khz);
	return kunit_write_file(CPUFREQ "/scaling_setspeed", text);
}

/* The policy's table: the lowest and the highest non-boost frequency. */
static void table_bounds(struct cpufreq_policy *policy, unsigned int *lo, unsigned int *hi)
{
	*lo = policy->cpuinfo.min_freq;
	*hi = policy->cpuinfo.max_freq;
}

static int cpufreq_test_init(struct kunit *test)
{
	if (!cpufreq_cpu_get(0))
		kunit_skip(test, "no cpufreq policy");
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	strscpy(saved_governor, read_file(CPUFREQ "/scaling_governor"), sizeof saved_governor);
	if (kunit_write_file(CPUFREQ "/scaling_governor", "userspace") < 0)
		return -EINVAL;
	struct device *cpu_dev = get_cpu_device(0);
	supply = regulator_get(cpu_dev, "cpu");
	cpu_clk = clk_get(cpu_dev, NULL);
	if (IS_ERR(supply) || IS_ERR(cpu_clk))
		return -ENODEV;
	nevents = 0;
	refuse_uv = 0;
	regulator_register_notifier(supply, &supply_nb);
	clk_notifier_register(cpu_clk, &clock_nb);
	cpufreq_register_notifier(&transition_nb, CPUFREQ_TRANSITION_NOTIFIER);
	return 0;
}

static void cpufreq_test_exit(struct kunit *test)
{
	if (!buf)
		return;
	cpufreq_unregister_notifier(&transition_nb, CPUFREQ_TRANSITION_NOTIFIER);
	if (!IS_ERR_OR_NULL(cpu_clk)) {
		clk_notifier_unregister(cpu_clk, &clock_nb);
		clk_put(cpu_clk);
	}
	if (!IS_ERR_OR_NULL(supply)) {
		regulator_unregister_notifier(supply, &supply_nb);
		regulator_put(supply);
	}
	refuse_uv = 0;
	set_speed(cpufreq_cpu_get(0)->cpuinfo.min_freq);
	kunit_write_file(CPUFREQ "/scaling_governor", saved_governor);
	kfree(buf);
	buf = NULL;
}

/* The OPP's voltage for a frequency in kHz. */
static unsigned long opp_uv(unsigned int khz)
{
	struct dev_pm_opp *opp = dev_pm_opp_find_freq_exact(get_cpu_device(0), khz * 1000UL, true);
	return IS_ERR(opp) ? 0 : dev_pm_opp_get_voltage(opp);
}

static void cpufreq_voltage_and_clock_order(struct kunit *test)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(0);
	unsigned int lo, hi;
	table_bounds(policy, &lo, &hi);
	KUNIT_ASSERT_GT(test, set_speed(lo), 0);
	nevents = 0;
	/* Up: PRECHANGE, the voltage, the clock, POSTCHANGE. */
	KUNIT_ASSERT_GT(test, set_speed(hi), 0);
	KUNIT_ASSERT_EQ(test, nevents, 4);
	KUNIT_EXPECT_EQ(test, events[0].kind, 'P');
	KUNIT_EXPECT_EQ(test, events[1].kind, 'V');
	KUNIT_EXPECT_EQ(test, events[1].value, opp_uv(hi));
	KUNIT_EXPECT_EQ(test, events[2].kind, 'C');
	KUNIT_EXPECT_EQ(test, events[2].value, hi * 1000UL);
	KUNIT_EXPECT_EQ(test, events[3].kind, 'Q');
	KUNIT_EXPECT_EQ(test, events[3].value, hi);
	KUNIT_EXPECT_EQ(test, clk_get_rate(cpu_clk), hi * 1000UL);
	KUNIT_EXPECT_EQ(test, regulator_get_voltage(supply), (int)opp_uv(hi));
	KUNIT_EXPECT_EQ(test, read_ul(CPUFREQ "/cpuinfo_cur_freq"), hi);
	/* Down: the clock first, then the voltage. */
	nevents = 0;
	KUNIT_ASSERT_GT(test, set_speed(lo), 0);
	KUNIT_ASSERT_EQ(test, nevents, 4);
	KUNIT_EXPECT_EQ(test, events[0].kind, 'P');
	KUNIT_EXPECT_EQ(test, events[1].kind, 'C');
	KUNIT_EXPECT_EQ(test, events[1].value, lo * 1000UL);
	KUNIT_EXPECT_EQ(test, events[2].kind, 'V');
	KUNIT_EXPECT_EQ(test, events[2].value, opp_uv(lo));
	KUNIT_EXPECT_EQ(test, events[3].kind, 'Q');
	KUNIT_EXPECT_EQ(test, read_ul(CPUFREQ "/scaling_cur_freq"), lo);
	/* The same frequency again: nothing at all. */
	nevents = 0;
	KUNIT_ASSERT_GT(test, set_speed(lo), 0);
	KUNIT_EXPECT_EQ(test, nevents, 0);
}

/* From `from`, a change to `to` whose voltage the supply refuses: the
 * write fails and the CPU is back at from, its clock and voltage too. */
static void refused_change(struct kunit *test, struct cpufreq_policy *policy, unsigned int from,
			   unsigned int to)
{
	refuse_uv = 0;
	KUNIT_ASSERT_GT(test, set_speed(from), 0);
	refuse_uv = opp_uv(to);
	nevents = 0;
	KUNIT_EXPECT_EQ(test, set_speed(to), -EBUSY);
	refuse_uv = 0;
	KUNIT_EXPECT_EQ(test, clk_get_rate(cpu_clk), from * 1000UL);
	KUNIT_EXPECT_EQ(test, regulator_get_voltage(supply), (int)opp_uv(from));
	KUNIT_EXPECT_EQ(test, policy->cur, from);
	KUNIT_EXPECT_EQ(test, read_ul(CPUFREQ "/cpuinfo_cur_freq"), from);
	/* The core announced the way back: the last event is POSTCHANGE to
	 * from. */
	KUNIT_ASSERT_GE(test, nevents, 2);
	KUNIT_EXPECT_EQ(test, events[nevents - 1].kind, 'Q');
	KUNIT_EXPECT_EQ(test, events[nevents - 1].value, from);
}

static void cpufreq_refused_voltage_restores(struct kunit *test)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(0);
	unsigned int lo, hi;
	table_bounds(policy, &lo, &hi);
	/* Up refused at the voltage, which goes first: the clock never
	 * moved. */
	refused_change(test, policy, lo, hi);
	for (unsigned int i = 0; i < nevents; i++)
		KUNIT_EXPECT_NE(test, events[i].kind, 'C');
	/* Down refused at the voltage, which goes after the clock: the clock
	 * went down and came back up; the voltage never moved. */
	refused_change(test, policy, hi, lo);
	KUNIT_ASSERT_GE(test, nevents, 4);
	KUNIT_EXPECT_EQ(test, events[1].kind, 'C');
	KUNIT_EXPECT_EQ(test, events[1].value, lo * 1000UL);
	KUNIT_EXPECT_EQ(test, events[2].kind, 'C');
	KUNIT_EXPECT_EQ(test, events[2].value, hi * 1000UL);
}

/* Add a QoS request for khz: the policy's limit, its sysfs file and the
 * CPU's frequency all become khz (performance and powersave follow). */
static void qos_limit(struct kunit *test, struct cpufreq_policy *policy,
		      struct freq_qos_request *req, enum freq_qos_req_type type, unsigned int khz,
		      const char *file)
{
	KUNIT_ASSERT_GE(test, freq_qos_add_request(&policy->constraints, req, type, (s32)khz), 0);
	KUNIT_EXPECT_EQ(test, type == FREQ_QOS_MAX ? policy->max : policy->min, khz);
	KUNIT_EXPECT_EQ(test, policy->cur, khz);
	KUNIT_EXPECT_EQ(test, read_ul(file), khz);
}

static void cpufreq_qos_limits_policy(struct kunit *test)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(0);
	struct freq_qos_request max_req = { 0 }, min_req = { 0 };
	unsigned int lo, hi;
	table_bounds(policy, &lo, &hi);
	/* The second table frequency: a limit between lo and hi. */
	unsigned int mid = policy->freq_table[1].frequency;
	KUNIT_ASSERT_EQ(test, kunit_write_file(CPUFREQ "/scaling_governor", "performance"), 11);
	KUNIT_EXPECT_EQ(test, policy->cur, hi);
	/* A max request (as thermal would make): the policy's max, and the
	 * CPU follows at once. */
	qos_limit(test, policy, &max_req, FREQ_QOS_MAX, mid, CPUFREQ "/scaling_max_freq");
	/* The user's max above it changes nothing: the smallest max wins. */
	KUNIT_EXPECT_GT(test, kunit_write_file(CPUFREQ "/scaling_max_freq", "4000000"), 0);
	KUNIT_EXPECT_EQ(test, policy->max, mid);
	freq_qos_remove_request(&max_req);
	KUNIT_EXPECT_EQ(test, policy->max, hi);
	KUNIT_EXPECT_EQ(test, policy->cur, hi);
	/* The user's max is a request too: between table frequencies it
	 * resolves down (mid + 1 -> mid). */
	char text[16];
	snprintf(text, sizeof text, "%u", mid + 1);
	KUNIT_EXPECT_GT(test, kunit_write_file(CPUFREQ "/scaling_max_freq", text), 0);
	KUNIT_EXPECT_EQ(test, policy->max, mid);
	KUNIT_EXPECT_EQ(test, policy->cur, mid);
	KUNIT_EXPECT_GT(test, kunit_write_file(CPUFREQ "/scaling_max_freq", "4000000"), 0);
	/* A min request under powersave: the CPU goes up to it. */
	KUNIT_ASSERT_EQ(test, kunit_write_file(CPUFREQ "/scaling_governor", "powersave"), 9);
	KUNIT_EXPECT_EQ(test, policy->cur, lo);
	qos_limit(test, policy, &min_req, FREQ_QOS_MIN, mid, CPUFREQ "/scaling_min_freq");
	freq_qos_remove_request(&min_req);
	KUNIT_EXPECT_EQ(test, policy->cur, lo);
	/* Refused text. */
	KUNIT_EXPECT_EQ(test, kunit_write_file(CPUFREQ "/scaling_min_freq", "fast"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(CPUFREQ "/scaling_governor", "nosuch"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(CPUFREQ "/scaling_setspeed", "1000"), -EINVAL);
}

static void cpufreq_stats_count(struct kunit *test)
{
	struct cpufreq_policy *policy = cpufreq_cpu_get(0);
	unsigned int lo, hi;
	table_bounds(policy, &lo, &hi);
	KUNIT_ASSERT_GT(test, set_speed(lo), 0);
	KUNIT_ASSERT_GT(test, kunit_write_file(CPUFREQ "/stats/reset", "1"), 0);
	KUNIT_EXPECT_EQ(test, read_ul(CPUFREQ "/stats/total_trans"), 0);
	/* lo 30 ms, hi 50 ms, lo: two changes. */
	msleep(30);
	KUNIT_ASSERT_GT(test, set_speed(hi), 0);
	msleep(50);
	KUNIT_ASSERT_GT(test, set_speed(lo), 0);
	KUNIT_EXPECT_EQ(test, read_ul(CPUFREQ "/stats/total_trans"), 2);
	/* time_in_state in 10 ms units, rounded down: lo 30 ms (plus the
	 * sleeps' rounding to jiffies: at most 38 ms) -> 3; hi 50 to 58 ms
	 * -> 5. */
	long t_lo = time_in_state(lo), t_hi = time_in_state(hi);
	KUNIT_EXPECT_GE(test, t_lo, 3);
	KUNIT_EXPECT_LE(test, t_lo, 4);
	KUNIT_EXPECT_EQ(test, t_hi, 5);
	/* trans_table: the header, the columns, then a row per frequency:
	 * one lo -> hi and one hi -> lo, nothing else. */
	unsigned int n = 0;
	struct cpufreq_frequency_table *pos;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		n++;
	unsigned long v[8 + 8 * 9];
	const char *t = read_file(CPUFREQ "/stats/trans_table");
	KUNIT_EXPECT_EQ(test, strncmp(t, "   From  :    To\n", 17), 0);
	KUNIT_ASSERT_EQ(test, numbers(t, v, ARRAY_SIZE(v)), n + n * (n + 1));
	int ilo = cpufreq_frequency_table_get_index(policy, lo);
	int ihi = cpufreq_frequency_table_get_index(policy, hi);
	for (unsigned int i = 0; i < n; i++) {
		unsigned long *row = &v[n + i * (n + 1)];
		KUNIT_EXPECT_EQ(test, row[0], v[i]); /* the row's frequency */
		for (unsigned int j = 0; j < n; j++) {
			unsigned long want = ((int)i == ilo && (int)j == ihi) ||
					     ((int)i == ihi && (int)j == ilo);
			KUNIT_EXPECT_EQ(test, row[1 + j], want);
		}
	}
	/* A reset empties it. */
	KUNIT_ASSERT_GT(test, kunit_write_file(CPUFREQ "/stats/reset", "1"), 0);
	KUNIT_EXPECT_EQ(test, read_ul(CPUFREQ "/stats/total_trans"), 0);
}

static void cpufreq_suite_exit(struct kunit_suite *suite)
{
	if (!cpufreq_cpu_get(0))
		return;
	kunit_write_file(DRV "/unbind", "cpufreq-dt");
	kunit_write_file(DRV "/bind", "cpufreq-dt");
}

static struct kunit_case cpufreq_cases[] = {
	KUNIT_CASE(cpufreq_voltage_and_clock_order),
	KUNIT_CASE(cpufreq_refused_voltage_restores),
	KUNIT_CASE(cpufreq_qos_limits_policy),
	KUNIT_CASE(cpufreq_stats_count),
	{}
};

static struct kunit_suite cpufreq_suite = {
	.name = "cpufreq",
	.suite_exit = cpufreq_suite_exit,
	.init = cpufreq_test_init,
	.exit = cpufreq_test_exit,
	.test_cases = cpufreq_cases,
};
kunit_test_suite(cpufreq_suite);
