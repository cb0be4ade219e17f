/*
 * KUnit suite "gpio_keys": the board's gpio-keys (the default SoC's power
 * button, configs/default.dts) and the input core under it. The MCU has
 * no GPIO and no such node: every case skips there.
 *
 * The outside world is nobody in a test run, so the cases press the key
 * themselves, as the pl061 suite drives its lines: the key's line is
 * made an output at the register level, behind gpiolib's back, driving
 * the pressed level (low: the key is active-low), then released (high,
 * the level the board's pull-up gives) and made an input again. The
 * block's interrupt logic watches the pad, so each change is the edge a
 * real key makes. A handler of the suite's own records what the input
 * core hands on, with the packets' times.
 *
 *   - the device: /sys/class/input/inputN/{name,phys,id/bustype,...}, the line in
 *     /sys/kernel/debug/gpio (in, IRQ, ACTIVE LOW, labelled "power"), the
 *     wakeup source, power/wakeup enabled;
 *   - a press and a release, each reported once, debounce-interval (5
 *     ms) after its edge, counted by the input core and the wakeup
 *     source;
 *   - debouncing: a glitch shorter than the interval is not reported; a
 *     bouncing press is reported once, the interval after its last edge;
 *   - wake-up armed at suspend: at the noirq phase the block's NVIC line
 *     is in the wake mask, and then in what the PMU's WAKE_EN was given;
 *     not with power/wakeup disabled; disarmed after resume;
 *   - a press at the noirq phase (the line armed) aborts the suspend
 *     (-EBUSY), names the key's interrupt in pm_wakeup_irq, and is
 *     reported;
 *   - a press while the block sleeps (its clock gated at the noirq
 *     phase: the test makes the edge at syscore_suspend, the last moment
 *     before standby's WFI) wakes the system from standby: the block's
 *     interrupt comes before its resume, and is handled;
 *   - the shell's evtest prints the events in evtest's format.
 */
#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/input.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/irqdesc.h>
#include <linux/kernfs.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_wakeup.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/suspend.h>
#include <linux/syscore_ops.h>
#include <linux/timekeeping.h>
#include <pmfw/shell.h>
#include <soc/pmsim/pm.h>

#define GPIODIR 0x400
#define DEBOUNCE_NS 5000000LL
#define BUF_SIZE 2048
#define MAX_EVENTS 16

static struct device *keys_dev, *gpio_dev;
static void __iomem *regs;
static unsigned int pin, parent_irq;
static char *buf;

/* ---- the outside world ---------------------------------------------------------------- */

static void pad_drive(int level)
{
	writeb(level ? BIT(pin) : 0, (char __iomem *)regs + (BIT(pin + 2)));
	writeb(readb((char __iomem *)regs + GPIODIR) | BIT(pin), (char __iomem *)regs + GPIODIR);
	writeb(level ? BIT(pin) : 0, (char __iomem *)regs + (BIT(pin + 2)));
}

static void press(void)
{
	pad_drive(0);
}

static void release(void)
{
	pad_drive(1);
}

/* The line an input again: the pull-up's level, as before the case. */
static void pad_let_go(void)
{
	writeb(readb((char __iomem *)regs + GPIODIR) & ~BIT(pin), (char __iomem *)regs + GPIODIR);
}

/* ---- what the input core hands on ----------------------------------------------------- */

static struct {
	struct input_value v[MAX_EVENTS];
	ktime_t t[MAX_EVENTS];
	unsigned int n;
} rec;
static struct input_dev *keys_input;
static struct input_handle rec_handle;
static bool rec_registered;

static void rec_event(struct input_handle *handle, unsigned int type, unsigned int code,
		      int value)
{
	if (rec.n < MAX_EVENTS) {
		rec.v[rec.n] = (struct input_value){ (u16)type, (u16)code, value };
		rec.t[rec.n++] = input_get_timestamp(handle->dev);
	}
}

static bool rec_match(struct input_handler *handler, struct input_dev *dev)
{
	return dev->dev.parent == keys_dev;
}

static int rec_connect(struct input_handler *handler, struct input_dev *dev,
		       const struct input_device_id *id)
{
	rec_handle = (struct input_handle){ .dev = dev, .handler = handler, .name = "kunit" };
	input_register_handle(&rec_handle);
	int err = input_open_device(&rec_handle);
	if (err) {
		input_unregister_handle(&rec_handle);
		return err;
	}
	keys_input = dev;
	return 0;
}

