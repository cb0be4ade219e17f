/*
 * Unit tests for the sensor/ADC model, driven the way firmware and a DMA
 * controller drive it: through bus_read/bus_write (and bus_master_access
 * for DMA) on a bus with the device mapped, with a real scheduler advancing
 * simulated time, an irq_line and a dma_line whose callbacks record the
 * levels they are driven to. Outputs that must change on their own (the
 * interrupt, the DMA request) are checked without any register access in
 * between, so they prove the model's event and not a lazy update. The
 * device-tree path (create, realize with a DMA controller registered
 * through soc_dma_register) is tested on trees built with libfdt.
 */
#include <check.h>
#include <libfdt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/sensor.h"
#include "pm/meter.h"
#include "check_run.h"

extern const struct dev_type sensor_dev_type;

#define BASE 0x40030000u
#define CLK 1000000u     /* 1 MHz */
#define RATE0 1000u      /* 1 kHz */
#define PERIOD (PS_PER_MS) /* one sample at 1 MHz / 1000 */
#define DEPTH 8u
#define PJ 50.0

enum {
	ID = 0x00, CTRL = 0x04, RATE = 0x08, LEVEL = 0x0c, THRESH = 0x10, BURST = 0x14,
	DATA = 0x18, STATUS = 0x1c, COUNT = 0x20, DROPPED = 0x24, DEPTHR = 0x28,
};

#define EN 0x01u
#define SINGLE 0x02u
#define THIE 0x04u
#define ERRIE 0x08u
#define DMAEN 0x10u
#define FLUSH 0x100u

#define S_EMPTY 0x01u
#define S_FULL 0x02u
#define S_THR 0x04u
#define S_OVR 0x08u
#define S_UDR 0x10u
#define S_ACTIVE 0x20u
#define S_IRQ 0x40u

static struct {
	struct sched s;
	struct bus b;
	struct sensor *d;
	int level;
	int irq_changes;
	/* The DMA request as last driven, and how often. */
	bool single, burst;
	int req_calls;
	/* The trace. */
	struct trace tr;
	int64_t tr_value[16];
	simtime_t tr_time[16];
	unsigned ntr;
	/* A scenario's signal: when it was asked for which sample. */
	simtime_t sig_t[32];
	uint32_t sig_k[32];
	unsigned nsig;
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_int_eq(num, 11);
	R.level = level;
	R.irq_changes++;
}

static void dma_record(void *ctrl, unsigned input, bool single, bool burst)
{
	ck_assert_ptr_eq(ctrl, &R);
	ck_assert_uint_eq(input, 3);
	R.single = single;
	R.burst = burst;
	R.req_calls++;
}

static void trace_record(void *opaque, simtime_t t, const char *component, const char *var,
			 int64_t value, const char *label)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_str_eq(component, "adc0");
	ck_assert_str_eq(var, "state");
	ck_assert_ptr_nonnull(label);
	ck_assert_uint_lt(R.ntr, 16);
	R.tr_value[R.ntr] = value;
	R.tr_time[R.ntr++] = t;
}

static void setup_with(uint64_t hz, uint32_t rate, uint32_t depth)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	struct sensor_config cfg = { hz, (uint32_t)(hz / rate), depth, PJ, "adc0" };
	struct irq_line irq = { irq_record, &R, 11 };
	R.d = sensor_new(&R.b, &R.s, BASE, &cfg, irq);
	ck_assert_ptr_nonnull(R.d);
	struct dma_line line = { dma_record, &R, 3 };
	sensor_set_dma_line(R.d, &line);
	R.req_calls = 0;
}

static void setup(void)
{
	setup_with(CLK, RATE0, DEPTH);
}

