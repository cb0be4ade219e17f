/*
 * Unit tests for the PL061 GPIO model, driven the way firmware drives it:
 * through bus_read/bus_write on a bus with the device mapped, with a real
 * scheduler, an irq_line that records the level it is driven to, and the
 * outside world on the pins through pl061_set_input. The device-tree path
 * is tested on trees built in memory with libfdt's sequential-write API.
 */
#include <check.h>
#include <libfdt.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "devices/pl061.h"
#include "check_run.h"

extern const struct dev_type pl061_dev_type;

#define BASE 0x40010000u
#define PCLK 50000000u

enum {
	DATA = 0x000, DIR = 0x400, IS = 0x404, IBE = 0x408, IEV = 0x40c, IE = 0x410,
	RIS = 0x414, MIS = 0x418, IC = 0x41c, AFSEL = 0x420,
};

/* The GPIODATA address that selects the pins in `mask`. */
#define DATA_AT(mask) ((uint32_t)(mask) << 2)
#define DATA_ALL DATA_AT(0xff)

static struct {
	struct sched s;
	struct bus b;
	struct pl061 *g;
	int level;
	int changes;
	uint8_t outs[16];
	unsigned nouts;
	bool loop; /* the observer wires output pin 0 to input pin 7 */
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_int_eq(num, 9);
	R.level = level;
	R.changes++;
}

static void out_record(void *opaque, uint8_t levels)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_uint_eq(levels, pl061_outputs(R.g));
	ck_assert_uint_lt(R.nouts, sizeof R.outs);
	R.outs[R.nouts++] = levels;
	if (R.loop)
		pl061_set_input(R.g, 7, levels & 1);
}

static void setup_levels(uint8_t levels)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	struct irq_line irq = { irq_record, &R, 9 };
	R.g = pl061_new(&R.b, &R.s, BASE, levels, PCLK, irq);
	ck_assert_ptr_nonnull(R.g);
}

static void setup(void)
{
	setup_levels(0);
}

static void teardown(void)
{
	pl061_free(R.g);
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

/* Every register with a value to write and the value that reads back. */
static const struct {
	uint32_t off, reset;
} regs[] = {
	{ DIR, 0 }, { IS, 0 }, { IBE, 0 }, { IEV, 0 }, { IE, 0 }, { RIS, 0 }, { MIS, 0 },
	{ IC, 0 }, { AFSEL, 0 },
};

/* ---- registers ----------------------------------------------------------- */

START_TEST(test_reset_values)
{
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
		ck_assert_uint_eq(rd(regs[i].off), regs[i].reset);
	ck_assert_uint_eq(rd(DATA_ALL), 0);
	ck_assert_uint_eq(pl061_outputs(R.g), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(R.changes, 0);
	ck_assert_uint_eq(pl061_refused_accesses(R.g), 0);
}
END_TEST

START_TEST(test_initial_input_levels_read_from_data)
{
	teardown();
	setup_levels(0xa5);
	ck_assert_uint_eq(rd(DATA_ALL), 0xa5);
	/* Creation levels are not edges. */
	ck_assert_uint_eq(rd(RIS), 0);
}
END_TEST

START_TEST(test_registers_keep_their_8_bits)
{
	static const uint32_t rw[] = { DIR, IS, IBE, IEV, IE, AFSEL };
	for (unsigned i = 0; i < sizeof rw / sizeof rw[0]; i++) {
		wr(rw[i], 0xffffff5a);
		ck_assert_uint_eq(rd(rw[i]), 0x5a);
		wr(rw[i], 0xffffffff);
		ck_assert_uint_eq(rd(rw[i]), 0xff);
		wr(rw[i], 0);
		ck_assert_uint_eq(rd(rw[i]), 0);
	}
	/* GPIORIS and GPIOMIS are read-only, GPIOIC write-only. */
	wr(RIS, 0xff);
	wr(MIS, 0xff);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	wr(IC, 0xff);
	ck_assert_uint_eq(rd(IC), 0);
	/* Reserved offsets (including the test registers) read 0, ignore
	 * writes, and never fault. */
	static const uint32_t reserved[] = { 0x424, 0x500, 0x800, 0xf00, 0xfdc };
	for (unsigned i = 0; i < sizeof reserved / sizeof reserved[0]; i++) {
		wr(reserved[i], 0xff);
		ck_assert_uint_eq(rd(reserved[i]), 0);
	}
	ck_assert_uint_eq(rd(DIR), 0);
}
END_TEST

START_TEST(test_id_registers)
{
	static const uint32_t id[8] = { 0x61, 0x10, 0x04, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), id[i]);
	wr(0xfe0, 0);
	ck_assert_uint_eq(rd(0xfe0), 0x61);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0xffc, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xb1);
}
END_TEST

