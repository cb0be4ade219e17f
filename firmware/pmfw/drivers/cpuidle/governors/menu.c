/*
 * The menu governor (Linux's drivers/cpuidle/governors/menu.c): the
 * governor of a tickless system, rating 20, the highest of the three.
 *
 * Each time the core idles, menu predicts how long it will sleep and
 * takes the deepest state worth that long (all times in ns, the interval
 * history in µs, as Linux):
 *
 *  - next_timer: the time to the next timer event were the tick stopped
 *    (tick_nohz_get_sleep_length). Interrupts other than timers wake the
 *    core earlier, so it is corrected:
 *  - six buckets by decades of next_timer (< 10 µs, < 100 µs, < 1 ms,
 *    < 10 ms, < 100 ms, >= 100 ms), each with a correction factor, the
 *    running average of measured / next_timer in fixed point
 *    RESOLUTION * DECAY = 1024 * 8 for 1.0, which it starts at;
 *  - the typical interval: the mean of the last INTERVALS = 8 measured
 *    sleeps, accepted if their variance is at most 400 µs² or the mean² is
 *    above 36 * variance (a standard deviation under a sixth of the mean)
 *    with at least 6 samples; otherwise the samples at the end farther
 *    from the mean are dropped and the rest tried again; it gives up
 *    (no typical interval) once 6 or fewer failed;
 *  - predicted = min(next_timer * factor rounded to the µs, typical);
 *  - the states shallow to deep: disabled ones skipped, stop at the first
 *    whose exit latency exceeds the latency limit (PM QoS,
 *    cpuidle_governor_latency_req), keep the deepest whose target
 *    residency is at most predicted;
 *  - the tick: a prediction shorter than a jiffy (TICK_NSEC) keeps the
 *    tick (*stop_tick false) unless it is stopped already, and the state
 *    must then fit before the next tick (delta_next), else the next
 *    shallower enabled one that does; with the tick already stopped a
 *    short prediction is not trusted: next_timer is used instead, as the
 *    core could otherwise sit in a shallow state until the timer;
 *  - after the wake-up (applied at the next select, off the wake-up
 *    path): measured = residency - exit latency, or residency / 2 when it
 *    is at most twice the exit latency (the state was barely reached),
 *    capped at next_timer; a wake-up by the tick when next_timer was
 *    beyond it counts as 9/10 of MAX_INTERESTING (the tick, not an event,
 *    ended that sleep); factor = factor - factor / 8 +
 *    1024 * measured / next_timer, or + 1024 (a perfect prediction) when
 *    measured reaches MAX_INTERESTING = 50 ms; measured joins the ring of
 *    intervals. An entry the driver rejected (no reflect, residency 0)
 *    puts UINT_MAX in the ring instead, a sample the typical-interval
 *    search always drops.
 *
 * Differences from upstream Linux, each for a reason given where it is:
 *  - upstream skips tick_nohz_get_sleep_length when the typical interval
 *    is at most 15 µs (RESIDENCY_THRESHOLD_NS: reading the next timer is
 *    costly on large systems) and then books the sleep in the last
 *    bucket; pmfw always reads it (a list head and a clock read), so the
 *    prediction is always min(next_timer * factor, typical);
 *  - when the typical-interval search gives up, the latest upstream
 *    still returns the largest remaining sample if at least 4 remain;
 *    here it gives up without a value, as upstream long did;
 *  - a zero latency limit selects state 0 upstream even when it is
 *    disabled; here a disabled state 0 is never chosen: the first enabled
 *    state is, as for any limit below every state's exit latency.
 */
#include <linux/cpuidle.h>
#include <linux/init.h>
#include <linux/jiffies.h>
#include <linux/kernel.h>
#include <linux/ktime.h>
#include <linux/string.h>
#include <linux/tick.h>

#include "gov.h"

#define BUCKETS 6
#define INTERVAL_SHIFT 3
#define INTERVALS (1U << INTERVAL_SHIFT)
#define RESOLUTION 1024U
#define DECAY 8U
#define UNITY (RESOLUTION * DECAY)
#define MAX_INTERESTING (50000ULL * NSEC_PER_USEC)

/* The typical interval: at most this variance (µs²) is always accepted;
 * a standard deviation under mean / 6 needs this many samples (Linux:
 * three quarters of INTERVALS), which is also where dropping stops. */
#define TYPICAL_VARIANCE_US2 400U
#define TYPICAL_MIN_SAMPLES (INTERVALS * 3 / 4)

