/*
 * Unit tests for the PL031 RTC model, driven the way firmware drives it:
 * through bus_read/bus_write on a bus with the device mapped, with a real
 * scheduler advancing simulated time and an irq_line that records the level
 * it is driven to. The clock and power inputs are driven through the C API
 * and the dev_type callbacks; the device-tree path through an FDT built in
 * memory with libfdt's sequential-write API.
 */
#include <check.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/pl031.h"
#include "check_run.h"

#define BASE 0x40006000u
#define OSC 32768u
#define S PS_PER_S

enum {
	DR = 0x00, MR = 0x04, LR = 0x08, CR = 0x0c, IMSC = 0x10, RIS = 0x14, MIS = 0x18,
	ICR = 0x1c,
};

extern const struct dev_type pl031_dev_type;

static struct {
	struct sched s;
	struct bus b;
	struct pl031 *r;
	int level;
	int changes;
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_int_eq(num, 5);
	R.level = level;
	R.changes++;
}

static void setup(void)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	struct irq_line irq = { irq_record, &R, 5 };
	R.r = pl031_new(&R.b, &R.s, BASE, OSC, 0, irq);
	ck_assert_ptr_nonnull(R.r);
}

static void teardown(void)
{
	pl031_free(R.r);
	bus_free(&R.b);
	sched_free(&R.s);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&R.b, BASE + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&R.b, BASE + off, 4, v), BUS_OK);
}

static void run_to(simtime_t t)
{
	sched_run_until(&R.s, t);
}

/* ---- registers ----------------------------------------------------------- */

START_TEST(test_reset_values)
{
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_uint_eq(rd(MR), 0);
	ck_assert_uint_eq(rd(LR), 0);
	ck_assert_uint_eq(rd(CR), 0);
	ck_assert_uint_eq(rd(IMSC), 0);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_uint_eq(rd(ICR), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	/* Not started: the value holds however long we wait. */
	run_to(10 * S);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_uint_eq(pl031_seconds(R.r), 0);
	ck_assert_uint_eq(R.s.count, 0);
}
END_TEST

START_TEST(test_start_seconds_is_the_reset_value)
{
	struct irq_line none = { 0 };
	struct pl031 *r2 = pl031_new(&R.b, &R.s, BASE + 0x1000, OSC, 1700000000u, none);
	ck_assert_ptr_nonnull(r2);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0x1000 + DR, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 1700000000u);
	ck_assert_uint_eq(pl031_seconds(r2), 1700000000u);
	ck_assert_int_eq(bus_write(&R.b, BASE + 0x1000 + LR, 4, 5), BUS_OK);
	ck_assert_int_eq(bus_write(&R.b, BASE + 0x1000 + CR, 4, 1), BUS_OK);
	run_to(3 * S);
	ck_assert_uint_eq(pl031_seconds(r2), 8);
	pl031_reset(r2);
	ck_assert_uint_eq(pl031_seconds(r2), 1700000000u);
	ck_assert_int_eq(bus_read(&R.b, BASE + 0x1000 + CR, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0);
	pl031_free(r2);
}
END_TEST

START_TEST(test_registers_keep_their_implemented_bits)
{
	wr(MR, 0xfedcba98);
	wr(LR, 0x12345678);
	wr(IMSC, 0xffffffff);
	ck_assert_uint_eq(rd(MR), 0xfedcba98);
	ck_assert_uint_eq(rd(LR), 0x12345678);
	ck_assert_uint_eq(rd(DR), 0x12345678);
	ck_assert_uint_eq(rd(IMSC), 1);
	wr(CR, 0xfffffffe); /* bit 0 clear: does not start */
	ck_assert_uint_eq(rd(CR), 0);
	wr(CR, 0xffffffff);
	ck_assert_uint_eq(rd(CR), 1);
	/* Read-only registers ignore writes. */
	wr(DR, 7);
	ck_assert_uint_eq(rd(DR), 0x12345678);
	wr(RIS, 1);
	wr(MIS, 1);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0);
	/* Reserved and test offsets read 0 and ignore writes. */
	wr(0x20, 0x1234);
	ck_assert_uint_eq(rd(0x20), 0);
	wr(0x800, 0x1234);
	ck_assert_uint_eq(rd(0x800), 0);
	ck_assert_uint_eq(rd(0xfdc), 0);
}
END_TEST

