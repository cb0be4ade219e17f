/*
 * KUnit: time (kernel/time/, the SP804 driver, arch/arm/lib/delay.c) in
 * simulated time, which is exact: durations are checked against what the
 * design promises, to the clocksource's cycle where it can be, and
 * otherwise within the interrupt path's own cost (a few tens of
 * microseconds at the boot clock: 25 MHz on the default SoC, 16 MHz on
 * the MCU).
 *
 * The tick's promise is checked by counting the clock event device's
 * interrupts: in idle, with the tick stopped, one per sleep, however
 * long, plus one per timekeeping_max_deferment() of idleness. While the
 * core is busy (or the next event is within a jiffy) the periodic tick
 * runs: where it may, a test allows for its interrupts, which the tick
 * counts (struct tick_sched), and for the time its handler takes when it
 * came just before the event measured.
 */
#include <asm/cacheflush.h>
#include <kunit/test.h>
#include <linux/clk.h>
#include <linux/delay.h>
#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/io.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/of.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/string.h>
#include <linux/tick.h>
#include <linux/timer.h>

#include "tick-sched.h"

/* What it costs to get from the clock event interrupt to an hrtimer
 * callback, or from a timer's jiffy to the thread it wakes, at the boot
 * clock: a bound, not a target. It includes cpuidle's reading of the
 * clocksource after the wake-up, before the interrupt is taken (Linux's
 * too). */
#define IRQ_PATH_NS 80000
#define WAKE_PATH_NS 400000

static u64 counter_hz(void)
{
	return (u64)loops_per_jiffy * HZ;
}

/* One clocksource cycle, rounded up. */
static s64 resolution_ns(void)
{
	return (s64)DIV_ROUND_UP(NSEC_PER_SEC, counter_hz());
}

static unsigned int tick_irqs(void)
{
	return kstat_irqs_usr((unsigned int)tick_get_device(0)->evtdev->irq);
}

/* The console done with the lines printed so far, and its timers: a quiet
 * system to count interrupts in. */
static void quiesce(void)
{
	msleep(50);
}

static unsigned long periodic_ticks(void)
{
	return tick_get_tick_sched(0)->nr_ticks;
}

/* The bound on an hrtimer's latency: the interrupt path, twice if a
 * periodic tick was due shortly before the expiry (its handler ran
 * first, then the idle loop's governor and tick decisions, interrupts
 * masked, for up to another path's time). */
static s64 irq_path_bound(ktime_t expires, ktime_t last_tick)
{
	return expires - last_tick >= 0 && expires - last_tick < 2 * IRQ_PATH_NS
		       ? 2 * IRQ_PATH_NS
		       : IRQ_PATH_NS;
}

/* The start of jiffy j (64-bit count) in ktime. */
static ktime_t jiffy_start(u64 j)
{
	return (ktime_t)((j - INITIAL_JIFFIES) * TICK_NSEC);
}

static void time_clocks_agree(struct kunit *test)
{
	KUNIT_ASSERT_NOT_NULL(test, tick_get_device(0)->evtdev);
	KUNIT_EXPECT_EQ(test, counter_hz(), (u64)(loops_per_jiffy * HZ));
	ktime_t t0 = ktime_get();
	u64 j = get_jiffies_64();
	unsigned long j2 = jiffies;
	ktime_t t1 = ktime_get();
	KUNIT_EXPECT_GT(test, t0, 0);
	KUNIT_EXPECT_LE(test, t0, t1);
	KUNIT_EXPECT_GE(test, j, INITIAL_JIFFIES + (u64)t0 / TICK_NSEC);
	KUNIT_EXPECT_LE(test, j, INITIAL_JIFFIES + (u64)t1 / TICK_NSEC);
	/* The same count, unless a jiffy began between the two reads. */
	KUNIT_EXPECT_LE(test, j2 - (unsigned long)j, 1);
	u64 lc = local_clock();
	KUNIT_EXPECT_GE(test, lc, (u64)t1);
	KUNIT_EXPECT_LT(test, lc, (u64)t1 + 100000);
	KUNIT_EXPECT_EQ(test, msecs_to_jiffies(10), DIV_ROUND_UP(10 * HZ, 1000));
}

