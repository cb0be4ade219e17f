/*
 * Suspend to RAM on pmsim's default SoC: the machine part (what a Linux
 * arch/arm/mach-<soc>/pm.c does), which the PMU's
 * platform_suspend_ops->enter calls for PM_SUSPEND_MEM
 * (include/soc/pmsim/pm.h).
 *
 * In system suspend (docs/devices/pmu.md) every domain but `aon` and
 * `dram` turns off: the 4 MiB SRAM, where the whole kernel lives, loses
 * its contents; the 8 KiB always-on SRAM keeps them, and so does the DRAM
 * if it is in self-refresh. So:
 *
 *   at boot   a DRAM buffer as large as the kernel's SRAM is reserved at
 *             the top of high memory (kmem_reserve_top, a memblock-style
 *             reservation: every other allocation lands where it would
 *             without it), and the warm-boot area is laid out at the
 *             start of the always-on SRAM: a vector table whose reset
 *             entry is warm_reset and whose initial stack is the area's
 *             end, then this file's descriptor (struct warm_area);
 *   suspend   cpu_suspend saves the core's context (arch/arm/sleep.c) and
 *             calls mem_finish, which turns the D-cache off and empties
 *             it (v7m_dcache_off_flush), copies the SRAM in use to the
 *             DRAM buffer (.data and .bss, each heap region of SRAM up to
 *             the end of its last used block, the handler stack at the
 *             top of the linked SRAM), puts the DRAM in self-refresh, and
 *             does a WFI with SLEEPDEEP and LPMODE 0xff;
 *   warm boot the PMU starts the core at WARMBOOT: warm_reset, on the
 *             always-on stack, running from flash, takes the DRAM out of
 *             self-refresh, checks it kept its contents, copies the
 *             SRAM back (so nothing it runs may use that SRAM), and
 *             jumps to cpu_resume, which restores the context:
 *             cpu_suspend returns 0. The cold boot (.data copied, .bss
 *             cleared, start_kernel) never runs again.
 *
 * The copy is made with the D-cache off, so that every byte of it reaches
 * the DRAM before self-refresh and no dirty line exists when the core
 * powers off (pmsim reports those as lost). A DRAM that lost its
 * contents (STATUS.LOST) cannot be restored from: the warm boot then
 * resets the system (a cold boot, whose DRAM driver says so, and so does
 * this file's init, from the flag the warm boot left in the area).
 *
 * The MCU has neither DRAM nor always-on SRAM: no `mem` there.
 *
 * The same warm boot serves an idle power-off state
 * (pmsim_pm_enter_power_off, for cpuidle): the SRAM is kept, there is no
 * image to copy back, and warm_reset goes straight to cpu_resume.
 */
#include <asm/cacheflush.h>
#include <asm/irqflags.h>
#include <asm/suspend.h>
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <memory/pmsim-dramc.h>
#include <soc/pmsim/pm.h>

#include "../../../mm/slab.h"
#include "../arch.h"
#include "pm-mem.h"

#define PMU_LPMODE 0x004
#define PMU_WARMBOOT 0x008
#define PMU_STATUS 0x014
#define PMU_WAKE_EXC 0x06c
#define LPMODE_SUSPEND 0xffu
#define STATUS_WARM BIT(0)
#define STATUS_SUSPEND BIT(1)

#define DEMCR (*(volatile u32 *)0xe000edfcu)
#define DEMCR_TRCENA BIT(24)
#define DWT_CTRL (*(volatile u32 *)0xe0001000u)
#define DWT_CYCCNT (*(volatile u32 *)0xe0001004u)
#define DWT_CTRL_CYCCNTENA BIT(0)
#define DWT_LAR (*(volatile u32 *)0xe0001fb0u)
#define DWT_LAR_KEY 0xc5acce55u
#define AIRCR_SYSRESETREQ (0x05fau << 16 | BIT(2))

#define WARM_MAGIC 0x574d4231u /* "WMB1" */
/* The warm-boot area: the start of the always-on SRAM, the vector table
 * first (VTOR needs the table's size rounded up to a power of two as
 * alignment: 512 bytes for 80 vectors), the stack at its end. */
#define WARM_AREA_SIZE 2048u
#define WARM_ALIGN 512u
#define NR_VECTORS (16 + NR_IRQS)
#define MAX_EXTENTS 12
#define MAX_DRAMC 2

