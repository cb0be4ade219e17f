/*
 * Binary min-heap of embedded events, ordered by (when, seq).
 */
#include "sim/sched.h"

#include <stdlib.h>
#include <string.h>

void sched_init(struct sched *s)
{
	memset(s, 0, sizeof *s);
}

void sched_free(struct sched *s)
{
	for (uint32_t i = 0; i < s->count; i++)
		s->heap[i]->slot = 0;
	free(s->heap);
	memset(s, 0, sizeof *s);
}

void sched_event_init(struct sched_event *ev, sched_fn fn, const char *name)
{
	memset(ev, 0, sizeof *ev);
	ev->fn = fn;
	ev->name = name;
}

static bool before(const struct sched_event *a, const struct sched_event *b)
{
	return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}

static void place(struct sched *s, uint32_t i, struct sched_event *ev)
{
	s->heap[i] = ev;
	ev->slot = i + 1;
}

static void sift_up(struct sched *s, uint32_t i)
{
	struct sched_event *ev = s->heap[i];
	while (i > 0) {
		uint32_t parent = (i - 1) / 2;
		if (!before(ev, s->heap[parent]))
			break;
		place(s, i, s->heap[parent]);
		i = parent;
	}
	place(s, i, ev);
}

static void sift_down(struct sched *s, uint32_t i)
{
	struct sched_event *ev = s->heap[i];
	for (;;) {
		uint32_t child = 2 * i + 1;
		if (child >= s->count)
			break;
		if (child + 1 < s->count && before(s->heap[child + 1], s->heap[child]))
			child++;
		if (!before(s->heap[child], ev))
			break;
		place(s, i, s->heap[child]);
		i = child;
	}
	place(s, i, ev);
}

static void remove_at(struct sched *s, uint32_t i)
{
	struct sched_event *ev = s->heap[i];
	ev->slot = 0;
	s->count--;
	if (i == s->count)
		return;
	place(s, i, s->heap[s->count]);
	/* The moved event may need to go either way. */
	if (i > 0 && before(s->heap[i], s->heap[(i - 1) / 2]))
		sift_up(s, i);
	else
		sift_down(s, i);
}

bool sched_schedule(struct sched *s, struct sched_event *ev, simtime_t when)
{
	/* The past happens now: the clock can be ahead of a due event when
	 * the core ran a few cycles past it (an instruction is not cut in
	 * two) and touched a device; that event then runs late, and what it
	 * schedules "after" itself may already be behind the clock. */
	if (when < s->now)
		when = s->now;
	if (ev->slot)
		remove_at(s, ev->slot - 1);
	if (s->count == s->cap) {
		uint32_t cap = s->cap ? s->cap * 2 : 64;
		struct sched_event **h = realloc(s->heap, cap * sizeof *h);
		if (!h)
			abort(); /* out of host memory: nothing sensible to do */
		s->heap = h;
		s->cap = cap;
	}
	ev->when = when;
	ev->seq = s->next_seq++;
	s->heap[s->count] = ev;
	s->count++;
	sift_up(s, s->count - 1);
	return true;
}

bool sched_schedule_in(struct sched *s, struct sched_event *ev, simtime_t delay)
{
	if (delay > SIMTIME_NEVER - s->now)
		return false;
	return sched_schedule(s, ev, s->now + delay);
}

void sched_cancel(struct sched *s, struct sched_event *ev)
{
	if (ev->slot)
		remove_at(s, ev->slot - 1);
}

void sched_set_now(struct sched *s, simtime_t t)
{
	if (t > s->now)
		s->now = t;
}

uint64_t sched_run_until(struct sched *s, simtime_t until)
{
	uint64_t n = 0;
	while (s->count && s->heap[0]->when <= until) {
		struct sched_event *ev = s->heap[0];
		remove_at(s, 0);
		if (ev->when > s->now)
			s->now = ev->when;
		bool outer = s->in_event;
		simtime_t outer_when = s->event_when;
		s->in_event = true;
		s->event_when = ev->when;
		ev->fn(ev, ev->when);
		s->in_event = outer;
		s->event_when = outer_when;
		n++;
	}
	s->dispatched += n;
	sched_set_now(s, until);
	return n;
}

bool sched_only_background(const struct sched *s)
{
	for (uint32_t i = 0; i < s->count; i++)
		if (!s->heap[i]->background)
			return false;
	return true;
}
