/*
 * Platform devices from the device tree (Linux's drivers/of/platform.c,
 * of_platform_default_populate): at arch_initcall (Linux's
 * arch_initcall_sync), one platform device for each node that has a
 * "compatible" under the root, and, through nodes that are buses
 * ("simple-bus", "simple-mfd", "isa", "arm,amba-bus"), under those. The
 * device's parent is its bus node's device, or /sys/devices/platform, so
 * that sysfs follows the tree: /sys/devices/platform/soc/40004000.serial.
 *
 * Skipped: nodes whose status is not "okay"; nodes already populated
 * (OF_POPULATED: early providers such as CLK_OF_DECLARE and
 * TIMER_OF_DECLARE set it on theirs); operating-points-v2 tables (Linux's
 * of_skipped_node_table). A node's device is named as Linux names it: its
 * unit address as translated to the CPU (through "ranges" up to the root)
 * in hex, a dot and its name ("40004000.serial"); without a translatable
 * "reg", its name, prefixed by its parents' until one has an address.
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/slab.h>
#include <linux/string.h>

const struct of_device_id of_default_bus_match_table[] = {
	{ .compatible = "simple-bus" },
	{ .compatible = "simple-mfd" },
	{ .compatible = "isa" },
	{ .compatible = "arm,amba-bus" },
	{ /* sentinel */ },
};

static const struct of_device_id of_skipped_node_table[] = {
	{ .compatible = "operating-points-v2" },
	{ /* sentinel */ },
};

/* The node's first address as the CPU sees it: every bus between it and
 * the root must have "ranges" (pmsim's are all empty: an identity). */
static bool of_translate_first_address(const struct device_node *np, u64 *addr)
{
	int len, na = of_n_addr_cells(np);
	const void *reg = of_get_property(np, "reg", &len);
	if (!reg || na < 1 || na > 2 || len < 4 * na)
		return false;
	for (const struct device_node *p = np->parent; p && p->parent; p = p->parent)
		if (!of_property_present(p, "ranges"))
			return false;
	*addr = of_read_number(reg, na);
	return true;
}

static void of_device_make_bus_id(struct device *dev)
{
	const struct device_node *node = dev->of_node;
	u64 addr;
	while (node->parent) {
		const char *name = kobject_name(&dev->kobj);
		if (of_translate_first_address(node, &addr)) {
			if (name)
				dev_set_name(dev, "%llx.%s:%s", (unsigned long long)addr, node->name, name);
			else
				dev_set_name(dev, "%llx.%s", (unsigned long long)addr, node->name);
			return;
		}
		if (name)
			dev_set_name(dev, "%s:%s", node->full_name, name);
		else
			dev_set_name(dev, "%s", node->full_name);
		node = node->parent;
	}
}

static struct platform_device *of_device_alloc(struct device_node *np, const char *bus_id,
					       struct device *parent)
{
	struct platform_device *dev = platform_device_alloc("", PLATFORM_DEVID_NONE);
	struct resource tmp;
	unsigned int num_reg = 0;
	if (!dev)
		return NULL;
	while (!of_address_to_resource(np, (int)num_reg, &tmp))
		num_reg++;
	if (num_reg) {
		struct resource *res = kcalloc(num_reg, sizeof *res, GFP_KERNEL);
		if (!res) {
			platform_device_put(dev);
			return NULL;
		}
		for (unsigned int i = 0; i < num_reg; i++)
			of_address_to_resource(np, (int)i, &res[i]);
		dev->num_resources = num_reg;
		dev->resource = res;
	}
	dev->dev.of_node = np;
	dev->dev.parent = parent ? parent : &platform_bus;
	if (bus_id)
		dev_set_name(&dev->dev, "%s", bus_id);
	else
		of_device_make_bus_id(&dev->dev);
	return dev;
}