START_TEST(test_access_sizes)
{
	uint32_t v = 0;
	/* Halfwords are refused by the bus and have no effect. */
	ck_assert_int_eq(bus_write(&R.b, BASE + DIR, 2, 0xff), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR, 2, &v), BUS_ERR_DEVICE);
	ck_assert_uint_eq(rd(DIR), 0);
	/* Bytes work, as Linux's driver uses them (writeb/readb). */
	ck_assert_int_eq(bus_write(&R.b, BASE + DIR, 1, 0x0f), BUS_OK);
	ck_assert_uint_eq(rd(DIR), 0x0f);
	ck_assert_int_eq(bus_write(&R.b, BASE + DATA_AT(0x04), 1, 0xff), BUS_OK);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x04);
	ck_assert_int_eq(bus_read(&R.b, BASE + DATA_ALL, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x04);
	/* A byte read off the register's first byte is the (zero) upper lane. */
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR + 1, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0);
	/* A byte store off the register's own offset is ignored. */
	ck_assert_int_eq(bus_write(&R.b, BASE + DIR + 1, 1, 0), BUS_OK);
	ck_assert_int_eq(bus_write(&R.b, BASE + DIR + 3, 1, 0), BUS_OK);
	ck_assert_uint_eq(rd(DIR), 0x0f);
	/* Also in GPIODATA, where the low address bits are not part of the
	 * pin mask: a byte at offset 1 of the masking word changes nothing. */
	ck_assert_int_eq(bus_write(&R.b, BASE + DATA_AT(0x04) + 1, 1, 0), BUS_OK);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x04);
}
END_TEST

START_TEST(test_map_overlap_fails)
{
	struct irq_line none = { 0 };
	ck_assert_ptr_null(pl061_new(&R.b, &R.s, BASE + 0x800, 0, PCLK, none));
	struct pl061 *g2 = pl061_new(&R.b, &R.s, BASE + 0x1000, 0x3c, PCLK, none);
	ck_assert_ptr_nonnull(g2);
	/* An unconnected irq line: interrupts go nowhere, nothing crashes. */
	ck_assert_int_eq(bus_write(&R.b, BASE + 0x1000 + IE, 4, 0xff), BUS_OK);
	pl061_set_input(g2, 2, 0);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0x1000 + MIS, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x04);
	/* Two instances are independent. */
	ck_assert_uint_eq(rd(IE), 0);
	ck_assert_uint_eq(rd(DATA_ALL), 0);
	pl061_free(g2);
}
END_TEST

/* ---- data and direction ---------------------------------------------------- */

START_TEST(test_data_address_mask_selects_written_pins)
{
	wr(DIR, 0xff);
	wr(DATA_ALL, 0xff);
	ck_assert_uint_eq(pl061_outputs(R.g), 0xff);
	/* Address 0x000 masks every pin: the write changes nothing. */
	wr(DATA_AT(0x00), 0x00);
	ck_assert_uint_eq(pl061_outputs(R.g), 0xff);
	/* Only pins 1 and 6 may change. */
	wr(DATA_AT(0x42), 0x00);
	ck_assert_uint_eq(pl061_outputs(R.g), 0xbd);
	wr(DATA_AT(0x81), 0x7e); /* pin 0 -> 0, pin 7 -> 0; the rest masked */
	ck_assert_uint_eq(pl061_outputs(R.g), 0x3c);
	wr(DATA_AT(0x42), 0xff);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x7e);
}
END_TEST

START_TEST(test_data_address_mask_selects_read_pins)
{
	wr(DIR, 0xf0);
	wr(DATA_ALL, 0xa0);
	pl061_set_input(R.g, 0, 1);
	pl061_set_input(R.g, 3, 1);
	ck_assert_uint_eq(rd(DATA_ALL), 0xa9);
	ck_assert_uint_eq(rd(DATA_AT(0x00)), 0);
	for (unsigned pin = 0; pin < 8; pin++)
		ck_assert_uint_eq(rd(DATA_AT(1u << pin)), 0xa9 & (1u << pin));
	ck_assert_uint_eq(rd(DATA_AT(0x0f)), 0x09);
	ck_assert_uint_eq(rd(DATA_AT(0xf0)), 0xa0);
}
END_TEST

START_TEST(test_writes_to_input_pins_are_dropped)
{
	/* Pins 0-3 outputs, 4-7 inputs. */
	wr(DIR, 0x0f);
	wr(DATA_ALL, 0xff);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x0f);
	/* Made outputs later, pins 4-7 drive 0: the 1s were never stored.
	 * (Linux's gpio-pl061 writes the value again after GPIODIR for
	 * exactly this reason.) */
	wr(DIR, 0xff);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x0f);
	ck_assert_uint_eq(rd(DATA_ALL), 0x0f);
	wr(DATA_AT(0x10), 0xff);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x1f);
}
END_TEST

