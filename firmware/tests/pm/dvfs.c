/*
 * A DVFS switch from the inside (docs/devices/pmic.md, docs/devices/cmu.md),
 * 25 MHz at 0.8 V (reset: the core on the 25 MHz oscillator, PLL off) to
 * 200 MHz at 1.0 V (OPP 3 of configs/default.dts), step by step at the
 * registers, timed with TIMER0's 24 MHz free-running count (pm_ticks):
 *
 *  1. Voltage ramp: vdd_core ramps at 10 mV/us in 12.5 mV steps, so
 *     0.8 -> 1.0 V is 16 steps, 1.25 us apart: SETTLED 20 us after the VSET
 *     write (480 edges). Read 10.5..11.25 us after the write, VOUT is
 *     0.8 V + 8 steps = 0.9 V exactly and STATUS says RAMPING; at the end
 *     the PMIC's IRQ_STATUS bit 0 (set-point reached) is set.
 *  2. PLL lock: 25 MHz x 8 = 200 MHz, LOCKED 100 us (pmsim,lock-us, 2400
 *     edges) after the PLL0_CTRL write; not yet at 50 us.
 *  3. The same compute loop (code in the warm I-cache, no data accesses) at
 *     25 MHz and, after the CPU mux selects the PLL, at 200 MHz: the same
 *     DWT cycle count exactly, 24/25 and 3/25 of an edge per cycle, so the
 *     200 MHz run takes 1/8 of the time (within 24 edges of 96000: the
 *     timer reads outside the cycle window cost the same 20 ns at either
 *     frequency).
 *  4. Down again by hand (the voltage ramps down in 20 us too), then the
 *     library's pm_set_opp(3) (firmware/lib/pm.c): ramp, then lock, then
 *     mux, 120 us in all plus two polls and the library's own code (the
 *     first call runs with a cold I-cache): under 4 x POLL.
 *
 * Each wait is measured from a tick read just before the write to one just
 * after the polled bit is seen: at least the expected number of edges
 * (an interval of n edge periods holds exactly n edges), at most POLL
 * more: a polling iteration at 25 MHz is a few instructions and a 20 ns
 * register read, well under POLL = 24 edges (1 us).
 * Arguments: the ramp time and the lock time in us (20 100). Exits 0 after
 * "dvfs: all checks passed".
 */
#include "pmtest.h"

#define POLL 24u
#define PMIC_IRQ_CORE (1u << RAIL_CORE)

/* spin(n, &DWT_CYCCNT): the cycles of n iterations of a two-instruction
 * loop, read around it with nothing else in between. */
__asm__(".syntax unified\n\t.thumb\n\t.text\n\t.balign 32\n"
	"\t.global spin\n\t.type spin, %function\n\t.thumb_func\n"
	"spin:\n"
	"\tldr r2, [r1]\n"
	"1:\tsubs r0, r0, #1\n"
	"\tbne 1b\n"
	"\tldr r3, [r1]\n"
	"\tsubs r0, r3, r2\n"
	"\tbx lr\n");
uint32_t spin(uint32_t n, volatile uint32_t *cyccnt);

#define SPIN_N 100000u

struct run {
	uint32_t ticks, cycles;
};

static struct run __attribute__((noinline)) timed_spin(void)
{
	struct run r;
	uint32_t t0 = pm_ticks();
	r.cycles = spin(SPIN_N, &DWT_CYCCNT);
	r.ticks = pm_ticks() - t0;
	return r;
}

static void check_window(const char *what, uint32_t got, uint32_t want, uint32_t margin)
{
	printf("  %-30s %7lu edges (%4lu us), expected %lu..%lu\n", what, (unsigned long)got,
	       (unsigned long)(got / PM_TICKS_PER_US), (unsigned long)want,
	       (unsigned long)(want + margin));
	CHECK(got >= want && got <= want + margin);
}

static uint32_t abs_diff(uint32_t a, uint32_t b)
{
	return a > b ? a - b : b - a;
}

/* Write VSET and time the ramp; returns the edges to SETTLED. */
static uint32_t ramp_to(uint32_t uv)
{
	uint32_t t0 = pm_ticks();
	PMIC_VSET(RAIL_CORE) = uv;
	while (!(PMIC_STATUS(RAIL_CORE) & PMIC_SETTLED))
		;
	return pm_ticks() - t0;
}

