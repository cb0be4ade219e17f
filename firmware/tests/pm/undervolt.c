/*
 * DVFS done in the wrong order: the core is switched to the 400 MHz PLL
 * while its rail is still at the 25 MHz operating point's 0.80 V (the
 * 400 MHz OPP needs 1.20 V, configs/default.dts). On silicon that is a
 * brown-out waiting to happen; pmsim records a diagnostic (tests/pm.cmake
 * checks the report) or, with pmsim,undervolt-action = "lockup"
 * (tests/configs/pm_undervolt_lockup.dts), stops the core in lockup at
 * the instruction that switched the clock, so the image never prints its
 * last line.
 */
#include <stdio.h>

#include "pmtest.h"

int main(void)
{
	printf("undervolt: switching to 400 MHz at %lu uV\n",
	       (unsigned long)PMIC_VOUT(RAIL_CORE));
	CMU_PLL0_CTRL = CMU_PLL_CFG(16, 1);
	while (!(CMU_PLL0_STATUS & CMU_PLL_LOCKED))
		;
	CMU_CPU_MUX = 1; /* 400 MHz, and the voltage was never raised */
	/* Some work at the wrong operating point, then the right order. */
	for (volatile int i = 0; i < 1000; i++)
		;
	CMU_CPU_MUX = 0;
	pm_set_opp(4);
	printf("undervolt: still running\n");
	return 0;
}
