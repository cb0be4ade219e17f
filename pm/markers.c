/*
 * Suspend cycles from the guest's markers (markers.h). The definitions
 * (docs/report.md has them with the same names):
 *
 *  - A cycle is a `suspend:STATE` interval: from the BEGIN (the write to
 *    /sys/power/state) to its END (the return), or to the end of the run.
 *    It suspended when the SoC slept inside it: the sleep is the PMU's
 *    system suspend (its first entry in the cycle and the wake-up from
 *    it), else the core's idle state during `phase:suspend_machine` (its
 *    first entry there and its last wake-up there: freeze and standby).
 *  - Suspend latency: BEGIN to the sleep's entry; without a sleep (a
 *    pm_test cycle, a failed cycle) BEGIN to the end of
 *    `phase:suspend_machine`, else of the last phase whose name begins
 *    with "suspend" or "freeze". Resume latency: the sleep's wake-up to
 *    END; without one, the start of `phase:resume_machine`, else of the
 *    first phase beginning with "resume" or "thaw", to END.
 *  - Energies are at the battery: suspend_j over the suspend latency,
 *    resume_j over the resume latency, suspended_j from the sleep's entry
 *    to the wake-up (suspended_time).
 *  - The baseline idle_w is the average power while the core was in an
 *    idle state (not suspended) between the previous cycle's END (or the
 *    start of the run) and this BEGIN: what staying up idle would draw.
 *  - saved_j = idle_w * suspended_time - suspended_j.
 *  - overhead_j = suspend_j + resume_j - idle_w * (suspend + resume
 *    latency): what the transitions cost beyond idling for as long.
 *  - break_even_s = overhead_j / (idle_w - suspended_w), suspended_w =
 *    suspended_j / suspended_time: the suspended time from which
 *    suspending costs less than staying idle (0 if overhead_j <= 0; none
 *    when suspending draws no less than idling).
 *
 * Phases and device callbacks are the `phase:` and `dev:PHASE:DEVICE`
 * intervals inside the cycle, matched as the device matched them (an END
 * closes the innermost open BEGIN of its name); a callback's result is
 * ARG at its END.
 */
#include "pm/markers.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* For every BEGIN, the index of the END that closes it (the innermost
 * open BEGIN of the END's name, as the device matched them), or -1 if it
 * stays open; one pass with a stack of open BEGINs. */
static long *match_all(const struct pm_report *r)
{
	long *m = malloc((r->nmarkers ? r->nmarkers : 1) * sizeof *m);
	unsigned *open = malloc((r->nmarkers ? r->nmarkers : 1) * sizeof *open);
	unsigned nopen = 0;
	if (!m || !open) {
		free(m);
		free(open);
		return NULL;
	}
	for (unsigned i = 0; i < r->nmarkers; i++) {
		const struct pm_report_marker *x = &r->markers[i];
		m[i] = -1;
		if (x->kind == PM_MARK_BEGIN) {
			open[nopen++] = i;
		} else if (x->kind == PM_MARK_END) {
			unsigned k = nopen;
			while (k > 0 && strcmp(r->markers[open[k - 1]].name, x->name))
				k--;
			if (k == 0)
				continue;
			m[open[k - 1]] = (long)i;
			memmove(&open[k - 1], &open[k], (nopen - k) * sizeof *open);
			nopen--;
		}
	}
	free(open);
	return m;
}

/* The END before index `lim` closing the BEGIN at b, or -1. */
static long match_end(const long *match, unsigned b, unsigned lim)
{
	return match[b] >= 0 && (unsigned long)match[b] < lim ? match[b] : -1;
}

