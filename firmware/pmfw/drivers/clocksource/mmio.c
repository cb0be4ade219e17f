/*
 * A clocksource that is one memory-mapped counter register (Linux's
 * drivers/clocksource/mmio.c); a down-counter is read inverted, so that
 * the count goes up.
 */
#include <linux/clocksource.h>
#include <linux/errno.h>
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/slab.h>

struct clocksource_mmio {
	void __iomem *reg;
	struct clocksource clksrc;
};

static struct clocksource_mmio *to_mmio_clksrc(struct clocksource *c)
{
	return container_of(c, struct clocksource_mmio, clksrc);
}

u64 clocksource_mmio_readl_up(struct clocksource *c)
{
	return (u64)readl_relaxed(to_mmio_clksrc(c)->reg);
}

u64 clocksource_mmio_readl_down(struct clocksource *c)
{
	return ~(u64)readl_relaxed(to_mmio_clksrc(c)->reg) & c->mask;
}

int clocksource_mmio_init(void __iomem *base, const char *name, unsigned long hz, int rating,
			  unsigned int bits, u64 (*read)(struct clocksource *),
			  struct clocksource **out)
{
	if (bits > 32 || bits < 16)
		return -EINVAL;
	struct clocksource_mmio *cs = kzalloc(sizeof *cs, GFP_KERNEL);
	if (!cs)
		return -ENOMEM;
	cs->reg = base;
	cs->clksrc.name = name;
	cs->clksrc.rating = rating;
	cs->clksrc.read = read;
	cs->clksrc.mask = CLOCKSOURCE_MASK(bits);
	cs->clksrc.flags = CLOCK_SOURCE_IS_CONTINUOUS;
	if (out)
		*out = &cs->clksrc;
	return clocksource_register_hz(&cs->clksrc, (u32)hz);
}
