/*
 * DMA request lines: a peripheral (UART, sensor) tells a DMA controller
 * that it wants data moved, as the PL080's DMACBREQ/DMACSREQ signals do.
 *
 * The device tree wires them with the Linux binding: the peripheral's
 * `dmas = <&dma N>, ...` and `dma-names = "tx", "rx"`; N is the
 * controller's request input. A controller registers itself
 * (soc_dma_register) when it is created; a peripheral takes its lines in
 * its `realize` callback (soc_dma_line), once every device exists.
 *
 * A request is a level: `burst` while the peripheral can take (TX) or
 * give (RX) a whole burst, `single` while it can do at least one
 * transfer. The controller answers each transfer it made with `done`
 * (DMACCLR in the PL080), so the peripheral updates its levels.
 */
#ifndef PMSIM_DMAREQ_H
#define PMSIM_DMAREQ_H

#include <stdbool.h>

struct dma_line {
	/* Set by the controller: the peripheral drives its request. */
	void (*request)(void *ctrl, unsigned input, bool single, bool burst);
	void *ctrl;
	unsigned input;
};

/* Set by the peripheral: called by the controller after each transfer on
 * this line (`last`: the controller's transfer count ran out). */
struct dma_ack {
	void (*done)(void *periph, bool last);
	void *periph;
};

static inline void dma_request(const struct dma_line *l, bool single, bool burst)
{
	if (l->request)
		l->request(l->ctrl, l->input, single, burst);
}

#endif
