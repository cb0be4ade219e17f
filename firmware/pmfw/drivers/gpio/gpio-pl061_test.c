/*
 * KUnit suite "pl061": gpiolib and the PL061 driver on the SoC's first
 * "arm,pl061" (the default SoC's 40007000.gpio: GPIOs 512-519, its
 * interrupt on NVIC line 3). The MCU has none: every case skips there.
 *
 * The outside world is nobody in a test run, so the cases drive a line's
 * pad themselves: pad_drive() makes the line an output at the register
 * level, behind gpiolib's back, and sets its level. The block's interrupt
 * logic watches the pad (docs/devices/pl061.md), so this is an edge or a
 * level on the input as a button would make it; gpiolib itself refuses
 * to use an output line as an interrupt, as Linux's does.
 *
 *   - lines: request (twice is -EBUSY), numbers no chip has, directions,
 *     values written and read, active-low, gpiochip0 on the gpio bus;
 *   - interrupts by edge (rising, falling, both) and level, each through
 *     its flow handler, counted per interrupt number; a disabled line
 *     keeps its edge latched and fires when enabled; a oneshot threaded
 *     handler; an output refused as an interrupt and an interrupt line
 *     refused as an output;
 *   - wake-up: enable_irq_wake on a line arms the block's NVIC line in
 *     the wake mask, and suspend_device_irqs leaves exactly the armed
 *     line live, whose interrupt is then a system wake-up event;
 *   - /sys/kernel/debug/gpio as Linux prints it;
 *   - runtime PM: the block is suspended (clock gated) while no line is
 *     in use, active while one is requested or is an interrupt, and its
 *     lines keep their state across.
 *
 * The board's gpio-keys (its power button on line 0) holds a line, and
 * so the block's clock: it is unbound for the suite and bound again
 * after, so that every line is the cases' own.
 */
#include <kunit/test.h>
#include <linux/gpio.h>
#include <linux/gpio/consumer.h>
#include <linux/gpio/driver.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/delay.h>
#include <linux/kernfs.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>

#define GPIODIR 0x400
#define BASE_GPIO 512

static void __iomem *regs;
static struct device *gpio_dev;
static struct device *keys_dev;
static unsigned int parent_irq;
static unsigned int hits[8];
static char *buf;
#define BUF_SIZE 1024

static int pl061_test_init(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,pl061");
	struct resource r;
	if (!np || !of_device_is_available(np) || of_address_to_resource(np, 0, &r)) {
		kunit_skip(test, "no PL061 in this SoC");
		return 0;
	}
	regs = ioremap(r.start, resource_size(&r));
	parent_irq = (unsigned int)of_irq_get(np, 0);
	/* The cases drive pads at the register level: the clock must run
	 * whether or not a line is in use. */
	gpio_dev = bus_find_device_by_of_node(&platform_bus_type, np);
	if (!gpio_dev || pm_runtime_resume_and_get(gpio_dev)) {
		put_device(gpio_dev);
		gpio_dev = NULL;
		return -ENODEV;
	}
	memset(hits, 0, sizeof hits);
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	return buf ? 0 : -ENOMEM;
}

static int pl061_suite_init(struct kunit_suite *suite)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "gpio-keys");
	keys_dev = np ? bus_find_device_by_of_node(&platform_bus_type, np) : NULL;
	if (keys_dev)
		device_release_driver(keys_dev);
	return 0;
}

static void pl061_suite_exit(struct kunit_suite *suite)
{
	if (!keys_dev)
		return;
	device_attach(keys_dev);
	put_device(keys_dev);
	keys_dev = NULL;
}

static void pl061_test_exit(struct kunit *test)
{
	if (gpio_dev) {
		pm_runtime_put(gpio_dev);
		put_device(gpio_dev);
		gpio_dev = NULL;
	}
	kfree(buf);
	buf = NULL;
}

/* The outside world drives the pad of `line` (see the top). */
static void pad_drive(unsigned int line, int level)
{
	writeb(level ? BIT(line) : 0, (char __iomem *)regs + (BIT(line + 2)));
	writeb(readb((char __iomem *)regs + GPIODIR) | BIT(line), (char __iomem *)regs + GPIODIR);
	writeb(level ? BIT(line) : 0, (char __iomem *)regs + (BIT(line + 2)));
}

