/*
 * KUnit suite "suspend-mem": suspend to RAM's machine part (pm.c,
 * arch/arm/sleep.c) on the default SoC, woken by the RTC's alarm. The MCU
 * has no `mem` (no DRAM, no always-on SRAM): every case skips there.
 *
 * The suite stands in for the suspend sequence around
 * pmsim_pm_enter_mem(): it arms the alarm as a wake-up (enable_irq_wake,
 * then the PMU's WAKE_EN), and, because the tick is not suspended here as
 * the sequence's timekeeping and clockevents suspend would do it, it
 * masks every other NVIC line while it suspends (a pending tick would end
 * the WFI at once). Interrupts are off across the call.
 *
 *   - resume: 0 returned; the PMU counted one suspend (SUSPENDS) and says
 *     warm boot and suspend (STATUS); the simulated time (semihosting
 *     SYS_ELAPSED) advanced by about the second to the alarm; a pattern
 *     in .data, .bss, the heap, the stack and the DRAM survived; the
 *     DRAM says it kept its contents; the caches are on and the MPU's
 *     regions are the ones from before; the NVIC's enables and the
 *     alarm's interrupt are taken once interrupts are on again;
 *   - pending: with the alarm already pending (interrupts off, the line
 *     asserted), the WFI ends at once: -EBUSY, no suspend counted, and
 *     the kernel carries on (its D-cache on again);
 *   - idle power-off: cpu_suspend through the power-off idle state, the
 *     SRAM kept, woken by the tick: the same warm boot, the context back.
 *
 * The report's side (1 suspend, suspend.time_s about 1 s, no DRAM lost,
 * no dirty line lost) is checked by tests/scripts/pmfw_suspend_mem.py.
 */
#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/of.h>
#include <linux/platform_device.h>
#include <linux/rtc.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <asm/cacheflush.h>
#include <asm/irqflags.h>
#include <soc/pmsim/pm.h>
#include <soc/pmsim/pmu.h>

#include "../arch.h"
#include "pm-mem.h"

#define PMU_STATUS 0x014
#define PMU_SUSPENDS 0x018
#define NVIC_ISER(n) (((volatile u32 *)0xe000e100u)[n])
#define NVIC_ICER(n) (((volatile u32 *)0xe000e180u)[n])
#define NVIC_ISPR(n) (((volatile u32 *)0xe000e200u)[n])
#define MPU_CTRL (*(volatile u32 *)0xe000ed94u)
#define MPU_RNR (*(volatile u32 *)0xe000ed98u)
#define MPU_RBAR (*(volatile u32 *)0xe000ed9cu)
#define MPU_RASR (*(volatile u32 *)0xe000eda0u)
#define RTC_DR 0x00
#define DRAMC_DEV "/sys/devices/platform/soc/40023000.memory-controller"
#define PATTERN 0x5a17c0deu
#define HEAP_WORDS 64
#define DRAM_WORDS 1024

static u32 data_word = 0x0da7a0da;
static u32 bss_word;
static struct rtc_device *rtc;
static void __iomem *pmu, *rtc_regs;
static unsigned int rtc_irq, rtc_hwirq;

static int suspend_mem_init(struct kunit *test)
{
	if (!pmsim_pm_mem_supported()) {
		kunit_skip(test, "no suspend to RAM on this SoC");
		return 0;
	}
	struct device_node *np = of_find_compatible_node(NULL, NULL, "pmsim,pmu");
	struct resource r;
	if (!np || of_address_to_resource(np, 0, &r))
		return -ENODEV;
	pmu = ioremap(r.start, resource_size(&r));
	rtc = rtc_class_open("rtc0");
	if (!rtc)
		return -ENODEV;
	struct device *dev = rtc->dev.parent;
	if (of_address_to_resource(dev->of_node, 0, &r) ||
	    of_property_read_u32(dev->of_node, "interrupts", &rtc_hwirq))
		return -ENODEV;
	rtc_regs = ioremap(r.start, resource_size(&r));
	rtc_irq = (unsigned int)of_irq_get(dev->of_node, 0);
	return enable_irq_wake(rtc_irq);
}

static void suspend_mem_exit(struct kunit *test)
{
	if (!rtc)
		return;
	struct rtc_wkalrm off = { .enabled = 0 };
	rtc_time64_to_tm(0, &off.time);
	rtc_set_alarm(rtc, &off);
	disable_irq_wake(rtc_irq);
	pmsim_pmu_arm_wakeups();
	rtc_class_close(rtc);
	rtc = NULL;
}

/* The alarm 1 s after the start of the next second, which is now: about
 * a second ahead. */
