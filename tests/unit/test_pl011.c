/*
 * Unit tests for the PL011 model, driven the way firmware drives it: through
 * bus_read/bus_write on a bus with the device mapped, with a real scheduler
 * advancing simulated time, a real chardev as the far end of the line and
 * an irq_line that records the level it is driven to.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/pl011.h"
#include "sim/soc.h"
#include "check_run.h"

extern const struct dev_type pl011_dev_type;

#define BASE 0x40004000u
#define UARTCLK 24000000u

enum {
	DR = 0x00, RSR = 0x04, FR = 0x18, ILPR = 0x20, IBRD = 0x24, FBRD = 0x28,
	LCR_H = 0x2c, CR = 0x30, IFLS = 0x34, IMSC = 0x38, RIS = 0x3c, MIS = 0x40,
	ICR = 0x44, DMACR = 0x48,
};

#define FR_BUSY 0x08u
#define FR_RXFE 0x10u
#define FR_TXFF 0x20u
#define FR_RXFF 0x40u
#define FR_TXFE 0x80u
#define LCRH_BRK 0x01u
#define LCRH_PEN 0x02u
#define LCRH_STP2 0x08u
#define LCRH_FEN 0x10u
#define LCRH_WLEN8 0x60u
#define LCRH_WLEN7 0x40u
#define CR_EN 0x0001u
#define CR_LBE 0x0080u
#define CR_TXE 0x0100u
#define CR_RXE 0x0200u
#define CR_RTSEN 0x4000u
#define INT_RX 0x10u
#define INT_TX 0x20u
#define INT_RT 0x40u
#define INT_FE 0x80u
#define INT_PE 0x100u
#define INT_BE 0x200u
#define INT_OE 0x400u

/* IBRD=13, FBRD=1 at 24 MHz: 115246 baud. One bit is 833/(4*24e6) s. */
#define BIT_PS_X(n) ((simtime_t)833 * 1000000000000ull * (n) / 96000000ull)
/* 8N1: 10 bits per character. */
#define CHAR_PS BIT_PS_X(10)

static struct {
	struct sched s;
	struct bus b;
	struct chardev cd;
	FILE *out;
	char *buf;
	size_t len;
	struct pl011 *u;
	int level;
	int changes;
} R;

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_int_eq(num, 7);
	R.level = level;
	R.changes++;
}

static void setup(void)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	R.out = open_memstream(&R.buf, &R.len);
	ck_assert_ptr_nonnull(R.out);
	chardev_init(&R.cd, R.out);
	struct irq_line irq = { irq_record, &R, 7 };
	R.u = pl011_new(&R.b, &R.s, BASE, UARTCLK, irq, &R.cd);
	ck_assert_ptr_nonnull(R.u);
}