static void teardown(void)
{
	sensor_free(R.d);
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

/* ---- registers ------------------------------------------------------------ */

START_TEST(test_reset_values)
{
	ck_assert_uint_eq(rd(ID), 0x534e5331);
	ck_assert_uint_eq(rd(CTRL), 0);
	ck_assert_uint_eq(rd(RATE), RATE0);
	ck_assert_uint_eq(rd(LEVEL), 0);
	ck_assert_uint_eq(rd(THRESH), DEPTH / 2);
	ck_assert_uint_eq(rd(BURST), 4);
	ck_assert_uint_eq(rd(STATUS), S_EMPTY);
	ck_assert_uint_eq(rd(COUNT), 0);
	ck_assert_uint_eq(rd(DROPPED), 0);
	ck_assert_uint_eq(rd(DEPTHR), DEPTH);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(R.irq_changes, 0);
	ck_assert(!R.single && !R.burst);
	/* Disabled out of reset: a second of nothing. */
	run_to(PS_PER_S);
	ck_assert_uint_eq(rd(COUNT), 0);
	ck_assert_uint_eq(R.s.dispatched, 0);
}
END_TEST

START_TEST(test_registers_keep_their_implemented_bits)
{
	wr(CTRL, 0xfffffefe); /* everything but EN and FLUSH */
	ck_assert_uint_eq(rd(CTRL), 0x1e);
	wr(CTRL, 0);
	wr(THRESH, 0);
	ck_assert_uint_eq(rd(THRESH), 1);
	wr(THRESH, 100);
	ck_assert_uint_eq(rd(THRESH), DEPTH);
	wr(THRESH, 3);
	ck_assert_uint_eq(rd(THRESH), 3);
	wr(BURST, 0);
	ck_assert_uint_eq(rd(BURST), 1);
	wr(BURST, 9);
	ck_assert_uint_eq(rd(BURST), DEPTH);
	wr(RATE, 0);
	ck_assert_uint_eq(rd(RATE), 1);
	wr(RATE, 0x12345678);
	ck_assert_uint_eq(rd(RATE), 0x12345678);
	wr(COUNT, 0xabcd);
	ck_assert_uint_eq(rd(COUNT), 0xabcd);
	/* Read-only and reserved registers ignore writes. */
	wr(ID, 0);
	wr(LEVEL, 5);
	wr(DEPTHR, 1);
	wr(DATA, 7);
	ck_assert_uint_eq(rd(ID), 0x534e5331);
	ck_assert_uint_eq(rd(LEVEL), 0);
	ck_assert_uint_eq(rd(DEPTHR), DEPTH);
	wr(0x2c, 0x1234);
	ck_assert_uint_eq(rd(0x2c), 0);
	wr(0xffc, 0x1234);
	ck_assert_uint_eq(rd(0xffc), 0);
	/* STATUS bits that are not W1C cannot be written. */
	wr(STATUS, 0xffffffff);
	ck_assert_uint_eq(rd(STATUS), S_EMPTY);
}
END_TEST

START_TEST(test_access_sizes)
{
	uint32_t v = 0;
	ck_assert_int_eq(bus_read(&R.b, BASE + ID + 3, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x53);
	ck_assert_int_eq(bus_read(&R.b, BASE + ID, 2, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x5331);
	/* A narrow write off the register's offset is ignored, one at it is
	 * zero-extended. */
	ck_assert_int_eq(bus_write(&R.b, BASE + RATE + 1, 1, 0x55), BUS_OK);
	ck_assert_uint_eq(rd(RATE), RATE0);
	ck_assert_int_eq(bus_write(&R.b, BASE + RATE, 2, 0xbeef), BUS_OK);
	ck_assert_uint_eq(rd(RATE), 0xbeef);
	/* A halfword read of DATA pops a sample and returns its value half. */
	wr(RATE, RATE0);
	wr(COUNT, 3);
	wr(CTRL, EN);
	run_to(2 * PERIOD);
	ck_assert_int_eq(bus_read(&R.b, BASE + DATA, 2, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x0030);
	ck_assert_uint_eq(rd(LEVEL), 1);
	ck_assert_int_eq(bus_read(&R.b, BASE + DATA + 2, 2, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x0004);
	ck_assert_uint_eq(rd(LEVEL), 0);
}
END_TEST

/* ---- sampling ------------------------------------------------------------- */

START_TEST(test_samples_arrive_exactly_at_the_rate)
{
	/* Enable at an odd time: sample n is at t0 + n periods, to the
	 * picosecond. */
	simtime_t t0 = 123456789;
	run_to(t0);
	wr(CTRL, EN);
	ck_assert_uint_eq(rd(STATUS) & S_ACTIVE, S_ACTIVE);
	for (unsigned n = 1; n <= 3; n++) {
		run_to(t0 + n * PERIOD - 1);
		ck_assert_uint_eq(rd(COUNT), n - 1);
		run_to(t0 + n * PERIOD);
		ck_assert_uint_eq(rd(COUNT), n);
		ck_assert_uint_eq(rd(LEVEL), n);
	}
	/* Disabling stops conversions; the FIFO keeps its samples. */
	wr(CTRL, 0);
	run_to(t0 + 100 * PERIOD);
	ck_assert_uint_eq(rd(COUNT), 3);
	ck_assert_uint_eq(rd(LEVEL), 3);
	ck_assert_uint_eq(rd(STATUS) & S_ACTIVE, 0);
}
END_TEST

START_TEST(test_sample_times_do_not_drift)
{
	/* 3 MHz / 1000: a period of 333333333.33 ps. Sample n is at
	 * ceil(n * 1e15 / 3e6) ps, even after a million samples. */
	teardown();
	setup_with(3000000, 1000, DEPTH);
	wr(CTRL, EN);
	const uint64_t ns[] = { 1, 2, 3, 1000, 2999, 3000, 1000001 };
	for (unsigned i = 0; i < sizeof ns / sizeof ns[0]; i++) {
		uint64_t n = ns[i];
		simtime_t t = (simtime_t)((n * 1000000000ull + 2) / 3);
		run_to(t - 1);
		ck_assert_uint_eq(rd(COUNT), n - 1);
		run_to(t);
		ck_assert_uint_eq(rd(COUNT), n);
	}
	/* Sample 3000 is exactly at one second. */
	ck_assert_uint_eq((3000ull * 1000000000ull + 2) / 3, PS_PER_S);
}
END_TEST

START_TEST(test_interrupt_at_the_first_picosecond_of_the_sample)
{
	/* At 3 MHz sample 1 is at 333333333.33 ps: the interrupt is raised at
	 * 333333334 ps (the first picosecond it exists), not before. */
	teardown();
	setup_with(3000000, 1000, DEPTH);
	wr(THRESH, 1);
	wr(CTRL, EN | THIE);
	run_to(333333333);
	ck_assert_int_eq(R.level, 0);
	run_to(333333334);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(R.s.dispatched, 1);
	/* Sample 2 (666666666.67 ps) after a read: the same again. */
	rd(DATA);
	run_to(666666666);
	ck_assert_int_eq(R.level, 0);
	run_to(666666667);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_data_formula)
{
	wr(CTRL, EN);
	run_to(5 * PERIOD);
	static const uint32_t want[5] = { 0x00000000, 0x00010010, 0x00020020, 0x00030030,
					  0x00040040 };
	for (unsigned i = 0; i < 5; i++)
		ck_assert_uint_eq(rd(DATA), want[i]);
	/* Around the sawtooth's wrap and the counter's wrap. */
	wr(COUNT, 255);
	run_to(7 * PERIOD);
	ck_assert_uint_eq(rd(DATA), 0x00ff0ff0);
	ck_assert_uint_eq(rd(DATA), 0x01000000);
	wr(COUNT, 0xffff);
	run_to(9 * PERIOD);
	ck_assert_uint_eq(rd(DATA), 0xffff0ff0);
	ck_assert_uint_eq(rd(DATA), 0x00000000);
	ck_assert_uint_eq(rd(COUNT), 0x10001);
	/* The header's helper says the same. */
	for (uint32_t k = 0; k < 70000; k += 7)
		ck_assert_uint_eq(sensor_sample_value(k),
				  ((k & 0xffff) << 16) | ((k * 16) & 0xfff));
}
END_TEST

START_TEST(test_fifo_fills_then_overruns_at_the_right_sample)
{
	wr(CTRL, EN);
	run_to(DEPTH * PERIOD - 1);
	ck_assert_uint_eq(rd(STATUS) & (S_FULL | S_EMPTY), 0);
	run_to(DEPTH * PERIOD);
	ck_assert_uint_eq(rd(STATUS) & (S_FULL | S_OVR), S_FULL);
	run_to((DEPTH + 1) * PERIOD - 1);
	ck_assert_uint_eq(rd(STATUS) & S_OVR, 0);
	ck_assert_uint_eq(rd(DROPPED), 0);
	run_to((DEPTH + 1) * PERIOD);
	ck_assert_uint_eq(rd(STATUS) & (S_FULL | S_OVR), S_FULL | S_OVR);
	ck_assert_uint_eq(rd(DROPPED), 1);
	ck_assert_uint_eq(rd(LEVEL), DEPTH);
	ck_assert_uint_eq(rd(COUNT), DEPTH + 1);
	/* The oldest samples stay; the newest was lost. */
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(0));
	/* Room for one: sample 9 goes in, 8 is gone for good. */
	run_to((DEPTH + 2) * PERIOD);
	for (unsigned k = 1; k < DEPTH; k++)
		ck_assert_uint_eq(rd(DATA), sensor_sample_value(k));
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(DEPTH + 1));
	ck_assert_uint_eq(rd(STATUS) & S_EMPTY, S_EMPTY);
	/* Many periods unattended at once. */
	run_to((DEPTH + 2 + 100) * PERIOD);
	ck_assert_uint_eq(rd(LEVEL), DEPTH);
	ck_assert_uint_eq(rd(DROPPED), 1 + 100 - DEPTH);
	ck_assert_uint_eq(sensor_dropped(R.d), 1 + 100 - DEPTH);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(DEPTH + 2));
	/* Sticky until written with 1; DROPPED clears on any write. */
	wr(STATUS, S_UDR);
	ck_assert_uint_eq(rd(STATUS) & S_OVR, S_OVR);
	wr(STATUS, S_OVR);
	ck_assert_uint_eq(rd(STATUS) & S_OVR, 0);
	wr(DROPPED, 0x1234);
	ck_assert_uint_eq(rd(DROPPED), 0);
	ck_assert_uint_eq(sensor_dropped(R.d), 1 + 100 - DEPTH);
}
END_TEST

START_TEST(test_empty_read_is_an_underrun)
{
	ck_assert_uint_eq(rd(DATA), SENSOR_EMPTY_READ);
	ck_assert_uint_eq(rd(STATUS) & S_UDR, S_UDR);
	ck_assert_int_eq(R.level, 0); /* ERRIE clear */
	wr(CTRL, ERRIE);
	ck_assert_int_eq(R.level, 1);
	wr(STATUS, S_UDR);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(STATUS), S_EMPTY);
}
END_TEST

START_TEST(test_flush_empties_the_fifo)
{
	wr(CTRL, EN);
	run_to(5 * PERIOD);
	ck_assert_uint_eq(rd(LEVEL), 5);
	wr(CTRL, EN | FLUSH);
	ck_assert_uint_eq(rd(LEVEL), 0);
	ck_assert_uint_eq(rd(CTRL), EN);
	/* Sampling goes on in the same rhythm. */
	run_to(6 * PERIOD);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(5));
}
END_TEST