static void rec_disconnect(struct input_handle *handle)
{
	input_close_device(handle);
	input_unregister_handle(handle);
	keys_input = NULL;
}

static const struct input_device_id rec_ids[] = {
	{ .driver_info = 1 },
	{ },
};

static struct input_handler rec_handler = {
	.event = rec_event,
	.match = rec_match,
	.connect = rec_connect,
	.disconnect = rec_disconnect,
	.name = "kunit-gpio-keys",
	.id_table = rec_ids,
};

static void rec_reset(void)
{
	unsigned long flags;
	local_irq_save(flags);
	rec.n = 0;
	local_irq_restore(flags);
}

/* Recorded event i is type/code/value. */
static void expect_event(struct kunit *test, unsigned int i, unsigned int type, unsigned int code,
			 int value)
{
	KUNIT_ASSERT_GT(test, rec.n, i);
	KUNIT_EXPECT_EQ(test, rec.v[i].type, type);
	KUNIT_EXPECT_EQ(test, rec.v[i].code, code);
	KUNIT_EXPECT_EQ(test, rec.v[i].value, value);
}

/* The key went to value in one packet: the key event and SYN_REPORT. */
static void expect_key(struct kunit *test, unsigned int i, int value)
{
	expect_event(test, i, EV_KEY, KEY_POWER, value);
	expect_event(test, i + 1, EV_SYN, SYN_REPORT, 0);
}

/* ---- a device of the suite's own, in the suspend phases --------------------------------- */

static bool noirq_press;
static u32 noirq_wake_mask, noirq_wake_en;

static int t_suspend_noirq(struct device *dev)
{
	nvic_get_wake_mask(&noirq_wake_mask, 1);
	/* After suspend_device_irqs, before the block's own noirq phase
	 * (it was registered first, so it suspends after this device). */
	if (noirq_press)
		press();
	return 0;
}

/* The platform arms WAKE_EN after the noirq phase (its prepare_late,
 * Linux's order) and disarms it at its end: in between, here. */
static int t_resume_noirq(struct device *dev)
{
	noirq_wake_en = pmsim_pm_wake_enabled();
	return 0;
}

/* Its callbacks as a PM domain's: no driver needed. */
static struct dev_pm_domain t_domain = {
	.ops = {
		.suspend_noirq = t_suspend_noirq,
		.resume_noirq = t_resume_noirq,
	},
};

/* The block's clock, for the press while it sleeps. */
static struct clk *gpio_clk;
static bool syscore_press;

static int t_syscore_suspend(void)
{
	if (syscore_press && !clk_enable(gpio_clk)) {
		press();
		clk_disable(gpio_clk);
	}
	return 0;
}

static struct syscore_ops t_syscore = {
	.suspend = t_syscore_suspend,
};

/* ---- setup ---------------------------------------------------------------------------- */

static int keys_test_init(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "gpio-keys");
	struct device_node *child = np ? of_get_next_available_child(np, NULL) : NULL;
	struct of_phandle_args args;
	struct resource r;
	if (!child || of_parse_phandle_with_args(child, "gpios", "#gpio-cells", 0, &args) ||
	    of_address_to_resource(args.np, 0, &r)) {
		kunit_skip(test, "no gpio-keys in this SoC's device tree");
		return 0;
	}
	pin = args.args[0];
	parent_irq = (unsigned int)of_irq_get(args.np, 0);
	regs = ioremap(r.start, resource_size(&r));
	keys_dev = bus_find_device_by_of_node(&platform_bus_type, np);
	gpio_dev = bus_find_device_by_of_node(&platform_bus_type, args.np);
	if (!keys_dev || !gpio_dev || !device_is_bound(keys_dev))
		return -ENODEV;
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	input_register_handler(&rec_handler);
	rec_registered = true;
	rec_reset();
	noirq_press = syscore_press = false;
	return keys_input ? 0 : -ENODEV;
}

static void keys_test_exit(struct kunit *test)
{
	if (rec_registered)
		input_unregister_handler(&rec_handler);
	rec_registered = false;
	put_device(keys_dev);
	put_device(gpio_dev);
	keys_dev = gpio_dev = NULL;
	kfree(buf);
	buf = NULL;
}

