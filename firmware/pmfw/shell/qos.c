/*
 * qos: PM QoS requests held by the shell, as a process holds them in
 * Linux by keeping /dev/cpu_dma_latency open or a device's
 * power/pm_qos_* files set, so that a session or a scenario can keep a
 * bound while it runs (include/linux/pm_qos.h).
 *
 *   qos                                   the CPU latency limit and the
 *                                         shell's requests
 *   qos add cpu_latency US                a CPU wake-up latency bound
 *   qos add resume_latency DEVICE US      a device's resume latency bound
 *                                         (0: no runtime suspend)
 *   qos add no_power_off DEVICE           keep the device's domain on
 *   qos update N VALUE                    change request N
 *   qos remove N|all                      drop request N, or all
 *
 * DEVICE is a platform device's name (/sys/bus/platform/devices/).
 */
#include <linux/device.h>
#include <linux/errname.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/platform_device.h>
#include <linux/pm_qos.h>
#include <linux/string.h>

#include "sh.h"

#define QOS_REQS 16

enum qos_kind { QOS_NONE, QOS_CPU_LATENCY, QOS_RESUME_LATENCY, QOS_NO_POWER_OFF };

static const char *const kind_name[] = {
	[QOS_CPU_LATENCY] = "cpu_latency",
	[QOS_RESUME_LATENCY] = "resume_latency",
	[QOS_NO_POWER_OFF] = "no_power_off",
};

static struct {
	enum qos_kind kind;
	struct pm_qos_request cpu;
	struct dev_pm_qos_request dev;
} reqs[QOS_REQS];

static void list(void)
{
	s32 limit = cpu_latency_qos_limit();
	if (limit == PM_QOS_CPU_LATENCY_DEFAULT_VALUE)
		sh_printf("cpu_latency: %d us (no constraint)\n", limit);
	else
		sh_printf("cpu_latency: %d us\n", limit);
	for (int i = 0; i < QOS_REQS; i++) {
		switch (reqs[i].kind) {
		case QOS_NONE:
			break;
		case QOS_CPU_LATENCY:
			sh_printf("%2d  %-15s %-32s %d\n", i + 1, kind_name[reqs[i].kind], "-",
				  reqs[i].cpu.node.prio);
			break;
		case QOS_RESUME_LATENCY:
		case QOS_NO_POWER_OFF:
			sh_printf("%2d  %-15s %-32s %d\n", i + 1, kind_name[reqs[i].kind],
				  dev_name(reqs[i].dev.dev), reqs[i].dev.value);
			break;
		}
	}
}

static int parse_value(const char *s, s32 *v)
{
	return kstrtoint(s, 0, v) || *v < 0 ? -EINVAL : 0;
}

static int add(int argc, char **argv)
{
	int i;
	for (i = 0; i < QOS_REQS && reqs[i].kind != QOS_NONE; i++)
		;
	if (i == QOS_REQS)
		return -ENOSPC;
	s32 v;
	if (argc == 2 && !strcmp(argv[0], "cpu_latency")) {
		if (parse_value(argv[1], &v))
			return -EINVAL;
		cpu_latency_qos_add_request(&reqs[i].cpu, v);
		reqs[i].kind = QOS_CPU_LATENCY;
	} else if ((argc == 3 && !strcmp(argv[0], "resume_latency")) ||
		   (argc == 2 && !strcmp(argv[0], "no_power_off"))) {
		bool flags = argc == 2;
		if (!flags && parse_value(argv[2], &v))
			return -EINVAL;
		struct device *dev = bus_find_device_by_name(&platform_bus_type, NULL, argv[1]);
		if (!dev)
			return -ENODEV;
		int err = dev_pm_qos_add_request(dev, &reqs[i].dev,
						 flags ? DEV_PM_QOS_FLAGS : DEV_PM_QOS_RESUME_LATENCY,
						 flags ? PM_QOS_FLAG_NO_POWER_OFF : v);
		put_device(dev);
		if (err < 0)
			return err;
		reqs[i].kind = flags ? QOS_NO_POWER_OFF : QOS_RESUME_LATENCY;
	} else {
		return -EINVAL;
	}
	sh_printf("%d\n", i + 1);
	return 0;
}

static void drop(int i)
{
	if (reqs[i].kind == QOS_CPU_LATENCY)
		cpu_latency_qos_remove_request(&reqs[i].cpu);
	else if (reqs[i].kind != QOS_NONE)
		dev_pm_qos_remove_request(&reqs[i].dev);
	reqs[i].kind = QOS_NONE;
}

/* Request N (1-based) held by the shell, or -1. */
static int index_of(const char *s)
{
	int n;
	if (kstrtoint(s, 10, &n) || n < 1 || n > QOS_REQS || reqs[n - 1].kind == QOS_NONE)
		return -1;
	return n - 1;
}

static int cmd_qos(int argc, char **argv)
{
	int err = -EINVAL;
	if (argc == 1 || (argc == 2 && !strcmp(argv[1], "list"))) {
		list();
		return 0;
	}
	if (argc >= 3 && !strcmp(argv[1], "add")) {
		err = add(argc - 2, argv + 2);
	} else if (argc == 4 && !strcmp(argv[1], "update")) {
		int i = index_of(argv[2]);
		s32 v;
		if (i < 0 || reqs[i].kind == QOS_NO_POWER_OFF) {
			err = i < 0 ? -ENOENT : -EINVAL;
		} else if (!parse_value(argv[3], &v)) {
			err = 0;
			if (reqs[i].kind == QOS_CPU_LATENCY)
				cpu_latency_qos_update_request(&reqs[i].cpu, v);
			else
				err = dev_pm_qos_update_request(&reqs[i].dev, v) < 0 ? -EINVAL : 0;
		}
	} else if (argc == 3 && !strcmp(argv[1], "remove")) {
		err = 0;
		if (!strcmp(argv[2], "all")) {
			for (int i = 0; i < QOS_REQS; i++)
				drop(i);
		} else {
			int i = index_of(argv[2]);
			if (i < 0)
				err = -ENOENT;
			else
				drop(i);
		}
	} else {
		sh_error("Usage: qos [list] | add cpu_latency US | add resume_latency DEVICE US | "
			 "add no_power_off DEVICE | update N VALUE | remove N|all");
		return 1;
	}
	if (err)
		sh_error("qos: %s: %s", argv[1], errmsg(err));
	return err ? 1 : 0;
}
SHELL_CMD(qos, cmd_qos, "qos [add|update|remove ...]", "hold PM QoS requests");
