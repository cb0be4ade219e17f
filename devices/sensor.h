/*
 * pmsim's sensor/ADC (docs/devices/sensor.md): a converter that samples a
 * deterministic synthetic signal (or a scenario's) at a rate derived from
 * its clock into a FIFO, with a threshold interrupt and an "rx" DMA
 * request line.
 */
#ifndef PMSIM_SENSOR_H
#define PMSIM_SENSOR_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/bus.h"
#include "sim/dmareq.h"
#include "sim/err.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"
#include "sim/trace.h"

struct sensor;
struct pm_meter;

/* Limits of `pmsim,fifo-depth`. */
#define SENSOR_FIFO_MIN 1u
#define SENSOR_FIFO_MAX 256u
/* What DATA returns when the FIFO is empty: no sample has this value. */
#define SENSOR_EMPTY_READ 0xffffffffu

/* The value of sample number k (the formula firmware checks against):
 * bits 31:16 the sample number modulo 2^16, bits 15:0 a 12-bit sawtooth
 * that climbs by 16 codes a sample and wraps every 256 samples. */
static inline uint32_t sensor_sample_value(uint32_t k)
{
	return ((k & 0xffffu) << 16) | ((k * 16u) & 0xfffu);
}

struct sensor_config {
	uint64_t clock_hz;     /* sampling clock at creation; 0 = stopped */
	/* The default sample rate: RATE resets to floor(clock / sample_hz)
	 * cycles (at least 1), the clock being its rate at creation or, if
	 * it is stopped then, the first time it runs. Must not be 0. */
	uint32_t sample_hz;
	uint32_t fifo_depth;   /* SENSOR_FIFO_MIN..SENSOR_FIFO_MAX */
	double pj_per_sample;  /* energy of one conversion, picojoules */
	const char *name;      /* component name for the meter and the trace */
};

/* Map a sensor at `base` (4 KiB) raising `irq`. NULL on failure (bad
 * configuration, overlap). The meter is not listed anywhere: the caller
 * adds it to its SoC (soc_add_meter) if it wants it reported. */
struct sensor *sensor_new(struct bus *bus, struct sched *sched, uint32_t base,
			  const struct sensor_config *cfg, struct irq_line irq);
void sensor_free(struct sensor *s);
/* Registers back to their reset values; clock rate and power state are
 * inputs and stay as they are. */
void sensor_reset(struct sensor *s);

/* Inputs. */
void sensor_set_clock(struct sensor *s, uint64_t hz);
void sensor_set_power(struct sensor *s, enum pd_state st);
/* Connect the "rx" request line (its present level is driven at once). */
void sensor_set_dma_line(struct sensor *s, const struct dma_line *line);
/* The answer the controller gives after each transfer on the line. */
struct dma_ack sensor_dma_ack(struct sensor *s);
/* Send state transitions to `t` (NULL: nowhere). */
void sensor_set_trace(struct sensor *s, struct trace *t);
/* The signal converted: `fn` returns the 12-bit code of sample number k,
 * converted at simulated time t (codes above 4095 read as 4095); the
 * sample's value is then ((k & 0xffff) << 16) | code. NULL restores the
 * sawtooth of sensor_sample_value. Samples are computed lazily, each with
 * its own t, possibly long after t and only when they are kept (not for
 * samples lost to overrun): `fn` must be a pure function of t and k.
 * Samples converted before the call keep their values. */
void sensor_set_signal(struct sensor *s, uint32_t (*fn)(void *opaque, simtime_t t, uint32_t k),
		       void *opaque);
/* A scenario's fault (docs/devices/sensor.md, "Faults"): "stuck-dma",
 * "stuck-irq", "overrun" or "clear". 0, or -1 with e filled. */
int sensor_fault(struct sensor *s, const char *kind, struct err *e);

/* Observers (they bring the model up to sched_now() first). */
struct pm_meter *sensor_meter(struct sensor *s);
uint32_t sensor_level(struct sensor *s);
uint64_t sensor_dropped(struct sensor *s);      /* samples lost to overrun */
uint64_t sensor_dma_transfers(struct sensor *s); /* `done` calls received */

#endif
