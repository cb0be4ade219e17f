/*
 * The timer events oriented governor, TEO (Linux's
 * drivers/cpuidle/governors/teo.c), rating 19: timers are most of a
 * core's wake-ups and the next one is known, so start from it, and learn
 * only how often something else comes first.
 *
 * Bins: one per state, bounded by the target residencies (bin i holds the
 * durations from state i's target residency up to state i+1's; the last
 * is open). Each bin counts, in fixed point with decay:
 *  - hits: sleeps that ended in the bin the sleep length (the time to the
 *    next timer, tick_nohz_get_sleep_length) fell into: the timer woke it;
 *  - intercepts: sleeps that ended in this bin, shallower than the sleep
 *    length's: something else woke it first.
 * At each update every metric loses 1/8 (DECAY_SHIFT 3) and the event
 * adds PULSE = 1024 to one; total is the sum of them all.
 *
 * Select:
 *  1. the candidate: the deepest enabled state whose target residency
 *     fits the sleep length (state 0 at once if state 1's does not);
 *  2. if the intercepts of the bins below it are more than the hits and
 *     intercepts of its bin and those above (intercepts dominate), walk
 *     the shallower states deep to shallow, summing their intercepts, and
 *     take the first where that sum passes half of all the intercepts
 *     below the candidate: over half the early wake-ups were that long;
 *     the expected duration is then the middle of its bin. A disabled
 *     state is not taken, nor, with the tick already stopped, one whose
 *     bin's middle is under a jiffy (the core could sit there until the
 *     timer): the acceptable state passed last on the way (the closest
 *     deeper one) is, or else the candidate stays;
 *  3. the latency limit (PM QoS): no deeper than the deepest state within
 *     it that fits the sleep length;
 *  4. the tick: an expected duration under a jiffy (TICK_NSEC) keeps the
 *     tick unless it is stopped already, and the state must then fit
 *     before the next tick (delta_next), else the next shallower enabled
 *     one that does.
 * Update (at the next select): measured = residency - exit latency / 2
 * (the wake-up is rarely the worst case), or residency / 2 if shorter
 * than the exit latency; a wake-up by the tick while the sleep length
 * was beyond it, or by the polling time limit, is not a genuine one: it
 * counts as a sleep as long as the sleep length (a hit).
 *
 * This is the design upstream had from its 2021 rework to late 2023 (the
 * candidate comes from the sleep length); the differences:
 *  - no "recent intercepts" metric (upstream removed it in 6.11: it
 *    underflowed and never recovered);
 *  - the tick's wake-up is recognised in reflect from
 *    tick_nohz_idle_got_tick, as upstream does now, not from a clock read
 *    around the sleep (pmfw's governors read no clock);
 *  - the first enabled state is the fallback of the latency limit: with
 *    state 0 disabled and no state within the limit, upstream selects
 *    state 0 anyway.
 * Upstream now starts from the deepest enabled state and gets the sleep
 * length only afterwards, when needed (it is costly on large systems);
 * pmfw starts from the sleep length.
 */
#include <linux/cpuidle.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/tick.h>

#include "gov.h"

#define PULSE 1024
#define DECAY_SHIFT 3

struct teo_bin {
	unsigned int intercepts;
	unsigned int hits;
};

struct teo_cpu {
	s64 sleep_length_ns; /* at the last select */
	struct teo_bin state_bins[CPUIDLE_STATE_MAX];
	unsigned int total;  /* all the bins' metrics */
	bool artificial_wakeup; /* the tick or the poll limit ended the sleep */
};

/* One CPU: the device's data, reset by teo_enable_device. */
static struct teo_cpu teo_data;

static void teo_update(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	struct teo_cpu *cpu_data = &teo_data;
	int idx_timer = 0, idx_duration = 0;
	u64 measured_ns;

	if (cpu_data->artificial_wakeup) {
		measured_ns = U64_MAX;
	} else {
		u64 lat_ns = (u64)drv->states[dev->last_state_idx].exit_latency_ns;

		measured_ns = dev->last_residency_ns;
		if (measured_ns >= lat_ns)
			measured_ns -= lat_ns / 2;
		else
			measured_ns /= 2;
	}

	/* Decay, and find the bins of the sleep length and of the sleep. */
	cpu_data->total = 0;
	for (int i = 0; i < drv->state_count; i++) {
		struct teo_bin *bin = &cpu_data->state_bins[i];
		s64 target_residency_ns = drv->states[i].target_residency_ns;

		bin->hits -= bin->hits >> DECAY_SHIFT;
		bin->intercepts -= bin->intercepts >> DECAY_SHIFT;
		cpu_data->total += bin->hits + bin->intercepts;

		if (target_residency_ns <= cpu_data->sleep_length_ns) {
			idx_timer = i;
			if ((u64)target_residency_ns <= measured_ns)
				idx_duration = i;
		}
	}

	if (idx_timer == idx_duration)
		cpu_data->state_bins[idx_timer].hits += PULSE;
	else
		cpu_data->state_bins[idx_duration].intercepts += PULSE;
	cpu_data->total += PULSE;
}

/* With the tick stopped, durations under a jiffy are not taken. */
static bool teo_time_ok(s64 interval_ns)
{
	return !tick_nohz_tick_stopped() || interval_ns >= TICK_NSEC;
}

static s64 teo_middle_of_bin(int idx, const struct cpuidle_driver *drv)
{
	return (drv->states[idx].target_residency_ns + drv->states[idx + 1].target_residency_ns) / 2;
}

