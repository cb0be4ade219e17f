/*
 * Unit tests for the SP804 dual timer, driven the way firmware drives it:
 * through bus_read/bus_write on a bus with the device mapped, with a real
 * scheduler advancing simulated time and irq_lines that record the level
 * and the time of every change of TIMINT1, TIMINT2 and TIMINTC. Expected
 * values are worked out by hand from the TRM's counting rules: a Load write
 * takes effect on the next TIMCLK edge (which does not decrement), then the
 * counter moves once every 1/16/256 edges.
 */
#include <check.h>
#include <libfdt.h>
#include <stdlib.h>
#include <string.h>

#include "devices/sp804.h"
#include "check_run.h"

#define BASE 0x40010000u
#define T1 0x00u
#define T2 0x20u
#define MHZ 1000000ull
#define US PS_PER_US

enum { LOAD = 0x00, VALUE = 0x04, CTRL = 0x08, INTCLR = 0x0c, RIS = 0x10, MIS = 0x14,
       BGLOAD = 0x18, ITCR = 0xf00, ITOP = 0xf04 };

#define ONESHOT 0x01u
#define SIZE32 0x02u
#define PRE16 0x04u
#define PRE256 0x08u
#define IE 0x20u
#define PERIODIC 0x40u
#define EN 0x80u

/* irq_line numbers of the three outputs. */
enum { L1 = 1, L2 = 2, LC = 3 };

extern const struct dev_type sp804_dev_type;

static struct {
	struct sched s;
	struct bus b;
	struct sp804 *t;
	int level[4];
	int rises[4];
	simtime_t last_rise[4];
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert(num >= L1 && num <= LC);
	ck_assert_int_ne(R.level[num], level); /* driven only on change */
	R.level[num] = level;
	if (level) {
		R.rises[num]++;
		R.last_rise[num] = sched_now(&R.s);
	}
}

static void setup_clocks(uint64_t hz1, uint64_t hz2)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	R.t = sp804_new(&R.b, &R.s, BASE, hz1, hz2, (struct irq_line){ irq_record, &R, L1 },
			(struct irq_line){ irq_record, &R, L2 },
			(struct irq_line){ irq_record, &R, LC });
	ck_assert_ptr_nonnull(R.t);
}

/* TIMCLK1 1 MHz (an edge every microsecond), TIMCLK2 2 MHz. */
static void setup(void)
{
	setup_clocks(1 * MHZ, 2 * MHZ);
}

static void teardown(void)
{
	sp804_free(R.t);
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

START_TEST(test_reset_values)
{
	for (uint32_t t = T1; t <= T2; t += T2) {
		ck_assert_uint_eq(rd(t + LOAD), 0);
		ck_assert_uint_eq(rd(t + VALUE), 0xffffffffu);
		ck_assert_uint_eq(rd(t + CTRL), 0x20);
		ck_assert_uint_eq(rd(t + INTCLR), 0);
		ck_assert_uint_eq(rd(t + RIS), 0);
		ck_assert_uint_eq(rd(t + MIS), 0);
		ck_assert_uint_eq(rd(t + BGLOAD), 0);
		ck_assert_uint_eq(rd(t + 0x1c), 0);
	}
	ck_assert_uint_eq(rd(ITCR), 0);
	ck_assert_uint_eq(rd(ITOP), 0);
	ck_assert_uint_eq(rd(0x40), 0);
	ck_assert_uint_eq(sp804_value(R.t, 0), 0xffffffffu);
	ck_assert_uint_eq(sp804_value(R.t, 1), 0xffffffffu);
	ck_assert_uint_eq(sp804_value(R.t, 2), 0);
	/* Disabled at reset: time passes, nothing counts, nothing is queued. */
	run_to(PS_PER_S);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffffffffu);
	ck_assert_uint_eq(rd(T2 + VALUE), 0xffffffffu);
	ck_assert_uint_eq(R.s.count, 0);
}
END_TEST

START_TEST(test_primecell_ids)
{
	static const uint32_t id[8] = { 0x04, 0x18, 0x14, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), id[i]);
	wr(0xfe0, 0x55);
	ck_assert_uint_eq(rd(0xfe0), 0x04);
}
END_TEST

START_TEST(test_register_bits_and_read_only)
{
	wr(T1 + CTRL, 0xffffff7fu); /* everything but TimerEn */
	ck_assert_uint_eq(rd(T1 + CTRL), 0x6f); /* bit 4 and 31:8 reserved */
	ck_assert_uint_eq(rd(T2 + CTRL), 0x20); /* the other timer untouched */
	wr(T1 + LOAD, 0x12345678);
	ck_assert_uint_eq(rd(T1 + LOAD), 0x12345678);
	ck_assert_uint_eq(rd(T1 + BGLOAD), 0x12345678);
	ck_assert_uint_eq(rd(T1 + VALUE), 0x12345678);
	wr(T2 + BGLOAD, 0xcafef00d);
	ck_assert_uint_eq(rd(T2 + LOAD), 0xcafef00d);
	ck_assert_uint_eq(rd(T2 + BGLOAD), 0xcafef00d);
	ck_assert_uint_eq(rd(T2 + VALUE), 0xffffffffu); /* BGLoad leaves the count */
	/* Value, RIS, MIS are read-only; ITCR/ITOP and reserved space ignore
	 * writes. */
	wr(T1 + VALUE, 1);
	wr(T1 + RIS, 1);
	wr(T1 + MIS, 1);
	wr(ITCR, 1);
	wr(ITOP, 3);
	wr(0x40, 7);
	ck_assert_uint_eq(rd(T1 + VALUE), 0x12345678);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	ck_assert_uint_eq(rd(T1 + MIS), 0);
	ck_assert_uint_eq(rd(ITCR), 0);
	ck_assert_uint_eq(rd(0x40), 0);
	ck_assert_int_eq(R.level[L1] | R.level[L2] | R.level[LC], 0);
}
END_TEST