/* One period of the core's clock (the CPU node's clock), rounded up. */
static s64 core_cycle_ns(struct kunit *test)
{
	struct device_node *cpu = of_find_node_by_path("/cpus/cpu@0");
	KUNIT_ASSERT_NOT_NULL(test, cpu);
	struct clk *clk = of_clk_get(cpu, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(clk));
	unsigned long hz = clk_get_rate(clk);
	clk_put(clk);
	KUNIT_ASSERT_GT(test, hz, 0);
	return (s64)DIV_ROUND_UP(NSEC_PER_SEC, hz);
}

static void time_udelay_busy_waits(struct kunit *test)
{
	static const unsigned long us[] = { 1, 10, 100, 1000 };
	/* The loop itself: no interrupt (the tick's) lengthens a delay. */
	unsigned long flags;
	local_irq_save(flags);
	/* The fixed cost: the two readings and a delay of nothing. */
	ktime_t t0 = ktime_get();
	udelay(0);
	s64 d0 = ktime_get() - t0;
	for (unsigned int i = 0; i < ARRAY_SIZE(us); i++) {
		t0 = ktime_get();
		udelay(us[i]);
		s64 d = ktime_get() - t0;
		KUNIT_EXPECT_GE(test, d, (s64)us[i] * 1000);
		/* Beyond that: the rounding to counter cycles, and one more
		 * pass of the loop (a score of core cycles). */
		KUNIT_EXPECT_LE(test, d, d0 + (s64)us[i] * 1000 + resolution_ns() + 20 * core_cycle_ns(test));
	}
	t0 = ktime_get();
	ndelay(500);
	KUNIT_EXPECT_GE(test, ktime_get() - t0, 500);
	t0 = ktime_get();
	mdelay(3);
	s64 d = ktime_get() - t0;
	KUNIT_EXPECT_GE(test, d, 3000000);
	KUNIT_EXPECT_LE(test, d, 3 * d0 + 3000000 + 3 * (resolution_ns() + 20 * core_cycle_ns(test)));
	local_irq_restore(flags);
}

/* The jiffy a time falls in. */
static u64 j_at(ktime_t t)
{
	return (u64)t / TICK_NSEC + INITIAL_JIFFIES;
}

static void time_msleep_ends_on_the_jiffy(struct kunit *test)
{
	static const unsigned int ms[] = { 10, 1, 25 };
	for (unsigned int i = 0; i < ARRAY_SIZE(ms); i++) {
		/* From just after a tick: no tick between t0 and the jiffy
		 * msleep counts from, whatever the phase the test starts at. */
		schedule_timeout_uninterruptible(1);
		unsigned int irqs = tick_irqs();
		ktime_t t0 = ktime_get();
		msleep(ms[i]);
		ktime_t t1 = ktime_get();
		/* Linux's count: msecs_to_jiffies(ms) + 1 jiffies from the one
		 * it started in, woken as that jiffy begins. */
		u64 j = get_jiffies_64();
		ktime_t start = jiffy_start(j);
		KUNIT_EXPECT_EQ(test, j, j_at(t0) + msecs_to_jiffies(ms[i]) + 1);
		KUNIT_EXPECT_GE(test, t1 - start, 0);
		KUNIT_EXPECT_LT(test, t1 - start, WAKE_PATH_NS);
		/* At least ms, at most ms + two jiffies. */
		KUNIT_EXPECT_GE(test, t1 - t0, (ktime_t)ms[i] * NSEC_PER_MSEC);
		KUNIT_EXPECT_LT(test, t1 - t0, (ktime_t)ms[i] * NSEC_PER_MSEC + 2 * (ktime_t)TICK_NSEC +
						      WAKE_PATH_NS);
		/* One interrupt, at the end. */
		KUNIT_EXPECT_EQ(test, tick_irqs(), irqs + 1);
	}
	/* schedule_timeout(n) from a jiffy's start ends n jiffies later. */
	schedule_timeout_uninterruptible(1);
	u64 j0 = get_jiffies_64();
	KUNIT_EXPECT_EQ(test, schedule_timeout_uninterruptible(3), 0);
	KUNIT_EXPECT_EQ(test, get_jiffies_64(), j0 + 3);
}

