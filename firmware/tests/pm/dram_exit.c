/*
 * What leaving a DRAM low-power state costs, from the inside
 * (docs/devices/dramc.md, "Exit latency"), on tests/configs/pm_dram_200mhz
 * (the default SoC with the core at a fixed 200 MHz: 5 ns per cycle).
 *
 * One uncached load from DRAM (the D-cache is off at reset), timed with
 * DWT CYCCNT by the same code each time, with the memory
 *  - in active standby (another DRAM access just before),
 *  - in power-down (the default SoC's controller enters it after
 *    pmsim,pd-idle-ns = 1000 ns without an access; we wait 2 us),
 *  - in self-refresh (CTRL.SR_REQ, polled until STATUS.STATE = 2).
 * The base cost of the load (wait states for the 60 ns first beat) is the
 * same each time, so the differences are the exit latencies in core
 * cycles: the core waits whole cycles, ceil(latency / 5 ns): tXP = 7.5 ns
 * (the LPDDR3 default) is 2 cycles and tXS = 140 ns is 28.
 * A load right after the self-refresh exit costs what the active one did.
 * The expected differences come as arguments (2 28). Exits 0 after
 * "dram exit: all checks passed".
 */
#include "pmtest.h"

#define DRAM ((volatile uint32_t *)DRAM_BASE)

/* load_cycles(p, &DWT_CYCCNT): the cycles of one load from p, nothing else
 * between the two counter reads. */
__asm__(".syntax unified\n\t.thumb\n\t.text\n\t.balign 32\n"
	"\t.global load_cycles\n\t.type load_cycles, %function\n\t.thumb_func\n"
	"load_cycles:\n"
	"\tldr r2, [r1]\n"
	"\tldr r3, [r0]\n"
	"\tldr r0, [r1]\n"
	"\tsubs r0, r0, r2\n"
	"\tbx lr\n");
uint32_t load_cycles(const volatile uint32_t *p, volatile uint32_t *cyccnt);

static uint32_t timed(const volatile uint32_t *p)
{
	return load_cycles(p, &DWT_CYCCNT);
}

/* Busy-wait `cycles` without touching DRAM (code in the I-cache, the
 * stack in SRAM). */
static void wait_cycles(uint32_t cycles)
{
	uint32_t c0 = DWT_CYCCNT;
	while (DWT_CYCCNT - c0 < cycles)
		;
}

int main(int argc, char **argv)
{
	CHECK(argc >= 3);
	uint32_t want_xp = (uint32_t)atoi(argv[argc - 2]);
	uint32_t want_xs = (uint32_t)atoi(argv[argc - 1]);
	static volatile uint32_t sram_word;
	pt_cyccnt_start();
	pt_icache_on();
	CHECK(!(SCB_CCR & CCR_DC));
	/* The controller's view of the timings (ns, rounded up). */
	CHECK(DRAMC_TXP == 8 && DRAMC_TXS == 140);

	DRAM[0] = 1;
	timed(&sram_word); /* the timing code into the I-cache */
	timed(&sram_word);

	(void)DRAM[8];
	uint32_t active = timed(&DRAM[16]);
	CHECK(DRAMC_STATE(DRAMC_STATUS) == DRAM_ACTIVE);

	uint32_t pd0 = DRAMC_PD_ENTRIES;
	wait_cycles(400); /* 2 us */
	CHECK(DRAMC_STATE(DRAMC_STATUS) == DRAM_POWER_DOWN);
	uint32_t pd = timed(&DRAM[24]);
	CHECK(DRAMC_PD_ENTRIES == pd0 + 1);

	uint32_t sr0 = DRAMC_SR_ENTRIES;
	pm_dram_self_refresh();
	wait_cycles(400);
	CHECK(DRAMC_STATE(DRAMC_STATUS) == DRAM_SELF_REFRESH);
	uint32_t sr = timed(&DRAM[32]);
	CHECK(DRAMC_SR_ENTRIES == sr0 + 1);
	uint32_t again = timed(&DRAM[40]);
	CHECK(DRAMC_STATE(DRAMC_STATUS) == DRAM_ACTIVE);

	printf("uncached DRAM load at 200 MHz: active %lu, power-down %lu, self-refresh %lu, "
	       "active again %lu cycles\n", (unsigned long)active, (unsigned long)pd,
	       (unsigned long)sr, (unsigned long)again);
	printf("exit latency: tXP %lu cycles (expected %lu), tXS %lu cycles (expected %lu)\n",
	       (unsigned long)(pd - active), (unsigned long)want_xp,
	       (unsigned long)(sr - active), (unsigned long)want_xs);
	CHECK(pd - active == want_xp);
	CHECK(sr - active == want_xs);
	CHECK(again == active);
	CHECK(DRAM[0] == 1);

	printf("dram exit: all checks passed\n");
	return 0;
}
