/*
 * cpufreq's frequency tables (firmware/pmfw/drivers/cpufreq/
 * freq_table.c) on the host: cpuinfo from the table (boost frequencies
 * only with boost), verify, and the choice of a table frequency by
 * relation within the policy's limits, on the default SoC's table (25,
 * 50, 100, 200 MHz, boost 400 MHz) and the MCU's (16, 48, 80 MHz).
 */
#include <check.h>

#include "../unit/check_run.h"
#include "host_cpufreq.h"

/* The table's frequency for target by relation (kHz). */
static unsigned int pick(unsigned int target, unsigned int relation)
{
	int i = cpufreq_frequency_table_target(&host_policy, target, relation);
	ck_assert_int_ge(i, 0);
	return host_policy.freq_table[i].frequency;
}

START_TEST(cpuinfo_leaves_boost_out)
{
	host_cpufreq_setup(HOST_CPUFREQ_DEFAULT);
	ck_assert_uint_eq(host_policy.cpuinfo.min_freq, 25000);
	ck_assert_uint_eq(host_policy.cpuinfo.max_freq, 200000);
	ck_assert_uint_eq(host_policy.min, 25000);
	ck_assert_uint_eq(host_policy.max, 200000);
	ck_assert_int_eq(host_policy.freq_table_sorted, CPUFREQ_TABLE_SORTED_ASCENDING);
	/* Boost on: 400 MHz joins. */
	host_policy.boost_enabled = true;
	host_policy.cpuinfo.max_freq = 0;
	ck_assert_int_eq(cpufreq_frequency_table_cpuinfo(&host_policy, host_policy.freq_table), 0);
	ck_assert_uint_eq(host_policy.cpuinfo.max_freq, 400000);
	ck_assert_uint_eq(pick(300000, CPUFREQ_RELATION_L), 400000);

	host_cpufreq_setup(HOST_CPUFREQ_MCU);
	ck_assert_uint_eq(host_policy.cpuinfo.min_freq, 16000);
	ck_assert_uint_eq(host_policy.cpuinfo.max_freq, 80000);
}
END_TEST

struct pick_case {
	unsigned int target, relation, want;
};

static void picks(const struct pick_case *c, size_t n)
{
	for (size_t i = 0; i < n; i++)
		ck_assert_uint_eq(pick(c[i].target, c[i].relation), c[i].want);
}

START_TEST(relations_pick_as_linux)
{
	static const struct pick_case soc[] = {
		/* L: the lowest at or above; H: the highest at or below. */
		{ 60000, CPUFREQ_RELATION_L, 100000 }, { 60000, CPUFREQ_RELATION_H, 50000 },
		{ 100000, CPUFREQ_RELATION_L, 100000 }, { 100000, CPUFREQ_RELATION_H, 100000 },
		/* C: the closest: 60 MHz is 10 from 50 and 40 from 100. */
		{ 60000, CPUFREQ_RELATION_C, 50000 }, { 80000, CPUFREQ_RELATION_C, 100000 },
		/* 75 MHz is 25 from both: the lower, as Linux for an ascending table. */
		{ 75000, CPUFREQ_RELATION_C, 50000 },
		/* Beyond the table: L gives the top, H the bottom (boost off). */
		{ 300000, CPUFREQ_RELATION_L, 200000 }, { 10000, CPUFREQ_RELATION_H, 25000 },
		/* The efficient flag changes nothing on these tables. */
		{ 60000, CPUFREQ_RELATION_LE, 100000 }, { 60000, CPUFREQ_RELATION_HE, 50000 },
		{ 60000, CPUFREQ_RELATION_CE, 50000 },
	};
	static const struct pick_case mcu[] = {
		/* 32 MHz: 16 from both 16 and 48: the lower. */
		{ 32000, CPUFREQ_RELATION_C, 16000 }, { 33000, CPUFREQ_RELATION_C, 48000 },
		{ 33000, CPUFREQ_RELATION_H, 16000 }, { 81000, CPUFREQ_RELATION_L, 80000 },
	};
	host_cpufreq_setup(HOST_CPUFREQ_DEFAULT);
	picks(soc, ARRAY_SIZE(soc));
	host_cpufreq_setup(HOST_CPUFREQ_MCU);
	picks(mcu, ARRAY_SIZE(mcu));
}
END_TEST

START_TEST(limits_bound_the_choice)
{
	host_cpufreq_setup(HOST_CPUFREQ_DEFAULT);
	/* min 60 MHz resolves up to 100, max 150 down to 100. */
	host_cpufreq_limits(60000, 150000);
	ck_assert_uint_eq(host_policy.min, 100000);
	ck_assert_uint_eq(host_policy.max, 100000);
	/* Every relation then gives 100 MHz. */
	ck_assert_uint_eq(pick(25000, CPUFREQ_RELATION_L), 100000);
	ck_assert_uint_eq(pick(200000, CPUFREQ_RELATION_H), 100000);
	/* The driver's resolution clamps first (L within 50..200). */
	host_cpufreq_limits(50000, 200000);
	ck_assert_uint_eq(cpufreq_driver_resolve_freq(&host_policy, 1), 50000);
	ck_assert_uint_eq(cpufreq_driver_resolve_freq(&host_policy, 50001), 100000);
	ck_assert_uint_eq(cpufreq_driver_resolve_freq(&host_policy, 999999), 200000);
	/* An index by exact frequency; none for one off the table. */
	ck_assert_int_eq(cpufreq_frequency_table_get_index(&host_policy, 100000), 2);
	ck_assert_int_eq(cpufreq_frequency_table_get_index(&host_policy, 100001), -EINVAL);
}
END_TEST

START_TEST(verify_keeps_a_table_frequency_in_range)
{
	host_cpufreq_setup(HOST_CPUFREQ_DEFAULT);
	struct cpufreq_policy_data d = {
		.cpuinfo = host_policy.cpuinfo, .freq_table = host_policy.freq_table,
		.min = 10000, .max = 300000,
	};
	/* Clamped to cpuinfo: 25..200 MHz. */
	ck_assert_int_eq(cpufreq_generic_frequency_table_verify(&d), 0);
	ck_assert_uint_eq(d.min, 25000);
	ck_assert_uint_eq(d.max, 200000);
	/* 60..90 MHz holds no table frequency: max rises to the next, 100. */
	d.min = 60000;
	d.max = 90000;
	cpufreq_generic_frequency_table_verify(&d);
	ck_assert_uint_eq(d.min, 60000);
	ck_assert_uint_eq(d.max, 100000);
	/* min above max: min comes down to max. */
	d.min = 150000;
	d.max = 100000;
	cpufreq_generic_frequency_table_verify(&d);
	ck_assert_uint_eq(d.min, 100000);
	ck_assert_uint_eq(d.max, 100000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpufreq frequency table");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, cpuinfo_leaves_boost_out);
	tcase_add_test(tc, relations_pick_as_linux);
	tcase_add_test(tc, limits_bound_the_choice);
	tcase_add_test(tc, verify_keeps_a_table_frequency_in_range);
	suite_add_tcase(s, tc);
	return check_run(s);
}
