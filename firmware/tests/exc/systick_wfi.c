/*
 * SysTick from both clock sources, with the core asleep in WFI between
 * ticks: the simulated time the ticks take (read through semihosting
 * SYS_ELAPSED, 1 µs ticks) must match the programmed period exactly, and
 * COUNTFLAG must be set by a wrap and cleared by reading CSR.
 */
#include "exc.h"

#define SYST_CSR REG32(0xe000e010u)
#define SYST_RVR REG32(0xe000e014u)
#define SYST_CVR REG32(0xe000e018u)
#define SYST_CALIB REG32(0xe000e01cu)
#define CSR_ENABLE (1u << 0)
#define CSR_TICKINT (1u << 1)
#define CSR_CLKSOURCE (1u << 2)
#define CSR_COUNTFLAG (1u << 16)

static volatile unsigned ticks;

static void systick(void)
{
	ticks++;
}

static uint64_t elapsed_us(void)
{
	uint32_t t[2];
	register uint32_t r0 __asm__("r0") = 0x30;
	register uint32_t *r1 __asm__("r1") = t;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return ((uint64_t)t[1] << 32) | t[0];
}

static uint64_t run_ticks(uint32_t csr, uint32_t reload, unsigned n)
{
	ticks = 0;
	SYST_RVR = reload;
	SYST_CVR = 0;
	uint64_t t0 = elapsed_us();
	SYST_CSR = csr | CSR_TICKINT | CSR_ENABLE;
	while (ticks < n)
		__asm__ volatile("wfi");
	uint64_t t1 = elapsed_us();
	SYST_CSR = 0;
	return t1 - t0;
}

int main(void)
{
	vt_install();
	vt_set(EXC_SYSTICK, systick);
	/* 25 MHz core: a 1 ms period on the processor clock. */
	uint64_t us = run_ticks(CSR_CLKSOURCE, 25000 - 1, 10);
	printf("10 ticks of 1 ms (core clock): %lu us\n", (unsigned long)us);
	CHECK(us >= 10000 && us <= 10010); /* plus a few instructions */
	/* 1 MHz external reference: 500 us period. */
	CHECK(!(SYST_CALIB & (1u << 31))); /* a reference clock exists */
	us = run_ticks(0, 500 - 1, 20);
	printf("20 ticks of 500 us (reference clock): %lu us\n", (unsigned long)us);
	CHECK(us >= 10000 && us <= 10010); /* plus a few instructions */

	/* COUNTFLAG: set by a wrap, cleared by the read. */
	SYST_RVR = 1000;
	SYST_CVR = 0;
	SYST_CSR = CSR_CLKSOURCE | CSR_ENABLE;
	while (!(SYST_CSR & CSR_COUNTFLAG))
		;
	CHECK(!(SYST_CSR & CSR_COUNTFLAG));
	SYST_CSR = 0;
	printf("systick tests passed\n");
	return 0;
}
