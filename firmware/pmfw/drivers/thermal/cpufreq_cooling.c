/*
 * The CPU's frequency as a cooling device (Linux's
 * drivers/thermal/cpufreq_cooling.c, without the energy model): cooling
 * state s caps policy 0 at the s-th frequency of its table from the top,
 * through a frequency QoS maximum request, so that the governor in force
 * (ondemand, performance, ...) chooses below it. max_state is the number
 * of frequencies minus one (boost frequencies included, as Linux counts
 * them), type "cpufreq-cpu0".
 *
 * The cpufreq core registers it for a new policy when the driver is a
 * cooling device (CPUFREQ_IS_COOLING_DEV: cpufreq-dt) and the CPU's node
 * has #cooling-cells; thermal_of binds it to the zones whose cooling-maps
 * name the CPU.
 *
 * Each change of state writes the marker `cdev:cpufreq-cpu0` with the new
 * state, from which the simulator's report counts the time throttled.
 */
#include <linux/cpu.h>
#include <linux/cpufreq.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/pm_qos.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/thermal.h>
#include <pmfw/marker.h>

struct cpufreq_cooling_device {
	unsigned long cpufreq_state;
	unsigned int max_level;
	struct cpufreq_policy *policy;
	struct freq_qos_request qos_req;
	char name[24];      /* "cpufreq-cpuN" */
	char marker[32];    /* "cdev:" + name: the marker device reads it by address */
};

/* The policy's valid frequencies, highest first: entry `level` (kHz). */
static unsigned int get_state_freq(struct cpufreq_cooling_device *cdev, unsigned long state)
{
	const struct cpufreq_frequency_table *pos;
	unsigned int best = 0;
	/* The (state+1)-th highest: the highest below the state-th. */
	unsigned int above = UINT_MAX;
	for (unsigned long s = 0; s <= state; s++) {
		best = 0;
		cpufreq_for_each_valid_entry(pos, cdev->policy->freq_table)
			if (pos->frequency < above && pos->frequency > best)
				best = pos->frequency;
		above = best;
	}
	return best;
}

static unsigned int count_valid_freqs(struct cpufreq_policy *policy)
{
	const struct cpufreq_frequency_table *pos;
	unsigned int n = 0;
	cpufreq_for_each_valid_entry(pos, policy->freq_table)
		n++;
	return n;
}

static int cpufreq_get_max_state(struct thermal_cooling_device *cdev, unsigned long *state)
{
	struct cpufreq_cooling_device *cpufreq_cdev = cdev->devdata;
	*state = cpufreq_cdev->max_level;
	return 0;
}

static int cpufreq_get_cur_state(struct thermal_cooling_device *cdev, unsigned long *state)
{
	struct cpufreq_cooling_device *cpufreq_cdev = cdev->devdata;
	*state = cpufreq_cdev->cpufreq_state;
	return 0;
}

static int cpufreq_set_cur_state(struct thermal_cooling_device *cdev, unsigned long state)
{
	struct cpufreq_cooling_device *cpufreq_cdev = cdev->devdata;
	if (state > cpufreq_cdev->max_level)
		return -EINVAL;
	/* Check if the old cooling action is the same as the new one. */
	if (cpufreq_cdev->cpufreq_state == state)
		return 0;
	unsigned int frequency = get_state_freq(cpufreq_cdev, state);
	int ret = freq_qos_update_request(&cpufreq_cdev->qos_req, (s32)frequency);
	if (ret < 0)
		return ret;
	cpufreq_cdev->cpufreq_state = state;
	pm_marker_instant(cpufreq_cdev->marker, (int)state);
	return 0;
}

static const struct thermal_cooling_device_ops cpufreq_cooling_ops = {
	.get_max_state = cpufreq_get_max_state,
	.get_cur_state = cpufreq_get_cur_state,
	.set_cur_state = cpufreq_set_cur_state,
};

static struct thermal_cooling_device *
__cpufreq_cooling_register(struct device_node *np, struct cpufreq_policy *policy)
{
	if (!policy->freq_table || count_valid_freqs(policy) == 0) {
		pr_err("%s: CPUFreq table not found or has no valid entries\n", __func__);
		return ERR_PTR(-ENODEV);
	}
	struct cpufreq_cooling_device *cpufreq_cdev = kzalloc(sizeof *cpufreq_cdev, GFP_KERNEL);
	if (!cpufreq_cdev)
		return ERR_PTR(-ENOMEM);
	cpufreq_cdev->policy = policy;
	cpufreq_cdev->max_level = count_valid_freqs(policy) - 1;
	snprintf(cpufreq_cdev->name, sizeof cpufreq_cdev->name, "cpufreq-cpu%u", policy->cpu);
	snprintf(cpufreq_cdev->marker, sizeof cpufreq_cdev->marker, "cdev:%s",
		 cpufreq_cdev->name);
	/* State 0: the highest frequency, no cap. */
	int ret = freq_qos_add_request(&policy->constraints, &cpufreq_cdev->qos_req,
				       FREQ_QOS_MAX, (s32)get_state_freq(cpufreq_cdev, 0));
	if (ret < 0) {
		pr_err("%s: Failed to add freq constraint (%d)\n", __func__, ret);
		kfree(cpufreq_cdev);
		return ERR_PTR(ret);
	}
	struct thermal_cooling_device *cdev = thermal_of_cooling_device_register(
		np, cpufreq_cdev->name, cpufreq_cdev, &cpufreq_cooling_ops);
	if (IS_ERR(cdev)) {
		freq_qos_remove_request(&cpufreq_cdev->qos_req);
		kfree(cpufreq_cdev);
	}
	return cdev;
}

struct thermal_cooling_device *of_cpufreq_cooling_register(struct cpufreq_policy *policy)
{
	struct device *cpu_dev = get_cpu_device(policy->cpu);
	struct device_node *np = cpu_dev ? cpu_dev->of_node : NULL;
	if (!np) {
		pr_err("cpufreq_cooling: OF node not available for cpu%d\n", policy->cpu);
		return NULL;
	}
	if (!of_property_present(np, "#cooling-cells"))
		return NULL;
	struct thermal_cooling_device *cdev = __cpufreq_cooling_register(np, policy);
	if (IS_ERR(cdev)) {
		pr_err("cpufreq_cooling: cpu%d failed to register as cooling device: %d\n",
		       policy->cpu, (int)PTR_ERR(cdev));
		return NULL;
	}
	return cdev;
}

void cpufreq_cooling_unregister(struct thermal_cooling_device *cdev)
{
	if (!cdev)
		return;
	struct cpufreq_cooling_device *cpufreq_cdev = cdev->devdata;
	thermal_cooling_device_unregister(cdev);
	freq_qos_remove_request(&cpufreq_cdev->qos_req);
	kfree(cpufreq_cdev);
}
