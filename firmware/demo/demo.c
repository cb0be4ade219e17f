/*
 * The demo: one run that exercises every power mechanism of the default
 * SoC, so that the report at the end shows each of them (README, `./setup
 * run`).
 *
 *  1. DVFS under load: a CRC kernel at each operating point, 25 to 400 MHz
 *     and back (voltage ramps, PLL relocks).
 *  2. Idle: a 3 ms sleep in each idle state (WFI clock gating, retention,
 *     power-off with warm boot), woken by the SP804 timer; the wake-up
 *     latency each one cost, measured from the inside.
 *  3. DRAM: data written to DRAM, the DRAM put into self-refresh, read back
 *     (the first access pays the self-refresh exit).
 *  4. DMA: the ADC samples at 1 kHz and the DMA controller moves 64
 *     samples into DRAM while the core sleeps in retention; the buffer is
 *     invalidated around the transfer (a streaming mapping from the
 *     device), so the coherency checker has nothing to say.
 *  5. System suspend until an RTC alarm 2 s later, with the DRAM in
 *     self-refresh: the SoC comes back through the reset vector, finds its
 *     state in the PMU's retention registers, the always-on SRAM and DRAM,
 *     and finishes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm.h"

#define MAGIC 0x504d5300u /* "PMS" + phase */
#define PHASE_SUSPENDED 1u
#define AON_WORDS ((volatile uint32_t *)AON_SRAM_BASE)
#define DRAM_WORDS ((volatile uint32_t *)DRAM_BASE)
#define DRAM_TEST_WORDS 1024u

static uint32_t vectors[64] __attribute__((aligned(256)));
static volatile uint32_t woke_at;

static void timer_isr(void)
{
	woke_at = pm_ticks();
	pm_wake_ack();
}

static void caches_on(void)
{
	__asm__ volatile("dsb\n\tisb");
	SCB_CCR |= CCR_IC | CCR_DC;
	__asm__ volatile("dsb\n\tisb");
}

static uint8_t buf[16384];