START_TEST(test_output_pins_read_driven_value_input_pins_the_outside)
{
	pl061_set_input(R.g, 2, 1);
	pl061_set_input(R.g, 5, 1);
	ck_assert_uint_eq(rd(DATA_ALL), 0x24);
	/* Pin 2 as an output driving 0: reads 0 whatever the outside drives. */
	wr(DIR, 0x04);
	ck_assert_uint_eq(rd(DATA_ALL), 0x20);
	pl061_set_input(R.g, 2, 1);
	ck_assert_uint_eq(rd(DATA_ALL), 0x20);
	ck_assert_uint_eq(pl061_outputs(R.g), 0);
	/* The outside level is remembered: back to input, it is seen. */
	pl061_set_input(R.g, 2, 0);
	pl061_set_input(R.g, 2, 1);
	wr(DIR, 0);
	ck_assert_uint_eq(rd(DATA_ALL), 0x24);
	pl061_set_input(R.g, 5, 0);
	ck_assert_uint_eq(rd(DATA_ALL), 0x04);
	/* Out-of-range pins are ignored. */
	pl061_set_input(R.g, 8, 1);
	pl061_set_input(R.g, 100, 1);
	ck_assert_uint_eq(rd(DATA_ALL), 0x04);
}
END_TEST

START_TEST(test_afsel_pin_is_not_driven_by_gpiodata)
{
	wr(DIR, 0x03);
	wr(DATA_ALL, 0x03);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x03);
	/* Pin 1 handed to the (unconnected) alternate function. */
	wr(AFSEL, 0x02);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x01);
	ck_assert_uint_eq(rd(DATA_ALL), 0x01);
	pl061_set_input(R.g, 1, 1);
	ck_assert_uint_eq(rd(DATA_ALL), 0x03);
	/* It is not a software output: writes do not reach it. */
	pl061_set_input(R.g, 1, 0);
	wr(DATA_ALL, 0x00);
	wr(AFSEL, 0);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x02);
}
END_TEST

/* ---- interrupts ------------------------------------------------------------ */

START_TEST(test_falling_edge_by_default_latches_until_cleared)
{
	pl061_set_input(R.g, 3, 1); /* rising: not selected at reset */
	ck_assert_uint_eq(rd(RIS), 0);
	pl061_set_input(R.g, 3, 0);
	ck_assert_uint_eq(rd(RIS), 0x08);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0); /* masked */
	/* Latched: the pin going back high does not clear it. */
	pl061_set_input(R.g, 3, 1);
	ck_assert_uint_eq(rd(RIS), 0x08);
	wr(IE, 0x08);
	ck_assert_uint_eq(rd(MIS), 0x08);
	ck_assert_int_eq(R.level, 1);
	/* GPIOIC: other bits leave it, its own bit clears it. */
	wr(IC, 0xf7);
	ck_assert_int_eq(R.level, 1);
	wr(IC, 0x08);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(R.changes, 2);
	/* Setting the same level again is no edge. */
	pl061_set_input(R.g, 3, 1);
	ck_assert_uint_eq(rd(RIS), 0);
}
END_TEST

