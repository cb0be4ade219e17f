/*
 * Unit tests for the PL080 DMA controller, driven the way firmware drives
 * it: through bus_read/bus_write on its registers, with guest memory set
 * up and checked through bus_load/bus_peek, a real scheduler advancing
 * simulated time, irq lines that record their level, a fake peripheral
 * on the bus that drives request lines and counts the controller's
 * answers, and a memory with an access hook standing in for DRAM latency.
 */
#include <check.h>
#include <inttypes.h>
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "devices/dramc.h"
#include "dma/pl080.h"
#include "check_run.h"

#define DMA 0x40020000u
#define PER 0x40030000u
#define RAM 0x20000000u
#define DRAM 0x60000000u
#define HOLE 0x30000000u

#define BEAT ((simtime_t)10 * PS_PER_NS)
#define NS PS_PER_NS

enum {
	INT_STATUS = 0x000, INT_TC_STATUS = 0x004, INT_TC_CLEAR = 0x008,
	INT_ERR_STATUS = 0x00c, INT_ERR_CLEAR = 0x010, RAW_TC = 0x014, RAW_ERR = 0x018,
	ENBLD = 0x01c, SOFT_BREQ = 0x020, SOFT_SREQ = 0x024, SOFT_LBREQ = 0x028,
	SOFT_LSREQ = 0x02c, CONFIG = 0x030, SYNC = 0x034,
};
#define CH(n, r) (0x100u + 0x20u * (n) + (r))
enum { SRC = 0x00, DST = 0x04, LLI = 0x08, CTRL = 0x0c, CFG = 0x10 };

enum { W8, W16, W32 };
enum { B1, B4, B8, B16, B32, B64, B128, B256 };
#define SI (1u << 26)
#define DI (1u << 27)
#define TCI (1u << 31)
#define E 1u
#define IE (1u << 14)
#define ITC (1u << 15)
#define A_BIT (1u << 17)
#define H_BIT (1u << 18)

static uint32_t ctl(unsigned count, unsigned sb, unsigned db, unsigned sw, unsigned dw,
		    uint32_t flags)
{
	return count | sb << 12 | db << 15 | sw << 18 | dw << 21 | flags;
}

static uint32_t cfg(unsigned flow, unsigned srcper, unsigned dstper)
{
	return E | srcper << 1 | dstper << 6 | flow << 11 | IE | ITC;
}

struct beat {
	unsigned ch;
	uint32_t addr;
	unsigned size;
	bool write;
	uint64_t t;
};

/* A peripheral with one data register at PER: as a sink (TX) it takes
 * words up to `cap`, as a source (RX) it gives the words queued. It
 * drives request input `line` from its levels: burst while 4 words fit
 * (or wait), single while one does. */
struct fakeper {
	bool rx;
	unsigned line;
	uint32_t q[64];
	unsigned nq, head;      /* RX queue */
	uint32_t out[64];
	unsigned nout, held, cap; /* TX: all received, held now, capacity */
	unsigned acks, lasts;
	bool last_early;        /* a `last` answer before the end */
};

static struct {
	struct sched s;
	struct bus b;
	struct pl080 *p;
	int lv[3];
	int rises[3];
	struct beat log[2048];
	unsigned nlog;
	struct fakeper per;
	uint64_t hook_lat;       /* added to the next DRAM access only */
	uint64_t hook_now[16];
	unsigned hook_calls;
	int cur_seen[64];
	unsigned ncur;
	struct trace trace;
	int64_t tr_val[16];
	simtime_t tr_t[16];
	unsigned ntr;
	/* The events: terminal counts ('d') and error responses ('e'). */
	char ev_kind[16];
	int64_t ev_chan[16];
	simtime_t ev_t[16];
	unsigned nev;
} R;

static void trace_record(void *opaque, simtime_t t, const char *component, const char *var,
			 int64_t value, const char *label)
{
	ck_assert_str_eq(component, "dma0");
	if (!strcmp(var, "done") || !strcmp(var, "error")) {
		ck_assert_ptr_null(label);
		ck_assert_uint_lt(R.nev, 16);
		R.ev_kind[R.nev] = var[0];
		R.ev_chan[R.nev] = value;
		R.ev_t[R.nev++] = t;
		return;
	}
	ck_assert_str_eq(var, "channel");
	char want[8] = "idle";
	if (value >= 0)
		snprintf(want, sizeof want, "ch%d", (int)value);
	ck_assert_str_eq(label, want);
	ck_assert_uint_lt(R.ntr, 16);
	R.tr_val[R.ntr] = value;
	R.tr_t[R.ntr++] = t;
}

static void irq_record(void *opaque, int num, int level)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_int_ge(num, 0);
	ck_assert_int_le(num, 2);
	if (level && !R.lv[num])
		R.rises[num]++;
	R.lv[num] = level;
}

static void observe(void *opaque, unsigned ch, uint32_t addr, unsigned size, bool write,
		    uint64_t now)
{
	ck_assert_ptr_eq(opaque, &R);
	ck_assert_uint_lt(R.nlog, sizeof R.log / sizeof R.log[0]);
	R.log[R.nlog++] = (struct beat){ ch, addr, size, write, now };
}

static uint64_t dram_hook(void *opaque, uint64_t now, uint32_t addr, uint32_t bytes, bool write)
{
	if (R.hook_calls < 16)
		R.hook_now[R.hook_calls] = now;
	R.hook_calls++;
	uint64_t l = R.hook_lat;
	R.hook_lat = 0;
	return l;
}

static void per_levels(void)
{
	struct fakeper *f = &R.per;
	unsigned n = f->rx ? f->nq - f->head : f->cap - f->held;
	pl080_request(R.p, f->line, n >= 1, n >= 4);
}

static int per_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	struct fakeper *f = opaque;
	*val = f->head < f->nq ? f->q[f->head++] : 0xdeaddead;
	return BUS_OK;
}

static int per_write(void *opaque, uint32_t off, unsigned size, uint32_t val)
{
	struct fakeper *f = opaque;
	ck_assert_uint_lt(f->nout, 64);
	f->out[f->nout++] = val;
	f->held++;
	return BUS_OK;
}

static void per_done(void *periph, bool last)
{
	struct fakeper *f = periph;
	ck_assert_ptr_eq(periph, &R.per);
	f->acks++;
	if (last)
		f->lasts++;
	per_levels();
}

static const struct bus_ops per_ops = {
	.name = "fakeper", .sizes = BUS_SIZES_ALL, .read = per_read, .write = per_write,
};

static void setup(void)
{
	memset(&R, 0, sizeof R);
	sched_init(&R.s);
	ck_assert_int_eq(bus_init(&R.b), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "sram", RAM, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "dram", DRAM, 0x10000, false), 0);
	ck_assert_int_eq(bus_set_access_hook(&R.b, DRAM, dram_hook, NULL), 0);
	ck_assert_int_ge(bus_add_mmio(&R.b, "fakeper", PER, 0x1000, &per_ops, &R.per), 0);
	struct pl080_params prm = {
		.name = "dma0", .beat_ps = 10000, .pj_per_byte = 2, .hz = 100000000,
		.trace = &R.trace,
	};
	ck_assert_int_eq(trace_add_sink(&R.trace, (struct trace_sink){ trace_record, &R }), 0);
	struct irq_line intr = { irq_record, &R, 0 }, tc = { irq_record, &R, 1 },
			err = { irq_record, &R, 2 };
	R.p = pl080_new(&R.b, &R.s, DMA, &prm, intr, tc, err);
	ck_assert_ptr_nonnull(R.p);
	pl080_set_observer(R.p, observe, &R);
}

static void teardown(void)
{
	pl080_free(R.p);
	bus_free(&R.b);
	sched_free(&R.s);
}

static uint32_t rd(uint32_t off)
{
	uint32_t v = 0xdeadbeef;
	ck_assert_int_eq(bus_read(&R.b, DMA + off, 4, &v), BUS_OK);
	return v;
}

static void wr(uint32_t off, uint32_t v)
{
	ck_assert_int_eq(bus_write(&R.b, DMA + off, 4, v), BUS_OK);
}

static void put32(uint32_t addr, uint32_t v)
{
	ck_assert_int_eq(bus_load(&R.b, addr, &v, 4), BUS_OK);
}

static uint32_t get32(uint32_t addr)
{
	uint32_t v;
	ck_assert_int_eq(bus_peek(&R.b, addr, &v, 4), BUS_OK);
	return v;
}

static void fill(uint32_t addr, unsigned words, uint32_t seed)
{
	for (unsigned i = 0; i < words; i++)
		put32(addr + 4 * i, seed + i * 0x01010101u);
}

static void run_to(simtime_t t)
{
	sched_run_until(&R.s, t);
}

/* Run every event there is; the time the last one ran. */
static simtime_t settle(void)
{
	while (R.s.count)
		sched_run_until(&R.s, sched_next_time(&R.s));
	return sched_now(&R.s);
}

static void chan(unsigned n, uint32_t src, uint32_t dst, uint32_t lli, uint32_t control,
		 uint32_t config)
{
	wr(CH(n, SRC), src);
	wr(CH(n, DST), dst);
	wr(CH(n, LLI), lli);
	wr(CH(n, CTRL), control);
	wr(CH(n, CFG), config);
}

/* ---- registers ----------------------------------------------------------- */

START_TEST(test_reset_values)
{
	for (uint32_t off = 0; off <= SYNC; off += 4)
		ck_assert_uint_eq(rd(off), 0);
	for (unsigned n = 0; n < 8; n++)
		for (uint32_t r = 0; r <= CFG; r += 4)
			ck_assert_uint_eq(rd(CH(n, r)), 0);
	ck_assert_uint_eq(rd(0x500), 0);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_int_eq(pl080_current_channel(R.p), -1);
	ck_assert_int_eq(R.lv[0] | R.lv[1] | R.lv[2], 0);
}
END_TEST