static uint32_t crc32(const uint8_t *p, size_t n)
{
	uint32_t crc = ~0u;
	while (n--) {
		crc ^= *p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static void dvfs_walk(void)
{
	printf("1. DVFS under load (CRC-32 of 16 KiB at each operating point)\n");
	for (size_t i = 0; i < sizeof buf; i++)
		buf[i] = (uint8_t)(i * 31 + 7);
	static const unsigned order[] = { 0, 1, 2, 3, 4, 3, 2, 1, 0 };
	for (unsigned k = 0; k < sizeof order / sizeof order[0]; k++) {
		uint32_t t0 = pm_ticks();
		pm_set_opp(order[k]);
		uint32_t t1 = pm_ticks();
		uint32_t crc = crc32(buf, sizeof buf);
		uint32_t t2 = pm_ticks();
		printf("   %3lu MHz at %4lu mV: switch %4lu us, CRC %08lx in %6lu us\n",
		       (unsigned long)(pm_opps[order[k]].hz / 1000000),
		       (unsigned long)(pm_opps[order[k]].uv / 1000),
		       (unsigned long)((t1 - t0) / PM_TICKS_PER_US), (unsigned long)crc,
		       (unsigned long)((t2 - t1) / PM_TICKS_PER_US));
	}
}

static void idle_states(void)
{
	static const char *const names[] = { "wfi", "retention", "power-off" };
	printf("2. Idle states (3 ms each, woken by the SP804 timer)\n");
	for (unsigned s = IDLE_WFI; s <= IDLE_POWER_OFF; s++) {
		woke_at = 0;
		uint32_t armed = pm_ticks();
		pm_wake_after_us(3000);
		bool warm = false;
		while (!woke_at)
			warm |= pm_idle(s);
		uint32_t latency = woke_at - armed - 3000 * PM_TICKS_PER_US;
		printf("   %-10s wake-up latency %4lu us%s\n", names[s],
		       (unsigned long)(latency / PM_TICKS_PER_US),
		       warm ? " (warm boot: registers and caches restored)" : "");
	}
}

static void dram_self_refresh(void)
{
	printf("3. DRAM self-refresh\n");
	for (uint32_t i = 0; i < DRAM_TEST_WORDS; i++)
		DRAM_WORDS[i] = i * 2654435761u;
	pm_dcache_clean_all();
	pm_dram_self_refresh();
	printf("   in self-refresh (entries so far: %lu); sleeping 1 ms in retention\n",
	       (unsigned long)DRAMC_SR_ENTRIES);
	pm_wake_after_us(1000);
	woke_at = 0;
	while (!woke_at)
		pm_idle(IDLE_RETENTION);
	/* The caches hold nothing of the buffer any more: invalidate, then
	 * read memory (the first access wakes the DRAM). */
	for (uint32_t i = 0; i < DRAM_TEST_WORDS * 4; i += 32)
		SCB_DCIMVAC = DRAM_BASE + i;
	uint32_t bad = 0;
	for (uint32_t i = 0; i < DRAM_TEST_WORDS; i++)
		bad += DRAM_WORDS[i] != i * 2654435761u;
	printf("   read back after self-refresh: %lu bad words, DRAM now %s\n",
	       (unsigned long)bad,
	       DRAMC_STATE(DRAMC_STATUS) == DRAM_SELF_REFRESH ? "in self-refresh" : "awake");
	if (bad)
		exit(1);
}

#define ADC_SAMPLES 64u
static volatile bool dma_done;

static void dma_isr(void)
{
	DMA0_INT_TC_CLEAR = 1;
	dma_done = true;
}

static void invalidate(uint32_t addr, uint32_t bytes)
{
	__asm__ volatile("dsb");
	for (uint32_t a = addr & ~31u; a < addr + bytes; a += 32)
		SCB_DCIMVAC = a;
	__asm__ volatile("dsb\n\tisb");
}

static void dma_stream(void)
{
	printf("4. DMA: %u ADC samples at 1 kHz into DRAM, the core in retention\n",
	       ADC_SAMPLES);
	volatile uint32_t *buf = DRAM_WORDS + 4096;
	uint32_t addr = (uint32_t)(uintptr_t)buf;
	CMU_GATE_SET = (1u << GATE_DMA) | (1u << GATE_ADC0);
	invalidate(addr, ADC_SAMPLES * 4); /* from the device: nothing of ours in the cache */
	DMA0_CONFIGURATION = 1;
	ADC0_CTRL = 0;
	ADC0_COUNT = 0;
	ADC0_BURST = 4;
	DMA0_CH_SRC(0) = ADC0_DATA_ADDR;
	DMA0_CH_DST(0) = addr;
	DMA0_CH_LLI(0) = 0;
	DMA0_CH_CTRL(0) = DMA_CTRL(ADC_SAMPLES, 1, 1, 2, 2) | DMA_CTRL_DI | DMA_CTRL_I;
	DMA0_CH_CFG(0) = DMA_CFG_E | DMA_CFG_SRCPER(DMAREQ_ADC0) | DMA_CFG_FLOW(2) | DMA_CFG_ITC;
	NVIC_ISER(0) = 1u << IRQ_DMA0;
	uint32_t t0 = pm_ticks();
	dma_done = false;
	ADC0_CTRL = ADC_CTRL_EN | ADC_CTRL_DMAEN;
	while (!dma_done)
		pm_idle(IDLE_RETENTION);
	uint32_t t1 = pm_ticks();
	ADC0_CTRL = 0;
	invalidate(addr, ADC_SAMPLES * 4); /* after the transfer: read memory */
	uint32_t bad = 0;
	for (uint32_t k = 0; k < ADC_SAMPLES; k++)
		bad += buf[k] != ADC_SAMPLE(k);
	printf("   %lu samples in %lu us, %lu wrong\n", (unsigned long)ADC_SAMPLES,
	       (unsigned long)((t1 - t0) / PM_TICKS_PER_US), (unsigned long)bad);
	CMU_GATE_CLR = (1u << GATE_DMA) | (1u << GATE_ADC0);
	if (bad)
		exit(1);
}

static void suspend(void)
{
	printf("5. System suspend until an RTC alarm in 2 s (DRAM in self-refresh)\n");
	AON_WORDS[0] = 0xa0a0a0a0u;
	for (uint32_t i = 0; i < DRAM_TEST_WORDS; i++)
		DRAM_WORDS[i] = ~i;
	pm_set_opp(0);
	PMU_RET(0) = MAGIC | PHASE_SUSPENDED;
	PMU_RET(1) = RTC_DR;
	pm_suspend_until_rtc(2);
	printf("suspend refused\n");
	exit(1);
}

static void resumed(void)
{
	uint32_t slept = RTC_DR - PMU_RET(1);
	printf("   resumed through the reset vector after %lu s (wake status 0x%lx, %lu "
	       "suspend)\n", (unsigned long)slept, (unsigned long)PMU_WAKE_STATUS,
	       (unsigned long)PMU_SUSPENDS);
	uint32_t bad = 0;
	for (uint32_t i = 0; i < DRAM_TEST_WORDS; i++)
		bad += DRAM_WORDS[i] != ~i;
	printf("   always-on SRAM %s, DRAM %s\n",
	       AON_WORDS[0] == 0xa0a0a0a0u ? "kept" : "LOST", bad ? "LOST" : "kept");
	PMU_RET(0) = 0;
	PMU_WAKE_STATUS = ~0u;
	printf("demo done\n");
	exit(bad || AON_WORDS[0] != 0xa0a0a0a0u || slept < 2);
}

int main(void)
{
	if ((PMU_STATUS & PMU_STATUS_SUSPEND) && PMU_RET(0) == (MAGIC | PHASE_SUSPENDED)) {
		resumed();
		return 0;
	}
	printf("pmsim demo: the default SoC's power mechanisms, one by one\n");
	memcpy(vectors, (const void *)SCB_VTOR, sizeof vectors);
	vectors[16 + IRQ_TIMER0] = (uint32_t)(uintptr_t)timer_isr;
	vectors[16 + IRQ_DMA0] = (uint32_t)(uintptr_t)dma_isr;
	SCB_VTOR = (uint32_t)(uintptr_t)vectors;
	/* Output goes through semihosting: the UART's clock can stop. */
	CMU_GATE_CLR = 1u << GATE_UART0;
	pm_clock_init();
	caches_on();
	dvfs_walk();
	idle_states();
	dram_self_refresh();
	dma_stream();
	suspend();
	return 1;
}
