/*
 * KUnit suite "pl031": the rtc class and the PL031 driver on rtc0, on
 * every SoC (both have a PL031; the RTC starts at 0 s, 1970-01-01).
 *
 * The RTC counts whole seconds from its oscillator's divider, whose
 * phase the cases do not know; they first wait for a second to begin
 * (sync_second polls RTCDR), so that what follows is exact:
 *
 *   - the class: /sys/class/rtc/rtc0 links to the device under
 *     40006000.rtc/rtc/, with name, date, time, since_epoch and, since
 *     the PL031 may wake the system, wakealarm;
 *   - a time set is read back, and two seconds later the date has
 *     rolled over (2024-02-29 23:59:58 + 2 s = 2024-03-01 00:00:00);
 *   - an alarm 2 s ahead wakes its waiter 2 s after the second began,
 *     to the millisecond; the core counts it in irq_data and disarms it;
 *   - errors: an alarm in the past (-ETIME), an impossible date
 *     (-EINVAL), a time beyond the 32-bit counter (-ERANGE); wakealarm
 *     refuses to replace an armed alarm (-EBUSY) and disarms with 0;
 *   - wake-up: system suspend arms the RTC's NVIC line for the PMU
 *     exactly when an alarm is set and power/wakeup is "enabled";
 *   - runtime PM: the device autosuspends 50 ms after its last use, and
 *     an armed alarm keeps it active; the time goes on meanwhile. With a
 *     bus clock (tests/configs/pmfw_rtc_apb.dts gives one, a CMU gate),
 *     the gate is closed exactly while the device is suspended.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/irqchip/arm-nvic.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/pm_runtime.h>
#include <linux/pm_wakeup.h>
#include <linux/rtc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/wait.h>

#define RTC_DR 0x00
#define DEV "/sys/devices/platform/soc/40006000.rtc"
#define RTC0 "/sys/class/rtc/rtc0"

static struct rtc_device *rtc;
static struct device *dev;
static void __iomem *regs;
static unsigned int rtc_irq;
static char *buf;
#define BUF_SIZE 256

static int pl031_test_init(struct kunit *test)
{
	rtc = rtc_class_open("rtc0");
	if (!rtc) {
		kunit_skip(test, "no rtc0");
		return 0;
	}
	dev = rtc->dev.parent;
	struct resource r;
	if (of_address_to_resource(dev->of_node, 0, &r))
		return -ENODEV;
	regs = ioremap(r.start, resource_size(&r));
	rtc_irq = (unsigned int)of_irq_get(dev->of_node, 0);
	buf = kzalloc(BUF_SIZE, GFP_KERNEL);
	return buf ? 0 : -ENOMEM;
}

static void pl031_test_exit(struct kunit *test)
{
	if (rtc) {
		struct rtc_wkalrm off = { .enabled = 0 };
		rtc_time64_to_tm(0, &off.time);
		rtc_set_alarm(rtc, &off);
		rtc_class_close(rtc);
		rtc = NULL;
	}
	kfree(buf);
	buf = NULL;
}

static const char *read_file(const char *path)
{
	if (kunit_read_file(path, buf, BUF_SIZE) < 0)
		buf[0] = '\0';
	return buf;
}

/* Wait for RTCDR to change: a second has just begun. Its time (ns). */
static s64 sync_second(void)
{
	pm_runtime_get_sync(dev);
	u32 s = readl((char __iomem *)regs + RTC_DR);
	while (readl((char __iomem *)regs + RTC_DR) == s)
		;
	s64 t = ktime_get();
	pm_runtime_put(dev);
	return t;
}

static struct rtc_time tm_of(int year, int mon, int mday, int hour, int min, int sec)
{
	struct rtc_time tm = { .tm_year = year - 1900, .tm_mon = mon - 1, .tm_mday = mday,
			       .tm_hour = hour, .tm_min = min, .tm_sec = sec };
	return tm;
}

static void pl031_class_files(struct kunit *test)
{
	char target[96];
	struct kernfs_node *kn;
	KUNIT_ASSERT_EQ(test, kernfs_walk(RTC0, false, &kn), 0);
	KUNIT_ASSERT_GT(test, kernfs_link_target(kn, target, sizeof target), 0);
	KUNIT_EXPECT_STREQ(test, target, "../../devices/platform/soc/40006000.rtc/rtc/rtc0");
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/name"), "rtc-pl031 40006000.rtc\n");
	KUNIT_EXPECT_STREQ(test, read_file(DEV "/rtc/rtc0/name"), "rtc-pl031 40006000.rtc\n");

	sync_second();
	struct rtc_time now;
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &now), 0);
	char want[32];
	snprintf(want, sizeof want, "%lld\n", rtc_tm_to_time64(&now));
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/since_epoch"), want);
	snprintf(want, sizeof want, "%04d-%02d-%02d\n", now.tm_year + 1900, now.tm_mon + 1,
		 now.tm_mday);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/date"), want);
	snprintf(want, sizeof want, "%02d:%02d:%02d\n", now.tm_hour, now.tm_min, now.tm_sec);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/time"), want);
	/* No alarm: wakealarm is empty. */
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/wakealarm"), "");
}