START_TEST(test_id_registers)
{
	static const uint32_t id[8] = { 0x80, 0x10, 0x04, 0x0a, 0x0d, 0xf0, 0x05, 0xb1 };
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(rd(0xfe0 + 4 * i), id[i]);
	wr(0xfe0, 0);
	ck_assert_uint_eq(rd(0xfe0), 0x80);
	uint32_t v;
	ck_assert_int_eq(bus_read(&R.b, DMA + 0xff0, 1, &v), BUS_OK);
	ck_assert_uint_eq(v, 0x0d);
	/* Registers are written as words only. */
	ck_assert_int_ne(bus_write(&R.b, DMA + CONFIG, 1, 1), BUS_OK);
	ck_assert_int_ne(bus_write(&R.b, DMA + CONFIG, 2, 1), BUS_OK);
	ck_assert_uint_eq(rd(CONFIG), 0);
}
END_TEST

START_TEST(test_registers_keep_their_implemented_bits)
{
	wr(CONFIG, 0xffffffff);
	ck_assert_uint_eq(rd(CONFIG), 7);
	wr(CONFIG, 0); /* nothing may run below */
	wr(SYNC, 0xffffffff);
	ck_assert_uint_eq(rd(SYNC), 0xffff);
	for (unsigned n = 0; n < 8; n++) {
		wr(CH(n, SRC), 0x11111111u * n + 1);
		wr(CH(n, DST), 0x01020304u + n);
		wr(CH(n, LLI), 0xffffffffu - 16 * n);
		wr(CH(n, CTRL), 0xfffff000u | n);
		/* Everything but E: FlowCntrl 7 is only refused on enable. */
		wr(CH(n, CFG), 0xfffffffe);
	}
	for (unsigned n = 0; n < 8; n++) {
		ck_assert_uint_eq(rd(CH(n, SRC)), 0x11111111u * n + 1);
		ck_assert_uint_eq(rd(CH(n, DST)), 0x01020304u + n);
		ck_assert_uint_eq(rd(CH(n, LLI)), (0xffffffffu - 16 * n) & ~2u);
		ck_assert_uint_eq(rd(CH(n, CTRL)), 0xfffff000u | n);
		/* Reserved bits 5, 10, 19+ and the read-only A read 0. */
		ck_assert_uint_eq(rd(CH(n, CFG)), 0x5fbde);
	}
	/* Read-only registers ignore writes. */
	wr(RAW_TC, 0xff);
	wr(RAW_ERR, 0xff);
	wr(ENBLD, 0xff);
	wr(INT_STATUS, 0xff);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	ck_assert_uint_eq(rd(RAW_ERR), 0);
	ck_assert_uint_eq(rd(ENBLD), 0);
	ck_assert_uint_eq(rd(INT_TC_CLEAR), 0);
	ck_assert_uint_eq(rd(INT_ERR_CLEAR), 0);
	/* Software requests: 16 inputs, kept while the DMAC is disabled. */
	wr(SOFT_BREQ, 0x10005);
	wr(SOFT_SREQ, 0x8000);
	wr(SOFT_LBREQ, 0x0300);
	wr(SOFT_LSREQ, 0x0042);
	ck_assert_uint_eq(rd(SOFT_BREQ), 0x0005);
	ck_assert_uint_eq(rd(SOFT_SREQ), 0x8000);
	ck_assert_uint_eq(rd(SOFT_LBREQ), 0x0300);
	ck_assert_uint_eq(rd(SOFT_LSREQ), 0x0042);
	/* Hardware request levels read through DMACSoftBReq/SReq. */
	pl080_request(R.p, 9, true, false);
	ck_assert_uint_eq(rd(SOFT_SREQ), 0x8200);
	ck_assert_uint_eq(rd(SOFT_BREQ), 0x0005);
	pl080_request(R.p, 9, true, true);
	ck_assert_uint_eq(rd(SOFT_BREQ), 0x0205);
	pl080_request(R.p, 9, false, false);
	ck_assert_uint_eq(rd(SOFT_SREQ), 0x8000);
	ck_assert_uint_eq(R.s.count, 0);
}
END_TEST

/* ---- memory to memory ---------------------------------------------------- */

START_TEST(test_word_copy_takes_two_beats_per_word)
{
	fill(RAM + 0x100, 16, 0x10203040);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(16, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	ck_assert_uint_eq(rd(ENBLD), 1);
	/* 16 reads and 16 writes of 10 ns each. */
	run_to(32 * BEAT - 1);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	ck_assert_int_eq(R.lv[0], 0);
	ck_assert_uint_eq(rd(ENBLD), 1);
	run_to(32 * BEAT);
	ck_assert_uint_eq(rd(RAW_TC), 1);
	ck_assert_uint_eq(rd(INT_TC_STATUS), 1);
	ck_assert_uint_eq(rd(INT_STATUS), 1);
	ck_assert_uint_eq(rd(RAW_ERR), 0);
	ck_assert_int_eq(R.lv[0], 1);
	ck_assert_int_eq(R.lv[1], 1);
	ck_assert_int_eq(R.lv[2], 0);
	ck_assert_uint_eq(rd(ENBLD), 0);
	ck_assert_uint_eq(rd(CH(0, CFG)) & E, 0);
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 0);
	ck_assert_uint_eq(rd(CH(0, SRC)), RAM + 0x140);
	ck_assert_uint_eq(rd(CH(0, DST)), RAM + 0x840);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(get32(RAM + 0x800 + 4 * i), 0x10203040u + i * 0x01010101u);
	ck_assert_uint_eq(get32(RAM + 0x840), 0);
	/* An idle controller schedules nothing. */
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(R.nlog, 32);
	ck_assert_uint_eq(pl080_bytes_moved(R.p), 64);
}
END_TEST

static const struct width_case {
	unsigned sw, dw, count;
	unsigned reads, writes; /* beats */
	unsigned wsize;         /* size of the first write */
} width_cases[] = {
	{ W8, W8, 13, 13, 13, 1 },
	{ W16, W16, 7, 7, 7, 2 },
	{ W8, W32, 16, 16, 4, 4 },  /* packing */
	{ W32, W8, 4, 4, 16, 1 },   /* unpacking */
	{ W16, W32, 6, 6, 3, 4 },
	{ W32, W16, 3, 3, 6, 2 },
	{ W8, W32, 6, 6, 3, 4 },    /* one word, then 2 bytes left over */
	{ W8, W16, 5, 5, 3, 2 },    /* two halfwords, then 1 byte */
};

START_TEST(test_width_conversion)
{
	const struct width_case *c = &width_cases[_i];
	unsigned bytes = c->count << c->sw;
	uint8_t src[64], dst[64];
	for (unsigned i = 0; i < sizeof src; i++)
		src[i] = (uint8_t)(i * 7 + 3);
	memset(dst, 0xee, sizeof dst);
	ck_assert_int_eq(bus_load(&R.b, RAM + 0x100, src, sizeof src), BUS_OK);
	ck_assert_int_eq(bus_load(&R.b, RAM + 0x400, dst, sizeof dst), BUS_OK);
	wr(CONFIG, 1);
	chan(2, RAM + 0x100, RAM + 0x400, 0, ctl(c->count, B4, B4, c->sw, c->dw, SI | DI | TCI),
	     cfg(0, 0, 0));
	simtime_t end = settle();
	ck_assert_uint_eq(end, (c->reads + c->writes) * BEAT);
	ck_assert_uint_eq(bus_peek(&R.b, RAM + 0x400, dst, sizeof dst), BUS_OK);
	ck_assert_mem_eq(dst, src, bytes);
	ck_assert_uint_eq(dst[bytes], 0xee);
	unsigned r = 0, w = 0;
	for (unsigned i = 0; i < R.nlog; i++) {
		if (R.log[i].write) {
			if (!w)
				ck_assert_uint_eq(R.log[i].size, c->wsize);
			w++;
		} else {
			ck_assert_uint_eq(R.log[i].size, 1u << c->sw);
			r++;
		}
	}
	ck_assert_uint_eq(r, c->reads);
	ck_assert_uint_eq(w, c->writes);
	ck_assert_uint_eq(rd(RAW_TC), 1 << 2);
	ck_assert_uint_eq(rd(CH(2, DST)), RAM + 0x400 + bytes);
}
END_TEST

START_TEST(test_fixed_source_fills)
{
	put32(RAM + 0x100, 0xa5c30f12);
	put32(RAM + 0x104, 0x99999999);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(8, B4, B4, W32, W32, DI), cfg(0, 0, 0));
	settle();
	for (unsigned i = 0; i < 8; i++)
		ck_assert_uint_eq(get32(RAM + 0x800 + 4 * i), 0xa5c30f12);
	ck_assert_uint_eq(get32(RAM + 0x820), 0);
	ck_assert_uint_eq(rd(CH(0, SRC)), RAM + 0x100);
	/* No I bit: no terminal count. */
	ck_assert_uint_eq(rd(RAW_TC), 0);
	ck_assert_uint_eq(rd(ENBLD), 0);
}
END_TEST

START_TEST(test_fixed_destination_keeps_the_last_item)
{
	fill(RAM + 0x100, 4, 0x01000000);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI), cfg(0, 0, 0));
	settle();
	ck_assert_uint_eq(get32(RAM + 0x800), 0x01000000u + 3 * 0x01010101u);
	ck_assert_uint_eq(get32(RAM + 0x804), 0);
	for (unsigned i = 0; i < R.nlog; i++)
		if (R.log[i].write)
			ck_assert_uint_eq(R.log[i].addr, RAM + 0x800);
}
END_TEST

/* The source burst size sets how reads and writes interleave: a burst of
 * k reads fills the FIFO, then it empties to the destination. */
