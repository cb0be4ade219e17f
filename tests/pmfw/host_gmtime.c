/* The C library's UTC calendar, for tests whose kernel headers clash with
 * <time.h> (timer_delete): fields as struct tm has them. */
#define _GNU_SOURCE
#include <time.h>

#include "host_gmtime.h"

int host_gmtime(long long t, struct host_tm *out)
{
	time_t tt = (time_t)t;
	struct tm tm;
	if (!gmtime_r(&tt, &tm))
		return -1;
	out->year = tm.tm_year;
	out->mon = tm.tm_mon;
	out->mday = tm.tm_mday;
	out->hour = tm.tm_hour;
	out->min = tm.tm_min;
	out->sec = tm.tm_sec;
	out->wday = tm.tm_wday;
	out->yday = tm.tm_yday;
	return 0;
}

long long host_timegm(const struct host_tm *in)
{
	struct tm tm = { .tm_year = in->year, .tm_mon = in->mon, .tm_mday = in->mday,
			 .tm_hour = in->hour, .tm_min = in->min, .tm_sec = in->sec };
	return (long long)timegm(&tm);
}
