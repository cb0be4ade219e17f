/*
 * The PL080's linked-list items (the list-building half of Linux's
 * drivers/dma/amba-pl08x.c, pl08x_fill_llis_for_desc, made simpler and
 * kept apart so that it is tested on the host).
 *
 * Each piece of a transfer (an sg entry, a cyclic period, a memcpy)
 * becomes one or more items {src, dst, next, control}. An item moves
 * TransferSize source-width items (12 bits: at most 4095); a longer piece
 * is cut into items of the most source items that also end on a
 * destination item. Widths: a device side has the slave configuration's;
 * a memory side gets the widest of 4, 2, 1 bytes that divides its
 * address and length (and, memory to memory, the other buffer's address,
 * since both sides then share a width). Linux's driver also moves a
 * misaligned head and tail bytewise to use words in the middle; here a
 * misaligned buffer simply moves bytewise (correct, slower).
 *
 * Only the last item raises the terminal-count interrupt (I bit) — for a
 * cyclic transfer the last item of every period, and the last links back
 * to the first.
 */
#include <linux/errno.h>
#include <linux/kernel.h>

#include "pl08x-lli.h"

static unsigned int width_code(unsigned int bytes)
{
	return bytes == 4 ? PL080_WIDTH_32BIT : bytes == 2 ? PL080_WIDTH_16BIT : PL080_WIDTH_8BIT;
}

/* The widest access that fits every value's alignment. */
static unsigned int fit_width(u32 a, u32 b, u32 c)
{
	u32 v = a | b | c;
	return (v & 3) == 0 ? 4 : (v & 1) == 0 ? 2 : 1;
}

/* The widths of one piece; false if the piece cannot be moved. */
static bool piece_widths(const struct pl08x_lli_params *p, const struct pl08x_sg *s,
			 unsigned int *sw, unsigned int *dw)
{
	u32 len = (u32)s->len;
	if (!s->len || s->len > U32_MAX)
		return false;
	*sw = p->src_width;
	*dw = p->dst_width;
	if (!*sw && !*dw) {
		*sw = *dw = fit_width(s->src_addr, s->dst_addr, len);
	} else if (!*sw) {
		*sw = min(fit_width(s->src_addr, len, 0), 4u);
	} else if (!*dw) {
		*dw = min(fit_width(s->dst_addr, len, 0), 4u);
	}
	return len % *sw == 0 && len % *dw == 0;
}

/* Source items per full item: the most that also ends on a destination
 * item. */
static u32 items_per_lli(unsigned int sw, unsigned int dw)
{
	u32 n = PL080_MAX_TRANSFER_SIZE;
	if (dw > sw)
		n -= n % (dw / sw);
	return n;
}

unsigned int pl08x_count_llis(const struct pl08x_lli_params *p, const struct pl08x_sg *sg,
			      unsigned int nsg)
{
	unsigned int n = 0;
	for (unsigned int i = 0; i < nsg; i++) {
		unsigned int sw, dw;
		if (!piece_widths(p, &sg[i], &sw, &dw))
			return 0;
		n += (unsigned int)DIV_ROUND_UP(sg[i].len / sw, items_per_lli(sw, dw));
	}
	return n;
}

int pl08x_fill_llis(const struct pl08x_lli_params *p, const struct pl08x_sg *sg,
		    unsigned int nsg, struct pl080_lli *llis, dma_addr_t llis_bus,
		    unsigned int max_llis)
{
	unsigned int n = 0;
	if (!nsg)
		return -EINVAL;
	for (unsigned int i = 0; i < nsg; i++) {
		unsigned int sw, dw;
		if (!piece_widths(p, &sg[i], &sw, &dw))
			return -EINVAL;
		u32 cctl = p->cctl & ~(PL080_CONTROL_TRANSFER_SIZE_MASK | PL080_CONTROL_TC_IRQ_EN |
				       PL080_CONTROL_WIDTH_MASK << PL080_CONTROL_SWIDTH_SHIFT |
				       PL080_CONTROL_WIDTH_MASK << PL080_CONTROL_DWIDTH_SHIFT);
		cctl |= width_code(sw) << PL080_CONTROL_SWIDTH_SHIFT |
			width_code(dw) << PL080_CONTROL_DWIDTH_SHIFT;
		u32 items = (u32)(sg[i].len / sw), max_items = items_per_lli(sw, dw);
		dma_addr_t src = sg[i].src_addr, dst = sg[i].dst_addr;
		while (items) {
			if (n == max_llis)
				return -ENOMEM;
			u32 k = min(items, max_items);
			struct pl080_lli *l = &llis[n];
			l->src = src;
			l->dst = dst;
			l->control0 = cctl | k;
			l->lli = llis_bus + (n + 1) * (u32)sizeof(*l);
			if (p->cctl & PL080_CONTROL_SRC_INCR)
				src += k * sw;
			if (p->cctl & PL080_CONTROL_DST_INCR)
				dst += k * sw;
			items -= k;
			n++;
		}
		if (p->cyclic)
			llis[n - 1].control0 |= PL080_CONTROL_TC_IRQ_EN;
	}
	llis[n - 1].control0 |= PL080_CONTROL_TC_IRQ_EN;
	llis[n - 1].lli = p->cyclic ? llis_bus : 0;
	return (int)n;
}

size_t pl08x_residue(const struct pl080_lli *llis, unsigned int n, dma_addr_t llis_bus,
		     u32 ch_cctl, u32 ch_lli)
{
	size_t bytes = pl08x_lli_bytes(ch_cctl);
	dma_addr_t next = ch_lli & PL080_LLI_ADDR_MASK;
	/* The items are consecutive in memory. An LLI register at the first
	 * item means the channel runs the last one of a cyclic list. */
	if (!next || next <= llis_bus || (next - llis_bus) / sizeof(*llis) >= n)
		return bytes;
	for (unsigned int i = (next - llis_bus) / sizeof(*llis); i < n; i++)
		bytes += pl08x_lli_bytes(llis[i].control0);
	return bytes;
}
