/*
 * Idle-state wake-up latency from the inside (docs/devices/pmu.md, "What a
 * WFI enters"), for the three idle states of the default SoC
 * (configs/default.dts: wfi 1/1 us entry/exit, retention 20/40 us,
 * power-off 100/400 us), with the core at 200 MHz (OPP 3).
 *
 * TIMER0's timer 1 expires while the core sleeps; it runs free, so after
 * its expiry it counts on from 0xffffffff and its Value says how many
 * 24 MHz edges (41.7 ns each) passed since then (pmtest.h). The first load
 * of the interrupt handler (or, after a power-off, of the warm-boot code)
 * reads it. The PMU makes a wake-up cost the rest of the entry latency if
 * the entry has not completed, then the exit latency, all without cycles;
 * a timer edge falls exactly on the expiry, so for a wake-up after the
 * entry the reading is at least 24 x exit-us edges, and at most that plus
 * MARGIN: the exception entry (12 cycles, 60 ns), at worst an I-cache line
 * fill of the handler from flash (33 ns = 7 cycles at 200 MHz per beat:
 * 7 + 7 x 7 = 56 cycles, 280 ns) and the 20 ns peripheral access itself:
 * 360 ns, under MARGIN = 12 edges (500 ns). The handler after a warm boot
 * runs once the warm-boot code has read the SCS and enabled the NVIC line:
 * C code fetched from flash with the caches off, under WARM_MARGIN = 48
 * edges (2 us) more.
 *
 * Cases:
 *  1. WFI without SLEEPDEEP (LPMODE 0): state 0, latency = wfi's exit.
 *  2. SLEEPDEEP, LPMODE 1: retention, latency = its exit; no warm boot.
 *  3. SLEEPDEEP, LPMODE 2, timer 3 ms later: power-off, latency at the
 *     warm-boot code = its exit; PMU STATUS says warm boot.
 *  4. Power-off again, timer 50 us after the arming, i.e. before the
 *     100 us entry is over: the wake-up waits for the rest of the entry,
 *     so the latency is entry + exit minus the time from the WFI to the
 *     expiry, which is TIMER0's Value read just before the WFI.
 *  5. WFI without SLEEPDEEP while LPMODE still says 2: state 0 again.
 *
 * The expected latencies come as arguments: wfi-exit retention-exit
 * power-off-entry power-off-exit, in us. Exits 0 after
 * "idle latency: all checks passed".
 */
#include "pmtest.h"

#define MARGIN 12u
#define WARM_MARGIN 48u
#define TICK_NS(t) ((unsigned long)(((uint64_t)(t) * 125u + 1) / 3u))

struct wake {
	uint32_t isr;     /* edges since the expiry at the interrupt handler */
	uint32_t warm_at; /* ... at the warm-boot code (power-off only) */
	uint32_t before;  /* Value just before the WFI: edges left to the expiry */
	bool warm;
};

static struct wake sleep_once(uint32_t lpmode, bool deep, uint32_t us)
{
	struct wake w = { 0, 0, 0, false };
	uint32_t boots = pt_warm.count;
	pt_isr_count = 0;
	pt_probe_arm(us * PM_TICKS_PER_US - 1);
	NVIC_ISER(0) = 1u << IRQ_TIMER0;
	while (!pt_isr_count)
		w.warm |= pt_sleep(lpmode, deep, 1u << IRQ_TIMER0, &w.before);
	w.isr = pt_ticks_since_expiry(pt_isr_value);
	if (w.warm) {
		CHECK(pt_warm.count == boots + 1);
		w.warm_at = pt_ticks_since_expiry(pt_warm.timer_value);
		pt_icache_on(); /* the warm boot left it off */
	}
	return w;
}

static void check_window(const char *what, uint32_t got, uint32_t want, uint32_t margin)
{
	printf("  %-34s %6lu edges (%7lu ns), expected %6lu..%lu\n", what,
	       (unsigned long)got, TICK_NS(got), (unsigned long)want,
	       (unsigned long)(want + margin));
	CHECK(got >= want && got <= want + margin);
}

int main(int argc, char **argv)
{
	CHECK(argc >= 5);
	uint32_t wfi_exit = (uint32_t)atoi(argv[argc - 4]);
	uint32_t ret_exit = (uint32_t)atoi(argv[argc - 3]);
	uint32_t off_entry = (uint32_t)atoi(argv[argc - 2]);
	uint32_t off_exit = (uint32_t)atoi(argv[argc - 1]);
	const uint32_t tpu = PM_TICKS_PER_US;

	CHECK(((PMU_STATUS >> 8) & 0xffu) == 3); /* the default SoC's three states */
	pt_vectors_install();
	pt_set_irq_handler(IRQ_TIMER0, pt_probe_isr);
	pm_clock_init();
	pm_set_opp(3);
	pt_icache_on();
	printf("idle-state wake-up latency at 200 MHz, from the timer's expiry\n");

	struct wake w = sleep_once(0, false, 3000);
	CHECK(!w.warm && !(PMU_STATUS & PMU_STATUS_WARM));
	check_window("1. wfi (no SLEEPDEEP)", w.isr, wfi_exit * tpu, MARGIN);

	w = sleep_once(IDLE_RETENTION, true, 3000);
	CHECK(!w.warm && !(PMU_STATUS & PMU_STATUS_WARM));
	check_window("2. retention", w.isr, ret_exit * tpu, MARGIN);

	w = sleep_once(IDLE_POWER_OFF, true, 3000);
	CHECK(w.warm && (PMU_STATUS & PMU_STATUS_WARM) && !(PMU_STATUS & PMU_STATUS_SUSPEND));
	CHECK(pt_warm.pmu_status & PMU_STATUS_WARM);
	check_window("3. power-off, at the warm boot", w.warm_at, off_exit * tpu, MARGIN);
	check_window("   power-off, at the handler", w.isr, off_exit * tpu, MARGIN + WARM_MARGIN);

	w = sleep_once(IDLE_POWER_OFF, true, 50);
	CHECK(w.warm);
	/* The expiry came `before` edges after the WFI, during the entry. */
	printf("  4. the timer expired %lu edges after the WFI\n", (unsigned long)w.before);
	CHECK(w.before > 0 && w.before < off_entry * tpu);
	check_window("4. power-off woken during entry", w.warm_at,
		     (off_entry + off_exit) * tpu - w.before, MARGIN);
	check_window("   at the handler", w.isr, (off_entry + off_exit) * tpu - w.before,
		     MARGIN + WARM_MARGIN);

	w = sleep_once(IDLE_POWER_OFF, false, 3000);
	CHECK(!w.warm && !(PMU_STATUS & PMU_STATUS_WARM));
	check_window("5. wfi with LPMODE 2, no SLEEPDEEP", w.isr, wfi_exit * tpu, MARGIN);

	printf("idle latency: all checks passed\n");
	return 0;
}
