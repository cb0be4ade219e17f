/*
 * The gdb stub's guest (tests/gdb.cmake, docs/debugging.md): a function
 * that stores to a global ten times, a line of output, and an exit status
 * read from a global, so that a debugger writing `result` changes how the
 * run ends and one watching `counter` sees every store.
 */
#include <stdio.h>

volatile unsigned counter;
volatile int result = 3;

static unsigned __attribute__((noinline)) bump(unsigned k)
{
	counter = counter + k;
	return counter;
}

int main(void)
{
	unsigned sum = 0;
	for (unsigned i = 1; i <= 10; i++)
		sum += bump(i);
	printf("gdb_target: counter %u, sum %u\n", counter, sum);
	return result;
}
