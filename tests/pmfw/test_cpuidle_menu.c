/*
 * The menu governor (firmware/pmfw/drivers/cpuidle/governors/menu.c) on
 * the host, on the idle states of configs/default.dts and configs/mcu.dts:
 * each case drives a sequence of idle periods (the next timer, the state
 * entered, the residency) through select and reflect and checks every
 * decision against the arithmetic of Linux's algorithm, worked out in the
 * comments. HZ is 250: a jiffy (TICK_NSEC) is 4 ms.
 *
 * Each step of a sequence (struct host_idle_step) wakes from the state
 * picked last after a residency, then checks the next choice. Menu
 * measures residency - exit latency, or residency / 2 when that is at
 * most twice the exit latency.
 *
 * Notation: D = the default SoC (s0 wfi, s1 retention, s2 power-off:
 * exit latency / target residency 2/2, 60/150, 500/2000 µs), M = the MCU
 * (1/1, 15/50, 180/1000 µs). f = the correction factor of the bucket in
 * use, 8192 = 1.0; "timer" = next_timer * f rounded to the µs:
 * (4 096 000 + next_timer_ns * f) / 8 192 000. The ring holds the last 8
 * measured sleeps in µs; a fresh governor's is all zeros, and the first
 * select puts UINT_MAX (out of every computation) in slot 0, since the
 * device has measured nothing yet. Mean and variance are Linux's integer
 * ones: avg = sum / n, var = sum(x²) / n - avg².
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
	host_idle_setup(init_menu, soc);
}

START_TEST(registers_with_linux_rating)
{
	host_idle_check_registration(init_menu, "menu", 20);
}
END_TEST

/* A fresh governor: f = 1.0 and no typical interval, so the prediction
 * is the next timer itself. */
START_TEST(first_choice_follows_the_next_timer)
{
	static const struct host_idle_probe d[] = {
		/* Under s1's 150 µs: state 0 at once, and the tick may stop,
		 * s0 being no polling state (the tick code keeps it all the
		 * same: an event is due within the jiffy). */
		{ 100 * US, HOST_NO_LIMIT, 0, 0, true },
		/* s1 (150 µs <= 1 ms < 2 ms); under a jiffy: tick kept. */
		{ 1 * MS, HOST_NO_LIMIT, 0, 1, false },
		/* s2, the tick kept, and s2's 2 ms fits before the next event
		 * (delta_next = min(3 ms, 4 ms)). */
		{ 3 * MS, HOST_NO_LIMIT, 0, 2, false },
		{ 10 * MS, HOST_NO_LIMIT, 0, 2, true },
	};
	static const struct host_idle_probe m[] = {
		{ 40 * US, HOST_NO_LIMIT, 0, 0, true },   /* under stop's 50 µs */
		{ 500 * US, HOST_NO_LIMIT, 0, 1, false }, /* 50 µs <= 500 µs < 1 ms */
		{ 1 * MS, HOST_NO_LIMIT, 0, 2, false },   /* standby's 1 ms fits */
		{ 20 * MS, HOST_NO_LIMIT, 0, 2, true },
	};
	host_idle_probes_on_socs(init_menu, d, ARRAY_SIZE(d), m, ARRAY_SIZE(m));
}
END_TEST

/* D, the next timer always 2.5 ms away (bucket 3: 1 ms to 10 ms), but an
 * interrupt wakes the core after 100 µs every time. The factor learns it
 * (+ 1024 * 100 µs / 2.5 ms = 40.96 -> 40 per update) and, from the 4th
 * sample on, the typical interval takes over. All under a jiffy: the
 * tick is kept throughout. */
