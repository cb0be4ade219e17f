/*
 * Lockup: the HardFault handler itself faults (it executes UDF), which the
 * architecture turns into lockup. pmsim ends the run with status 125 and a
 * message naming the reason.
 */
#include "exc.h"

static void bad_hardfault(void)
{
	__asm__ volatile("udf #1");
}

int main(void)
{
	vt_install();
	vt_set(EXC_HARDFAULT, bad_hardfault);
	printf("about to fault twice\n");
	__asm__ volatile("udf #2");
	printf("not reached\n");
	return 0;
}