static ssize_t read_file(const char *fmt, ...) __printf(1, 2);
static ssize_t read_file(const char *fmt, ...)
{
	char path[96];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(path, sizeof path, fmt, ap);
	va_end(ap);
	return kunit_read_file(path, buf, BUF_SIZE);
}

/* ---- the cases ------------------------------------------------------------------------- */

static void keys_device(struct kunit *test)
{
	const char *in = dev_name(&keys_input->dev);
	KUNIT_ASSERT_GT(test, read_file("/sys/class/input/%s/name", in), 0);
	KUNIT_EXPECT_STREQ(test, buf, "gpio-keys\n");
	read_file("/sys/class/input/%s/phys", in);
	KUNIT_EXPECT_STREQ(test, buf, "gpio-keys/input0\n");
	read_file("/sys/class/input/%s/id/bustype", in);
	KUNIT_EXPECT_STREQ(test, buf, "0019\n");
	read_file("/sys/class/input/%s/id/version", in);
	KUNIT_EXPECT_STREQ(test, buf, "0100\n");
	struct kernfs_node *kn;
	char path[96];
	snprintf(path, sizeof path, "/sys/devices/platform/gpio-keys/input/%s", in);
	KUNIT_EXPECT_EQ(test, kernfs_walk(path, true, &kn), 0);
	KUNIT_EXPECT_TRUE(test, test_bit(KEY_POWER, keys_input->keybit));
	KUNIT_EXPECT_TRUE(test, test_bit(EV_SYN, keys_input->evbit));

	/* The line: an input, its interrupt, active-low, idle high. */
	KUNIT_ASSERT_GT(test, read_file("/sys/kernel/debug/gpio"), 0);
	snprintf(path, sizeof path, " gpio-%-3u (                    |power               ) in  hi IRQ ACTIVE LOW\n",
		 512 + pin);
	KUNIT_EXPECT_TRUE(test, strstr(buf, path));

	read_file("/sys/devices/platform/gpio-keys/power/wakeup");
	KUNIT_EXPECT_STREQ(test, buf, "enabled\n");
	KUNIT_ASSERT_GT(test, read_file("/sys/kernel/debug/wakeup_sources"), 0);
	KUNIT_EXPECT_TRUE(test, strstr(buf, "\ngpio-keys "));
}

static void keys_press_release(struct kunit *test)
{
	struct wakeup_source *ws = keys_dev->power.wakeup;
	KUNIT_ASSERT_NOT_NULL(test, ws);
	unsigned long events = keys_input->event_count, ws_events = ws->event_count;

	ktime_t t0 = ktime_get();
	press();
	/* Nothing before the interval is over. */
	KUNIT_EXPECT_EQ(test, rec.n, 0);
	KUNIT_EXPECT_TRUE(test, ws->active);
	fsleep(20000);
	KUNIT_ASSERT_EQ(test, rec.n, 2);
	expect_key(test, 0, 1);
	s64 after = rec.t[0] - t0;
	KUNIT_EXPECT_GE(test, after, DEBOUNCE_NS);
	KUNIT_EXPECT_LT(test, after, DEBOUNCE_NS + 1000000);
	KUNIT_EXPECT_FALSE(test, ws->active);

	rec_reset();
	t0 = ktime_get();
	release();
	fsleep(20000);
	KUNIT_ASSERT_EQ(test, rec.n, 2);
	expect_key(test, 0, 0);
	after = rec.t[0] - t0;
	KUNIT_EXPECT_GE(test, after, DEBOUNCE_NS);
	KUNIT_EXPECT_LT(test, after, DEBOUNCE_NS + 1000000);
	pad_let_go();

	KUNIT_EXPECT_EQ(test, keys_input->event_count - events, 2);
	KUNIT_EXPECT_EQ(test, ws->event_count - ws_events, 2);
	KUNIT_EXPECT_FALSE(test, test_bit(KEY_POWER, keys_input->key));
}