static void teardown(void)
{
	pl011_free(R.u);
	chardev_free(&R.cd);
	fclose(R.out);
	free(R.buf);
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

static void push(const char *s)
{
	ck_assert_int_eq(chardev_push_rx(&R.cd, (const uint8_t *)s, strlen(s)), 0);
}

/* The usual driver sequence: divisors, then LCR_H (which latches them),
 * then enable. */
static void uart_init(uint32_t lcr_h, uint32_t cr)
{
	wr(CR, 0);
	wr(IBRD, 13);
	wr(FBRD, 1);
	wr(LCR_H, lcr_h);
	wr(CR, cr);
}

START_TEST(test_reset_values)
{
	ck_assert_uint_eq(rd(FR), FR_TXFE | FR_RXFE);
	ck_assert_uint_eq(rd(CR), 0x0300);
	ck_assert_uint_eq(rd(IFLS), 0x12);
	ck_assert_uint_eq(rd(LCR_H), 0);
	ck_assert_uint_eq(rd(IBRD), 0);
	ck_assert_uint_eq(rd(FBRD), 0);
	ck_assert_uint_eq(rd(ILPR), 0);
	ck_assert_uint_eq(rd(IMSC), 0);
	ck_assert_uint_eq(rd(RIS), 0);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_uint_eq(rd(RSR), 0);
	ck_assert_uint_eq(rd(DMACR), 0);
	ck_assert_uint_eq(rd(DR), 0);
	ck_assert_uint_eq(pl011_dropped_tx(R.u), 0);
}
END_TEST

START_TEST(test_registers_keep_their_implemented_bits)
{
	wr(ILPR, 0xffffffff);
	wr(IBRD, 0xffffffff);
	wr(FBRD, 0xffffffff);
	wr(LCR_H, 0xffffff7e); /* not BRK: no loopback break here */
	wr(IFLS, 0xffffffff);
	wr(IMSC, 0xffffffff);
	wr(DMACR, 0xffffffff);
	ck_assert_uint_eq(rd(ILPR), 0xff);
	ck_assert_uint_eq(rd(IBRD), 0xffff);
	ck_assert_uint_eq(rd(FBRD), 0x3f);
	ck_assert_uint_eq(rd(LCR_H), 0x7e);
	ck_assert_uint_eq(rd(IFLS), 0x3f);
	ck_assert_uint_eq(rd(IMSC), 0x7ff);
	ck_assert_uint_eq(rd(DMACR), 0x7);
	wr(CR, 0xffffffff & ~CR_LBE);
	ck_assert_uint_eq(rd(CR), 0xff07);
	/* Read-only and unknown registers ignore writes and read zero. */
	wr(FR, 0xffffffff);
	ck_assert_uint_eq(rd(FR) & ~(uint32_t)FR_BUSY, FR_TXFE | FR_RXFE);
	wr(0x08, 0x1234);
	ck_assert_uint_eq(rd(0x08), 0);
	wr(0x800, 0x1234);
	ck_assert_uint_eq(rd(0x800), 0);
	ck_assert_uint_eq(rd(ICR), 0);
}
END_TEST

START_TEST(test_id_registers)
{
	static const uint32_t id[8] = { 0x11, 0x10, 0x24, 0x00, 0x0d, 0xf0, 0x05, 0xb1 };
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), id[i]);
	wr(0xfe0, 0);
	ck_assert_uint_eq(rd(0xfe0), 0x11);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0xff0, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x0d);
}
END_TEST

START_TEST(test_tx_byte_arrives_after_one_character_time)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE | CR_RXE);
	wr(DR, 'A');
	ck_assert_uint_eq(rd(FR) & FR_BUSY, FR_BUSY);
	run_to(CHAR_PS - 1);
	ck_assert_uint_eq(R.cd.tx_bytes, 0);
	ck_assert_uint_eq(R.len, 0);
	run_to(CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 1);
	ck_assert_uint_eq(R.len, 1);
	ck_assert_int_eq(R.buf[0], 'A');
	ck_assert_uint_eq(rd(FR) & FR_BUSY, 0);
}
END_TEST

START_TEST(test_tx_timing_follows_frame_and_latched_divisor)
{
	/* 7 data bits, parity, 2 stop bits: 11 bits per character. */
	uart_init(LCRH_WLEN7 | LCRH_PEN | LCRH_STP2, CR_EN | CR_TXE);
	/* New divisor for 9600 baud, not yet latched by an LCR_H write. */
	wr(IBRD, 156);
	wr(FBRD, 16);
	wr(DR, 'a');
	run_to(BIT_PS_X(11));
	ck_assert_uint_eq(R.cd.tx_bytes, 1);
	/* Latch it: 156 + 16/64 = 10000/64, bit = 10000 / (4 * 24 MHz). */
	wr(LCR_H, LCRH_WLEN7 | LCRH_PEN | LCRH_STP2);
	simtime_t t0 = sched_now(&R.s);
	simtime_t ch = (simtime_t)10000 * 1000000000000ull * 11 / 96000000ull;
	wr(DR, 'b');
	run_to(t0 + ch - 1);
	ck_assert_uint_eq(R.cd.tx_bytes, 1);
	run_to(t0 + ch);
	ck_assert_uint_eq(R.cd.tx_bytes, 2);
	ck_assert_int_eq(memcmp(R.buf, "ab", 2), 0);
}
END_TEST

