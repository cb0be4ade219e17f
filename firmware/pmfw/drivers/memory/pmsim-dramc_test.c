/*
 * KUnit suite "dramc": the LPDDR controller driver on the default SoC
 * (DRAM at 0x6000_0000 behind 40023000.memory-controller: power-down
 * after 1 µs idle, self-refresh by command). The MCU has no DRAM: the
 * cases skip there.
 *
 * A DRAM access here is a read of a word of high memory no one has read
 * before (a cache line the D-cache cannot hold, if it is on), so that it
 * reaches the memory; nothing else in a test run uses the DRAM.
 *
 *   - probe: the clock is held (its CMU gate open), the timers are the
 *     device tree's, the files are there;
 *   - power-down: each access after more than 1 µs idle leaves
 *     power-down, and the memory goes back to it, counted once each;
 *   - self-refresh: entered on command (the suspend path's call), left by
 *     an access or by the exit call, counted; the idle timer for it
 *     (sr_idle_ns) takes the memory there after its timeout, not before;
 *   - sysfs: pd_idle_ns 0 keeps the memory active; bad values are
 *     -EINVAL; contents_lost is 0.
 */
#include <asm/cacheflush.h>
#include <asm/irqflags.h>
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <memory/pmsim-dramc.h>

#define DEV "/sys/devices/platform/soc/40023000.memory-controller"
#define BUF_BYTES (64 * 1024)
#define LINE 32

static char *text;
static u8 *dram;          /* BUF_BYTES of high memory */
static unsigned int next; /* the next unread line */
static void __iomem *regs;

/* STATUS.STATE read at once: a sysfs read takes longer than the 1 µs
 * power-down timeout, so the cases that time states read the register. */
enum { ACTIVE, POWER_DOWN, SELF_REFRESH };
static unsigned int hw_state(void)
{
	return readl((char __iomem *)regs + 0x008) & 3;
}

static int dramc_test_init(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,lpddr-controller");
	struct resource r;
	if (!np || of_address_to_resource(np, 0, &r)) {
		kunit_skip(test, "no DRAM controller in this SoC");
		return 0;
	}
	regs = ioremap(r.start, resource_size(&r));
	text = kzalloc(64, GFP_KERNEL);
	dram = kmalloc(BUF_BYTES, GFP_KERNEL | __GFP_HIGHMEM);
	next = 1;
	if (!text || !dram)
		return -ENOMEM;
	/* High memory is the DRAM's. */
	if ((uintptr_t)dram < 0x60000000u)
		return -ENODEV;
	return 0;
}

static void dramc_test_exit(struct kunit *test)
{
	kunit_write_file(DEV "/pd_idle_ns", "1000");
	kunit_write_file(DEV "/sr_idle_ns", "0");
	pmsim_dramc_exit_self_refresh();
	kfree(dram);
	kfree(text);
	dram = NULL;
	text = NULL;
}

/* One read that reaches the DRAM: the line is invalidated first, so that
 * a D-cache holding it from an earlier case does not answer. */
static void dram_access(void)
{
	u8 *line = dram + (next++ % (BUF_BYTES / LINE)) * LINE;
	dmac_inv_range(line, line + LINE);
	(void)READ_ONCE(*(volatile u32 *)line);
}

static const char *file(const char *name)
{
	char path[80];
	snprintf(path, sizeof path, DEV "/%s", name);
	if (kunit_read_file(path, text, 64) < 0)
		text[0] = '\0';
	return text;
}

static unsigned long count(const char *name)
{
	unsigned long v = 0;
	kstrtoul(file(name), 10, &v);
	return v;
}

static void dramc_probe_state(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, file("pd_idle_ns"), "1000\n");
	KUNIT_EXPECT_STREQ(test, file("sr_idle_ns"), "0\n");
	KUNIT_EXPECT_STREQ(test, file("contents_lost"), "0\n");
	/* The controller's clock gate (CMU cell 70, gate 6) stays open. */
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,lpddr-controller");
	struct of_phandle_args clk;
	struct resource r;
	KUNIT_ASSERT_EQ(test, of_parse_phandle_with_args(np, "clocks", "#clock-cells", 0, &clk), 0);
	KUNIT_ASSERT_EQ(test, of_address_to_resource(clk.np, 0, &r), 0);
	u32 gates = readl((char __iomem *)ioremap(r.start, resource_size(&r)) + 0x400);
	KUNIT_EXPECT_TRUE(test, gates & BIT(clk.args[0] - 64));
	/* Idle for a while: in power-down. */
	udelay(2);
	KUNIT_EXPECT_STREQ(test, file("state"), "power-down\n");
}

/* The console's DMA (its buffers are in DRAM) done with the lines printed
 * so far: nothing but the test touches the DRAM. */
static void dramc_quiesce(void)
{
	msleep(50);
}