static int of_device_add(struct platform_device *ofdev)
{
	ofdev->name = dev_name(&ofdev->dev);
	ofdev->id = PLATFORM_DEVID_NONE;
	return device_add(&ofdev->dev);
}

static struct platform_device *of_platform_device_create_pdata(struct device_node *np,
							       const char *bus_id,
							       void *platform_data,
							       struct device *parent)
{
	if (!of_device_is_available(np) || of_node_test_and_set_flag(np, OF_POPULATED))
		return NULL;
	struct platform_device *dev = of_device_alloc(np, bus_id, parent);
	if (!dev)
		goto err_clear_flag;
	dev->dev.coherent_dma_mask = 0xffffffffULL;
	dev->dev.bus = &platform_bus_type;
	dev->dev.platform_data = platform_data;
	if (of_device_add(dev)) {
		platform_device_put(dev);
		goto err_clear_flag;
	}
	return dev;

err_clear_flag:
	of_node_clear_flag(np, OF_POPULATED);
	return NULL;
}

struct platform_device *of_platform_device_create(struct device_node *np, const char *bus_id,
						  struct device *parent)
{
	return of_platform_device_create_pdata(np, bus_id, NULL, parent);
}

static int of_platform_bus_create(struct device_node *bus, const struct of_device_id *matches,
				  const struct of_dev_auxdata *lookup, struct device *parent,
				  bool strict)
{
	struct device_node *child;
	int rc = 0;
	if (strict && !of_property_present(bus, "compatible"))
		return 0;
	if (of_match_node(of_skipped_node_table, bus))
		return 0;
	if (of_node_check_flag(bus, OF_POPULATED_BUS))
		return 0;
	struct platform_device *dev = of_platform_device_create_pdata(bus, NULL, NULL, parent);
	if (!dev || !of_match_node(matches, bus))
		return 0;
	for_each_child_of_node(bus, child) {
		rc = of_platform_bus_create(child, matches, lookup, &dev->dev, strict);
		if (rc)
			break;
	}
	of_node_set_flag(bus, OF_POPULATED_BUS);
	return rc;
}

int of_platform_populate(struct device_node *root, const struct of_device_id *matches,
			 const struct of_dev_auxdata *lookup, struct device *parent)
{
	struct device_node *child;
	int rc = 0;
	if (!root)
		root = of_root;
	if (!root)
		return -EINVAL;
	for_each_child_of_node(root, child) {
		rc = of_platform_bus_create(child, matches, lookup, parent, true);
		if (rc)
			break;
	}
	of_node_set_flag(root, OF_POPULATED_BUS);
	return rc;
}

int of_platform_default_populate(struct device_node *root, const struct of_dev_auxdata *lookup,
				 struct device *parent)
{
	return of_platform_populate(root, of_default_bus_match_table, lookup, parent);
}

static int of_platform_device_destroy(struct device *dev, void *data)
{
	(void)data;
	if (!dev->of_node || !of_node_check_flag(dev->of_node, OF_POPULATED))
		return 0;
	if (of_node_check_flag(dev->of_node, OF_POPULATED_BUS))
		device_for_each_child_reverse(dev, NULL, of_platform_device_destroy);
	of_node_clear_flag(dev->of_node, OF_POPULATED);
	of_node_clear_flag(dev->of_node, OF_POPULATED_BUS);
	if (dev->bus == &platform_bus_type)
		platform_device_unregister(to_platform_device(dev));
	return 0;
}

void of_platform_depopulate(struct device *parent)
{
	device_for_each_child_reverse(parent, NULL, of_platform_device_destroy);
}

struct platform_device *of_find_device_by_node(struct device_node *np)
{
	struct device *dev = bus_find_device_by_of_node(&platform_bus_type, np);
	return dev ? to_platform_device(dev) : NULL;
}

static int of_platform_default_populate_init(void)
{
	return of_platform_default_populate(NULL, NULL, NULL);
}
arch_initcall(of_platform_default_populate_init);
