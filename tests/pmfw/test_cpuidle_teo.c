/*
 * The TEO governor (firmware/pmfw/drivers/cpuidle/governors/teo.c) on the
 * host, on the idle states of configs/default.dts and configs/mcu.dts:
 * sequences of idle periods through select and reflect, each decision
 * checked against the metrics worked out in the comments. HZ is 250: a
 * jiffy (TICK_NSEC) is 4 ms.
 *
 * Default SoC (D): s0 wfi, s1 retention, s2 power-off, exit latency /
 * target residency 2/2, 60/150, 500/2000 µs; bins [0, 150 µs),
 * [150 µs, 2 ms), [2 ms, ...). MCU (M): 1/1, 15/50, 180/1000 µs.
 * Each step of a sequence (struct host_idle_step) wakes from the state
 * picked last after a residency, then checks the next choice. Measured =
 * residency - exit latency / 2, or residency / 2 when shorter than the
 * exit latency. At each update every hits and
 * intercepts metric loses 1/8 (x - x >> 3), the event adds 1024, and
 * total = the sum of all of them. Intercepts dominate when twice the
 * intercepts of the bins below the candidate exceed total minus the hits
 * of those bins.
 */
#include <check.h>

#include <linux/cpuidle.h>
#include <linux/jiffies.h>

#include "../../firmware/pmfw/drivers/cpuidle/governors/gov.h"
#include "../unit/check_run.h"
#include "host_cpuidle.h"

#define US 1000LL
#define MS 1000000LL

static void setup(enum host_soc soc)
{
	host_idle_setup(teo_governor_init, soc);
}

/* D, a 10 ms timer: three sleeps that the timer ends (s2, 10 ms: hits in
 * bin 2), then three that an interrupt ends after 400 µs (s2: 400 µs <
 * its 500 µs exit latency: halved, 200 µs: intercepts in bin 1). */
static const struct host_idle_step hits_then_intercepts[] = {
	/* 1: no metrics yet: s2 (its 2 ms fits 10 ms), the tick may stop. */
	{ 0, false, 10 * MS, 2, true },
	/* 2-4: hits2 = 1024; 896 + 1024 = 1920; 1680 + 1024 = 2704; no
	 * intercepts: s2. */
	{ 10 * MS, false, 10 * MS, 2, true },
	{ 10 * MS, false, 10 * MS, 2, true },
	{ 10 * MS, false, 10 * MS, 2, true },
	/* 5: hits2 = 2704 - 338 = 2366, ints1 = 1024, total 3390: 2 * 1024
	 * > 3390? no: s2. */
	{ 400 * US, false, 10 * MS, 2, true },
	/* 6: hits2 = 2071, ints1 = 896 + 1024 = 1920, total 3991: 3840 >
	 * 3991? no: s2. */
	{ 400 * US, false, 10 * MS, 2, true },
};
/* 7, after a third intercept: hits2 = 2071 - 258 = 1813, ints1 = 1920 -
 * 240 + 1024 = 2704, total 4517: 5408 > 4517: intercepts dominate.
 * Walking down from s2: bin 1's intercepts, 2704, are more than half of
 * the 2704 below the candidate: s1, expected to sleep the middle of its
 * bin, (150 + 2000) / 2 = 1075 µs < a jiffy: the tick is kept. The
 * cases below change what the governor knows before this select. */
#define THIRD_INTERCEPT 400 * US, false, 10 * MS

START_TEST(registers_with_linux_rating)
{
	host_idle_check_registration(teo_governor_init, "teo", 19);
}
END_TEST

/* A fresh governor: no metrics, the deepest state that fits the sleep
 * length; the tick kept under a jiffy. */
START_TEST(first_choice_follows_the_sleep_length)
{
	static const struct host_idle_probe d[] = {
		{ 100 * US, HOST_NO_LIMIT, 0, 0, false }, /* s1's 150 µs does not fit */
		{ 1 * MS, HOST_NO_LIMIT, 0, 1, false },
		/* s2, the tick kept, and s2's 2 ms fits before the next event
		 * (delta_next = min(3 ms, 4 ms)). */
		{ 3 * MS, HOST_NO_LIMIT, 0, 2, false },
		{ 10 * MS, HOST_NO_LIMIT, 0, 2, true },
	};
	static const struct host_idle_probe m[] = {
		{ 40 * US, HOST_NO_LIMIT, 0, 0, false },
		{ 500 * US, HOST_NO_LIMIT, 0, 1, false },
		{ 1 * MS, HOST_NO_LIMIT, 0, 2, false },
		{ 20 * MS, HOST_NO_LIMIT, 0, 2, true },
	};
	host_idle_probes_on_socs(teo_governor_init, d, ARRAY_SIZE(d), m, ARRAY_SIZE(m));
}
END_TEST

