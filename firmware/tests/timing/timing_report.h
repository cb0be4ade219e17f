/* How the timing guest tests report: one line per measurement, a FAIL
 * line under each that differs, then a summary and the exit status. */
#ifndef PMSIM_TIMING_REPORT_H
#define PMSIM_TIMING_REPORT_H

#include <stdint.h>
#include <stdio.h>

/* Print one row; 1 if `got` is not `want`. */
static inline unsigned timing_row(int width, const char *name, uint32_t got, uint32_t want)
{
	printf("%-*s %3lu cycles\n", width, name, (unsigned long)got);
	if (got == want)
		return 0;
	printf("  FAIL: want %lu\n", (unsigned long)want);
	return 1;
}

#define TIMING_REG32(a) (*(volatile uint32_t *)(a))
#define TIMING_CYCCNT TIMING_REG32(0xe0001004u)

/* One timed sequence, as a function returning its cycles: SETUP runs
 * untimed (r4 holds BUF), BODY is timed between two CYCCNT reads, fenced
 * by an ISB on each side so that nothing pairs or pipelines across them.
 * r0-r4, lr and the registers named after BODY are free for both. */
#define TIMING_BENCH(fn, buf, setup, body, ...)                                      \
	static uint32_t fn(void)                                                     \
	{                                                                            \
		uint32_t t0, t1;                                                     \
		__asm__ volatile("mov r4, %[b]\n\t" setup                            \
				 "ldr %[t0], [%[cnt]]\n\t"                           \
				 "isb\n\t" body "isb\n\t"                            \
				 "ldr %[t1], [%[cnt]]\n\t"                           \
				 : [t0] "=&r"(t0), [t1] "=&r"(t1)                    \
				 : [cnt] "r"(&TIMING_CYCCNT), [b] "r"(buf)           \
				 : "r0", "r1", "r2", "r3", "r4", "lr", "cc", "memory",\
				   __VA_ARGS__);                                     \
		return t1 - t0;                                              \
	}

/* Start the DWT cycle counter (DEMCR.TRCENA, the M7's DWT lock,
 * CYCCNTENA); 0 if it counts. */
static inline int timing_start(void)
{
	TIMING_REG32(0xe000edfcu) |= 1u << 24;      /* DEMCR.TRCENA */
	TIMING_REG32(0xe0001fb0u) = 0xc5acce55u;    /* DWT_LAR: the M7's is locked */
	TIMING_CYCCNT = 0;
	TIMING_REG32(0xe0001000u) |= 1u;            /* DWT_CTRL.CYCCNTENA */
	uint32_t a = TIMING_CYCCNT, b = TIMING_CYCCNT;
	if (a == b) {
		printf("timing: CYCCNT does not count\n");
		return 1;
	}
	return 0;
}

/* The smallest of three runs: a one-off stall cannot make it fail. */
static inline uint32_t timing_best_of_3(uint32_t (*fn)(void))
{
	uint32_t best = UINT32_MAX;
	for (int i = 0; i < 3; i++) {
		uint32_t v = fn();
		if (v < best)
			best = v;
	}
	return best;
}

static inline int timing_summary(unsigned fails, unsigned n)
{
	if (fails) {
		printf("timing: %u of %u measurements FAILED\n", fails, n);
		return 1;
	}
	printf("timing: all %u measurements match\n", n);
	return 0;
}

#endif