struct pm_extent {
	u32 sram, dram, len; /* bytes, multiples of 4 */
};

struct warm_area {
	u32 vectors[NR_VECTORS];
	u32 magic;
	u32 image; /* the SRAM's contents are in DRAM: copy them back */
	u32 lost;  /* the warm boot found the DRAM's contents lost */
	u32 nr_dramc;
	struct pmsim_dramc_warm dramc[MAX_DRAMC];
	u32 nr_extents;
	struct pm_extent ext[MAX_EXTENTS];
	u32 saved_bytes, save_cycles, restore_cycles;
};
_Static_assert(sizeof(struct warm_area) + 512 <= WARM_AREA_SIZE, "the warm boot's stack");

extern char __data_start[], __bss_end[], __msp_stack_bottom[], __msp_stack_top[];

static struct {
	bool ready;
	void __iomem *pmu;
	struct warm_area *warm;
	u8 *save; /* in DRAM */
	size_t save_size;
	u32 aon_start, aon_end;
	struct pmsim_pm_mem_stats stats;
} pm;

/* The copies' cost in core cycles (docs/timing.md, "Measuring with
 * CYCCNT"): the DWT is the core's, reset by the power-off, so the warm
 * boot starts it again. */
static inline void cyccnt_start(void)
{
	DEMCR |= DEMCR_TRCENA;
	DWT_LAR = DWT_LAR_KEY; /* the Cortex-M7 locks the DWT at reset */
	DWT_CYCCNT = 0;
	DWT_CTRL |= DWT_CTRL_CYCCNTENA;
}

/* len bytes (a multiple of 4) from src to dst, 32 at a time by LDM/STM:
 * with the D-cache off every access is a bus transaction, and a multiple
 * one is a burst (one first beat, then a beat per word). No
 * global: the warm boot uses it before the SRAM is back. */
static void copy_words(u32 *dst, const u32 *src, u32 len)
{
	__asm__ volatile(
		"1:\n\t"
		"cmp %[len], #32\n\t"
		"blo 2f\n\t"
		"ldmia %[src]!, {r3-r6, r8-r11}\n\t"
		"stmia %[dst]!, {r3-r6, r8-r11}\n\t"
		"sub %[len], %[len], #32\n\t"
		"b 1b\n"
		"2:\n\t"
		"cbz %[len], 3f\n\t"
		"ldr r3, [%[src]], #4\n\t"
		"str r3, [%[dst]], #4\n\t"
		"sub %[len], %[len], #4\n\t"
		"b 2b\n"
		"3:"
		: [dst] "+r"(dst), [src] "+r"(src), [len] "+r"(len)
		:
		: "r3", "r4", "r5", "r6", "r8", "r9", "r10", "r11", "cc", "memory");
}

/* ---- the warm boot: flash code, always-on stack, SRAM not yet back ------- */

static __noreturn void warm_reboot(void)
{
	__asm__ volatile("dsb" ::: "memory");
	SCB_AIRCR = AIRCR_SYSRESETREQ;
	for (;;)
		__asm__ volatile("wfi");
}

/* What warm_reset calls before cpu_resume: touches only the area, the
 * DRAM and the SRAM it writes. The DRAM's own registers say whether it
 * kept its contents (the driver, whose list is in SRAM, cannot be asked). */
void __used pmsim_warm_restore(struct warm_area *a)
{
	cyccnt_start();
	if (a->magic != WARM_MAGIC)
		warm_reboot();
	if (!a->image)
		return; /* the SRAM was kept (an idle power-off state) */
	for (u32 i = 0; i < a->nr_dramc; i++)
		*(volatile u32 *)a->dramc[i].ctrl = a->dramc[i].ctrl_exit;
	for (u32 i = 0; i < a->nr_dramc; i++)
		if (*(volatile u32 *)a->dramc[i].status & a->dramc[i].status_lost) {
			a->lost = 1;
			a->image = 0;
			warm_reboot();
		}
	for (u32 i = 0; i < a->nr_extents; i++)
		copy_words((u32 *)a->ext[i].sram, (const u32 *)a->ext[i].dram, a->ext[i].len);
	a->image = 0;
	a->restore_cycles = DWT_CYCCNT;
}

/* WARMBOOT's reset entry: thread mode, MSP the area's end (the table's
 * first word), VTOR the table, the caches and MPU off. */
