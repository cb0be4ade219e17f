/*
 * Powering off (Linux's kernel/reboot.c): every device is shut down
 * (device_shutdown: children first, each bus's or driver's shutdown),
 * then "reboot: Power down" is printed and the platform powers off. On
 * pmsim that ends the run with status 0 (semihosting), unless the
 * platform set pm_power_off.
 *
 * orderly_poweroff and hw_protection_shutdown are the thermal core's way
 * there (a critical trip): Linux runs the user-space power-off command
 * from a work item and, when that fails and the caller forced it, powers
 * off itself; pmfw has no user space, so a forced request always goes the
 * second way, with Linux's message.
 */
#include <asm/irqflags.h>
#include <linux/device.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/reboot.h>
#include <linux/workqueue.h>

#include "../arch/arm/arch.h"

void (*pm_power_off)(void);

static __noreturn void machine_power_off(void)
{
	local_irq_disable();
	if (pm_power_off)
		pm_power_off();
	semihost_exit(0);
}

__noreturn void kernel_power_off(void)
{
	device_shutdown();
	pr_emerg("reboot: Power down\n");
	machine_power_off();
}

static bool poweroff_force;

static void poweroff_work_func(struct work_struct *work)
{
	if (!poweroff_force)
		return;
	pr_warn("Failed to start orderly shutdown: forcing the issue\n");
	kernel_power_off();
}

static DECLARE_WORK(poweroff_work, poweroff_work_func);

int orderly_poweroff(bool force)
{
	if (force)
		poweroff_force = true;
	schedule_work(&poweroff_work);
	return 0;
}

void hw_protection_shutdown(const char *reason, int ms_until_forced)
{
	static bool proceeded;
	pr_emerg("HARDWARE PROTECTION shutdown (%s)\n", reason);
	/* The shutdown starts once. */
	if (proceeded)
		return;
	proceeded = true;
	(void)ms_until_forced;
	orderly_poweroff(true);
}
