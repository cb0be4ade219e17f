/*
 * A load from an address where nothing is mapped: the bus reports an error,
 * the core takes a fault, and picolibc's fault handler reports it and exits.
 */
#include <stdint.h>
#include <stdio.h>

int main(void)
{
	printf("reading 0x50000000\n");
	volatile uint32_t *p = (volatile uint32_t *)0x50000000;
	uint32_t v = *p;
	printf("not reached: %lu\n", (unsigned long)v);
	return 0;
}
