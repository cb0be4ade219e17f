/*
 * pmfw's time arithmetic on the host (firmware/pmfw/kernel/time/time.c
 * and clocksource.c), built once per CONFIG_HZ (100, 250, 1000):
 *
 * - clocks_calc_mult_shift gives the most precise mult/shift whose
 *   product with a full wrap of the counter fits 64 bits, and its
 *   conversions are then within 2^-shift of exact (for the SP804 at
 *   24 MHz: mult 2796202667, shift 26, max_idle_ns 79635851949, the
 *   numbers the boot log shows);
 * - the clock event direction (ns to cycles) is as precise;
 * - registering a clocksource computes max_idle_ns, and the best rating
 *   wins;
 * - a clock event device is programmed with at least the cycles asked
 *   for (rounded up) and at most one more: with the SP804's partial first
 *   cycle, never early, never a cycle late;
 * - the jiffies conversions round as Linux's do at every HZ.
 */
#include <check.h>
#include <stdint.h>

#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/errno.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>

#include "../unit/check_run.h"

/* What the rest of kernel/time gives clocksource.c and clockevents.c:
 * timekeeping's side of registration, a clock the test sets, and the
 * tick's side of a new clock event device. */
static struct clocksource *notified;
static ktime_t fake_now;
static struct clock_event_device *tick_dev;
void timekeeping_notify(struct clocksource *cs)
{
	notified = cs;
}
ktime_t ktime_get(void)
{
	return fake_now;
}
void tick_setup_device(struct clock_event_device *dev)
{
	tick_dev = dev;
	clockevents_switch_state(dev, CLOCK_EVT_STATE_ONESHOT);
}
void hrtimer_interrupt(struct clock_event_device *dev)
{
}

static const u32 rates[] = { 32768, 1000000, 3000000, 16000000, 19200000, 24000000, 100000000,
			      400000000 };

/* |cycles * mult >> shift - cycles * to / from| in units of `to`. */
static u64 conversion_error(u64 cycles, u32 mult, u32 shift, u32 from, u32 to)
{
	unsigned __int128 exact_scaled = (unsigned __int128)cycles * to << shift;
	unsigned __int128 approx_scaled = (unsigned __int128)cycles * mult * from;
	unsigned __int128 diff = exact_scaled > approx_scaled ? exact_scaled - approx_scaled
							      : approx_scaled - exact_scaled;
	return (u64)(diff / ((unsigned __int128)from << shift));
}

START_TEST(mult_shift_fits_and_is_precise)
{
	for (unsigned int i = 0; i < ARRAY_SIZE(rates); i++) {
		u32 f = rates[i], mult, shift;
		u32 maxsec = (u32)(0xffffffffULL / f);
		clocks_calc_mult_shift(&mult, &shift, f, NSEC_PER_SEC, maxsec);
		/* A full wrap converts without overflow... */
		ck_assert((unsigned __int128)0xffffffffULL * mult < ((unsigned __int128)1 << 64));
		/* ...and one more bit of shift would not fit: mult would
		 * need 33 bits, or the product 65. */
		u64 m1 = ((u64)NSEC_PER_SEC << (shift + 1)) / f;
		ck_assert(shift == 32 || (m1 >> 32) ||
			  (unsigned __int128)maxsec * f * m1 >= ((unsigned __int128)1 << 64));
		/* One second of cycles is 10^9 ns to within 2^-shift * 10^9. */
		u64 err = conversion_error(f, mult, shift, f, NSEC_PER_SEC);
		ck_assert_uint_le(err, (NSEC_PER_SEC >> shift) + 1);
	}
	u32 mult, shift;
	clocks_calc_mult_shift(&mult, &shift, 24000000, NSEC_PER_SEC, 178);
	ck_assert_uint_eq(mult, 2796202667u);
	ck_assert_uint_eq(shift, 26);
}
END_TEST

START_TEST(clockevent_direction)
{
	/* ns -> cycles over a 32-bit timer's whole range. */
	for (unsigned int i = 0; i < ARRAY_SIZE(rates); i++) {
		u32 f = rates[i], mult, shift;
		u32 maxsec = (u32)(0xffffffffULL / f);
		if (!maxsec)
			maxsec = 1;
		clocks_calc_mult_shift(&mult, &shift, NSEC_PER_SEC, f, maxsec);
		u64 max_ns = (u64)maxsec * NSEC_PER_SEC;
		ck_assert((unsigned __int128)max_ns * mult < ((unsigned __int128)1 << 64));
		/* Within one cycle over the first 2^shift ns (4.3 s at shift
		 * 32): what the clock event rounding relies on. */
		u64 ns = min_t(u64, max_ns, 1ULL << shift);
		ck_assert_uint_le(conversion_error(ns, mult, shift, NSEC_PER_SEC, f), 1);
	}
}
END_TEST

static u64 read_zero(struct clocksource *cs)
{
	return 0;
}