START_TEST(test_rate_write_restarts_the_period)
{
	wr(CTRL, EN);
	run_to(PERIOD + PERIOD / 2);
	ck_assert_uint_eq(rd(COUNT), 1);
	wr(RATE, 250); /* 4 kHz from now */
	simtime_t t = sched_now(&R.s);
	run_to(t + PERIOD / 4 - 1);
	ck_assert_uint_eq(rd(COUNT), 1);
	run_to(t + PERIOD / 4);
	ck_assert_uint_eq(rd(COUNT), 2);
	run_to(t + 3 * PERIOD / 4);
	ck_assert_uint_eq(rd(COUNT), 4);
}
END_TEST

START_TEST(test_single_shot)
{
	wr(THRESH, 1);
	run_to(PERIOD / 3);
	simtime_t t0 = sched_now(&R.s);
	wr(CTRL, EN | SINGLE | THIE);
	/* The conversion ends one period later; the interrupt and the end of
	 * EN happen then, without anyone looking. */
	run_to(t0 + PERIOD - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(t0 + PERIOD);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(CTRL), SINGLE | THIE);
	ck_assert_uint_eq(rd(STATUS) & S_ACTIVE, 0);
	run_to(t0 + 10 * PERIOD);
	ck_assert_uint_eq(rd(COUNT), 1);
	ck_assert_uint_eq(rd(LEVEL), 1);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(0));
	ck_assert_int_eq(R.level, 0);
	/* One conversion's energy, booked when it happened. */
	ck_assert_double_eq_tol(pm_meter_joules(sensor_meter(R.d), t0 + 10 * PERIOD),
				PJ * 1e-12, 1e-20);
	/* Again. */
	simtime_t t1 = sched_now(&R.s);
	wr(CTRL, EN | SINGLE | THIE);
	run_to(t1 + PERIOD);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(1));
}
END_TEST

/* ---- interrupts and DMA requests, by events -------------------------------- */

START_TEST(test_threshold_interrupt)
{
	wr(THRESH, 3);
	wr(CTRL, EN | THIE);
	run_to(3 * PERIOD - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(3 * PERIOD);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(STATUS) & (S_THR | S_IRQ), S_THR | S_IRQ);
	rd(DATA); /* 2 left: below */
	ck_assert_int_eq(R.level, 0);
	run_to(4 * PERIOD - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(4 * PERIOD);
	ck_assert_int_eq(R.level, 1);
	/* Masking drops the line; unmasking with the FIFO above raises it. */
	wr(CTRL, EN);
	ck_assert_int_eq(R.level, 0);
	wr(CTRL, EN | THIE);
	ck_assert_int_eq(R.level, 1);
	/* Raising the threshold above the level drops it. */
	wr(THRESH, 5);
	ck_assert_int_eq(R.level, 0);
	run_to(5 * PERIOD);
	ck_assert_int_eq(R.level, 0);
	run_to(6 * PERIOD);
	ck_assert_int_eq(R.level, 1);
	ck_assert_int_eq(R.irq_changes, 7);
}
END_TEST

START_TEST(test_overrun_interrupt)
{
	wr(CTRL, EN | ERRIE);
	run_to((DEPTH + 1) * PERIOD - 1);
	ck_assert_int_eq(R.level, 0);
	run_to((DEPTH + 1) * PERIOD);
	ck_assert_int_eq(R.level, 1);
	/* Cleared, the next overrun is the very next sample (still full). */
	wr(STATUS, S_OVR);
	ck_assert_int_eq(R.level, 0);
	run_to((DEPTH + 2) * PERIOD - 1);
	ck_assert_int_eq(R.level, 0);
	run_to((DEPTH + 2) * PERIOD);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_events_only_when_something_changes)
{
	/* Continuous sampling with nothing enabled to notice it: no events. */
	wr(CTRL, EN);
	run_to(PS_PER_S);
	ck_assert_uint_eq(R.s.dispatched, 0);
	ck_assert_uint_eq(rd(COUNT), 1000);
	/* With the threshold interrupt: one event, when it rises; none while
	 * it stays up. */
	wr(CTRL, EN | FLUSH);
	wr(CTRL, EN | THIE);
	run_to(2 * PS_PER_S);
	ck_assert_uint_eq(R.s.dispatched, 1);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_dma_request_levels)
{
	wr(BURST, 3);
	wr(CTRL, EN);
	run_to(2 * PERIOD);
	/* DMAEN clear: no request whatever the level. */
	ck_assert_int_eq(R.req_calls, 0);
	wr(CTRL, EN | DMAEN);
	ck_assert(R.single && !R.burst);
	ck_assert_int_eq(R.req_calls, 1);
	run_to(3 * PERIOD - 1);
	ck_assert(!R.burst);
	run_to(3 * PERIOD);
	ck_assert(R.single && R.burst);
	ck_assert_int_eq(R.req_calls, 2);
	/* A read below the burst drops burst, keeps single. */
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(0));
	ck_assert(R.single && !R.burst);
	rd(DATA);
	rd(DATA);
	ck_assert(!R.single && !R.burst);
	ck_assert_int_eq(R.req_calls, 4);
	/* From empty, single comes with the next sample. */
	run_to(4 * PERIOD - 1);
	ck_assert(!R.single);
	run_to(4 * PERIOD);
	ck_assert(R.single && !R.burst);
	/* `done` re-presents the levels and counts the transfer. */
	struct dma_ack a = sensor_dma_ack(R.d);
	int calls = R.req_calls;
	a.done(a.periph, false);
	ck_assert_int_eq(R.req_calls, calls + 1);
	ck_assert(R.single && !R.burst);
	a.done(a.periph, true);
	ck_assert_uint_eq(sensor_dma_transfers(R.d), 2);
	/* DMAEN off drops both at once. */
	wr(CTRL, EN);
	ck_assert(!R.single && !R.burst);
}
END_TEST