START_TEST(test_burst_sizes)
{
	static const unsigned codes[] = { B1, B4, B8, B16, B256 };
	static const unsigned k[] = { 1, 4, 8, 16, 256 };
	unsigned code = codes[_i], burst = k[_i];
	unsigned words = _i == 4 ? 300 : 16;
	fill(RAM + 0x100, words, 0x100);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x2000, 0, ctl(words, code, B1, W32, W32, SI | DI),
	     cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), 2 * words * BEAT);
	ck_assert_uint_eq(R.nlog, 2 * words);
	unsigned i = 0, left = words;
	while (left) {
		unsigned n = left < burst ? left : burst;
		for (unsigned j = 0; j < n; j++, i++)
			ck_assert_msg(!R.log[i].write, "beat %u should be a read", i);
		for (unsigned j = 0; j < n; j++, i++)
			ck_assert_msg(R.log[i].write, "beat %u should be a write", i);
		left -= n;
	}
	for (unsigned j = 0; j < words; j++)
		ck_assert_uint_eq(get32(RAM + 0x2000 + 4 * j), 0x100u + j * 0x01010101u);
}
END_TEST

START_TEST(test_zero_count_item_completes_at_once)
{
	wr(CONFIG, 1);
	chan(3, RAM, RAM + 0x800, 0, ctl(0, B4, B4, W32, W32, SI | DI | TCI), cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), 0);
	ck_assert_uint_eq(rd(RAW_TC), 1 << 3);
	ck_assert_uint_eq(rd(ENBLD), 0);
	ck_assert_uint_eq(R.nlog, 0);
}
END_TEST

/* ---- linked lists -------------------------------------------------------- */

START_TEST(test_scatter_gather_chain_raises_tc_once_at_the_end)
{
	const uint32_t l1 = RAM + 0x1000, l2 = RAM + 0x1010, l3 = RAM + 0x1020;
	fill(RAM + 0x100, 4, 0xa0000000);
	fill(RAM + 0x200, 4, 0xb0000000);
	fill(RAM + 0x300, 4, 0xc0000000);
	fill(RAM + 0x400, 4, 0xd0000000);
	uint32_t c = ctl(4, B4, B4, W32, W32, SI | DI);
	/* Bit 0 of a next pointer selects the AHB master: not an address bit. */
	put32(l1 + 0, RAM + 0x200);
	put32(l1 + 4, RAM + 0x900);
	put32(l1 + 8, l2 | 1);
	put32(l1 + 12, c);
	put32(l2 + 0, RAM + 0x300);
	put32(l2 + 4, RAM + 0xa00);
	put32(l2 + 8, l3);
	put32(l2 + 12, c);
	put32(l3 + 0, RAM + 0x400);
	put32(l3 + 4, RAM + 0xb00);
	put32(l3 + 8, 0);
	put32(l3 + 12, c | TCI);
	wr(CONFIG, 1);
	chan(4, RAM + 0x100, RAM + 0x800, l1, c, cfg(0, 0, 0));
	unsigned steps = 0;
	while (R.s.count) {
		sched_run_until(&R.s, sched_next_time(&R.s));
		steps++;
		if (rd(ENBLD) & (1 << 4)) {
			ck_assert_uint_eq(rd(RAW_TC), 0);
			ck_assert_int_eq(R.lv[0], 0);
		}
	}
	ck_assert_uint_gt(steps, 4);
	/* Four items of 8 beats, three linked-list fetches of 4 beats. */
	ck_assert_uint_eq(sched_now(&R.s), (4 * 8 + 3 * 4) * BEAT);
	ck_assert_uint_eq(rd(RAW_TC), 1 << 4);
	/* The trace has every item's terminal count, I bit or not. */
	ck_assert_uint_eq(R.nev, 4);
	for (unsigned i = 0; i < 4; i++) {
		ck_assert_int_eq(R.ev_kind[i], 'd');
		ck_assert_int_eq(R.ev_chan[i], 4);
		ck_assert_uint_eq(R.ev_t[i], (8 + 12 * i) * BEAT);
	}
	ck_assert_int_eq(R.rises[0], 1);
	ck_assert_uint_eq(rd(ENBLD), 0);
	ck_assert_uint_eq(rd(CH(4, LLI)), 0);
	static const uint32_t base[4] = { 0xa0000000, 0xb0000000, 0xc0000000, 0xd0000000 };
	for (unsigned it = 0; it < 4; it++)
		for (unsigned i = 0; i < 4; i++)
			ck_assert_uint_eq(get32(RAM + 0x800 + 0x100 * it + 4 * i),
					  base[it] + i * 0x01010101u);
	/* The item fetches are reads of the list in memory, word by word. */
	unsigned lli_reads = 0;
	for (unsigned i = 0; i < R.nlog; i++)
		if (R.log[i].addr >= l1 && R.log[i].addr < l3 + 16) {
			ck_assert(!R.log[i].write);
			ck_assert_uint_eq(R.log[i].size, 4);
			lli_reads++;
		}
	ck_assert_uint_eq(lli_reads, 12);
	/* Energy is booked for the payload, not for the list. */
	ck_assert_uint_eq(pl080_bytes_moved(R.p), 64);
}
END_TEST

/* ---- time ---------------------------------------------------------------- */

START_TEST(test_memory_latency_adds_to_the_transfer)
{
	fill(DRAM, 4, 0x5000);
	R.hook_lat = 270 * NS; /* the DRAM leaving self-refresh */
	wr(CONFIG, 1);
	chan(0, DRAM, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI), cfg(0, 0, 0));
	run_to(8 * BEAT + 270 * NS - 1);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	run_to(8 * BEAT + 270 * NS);
	ck_assert_uint_eq(rd(RAW_TC), 1);
	/* The hook sees each beat at its own time: the first at 0, the next
	 * one after the first's beat and its wake-up latency. */
	ck_assert_uint_eq(R.hook_calls, 4);
	ck_assert_uint_eq(R.hook_now[0], 0);
	ck_assert_uint_eq(R.hook_now[1], BEAT + 270 * NS);
	ck_assert_uint_eq(R.hook_now[2], 2 * BEAT + 270 * NS);
	ck_assert_uint_eq(R.hook_now[3], 3 * BEAT + 270 * NS);
	/* The observer is told when the data moved: after the latency. */
	ck_assert_uint_eq(R.log[0].t, 270 * NS);
	ck_assert_uint_eq(R.log[4].t, 4 * BEAT + 270 * NS);
	ck_assert(R.log[4].write);
}
END_TEST

/* 8 words copied (16 beats); the time it took. */
static simtime_t copy8(void)
{
	fill(RAM + 0x100, 8, 1);
	simtime_t t0 = sched_now(&R.s);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(8, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	return settle() - t0;
}

/* docs/devices/pl080.md, "Time": P = 1e12 / f rounded to the picosecond,
 * beat = max(1, ceil(10 ns / P)) * P. */
static const struct {
	uint64_t hz;
	simtime_t beat_ps;
} beat_cases[] = {
	{ 25000000, 40000 },    /* one cycle: slower than 10 ns */
	{ 24000000, 41667 },    /* P rounded to the picosecond */
	{ 50000000, 20000 },
	{ 100000000, 10000 },   /* one cycle is 10 ns */
	{ 150000000, 13334 },   /* two cycles of 6667 ps */
	{ 200000000, 10000 },   /* two cycles */
	{ 400000000, 10000 },   /* four cycles */
	{ 1000000000, 10000 },  /* ten */
};

START_TEST(test_beat_time_is_whole_clock_cycles)
{
	wr(CONFIG, 1);
	pl080_clock_rate(R.p, beat_cases[_i].hz);
	ck_assert_uint_eq(copy8(), 16 * beat_cases[_i].beat_ps);
	for (unsigned i = 0; i < R.nlog; i++)
		ck_assert_uint_eq(R.log[i].t, i * beat_cases[_i].beat_ps);
}
END_TEST

/* The same copy at 25 MHz takes the same time whatever rates the clock
 * had before, and whether it was gated or running when the controller was
 * made. */
START_TEST(test_beat_time_does_not_depend_on_the_clocks_history)
{
	/* Rates told to the controller in turn; 0 gates the clock. */
	static const struct {
		unsigned n;
		uint64_t hz[4];
	} history[] = {
		{ 1, { 25000000 } },
		{ 3, { 0, 400000000, 25000000 } },
		{ 4, { 0, 25000000, 400000000, 25000000 } },
		{ 4, { 400000000, 0, 50000000, 25000000 } },
	};
	wr(CONFIG, 1);
	for (unsigned h = 0; h < sizeof history / sizeof history[0]; h++) {
		pl080_free(R.p);
		R.p = NULL;
		struct pl080_params prm = { .name = "dma0", .beat_ps = 10000, .pj_per_byte = 2 };
		struct irq_line none = { 0 };
		/* The bus cannot unmap: a fresh bus for each controller. */
		bus_free(&R.b);
		ck_assert_int_eq(bus_init(&R.b), 0);
		ck_assert_int_ge(bus_add_ram(&R.b, "sram", RAM, 0x10000, false), 0);
		R.p = pl080_new(&R.b, &R.s, DMA, &prm, none, none, none);
		ck_assert_ptr_nonnull(R.p);
		for (unsigned k = 0; k < history[h].n; k++)
			pl080_clock_rate(R.p, history[h].hz[k]);
		wr(CONFIG, 1);
		simtime_t t = copy8();
		ck_assert_msg(t == 16 * 40 * NS, "history %u: %" PRIu64 " ps", h, t);
	}
}
END_TEST

/* A bus path faster than the clock: still one beat per cycle at most, and
 * a memory's latency holds the bus for whole cycles. */
START_TEST(test_at_most_one_beat_per_cycle)
{
	pl080_free(R.p);
	bus_free(&R.b);
	ck_assert_int_eq(bus_init(&R.b), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "sram", RAM, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "dram", DRAM, 0x10000, false), 0);
	ck_assert_int_eq(bus_set_access_hook(&R.b, DRAM, dram_hook, NULL), 0);
	struct pl080_params prm = { .name = "dma0", .beat_ps = 1, .pj_per_byte = 2,
				    .hz = 25000000 };
	struct irq_line none = { 0 };
	R.p = pl080_new(&R.b, &R.s, DMA, &prm, none, none, none);
	ck_assert_ptr_nonnull(R.p);
	pl080_set_observer(R.p, observe, &R);
	wr(CONFIG, 1);
	ck_assert_uint_eq(copy8(), 16 * 40 * NS);
	for (unsigned i = 1; i < R.nlog; i++)
		ck_assert_uint_eq(R.log[i].t - R.log[i - 1].t, 40 * NS);
	/* 50 ns of DRAM latency at 25 MHz: the beat ends two cycles later. */
	fill(DRAM, 4, 7);
	R.hook_lat = 50 * NS;
	simtime_t t0 = sched_now(&R.s);
	chan(0, DRAM, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	ck_assert_uint_eq(settle() - t0, 8 * 40 * NS + 80 * NS);
	ck_assert_uint_eq(R.hook_now[1] - t0, 40 * NS + 80 * NS);
}
END_TEST

/* Without a clock input a beat is pmsim,beat-ns, whatever it is. */
START_TEST(test_unclocked_beat_is_the_beat_time)
{
	pl080_free(R.p);
	bus_free(&R.b);
	ck_assert_int_eq(bus_init(&R.b), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "sram", RAM, 0x10000, false), 0);
	struct pl080_params prm = { .name = "dma0", .beat_ps = 7777, .pj_per_byte = 2 };
	struct irq_line none = { 0 };
	R.p = pl080_new(&R.b, &R.s, DMA, &prm, none, none, none);
	ck_assert_ptr_nonnull(R.p);
	wr(CONFIG, 1);
	ck_assert_uint_eq(copy8(), 16 * 7777);
}
END_TEST