static __attribute__((naked, noreturn)) void warm_reset(void)
{
	__asm__ volatile(
		"cpsid i\n\t"
		"ldr r0, =0xe000ed08\n\t" /* VTOR: the area */
		"ldr r0, [r0]\n\t"
		"bl pmsim_warm_restore\n\t"
		"b cpu_resume\n");
}

/* ---- suspend --------------------------------------------------------------- */

static bool in_aon(u32 a)
{
	return a >= pm.aon_start && a < pm.aon_end;
}

static int add_extent(struct warm_area *a, u32 start, u32 end, u32 *dram)
{
	start &= ~3u;
	end = (end + 3) & ~3u;
	if (end <= start || in_aon(start))
		return 0;
	struct pm_extent *last = a->nr_extents ? &a->ext[a->nr_extents - 1] : NULL;
	if (*dram + (end - start) > (u32)(uintptr_t)pm.save + pm.save_size)
		return -ENOMEM;
	if (last && last->sram + last->len == start) {
		last->len += end - start;
	} else {
		if (a->nr_extents == MAX_EXTENTS)
			return -ENOMEM;
		a->ext[a->nr_extents++] = (struct pm_extent){ start, *dram, end - start };
	}
	*dram += end - start;
	return 0;
}

/* The SRAM in use, as extents of the DRAM buffer: .data and .bss, each
 * on-chip heap region up to its last used block (the first region starts
 * where .bss ends: one extent), the handler stack. With interrupts off
 * and the D-cache off, so that nothing changes under the copy. */
static int collect_extents(struct warm_area *a)
{
	u32 dram = (u32)(uintptr_t)pm.save;
	a->nr_extents = 0;
	int err = add_extent(a, (u32)(uintptr_t)__data_start, (u32)(uintptr_t)__bss_end, &dram);
	struct kmem_region_info ri;
	for (unsigned int i = 0; !err && kmem_region_info(i, &ri); i++)
		if (!ri.highmem)
			err = add_extent(a, (u32)(uintptr_t)ri.start, (u32)(uintptr_t)ri.used_end,
					 &dram);
	if (!err)
		err = add_extent(a, (u32)(uintptr_t)__msp_stack_bottom,
				 (u32)(uintptr_t)__msp_stack_top, &dram);
	a->saved_bytes = dram - (u32)(uintptr_t)pm.save;
	return err;
}

/* cpu_suspend's finisher: the context is saved; power the SoC down. */
static int mem_finish(unsigned long arg)
{
	struct warm_area *a = pm.warm;
	int ret;
	cyccnt_start();
	v7m_dcache_off_flush();
	ret = collect_extents(a);
	if (ret)
		goto out;
	for (u32 i = 0; i < a->nr_extents; i++)
		copy_words((u32 *)a->ext[i].dram, (const u32 *)a->ext[i].sram, a->ext[i].len);
	a->save_cycles = DWT_CYCCNT;
	a->image = 1;
	/* Nothing written to the SRAM from here on is kept: the warm boot
	 * brings back the copy (the DRAM driver's lock and counters as they
	 * were, the memory out of self-refresh as the driver believes). */
	if (pmsim_dramc_enter_self_refresh()) {
		a->image = 0;
		pmsim_dramc_exit_self_refresh();
		ret = -EIO;
		goto out;
	}
	writel(LPMODE_SUSPEND, pm.pmu + PMU_LPMODE);
	SCB_SCR |= SCR_SLEEPDEEP;
	arch_wfi();
	/* Still here: an interrupt was pending, the SoC did not suspend. */
	SCB_SCR &= ~SCR_SLEEPDEEP;
	a->image = 0;
	pmsim_dramc_exit_self_refresh();
	ret = -EBUSY;
out:
	v7m_dcache_on();
	return ret;
}

/* Called with interrupts off, devices suspended, the wake-up lines armed
 * in WAKE_EN and enabled in the NVIC. 0 after a suspend and resume;
 * -EBUSY if an interrupt was pending (the WFI returned at once, nothing
 * was lost); -EOPNOTSUPP without `mem` on this SoC; -EINVAL with
 * interrupts on; -EIO if the DRAM would not enter self-refresh, or the
 * PMU does not report the warm boot from suspend. */