/* A minimal controller: on a burst request it reads BURST words of DATA
 * through the bus as a master would and answers each with done. */
static struct {
	uint32_t got[64];
	unsigned n;
	bool active;
	struct dma_ack ack;
} C;

static void ctrl_request(void *ctrl, unsigned input, bool single, bool burst)
{
	R.single = single;
	R.burst = burst;
	R.req_calls++;
	if (!burst || C.active)
		return;
	/* The reads change the request while we are in it: the controller
	 * ignores requests during its own transfer. */
	C.active = true;
	for (unsigned i = 0; i < 4 && C.n < 64; i++) {
		uint64_t lat = 0;
		ck_assert_int_eq(bus_master_access(&R.b, sched_now(&R.s), BASE + DATA, 4,
						   &C.got[C.n++], false, &lat), BUS_OK);
		C.ack.done(C.ack.periph, i == 3);
	}
	C.active = false;
}

START_TEST(test_dma_drains_the_fifo_in_bursts)
{
	memset(&C, 0, sizeof C);
	C.ack = sensor_dma_ack(R.d);
	struct dma_line line = { ctrl_request, &R, 3 };
	sensor_set_dma_line(R.d, &line);
	wr(BURST, 4);
	wr(CTRL, EN | DMAEN | ERRIE);
	run_to(40 * PERIOD);
	/* Every sample arrived, in order, none lost; the FIFO never filled. */
	ck_assert_uint_eq(C.n, 40);
	for (unsigned k = 0; k < 40; k++)
		ck_assert_uint_eq(C.got[k], sensor_sample_value(k));
	ck_assert_uint_eq(rd(STATUS) & (S_OVR | S_UDR), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(sensor_dma_transfers(R.d), 40);
}
END_TEST

/* ---- clock, power, energy, trace ------------------------------------------- */

START_TEST(test_clock_change_keeps_the_period_progress)
{
	wr(CTRL, EN);
	run_to(2 * PERIOD + PERIOD / 2);
	ck_assert_uint_eq(rd(COUNT), 2);
	/* 500 of 1000 cycles done; the other 500 at 2 MHz take 250 us. */
	sensor_set_clock(R.d, 2 * CLK);
	simtime_t t = sched_now(&R.s);
	run_to(t + PERIOD / 4 - 1);
	ck_assert_uint_eq(rd(COUNT), 2);
	run_to(t + PERIOD / 4);
	ck_assert_uint_eq(rd(COUNT), 3);
	run_to(t + PERIOD / 4 + PERIOD / 2);
	ck_assert_uint_eq(rd(COUNT), 4);
	/* An interrupt scheduled at the old rate moves with the clock. */
	wr(THRESH, 6);
	wr(CTRL, EN | THIE);
	sensor_set_clock(R.d, CLK / 2); /* 2 ms a sample from here */
	t = sched_now(&R.s);
	run_to(t + 4 * PERIOD - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(t + 4 * PERIOD);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_gated_clock_stops_sampling)
{
	wr(THRESH, 3);
	wr(CTRL, EN | THIE);
	run_to(2 * PERIOD + PERIOD / 4);
	sensor_set_clock(R.d, 0);
	ck_assert_uint_eq(rd(STATUS) & S_ACTIVE, 0);
	ck_assert_double_eq(sensor_meter(R.d)->watts, 0);
	run_to(50 * PERIOD);
	ck_assert_uint_eq(rd(COUNT), 2);
	ck_assert_int_eq(R.level, 0);
	/* Back on: the rest of the period, then the interrupt. */
	sensor_set_clock(R.d, CLK);
	run_to(50 * PERIOD + 3 * PERIOD / 4 - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(50 * PERIOD + 3 * PERIOD / 4);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(COUNT), 3);
}
END_TEST

START_TEST(test_power_off_loses_everything)
{
	wr(THRESH, 2);
	wr(BURST, 2);
	wr(RATE, 500);
	wr(CTRL, EN | THIE | DMAEN);
	run_to(3 * PERIOD / 2);
	ck_assert_int_eq(R.level, 1);
	ck_assert(R.single && R.burst);
	sensor_set_power(R.d, PD_OFF);
	uint64_t events = R.s.dispatched;
	ck_assert_int_eq(R.level, 0);
	ck_assert(!R.single && !R.burst);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + COUNT, 4, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + CTRL, 4, EN), BUS_ERR_DEVICE);
	ck_assert_double_eq(sensor_meter(R.d)->watts, 0);
	run_to(10 * PERIOD);
	sensor_set_power(R.d, PD_ON);
	ck_assert_uint_eq(rd(CTRL), 0);
	ck_assert_uint_eq(rd(RATE), RATE0);
	ck_assert_uint_eq(rd(THRESH), DEPTH / 2);
	ck_assert_uint_eq(rd(BURST), 4);
	ck_assert_uint_eq(rd(LEVEL), 0);
	ck_assert_uint_eq(rd(COUNT), 0);
	run_to(20 * PERIOD);
	ck_assert_uint_eq(rd(COUNT), 0);
	ck_assert_uint_eq(R.s.dispatched, events);
}
END_TEST

START_TEST(test_retention_keeps_state_but_stops)
{
	wr(THRESH, 3);
	wr(CTRL, EN | THIE);
	run_to(2 * PERIOD + PERIOD / 2);
	sensor_set_power(R.d, PD_RETENTION);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + COUNT, 4, &v), BUS_ERR_DEVICE);
	run_to(30 * PERIOD);
	ck_assert_int_eq(R.level, 0);
	sensor_set_power(R.d, PD_ON);
	ck_assert_uint_eq(rd(COUNT), 2);
	ck_assert_uint_eq(rd(CTRL), EN | THIE);
	run_to(30 * PERIOD + PERIOD / 2 - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(30 * PERIOD + PERIOD / 2);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(0));
}
END_TEST

START_TEST(test_energy_per_sample)
{
	struct pm_meter *m = sensor_meter(R.d);
	ck_assert_str_eq(m->component, "adc0");
	ck_assert_str_eq(m->kind, "samples");
	wr(CTRL, EN);
	run_to(10 * PERIOD);
	ck_assert_double_eq_tol(pm_meter_joules(m, sched_now(&R.s)), 10 * PJ * 1e-12, 1e-20);
	/* Twice the clock, twice the samples per second. */
	sensor_set_clock(R.d, 2 * CLK);
	run_to(15 * PERIOD);
	ck_assert_double_eq_tol(pm_meter_joules(m, sched_now(&R.s)), 20 * PJ * 1e-12, 1e-20);
	/* Gated, disabled: nothing more. */
	sensor_set_clock(R.d, 0);
	run_to(25 * PERIOD);
	sensor_set_clock(R.d, CLK);
	wr(CTRL, 0);
	run_to(35 * PERIOD);
	ck_assert_double_eq_tol(pm_meter_joules(m, sched_now(&R.s)), 20 * PJ * 1e-12, 1e-20);
	ck_assert_uint_eq(rd(COUNT), 20);
}
END_TEST

