/*
 * Benchmark: an exact-count integer loop. 200 million iterations of a
 * five-instruction body (three ALU operations, the counter decrement and
 * the branch), 1000 million instructions in all, plus a few hundred for
 * start-up and exit.
 */
#include <stdio.h>

#include "caches.h"

int main(void)
{
	caches_on();
	unsigned a = 1, b = 2, c = 3;
	unsigned n = 200000000;
	__asm__ volatile("1:\n\t"
			 "adds %0, %0, %1\n\t"
			 "eors %1, %1, %2\n\t"
			 "lsls %2, %2, #1\n\t"
			 "subs %3, %3, #1\n\t"
			 "bne 1b\n"
			 : "+l"(a), "+l"(b), "+l"(c), "+l"(n));
	printf("loop: %u %u %u\n", a, b, c);
	return 0;
}
