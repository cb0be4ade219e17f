/*
 * DMA into and out of DRAM (docs/devices/dramc.md, "Bursts"; pl080.md,
 * "Time"): a channel's word beats into one 32-byte DRAM burst are one
 * burst, for energy and for time. At 400 MHz (a beat = 4 cycles = 10 ns),
 * with the DRAM controller's power-down timer off (no beat pays tXP):
 *  - 4 KiB SRAM -> DRAM, then DRAM -> SRAM, 1024 words each way, SBSize 4:
 *    2048 beats = 20.48 us each, measured with the SP804 (within 1.5
 *    ticks, as in timing.c);
 *  - the data comes back intact (compared in SRAM: the core itself never
 *    touches DRAM, so all DRAM traffic in the run is the DMA's).
 * tests/dma.cmake checks the energy in the --report JSON: the DRAM's
 * access meter must be 128 write bursts + 128 read bursts, that is
 * 128 x (IDD4W - IDD3N) x VDD x tBURST + 128 x (IDD4R - IDD3N) x VDD x
 * tBURST = 128 x (0.88 + 0.935) nJ = 232.32 nJ with the default SoC's
 * 190/200/30 mA, 1.1 V and 5 ns (27.5 and 29.2 pJ a byte), and the DMA's
 * own meter 8192 bytes x 2 pJ = 16.384 nJ.
 * Argument: the beat time in ns (10; the ".wrong" test passes 11).
 * Exits 0 after "dma dram: all checks passed".
 */
#include <stdlib.h>

#include "dmatest.h"

#define WORDS 1024
#define CH 0
#define DRAM_BUF (DRAM_BASE + 0x100000)

static volatile uint32_t src[WORDS], back[WORDS];

/* Ticks from the enable to the first poll that sees the channel done,
 * less those of an empty item (the measurement's own cost). */
static uint32_t timed_copy(uint32_t from, uint32_t to, uint32_t words)
{
	DMAC_CH_SRC(CH) = from;
	DMAC_CH_DST(CH) = to;
	DMAC_CH_LLI(CH) = 0;
	DMAC_CH_CTRL(CH) = dt_m2m_ctrl(words, DMA_W32, false);
	pt_barrier();
	uint32_t t0 = pm_ticks();
	DMAC_CH_CFG(CH) = DMA_CFG_E;
	while (DMAC_ENBLD_CHNS & (1u << CH))
		;
	return pm_ticks() - t0;
}

static void check_time(const char *what, uint32_t ticks, uint32_t overhead, uint64_t want_ps)
{
	uint64_t want100 = want_ps * TIMER_HZ / 10000000000ull, got100 = (ticks - overhead) * 100ull;
	printf("%s: %lu ticks, expected %lu.%02lu\n", what, (unsigned long)(ticks - overhead),
	       (unsigned long)(want100 / 100), (unsigned long)(want100 % 100));
	CHECK(got100 + 150 >= want100 && got100 <= want100 + 150);
}

int main(int argc, char **argv)
{
	CHECK(argc >= 2);
	uint64_t beat_ps = strtoul(argv[argc - 1], NULL, 0) * 1000ull;
	pm_set_opp(4);
	dt_init();
	DRAMC_CTRL = 0; /* no power-down */
	for (unsigned i = 0; i < WORDS; i++) {
		src[i] = dt_pattern(0x5eed, i);
		back[i] = 0;
	}
	uint32_t overhead = timed_copy((uint32_t)(uintptr_t)src, (uint32_t)(uintptr_t)back, 0);
	CHECK(overhead <= 5);
	uint32_t t = timed_copy((uint32_t)(uintptr_t)src, DRAM_BUF, WORDS);
	check_time("sram->dram, 1024 words (2048 beats)", t, overhead, 2 * WORDS * beat_ps);
	t = timed_copy(DRAM_BUF, (uint32_t)(uintptr_t)back, WORDS);
	check_time("dram->sram, 1024 words (2048 beats)", t, overhead, 2 * WORDS * beat_ps);
	CHECK(dt_diff(back, WORDS, 0x5eed) < 0);
	printf("dma dram: all checks passed\n");
	return 0;
}
