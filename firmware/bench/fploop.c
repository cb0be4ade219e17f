/*
 * Benchmark: loop.c's exact-count loop with floating-point work. 200
 * million iterations of a five-instruction body (a single-precision add,
 * multiply and fused multiply-add, the counter decrement and the branch):
 * the same instruction count as loop.c, so the two MIPS figures compare
 * the cost of FP instructions with integer ones. Built hard-float for the
 * Cortex-M4F (FPv4-SP-D16), which the Cortex-M7's FPv5 also runs.
 */
#include <stdio.h>

#include "caches.h"

int main(void)
{
	caches_on();
	/* The sum reaches 2^24 and stops changing (every add then rounds),
	 * the product stays 1.5, the accumulator grows by 2^-3 until its
	 * additions round away too: normal operands and inexact results,
	 * what real FP code meets. */
	float s = 0.0f, one = 1.0f, p = 1.5f, unit = 1.0f, acc = 0.0f, h = 0.5f, q = 0.25f;
	unsigned n = 200000000;
	__asm__ volatile("1:\n\t"
			 "vadd.f32 %0, %0, %1\n\t"
			 "vmul.f32 %2, %2, %3\n\t"
			 "vfma.f32 %4, %5, %6\n\t"
			 "subs %7, %7, #1\n\t"
			 "bne 1b\n"
			 : "+t"(s), "+t"(one), "+t"(p), "+t"(unit), "+t"(acc), "+t"(h), "+t"(q),
			   "+l"(n));
	printf("fploop: %.1f %.3f %.3f\n", (double)s, (double)p, (double)acc);
	return 0;
}
