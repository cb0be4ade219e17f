/*
 * A real suspend cycle in markers (docs/devices/simctl.md), on the
 * default SoC; tests/scripts/check_simctl.py reads the --report JSON.
 *
 * First boot: three idle periods in WFI of 1 ms each, ended by TIMER0
 * (the baseline of the cycle's saving; the handler marks
 * `timer:tick_fn`), then `suspend:mem` begins: `phase:suspend_prepare`,
 * `phase:suspend` with the ADC's callback (30 µs), `phase:suspend_noirq`,
 * `phase:suspend_machine`, and system suspend until an RTC alarm 1 s on
 * (pm_suspend_until_rtc; the PMU's suspend entry ends the suspend
 * latency). The core comes back through the reset vector: PMU RET[0]
 * says the cycle is open, and the second boot writes
 * `phase:resume_machine`, `phase:resume_noirq`, `phase:resume` with the
 * ADC's callback (10 µs), `phase:resume_complete`, and the cycle's END
 * with 0. The device, in no power domain, kept everything through the
 * suspend. Exit 0 through the device.
 */
#include "pmtest.h"

#include "pmsim_simctl.h"

#define MAGIC 0x53435453u /* "STCS" */

static volatile uint32_t ticks_seen;

static void timer_isr(void)
{
	pm_wake_ack();
	ticks_seen++;
	simctl_instant("timer:tick_fn", ticks_seen);
}

static void busy_us(uint32_t us)
{
	uint32_t t0 = pm_ticks();
	while (pm_ticks() - t0 < us * PM_TICKS_PER_US)
		;
}

static void phase(const char *name, uint32_t us)
{
	simctl_begin(name);
	busy_us(us);
	simctl_end(name, 0);
}

static int before(void)
{
	pt_vectors_install();
	pt_set_irq_handler(IRQ_TIMER0, timer_isr);
	__asm__ volatile("cpsie i");
	for (uint32_t i = 0; i < 3; i++) {
		uint32_t seen = ticks_seen;
		pm_wake_after_us(1000);
		while (ticks_seen == seen)
			pm_idle(IDLE_WFI);
	}
	CHECK(ticks_seen == 3);

	simctl_begin("suspend:mem");
	phase("phase:suspend_prepare", 5);
	simctl_begin("phase:suspend");
	simctl_begin("dev:suspend:40008000.adc");
	busy_us(30);
	simctl_end("dev:suspend:40008000.adc", 0);
	simctl_end("phase:suspend", 0);
	phase("phase:suspend_noirq", 2);
	simctl_begin("phase:suspend_machine");
	PMU_RET(0) = MAGIC;
	simctl_end("phase:suspend_machine", 0);
	pm_suspend_until_rtc(1);
	printf("FAILED: the suspend returned\n");
	return 1;
}

static int after(void)
{
	PMU_RET(0) = 0;
	phase("phase:resume_machine", 20);
	phase("phase:resume_noirq", 2);
	simctl_begin("phase:resume");
	simctl_begin("dev:resume:40008000.adc");
	busy_us(10);
	simctl_end("dev:resume:40008000.adc", 0);
	simctl_end("phase:resume", 0);
	phase("phase:resume_complete", 5);
	simctl_end("suspend:mem", 0);
	CHECK(PMU_SUSPENDS == 1);
	printf("simctl mem: all checks passed\n");
	fflush(stdout);
	simctl_exit(0);
	printf("FAILED: EXIT returned\n");
	return 1;
}

int main(void)
{
	CHECK(simctl_present());
	pm_clock_init();
	if (PMU_RET(0) == MAGIC && (PMU_STATUS & PMU_STATUS_SUSPEND))
		return after();
	return before();
}