static void pl031_set_time(struct kunit *test)
{
	struct rtc_time tm = tm_of(2024, 2, 29, 23, 59, 58), got;
	sync_second();
	KUNIT_ASSERT_EQ(test, rtc_set_time(rtc, &tm), 0);
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &got), 0);
	KUNIT_EXPECT_EQ(test, rtc_tm_to_time64(&got), rtc_tm_to_time64(&tm));
	KUNIT_EXPECT_EQ(test, got.tm_wday, 4); /* a Thursday */
	/* The divider's phase is kept: the two seconds end together. */
	msleep(2000);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/date"), "2024-03-01\n");
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/time"), "00:00:00\n");
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/since_epoch"), "1709251200\n");
}

static void pl031_alarm(struct kunit *test)
{
	struct rtc_wkalrm alarm = { .enabled = 1 }, got;
	unsigned long irq_data = rtc->irq_data;
	unsigned int irqs = kstat_irqs_usr(rtc_irq);
	s64 t0 = sync_second();
	struct rtc_time now;
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &now), 0);
	rtc_time64_to_tm(rtc_tm_to_time64(&now) + 2, &alarm.time);
	KUNIT_ASSERT_EQ(test, rtc_set_alarm(rtc, &alarm), 0);
	KUNIT_ASSERT_EQ(test, rtc_read_alarm(rtc, &got), 0);
	KUNIT_EXPECT_EQ(test, got.enabled, 1);
	KUNIT_EXPECT_EQ(test, rtc_tm_to_time64(&got.time), rtc_tm_to_time64(&alarm.time));
	char want[32];
	snprintf(want, sizeof want, "%lld\n", rtc_tm_to_time64(&alarm.time));
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/wakealarm"), want);

	/* As a reader of /dev/rtc0 waits. */
	long left = wait_event_interruptible_timeout(rtc->irq_queue, rtc->irq_data != irq_data,
						     3 * HZ);
	s64 woke = ktime_get() - t0;
	KUNIT_EXPECT_GT(test, left, 0);
	KUNIT_EXPECT_GE(test, woke, 2 * NSEC_PER_SEC - 2 * NSEC_PER_USEC);
	/* Woken within 2 ms: the wake-up from the deepest idle state, and
	 * whatever work is due at the same time (the thermal zone's poll
	 * once a second) runs first. */
	KUNIT_EXPECT_LT(test, woke, 2 * NSEC_PER_SEC + 2 * NSEC_PER_MSEC);
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr(rtc_irq), irqs + 1);
	KUNIT_EXPECT_EQ(test, rtc->irq_data, (irq_data + (1 << 8)) | RTC_IRQF | RTC_AF);
	/* Fired: disarmed. */
	KUNIT_ASSERT_EQ(test, rtc_read_alarm(rtc, &got), 0);
	KUNIT_EXPECT_EQ(test, got.enabled, 0);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/wakealarm"), "");
}

static void pl031_errors(struct kunit *test)
{
	struct rtc_wkalrm alarm = { .enabled = 1 };
	struct rtc_time now;
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &now), 0);
	alarm.time = now;
	KUNIT_EXPECT_EQ(test, rtc_set_alarm(rtc, &alarm), -ETIME);
	alarm.time = tm_of(2023, 2, 29, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, rtc_set_alarm(rtc, &alarm), -EINVAL);
	struct rtc_time tm = tm_of(2106, 2, 7, 6, 28, 16);
	KUNIT_EXPECT_EQ(test, rtc_set_time(rtc, &tm), -ERANGE);
	tm = tm_of(2106, 2, 7, 6, 28, 15);
	KUNIT_EXPECT_EQ(test, rtc_set_time(rtc, &tm), 0);
	tm = tm_of(2000, 1, 1, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, rtc_set_time(rtc, &tm), 0);

	KUNIT_EXPECT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "+30"), 3);
	KUNIT_EXPECT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "+50"), -EBUSY);
	KUNIT_EXPECT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "soon"), -EINVAL);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/wakealarm"), "946684830\n");
	KUNIT_EXPECT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "0"), 1);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/wakealarm"), "");
	KUNIT_EXPECT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "946684900"), 9);
	KUNIT_EXPECT_STREQ(test, read_file(RTC0 "/wakealarm"), "946684900\n");
}

static bool rtc_line_armed(void)
{
	u32 mask[2];
	nvic_get_wake_mask(mask, ARRAY_SIZE(mask));
	return mask[rtc_irq / 32] & BIT(rtc_irq % 32);
}

