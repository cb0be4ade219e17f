/*
 * Unit tests for the event scheduler (sim/sched.c): ordering by time,
 * FIFO among equal times by (re)schedule order, cancel and reschedule in
 * every heap position, scheduling from callbacks, the past meaning now, the
 * advance of `now`, and a randomized stress run of more than a million
 * operations checked against a reference model after every run.
 */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include "sim/sched.h"
#include "check_run.h"

/* ---- a recording event ------------------------------------------------ */

#define LOG_MAX 64

struct log {
	struct sched *s;
	int ids[LOG_MAX];
	simtime_t at[LOG_MAX];    /* `now` argument of the callback */
	simtime_t clock[LOG_MAX]; /* sched_now() seen inside the callback */
	bool pending[LOG_MAX];    /* sched_pending() of itself, inside */
	int n;
};

struct rev {
	struct sched_event ev;
	int id;
	struct log *log;
	/* optional behaviour when run */
	simtime_t period;      /* reschedule itself this much later ... */
	int repeats;           /* ... this many more times */
	struct rev *other;     /* schedule `other` at now + other_delay */
	simtime_t other_delay;
	struct rev *victim;    /* cancel this one */
};

static void rev_fire(struct sched_event *ev, simtime_t now)
{
	struct rev *r = container_of(ev, struct rev, ev);
	struct log *l = r->log;
	ck_assert_int_lt(l->n, LOG_MAX);
	l->ids[l->n] = r->id;
	l->at[l->n] = now;
	l->clock[l->n] = sched_now(l->s);
	l->pending[l->n] = sched_pending(ev);
	l->n++;
	if (r->repeats > 0) {
		r->repeats--;
		ck_assert(sched_schedule(l->s, ev, now + r->period));
	}
	if (r->other) {
		ck_assert(sched_schedule(l->s, &r->other->ev, now + r->other_delay));
		r->other = NULL;
	}
	if (r->victim) {
		sched_cancel(l->s, &r->victim->ev);
		r->victim = NULL;
	}
}

static struct sched S;
static struct log L;
static struct rev E[16];

static void setup(void)
{
	sched_init(&S);
	memset(&L, 0, sizeof L);
	L.s = &S;
	for (int i = 0; i < 16; i++) {
		memset(&E[i], 0, sizeof E[i]);
		sched_event_init(&E[i].ev, rev_fire, "test");
		E[i].id = i;
		E[i].log = &L;
	}
}

static void teardown(void)
{
	sched_free(&S);
}

static void expect_log(const int *ids, const simtime_t *at, int n)
{
	ck_assert_int_eq(L.n, n);
	for (int i = 0; i < n; i++) {
		ck_assert_msg(L.ids[i] == ids[i], "run %d: event %d, expected %d", i, L.ids[i], ids[i]);
		ck_assert_uint_eq(L.at[i], at[i]);
		ck_assert_uint_eq(L.clock[i], at[i]); /* now is the event's time */
		ck_assert(!L.pending[i]);             /* dequeued before its callback */
	}
}

/* ---- directed tests --------------------------------------------------- */

START_TEST(test_orders_by_time)
{
	static const simtime_t when[] = { 300, 100, 500, 200, 400, 0, 1000 };
	for (int i = 0; i < 7; i++)
		ck_assert(sched_schedule(&S, &E[i].ev, when[i]));
	ck_assert_uint_eq(S.count, 7);
	ck_assert_uint_eq(sched_run_until(&S, 1000), 7);
	static const int ids[] = { 5, 1, 3, 0, 4, 2, 6 };
	static const simtime_t at[] = { 0, 100, 200, 300, 400, 500, 1000 };
	expect_log(ids, at, 7);
	ck_assert_uint_eq(S.dispatched, 7);
	ck_assert_uint_eq(S.count, 0);
}
END_TEST

START_TEST(test_equal_times_run_in_schedule_order)
{
	static const int order[] = { 3, 1, 4, 0, 2, 7, 6, 5 };
	for (int i = 0; i < 8; i++)
		ck_assert(sched_schedule(&S, &E[order[i]].ev, 50));
	sched_run_until(&S, 50);
	static const simtime_t at[] = { 50, 50, 50, 50, 50, 50, 50, 50 };
	expect_log(order, at, 8);
}
END_TEST