static void dramc_power_down(struct kunit *test)
{
	unsigned long flags;
	dramc_quiesce();
	udelay(2);
	unsigned long pd = count("pd_entries");
	/* No interrupt either (the tick's handler runs on this thread's
	 * stack): only these accesses wake the DRAM. */
	local_irq_save(flags);
	for (int i = 0; i < 16; i++) {
		dram_access();
		udelay(2);
	}
	local_irq_restore(flags);
	KUNIT_EXPECT_EQ(test, count("pd_entries"), pd + 16);
	KUNIT_EXPECT_STREQ(test, file("state"), "power-down\n");
}

static void dramc_self_refresh(struct kunit *test)
{
	/* Power-down after 10 µs idle: with caches on, the code between an
	 * access and the register read can miss the I-cache and take longer
	 * than 1 µs at the boot clock. */
	KUNIT_ASSERT_EQ(test, kunit_write_file(DEV "/pd_idle_ns", "10000"), 5);
	dramc_quiesce();
	unsigned long sr = count("sr_entries"), pd = count("pd_entries");
	KUNIT_ASSERT_EQ(test, pmsim_dramc_enter_self_refresh(), 0);
	KUNIT_EXPECT_STREQ(test, file("state"), "self-refresh\n");
	KUNIT_EXPECT_EQ(test, count("sr_entries"), sr + 1);
	/* An access wakes it (paying tXS); 10 µs later it is in power-down. */
	dram_access();
	KUNIT_EXPECT_EQ(test, hw_state(), ACTIVE);
	udelay(20);
	KUNIT_EXPECT_EQ(test, hw_state(), POWER_DOWN);
	KUNIT_EXPECT_EQ(test, count("pd_entries"), pd + 1);
	/* So does the exit call. */
	KUNIT_ASSERT_EQ(test, pmsim_dramc_enter_self_refresh(), 0);
	KUNIT_EXPECT_EQ(test, count("sr_entries"), sr + 2);
	KUNIT_EXPECT_EQ(test, pmsim_dramc_exit_self_refresh(), 0);
	KUNIT_EXPECT_EQ(test, hw_state(), ACTIVE);
	udelay(20);
	KUNIT_EXPECT_EQ(test, hw_state(), POWER_DOWN);
	KUNIT_EXPECT_EQ(test, count("pd_entries"), pd + 2);
	KUNIT_EXPECT_FALSE(test, pmsim_dramc_contents_lost());

	/* By the idle timer: power-down after 10 µs, self-refresh after 20 ms
	 * (a sysfs access takes a few ms at the boot clock: with an access
	 * just before the write, the write does not find the deadline
	 * passed). */
	dram_access();
	KUNIT_ASSERT_EQ(test, kunit_write_file(DEV "/sr_idle_ns", "20000000"), 8);
	KUNIT_EXPECT_EQ(test, count("sr_entries"), sr + 2);
	dram_access();
	udelay(19990);
	KUNIT_EXPECT_EQ(test, hw_state(), POWER_DOWN);
	udelay(20);
	KUNIT_EXPECT_EQ(test, hw_state(), SELF_REFRESH);
	KUNIT_EXPECT_EQ(test, count("sr_entries"), sr + 3);
}

static void dramc_sysfs(struct kunit *test)
{
	KUNIT_ASSERT_EQ(test, kunit_write_file(DEV "/pd_idle_ns", "0"), 1);
	KUNIT_EXPECT_STREQ(test, file("pd_idle_ns"), "0\n");
	unsigned long pd = count("pd_entries");
	dram_access();
	udelay(5);
	KUNIT_EXPECT_STREQ(test, file("state"), "active\n");
	KUNIT_EXPECT_EQ(test, count("pd_entries"), pd);
	KUNIT_EXPECT_EQ(test, kunit_write_file(DEV "/pd_idle_ns", "-1"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(DEV "/sr_idle_ns", "soon"), -EINVAL);
	KUNIT_EXPECT_EQ(test, kunit_write_file(DEV "/state", "active"), -EACCES);
	/* A timeout written is in force at once: idle for longer than 2 µs
	 * already, the memory enters power-down as the write lands, and
	 * again 2 µs after the next access. */
	KUNIT_ASSERT_EQ(test, kunit_write_file(DEV "/pd_idle_ns", "2000"), 4);
	KUNIT_EXPECT_EQ(test, count("pd_entries"), pd + 1);
	dram_access();
	KUNIT_EXPECT_EQ(test, hw_state(), ACTIVE);
	udelay(3);
	KUNIT_EXPECT_EQ(test, hw_state(), POWER_DOWN);
	KUNIT_EXPECT_EQ(test, count("pd_entries"), pd + 2);
}

static struct kunit_case dramc_cases[] = {
	KUNIT_CASE(dramc_probe_state),
	KUNIT_CASE(dramc_power_down),
	KUNIT_CASE(dramc_self_refresh),
	KUNIT_CASE(dramc_sysfs),
	{ }
};

static struct kunit_suite dramc_suite = {
	.name = "dramc",
	.suite_init = kunit_suite_init_latency_critical,
	.suite_exit = kunit_suite_exit_latency_critical,
	.init = dramc_test_init,
	.exit = dramc_test_exit,
	.test_cases = dramc_cases,
};
kunit_test_suite(dramc_suite);
