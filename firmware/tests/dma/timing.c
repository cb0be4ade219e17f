/*
 * One transfer's duration, measured from the inside with the SP804
 * (TIMER0's timer 1 free-running at 24 MHz: 41.67 ns per tick), against
 * docs/devices/pl080.md "Time": a beat takes the fewest whole cycles of
 * the DMA clock (HCLK, the core's clock in the default SoC), at least one,
 * that last pmsim,beat-ns (10 in configs/default.dts), plus the latency
 * the memory's controller adds - for DRAM in self-refresh tXS
 * (pmsim,txs-ns = 140) on the first beat, nothing once it is active. The
 * D-cache stays off. The measurement's fixed cost (the enable write, the
 * last poll, the timer reads) is taken from an empty item, which completes
 * without bus time, and subtracted.
 *
 * Default mode, at 400 MHz (a beat = 4 cycles = 10 ns; the polling loop is
 * fine-grained):
 *  - SRAM -> SRAM, 1024 words, SBSize 4: 2048 beats = 20.48 us = 491.5 ticks;
 *  - DRAM -> SRAM, the same, the DRAM active or in power-down (tXP 8 ns,
 *    well inside the margin): 491.5 ticks;
 *  - DRAM -> SRAM with the DRAM in self-refresh first: 20.48 us + tXS
 *    140 ns = 20.62 us = 494.9 ticks.
 * Each must be within 1.5 ticks (the two timer reads' quantisation); with
 * tXS taken as 0 the last one is 4 ticks off and fails.
 * Arguments: beat-ns and tXS in ns (10 140; the ".wrong" test passes 11).
 *
 * "clock" mode: the beat time follows the clock's present rate, whatever
 * rate the clock had when its gate was first opened. The DMA gate is
 * opened at operating point OPEN, the core (and with it HCLK) then moved
 * to operating point RUN, and the SRAM -> SRAM copy must take 2048 x BEAT
 * ns (BEAT: what the doc's formula gives at RUN's rate: 40 at 25 MHz, 10
 * at 400 MHz), within 1.5 ticks plus 8 core cycles each side (a round of
 * the polling loop, in the copy and in the empty item).
 * Arguments: clock OPEN RUN BEAT.
 *
 * Exits 0 after "dma timing: all checks passed".
 */
#include <stdlib.h>
#include <string.h>

#include "dmatest.h"

#define WORDS 1024
#define CH 0

static volatile uint32_t sram_src[WORDS], sram_dst[WORDS];
#define DRAM_SRC ((volatile uint32_t *)(DRAM_BASE + 0x80000))

/* Ticks from just before the enable to the first poll that sees the
 * channel done (the channel is programmed before the first timer read). */
static uint32_t timed_copy(const volatile uint32_t *src, volatile uint32_t *dst, uint32_t words)
{
	uint32_t ctrl = dt_m2m_ctrl(words, DMA_W32, false);
	DMAC_CH_SRC(CH) = (uint32_t)(uintptr_t)src;
	DMAC_CH_DST(CH) = (uint32_t)(uintptr_t)dst;
	DMAC_CH_LLI(CH) = 0;
	DMAC_CH_CTRL(CH) = ctrl;
	pt_barrier();
	uint32_t t0 = pm_ticks();
	DMAC_CH_CFG(CH) = DMA_CFG_E;
	while (DMAC_ENBLD_CHNS & (1u << CH))
		;
	uint32_t t1 = pm_ticks();
	return t1 - t0;
}

/* The measurement's own cost: an empty item completes "at once, without
 * bus time" (pl080.md), so what it measures is the enable write, the
 * polls and the timer reads; the median of 5. */
static uint32_t overhead;

static void measure_overhead(void)
{
	uint32_t t[5];
	for (unsigned i = 0; i < 5; i++) {
		t[i] = timed_copy(sram_src, sram_dst, 0);
		for (unsigned j = i; j > 0 && t[j] < t[j - 1]; j--) {
			uint32_t x = t[j];
			t[j] = t[j - 1];
			t[j - 1] = x;
		}
	}
	overhead = t[2];
	printf("measurement overhead (an empty item): %lu ticks\n", (unsigned long)overhead);
	CHECK(overhead <= 10);
}