static void pad_release(unsigned int line)
{
	writeb(readb((char __iomem *)regs + GPIODIR) & ~BIT(line), (char __iomem *)regs + GPIODIR);
}

static ssize_t read_file(const char *path)
{
	return kunit_read_file(path, buf, BUF_SIZE);
}

static irqreturn_t count_irq(int irq, void *dev_id)
{
	hits[(uintptr_t)dev_id]++;
	return IRQ_HANDLED;
}

static void pl061_lines(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, gpio_to_desc(BASE_GPIO - 1));
	KUNIT_EXPECT_NULL(test, gpio_to_desc(BASE_GPIO + 8));
	KUNIT_EXPECT_EQ(test, gpio_request(BASE_GPIO + 8, "kunit"), -EPROBE_DEFER);
	KUNIT_ASSERT_EQ(test, gpio_request(BASE_GPIO, "kunit"), 0);
	KUNIT_EXPECT_EQ(test, gpio_request(BASE_GPIO, "kunit-again"), -EBUSY);
	struct gpio_desc *d = gpio_to_desc(BASE_GPIO);
	KUNIT_EXPECT_EQ(test, desc_to_gpio(d), BASE_GPIO);

	KUNIT_EXPECT_EQ(test, gpiod_direction_output(d, 1), 0);
	KUNIT_EXPECT_EQ(test, gpiod_get_direction(d), GPIO_LINE_DIRECTION_OUT);
	KUNIT_EXPECT_EQ(test, gpiod_get_value(d), 1);
	KUNIT_EXPECT_EQ(test, readb((char __iomem *)regs + 0x3fc) & 1, 1);
	gpiod_set_value(d, 0);
	KUNIT_EXPECT_EQ(test, gpiod_get_value(d), 0);
	/* Active-low: logical 1 is the low level. */
	gpiod_toggle_active_low(d);
	gpiod_set_value(d, 1);
	KUNIT_EXPECT_EQ(test, gpiod_get_raw_value(d), 0);
	KUNIT_EXPECT_EQ(test, gpiod_get_value(d), 1);
	gpiod_toggle_active_low(d);

	/* An input reads the outside world's level: line 0 is the power
	 * button's, pulled up (pmsim,input-levels), line 1 nobody's. */
	KUNIT_EXPECT_EQ(test, gpiod_direction_input(d), 0);
	KUNIT_EXPECT_EQ(test, gpiod_get_direction(d), GPIO_LINE_DIRECTION_IN);
	KUNIT_EXPECT_EQ(test, gpio_get_value(BASE_GPIO), 1);
	KUNIT_EXPECT_EQ(test, gpio_request_one(BASE_GPIO + 1, GPIOF_IN, "kunit"), 0);
	KUNIT_EXPECT_EQ(test, gpio_get_value(BASE_GPIO + 1), 0);
	gpio_free(BASE_GPIO + 1);
	gpio_free(BASE_GPIO);
	KUNIT_EXPECT_EQ(test, gpio_request(BASE_GPIO, "kunit-again"), 0);
	gpio_free(BASE_GPIO);

	/* The chip is a device: under its controller, on the gpio bus. */
	struct kernfs_node *kn;
	KUNIT_EXPECT_EQ(test, kernfs_walk("/sys/devices/platform/soc/40007000.gpio/gpiochip0", true,
					  &kn), 0);
	KUNIT_EXPECT_EQ(test, kernfs_walk("/sys/bus/gpio/devices/gpiochip0", true, &kn), 0);
}

/* Request line's interrupt with the trigger flags, counting in hits[line]. */
static int line_irq(struct kunit *test, unsigned int line, unsigned long flags)
{
	KUNIT_EXPECT_EQ(test, gpio_request_one(BASE_GPIO + line, GPIOF_IN, "kunit"), 0);
	int irq = gpio_to_irq(BASE_GPIO + line);
	KUNIT_EXPECT_GE(test, irq, IRQ_DYN_BASE);
	KUNIT_EXPECT_EQ(test, request_irq((unsigned int)irq, count_irq, flags, "kunit",
					  (void *)(uintptr_t)line), 0);
	return irq;
}