START_TEST(test_zero_divisor_uses_default_115200)
{
	/* Enabled straight out of reset: LCR_H = 0 is 5N1, 7 bits a frame. */
	wr(CR, CR_EN | CR_TXE);
	wr(DR, 0x15);
	simtime_t ch = (simtime_t)7 * 1000000000000ull / 115200;
	run_to(ch - 1);
	ck_assert_uint_eq(R.cd.tx_bytes, 0);
	run_to(ch);
	ck_assert_uint_eq(R.cd.tx_bytes, 1);
}
END_TEST

START_TEST(test_tx_fifo_flags_and_full_at_16)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE);
	wr(DR, 0);
	/* The first byte went straight into the shift register. */
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE | FR_TXFF), FR_BUSY | FR_TXFE);
	for (unsigned i = 1; i <= 15; i++)
		wr(DR, i);
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE | FR_TXFF), FR_BUSY);
	wr(DR, 16);
	ck_assert_uint_eq(rd(FR) & FR_TXFF, FR_TXFF); /* 16 queued */
	wr(DR, 99);                                    /* lost */
	ck_assert_uint_eq(pl011_dropped_tx(R.u), 1);
	run_to(CHAR_PS);
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFF), FR_BUSY);
	run_to(17 * CHAR_PS - 1);
	ck_assert_uint_eq(R.cd.tx_bytes, 16);
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE), FR_BUSY | FR_TXFE);
	run_to(17 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 17);
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE | FR_TXFF), FR_TXFE);
	for (unsigned i = 0; i <= 16; i++)
		ck_assert_uint_eq((uint8_t)R.buf[i], i);
}
END_TEST

START_TEST(test_tx_holding_register_without_fifo)
{
	uart_init(LCRH_WLEN8, CR_EN | CR_TXE);
	wr(DR, 'x'); /* into the shift register */
	ck_assert_uint_eq(rd(FR) & (FR_TXFE | FR_TXFF), FR_TXFE);
	wr(DR, 'y'); /* into the holding register: full */
	ck_assert_uint_eq(rd(FR) & (FR_TXFE | FR_TXFF), FR_TXFF);
	wr(DR, 'z');
	ck_assert_uint_eq(pl011_dropped_tx(R.u), 1);
	run_to(10 * CHAR_PS);
	ck_assert_uint_eq(R.len, 2);
	ck_assert_int_eq(memcmp(R.buf, "xy", 2), 0);
}
END_TEST

START_TEST(test_disabled_transmitter_holds_fifo)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_TXE); /* UARTEN clear */
	wr(DR, 'a');
	wr(CR, CR_EN | CR_RXE);                 /* TXE clear */
	wr(DR, 'b');
	ck_assert_uint_eq(pl011_dropped_tx(R.u), 0);
	/* Queued, not sent: BUSY because the FIFO is not empty. */
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE), FR_BUSY);
	run_to(100 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 0);
	/* Enabled, the queued bytes go out in order. */
	wr(CR, CR_EN | CR_TXE);
	run_to(sched_now(&R.s) + 3 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 2);
	ck_assert_int_eq(memcmp(R.buf, "ab", 2), 0);
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE), FR_TXFE);
}
END_TEST

START_TEST(test_disabling_mid_stream_finishes_character_and_holds_fifo)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE);
	wr(DR, '1');
	wr(DR, '2');
	wr(DR, '3');
	wr(CR, CR_EN);
	run_to(10 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 1); /* the one in flight finished */
	ck_assert_uint_eq(rd(FR) & (FR_BUSY | FR_TXFE), FR_BUSY);
	wr(CR, CR_EN | CR_TXE);
	run_to(12 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 3);
	ck_assert_int_eq(memcmp(R.buf, "123", 3), 0);
	ck_assert_uint_eq(pl011_dropped_tx(R.u), 0);
}
END_TEST

