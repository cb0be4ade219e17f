/*
 * The cycles of the FP part of an extended frame (docs/timing.md), with
 * the DWT cycle counter: a store to ICSR pends PendSV, whose handler
 * returns at once (or after one VMOV to S0), and the count from before the
 * store to after it covers the entry, the handler and the return. Thread
 * mode without an FP context gives the base; with one, LSPEN set and a
 * handler that uses no FP register costs nothing more (the frame is only
 * reserved and the return finds LSPACT still set); LSPEN clear costs 17
 * on entry and 17 on return; LSPEN set and a handler that uses the FPU
 * costs 17 at its VMOV (the lazy preservation) and 17 on return.
 */
#include "fp_exc.h"

#define DEMCR REG32(0xe000edfcu)
#define DWT_CTRL REG32(0xe0001000u)
#define DWT_CYCCNT 0xe0001004u

static volatile int use_fp;

__attribute__((naked)) static void pendsv_handler(void)
{
	__asm__ volatile("ldr r0, =use_fp\n\t"
			 "ldr r0, [r0]\n\t"
			 "cbz r0, 1f\n\t"
			 "vmov s0, r0\n"
			 "1:\n\t"
			 "bx lr\n\t"
			 ".ltorg\n");
}

/* Cycles from before the store that pends PendSV to after it. */
__attribute__((naked, noinline)) static uint32_t measure(void)
{
	__asm__ volatile("push {r4, lr}\n\t"
			 "ldr r0, =0xe0001004\n\t"
			 "ldr r1, =0xe000ed04\n\t"
			 "mov r2, #0x10000000\n\t"
			 "ldr r3, [r0]\n\t"
			 "str r2, [r1]\n\t"
			 "ldr r4, [r0]\n\t"
			 "sub r0, r4, r3\n\t"
			 "pop {r4, pc}\n\t"
			 ".ltorg\n");
}

/* The smallest of a few runs in the given state (the first may differ:
 * caches, the decoded-instruction cache). */
static uint32_t run(int fpca, int lspen, int fp_in_handler)
{
	uint32_t best = ~0u;
	use_fp = fp_in_handler;
	FPU_FPCCR = FPCCR_ASPEN | (lspen ? FPCCR_LSPEN : 0);
	for (int i = 0; i < 4; i++) {
		set_control(fpca ? CONTROL_FPCA : 0);
		uint32_t t = measure();
		if (t < best)
			best = t;
	}
	return best;
}

int main(void)
{
	vt_install();
	vt_set(EXC_PENDSV, pendsv_handler);
	DEMCR = 1u << 24;
	DWT_CTRL = 1;

	uint32_t base = run(0, 1, 0);
	uint32_t lazy = run(1, 1, 0);
	uint32_t eager = run(1, 0, 0);
	uint32_t base_fp = run(0, 1, 1);
	uint32_t lazy_fp = run(1, 1, 1);
	uint32_t eager_fp = run(1, 0, 1);
	printf("base %lu, lazy %lu, eager %lu; handler with FP: base %lu, lazy %lu, eager %lu\n",
	       (unsigned long)base, (unsigned long)lazy, (unsigned long)eager,
	       (unsigned long)base_fp, (unsigned long)lazy_fp, (unsigned long)eager_fp);
	CHECK(lazy == base);
	CHECK(eager == base + 34);
	CHECK(lazy_fp == base_fp + 34);
	CHECK(eager_fp == base_fp + 34);
	printf("fp_exc timing tests passed\n");
	return 0;
}
