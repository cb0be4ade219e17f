/*
 * KUnit suite "of_platform": the platform devices made from the device
 * tree, on the running SoC.
 *
 * On any SoC: the UART's device is named and placed as Linux places it
 * (/sys/devices/platform/soc/40004000.serial), with its registers and
 * interrupt from the node; operating-points tables, memory and nodes
 * without compatible have none.
 *
 * With tests/configs/pmfw_devices.dts (the other cases skip without it):
 * names of devices without a translatable address, a disabled node left
 * alone, probing by compatible with the best match's data and a deferral
 * until the supplier binds, a clock taken with devm_clk_get_enabled and
 * given back at unbind, and depopulating and populating a bus again.
 */
#include <kunit/test.h>
#include <linux/clk-provider.h>
#include <linux/clk.h>
#include <linux/device.h>
#include <linux/err.h>
#include <linux/errno.h>
#include <linux/kernfs.h>
#include <linux/of.h>
#include <linux/of_platform.h>
#include <linux/platform_device.h>
#include <linux/string.h>
#include <linux/uio.h>

static char buf[128];

static const char *link_target(const char *path)
{
	struct kernfs_node *kn;
	if (kernfs_walk(path, false, &kn) || kernfs_type(kn) != KERNFS_LINK)
		return "(not a link)";
	kernfs_link_target(kn, buf, sizeof buf);
	return buf;
}

static bool exists(const char *path)
{
	struct kernfs_node *kn;
	return !kernfs_walk(path, true, &kn);
}

static struct platform_device *dev_of(const char *path)
{
	struct device_node *np = of_find_node_by_path(path);
	return np ? of_find_device_by_node(np) : NULL;
}

static void uart_device(struct kunit *test)
{
	struct platform_device *pdev = dev_of("/soc/serial@40004000");
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	KUNIT_EXPECT_STREQ(test, dev_name(&pdev->dev), "40004000.serial");
	KUNIT_EXPECT_STREQ(test, pdev->name, "40004000.serial");
	KUNIT_EXPECT_TRUE(test, of_node_check_flag(pdev->dev.of_node, OF_POPULATED));
	KUNIT_ASSERT_NOT_NULL(test, pdev->dev.parent);
	KUNIT_EXPECT_STREQ(test, dev_name(pdev->dev.parent), "soc");
	KUNIT_EXPECT_PTR_EQ(test, pdev->dev.parent->parent, &platform_bus);
	KUNIT_EXPECT_TRUE(test, exists("/sys/devices/platform/soc/40004000.serial/power"));
	KUNIT_EXPECT_STREQ(test, link_target("/sys/bus/platform/devices/40004000.serial"),
			   "../../../devices/platform/soc/40004000.serial");
	struct resource *r = platform_get_resource(pdev, IORESOURCE_MEM, 0);
	KUNIT_ASSERT_NOT_NULL(test, r);
	KUNIT_EXPECT_EQ(test, r->start, 0x40004000);
	KUNIT_EXPECT_EQ(test, r->end, 0x40004fff);
	KUNIT_EXPECT_NULL(test, platform_get_resource(pdev, IORESOURCE_MEM, 1));
	KUNIT_EXPECT_EQ(test, platform_get_irq(pdev, 0), 0);
	KUNIT_EXPECT_EQ(test, platform_irq_count(pdev), 1);
	char modalias[96];
	KUNIT_EXPECT_EQ(test, of_device_modalias(&pdev->dev, modalias, sizeof modalias), 42);
	KUNIT_EXPECT_STREQ(test, modalias, "of:NserialT(null)Carm,pl011Carm,primecell\n");
	put_device(&pdev->dev);
}

static void not_populated(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, dev_of("/opp-table"));
	KUNIT_EXPECT_NULL(test, dev_of("/memory@20000000"));
	KUNIT_EXPECT_NULL(test, dev_of("/cpus"));
	KUNIT_EXPECT_NULL(test, dev_of("/chosen"));
	KUNIT_EXPECT_FALSE(test, exists("/sys/bus/platform/devices/opp-table"));
}

/* ---- with tests/configs/pmfw_devices.dts ------------------------------------- */

static struct device_node *test_bus(struct kunit *test)
{
	struct device_node *np = of_find_node_by_path("/soc/test-bus");
	if (!np)
		kunit_skip(test, "needs tests/configs/pmfw_devices.dts");
	return np;
}

