/* Host unit tests: delays are recorded, not waited (tests/pmfw/host.c). */
#ifndef _LINUX_DELAY_H
#define _LINUX_DELAY_H

#include <linux/types.h>

extern unsigned long host_slept_us;
void fsleep(unsigned long usecs);
void udelay(unsigned long usecs);
u64 ktime_get_ns(void);

#endif