START_TEST(test_id_registers)
{
	static const uint32_t id[8] = { 0x31, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), id[i]);
	wr(0xfe0, 0);
	ck_assert_uint_eq(rd(0xfe0), 0x31);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0xffc, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xb1);
}
END_TEST

START_TEST(test_access_sizes)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_read(&R.b, BASE + MR, 2, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + MR, 2, 0x55), BUS_ERR_DEVICE);
	ck_assert_uint_eq(rd(MR), 0);
	wr(LR, 0xa1b2c3d4);
	ck_assert_int_eq(bus_read(&R.b, BASE + DR + 2, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xb2);
	/* A byte store at the register's offset writes it zero-extended. */
	ck_assert_int_eq(bus_write(&R.b, BASE + MR, 1, 0x1ff), BUS_OK);
	ck_assert_uint_eq(rd(MR), 0xff);
	/* One at another byte of it is ignored. */
	ck_assert_int_eq(bus_write(&R.b, BASE + MR + 1, 1, 0x12), BUS_OK);
	ck_assert_uint_eq(rd(MR), 0xff);
}
END_TEST

START_TEST(test_map_overlap_and_zero_clock_fail)
{
	struct irq_line none = { 0 };
	ck_assert_ptr_null(pl031_new(&R.b, &R.s, BASE + 0x800, OSC, 0, none));
	ck_assert_ptr_null(pl031_new(&R.b, &R.s, BASE + 0x4000, 0, 0, none));
	/* The failed attempt left the range free. */
	struct pl031 *r2 = pl031_new(&R.b, &R.s, BASE + 0x4000, OSC, 0, none);
	ck_assert_ptr_nonnull(r2);
	pl031_free(r2);
}
END_TEST

/* ---- counting ------------------------------------------------------------ */

START_TEST(test_counts_once_per_second_after_start)
{
	wr(CR, 1);
	run_to(S - 1);
	ck_assert_uint_eq(rd(DR), 0);
	run_to(S);
	ck_assert_uint_eq(rd(DR), 1);
	run_to(2 * S - 1);
	ck_assert_uint_eq(rd(DR), 1);
	run_to(3600 * S);
	ck_assert_uint_eq(rd(DR), 3600);
	/* Lazy: no event was needed for any of those seconds. */
	ck_assert_uint_eq(R.s.dispatched, 0);
}
END_TEST

START_TEST(test_start_cannot_be_cleared)
{
	wr(CR, 1);
	run_to(2 * S);
	wr(CR, 0);
	ck_assert_uint_eq(rd(CR), 1);
	run_to(5 * S);
	ck_assert_uint_eq(rd(DR), 5);
	/* A second start does not restart anything either. */
	run_to(5 * S + S / 2);
	wr(CR, 1);
	run_to(6 * S);
	ck_assert_uint_eq(rd(DR), 6);
}
END_TEST

START_TEST(test_divider_runs_from_reset_not_from_start)
{
	run_to(S / 4);
	wr(CR, 1);
	/* The next 1 Hz edge is one second after reset, not after start. */
	run_to(S - 1);
	ck_assert_uint_eq(rd(DR), 0);
	run_to(S);
	ck_assert_uint_eq(rd(DR), 1);
}
END_TEST