static const struct host_idle_step hundred_us_wakeups[] = {
	/* 1: f = 8192, timer = 2500 µs, ring [MAX, 0 x7]: no typical (only
	 * zeros). s2, whose 2 ms fits before the next event (2.5 ms). */
	{ 0, false, 2500 * US, 2, false },
	/* 200 µs <= 2 * 500 µs: measured 100 µs.
	 * 2: f = 8192 - 8192/8 + 40 = 7208; timer = (4 096 000 + 2 500 000 *
	 * 7208) / 8 192 000 = 2200 µs. Ring {100, 0 x6} (MAX out): avg 14,
	 * var 1428 - 196 = 1232: > 400 and 14² < 36 * 1232; 7 > 6 samples,
	 * the farther extreme is the max (100 - 14 > 14 - 0): dropped, only
	 * zeros remain: none. 2200 µs >= 2 ms: s2. */
	{ 200 * US, false, 2500 * US, 2, false },
	/* 3: f = 7208 - 901 + 40 = 6347; timer = 1937 µs. Ring {100 x2,
	 * 0 x5}: avg 28, var 2857 - 784 = 2073, the 100s dropped: none.
	 * 1937 µs < 2 ms: s1 (the factor fell under 2 / 2.5 = 0.8). */
	{ 200 * US, false, 2500 * US, 1, false },
	/* 160 µs - 60 µs = 100 µs.
	 * 4: f = 6347 - 793 + 40 = 5594; timer = 1707 µs. Ring {100 x3,
	 * 0 x4}: avg 42, var 4285 - 1764 = 2521, the 100s dropped: none. s1. */
	{ 160 * US, false, 2500 * US, 1, false },
	/* 5: f = 5594 - 699 + 40 = 4935; timer = 1506 µs. Ring {100 x4,
	 * 0 x3}: avg 57, var 5714 - 3249 = 2465: fails; now the zeros are the
	 * farther extreme (57 - 0 > 100 - 57): dropped; {100 x4}: var 0 <=
	 * 400: typical = 100 µs. Predicted = min(1506, 100) = 100 µs < s1's
	 * 150 µs: s0. */
	{ 160 * US, false, 2500 * US, 0, false },
};

