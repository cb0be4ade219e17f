/*
 * Trace markers (include/pmfw/marker.h) through pmsim's `pmsim,simctl`
 * device: ARG (0x004) is written first, then BEGIN (0x008), END (0x00c)
 * or INSTANT (0x010) with the address of the NUL-terminated name. The
 * node is looked up once, at the first marker; without it every marker
 * is a no-op (one load and a branch).
 */
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/types.h>
#include <pmfw/marker.h>

#include "../../../include/pmsim_simctl.h" /* the device's registers */

static void __iomem *simctl_base;
static bool simctl_probed;

static void __iomem *simctl(void)
{
	if (likely(simctl_probed))
		return simctl_base;
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,simctl");
	struct resource r;
	if (np && !of_address_to_resource(np, 0, &r))
		simctl_base = (void __iomem *)(uintptr_t)r.start;
	simctl_probed = true;
	return simctl_base;
}

static void marker_write(unsigned int reg, const char *name, int arg)
{
	void __iomem *base = simctl();
	if (!base)
		return;
	writel((u32)arg, base + SIMCTL_ARG);
	writel((u32)(uintptr_t)name, base + reg);
}

bool pm_marker_enabled(void)
{
	return simctl() != NULL;
}

void pm_marker_begin(const char *name)
{
	marker_write(SIMCTL_BEGIN, name, 0);
}

void pm_marker_end(const char *name, int arg)
{
	marker_write(SIMCTL_END, name, arg);
}

void pm_marker_instant(const char *name, int arg)
{
	marker_write(SIMCTL_INSTANT, name, arg);
}