/* The measured idle duration is the residency minus half the exit
 * latency, or half the residency when shorter than the exit latency; its
 * bin against the timer's decides hit or intercept. D, a 10 ms timer
 * (bin 2), a fresh governor, one wake-up from s2 (exit latency 500 µs),
 * then the same timer again:
 *  - 2.4 ms: 2400 - 250 = 2150 µs, bin 2: a hit: s2 again (2.4 ms - 500
 *    µs would be an intercept in bin 1);
 *  - 350 µs: halved, 175 µs, bin 1: an intercept; 2 * 1024 > total 1024:
 *    walking down, bin 1's 1024 is over half of 1024: s1 (bin middle
 *    1075 µs: tick kept);
 *  - 290 µs: 145 µs, bin 0: an intercept there; bin 1 has none, so the
 *    walk passes s1 (acceptable, remembered) and takes s0. */
START_TEST(measured_idle_duration)
{
	static const struct host_idle_step d[][2] = {
		{ { 0, false, 10 * MS, 2, true }, { 2400 * US, false, 10 * MS, 2, true } },
		{ { 0, false, 10 * MS, 2, true }, { 350 * US, false, 10 * MS, 1, false } },
		{ { 0, false, 10 * MS, 2, true }, { 290 * US, false, 10 * MS, 0, false } },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(d); i++) {
		setup(HOST_DEFAULT_SOC);
		host_idle_steps(d[i], ARRAY_SIZE(d[i]));
	}
}
END_TEST

