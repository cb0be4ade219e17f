/*
 * ARM PrimeCell real-time clock (PL031): a 32-bit seconds counter with a
 * match interrupt, counting from a low-frequency always-on oscillator.
 */
#ifndef PMSIM_PL031_H
#define PMSIM_PL031_H

#include <stdint.h>

#include "sim/bus.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"

struct pl031;

/* Map a PL031 at `base` (4 KiB). `osc_hz` is the oscillator's rate at
 * creation; the model divides the oscillator by this number of cycles to
 * get its 1 Hz tick, so later rate changes speed it up or slow it down as
 * on silicon. `start_seconds` is RTCDR after reset. `irq` is RTCINTR.
 * NULL on failure (osc_hz of 0, or the range is already mapped). */
struct pl031 *pl031_new(struct bus *bus, struct sched *sched, uint32_t base, uint64_t osc_hz,
			uint32_t start_seconds, struct irq_line irq);
void pl031_free(struct pl031 *r);
/* Registers to their reset values (RTCDR = start_seconds, stopped), the 1 Hz
 * divider restarts now, RTCINTR low. The oscillator rate and the power state
 * are inputs and are kept. */
void pl031_reset(struct pl031 *r);

/* The oscillator now runs at `hz` (0: stopped or gated). */
void pl031_set_clock(struct pl031 *r, uint64_t hz);
/* The power domain changed state (see struct dev_type in sim/soc.h). */
void pl031_set_power(struct pl031 *r, enum pd_state st);

/* RTCDR as the guest would read it now. */
uint32_t pl031_seconds(struct pl031 *r);
/* When RTCINTR will next be raised by a match: the time at which RTCDR
 * becomes equal to RTCMR, provided the RTC is counting and RTCIMSC unmasks
 * the interrupt; SIMTIME_NEVER otherwise (also for a match too far away for
 * simtime_t, about 213 days). */
simtime_t pl031_next_alarm(struct pl031 *r);

#endif