struct menu_device {
	bool needs_update;   /* reflect ran: menu_update at the next select */
	bool tick_wakeup;    /* the last sleep ended with the tick */
	u64 next_timer_ns;   /* at the last select */
	unsigned int bucket; /* next_timer_ns's */
	unsigned int correction_factor[BUCKETS];
	unsigned int intervals[INTERVALS]; /* measured sleeps, µs */
	unsigned int interval_ptr;
};

/* One CPU: the device's data, reset by menu_enable_device. */
static struct menu_device menu_data;

static unsigned int which_bucket(u64 duration_ns)
{
	u64 limit = 10 * NSEC_PER_USEC;
	unsigned int bucket = 0;
	while (bucket < BUCKETS - 1 && duration_ns >= limit) {
		bucket++;
		limit *= 10;
	}
	return bucket;
}

static void menu_update_intervals(struct menu_device *data, unsigned int interval_us)
{
	data->intervals[data->interval_ptr++] = interval_us;
	if (data->interval_ptr >= INTERVALS)
		data->interval_ptr = 0;
}

/* The typical interval of the ring, µs, or UINT_MAX for none. Samples
 * outside (min_thresh, max_thresh) are out: at first only UINT_MAX (a
 * rejected entry); after each failed round, all those equal to whichever
 * extreme lies farther from the mean. */
static unsigned int get_typical_interval(const struct menu_device *data)
{
	s64 min_thresh = -1, max_thresh = UINT_MAX;

	for (;;) {
		unsigned int n = 0, min = UINT_MAX, max = 0;
		u64 sum = 0, sum_sq = 0;

		for (unsigned int i = 0; i < INTERVALS; i++) {
			unsigned int value = data->intervals[i];
			if ((s64)value <= min_thresh || (s64)value >= max_thresh)
				continue;
			n++;
			sum += value;
			sum_sq += (u64)value * value;
			if (value > max)
				max = value;
			if (value < min)
				min = value;
		}
		/* Nothing left, or nothing but zeros (a fresh ring). */
		if (!max)
			return UINT_MAX;

		/* E[x²] - E[x]², in whole µs² as Linux computes it. */
		u64 avg = sum / n;
		u64 variance = sum_sq / n - avg * avg;
		if (variance <= U64_MAX / 36 &&
		    ((avg * avg > variance * 36 && n >= TYPICAL_MIN_SAMPLES) ||
		     variance <= TYPICAL_VARIANCE_US2))
			return (unsigned int)avg;

		if (n <= TYPICAL_MIN_SAMPLES)
			return UINT_MAX;

		if (avg - min > max - avg)
			min_thresh = min;
		else
			max_thresh = max;
	}
}

static void menu_update(struct cpuidle_driver *drv, struct cpuidle_device *dev);

static int menu_select(struct cpuidle_driver *drv, struct cpuidle_device *dev, bool *stop_tick)
{
	struct menu_device *data = &menu_data;
	s64 latency_req = cpuidle_governor_latency_req(dev->cpu);
	bool tick_stopped = tick_nohz_tick_stopped();
	ktime_t delta, delta_tick;
	int i, idx;

	if (data->needs_update) {
		menu_update(drv, dev);
		data->needs_update = false;
	} else if (!dev->last_residency_ns) {
		/* The driver rejected the last state: nothing was measured. */
		menu_update_intervals(data, UINT_MAX);
	}

	u64 typical_ns = (u64)get_typical_interval(data) * NSEC_PER_USEC;

	delta = tick_nohz_get_sleep_length(&delta_tick);
	if (unlikely(delta < 0)) {
		delta = 0;
		delta_tick = 0;
	}
	data->next_timer_ns = (u64)delta;
	data->bucket = which_bucket(data->next_timer_ns);

	/* next_timer * factor, rounded to the nearest µs (half up). */
	u64 timer_us = div_u64((u64)UNITY * NSEC_PER_USEC / 2 +
				       data->next_timer_ns * data->correction_factor[data->bucket],
			       UNITY * NSEC_PER_USEC);
	u64 predicted_ns = min(timer_us * NSEC_PER_USEC, typical_ns);

	/* State 0 no matter what: return it at once, and let the tick stop
	 * unless it is a polling state. */
	if (unlikely(drv->state_count <= 1) ||
	    ((latency_req == 0 || data->next_timer_ns < (u64)drv->states[1].target_residency_ns ||
	      latency_req < drv->states[1].exit_latency_ns) &&
	     !dev->states_usage[0].disable)) {
		*stop_tick = !(drv->states[0].flags & CPUIDLE_FLAG_POLLING);
		return 0;
	}

	if (tick_stopped && predicted_ns < TICK_NSEC)
		predicted_ns = data->next_timer_ns;

	idx = -1;
	for (i = 0; i < drv->state_count; i++) {
		struct cpuidle_state *s = &drv->states[i];

		if (dev->states_usage[i].disable)
			continue;
		if (idx == -1)
			idx = i; /* the first enabled state, whatever its latency */
		if (s->exit_latency_ns > latency_req)
			break;
		if ((u64)s->target_residency_ns > predicted_ns) {
			/* A physical state rather than busy polling, if the
			 * timer comes before its target residency is over. */
			if ((drv->states[idx].flags & CPUIDLE_FLAG_POLLING) &&
			    (u64)s->target_residency_ns <= data->next_timer_ns) {
				predicted_ns = (u64)s->target_residency_ns;
				idx = i;
				break;
			}
			if (predicted_ns < TICK_NSEC)
				break;
			if (!tick_stopped) {
				/* The tick stays: waking early from the shallow
				 * state costs little, and menu runs again. */
				predicted_ns = (u64)drv->states[idx].target_residency_ns;
				break;
			}
			/* The tick is stopped: rather than sit in a shallow
			 * state until the timer, take this one if it fits
			 * the time to the next event. */
			if (drv->states[idx].target_residency_ns < TICK_NSEC &&
			    s->target_residency_ns <= delta_tick)
				idx = i;
			return idx;
		}
		idx = i;
	}
	if (idx == -1)
		idx = 0; /* every state disabled: 0 it must be */

	if (((drv->states[idx].flags & CPUIDLE_FLAG_POLLING) || predicted_ns < TICK_NSEC) &&
	    !tick_stopped) {
		*stop_tick = false;
		/* The tick comes first: the state must pay off before it. */
		if (idx > 0 && drv->states[idx].target_residency_ns > delta_tick) {
			for (i = idx - 1; i >= 0; i--) {
				if (dev->states_usage[i].disable)
					continue;
				idx = i;
				if (drv->states[i].target_residency_ns <= delta_tick)
					break;
			}
		}
	}
	return idx;
}

