/*
 * The PL080 driver's linked lists on the host (firmware/pmfw/drivers/dma/
 * pl08x-lli.c): items chain in order and end with the terminal-count bit
 * and a null link (or a link to the first, cyclic, with the bit at every
 * period's end); pieces longer than 4095 source items are cut where a
 * destination item ends; memory widths follow alignment; lengths a fixed
 * width cannot move are refused; the residue counts the channel's current
 * item and every later one. The lists are then run through a small
 * interpreter of the PL080's item semantics (docs/devices/pl080.md) to
 * check that they move exactly the bytes asked for.
 */
#include <check.h>
#include <string.h>

#include <linux/errno.h>
#include <linux/kernel.h>

#include "../../firmware/pmfw/drivers/dma/pl08x-lli.h"
#include "../unit/check_run.h"

#define LLI_BUS 0x63f00000u
#define MEM_BASE 0x60000000u
#define DEV_REG 0x40004000u
static u8 mem[131072];
static u8 devlog[65536];
static size_t devlog_n;

static u8 *at(u32 addr)
{
	ck_assert_uint_ge(addr, MEM_BASE);
	ck_assert_uint_lt(addr, MEM_BASE + sizeof mem);
	return &mem[addr - MEM_BASE];
}

/* Follow the list as the controller would: each item's TransferSize
 * source items, read and written in order; a device register is a FIFO
 * (devlog). Returns the number of items run (cyclic: stops after `max`). */
static unsigned int run(const struct pl080_lli *llis, unsigned int max)
{
	unsigned int idx = 0, ran = 0;
	for (;;) {
		const struct pl080_lli *l = &llis[idx];
		u32 c = l->control0;
		unsigned int sw = 1u << ((c >> PL080_CONTROL_SWIDTH_SHIFT) & 7);
		unsigned int dw = 1u << ((c >> PL080_CONTROL_DWIDTH_SHIFT) & 7);
		size_t bytes = (c & PL080_CONTROL_TRANSFER_SIZE_MASK) * sw;
		ck_assert_uint_eq(bytes % dw, 0);
		u32 s = l->src, d = l->dst;
		for (size_t i = 0; i < bytes; i++) {
			u8 v = s == DEV_REG ? (u8)i : *at(s + (u32)((c & PL080_CONTROL_SRC_INCR) ? i : 0));
			if (d == DEV_REG)
				devlog[devlog_n++] = v;
			else
				*at(d + (u32)((c & PL080_CONTROL_DST_INCR) ? i : 0)) = v;
		}
		ran++;
		if (!l->lli || ran == max)
			return ran;
		idx = (l->lli - LLI_BUS) / sizeof(*l);
	}
}

static const struct pl08x_lli_params memcpy_params = {
	.cctl = PL080_CONTROL_SRC_INCR | PL080_CONTROL_DST_INCR | PL080_CONTROL_PROT_SYS |
		PL080_BSIZE_16 << PL080_CONTROL_SB_SIZE_SHIFT |
		PL080_BSIZE_16 << PL080_CONTROL_DB_SIZE_SHIFT,
};

START_TEST(memcpy_small_aligned)
{
	struct pl080_lli l[4];
	struct pl08x_sg sg = { MEM_BASE, MEM_BASE + 0x1000, 256 };
	ck_assert_int_eq(pl08x_fill_llis(&memcpy_params, &sg, 1, l, LLI_BUS, 4), 1);
	ck_assert_uint_eq(l[0].src, MEM_BASE);
	ck_assert_uint_eq(l[0].dst, MEM_BASE + 0x1000);
	ck_assert_uint_eq(l[0].lli, 0);
	ck_assert_uint_eq(l[0].control0 & PL080_CONTROL_TRANSFER_SIZE_MASK, 64);
	ck_assert_uint_eq((l[0].control0 >> PL080_CONTROL_SWIDTH_SHIFT) & 7, PL080_WIDTH_32BIT);
	ck_assert_uint_eq((l[0].control0 >> PL080_CONTROL_DWIDTH_SHIFT) & 7, PL080_WIDTH_32BIT);
	ck_assert(l[0].control0 & PL080_CONTROL_TC_IRQ_EN);
	ck_assert(l[0].control0 & PL080_CONTROL_PROT_SYS);
	ck_assert_uint_eq(pl08x_lli_bytes(l[0].control0), 256);
}
END_TEST

