/*
 * PELT arithmetic (Linux's kernel/sched/pelt.c), for one signal: the
 * CPU's utilization. Time is counted in units of 1024 ns and cut into
 * periods of 1024 units (about 1 ms: Linux's "1024 µs"); the time
 * running in a period contributes its units (× the frequency scale /
 * 1024: frequency invariance, the older Linux form that scales the
 * contribution instead of the PELT clock), and every older period's sum
 * is multiplied by y per period, y^32 = 1/2. util_avg = util_sum /
 * divider, with divider = LOAD_AVG_MAX - 1024 + period_contrib (the sum
 * a CPU running all the time would have), so util_avg goes to
 * freq_scale when the CPU runs all the time.
 */
#include <linux/kernel.h>
#include <linux/sched/cpufreq.h>

#include "pelt.h"

/* y^n × 2^32, n = 0..31, y = 2^(-1/32), rounded down. */
static const u32 runnable_avg_yN_inv[LOAD_AVG_PERIOD] = {
	0xffffffff, 0xfa83b2db, 0xf5257d15, 0xefe4b99b, 0xeac0c6e7, 0xe5b906e7, 0xe0ccdeec,
	0xdbfbb797, 0xd744fcca, 0xd2a81d91, 0xce248c15, 0xc9b9bd86, 0xc5672a11, 0xc12c4cca,
	0xbd08a39f, 0xb8fbaf47, 0xb504f333, 0xb123f581, 0xad583eea, 0xa9a15ab4, 0xa5fed6a9,
	0xa2704303, 0x9ef53260, 0x9b8d39b9, 0x9837f051, 0x94f4efa8, 0x91c3d373, 0x8ea4398b,
	0x8b95c1e3, 0x88980e80, 0x85aac367, 0x82cd8698,
};

u32 decay_load(u32 val, u64 n)
{
	/* Beyond 63 half-lives nothing of a 32-bit value is left. */
	if (n > LOAD_AVG_PERIOD * 63)
		return 0;
	if (n >= LOAD_AVG_PERIOD) {
		unsigned int halves = (unsigned int)(n >> 5); /* n / LOAD_AVG_PERIOD */
		val = halves >= 32 ? 0 : val >> halves;
		n &= LOAD_AVG_PERIOD - 1;
	}
	return (u32)(((u64)val * runnable_avg_yN_inv[n]) >> 32);
}

/*
 * The contribution of `periods` whole period boundaries crossed: d1 units
 * to finish the period that was open (decayed by all the periods), the
 * full periods between (1024 × (y + ... + y^(periods-1)) = LOAD_AVG_MAX -
 * 1024 - LOAD_AVG_MAX × y^periods), and d3 units of the period now open.
 */
static u32 accumulate_segments(u64 periods, u32 d1, u32 d3)
{
	u32 c1 = decay_load(d1, periods);
	u32 c2 = LOAD_AVG_MAX - decay_load(LOAD_AVG_MAX, periods) - 1024;
	return c1 + c2 + d3;
}

int ___update_load_avg(struct sched_avg *sa, u64 now, bool running, unsigned long freq_scale)
{
	if (now <= sa->last_update_time) {
		if (now < sa->last_update_time)
			sa->last_update_time = now;
		return 0;
	}
	u64 delta = now - sa->last_update_time;
	sa->last_update_time = now;
	u32 contrib = (u32)min_t(u64, delta, U32_MAX);
	delta += sa->period_contrib;
	u64 periods = delta >> PELT_PERIOD_SHIFT;
	if (periods) {
		sa->util_sum = decay_load(sa->util_sum, periods);
		delta &= PELT_PERIOD - 1;
		if (running)
			contrib = accumulate_segments(periods, PELT_PERIOD - sa->period_contrib,
						      (u32)delta);
	}
	sa->period_contrib = (u32)delta;
	if (running)
		sa->util_sum += (u32)(((u64)contrib * freq_scale) >> SCHED_CAPACITY_SHIFT)
				<< SCHED_CAPACITY_SHIFT;
	if (!periods)
		return 0;
	u32 divider = LOAD_AVG_MAX - 1024 + sa->period_contrib;
	sa->util_avg = sa->util_sum / divider;
	return 1;
}