START_TEST(test_equal_times_follow_reschedule_order)
{
	/* Rescheduling an event to the same time sends it to the back. */
	for (int i = 0; i < 4; i++)
		ck_assert(sched_schedule(&S, &E[i].ev, 70));
	ck_assert(sched_schedule(&S, &E[0].ev, 70));
	ck_assert(sched_schedule(&S, &E[2].ev, 70));
	/* Moving from another time onto 70 also lands behind. */
	ck_assert(sched_schedule(&S, &E[9].ev, 10));
	ck_assert(sched_schedule(&S, &E[9].ev, 70));
	ck_assert_uint_eq(S.count, 5);
	sched_run_until(&S, 100);
	static const int ids[] = { 1, 3, 0, 2, 9 };
	static const simtime_t at[] = { 70, 70, 70, 70, 70 };
	expect_log(ids, at, 5);
}
END_TEST

START_TEST(test_cancel_positions)
{
	for (int i = 0; i < 9; i++)
		ck_assert(sched_schedule(&S, &E[i].ev, 10 * (simtime_t)(i + 1)));
	sched_cancel(&S, &E[0].ev); /* head */
	ck_assert(!sched_pending(&E[0].ev));
	ck_assert_uint_eq(sched_next_time(&S), 20);
	sched_cancel(&S, &E[4].ev); /* middle */
	sched_cancel(&S, &E[8].ev); /* tail (latest time, last heap slot) */
	sched_cancel(&S, &E[10].ev); /* never queued: harmless */
	sched_cancel(&S, &E[4].ev);  /* already cancelled: harmless */
	ck_assert_uint_eq(S.count, 6);
	ck_assert(!sched_pending(&E[4].ev));
	ck_assert(!sched_pending(&E[8].ev));
	ck_assert(!sched_pending(&E[10].ev));
	ck_assert_uint_eq(sched_run_until(&S, 1000), 6);
	static const int ids[] = { 1, 2, 3, 5, 6, 7 };
	static const simtime_t at[] = { 20, 30, 40, 60, 70, 80 };
	expect_log(ids, at, 6);
}
END_TEST

START_TEST(test_cancel_last_slot_and_reuse)
{
	/* The last heap slot is removed without moving anything; cancelling
	 * it and scheduling again must still leave a consistent heap. */
	ck_assert(sched_schedule(&S, &E[0].ev, 5));
	ck_assert(sched_schedule(&S, &E[1].ev, 6));
	ck_assert_uint_eq(E[1].ev.slot, 2);
	sched_cancel(&S, &E[1].ev);
	ck_assert_uint_eq(S.count, 1);
	ck_assert(sched_schedule(&S, &E[1].ev, 1));
	ck_assert_uint_eq(sched_next_time(&S), 1);
	sched_run_until(&S, 10);
	static const int ids[] = { 1, 0 };
	static const simtime_t at[] = { 1, 5 };
	expect_log(ids, at, 2);
}
END_TEST

START_TEST(test_reschedule_earlier_and_later)
{
	ck_assert(sched_schedule(&S, &E[0].ev, 100));
	ck_assert(sched_schedule(&S, &E[1].ev, 200));
	ck_assert(sched_schedule(&S, &E[2].ev, 300));
	ck_assert(sched_schedule(&S, &E[2].ev, 50));  /* earlier: becomes head */
	ck_assert_uint_eq(sched_next_time(&S), 50);
	ck_assert(sched_schedule(&S, &E[0].ev, 250)); /* later */
	ck_assert_uint_eq(S.count, 3);                /* moved, not duplicated */
	ck_assert_uint_eq(sched_run_until(&S, 220), 2);
	static const int ids[] = { 2, 1 };
	static const simtime_t at[] = { 50, 200 };
	expect_log(ids, at, 2);
	ck_assert(sched_pending(&E[0].ev));
	ck_assert_uint_eq(sched_next_time(&S), 250);
	ck_assert_uint_eq(sched_run_until(&S, 250), 1);
	ck_assert_int_eq(L.ids[2], 0);
	ck_assert_uint_eq(L.at[2], 250);
}
END_TEST

