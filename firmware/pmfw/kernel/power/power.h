/* What kernel/power/'s files share (Linux's kernel/power/power.h). */
#ifndef _KERNEL_POWER_POWER_H
#define _KERNEL_POWER_POWER_H

#include <linux/suspend.h>

/* pm_test levels (/sys/power/pm_test), Linux's order. */
enum {
	TEST_NONE,
	TEST_CORE,
	TEST_CPUS,
	TEST_PLATFORM,
	TEST_DEVICES,
	TEST_FREEZER,
	__TEST_AFTER_LAST
};
#define TEST_FIRST TEST_NONE
#define TEST_MAX (__TEST_AFTER_LAST - 1)

extern int pm_test_level;
extern const char *const pm_tests[__TEST_AFTER_LAST];
extern unsigned int pm_test_delay;
extern const char *pm_labels[PM_SUSPEND_MAX];
extern const char *pm_states[PM_SUSPEND_MAX];
extern const char *mem_sleep_states[PM_SUSPEND_MAX];
extern const char *const mem_sleep_labels[PM_SUSPEND_MAX];
extern struct kobject *power_kobj;

const char *suspend_step_name(enum suspend_stat_step step);

#endif
