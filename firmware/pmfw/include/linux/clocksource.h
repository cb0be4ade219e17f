/*
 * Clocksources (include/linux/clocksource.h, kernel/time/clocksource.c):
 * a free-running counter that timekeeping reads. A driver fills in read,
 * mask (CLOCKSOURCE_MASK(bits): the counter wraps at 2^bits), name and
 * rating, and registers it with its frequency; the framework computes
 * mult and shift (ns = cycles * mult >> shift), max_idle_ns (how long it
 * may go unread: half its wrap time, less an 11 % margin) and switches
 * timekeeping to the best-rated one.
 *
 * Timer drivers are found in the device tree at boot:
 * TIMER_OF_DECLARE(name, compatible, init) puts init(node) into the table
 * that timer_probe() (from time_init) runs for every available node with
 * that compatible.
 */
#ifndef _LINUX_CLOCKSOURCE_H
#define _LINUX_CLOCKSOURCE_H

#include <linux/compiler.h>
#include <linux/io.h>
#include <linux/list.h>
#include <linux/of.h>
#include <linux/types.h>

struct clocksource {
	u64 (*read)(struct clocksource *cs);
	u64 mask;
	u32 mult;
	u32 shift;
	u64 max_idle_ns;
	u32 maxadj;
	u64 max_cycles;
	const char *name;
	struct list_head list;
	int rating;
	int (*enable)(struct clocksource *cs);
	void (*disable)(struct clocksource *cs);
	unsigned long flags;
	void (*suspend)(struct clocksource *cs);
	void (*resume)(struct clocksource *cs);
	u32 freq_hz; /* pmfw: the rate it was registered with */
};

#define CLOCK_SOURCE_IS_CONTINUOUS 0x01
#define CLOCK_SOURCE_SUSPEND_NONSTOP 0x80

#define CLOCKSOURCE_MASK(bits) ((bits) >= 64 ? ~0ULL : (1ULL << (bits)) - 1)

static inline u64 clocksource_cyc2ns(u64 cycles, u32 mult, u32 shift)
{
	return (cycles * mult) >> shift;
}

/* mult and shift that convert `from` Hz to `to` Hz without overflowing
 * 64 bits for maxsec seconds' worth of input, as precise as that allows. */
void clocks_calc_mult_shift(u32 *mult, u32 *shift, u32 from, u32 to, u32 maxsec);
u64 clocks_calc_max_nsecs(u32 mult, u32 shift, u32 maxadj, u64 mask, u64 *max_cycles);
void __clocksource_update_freq_scale(struct clocksource *cs, u32 scale, u32 freq);
int __clocksource_register_scale(struct clocksource *cs, u32 scale, u32 freq);
static inline int clocksource_register_hz(struct clocksource *cs, u32 hz)
{
	return __clocksource_register_scale(cs, 1, hz);
}
static inline int clocksource_register_khz(struct clocksource *cs, u32 khz)
{
	return __clocksource_register_scale(cs, 1000, khz);
}
int clocksource_unregister(struct clocksource *cs);
void clocksource_suspend(void);
void clocksource_resume(void);

/* A counter register read by MMIO (drivers/clocksource/mmio.c); pmfw's
 * also hands back the clocksource (out, if not NULL), for the driver's
 * suspend/resume callbacks. */
u64 clocksource_mmio_readl_up(struct clocksource *c);
u64 clocksource_mmio_readl_down(struct clocksource *c);
int clocksource_mmio_init(void __iomem *base, const char *name, unsigned long hz, int rating,
			  unsigned int bits, u64 (*read)(struct clocksource *),
			  struct clocksource **out);

/* Timer drivers (drivers/clocksource/timer-probe.c). Linux's table holds
 * struct of_device_id; only the compatible and init are needed here. */
typedef int (*of_init_fn_1_ret)(struct device_node *np);
struct timer_of_entry {
	const char *compatible;
	of_init_fn_1_ret init;
};
#define TIMER_OF_DECLARE(name, compat, fn)                                        \
	static const struct timer_of_entry __timer_of_table_##name __used         \
		__section(".timer_of_table") __aligned(4) = { compat, fn }
void timer_probe(void);

#endif