START_TEST(test_rising_edge_with_iev)
{
	wr(IEV, 0x01);
	wr(IE, 0x01);
	pl061_set_input(R.g, 0, 1);
	ck_assert_uint_eq(rd(RIS), 0x01);
	ck_assert_int_eq(R.level, 1);
	wr(IC, 0x01);
	ck_assert_int_eq(R.level, 0);
	pl061_set_input(R.g, 0, 0); /* falling: not selected */
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

START_TEST(test_both_edges_ignore_iev)
{
	wr(IBE, 0x40);
	wr(IEV, 0x00);
	pl061_set_input(R.g, 6, 1);
	ck_assert_uint_eq(rd(RIS), 0x40);
	wr(IC, 0x40);
	pl061_set_input(R.g, 6, 0);
	ck_assert_uint_eq(rd(RIS), 0x40);
	wr(IC, 0x40);
	wr(IEV, 0x40);
	pl061_set_input(R.g, 6, 1);
	ck_assert_uint_eq(rd(RIS), 0x40);
	/* Without IBE, IEV decides again: falling is not selected now. */
	wr(IC, 0x40);
	wr(IBE, 0);
	pl061_set_input(R.g, 6, 0);
	ck_assert_uint_eq(rd(RIS), 0);
}
END_TEST

START_TEST(test_level_high_follows_pin_and_ignores_ic)
{
	wr(IS, 0x10);
	wr(IEV, 0x10);
	wr(IE, 0x10);
	ck_assert_uint_eq(rd(RIS), 0);
	pl061_set_input(R.g, 4, 1);
	ck_assert_uint_eq(rd(RIS), 0x10);
	ck_assert_uint_eq(rd(MIS), 0x10);
	ck_assert_int_eq(R.level, 1);
	/* GPIOIC does not clear a level that is still asserted. */
	wr(IC, 0xff);
	ck_assert_uint_eq(rd(RIS), 0x10);
	ck_assert_int_eq(R.level, 1);
	/* Removing the level removes the interrupt: nothing was latched. */
	pl061_set_input(R.g, 4, 0);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_int_eq(R.level, 0);
	/* Masking drops MIS and the line, not RIS. */
	pl061_set_input(R.g, 4, 1);
	wr(IE, 0);
	ck_assert_uint_eq(rd(RIS), 0x10);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

START_TEST(test_level_low)
{
	pl061_set_input(R.g, 2, 1);
	wr(IE, 0x04);
	wr(IS, 0x04); /* IEV = 0: low level */
	ck_assert_int_eq(R.level, 0);
	pl061_set_input(R.g, 2, 0);
	ck_assert_uint_eq(rd(RIS), 0x04);
	ck_assert_int_eq(R.level, 1);
	/* Changing the polarity re-evaluates the level at once. */
	wr(IEV, 0x04);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_int_eq(R.level, 0);
	/* The other pins are low too, but edge-sensitive: no level
	 * interrupt for them. */
	ck_assert_uint_eq(rd(RIS) & ~0x04u, 0);
}
END_TEST

START_TEST(test_switching_to_level_drops_latched_edge)
{
	pl061_set_input(R.g, 1, 1);
	pl061_set_input(R.g, 1, 0);
	ck_assert_uint_eq(rd(RIS), 0x02);
	wr(IEV, 0x02);
	wr(IS, 0x02); /* high level, pin low: not asserted */
	ck_assert_uint_eq(rd(RIS), 0);
	wr(IS, 0); /* back to edge: the old edge does not reappear */
	ck_assert_uint_eq(rd(RIS), 0);
}
END_TEST

START_TEST(test_mis_is_ris_and_ie_per_pin_and_combined_line)
{
	wr(IBE, 0xff);
	for (unsigned pin = 0; pin < 8; pin += 2)
		pl061_set_input(R.g, pin, 1);
	ck_assert_uint_eq(rd(RIS), 0x55);
	ck_assert_int_eq(R.changes, 0);
	wr(IE, 0x0f);
	ck_assert_uint_eq(rd(MIS), 0x05);
	ck_assert_int_eq(R.level, 1);
	wr(IC, 0x01);
	ck_assert_uint_eq(rd(MIS), 0x04);
	ck_assert_int_eq(R.level, 1);
	wr(IC, 0x04);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_uint_eq(rd(RIS), 0x50);
	ck_assert_int_eq(R.level, 0);
	wr(IE, 0xf0);
	ck_assert_int_eq(R.level, 1);
	/* The line is driven on changes of GPIOINTR only. */
	ck_assert_int_eq(R.changes, 3);
}
END_TEST

START_TEST(test_output_pin_toggle_raises_its_own_interrupt)
{
	wr(DIR, 0x80);
	wr(IEV, 0x80);
	wr(IE, 0x80);
	wr(DATA_AT(0x80), 0x80);
	ck_assert_uint_eq(rd(RIS), 0x80);
	ck_assert_int_eq(R.level, 1);
	wr(IC, 0x80);
	/* The outside level on an output pin is no edge: the pad is driven. */
	pl061_set_input(R.g, 7, 0);
	pl061_set_input(R.g, 7, 1);
	ck_assert_uint_eq(rd(RIS), 0);
	/* Releasing the pin to an outside low is a pad edge (falling). */
	pl061_set_input(R.g, 7, 0);
	wr(IBE, 0x80);
	wr(DIR, 0);
	ck_assert_uint_eq(rd(RIS), 0x80);
}
END_TEST

/* ---- outputs and the observer ---------------------------------------------- */

START_TEST(test_output_observer_sees_each_change)
{
	pl061_set_output_cb(R.g, out_record, &R);
	ck_assert_uint_eq(R.nouts, 0);
	wr(DATA_ALL, 0xff); /* no outputs yet: nothing changes */
	ck_assert_uint_eq(R.nouts, 0);
	wr(DIR, 0x30);
	ck_assert_uint_eq(R.nouts, 0); /* outputs at 0, as before */
	wr(DATA_ALL, 0x10);
	ck_assert_uint_eq(R.nouts, 1);
	ck_assert_uint_eq(R.outs[0], 0x10);
	wr(DATA_ALL, 0x10); /* unchanged: not called */
	ck_assert_uint_eq(R.nouts, 1);
	wr(DATA_AT(0x20), 0x20);
	ck_assert_uint_eq(R.outs[1], 0x30);
	wr(DIR, 0x20); /* pin 4 released */
	ck_assert_uint_eq(R.outs[2], 0x20);
	wr(AFSEL, 0x20);
	ck_assert_uint_eq(R.outs[3], 0x00);
	wr(AFSEL, 0);
	ck_assert_uint_eq(R.outs[4], 0x20);
	pl061_reset(R.g);
	ck_assert_uint_eq(R.nouts, 6);
	ck_assert_uint_eq(R.outs[5], 0x00);
	/* Removed: no more calls. */
	pl061_set_output_cb(R.g, NULL, NULL);
	wr(DIR, 1);
	wr(DATA_ALL, 1);
	ck_assert_uint_eq(pl061_outputs(R.g), 1);
	ck_assert_uint_eq(R.nouts, 6);
}
END_TEST

START_TEST(test_observer_may_drive_inputs_of_the_same_gpio)
{
	/* A wire from output pin 0 to input pin 7, with pin 7 interrupting
	 * on its rising edge. */
	R.loop = true;
	pl061_set_output_cb(R.g, out_record, &R);
	wr(IEV, 0x80);
	wr(IE, 0x80);
	wr(DIR, 0x01);
	wr(DATA_AT(0x01), 1);
	ck_assert_uint_eq(rd(DATA_ALL), 0x81);
	ck_assert_uint_eq(rd(RIS), 0x80);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_reset_restores_registers_and_keeps_outside_levels)
{
	pl061_set_input(R.g, 6, 1);
	wr(DIR, 0x0f);
	wr(DATA_ALL, 0x0f);
	wr(IS, 0x40);
	wr(IEV, 0x40);
	wr(IBE, 0x01);
	wr(AFSEL, 0x02);
	wr(IE, 0xff);
	ck_assert_int_eq(R.level, 1);
	pl061_reset(R.g);
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
		ck_assert_uint_eq(rd(regs[i].off), regs[i].reset);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(pl061_outputs(R.g), 0);
	ck_assert_uint_eq(rd(DATA_ALL), 0x40);
	/* Pins 0 and 2 fell from driven-high to the outside low at the
	 * reset; that is not an edge. */
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(R.s.count, 0);
}
END_TEST

/* ---- clock and power ------------------------------------------------------- */

START_TEST(test_gated_clock_refuses_access_but_catches_edges)
{
	wr(DIR, 0x01);
	wr(DATA_ALL, 0x01);
	wr(IE, 0x20); /* pin 5, falling edge (reset IEV) */
	pl061_set_input(R.g, 5, 1);
	ck_assert_uint_eq(rd(RIS), 0);
	sched_run_until(&R.s, 5 * PS_PER_MS);
	pl061_clock_rate(R.g, 0, 0);
	uint32_t v = 0x1234;
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR, 4, &v), BUS_ERR_DEVICE);
	ck_assert_uint_eq(v, 0);
	ck_assert_int_eq(bus_write(&R.b, BASE + DATA_ALL, 4, 0), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + DIR, 1, 0), BUS_ERR_DEVICE);
	ck_assert_uint_eq(pl061_refused_accesses(R.g), 3);
	/* Outputs keep being driven. */
	ck_assert_uint_eq(pl061_outputs(R.g), 0x01);
	/* A button press with the clocks stopped: caught, GPIOINTR raised
	 * (this is what wakes the SoC). */
	sched_run_until(&R.s, 9 * PS_PER_MS);
	pl061_set_input(R.g, 5, 0);
	ck_assert_int_eq(R.level, 1);
	pl061_set_input(R.g, 5, 1);
	ck_assert_int_eq(R.level, 1);
	/* The APB clock's other indices do not exist and change nothing. */
	pl061_clock_rate(R.g, 1, PCLK);
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR, 4, &v), BUS_ERR_DEVICE);
	/* Clock back (at another rate): the state is all there. */
	pl061_clock_rate(R.g, 0, PCLK / 2);
	ck_assert_uint_eq(rd(DIR), 0x01);
	ck_assert_uint_eq(rd(DATA_ALL), 0x21);
	ck_assert_uint_eq(rd(MIS), 0x20);
	wr(IC, 0x20);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(pl061_refused_accesses(R.g), 4);
	/* Nothing is timed in a PL061: no events were ever scheduled. */
	ck_assert_uint_eq(R.s.count, 0);
}
END_TEST

