/*
 * pmsim's PWM (docs/devices/pwm.md): a small timer block of our own, as
 * SoCs have for backlights, buzzers and fans. Each channel counts its
 * clock from 0 to PERIOD - 1 and drives its output high while the count is
 * below DUTY (low while above, or the other way round with CTRL.INV).
 *
 * Nothing runs per period: what the outside world sees of a channel is its
 * duty cycle, the fraction of the time its output is high, and that only
 * changes when a register, the clock or the power does. Listeners (the
 * pwm-backlight, devices/pwm_bl.c) are told the new duty cycle at once.
 * A channel that is disabled, or whose clock is stopped, or whose domain
 * is not on, holds its output low (duty 0), whatever CTRL.INV says.
 *
 * Power: `pmsim,femtojoule-per-cycle` and `pmsim,leakage-microwatt`, booked by
 * the PMU like any device's.
 */
#include "devices/pwm.h"

#include <libfdt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/dt.h"
#include "sim/err.h"

enum {
	PWM_ID = 0x000,
	PWM_NCHAN = 0x004,
	PWM_CH0 = 0x100, /* + 0x10 per channel */
	PWM_CH_CTRL = 0x0,
	PWM_CH_PERIOD = 0x4,
	PWM_CH_DUTY = 0x8,
	PWM_CH_STRIDE = 0x10,
};

#define PWM_ID_VALUE 0x50574d31u /* "PWM1" */
#define CTRL_EN (1u << 0)
#define CTRL_INV (1u << 1)
#define CTRL_MASK 0x3u

struct pwm_listener {
	pwm_notify_fn fn;
	void *opaque;
};

struct pwm_chan {
	uint32_t ctrl, period, duty;
	double out; /* the duty cycle as last told */
	struct pwm_listener l[PWM_MAX_LISTENERS];
	unsigned nl;
};

struct pwm {
	struct sched *sched;
	uint32_t base;
	char name[64];
	unsigned nchan;
	uint64_t hz;
	enum pd_state pd;
	struct pwm_chan ch[PWM_MAX_CHANNELS];
};

/* The fraction of the time channel c's output is high. */
static double pwm_out(const struct pwm *p, const struct pwm_chan *c)
{
	if (!(c->ctrl & CTRL_EN) || !p->hz || p->pd != PD_ON || !c->period)
		return 0;
	double d = c->duty >= c->period ? 1.0 : (double)c->duty / c->period;
	return c->ctrl & CTRL_INV ? 1.0 - d : d;
}

/* Tell the listeners of every channel whose output changed. */
static void pwm_outputs(struct pwm *p)
{
	simtime_t now = sched_now(p->sched);
	for (unsigned i = 0; i < p->nchan; i++) {
		struct pwm_chan *c = &p->ch[i];
		double d = pwm_out(p, c);
		if (d == c->out)
			continue;
		c->out = d;
		for (unsigned k = 0; k < c->nl; k++)
			c->l[k].fn(c->l[k].opaque, now, d);
	}
}

static int pwm_mmio_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	struct pwm *p = opaque;
	if (p->pd != PD_ON)
		return BUS_ERR_DEVICE;
	*val = 0;
	if (off == PWM_ID) {
		*val = PWM_ID_VALUE;
	} else if (off == PWM_NCHAN) {
		*val = p->nchan;
	} else if (off >= PWM_CH0 && off < PWM_CH0 + p->nchan * PWM_CH_STRIDE) {
		const struct pwm_chan *c = &p->ch[(off - PWM_CH0) / PWM_CH_STRIDE];
		switch ((off - PWM_CH0) % PWM_CH_STRIDE) {
		case PWM_CH_CTRL: *val = c->ctrl; break;
		case PWM_CH_PERIOD: *val = c->period; break;
		case PWM_CH_DUTY: *val = c->duty; break;
		default: break;
		}
	}
	return BUS_OK;
}

static int pwm_mmio_write(void *opaque, uint32_t off, unsigned size, uint32_t val)
{
	struct pwm *p = opaque;
	if (p->pd != PD_ON)
		return BUS_ERR_DEVICE;
	if (off >= PWM_CH0 && off < PWM_CH0 + p->nchan * PWM_CH_STRIDE) {
		struct pwm_chan *c = &p->ch[(off - PWM_CH0) / PWM_CH_STRIDE];
		switch ((off - PWM_CH0) % PWM_CH_STRIDE) {
		case PWM_CH_CTRL: c->ctrl = val & CTRL_MASK; break;
		case PWM_CH_PERIOD: c->period = val; break;
		case PWM_CH_DUTY: c->duty = val; break;
		default: break;
		}
	}
	pwm_outputs(p);
	return BUS_OK;
}

