/*
 * pmsim's PWM (`pmsim,pwm`, docs/devices/pwm.md): a few channels, each an
 * enable, a period and a duty time in cycles of its clock, and the
 * pwm-backlight (`pwm-backlight`, Linux's binding) whose LEDs one channel
 * dims.
 */
#ifndef PMSIM_PWM_H
#define PMSIM_PWM_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/bus.h"
#include "sim/sched.h"
#include "sim/soc.h"
#include "sim/trace.h"

struct pwm;

#define PWM_MAX_CHANNELS 8u
#define PWM_MAX_LISTENERS 4u

/* A channel's output changed: from `now` on it is high `duty` of the
 * time (0..1; 0 while the channel is off). */
typedef void (*pwm_notify_fn)(void *opaque, simtime_t now, double duty);

/* Map a PWM of `channels` (1..PWM_MAX_CHANNELS) at `base` (4 KiB) with
 * its clock at `clock_hz` (0 = stopped). NULL on failure. */
struct pwm *pwm_new(struct bus *bus, struct sched *sched, uint32_t base, unsigned channels,
		    uint64_t clock_hz, const char *name);
void pwm_free(struct pwm *p);
/* Registers to their reset values: every channel off. */
void pwm_reset(struct pwm *p);

void pwm_set_clock(struct pwm *p, uint64_t hz);
void pwm_set_power(struct pwm *p, enum pd_state st);
/* Be told of channel `ch`'s output (at once with its present duty, then
 * at every change). -1 if there is no such channel or no room. */
int pwm_subscribe(struct pwm *p, unsigned ch, pwm_notify_fn fn, void *opaque);

unsigned pwm_channels(const struct pwm *p);
double pwm_duty(const struct pwm *p, unsigned ch);

/* The device models. */
struct dev_type;
extern const struct dev_type pwm_dev_type;
extern const struct dev_type pwm_backlight_dev_type;

#endif