START_TEST(test_rate_change_alone_changes_nothing)
{
	wr(DIR, 0xf0);
	wr(DATA_ALL, 0x50);
	wr(IS, 0x01);
	wr(IEV, 0x01);
	wr(IE, 0x01);
	pl061_set_input(R.g, 0, 1);
	ck_assert_int_eq(R.level, 1);
	pl061_clock_rate(R.g, 0, 32768);
	sched_run_until(&R.s, PS_PER_S);
	pl061_clock_rate(R.g, 0, 200000000);
	ck_assert_uint_eq(rd(DATA_ALL), 0x51);
	ck_assert_uint_eq(rd(MIS), 0x01);
	ck_assert_int_eq(R.level, 1);
	ck_assert_int_eq(R.changes, 1);
	ck_assert_uint_eq(pl061_refused_accesses(R.g), 0);
}
END_TEST

START_TEST(test_level_interrupt_follows_pin_while_gated)
{
	wr(IS, 0x02);
	wr(IEV, 0x02);
	wr(IE, 0x02);
	pl061_clock_rate(R.g, 0, 0);
	pl061_set_input(R.g, 1, 1);
	ck_assert_int_eq(R.level, 1);
	pl061_set_input(R.g, 1, 0);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

START_TEST(test_retention_keeps_state_and_catches_edges)
{
	wr(DIR, 0x0c);
	wr(DATA_ALL, 0x04);
	wr(IBE, 0x01);
	wr(IE, 0x01);
	wr(AFSEL, 0x80);
	pl061_power(R.g, PD_RETENTION);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR, 4, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + IE, 4, 0), BUS_ERR_DEVICE);
	ck_assert_uint_eq(pl061_refused_accesses(R.g), 2);
	ck_assert_uint_eq(pl061_outputs(R.g), 0x04);
	pl061_set_input(R.g, 0, 1);
	ck_assert_int_eq(R.level, 1);
	pl061_power(R.g, PD_ON);
	ck_assert_uint_eq(rd(DIR), 0x0c);
	ck_assert_uint_eq(rd(IBE), 0x01);
	ck_assert_uint_eq(rd(IE), 0x01);
	ck_assert_uint_eq(rd(AFSEL), 0x80);
	ck_assert_uint_eq(rd(DATA_ALL), 0x05);
	ck_assert_uint_eq(rd(RIS), 0x01);
	ck_assert_int_eq(R.level, 1);
	/* On again but with the clock gated: still not accessible. */
	pl061_clock_rate(R.g, 0, 0);
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR, 4, &v), BUS_ERR_DEVICE);
}
END_TEST