START_TEST(test_rx_arrives_at_line_rate)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE | CR_RXE);
	push("hi!");
	run_to(CHAR_PS - 1);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	run_to(CHAR_PS);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, 0);
	ck_assert_uint_eq(rd(DR), 'h');
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	run_to(2 * CHAR_PS - 1);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	run_to(3 * CHAR_PS);
	ck_assert_uint_eq(rd(DR), 'i');
	ck_assert_uint_eq(rd(DR), '!');
	ck_assert_uint_eq(chardev_rx_avail(&R.cd), 0);
	ck_assert_uint_eq(rd(RSR), 0);
}
END_TEST

START_TEST(test_rx_waits_in_host_queue_while_receiver_disabled)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE);
	push("ab");
	run_to(50 * CHAR_PS);
	ck_assert_uint_eq(chardev_rx_avail(&R.cd), 2);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	simtime_t t0 = sched_now(&R.s);
	wr(CR, CR_EN | CR_TXE | CR_RXE);
	run_to(t0 + 2 * CHAR_PS);
	ck_assert_uint_eq(rd(DR), 'a');
	ck_assert_uint_eq(rd(DR), 'b');
}
END_TEST

START_TEST(test_rxff_with_and_without_fifo)
{
	uart_init(LCRH_WLEN8, CR_EN | CR_RXE);
	push("q");
	run_to(CHAR_PS);
	ck_assert_uint_eq(rd(FR) & (FR_RXFE | FR_RXFF), FR_RXFF);
	ck_assert_uint_eq(rd(DR), 'q');
	ck_assert_uint_eq(rd(FR) & (FR_RXFE | FR_RXFF), FR_RXFE);

	wr(LCR_H, LCRH_WLEN8 | LCRH_FEN);
	simtime_t t0 = sched_now(&R.s);
	push("0123456789abcdef");
	run_to(t0 + 15 * CHAR_PS);
	ck_assert_uint_eq(rd(FR) & (FR_RXFE | FR_RXFF), 0);
	run_to(t0 + 16 * CHAR_PS);
	ck_assert_uint_eq(rd(FR) & (FR_RXFE | FR_RXFF), FR_RXFF);
}
END_TEST

START_TEST(test_overrun_sets_oe_and_loses_the_byte)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	push("0123456789abcdefX");
	run_to(16 * CHAR_PS);
	ck_assert_uint_eq(rd(RSR), 0);
	run_to(17 * CHAR_PS);
	ck_assert_uint_eq(rd(RSR) & 0x8, 0x8);
	ck_assert_uint_eq(rd(RIS) & INT_OE, INT_OE);
	const char *want = "0123456789abcdef";
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(rd(DR), (uint8_t)want[i]);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE); /* 'X' is gone */
	/* The next character stored carries the OE flag in UARTDR. */
	push("Y");
	run_to(sched_now(&R.s) + CHAR_PS);
	ck_assert_uint_eq(rd(DR), 0x800u | 'Y');
	wr(RSR, 0); /* UARTECR */
	ck_assert_uint_eq(rd(RSR), 0);
}
END_TEST

/* ---- a scenario's faults on the line ----------------------------------- */

/* Receive `text` from the far end, to the end of its last character. */
static void receive(const char *text)
{
	push(text);
	run_to(sched_now(&R.s) + strlen(text) * CHAR_PS);
}

/* A receiving UART with interrupts `imsc`, and fault `kind` pending. */
static void receiver_with_fault(uint32_t imsc, const char *kind)
{
	struct err e;
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	wr(IMSC, imsc);
	ck_assert_int_eq(pl011_fault(R.u, kind, &e), 0);
}

/* The next character carries the error: UARTDR's bit, its interrupt, and
 * UARTRSR once read; the one after is clean; both at once are both. */