static void line_irq_free(unsigned int line, int irq)
{
	free_irq((unsigned int)irq, (void *)(uintptr_t)line);
	pad_release(line);
	gpio_free(BASE_GPIO + line);
}

static void pl061_edges(struct kunit *test)
{
	int rise = line_irq(test, 1, IRQF_TRIGGER_RISING);
	int fall = line_irq(test, 2, IRQF_TRIGGER_FALLING);
	int both = line_irq(test, 3, IRQF_TRIGGER_RISING | IRQF_TRIGGER_FALLING);
	KUNIT_EXPECT_NE(test, rise, fall);
	unsigned int parent_before = kstat_irqs_usr(parent_irq);

	/* The handler runs before the write that made the edge returns. */
	for (unsigned int line = 1; line <= 3; line++) {
		pad_drive(line, 1);
		pad_drive(line, 0);
		pad_drive(line, 1);
	}
	KUNIT_EXPECT_EQ(test, hits[1], 2);
	KUNIT_EXPECT_EQ(test, hits[2], 1);
	KUNIT_EXPECT_EQ(test, hits[3], 3);
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr((unsigned int)rise), 2);
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr((unsigned int)both), 3);
	/* The chained NVIC line counts nothing itself. */
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr(parent_irq), parent_before);

	/* A disabled line keeps its edge latched; enable_irq delivers it. */
	disable_irq((unsigned int)rise);
	pad_drive(1, 0);
	pad_drive(1, 1);
	KUNIT_EXPECT_EQ(test, hits[1], 2);
	enable_irq((unsigned int)rise);
	KUNIT_EXPECT_EQ(test, hits[1], 3);

	line_irq_free(1, rise);
	line_irq_free(2, fall);
	line_irq_free(3, both);
	/* Freed: an edge reaches nobody. */
	pad_drive(1, 1);
	pad_drive(1, 0);
	pad_release(1);
	KUNIT_EXPECT_EQ(test, hits[1], 3);
}

static irqreturn_t level_irq(int irq, void *dev_id)
{
	unsigned int line = (uintptr_t)dev_id;
	/* The level holds until the cause goes: let the pad go low. */
	if (++hits[line] >= 3)
		pad_drive(line, 0);
	return IRQ_HANDLED;
}

static irqreturn_t quiet_low_irq(int irq, void *dev_id)
{
	hits[(uintptr_t)dev_id]++;
	pad_drive((uintptr_t)dev_id, 1);
	return IRQ_HANDLED;
}

static void pl061_levels(struct kunit *test)
{
	unsigned int line = 4;
	KUNIT_ASSERT_EQ(test, gpio_request_one(BASE_GPIO + line, GPIOF_IN, "kunit"), 0);
	int irq = gpio_to_irq(BASE_GPIO + line);
	KUNIT_ASSERT_GE(test, irq, IRQ_DYN_BASE);
	KUNIT_ASSERT_EQ(test, request_irq((unsigned int)irq, level_irq, IRQF_TRIGGER_HIGH, "kunit",
					  (void *)(uintptr_t)line), 0);
	/* handle_level_irq unmasks after each call: the level fires again
	 * until the handler removes it, on the third call. */
	pad_drive(line, 1);
	KUNIT_EXPECT_EQ(test, hits[line], 3);
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr((unsigned int)irq), 3);
	free_irq((unsigned int)irq, (void *)(uintptr_t)line);

	pad_release(line);

	/* Low level, requested disabled while the pad is low: the level
	 * waits, and fires once enabled; the handler quiets it. */
	hits[line] = 0;
	KUNIT_ASSERT_EQ(test, request_irq((unsigned int)irq, quiet_low_irq,
					  IRQF_TRIGGER_LOW | IRQF_NO_AUTOEN, "kunit",
					  (void *)(uintptr_t)line), 0);
	KUNIT_EXPECT_EQ(test, hits[line], 0);
	enable_irq((unsigned int)irq);
	KUNIT_EXPECT_EQ(test, hits[line], 1);
	free_irq((unsigned int)irq, (void *)(uintptr_t)line);
	pad_release(line);
	gpio_free(BASE_GPIO + line);
}