static void keys_debounce(struct kunit *test)
{
	unsigned long events = keys_input->event_count;
	/* A glitch of 2 ms: its second edge restarts the timer, which then
	 * reads the level already reported. */
	press();
	fsleep(2000);
	release();
	fsleep(20000);
	KUNIT_EXPECT_EQ(test, rec.n, 0);
	KUNIT_EXPECT_EQ(test, keys_input->event_count, events);

	/* A press that bounces for 3 ms: one press, the interval after the
	 * last edge. */
	press();
	fsleep(1000);
	release();
	fsleep(1000);
	press();
	fsleep(1000);
	release();
	ktime_t last = ktime_get();
	press();
	fsleep(20000);
	KUNIT_ASSERT_EQ(test, rec.n, 2);
	expect_key(test, 0, 1);
	KUNIT_EXPECT_GE(test, rec.t[0] - last, DEBOUNCE_NS);
	release();
	fsleep(20000);
	KUNIT_ASSERT_EQ(test, rec.n, 4);
	expect_key(test, 2, 0);
	pad_let_go();
}

static int suspend_with(struct kunit *test, suspend_state_t state)
{
	struct platform_device *t_dev = platform_device_alloc("pmfw-gpio-keys-test", -1);
	if (!t_dev)
		return -ENOMEM;
	t_dev->dev.pm_domain = &t_domain;
	if (platform_device_add(t_dev)) {
		platform_device_put(t_dev);
		return -ENODEV;
	}
	noirq_wake_mask = noirq_wake_en = 0;
	int ret = pm_suspend(state);
	platform_device_unregister(t_dev);
	return ret;
}

static void keys_wake_armed(struct kunit *test)
{
	u32 bit = BIT(parent_irq), mask;
	if (!valid_state(PM_SUSPEND_STANDBY))
		kunit_skip(test, "no standby on this SoC");
	KUNIT_ASSERT_GT(test, kunit_write_file("/sys/module/suspend/parameters/pm_test_delay", "0"), 0);
	KUNIT_ASSERT_GT(test, kunit_write_file("/sys/power/pm_test", "platform"), 0);
	KUNIT_EXPECT_EQ(test, suspend_with(test, PM_SUSPEND_STANDBY), 0);
	KUNIT_EXPECT_EQ(test, noirq_wake_mask & bit, bit);
	KUNIT_EXPECT_EQ(test, noirq_wake_en & bit, bit);
	nvic_get_wake_mask(&mask, 1);
	KUNIT_EXPECT_EQ(test, mask & bit, 0);

	/* A key that may not wake the system does not arm its line. */
	KUNIT_ASSERT_GT(test, kunit_write_file("/sys/devices/platform/gpio-keys/power/wakeup",
					       "disabled"), 0);
	KUNIT_EXPECT_EQ(test, suspend_with(test, PM_SUSPEND_STANDBY), 0);
	KUNIT_EXPECT_EQ(test, noirq_wake_mask & bit, 0);
	KUNIT_EXPECT_EQ(test, noirq_wake_en & bit, 0);
	KUNIT_EXPECT_GT(test, kunit_write_file("/sys/devices/platform/gpio-keys/power/wakeup",
					       "enabled"), 0);
	kunit_write_file("/sys/power/pm_test", "none");
	kunit_write_file("/sys/module/suspend/parameters/pm_test_delay", "5");
	/* Nothing was pressed. */
	KUNIT_EXPECT_EQ(test, rec.n, 0);
}

/* The interrupt that woke the last suspend is the key's. */
static void expect_woken_by_key(struct kunit *test)
{
	KUNIT_ASSERT_TRUE(test, pm_wakeup_irq_valid);
	struct irq_desc *desc = irq_to_desc(pm_wakeup_irq);
	KUNIT_ASSERT_TRUE(test, desc && desc->action);
	KUNIT_EXPECT_STREQ(test, desc->action->name, "power");
}

static void keys_press_aborts_suspend(struct kunit *test)
{
	noirq_press = true;
	KUNIT_EXPECT_EQ(test, suspend_with(test, PM_SUSPEND_TO_IDLE), -EBUSY);
	expect_woken_by_key(test);
	/* Reported by the resume's report of the key's state. */
	KUNIT_ASSERT_EQ(test, rec.n, 2);
	expect_key(test, 0, 1);
	release();
	fsleep(20000);
	KUNIT_ASSERT_EQ(test, rec.n, 4);
	expect_key(test, 2, 0);
	pad_let_go();
}

