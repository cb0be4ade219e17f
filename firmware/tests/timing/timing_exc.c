/*
 * Exception timing from the inside: entry, return and tail-chaining timed
 * with the DWT cycle counter and checked against docs/timing.md for the
 * core this runs on (Cortex-M3/M4 or M7, from CPUID).
 *
 * Each measurement is one write to ICSR between two CYCCNT reads fenced
 * by ISBs, as in timing_insns.c. Writing PENDSVSET (and PENDSTSET) takes
 * the exception(s) right after the store; the same store writing 0 does
 * nothing and is the baseline, so the difference is exactly the cost of
 * the exception sequence: stacking, each handler's BX LR, tail-chaining
 * and unstacking. Both handlers are a lone BX LR, and PendSV (14) runs
 * before SysTick (15) at equal priority, so pending both tail-chains from
 * PendSV's return into SysTick.
 *
 * The handlers are placed three ways: apart, and with the first handler's
 * BX LR immediately followed by the second handler, so that the
 * tail-chained return "falls through" to the next handler's address.
 * Neither placement may change the cost: an exception return always
 * changes the flow of execution.
 *
 * Prints every measurement and exits 0 only if all match.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "timing_report.h"

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_CPUID REG32(0xe000ed00u)
#define SCB_ICSR_ADDR 0xe000ed04u
#define SCB_VTOR REG32(0xe000ed08u)
#define DEMCR REG32(0xe000edfcu)
#define DWT_CTRL REG32(0xe0001000u)
#define DWT_CYCCNT REG32(0xe0001004u)
#define DWT_LAR REG32(0xe0001fb0u)

#define DEMCR_TRCENA (1u << 24)
#define DWT_CTRL_CYCCNTENA 1u
#define DWT_LAR_KEY 0xc5acce55u
#define ICSR_PENDSVSET (1u << 28)
#define ICSR_PENDSTSET (1u << 26)

enum { EXC_PENDSV = 14, EXC_SYSTICK = 15 };

/* Two handler pairs, each a lone BX LR. "apart": separated by a NOP
 * (never executed), so that neither return lands next to the other
 * handler. "adjacent": the second handler starts right after the first
 * one's BX LR. */
extern void h_apart_a(void), h_apart_b(void), h_adj_a(void), h_adj_b(void);
__asm__(".text\n\t.thumb\n\t.syntax unified\n\t"
	".balign 4\n\t"
	".global h_apart_a\n\t.type h_apart_a, %function\n\t.thumb_func\n"
	"h_apart_a:\n\tbx lr\n\tnop\n\tnop\n\tnop\n\t"
	".global h_apart_b\n\t.type h_apart_b, %function\n\t.thumb_func\n"
	"h_apart_b:\n\tbx lr\n\t"
	".balign 4\n\t"
	".global h_adj_a\n\t.type h_adj_a, %function\n\t.thumb_func\n"
	"h_adj_a:\n\tbx lr\n\t"
	".global h_adj_b\n\t.type h_adj_b, %function\n\t.thumb_func\n"
	"h_adj_b:\n\tbx lr\n\t");

static uint32_t vectors[64] __attribute__((aligned(256)));

static void handlers(void (*pendsv)(void), void (*systick)(void))
{
	vectors[EXC_PENDSV] = (uint32_t)(uintptr_t)pendsv;
	vectors[EXC_SYSTICK] = (uint32_t)(uintptr_t)systick;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Cycles of one store of `v` to ICSR, with whatever it triggers. */
static uint32_t icsr_store(uint32_t v)
{
	uint32_t t0, t1;
	__asm__ volatile("ldr %[t0], [%[cnt]]\n\t"
			 "isb\n\t"
			 "str %[v], [%[icsr]]\n\t"
			 "isb\n\t"
			 "ldr %[t1], [%[cnt]]\n\t"
			 : [t0] "=&r"(t0), [t1] "=&r"(t1)
			 : [cnt] "r"(&DWT_CYCCNT), [icsr] "r"(SCB_ICSR_ADDR), [v] "r"(v)
			 : "memory");
	return t1 - t0;
}

static uint32_t best_of_3(uint32_t v)
{
	uint32_t best = UINT32_MAX;
	for (int i = 0; i < 3; i++) {
		uint32_t c = icsr_store(v);
		if (c < best)
			best = c;
	}
	return best;
}

enum { M3, M7, NCORES };

static const struct meas {
	const char *name;
	void (*pendsv)(void), (*systick)(void);
	uint32_t icsr;
	uint8_t want[NCORES];
} meas[] = {
	/* M3: 12 + (BX LR: 1 + P = 3) + 10. M7: 12 + (1 + 4) + 10. */
	{ "entry, BX LR, return", h_apart_a, h_apart_b, ICSR_PENDSVSET, { 25, 27 } },
	/* M3: 12 + 3 + 6 + 3 + 10. M7: 12 + 5 + 6 + 5 + 10. */
	{ "entry, BX LR, tail-chain, BX LR, return", h_apart_a, h_apart_b,
	  ICSR_PENDSVSET | ICSR_PENDSTSET, { 34, 38 } },
	{ "the same, handlers adjacent", h_adj_a, h_adj_b, ICSR_PENDSVSET | ICSR_PENDSTSET,
	  { 34, 38 } },
};

int main(void)
{
	static const char *const core_name[NCORES] = { "Cortex-M3/M4", "Cortex-M7" };
	unsigned part = (SCB_CPUID >> 4) & 0xfff, core;
	switch (part) {
	case 0xc23:
	case 0xc24: core = M3; break;
	case 0xc27: core = M7; break;
	default:
		printf("timing: unknown core, CPUID part 0x%03x\n", part);
		return 1;
	}

	memcpy(vectors, (const void *)SCB_VTOR, 16 * 4);
	SCB_VTOR = (uint32_t)(uintptr_t)vectors;

	DEMCR |= DEMCR_TRCENA;
	DWT_LAR = DWT_LAR_KEY; /* the M7's DWT is locked at reset */
	DWT_CYCCNT = 0;
	DWT_CTRL |= DWT_CTRL_CYCCNTENA;

	uint32_t base = best_of_3(0);
	printf("timing: %s, ICSR store %lu cycles\n", core_name[core], (unsigned long)base);
	unsigned fails = 0, n = sizeof meas / sizeof meas[0];
	for (unsigned i = 0; i < n; i++) {
		const struct meas *m = &meas[i];
		handlers(m->pendsv, m->systick);
		fails += timing_row(42, m->name, best_of_3(m->icsr) - base, m->want[core]);
	}
	return timing_summary(fails, n);
}