/* The DRAM controller itself behind the DRAM region. */
static uint64_t dramc_beat(void *opaque, uint64_t now, uint32_t addr, uint32_t bytes, bool write)
{
	simtime_t ps = dramc_access(opaque, now, addr, bytes, write);
	return ps == DRAMC_ACCESS_FAULT ? BUS_HOOK_FAULT : ps;
}

/* docs/devices/dramc.md: a DMA stream's word beats into one 32-byte burst
 * are one burst. 4 KiB copied into DRAM and back, one beat per cycle of
 * 400 MHz (2.5 ns, quicker than a 5 ns burst): 128 write bursts, then 128
 * read bursts, at (IDD4W or IDD4R - IDD3N) x VDD x tBURST each, and 2048
 * beats of 2.5 ns each way, no beat waiting for the stream's own bursts. */
START_TEST(test_copy_into_dram_is_one_burst_per_32_bytes)
{
	pl080_free(R.p);
	bus_free(&R.b);
	ck_assert_int_eq(bus_init(&R.b), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "sram", RAM, 0x10000, false), 0);
	ck_assert_int_ge(bus_add_ram(&R.b, "dram", DRAM, 0x10000, false), 0);
	struct dramc_params dp;
	dramc_default_params(&dp);
	dp.vdd_uv = 1100000; /* the default SoC's */
	dp.pd_idle_ps = 0;
	dp.mem_base = DRAM;
	dp.mem_size = 0x10000;
	struct dramc *d = dramc_new(&R.b, &R.s, 0, &dp);
	ck_assert_ptr_nonnull(d);
	ck_assert_int_eq(bus_set_access_hook(&R.b, DRAM, dramc_beat, d), 0);
	struct pl080_params prm = { .name = "dma0", .beat_ps = 1, .pj_per_byte = 2,
				    .hz = 400000000 };
	struct irq_line none = { 0 };
	R.p = pl080_new(&R.b, &R.s, DMA, &prm, none, none, none);
	ck_assert_ptr_nonnull(R.p);
	wr(CONFIG, 1);
	fill(RAM, 1024, 0x01000000);
	double ew = (190000 - 30000) * 1e-6 * 1.1 * 5e-9, er = (200000 - 30000) * 1e-6 * 1.1 * 5e-9;

	simtime_t t0 = sched_now(&R.s);
	chan(0, RAM, DRAM, 0, ctl(1024, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	simtime_t t1 = settle();
	ck_assert_uint_eq(t1 - t0, 2048 * 2500);
	struct dramc_stats st;
	dramc_get_stats(d, t1, &st);
	ck_assert_uint_eq(st.writes, 1024);
	ck_assert_uint_eq(st.bursts, 128);
	ck_assert_uint_eq(st.contention_ps, 0);
	double j = dramc_joules(d, t1, DRAMC_METER_ACCESS);
	ck_assert_double_eq_tol(j, 128 * ew, 1e-9 * j);
	/* 27.5 pJ a byte, as dramc.md says for the default SoC. */
	ck_assert_double_eq_tol(j / 4096, 27.5e-12, 1e-9 * j);

	chan(0, DRAM, RAM + 0x8000, 0, ctl(1024, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	simtime_t t2 = settle();
	ck_assert_uint_eq(t2 - t1, 2048 * 2500);
	dramc_get_stats(d, t2, &st);
	ck_assert_uint_eq(st.bursts, 256);
	ck_assert_uint_eq(st.contention_ps, 0);
	ck_assert_double_eq_tol(dramc_joules(d, t2, DRAMC_METER_ACCESS), 128 * (ew + er),
				1e-9 * j);
	for (unsigned i = 0; i < 1024; i += 37)
		ck_assert_uint_eq(get32(RAM + 0x8000 + 4 * i), 0x01000000u + i * 0x01010101u);
	pl080_free(R.p);
	R.p = NULL;
	bus_free(&R.b);
	ck_assert_int_eq(bus_init(&R.b), 0);
	dramc_free(d);
}
END_TEST

/* ---- priority ------------------------------------------------------------ */

START_TEST(test_lower_channel_number_wins)
{
	fill(RAM + 0x100, 8, 0x100);
	fill(RAM + 0x200, 8, 0x200);
	wr(CONFIG, 1);
	/* Channel 6 is enabled first, in the same instant. */
	chan(6, RAM + 0x100, RAM + 0x800, 0, ctl(8, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	chan(1, RAM + 0x200, RAM + 0x900, 0, ctl(8, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	settle();
	ck_assert_uint_eq(R.nlog, 32);
	for (unsigned i = 0; i < 16; i++)
		ck_assert_uint_eq(R.log[i].ch, 1);
	for (unsigned i = 16; i < 32; i++)
		ck_assert_uint_eq(R.log[i].ch, 6);
}
END_TEST

START_TEST(test_higher_priority_preempts_between_bursts)
{
	fill(RAM + 0x100, 32, 0x100);
	fill(RAM + 0x200, 8, 0x200);
	fill(RAM + 0x300, 8, 0x300);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x800, 0, ctl(32, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	/* At 100 ns channel 1's second burst is on the bus ([80, 160) ns);
	 * channel 0 takes the bus when it ends, channel 2 waits for both. */
	run_to(100 * NS);
	chan(2, RAM + 0x300, RAM + 0xb00, 0, ctl(8, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	chan(0, RAM + 0x200, RAM + 0xa00, 0, ctl(8, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	run_to(320 * NS - 1);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	run_to(320 * NS);
	ck_assert_uint_eq(rd(RAW_TC), 1);
	run_to(800 * NS - 1);
	ck_assert_uint_eq(rd(RAW_TC), 1);
	run_to(800 * NS);
	ck_assert_uint_eq(rd(RAW_TC), 3);
	ck_assert_uint_eq(rd(ENBLD), 4);
	ck_assert_uint_eq(settle(), 960 * NS);
	ck_assert_uint_eq(rd(RAW_TC), 7);
	ck_assert_uint_eq(R.nlog, 96);
	for (unsigned i = 0; i < 96; i++) {
		unsigned want = i < 16 ? 1 : i < 32 ? 0 : i < 80 ? 1 : 2;
		ck_assert_msg(R.log[i].ch == want, "beat %u by channel %u, expected %u", i,
			      R.log[i].ch, want);
	}
	for (unsigned i = 0; i < 32; i++)
		ck_assert_uint_eq(get32(RAM + 0x800 + 4 * i), 0x100u + i * 0x01010101u);
	/* The trace shows who had the bus: one transition per change. */
	static const int64_t val[5] = { 1, 0, 1, 2, -1 };
	static const simtime_t at[5] = { 0, 160 * NS, 320 * NS, 800 * NS, 960 * NS };
	ck_assert_uint_eq(R.ntr, 5);
	for (unsigned i = 0; i < 5; i++) {
		ck_assert_int_eq(R.tr_val[i], val[i]);
		ck_assert_uint_eq(R.tr_t[i], at[i]);
	}
}
END_TEST

/* ---- peripherals --------------------------------------------------------- */

START_TEST(test_memory_to_peripheral_follows_the_request_line)
{
	struct fakeper *f = &R.per;
	f->line = 3;
	f->cap = 8;
	struct dma_ack a = { per_done, f };
	ck_assert_int_eq(pl080_set_ack(R.p, 3, a), 0);
	ck_assert_int_eq(pl080_set_ack(R.p, 3, a), -1);
	ck_assert_int_eq(pl080_set_ack(R.p, 16, a), -1);
	fill(RAM + 0x100, 10, 0x700);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, PER, 0, ctl(10, B4, B4, W32, W32, SI | TCI), cfg(1, 0, 3));
	/* No request yet: nothing moves, nothing is scheduled. */
	settle();
	ck_assert_uint_eq(f->nout, 0);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 10);
	per_levels(); /* room for 8 words: two bursts of 4 */
	settle();
	ck_assert_uint_eq(f->nout, 8);
	ck_assert_uint_eq(f->acks, 2);
	ck_assert_uint_eq(f->lasts, 0);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 2);
	ck_assert_uint_eq(rd(ENBLD), 1);
	/* The source is read on demand: nothing waits in the FIFO. */
	ck_assert_uint_eq(rd(CH(0, CFG)) & A_BIT, 0);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	f->held = 0; /* the peripheral sent its data */
	per_levels();
	settle();
	ck_assert_uint_eq(f->nout, 10);
	ck_assert_uint_eq(f->acks, 3);
	ck_assert_uint_eq(f->lasts, 1);
	ck_assert_uint_eq(rd(RAW_TC), 1);
	ck_assert_uint_eq(rd(ENBLD), 0);
	for (unsigned i = 0; i < 10; i++)
		ck_assert_uint_eq(f->out[i], 0x700u + i * 0x01010101u);
	/* The observer sees memory only: 10 reads, no peripheral writes. */
	ck_assert_uint_eq(R.nlog, 10);
	for (unsigned i = 0; i < R.nlog; i++)
		ck_assert(!R.log[i].write);
}
END_TEST

START_TEST(test_peripheral_to_memory_bursts_then_singles)
{
	struct fakeper *f = &R.per;
	f->rx = true;
	f->line = 5;
	ck_assert_int_eq(pl080_set_ack(R.p, 5, (struct dma_ack){ per_done, f }), 0);
	wr(CONFIG, 1);
	chan(7, PER, RAM + 0x800, 0, ctl(6, B4, B4, W32, W32, DI | TCI), cfg(2, 5, 0));
	settle();
	ck_assert_uint_eq(get32(RAM + 0x800), 0);
	for (unsigned i = 0; i < 6; i++)
		f->q[f->nq++] = 0x4000 + i;
	per_levels();
	/* A burst of 4 (8 beats), then two singles (2 beats each). */
	ck_assert_uint_eq(settle(), 12 * BEAT);
	ck_assert_uint_eq(f->acks, 3);
	ck_assert_uint_eq(f->lasts, 1);
	ck_assert_uint_eq(f->head, 6);
	for (unsigned i = 0; i < 6; i++)
		ck_assert_uint_eq(get32(RAM + 0x800 + 4 * i), 0x4000 + i);
	ck_assert_uint_eq(get32(RAM + 0x818), 0);
	ck_assert_uint_eq(rd(RAW_TC), 1 << 7);
	ck_assert_uint_eq(rd(ENBLD), 0);
}
END_TEST

START_TEST(test_software_requests_are_served_once)
{
	fill(RAM + 0x100, 8, 0x300);
	wr(CONFIG, 1);
	/* A "peripheral" source in RAM, on an input nothing drives. */
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(8, B4, B4, W32, W32, SI | DI), cfg(2, 7, 0));
	settle();
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 8);
	wr(SOFT_BREQ, 1 << 7);
	ck_assert_uint_eq(rd(SOFT_BREQ), 1 << 7);
	settle();
	ck_assert_uint_eq(rd(SOFT_BREQ), 0);
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 4);
	wr(SOFT_SREQ, 1 << 7);
	settle();
	ck_assert_uint_eq(rd(SOFT_SREQ), 0);
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 3);
	for (unsigned i = 0; i < 5; i++)
		ck_assert_uint_eq(get32(RAM + 0x800 + 4 * i), 0x300u + i * 0x01010101u);
	ck_assert_uint_eq(get32(RAM + 0x814), 0);
}
END_TEST

START_TEST(test_peripheral_to_peripheral_holds_data_in_the_fifo)
{
	fill(RAM + 0x100, 4, 0x900);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(3, 1, 2));
	wr(SOFT_BREQ, 1 << 1); /* the source gives a burst; the destination waits */
	settle();
	ck_assert_uint_eq(rd(CH(0, CTRL)) & 0xfff, 0);
	ck_assert_uint_eq(rd(CH(0, CFG)) & A_BIT, A_BIT);
	ck_assert_uint_eq(get32(RAM + 0x800), 0);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	wr(SOFT_SREQ, 1 << 2);
	settle();
	ck_assert_uint_eq(get32(RAM + 0x800), 0x900);
	ck_assert_uint_eq(get32(RAM + 0x804), 0);
	wr(SOFT_BREQ, 1 << 2); /* a burst of 4 asked, 3 left: 3 written */
	settle();
	for (unsigned i = 0; i < 4; i++)
		ck_assert_uint_eq(get32(RAM + 0x800 + 4 * i), 0x900u + i * 0x01010101u);
	ck_assert_uint_eq(rd(CH(0, CFG)) & A_BIT, 0);
	ck_assert_uint_eq(rd(RAW_TC), 1);
}
END_TEST

START_TEST(test_disabling_a_channel_loses_its_fifo)
{
	fill(RAM + 0x100, 4, 0x900);
	put32(RAM + 0x200, 0x12345678);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(3, 1, 2));
	wr(SOFT_BREQ, 1 << 1);
	settle();
	ck_assert_uint_eq(rd(CH(0, CFG)) & A_BIT, A_BIT);
	wr(CH(0, CFG), cfg(3, 1, 2) & ~E);
	ck_assert_uint_eq(rd(CH(0, CFG)) & A_BIT, 0);
	/* Re-enabled for another copy, the old data does not come out. */
	chan(0, RAM + 0x200, RAM + 0x800, 0, ctl(1, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	settle();
	ck_assert_uint_eq(get32(RAM + 0x800), 0x12345678);
	ck_assert_uint_eq(get32(RAM + 0x804), 0);
	ck_assert_uint_eq(rd(RAW_TC), 1);
}
END_TEST

/* ---- errors and interrupts ----------------------------------------------- */

static void expect_error(unsigned n)
{
	ck_assert_uint_eq(rd(RAW_ERR), 1u << n);
	ck_assert_uint_eq(rd(INT_ERR_STATUS), 1u << n);
	ck_assert_uint_eq(rd(INT_STATUS), 1u << n);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	ck_assert_uint_eq(rd(ENBLD), 0);
	ck_assert_int_eq(R.lv[0], 1);
	ck_assert_int_eq(R.lv[1], 0);
	ck_assert_int_eq(R.lv[2], 1);
	wr(INT_ERR_CLEAR, 1u << n);
	ck_assert_uint_eq(rd(RAW_ERR), 0);
	ck_assert_uint_eq(rd(INT_STATUS), 0);
	ck_assert_int_eq(R.lv[0], 0);
	ck_assert_int_eq(R.lv[2], 0);
	ck_assert_uint_eq(R.s.count, 0);
}

START_TEST(test_error_on_unmapped_source)
{
	wr(CONFIG, 1);
	chan(2, HOLE, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI), cfg(0, 0, 0));
	/* The error response takes the first beat. */
	ck_assert_uint_eq(settle(), BEAT);
	expect_error(2);
	ck_assert_uint_eq(R.nlog, 0);
	/* On the trace as an error of channel 2 at the step's end. */
	ck_assert_uint_eq(R.nev, 1);
	ck_assert_int_eq(R.ev_kind[0], 'e');
	ck_assert_int_eq(R.ev_chan[0], 2);
	ck_assert_uint_eq(R.ev_t[0], BEAT);
}
END_TEST

/* A scenario's "bus-error": the next beat, whatever the channel, meets an
 * error response and ends the channel as a slave's error would; the one
 * after it is served again. */
START_TEST(test_fault_bus_error_ends_the_next_transfer)
{
	struct err e;
	fill(RAM + 0x100, 4, 0x77);
	ck_assert_int_eq(pl080_dev_type.fault(R.p, "bus-error", &e), 0);
	/* Nothing runs yet: the fault waits for a transfer. */
	ck_assert_uint_eq(settle(), 0);
	wr(CONFIG, 1);
	chan(6, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), BEAT);
	expect_error(6);
	ck_assert_uint_eq(R.nlog, 0); /* the source read never reached memory */
	ck_assert_uint_eq(get32(RAM + 0x800), 0);
	ck_assert_uint_eq(pl080_bytes_moved(R.p), 0);
	ck_assert_uint_eq(R.nev, 1);
	ck_assert_int_eq(R.ev_kind[0], 'e');
	ck_assert_int_eq(R.ev_chan[0], 6);
	/* Met once: the same copy now completes. */
	chan(6, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), 9 * BEAT);
	ck_assert_uint_eq(rd(RAW_TC), 1 << 6);
	ck_assert_uint_eq(rd(RAW_ERR), 0);
	ck_assert_uint_eq(get32(RAM + 0x80c), 0x77u + 3 * 0x01010101u);
	ck_assert_uint_eq(R.nev, 2);
	ck_assert_int_eq(R.ev_kind[1], 'd');
	ck_assert_int_eq(R.ev_chan[1], 6);
	ck_assert_uint_eq(R.ev_t[1], 9 * BEAT);
}
END_TEST

/* A pending fault survives a controller reset; "clear" withdraws it;
 * other kinds are refused with the list. */
START_TEST(test_fault_clear_and_unknown_kinds)
{
	struct err e;
	fill(RAM + 0x100, 4, 0x77);
	ck_assert_int_eq(pl080_dev_type.fault(R.p, "bus-error", &e), 0);
	pl080_reset(R.p);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(1, B1, B1, W32, W32, SI | DI), cfg(0, 0, 0));
	settle();
	ck_assert_uint_eq(rd(RAW_ERR), 1);
	wr(INT_ERR_CLEAR, 1);
	ck_assert_int_eq(pl080_dev_type.fault(R.p, "bus-error", &e), 0);
	ck_assert_int_eq(pl080_dev_type.fault(R.p, "clear", &e), 0);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(1, B1, B1, W32, W32, SI | DI), cfg(0, 0, 0));
	settle();
	ck_assert_uint_eq(rd(RAW_ERR), 0);
	ck_assert_uint_eq(get32(RAM + 0x800), 0x77);
	ck_assert_int_eq(pl080_dev_type.fault(R.p, "stuck-irq", &e), -1);
	ck_assert_str_eq(e.msg, "unknown fault \"stuck-irq\"; it takes bus-error or clear");
}
END_TEST

