/* The C library's gmtime_r and timegm without <time.h> (host_gmtime.c). */
#ifndef PMFW_HOST_GMTIME_H
#define PMFW_HOST_GMTIME_H

struct host_tm {
	int year, mon, mday, hour, min, sec, wday, yday; /* as struct tm's */
};

int host_gmtime(long long t, struct host_tm *out);
long long host_timegm(const struct host_tm *in);

#endif