/* The deepest enabled state shallower than state_idx whose target
 * residency fits duration_ns, else the shallowest enabled one below it
 * (or state_idx itself if there is none). */
static int teo_find_shallower_state(struct cpuidle_driver *drv, struct cpuidle_device *dev,
				    int state_idx, s64 duration_ns)
{
	for (int i = state_idx - 1; i >= 0; i--) {
		if (dev->states_usage[i].disable)
			continue;
		state_idx = i;
		if (drv->states[i].target_residency_ns <= duration_ns)
			break;
	}
	return state_idx;
}

static int teo_select(struct cpuidle_driver *drv, struct cpuidle_device *dev, bool *stop_tick)
{
	struct teo_cpu *cpu_data = &teo_data;
	s64 latency_req = cpuidle_governor_latency_req(dev->cpu);
	unsigned int idx_intercept_sum = 0, intercept_sum = 0;
	unsigned int idx_hit_sum = 0, hit_sum = 0;
	int constraint_idx = 0;
	int idx0 = 0, idx = -1;
	ktime_t delta_tick;
	s64 duration_ns;
	int i;

	if (dev->last_state_idx >= 0) {
		teo_update(drv, dev);
		dev->last_state_idx = -1;
	}

	duration_ns = tick_nohz_get_sleep_length(&delta_tick);
	cpu_data->sleep_length_ns = duration_ns;

	if (drv->state_count < 2) {
		idx = 0;
		goto end;
	}
	if (!dev->states_usage[0].disable) {
		idx = 0;
		if (drv->states[1].target_residency_ns > duration_ns)
			goto end;
	}

	/* The candidate, the deepest within the latency limit, and the sums
	 * of the metrics of the bins below the candidate. */
	for (i = 1; i < drv->state_count; i++) {
		struct teo_bin *prev_bin = &cpu_data->state_bins[i - 1];
		struct cpuidle_state *s = &drv->states[i];

		intercept_sum += prev_bin->intercepts;
		hit_sum += prev_bin->hits;

		if (dev->states_usage[i].disable)
			continue;
		if (idx < 0) {
			/* The first enabled state (state 0 is disabled): the
			 * fallback of everything, the limit included. */
			idx = i;
			idx0 = i;
			constraint_idx = i;
		}
		if (s->target_residency_ns > duration_ns)
			break;

		idx = i;
		if (s->exit_latency_ns <= latency_req)
			constraint_idx = i;
		idx_intercept_sum = intercept_sum;
		idx_hit_sum = hit_sum;
	}

	if (idx < 0) {
		idx = 0; /* every state disabled: 0 it must be */
		goto end;
	}
	if (idx == idx0)
		goto end;

	/* Intercepts dominate: look for a shallower state. */
	if (2 * idx_intercept_sum > cpu_data->total - idx_hit_sum) {
		s64 first_suitable_span_ns = duration_ns;
		int first_suitable_idx = idx;

		intercept_sum = 0;
		for (i = idx - 1; i >= 0; i--) {
			s64 span_ns = teo_middle_of_bin(i, drv);

			intercept_sum += cpu_data->state_bins[i].intercepts;
			if (2 * intercept_sum > idx_intercept_sum) {
				if (teo_time_ok(span_ns) && !dev->states_usage[i].disable) {
					idx = i;
					duration_ns = span_ns;
				} else {
					/* Too shallow or disabled: the closest
					 * acceptable deeper state passed. */
					idx = first_suitable_idx;
					duration_ns = first_suitable_span_ns;
				}
				break;
			}
			if (dev->states_usage[i].disable)
				continue;
			if (!teo_time_ok(span_ns)) {
				/* Too shallow, and so are the rest: give up,
				 * unless an acceptable one was passed (taken if
				 * the sum passes half further down). */
				if (first_suitable_idx != idx)
					continue;
				break;
			}
			first_suitable_span_ns = span_ns;
			first_suitable_idx = i;
		}
	}

	if (idx > constraint_idx)
		idx = constraint_idx;

end:
	if (((drv->states[idx].flags & CPUIDLE_FLAG_POLLING) || duration_ns < TICK_NSEC) &&
	    !tick_nohz_tick_stopped()) {
		*stop_tick = false;
		/* The tick comes first: the state must pay off before it. */
		if (idx > idx0 && drv->states[idx].target_residency_ns > delta_tick)
			idx = teo_find_shallower_state(drv, dev, idx, delta_tick);
	}
	return idx;
}

/* Right after the wake-up: which state, and whether a safety net (the
 * tick, while no timer was due within it, or the polling time limit)
 * rather than an event ended the sleep. */
static void teo_reflect(struct cpuidle_device *dev, int state)
{
	struct teo_cpu *cpu_data = &teo_data;

	dev->last_state_idx = state;
	if (dev->poll_time_limit ||
	    (tick_nohz_idle_got_tick() && cpu_data->sleep_length_ns > TICK_NSEC)) {
		dev->poll_time_limit = false;
		cpu_data->artificial_wakeup = true;
	} else {
		cpu_data->artificial_wakeup = false;
	}
}

static int teo_enable_device(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	memset(&teo_data, 0, sizeof(teo_data));
	return 0;
}

static struct cpuidle_governor teo_governor = {
	.name = "teo",
	.rating = 19,
	.enable = teo_enable_device,
	.select = teo_select,
	.reflect = teo_reflect,
};

int __init teo_governor_init(void)
{
	return cpuidle_register_governor(&teo_governor);
}
postcore_initcall(teo_governor_init);
