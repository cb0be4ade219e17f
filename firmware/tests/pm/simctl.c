/*
 * The simulator-control device's markers as a kernel's PM core would write
 * them (docs/devices/simctl.md), on the default SoC; tests/scripts/
 * check_simctl.py reads the --report JSON.
 *
 *  - Three idle periods in WFI, each ended by TIMER0 (pm_wake_after_us,
 *    200 µs), whose handler marks `timer:tick_fn`: three wake-ups caused
 *    by that timer callback, and the baseline of the cycle's saving.
 *  - One pm_test cycle, `suspend:test-core` (Linux's pm_test level "core":
 *    every phase runs, the machine is not suspended), with sleepgraph's
 *    phases in order and device callbacks that take a known time (busy
 *    waits on TIMER0's free-running counter): in `suspend`, the UART
 *    20 µs, the ADC 50 µs, the RTC 5 µs; in `resume`, the ADC 10 µs,
 *    returning -16 (-EBUSY). The test level's wait stands in for the
 *    suspended time (100 µs). ARG at the cycle's END is 0.
 *  - An instant `done` with ARG 42, then EXIT 0 through the device, not
 *    semihosting: the report's outcome says so.
 */
#include "pmtest.h"

#include "pmsim_simctl.h"

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

/* One device callback: `name` is "dev:PHASE:DEVICE". */
static void dev_cb(const char *name, uint32_t us, int ret)
{
	simctl_begin(name);
	busy_us(us);
	simctl_end(name, ret);
}

int main(void)
{
	CHECK(simctl_present());
	pm_clock_init();
	pt_vectors_install();
	pt_set_irq_handler(IRQ_TIMER0, timer_isr);
	__asm__ volatile("cpsie i");

	for (uint32_t i = 0; i < 3; i++) {
		uint32_t before = ticks_seen;
		pm_wake_after_us(200);
		while (ticks_seen == before)
			pm_idle(IDLE_WFI);
	}

	simctl_begin("suspend:test-core");
	simctl_begin("phase:suspend_prepare");
	busy_us(5);
	simctl_end("phase:suspend_prepare", 0);
	simctl_begin("phase:suspend");
	dev_cb("dev:suspend:40004000.serial", 20, 0);
	dev_cb("dev:suspend:40008000.adc", 50, 0);
	dev_cb("dev:suspend:40006000.rtc", 5, 0);
	simctl_end("phase:suspend", 0);
	simctl_begin("phase:suspend_late");
	busy_us(2);
	simctl_end("phase:suspend_late", 0);
	simctl_begin("phase:suspend_noirq");
	busy_us(2);
	simctl_end("phase:suspend_noirq", 0);
	busy_us(100); /* pm_test "core": the wait in place of the suspend */
	simctl_begin("phase:resume_noirq");
	busy_us(2);
	simctl_end("phase:resume_noirq", 0);
	simctl_begin("phase:resume_early");
	busy_us(2);
	simctl_end("phase:resume_early", 0);
	simctl_begin("phase:resume");
	dev_cb("dev:resume:40008000.adc", 10, -16);
	simctl_end("phase:resume", 0);
	simctl_begin("phase:resume_complete");
	busy_us(5);
	simctl_end("phase:resume_complete", 0);
	simctl_end("suspend:test-core", 0);

	CHECK(ticks_seen == 3);
	simctl_instant("done", 42);
	printf("simctl: all checks passed\n");
	fflush(stdout);
	simctl_exit(0);
	printf("FAILED: EXIT returned\n");
	return 1;
}