START_TEST(test_reschedule_from_callback)
{
	E[0].period = 10;
	E[0].repeats = 100;
	ck_assert(sched_schedule(&S, &E[0].ev, 10));
	/* A periodic event reschedules itself: 10, 20, 30, 40 by 45. */
	ck_assert_uint_eq(sched_run_until(&S, 45), 4);
	static const int ids[] = { 0, 0, 0, 0 };
	static const simtime_t at[] = { 10, 20, 30, 40 };
	expect_log(ids, at, 4);
	ck_assert(sched_pending(&E[0].ev));
	ck_assert_uint_eq(E[0].ev.when, 50);
	ck_assert_uint_eq(S.now, 45);
}
END_TEST

START_TEST(test_callback_moves_and_cancels_others)
{
	/* At 10, event 0 pulls event 1 (queued at 500) forward to 15 and
	 * cancels event 2 (queued at 20, already due within this run). */
	E[0].other = &E[1];
	E[0].other_delay = 5;
	E[0].victim = &E[2];
	ck_assert(sched_schedule(&S, &E[0].ev, 10));
	ck_assert(sched_schedule(&S, &E[1].ev, 500));
	ck_assert(sched_schedule(&S, &E[2].ev, 20));
	ck_assert_uint_eq(sched_run_until(&S, 100), 2);
	static const int ids[] = { 0, 1 };
	static const simtime_t at[] = { 10, 15 };
	expect_log(ids, at, 2);
	ck_assert(!sched_pending(&E[2].ev));
	ck_assert_uint_eq(S.count, 0);
}
END_TEST

START_TEST(test_events_added_during_run_are_run)
{
	/* Scheduled from a callback and due before `until`: same call. One at
	 * the current time runs after the ones already queued for it. */
	E[0].other = &E[1];
	E[0].other_delay = 0;
	E[1].other = &E[2];
	E[1].other_delay = 5;
	E[2].other = &E[3];
	E[2].other_delay = 1000; /* beyond until: stays queued */
	ck_assert(sched_schedule(&S, &E[0].ev, 10));
	ck_assert(sched_schedule(&S, &E[4].ev, 10));
	ck_assert_uint_eq(sched_run_until(&S, 100), 4);
	static const int ids[] = { 0, 4, 1, 2 };
	static const simtime_t at[] = { 10, 10, 10, 15 };
	expect_log(ids, at, 4);
	ck_assert(sched_pending(&E[3].ev));
	ck_assert_uint_eq(sched_next_time(&S), 1015);
	ck_assert_uint_eq(S.now, 100);
}
END_TEST

START_TEST(test_past_is_now)
{
	sched_run_until(&S, 100);
	ck_assert_uint_eq(S.now, 100);
	/* A time in the past queues the event at the present time. */
	ck_assert(sched_schedule(&S, &E[0].ev, 99));
	ck_assert(sched_pending(&E[0].ev));
	ck_assert_uint_eq(E[0].ev.when, 100);
	ck_assert_uint_eq(S.count, 1);
	ck_assert(sched_schedule(&S, &E[0].ev, 0));
	ck_assert_uint_eq(E[0].ev.when, 100);
	ck_assert_uint_eq(S.count, 1);
	/* Rescheduling into the past moves a queued event to now. */
	ck_assert(sched_schedule(&S, &E[1].ev, 300));
	ck_assert(sched_schedule(&S, &E[1].ev, 50));
	ck_assert(sched_pending(&E[1].ev));
	ck_assert_uint_eq(E[1].ev.when, 100);
	ck_assert(sched_schedule(&S, &E[1].ev, 300));
	ck_assert_uint_eq(S.count, 2);
	/* Delays that would overflow the clock are refused: the only refusal. */
	ck_assert(!sched_schedule_in(&S, &E[2].ev, SIMTIME_NEVER));
	ck_assert(!sched_pending(&E[2].ev));
	ck_assert(sched_schedule_in(&S, &E[2].ev, 7));
	ck_assert_uint_eq(E[2].ev.when, 107);
	sched_run_until(&S, 1000);
	static const int ids[] = { 0, 2, 1 };
	static const simtime_t at[] = { 100, 107, 300 };
	expect_log(ids, at, 3);
}
END_TEST

