/*
 * The governors (Linux's drivers/cpuidle/governor.c): a list, the one in
 * use (the highest rating, unless `cpuidle.governor=` or the sysfs file
 * names another), and the latency limit they all honour.
 */
#include <linux/cpu.h>
#include <linux/cpuidle.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/mutex.h>
#include <linux/pm_qos.h>
#include <linux/string.h>
#include <strings.h>

#include "cpuidle.h"

LIST_HEAD(cpuidle_governors);
struct cpuidle_governor *cpuidle_curr_governor;
char param_governor[CPUIDLE_NAME_LEN];

static int __init cpuidle_governor_setup(char *str)
{
	strscpy(param_governor, str, sizeof param_governor);
	return 1;
}
__setup("cpuidle.governor=", cpuidle_governor_setup);

struct cpuidle_governor *cpuidle_find_governor(const char *name)
{
	struct cpuidle_governor *gov;
	list_for_each_entry(gov, &cpuidle_governors, governor_list)
		if (!strncasecmp(name, gov->name, CPUIDLE_NAME_LEN))
			return gov;
	return NULL;
}

/* Linux's: the old governor lets go of the device, the new one takes it. */
int cpuidle_switch_governor(struct cpuidle_governor *gov)
{
	struct cpuidle_device *dev = cpuidle_get_device();
	struct cpuidle_driver *drv = cpuidle_get_driver();
	if (!gov)
		return -EINVAL;
	if (gov == cpuidle_curr_governor)
		return 0;
	if (cpuidle_curr_governor && dev && dev->enabled && cpuidle_curr_governor->disable)
		cpuidle_curr_governor->disable(drv, dev);
	cpuidle_curr_governor = gov;
	if (dev && dev->registered && gov->enable)
		gov->enable(drv, dev);
	pr_info("cpuidle: using governor %s\n", gov->name);
	return 0;
}

int cpuidle_register_governor(struct cpuidle_governor *gov)
{
	if (!gov || !gov->select)
		return -EINVAL;
	if (cpuidle_find_governor(gov->name))
		return -EEXIST;
	list_add_tail(&gov->governor_list, &cpuidle_governors);
	if (!cpuidle_curr_governor ||
	    !strncasecmp(param_governor, gov->name, CPUIDLE_NAME_LEN) ||
	    (cpuidle_curr_governor->rating < gov->rating &&
	     strncasecmp(param_governor, cpuidle_curr_governor->name, CPUIDLE_NAME_LEN)))
		cpuidle_switch_governor(gov);
	return 0;
}

s64 cpuidle_governor_latency_req(unsigned int cpu)
{
	struct device *device = get_cpu_device(cpu);
	s32 device_req = device ? dev_pm_qos_raw_resume_latency(device)
				: PM_QOS_RESUME_LATENCY_NO_CONSTRAINT;
	s32 global_req = cpu_latency_qos_limit();
	if (device_req > global_req)
		device_req = global_req;
	return (s64)device_req * NSEC_PER_USEC;
}