START_TEST(test_load_sets_the_value_and_keeps_the_phase)
{
	wr(CR, 1);
	run_to(2 * S + S / 2);
	ck_assert_uint_eq(rd(DR), 2);
	wr(LR, 1000);
	ck_assert_uint_eq(rd(DR), 1000);
	ck_assert_uint_eq(rd(LR), 1000);
	run_to(3 * S - 1);
	ck_assert_uint_eq(rd(DR), 1000);
	run_to(3 * S);
	ck_assert_uint_eq(rd(DR), 1001);
	run_to(10 * S);
	ck_assert_uint_eq(rd(DR), 1008);
	ck_assert_uint_eq(rd(LR), 1000);
}
END_TEST

START_TEST(test_load_before_start_holds_until_started)
{
	wr(LR, 50);
	run_to(5 * S + 1);
	ck_assert_uint_eq(rd(DR), 50);
	wr(CR, 1);
	run_to(6 * S - 1);
	ck_assert_uint_eq(rd(DR), 50);
	run_to(6 * S);
	ck_assert_uint_eq(rd(DR), 51);
}
END_TEST

START_TEST(test_counter_wraps_at_32_bits)
{
	wr(CR, 1);
	wr(LR, 0xffffffff);
	run_to(S - 1);
	ck_assert_uint_eq(rd(DR), 0xffffffff);
	run_to(S);
	ck_assert_uint_eq(rd(DR), 0);
}
END_TEST

/* ---- clock --------------------------------------------------------------- */

START_TEST(test_halved_rate_mid_second_is_exact)
{
	wr(CR, 1);
	run_to(S / 2); /* 16384 of 32768 cycles done */
	pl031_set_clock(R.r, OSC / 2);
	/* The other 16384 cycles now take a whole second. */
	run_to(S + S / 2 - 1);
	ck_assert_uint_eq(rd(DR), 0);
	run_to(S + S / 2);
	ck_assert_uint_eq(rd(DR), 1);
	run_to(3 * S + S / 2 - 1);
	ck_assert_uint_eq(rd(DR), 1);
	run_to(3 * S + S / 2);
	ck_assert_uint_eq(rd(DR), 2);
	pl031_set_clock(R.r, OSC);
	run_to(4 * S + S / 2);
	ck_assert_uint_eq(rd(DR), 3);
}
END_TEST