START_TEST(memcpy_long_is_split_and_chained)
{
	struct pl080_lli l[8];
	size_t len = 40000; /* 10000 words: 4095 + 4095 + 1810 */
	struct pl08x_sg sg = { MEM_BASE, MEM_BASE + 0x8000, len };
	ck_assert_uint_eq(pl08x_count_llis(&memcpy_params, &sg, 1), 3);
	for (size_t i = 0; i < len; i++)
		mem[i] = (u8)(i * 13);
	ck_assert_int_eq(pl08x_fill_llis(&memcpy_params, &sg, 1, l, LLI_BUS, 8), 3);
	ck_assert_uint_eq(l[0].lli, LLI_BUS + 16);
	ck_assert_uint_eq(l[1].lli, LLI_BUS + 32);
	ck_assert_uint_eq(l[2].lli, 0);
	ck_assert(!(l[0].control0 & PL080_CONTROL_TC_IRQ_EN));
	ck_assert(!(l[1].control0 & PL080_CONTROL_TC_IRQ_EN));
	ck_assert(l[2].control0 & PL080_CONTROL_TC_IRQ_EN);
	ck_assert_uint_eq(l[1].src, MEM_BASE + 4095 * 4);
	ck_assert_uint_eq(l[1].dst, MEM_BASE + 0x8000 + 4095 * 4);
	ck_assert_uint_eq(run(l, 10), 3);
	ck_assert_mem_eq(&mem[0x8000], mem, len);
	/* Too little room. */
	ck_assert_int_eq(pl08x_fill_llis(&memcpy_params, &sg, 1, l, LLI_BUS, 2), -ENOMEM);
}
END_TEST

START_TEST(memcpy_widths_follow_alignment)
{
	struct pl080_lli l[2];
	static const struct {
		u32 src, dst, len;
		unsigned int w;
	} t[] = {
		{ 0, 0x100, 64, PL080_WIDTH_32BIT },
		{ 2, 0x102, 64, PL080_WIDTH_16BIT },
		{ 0, 0x100, 62, PL080_WIDTH_16BIT },
		{ 1, 0x100, 64, PL080_WIDTH_8BIT },
		{ 0, 0x100, 63, PL080_WIDTH_8BIT },
	};
	for (unsigned int i = 0; i < ARRAY_SIZE(t); i++) {
		struct pl08x_sg sg = { MEM_BASE + t[i].src, MEM_BASE + t[i].dst, t[i].len };
		ck_assert_int_eq(pl08x_fill_llis(&memcpy_params, &sg, 1, l, LLI_BUS, 2), 1);
		ck_assert_uint_eq((l[0].control0 >> PL080_CONTROL_SWIDTH_SHIFT) & 7, t[i].w);
		ck_assert_uint_eq(pl08x_lli_bytes(l[0].control0), t[i].len);
	}
	/* A byte-wide piece of more than 4095 bytes is split too. */
	struct pl08x_sg sg = { MEM_BASE + 1, MEM_BASE + 0x2000, 5000 };
	ck_assert_int_eq(pl08x_fill_llis(&memcpy_params, &sg, 1, l, LLI_BUS, 2), 2);
	ck_assert_uint_eq(pl08x_lli_bytes(l[0].control0), 4095);
	ck_assert_uint_eq(pl08x_lli_bytes(l[1].control0), 905);
}
END_TEST

/* Memory to a device FIFO, byte memory reads into 32-bit device writes:
 * a cut must end on a whole device word. */