/* ticks - overhead must be within 1.5 ticks of expect_ps (the two timer
 * quantisations, 41.7 ns each) plus slack_ps. */
static void check_ticks_slack(const char *what, uint32_t ticks, uint64_t expect_ps,
			      uint64_t slack_ps)
{
	uint64_t exp100 = expect_ps * TIMER_HZ / 10000000000ull; /* hundredths of a tick */
	uint64_t got100 = (uint64_t)(ticks - overhead) * 100u;
	printf("%s: %lu ticks - %lu = %lu ticks (%lu ns), expected %lu.%02lu ticks (%lu ns)\n",
	       what, (unsigned long)ticks, (unsigned long)overhead,
	       (unsigned long)(ticks - overhead),
	       (unsigned long)((ticks - overhead) * 1000ull / (TIMER_HZ / 1000000)),
	       (unsigned long)(exp100 / 100), (unsigned long)(exp100 % 100),
	       (unsigned long)(expect_ps / 1000));
	uint64_t tol100 = 150 + slack_ps * TIMER_HZ / 10000000000ull;
	CHECK(got100 + tol100 >= exp100 && got100 <= exp100 + tol100);
}

static void check_ticks(const char *what, uint32_t ticks, uint64_t expect_ps)
{
	check_ticks_slack(what, ticks, expect_ps, 0);
}

/* "clock OPEN RUN BEAT": the gate first opened at OPEN, the copy at RUN. */
static int clock_mode(unsigned open, unsigned run, uint64_t beat_ps)
{
	CHECK(open < PM_NOPPS && run < PM_NOPPS);
	pm_set_opp(open);
	dt_init(); /* opens the DMA gate at OPEN's rate */
	pm_set_opp(run);
	printf("DMA clock gate opened at %lu MHz, copy at %lu MHz\n",
	       (unsigned long)(pm_opps[open].hz / 1000000), (unsigned long)(pm_opps[run].hz / 1000000));
	for (unsigned i = 0; i < WORDS; i++)
		sram_src[i] = i * 7u;
	measure_overhead();
	uint32_t t = timed_copy(sram_src, sram_dst, WORDS);
	uint64_t cycle_ps = 1000000000000ull / pm_opps[run].hz;
	check_ticks_slack("sram->sram, 1024 words (2048 beats)", t, 2 * WORDS * beat_ps,
			  2 * 8 * cycle_ps);
	for (unsigned i = 0; i < WORDS; i++)
		CHECK(sram_dst[i] == i * 7u);
	printf("dma timing: all checks passed\n");
	return 0;
}

int main(int argc, char **argv)
{
	if (argc >= 5 && !strcmp(argv[argc - 4], "clock"))
		return clock_mode(strtoul(argv[argc - 3], NULL, 0), strtoul(argv[argc - 2], NULL, 0),
				  strtoul(argv[argc - 1], NULL, 0) * 1000ull);
	CHECK(argc >= 3);
	uint64_t beat_ps = strtoul(argv[argc - 2], NULL, 0) * 1000ull;
	uint64_t txs_ps = strtoul(argv[argc - 1], NULL, 0) * 1000ull;
	pm_set_opp(4);
	dt_init(); /* opens the DMA gate */
	for (unsigned i = 0; i < WORDS; i++) {
		sram_src[i] = i * 3u;
		DRAM_SRC[i] = i * 5u;
	}

	measure_overhead();
	uint32_t t = timed_copy(sram_src, sram_dst, WORDS);
	check_ticks("sram->sram, 1024 words (2048 beats)", t, 2 * WORDS * beat_ps);
	for (unsigned i = 0; i < WORDS; i++)
		CHECK(sram_dst[i] == i * 3u);

	t = timed_copy(DRAM_SRC, sram_dst, WORDS);
	check_ticks("dram (active)->sram", t, 2 * WORDS * beat_ps);
	pm_dram_self_refresh();
	t = timed_copy(DRAM_SRC, sram_dst, WORDS);
	check_ticks("dram (self-refresh)->sram, 1024 words", t, 2 * WORDS * beat_ps + txs_ps);
	for (unsigned i = 0; i < WORDS; i++)
		CHECK(sram_dst[i] == i * 5u);
	printf("dma timing: all checks passed\n");
	return 0;
}
