/*
 * Operating performance points (Linux's include/linux/pm_opp.h,
 * drivers/opp/): a device's table of frequency/voltage pairs, read from
 * its device-tree node's operating-points-v2 table
 * (Documentation/devicetree/bindings/opp/opp-v2.yaml):
 *  - opp-hz: the frequency, 64 bits (/bits/ 64 <...>; one cell accepted);
 *  - opp-microvolt: one value (target = min = max) or <target min max>;
 *  - clock-latency-ns: how long a switch to this OPP takes;
 *  - turbo-mode: reachable only with boost (cpufreq's boost file);
 *  - opp-suspend: the OPP to use across system suspend (at most one).
 * OPPs are kept in ascending frequency order. Lookups return the OPP
 * itself (pmfw's tables live as long as the device: dev_pm_opp_put is
 * there for Linux's reference-counting discipline and does nothing).
 */
#ifndef _LINUX_PM_OPP_H
#define _LINUX_PM_OPP_H

#include <linux/err.h>
#include <linux/list.h>
#include <linux/types.h>

struct cpufreq_frequency_table;
struct device;
struct dev_pm_opp;

struct dev_pm_opp_supply {
	unsigned long u_volt;
	unsigned long u_volt_min;
	unsigned long u_volt_max;
};

int dev_pm_opp_of_add_table(struct device *dev);
void dev_pm_opp_of_remove_table(struct device *dev);
/* Add an OPP by hand (Linux's dev_pm_opp_add: one voltage). */
int dev_pm_opp_add(struct device *dev, unsigned long freq, unsigned long u_volt);

int dev_pm_opp_get_opp_count(struct device *dev);
unsigned long dev_pm_opp_get_max_clock_latency(struct device *dev);
unsigned long dev_pm_opp_get_suspend_opp_freq(struct device *dev);

/* The OPP at exactly freq; the lowest at or above *freq; the highest at
 * or below *freq (*freq set to its frequency). ERR_PTR(-ERANGE) if none. */
struct dev_pm_opp *dev_pm_opp_find_freq_exact(struct device *dev, unsigned long freq,
					      bool available);
struct dev_pm_opp *dev_pm_opp_find_freq_ceil(struct device *dev, unsigned long *freq);
struct dev_pm_opp *dev_pm_opp_find_freq_floor(struct device *dev, unsigned long *freq);
void dev_pm_opp_put(struct dev_pm_opp *opp);

unsigned long dev_pm_opp_get_freq(struct dev_pm_opp *opp);
unsigned long dev_pm_opp_get_voltage(struct dev_pm_opp *opp);
int dev_pm_opp_get_supplies(struct dev_pm_opp *opp, struct dev_pm_opp_supply *supplies);
bool dev_pm_opp_is_turbo(struct dev_pm_opp *opp);

/* The device's supply for the OPPs' voltages (one name: pmfw's OPPs have
 * one supply), and its release. */
int dev_pm_opp_set_regulators(struct device *dev, const char *const names[]);
void dev_pm_opp_put_regulators(struct device *dev);

/*
 * Move the device to the OPP for target_freq (Hz; the lowest OPP at or
 * above the clock's rounding of it): going up, the voltage first, then
 * the clock; going down, the clock first, then the voltage. If a step
 * fails, the old frequency and voltage are restored, and the error is
 * returned.
 */
int dev_pm_opp_set_rate(struct device *dev, unsigned long target_freq);

/* A cpufreq frequency table (kHz, ascending; turbo OPPs flagged
 * CPUFREQ_BOOST_FREQ) built from the device's OPPs, and its release. */
int dev_pm_opp_init_cpufreq_table(struct device *dev, struct cpufreq_frequency_table **table);
void dev_pm_opp_free_cpufreq_table(struct device *dev, struct cpufreq_frequency_table **table);

#endif