START_TEST(slave_sg_to_device)
{
	struct pl08x_lli_params p = {
		.cctl = PL080_CONTROL_SRC_INCR | PL080_BSIZE_4 << PL080_CONTROL_DB_SIZE_SHIFT,
		.dst_width = 4,
	};
	struct pl08x_sg sg[3] = {
		{ MEM_BASE + 1, DEV_REG, 8 },        /* byte reads */
		{ MEM_BASE + 0x100, DEV_REG, 16400 }, /* words: 4095 + 5 */
		{ MEM_BASE + 0x5000, DEV_REG, 4 },
	};
	for (size_t i = 0; i < sizeof mem; i++)
		mem[i] = (u8)(i ^ 0x5a);
	struct pl080_lli l[8];
	ck_assert_int_eq(pl08x_fill_llis(&p, sg, 3, l, LLI_BUS, 8), 4);
	ck_assert_uint_eq((l[0].control0 >> PL080_CONTROL_SWIDTH_SHIFT) & 7, PL080_WIDTH_8BIT);
	ck_assert_uint_eq((l[0].control0 >> PL080_CONTROL_DWIDTH_SHIFT) & 7, PL080_WIDTH_32BIT);
	for (int i = 0; i < 4; i++) {
		ck_assert_uint_eq(l[i].dst, DEV_REG);
		ck_assert(!(l[i].control0 & PL080_CONTROL_DST_INCR));
	}
	ck_assert(l[3].control0 & PL080_CONTROL_TC_IRQ_EN);
	ck_assert(!(l[2].control0 & PL080_CONTROL_TC_IRQ_EN));
	devlog_n = 0;
	ck_assert_uint_eq(run(l, 10), 4);
	ck_assert_uint_eq(devlog_n, 8 + 16400 + 4);
	ck_assert_mem_eq(devlog, &mem[1], 8);
	ck_assert_mem_eq(devlog + 8, &mem[0x100], 16400);
	ck_assert_mem_eq(devlog + 8 + 16400, &mem[0x5000], 4);
	/* A length that is not whole device words. */
	struct pl08x_sg bad = { MEM_BASE, DEV_REG, 6 };
	ck_assert_int_eq(pl08x_fill_llis(&p, &bad, 1, l, LLI_BUS, 8), -EINVAL);
	struct pl08x_sg empty = { MEM_BASE, DEV_REG, 0 };
	ck_assert_int_eq(pl08x_fill_llis(&p, &empty, 1, l, LLI_BUS, 8), -EINVAL);
	ck_assert_int_eq(pl08x_fill_llis(&p, sg, 0, l, LLI_BUS, 8), -EINVAL);
}
END_TEST

/* A device into a ring of 4 periods: the last item links to the first and
 * every period ends with the terminal count. */
START_TEST(cyclic_periods)
{
	struct pl08x_lli_params p = {
		.cctl = PL080_CONTROL_DST_INCR, .src_width = 1, .cyclic = true,
	};
	struct pl08x_sg sg[4];
	for (int i = 0; i < 4; i++)
		sg[i] = (struct pl08x_sg){ DEV_REG, MEM_BASE + 0x100 + 32u * i, 32 };
	struct pl080_lli l[4];
	ck_assert_int_eq(pl08x_fill_llis(&p, sg, 4, l, LLI_BUS, 4), 4);
	for (int i = 0; i < 4; i++) {
		ck_assert(l[i].control0 & PL080_CONTROL_TC_IRQ_EN);
		ck_assert_uint_eq(l[i].src, DEV_REG);
		ck_assert_uint_eq(l[i].dst, MEM_BASE + 0x100 + 32u * i);
	}
	ck_assert_uint_eq(l[3].lli, LLI_BUS);
	ck_assert_uint_eq(run(l, 9), 9); /* round and round */
	/* Residue: in the third item with 10 bytes left: 10 + 32. */
	ck_assert_uint_eq(pl08x_residue(l, 4, LLI_BUS, (l[2].control0 & ~0xfffu) | 10, l[2].lli),
			  42);
	/* In the last (its LLI register is the first item): what it has left. */
	ck_assert_uint_eq(pl08x_residue(l, 4, LLI_BUS, (l[3].control0 & ~0xfffu) | 7, l[3].lli),
			  7);
}
END_TEST

START_TEST(residue_of_a_list)
{
	struct pl080_lli l[8];
	struct pl08x_sg sg = { MEM_BASE, MEM_BASE + 0x8000, 40000 };
	ck_assert_int_eq(pl08x_fill_llis(&memcpy_params, &sg, 1, l, LLI_BUS, 8), 3);
	/* Not started: all of it, as the first item is in the registers. */
	ck_assert_uint_eq(pl08x_residue(l, 3, LLI_BUS, l[0].control0, l[0].lli), 40000);
	/* 100 words into the second item. */
	u32 c = (l[1].control0 & ~0xfffu) | (4095 - 100);
	ck_assert_uint_eq(pl08x_residue(l, 3, LLI_BUS, c, l[1].lli), 40000 - 4 * (4095 + 100));
	/* The last item done: nothing left. */
	ck_assert_uint_eq(pl08x_residue(l, 3, LLI_BUS, l[2].control0 & ~0xfffu, 0), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("pmfw_pl08x_lli");
	TCase *tc = tcase_create("lli");
	tcase_add_test(tc, memcpy_small_aligned);
	tcase_add_test(tc, memcpy_long_is_split_and_chained);
	tcase_add_test(tc, memcpy_widths_follow_alignment);
	tcase_add_test(tc, slave_sg_to_device);
	tcase_add_test(tc, cyclic_periods);
	tcase_add_test(tc, residue_of_a_list);
	suite_add_tcase(s, tc);
	return check_run(s);
}