static void arm_alarm(struct kunit *test)
{
	u32 s = readl((char __iomem *)rtc_regs + RTC_DR);
	while (readl((char __iomem *)rtc_regs + RTC_DR) == s)
		;
	struct rtc_wkalrm alarm = { .enabled = 1 };
	rtc_time64_to_tm((time64_t)s + 2, &alarm.time);
	KUNIT_ASSERT_EQ(test, rtc_set_alarm(rtc, &alarm), 0);
	KUNIT_ASSERT_TRUE(test, pmsim_pmu_arm_wakeups() & BIT(rtc_hwirq));
}

struct nvic_state {
	u32 iser[NR_IRQS / 32];
};

/* Every NVIC line but the alarm's masked (the suspend sequence would
 * have stopped the tick); interrupts must be off. */
static void mask_others(struct nvic_state *s)
{
	for (unsigned int i = 0; i < NR_IRQS / 32; i++) {
		s->iser[i] = NVIC_ISER(i);
		u32 keep = i == rtc_hwirq / 32 ? BIT(rtc_hwirq % 32) : 0;
		NVIC_ICER(i) = s->iser[i] & ~keep;
	}
}

static void unmask_others(const struct nvic_state *s)
{
	for (unsigned int i = 0; i < NR_IRQS / 32; i++)
		NVIC_ISER(i) = s->iser[i];
}

static void suspend_mem_resume(struct kunit *test)
{
	volatile u32 stack_words[16];
	u32 *heap = kmalloc(HEAP_WORDS * 4, GFP_KERNEL);
	u32 *dram = kmalloc(DRAM_WORDS * 4, GFP_KERNEL | __GFP_HIGHMEM);
	KUNIT_ASSERT_NOT_NULL(test, heap);
	KUNIT_ASSERT_NOT_NULL(test, dram);
	KUNIT_EXPECT_GE(test, (uintptr_t)dram, 0x60000000u);
	for (unsigned int i = 0; i < HEAP_WORDS; i++)
		heap[i] = PATTERN ^ i;
	for (unsigned int i = 0; i < DRAM_WORDS; i++)
		dram[i] = ~PATTERN ^ i;
	for (unsigned int i = 0; i < 16; i++)
		stack_words[i] = PATTERN + i;
	data_word = PATTERN;
	bss_word = ~PATTERN;
	u32 ccr = SCB_CCR, mpu_ctrl = MPU_CTRL, rbar[8], rasr[8];
	for (unsigned int i = 0; i < 8; i++) {
		MPU_RNR = i;
		rbar[i] = MPU_RBAR;
		rasr[i] = MPU_RASR;
	}
	unsigned long irqs = kstat_irqs_usr(rtc_irq);
	msleep(20); /* the console's output drained */
	arm_alarm(test);

	struct nvic_state nv;
	u32 suspends = readl(pmu + PMU_SUSPENDS);
	local_irq_disable();
	mask_others(&nv);
	u64 t0 = semihost_elapsed_us();
	int ret = pmsim_pm_enter_mem();
	u64 t1 = semihost_elapsed_us();
	u32 status = readl(pmu + PMU_STATUS);
	bool alarm_pending = NVIC_ISPR(rtc_hwirq / 32) & BIT(rtc_hwirq % 32);
	unmask_others(&nv);
	local_irq_enable();

	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, readl(pmu + PMU_SUSPENDS), suspends + 1);
	KUNIT_EXPECT_EQ(test, status & 3, 3); /* warm boot, from suspend */
	KUNIT_EXPECT_TRUE(test, pmsim_pmu_wake_status() & BIT(rtc_hwirq));
	KUNIT_EXPECT_TRUE(test, alarm_pending);
	kunit_info(test, "suspended for %llu us\n", (unsigned long long)(t1 - t0));
	KUNIT_EXPECT_GE(test, t1 - t0, 900000ull);
	KUNIT_EXPECT_LE(test, t1 - t0, 1100000ull);
	KUNIT_EXPECT_EQ(test, data_word, PATTERN);
	KUNIT_EXPECT_EQ(test, bss_word, ~PATTERN);
	unsigned int bad = 0;
	for (unsigned int i = 0; i < HEAP_WORDS; i++)
		bad += heap[i] != (PATTERN ^ i);
	KUNIT_EXPECT_EQ(test, bad, 0);
	bad = 0;
	for (unsigned int i = 0; i < 16; i++)
		bad += stack_words[i] != PATTERN + i;
	KUNIT_EXPECT_EQ(test, bad, 0);
	bad = 0;
	for (unsigned int i = 0; i < DRAM_WORDS; i++)
		bad += dram[i] != (~PATTERN ^ i);
	KUNIT_EXPECT_EQ(test, bad, 0);
	char buf[8] = "";
	kunit_read_file(DRAMC_DEV "/contents_lost", buf, sizeof buf);
	KUNIT_EXPECT_STREQ(test, buf, "0\n");
	/* The caches and the MPU as before the power-off. */
	KUNIT_EXPECT_EQ(test, SCB_CCR, ccr);
	KUNIT_EXPECT_EQ(test, MPU_CTRL, mpu_ctrl);
	for (unsigned int i = 0; i < 8; i++) {
		MPU_RNR = i;
		KUNIT_EXPECT_EQ(test, MPU_RBAR, rbar[i]);
		KUNIT_EXPECT_EQ(test, MPU_RASR, rasr[i]);
	}
	/* The alarm's interrupt was taken once interrupts were on. */
	KUNIT_EXPECT_EQ(test, kstat_irqs_usr(rtc_irq), irqs + 1);

	struct pmsim_pm_mem_stats st;
	pmsim_pm_mem_get_stats(&st);
	KUNIT_EXPECT_GT(test, st.saved_bytes, 0);
	KUNIT_EXPECT_LE(test, st.saved_bytes, st.reserved);
	kunit_info(test, "%u bytes of SRAM in %u extents (%zu reserved): saved in %u cycles, "
		   "restored in %u\n", st.saved_bytes, st.extents, st.reserved, st.save_cycles,
		   st.restore_cycles);
	kfree(heap);
	kfree(dram);
}

