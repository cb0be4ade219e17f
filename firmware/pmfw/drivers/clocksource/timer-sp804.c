/*
 * ARM SP804 dual timer (Linux's drivers/clocksource/timer-sp804.c;
 * pmsim's model: docs/devices/sp804.md).
 *
 * The first available "arm,sp804" node is the system's timer (as in
 * Linux; others are left alone). Timer 2 runs free as the clocksource: 32 bits, periodic from
 * 0xffffffff with its interrupt disabled, read inverted (it counts down),
 * rating 200. Timer 1 is the clock event device: one-shot, 32 bits,
 * min_delta 15 cycles and max_delta 0xffffffff as in Linux, rating 300;
 * loaded with N it interrupts N + 1 cycles later. Its interrupt is the
 * node's first `interrupts` entry (TIMINT1, or the combined TIMINTC,
 * which timer 2 never raises). The clocksource's counter is also the
 * delay loop's (register_current_timer_delay).
 *
 * Clocks: the node's first `clocks` entry clocks both timers, or, with
 * three entries (timclk1, timclk2, apb_pclk), the first two clock one
 * timer each; both are prepared and enabled for good. A node with
 * `clock-frequency` instead of `clocks` gives a fixed rate.
 *
 * Across system suspend (timekeeping_suspend/resume) the timers' power
 * domain may go off, which resets them: timer 1 is stopped at suspend,
 * and timer 2 is started again at resume (timekeeping goes on from its
 * new count).
 */
#include <linux/clk.h>
#include <linux/clockchips.h>
#include <linux/clocksource.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/slab.h>

#define TIMER_LOAD 0x00
#define TIMER_VALUE 0x04
#define TIMER_CTRL 0x08
#define TIMER_INTCLR 0x0c
#define TIMER_RIS 0x10
#define TIMER_MIS 0x14
#define TIMER_2_BASE 0x20

#define TIMER_CTRL_ONESHOT (1u << 0)
#define TIMER_CTRL_32BIT (1u << 1)
#define TIMER_CTRL_IE (1u << 5)
#define TIMER_CTRL_PERIODIC (1u << 6)
#define TIMER_CTRL_ENABLE (1u << 7)

struct sp804_clkevt {
	void __iomem *base;
	unsigned long reload; /* periodic mode: cycles per jiffy */
	struct clock_event_device evt;
};

static void __iomem *clksrc_value; /* timer 2's VALUE, for the delay loop */

static struct sp804_clkevt *to_sp804(struct clock_event_device *evt)
{
	return container_of(evt, struct sp804_clkevt, evt);
}

static int sp804_shutdown(struct clock_event_device *evt)
{
	struct sp804_clkevt *t = to_sp804(evt);
	writel(0, t->base + TIMER_CTRL);
	writel(1, t->base + TIMER_INTCLR);
	return 0;
}

static void sp804_evt_suspend(struct clock_event_device *evt)
{
	sp804_shutdown(evt);
}

static int sp804_set_periodic(struct clock_event_device *evt)
{
	struct sp804_clkevt *t = to_sp804(evt);
	writel(0, t->base + TIMER_CTRL);
	writel((u32)t->reload, t->base + TIMER_LOAD);
	writel(TIMER_CTRL_32BIT | TIMER_CTRL_IE | TIMER_CTRL_PERIODIC | TIMER_CTRL_ENABLE,
	       t->base + TIMER_CTRL);
	return 0;
}

static int sp804_set_next_event(unsigned long next, struct clock_event_device *evt)
{
	struct sp804_clkevt *t = to_sp804(evt);
	writel((u32)next, t->base + TIMER_LOAD);
	writel(TIMER_CTRL_32BIT | TIMER_CTRL_IE | TIMER_CTRL_ONESHOT | TIMER_CTRL_ENABLE,
	       t->base + TIMER_CTRL);
	return 0;
}

static irqreturn_t sp804_timer_interrupt(int irq, void *dev_id)
{
	struct sp804_clkevt *t = dev_id;
	if (!(readl(t->base + TIMER_MIS) & 1))
		return IRQ_NONE;
	writel(1, t->base + TIMER_INTCLR);
	t->evt.event_handler(&t->evt);
	return IRQ_HANDLED;
}

/* Timer 2 after its power domain was off: running free again. */
static void sp804_clocksource_resume(struct clocksource *cs)
{
	void __iomem *base = clksrc_value - TIMER_VALUE;
	writel(0, base + TIMER_CTRL);
	writel(0xffffffff, base + TIMER_LOAD);
	writel(TIMER_CTRL_32BIT | TIMER_CTRL_ENABLE | TIMER_CTRL_PERIODIC, base + TIMER_CTRL);
}

static unsigned long sp804_read_current_timer(void)
{
	return ~readl(clksrc_value);
}

static struct delay_timer sp804_delay_timer = {
	.read_current_timer = sp804_read_current_timer,
};

/* The timekeeping's and the tick's arithmetic is made for the rate the
 * clock had at boot: a change of it (a divider above the timer's gate
 * moved through the clk framework) is refused. */