START_TEST(test_trace_of_states)
{
	R.tr.sinks[0] = (struct trace_sink){ trace_record, &R };
	R.tr.nsinks = 1;
	sensor_set_trace(R.d, &R.tr);
	wr(CTRL, EN);
	run_to(PERIOD);
	sensor_set_clock(R.d, 0);
	sensor_set_power(R.d, PD_RETENTION);
	run_to(2 * PERIOD);
	sensor_set_power(R.d, PD_OFF);
	const int64_t want[] = { 2, 3, 2, 1, 0 }; /* idle sampling idle retention off */
	ck_assert_uint_eq(R.ntr, 5);
	for (unsigned i = 0; i < 5; i++)
		ck_assert_int_eq(R.tr_value[i], want[i]);
	ck_assert_uint_eq(R.tr_time[2], PERIOD);
	ck_assert_uint_eq(R.tr_time[4], 2 * PERIOD);
}
END_TEST

START_TEST(test_reset_keeps_inputs)
{
	wr(CTRL, EN | THIE | DMAEN);
	wr(THRESH, 1);
	run_to(PERIOD);
	ck_assert_int_eq(R.level, 1);
	ck_assert(R.single);
	sensor_set_clock(R.d, 2 * CLK);
	sensor_reset(R.d);
	ck_assert_int_eq(R.level, 0);
	ck_assert(!R.single);
	ck_assert_uint_eq(rd(CTRL), 0);
	ck_assert_uint_eq(rd(LEVEL), 0);
	/* The clock is still 2 MHz: a sample every 500 us. */
	wr(CTRL, EN);
	simtime_t t = sched_now(&R.s);
	run_to(t + PERIOD / 2);
	ck_assert_uint_eq(rd(COUNT), 1);
}
END_TEST

START_TEST(test_new_rejects_bad_config)
{
	struct irq_line none = { 0 };
	struct sensor_config c = { CLK, 0, 8, 0, "x" };
	ck_assert_ptr_null(sensor_new(&R.b, &R.s, BASE + 0x1000, &c, none));
	c.sample_hz = 10;
	c.fifo_depth = 0;
	ck_assert_ptr_null(sensor_new(&R.b, &R.s, BASE + 0x1000, &c, none));
	c.fifo_depth = SENSOR_FIFO_MAX + 1;
	ck_assert_ptr_null(sensor_new(&R.b, &R.s, BASE + 0x1000, &c, none));
	c.fifo_depth = SENSOR_FIFO_MAX;
	ck_assert_ptr_null(sensor_new(&R.b, &R.s, BASE + 0x800, &c, none));
	struct sensor *d2 = sensor_new(&R.b, &R.s, BASE + 0x1000, &c, none);
	ck_assert_ptr_nonnull(d2);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0x1000 + DEPTHR, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, SENSOR_FIFO_MAX);
	ck_assert_int_eq(bus_read(&R.b, BASE + 0x1000 + THRESH, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, SENSOR_FIFO_MAX / 2);
	sensor_free(d2);
}
END_TEST

/* ---- the signal and faults, for scenarios ---------------------------------- */

/* A signal that records when it was asked for which sample: code k * 1000,
 * so that sample 5 on asks for more than 12 bits. */
static uint32_t signal_record(void *opaque, simtime_t t, uint32_t k)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_uint_lt(R.nsig, 32);
	R.sig_t[R.nsig] = t;
	R.sig_k[R.nsig++] = k;
	return k * 1000;
}

/* Samples are computed lazily, yet each one asks the signal at its own
 * conversion time, across a clock change; the code is clamped to 12 bits
 * under the sample number. */
START_TEST(test_signal_at_each_samples_own_time)
{
	simtime_t t0 = 123456789;
	run_to(t0);
	sensor_set_signal(R.d, signal_record, &R);
	wr(CTRL, EN);
	/* 2.5 periods in, the clock doubles: the half period left takes a
	 * quarter, and the next ones half a period each. */
	run_to(t0 + 5 * PERIOD / 2);
	sensor_set_clock(R.d, 2 * CLK);
	run_to(t0 + 17 * PERIOD / 4);
	ck_assert_uint_eq(R.nsig, 2); /* the clock change brought two up to date */
	ck_assert_uint_eq(rd(LEVEL), 6);
	static const simtime_t at[6] = { 4, 8, 11, 13, 15, 17 }; /* quarter periods */
	ck_assert_uint_eq(R.nsig, 6);
	for (unsigned i = 0; i < 6; i++) {
		ck_assert_uint_eq(R.sig_k[i], i);
		ck_assert_uint_eq(R.sig_t[i], t0 + at[i] * PERIOD / 4);
	}
	for (uint32_t k = 0; k < 6; k++)
		ck_assert_uint_eq(rd(DATA), k << 16 | (k < 5 ? k * 1000 : 0xfffu));
}
END_TEST

/* Samples lost to overrun never reach the signal; those converted before
 * a change of signal keep their values, and NULL is the sawtooth again. */
START_TEST(test_signal_change_and_overrun)
{
	sensor_set_signal(R.d, signal_record, &R);
	wr(COUNT, 1);
	wr(CTRL, EN);
	run_to((DEPTH + 2) * PERIOD);
	ck_assert_uint_eq(rd(DROPPED), 2);
	ck_assert_uint_eq(R.nsig, DEPTH);
	ck_assert_uint_eq(R.sig_k[DEPTH - 1], DEPTH);
	wr(CTRL, EN | FLUSH);
	run_to((DEPTH + 4) * PERIOD);
	sensor_set_signal(R.d, NULL, NULL);
	run_to((DEPTH + 6) * PERIOD);
	ck_assert_uint_eq(R.nsig, DEPTH + 2);
	ck_assert_uint_eq(rd(DATA), (DEPTH + 3) << 16 | 0xfffu);
	ck_assert_uint_eq(rd(DATA), (DEPTH + 4) << 16 | 0xfffu);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(DEPTH + 5));
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(DEPTH + 6));
}
END_TEST

/* A stuck interrupt line is high whatever the model asserts (STATUS.IRQ
 * is the model's), through a reset and a power cycle, until "clear". */
