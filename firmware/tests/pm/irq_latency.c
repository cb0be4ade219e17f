/*
 * Interrupt latency while the core runs, as the simulator measures it
 * (docs/report.md "Latency", kind "irq"); the report's JSON is checked by
 * tests/scripts/check_latency.py, not by this image.
 *
 * The core goes to 200 MHz (OPP 3 of configs/default.dts, through
 * pm_set_opp: one DVFS sample), then ROUNDS times TIMER0's timer 1 is
 * armed to expire 100 + k edges later (24 MHz: expiries at every phase of
 * the core's 5 ns cycle) while the core spins on a run of NOPs, with
 * PRIMASK clear and no other interrupt enabled. The line rises at the
 * expiry; the core takes the interrupt at the end of the instruction in
 * flight, on the next cycle boundary, and the handler's first instruction
 * starts after the 12 cycles of exception entry (docs/timing.md): each
 * sample is 12 cycles (60 ns) plus less than two cycles. Exits 0 after
 * "irq latency: done".
 */
#include "pmtest.h"

#define ROUNDS 10u

/* NOPs until the probe's handler has counted: a long straight run, so the
 * interrupt lands in it, not on the loop's branch. */
static void spin_until(uint32_t count)
{
	while (pt_isr_count == count)
		__asm__ volatile(".rept 64\n\tnop\n\t.endr" ::: "memory");
}

int main(void)
{
	pm_clock_init();
	pm_set_opp(3);
	pt_vectors_install();
	pt_set_irq_handler(IRQ_TIMER0, pt_probe_isr);
	NVIC_ISER(0) = 1u << IRQ_TIMER0;
	for (uint32_t k = 0; k < ROUNDS; k++) {
		uint32_t count = pt_isr_count;
		pt_probe_arm(100 + k);
		spin_until(count);
	}
	NVIC_ICER(0) = 1u << IRQ_TIMER0;
	CHECK(pt_isr_count == ROUNDS);
	printf("irq latency: done\n");
	return 0;
}