START_TEST(test_fault_framing_and_parity_errors)
{
	struct err e;
	receiver_with_fault(INT_FE | INT_PE, "framing-error");
	receive("ab");
	ck_assert_uint_eq(rd(RIS) & (INT_FE | INT_PE), INT_FE);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(RSR), 0);
	ck_assert_uint_eq(rd(DR), 0x100u | 'a');
	ck_assert_uint_eq(rd(RSR), 0x1);
	ck_assert_uint_eq(rd(DR), 'b');
	wr(ICR, INT_FE);
	wr(RSR, 0);
	ck_assert_int_eq(pl011_dev_type.fault(R.u, "parity-error", &e), 0);
	ck_assert_int_eq(pl011_dev_type.fault(R.u, "framing-error", &e), 0);
	receive("c");
	ck_assert_uint_eq(rd(RIS) & (INT_FE | INT_PE), INT_FE | INT_PE);
	ck_assert_uint_eq(rd(DR), 0x300u | 'c');
	ck_assert_uint_eq(rd(RSR), 0x3);
}
END_TEST

/* A break arrives instead of the next character: a zero with BE. */
START_TEST(test_fault_break)
{
	receiver_with_fault(INT_BE, "break");
	receive("zy");
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(DR), 0x400u);
	ck_assert_uint_eq(rd(RSR), 0x4);
	ck_assert_uint_eq(rd(DR), 'y');
}
END_TEST

/* An overrun loses the next character as a full FIFO would: OE at once,
 * and on the character stored after it. Other faults wait for that one. */
START_TEST(test_fault_overrun)
{
	struct err e;
	receiver_with_fault(INT_OE, "overrun");
	ck_assert_int_eq(pl011_fault(R.u, "parity-error", &e), 0);
	receive("a");
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(RSR) & 0x8, 0x8);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE); /* 'a' is gone */
	receive("bc");
	ck_assert_uint_eq(rd(DR), 0xa00u | 'b');
	ck_assert_uint_eq(rd(DR), 'c');
}
END_TEST

/* Pending faults are the line's: a reset keeps them, "clear" drops them;
 * other kinds are refused with the list. */
START_TEST(test_fault_clear_and_unknown_kinds)
{
	struct err e;
	ck_assert_int_eq(pl011_fault(R.u, "framing-error", &e), 0);
	pl011_reset(R.u);
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	receive("a");
	ck_assert_uint_eq(rd(DR), 0x100u | 'a');
	ck_assert_int_eq(pl011_fault(R.u, "break", &e), 0);
	ck_assert_int_eq(pl011_fault(R.u, "overrun", &e), 0);
	ck_assert_int_eq(pl011_fault(R.u, "clear", &e), 0);
	receive("b");
	ck_assert_uint_eq(rd(DR), 'b');
	ck_assert_uint_eq(rd(RIS) & INT_OE, 0);
	ck_assert_int_eq(pl011_fault(R.u, "noise", &e), -1);
	ck_assert_str_eq(e.msg, "unknown fault \"noise\"; it takes framing-error, parity-error, "
			 "break, overrun or clear");
}
END_TEST

START_TEST(test_rx_interrupt_at_trigger_level)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	wr(IMSC, INT_RX);
	push("abcdefgh"); /* the default trigger is 1/2: 8 characters */
	run_to(8 * CHAR_PS - 1);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS) & INT_RX, 0);
	run_to(8 * CHAR_PS);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(MIS), INT_RX);
	ck_assert_uint_eq(rd(DR), 'a'); /* 7 left: below the level */
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS) & INT_RX, 0);
	/* 1/8 = 2 characters. */
	wr(IFLS, 0x00);
	for (int i = 0; i < 6; i++)
		rd(DR);
	ck_assert_int_eq(R.level, 0);
	rd(DR);
	push("12");
	run_to(sched_now(&R.s) + CHAR_PS);
	ck_assert_int_eq(R.level, 0);
	run_to(sched_now(&R.s) + CHAR_PS);
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_receive_timeout_after_32_bits)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	wr(IMSC, INT_RT);
	push("z");
	simtime_t rt = CHAR_PS + BIT_PS_X(32);
	run_to(rt - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(rt);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(MIS), INT_RT);
	/* Emptying the FIFO clears it. */
	ck_assert_uint_eq(rd(DR), 'z');
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS) & INT_RT, 0);
	run_to(10 * rt);
	ck_assert_int_eq(R.level, 0);
}
END_TEST