static void names_without_address(struct kunit *test)
{
	test_bus(test);
	static const char *const names[] = {
		"soc:test-bus", "50000000.supplier", "50001000.consumer", "soc:test-bus:nameless",
		"soc:test-bus:inner-bus", "soc:test-bus:inner-bus:leaf@10",
	};
	for (size_t i = 0; i < ARRAY_SIZE(names); i++) {
		struct device *dev = bus_find_device_by_name(&platform_bus_type, NULL, names[i]);
		KUNIT_EXPECT_NOT_NULL(test, dev);
		put_device(dev);
	}
	KUNIT_EXPECT_TRUE(test, exists("/sys/devices/platform/soc/soc:test-bus/soc:test-bus:inner-bus/"
				       "soc:test-bus:inner-bus:leaf@10"));
	/* Disabled: no device, and the node is not marked. */
	KUNIT_EXPECT_NULL(test, dev_of("/soc/test-bus/off@50003000"));
	KUNIT_EXPECT_FALSE(test,
			   of_node_check_flag(of_find_node_by_path("/soc/test-bus/off@50003000"),
					      OF_POPULATED));
	KUNIT_EXPECT_NULL(test, dev_of("/test-opp-table"));
	struct platform_device *c = dev_of("/soc/test-bus/consumer@50001000");
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, c->num_resources, 2);
	KUNIT_EXPECT_EQ(test, platform_get_resource(c, IORESOURCE_MEM, 1)->start, 0x50002000);
	KUNIT_EXPECT_EQ(test, platform_get_irq(c, 0), 9);
	KUNIT_EXPECT_EQ(test, platform_get_irq(c, 1), -ENXIO);
	put_device(&c->dev);
}

static int consumer_data = 1, generic_data = 2;
static char order[8];

static int consumer_probe(struct platform_device *pdev)
{
	struct platform_device *s = dev_of("/soc/test-bus/supplier@50000000");
	bool ready = s && s->dev.driver;
	if (s)
		put_device(&s->dev);
	if (!ready)
		return dev_err_probe(&pdev->dev, -EPROBE_DEFER, "supplier not bound\n");
	strcat(order, "C");
	platform_set_drvdata(pdev, (void *)of_device_get_match_data(&pdev->dev));
	return 0;
}

static int supplier_probe(struct platform_device *pdev)
{
	(void)pdev;
	strcat(order, "S");
	return 0;
}

static const struct of_device_id consumer_ids[] = {
	{ .compatible = "pmfw,test-generic", .data = &generic_data },
	{ .compatible = "pmfw,test-consumer", .data = &consumer_data },
	{ /* sentinel */ },
};

static const struct of_device_id supplier_ids[] = {
	{ .compatible = "pmfw,test-supplier" },
	{ /* sentinel */ },
};

static struct platform_driver consumer_driver = {
	.probe = consumer_probe,
	.driver = { .name = "pmfw-of-consumer", .of_match_table = consumer_ids },
};

static struct platform_driver supplier_driver = {
	.probe = supplier_probe,
	.driver = { .name = "pmfw-of-supplier", .of_match_table = supplier_ids },
};

static void probe_by_compatible(struct kunit *test)
{
	struct device_node *cnode = of_find_node_by_path("/soc/test-bus/consumer@50001000");
	test_bus(test);
	/* The node's first compatible wins over its later ones. */
	KUNIT_EXPECT_PTR_EQ(test, of_match_node(consumer_ids, cnode), &consumer_ids[1]);
	order[0] = '\0';
	KUNIT_ASSERT_EQ(test, platform_driver_register(&consumer_driver), 0);
	struct platform_device *c = dev_of("/soc/test-bus/consumer@50001000");
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_NULL(test, c->dev.driver);
	KUNIT_EXPECT_STREQ(test, c->dev.deferred_probe_reason,
			   "pmfw-of-consumer: supplier not bound\n");
	KUNIT_ASSERT_EQ(test, platform_driver_register(&supplier_driver), 0);
	/* The supplier, then the three that waited for it: the consumer and
	 * the two other "pmfw,test-generic" nodes, in the order they deferred. */
	KUNIT_EXPECT_STREQ(test, order, "SCCC");
	KUNIT_EXPECT_PTR_EQ(test, c->dev.driver, &consumer_driver.driver);
	KUNIT_EXPECT_PTR_EQ(test, platform_get_drvdata(c), &consumer_data);
	struct platform_device *n = dev_of("/soc/test-bus/nameless");
	KUNIT_EXPECT_PTR_EQ(test, n->dev.driver, &consumer_driver.driver);
	KUNIT_EXPECT_PTR_EQ(test, platform_get_drvdata(n), &generic_data);
	put_device(&n->dev);
	put_device(&c->dev);
}


static struct clk *clocked_clk;