START_TEST(test_error_on_unmapped_destination)
{
	fill(RAM + 0x100, 4, 0x55);
	wr(CONFIG, 1);
	chan(5, RAM + 0x100, HOLE, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI), cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), 5 * BEAT);
	expect_error(5);
	ck_assert_uint_eq(pl080_bytes_moved(R.p), 0);
}
END_TEST

START_TEST(test_error_on_unmapped_linked_list_item)
{
	fill(RAM + 0x100, 4, 0x55);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x800, HOLE, ctl(4, B4, B4, W32, W32, SI | DI),
	     cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), 9 * BEAT);
	ck_assert_uint_eq(get32(RAM + 0x80c), 0x55u + 3 * 0x01010101u);
	expect_error(1);
}
END_TEST

/* A device in the core's private peripheral bus (as the SCS is in a SoC)
 * that counts the accesses reaching it. */
static unsigned ppb_hits;

static int ppb_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	ppb_hits++;
	*val = 0x411fc270; /* a CPUID */
	return BUS_OK;
}

static int ppb_write(void *opaque, uint32_t off, unsigned size, uint32_t val)
{
	ppb_hits++;
	return BUS_OK;
}

static const struct bus_ops ppb_ops = {
	.name = "scs", .sizes = BUS_SIZES_ALL, .read = ppb_read, .write = ppb_write,
};