START_TEST(test_now_advances_to_until)
{
	ck_assert_uint_eq(sched_run_until(&S, 500), 0);
	ck_assert_uint_eq(sched_now(&S), 500);
	ck_assert(sched_schedule(&S, &E[0].ev, 600));
	ck_assert_uint_eq(sched_run_until(&S, 800), 1);
	ck_assert_uint_eq(L.clock[0], 600); /* at the event's time inside */
	ck_assert_uint_eq(sched_now(&S), 800);
	/* Never backwards: neither run_until nor set_now. */
	ck_assert_uint_eq(sched_run_until(&S, 700), 0);
	ck_assert_uint_eq(sched_now(&S), 800);
	sched_set_now(&S, 750);
	ck_assert_uint_eq(sched_now(&S), 800);
	sched_set_now(&S, 900);
	ck_assert_uint_eq(sched_now(&S), 900);
	/* set_now runs nothing. */
	ck_assert(sched_schedule(&S, &E[1].ev, 950));
	sched_set_now(&S, 1000);
	ck_assert(sched_pending(&E[1].ev));
	ck_assert_int_eq(L.n, 1);
}
END_TEST

START_TEST(test_next_time)
{
	ck_assert_uint_eq(sched_next_time(&S), SIMTIME_NEVER);
	ck_assert(sched_schedule(&S, &E[0].ev, 40));
	ck_assert_uint_eq(sched_next_time(&S), 40);
	ck_assert(sched_schedule(&S, &E[1].ev, 30));
	ck_assert_uint_eq(sched_next_time(&S), 30);
	ck_assert(sched_schedule(&S, &E[2].ev, 35));
	ck_assert_uint_eq(sched_next_time(&S), 30);
	sched_cancel(&S, &E[1].ev);
	ck_assert_uint_eq(sched_next_time(&S), 35);
	sched_run_until(&S, 35);
	ck_assert_uint_eq(sched_next_time(&S), 40);
	sched_run_until(&S, 40);
	ck_assert_uint_eq(sched_next_time(&S), SIMTIME_NEVER);
}
END_TEST

START_TEST(test_until_boundary_is_inclusive)
{
	ck_assert(sched_schedule(&S, &E[0].ev, 100));
	ck_assert(sched_schedule(&S, &E[1].ev, 101));
	ck_assert_uint_eq(sched_run_until(&S, 99), 0);
	ck_assert_uint_eq(sched_run_until(&S, 100), 1);
	ck_assert(sched_pending(&E[1].ev));
	ck_assert_uint_eq(S.dispatched, 1);
}
END_TEST

START_TEST(test_free_unqueues)
{
	ck_assert(sched_schedule(&S, &E[0].ev, 1));
	ck_assert(sched_schedule(&S, &E[1].ev, 2));
	sched_free(&S);
	ck_assert(!sched_pending(&E[0].ev));
	ck_assert(!sched_pending(&E[1].ev));
	sched_init(&S);
}
END_TEST

/* ---- randomized stress against a reference model ----------------------- */

/*
 * Check records the location of every passing assertion (a write to the
 * parent process), which would dominate a run of millions of checks: the
 * stress test calls into Check only when something is wrong.
 */