START_TEST(intercepts_pull_it_shallower_hits_bring_it_back)
{
	static const struct host_idle_step steps[] = {
		{ THIRD_INTERCEPT, 1, false },
		/* Two more intercepts, now from s1: 400 µs - 30 µs = 370 µs,
		 * bin 1. 8: hits2 = 1587, ints1 = 2366 + 1024 = 3390, total
		 * 4977; 9: hits2 = 1389, ints1 = 3991, total 5380: s1. */
		{ 400 * US, false, 10 * MS, 1, false },
		{ 400 * US, false, 10 * MS, 1, false },
		/* The interrupts stop: the timer ends the sleeps (10 ms - 30
		 * µs, bin 2: hits).
		 * 10: hits2 = 1216 + 1024 = 2240, ints1 = 3493, total 5733:
		 * 6986 > 5733: s1.
		 * 11: hits2 = 1960 + 1024 = 2984, ints1 = 3057, total 6041: 6114
		 * > 6041: s1.
		 * 12: hits2 = 2611 + 1024 = 3635, ints1 = 2675, total 6310: 5350
		 * > 6310? no: s2, and the tick may stop. */
		{ 10 * MS, false, 10 * MS, 1, false },
		{ 10 * MS, false, 10 * MS, 1, false },
		{ 10 * MS, false, 10 * MS, 2, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(hits_then_intercepts, ARRAY_SIZE(hits_then_intercepts));
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

START_TEST(tick_handling)
{
	/* The tick already stopped: s1's bin middle (1075 µs) is under a
	 * jiffy, so s1 is not taken (the core could sit there until the
	 * timer): the closest acceptable deeper state passed, here the
	 * candidate s2, is; the tick is not touched. */
	static const struct host_idle_step stopped[] = {
		{ THIRD_INTERCEPT, 2, true },
	};
	/* The tick ends the sleep in s1 (chosen at 7, tick kept) after 1 ms,
	 * while the sleep length was 10 ms: not a genuine wake-up, counted
	 * as a sleep as long as the sleep length: a hit in bin 2, not an
	 * intercept in bin 1 (1 ms - 30 µs).
	 * 8: hits2 = 1587 + 1024 = 2611, ints1 = 2366, total 4977: 4732 >
	 * 4977? no: s2. (As an intercept: ints1 = 3390, 6780 > 4977: s1.) */
	static const struct host_idle_step tick_ends_it[] = {
		{ THIRD_INTERCEPT, 1, false },
		{ 1 * MS, true, 10 * MS, 2, true },
	};
	/* The timer 3 ms away, the next tick 1 ms: s2, the tick kept (3 ms
	 * < 4 ms), and it comes before s2's 2 ms pay off: the next shallower
	 * enabled state that fits 1 ms, s1; s0 with s1 disabled. */
	static const struct host_idle_probe tick_first[] = {
		{ 3 * MS, HOST_NO_LIMIT, 0, 1, false },
		{ 3 * MS, HOST_NO_LIMIT, 1 << 1, 0, false },
	};

	setup(HOST_DEFAULT_SOC);
	host_idle_steps(hits_then_intercepts, ARRAY_SIZE(hits_then_intercepts));
	host_idle.tick_stopped = true;
	host_idle_steps(stopped, ARRAY_SIZE(stopped));

	setup(HOST_DEFAULT_SOC);
	host_idle_steps(hits_then_intercepts, ARRAY_SIZE(hits_then_intercepts));
	host_idle_steps(tick_ends_it, ARRAY_SIZE(tick_ends_it));

	setup(HOST_DEFAULT_SOC);
	host_idle.next_tick = 1 * MS;
	host_idle_probes(tick_first, ARRAY_SIZE(tick_first));
}
END_TEST

/* The candidate for a 10 ms (20 ms on the MCU) sleep length is s2; a
 * limit caps it. The expected duration stays the sleep length: the tick
 * may stop. */
START_TEST(latency_limit_forces_shallow_states)
{
	static const struct host_idle_probe d[] = {
		{ 10 * MS, 100 * US, 0, 1, true }, /* retention's 60 µs fits */
		{ 10 * MS, 59 * US, 0, 0, true },
		/* State 0 disabled and no state within the limit: the first
		 * enabled state, s1 (upstream would select state 0). */
		{ 10 * MS, 0, 1 << 0, 1, true },
	};
	static const struct host_idle_probe m[] = {
		{ 20 * MS, 100 * US, 0, 1, true }, /* standby's 180 µs too slow */
		{ 20 * MS, 14 * US, 0, 0, true },
	};
	host_idle_probes_on_socs(teo_governor_init, d, ARRAY_SIZE(d), m, ARRAY_SIZE(m));
}
END_TEST

START_TEST(disabled_state_never_chosen)
{
	static const struct host_idle_probe d[] = {
		{ 10 * MS, HOST_NO_LIMIT, 1 << 2, 1, true }, /* the candidate: s1 */
		{ 1000 * MS, HOST_NO_LIMIT, 1 << 1 | 1 << 2, 0, true },
		{ 100 * US, HOST_NO_LIMIT, 1 << 0, 1, false }, /* the first enabled */
		{ 10 * MS, HOST_NO_LIMIT, 7, 0, true },        /* none: state 0 */
	};
	/* Intercepts pointing at a disabled s1: the walk crosses half of
	 * them in bin 1, whose state is disabled: the closest acceptable
	 * deeper state passed, here the candidate s2, is taken. */
	static const struct host_idle_step s1_disabled[] = {
		{ THIRD_INTERCEPT, 2, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_probes(d, ARRAY_SIZE(d));

	setup(HOST_DEFAULT_SOC);
	host_idle_steps(hits_then_intercepts, ARRAY_SIZE(hits_then_intercepts));
	host_idle.dev.states_usage[1].disable = CPUIDLE_STATE_DISABLED_BY_USER;
	host_idle_steps(s1_disabled, ARRAY_SIZE(s1_disabled));

	setup(HOST_DEFAULT_SOC);
	host_idle_check_choices(5, 3000);
	setup(HOST_MCU);
	host_idle_check_choices(6, 3000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpuidle teo governor");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, registers_with_linux_rating);
	tcase_add_test(tc, first_choice_follows_the_sleep_length);
	tcase_add_test(tc, measured_idle_duration);
	tcase_add_test(tc, intercepts_pull_it_shallower_hits_bring_it_back);
	tcase_add_test(tc, tick_handling);
	tcase_add_test(tc, latency_limit_forces_shallow_states);
	tcase_add_test(tc, disabled_state_never_chosen);
	suite_add_tcase(s, tc);
	return check_run(s);
}