/* Right after the wake-up: note what to learn, learn it at the next
 * select (the wake-up latency is the user's). */
static void menu_reflect(struct cpuidle_device *dev, int index)
{
	struct menu_device *data = &menu_data;

	dev->last_state_idx = index;
	data->needs_update = true;
	data->tick_wakeup = tick_nohz_idle_got_tick();
}

static void menu_update(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	struct menu_device *data = &menu_data;
	const struct cpuidle_state *target = &drv->states[dev->last_state_idx];
	u64 exit_ns = (u64)target->exit_latency_ns;
	u64 measured_ns;

	if (data->tick_wakeup && data->next_timer_ns > TICK_NSEC) {
		/* No event was due within the jiffy, yet the tick (kept
		 * after all) ended the sleep: it could have been long. */
		measured_ns = 9 * MAX_INTERESTING / 10;
	} else if ((target->flags & CPUIDLE_FLAG_POLLING) && dev->poll_time_limit) {
		/* Polling ran out of time: the timer would have woken it. */
		measured_ns = data->next_timer_ns;
	} else {
		/* The residency includes the exit latency; when it is not
		 * over twice that, assume the state was barely reached. */
		measured_ns = dev->last_residency_ns;
		if (measured_ns > 2 * exit_ns)
			measured_ns -= exit_ns;
		else
			measured_ns /= 2;
	}
	/* A factor never above 1.0. */
	if (measured_ns > data->next_timer_ns)
		measured_ns = data->next_timer_ns;

	unsigned int factor = data->correction_factor[data->bucket];
	factor -= factor / DECAY;
	if (data->next_timer_ns > 0 && measured_ns < MAX_INTERESTING)
		factor += (unsigned int)(RESOLUTION * measured_ns / data->next_timer_ns);
	else
		factor += RESOLUTION; /* so long a sleep: count it perfect */
	data->correction_factor[data->bucket] = factor;

	menu_update_intervals(data, (unsigned int)ktime_to_us((ktime_t)measured_ns));
}

static int menu_enable_device(struct cpuidle_driver *drv, struct cpuidle_device *dev)
{
	struct menu_device *data = &menu_data;

	memset(data, 0, sizeof(*data));
	for (unsigned int i = 0; i < BUCKETS; i++)
		data->correction_factor[i] = UNITY;
	return 0;
}

static struct cpuidle_governor menu_governor = {
	.name = "menu",
	.rating = 20,
	.enable = menu_enable_device,
	.select = menu_select,
	.reflect = menu_reflect,
};

int __init init_menu(void)
{
	return cpuidle_register_governor(&menu_governor);
}
postcore_initcall(init_menu);
