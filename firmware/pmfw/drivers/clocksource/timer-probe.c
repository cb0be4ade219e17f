/*
 * Timer drivers from the device tree (Linux's
 * drivers/clocksource/timer-probe.c): every TIMER_OF_DECLARE entry runs
 * for each available node with its compatible.
 */
#include <linux/clocksource.h>
#include <linux/errno.h>
#include <linux/kernel.h>

extern const struct timer_of_entry __timer_of_table_start[], __timer_of_table_end[];

void timer_probe(void)
{
	unsigned int timers = 0;
	for (const struct timer_of_entry *m = __timer_of_table_start; m < __timer_of_table_end; m++) {
		struct device_node *np;
		for_each_compatible_node(np, NULL, m->compatible) {
			if (!of_device_is_available(np))
				continue;
			int ret = m->init(np);
			if (ret) {
				char path[64];
				pr_err("Failed to initialize '%s': %d\n",
				       of_node_full_path(np, path, sizeof path), ret);
				continue;
			}
			timers++;
		}
	}
	if (!timers)
		pr_crit("%s: no matching timers found\n", __func__);
}
