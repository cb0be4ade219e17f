/* Time values on the command line: units, decimals, and refusals. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/timeparse.h"
#include "check_run.h"

static simtime_t ok(const char *s)
{
	simtime_t t = 0;
	char why[128] = "";
	ck_assert_msg(parse_time(s, &t, why, sizeof why) == 0, "'%s' refused: %s", s, why);
	return t;
}

static const char *bad(const char *s)
{
	static char why[128];
	simtime_t t = 12345;
	ck_assert_msg(parse_time(s, &t, why, sizeof why) != 0, "'%s' accepted", s);
	ck_assert_uint_eq(t, 12345);
	return why;
}

START_TEST(units)
{
	ck_assert_uint_eq(ok("10ms"), 10 * PS_PER_MS);
	ck_assert_uint_eq(ok("2s"), 2 * PS_PER_S);
	ck_assert_uint_eq(ok("500us"), 500 * PS_PER_US);
	ck_assert_uint_eq(ok("7ns"), 7000);
	ck_assert_uint_eq(ok("1ps"), 1);
	ck_assert_uint_eq(ok("1.5ms"), 1500 * PS_PER_US);
	ck_assert_uint_eq(ok("0.000000000001s"), 1);
	ck_assert_uint_eq(ok(".25s"), 250 * PS_PER_MS);
	ck_assert_uint_eq(ok("18000000s"), 18000000 * PS_PER_S);
}
END_TEST

START_TEST(refusals)
{
	ck_assert_ptr_nonnull(strstr(bad("10"), "missing unit"));
	ck_assert_ptr_nonnull(strstr(bad("10 ms"), "unknown unit"));
	ck_assert_ptr_nonnull(strstr(bad("3fortnights"), "unknown unit 'fortnights'"));
	ck_assert_ptr_nonnull(strstr(bad("ms"), "expected a number"));
	ck_assert_ptr_nonnull(strstr(bad(""), "expected a number"));
	ck_assert_ptr_nonnull(strstr(bad("0s"), "greater than zero"));
	ck_assert_ptr_nonnull(strstr(bad("1.5ps"), "whole number of picoseconds"));
	ck_assert_ptr_nonnull(strstr(bad("20000000s"), "too large"));
	ck_assert_ptr_nonnull(strstr(bad("99999999999999999999999s"), "too large"));
	bad("-1s");
	bad("1e3s");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("timeparse");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, units);
	tcase_add_test(tc, refusals);
	suite_add_tcase(s, tc);
	return check_run(s);
}