START_TEST(test_fault_stuck_irq)
{
	struct err e;
	ck_assert_int_eq(sensor_fault(R.d, "stuck-irq", &e), 0);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(STATUS) & S_IRQ, 0);
	sensor_reset(R.d);
	sensor_set_power(R.d, PD_OFF);
	sensor_set_power(R.d, PD_ON);
	ck_assert_int_eq(R.level, 1);
	ck_assert_int_eq(R.irq_changes, 1);
	/* The model's own interrupt comes and goes underneath. */
	wr(THRESH, 1);
	wr(CTRL, EN | THIE);
	run_to(PERIOD);
	ck_assert_uint_eq(rd(STATUS) & S_IRQ, S_IRQ);
	ck_assert_int_eq(sensor_fault(R.d, "clear", &e), 0);
	ck_assert_int_eq(R.level, 1);
	rd(DATA);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

/* A stuck request asks for single and burst transfers with the FIFO
 * empty and DMA disabled: the controller's reads find nothing. */
START_TEST(test_fault_stuck_dma)
{
	struct err e;
	ck_assert_int_eq(sensor_fault(R.d, "stuck-dma", &e), 0);
	ck_assert(R.single && R.burst);
	struct dma_ack a = sensor_dma_ack(R.d);
	uint32_t v;
	uint64_t lat;
	ck_assert_int_eq(bus_master_access(&R.b, 0, BASE + DATA, 4, &v, false, &lat), BUS_OK);
	ck_assert_uint_eq(v, SENSOR_EMPTY_READ);
	int calls = R.req_calls;
	a.done(a.periph, false);
	ck_assert(R.single && R.burst);
	ck_assert_int_gt(R.req_calls, calls); /* asked again, as after DMACCLR */
	ck_assert_uint_eq(rd(STATUS) & S_UDR, S_UDR);
	sensor_set_power(R.d, PD_OFF);
	ck_assert(R.single && R.burst);
	sensor_set_power(R.d, PD_ON);
	ck_assert_int_eq(sensor_fault(R.d, "clear", &e), 0);
	ck_assert(!R.single && !R.burst);
}
END_TEST

/* "overrun": one more conversion meets a FIFO taken as full, at once:
 * lost, counted, the error interrupt; only while the domain is on. */
START_TEST(test_fault_overrun)
{
	struct err e;
	struct pm_meter *m = sensor_meter(R.d);
	wr(CTRL, EN | ERRIE);
	run_to(2 * PERIOD + PERIOD / 2);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(sensor_fault(R.d, "overrun", &e), 0);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(STATUS) & (S_OVR | S_FULL), S_OVR);
	ck_assert_uint_eq(rd(DROPPED), 1);
	ck_assert_uint_eq(sensor_dropped(R.d), 1);
	ck_assert_uint_eq(rd(LEVEL), 2);
	ck_assert_uint_eq(rd(COUNT), 3);
	ck_assert_double_eq_tol(pm_meter_joules(m, sched_now(&R.s)), 2.5 * PJ * 1e-12 + PJ * 1e-12,
				1e-20);
	/* The next real sample is number 3: the lost one leaves a gap. */
	run_to(3 * PERIOD);
	rd(DATA);
	rd(DATA);
	ck_assert_uint_eq(rd(DATA), sensor_sample_value(3));
	sensor_set_power(R.d, PD_RETENTION);
	ck_assert_int_eq(sensor_fault(R.d, "overrun", &e), -1);
	ck_assert_str_eq(e.msg, "overrun needs the sensor's power domain on (it converts nothing "
			 "otherwise)");
	ck_assert_int_eq(sensor_fault(R.d, "noise", &e), -1);
	ck_assert_str_eq(e.msg, "unknown fault \"noise\"; it takes stuck-dma, stuck-irq, overrun "
			 "or clear");
}
END_TEST

/* ---- device-tree binding ---------------------------------------------------- */

static char fdt_buf[4096];

struct node_opts {
	uint32_t reg_size;
	int nirq;
	uint32_t osc_hz;
	int64_t sample_hz;  /* -1: absent */
	int64_t depth;      /* -1: absent */
	int64_t pj;         /* -1: absent */
	bool dmas;
	const char *dma_name;
};

static const struct node_opts good = {
	.reg_size = 0x1000, .nirq = 1, .osc_hz = 32768, .sample_hz = 1024, .depth = 16,
	.pj = 120, .dmas = true, .dma_name = "rx",
};

#define NODE_PATH "/soc/adc@40030000"
#define DMA_PATH "/soc/dma@40040000"

static void build(const struct node_opts *o)
{
	ck_assert_int_eq(fdt_create(fdt_buf, sizeof fdt_buf), 0);
	ck_assert_int_eq(fdt_finish_reservemap(fdt_buf), 0);
	ck_assert_int_eq(fdt_begin_node(fdt_buf, ""), 0);
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 1);
	fdt_begin_node(fdt_buf, "osc");
	fdt_property_string(fdt_buf, "compatible", "fixed-clock");
	fdt_property_u32(fdt_buf, "#clock-cells", 0);
	fdt_property_u32(fdt_buf, "clock-frequency", o->osc_hz);
	fdt_property_u32(fdt_buf, "phandle", 1);
	fdt_end_node(fdt_buf);
	fdt_begin_node(fdt_buf, "soc");
	fdt_property_u32(fdt_buf, "#address-cells", 1);
	fdt_property_u32(fdt_buf, "#size-cells", 1);
	fdt_begin_node(fdt_buf, "dma@40040000");
	fdt_property_u32(fdt_buf, "#dma-cells", 1);
	fdt_property_u32(fdt_buf, "phandle", 2);
	fdt_end_node(fdt_buf);
	fdt_begin_node(fdt_buf, "adc@40030000");
	fdt_property_string(fdt_buf, "compatible", "pmsim,sensor");
	fdt32_t reg[2] = { cpu_to_fdt32(0x40030000), cpu_to_fdt32(o->reg_size) };
	fdt_property(fdt_buf, "reg", reg, sizeof reg);
	fdt32_t irqs[2] = { cpu_to_fdt32(12), cpu_to_fdt32(13) };
	if (o->nirq)
		fdt_property(fdt_buf, "interrupts", irqs, (int)(4 * o->nirq));
	fdt_property_u32(fdt_buf, "clocks", 1);
	if (o->sample_hz >= 0)
		fdt_property_u32(fdt_buf, "pmsim,sample-hz", (uint32_t)o->sample_hz);
	if (o->depth >= 0)
		fdt_property_u32(fdt_buf, "pmsim,fifo-depth", (uint32_t)o->depth);
	if (o->pj >= 0)
		fdt_property_u32(fdt_buf, "pmsim,picojoule-per-sample", (uint32_t)o->pj);
	if (o->dmas) {
		fdt32_t dmas[2] = { cpu_to_fdt32(2), cpu_to_fdt32(5) };
		fdt_property(fdt_buf, "dmas", dmas, sizeof dmas);
		fdt_property_string(fdt_buf, "dma-names", o->dma_name);
	}
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
}

static struct soc soc;