static void suspend_mem_pending(struct kunit *test)
{
	struct nvic_state nv;
	arm_alarm(test);
	u32 suspends = readl(pmu + PMU_SUSPENDS);
	local_irq_disable();
	mask_others(&nv);
	/* The alarm fires with interrupts off: its line pends. */
	u64 t0 = semihost_elapsed_us();
	while (!(NVIC_ISPR(rtc_hwirq / 32) & BIT(rtc_hwirq % 32)) &&
	       semihost_elapsed_us() - t0 < 3000000)
		;
	int ret = pmsim_pm_enter_mem();
	unmask_others(&nv);
	local_irq_enable();
	KUNIT_EXPECT_EQ(test, ret, -EBUSY);
	KUNIT_EXPECT_EQ(test, readl(pmu + PMU_SUSPENDS), suspends);
	KUNIT_EXPECT_TRUE(test, SCB_CCR & BIT(16));
}

/* cpu_suspend through the idle power-off state (cpuidle's, later): the
 * SRAM kept, the next interrupt (the tick) ends it through the same warm
 * boot, with no image to copy back. */
static void suspend_mem_idle_power_off(struct kunit *test)
{
	unsigned int n = pmsim_pmu_num_idle_states(), index = 0;
	for (unsigned int i = 0; i < n; i++)
		if (pmsim_pmu_idle_mode(i) == PMSIM_IDLE_POWER_OFF)
			index = i;
	if (!index)
		kunit_skip(test, "no power-off idle state");
	volatile u32 stack_word = PATTERN;
	bss_word = PATTERN;
	u32 ccr = SCB_CCR, mpu_ctrl = MPU_CTRL;
	int ret = -EBUSY;
	u32 status = 0;
	/* A tick already pending ends the WFI at once: try again. */
	for (int tries = 0; tries < 5 && ret == -EBUSY; tries++) {
		local_irq_disable();
		ret = pmsim_pm_enter_power_off(index);
		status = readl(pmu + PMU_STATUS);
		local_irq_enable();
	}
	KUNIT_EXPECT_EQ(test, ret, 0);
	KUNIT_EXPECT_EQ(test, status & 3, 1); /* warm boot, not from suspend */
	KUNIT_EXPECT_EQ(test, stack_word, PATTERN);
	KUNIT_EXPECT_EQ(test, bss_word, PATTERN);
	KUNIT_EXPECT_EQ(test, SCB_CCR, ccr);
	KUNIT_EXPECT_EQ(test, MPU_CTRL, mpu_ctrl);
	/* The kernel's time goes on: a sleep still ends. */
	msleep(5);
}

static struct kunit_case suspend_mem_cases[] = {
	KUNIT_CASE(suspend_mem_resume),
	KUNIT_CASE(suspend_mem_pending),
	KUNIT_CASE(suspend_mem_idle_power_off),
	{}
};

/* Latency-critical: the suite counts its own power-off entry (the report
 * test checks one), which cpuidle's would join. */
static struct kunit_suite suspend_mem_suite = {
	.name = "suspend-mem",
	.suite_init = kunit_suite_init_latency_critical,
	.suite_exit = kunit_suite_exit_latency_critical,
	.init = suspend_mem_init,
	.exit = suspend_mem_exit,
	.test_cases = suspend_mem_cases,
};
kunit_test_suites(&suspend_mem_suite);