/* Free-running: Load N, the load edge, then one decrement per edge down to
 * 0 (RIS set), then a wrap to 0xFFFFFFFF. */
START_TEST(test_free_running_counts_and_wraps)
{
	wr(T1 + CTRL, EN | SIZE32);
	wr(T1 + LOAD, 10);
	ck_assert_uint_eq(rd(T1 + VALUE), 10); /* visible at once */
	run_to(2 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 10); /* edge 1 only loaded */
	run_to(2 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 9);
	run_to(11 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	run_to(11 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	ck_assert_uint_eq(rd(T1 + MIS), 0); /* IntEnable clear */
	run_to(12 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffffffffu);
	run_to(13 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xfffffffeu);
	ck_assert_uint_eq(rd(T1 + LOAD), 10); /* the wrap does not use Load */
	/* Masked interrupt: nothing was ever scheduled for it. */
	ck_assert_uint_eq(R.s.dispatched, 0);
	ck_assert_int_eq(R.level[L1] | R.level[LC], 0);
	/* Disabling freezes the count; enabling resumes it. */
	wr(T1 + CTRL, SIZE32);
	run_to(100 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xfffffffeu);
	wr(T1 + CTRL, EN | SIZE32);
	run_to(103 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xfffffffbu);
}
END_TEST

START_TEST(test_periodic_interrupt_and_reload)
{
	wr(T1 + CTRL, EN | SIZE32 | PERIODIC | IE);
	wr(T1 + LOAD, 4);
	/* Edge 1 loads 4; edges 2..5 count 3, 2, 1, 0; edge 6 reloads 4. */
	run_to(5 * US - 1);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	run_to(5 * US);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_int_eq(R.level[LC], 1);
	ck_assert_int_eq(R.level[L2], 0);
	ck_assert_uint_eq(R.last_rise[L1], 5 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	ck_assert_uint_eq(rd(T1 + MIS), 1);
	run_to(6 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 4);
	wr(T1 + INTCLR, 0);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_int_eq(R.level[LC], 0);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	run_to(10 * US - 1);
	ck_assert_int_eq(R.level[L1], 0);
	run_to(10 * US);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_uint_eq(R.last_rise[L1], 10 * US);
	/* While RIS is pending nothing else is scheduled: no event per tick
	 * and none per period. */
	uint64_t before = R.s.dispatched;
	run_to(1002 * US);
	ck_assert_uint_eq(R.s.dispatched, before);
	ck_assert_uint_eq(R.s.count, 0);
	/* Zeros fall on edges 5j: edge 1000 is one, 1001 reloads, 1002 -> 3. */
	ck_assert_uint_eq(rd(T1 + VALUE), 3);
	ck_assert_int_eq(R.rises[L1], 2);
}
END_TEST

/* At 3 MHz an edge is 333333.3 ps: the interrupt times must be the exact
 * ceilings, period after period, with no accumulated rounding. */
START_TEST(test_periodic_no_drift)
{
	teardown();
	setup_clocks(3 * MHZ, 3 * MHZ);
	wr(T2 + CTRL, EN | SIZE32 | PERIODIC | IE);
	wr(T2 + LOAD, 3); /* load edge, then period 4 edges: zeros at edges 4j */
	for (uint64_t j = 1; j <= 3000; j++) {
		run_to(sched_next_time(&R.s));
		ck_assert_int_eq(R.rises[L2], (int)j);
		/* Edge k is at ceil(k * 10^6 / 3) ps. */
		ck_assert_uint_eq(R.last_rise[L2], (4 * j * 1000000 + 2) / 3);
		wr(T2 + INTCLR, 1);
	}
	ck_assert_int_eq(R.rises[L1], 0);
}
END_TEST

START_TEST(test_one_shot_stops_at_zero)
{
	wr(T1 + CTRL, EN | SIZE32 | ONESHOT | IE);
	wr(T1 + LOAD, 3);
	run_to(4 * US - 1);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	run_to(4 * US);
	ck_assert_int_eq(R.level[L1], 1);
	wr(T1 + INTCLR, 0);
	run_to(PS_PER_S);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	ck_assert_int_eq(R.rises[L1], 1);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(rd(T1 + CTRL), EN | SIZE32 | ONESHOT | IE); /* still enabled */
	/* A Load write re-arms it. */
	wr(T1 + LOAD, 2);
	run_to(PS_PER_S + 3 * US - 1);
	ck_assert_int_eq(R.rises[L1], 1);
	run_to(PS_PER_S + 3 * US);
	ck_assert_int_eq(R.rises[L1], 2);
	ck_assert_uint_eq(R.last_rise[L1], PS_PER_S + 3 * US);
	/* Clearing OneShot at zero resumes in the selected mode: free-running
	 * wraps on the next tick. */
	wr(T1 + INTCLR, 0);
	wr(T1 + CTRL, EN | SIZE32 | IE);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	run_to(PS_PER_S + 4 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffffffffu);
}
END_TEST

START_TEST(test_bgload_changes_only_the_reload)
{
	wr(T1 + CTRL, EN | SIZE32 | PERIODIC);
	wr(T1 + LOAD, 9); /* zero at edge 10 */
	run_to(3 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 7);
	wr(T1 + BGLOAD, 4);
	ck_assert_uint_eq(rd(T1 + VALUE), 7);
	ck_assert_uint_eq(rd(T1 + LOAD), 4);
	ck_assert_uint_eq(rd(T1 + BGLOAD), 4);
	run_to(10 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	run_to(11 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 4); /* reloaded from BGLoad's value */
	run_to(16 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 4); /* period now 5 */
	/* Load and BGLoad before the next edge: Load's value is counted from,
	 * BGLoad's is the reload (TRM). */
	wr(T1 + LOAD, 2);
	wr(T1 + BGLOAD, 7);
	ck_assert_uint_eq(rd(T1 + VALUE), 2);
	run_to(19 * US); /* edge 17 loads, 18 -> 1, 19 -> 0 */
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	run_to(20 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 7);
}
END_TEST

START_TEST(test_prescaler)
{
	wr(T1 + CTRL, EN | SIZE32 | PRE16);
	wr(T1 + LOAD, 2);
	/* Edge 1 loads; ticks on edges 17 and 33. */
	run_to(17 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 2);
	run_to(17 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	run_to(33 * US - 1);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	run_to(33 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	ck_assert_uint_eq(rd(T1 + RIS), 1);

	/* TIMCLK2 is 2 MHz: from t0 (an edge) the load edge is 0.5 us later
	 * and the one tick 256 edges after that. */
	simtime_t t0 = sched_now(&R.s);
	wr(T2 + CTRL, EN | SIZE32 | PRE256 | IE);
	wr(T2 + LOAD, 1);
	run_to(t0 + 257 * US / 2 - 1);
	ck_assert_int_eq(R.level[L2], 0);
	run_to(t0 + 257 * US / 2);
	ck_assert_int_eq(R.level[L2], 1);
	ck_assert_uint_eq(rd(T2 + VALUE), 0);

	/* The undefined divisor 0b11 reads back as written and divides by 256. */
	run_to(200 * US);
	wr(T1 + CTRL, EN | SIZE32 | PRE16 | PRE256);
	ck_assert_uint_eq(rd(T1 + CTRL), EN | SIZE32 | PRE16 | PRE256);
	wr(T1 + LOAD, 1);
	t0 = sched_now(&R.s);
	run_to(t0 + 257 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	run_to(t0 + 257 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);

	/* Changing the divisor mid-count restarts the prescaler. */
	wr(T1 + CTRL, SIZE32 | PRE16);
	wr(T1 + LOAD, 5);
	wr(T1 + CTRL, EN | SIZE32 | PRE16);
	t0 = sched_now(&R.s);
	run_to(t0 + 9 * US); /* load edge + 8 edges of a 16 prescale */
	wr(T1 + CTRL, EN | SIZE32);
	run_to(t0 + 12 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 2);
}
END_TEST

START_TEST(test_16bit_mode)
{
	/* From reset (Value 0xFFFFFFFF) straight to 16-bit: only the low half
	 * counts and the high half keeps its stale bits (TRM note). */
	wr(T1 + CTRL, EN);
	wr(T2 + CTRL, EN | PERIODIC); /* Load still 0 */
	run_to(1 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xfffffffeu);
	/* Periodic: zero keeps the stale half, the reload replaces it all. */
	run_to(0xffff * US / 2);
	ck_assert_uint_eq(rd(T2 + VALUE), 0xffff0000u);
	ck_assert_uint_eq(rd(T2 + RIS), 1);
	wr(T2 + INTCLR, 0);
	run_to(0x10000 * US / 2);
	ck_assert_uint_eq(rd(T2 + VALUE), 0);
	ck_assert_uint_eq(rd(T2 + RIS), 1);
	run_to(0xffff * US - 1);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	run_to(0xffff * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffff0000u);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	run_to(0x10000 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffffffffu); /* wraps to 0xFFFF */
	/* A Load write clears the high half; Load keeps all 32 bits. */
	wr(T1 + LOAD, 0x12345);
	ck_assert_uint_eq(rd(T1 + VALUE), 0x2345);
	ck_assert_uint_eq(rd(T1 + LOAD), 0x12345);
	wr(T1 + INTCLR, 0);
	simtime_t t0 = sched_now(&R.s);
	run_to(t0 + (1 + 0x2345) * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	run_to(t0 + (2 + 0x2345) * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffff);

	/* Periodic 16-bit: the reload uses the low half of Load. */
	wr(T2 + CTRL, EN | PERIODIC);
	wr(T2 + LOAD, 0x10003);
	t0 = sched_now(&R.s);
	ck_assert_uint_eq(rd(T2 + VALUE), 3);
	run_to(t0 + 4 * US / 2); /* 2 MHz: load edge + 3 ticks */
	ck_assert_uint_eq(rd(T2 + VALUE), 0);
	run_to(t0 + 5 * US / 2);
	ck_assert_uint_eq(rd(T2 + VALUE), 3);
	/* Back to 32-bit: the counter carries on as a 32-bit value. */
	wr(T2 + CTRL, EN | PERIODIC | SIZE32);
	run_to(t0 + 6 * US / 2);
	ck_assert_uint_eq(rd(T2 + VALUE), 2);
}
END_TEST

START_TEST(test_interrupt_mask_and_combined_output)
{
	wr(T1 + CTRL, EN | SIZE32); /* IntEnable clear */
	wr(T1 + LOAD, 1);
	wr(T2 + CTRL, EN | SIZE32 | IE);
	wr(T2 + LOAD, 1);
	run_to(10 * US);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	ck_assert_uint_eq(rd(T1 + MIS), 0);
	ck_assert_uint_eq(rd(T2 + RIS), 1);
	ck_assert_uint_eq(rd(T2 + MIS), 1);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_int_eq(R.level[L2], 1);
	ck_assert_int_eq(R.level[LC], 1);
	ck_assert_uint_eq(R.last_rise[L2], 1 * US); /* 2 MHz: load 0.5, zero 1.0 */
	/* Unmasking a pending RIS raises the line at once. */
	wr(T1 + CTRL, EN | SIZE32 | IE);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_uint_eq(R.last_rise[L1], 10 * US);
	ck_assert_int_eq(R.rises[LC], 1); /* TIMINTC was already high */
	/* TIMINTC is the OR: it stays up until both are cleared. */
	wr(T2 + INTCLR, 0);
	ck_assert_int_eq(R.level[L2], 0);
	ck_assert_int_eq(R.level[LC], 1);
	/* Masking drops the output but keeps RIS. */
	wr(T1 + CTRL, EN | SIZE32);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_int_eq(R.level[LC], 0);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	wr(T1 + INTCLR, 0xffffffff);
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	wr(T1 + CTRL, EN | SIZE32 | IE);
	ck_assert_int_eq(R.level[L1], 0);
}
END_TEST

START_TEST(test_load_zero_interrupts_at_once)
{
	wr(T1 + CTRL, EN | SIZE32 | ONESHOT | IE);
	wr(T1 + LOAD, 0);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	/* A disabled timer generates nothing. */
	wr(T2 + CTRL, SIZE32 | IE);
	wr(T2 + LOAD, 0);
	ck_assert_uint_eq(rd(T2 + RIS), 0);
	ck_assert_int_eq(R.level[L2], 0);
	/* Periodic with Load 0: zero again every tick after the load edge. */
	wr(T2 + CTRL, EN | SIZE32 | PERIODIC | IE);
	run_to(1 * US - 1);
	ck_assert_int_eq(R.level[L2], 0);
	run_to(1 * US); /* 2 MHz: load edge 0.5 us, tick 1.0 us */
	ck_assert_int_eq(R.level[L2], 1);
	wr(T2 + INTCLR, 0);
	run_to(3 * US / 2);
	ck_assert_int_eq(R.level[L2], 1);
	ck_assert_uint_eq(R.last_rise[L2], 3 * US / 2);
}
END_TEST

/* 1000.5 us at 1 MHz is 1000 edges; then 500 kHz, counted from the change. */
START_TEST(test_clock_rate_change_is_exact)
{
	wr(T1 + CTRL, EN | SIZE32 | PERIODIC | IE);
	wr(T1 + LOAD, 100000);
	wr(T2 + CTRL, EN | SIZE32);
	wr(T2 + LOAD, 100000);
	simtime_t tc = 1000 * US + US / 2;
	run_to(tc);
	ck_assert_uint_eq(rd(T1 + VALUE), 100000 - 999);
	/* Through the dev_type callback: a device made with sp804_new has
	 * independent clocks, index 0 = TIMCLK1, 2 = apb_pclk (ignored). */
	sp804_dev_type.clock_rate(R.t, 0, 500000);
	sp804_dev_type.clock_rate(R.t, 2, 1);
	run_to(tc + 20 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 100000 - 999 - 9);
	run_to(tc + 20 * US);
	ck_assert_uint_eq(rd(T1 + VALUE), 100000 - 999 - 10);
	/* Timer 2 kept its 2 MHz: load edge at 0.5 us, then one per 0.5 us. */
	ck_assert_uint_eq(rd(T2 + VALUE), 100000 - (2 * 1020 + 1 - 1));
	/* Up to 4 MHz: the interrupt lands where the edges say. 99001 - 10
	 * ticks remain at 2 us each until tc2, then 4 per us. */
	simtime_t tc2 = tc + 20 * US + 300000; /* mid-edge: the partial edge is lost */
	run_to(tc2);
	ck_assert_uint_eq(rd(T1 + VALUE), 100000 - 1009);
	sp804_dev_type.clock_rate(R.t, 0, 4 * MHZ);
	simtime_t zero = tc2 + (simtime_t)(100000 - 1009) * US / 4;
	run_to(zero - 1);
	ck_assert_int_eq(R.level[L1], 0);
	run_to(zero);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_uint_eq(R.last_rise[L1], zero);
	/* idx 1 reaches timer 2 only. */
	uint32_t v1 = rd(T1 + VALUE), v2 = rd(T2 + VALUE);
	sp804_dev_type.clock_rate(R.t, 1, 0);
	run_to(zero + 100 * US);
	ck_assert_uint_eq(rd(T2 + VALUE), v2);
	/* Timer 1: reload at the first 4 MHz edge after zero, then 399 ticks. */
	ck_assert_uint_eq(v1, 0);
	ck_assert_uint_eq(rd(T1 + VALUE), 100000 - 399);
}
END_TEST

START_TEST(test_gated_clock_freezes_and_resumes)
{
	wr(T1 + CTRL, EN | SIZE32 | PERIODIC | IE);
	wr(T1 + LOAD, 99); /* zero at edge 100 */
	run_to(30 * US + US / 2);
	sp804_set_timclk(R.t, 0, 0);
	ck_assert_uint_eq(rd(T1 + VALUE), 99 - 29);
	run_to(10 * PS_PER_S);
	ck_assert_uint_eq(rd(T1 + VALUE), 99 - 29);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_uint_eq(R.s.count, 0);
	/* Registers still work while TIMCLK is off (they run on PCLK). */
	wr(T1 + BGLOAD, 99);
	ck_assert_uint_eq(rd(T1 + LOAD), 99);
	sp804_set_timclk(R.t, 0, 1 * MHZ);
	run_to(10 * PS_PER_S + 70 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	ck_assert_int_eq(R.level[L1], 0);
	run_to(10 * PS_PER_S + 70 * US);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_uint_eq(R.last_rise[L1], 10 * PS_PER_S + 70 * US);
	/* A Load written while gated waits for the clock's first edge. */
	sp804_set_timclk(R.t, 0, 0);
	wr(T1 + INTCLR, 0);
	wr(T1 + LOAD, 3);
	run_to(20 * PS_PER_S);
	sp804_set_timclk(R.t, 0, 1 * MHZ);
	run_to(20 * PS_PER_S + 4 * US - 1);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	run_to(20 * PS_PER_S + 4 * US);
	ck_assert_int_eq(R.level[L1], 1);
}
END_TEST

START_TEST(test_power_retention_keeps_state)
{
	wr(T1 + CTRL, EN | SIZE32 | PERIODIC | IE);
	wr(T1 + LOAD, 49); /* zero at edge 50 */
	wr(T2 + CTRL, EN | SIZE32 | IE);
	wr(T2 + LOAD, 0x1000);
	wr(T2 + INTCLR, 0);
	run_to(20 * US);
	sp804_dev_type.power(R.t, PD_RETENTION);
	ck_assert_uint_eq(sp804_value(R.t, 0), 49 - 19);
	/* Not operating: registers read 0, writes are lost, nothing counts. */
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
	ck_assert_uint_eq(rd(T1 + CTRL), 0);
	wr(T1 + LOAD, 5);
	run_to(PS_PER_S);
	ck_assert_uint_eq(sp804_value(R.t, 0), 49 - 19);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_int_eq(R.level[L1], 0);
	sp804_dev_type.power(R.t, PD_ON);
	ck_assert_uint_eq(rd(T1 + LOAD), 49);
	ck_assert_uint_eq(rd(T1 + CTRL), EN | SIZE32 | PERIODIC | IE);
	ck_assert_uint_eq(rd(T1 + VALUE), 49 - 19);
	run_to(PS_PER_S + 30 * US - 1);
	ck_assert_int_eq(R.level[L1], 0);
	run_to(PS_PER_S + 30 * US);
	ck_assert_int_eq(R.level[L1], 1);
	/* A raised output stays raised through retention. */
	sp804_dev_type.power(R.t, PD_RETENTION);
	ck_assert_int_eq(R.level[L1], 1);
	sp804_dev_type.power(R.t, PD_ON);
	ck_assert_uint_eq(rd(T1 + RIS), 1);
}
END_TEST

START_TEST(test_power_off_loses_state)
{
	wr(T1 + CTRL, EN | SIZE32 | PERIODIC | IE);
	wr(T1 + LOAD, 4);
	wr(T2 + CTRL, EN | SIZE32 | IE);
	wr(T2 + LOAD, 1000);
	run_to(5 * US);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_int_eq(R.level[LC], 1);
	ck_assert_uint_eq(R.s.count, 1); /* timer 2's expiry */
	sp804_dev_type.power(R.t, PD_OFF);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_int_eq(R.level[LC], 0);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(rd(T1 + CTRL), 0); /* not responding */
	run_to(PS_PER_S);
	ck_assert_int_eq(R.rises[L2], 0);
	sp804_dev_type.power(R.t, PD_ON);
	for (uint32_t t = T1; t <= T2; t += T2) {
		ck_assert_uint_eq(rd(t + LOAD), 0);
		ck_assert_uint_eq(rd(t + VALUE), 0xffffffffu);
		ck_assert_uint_eq(rd(t + CTRL), 0x20);
		ck_assert_uint_eq(rd(t + RIS), 0);
	}
	/* The clock rates survive (they are inputs): it counts as before. */
	wr(T1 + CTRL, EN | SIZE32 | IE);
	wr(T1 + LOAD, 2);
	run_to(PS_PER_S + 3 * US);
	ck_assert_int_eq(R.level[L1], 1);
	ck_assert_uint_eq(R.last_rise[L1], PS_PER_S + 3 * US);
	/* dev_type reset does the same to the registers. */
	sp804_dev_type.reset(R.t);
	ck_assert_int_eq(R.level[L1], 0);
	ck_assert_uint_eq(rd(T1 + CTRL), 0x20);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffffffffu);
}
END_TEST

/* Hours of simulated time at slow and fast clocks: the count is exact and
 * far-away expiries do not overflow. */
START_TEST(test_long_runs_are_exact)
{
	teardown();
	setup_clocks(32768, 1000 * MHZ);
	wr(T1 + CTRL, EN | SIZE32);
	wr(T2 + CTRL, EN | SIZE32);
	simtime_t ten_h = 10ull * 3600 * PS_PER_S;
	run_to(ten_h);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xffffffffu - 10u * 3600 * 32768);
	uint64_t e2 = 10ull * 3600 * 1000 * MHZ;
	ck_assert_uint_eq(rd(T2 + VALUE), (uint32_t)(0xffffffffu - (uint32_t)e2));
	ck_assert_uint_eq(rd(T2 + RIS), 1); /* wrapped through zero */
	ck_assert_uint_eq(rd(T1 + RIS), 0);
	/* 2^32 * 256 ticks at 32768 Hz is ~388 days: beyond the end of
	 * simulated time, so nothing is queued, and nothing breaks. */
	wr(T1 + CTRL, EN | SIZE32 | PRE256 | IE);
	wr(T1 + LOAD, 0xffffffffu);
	ck_assert_uint_eq(R.s.count, 0);
	/* One expiry 5 hours out at 32768 Hz / 256 lands on its edge. */
	uint32_t ticks = 5u * 3600 * 128;
	wr(T1 + LOAD, ticks);
	simtime_t t0 = sched_now(&R.s);
	ck_assert_uint_eq(R.s.count, 1);
	/* t0 is itself an edge, so zero is at edge t0 + 1 + 256 * ticks:
	 * 256 edges are exactly 7812500000 ps, one edge rounds up. */
	simtime_t zero = t0 + (uint64_t)ticks * 7812500000ull + 30517579;
	run_to(zero - 1);
	ck_assert_int_eq(R.rises[L1], 0);
	ck_assert_uint_eq(rd(T1 + VALUE), 1);
	run_to(zero);
	ck_assert_int_eq(R.rises[L1], 1);
	ck_assert_uint_eq(R.last_rise[L1], zero);
	ck_assert_uint_eq(rd(T1 + VALUE), 0);
}
END_TEST

START_TEST(test_narrow_accesses)
{
	wr(T1 + CTRL, SIZE32);
	wr(T1 + LOAD, 0x11223344);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + VALUE + 1, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x33);
	ck_assert_int_eq(bus_read(&R.b, BASE + VALUE + 2, 2, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x1122);
	/* Reset Control selects 16-bit mode: a Load then counts from its low
	 * half. */
	wr(T2 + LOAD, 0x11223344);
	ck_assert_uint_eq(rd(T2 + VALUE), 0x3344);
	/* A halfword write at the register's offset is zero-extended. */
	ck_assert_int_eq(bus_write(&R.b, BASE + LOAD, 2, 0xabcd), BUS_OK);
	ck_assert_uint_eq(rd(T1 + LOAD), 0xabcd);
	ck_assert_uint_eq(rd(T1 + VALUE), 0xabcd);
	/* A byte write at another byte of the register is ignored. */
	ck_assert_int_eq(bus_write(&R.b, BASE + LOAD + 1, 1, 0x99), BUS_OK);
	ck_assert_uint_eq(rd(T1 + LOAD), 0xabcd);
	ck_assert_int_eq(bus_write(&R.b, BASE + T2 + CTRL, 1, EN | SIZE32), BUS_OK);
	ck_assert_uint_eq(rd(T2 + CTRL), EN | SIZE32);
}
END_TEST

/* ---- device-tree create path ---------------------------------------------- */

static char fdt_buf[4096];

static void fdt_begin(void)
{
	ck_assert_int_eq(fdt_create(fdt_buf, sizeof fdt_buf), 0);
	ck_assert_int_eq(fdt_finish_reservemap(fdt_buf), 0);
	ck_assert_int_eq(fdt_begin_node(fdt_buf, ""), 0);
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 1);
	static const struct { const char *name; uint32_t hz, ph; } clk[3] = {
		{ "timclk1", 1000000, 1 }, { "timclk2", 2000000, 2 }, { "apb", 50000000, 3 },
	};
	for (int i = 0; i < 3; i++) {
		fdt_begin_node(fdt_buf, clk[i].name);
		fdt_property_string(fdt_buf, "compatible", "fixed-clock");
		fdt_property_u32(fdt_buf, "#clock-cells", 0);
		fdt_property_u32(fdt_buf, "clock-frequency", clk[i].hz);
		fdt_property_u32(fdt_buf, "phandle", clk[i].ph);
		fdt_end_node(fdt_buf);
	}
}

static void fdt_cells(const char *prop, const uint32_t *v, int n)
{
	fdt32_t c[8];
	for (int i = 0; i < n; i++)
		c[i] = cpu_to_fdt32(v[i]);
	ck_assert_int_eq(fdt_property(fdt_buf, prop, c, n * 4), 0);
}

/* A timer node at `base` with `nirq` interrupts and `nclk` clocks (from
 * the phandles 1, 2, 3, or 9 = none such). */
static void timer_node(const char *name, uint32_t base, uint32_t size, const uint32_t *irq,
		       int nirq, const uint32_t *clk, int nclk)
{
	fdt_begin_node(fdt_buf, name);
	fdt_property_string(fdt_buf, "compatible", "arm,sp804");
	uint32_t reg[2] = { base, size };
	fdt_cells("reg", reg, 2);
	if (nirq)
		fdt_cells("interrupts", irq, nirq);
	if (nclk)
		fdt_cells("clocks", clk, nclk);
	fdt_end_node(fdt_buf);
}

static struct soc soc;

static void fdt_end_and_soc(void)
{
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
	memset(&soc, 0, sizeof soc);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.fdt = fdt_buf;
	soc.fdt_size = sizeof fdt_buf;
	soc.num_irq = 32;
}

static int create(const char *path, void **state, struct err *e)
{
	struct dt_node n = { fdt_buf, fdt_path_offset(fdt_buf, path), "" };
	ck_assert_int_ge(n.off, 0);
	strcpy(n.path, path);
	*state = NULL;
	return sp804_dev_type.create(&soc, &n, state, e);
}

static void soc_done(void)
{
	bus_free(&soc.bus);
	sched_free(&soc.sched);
}

static uint32_t soc_rd(uint32_t addr)
{
	uint32_t v;
	ck_assert_int_eq(bus_read(&soc.bus, addr, 4, &v), BUS_OK);
	return v;
}

static void soc_wr(uint32_t addr, uint32_t v)
{
	ck_assert_int_eq(bus_write(&soc.bus, addr, 4, v), BUS_OK);
}

START_TEST(test_create_from_device_tree)
{
	static const uint32_t irq2[2] = { 5, 6 }, irq1[1] = { 7 };
	static const uint32_t clk3[3] = { 1, 2, 3 }, clk1[1] = { 2 };
	fdt_begin();
	timer_node("timer@40010000", 0x40010000, 0x1000, irq2, 2, clk3, 3);
	timer_node("timer@40011000", 0x40011000, 0x1000, irq1, 1, clk1, 1);
	fdt_end_and_soc();
	struct err e = { "" };
	void *three, *one;
	ck_assert_int_eq(create("/timer@40010000", &three, &e), 0);
	ck_assert_int_eq(create("/timer@40011000", &one, &e), 0);
	ck_assert_ptr_nonnull(bus_find(&soc.bus, 0x40010000));
	ck_assert_ptr_nonnull(bus_find(&soc.bus, 0x40011fff));
	ck_assert_uint_eq(soc_rd(0x40010fe0), 0x04);
	ck_assert_uint_eq(soc_rd(0x40011ffc), 0xb1);
	/* Three clocks: timer 1 at 1 MHz, timer 2 at 2 MHz. One clock: both
	 * at 2 MHz. All free-running from 0xFFFFFFFF. */
	for (uint32_t b = 0x40010000; b <= 0x40011000; b += 0x1000) {
		soc_wr(b + T1 + CTRL, EN | SIZE32);
		soc_wr(b + T2 + CTRL, EN | SIZE32);
	}
	sched_run_until(&soc.sched, 10 * US);
	ck_assert_uint_eq(sp804_value(three, 0), 0xffffffffu - 10);
	ck_assert_uint_eq(sp804_value(three, 1), 0xffffffffu - 20);
	ck_assert_uint_eq(sp804_value(one, 0), 0xffffffffu - 20);
	ck_assert_uint_eq(sp804_value(one, 1), 0xffffffffu - 20);
	/* The single clock's index 0 drives both timers; with three, index 1
	 * is timer 2 alone and index 2 (apb_pclk) changes nothing. */
	sp804_dev_type.clock_rate(one, 0, 4 * MHZ);
	sp804_dev_type.clock_rate(one, 1, 0);
	sp804_dev_type.clock_rate(three, 1, 4 * MHZ);
	sp804_dev_type.clock_rate(three, 2, 0);
	sched_run_until(&soc.sched, 20 * US);
	ck_assert_uint_eq(sp804_value(one, 0), 0xffffffffu - 60);
	ck_assert_uint_eq(sp804_value(one, 1), 0xffffffffu - 60);
	ck_assert_uint_eq(sp804_value(three, 0), 0xffffffffu - 20);
	ck_assert_uint_eq(sp804_value(three, 1), 0xffffffffu - 60);
	sp804_dev_type.destroy(three);
	sp804_dev_type.destroy(one);
	soc_done();
}
END_TEST

START_TEST(test_create_rejects_bad_nodes)
{
	static const uint32_t irq[3] = { 5, 6, 7 }, big[1] = { 40 };
	static const uint32_t clk[3] = { 1, 2, 3 }, bad[1] = { 9 };
	fdt_begin();
	timer_node("small@40010000", 0x40010000, 0x100, irq, 1, clk, 1);
	timer_node("threeirq@40011000", 0x40011000, 0x1000, irq, 3, clk, 1);
	timer_node("noirq@40012000", 0x40012000, 0x1000, irq, 0, clk, 1);
	timer_node("bigirq@40013000", 0x40013000, 0x1000, big, 1, clk, 1);
	timer_node("twoclk@40014000", 0x40014000, 0x1000, irq, 1, clk, 2);
	timer_node("noclk@40015000", 0x40015000, 0x1000, irq, 1, clk, 0);
	timer_node("badclk@40016000", 0x40016000, 0x1000, irq, 1, bad, 1);
	timer_node("ok@40017000", 0x40017000, 0x1000, irq, 1, clk, 1);
	timer_node("clash@40017000", 0x40017000, 0x1000, irq, 1, clk, 1);
	fdt_end_and_soc();
	struct err e = { "" };
	void *st;
	ck_assert_int_ne(create("/small@40010000", &st, &e), 0);
	ck_assert_str_eq(e.msg, "/small@40010000: reg size 0x100 is smaller than the SP804's "
				"4 KiB register block");
	ck_assert_int_ne(create("/threeirq@40011000", &st, &e), 0);
	ck_assert_str_eq(e.msg, "/threeirq@40011000: 'interrupts' must have one entry (TIMINTC) "
				"or two (TIMINT1, TIMINT2), not 3 cells");
	ck_assert_int_ne(create("/noirq@40012000", &st, &e), 0);
	ck_assert_str_eq(e.msg, "/noirq@40012000: 'interrupts' must have one entry (TIMINTC) "
				"or two (TIMINT1, TIMINT2), not 0 cells");
	ck_assert_int_ne(create("/bigirq@40013000", &st, &e), 0);
	ck_assert_str_eq(e.msg,
			 "/bigirq@40013000: interrupt 40 is beyond the NVIC's 32 external lines");
	ck_assert_int_ne(create("/twoclk@40014000", &st, &e), 0);
	ck_assert_str_eq(e.msg, "/twoclk@40014000: 'clocks' must have one entry (TIMCLK) or "
				"three (timclk1, timclk2, apb_pclk), not 2");
	ck_assert_int_ne(create("/noclk@40015000", &st, &e), 0);
	ck_assert_ptr_nonnull(strstr(e.msg, "/noclk@40015000: "));
	ck_assert_int_ne(create("/badclk@40016000", &st, &e), 0);
	ck_assert_str_eq(e.msg, "/badclk@40016000: 'clocks' entry 0 names no node (phandle 9)");
	ck_assert_ptr_null(bus_find(&soc.bus, 0x40010000));
	ck_assert_int_eq(create("/ok@40017000", &st, &e), 0);
	void *clash;
	ck_assert_int_ne(create("/clash@40017000", &clash, &e), 0);
	ck_assert_str_eq(e.msg, "/clash@40017000: cannot map the SP804 at 0x40017000 "
				"(overlaps another region?)");
	sp804_dev_type.destroy(st);
	soc_done();
}
END_TEST

int main(void)
{
	Suite *s = suite_create("sp804");
	TCase *tc = tcase_create("registers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reset_values);
	tcase_add_test(tc, test_primecell_ids);
	tcase_add_test(tc, test_register_bits_and_read_only);
	tcase_add_test(tc, test_narrow_accesses);
	suite_add_tcase(s, tc);

	tc = tcase_create("counting");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_free_running_counts_and_wraps);
	tcase_add_test(tc, test_periodic_interrupt_and_reload);
	tcase_add_test(tc, test_periodic_no_drift);
	tcase_add_test(tc, test_one_shot_stops_at_zero);
	tcase_add_test(tc, test_bgload_changes_only_the_reload);
	tcase_add_test(tc, test_prescaler);
	tcase_add_test(tc, test_16bit_mode);
	tcase_add_test(tc, test_interrupt_mask_and_combined_output);
	tcase_add_test(tc, test_load_zero_interrupts_at_once);
	suite_add_tcase(s, tc);

	tc = tcase_create("clocks-and-power");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_clock_rate_change_is_exact);
	tcase_add_test(tc, test_gated_clock_freezes_and_resumes);
	tcase_add_test(tc, test_power_retention_keeps_state);
	tcase_add_test(tc, test_power_off_loses_state);
	tcase_add_test(tc, test_long_runs_are_exact);
	suite_add_tcase(s, tc);

	tc = tcase_create("device-tree");
	tcase_add_test(tc, test_create_from_device_tree);
	tcase_add_test(tc, test_create_rejects_bad_nodes);
	suite_add_tcase(s, tc);
	return check_run(s);
}