static int sp804_clk_notifier(struct notifier_block *nb, unsigned long event, void *data)
{
	(void)nb;
	(void)data;
	if (event != PRE_RATE_CHANGE)
		return NOTIFY_OK;
	pr_warn("sp804: the timer's clock cannot change rate: refused\n");
	return NOTIFY_BAD;
}

/* The rate of `clocks` entry idx, enabled; or `clock-frequency`. */
static long sp804_get_clock_rate(struct device_node *np, int idx)
{
	u32 fixed;
	if (!of_property_present(np, "clocks") && !of_property_read_u32(np, "clock-frequency", &fixed))
		return fixed ? (long)fixed : -EINVAL;
	struct clk *clk = of_clk_get(np, idx);
	if (IS_ERR(clk)) {
		pr_err("sp804: clock %d not found: %ld\n", idx, PTR_ERR(clk));
		return PTR_ERR(clk);
	}
	int err = clk_prepare_enable(clk);
	if (err) {
		pr_err("sp804: clock %d failed to prepare+enable: %d\n", idx, err);
		clk_put(clk);
		return err;
	}
	unsigned long rate = clk_get_rate(clk);
	if (!rate || rate > U32_MAX) {
		pr_err("sp804: clock %d has an unusable rate (%lu Hz)\n", idx, rate);
		clk_disable_unprepare(clk);
		clk_put(clk);
		return -EINVAL;
	}
	/* The clocks of both timers (shared or not) refuse rate changes. */
	static struct notifier_block nbs[2];
	if (idx >= 0 && idx < 2) {
		nbs[idx].notifier_call = sp804_clk_notifier;
		clk_notifier_register(clk, &nbs[idx]);
	}
	return (long)rate;
}

static int sp804_clocksource_init(void __iomem *base, unsigned long rate)
{
	writel(0, base + TIMER_CTRL);
	writel(0xffffffff, base + TIMER_LOAD);
	writel(TIMER_CTRL_32BIT | TIMER_CTRL_ENABLE | TIMER_CTRL_PERIODIC, base + TIMER_CTRL);
	clksrc_value = base + TIMER_VALUE;
	struct clocksource *cs;
	int err = clocksource_mmio_init(base + TIMER_VALUE, "sp804", rate, 200, 32,
					clocksource_mmio_readl_down, &cs);
	if (err)
		return err;
	cs->resume = sp804_clocksource_resume;
	sp804_delay_timer.freq = rate;
	register_current_timer_delay(&sp804_delay_timer);
	return 0;
}

static int sp804_clockevents_init(void __iomem *base, unsigned int irq, unsigned long rate)
{
	struct sp804_clkevt *t = kzalloc(sizeof *t, GFP_KERNEL);
	if (!t)
		return -ENOMEM;
	t->base = base;
	t->reload = DIV_ROUND_CLOSEST(rate, HZ);
	t->evt.name = "sp804";
	t->evt.features = CLOCK_EVT_FEAT_PERIODIC | CLOCK_EVT_FEAT_ONESHOT | CLOCK_EVT_FEAT_DYNIRQ;
	t->evt.set_state_shutdown = sp804_shutdown;
	t->evt.set_state_oneshot = sp804_shutdown;
	t->evt.set_state_oneshot_stopped = sp804_shutdown;
	t->evt.tick_resume = sp804_shutdown;
	t->evt.suspend = sp804_evt_suspend;
	t->evt.set_state_periodic = sp804_set_periodic;
	t->evt.set_next_event = sp804_set_next_event;
	t->evt.rating = 300;
	t->evt.irq = (int)irq;
	writel(0, base + TIMER_CTRL);
	writel(1, base + TIMER_INTCLR);
	int err = request_irq(irq, sp804_timer_interrupt, IRQF_TIMER | IRQF_SHARED, "timer", t);
	if (err) {
		pr_err("sp804: failed to request irq %u: %d\n", irq, err);
		kfree(t);
		return err;
	}
	clockevents_config_and_register(&t->evt, (u32)rate, 0xf, 0xffffffff);
	return 0;
}

static int sp804_of_init(struct device_node *np)
{
	/* As Linux: the first SP804 is the system's timer, others are left. */
	static bool initialized;
	if (initialized)
		return 0;
	struct resource r;
	if (of_address_to_resource(np, 0, &r) || resource_size(&r) < 0x1000)
		return -ENXIO;
	void __iomem *base = ioremap(r.start, resource_size(&r));
	int irq = of_irq_get(np, 0);
	if (irq < 0)
		return irq;
	/* Both timers off until set up. */
	writel(0, base + TIMER_CTRL);
	writel(0, base + TIMER_2_BASE + TIMER_CTRL);
	long rate1 = sp804_get_clock_rate(np, 0);
	if (rate1 < 0)
		return (int)rate1;
	long rate2 = rate1;
	if (of_count_phandle_with_args(np, "clocks", "#clock-cells") == 3) {
		rate2 = sp804_get_clock_rate(np, 1);
		if (rate2 < 0)
			return (int)rate2;
	}
	int err = sp804_clocksource_init(base + TIMER_2_BASE, (unsigned long)rate2);
	if (err)
		return err;
	initialized = true;
	return sp804_clockevents_init(base, (unsigned int)irq, (unsigned long)rate1);
}
TIMER_OF_DECLARE(sp804, "arm,sp804", sp804_of_init);
