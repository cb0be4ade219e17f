/*
 * The pwm-backlight (Linux's binding, docs/bindings.md): a panel's LED
 * string dimmed by one PWM channel. It has no registers: the guest sets
 * its brightness through the PWM. Its power is `pmsim,max-microwatt`
 * times the channel's duty cycle, drawn from its `power-supply` regulator
 * while that is up, as component "backlight" (kind "led"). The LEDs'
 * current follows the duty cycle exactly; the PWM's frequency does not
 * matter, as long as it is far above what the eye sees.
 *
 * Not modelled: `enable-gpios` (the guest drives the pin; the power here
 * does not depend on it) and the LED driver's efficiency curve (the power
 * is linear in the duty cycle).
 */
#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>

#include "devices/pwm.h"
#include "pm/meter.h"
#include "pm/regulator.h"
#include "sim/dt.h"
#include "sim/err.h"

struct pwm_bl {
	struct sched *sched;
	struct trace *trace;
	double max_w;
	double duty;
	bool supply;
	struct pm_meter meter;
	int pwm_off;      /* the PWM's node */
	unsigned channel;
	char path[256];   /* this node, for messages */
};

static void pwm_bl_update(struct pwm_bl *b, simtime_t now)
{
	double w = b->supply ? b->max_w * b->duty : 0;
	if (w != b->meter.watts)
		pm_meter_set(&b->meter, now, w);
}

static void pwm_bl_duty(void *opaque, simtime_t now, double duty)
{
	struct pwm_bl *b = opaque;
	b->duty = duty;
	pwm_bl_update(b, now);
	/* In per mille: the trace's values are integers. */
	trace_state(b->trace, now, "backlight", "duty", (int64_t)(duty * 1000 + 0.5), NULL);
}

static void pwm_bl_supply(void *opaque, simtime_t now, uint32_t uv, bool on)
{
	struct pwm_bl *b = opaque;
	(void)uv;
	b->supply = on;
	pwm_bl_update(b, now);
}

static int pwm_bl_create(struct soc *soc, const struct dt_node *node, void **state,
			 struct err *e)
{
	if (dt_cells(node, "pwms") < 2)
		return errf(e, "%s: 'pwms' must name a PWM and its channel (<&pwm CHANNEL "
			    "PERIOD-NS FLAGS>)", node->path);
	uint32_t ph = dt_cell(node, "pwms", 0);
	int off = fdt_node_offset_by_phandle(node->fdt, ph);
	if (off < 0 || fdt_node_check_compatible(node->fdt, off, "pmsim,pwm") != 0)
		return errf(e, "%s: 'pwms' names no pmsim,pwm node (phandle %u)", node->path, ph);
	struct pwm_bl *b = calloc(1, sizeof *b);
	if (!b)
		return errf(e, "out of memory");
	b->sched = &soc->sched;
	b->trace = &soc->trace;
	b->max_w = dt_u32_opt(node, "pmsim,max-microwatt", 0) * 1e-6;
	b->pwm_off = off;
	b->channel = dt_cell(node, "pwms", 1);
	b->supply = true;
	snprintf(b->path, sizeof b->path, "%s", node->path);
	pm_meter_init(&b->meter, "backlight", "led");
	if (dt_bool(node, "power-supply") && soc->rails) {
		struct pm_rail *r = rail_get(soc->rails, node->off, "power", e);
		if (!r || rail_subscribe(r, pwm_bl_supply, b)) {
			free(b);
			return r ? errf(e, "out of memory") : -1;
		}
		b->supply = rail_is_on(r);
		pm_meter_attach(&b->meter, r, sched_now(&soc->sched));
	}
	*state = b;
	return 0;
}

/* Once the PWM exists: listen to its channel. */
static int pwm_bl_realize(void *state, struct soc *soc, struct err *e)
{
	struct pwm_bl *b = state;
	struct pwm *pwm = NULL;
	for (unsigned i = 0; i < soc->ndevs && !pwm; i++)
		if (soc->devs[i].type == &pwm_dev_type &&
		    fdt_path_offset(soc->fdt, soc->devs[i].path) == b->pwm_off)
			pwm = soc->devs[i].state;
	if (!pwm)
		return errf(e, "%s: the PWM 'pwms' names is not in the SoC (disabled?)", b->path);
	if (pwm_subscribe(pwm, b->channel, pwm_bl_duty, b))
		return errf(e, "%s: 'pwms' names channel %u of a PWM that has %u", b->path,
			    b->channel, pwm_channels(pwm));
	soc_add_meter(soc, &b->meter);
	return 0;
}

static void pwm_bl_destroy(void *state)
{
	free(state);
}

const struct dev_type pwm_backlight_dev_type = {
	.compatible = "pwm-backlight",
	.create = pwm_bl_create,
	.destroy = pwm_bl_destroy,
	.realize = pwm_bl_realize,
};
