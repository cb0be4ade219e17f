/*
 * The ladder governor (Linux's drivers/cpuidle/governors/ladder.c),
 * rating 10: the states are the rungs of a ladder, climbed one at a time
 * on evidence from past sleeps rather than on a prediction, which suits a
 * periodic tick (every sleep ends within a jiffy, so the time to the next
 * timer says little).
 *
 * After each wake-up, with last_residency = the measured residency minus
 * the state's exit latency (ns):
 *  - promotion, to the next deeper state: last_residency above the
 *    state's promotion threshold (its exit latency) on PROMOTION_COUNT = 4
 *    consecutive wake-ups, when that state is enabled and its exit
 *    latency fits the latency limit (PM QoS);
 *  - demotion, to the next shallower state: last_residency below the
 *    demotion threshold (the state's exit latency) on DEMOTION_COUNT = 1
 *    wake-up; a state that became disabled or too slow for the limit is
 *    left at once for the deepest shallower one that is enabled and fits.
 * A move resets the counts of the state left. The governor leaves the
 * tick alone (it may stop).
 *
 * Differences from upstream Linux:
 *  - the four wake-ups are consecutive at the shallowest state too:
 *    upstream counts promotion wake-ups there without resetting the count
 *    on a short one (only a demotion resets it, and the shallowest state
 *    has none), so four long sleeps among short ones promote it;
 *  - the residency minus the exit latency is compared as a signed
 *    number: upstream compares it with u64 thresholds, so a sleep shorter
 *    than the exit latency (a rejected entry: residency 0) counts as a
 *    long one;
 *  - a disabled state is never chosen: upstream's demotions land on the
 *    next rung, or (immediate ones) on the first that fits the limit,
 *    disabled or not, and a zero limit or a disabled state 0 leaves it
 *    on state 0; here a demotion steps over disabled rungs (and stays
 *    put if none is left above), an immediate one falls to the deepest
 *    enabled rung that fits, or to the shallowest enabled one when none
 *    fits;
 *  - as upstream, the rating is 25 when the kernel runs with a periodic
 *    tick (nohz=off), so that ladder is chosen over menu there.
 */
#include <linux/cpuidle.h>
#include <linux/init.h>
#include <linux/tick.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "gov.h"

#define PROMOTION_COUNT 4
#define DEMOTION_COUNT 1

struct ladder_device_state {
	struct {
		u32 promotion_count;
		u32 demotion_count;
		s64 promotion_time_ns;
		s64 demotion_time_ns;
	} threshold;
	struct {
		u32 promotion_count;
		u32 demotion_count;
	} stats;
};

struct ladder_device {
	struct ladder_device_state states[CPUIDLE_STATE_MAX];
};

/* One CPU: the device's data, reset by ladder_enable_device. */
static struct ladder_device ladder_data;

/* The first rung: state 1 when state 0 is busy polling (x86's POLL). */
static int ladder_first_idx(const struct cpuidle_driver *drv)
{
	return drv->states[0].flags & CPUIDLE_FLAG_POLLING ? 1 : 0;
}

static int ladder_do_selection(struct cpuidle_device *dev, struct ladder_device *ldev,
			       int old_idx, int new_idx)
{
	ldev->states[old_idx].stats.promotion_count = 0;
	ldev->states[old_idx].stats.demotion_count = 0;
	dev->last_state_idx = new_idx;
	return new_idx;
}

static bool ladder_state_ok(const struct cpuidle_driver *drv, const struct cpuidle_device *dev,
			    int i, s64 latency_req)
{
	return !dev->states_usage[i].disable && drv->states[i].exit_latency_ns <= latency_req;
}

static int ladder_shallowest_enabled(const struct cpuidle_driver *drv,
				     const struct cpuidle_device *dev, int from)
{
	for (int i = from; i < drv->state_count; i++)
		if (!dev->states_usage[i].disable)
			return i;
	return from;
}

/* The deepest rung shallower than `from` that is enabled and fits the
 * limit, or -1. */
static int ladder_shallower_ok(const struct cpuidle_driver *drv, const struct cpuidle_device *dev,
			       int from, s64 latency_req)
{
	for (int i = from - 1; i >= ladder_first_idx(drv); i--)
		if (ladder_state_ok(drv, dev, i, latency_req))
			return i;
	return -1;
}

/* Where to fall from `from`, disabled or too slow: the deepest
 * shallower rung that is enabled and fits the limit; if none, the
 * shallowest enabled rung (nothing fits: the fastest is the best left). */