START_TEST(test_power_off_loses_state)
{
	pl061_set_output_cb(R.g, out_record, &R);
	pl061_set_input(R.g, 4, 1);
	wr(DIR, 0x03);
	wr(DATA_ALL, 0x03);
	wr(IS, 0x10);
	wr(IEV, 0x10);
	wr(IE, 0x10);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(R.nouts, 1);
	pl061_power(R.g, PD_OFF);
	/* Outputs released (observer told), the line low. */
	ck_assert_uint_eq(pl061_outputs(R.g), 0);
	ck_assert_uint_eq(R.nouts, 2);
	ck_assert_uint_eq(R.outs[1], 0);
	ck_assert_int_eq(R.level, 0);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + DIR, 4, &v), BUS_ERR_DEVICE);
	/* Nothing is detected while off. */
	pl061_set_input(R.g, 5, 1);
	pl061_set_input(R.g, 5, 0);
	pl061_set_input(R.g, 6, 1);
	ck_assert_int_eq(R.level, 0);
	/* A second PD_OFF is harmless. */
	pl061_power(R.g, PD_OFF);
	pl061_power(R.g, PD_ON);
	for (unsigned i = 0; i < sizeof regs / sizeof regs[0]; i++)
		ck_assert_uint_eq(rd(regs[i].off), regs[i].reset);
	/* The outside world kept driving its pins. */
	ck_assert_uint_eq(rd(DATA_ALL), 0x50);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(R.changes, 2);
	/* And the detector works again from the present pad levels. */
	pl061_set_input(R.g, 6, 0);
	ck_assert_uint_eq(rd(RIS), 0x40);
}
END_TEST

START_TEST(test_power_off_then_retention_stays_reset)
{
	wr(IE, 0xff);
	pl061_power(R.g, PD_OFF);
	pl061_power(R.g, PD_RETENTION);
	pl061_set_input(R.g, 0, 1);
	pl061_set_input(R.g, 0, 0); /* latched (falling), but masked */
	ck_assert_int_eq(R.level, 0);
	pl061_power(R.g, PD_ON);
	ck_assert_uint_eq(rd(IE), 0);
	ck_assert_uint_eq(rd(RIS), 0x01);
}
END_TEST

START_TEST(test_dev_type_callbacks_reach_the_model)
{
	ck_assert_str_eq(pl061_dev_type.compatible, "arm,pl061");
	ck_assert_ptr_nonnull(pl061_dev_type.clock_rate);
	ck_assert_ptr_nonnull(pl061_dev_type.power);
	wr(IE, 0x11);
	pl061_dev_type.clock_rate(R.g, 0, 0);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + IE, 4, &v), BUS_ERR_DEVICE);
	pl061_dev_type.clock_rate(R.g, 0, PCLK);
	ck_assert_uint_eq(rd(IE), 0x11);
	pl061_dev_type.power(R.g, PD_RETENTION);
	ck_assert_int_eq(bus_read(&R.b, BASE + IE, 4, &v), BUS_ERR_DEVICE);
	pl061_dev_type.power(R.g, PD_ON);
	ck_assert_uint_eq(rd(IE), 0x11);
	pl061_dev_type.reset(R.g);
	ck_assert_uint_eq(rd(IE), 0);
	wr(IE, 0x11);
	pl061_dev_type.power(R.g, PD_OFF);
	pl061_dev_type.power(R.g, PD_ON);
	ck_assert_uint_eq(rd(IE), 0);
}
END_TEST

/* ---- device-tree binding --------------------------------------------------- */

static char fdt_buf[4096];

