/*
 * System devices and the CPU (Linux's drivers/base/cpu.c and the
 * subsys_system_register of bus.c): /sys/devices/system/, the `cpu` bus
 * with its root /sys/devices/system/cpu, and cpu0, the one core, whose
 * of_node is the first cpu node of the device tree (/cpus/cpu@0 on both
 * SoCs). cpuidle hangs cpu0/cpuidle/ and cpu/cpuidle/ there, cpufreq
 * cpu0/cpufreq/. Registered with the driver core (driver_init), before
 * any driver.
 */
#include <linux/cpu.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/kernel.h>
#include <linux/of.h>

#include "base.h"

static struct device system_root = {
	.init_name = "system",
};

const struct bus_type cpu_subsys = {
	.name = "cpu",
	.dev_name = "cpu",
};

static struct device cpu_root;
static struct device cpu0;
static bool cpu0_registered;

static void static_release(struct device *dev)
{
}

/* Linux's: the bus, and its root device under /sys/devices/system. */
int subsys_system_register(const struct bus_type *subsys, struct device *root)
{
	int err = bus_register(subsys);
	if (err)
		return err;
	root->parent = &system_root;
	root->release = static_release;
	err = dev_set_name(root, "%s", subsys->name);
	if (!err)
		err = device_register(root);
	if (err) {
		put_device(root);
		bus_unregister(subsys);
	}
	return err;
}

struct device *get_cpu_device(unsigned int cpu)
{
	return cpu == 0 && cpu0_registered ? &cpu0 : NULL;
}

struct device *cpu_subsys_root(void)
{
	return cpu0_registered ? &cpu_root : NULL;
}

int cpu_dev_init(void)
{
	int err = device_register(&system_root);
	if (err) {
		put_device(&system_root);
		return err;
	}
	err = subsys_system_register(&cpu_subsys, &cpu_root);
	if (err)
		return err;
	cpu0.bus = &cpu_subsys;
	cpu0.parent = &cpu_root;
	cpu0.release = static_release;
	cpu0.of_node = of_find_node_by_path("/cpus/cpu@0");
	err = dev_set_name(&cpu0, "cpu0");
	if (!err)
		err = device_register(&cpu0);
	if (err) {
		put_device(&cpu0);
		return err;
	}
	cpu0_registered = true;
	return 0;
}
