/*
 * cpuidle's sysfs (Linux's drivers/cpuidle/sysfs.c):
 *
 *   /sys/devices/system/cpu/cpuidle/
 *     available_governors, current_driver, current_governor (writable:
 *     switch at run time), current_governor_ro
 *   /sys/devices/system/cpu/cpu0/cpuidle/stateN/
 *     name, desc, latency (µs, exit latency), residency (µs, target),
 *     power (mW), usage, time (µs), above, below, rejected,
 *     disable (writable: 1 stops the governors choosing it; a state the
 *     driver disabled stays so), default_status, s2idle/{usage,time}
 */
#include <linux/cpu.h>
#include <linux/cpuidle.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/kobject.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/sysfs.h>

#include "cpuidle.h"

/* ---- /sys/devices/system/cpu/cpuidle ---- */

static ssize_t available_governors_show(struct kobject *kobj, struct kobj_attribute *attr,
					char *buf)
{
	struct cpuidle_governor *gov;
	ssize_t n = 0;
	list_for_each_entry(gov, &cpuidle_governors, governor_list)
		n += scnprintf(buf + n, PAGE_SIZE - (size_t)n, "%s ", gov->name);
	if (n)
		buf[n - 1] = '\n';
	return n;
}

static ssize_t current_driver_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cpuidle_driver *drv = cpuidle_get_driver();
	return sprintf(buf, "%s\n", drv ? drv->name : "none");
}

static ssize_t current_governor_show(struct kobject *kobj, struct kobj_attribute *attr,
				     char *buf)
{
	return sprintf(buf, "%s\n", cpuidle_curr_governor ? cpuidle_curr_governor->name : "none");
}

