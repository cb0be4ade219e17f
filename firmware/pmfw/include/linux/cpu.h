/*
 * The CPU as a device (Linux's include/linux/cpu.h, drivers/base/cpu.c):
 * /sys/devices/system/cpu/cpu0, whose of_node is the first cpu node.
 */
#ifndef _LINUX_CPU_H
#define _LINUX_CPU_H

#include <linux/device.h>

extern const struct bus_type cpu_subsys;

/* cpu0's device (NULL for any other CPU, or before the driver core). */
struct device *get_cpu_device(unsigned int cpu);
/* /sys/devices/system/cpu itself: where cpuidle puts its global files. */
struct device *cpu_subsys_root(void);
/* Register a bus with its root device under /sys/devices/system. */
int subsys_system_register(const struct bus_type *subsys, struct device *root);

/* One core (Linux's NR_CPUS and for_each_possible_cpu). */
#define NR_CPUS 1
#define for_each_possible_cpu(cpu) for ((cpu) = 0; (cpu) < NR_CPUS; (cpu)++)

#endif