START_TEST(register_computes_max_idle_and_picks_best)
{
	static struct clocksource slow = {
		.name = "slow", .read = read_zero, .mask = CLOCKSOURCE_MASK(32), .rating = 100,
	};
	static struct clocksource sp804 = {
		.name = "sp804", .read = read_zero, .mask = CLOCKSOURCE_MASK(32), .rating = 200,
	};
	ck_assert_int_eq(clocksource_register_hz(&slow, 32768), 0);
	ck_assert_ptr_eq(notified, &slow);
	ck_assert_int_eq(clocksource_register_hz(&sp804, 24000000), 0);
	ck_assert_ptr_eq(notified, &sp804);
	ck_assert_uint_eq(sp804.mult, 2796202667u);
	ck_assert_uint_eq(sp804.shift, 26);
	ck_assert_uint_eq(sp804.max_cycles, 0xffffffffULL);
	ck_assert_uint_eq(sp804.max_idle_ns, 79635851949ULL);
	/* Under half the wrap (2^32 / 24 MHz = 178.96 s). */
	ck_assert_uint_lt(sp804.max_idle_ns, 178956970625ULL / 2);
	ck_assert_int_eq(clocksource_unregister(&sp804), -EBUSY);
	ck_assert_int_eq(clocksource_unregister(&slow), 0);
	ck_assert_int_eq(clocksource_register_hz(&slow, 0), -EINVAL);
}
END_TEST

static unsigned long programmed;

static int record_next_event(unsigned long evt, struct clock_event_device *dev)
{
	programmed = evt;
	return 0;
}

START_TEST(clockevent_programming_never_early)
{
	static const s64 deltas[] = { 1000, 1001, 41666, 41667, 1000000, 1234567, 999999999,
				      4000000000LL, 79635851949LL };
	for (unsigned int i = 0; i < ARRAY_SIZE(rates); i++) {
		struct clock_event_device dev = {
			.name = "fake", .features = CLOCK_EVT_FEAT_ONESHOT, .rating = 300 + (int)i,
			.set_next_event = record_next_event,
		};
		u32 f = rates[i];
		clockevents_config_and_register(&dev, f, 0xf, 0xffffffff);
		ck_assert_ptr_eq(tick_dev, &dev);
		ck_assert_uint_ge(dev.min_delta_ns, 1000);
		for (unsigned int k = 0; k < ARRAY_SIZE(deltas); k++) {
			fake_now = 5000;
			s64 d = deltas[k];
			ck_assert_int_eq(clockevents_program_event(&dev, fake_now + d, false), 0);
			ck_assert_int_eq(dev.next_event, fake_now + d);
			if ((u64)d < dev.min_delta_ns || (u64)d > dev.max_delta_ns) {
				ck_assert_uint_ge(programmed, 0xf);
				ck_assert_uint_le(programmed, 0xffffffff);
				continue;
			}
			/* cycles >= d * f / 10^9, and by less than one cycle and
			 * the rounding of mult (one in mult) more. */
			unsigned __int128 want = (unsigned __int128)d * f;
			unsigned __int128 got = (unsigned __int128)programmed * NSEC_PER_SEC;
			ck_assert(got >= want);
			u64 cycles = (u64)(want / NSEC_PER_SEC);
			ck_assert(got < want + (2 + cycles / dev.mult) * (unsigned __int128)NSEC_PER_SEC);
		}
		/* The past: refused, or (forced) as soon as possible. */
		fake_now = 100000;
		ck_assert_int_eq(clockevents_program_event(&dev, 99999, false), -ETIME);
		ck_assert_int_eq(clockevents_program_event(&dev, 99999, true), 0);
		ck_assert_uint_eq(programmed, 0xf);
	}
}
END_TEST

START_TEST(jiffies_conversions)
{
	ck_assert_uint_eq(msecs_to_jiffies(0), 0);
	ck_assert_uint_eq(msecs_to_jiffies(1), 1);
	ck_assert_uint_eq(msecs_to_jiffies(10), (10 * HZ + 999) / 1000);
	ck_assert_uint_eq(msecs_to_jiffies(1000), HZ);
	ck_assert_uint_eq(msecs_to_jiffies((unsigned int)-1), MAX_JIFFY_OFFSET);
	ck_assert_uint_eq(usecs_to_jiffies(1), 1);
	ck_assert_uint_eq(usecs_to_jiffies(1000000), HZ);
	ck_assert_uint_eq(jiffies_to_msecs(HZ), 1000);
	ck_assert_uint_eq(jiffies_to_usecs(1), 1000000 / HZ);
	ck_assert_uint_eq(nsecs_to_jiffies(TICK_NSEC - 1), 0);
	ck_assert_uint_eq(nsecs_to_jiffies(TICK_NSEC), 1);
	ck_assert_uint_eq(jiffies64_to_nsecs(HZ), NSEC_PER_SEC);
	ck_assert_uint_eq(jiffies64_to_msecs(3 * HZ), 3000);
	ck_assert_uint_eq(secs_to_jiffies(2), 2 * HZ);
	/* Rounded up, never by a whole jiffy. */
	for (unsigned int m = 0; m < 5000; m++) {
		unsigned int back = jiffies_to_msecs(msecs_to_jiffies(m));
		ck_assert_uint_ge(back, m);
		ck_assert_uint_lt(back, m + 1000 / HZ);
	}
	/* Five minutes before the 32-bit wrap, as in Linux. */
	ck_assert_uint_eq((u32)(INITIAL_JIFFIES + 300 * HZ), 0);
	ck_assert(time_after(INITIAL_JIFFIES + 300 * HZ + 1UL, INITIAL_JIFFIES));
	ck_assert(time_before((unsigned long)INITIAL_JIFFIES, INITIAL_JIFFIES + 1UL));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw time arithmetic");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, mult_shift_fits_and_is_precise);
	tcase_add_test(tc, clockevent_direction);
	tcase_add_test(tc, register_computes_max_idle_and_picks_best);
	tcase_add_test(tc, clockevent_programming_never_early);
	tcase_add_test(tc, jiffies_conversions);
	suite_add_tcase(s, tc);
	return check_run(s);
}