/* What a test node has; the defaults make a good node. */
struct node_opts {
	uint32_t reg_size;
	int nirq;            /* entries in interrupts */
	bool gpio_controller;
	int gpio_cells;      /* -1: absent */
	int clock;           /* 0: none, 1: clock-frequency, 2: clocks = <&osc> */
	uint32_t osc_hz;
	int levels_cells;    /* 0: absent, 1: one cell, 2: two (malformed) */
	uint32_t levels;
};

static const struct node_opts good = {
	.reg_size = 0x1000, .nirq = 1, .gpio_controller = true, .gpio_cells = 2,
	.clock = 2, .osc_hz = 24000000, .levels_cells = 1, .levels = 0x81,
};

#define NODE_PATH "/soc/gpio@40020000"

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
	fdt_begin_node(fdt_buf, "gpio@40020000");
	fdt_property_string(fdt_buf, "compatible", "arm,pl061");
	fdt32_t reg[2] = { cpu_to_fdt32(0x40020000), cpu_to_fdt32(o->reg_size) };
	fdt_property(fdt_buf, "reg", reg, sizeof reg);
	fdt32_t irqs[2] = { cpu_to_fdt32(5), cpu_to_fdt32(6) };
	if (o->nirq)
		fdt_property(fdt_buf, "interrupts", irqs, (int)(4 * o->nirq));
	if (o->gpio_controller)
		fdt_property(fdt_buf, "gpio-controller", NULL, 0);
	if (o->gpio_cells >= 0)
		fdt_property_u32(fdt_buf, "#gpio-cells", (uint32_t)o->gpio_cells);
	if (o->clock == 1)
		fdt_property_u32(fdt_buf, "clock-frequency", o->osc_hz);
	if (o->clock == 2) {
		fdt_property_u32(fdt_buf, "clocks", 1);
		fdt_property_string(fdt_buf, "clock-names", "apb_pclk");
	}
	fdt32_t lv[2] = { cpu_to_fdt32(o->levels), 0 };
	if (o->levels_cells)
		fdt_property(fdt_buf, "pmsim,input-levels", lv, 4 * o->levels_cells);
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	fdt_end_node(fdt_buf);
	ck_assert_int_eq(fdt_finish(fdt_buf), 0);
}

static struct soc soc;

/* Build the tree and run create on the node; returns create's result. */
static int create(const struct node_opts *o, void **state, struct err *e)
{
	build(o);
	memset(&soc, 0, sizeof soc);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.fdt = fdt_buf;
	soc.fdt_size = sizeof fdt_buf;
	soc.num_irq = 32;
	struct dt_node n = { fdt_buf, fdt_path_offset(fdt_buf, NODE_PATH), NODE_PATH };
	ck_assert_int_ge(n.off, 0);
	*state = NULL;
	memset(e, 0, sizeof *e);
	return pl061_dev_type.create(&soc, &n, state, e);
}

static void destroy(void *state)
{
	if (state)
		pl061_dev_type.destroy(state);
	bus_free(&soc.bus);
	sched_free(&soc.sched);
}

START_TEST(test_create_from_device_tree)
{
	void *st;
	struct err e;
	ck_assert_int_eq(create(&good, &st, &e), 0);
	ck_assert_ptr_nonnull(st);
	uint32_t v = 0;
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + DATA_ALL, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x81); /* pmsim,input-levels */
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + 0xfe0, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x61);
	/* The device's state is the PL061 itself: a scenario that finds the
	 * device drives its pins with it (docs/hooks.md). */
	pl061_set_input(st, 0, 0);
	pl061_set_input(st, 6, 1);
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + DATA_ALL, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0xc0);
	destroy(st);
}
END_TEST

START_TEST(test_create_optional_properties)
{
	void *st;
	struct err e;
	/* No clock property: always clocked. No input levels: all low. */
	struct node_opts o = good;
	o.clock = 0;
	o.levels_cells = 0;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	uint32_t v = 0xff;
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + DATA_ALL, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 0);
	destroy(st);
	/* clock-frequency on the node works too. */
	o.clock = 1;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + DIR, 4, &v), BUS_OK);
	destroy(st);
}
END_TEST

START_TEST(test_create_with_gated_clock_starts_gated)
{
	void *st;
	struct err e;
	struct node_opts o = good;
	o.osc_hz = 0;
	ck_assert_int_eq(create(&o, &st, &e), 0);
	uint32_t v;
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + DIR, 4, &v), BUS_ERR_DEVICE);
	pl061_dev_type.clock_rate(st, 0, 1000000);
	ck_assert_int_eq(bus_read(&soc.bus, 0x40020000 + DIR, 4, &v), BUS_OK);
	destroy(st);
}
END_TEST