struct hr_probe {
	struct hrtimer timer;
	ktime_t fired;
	ktime_t last_tick; /* the last periodic tick's, when it fired */
	bool tick_stopped; /* ... and whether the tick was stopped */
	unsigned int runs;
	u64 overruns;
	bool hard, soft_ctx;
	ktime_t period;
};

static enum hrtimer_restart probe_fn(struct hrtimer *t)
{
	struct hr_probe *p = container_of(t, struct hr_probe, timer);
	p->fired = ktime_get();
	p->last_tick = tick_get_tick_sched(0)->last_tick;
	p->tick_stopped = tick_get_tick_sched(0)->tick_stopped;
	p->runs++;
	p->hard = in_hardirq();
	p->soft_ctx = in_serving_softirq();
	if (!p->period || p->runs == 4)
		return HRTIMER_NORESTART;
	p->overruns += hrtimer_forward_now(t, p->period);
	return HRTIMER_RESTART;
}

static void time_hrtimer_fires_on_time(struct kunit *test)
{
	/* Expiries at different fractions of a counter cycle: the clock
	 * event device is programmed for each exactly (or for the tick
	 * before it), so each fires once, after its expiry, and the delays
	 * differ by at most one counter cycle (and one of the core's: where
	 * its clock was when the interrupt came), unless a tick came just
	 * before. */
	static const s64 offsets[] = { 1000000, 1000013, 1000029, 3333333, 250000 };
	s64 lat_min = S64_MAX, lat_max = 0;
	unsigned int spread_n = 0;
	for (unsigned int i = 0; i < ARRAY_SIZE(offsets); i++) {
		struct hr_probe p = { 0 };
		hrtimer_setup(&p.timer, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
		unsigned int irqs = tick_irqs();
		unsigned long ticks = periodic_ticks();
		hrtimer_start(&p.timer, ns_to_ktime(offsets[i]), HRTIMER_MODE_REL);
		ktime_t expires = hrtimer_get_expires(&p.timer);
		KUNIT_EXPECT_LE(test, tick_get_device(0)->evtdev->next_event, expires);
		KUNIT_EXPECT_TRUE(test, hrtimer_is_queued(&p.timer));
		schedule_timeout_uninterruptible(msecs_to_jiffies(5) + 1);
		KUNIT_EXPECT_EQ(test, p.runs, 1);
		KUNIT_EXPECT_TRUE(test, p.hard);
		KUNIT_EXPECT_FALSE(test, hrtimer_active(&p.timer));
		s64 lat = p.fired - expires;
		KUNIT_EXPECT_GE(test, lat, 0);
		/* An expiry soon after the start may find the core still on
		 * its way to sleep, interrupts masked (the idle loop's
		 * governor): another path's time. */
		s64 bound = irq_path_bound(expires, p.last_tick);
		if (offsets[i] < WAKE_PATH_NS)
			bound = 2 * IRQ_PATH_NS;
		KUNIT_EXPECT_LT(test, lat, bound);
		/* The spread, among expiries the core met asleep in the same
		 * conditions: the tick running (its timer queued beside this
		 * one: the common case, the next event within a jiffy) and no
		 * tick in the wake path's time before. */
		if (!p.tick_stopped && expires - p.last_tick > WAKE_PATH_NS) {
			spread_n++;
			lat_min = min(lat_min, lat);
			lat_max = max(lat_max, lat);
		}
		/* Its interrupt and the sleep's, and the periodic ticks (one
		 * of which may have served either): none early, none extra. */
		KUNIT_EXPECT_GE(test, tick_irqs() - irqs, 2);
		KUNIT_EXPECT_LE(test, tick_irqs() - irqs, 2 + (periodic_ticks() - ticks));
	}
	/* With caches (the default SoC's Cortex-M7) a line of the interrupt
	 * path that misses costs its fill: the delays then differ by that
	 * too, and only the bound above holds. */
	/* Below HZ=1000 most expiries qualify (a jiffy of 4 ms and more);
	 * at 1000 a tick comes every millisecond and the core is rarely
	 * in the same state twice: only the bound above is checked. */
	if (HZ <= 250)
		KUNIT_EXPECT_GE(test, spread_n, 3);
	if (HZ <= 250 && !cpu_has_dcache())
		KUNIT_EXPECT_LE(test, lat_max - lat_min, resolution_ns() + core_cycle_ns(test));
}

static void time_hrtimer_restart_and_cancel(struct kunit *test)
{
	/* Periodic by hrtimer_forward_now: four runs, 250 us apart. */
	struct hr_probe p = { .period = 250000 };
	hrtimer_setup(&p.timer, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_HARD);
	ktime_t t0 = ktime_get();
	hrtimer_start(&p.timer, ns_to_ktime(250000), HRTIMER_MODE_REL_HARD);
	ktime_t first = hrtimer_get_expires(&p.timer);
	msleep(5);
	KUNIT_EXPECT_EQ(test, p.runs, 4);
	KUNIT_EXPECT_EQ(test, p.overruns, 3);
	KUNIT_EXPECT_EQ(test, hrtimer_get_expires(&p.timer), first + 3 * 250000);
	KUNIT_EXPECT_GE(test, p.fired, t0 + 4 * 250000);
	/* Cancelled before expiry: never runs. */
	struct hr_probe c = { 0 };
	hrtimer_setup(&c.timer, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hrtimer_start(&c.timer, ms_to_ktime(1), HRTIMER_MODE_REL);
	ktime_t cexp = hrtimer_get_expires(&c.timer);
	KUNIT_EXPECT_LE(test, tick_get_device(0)->evtdev->next_event, cexp);
	KUNIT_EXPECT_EQ(test, hrtimer_cancel(&c.timer), 1);
	KUNIT_EXPECT_EQ(test, hrtimer_cancel(&c.timer), 0);
	/* The device is no longer programmed for it. */
	KUNIT_EXPECT_NE(test, tick_get_device(0)->evtdev->next_event, cexp);
	msleep(2);
	KUNIT_EXPECT_EQ(test, c.runs, 0);
	/* A soft timer runs in softirq context. */
	struct hr_probe s = { 0 };
	hrtimer_setup(&s.timer, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL_SOFT);
	hrtimer_start(&s.timer, us_to_ktime(300), HRTIMER_MODE_REL_SOFT);
	ktime_t sexp = hrtimer_get_expires(&s.timer);
	msleep(1);
	KUNIT_EXPECT_EQ(test, s.runs, 1);
	KUNIT_EXPECT_FALSE(test, s.hard);
	KUNIT_EXPECT_TRUE(test, s.soft_ctx);
	KUNIT_EXPECT_GE(test, s.fired, sexp);
	KUNIT_EXPECT_LT(test, s.fired, sexp + WAKE_PATH_NS);
	/* A sleep on an hrtimer. */
	t0 = ktime_get();
	usleep_range(100, 200);
	s64 d = ktime_get() - t0;
	KUNIT_EXPECT_GE(test, d, 100000);
	KUNIT_EXPECT_LT(test, d, 100000 + WAKE_PATH_NS);
}

struct tl_probe {
	struct timer_list timer;
	char name;
	unsigned long ran_at;
	bool softirq;
};

static char tl_order[16];
static unsigned int tl_n;

static void tl_fn(struct timer_list *t)
{
	struct tl_probe *p = from_timer(p, t, timer);
	p->ran_at = jiffies;
	p->softirq = in_serving_softirq() && !in_hardirq();
	if (tl_n < sizeof tl_order - 1)
		tl_order[tl_n++] = p->name;
	tl_order[tl_n] = '\0';
}

static void time_timer_list_order(struct kunit *test)
{
	struct tl_probe p[5] = {
		{ .name = '3' }, { .name = '1' }, { .name = 'a' }, { .name = 'b' }, { .name = 'x' },
	};
	static const unsigned long due[] = { 3, 1, 2, 2, 4 };
	tl_n = 0;
	schedule_timeout_uninterruptible(1);
	unsigned long j0 = jiffies;
	for (int i = 0; i < 5; i++) {
		timer_setup(&p[i].timer, tl_fn, 0);
		p[i].timer.expires = j0 + due[i];
		add_timer(&p[i].timer);
		KUNIT_EXPECT_TRUE(test, timer_pending(&p[i].timer));
	}
	/* Re-armed later, then disarmed. */
	KUNIT_EXPECT_EQ(test, mod_timer(&p[4].timer, j0 + 6), 1);
	KUNIT_EXPECT_EQ(test, del_timer(&p[4].timer), 1);
	KUNIT_EXPECT_EQ(test, del_timer(&p[4].timer), 0);
	unsigned int irqs = tick_irqs();
	schedule_timeout_uninterruptible(5);
	KUNIT_EXPECT_STREQ(test, tl_order, "1ab3");
	for (int i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, p[i].ran_at, j0 + due[i]);
		KUNIT_EXPECT_TRUE(test, p[i].softirq);
		KUNIT_EXPECT_FALSE(test, timer_pending(&p[i].timer));
	}
	/* One interrupt per jiffy with a timer (1, 2, 3), and the sleep's. */
	KUNIT_EXPECT_EQ(test, tick_irqs(), irqs + 4);
	/* A timer armed for a jiffy already reached runs at the next one. */
	tl_n = 0;
	unsigned long j1 = jiffies;
	mod_timer(&p[0].timer, j1 - 2);
	schedule_timeout_uninterruptible(2);
	KUNIT_EXPECT_EQ(test, p[0].ran_at, j1 + 1);
	KUNIT_EXPECT_EQ(test, del_timer_sync(&p[0].timer), 0);
}

static void time_deferrable_timer_waits_for_a_tick(struct kunit *test)
{
	struct tl_probe d = { .name = 'd' }, n = { .name = 'n' };
	tl_n = 0;
	schedule_timeout_uninterruptible(1);
	unsigned long j0 = jiffies;
	timer_setup(&d.timer, tl_fn, TIMER_DEFERRABLE);
	timer_setup(&n.timer, tl_fn, 0);
	mod_timer(&d.timer, j0 + 2);
	mod_timer(&n.timer, j0 + 10);
	unsigned int irqs = tick_irqs();
	/* Idle until n: d does not wake the core; it runs with n. */
	schedule_timeout_uninterruptible(12);
	KUNIT_EXPECT_STREQ(test, tl_order, "dn");
	KUNIT_EXPECT_EQ(test, d.ran_at, j0 + 10);
	KUNIT_EXPECT_EQ(test, n.ran_at, j0 + 10);
	KUNIT_EXPECT_EQ(test, tick_irqs(), irqs + 2);
	/* Busy: it runs on its jiffy. */
	mod_timer(&d.timer, jiffies + 2);
	unsigned long due = d.timer.expires;
	mdelay(4 * 1000 / HZ);
	KUNIT_EXPECT_EQ(test, d.ran_at, due);
}

static void time_idle_has_no_tick(struct kunit *test)
{
	quiesce();
	unsigned int irqs = tick_irqs();
	unsigned long ticks = periodic_ticks();
	msleep(1000);
	/* One, at the end; and any tick that came before the idle thread
	 * stopped it (a jiffy at HZ=1000 is short). */
	KUNIT_EXPECT_EQ(test, tick_irqs(), irqs + 1 + (periodic_ticks() - ticks));
	KUNIT_EXPECT_LE(test, periodic_ticks() - ticks, 1);
	/* 200 s: longer than the 32-bit counter's wrap (179 s at 24 MHz), so
	 * the tick also wakes every max deferment to read it, and the time
	 * comes out right. */
	u64 defer = timekeeping_max_deferment();
	/* Boot's last one-shot timer is the regulator framework's cleanup of
	 * unused rails, 30 s after late init: start after it. */
	while (ktime_get() < 31LL * NSEC_PER_SEC)
		msleep(1000);
	irqs = tick_irqs();
	ktime_t t0 = ktime_get();
	ssleep(200);
	s64 d = ktime_get() - t0;
	KUNIT_EXPECT_GE(test, d, 200LL * NSEC_PER_SEC);
	KUNIT_EXPECT_LT(test, d, 200LL * NSEC_PER_SEC + TICK_NSEC + WAKE_PATH_NS);
	KUNIT_EXPECT_EQ(test, tick_irqs(), irqs + DIV_ROUND_UP(200 * (u64)NSEC_PER_SEC, defer));
}

/* Across timekeeping_suspend/resume, even if the SP804 lost its
 * registers (its domain off): CLOCK_MONOTONIC stops while suspended, and
 * a pending hrtimer fires after resume at its expiry in that clock. */
static void time_survives_suspend(struct kunit *test)
{
	struct device_node *np = of_find_compatible_node(NULL, NULL, "arm,sp804");
	struct resource r;
	KUNIT_ASSERT_NOT_NULL(test, np);
	KUNIT_ASSERT_EQ(test, of_address_to_resource(np, 0, &r), 0);
	void __iomem *base = ioremap(r.start, resource_size(&r));
	struct hr_probe p = { 0 };
	/* The console's interrupts (the MCU's UART is fed by them) done
	 * with the previous cases' lines: none comes near the expiry. */
	quiesce();
	hrtimer_setup(&p.timer, probe_fn, CLOCK_MONOTONIC, HRTIMER_MODE_REL);
	hrtimer_start(&p.timer, ms_to_ktime(2), HRTIMER_MODE_REL);
	ktime_t expires = hrtimer_get_expires(&p.timer);
	unsigned int irqs = tick_irqs();
	unsigned long ticks = periodic_ticks();
	local_irq_disable();
	timekeeping_suspend();
	ktime_t frozen = ktime_get();
	mdelay(5);
	KUNIT_EXPECT_EQ(test, ktime_get(), frozen);
	writel(0, (char __iomem *)base + 0x08);  /* Timer1Control */
	writel(0, (char __iomem *)base + 0x28);  /* Timer2Control */
	timekeeping_resume();
	ktime_t resumed = ktime_get();
	local_irq_enable();
	KUNIT_EXPECT_GE(test, resumed, frozen);
	KUNIT_EXPECT_LT(test, resumed - frozen, 100000);
	KUNIT_EXPECT_EQ(test, p.runs, 0);
	msleep(5);
	KUNIT_EXPECT_EQ(test, p.runs, 1);
	KUNIT_EXPECT_GE(test, p.fired, expires);
	KUNIT_EXPECT_LT(test, p.fired - expires, irq_path_bound(expires, p.last_tick));
	KUNIT_EXPECT_GE(test, tick_irqs() - irqs, 2);
	KUNIT_EXPECT_LE(test, tick_irqs() - irqs, 2 + (periodic_ticks() - ticks));
}

static struct kunit_case time_cases[] = {
	KUNIT_CASE(time_clocks_agree),
	KUNIT_CASE(time_udelay_busy_waits),
	KUNIT_CASE(time_msleep_ends_on_the_jiffy),
	KUNIT_CASE(time_hrtimer_fires_on_time),
	KUNIT_CASE(time_hrtimer_restart_and_cancel),
	KUNIT_CASE(time_timer_list_order),
	KUNIT_CASE(time_deferrable_timer_waits_for_a_tick),
	KUNIT_CASE(time_survives_suspend),
	KUNIT_CASE(time_idle_has_no_tick),
	{ 0 },
};

/* The timing promises are the time code's: the core's idle states would
 * add their exit latency to every wake-up, and the governors' tick
 * decisions their ticks. With a CPU latency QoS of 0 the core stays in
 * WFI (2 us) with the tick stopped in idle. */
static struct kunit_suite time_suite = {
	.name = "time",
	.suite_init = kunit_suite_init_latency_critical,
	.suite_exit = kunit_suite_exit_latency_critical,
	.test_cases = time_cases,
};
kunit_test_suite(time_suite);