int pmsim_pm_enter_mem(void)
{
	if (!pm.ready)
		return -EOPNOTSUPP;
	if (!irqs_disabled())
		return -EINVAL;
	struct warm_area *a = pm.warm;
	a->nr_dramc = pmsim_dramc_warm_info(a->dramc, MAX_DRAMC);
	if (!a->nr_dramc)
		return -ENODEV;
	/* A loss from before is not this suspend's. */
	pmsim_dramc_contents_lost();
	a->magic = WARM_MAGIC;
	a->image = 0;
	a->lost = 0;
	u32 lpmode = readl(pm.pmu + PMU_LPMODE);
	writel((u32)(uintptr_t)a, pm.pmu + PMU_WARMBOOT);
	int ret = cpu_suspend(0, mem_finish);
	writel(lpmode, pm.pmu + PMU_LPMODE);
	if (ret == -EBUSY)
		pm.stats.aborts++;
	if (ret)
		return ret;
	/* Woken from suspend through the warm boot: the NVIC was reset, the
	 * PMU kept what woke the core. */
	powertop_cpu_woke(readl(pm.pmu + PMU_WAKE_EXC));
	/* Back through the warm boot, the kernel's memory restored. */
	pmsim_dramc_exit_self_refresh();
	u32 status = readl(pm.pmu + PMU_STATUS);
	if ((status & (STATUS_WARM | STATUS_SUSPEND)) != (STATUS_WARM | STATUS_SUSPEND) ||
	    pmsim_dramc_contents_lost())
		ret = -EIO;
	pm.stats.suspends++;
	pm.stats.extents = a->nr_extents;
	pm.stats.saved_bytes = a->saved_bytes;
	pm.stats.save_cycles = a->save_cycles;
	pm.stats.restore_cycles = a->restore_cycles;
	return ret;
}

/* cpu_suspend's finisher for an idle power-off state: the SRAM is kept,
 * only the core's context and the caches are lost. */
static int power_off_finish(unsigned long index)
{
	v7m_dcache_off_flush();
	writel((u32)index, pm.pmu + PMU_LPMODE);
	SCB_SCR |= SCR_SLEEPDEEP;
	arch_wfi();
	SCB_SCR &= ~SCR_SLEEPDEEP;
	v7m_dcache_on();
	return -EBUSY;
}

bool pmsim_pm_power_off_supported(void)
{
	return pm.warm != NULL;
}

int pmsim_pm_enter_power_off(unsigned int index)
{
	if (!pm.warm)
		return -ENODEV;
	if (!irqs_disabled())
		return -EINVAL;
	struct warm_area *a = pm.warm;
	a->magic = WARM_MAGIC;
	a->image = 0;
	u32 lpmode = readl(pm.pmu + PMU_LPMODE);
	writel((u32)(uintptr_t)a, pm.pmu + PMU_WARMBOOT);
	int ret = cpu_suspend(index, power_off_finish);
	writel(lpmode, pm.pmu + PMU_LPMODE);
	if (ret)
		return ret;
	powertop_cpu_woke(readl(pm.pmu + PMU_WAKE_EXC));
	return readl(pm.pmu + PMU_STATUS) & STATUS_WARM ? 0 : -EIO;
}

void pmsim_pm_mem_get_stats(struct pmsim_pm_mem_stats *st)
{
	*st = pm.stats;
	st->reserved = pm.save_size;
}

/* ---- boot ---------------------------------------------------------------------- */

/* The always-on SRAM: an available `mmio-sram` whose power domain is the
 * PMU's `aon`. */
static int find_aon_sram(struct device_node *pmu, struct resource *r)
{
	int aon = of_property_match_string(pmu, "pmsim,domain-names", "aon");
	struct device_node *np;
	if (aon < 0)
		return -ENODEV;
	for_each_compatible_node(np, NULL, "mmio-sram") {
		struct of_phandle_args pd;
		if (!of_device_is_available(np) ||
		    of_parse_phandle_with_args(np, "power-domains", "#power-domain-cells", 0, &pd))
			continue;
		if (pd.np == pmu && pd.args_count == 1 && pd.args[0] == (u32)aon &&
		    !of_address_to_resource(np, 0, r))
			return 0;
	}
	return -ENODEV;
}

static struct device_node *find_available(const char *compat)
{
	struct device_node *np;
	for_each_compatible_node(np, NULL, compat)
		if (of_device_is_available(np))
			return np;
	return NULL;
}

/* A DRAM controller, an always-on SRAM and a PMU in the device tree, and
 * the DRAM buffer reserved: set by pmsim_pm_init. */
