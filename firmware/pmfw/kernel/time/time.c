/*
 * Conversions between jiffies and other units (Linux's kernel/time/time.c
 * and the generic parts of include/linux/jiffies.h). HZ divides 10^9, so
 * a jiffy is a whole number of nanoseconds and these are exact integer
 * formulas: to jiffies rounds up (a timeout is never shorter than asked),
 * from jiffies is exact, nsecs_to_jiffies truncates as Linux's does.
 * Portable: host-tested (tests/pmfw/test_jiffies.c) at every HZ.
 */
#include <linux/jiffies.h>
#include <linux/kernel.h>

unsigned int jiffies_to_msecs(const unsigned long j)
{
#if MSEC_PER_SEC % HZ == 0
	return (unsigned int)((MSEC_PER_SEC / HZ) * j);
#else
	return (unsigned int)div_u64((u64)j * MSEC_PER_SEC, HZ);
#endif
}

unsigned int jiffies_to_usecs(const unsigned long j)
{
	return (unsigned int)((USEC_PER_SEC / HZ) * j);
}

u64 jiffies64_to_nsecs(u64 j)
{
	return j * (NSEC_PER_SEC / HZ);
}

u64 jiffies64_to_msecs(u64 j)
{
	return div_u64(j * (NSEC_PER_SEC / HZ), NSEC_PER_MSEC);
}

unsigned long msecs_to_jiffies(const unsigned int m)
{
	if ((int)m < 0)
		return MAX_JIFFY_OFFSET;
	u64 j = DIV_ROUND_UP((u64)m * HZ, MSEC_PER_SEC);
	return j > MAX_JIFFY_OFFSET ? MAX_JIFFY_OFFSET : (unsigned long)j;
}

unsigned long usecs_to_jiffies(const unsigned int u)
{
	if ((int)u < 0)
		return MAX_JIFFY_OFFSET;
	return (unsigned long)DIV_ROUND_UP((u64)u * HZ, USEC_PER_SEC);
}

u64 nsecs_to_jiffies64(u64 n)
{
	return div_u64(n, NSEC_PER_SEC / HZ);
}

unsigned long nsecs_to_jiffies(u64 n)
{
	return (unsigned long)nsecs_to_jiffies64(n);
}