START_TEST(test_receive_timeout_restarts_per_character_and_after_icr)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	wr(IMSC, INT_RT);
	push("ab");
	/* The second character restarts the count. */
	run_to(CHAR_PS + BIT_PS_X(32));
	ck_assert_int_eq(R.level, 0);
	simtime_t rt = 2 * CHAR_PS + BIT_PS_X(32);
	run_to(rt);
	ck_assert_int_eq(R.level, 1);
	/* Cleared by ICR while data still waits: back after 32 bits. */
	wr(ICR, INT_RT);
	ck_assert_int_eq(R.level, 0);
	run_to(rt + BIT_PS_X(32) - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(rt + BIT_PS_X(32));
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_tx_interrupt_on_draining_through_trigger)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE);
	wr(IMSC, INT_TX);
	/* Enabled with an empty FIFO: nothing (the TRM's transition rule). */
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS) & INT_TX, 0);
	for (unsigned i = 0; i < 12; i++)
		wr(DR, 'A' + i);
	/* 1 in the shift register, 11 queued: above the 1/2 level (8). */
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS) & INT_TX, 0);
	run_to(3 * CHAR_PS - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(3 * CHAR_PS); /* 8 left in the FIFO */
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(MIS), INT_TX);
	/* Refilling above the level clears it. */
	wr(DR, 'x');
	ck_assert_int_eq(R.level, 0);
	/* And ICR clears it. */
	run_to(4 * CHAR_PS);
	ck_assert_int_eq(R.level, 1);
	wr(ICR, INT_TX);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(RIS) & INT_TX, 0);
}
END_TEST

START_TEST(test_tx_interrupt_without_fifo)
{
	uart_init(LCRH_WLEN8, CR_EN | CR_TXE);
	wr(IMSC, INT_TX);
	wr(DR, 'a'); /* leaves the holding register at once */
	ck_assert_int_eq(R.level, 1);
	wr(DR, 'b'); /* fills it again: cleared */
	ck_assert_int_eq(R.level, 0);
	run_to(CHAR_PS - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(CHAR_PS); /* 'b' moved into the shift register */
	ck_assert_int_eq(R.level, 1);
}
END_TEST

START_TEST(test_mis_is_ris_and_imsc_and_icr_clears)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE);
	wr(IFLS, 0); /* RX level 2 */
	push("ab");
	run_to(2 * CHAR_PS + BIT_PS_X(32));
	ck_assert_uint_eq(rd(RIS) & (INT_RX | INT_RT), INT_RX | INT_RT);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0);
	ck_assert_int_eq(R.changes, 0);
	wr(IMSC, INT_RT);
	ck_assert_uint_eq(rd(MIS), INT_RT);
	ck_assert_int_eq(R.level, 1);
	wr(IMSC, INT_RT | INT_RX);
	ck_assert_uint_eq(rd(MIS), INT_RT | INT_RX);
	wr(ICR, INT_RT);
	ck_assert_uint_eq(rd(RIS) & (INT_RX | INT_RT), INT_RX);
	ck_assert_uint_eq(rd(MIS), INT_RX);
	ck_assert_int_eq(R.level, 1);
	wr(ICR, INT_RX);
	ck_assert_uint_eq(rd(MIS), 0);
	ck_assert_int_eq(R.level, 0);
	/* Level changes only: set once, cleared once. */
	ck_assert_int_eq(R.changes, 2);
}
END_TEST

START_TEST(test_loopback_sends_tx_to_rx)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE | CR_RXE | CR_LBE);
	push("H"); /* the external RX line is disconnected in loopback */
	wr(DR, 'L');
	run_to(CHAR_PS - 1);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	run_to(CHAR_PS);
	ck_assert_uint_eq(rd(DR), 'L');
	ck_assert_uint_eq(R.cd.tx_bytes, 0);
	ck_assert_uint_eq(chardev_rx_avail(&R.cd), 1);
	run_to(10 * CHAR_PS);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
	/* Loopback off: the host byte now comes in. */
	wr(CR, CR_EN | CR_TXE | CR_RXE);
	run_to(11 * CHAR_PS);
	ck_assert_uint_eq(rd(DR), 'H');
}
END_TEST