static bool thread_ran_in_task;

static irqreturn_t line_thread(int irq, void *dev_id)
{
	thread_ran_in_task = in_task();
	hits[(uintptr_t)dev_id]++;
	pad_drive((uintptr_t)dev_id, 0);
	return IRQ_HANDLED;
}

static void pl061_threaded_and_locks(struct kunit *test)
{
	unsigned int line = 5;
	KUNIT_ASSERT_EQ(test, gpio_request(BASE_GPIO + line, "kunit"), 0);
	struct gpio_desc *d = gpio_to_desc(BASE_GPIO + line);
	int irq = gpiod_to_irq(d);
	KUNIT_ASSERT_GE(test, irq, IRQ_DYN_BASE);
	/* An output cannot be an interrupt... */
	KUNIT_EXPECT_EQ(test, gpiod_direction_output(d, 0), 0);
	KUNIT_EXPECT_EQ(test, request_irq((unsigned int)irq, count_irq, IRQF_TRIGGER_RISING,
					  "kunit", (void *)(uintptr_t)line), -EIO);
	KUNIT_EXPECT_EQ(test, gpiod_direction_input(d), 0);
	/* ...nor an interrupt an output. A level line with a oneshot thread:
	 * masked until the thread has quieted it. */
	KUNIT_ASSERT_EQ(test, request_threaded_irq((unsigned int)irq, NULL, line_thread,
						   IRQF_TRIGGER_HIGH | IRQF_ONESHOT, "kunit",
						   (void *)(uintptr_t)line), 0);
	KUNIT_EXPECT_EQ(test, gpiod_direction_output(d, 1), -EIO);
	pad_drive(line, 1);
	KUNIT_EXPECT_EQ(test, hits[line], 1);
	KUNIT_EXPECT_TRUE(test, thread_ran_in_task);
	free_irq((unsigned int)irq, (void *)(uintptr_t)line);
	/* Free again: an output once more. */
	pad_release(line);
	KUNIT_EXPECT_EQ(test, gpiod_direction_output(d, 0), 0);
	gpio_free(BASE_GPIO + line);
}

static void pl061_wake(struct kunit *test)
{
	u32 mask[2];
	int armed = line_irq(test, 6, IRQF_TRIGGER_RISING);
	int other = line_irq(test, 7, IRQF_TRIGGER_RISING);
	KUNIT_EXPECT_EQ(test, enable_irq_wake((unsigned int)armed), 0);
	nvic_get_wake_mask(mask, ARRAY_SIZE(mask));
	KUNIT_EXPECT_TRUE(test, mask[parent_irq / 32] & BIT(parent_irq % 32));
	KUNIT_EXPECT_TRUE(test, irqd_is_wakeup_set(irq_get_irq_data((unsigned int)armed)));

	/* As system suspend leaves it: only the armed line is live, and its
	 * interrupt is a system wake-up event. */
	suspend_device_irqs();
	pad_drive(6, 1);
	pad_drive(7, 1);
	KUNIT_EXPECT_EQ(test, hits[6], 1);
	KUNIT_EXPECT_EQ(test, hits[7], 0);
	KUNIT_EXPECT_TRUE(test, pm_wakeup_pending());
	KUNIT_EXPECT_TRUE(test, pm_wakeup_irq_valid);
	KUNIT_EXPECT_EQ(test, pm_wakeup_irq, (unsigned int)armed);
	resume_device_irqs();
	pm_wakeup_clear(true);
	KUNIT_EXPECT_EQ(test, hits[7], 1);

	KUNIT_EXPECT_EQ(test, disable_irq_wake((unsigned int)armed), 0);
	nvic_get_wake_mask(mask, ARRAY_SIZE(mask));
	KUNIT_EXPECT_FALSE(test, mask[parent_irq / 32] & BIT(parent_irq % 32));
	line_irq_free(6, armed);
	line_irq_free(7, other);
}