static const struct bus_ops pwm_ops = {
	.name = "pwm",
	.sizes = BUS_SIZE_32,
	.read = pwm_mmio_read,
	.write = pwm_mmio_write,
};

void pwm_reset(struct pwm *p)
{
	for (unsigned i = 0; i < p->nchan; i++)
		p->ch[i].ctrl = p->ch[i].period = p->ch[i].duty = 0;
	pwm_outputs(p);
}

struct pwm *pwm_new(struct bus *bus, struct sched *sched, uint32_t base, unsigned channels,
		    uint64_t clock_hz, const char *name)
{
	if (!channels || channels > PWM_MAX_CHANNELS)
		return NULL;
	struct pwm *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->sched = sched;
	p->base = base;
	p->nchan = channels;
	p->hz = clock_hz;
	p->pd = PD_ON;
	snprintf(p->name, sizeof p->name, "%s", name ? name : "pwm");
	if (bus_add_mmio(bus, "pwm", base, 0x1000, &pwm_ops, p) < 0) {
		free(p);
		return NULL;
	}
	return p;
}

void pwm_free(struct pwm *p)
{
	free(p);
}

void pwm_set_clock(struct pwm *p, uint64_t hz)
{
	p->hz = hz;
	pwm_outputs(p);
}

/* PD_OFF loses the registers; in retention the outputs are low but the
 * registers kept. */
void pwm_set_power(struct pwm *p, enum pd_state st)
{
	p->pd = st;
	if (st == PD_OFF)
		pwm_reset(p);
	else
		pwm_outputs(p);
}

int pwm_subscribe(struct pwm *p, unsigned ch, pwm_notify_fn fn, void *opaque)
{
	if (ch >= p->nchan || p->ch[ch].nl >= PWM_MAX_LISTENERS)
		return -1;
	struct pwm_chan *c = &p->ch[ch];
	c->l[c->nl++] = (struct pwm_listener){ fn, opaque };
	fn(opaque, sched_now(p->sched), c->out);
	return 0;
}

unsigned pwm_channels(const struct pwm *p)
{
	return p->nchan;
}

double pwm_duty(const struct pwm *p, unsigned ch)
{
	return ch < p->nchan ? p->ch[ch].out : 0;
}

/* ---- device-tree binding ---------------------------------------------------- */

#define PWM_DEFAULT_CHANNELS 2u

static int pwm_create(struct soc *soc, const struct dt_node *node, void **state, struct err *e)
{
	uint32_t base, size;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the PWM's 4 KiB register block",
			    node->path, size);
	uint32_t n = dt_u32_opt(node, "pmsim,channels", PWM_DEFAULT_CHANNELS);
	if (!n || n > PWM_MAX_CHANNELS)
		return errf(e, "%s: 'pmsim,channels' must be 1..%u (is %u)", node->path,
			    PWM_MAX_CHANNELS, n);
	if (dt_u32_opt(node, "#pwm-cells", 3) != 3)
		return errf(e, "%s: '#pwm-cells' must be 3 (channel, period in ns, flags)",
			    node->path);
	uint64_t clk;
	if (soc_clock_hz(soc, node, 0, &clk, e) < 0)
		return -1;
	const char *name = fdt_get_name(node->fdt, node->off, NULL);
	struct pwm *p = pwm_new(&soc->bus, &soc->sched, base, n, clk, name);
	if (!p)
		return errf(e, "%s: cannot map the PWM at 0x%08x (overlaps another region?)",
			    node->path, base);
	*state = p;
	return 0;
}

static void pwm_destroy(void *state)
{
	pwm_free(state);
}

static void pwm_type_reset(void *state)
{
	pwm_reset(state);
}

static void pwm_type_clock_rate(void *state, unsigned idx, uint64_t hz)
{
	if (idx == 0)
		pwm_set_clock(state, hz);
}

static void pwm_type_power(void *state, enum pd_state st)
{
	pwm_set_power(state, st);
}

const struct dev_type pwm_dev_type = {
	.compatible = "pmsim,pwm",
	.create = pwm_create,
	.destroy = pwm_destroy,
	.reset = pwm_type_reset,
	.clock_rate = pwm_type_clock_rate,
	.power = pwm_type_power,
};