START_TEST(test_private_peripheral_bus_is_a_bus_error)
{
	ppb_hits = 0;
	ck_assert_int_ge(bus_add_mmio(&R.b, "scs", 0xe000e000u, 0x1000, &ppb_ops, NULL), 0);
	fill(RAM + 0x100, 4, 0x55);
	wr(CONFIG, 1);
	/* Reading CPUID, writing VTOR, fetching an LLI from the PPB: each
	 * fails on its first beat there, like an unmapped address. */
	chan(2, 0xe000ed00u, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), BEAT);
	expect_error(2);
	chan(5, RAM + 0x100, 0xe000ed08u, 0, ctl(1, B1, B1, W32, W32, TCI), cfg(0, 0, 0));
	settle();
	expect_error(5);
	chan(1, RAM + 0x100, RAM + 0x800, 0xe000ef00u, ctl(1, B1, B1, W32, W32, 0),
	     cfg(0, 0, 0));
	settle();
	expect_error(1);
	ck_assert_uint_eq(ppb_hits, 0);
	ck_assert_uint_eq(get32(RAM + 0x800), 0x55);
	/* The rest of the address space is open to it: the byte after the
	 * PPB's end is no longer the core's (nothing mapped there here). */
	uint32_t v = 0;
	uint64_t lat = 0;
	ck_assert_int_eq(bus_master_access(&R.b, 0, 0xdffffffcu, 4, &v, false, &lat),
			 BUS_ERR_UNMAPPED);
	ck_assert_int_eq(bus_master_access(&R.b, 0, 0xdffffffeu, 4, &v, false, &lat),
			 BUS_ERR_PRIVATE);
	ck_assert_int_eq(bus_master_access(&R.b, 0, 0xe00ffffcu, 4, &v, false, &lat),
			 BUS_ERR_PRIVATE);
	ck_assert_int_eq(bus_master_access(&R.b, 0, 0xe0100000u, 4, &v, false, &lat),
			 BUS_ERR_UNMAPPED);
	/* The core's own path still reaches it. */
	ck_assert_int_eq(bus_read(&R.b, 0xe000ed00u, 4, &v), BUS_OK);
	ck_assert_uint_eq(ppb_hits, 1);
}
END_TEST

START_TEST(test_masked_error_is_raw_only)
{
	wr(CONFIG, 1);
	chan(0, HOLE, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0) & ~IE);
	settle();
	ck_assert_uint_eq(rd(RAW_ERR), 1);
	ck_assert_uint_eq(rd(INT_ERR_STATUS), 0);
	ck_assert_uint_eq(rd(INT_STATUS), 0);
	ck_assert_int_eq(R.lv[0] | R.lv[2], 0);
	/* Unmasking raises it. */
	wr(CH(0, CFG), (cfg(0, 0, 0) | IE) & ~E);
	ck_assert_int_eq(R.lv[0], 1);
	ck_assert_int_eq(R.lv[2], 1);
}
END_TEST

START_TEST(test_unsupported_configuration_is_an_error)
{
	wr(CONFIG, 1);
	/* FlowCntrl 5: the destination peripheral controls the flow. */
	chan(3, RAM, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(5, 0, 1));
	ck_assert_uint_eq(rd(RAW_ERR), 1 << 3);
	ck_assert_uint_eq(rd(ENBLD), 0);
	wr(INT_ERR_CLEAR, 0xff);
	/* Source width code 3 is reserved. */
	chan(4, RAM, RAM + 0x800, 0, ctl(4, B4, B4, 3, W32, SI | DI), cfg(0, 0, 0));
	ck_assert_uint_eq(rd(RAW_ERR), 1 << 4);
	settle();
	ck_assert_uint_eq(get32(RAM + 0x800), 0);
}
END_TEST

