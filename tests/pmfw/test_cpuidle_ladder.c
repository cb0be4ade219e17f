/*
 * The ladder governor (firmware/pmfw/drivers/cpuidle/governors/ladder.c)
 * on the host, on the idle states of configs/default.dts and
 * configs/mcu.dts: sequences of wake-ups through select and reflect, and
 * the rung ladder stands on after each.
 *
 * A state's promotion and demotion thresholds are its exit latency:
 * default SoC s0 wfi 2 µs, s1 retention 60 µs, s2 power-off 500 µs; MCU
 * s0 sleep 1 µs, s1 stop 15 µs, s2 standby 180 µs. A wake-up is long
 * when residency - exit latency exceeds the threshold, short when below.
 */
#include <check.h>

#include <linux/cpuidle.h>

#include "../../firmware/pmfw/drivers/cpuidle/governors/gov.h"
#include "../unit/check_run.h"
#include "host_cpuidle.h"

#define US 1000LL
#define MS 1000000LL

static void setup(enum host_soc soc)
{
	host_idle_setup(init_ladder, soc);
}

/* Wake from the state chosen last after `residency` (none before the
 * first select), then select: the new rung must be want_idx. Ladder
 * leaves the tick alone (it may stop). */
static void step(s64 residency, int want_idx)
{
	const struct host_idle_step s = { residency, false, 10 * MS, want_idx, true };
	host_idle_steps(&s, 1);
}

/* Four long wake-ups (1 ms) on rung `from`: the first three keep it
 * there, the fourth moves it one rung deeper. */
static void climb(int from)
{
	for (int i = 1; i <= 4; i++)
		step(1 * MS, i < 4 ? from : from + 1);
}

START_TEST(registers_with_linux_rating)
{
	host_idle_check_registration(init_ladder, "ladder", 10);
}
END_TEST

START_TEST(promotes_after_four_long_sleeps_demotes_after_one_short)
{
	setup(HOST_DEFAULT_SOC);
	/* Enabled on the first rung; nothing slept yet (0 - 2 µs: not
	 * long): s0. */
	step(0, 0);
	/* 1 ms - 2 µs > 2 µs, and s1 fits the (absent) limit: promotion
	 * counts 1, 2, 3 keep s0; the 4th moves to s1. */
	climb(0);
	/* 1 ms - 60 µs > 60 µs: four more, then s2. */
	climb(1);
	/* At the bottom: 5 ms - 500 µs is long, but there is no deeper
	 * state; 1 ms - 500 µs = 500 µs is neither long nor short: s2. */
	step(5 * MS, 2);
	step(1 * MS, 2);
	/* 700 µs - 500 µs = 200 µs < 500 µs: one short wake-up (demotion
	 * count 1) demotes at once. */
	step(700 * US, 1);
	/* 100 µs - 60 µs = 40 µs < 60 µs: s0. */
	step(100 * US, 0);
	/* The counts of a rung left start again: four more to s1. */
	climb(0);

	setup(HOST_MCU);
	step(0, 0);
	climb(0); /* 1 ms - 1 µs > 1 µs */
	climb(1); /* 1 ms - 15 µs > 15 µs */
	step(300 * US, 1); /* 300 - 180 = 120 µs < 180 µs */
	step(20 * US, 0);  /* 20 - 15 = 5 µs < 15 µs */
}
END_TEST

START_TEST(four_long_sleeps_must_be_consecutive)
{
	setup(HOST_DEFAULT_SOC);
	step(0, 0);
	/* Three long wake-ups, then a short one (3 µs - 2 µs = 1 µs, not
	 * above 2 µs): the count starts again. Upstream keeps counting on
	 * the first rung (it has no demotion to reset it) and would move to
	 * s1 at the first long wake-up after the short one. */
	step(1 * MS, 0);
	step(1 * MS, 0);
	step(1 * MS, 0);
	step(3 * US, 0);
	step(1 * MS, 0);
	step(1 * MS, 0);
	step(1 * MS, 0);
	step(1 * MS, 1);
}
END_TEST

START_TEST(latency_limit_forces_shallow_states)
{
	setup(HOST_DEFAULT_SOC);
	step(0, 0);
	/* A 100 µs limit: s1 (60 µs) fits, s2 (500 µs) does not. */
	host_idle.latency_req_ns = 100 * US;
	climb(0);
	/* Long wake-ups on s1 neither promote nor count. */
	for (int i = 0; i < 6; i++)
		step(1 * MS, 1);
	/* The limit falls below s1's 60 µs: down at once, long sleep or
	 * not. */
	host_idle.latency_req_ns = 59 * US;
	step(1 * MS, 0);
	/* No limit: climb to s2, then a 100 µs limit: down at once to the
	 * deepest state that fits, s1; from s2 with a 10 µs limit, to s0. */
	host_idle.latency_req_ns = 2000LL * 1000 * MS;
	climb(0);
	climb(1);
	host_idle.latency_req_ns = 100 * US;
	step(5 * MS, 1);
	host_idle.latency_req_ns = 2000LL * 1000 * MS;
	climb(1);
	host_idle.latency_req_ns = 10 * US;
	step(5 * MS, 0);
	/* A zero limit: the shallowest state. */
	host_idle.latency_req_ns = 0;
	step(5 * MS, 0);
}
END_TEST

START_TEST(disabled_state_never_chosen)
{
	setup(HOST_DEFAULT_SOC);
	step(0, 0);
	climb(0);
	climb(1);
	/* s2 disabled: down to s1 at once. */
	host_idle.dev.states_usage[2].disable = CPUIDLE_STATE_DISABLED_BY_USER;
	step(5 * MS, 1);
	/* No promotion into a disabled state. */
	for (int i = 0; i < 6; i++)
		step(1 * MS, 1);
	/* Back on s2 with s1 disabled, then s2 disabled again: down past the
	 * disabled s1 to s0 (upstream falls to s1: its fall checks only the
	 * latency of the state it lands on). */
	host_idle.dev.states_usage[2].disable = 0;
	climb(1);
	host_idle.dev.states_usage[1].disable = CPUIDLE_STATE_DISABLED_BY_USER;
	host_idle.dev.states_usage[2].disable = CPUIDLE_STATE_DISABLED_BY_USER;
	step(5 * MS, 0);

	/* s0 disabled from the start: the shallowest enabled state, s1
	 * (upstream stays on s0 until four long wake-ups). */
	setup(HOST_DEFAULT_SOC);
	host_idle.dev.states_usage[0].disable = CPUIDLE_STATE_DISABLED_BY_USER;
	step(0, 1);
	/* And a zero limit keeps it there, not on s0. */
	host_idle.latency_req_ns = 0;
	step(1 * MS, 1);

	setup(HOST_DEFAULT_SOC);
	host_idle_check_choices(3, 3000);
	setup(HOST_MCU);
	host_idle_check_choices(4, 3000);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw cpuidle ladder governor");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, registers_with_linux_rating);
	tcase_add_test(tc, promotes_after_four_long_sleeps_demotes_after_one_short);
	tcase_add_test(tc, four_long_sleeps_must_be_consecutive);
	tcase_add_test(tc, latency_limit_forces_shallow_states);
	tcase_add_test(tc, disabled_state_never_chosen);
	suite_add_tcase(s, tc);
	return check_run(s);
}