static void keys_wake_standby(struct kunit *test)
{
	if (!valid_state(PM_SUSPEND_STANDBY))
		kunit_skip(test, "no standby on this SoC");
	gpio_clk = clk_get(gpio_dev, NULL);
	KUNIT_ASSERT_FALSE(test, IS_ERR_OR_NULL(gpio_clk));
	KUNIT_ASSERT_EQ(test, clk_prepare(gpio_clk), 0);
	register_syscore_ops(&t_syscore);
	syscore_press = true;
	int ret = suspend_with(test, PM_SUSPEND_STANDBY);
	syscore_press = false;
	unregister_syscore_ops(&t_syscore);
	clk_unprepare(gpio_clk);
	clk_put(gpio_clk);
	KUNIT_EXPECT_EQ(test, ret, 0);
	expect_woken_by_key(test);
	/* The block's resume wrote its saved directions back, letting the
	 * pad go before gpio-keys resumed: a press over before its timer
	 * ran, which gpio-keys still reports (the press from its interrupt
	 * while suspended, the release from its resume), in one packet. */
	KUNIT_ASSERT_EQ(test, rec.n, 3);
	expect_event(test, 0, EV_KEY, KEY_POWER, 1);
	expect_key(test, 1, 0);
	fsleep(20000);
	KUNIT_EXPECT_EQ(test, rec.n, 3);
}

static enum hrtimer_restart press_fn(struct hrtimer *t)
{
	press();
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart release_fn(struct hrtimer *t)
{
	release();
	return HRTIMER_NORESTART;
}

static void keys_evtest(struct kunit *test)
{
	struct hrtimer down, up;
	hrtimer_setup(&down, press_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hrtimer_setup(&up, release_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	struct sh_capture cap = { .buf = buf, .size = BUF_SIZE };
	shell_set_console(sh_capture, &cap);
	KUNIT_EXPECT_EQ(test, shell_run("evtest 0"), 1);
	KUNIT_EXPECT_TRUE(test, strstr(buf, "evtest: usage: evtest [N]"));
	cap.len = 0;
	hrtimer_start(&down, ms_to_ktime(10), HRTIMER_MODE_REL);
	hrtimer_start(&up, ms_to_ktime(30), HRTIMER_MODE_REL);
	int ret = shell_run("evtest 2");
	shell_set_console(NULL, NULL);
	pad_let_go();
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_TRUE(test, strstr(buf, "Input device ID: bus 0x19 vendor 0x1 product 0x1 "
					    "version 0x100\nInput device name: \"gpio-keys\"\n"
					    "Supported events:\n  Event type 0 (EV_SYN)\n"
					    "  Event type 1 (EV_KEY)\n    Event code 116 (KEY_POWER)\n"
					    "Testing ... (2 key events)\n"));
	/* Two packets, each a key event and its SYN_REPORT, and no more. */
	unsigned int lines = 0;
	for (const char *q = strstr(buf, "Event: time "); q; q = strstr(q + 1, "\nEvent: time "))
		lines++;
	KUNIT_EXPECT_EQ(test, lines, 4);
	const char *pressed = strstr(buf, ", type 1 (EV_KEY), code 116 (KEY_POWER), value 1\n");
	const char *released = strstr(buf, ", type 1 (EV_KEY), code 116 (KEY_POWER), value 0\n");
	KUNIT_EXPECT_TRUE(test, pressed && released && pressed < released);
	KUNIT_EXPECT_TRUE(test, strstr(buf, ", -------------- SYN_REPORT ------------\n"));
}

static struct kunit_case gpio_keys_cases[] = {
	KUNIT_CASE(keys_device),
	KUNIT_CASE(keys_press_release),
	KUNIT_CASE(keys_debounce),
	KUNIT_CASE(keys_wake_armed),
	KUNIT_CASE(keys_press_aborts_suspend),
	KUNIT_CASE(keys_wake_standby),
	KUNIT_CASE(keys_evtest),
	{ }
};

static struct kunit_suite gpio_keys_suite = {
	.name = "gpio_keys",
	.init = keys_test_init,
	.exit = keys_test_exit,
	.test_cases = gpio_keys_cases,
};
kunit_test_suite(gpio_keys_suite);