/* The fake DMA controller's side: which input took which answer. */
static struct {
	unsigned input;
	struct dma_ack ack;
	int acks;
	bool single, burst;
	int requests;
} F;

static void fake_request(void *ctrl, unsigned input, bool single, bool burst)
{
	ck_assert_ptr_eq(ctrl, &F);
	ck_assert_uint_eq(input, 5);
	F.single = single;
	F.burst = burst;
	F.requests++;
}

static int fake_ack(void *ctrl, unsigned input, struct dma_ack a)
{
	ck_assert_ptr_eq(ctrl, &F);
	F.input = input;
	F.ack = a;
	F.acks++;
	return 0;
}

static int create(const struct node_opts *o, void **state, struct err *e)
{
	build(o);
	memset(&soc, 0, sizeof soc);
	memset(&F, 0, sizeof F);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.fdt = fdt_buf;
	soc.fdt_size = sizeof fdt_buf;
	soc.num_irq = 32;
	ck_assert_int_eq(soc_dma_register(&soc, fdt_path_offset(fdt_buf, DMA_PATH), fake_request,
					  fake_ack, &F), 0);
	struct dt_node n = { fdt_buf, fdt_path_offset(fdt_buf, NODE_PATH), NODE_PATH };
	ck_assert_int_ge(n.off, 0);
	*state = NULL;
	memset(e, 0, sizeof *e);
	return sensor_dev_type.create(&soc, &n, state, e);
}

static void destroy(void *state)
{
	if (state)
		sensor_dev_type.destroy(state);
	bus_free(&soc.bus);
	sched_free(&soc.sched);
}

static uint32_t srd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&soc.bus, 0x40030000 + off, 4, &v), BUS_OK);
	return v;
}

START_TEST(test_create_and_realize_from_device_tree)
{
	void *st;
	struct err e;
	ck_assert_int_eq(create(&good, &st, &e), 0);
	ck_assert_ptr_nonnull(st);
	ck_assert_str_eq(sensor_dev_type.compatible, "pmsim,sensor");

	ck_assert_uint_eq(srd(ID), 0x534e5331);
	ck_assert_uint_eq(srd(RATE), 32); /* 32768 / 1024 */
	ck_assert_uint_eq(srd(DEPTHR), 16);
	ck_assert_int_eq(F.acks, 0);
	ck_assert_int_eq(sensor_dev_type.realize(st, &soc, &e), 0);
	/* The line is connected both ways and the meter is listed. */
	ck_assert_int_eq(F.acks, 1);
	ck_assert_uint_eq(F.input, 5);
	ck_assert_ptr_nonnull(soc.meters);
	ck_assert_str_eq(soc.meters->component, "adc@40030000");
	ck_assert_ptr_null(soc.meters->next);
	ck_assert_int_eq(bus_write(&soc.bus, 0x40030000 + BURST, 4, 2), BUS_OK);
	ck_assert_int_eq(bus_write(&soc.bus, 0x40030000 + CTRL, 4, EN | DMAEN), BUS_OK);
	/* 1024 Hz: two samples in 2/1024 s raise burst through the line. */
	simtime_t two = (2 * 32 * PS_PER_S + 32767) / 32768;
	sched_run_until(&soc.sched, two - 1);
	ck_assert(F.single && !F.burst);
	sched_run_until(&soc.sched, two);
	ck_assert(F.single && F.burst);
	/* The device's state is the sensor itself (docs/hooks.md), and its
	 * faults are the dev_type's. */
	ck_assert_uint_eq(sensor_level(st), 2);
	ck_assert_ptr_eq(sensor_meter(st), soc.meters);
	ck_assert_int_eq(sensor_dev_type.fault(st, "stuck-dma", &e), 0);
	ck_assert_int_eq(sensor_dev_type.fault(st, "clear", &e), 0);
	ck_assert_int_eq(sensor_dev_type.fault(st, "stuck", &e), -1);
	/* The controller's answer reaches the model. */
	int before = F.requests;
	F.ack.done(F.ack.periph, true);
	ck_assert_int_eq(F.requests, before + 1);
	/* Energy: 120 pJ a sample, on the listed meter. */
	ck_assert_double_eq_tol(pm_meter_joules(soc.meters, two), 2 * 120e-12, 1e-20);
	/* The clock and power callbacks reach it. */
	sensor_dev_type.clock_rate(st, 1, 0); /* a bus clock: ignored */
	ck_assert_uint_eq(srd(STATUS) & S_ACTIVE, S_ACTIVE);
	sensor_dev_type.clock_rate(st, 0, 0);
	ck_assert_uint_eq(srd(STATUS) & S_ACTIVE, 0);
	sensor_dev_type.power(st, PD_OFF);
	ck_assert(!F.single && !F.burst);
	sensor_dev_type.power(st, PD_ON);
	ck_assert_uint_eq(srd(CTRL), 0);
	sensor_dev_type.reset(st);
	ck_assert_uint_eq(srd(RATE), 32);
	destroy(st);
}
END_TEST

START_TEST(test_create_defaults_without_dma)
{
	void *st;
	struct err e;
	struct node_opts o = good;
	o.sample_hz = -1;
	o.depth = -1;
	o.pj = -1;
	o.dmas = false;
	o.osc_hz = 1000000;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	ck_assert_uint_eq(srd(RATE), 1000); /* 1 kHz by default */
	ck_assert_uint_eq(srd(DEPTHR), 32);
	ck_assert_int_eq(sensor_dev_type.realize(st, &soc, &e), 0);
	ck_assert_int_eq(F.acks, 0);
	ck_assert_ptr_nonnull(soc.meters);
	destroy(st);
}
END_TEST

static void expect_error(const struct node_opts *o, const char *what)
{
	void *st;
	struct err e;
	ck_assert_int_eq(create(o, &st, &e), -1);
	ck_assert_ptr_null(st);
	ck_assert_msg(strstr(e.msg, NODE_PATH) != NULL, "no node path in '%s'", e.msg);
	ck_assert_msg(strstr(e.msg, what) != NULL, "'%s' not in '%s'", what, e.msg);
	destroy(NULL);
}

START_TEST(test_create_errors)
{
	struct node_opts o = good;
	o.reg_size = 0x100;
	expect_error(&o, "smaller than the sensor's 4 KiB");
	o = good;
	o.nirq = 0;
	expect_error(&o, "'interrupts' must be one entry");
	o = good;
	o.nirq = 2;
	expect_error(&o, "'interrupts' must be one entry");
	o = good;
	o.depth = 0;
	expect_error(&o, "'pmsim,fifo-depth' must be 1..256 (is 0)");
	o.depth = 257;
	expect_error(&o, "'pmsim,fifo-depth' must be 1..256 (is 257)");
	o = good;
	o.sample_hz = 0;
	expect_error(&o, "'pmsim,sample-hz' must be 1..32768");
	o.sample_hz = 40000;
	expect_error(&o, "not 40000");
}
END_TEST

