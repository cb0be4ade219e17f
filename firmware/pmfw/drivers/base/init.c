/*
 * The driver core's start (Linux's drivers/base/init.c): /sys/devices,
 * /sys/bus, the platform bus (/sys/devices/platform) and the CPU
 * (/sys/devices/system/cpu/cpu0), at
 * core_initcall, before any device or driver registers (those come at
 * postcore and later: the DT's devices at arch_initcall, drivers at
 * device_initcall).
 */
#include <linux/init.h>
#include <linux/kernel.h>

#include "base.h"

static int driver_init(void)
{
	int err = devices_init();
	if (!err)
		err = buses_init();
	if (!err)
		err = platform_bus_init();
	if (!err)
		err = cpu_dev_init();
	if (err)
		pr_err("driver core: cannot start: %d\n", err);
	return err;
}
core_initcall(driver_init);