static int clocked_probe(struct platform_device *pdev)
{
	/* Not named in clock-names (there is none): -ENOENT, or nothing. */
	if (devm_clk_get(&pdev->dev, "nope") != ERR_PTR(-ENOENT) ||
	    devm_clk_get_optional(&pdev->dev, "nope") != NULL)
		return -EINVAL;
	clocked_clk = devm_clk_get_enabled(&pdev->dev, NULL);
	return PTR_ERR_OR_ZERO(clocked_clk);
}

static const struct of_device_id clocked_ids[] = {
	{ .compatible = "pmfw,test-clocked" },
	{ /* sentinel */ },
};

static struct platform_driver clocked_driver = {
	.probe = clocked_probe,
	.driver = { .name = "pmfw-of-clocked", .of_match_table = clocked_ids },
};

static void clock_by_devres(struct kunit *test)
{
	test_bus(test);
	clocked_clk = NULL;
	KUNIT_ASSERT_EQ(test, platform_driver_register(&clocked_driver), 0);
	struct platform_device *pdev = dev_of("/soc/test-bus/clocked");
	KUNIT_ASSERT_NOT_NULL(test, pdev);
	KUNIT_EXPECT_PTR_EQ(test, pdev->dev.driver, &clocked_driver.driver);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, clocked_clk);
	struct clk_hw *hw = __clk_get_hw(clocked_clk);
	KUNIT_EXPECT_EQ(test, clk_get_rate(clocked_clk), 1000000);
	KUNIT_EXPECT_STREQ(test, clk_hw_get_name(hw), "test_clk");
	KUNIT_EXPECT_TRUE(test, clk_hw_is_enabled(hw));
	platform_driver_unregister(&clocked_driver);
	KUNIT_EXPECT_FALSE(test, clk_hw_is_enabled(hw));
	put_device(&pdev->dev);
}

static int count_children(struct device *dev, void *data)
{
	(void)dev;
	++*(int *)data;
	return 0;
}

static void depopulate_and_populate(struct kunit *test)
{
	struct device_node *bus = test_bus(test);
	struct platform_device *bdev = of_find_device_by_node(bus);
	int before = 0, after = 0, again = 0;
	KUNIT_ASSERT_NOT_NULL(test, bdev);
	device_for_each_child(&bdev->dev, &before, count_children);
	KUNIT_EXPECT_EQ(test, before, 6);
	of_platform_depopulate(&bdev->dev);
	device_for_each_child(&bdev->dev, &after, count_children);
	KUNIT_EXPECT_EQ(test, after, 0);
	KUNIT_EXPECT_FALSE(test, exists("/sys/bus/platform/devices/50000000.supplier"));
	KUNIT_EXPECT_FALSE(test, exists("/sys/bus/platform/devices/soc:test-bus:inner-bus:leaf@10"));
	KUNIT_EXPECT_FALSE(test, of_node_check_flag(of_find_node_by_path("/soc/test-bus/supplier@50000000"),
						    OF_POPULATED));
	KUNIT_EXPECT_EQ(test, of_platform_default_populate(bus, NULL, &bdev->dev), 0);
	KUNIT_EXPECT_EQ(test, of_platform_default_populate(bus, NULL, &bdev->dev), 0);
	device_for_each_child(&bdev->dev, &again, count_children);
	KUNIT_EXPECT_EQ(test, again, 6);
	KUNIT_EXPECT_TRUE(test, exists("/sys/devices/platform/soc/soc:test-bus/50000000.supplier"));
	KUNIT_EXPECT_TRUE(test, exists("/sys/bus/platform/devices/soc:test-bus:inner-bus:leaf@10"));
	put_device(&bdev->dev);
}

static void probe_exit(struct kunit *test)
{
	(void)test;
	if (consumer_driver.driver.p)
		platform_driver_unregister(&consumer_driver);
	if (supplier_driver.driver.p)
		platform_driver_unregister(&supplier_driver);
	if (clocked_driver.driver.p)
		platform_driver_unregister(&clocked_driver);
}

static struct kunit_case of_platform_cases[] = {
	KUNIT_CASE(uart_device),
	KUNIT_CASE(not_populated),
	KUNIT_CASE(names_without_address),
	KUNIT_CASE(probe_by_compatible),
	KUNIT_CASE(clock_by_devres),
	KUNIT_CASE(depopulate_and_populate),
	{ 0 },
};

static struct kunit_suite of_platform_suite = {
	.name = "of_platform",
	.exit = probe_exit,
	.test_cases = of_platform_cases,
};
kunit_test_suite(of_platform_suite);
