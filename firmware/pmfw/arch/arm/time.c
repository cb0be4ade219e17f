/*
 * time_init (Linux's arch/arm/kernel/time.c): the timer infrastructure,
 * the early clock providers (of_clk_init), then the timer drivers the
 * device tree names (timer_probe: the SP804 becomes the clocksource and
 * the clock event device). Then the "calibration" line Linux prints when
 * the delay loop runs on a timer.
 */
#include <linux/clk-provider.h>
#include <linux/clocksource.h>
#include <linux/delay.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/tick.h>

void time_init(void)
{
	tick_init();
	of_clk_init(NULL);
	timer_probe();
	if (!tick_get_device(0)->evtdev)
		pr_warn("time: no clock event device: timers and sleeps will never end\n");
	unsigned long lpj = loops_per_jiffy;
	pr_info("Calibrating delay loop (skipped), value calculated using timer frequency.. %lu.%02lu BogoMIPS (lpj=%lu)\n",
		lpj / (500000 / HZ), (lpj / (5000 / HZ)) % 100, lpj);
}
