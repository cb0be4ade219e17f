/*
 * The PL080's linked lists, built and read back (drivers/dma/pl08x-lli.c):
 * the part of amba-pl08x.c that needs no hardware, so that the host tests
 * check it (tests/pmfw/test_pl08x_lli.c).
 */
#ifndef _DRIVERS_DMA_PL08X_LLI_H
#define _DRIVERS_DMA_PL08X_LLI_H

#include <linux/amba/pl080.h>
#include <linux/types.h>

/* The most source items one item moves (TransferSize is 12 bits). */
#define PL080_MAX_TRANSFER_SIZE 0xfffu

/* One contiguous piece of a transfer (Linux's struct pl08x_sg): a memory
 * buffer and the device's register, or two memory buffers. */
struct pl08x_sg {
	dma_addr_t src_addr;
	dma_addr_t dst_addr;
	size_t len;
};

struct pl08x_lli_params {
	/* Control bits every item has: bursts, increments, protection.
	 * Widths and TransferSize are the builder's. */
	u32 cctl;
	/* Source and destination widths in bytes (1, 2, 4); 0 for a memory
	 * side, whose width the builder picks per piece: the widest that
	 * divides its address, its length and (memory to memory) the other
	 * side's address. */
	unsigned int src_width, dst_width;
	/* The last item links back to the first (a cyclic transfer), and
	 * every piece's last item raises the terminal count (its periods). */
	bool cyclic;
};

/* Fill `llis` (at bus address llis_bus, room for max_llis items) for the
 * pieces, splitting a piece into items of at most
 * PL080_MAX_TRANSFER_SIZE source items. The last item raises the
 * terminal count; it links to nothing, or to the first (cyclic). Returns
 * the number of items, -EINVAL for a piece the widths cannot move (a
 * length that is not a multiple of a fixed width, an empty piece), or
 * -ENOMEM if max_llis is too small. */
int pl08x_fill_llis(const struct pl08x_lli_params *p, const struct pl08x_sg *sg,
		    unsigned int nsg, struct pl080_lli *llis, dma_addr_t llis_bus,
		    unsigned int max_llis);

/* How many items pl08x_fill_llis needs at most for these pieces. */
unsigned int pl08x_count_llis(const struct pl08x_lli_params *p, const struct pl08x_sg *sg,
			      unsigned int nsg);

/* The bytes an item moves (TransferSize x source width). */
static inline size_t pl08x_lli_bytes(u32 cctl)
{
	return (size_t)(cctl & PL080_CONTROL_TRANSFER_SIZE_MASK)
	       << ((cctl >> PL080_CONTROL_SWIDTH_SHIFT) & PL080_CONTROL_WIDTH_MASK);
}

/* The bytes still to move in a running list: what the channel's Control
 * register still counts, and every item after the one its LLI register
 * points to, up to the end of the list (or, cyclic, up to the first
 * item again). */
size_t pl08x_residue(const struct pl080_lli *llis, unsigned int n, dma_addr_t llis_bus,
		     u32 ch_cctl, u32 ch_lli);

#endif