int main(int argc, char **argv)
{
	CHECK(argc >= 3);
	uint32_t ramp_us = (uint32_t)atoi(argv[argc - 2]);
	uint32_t lock_us = (uint32_t)atoi(argv[argc - 1]);
	const uint32_t tpu = PM_TICKS_PER_US;
	pm_clock_init();
	pt_cyccnt_start();
	pt_icache_on();
	printf("DVFS 25 MHz / 0.8 V -> 200 MHz / 1.0 V\n");
	CHECK(PMIC_VOUT(RAIL_CORE) == 800000 && (PMIC_STATUS(RAIL_CORE) & PMIC_SETTLED));
	CHECK(!(CMU_PLL0_STATUS & CMU_PLL_LOCKED) && CMU_CPU_MUX == 0);

	/* 1. The voltage first. */
	PMIC_IRQ_STATUS = PMIC_IRQ_CORE;
	uint32_t t0 = pm_ticks();
	PMIC_VSET(RAIL_CORE) = 1000000;
	while (pm_ticks() - t0 < 21 * tpu / 2)
		;
	uint32_t vmid = PMIC_VOUT(RAIL_CORE), smid = PMIC_STATUS(RAIL_CORE);
	uint32_t tmid = pm_ticks() - t0;
	while (!(PMIC_STATUS(RAIL_CORE) & PMIC_SETTLED))
		;
	uint32_t t_ramp = pm_ticks() - t0;
	printf("  VOUT %lu uV after %lu edges (status 0x%lx)\n", (unsigned long)vmid,
	       (unsigned long)tmid, (unsigned long)smid);
	CHECK(tmid < 45 * tpu / 4); /* else the reading is not 10.5..11.25 us in */
	CHECK(vmid == 900000);
	CHECK((smid & PMIC_RAMPING) && !(smid & PMIC_SETTLED));
	check_window("ramp 0.8 -> 1.0 V", t_ramp, ramp_us * tpu, POLL);
	CHECK(PMIC_VOUT(RAIL_CORE) == 1000000);
	CHECK(PMIC_IRQ_STATUS & PMIC_IRQ_CORE);

	/* 2. The PLL, while the core runs on the oscillator. */
	t0 = pm_ticks();
	CMU_PLL0_CTRL = CMU_PLL_CFG(8, 1);
	while (pm_ticks() - t0 < 50 * tpu)
		;
	CHECK(!(CMU_PLL0_STATUS & CMU_PLL_LOCKED));
	while (!(CMU_PLL0_STATUS & CMU_PLL_LOCKED))
		;
	check_window("PLL lock at 200 MHz", pm_ticks() - t0, lock_us * tpu, POLL);

	/* 3. The same loop at 25 and at 200 MHz. */
	timed_spin();
	struct run slow = timed_spin();
	CMU_CPU_MUX = 1;
	pt_barrier();
	timed_spin();
	struct run fast = timed_spin();
	printf("  loop at  25 MHz: %lu cycles, %lu edges\n", (unsigned long)slow.cycles,
	       (unsigned long)slow.ticks);
	printf("  loop at 200 MHz: %lu cycles, %lu edges\n", (unsigned long)fast.cycles,
	       (unsigned long)fast.ticks);
	CHECK(slow.cycles == fast.cycles);
	CHECK(slow.cycles >= SPIN_N); /* at least one cycle per iteration */
	/* The edge count also covers the call and the timer reads outside
	 * the cycle window: under 16 cycles, 16 edges at 25 MHz, 2 at 200. */
	uint32_t slow_want = (uint32_t)((uint64_t)slow.cycles * 24 / 25);
	uint32_t fast_want = (uint32_t)((uint64_t)fast.cycles * 3 / 25);
	CHECK(slow.ticks + 1 >= slow_want && slow.ticks <= slow_want + 16);
	CHECK(fast.ticks + 1 >= fast_want && fast.ticks <= fast_want + 3);
	CHECK(abs_diff(slow.ticks, 8 * fast.ticks) <= 24);

	/* 4. Back down by hand, frequency first; then up with the library. */
	CMU_CPU_MUX = 0;
	CMU_PLL0_CTRL = 0;
	check_window("ramp 1.0 -> 0.8 V", ramp_to(800000), ramp_us * tpu, POLL);
	CHECK(pm_opp() == 0);
	t0 = pm_ticks();
	pm_set_opp(3);
	check_window("pm_set_opp(3)", pm_ticks() - t0, (ramp_us + lock_us) * tpu, 4 * POLL);
	CHECK(PMIC_VOUT(RAIL_CORE) == 1000000 && CMU_CPU_MUX == 1 &&
	      (CMU_PLL0_STATUS & CMU_PLL_LOCKED));
	timed_spin();
	struct run lib = timed_spin();
	CHECK(lib.cycles == fast.cycles && abs_diff(lib.ticks, fast.ticks) <= 2);

	printf("dvfs: all checks passed\n");
	return 0;
}