START_TEST(test_loopback_break_gives_zero_with_be)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE | CR_RXE | CR_LBE);
	wr(IMSC, INT_BE);
	wr(LCR_H, LCRH_WLEN8 | LCRH_FEN | LCRH_BRK);
	run_to(CHAR_PS - 1);
	ck_assert_int_eq(R.level, 0);
	run_to(CHAR_PS);
	ck_assert_int_eq(R.level, 1);
	ck_assert_uint_eq(rd(DR), 0x400);
	ck_assert_uint_eq(rd(RSR), 0x4);
	/* However long the break lasts, one character only. */
	run_to(20 * CHAR_PS);
	ck_assert_uint_eq(rd(FR) & FR_RXFE, FR_RXFE);
}
END_TEST

START_TEST(test_characters_sent_during_break_are_lost)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN | LCRH_BRK, CR_EN | CR_TXE);
	wr(DR, 'a');
	run_to(2 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 0);
	ck_assert_uint_eq(rd(FR) & FR_BUSY, 0);
	wr(LCR_H, LCRH_WLEN8 | LCRH_FEN);
	wr(DR, 'b');
	run_to(3 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 1);
	ck_assert_int_eq(R.buf[0], 'b');
}
END_TEST

START_TEST(test_rts_flow_control_holds_the_sender)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_RXE | CR_RTSEN);
	push("0123456789ABCDEFGHIJ");
	run_to(100 * CHAR_PS);
	/* Stopped at the 1/2 trigger level: no overrun, the rest waits. */
	ck_assert_uint_eq(chardev_rx_avail(&R.cd), 12);
	ck_assert_uint_eq(rd(RSR), 0);
	ck_assert_uint_eq(rd(DR), '0');
	run_to(101 * CHAR_PS);
	ck_assert_uint_eq(chardev_rx_avail(&R.cd), 11);
}
END_TEST

START_TEST(test_access_sizes)
{
	uint32_t v = 0;
	/* Halfwords are not a PL011 access: refused by the bus, no effect. */
	ck_assert_int_eq(bus_read(&R.b, BASE + CR, 2, &v), BUS_ERR_DEVICE);
	ck_assert_int_eq(bus_write(&R.b, BASE + CR, 2, 0), BUS_ERR_DEVICE);
	ck_assert_uint_eq(rd(CR), 0x0300);
	/* Bytes are: a byte store to DR transmits. */
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE);
	ck_assert_int_eq(bus_write(&R.b, BASE + DR, 1, 'b'), BUS_OK);
	ck_assert_int_eq(bus_read(&R.b, BASE + FR, 1, &v), BUS_OK);
	ck_assert_uint_eq(v & FR_BUSY, FR_BUSY);
	ck_assert_int_eq(bus_read(&R.b, BASE + CR + 1, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x01); /* TXE, from the upper byte of CR */
	/* A byte store off the register's own offset is ignored. */
	ck_assert_int_eq(bus_write(&R.b, BASE + CR + 1, 1, 0), BUS_OK);
	ck_assert_uint_eq(rd(CR), CR_EN | CR_TXE);
	run_to(CHAR_PS);
	ck_assert_int_eq(R.buf[0], 'b');
}
END_TEST

START_TEST(test_reset_mid_transfer)
{
	uart_init(LCRH_WLEN8 | LCRH_FEN, CR_EN | CR_TXE | CR_RXE);
	wr(IMSC, INT_TX);
	wr(DR, 'a'); /* raises TX at once: the FIFO drained to 0 */
	ck_assert_int_eq(R.level, 1);
	push("r");
	pl011_reset(R.u);
	ck_assert_int_eq(R.level, 0);
	ck_assert_uint_eq(rd(CR), 0x0300);
	ck_assert_uint_eq(rd(FR), FR_TXFE | FR_RXFE);
	run_to(10 * CHAR_PS);
	ck_assert_uint_eq(R.cd.tx_bytes, 0);
	ck_assert_uint_eq(rd(FR), FR_TXFE | FR_RXFE);
}
END_TEST

