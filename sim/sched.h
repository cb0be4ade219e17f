/*
 * Event scheduler: the one clock of truth.
 *
 * Simulated time is an absolute count of picoseconds (uint64_t). Events are
 * embedded in the structures that own them (no allocation when scheduling);
 * the owner recovers itself with container_of. The queue is a binary heap of
 * event pointers, each event remembering its heap slot, so schedule, cancel
 * and reschedule are O(log n) and the next due time is O(1). Events due at
 * the same picosecond run in the order they were (re)scheduled: every
 * schedule call stamps a monotonically increasing sequence number, which is
 * the tie-break, so runs are deterministic.
 */
#ifndef PMSIM_SCHED_H
#define PMSIM_SCHED_H

#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>

typedef uint64_t simtime_t; /* picoseconds */

#define SIMTIME_NEVER UINT64_MAX
#define PS_PER_NS ((simtime_t)1000)
#define PS_PER_US ((simtime_t)1000000)
#define PS_PER_MS ((simtime_t)1000000000)
#define PS_PER_S ((simtime_t)1000000000000)

#ifndef container_of
#define container_of(ptr, type, member) \
	((type *)(void *)((char *)(ptr) - offsetof(type, member)))
#endif

struct sched;
struct sched_event;

/* Called when the event is due; `now` is the event's own time. The event is
 * no longer queued when the callback runs, so it may reschedule itself. */
typedef void (*sched_fn)(struct sched_event *ev, simtime_t now);

struct sched_event {
	simtime_t when;
	uint64_t seq;      /* tie-break for equal `when` */
	uint32_t slot;     /* heap index + 1; 0 = not queued */
	sched_fn fn;
	const char *name;  /* for traces and debugging */
	/* Housekeeping that goes on for ever and wakes nothing by itself (a
	 * thermal model's step, a regulator's tick): a guest asleep with only
	 * such events pending sleeps for ever (sched_only_background). */
	bool background;
};

struct sched {
	simtime_t now;
	uint64_t next_seq;
	struct sched_event **heap;
	uint32_t count, cap;
	uint64_t dispatched; /* events run so far */
	bool in_event;       /* a callback is running, due at `event_when` */
	simtime_t event_when;
};

void sched_init(struct sched *s);
/* Every pending event is a background one (or none is pending). */
bool sched_only_background(const struct sched *s);
void sched_free(struct sched *s);
void sched_event_init(struct sched_event *ev, sched_fn fn, const char *name);

/* Queue `ev` at absolute time `when`; a time before s->now queues it at
 * s->now (it is due at once). Rescheduling a queued event moves it.
 * Returns true (false only from sched_schedule_in for a delay that would
 * overflow the clock). */
bool sched_schedule(struct sched *s, struct sched_event *ev, simtime_t when);
bool sched_schedule_in(struct sched *s, struct sched_event *ev, simtime_t delay);
/* Remove `ev` if queued; harmless otherwise. */
void sched_cancel(struct sched *s, struct sched_event *ev);

static inline bool sched_pending(const struct sched_event *ev) { return ev->slot != 0; }
static inline simtime_t sched_now(const struct sched *s) { return s->now; }
/* When what is happening now happens: inside an event's callback the
 * event's own time, which is earlier than sched_now() when the core has
 * run on to the end of its instruction; else sched_now(). For a model
 * that stamps a change it is told of (an interrupt line's edge) without
 * being told the time. */
static inline simtime_t sched_event_now(const struct sched *s)
{
	return s->in_event ? s->event_when : s->now;
}
static inline simtime_t sched_next_time(const struct sched *s)
{
	return s->count ? s->heap[0]->when : SIMTIME_NEVER;
}

/* Advance time to `t` (never backwards) without running anything; used by
 * the CPU to publish its own time before an MMIO access. */
void sched_set_now(struct sched *s, simtime_t t);

/* Run every event due at or before `until`, in (when, seq) order, advancing
 * `now` to each event's time, and finally to `until`. Returns the number of
 * events run. */
uint64_t sched_run_until(struct sched *s, simtime_t until);

#endif