static int ladder_fall_back(const struct cpuidle_driver *drv, const struct cpuidle_device *dev,
			    int from, s64 latency_req)
{
	int i = ladder_shallower_ok(drv, dev, from, latency_req);
	return i >= 0 ? i : ladder_shallowest_enabled(drv, dev, ladder_first_idx(drv));
}

static int ladder_select_state(struct cpuidle_driver *drv, struct cpuidle_device *dev,
			       bool *stop_tick)
{
	struct ladder_device *ldev = &ladder_data;
	int first_idx = ladder_first_idx(drv);
	/* Enable put it on the first rung; another governor's -1 must not
	 * index the arrays should the framework hand it over unchanged. */
	int last_idx = dev->last_state_idx >= 0 && dev->last_state_idx < drv->state_count
		? dev->last_state_idx : first_idx;
	s64 latency_req = cpuidle_governor_latency_req(dev->cpu);
	struct ladder_device_state *last_state = &ldev->states[last_idx];
	s64 last_residency = (s64)dev->last_residency_ns - drv->states[last_idx].exit_latency_ns;

	/* No latency at all: the shallowest enabled state (upstream: 0). */
	if (unlikely(latency_req == 0))
		return ladder_do_selection(dev, ldev, last_idx, ladder_shallowest_enabled(drv, dev, 0));

	/* Promotion. */
	if (last_residency > last_state->threshold.promotion_time_ns) {
		if (last_idx < drv->state_count - 1 &&
		    ladder_state_ok(drv, dev, last_idx + 1, latency_req)) {
			last_state->stats.promotion_count++;
			last_state->stats.demotion_count = 0;
			if (last_state->stats.promotion_count >=
			    last_state->threshold.promotion_count)
				return ladder_do_selection(dev, ldev, last_idx, last_idx + 1);
		}
	} else {
		/* Not a long sleep: the next four must be consecutive. */
		last_state->stats.promotion_count = 0;
	}

	/* Demotion at once: the state is disabled or too slow now. */
	if (!ladder_state_ok(drv, dev, last_idx, latency_req) &&
	    (last_idx > first_idx || dev->states_usage[last_idx].disable)) {
		int i = ladder_fall_back(drv, dev, last_idx, latency_req);
		if (i != last_idx)
			return ladder_do_selection(dev, ldev, last_idx, i);
	}

	/* Demotion after short sleeps: to the next shallower enabled state. */
	if (last_idx > first_idx && last_residency < last_state->threshold.demotion_time_ns) {
		last_state->stats.demotion_count++;
		last_state->stats.promotion_count = 0;
		if (last_state->stats.demotion_count >= last_state->threshold.demotion_count) {
			int i = ladder_shallower_ok(drv, dev, last_idx, latency_req);
			if (i >= 0)
				return ladder_do_selection(dev, ldev, last_idx, i);
		}
	}

	return last_idx;
}

static int ladder_enable_device(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	struct ladder_device *ldev = &ladder_data;
	int first_idx = ladder_first_idx(drv);

	memset(ldev, 0, sizeof(*ldev));
	dev->last_state_idx = first_idx;
	for (int i = first_idx; i < drv->state_count; i++) {
		struct ladder_device_state *lstate = &ldev->states[i];
		s64 exit_ns = drv->states[i].exit_latency_ns;

		lstate->threshold.promotion_count = PROMOTION_COUNT;
		lstate->threshold.demotion_count = DEMOTION_COUNT;
		if (i < drv->state_count - 1)
			lstate->threshold.promotion_time_ns = exit_ns;
		if (i > first_idx)
			lstate->threshold.demotion_time_ns = exit_ns;
	}
	return 0;
}

/* The state entered, if the driver entered another than the one chosen
 * (as upstream: index 0 is not recorded, the first rung on x86). */
static void ladder_reflect(struct cpuidle_device *dev, int index)
{
	if (index > 0)
		dev->last_state_idx = index;
}

static struct cpuidle_governor ladder_governor = {
	.name = "ladder",
	.rating = 10,
	.enable = ladder_enable_device,
	.select = ladder_select_state,
	.reflect = ladder_reflect,
};

int __init init_ladder(void)
{
	/* Linux's: with a periodic tick, ladder is the better choice. */
	if (!tick_nohz_enabled)
		ladder_governor.rating = 25;
	return cpuidle_register_governor(&ladder_governor);
}
postcore_initcall(init_ladder);