bool pmsim_pm_mem_supported(void)
{
	return pm.ready;
}

/* The buffer's size: the kernel's whole SRAM (linked part and on-chip heap
 * regions), so that a suspend never fails for want of room. */
static size_t sram_size(void)
{
	size_t n = (size_t)(__bss_end - __data_start) + (size_t)(__msp_stack_top - __msp_stack_bottom);
	struct kmem_region_info ri;
	for (unsigned int i = 0; kmem_region_info(i, &ri); i++)
		if (!ri.highmem && !in_aon((u32)(uintptr_t)ri.start))
			n += (size_t)(ri.end - ri.start);
	return n;
}

/* Without an always-on SRAM (the MCU) an idle power-off state still has
 * its warm boot: the SRAM is kept in idle states (only system suspend
 * turns its domain off), so the area can be any SRAM. */
static int __init pmsim_pm_idle_only(struct device_node *pmu)
{
	struct resource pmu_r;
	if (of_address_to_resource(pmu, 0, &pmu_r))
		return 0;
	struct warm_area *a = kmem_reserve_top(WARM_AREA_SIZE, WARM_ALIGN, false);
	if (!a) {
		pr_warn("PM: no SRAM for the warm boot: no idle power-off state\n");
		return 0;
	}
	pm.pmu = ioremap(pmu_r.start, resource_size(&pmu_r));
	memcpy(a->vectors, (const void *)(uintptr_t)SCB_VTOR, sizeof a->vectors);
	a->vectors[0] = (u32)(uintptr_t)a + WARM_AREA_SIZE;
	a->vectors[1] = (u32)(uintptr_t)warm_reset;
	a->magic = 0;
	a->image = 0;
	a->lost = 0;
	pm.warm = a;
	pr_info("PM: warm boot at 0x%08x (idle power-off only: no always-on SRAM)\n",
		(u32)(uintptr_t)a);
	return 0;
}

static int __init pmsim_pm_init(void)
{
	struct device_node *pmu = find_available("pmsim,pmu");
	struct resource pmu_r, aon;
	if (!pmu)
		return 0;
	if (find_aon_sram(pmu, &aon))
		return pmsim_pm_idle_only(pmu); /* no `mem` on this SoC (the MCU) */
	if (of_address_to_resource(pmu, 0, &pmu_r))
		return 0;
	u32 base = ALIGN((u32)aon.start, WARM_ALIGN);
	if (base + WARM_AREA_SIZE - 1 > aon.end) {
		pr_warn("PM: the always-on SRAM is too small for the warm boot\n");
		return 0;
	}
	pm.aon_start = (u32)aon.start;
	pm.aon_end = (u32)aon.end + 1;
	pm.pmu = ioremap(pmu_r.start, resource_size(&pmu_r));
	struct warm_area *a = (struct warm_area *)(uintptr_t)base;
	/* The always-on SRAM outlives a system reset: say why there was one. */
	if (a->magic == WARM_MAGIC && a->lost)
		pr_err("PM: the DRAM lost its contents during suspend to RAM: "
		       "the SRAM could not be restored, the system was reset\n");
	/* The faults and interrupts of the cold table; stack and reset ours. */
	memcpy(a->vectors, (const void *)(uintptr_t)SCB_VTOR, sizeof a->vectors);
	a->vectors[0] = base + WARM_AREA_SIZE;
	a->vectors[1] = (u32)(uintptr_t)warm_reset;
	a->magic = 0;
	a->image = 0;
	a->lost = 0;
	pm.warm = a;

	if (!find_available("pmsim,lpddr-controller")) {
		pr_info("PM: warm boot at 0x%08x; no DRAM: no suspend to RAM\n", base);
		return 0;
	}
	pm.save_size = sram_size();
	pm.save = kmem_reserve_top(pm.save_size, 64, true);
	if (!pm.save) {
		pr_warn("PM: suspend to RAM: no DRAM for the SRAM's %zu KiB\n", pm.save_size >> 10);
		return 0;
	}
	pm.ready = true;
	pr_info("PM: suspend to RAM: warm boot at 0x%08x, %zu KiB of DRAM at 0x%08x for the SRAM\n",
		base, pm.save_size >> 10, (u32)(uintptr_t)pm.save);
	return 0;
}
late_initcall(pmsim_pm_init);
