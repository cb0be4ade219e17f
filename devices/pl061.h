/*
 * ARM PrimeCell GPIO (PL061): 8 pins, edge/level interrupts, and the
 * outside-world side of the pins for scenarios, tests and wake-up buttons.
 */
#ifndef PMSIM_PL061_H
#define PMSIM_PL061_H

#include <stdint.h>

#include "sim/bus.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"

#define PL061_NPINS 8u

struct pl061;

/* Map a PL061 at `base` (4 KiB) whose APB clock runs at `pclk_hz` (0 =
 * gated), raising `irq` (the combined GPIOINTR). `input_levels` are the
 * levels the outside world drives on the 8 pins at creation (bit n = pin
 * n). NULL on failure (no memory, or the range overlaps another region). */
struct pl061 *pl061_new(struct bus *bus, struct sched *sched, uint32_t base,
			uint8_t input_levels, uint64_t pclk_hz, struct irq_line irq);
void pl061_free(struct pl061 *g);
/* Register reset (PRESETn): every register to its reset value. The levels
 * the outside world drives are not register state and are kept. */
void pl061_reset(struct pl061 *g);

/* The APB clock changed rate (idx 0; other indices are ignored); 0 means
 * gated. See the dev_type callback of the same meaning in sim/soc.h. */
void pl061_clock_rate(struct pl061 *g, unsigned idx, uint64_t hz);
/* The power domain changed state (PD_OFF loses all register state). */
void pl061_power(struct pl061 *g, enum pd_state st);

/* The outside world drives input pin `pin` (0-7; others are ignored) to
 * `level` (non-zero = high) at the current simulated time. A pin that the
 * PL061 drives as an output keeps its driven level; the external level is
 * remembered and seen once the pin is an input again. */
void pl061_set_input(struct pl061 *g, unsigned pin, int level);
/* The levels on the pins driven as outputs (bit n = pin n; 0 for pins not
 * driven). */
uint8_t pl061_outputs(const struct pl061 *g);
/* Observe the outputs: `cb` is called with the new pl061_outputs() value
 * each time it changes (not at registration). NULL removes the observer. */
void pl061_set_output_cb(struct pl061 *g, void (*cb)(void *opaque, uint8_t levels),
			 void *opaque);

/* Register accesses refused because the APB clock was gated or the power
 * domain was not on (each returned BUS_ERR_DEVICE to the initiator). */
uint64_t pl061_refused_accesses(const struct pl061 *g);

#endif