#define ST_REQUIRE(c) \
	do { \
		if (!(c)) \
			ck_abort_msg("stress invariant failed: %s", #c); \
	} while (0)
#define ST_REQUIRE_MSG(c, ...) \
	do { \
		if (!(c)) \
			ck_abort_msg(__VA_ARGS__); \
	} while (0)

#define ST_EVENTS 3000
#define ST_OPS 1200000

struct stress;

struct sev {
	struct sched_event ev;
	struct stress *st;
	/* the model's view */
	bool queued;
	simtime_t when;
	uint64_t seq; /* model's (re)schedule order */
};

struct stress {
	struct sched s;
	struct sev e[ST_EVENTS];
	uint64_t rng;
	uint64_t seq;
	simtime_t until;
	uint64_t ran; /* in the current run */
	bool have_last;
	simtime_t last_when;
	uint64_t last_seq;
	uint64_t total_ran, into_past;
};

/* splitmix64: deterministic, good enough to mix operations. */
static uint64_t st_rand(struct stress *st)
{
	uint64_t z = (st->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* Delays: a quarter tiny (many ties at equal times), the rest spread. */
static simtime_t st_delay(struct stress *st)
{
	uint64_t r = st_rand(st);
	return (r & 3) == 0 ? (r >> 2) % 3 : (r >> 2) % 5000;
}

static void st_schedule(struct stress *st, struct sev *e, simtime_t when)
{
	bool ok = sched_schedule(&st->s, &e->ev, when);
	ST_REQUIRE(ok);
	if (when < st->s.now) {
		/* The past is now. */
		when = st->s.now;
		st->into_past++;
	}
	e->queued = true;
	e->when = when;
	e->seq = st->seq++;
}

static void st_cancel(struct stress *st, struct sev *e)
{
	sched_cancel(&st->s, &e->ev);
	e->queued = false;
}

static void st_fire(struct sched_event *ev, simtime_t now)
{
	struct sev *e = container_of(ev, struct sev, ev);
	struct stress *st = e->st;

	ST_REQUIRE_MSG(e->queued, "event %ld ran but was not queued (cancelled or ran twice)",
		      (long)(e - st->e));
	ST_REQUIRE((now) == (e->when));
	ST_REQUIRE((now) <= (st->until));
	ST_REQUIRE((sched_now(&st->s)) == (now));
	ST_REQUIRE(!sched_pending(ev));
	if (st->have_last)
		ST_REQUIRE_MSG(e->when > st->last_when ||
			      (e->when == st->last_when && e->seq > st->last_seq),
			      "out of order: (%llu,%llu) after (%llu,%llu)",
			      (unsigned long long)e->when, (unsigned long long)e->seq,
			      (unsigned long long)st->last_when, (unsigned long long)st->last_seq);
	st->have_last = true;
	st->last_when = e->when;
	st->last_seq = e->seq;
	e->queued = false;
	st->ran++;

	/* Callbacks act on the queue too, as device models do. */
	uint64_t r = st_rand(st);
	struct sev *o = &st->e[(r >> 8) % ST_EVENTS];
	switch (r % 32) {
	case 0: case 1:
		st_schedule(st, e, now + st_delay(st)); /* periodic */
		break;
	case 2:
		st_schedule(st, o, now + st_delay(st)); /* (re)schedule another */
		break;
	case 3:
		st_cancel(st, o);
		break;
	case 4:
		if (now > 0)
			st_schedule(st, o, now - 1); /* into the past: at now */
		break;
	default:
		break;
	}
}

static void st_check_heap(struct stress *st)
{
	const struct sched *s = &st->s;
	uint32_t queued = 0;
	for (uint32_t i = 0; i < s->count; i++) {
		const struct sched_event *ev = s->heap[i];
		ST_REQUIRE((ev->slot) == (i + 1));
		if (i > 0) {
			const struct sched_event *p = s->heap[(i - 1) / 2];
			ST_REQUIRE(p->when < ev->when || (p->when == ev->when && p->seq < ev->seq));
		}
	}
	for (int i = 0; i < ST_EVENTS; i++) {
		const struct sev *e = &st->e[i];
		if (e->queued) {
			queued++;
			ST_REQUIRE(sched_pending(&e->ev));
			ST_REQUIRE((e->ev.slot) <= (s->count));
			ST_REQUIRE((s->heap[e->ev.slot - 1]) == (&e->ev));
			ST_REQUIRE((e->ev.when) == (e->when));
		} else {
			ST_REQUIRE(!sched_pending(&e->ev));
		}
	}
	ST_REQUIRE((queued) == (s->count));
	ST_REQUIRE((sched_next_time(s)) == (s->count ? s->heap[0]->when : SIMTIME_NEVER));
}

static void st_run(struct stress *st, simtime_t until)
{
	simtime_t before = st->s.now;
	uint64_t dispatched = st->s.dispatched;
	st->until = until;
	st->ran = 0;
	uint64_t n = sched_run_until(&st->s, until);
	ST_REQUIRE((n) == (st->ran));
	ST_REQUIRE((st->s.dispatched) == (dispatched + n));
	ST_REQUIRE((st->s.now) == (until > before ? until : before));
	/* Exactly the due events ran: nothing queued is due any more. */
	for (int i = 0; i < ST_EVENTS; i++)
		if (st->e[i].queued)
			ST_REQUIRE((st->e[i].when) > (until));
	st_check_heap(st);
	st->total_ran += n;
}

START_TEST(test_stress_against_model)
{
	struct stress *st = calloc(1, sizeof *st);
	ck_assert_ptr_nonnull(st);
	sched_init(&st->s);
	st->rng = 0x5eed;
	for (int i = 0; i < ST_EVENTS; i++) {
		sched_event_init(&st->e[i].ev, st_fire, "stress");
		st->e[i].st = st;
	}
	uint64_t runs = 0;
	for (long op = 0; op < ST_OPS; op++) {
		uint64_t r = st_rand(st);
		struct sev *e = &st->e[(r >> 8) % ST_EVENTS];
		unsigned k = r % 100;
		if (k < 45) {
			st_schedule(st, e, st->s.now + st_delay(st)); /* new or moved */
		} else if (k < 50) {
			if (st->s.now > 0)
				st_schedule(st, e, st->s.now - 1 - (r >> 40) % st->s.now);
		} else if (k < 70) {
			st_cancel(st, e);
		} else if (k < 90) {
			/* Move a queued event earlier or later. */
			if (e->queued) {
				simtime_t w = e->when;
				if ((r >> 20) & 1)
					w += st_delay(st);
				else
					w = st->s.now + (w - st->s.now) / 2;
				st_schedule(st, e, w);
			}
		} else {
			st_run(st, st->s.now + (r >> 32) % 1500);
			runs++;
		}
	}
	/* Drain: everything still queued runs, once. */
	st_run(st, st->s.now + 1000000000);
	ck_assert_uint_eq(st->s.count, 0);
	/* The mix must really have exercised the queue. */
	ck_assert_uint_gt(runs, 50000);
	ck_assert_uint_gt(st->total_ran, 200000);
	ck_assert_uint_gt(st->into_past, 10000);
	sched_free(&st->s);
	free(st);
}
END_TEST

static Suite *sched_suite(void)
{
	Suite *s = suite_create("sched");
	TCase *tc = tcase_create("directed");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, test_orders_by_time);
	tcase_add_test(tc, test_equal_times_run_in_schedule_order);
	tcase_add_test(tc, test_equal_times_follow_reschedule_order);
	tcase_add_test(tc, test_cancel_positions);
	tcase_add_test(tc, test_cancel_last_slot_and_reuse);
	tcase_add_test(tc, test_reschedule_earlier_and_later);
	tcase_add_test(tc, test_reschedule_from_callback);
	tcase_add_test(tc, test_callback_moves_and_cancels_others);
	tcase_add_test(tc, test_events_added_during_run_are_run);
	tcase_add_test(tc, test_past_is_now);
	tcase_add_test(tc, test_now_advances_to_until);
	tcase_add_test(tc, test_next_time);
	tcase_add_test(tc, test_until_boundary_is_inclusive);
	tcase_add_test(tc, test_free_unqueues);
	suite_add_tcase(s, tc);

	TCase *stress = tcase_create("stress");
	/* A million-plus operations; generous for sanitizer builds. */
	tcase_set_timeout(stress, 300);
	tcase_add_test(stress, test_stress_against_model);
	suite_add_tcase(s, stress);
	return s;
}

int main(void)
{
	return check_run(sched_suite());
}
