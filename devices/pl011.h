/*
 * ARM PrimeCell UART (PL011), as far as firmware needs it.
 */
#ifndef PMSIM_PL011_H
#define PMSIM_PL011_H

#include <stdint.h>

#include "sim/bus.h"
#include "sim/chardev.h"
#include "sim/err.h"
#include "sim/irq.h"
#include "sim/sched.h"

struct pl011;

/* Map a PL011 at `base` (4 KiB) clocked at `uartclk_hz`, raising `irq`
 * (the combined UARTINTR), talking to `cd`. NULL on failure. */
struct pl011 *pl011_new(struct bus *bus, struct sched *sched, uint32_t base,
			uint32_t uartclk_hz, struct irq_line irq, struct chardev *cd);
void pl011_free(struct pl011 *u);
void pl011_reset(struct pl011 *u);
/* Bytes the guest wrote while the TX FIFO was full (lost). */
uint64_t pl011_dropped_tx(const struct pl011 *u);
/* A scenario's fault on the receive line (docs/devices/pl011.md,
 * "Faults"): "framing-error", "parity-error", "break", "overrun" or
 * "clear". 0, or -1 with e filled. */
int pl011_fault(struct pl011 *u, const char *kind, struct err *e);

#endif
