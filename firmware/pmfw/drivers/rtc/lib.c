/*
 * Date arithmetic for RTCs (Linux's drivers/rtc/lib.c): the proleptic
 * Gregorian calendar in UTC, the Unix epoch 1970-01-01 00:00:00.
 *
 * Days to a date by the era method (an era is the 400-year cycle of
 * 146097 days, counted from 0000-03-01 so that the leap day is the last
 * of a year): exact for any time64_t a 32-bit RTC can hold and far
 * beyond, with integer arithmetic only. tests/pmfw/test_rtc_lib.c checks
 * it against the C library's gmtime/timegm.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/rtc.h>

static const unsigned char rtc_days_in_month[] = {
	31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
};

static const unsigned short rtc_ydays[2][13] = {
	{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365 },
	{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366 },
};

/* month 0-11 */
int rtc_month_days(unsigned int month, unsigned int year)
{
	return rtc_days_in_month[month] + (is_leap_year(year) && month == 1);
}

/* day 1-31, month 0-11: the day of the year, from 0 */
int rtc_year_days(unsigned int day, unsigned int month, unsigned int year)
{
	return rtc_ydays[is_leap_year(year)][month] + (int)day - 1;
}

#define DAYS_PER_ERA 146097
/* 1970-01-01 counted from 0000-03-01. */
#define EPOCH_DAYS 719468

static s64 floor_div(s64 a, s64 b)
{
	s64 q = a / b;
	return (a % b && (a < 0) != (b < 0)) ? q - 1 : q;
}

void rtc_time64_to_tm(time64_t time, struct rtc_time *tm)
{
	s64 days = floor_div(time, 86400);
	int secs = (int)(time - days * 86400);
	/* 1970-01-01 was a Thursday. */
	tm->tm_wday = (int)((days % 7 + 11) % 7);
	s64 z = days + EPOCH_DAYS;
	s64 era = floor_div(z, DAYS_PER_ERA);
	unsigned int doe = (unsigned int)(z - era * DAYS_PER_ERA);           /* 0..146096 */
	unsigned int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* 0..399 */
	unsigned int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);          /* from Mar 1 */
	unsigned int mp = (5 * doy + 2) / 153;                               /* 0 = March */
	unsigned int mday = doy - (153 * mp + 2) / 5 + 1;
	unsigned int mon = mp < 10 ? mp + 2 : mp - 10;                       /* 0 = January */
	s64 year = (s64)yoe + era * 400 + (mon < 2);
	tm->tm_year = (int)(year - 1900);
	tm->tm_mon = (int)mon;
	tm->tm_mday = (int)mday;
	/* From 1 January: the days since 1 March, moved by January and
	 * February (and 29 February in a leap year). */
	bool leap = (!(year % 4) && (year % 100)) || !(year % 400);
	tm->tm_yday = (int)(doy >= 306 ? doy - 306 : doy + 59 + leap);
	tm->tm_hour = secs / 3600;
	tm->tm_min = secs / 60 % 60;
	tm->tm_sec = secs % 60;
	tm->tm_isdst = 0;
}

time64_t rtc_tm_to_time64(const struct rtc_time *tm)
{
	s64 year = (s64)tm->tm_year + 1900 - (tm->tm_mon < 2);
	s64 era = floor_div(year, 400);
	unsigned int yoe = (unsigned int)(year - era * 400);
	unsigned int mp = tm->tm_mon < 2 ? (unsigned int)tm->tm_mon + 10 : (unsigned int)tm->tm_mon - 2;
	unsigned int doy = (153 * mp + 2) / 5 + (unsigned int)tm->tm_mday - 1;
	unsigned int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	s64 days = era * DAYS_PER_ERA + doe - EPOCH_DAYS;
	return days * 86400 + tm->tm_hour * 3600 + tm->tm_min * 60 + tm->tm_sec;
}

int rtc_valid_tm(const struct rtc_time *tm)
{
	if (tm->tm_year < 70 || tm->tm_year > (INT_MAX - 1900) ||
	    ((unsigned int)tm->tm_mon) >= 12 || tm->tm_mday < 1 ||
	    tm->tm_mday > rtc_month_days((unsigned int)tm->tm_mon,
					 (unsigned int)tm->tm_year + 1900) ||
	    ((unsigned int)tm->tm_hour) >= 24 || ((unsigned int)tm->tm_min) >= 60 ||
	    ((unsigned int)tm->tm_sec) >= 60)
		return -EINVAL;
	return 0;
}
