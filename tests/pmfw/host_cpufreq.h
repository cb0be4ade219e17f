/*
 * The host side of the cpufreq tests: a policy over the frequency table
 * cpufreq-dt builds from configs/default.dts (25, 50, 100, 200 MHz, and
 * 400 MHz as a boost frequency, turbo-mode) or configs/mcu.dts (16, 48,
 * 80 MHz), with boost off, and __cpufreq_driver_target as the core's:
 * the target clamped to min..max and resolved by the table, which
 * becomes policy->cur; every call is recorded.
 */
#ifndef TESTS_PMFW_HOST_CPUFREQ_H
#define TESTS_PMFW_HOST_CPUFREQ_H

#include <linux/cpufreq.h>

enum host_cpufreq_soc { HOST_CPUFREQ_DEFAULT, HOST_CPUFREQ_MCU };

extern struct cpufreq_policy host_policy;

struct host_target_call {
	unsigned int target;   /* kHz asked */
	unsigned int relation;
	unsigned int result;   /* kHz set */
};

/* The policy of the SoC at its boot frequency (the lowest OPP). */
void host_cpufreq_setup(enum host_cpufreq_soc soc);
/* The limits (what the core's QoS and verify would give), resolved. */
void host_cpufreq_limits(unsigned int min, unsigned int max);
/* Calls to __cpufreq_driver_target since the last setup or reset. */
unsigned int host_target_calls(void);
const struct host_target_call *host_last_target(void);
void host_target_reset(void);

#endif