START_TEST(test_map_overlap_fails)
{
	struct irq_line none = { 0 };
	ck_assert_ptr_null(pl011_new(&R.b, &R.s, BASE + 0x800, UARTCLK, none, NULL));
	struct pl011 *u2 = pl011_new(&R.b, &R.s, BASE + 0x1000, UARTCLK, none, NULL);
	ck_assert_ptr_nonnull(u2);
	/* No chardev: transmits go nowhere, nothing crashes. */
	ck_assert_int_eq(bus_write(&R.b, BASE + 0x1000 + CR, 4, CR_EN | CR_TXE | CR_RXE), BUS_OK);
	ck_assert_int_eq(bus_write(&R.b, BASE + 0x1000 + DR, 4, 'n'), BUS_OK);
	run_to(CHAR_PS);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, BASE + 0x1000 + FR, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, FR_TXFE | FR_RXFE);
	pl011_free(u2);
}
END_TEST

static Suite *pl011_suite(void)
{
	Suite *s = suite_create("pl011");
	TCase *regs = tcase_create("registers");
	tcase_add_checked_fixture(regs, setup, teardown);
	tcase_add_test(regs, test_reset_values);
	tcase_add_test(regs, test_registers_keep_their_implemented_bits);
	tcase_add_test(regs, test_id_registers);
	tcase_add_test(regs, test_access_sizes);
	tcase_add_test(regs, test_reset_mid_transfer);
	tcase_add_test(regs, test_map_overlap_fails);
	suite_add_tcase(s, regs);

	TCase *tx = tcase_create("transmit");
	tcase_add_checked_fixture(tx, setup, teardown);
	tcase_add_test(tx, test_tx_byte_arrives_after_one_character_time);
	tcase_add_test(tx, test_tx_timing_follows_frame_and_latched_divisor);
	tcase_add_test(tx, test_zero_divisor_uses_default_115200);
	tcase_add_test(tx, test_tx_fifo_flags_and_full_at_16);
	tcase_add_test(tx, test_tx_holding_register_without_fifo);
	tcase_add_test(tx, test_disabled_transmitter_holds_fifo);
	tcase_add_test(tx, test_disabling_mid_stream_finishes_character_and_holds_fifo);
	tcase_add_test(tx, test_characters_sent_during_break_are_lost);
	suite_add_tcase(s, tx);

	TCase *rx = tcase_create("receive");
	tcase_add_checked_fixture(rx, setup, teardown);
	tcase_add_test(rx, test_rx_arrives_at_line_rate);
	tcase_add_test(rx, test_rx_waits_in_host_queue_while_receiver_disabled);
	tcase_add_test(rx, test_rxff_with_and_without_fifo);
	tcase_add_test(rx, test_overrun_sets_oe_and_loses_the_byte);
	tcase_add_test(rx, test_rts_flow_control_holds_the_sender);
	tcase_add_test(rx, test_loopback_sends_tx_to_rx);
	tcase_add_test(rx, test_loopback_break_gives_zero_with_be);
	tcase_add_test(rx, test_fault_framing_and_parity_errors);
	tcase_add_test(rx, test_fault_break);
	tcase_add_test(rx, test_fault_overrun);
	tcase_add_test(rx, test_fault_clear_and_unknown_kinds);
	suite_add_tcase(s, rx);

	TCase *irq = tcase_create("interrupts");
	tcase_add_checked_fixture(irq, setup, teardown);
	tcase_add_test(irq, test_rx_interrupt_at_trigger_level);
	tcase_add_test(irq, test_receive_timeout_after_32_bits);
	tcase_add_test(irq, test_receive_timeout_restarts_per_character_and_after_icr);
	tcase_add_test(irq, test_tx_interrupt_on_draining_through_trigger);
	tcase_add_test(irq, test_tx_interrupt_without_fifo);
	tcase_add_test(irq, test_mis_is_ris_and_imsc_and_icr_clears);
	suite_add_tcase(s, irq);
	return s;
}

int main(void)
{
	return check_run(pl011_suite());
}