START_TEST(test_gated_clock_freezes_and_resumes)
{
	wr(CR, 1);
	wr(IMSC, 1);
	wr(MR, 1);
	ck_assert_uint_eq(pl031_next_alarm(R.r), S);
	run_to(S / 4);
	pl031_set_clock(R.r, 0);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	run_to(10 * S);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_int_eq(R.level, 0);
	pl031_set_clock(R.r, OSC);
	/* Three quarters of a second were still to count. */
	ck_assert_uint_eq(pl031_next_alarm(R.r), 10 * S + 3 * S / 4);
	run_to(10 * S + 3 * S / 4 - 1);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_int_eq(R.level, 0);
	run_to(10 * S + 3 * S / 4);
	ck_assert_uint_eq(rd(DR), 1);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

/* Many rate changes at instants that cut oscillator cycles in pieces: the
 * count must equal floor(sum of rate * time) / 32768, computed here on its
 * own in 128 bits. */
START_TEST(test_many_rate_changes_do_not_drift)
{
	__extension__ typedef unsigned __int128 u128;
	static const uint64_t rates[] = { 32768, 10000, 32767, 1, 65536, 7 };
	wr(CR, 1);
	u128 hzps = 0;
	simtime_t t = 0;
	uint64_t hz = OSC;
	for (unsigned i = 0; i < 600; i++) {
		simtime_t step = 123456789123ull + 7777ull * i;
		run_to(t + step);
		hzps += (u128)step * hz;
		t += step;
		hz = rates[i % 6];
		pl031_set_clock(R.r, hz);
		uint64_t cycles = (uint64_t)(hzps / S);
		ck_assert_uint_eq(rd(DR), (uint32_t)(cycles / OSC));
	}
	/* And the next tick lands on the exact picosecond: the first t at
	 * which floor((hzps + (t - now) * hz) / 1e12) reaches the next
	 * multiple of 32768. */
	uint64_t cycles = (uint64_t)(hzps / S);
	uint64_t next = (cycles / OSC + 1) * OSC;
	u128 need = (u128)next * S - hzps;
	simtime_t when = t + (simtime_t)((need + hz - 1) / hz);
	wr(MR, rd(DR) + 1);
	wr(IMSC, 1);
	ck_assert_uint_eq(pl031_next_alarm(R.r), when);
	run_to(when - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(when);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_long_run_at_slow_clock_is_exact)
{
	/* 100 hours, a quarter of them at 1 Hz (a 32768 s "second"). */
	wr(CR, 1);
	run_to(75 * 3600 * S);
	ck_assert_uint_eq(rd(DR), 75 * 3600);
	pl031_set_clock(R.r, 1);
	run_to(100 * 3600 * S);
	ck_assert_uint_eq(rd(DR), 75 * 3600 + (25 * 3600) / 32768);
	pl031_set_clock(R.r, OSC);
	/* 90000 s at 1 Hz is 90000 cycles = 2 s + 24464 cycles. */
	simtime_t left = (simtime_t)(32768 - 24464) * S / 32768;
	run_to(100 * 3600 * S + left - 1);
	ck_assert_uint_eq(rd(DR), 75 * 3600 + 2);
	run_to(100 * 3600 * S + left);
	ck_assert_uint_eq(rd(DR), 75 * 3600 + 3);
}
END_TEST

START_TEST(test_second_clock_is_ignored)
{
	wr(CR, 1);
	pl031_dev_type.clock_rate(R.r, 1, 0);
	pl031_dev_type.clock_rate(R.r, 1, 100000000);
	run_to(3 * S);
	ck_assert_uint_eq(rd(DR), 3);
	pl031_dev_type.clock_rate(R.r, 0, 2 * OSC);
	run_to(4 * S);
	ck_assert_uint_eq(rd(DR), 5);
}
END_TEST

/* ---- interrupts ---------------------------------------------------------- */

START_TEST(test_match_raises_at_the_exact_time)
{
	wr(CR, 1);
	wr(MR, 5);
	wr(IMSC, 1);
	ck_assert_uint_eq(pl031_next_alarm(R.r), 5 * S);
	/* One event for the whole wait, not one per second. */
	ck_assert_uint_eq(R.s.count, 1);
	run_to(5 * S - 1);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS), 0);
	run_to(5 * S);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(rd(MIS), 1);
	ck_assert_uint_eq(R.s.dispatched, 1);
	/* Any value written to RTCICR clears it (TRM). */
	wr(ICR, 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS), 0);
	/* Still equal for the rest of the second: no new interrupt. */
	run_to(6 * S - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(100 * S);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_int_eq(R.changes, 2);
}
END_TEST

START_TEST(test_mask_gates_the_line_not_the_status)
{
	wr(CR, 1);
	wr(MR, 2);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	run_to(2 * S);
	ck_assert_uint_eq(rd(RIS), 1);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(R.changes, 0);
	wr(IMSC, 1);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(MIS), 1);
	wr(IMSC, 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS), 1);
	wr(ICR, 1);
	wr(IMSC, 1);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

START_TEST(test_write_that_makes_equal_is_a_match)
{
	wr(IMSC, 1);
	wr(LR, 40);
	/* Match written for "now": raised at once, even before start. */
	wr(MR, 40);
	ck_assert_int_eq(R.level, 1);
	wr(ICR, 1);
	/* Rewriting the same value is no new match. */
	wr(MR, 40);
	wr(LR, 40);
	ck_assert_int_eq(R.level, 0);
	/* A load onto the match value is. */
	wr(MR, 70);
	ck_assert_int_eq(R.level, 0);
	wr(LR, 70);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(RIS), 1);
}
END_TEST