static ssize_t current_governor_store(struct kobject *kobj, struct kobj_attribute *attr,
				      const char *buf, size_t count)
{
	char name[CPUIDLE_NAME_LEN];
	size_t len = count;
	while (len && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		len--;
	if (!len || len >= sizeof name)
		return -EINVAL;
	memcpy(name, buf, len);
	name[len] = 0;
	struct cpuidle_governor *gov = cpuidle_find_governor(name);
	if (!gov)
		return -EINVAL;
	int err = cpuidle_switch_governor(gov);
	return err ? err : (ssize_t)count;
}

static struct kobj_attribute available_governors = __ATTR_RO(available_governors);
static struct kobj_attribute current_driver = __ATTR_RO(current_driver);
static struct kobj_attribute current_governor = __ATTR_RW(current_governor);
static struct kobj_attribute current_governor_ro =
	__ATTR(current_governor_ro, 0444, current_governor_show, NULL);

static struct attribute *cpuidle_attrs[] = {
	&available_governors.attr,
	&current_driver.attr,
	&current_governor.attr,
	&current_governor_ro.attr,
	NULL,
};
static const struct attribute_group cpuidle_attr_group = { .attrs = cpuidle_attrs };

/* ---- stateN ---- */

struct cpuidle_state_kobj {
	struct kobject kobj;
	struct cpuidle_state *state;
	struct cpuidle_state_usage *usage;
	struct cpuidle_device *dev;
	int index;
};

#define kobj_to_state(k) container_of(k, struct cpuidle_state_kobj, kobj)

#define define_show_state(_name, _fmt, _expr)                                             \
	static ssize_t state_##_name##_show(struct kobject *kobj, struct kobj_attribute *attr, \
					    char *buf)                                       \
	{                                                                                \
		struct cpuidle_state_kobj *sk = kobj_to_state(kobj);                      \
		struct cpuidle_state *state = sk->state;                                  \
		struct cpuidle_state_usage *usage = sk->usage;                            \
		(void)state;                                                              \
		(void)usage;                                                              \
		return sprintf(buf, _fmt "\n", _expr);                                    \
	}                                                                                \
	static struct kobj_attribute attr_##_name =                                      \
		__ATTR(_name, 0444, state_##_name##_show, NULL)

define_show_state(name, "%s", state->name);
define_show_state(desc, "%s", state->desc);
define_show_state(latency, "%u", state->exit_latency);
define_show_state(residency, "%u", state->target_residency);
define_show_state(power, "%d", state->power_usage);
define_show_state(usage, "%llu", usage->usage);
define_show_state(time, "%llu", (unsigned long long)div_u64(usage->time_ns, NSEC_PER_USEC));
define_show_state(above, "%llu", usage->above);
define_show_state(below, "%llu", usage->below);
define_show_state(rejected, "%llu", usage->rejected);
define_show_state(default_status, "%s",
		  state->flags & CPUIDLE_FLAG_OFF ? "disabled" : "enabled");

static ssize_t state_disable_show(struct kobject *kobj, struct kobj_attribute *attr, char *buf)
{
	struct cpuidle_state_kobj *sk = kobj_to_state(kobj);
	return sprintf(buf, "%llu\n",
		       (sk->usage->disable & CPUIDLE_STATE_DISABLED_BY_USER) ? 1ULL : 0ULL);
}

static ssize_t state_disable_store(struct kobject *kobj, struct kobj_attribute *attr,
				   const char *buf, size_t count)
{
	struct cpuidle_state_kobj *sk = kobj_to_state(kobj);
	bool off;
	int err = kstrtobool(buf, &off);
	if (err)
		return err;
	/* A state the driver disabled cannot be enabled here (Linux). */
	if (sk->usage->disable & CPUIDLE_STATE_DISABLED_BY_DRIVER)
		return -EPERM;
	if (off)
		sk->usage->disable |= CPUIDLE_STATE_DISABLED_BY_USER;
	else
		sk->usage->disable &= ~(unsigned long long)CPUIDLE_STATE_DISABLED_BY_USER;
	return (ssize_t)count;
}
static struct kobj_attribute attr_disable =
	__ATTR(disable, 0644, state_disable_show, state_disable_store);

static struct attribute *state_attrs[] = {
	&attr_name.attr,	  &attr_desc.attr,  &attr_latency.attr, &attr_residency.attr,
	&attr_power.attr,	  &attr_usage.attr, &attr_time.attr,	&attr_above.attr,
	&attr_below.attr,	  &attr_rejected.attr, &attr_disable.attr,
	&attr_default_status.attr, NULL,
};
static const struct attribute_group state_group = { .attrs = state_attrs };

/* s2idle/usage and s2idle/time: the same names as the state's own. */
#define define_show_s2idle(_name, _expr)                                                 \
	static ssize_t s2idle_##_name##_show(struct kobject *kobj,                        \
					     struct kobj_attribute *attr, char *buf)     \
	{                                                                                \
		return sprintf(buf, "%llu\n", kobj_to_state(kobj)->usage->_expr);         \
	}                                                                                \
	static struct kobj_attribute attr_s2idle_##_name =                               \
		__ATTR(_name, 0444, s2idle_##_name##_show, NULL)

define_show_s2idle(usage, s2idle_usage);
define_show_s2idle(time, s2idle_time);
static struct attribute *s2idle_attrs[] = {
	&attr_s2idle_usage.attr,
	&attr_s2idle_time.attr,
	NULL,
};
static const struct attribute_group s2idle_group = { .name = "s2idle", .attrs = s2idle_attrs };

static const struct attribute_group *state_groups[] = { &state_group, &s2idle_group, NULL };

static void state_release(struct kobject *kobj)
{
	kfree(kobj_to_state(kobj));
}

static const struct kobj_type state_ktype = {
	.release = state_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = state_groups,
};

int cpuidle_add_sysfs(struct cpuidle_device *dev, struct cpuidle_driver *drv)
{
	struct device *cpu = get_cpu_device(dev->cpu);
	struct device *root = cpu_subsys_root();
	if (!cpu || !root)
		return -ENODEV;
	struct kobject *global = kobject_create_and_add("cpuidle", &root->kobj);
	if (!global || sysfs_create_group(global, &cpuidle_attr_group))
		return -ENOMEM;
	struct kobject *dir = kobject_create_and_add("cpuidle", &cpu->kobj);
	if (!dir)
		return -ENOMEM;
	for (int i = 0; i < drv->state_count; i++) {
		struct cpuidle_state_kobj *sk = kzalloc(sizeof *sk, GFP_KERNEL);
		if (!sk)
			return -ENOMEM;
		sk->state = &drv->states[i];
		sk->usage = &dev->states_usage[i];
		sk->dev = dev;
		sk->index = i;
		int err = kobject_init_and_add(&sk->kobj, &state_ktype, dir, "state%d", i);
		if (err) {
			kobject_put(&sk->kobj);
			return err;
		}
	}
	return 0;
}
