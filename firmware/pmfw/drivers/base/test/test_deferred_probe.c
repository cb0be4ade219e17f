/*
 * A driver for tests of the deferred-probe report (after Linux's
 * drivers/base/test/ modules): it binds to "pmfw,test-deferred" nodes,
 * which only tests/configs/pmfw_devices.dts has, and always defers,
 * waiting for a supplier that never registers. At late_initcall the
 * driver core reports the device as still pending (tests/pmfw.cmake).
 */
#include <linux/device.h>
#include <linux/errno.h>
#include <linux/module.h>
#include <linux/platform_device.h>

static int test_deferred_probe(struct platform_device *pdev)
{
	return dev_err_probe(&pdev->dev, -EPROBE_DEFER,
			     "waiting for a supplier that never registers\n");
}

static const struct of_device_id test_deferred_ids[] = {
	{ .compatible = "pmfw,test-deferred" },
	{ /* sentinel */ },
};

static struct platform_driver test_deferred_driver = {
	.probe = test_deferred_probe,
	.driver = {
		.name = "pmfw-test-deferred",
		.of_match_table = test_deferred_ids,
	},
};
module_platform_driver(test_deferred_driver);