START_TEST(test_load_moves_the_pending_alarm)
{
	wr(CR, 1);
	wr(IMSC, 1);
	wr(MR, 10);
	ck_assert_uint_eq(pl031_next_alarm(R.r), 10 * S);
	run_to(3 * S + 7);
	wr(LR, 8);
	ck_assert_uint_eq(pl031_next_alarm(R.r), 5 * S);
	wr(MR, 9);
	ck_assert_uint_eq(pl031_next_alarm(R.r), 4 * S);
	run_to(4 * S);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(DR), 9);
	/* The next match would be 2^32 s away: beyond simtime_t. */
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
}
END_TEST

START_TEST(test_alarm_range_limit)
{
	wr(CR, 1);
	wr(IMSC, 1);
	/* 200 days fits in 64-bit picoseconds (213.5 days do). */
	wr(MR, 200u * 86400u);
	ck_assert_uint_eq(pl031_next_alarm(R.r), (simtime_t)200 * 86400 * S);
	wr(MR, 214u * 86400u);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	ck_assert_uint_eq(R.s.count, 0);
	/* A match behind the value is a wrap away. */
	wr(LR, 100);
	wr(MR, 99);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
}
END_TEST

START_TEST(test_no_alarm_while_stopped)
{
	wr(IMSC, 1);
	wr(MR, 3);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	run_to(10 * S);
	ck_assert_int_eq(R.level, 0);
	wr(CR, 1);
	ck_assert_uint_eq(pl031_next_alarm(R.r), 13 * S);
	run_to(13 * S);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

/* ---- power and reset ----------------------------------------------------- */

START_TEST(test_power_off_loses_state)
{
	wr(CR, 1);
	wr(LR, 100);
	wr(MR, 102);
	wr(IMSC, 1);
	run_to(2 * S);
	ck_assert_int_eq(R.level, 1);
	wr(MR, 200);
	run_to(S * 5 / 2);
	pl031_dev_type.power(R.r, PD_OFF);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + DR, 4, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + CR, 4, 1), BUS_ERR_DEVICE);
	run_to(10 * S + S / 10);
	pl031_dev_type.power(R.r, PD_ON);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_uint_eq(rd(CR), 0);
	ck_assert_uint_eq(rd(MR), 0);
	ck_assert_uint_eq(rd(LR), 0);
	ck_assert_uint_eq(rd(IMSC), 0);
	ck_assert_uint_eq(rd(RIS), 0);
	/* The divider restarts at power-on. */
	wr(CR, 1);
	run_to(11 * S + S / 10 - 1);
	ck_assert_uint_eq(rd(DR), 0);
	run_to(11 * S + S / 10);
	ck_assert_uint_eq(rd(DR), 1);
}
END_TEST

START_TEST(test_retention_keeps_state_and_stops)
{
	wr(CR, 1);
	wr(LR, 500);
	wr(MR, 502);
	wr(IMSC, 1);
	run_to(S / 2);
	pl031_set_power(R.r, PD_RETENTION);
	ck_assert_uint_eq(pl031_next_alarm(R.r), SIMTIME_NEVER);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + DR, 4, &v), BUS_ERR_DEVICE);
	run_to(100 * S);
	ck_assert_uint_eq(pl031_seconds(R.r), 500);
	ck_assert_int_eq(R.level, 0);
	pl031_set_power(R.r, PD_ON);
	ck_assert_uint_eq(rd(CR), 1);
	ck_assert_uint_eq(rd(MR), 502);
	ck_assert_uint_eq(rd(LR), 500);
	ck_assert_uint_eq(rd(IMSC), 1);
	/* Half a second was still to count before 501. */
	ck_assert_uint_eq(pl031_next_alarm(R.r), 101 * S + S / 2);
	run_to(100 * S + S / 2 - 1);
	ck_assert_uint_eq(rd(DR), 500);
	run_to(100 * S + S / 2);
	ck_assert_uint_eq(rd(DR), 501);
	run_to(101 * S + S / 2);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_retention_keeps_a_raised_interrupt)
{
	wr(CR, 1);
	wr(MR, 1);
	wr(IMSC, 1);
	run_to(S);
	ck_assert_int_eq(R.level, 1);
	pl031_set_power(R.r, PD_RETENTION);
	ck_assert_int_eq(R.level, 1);
	pl031_set_power(R.r, PD_ON);
	ck_assert_uint_eq(rd(RIS), 1);
}
END_TEST

