/*
 * System suspend until an RTC alarm (docs/devices/pmu.md, "System
 * suspend"), on the default SoC. LPMODE = 0xff and a deep WFI turn off
 * every domain but `aon` and `dram`; the RTC (always-on) alarm 2 s later,
 * the only source in WAKE_EN, wakes the SoC, which comes back through the
 * reset vector (WARMBOOT = 0): crt0 runs again and main finds its phase in
 * PMU RET[0]. After the wake-up:
 *  - PMU STATUS says warm boot and suspend, SUSPENDS is 1, and WAKE_STATUS
 *    names the RTC's line and nothing else;
 *  - the RTC counted through the suspend: at least 2 s have passed;
 *  - the always-on SRAM and the retention registers kept their contents;
 *  - the main SRAM (core domain, powered off) did not: words of the
 *    .preserve section, which picolibc's crt0 leaves alone, no longer
 *    hold what was written;
 *  - DRAM: with the first argument "sr" the DRAM was put into self-refresh
 *    first (pm_suspend_until_rtc) and kept its data; with "nosr" it was
 *    not, nothing refreshed it, its data is lost and the controller's
 *    sticky STATUS.LOST says so (and the run's diagnostics, which
 *    tests/pm.cmake checks).
 * The second argument is the expected DRAM outcome, "kept" or "lost".
 * The D-cache stays off, so nothing needs cleaning. Exits 0 after
 * "suspend: all checks passed".
 */
#include <string.h>

#include "pmtest.h"

#define MAGIC 0x53555350u /* "SUSP" */
#define AON ((volatile uint32_t *)AON_SRAM_BASE)
#define DRAM ((volatile uint32_t *)DRAM_BASE)
#define NWORDS 256u
#define RET_VALUE 0x7e7a1e00u

static volatile uint32_t preserved[4] __attribute__((section(".preserve")));

static uint32_t pattern(uint32_t i)
{
	return 0x9e3779b9u * (i + 1);
}

/* pm_suspend_until_rtc without the DRAM's self-refresh. */
static void suspend_dram_active(uint32_t seconds)
{
	RTC_ICR = 1;
	RTC_MR = RTC_DR + seconds;
	RTC_IMSC = 1;
	NVIC_ISER(0) = 1u << IRQ_RTC;
	PMU_WAKE_EN = 1u << IRQ_RTC;
	PMU_WARMBOOT = 0;
	PMU_LPMODE = LPMODE_SUSPEND;
	SCB_SCR |= SCR_SLEEPDEEP;
	__asm__ volatile("cpsid i\n\tdsb\n\twfi");
	SCB_SCR &= ~SCR_SLEEPDEEP;
	__asm__ volatile("cpsie i");
}

static int before(bool sr)
{
	CHECK(!(PMU_STATUS & (PMU_STATUS_WARM | PMU_STATUS_SUSPEND)) && PMU_SUSPENDS == 0);
	RTC_CR = 1;
	for (uint32_t i = 0; i < 4; i++) {
		AON[i] = pattern(i);
		preserved[i] = pattern(i + 4);
	}
	for (uint32_t i = 0; i < NWORDS; i++)
		DRAM[i] = pattern(i + 8);
	DRAMC_STATUS = DRAMC_STATUS_LOST;
	PMU_RET(0) = MAGIC;
	PMU_RET(1) = RTC_DR;
	PMU_RET(3) = RET_VALUE;
	printf("suspending until the RTC alarm, DRAM %s\n",
	       sr ? "in self-refresh" : "left active");
	if (sr)
		pm_suspend_until_rtc(2);
	else
		suspend_dram_active(2);
	printf("FAILED: the suspend returned\n");
	return 1;
}

static int after(bool want_dram_kept)
{
	uint32_t slept = RTC_DR - PMU_RET(1);
	uint32_t aon_bad = 0, sram_kept = 0, dram_kept = 0;
	for (uint32_t i = 0; i < 4; i++) {
		aon_bad += AON[i] != pattern(i);
		sram_kept += preserved[i] == pattern(i + 4);
	}
	for (uint32_t i = 0; i < NWORDS; i++)
		dram_kept += DRAM[i] == pattern(i + 8);
	uint32_t dstat = DRAMC_STATUS;
	printf("resumed through the reset vector: STATUS 0x%lx, WAKE_STATUS 0x%lx, %lu suspend, "
	       "%lu s on the RTC\n", (unsigned long)(PMU_STATUS & 3u),
	       (unsigned long)PMU_WAKE_STATUS, (unsigned long)PMU_SUSPENDS,
	       (unsigned long)slept);
	printf("always-on SRAM %lu/4 words kept, main SRAM %lu/4, DRAM %lu/%lu (LOST %lu), "
	       "RET[3] 0x%08lx\n", (unsigned long)(4 - aon_bad), (unsigned long)sram_kept,
	       (unsigned long)dram_kept, (unsigned long)NWORDS,
	       (unsigned long)!!(dstat & DRAMC_STATUS_LOST), (unsigned long)PMU_RET(3));
	PMU_RET(0) = 0;
	CHECK((PMU_STATUS & 3u) == (PMU_STATUS_WARM | PMU_STATUS_SUSPEND));
	CHECK(PMU_SUSPENDS == 1);
	CHECK(PMU_WAKE_STATUS == 1u << IRQ_RTC);
	PMU_WAKE_STATUS = ~0u; /* RW1C */
	CHECK(PMU_WAKE_STATUS == 0);
	CHECK(slept >= 2 && slept <= 3);
	CHECK(RTC_RIS & 1);
	CHECK(aon_bad == 0 && PMU_RET(3) == RET_VALUE);
	CHECK(sram_kept == 0);
	if (want_dram_kept)
		CHECK(dram_kept == NWORDS && !(dstat & DRAMC_STATUS_LOST));
	else
		CHECK(dram_kept == 0 && (dstat & DRAMC_STATUS_LOST));
	printf("suspend: all checks passed\n");
	return 0;
}

int main(int argc, char **argv)
{
	CHECK(argc >= 3);
	bool sr = !strcmp(argv[argc - 2], "sr");
	bool want_kept = !strcmp(argv[argc - 1], "kept");
	if (PMU_RET(0) == MAGIC && (PMU_STATUS & PMU_STATUS_SUSPEND))
		return after(want_kept);
	return before(sr);
}