START_TEST(correction_factor_then_typical_interval)
{
	static const struct host_idle_step more[] = {
		/* 102 µs - 2 µs = 100 µs. 6: ring {100 x5, 0 x2}: avg 71, var
		 * 7142 - 5041 = 2101, zeros dropped: 100 µs again: s0. */
		{ 102 * US, false, 2500 * US, 0, false },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(hundred_us_wakeups, ARRAY_SIZE(hundred_us_wakeups));
	host_idle_steps(more, ARRAY_SIZE(more));
}
END_TEST

/* D, the next timer 1 s away (bucket 5). f only decays here: each update
 * adds 1024 * measured / 1 s, 0 for the sleeps below and 5 for the 5 ms
 * one, so f >= 8192 * (7/8)^12 > 1500 throughout and the timer
 * prediction stays above 180 ms: s2 with the tick stopped whenever there
 * is no typical interval. */
START_TEST(typical_interval_drops_outliers_and_gives_up)
{
	static const struct host_idle_step steps[] = {
		/* 1: nothing measured: s2. */
		{ 0, false, 1000 * MS, 2, true },
		/* 200 µs from s2: 100 µs. 2 to 4: one to three 100s among
		 * zeros: the 100s are the farther extreme, dropped: none. */
		{ 200 * US, false, 1000 * MS, 2, true },
		{ 200 * US, false, 1000 * MS, 2, true },
		{ 200 * US, false, 1000 * MS, 2, true },
		/* 5: {100 x4, 0 x3}: the zeros are dropped: 100 µs: s0. */
		{ 200 * US, false, 1000 * MS, 0, false },
		/* 102 µs from s0: 100 µs. 6 to 9: {100 x5..8} with fewer
		 * zeros: 100 µs: s0. */
		{ 102 * US, false, 1000 * MS, 0, false },
		{ 102 * US, false, 1000 * MS, 0, false },
		{ 102 * US, false, 1000 * MS, 0, false },
		{ 102 * US, false, 1000 * MS, 0, false },
		/* An outlier, 5 ms. 10: {100 x7, 5000}: avg 5700 / 8 = 712, var
		 * 3 133 750 - 506 944 = 2 626 806; the farther extreme is 5000
		 * (4288 > 612): dropped, {100 x7}: var 0: 100 µs: s0. The mean
		 * of all, 712 µs, would have given s1. */
		{ 5002 * US, false, 1000 * MS, 0, false },
		/* 11: {100 x7, 5000} again (a 100 replaced a 100): s0. */
		{ 102 * US, false, 1000 * MS, 0, false },
		/* 12: {100 x6, 200, 5000}: 5000 dropped; {100 x6, 200}: avg
		 * 114, var 14285 - 12996 = 1289: > 400, 114² < 36 * 1289; 7 > 6:
		 * 200 is farther (86 > 14): dropped; {100 x6}: 100 µs: s0. */
		{ 202 * US, false, 1000 * MS, 0, false },
		/* 13: {100 x5, 200, 300, 5000}: 5000 dropped; {100 x5, 200,
		 * 300}: avg 142, var 25714 - 20164 = 5550: fails, 300 dropped
		 * (158 > 42); {100 x5, 200}: avg 116, var 15000 - 13456 = 1544:
		 * fails with 6 samples: give up. f = 1655 here: timer = 202 026
		 * µs: s2, the tick may stop. (The latest upstream returns the
		 * largest sample left, 200 µs, and would pick s1.) */
		{ 302 * US, false, 1000 * MS, 2, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

/* D, an interrupt every ~1 ms, a 10 ms timer (bucket 4): the second
 * acceptance rule, mean² > 36 * variance (a standard deviation under a
 * sixth of the mean), needs 6 samples; the first, variance <= 400 µs²,
 * does not. f (+ 1024 * 1 ms / 10 ms = 102, 112 for the 1.1 ms sleep):
 * 8192, 7270, 6464, 5758, 5151, 4610: timer = 10 000, 8875, 7891, 7029,
 * 6288, 5628 µs: s2, the tick may stop, until a typical interval is
 * accepted. */
START_TEST(typical_interval_relative_rule_needs_six_samples)
{
	static const struct host_idle_step steps[] = {
		/* 1-4: one to three samples among zeros: none (as above). */
		{ 0, false, 10 * MS, 2, true },
		{ 1500 * US, false, 10 * MS, 2, true }, /* 1500 - 500 = 1000 µs */
		{ 1500 * US, false, 10 * MS, 2, true },
		{ 1500 * US, false, 10 * MS, 2, true },
		/* 5: {1000 x3, 1100, 0 x3}: avg 585, the zeros farther (585 >
		 * 515): dropped; {1000 x3, 1100}: avg 1025, var 1 052 500 -
		 * 1 050 625 = 1875 > 400, and 1025² > 36 * 1875 but with 4
		 * samples: give up. */
		{ 1600 * US, false, 10 * MS, 2, true },
		/* 6: {1000 x4, 1100, 0 x2}: zeros dropped; {1000 x4, 1100}:
		 * avg 1020, var 1600: 5 samples: give up. */
		{ 1500 * US, false, 10 * MS, 2, true },
		/* 7: {1000 x5, 1100, 0}: zero dropped; {1000 x5, 1100}: avg
		 * 1016, var 1 035 000 - 1 032 256 = 2744, 1016² = 1 032 256 >
		 * 36 * 2744 = 98 784 with 6 samples: typical 1016 µs: s1, the
		 * tick kept. */
		{ 1500 * US, false, 10 * MS, 1, false },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

/* The timer prediction is rounded to the nearest µs, half up: D, one
 * sleep of 100 µs against a 2.5 ms timer leaves bucket 3's f = 7208;
 * then a timer 4 545 500 ns away (bucket 3 too): (4 096 000 + 4 545 500 *
 * 7208) / 8 192 000 = 4000.007 -> 4000 µs, not under a jiffy: the tick
 * may stop (truncated, 3999 µs would keep it). */
START_TEST(prediction_rounds_to_the_nearest_microsecond)
{
	static const struct host_idle_step steps[] = {
		{ 0, false, 2500 * US, 2, false },
		{ 200 * US, false, 4545500, 2, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

/* A measured sleep never exceeds next_timer: D, a 1 ms timer, but the
 * residency is 3 ms (3 ms - 60 µs = 2940 µs, capped: 1000 µs, and f +=
 * 1024: it stays 8192). After four, the typical interval is 1000 µs; a
 * 10 ms timer then predicts min(10 ms, 1 ms): s1, tick kept (uncapped,
 * 2940 µs would pick s2). */
START_TEST(measured_capped_at_next_timer)
{
	static const struct host_idle_step steps[] = {
		{ 0, false, 1 * MS, 1, false },
		{ 3 * MS, false, 1 * MS, 1, false },
		{ 3 * MS, false, 1 * MS, 1, false },
		{ 3 * MS, false, 1 * MS, 1, false },
		{ 3 * MS, false, 10 * MS, 1, false },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

/* Each decade of next_timer has its own factor: M, two sleeps of 100 µs
 * (115 µs from stop, exit latency 15 µs) against a 500 µs timer (bucket
 * 2: 100 µs to 1 ms): f = 8192 - 1024 + 204 = 7372, then 7372 - 921 +
 * 204 = 6655. A 60 µs timer is bucket 1's, still 8192: 60 µs, s1 (stop's
 * 50 µs fits). With bucket 2's factor it would be (4 096 000 + 60 000 *
 * 6655) / 8 192 000 = 49 µs: s0. */
START_TEST(buckets_learn_separately)
{
	static const struct host_idle_step steps[] = {
		{ 0, false, 500 * US, 1, false },
		{ 115 * US, false, 500 * US, 1, false },
		{ 115 * US, false, 60 * US, 1, false },
	};
	setup(HOST_MCU);
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

/* D, the next timer 10 ms away (bucket 4), an interrupt every 1 ms: the
 * typical interval keeps the tick. Then the interrupts stop and the tick,
 * kept by menu, ends each sleep after 4 ms. Taken at face value (4 ms -
 * 60 µs = 3940 µs) those sleeps would confirm a prediction under a jiffy
 * and keep the tick for ever; Linux counts each as 9/10 of
 * MAX_INTERESTING, 45 ms, capped at next_timer: 10 000 µs, with
 * f += 1024 (a perfect prediction). */
START_TEST(tick_wakeups_count_as_long_sleeps)
{
	static const struct host_idle_step steps[] = {
		/* 1-4: no typical interval yet (as above); f = 8192, 7270,
		 * 6464, 5758 (each update adds 1024 * 1 ms / 10 ms = 102):
		 * timer = 10 000, 8875, 7891, 7029 µs: s2, the tick may stop. */
		{ 0, false, 10 * MS, 2, true },
		{ 1500 * US, false, 10 * MS, 2, true }, /* 1500 - 500 = 1000 µs */
		{ 1500 * US, false, 10 * MS, 2, true },
		{ 1500 * US, false, 10 * MS, 2, true },
		/* 5-9: the 1000s outnumber the zeros, then fill the ring:
		 * typical 1000 µs: s1 (150 µs <= 1 ms < 2 ms), the tick kept.
		 * f: 5141, 4601, 4128, 3714, 3352. */
		{ 1500 * US, false, 10 * MS, 1, false },
		{ 1060 * US, false, 10 * MS, 1, false }, /* 1060 - 60 = 1000 µs */
		{ 1060 * US, false, 10 * MS, 1, false },
		{ 1060 * US, false, 10 * MS, 1, false },
		{ 1060 * US, false, 10 * MS, 1, false },
		/* The tick ends every sleep now, 4 ms in. The ring gets
		 * 10 000s:
		 * 10: {1000 x7, 10000}: avg 2125, 10000 farther: dropped: 1000.
		 * 11: {1000 x6, 10000 x2}: avg 3250, the 10000s farther: 1000.
		 * 12: {1000 x5, 10000 x3}: avg 4375, the same: 1000.
		 * 13: {1000 x4, 10000 x4}: avg 5500, a tie: the max goes: 1000.
		 * s1, the tick kept. */
		{ 4 * MS, true, 10 * MS, 1, false },
		{ 4 * MS, true, 10 * MS, 1, false },
		{ 4 * MS, true, 10 * MS, 1, false },
		{ 4 * MS, true, 10 * MS, 1, false },
		/* 14: {1000 x3, 10000 x5}: avg 53 000 / 8 = 6625, var
		 * 62 875 000 - 43 890 625 = 18 984 375; the 1000s are farther
		 * (5625 > 3375): dropped; {10000 x5}: typical 10 000 µs. f =
		 * 3352 -> 3957 -> 4487 -> 4951 -> 5357 -> 5712 (- f/8 + 1024
		 * each): timer = (4 096 000 + 10 000 000 * 5712) / 8 192 000 =
		 * 6973 µs. Predicted 6973 µs: s2, and the tick stops. (At face
		 * value the typical interval would be 3940 µs: tick kept.) */
		{ 4 * MS, true, 10 * MS, 2, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_steps(steps, ARRAY_SIZE(steps));
}
END_TEST

START_TEST(tick_bounds_the_state)
{
	/* The next timer 3 ms away, the next tick 1 ms: predicted 3 ms picks
	 * s2, but the tick stays (3 ms < 4 ms) and comes before s2's 2 ms
	 * pay off: the next shallower enabled state that fits 1 ms, s1; with
	 * s1 disabled, s0. */
	static const struct host_idle_probe probes[] = {
		{ 3 * MS, HOST_NO_LIMIT, 0, 1, false },
		{ 3 * MS, HOST_NO_LIMIT, 1 << 1, 0, false },
	};
	/* A short typical interval while the tick is already stopped is not
	 * trusted (the core could sit in s0 until the timer): after the
	 * sleeps of hundred_us_wakeups (typical 100 µs), with the tick
	 * stopped, predicted = next_timer = 2.5 ms: s2; *stop_tick is left
	 * alone. */
	static const struct host_idle_step stopped[] = {
		{ 102 * US, false, 2500 * US, 2, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle.next_tick = 1 * MS;
	host_idle_probes(probes, ARRAY_SIZE(probes));

	setup(HOST_DEFAULT_SOC);
	host_idle_steps(hundred_us_wakeups, ARRAY_SIZE(hundred_us_wakeups));
	host_idle.tick_stopped = true;
	host_idle_steps(stopped, ARRAY_SIZE(stopped));
}
END_TEST

/* A 1 s timer (the tick may stop whatever the state) under latency
 * limits. */
START_TEST(latency_limit_forces_shallow_states)
{
	static const struct host_idle_probe d[] = {
		{ 1000 * MS, 1 * MS, 0, 2, true },   /* power-off's 500 µs fits */
		{ 1000 * MS, 499 * US, 0, 1, true }, /* it does not: the walk stops */
		{ 1000 * MS, 60 * US, 0, 1, true },  /* retention's 60 µs fits */
		/* Below state 1's exit latency: state 0 at once. */
		{ 1000 * MS, 59 * US, 0, 0, true },
		{ 1000 * MS, 0, 0, 0, true },
		/* A zero limit with state 0 disabled: the first enabled
		 * state, s1, however slow; upstream would take state 0. */
		{ 1000 * MS, 0, 1 << 0, 1, true },
	};
	static const struct host_idle_probe m[] = {
		{ 1000 * MS, 100 * US, 0, 1, true }, /* standby's 180 µs too slow */
		{ 1000 * MS, 14 * US, 0, 0, true },  /* stop's 15 µs too */
	};
	host_idle_probes_on_socs(init_menu, d, ARRAY_SIZE(d), m, ARRAY_SIZE(m));
}
END_TEST

START_TEST(disabled_state_never_chosen)
{
	static const struct host_idle_probe d[] = {
		{ 1000 * MS, HOST_NO_LIMIT, 1 << 2, 1, true },
		/* s1 skipped, s2's 2 ms too long for 1 ms: s0, tick kept. */
		{ 1 * MS, HOST_NO_LIMIT, 1 << 1, 0, false },
		{ 1000 * MS, HOST_NO_LIMIT, 1 << 1 | 1 << 2, 0, true },
		/* With s0 disabled, no "state 0 at once": the first enabled
		 * state. */
		{ 100 * US, HOST_NO_LIMIT, 1 << 0, 1, false },
		/* Nothing enabled: state 0 it must be. */
		{ 1000 * MS, HOST_NO_LIMIT, 7, 0, true },
	};
	setup(HOST_DEFAULT_SOC);
	host_idle_probes(d, ARRAY_SIZE(d));

	setup(HOST_DEFAULT_SOC);
	host_idle_check_choices(1, 3000);
	setup(HOST_MCU);
	host_idle_check_choices(2, 3000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpuidle menu governor");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, registers_with_linux_rating);
	tcase_add_test(tc, first_choice_follows_the_next_timer);
	tcase_add_test(tc, correction_factor_then_typical_interval);
	tcase_add_test(tc, typical_interval_drops_outliers_and_gives_up);
	tcase_add_test(tc, typical_interval_relative_rule_needs_six_samples);
	tcase_add_test(tc, prediction_rounds_to_the_nearest_microsecond);
	tcase_add_test(tc, measured_capped_at_next_timer);
	tcase_add_test(tc, buckets_learn_separately);
	tcase_add_test(tc, tick_wakeups_count_as_long_sleeps);
	tcase_add_test(tc, tick_bounds_the_state);
	tcase_add_test(tc, latency_limit_forces_shallow_states);
	tcase_add_test(tc, disabled_state_never_chosen);
	suite_add_tcase(s, tc);
	return check_run(s);
}