START_TEST(test_reset_mid_run)
{
	wr(CR, 1);
	wr(MR, 1);
	wr(IMSC, 1);
	run_to(S);
	ck_assert_int_eq(R.level, 1);
	wr(MR, 4);
	run_to(S + S / 3);
	pl031_dev_type.reset(R.r);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(rd(CR), 0);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_uint_eq(rd(MR), 0);
	run_to(10 * S);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_int_eq(R.level, 0);
	/* The divider restarted at the reset, a third into a second. */
	wr(CR, 1);
	run_to(10 * S + S / 3 - 1);
	ck_assert_uint_eq(rd(DR), 0);
	run_to(10 * S + S / 3);
	ck_assert_uint_eq(rd(DR), 1);
}
END_TEST

/* ---- device tree --------------------------------------------------------- */

struct dt_opts {
	uint32_t reg_size;
	uint32_t irq;
	uint32_t osc_hz;
	int clocks;              /* 0: clock-frequency on the node, 1: <&osc>, 2: <&osc &pclk> */
	const char *clock_names; /* as a single string, NULL for none */
	int start_len;           /* bytes of pmsim,start-seconds (0: absent) */
	uint32_t start;
};

static char dtb[4096];

static void build_dt(const struct dt_opts *o)
{
	ck_assert_int_eq(fdt_create(dtb, sizeof dtb), 0);
	ck_assert_int_eq(fdt_finish_reservemap(dtb), 0);
	ck_assert_int_eq(fdt_begin_node(dtb, ""), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "#address-cells", 1), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "#size-cells", 1), 0);

	ck_assert_int_eq(fdt_begin_node(dtb, "osc32k"), 0);
	ck_assert_int_eq(fdt_property_string(dtb, "compatible", "fixed-clock"), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "#clock-cells", 0), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "clock-frequency", o->osc_hz), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "phandle", 1), 0);
	ck_assert_int_eq(fdt_end_node(dtb), 0);

	ck_assert_int_eq(fdt_begin_node(dtb, "pclk"), 0);
	ck_assert_int_eq(fdt_property_string(dtb, "compatible", "fixed-clock"), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "#clock-cells", 0), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "clock-frequency", 50000000), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "phandle", 2), 0);
	ck_assert_int_eq(fdt_end_node(dtb), 0);

	ck_assert_int_eq(fdt_begin_node(dtb, "rtc@40007000"), 0);
	ck_assert_int_eq(fdt_property_string(dtb, "compatible", "arm,pl031"), 0);
	fdt32_t reg[2] = { cpu_to_fdt32(0x40007000), cpu_to_fdt32(o->reg_size) };
	ck_assert_int_eq(fdt_property(dtb, "reg", reg, sizeof reg), 0);
	ck_assert_int_eq(fdt_property_u32(dtb, "interrupts", o->irq), 0);
	if (o->clocks == 0) {
		ck_assert_int_eq(fdt_property_u32(dtb, "clock-frequency", o->osc_hz), 0);
	} else {
		fdt32_t clk[2] = { cpu_to_fdt32(1), cpu_to_fdt32(2) };
		ck_assert_int_eq(fdt_property(dtb, "clocks", clk, 4 * (unsigned)o->clocks), 0);
	}
	if (o->clock_names)
		ck_assert_int_eq(fdt_property_string(dtb, "clock-names", o->clock_names), 0);
	if (o->start_len) {
		fdt32_t st[2] = { cpu_to_fdt32(o->start), cpu_to_fdt32(0) };
		ck_assert_int_eq(fdt_property(dtb, "pmsim,start-seconds", st,
					      (int)o->start_len), 0);
	}
	ck_assert_int_eq(fdt_end_node(dtb), 0);
	ck_assert_int_eq(fdt_end_node(dtb), 0);
	ck_assert_int_eq(fdt_finish(dtb), 0);
}