static void pl061_debugfs(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, gpio_request_one(BASE_GPIO, GPIOF_OUT_INIT_HIGH, "led"), 0);
	int irq = line_irq(test, 2, IRQF_TRIGGER_FALLING);
	KUNIT_ASSERT_GT(test, read_file("/sys/kernel/debug/gpio"), 0);
	KUNIT_EXPECT_STREQ(test, buf,
			   "gpiochip0: GPIOs 512-519, parent: platform/40007000.gpio, 40007000.gpio:\n"
			   " gpio-512 (                    |led                 ) out hi \n"
			   " gpio-514 (                    |kunit               ) in  lo IRQ \n");
	line_irq_free(2, irq);
	gpio_free(BASE_GPIO);
	KUNIT_ASSERT_GT(test, read_file("/sys/kernel/debug/gpio"), 0);
	KUNIT_EXPECT_STREQ(test, buf,
			   "gpiochip0: GPIOs 512-519, parent: platform/40007000.gpio, 40007000.gpio:\n");
}

#define STATUS "/sys/devices/platform/soc/40007000.gpio/power/runtime_status"

/* The asynchronous put has run (the pm workqueue's thread). */
static const char *settled_status(void)
{
	for (int i = 0; i < 10 && !strcmp(buf, "active\n"); i++) {
		msleep(1);
		read_file(STATUS);
	}
	return buf;
}

static void pl061_runtime_pm(struct kunit *test)
{
	/* Without the cases' own reference (given back at the end). */
	pm_runtime_put(gpio_dev);
	KUNIT_ASSERT_GT(test, read_file(STATUS), 0);
	KUNIT_EXPECT_STREQ(test, settled_status(), "suspended\n");
	KUNIT_ASSERT_EQ(test, gpio_request_one(BASE_GPIO, GPIOF_OUT_INIT_HIGH, "kunit"), 0);
	read_file(STATUS);
	KUNIT_EXPECT_STREQ(test, buf, "active\n");
	KUNIT_ASSERT_EQ(test, gpio_request_one(BASE_GPIO + 1, GPIOF_IN, "kunit"), 0);
	gpio_free(BASE_GPIO);
	read_file(STATUS);
	KUNIT_EXPECT_STREQ(test, settled_status(), "active\n");
	gpio_free(BASE_GPIO + 1);
	read_file(STATUS);
	KUNIT_EXPECT_STREQ(test, settled_status(), "suspended\n");

	/* An interrupt holds it active too. */
	int irq = line_irq(test, 2, IRQF_TRIGGER_RISING);
	gpio_free(BASE_GPIO + 2);
	read_file(STATUS);
	KUNIT_EXPECT_STREQ(test, settled_status(), "active\n");
	free_irq((unsigned int)irq, (void *)(uintptr_t)2);
	read_file(STATUS);
	KUNIT_EXPECT_STREQ(test, settled_status(), "suspended\n");

	/* The line kept its direction and level while the clock was off. */
	KUNIT_ASSERT_EQ(test, gpio_request(BASE_GPIO, "kunit"), 0);
	KUNIT_EXPECT_EQ(test, gpiod_get_direction(gpio_to_desc(BASE_GPIO)),
			GPIO_LINE_DIRECTION_OUT);
	KUNIT_EXPECT_EQ(test, gpio_get_value(BASE_GPIO), 1);
	gpio_direction_input(BASE_GPIO);
	pm_runtime_get_noresume(gpio_dev);
	gpio_free(BASE_GPIO);
}

static struct kunit_case pl061_cases[] = {
	KUNIT_CASE(pl061_lines),
	KUNIT_CASE(pl061_edges),
	KUNIT_CASE(pl061_levels),
	KUNIT_CASE(pl061_threaded_and_locks),
	KUNIT_CASE(pl061_wake),
	KUNIT_CASE(pl061_debugfs),
	KUNIT_CASE(pl061_runtime_pm),
	{ }
};

static struct kunit_suite pl061_suite = {
	.name = "pl061",
	.suite_init = pl061_suite_init,
	.suite_exit = pl061_suite_exit,
	.init = pl061_test_init,
	.exit = pl061_test_exit,
	.test_cases = pl061_cases,
};
kunit_test_suite(pl061_suite);
