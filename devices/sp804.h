/*
 * ARM Dual-Timer Module (SP804): two 32/16-bit down-counters sharing one
 * 4 KiB register block.
 */
#ifndef PMSIM_SP804_H
#define PMSIM_SP804_H

#include <stdint.h>

#include "sim/bus.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"

struct sp804;

/* Highest TIMCLK rate accepted (1 THz); faster rates are clamped. The
 * exact time arithmetic is proven for rates up to this bound. */
#define SP804_MAX_HZ 1000000000000ull

/* Map an SP804 at `base` (4 KiB). Timer 1 counts TIMCLK1 edges at
 * `timclk1_hz`, timer 2 TIMCLK2 edges at `timclk2_hz` (0 = clock gated).
 * `timint1`, `timint2` and the combined `timintc` are the three interrupt
 * outputs; any of them may be unconnected ({0}). NULL on failure. */
struct sp804 *sp804_new(struct bus *bus, struct sched *sched, uint32_t base,
			uint64_t timclk1_hz, uint64_t timclk2_hz, struct irq_line timint1,
			struct irq_line timint2, struct irq_line timintc);
void sp804_free(struct sp804 *s);
/* Back to the reset values (both timers disabled, interrupts low). Clock
 * rates and the power state are inputs, not registers: they are kept. */
void sp804_reset(struct sp804 *s);

/* Timer `timer` (0 = Timer1, 1 = Timer2) now counts at `hz` (0 = gated:
 * it stops at the present simulated time and resumes from the same state). */
void sp804_set_timclk(struct sp804 *s, int timer, uint64_t hz);
/* The power domain changed state (see enum pd_state in sim/soc.h). */
void sp804_set_power(struct sp804 *s, enum pd_state st);

/* The current count of timer `timer` (0 = Timer1, 1 = Timer2), as the
 * TimerXValue register would read now (also while powered down, where the
 * register itself is not readable); 0 for any other `timer`. */
uint32_t sp804_value(struct sp804 *s, int timer);

#endif