static struct soc soc;

/* Run the dev_type's create on the rtc node of the last build_dt(). */
static int create(void **state, struct err *e)
{
	memset(&soc, 0, sizeof soc);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.fdt = dtb;
	soc.fdt_size = sizeof dtb;
	soc.num_irq = 32;
	struct dt_node n = { .fdt = dtb };
	n.off = fdt_path_offset(dtb, "/rtc@40007000");
	ck_assert_int_ge(n.off, 0);
	strcpy(n.path, "/rtc@40007000");
	memset(e, 0, sizeof *e);
	return pl031_dev_type.create(&soc, &n, state, e);
}

static void soc_done(void)
{
	bus_free(&soc.bus);
	sched_free(&soc.sched);
}

static const struct dt_opts good = {
	.reg_size = 0x1000, .irq = 9, .osc_hz = 32768, .clocks = 2,
	.clock_names = NULL, .start_len = 4, .start = 1234567,
};

START_TEST(test_create_from_dt)
{
	build_dt(&good);
	void *st = NULL;
	struct err e;
	ck_assert_int_eq(create(&st, &e), 0);
	ck_assert_ptr_nonnull(st);
	uint32_t v;
	ck_assert_int_eq(bus_read(&soc.bus, 0x40007000 + DR, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 1234567);
	ck_assert_int_eq(bus_read(&soc.bus, 0x40007fe0, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x31);
	ck_assert_int_eq(bus_write(&soc.bus, 0x40007000 + CR, 4, 1), BUS_OK);
	/* The divider is the oscillator's rate, not apb_pclk's. */
	sched_run_until(&soc.sched, 2 * S);
	ck_assert_uint_eq(pl031_seconds(st), 1234569);
	pl031_dev_type.destroy(st);
	soc_done();
}
END_TEST

START_TEST(test_create_with_clock_frequency_and_defaults)
{
	struct dt_opts o = good;
	o.clocks = 0;
	o.osc_hz = 1000;
	o.start_len = 0;
	build_dt(&o);
	void *st = NULL;
	struct err e;
	ck_assert_int_eq(create(&st, &e), 0);
	ck_assert_uint_eq(pl031_seconds(st), 0);
	ck_assert_int_eq(bus_write(&soc.bus, 0x40007000 + CR, 4, 1), BUS_OK);
	/* 1000 cycles a second whatever the rate: at 2 kHz, 2 per second. */
	pl031_dev_type.clock_rate(st, 0, 2000);
	sched_run_until(&soc.sched, 3 * S);
	ck_assert_uint_eq(pl031_seconds(st), 6);
	pl031_dev_type.destroy(st);
	soc_done();
}
END_TEST

static void expect_error(const struct dt_opts *o, const char *what)
{
	build_dt(o);
	void *st = NULL;
	struct err e;
	ck_assert_int_eq(create(&st, &e), -1);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(e.msg, "/rtc@40007000") != NULL, "no node path in: %s", e.msg);
	ck_assert_msg(strstr(e.msg, what) != NULL, "'%s' not in: %s", what, e.msg);
	/* Nothing was mapped. */
	ck_assert_ptr_null(bus_find(&soc.bus, 0x40007000));
	soc_done();
}

START_TEST(test_create_errors)
{
	struct dt_opts o = good;
	o.reg_size = 0x100;
	expect_error(&o, "smaller than the PL031's 4 KiB");
	o = good;
	o.irq = 32;
	expect_error(&o, "interrupt 32 is beyond");
	o = good;
	o.osc_hz = 0;
	expect_error(&o, "rate of 0 Hz");
	o = good;
	o.clocks = 1;
	o.clock_names = "apb_pclk";
	expect_error(&o, "'apb_pclk'");
	o = good;
	o.start_len = 8;
	expect_error(&o, "pmsim,start-seconds");
}
END_TEST

START_TEST(test_create_overlap_fails)
{
	build_dt(&good);
	void *st = NULL;
	struct err e;
	ck_assert_int_eq(create(&st, &e), 0);
	/* A second instance at the same address. */
	struct dt_node n = { .fdt = dtb, .off = fdt_path_offset(dtb, "/rtc@40007000") };
	strcpy(n.path, "/rtc@40007000");
	void *st2 = NULL;
	ck_assert_int_eq(pl031_dev_type.create(&soc, &n, &st2, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "cannot map the PL031 at 0x40007000"));
	pl031_dev_type.destroy(st);
	soc_done();
}
END_TEST

static Suite *pl031_suite(void)
{
	Suite *s = suite_create("pl031");
	TCase *regs = tcase_create("registers");
	tcase_add_checked_fixture(regs, setup, teardown);
	tcase_add_test(regs, test_reset_values);
	tcase_add_test(regs, test_start_seconds_is_the_reset_value);
	tcase_add_test(regs, test_registers_keep_their_implemented_bits);
	tcase_add_test(regs, test_id_registers);
	tcase_add_test(regs, test_access_sizes);
	tcase_add_test(regs, test_map_overlap_and_zero_clock_fail);
	suite_add_tcase(s, regs);

	TCase *cnt = tcase_create("counting");
	tcase_add_checked_fixture(cnt, setup, teardown);
	tcase_add_test(cnt, test_counts_once_per_second_after_start);
	tcase_add_test(cnt, test_start_cannot_be_cleared);
	tcase_add_test(cnt, test_divider_runs_from_reset_not_from_start);
	tcase_add_test(cnt, test_load_sets_the_value_and_keeps_the_phase);
	tcase_add_test(cnt, test_load_before_start_holds_until_started);
	tcase_add_test(cnt, test_counter_wraps_at_32_bits);
	suite_add_tcase(s, cnt);

	TCase *clk = tcase_create("clock");
	tcase_add_checked_fixture(clk, setup, teardown);
	tcase_add_test(clk, test_halved_rate_mid_second_is_exact);
	tcase_add_test(clk, test_gated_clock_freezes_and_resumes);
	tcase_add_test(clk, test_many_rate_changes_do_not_drift);
	tcase_add_test(clk, test_long_run_at_slow_clock_is_exact);
	tcase_add_test(clk, test_second_clock_is_ignored);
	suite_add_tcase(s, clk);

	TCase *irq = tcase_create("interrupts");
	tcase_add_checked_fixture(irq, setup, teardown);
	tcase_add_test(irq, test_match_raises_at_the_exact_time);
	tcase_add_test(irq, test_mask_gates_the_line_not_the_status);
	tcase_add_test(irq, test_write_that_makes_equal_is_a_match);
	tcase_add_test(irq, test_load_moves_the_pending_alarm);
	tcase_add_test(irq, test_alarm_range_limit);
	tcase_add_test(irq, test_no_alarm_while_stopped);
	suite_add_tcase(s, irq);

	TCase *pwr = tcase_create("power");
	tcase_add_checked_fixture(pwr, setup, teardown);
	tcase_add_test(pwr, test_power_off_loses_state);
	tcase_add_test(pwr, test_retention_keeps_state_and_stops);
	tcase_add_test(pwr, test_retention_keeps_a_raised_interrupt);
	tcase_add_test(pwr, test_reset_mid_run);
	suite_add_tcase(s, pwr);

	TCase *dt = tcase_create("device-tree");
	tcase_add_test(dt, test_create_from_dt);
	tcase_add_test(dt, test_create_with_clock_frequency_and_defaults);
	tcase_add_test(dt, test_create_errors);
	tcase_add_test(dt, test_create_overlap_fails);
	suite_add_tcase(s, dt);
	return s;
}

int main(void)
{
	return check_run(pl031_suite());
}
