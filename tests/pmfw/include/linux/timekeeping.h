/* Host unit tests: time comes from tests/pmfw/host.c. */
#ifndef _LINUX_TIMEKEEPING_H
#define _LINUX_TIMEKEEPING_H
#include <linux/delay.h>
#endif