static bool prefix(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static int cmp_devcb(const void *pa, const void *pb)
{
	const struct pm_report_devcb *a = pa, *b = pb;
	if (a->duration != b->duration)
		return a->duration > b->duration ? -1 : 1;
	if (a->start != b->start)
		return a->start < b->start ? -1 : 1;
	return strcmp(a->device, b->device);
}

/* The cycle's `dev:` intervals, the slowest PM_MARKERS_TOP_DEVCBS of each
 * phase, phases in the order their first callback began. */
static int cycle_devcbs(const struct pm_report *r, const long *match, unsigned b, unsigned e,
			struct pm_report_suspend_cycle *c)
{
	unsigned n = 0;
	for (unsigned i = b + 1; i < e; i++)
		n += r->markers[i].kind == PM_MARK_BEGIN && prefix(r->markers[i].name, "dev:");
	if (!n)
		return 0;
	struct pm_report_devcb *all = calloc(n, sizeof *all);
	c->devcbs = calloc(n, sizeof *c->devcbs);
	if (!all || !c->devcbs) {
		free(all);
		return -1;
	}
	n = 0;
	for (unsigned i = b + 1; i < e; i++) {
		const struct pm_report_marker *m = &r->markers[i];
		if (m->kind != PM_MARK_BEGIN || !prefix(m->name, "dev:"))
			continue;
		long j = match_end(match, i, e);
		if (j < 0)
			continue;
		struct pm_report_devcb *d = &all[n++];
		const char *ph = m->name + 4, *dev = strchr(ph, ':');
		size_t pl = dev ? (size_t)(dev - ph) : strlen(ph);
		if (pl >= sizeof d->phase)
			pl = sizeof d->phase - 1;
		memcpy(d->phase, ph, pl);
		snprintf(d->device, sizeof d->device, "%s", dev ? dev + 1 : "");
		d->start = m->time;
		d->duration = r->markers[j].time - m->time;
		d->result = (int32_t)r->markers[j].arg;
	}
	/* Phase by phase in order of appearance. */
	for (unsigned i = 0; i < n; i++) {
		bool seen = false;
		for (unsigned k = 0; k < i && !seen; k++)
			seen = !strcmp(all[k].phase, all[i].phase);
		if (seen)
			continue;
		unsigned first = c->ndevcbs;
		for (unsigned k = i; k < n; k++)
			if (!strcmp(all[k].phase, all[i].phase))
				c->devcbs[c->ndevcbs++] = all[k];
		qsort(&c->devcbs[first], c->ndevcbs - first, sizeof *c->devcbs, cmp_devcb);
		if (c->ndevcbs - first > PM_MARKERS_TOP_DEVCBS)
			c->ndevcbs = first + PM_MARKERS_TOP_DEVCBS;
	}
	free(all);
	return 0;
}

/* The phases, and the latencies' ends when the PMU did not suspend. */
static int cycle_phases(const struct pm_report *r, const long *match, unsigned b, unsigned e,
			struct pm_report_suspend_cycle *c, long *susp_end, long *res_begin)
{
	unsigned n = 0;
	long machine_end = -1, last_susp_end = -1, machine_begin = -1, first_res_begin = -1;
	for (unsigned i = b + 1; i < e; i++)
		n += r->markers[i].kind == PM_MARK_BEGIN && prefix(r->markers[i].name, "phase:");
	if (n && !(c->phases = calloc(n, sizeof *c->phases)))
		return -1;
	for (unsigned i = b + 1; i < e; i++) {
		const struct pm_report_marker *m = &r->markers[i];
		if (m->kind != PM_MARK_BEGIN || !prefix(m->name, "phase:"))
			continue;
		long j = match_end(match, i, e);
		if (j < 0)
			continue;
		const char *ph = m->name + 6;
		c->phases[c->nphases++] = (struct pm_report_phase){ ph, m->time,
								    r->markers[j].time - m->time };
		if (!strcmp(ph, "suspend_machine"))
			machine_end = j;
		if ((prefix(ph, "suspend") || prefix(ph, "freeze")) &&
		    (last_susp_end < 0 || r->markers[j].time >= r->markers[last_susp_end].time))
			last_susp_end = j;
		if (!strcmp(ph, "resume_machine") && machine_begin < 0)
			machine_begin = (long)i;
		if ((prefix(ph, "resume") || prefix(ph, "thaw")) && first_res_begin < 0)
			first_res_begin = (long)i;
	}
	*susp_end = machine_end >= 0 ? machine_end : last_susp_end;
	*res_begin = machine_begin >= 0 ? machine_begin : first_res_begin;
	return 0;
}

static int analyse_cycle(const struct pm_report *r, const long *match, unsigned b,
			 struct pm_report_suspend_cycle *c)
{
	const struct pm_report_marker *bm = &r->markers[b];
	long e = match_end(match, b, r->nmarkers);
	const struct pm_report_marker *em = e >= 0 ? &r->markers[e] : NULL;
	unsigned eidx = e >= 0 ? (unsigned)e : r->nmarkers;
	simtime_t end = em ? em->time : r->sim_time;

	c->state = bm->name + strlen("suspend:");
	c->test = prefix(c->state, "test-");
	c->ended = em != NULL;
	c->result = em ? (int32_t)em->arg : 0;
	c->begin = bm->time;
	c->end = end;

	/* The sleep: the PMU's first system-suspend entry in the cycle and
	 * the wake-up from it; without one, the core's first idle-state
	 * entry in suspend_machine and its last wake-up there (freeze and
	 * standby sleep in an idle state, s2idle perhaps several times). */
	const struct pm_report_pm_event *in = NULL, *out = NULL;
	for (unsigned i = 0; i < r->npm_events; i++) {
		const struct pm_report_pm_event *v = &r->pm_events[i];
		if (v->time < c->begin || v->time > end || v->idle_state)
			continue;
		if (!in && !v->resume)
			in = v;
		else if (in && v->resume) {
			out = v;
			break;
		}
	}
	for (unsigned i = 0; !in && i < r->npm_events; i++) {
		const struct pm_report_pm_event *v = &r->pm_events[i];
		if (v->time >= c->begin && v->time <= end && v->idle_state && !v->resume)
			in = v;
	}
	for (unsigned i = r->npm_events; in && in->idle_state && i-- > 0;) {
		const struct pm_report_pm_event *v = &r->pm_events[i];
		if (v->time >= in->time && v->time <= end && v->idle_state && v->resume) {
			out = v;
			break;
		}
	}
	c->sleep_state = in ? in->idle_state : NULL;
	long susp_end, res_begin;
	if (cycle_phases(r, match, b, eidx, c, &susp_end, &res_begin) ||
	    cycle_devcbs(r, match, b, eidx, c))
		return -1;
	c->suspended = in != NULL;
	if (in) {
		c->has_suspend_latency = true;
		c->suspend_latency = in->time - c->begin;
		c->suspend_j = in->energy_j - bm->energy_j;
		if (out) {
			c->suspended_time = out->time - in->time;
			c->wake_source = out->source;
			c->suspended_j = out->energy_j - in->energy_j;
			if (em) {
				c->has_resume_latency = true;
				c->resume_latency = end - out->time;
				c->resume_j = em->energy_j - out->energy_j;
			}
		}
	} else {
		if (susp_end >= 0) {
			c->has_suspend_latency = true;
			c->suspend_latency = r->markers[susp_end].time - c->begin;
			c->suspend_j = r->markers[susp_end].energy_j - bm->energy_j;
		}
		if (res_begin >= 0 && em) {
			c->has_resume_latency = true;
			c->resume_latency = end - r->markers[res_begin].time;
			c->resume_j = em->energy_j - r->markers[res_begin].energy_j;
		}
	}
	if (bm->idle_before) {
		c->has_idle_w = true;
		c->idle_w = bm->idle_before_j / ((double)bm->idle_before * 1e-12);
	}
	if (c->suspended && out && c->has_idle_w && c->has_resume_latency) {
		double ts = (double)c->suspended_time * 1e-12;
		double lat = (double)(c->suspend_latency + c->resume_latency) * 1e-12;
		c->saved_j = c->idle_w * ts - c->suspended_j;
		c->overhead_j = c->suspend_j + c->resume_j - c->idle_w * lat;
		double sw = ts > 0 ? c->suspended_j / ts : 0.0;
		if (c->idle_w > sw) {
			c->has_break_even = true;
			c->break_even_s = c->overhead_j > 0 ? c->overhead_j / (c->idle_w - sw) : 0.0;
		}
	}
	return 0;
}

int pm_markers_analyse(struct pm_report *r)
{
	unsigned n = 0;
	for (unsigned i = 0; i < r->nmarkers; i++)
		n += r->markers[i].kind == PM_MARK_BEGIN && prefix(r->markers[i].name, "suspend:");
	r->cycles = NULL;
	r->ncycles = 0;
	if (!n)
		return 0;
	long *match = match_all(r);
	if (!match || !(r->cycles = calloc(n, sizeof *r->cycles))) {
		free(match);
		return -1;
	}
	int rc = 0;
	for (unsigned i = 0; i < r->nmarkers && !rc; i++) {
		if (r->markers[i].kind != PM_MARK_BEGIN || !prefix(r->markers[i].name, "suspend:"))
			continue;
		rc = analyse_cycle(r, match, i, &r->cycles[r->ncycles++]);
	}
	free(match);
	return rc;
}

void pm_markers_free(struct pm_report *r)
{
	for (unsigned i = 0; i < r->ncycles; i++) {
		free(r->cycles[i].phases);
		free(r->cycles[i].devcbs);
	}
	free(r->cycles);
	r->cycles = NULL;
	r->ncycles = 0;
}
