/*
 * Switches the core's clock to a PLL that is off: the CPU mux of the
 * default SoC's CMU selects PLL0, disabled at reset, so the core's clock
 * stops (0 Hz) without any WFI, and nothing can ever restart it. pmsim
 * must say that the core's clock stopped (status 126, docs/cli.md), not
 * that the guest sleeps. Never exits by itself.
 */
#include <stdio.h>

#include "pmsim_soc.h"

#define PLL_LOCKED 1u

int main(void)
{
	if (CMU_PLL0_STATUS & PLL_LOCKED) {
		printf("clock_stop: PLL0 runs at reset\n");
		return 1;
	}
	printf("clock_stop: selecting the PLL, which is off\n");
	CMU_CPU_MUX = 1;
	printf("clock_stop: still running\n");
	return 1;
}