START_TEST(test_tc_clear_and_mask)
{
	fill(RAM + 0x100, 4, 1);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	chan(1, RAM + 0x100, RAM + 0x900, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	/* Channel 2's terminal count is masked (ITC clear). */
	chan(2, RAM + 0x100, RAM + 0xa00, 0, ctl(4, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0) & ~ITC);
	settle();
	ck_assert_uint_eq(rd(RAW_TC), 7);
	ck_assert_uint_eq(rd(INT_TC_STATUS), 3);
	ck_assert_uint_eq(rd(INT_STATUS), 3);
	ck_assert_int_eq(R.lv[0], 1);
	wr(INT_TC_CLEAR, 1);
	ck_assert_uint_eq(rd(RAW_TC), 6);
	ck_assert_uint_eq(rd(INT_TC_STATUS), 2);
	ck_assert_int_eq(R.lv[0], 1);
	ck_assert_int_eq(R.lv[1], 1);
	wr(INT_TC_CLEAR, 2);
	ck_assert_uint_eq(rd(INT_STATUS), 0);
	ck_assert_int_eq(R.lv[0], 0);
	ck_assert_int_eq(R.lv[1], 0);
	ck_assert_uint_eq(rd(RAW_TC), 4);
	wr(INT_TC_CLEAR, 4);
	ck_assert_uint_eq(rd(RAW_TC), 0);
}
END_TEST

START_TEST(test_enabled_channels_wait_for_the_controller)
{
	fill(RAM + 0x100, 4, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	chan(3, RAM + 0x100, RAM + 0x900, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	ck_assert_uint_eq(rd(ENBLD), 0x09);
	settle();
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_uint_eq(get32(RAM + 0x800), 0);
	ck_assert_uint_eq(rd(ENBLD), 0x09);
	wr(CONFIG, 1);
	settle();
	ck_assert_uint_eq(rd(ENBLD), 0);
	ck_assert_uint_eq(get32(RAM + 0x90c), 1u + 3 * 0x01010101u);
}
END_TEST

START_TEST(test_disabling_a_channel_stops_it_without_tc)
{
	fill(RAM + 0x100, 32, 0x100);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x800, 0, ctl(32, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	run_to(100 * NS);
	ck_assert_uint_eq(rd(CH(1, CFG)) & A_BIT, A_BIT); /* a burst on the bus */
	wr(CH(1, CFG), cfg(0, 0, 0) & ~E);
	ck_assert_uint_eq(rd(ENBLD), 0);
	settle();
	ck_assert_uint_eq(rd(RAW_TC), 0);
	ck_assert_uint_eq(get32(RAM + 0x81c), 0x100u + 7 * 0x01010101u);
	ck_assert_uint_eq(get32(RAM + 0x820), 0);
}
END_TEST

START_TEST(test_halt_stops_source_reads)
{
	fill(RAM + 0x100, 32, 0x100);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x800, 0, ctl(32, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	run_to(100 * NS);
	wr(CH(1, CFG), cfg(0, 0, 0) | H_BIT);
	ck_assert_uint_eq(settle(), 160 * NS);
	ck_assert_uint_eq(rd(CH(1, CFG)) & A_BIT, 0);
	ck_assert_uint_eq(rd(ENBLD), 2);
	ck_assert_uint_eq(rd(CH(1, CTRL)) & 0xfff, 24);
	run_to(500 * NS);
	wr(CH(1, CFG), cfg(0, 0, 0));
	ck_assert_uint_eq(settle(), 500 * NS + 6 * 8 * BEAT);
	ck_assert_uint_eq(rd(RAW_TC), 2);
}
END_TEST

/* ---- power, clock, energy ------------------------------------------------ */

START_TEST(test_power_off_loses_everything)
{
	fill(RAM + 0x100, 32, 0x100);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x700, 0, ctl(1, B4, B4, W32, W32, TCI), cfg(0, 0, 0));
	chan(1, RAM + 0x100, RAM + 0x800, 0, ctl(32, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	run_to(100 * NS);
	ck_assert_int_eq(R.lv[0], 1); /* channel 0's TC */
	pl080_power(R.p, PD_OFF);
	ck_assert_uint_eq(R.s.count, 0);
	ck_assert_int_eq(R.lv[0] | R.lv[1] | R.lv[2], 0);
	ck_assert_int_eq(pl080_current_channel(R.p), -1);
	/* Off: reads 0, writes are lost. */
	wr(CONFIG, 1);
	ck_assert_uint_eq(rd(0xfe0), 0);
	settle();
	pl080_power(R.p, PD_ON);
	ck_assert_uint_eq(rd(CONFIG), 0);
	ck_assert_uint_eq(rd(RAW_TC), 0);
	ck_assert_uint_eq(rd(ENBLD), 0);
	for (uint32_t r = 0; r <= CFG; r += 4)
		ck_assert_uint_eq(rd(CH(1, r)), 0);
	settle();
	/* The bursts made before the power went stay made, no more. */
	ck_assert_uint_eq(get32(RAM + 0x81c), 0x100u + 7 * 0x01010101u);
	ck_assert_uint_eq(get32(RAM + 0x820), 0);
}
END_TEST

START_TEST(test_retention_pauses_and_keeps_state)
{
	fill(RAM + 0x100, 32, 0x100);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x800, 0, ctl(32, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	run_to(100 * NS);
	pl080_power(R.p, PD_RETENTION);
	ck_assert_uint_eq(settle(), 160 * NS);
	ck_assert_uint_eq(R.s.count, 0);
	run_to(1000 * NS);
	pl080_power(R.p, PD_ON);
	ck_assert_uint_eq(rd(CH(1, CTRL)) & 0xfff, 24);
	ck_assert_uint_eq(settle(), 1000 * NS + 6 * 8 * BEAT);
	ck_assert_uint_eq(rd(RAW_TC), 2);
	ck_assert_uint_eq(get32(RAM + 0x87c), 0x100u + 31 * 0x01010101u);
}
END_TEST

START_TEST(test_gated_clock_pauses_between_bursts)
{
	fill(RAM + 0x100, 32, 0x100);
	wr(CONFIG, 1);
	chan(1, RAM + 0x100, RAM + 0x800, 0, ctl(32, B4, B4, W32, W32, SI | DI | TCI),
	     cfg(0, 0, 0));
	run_to(100 * NS);
	pl080_clock_rate(R.p, 0);
	ck_assert_uint_eq(settle(), 160 * NS);
	ck_assert_uint_eq(get32(RAM + 0x820), 0);
	ck_assert_uint_eq(rd(ENBLD), 2);
	run_to(1000 * NS);
	pl080_clock_rate(R.p, 100000000);
	ck_assert_uint_eq(settle(), 1000 * NS + 6 * 8 * BEAT);
	ck_assert_uint_eq(rd(RAW_TC), 2);
}
END_TEST

START_TEST(test_energy_per_byte)
{
	struct pm_meter *m = pl080_meter(R.p);
	ck_assert_str_eq(m->component, "dma0");
	ck_assert_str_eq(m->kind, "dma");
	fill(RAM + 0x100, 16, 1);
	wr(CONFIG, 1);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(64, B16, B4, W8, W8, SI | DI), cfg(0, 0, 0));
	simtime_t end = settle();
	ck_assert_double_eq_tol(pm_meter_joules(m, end), 64 * 2e-12, 1e-20);
	chan(0, RAM + 0x100, RAM + 0x800, 0, ctl(10, B16, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	end = settle();
	ck_assert_double_eq_tol(pm_meter_joules(m, end), 104 * 2e-12, 1e-20);
	ck_assert_uint_eq(pl080_bytes_moved(R.p), 104);
}
END_TEST

/* ---- interfaces for the coherency checker -------------------------------- */

static void master_seen(void *opaque, uint64_t now, uint32_t addr, unsigned size, bool write)
{
	ck_assert_uint_lt(R.ncur, 64);
	R.cur_seen[R.ncur++] = pl080_current_channel(R.p);
}

START_TEST(test_current_channel_names_the_culprit)
{
	R.b.master_observer = master_seen;
	fill(RAM + 0x100, 4, 1);
	wr(CONFIG, 1);
	chan(5, RAM + 0x100, RAM + 0x800, 0, ctl(4, B4, B4, W32, W32, SI | DI), cfg(0, 0, 0));
	settle();
	ck_assert_uint_eq(R.ncur, 8);
	for (unsigned i = 0; i < R.ncur; i++)
		ck_assert_int_eq(R.cur_seen[i], 5);
	ck_assert_int_eq(pl080_current_channel(R.p), -1);
	ck_assert_uint_eq(R.nlog, 8);
	for (unsigned i = 0; i < R.nlog; i++) {
		ck_assert_uint_eq(R.log[i].ch, 5);
		ck_assert_uint_eq(R.log[i].t, i * BEAT);
		ck_assert_uint_eq(R.log[i].addr, (R.log[i].write ? RAM + 0x800 : RAM + 0x100) +
						 4 * (i % 4));
	}
}
END_TEST

/* ---- device-tree binding ------------------------------------------------- */

/* A tree with the controller and a UART that names its request 3 "tx". */
static void *make_fdt(const char *bad)
{
	size_t sz = 4096;
	void *fdt = malloc(sz);
	ck_assert_ptr_nonnull(fdt);
	ck_assert_int_eq(fdt_create(fdt, (int)sz), 0);
	ck_assert_int_eq(fdt_finish_reservemap(fdt), 0);
	ck_assert_int_eq(fdt_begin_node(fdt, ""), 0);
	fdt_property_u32(fdt, "#address-cells", 1);
	fdt_property_u32(fdt, "#size-cells", 1);
	ck_assert_int_eq(fdt_begin_node(fdt, "dma@40020000"), 0);
	static const char compat[] = "arm,pl080\0arm,primecell";
	fdt_property(fdt, "compatible", compat, sizeof compat);
	fdt32_t reg[2] = { cpu_to_fdt32(DMA), cpu_to_fdt32(bad && !strcmp(bad, "reg") ? 0x100
										   : 0x1000) };
	fdt_property(fdt, "reg", reg, sizeof reg);
	if (bad && !strcmp(bad, "interrupts")) {
		fdt32_t irq[2] = { cpu_to_fdt32(5), cpu_to_fdt32(6) };
		fdt_property(fdt, "interrupts", irq, sizeof irq);
	} else {
		fdt_property_u32(fdt, "interrupts", 5);
	}
	fdt_property_u32(fdt, "#dma-cells", bad && !strcmp(bad, "#dma-cells") ? 2 : 1);
	fdt_property_u32(fdt, "dma-channels", bad && !strcmp(bad, "dma-channels") ? 4 : 8);
	fdt_property_u32(fdt, "dma-requests", bad && !strcmp(bad, "dma-requests") ? 32 : 16);
	fdt_property_u32(fdt, "pmsim,beat-ns", bad && !strcmp(bad, "pmsim,beat-ns") ? 0 : 20);
	fdt_property_u32(fdt, "pmsim,picojoule-per-byte", 3);
	fdt_property_u32(fdt, "phandle", 1);
	ck_assert_int_eq(fdt_end_node(fdt), 0);
	ck_assert_int_eq(fdt_begin_node(fdt, "uart@40004000"), 0);
	fdt32_t dmas[2] = { cpu_to_fdt32(1), cpu_to_fdt32(3) };
	fdt_property(fdt, "dmas", dmas, sizeof dmas);
	fdt_property_string(fdt, "dma-names", "tx");
	ck_assert_int_eq(fdt_end_node(fdt), 0);
	ck_assert_int_eq(fdt_end_node(fdt), 0);
	ck_assert_int_eq(fdt_finish(fdt), 0);
	return fdt;
}

static int dt_create(struct soc *soc, void *fdt, void **state, struct err *e)
{
	memset(soc, 0, sizeof *soc);
	sched_init(&soc->sched);
	ck_assert_int_eq(bus_init(&soc->bus), 0);
	ck_assert_int_ge(bus_add_ram(&soc->bus, "sram", RAM, 0x10000, false), 0);
	soc->fdt = fdt;
	struct dt_node n = { .fdt = fdt, .off = fdt_path_offset(fdt, "/dma@40020000") };
	snprintf(n.path, sizeof n.path, "/dma@40020000");
	return pl080_dev_type.create(soc, &n, state, e);
}

static void dt_destroy(struct soc *soc, void *state)
{
	if (state)
		pl080_dev_type.destroy(state);
	for (unsigned i = 0; i < soc->ndiags; i++)
		free(soc->diags[i]);
	free(soc->diags);
	free(soc->diag_times);
	bus_free(&soc->bus);
	sched_free(&soc->sched);
	free(soc->fdt);
}

/* Channel 0 copies one word from `src` to what its DST holds, to the end. */
static void dt_copy_word(struct soc *soc, uint32_t src)
{
	ck_assert_int_eq(bus_write(&soc->bus, DMA + CH(0, SRC), 4, src), BUS_OK);
	ck_assert_int_eq(bus_write(&soc->bus, DMA + CH(0, CTRL), 4,
				   ctl(1, B1, B1, W32, W32, SI | DI | TCI)), BUS_OK);
	ck_assert_int_eq(bus_write(&soc->bus, DMA + CH(0, CFG), 4, cfg(0, 0, 0)), BUS_OK);
	while (soc->sched.count)
		sched_run_until(&soc->sched, sched_next_time(&soc->sched));
}

START_TEST(test_dt_binding)
{
	struct soc soc;
	struct err e = { { 0 } };
	void *state = NULL;
	ck_assert_int_eq(dt_create(&soc, make_fdt(NULL), &state, &e), 0);
	ck_assert_ptr_nonnull(state);
	ck_assert_uint_eq(soc.ndmacs, 1);
	ck_assert_int_eq(pl080_dev_type.realize(state, &soc, &e), 0);
	ck_assert_ptr_eq(soc.meters, pl080_meter(state));
	ck_assert_str_eq(soc.meters->component, "dma@40020000");
	/* The UART's "tx" line reaches request input 3. */
	struct dt_node u = { .fdt = soc.fdt, .off = fdt_path_offset(soc.fdt, "/uart@40004000") };
	snprintf(u.path, sizeof u.path, "/uart@40004000");
	struct dma_line line;
	struct fakeper f = { 0 };
	ck_assert_int_eq(soc_dma_line(&soc, &u, "tx", (struct dma_ack){ per_done, &f }, &line, &e),
			 0);
	dma_request(&line, true, true);
	uint32_t v;
	ck_assert_int_eq(bus_read(&soc.bus, DMA + SOFT_BREQ, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 1 << 3);
	dma_request(&line, false, false);
	/* pmsim,beat-ns = 20: one word copied in two 20 ns beats; a bus
	 * error becomes a diagnostic naming the controller and channel. */
	ck_assert_int_eq(bus_write(&soc.bus, DMA + CONFIG, 4, 1), BUS_OK);
	ck_assert_int_eq(bus_write(&soc.bus, DMA + CH(0, DST), 4, RAM + 0x10), BUS_OK);
	dt_copy_word(&soc, RAM);
	ck_assert_uint_eq(sched_now(&soc.sched), 40 * NS);
	ck_assert_double_eq_tol(pm_meter_joules(soc.meters, 40 * NS), 4 * 3e-12, 1e-20);
	dt_copy_word(&soc, HOLE);
	ck_assert_uint_eq(soc.ndiags, 1);
	ck_assert_ptr_nonnull(strstr(soc.diags[0], "dma@40020000 channel 0: bus error"));
	ck_assert_ptr_nonnull(strstr(soc.diags[0], "0x30000000"));
	/* An injected error says so, at the address the beat was for. */
	ck_assert_int_eq(pl080_dev_type.fault(state, "bus-error", &e), 0);
	dt_copy_word(&soc, RAM);
	ck_assert_uint_eq(soc.ndiags, 2);
	ck_assert_ptr_nonnull(strstr(soc.diags[1], "dma@40020000 channel 0: bus error (an error "
					"response injected by a scenario) at 0x20000000"));
	dt_destroy(&soc, state);
}
END_TEST

/* A chain whose item links to itself runs for ever; moving memory to
 * memory or nothing, it is told once per channel as a diagnostic. */
START_TEST(test_self_linked_item_is_a_diagnostic_once)
{
	struct soc soc;
	struct err e = { { 0 } };
	void *state = NULL;
	ck_assert_int_eq(dt_create(&soc, make_fdt(NULL), &state, &e), 0);
	struct bus *b = &soc.bus;
	uint32_t v;
	uint32_t item[4] = { RAM, RAM + 0x40, RAM + 0x100, ctl(4, B4, B4, W32, W32, SI | DI) };
	ck_assert_int_eq(bus_load(b, RAM + 0x100, item, sizeof item), BUS_OK);
	uint32_t empty[4] = { RAM, RAM + 0x40, RAM + 0x200, ctl(0, B4, B4, W32, W32, SI | DI) };
	ck_assert_int_eq(bus_load(b, RAM + 0x200, empty, sizeof empty), BUS_OK);
	/* A chain of two that ends: no diagnostic. */
	uint32_t a[4] = { RAM, RAM + 0x80, RAM + 0x310, ctl(2, B4, B4, W32, W32, SI | DI) };
	uint32_t z[4] = { RAM, RAM + 0x90, 0, ctl(2, B4, B4, W32, W32, SI | DI) };
	ck_assert_int_eq(bus_load(b, RAM + 0x300, a, sizeof a), BUS_OK);
	ck_assert_int_eq(bus_load(b, RAM + 0x310, z, sizeof z), BUS_OK);
	ck_assert_int_eq(bus_write(b, DMA + CONFIG, 4, 1), BUS_OK);
	const uint32_t regs[][4] = {
		{ RAM, RAM + 0x80, RAM + 0x300, ctl(2, B4, B4, W32, W32, SI | DI) },
		{ RAM, RAM + 0x40, RAM + 0x100, ctl(4, B4, B4, W32, W32, SI | DI) },
		{ RAM, RAM + 0x40, RAM + 0x200, ctl(4, B4, B4, W32, W32, SI | DI) },
	};
	for (unsigned ch = 0; ch < 3; ch++) {
		ck_assert_int_eq(bus_write(b, DMA + CH(ch, SRC), 4, regs[ch][0]), BUS_OK);
		ck_assert_int_eq(bus_write(b, DMA + CH(ch, DST), 4, regs[ch][1]), BUS_OK);
		ck_assert_int_eq(bus_write(b, DMA + CH(ch, LLI), 4, regs[ch][2]), BUS_OK);
		ck_assert_int_eq(bus_write(b, DMA + CH(ch, CTRL), 4, regs[ch][3]), BUS_OK);
		ck_assert_int_eq(bus_write(b, DMA + CH(ch, CFG), 4, cfg(0, 0, 0)), BUS_OK);
	}
	/* Channel 0 ends, 1 runs for ever and starves 2: one diagnostic. */
	sched_run_until(&soc.sched, 100 * PS_PER_US);
	ck_assert_int_eq(bus_read(b, DMA + ENBLD, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 6);
	ck_assert_uint_eq(soc.ndiags, 1);
	ck_assert_ptr_nonnull(strstr(soc.diags[0], "dma@40020000 channel 1: the linked-list item "
						   "at 0x20000100 links to itself and copies "
						   "memory to memory"));
	/* Disabled, channel 2 gets the bus: its item moves nothing. */
	ck_assert_int_eq(bus_write(b, DMA + CH(1, CFG), 4, cfg(0, 0, 0) & ~E), BUS_OK);
	sched_run_until(&soc.sched, 200 * PS_PER_US);
	ck_assert_uint_eq(soc.ndiags, 2);
	ck_assert_ptr_nonnull(strstr(soc.diags[1], "channel 2: the linked-list item at "
						   "0x20000200 links to itself and moves nothing"));
	/* Re-enabled, channel 1 is not told twice. */
	ck_assert_int_eq(bus_write(b, DMA + CH(2, CFG), 4, cfg(0, 0, 0) & ~E), BUS_OK);
	ck_assert_int_eq(bus_write(b, DMA + CH(1, LLI), 4, RAM + 0x100), BUS_OK);
	ck_assert_int_eq(bus_write(b, DMA + CH(1, CTRL), 4, regs[1][3]), BUS_OK);
	ck_assert_int_eq(bus_write(b, DMA + CH(1, CFG), 4, cfg(0, 0, 0)), BUS_OK);
	sched_run_until(&soc.sched, 300 * PS_PER_US);
	ck_assert_uint_eq(soc.ndiags, 2);
	ck_assert_int_eq(bus_read(b, DMA + ENBLD, 4, &v), BUS_OK);
	ck_assert_uint_eq(v, 2);
	dt_destroy(&soc, state);
}
END_TEST

static const struct {
	const char *prop, *msg;
} dt_bad[] = {
	{ "reg", "smaller than the PL080's 4 KiB" },
	{ "interrupts", "'interrupts' must have one entry" },
	{ "#dma-cells", "'#dma-cells' must be <1>" },
	{ "dma-channels", "'dma-channels' must be <8>" },
	{ "dma-requests", "'dma-requests' must be 1-16" },
	{ "pmsim,beat-ns", "'pmsim,beat-ns' must be" },
};

START_TEST(test_dt_binding_errors)
{
	struct soc soc;
	struct err e = { { 0 } };
	void *state = NULL;
	ck_assert_int_eq(dt_create(&soc, make_fdt(dt_bad[_i].prop), &state, &e), -1);
	ck_assert_ptr_null(state);
	ck_assert_msg(strstr(e.msg, dt_bad[_i].msg) && strstr(e.msg, "/dma@40020000"),
		      "message: %s", e.msg);
	ck_assert_uint_eq(soc.ndmacs, 0);
	dt_destroy(&soc, NULL);
}
END_TEST

static Suite *pl080_suite(void)
{
	Suite *s = suite_create("pl080");
	TCase *tc = tcase_create("registers");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_reset_values);
	tcase_add_test(tc, test_id_registers);
	tcase_add_test(tc, test_registers_keep_their_implemented_bits);
	suite_add_tcase(s, tc);

	tc = tcase_create("memory");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_word_copy_takes_two_beats_per_word);
	tcase_add_loop_test(tc, test_width_conversion, 0,
			    sizeof width_cases / sizeof width_cases[0]);
	tcase_add_test(tc, test_fixed_source_fills);
	tcase_add_test(tc, test_fixed_destination_keeps_the_last_item);
	tcase_add_loop_test(tc, test_burst_sizes, 0, 5);
	tcase_add_test(tc, test_zero_count_item_completes_at_once);
	tcase_add_test(tc, test_scatter_gather_chain_raises_tc_once_at_the_end);
	suite_add_tcase(s, tc);

	tc = tcase_create("time");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_memory_latency_adds_to_the_transfer);
	tcase_add_loop_test(tc, test_beat_time_is_whole_clock_cycles, 0,
			    sizeof beat_cases / sizeof beat_cases[0]);
	tcase_add_test(tc, test_beat_time_does_not_depend_on_the_clocks_history);
	tcase_add_test(tc, test_at_most_one_beat_per_cycle);
	tcase_add_test(tc, test_unclocked_beat_is_the_beat_time);
	tcase_add_test(tc, test_copy_into_dram_is_one_burst_per_32_bytes);
	tcase_add_test(tc, test_lower_channel_number_wins);
	tcase_add_test(tc, test_higher_priority_preempts_between_bursts);
	suite_add_tcase(s, tc);

	tc = tcase_create("peripherals");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_memory_to_peripheral_follows_the_request_line);
	tcase_add_test(tc, test_peripheral_to_memory_bursts_then_singles);
	tcase_add_test(tc, test_software_requests_are_served_once);
	tcase_add_test(tc, test_peripheral_to_peripheral_holds_data_in_the_fifo);
	tcase_add_test(tc, test_disabling_a_channel_loses_its_fifo);
	suite_add_tcase(s, tc);

	tc = tcase_create("errors");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_error_on_unmapped_source);
	tcase_add_test(tc, test_error_on_unmapped_destination);
	tcase_add_test(tc, test_error_on_unmapped_linked_list_item);
	tcase_add_test(tc, test_fault_bus_error_ends_the_next_transfer);
	tcase_add_test(tc, test_fault_clear_and_unknown_kinds);
	tcase_add_test(tc, test_private_peripheral_bus_is_a_bus_error);
	tcase_add_test(tc, test_masked_error_is_raw_only);
	tcase_add_test(tc, test_unsupported_configuration_is_an_error);
	tcase_add_test(tc, test_tc_clear_and_mask);
	tcase_add_test(tc, test_enabled_channels_wait_for_the_controller);
	tcase_add_test(tc, test_disabling_a_channel_stops_it_without_tc);
	tcase_add_test(tc, test_halt_stops_source_reads);
	suite_add_tcase(s, tc);

	tc = tcase_create("power");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_power_off_loses_everything);
	tcase_add_test(tc, test_retention_pauses_and_keeps_state);
	tcase_add_test(tc, test_gated_clock_pauses_between_bursts);
	tcase_add_test(tc, test_energy_per_byte);
	tcase_add_test(tc, test_current_channel_names_the_culprit);
	suite_add_tcase(s, tc);

	tc = tcase_create("devicetree");
	tcase_add_test(tc, test_dt_binding);
	tcase_add_test(tc, test_self_linked_item_is_a_diagnostic_once);
	tcase_add_loop_test(tc, test_dt_binding_errors, 0, sizeof dt_bad / sizeof dt_bad[0]);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(pl080_suite());
}
