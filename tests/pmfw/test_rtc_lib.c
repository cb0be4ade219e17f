/*
 * The RTC date arithmetic (firmware/pmfw/drivers/rtc/lib.c) on the host,
 * against the C library's gmtime_r and timegm:
 *
 * - rtc_time64_to_tm gives gmtime's fields (year from 1900, month from
 *   0, day of the week and of the year) for every day from 1970 to past
 *   2106, the PL031's last second (0xffffffff), each at another time of day,
 *   and for random seconds over the whole 64-bit range gmtime handles;
 * - rtc_tm_to_time64 is its inverse (and timegm's);
 * - rtc_valid_tm accepts what gmtime gives and refuses what no calendar
 *   has (a 29 February outside a leap year, the 31st of a 30-day month,
 *   hours, minutes or seconds out of range, years before 1970), as
 *   Linux's does; rtc_month_days and rtc_year_days agree.
 */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include <linux/errno.h>
#include <linux/rtc.h>

#include "../unit/check_run.h"
#include "host_gmtime.h"

static void expect_same(time64_t t)
{
	struct host_tm want;
	ck_assert_int_eq(host_gmtime(t, &want), 0);
	struct rtc_time got;
	rtc_time64_to_tm(t, &got);
	ck_assert_int_eq(got.tm_year, want.year);
	ck_assert_int_eq(got.tm_mon, want.mon);
	ck_assert_int_eq(got.tm_mday, want.mday);
	ck_assert_int_eq(got.tm_hour, want.hour);
	ck_assert_int_eq(got.tm_min, want.min);
	ck_assert_int_eq(got.tm_sec, want.sec);
	ck_assert_int_eq(got.tm_wday, want.wday);
	ck_assert_int_eq(got.tm_yday, want.yday);
	ck_assert_int_eq(rtc_tm_to_time64(&got), t);
	ck_assert_int_eq(host_timegm(&want), t);
	if (got.tm_year >= 70)
		ck_assert_int_eq(rtc_valid_tm(&got), 0);
}

START_TEST(every_day_of_the_pl031)
{
	/* Each day at another second of it, the first and the last too. */
	for (time64_t day = 0; day <= 0xffffffffLL / 86400 + 400; day++)
		expect_same(day * 86400 + (day * 7919) % 86400);
	expect_same(86399);
	expect_same(86400);
	expect_same(0xffffffffLL);
	struct rtc_time tm;
	rtc_time64_to_tm(0xffffffffLL, &tm);
	ck_assert_int_eq(tm.tm_year, 206); /* 2106-02-07 06:28:15 */
	ck_assert_int_eq(tm.tm_mon, 1);
	ck_assert_int_eq(tm.tm_mday, 7);
	ck_assert_int_eq(tm.tm_hour, 6);
	ck_assert_int_eq(tm.tm_min, 28);
	ck_assert_int_eq(tm.tm_sec, 15);
}
END_TEST

START_TEST(random_seconds)
{
	srand(1);
	for (int i = 0; i < 20000; i++) {
		/* From year -9999 to +9999, before and after the epoch. */
		s64 r = ((s64)rand() << 31 | rand()) % (10000LL * 366 * 86400);
		expect_same(i & 1 ? -r : r);
	}
}
END_TEST

static struct rtc_time tm_of(int year, int mon, int mday, int hour, int min, int sec)
{
	struct rtc_time tm = { .tm_year = year - 1900, .tm_mon = mon - 1, .tm_mday = mday,
			       .tm_hour = hour, .tm_min = min, .tm_sec = sec };
	return tm;
}

START_TEST(validity)
{
	struct rtc_time tm = tm_of(2024, 2, 29, 23, 59, 59);
	ck_assert_int_eq(rtc_valid_tm(&tm), 0);
	tm = tm_of(2023, 2, 29, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2100, 2, 29, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2000, 2, 29, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), 0);
	tm = tm_of(2024, 4, 31, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2024, 13, 1, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2024, 1, 0, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2024, 1, 1, 24, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2024, 1, 1, 0, 60, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(2024, 1, 1, 0, 0, 60);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(1969, 12, 31, 23, 59, 59);
	ck_assert_int_eq(rtc_valid_tm(&tm), -EINVAL);
	tm = tm_of(1970, 1, 1, 0, 0, 0);
	ck_assert_int_eq(rtc_valid_tm(&tm), 0);
	ck_assert_int_eq(rtc_tm_to_time64(&tm), 0);

	ck_assert_int_eq(rtc_month_days(1, 2024), 29);
	ck_assert_int_eq(rtc_month_days(1, 1900), 28);
	ck_assert_int_eq(rtc_month_days(11, 2023), 31);
	ck_assert_int_eq(rtc_year_days(1, 0, 2023), 0);
	ck_assert_int_eq(rtc_year_days(31, 11, 2023), 364);
	ck_assert_int_eq(rtc_year_days(31, 11, 2024), 365);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("rtc_lib");
	TCase *tc = tcase_create("lib");
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, every_day_of_the_pl031);
	tcase_add_test(tc, random_seconds);
	tcase_add_test(tc, validity);
	suite_add_tcase(s, tc);
	return check_run(s);
}
