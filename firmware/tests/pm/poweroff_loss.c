/*
 * What the power-off idle state loses (docs/devices/pmu.md, "Warm boot"),
 * on the default SoC:
 *  - a dirty D-cache line: a word of SRAM holds OLD in memory and NEW in a
 *    dirty line of the D-cache when the core powers off; after the warm
 *    boot memory still says OLD (with the first argument "clean" the line
 *    is cleaned first, and NEW survives). Everything else is made
 *    non-cacheable by the MPU (one region over the SRAM, Normal
 *    non-cacheable; a 32-byte region over that one line, write-back), so
 *    that exactly one line is dirty, and the stack and the saved context
 *    are in memory, not in the cache;
 *  - the SCS: when the warm-boot code first runs, the NVIC enables read 0,
 *    VTOR points at the warm-boot table (PMU WARMBOOT), the caches and the
 *    MPU are off;
 *  - but not the PMU's retention registers: RET[3] keeps its value.
 * The wake-up is TIMER0's interrupt 3 ms later; its line is still high
 * when the warm-boot code enables it, so it is taken then.
 * The run's diagnostics must say that one dirty line was lost
 * (tests/pm.cmake checks the report). Arguments: "dirty" or "clean", then
 * the expected fate of NEW: "lost" or "kept". Exits 0 after
 * "power-off state loss: all checks passed".
 */
#include <string.h>

#include "pmtest.h"

#define OLD 0x01d01d01u
#define NEW 0x2e3e3e3eu
#define RET_VALUE 0xc0ffee42u

static volatile uint32_t line[8] __attribute__((aligned(32)));

#define MPU_RASR_EN 1u
#define MPU_SIZE(log2) (((log2) - 1u) << 1)
#define MPU_AP_RW (3u << 24)
#define MPU_TEX(t) ((uint32_t)(t) << 19)
#define MPU_C (1u << 17)
#define MPU_B (1u << 16)
#define MPU_RBAR_VALID (1u << 4)

static void mpu_one_cacheable_line(void)
{
	/* 0: the 4 MiB SRAM, Normal non-cacheable (TEX 001, C 0, B 0). */
	MPU_RBAR = 0x20000000u | MPU_RBAR_VALID | 0;
	MPU_RASR = MPU_RASR_EN | MPU_SIZE(22) | MPU_AP_RW | MPU_TEX(1);
	/* 1: the line, Normal write-back no write-allocate (TEX 000, C 1,
	 * B 1); the higher region wins. */
	MPU_RBAR = (uint32_t)(uintptr_t)line | MPU_RBAR_VALID | 1;
	MPU_RASR = MPU_RASR_EN | MPU_SIZE(5) | MPU_AP_RW | MPU_C | MPU_B;
	MPU_CTRL = 5; /* ENABLE, PRIVDEFENA: the default map elsewhere */
	pt_barrier();
}

int main(int argc, char **argv)
{
	CHECK(argc >= 3);
	bool clean = !strcmp(argv[argc - 2], "clean");
	bool want_lost = !strcmp(argv[argc - 1], "lost");

	pt_vectors_install();
	pt_set_irq_handler(IRQ_TIMER0, pt_probe_isr);
	pm_clock_init();
	line[0] = OLD;
	mpu_one_cacheable_line();
	pt_dcache_on();
	CHECK(line[0] == OLD); /* a read miss: the line is allocated, clean */
	line[0] = NEW;         /* a hit: the line is dirty */
	CHECK(line[0] == NEW);
	if (clean) {
		SCB_DCCMVAC = (uint32_t)(uintptr_t)line;
		pt_barrier();
	}
	PMU_RET(3) = RET_VALUE;

	pt_isr_count = 0;
	pt_probe_arm(3000 * PM_TICKS_PER_US - 1);
	NVIC_ISER(0) = 1u << IRQ_TIMER0;
	bool warm = false;
	while (!pt_isr_count)
		warm |= pt_sleep(IDLE_POWER_OFF, true, 1u << IRQ_TIMER0, NULL);
	uint32_t now = line[0];
	printf("warm boot: VTOR 0x%08lx (WARMBOOT 0x%08lx), ISER0 0x%lx, ISER1 0x%lx, CCR 0x%lx, "
	       "MPU_CTRL 0x%lx\n", (unsigned long)pt_warm.vtor, (unsigned long)PMU_WARMBOOT,
	       (unsigned long)pt_warm.iser0, (unsigned long)pt_warm.iser1,
	       (unsigned long)pt_warm.ccr, (unsigned long)pt_warm.mpu_ctrl);
	printf("the %s line holds 0x%08lx after the power-off (before: 0x%08lx in memory, "
	       "0x%08lx in the cache); RET[3] = 0x%08lx\n", clean ? "cleaned" : "dirty",
	       (unsigned long)now, (unsigned long)OLD, (unsigned long)NEW,
	       (unsigned long)PMU_RET(3));
	CHECK(warm && pt_warm.count == 1);
	CHECK((PMU_STATUS & PMU_STATUS_WARM) && !(PMU_STATUS & PMU_STATUS_SUSPEND));
	CHECK(pt_warm.vtor == PMU_WARMBOOT && pt_warm.vtor != 0);
	CHECK(pt_warm.iser0 == 0 && pt_warm.iser1 == 0);
	CHECK(!(pt_warm.ccr & (CCR_DC | CCR_IC)) && pt_warm.mpu_ctrl == 0);
	CHECK(!(SCB_CCR & CCR_DC) && MPU_CTRL == 0);
	CHECK(now == (want_lost ? OLD : NEW));
	CHECK(PMU_RET(3) == RET_VALUE);

	printf("power-off state loss: all checks passed\n");
	return 0;
}
