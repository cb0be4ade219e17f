/*
 * DRAM whose power domain is switched off loses its contents, even in
 * self-refresh (docs/devices/dramc.md, "Losing the contents"): self-refresh
 * keeps data only while VDD stays on. On the default SoC the DRAM is power
 * domain 2 (PMU PD_CTRL(2)); the controller's STATUS.LOST says so after,
 * and every word written before reads back as something else.
 * tests/pm.cmake checks that the report's diagnostic names the cause (the
 * power domain, not a suspend). Argument: "sr" to put the memory into
 * self-refresh first, anything else to leave it active. Exits 0 after
 * "dram domain off: all checks passed".
 */
#include <string.h>

#include "pmtest.h"

#define DRAM ((volatile uint32_t *)DRAM_BASE)
#define NWORDS 64
#define PD_DRAM 2
#define PD_OFF 0
#define PD_ON 2

int main(int argc, char **argv)
{
	CHECK(argc >= 2);
	bool sr = !strcmp(argv[argc - 1], "sr");
	CHECK(!(SCB_CCR & CCR_DC)); /* every access below reaches the DRAM */
	for (unsigned i = 0; i < NWORDS; i++)
		DRAM[i] = 0x600d0000u + i;
	CHECK(!(DRAMC_STATUS & DRAMC_STATUS_LOST));
	if (sr) {
		DRAMC_CTRL |= DRAMC_CTRL_SR_REQ;
		while (DRAMC_STATE(DRAMC_STATUS) != 2)
			;
	}
	PMU_PD_CTRL(PD_DRAM) = PD_OFF;
	CHECK(PMU_PD_CTRL(PD_DRAM) == PD_OFF);
	PMU_PD_CTRL(PD_DRAM) = PD_ON;
	CHECK(PMU_PD_CTRL(PD_DRAM) == PD_ON);
	CHECK(DRAMC_STATUS & DRAMC_STATUS_LOST);
	unsigned kept = 0;
	for (unsigned i = 0; i < NWORDS; i++)
		kept += DRAM[i] == 0x600d0000u + i;
	printf("DRAM domain switched off%s: %u of %u words kept\n",
	       sr ? " in self-refresh" : "", kept, NWORDS);
	CHECK(kept == 0);
	printf("dram domain off: all checks passed\n");
	return 0;
}