START_TEST(test_gated_clock_at_build_latches_rate_when_it_runs)
{
	/* Peripheral clocks are gated at reset: RATE reads 0 until the clock
	 * first runs, then floor(clock / sample-hz), kept across resets. */
	void *st;
	struct err e;
	struct node_opts o = good;
	o.osc_hz = 0;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	ck_assert_uint_eq(srd(RATE), 0);
	ck_assert_int_eq(bus_write(&soc.bus, 0x40030000 + CTRL, 4, EN), BUS_OK);
	ck_assert_uint_eq(srd(STATUS) & S_ACTIVE, 0);
	sensor_dev_type.clock_rate(st, 0, 65536);
	ck_assert_uint_eq(srd(RATE), 64);
	ck_assert_uint_eq(srd(STATUS) & S_ACTIVE, S_ACTIVE);
	/* Later clock changes do not move the strap. */
	sensor_dev_type.clock_rate(st, 0, 32768);
	sensor_dev_type.reset(st);
	ck_assert_uint_eq(srd(RATE), 64);
	sensor_dev_type.power(st, PD_OFF);
	sensor_dev_type.power(st, PD_ON);
	ck_assert_uint_eq(srd(RATE), 64);
	destroy(st);
	/* A sample rate above the clock's clamps to one sample a cycle. */
	o.sample_hz = 100000;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	sensor_dev_type.clock_rate(st, 0, 1000);
	ck_assert_uint_eq(srd(RATE), 1);
	destroy(st);
	/* RATE written before the clock runs is kept. */
	o = good;
	o.osc_hz = 0;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	ck_assert_int_eq(bus_write(&soc.bus, 0x40030000 + RATE, 4, 7), BUS_OK);
	sensor_dev_type.clock_rate(st, 0, 65536);
	ck_assert_uint_eq(srd(RATE), 7);
	sensor_dev_type.reset(st);
	ck_assert_uint_eq(srd(RATE), 64);
	destroy(st);
}
END_TEST

START_TEST(test_realize_errors)
{
	void *st;
	struct err e;
	struct node_opts o = good;
	o.dma_name = "tx";
	ck_assert_int_eq(create(&o, &st, &e), 0);
	ck_assert_int_eq(sensor_dev_type.realize(st, &soc, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, NODE_PATH ": no DMA line \"rx\""));
	destroy(st);
	/* A `dmas` pointing at a node no controller registered. */
	ck_assert_int_eq(create(&good, &st, &e), 0);
	soc.ndmacs = 0;
	ck_assert_int_eq(sensor_dev_type.realize(st, &soc, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "names no DMA controller"));
	destroy(st);
}
END_TEST

START_TEST(test_create_overlap)
{
	void *st;
	struct err e;
	build(&good);
	memset(&soc, 0, sizeof soc);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.fdt = fdt_buf;
	soc.num_irq = 32;
	ck_assert_int_ge(bus_add_ram(&soc.bus, "ram", 0x40030000, 0x1000, false), 0);
	struct dt_node n = { fdt_buf, fdt_path_offset(fdt_buf, NODE_PATH), NODE_PATH };
	ck_assert_int_eq(sensor_dev_type.create(&soc, &n, &st, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, NODE_PATH ": cannot map the sensor at 0x40030000"));
	soc.num_irq = 12; /* interrupt 12 does not exist */
	ck_assert_int_eq(sensor_dev_type.create(&soc, &n, &st, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "interrupt 12 is beyond the NVIC's 12"));
	destroy(NULL);
}
END_TEST

static Suite *sensor_suite(void)
{
	Suite *s = suite_create("sensor");
	TCase *regs = tcase_create("registers");
	tcase_add_checked_fixture(regs, setup, teardown);
	tcase_add_test(regs, test_reset_values);
	tcase_add_test(regs, test_registers_keep_their_implemented_bits);
	tcase_add_test(regs, test_access_sizes);
	tcase_add_test(regs, test_reset_keeps_inputs);
	tcase_add_test(regs, test_new_rejects_bad_config);
	suite_add_tcase(s, regs);

	TCase *smp = tcase_create("sampling");
	tcase_add_checked_fixture(smp, setup, teardown);
	tcase_add_test(smp, test_samples_arrive_exactly_at_the_rate);
	tcase_add_test(smp, test_sample_times_do_not_drift);
	tcase_add_test(smp, test_interrupt_at_the_first_picosecond_of_the_sample);
	tcase_add_test(smp, test_data_formula);
	tcase_add_test(smp, test_fifo_fills_then_overruns_at_the_right_sample);
	tcase_add_test(smp, test_empty_read_is_an_underrun);
	tcase_add_test(smp, test_flush_empties_the_fifo);
	tcase_add_test(smp, test_rate_write_restarts_the_period);
	tcase_add_test(smp, test_single_shot);
	suite_add_tcase(s, smp);

	TCase *out = tcase_create("interrupts-and-dma");
	tcase_add_checked_fixture(out, setup, teardown);
	tcase_add_test(out, test_threshold_interrupt);
	tcase_add_test(out, test_overrun_interrupt);
	tcase_add_test(out, test_events_only_when_something_changes);
	tcase_add_test(out, test_dma_request_levels);
	tcase_add_test(out, test_dma_drains_the_fifo_in_bursts);
	suite_add_tcase(s, out);

	TCase *pm = tcase_create("clock-power-energy");
	tcase_add_checked_fixture(pm, setup, teardown);
	tcase_add_test(pm, test_clock_change_keeps_the_period_progress);
	tcase_add_test(pm, test_gated_clock_stops_sampling);
	tcase_add_test(pm, test_power_off_loses_everything);
	tcase_add_test(pm, test_retention_keeps_state_but_stops);
	tcase_add_test(pm, test_energy_per_sample);
	tcase_add_test(pm, test_trace_of_states);
	suite_add_tcase(s, pm);

	TCase *hk = tcase_create("scenario-hooks");
	tcase_add_checked_fixture(hk, setup, teardown);
	tcase_add_test(hk, test_signal_at_each_samples_own_time);
	tcase_add_test(hk, test_signal_change_and_overrun);
	tcase_add_test(hk, test_fault_stuck_irq);
	tcase_add_test(hk, test_fault_stuck_dma);
	tcase_add_test(hk, test_fault_overrun);
	suite_add_tcase(s, hk);

	TCase *dt = tcase_create("device-tree");
	tcase_add_test(dt, test_create_and_realize_from_device_tree);
	tcase_add_test(dt, test_create_defaults_without_dma);
	tcase_add_test(dt, test_create_errors);
	tcase_add_test(dt, test_gated_clock_at_build_latches_rate_when_it_runs);
	tcase_add_test(dt, test_realize_errors);
	tcase_add_test(dt, test_create_overlap);
	suite_add_tcase(s, dt);
	return s;
}

int main(void)
{
	return check_run(sensor_suite());
}