/* create must fail with one message naming the node and `what`. */
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
	expect_error(&o, "smaller than the PL061's 4 KiB");
	o = good;
	o.nirq = 0;
	expect_error(&o, "interrupts");
	o = good;
	o.nirq = 2;
	expect_error(&o, "must be one entry");
	o = good;
	o.gpio_controller = false;
	expect_error(&o, "missing 'gpio-controller'");
	o = good;
	o.gpio_cells = -1;
	expect_error(&o, "#gpio-cells");
	o = good;
	o.gpio_cells = 3;
	expect_error(&o, "'#gpio-cells' must be 2 (is 3)");
	o = good;
	o.levels = 0x100;
	expect_error(&o, "'pmsim,input-levels' 0x100 has bits above the 8 pins");
	o = good;
	o.levels_cells = 2;
	expect_error(&o, "pmsim,input-levels");
}
END_TEST

START_TEST(test_create_overlap_and_bad_irq)
{
	void *st;
	struct err e;
	build(&good);
	memset(&soc, 0, sizeof soc);
	sched_init(&soc.sched);
	ck_assert_int_eq(bus_init(&soc.bus), 0);
	soc.fdt = fdt_buf;
	soc.num_irq = 32;
	ck_assert_int_ge(bus_add_ram(&soc.bus, "ram", 0x40020000, 0x1000, false), 0);
	struct dt_node n = { fdt_buf, fdt_path_offset(fdt_buf, NODE_PATH), NODE_PATH };
	ck_assert_int_eq(pl061_dev_type.create(&soc, &n, &st, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, NODE_PATH ": cannot map the PL061 at 0x40020000"));
	soc.num_irq = 4; /* interrupt 5 does not exist */
	ck_assert_int_eq(pl061_dev_type.create(&soc, &n, &st, &e), -1);
	ck_assert_ptr_nonnull(strstr(e.msg, "interrupt 5 is beyond the NVIC's 4"));
	destroy(NULL);
}
END_TEST

static Suite *pl061_suite(void)
{
	Suite *s = suite_create("pl061");
	TCase *regs_tc = tcase_create("registers");
	tcase_add_checked_fixture(regs_tc, setup, teardown);
	tcase_add_test(regs_tc, test_reset_values);
	tcase_add_test(regs_tc, test_initial_input_levels_read_from_data);
	tcase_add_test(regs_tc, test_registers_keep_their_8_bits);
	tcase_add_test(regs_tc, test_id_registers);
	tcase_add_test(regs_tc, test_access_sizes);
	tcase_add_test(regs_tc, test_map_overlap_fails);
	suite_add_tcase(s, regs_tc);

	TCase *data = tcase_create("data");
	tcase_add_checked_fixture(data, setup, teardown);
	tcase_add_test(data, test_data_address_mask_selects_written_pins);
	tcase_add_test(data, test_data_address_mask_selects_read_pins);
	tcase_add_test(data, test_writes_to_input_pins_are_dropped);
	tcase_add_test(data, test_output_pins_read_driven_value_input_pins_the_outside);
	tcase_add_test(data, test_afsel_pin_is_not_driven_by_gpiodata);
	tcase_add_test(data, test_output_observer_sees_each_change);
	tcase_add_test(data, test_observer_may_drive_inputs_of_the_same_gpio);
	tcase_add_test(data, test_reset_restores_registers_and_keeps_outside_levels);
	suite_add_tcase(s, data);

	TCase *irq = tcase_create("interrupts");
	tcase_add_checked_fixture(irq, setup, teardown);
	tcase_add_test(irq, test_falling_edge_by_default_latches_until_cleared);
	tcase_add_test(irq, test_rising_edge_with_iev);
	tcase_add_test(irq, test_both_edges_ignore_iev);
	tcase_add_test(irq, test_level_high_follows_pin_and_ignores_ic);
	tcase_add_test(irq, test_level_low);
	tcase_add_test(irq, test_switching_to_level_drops_latched_edge);
	tcase_add_test(irq, test_mis_is_ris_and_ie_per_pin_and_combined_line);
	tcase_add_test(irq, test_output_pin_toggle_raises_its_own_interrupt);
	suite_add_tcase(s, irq);

	TCase *pm = tcase_create("clock-and-power");
	tcase_add_checked_fixture(pm, setup, teardown);
	tcase_add_test(pm, test_gated_clock_refuses_access_but_catches_edges);
	tcase_add_test(pm, test_rate_change_alone_changes_nothing);
	tcase_add_test(pm, test_level_interrupt_follows_pin_while_gated);
	tcase_add_test(pm, test_retention_keeps_state_and_catches_edges);
	tcase_add_test(pm, test_power_off_loses_state);
	tcase_add_test(pm, test_power_off_then_retention_stays_reset);
	tcase_add_test(pm, test_dev_type_callbacks_reach_the_model);
	suite_add_tcase(s, pm);

	TCase *dt = tcase_create("device-tree");
	tcase_add_test(dt, test_create_from_device_tree);
	tcase_add_test(dt, test_create_optional_properties);
	tcase_add_test(dt, test_create_with_gated_clock_starts_gated);
	tcase_add_test(dt, test_create_errors);
	tcase_add_test(dt, test_create_overlap_and_bad_irq);
	suite_add_tcase(s, dt);
	return s;
}

int main(void)
{
	return check_run(pl061_suite());
}
