/*
 * Benchmark: an exact-count loop with memory traffic. 100 million
 * iterations of a six-instruction body (a load and a store to a word in
 * SRAM, two ALU operations, the counter decrement and the branch), 600
 * million instructions in all, plus a few hundred for start-up and exit.
 * With the D-cache on, as firmware on a Cortex-M7 runs.
 */
#include <stdio.h>

#include "caches.h"

static volatile unsigned cell = 1;

int main(void)
{
	caches_on();
	unsigned a = 3, t, n = 100000000;
	volatile unsigned *p = &cell;
	__asm__ volatile("1:\n\t"
			 "ldr %1, [%3]\n\t"
			 "adds %1, %1, %0\n\t"
			 "str %1, [%3]\n\t"
			 "eors %0, %0, %1\n\t"
			 "subs %2, %2, #1\n\t"
			 "bne 1b\n"
			 : "+l"(a), "=&l"(t), "+l"(n)
			 : "l"(p)
			 : "memory", "cc");
	printf("loopmem: %u %u\n", a, cell);
	return 0;
}