static void pl031_wakeup(struct kunit *test)
{
	const struct dev_pm_ops *pm = dev->driver->pm;
	KUNIT_ASSERT_NOT_NULL(test, pm);
	KUNIT_EXPECT_TRUE(test, device_may_wakeup(dev));
	KUNIT_EXPECT_STREQ(test, read_file(DEV "/power/wakeup"), "enabled\n");

	/* No alarm: nothing to wake for. */
	KUNIT_EXPECT_EQ(test, pm->suspend(dev), 0);
	KUNIT_EXPECT_FALSE(test, rtc_line_armed());
	KUNIT_EXPECT_EQ(test, pm->resume(dev), 0);

	KUNIT_ASSERT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "+60"), 3);
	KUNIT_EXPECT_EQ(test, pm->suspend(dev), 0);
	KUNIT_EXPECT_TRUE(test, rtc_line_armed());
	KUNIT_EXPECT_EQ(test, pm->resume(dev), 0);
	KUNIT_EXPECT_FALSE(test, rtc_line_armed());

	/* Not allowed to wake the system: the alarm stays, unarmed. */
	KUNIT_ASSERT_GT(test, kunit_write_file(DEV "/power/wakeup", "disabled"), 0);
	KUNIT_EXPECT_EQ(test, pm->suspend(dev), 0);
	KUNIT_EXPECT_FALSE(test, rtc_line_armed());
	KUNIT_EXPECT_EQ(test, pm->resume(dev), 0);
	KUNIT_EXPECT_GT(test, kunit_write_file(DEV "/power/wakeup", "enabled"), 0);
}

/* The asynchronous autosuspend has run. */
static const char *settled_status(unsigned int ms)
{
	msleep(ms);
	return read_file(DEV "/power/runtime_status");
}

#define CMU_GATE 0x400

/* The apb_pclk gate's state at the CMU: 1 open, 0 closed, -1 none. */
static int apb_gate_open(void)
{
	int idx = of_property_match_string(dev->of_node, "clock-names", "apb_pclk");
	struct of_phandle_args args;
	struct resource r;
	if (idx < 0 || of_parse_phandle_with_args(dev->of_node, "clocks", "#clock-cells", idx,
						  &args) ||
	    of_address_to_resource(args.np, 0, &r) || args.args[0] < 64)
		return -1;
	u32 gate = readl((char __iomem *)ioremap(r.start, resource_size(&r)) + CMU_GATE);
	return !!(gate & BIT(args.args[0] - 64));
}

static void pl031_runtime_pm(struct kunit *test)
{
	struct rtc_time t1, t2;
	/* 1 if there is a gate, to compare with; 0 when there is none. */
	int gated = apb_gate_open() >= 0;
	KUNIT_EXPECT_STREQ(test, settled_status(60), "suspended\n");
	KUNIT_EXPECT_EQ(test, apb_gate_open(), gated ? 0 : -1);
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &t1), 0);
	/* Used: active until 50 ms after the last use. */
	KUNIT_EXPECT_STREQ(test, settled_status(40), "active\n");
	KUNIT_EXPECT_EQ(test, apb_gate_open(), gated ? 1 : -1);
	KUNIT_EXPECT_STREQ(test, settled_status(20), "suspended\n");
	KUNIT_EXPECT_EQ(test, apb_gate_open(), gated ? 0 : -1);
	/* Armed: active for as long. */
	KUNIT_ASSERT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "+60"), 3);
	KUNIT_EXPECT_STREQ(test, settled_status(1100), "active\n");
	KUNIT_EXPECT_EQ(test, apb_gate_open(), gated ? 1 : -1);
	KUNIT_ASSERT_EQ(test, kunit_write_file(RTC0 "/wakealarm", "0"), 1);
	KUNIT_EXPECT_STREQ(test, settled_status(60), "suspended\n");
	KUNIT_EXPECT_EQ(test, apb_gate_open(), gated ? 0 : -1);
	KUNIT_ASSERT_EQ(test, rtc_read_time(rtc, &t2), 0);
	KUNIT_EXPECT_GE(test, rtc_tm_to_time64(&t2) - rtc_tm_to_time64(&t1), 1);
}

static struct kunit_case pl031_cases[] = {
	KUNIT_CASE(pl031_class_files),
	KUNIT_CASE(pl031_set_time),
	KUNIT_CASE(pl031_alarm),
	KUNIT_CASE(pl031_errors),
	KUNIT_CASE(pl031_wakeup),
	KUNIT_CASE(pl031_runtime_pm),
	{ }
};

static struct kunit_suite pl031_suite = {
	.name = "pl031",
	.init = pl031_test_init,
	.exit = pl031_test_exit,
	.test_cases = pl031_cases,
};
kunit_test_suite(pl031_suite);
