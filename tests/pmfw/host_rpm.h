/* The host stand-ins of tests/pmfw/host_rpm.c, for the runtime-PM tests. */
#ifndef PMFW_HOST_RPM_H
#define PMFW_HOST_RPM_H

#include <linux/ktime.h>

extern ktime_t host_now;
extern int host_wakeups;
/* Move the clock to `to`, firing every hrtimer due by then in order;
 * returns how many fired. */
int host_advance(ktime_t to);
ktime_t host_next_timer(void);
/* Run every queued work item (and what they queue); returns how many. */
int host_run_work(void);

#endif
