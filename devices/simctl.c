/*
 * The simulator-control device (docs/devices/simctl.md,
 * firmware/include/pmsim_simctl.h): pmsim's own, in the spirit of gem5's
 * m5ops. The guest marks the beginning and end of intervals and instant
 * events by writing the address of a name; the device stamps each with
 * the simulated time and the energy drawn from the battery so far, and the
 * report turns them into interval statistics, a suspend/resume breakdown
 * in the manner of sleepgraph and PowerTOP's wake-up causes (pm/markers.c).
 *
 * Names are read at the write, byte by byte, through the core's view of
 * memory (the debugger's: a name still in the D-cache is what is read), so
 * that a marker never depends on cache maintenance the guest would not do
 * for anything else, and a buffer may be reused as soon as the write is
 * done. A name is 1 to 63 characters and a NUL; one that is longer, empty
 * or not in memory is refused with a diagnostic, as is an END whose name
 * has no open BEGIN. Names are interned: a marker costs its record, not a
 * copy of its name.
 *
 * Intervals nest: END closes the innermost open interval of its name (a
 * stack, so that recursion and overlapping intervals of different names
 * work). Per-name statistics are kept for every interval, also once the
 * marker list is full; the list keeps the first SIMCTL_MAX_MARKERS. Each
 * interval is also a sample of the SoC's latency series (kind "marker",
 * the name), for its percentiles and histogram (pm/latency.h).
 *
 * Every marker recorded goes on the trace stream too (component "marker",
 * variable "begin", "end" or "instant", value ARG, label the interned
 * name), so that one sink sees the guest's marks among the hardware's
 * transitions; refused markers do not.
 *
 * Besides the guest, the device listens to the trace stream for the PMU's
 * transitions (simctl_trace): system suspend entries and resumes are kept
 * for the suspend cycles, the core's time and energy in idle states
 * between cycles is the baseline of a cycle's saving, and a `timer:`
 * instant that is the first after a wake-up (before the next idle entry)
 * is counted as that wake-up's cause.
 *
 * No clock, no power domain, no power: the device is not part of the
 * simulated SoC's energy, and its registers answer at once.
 */
#include "devices/simctl.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../firmware/include/pmsim_simctl.h"
#include "pm/collect.h"
#include "pm/latency.h"
#include "pm/pmu.h"
#include "sim/dt.h"
#include "sim/err.h"
#include "sim/soc.h"

#define SIMCTL_MAX_OPEN 256     /* nesting depth of open intervals */
#define SIMCTL_MAX_NAMES 65536u /* distinct names */
#define SIMCTL_MAX_DIAGS 100    /* then one more saying the rest are left out */
#define SIMCTL_MAX_PM_EVENTS 100000u

struct simctl_open {
	const char *name;
	simtime_t t;
};

struct simctl {
	struct bus *bus;
	struct sched *sched;
	struct simctl_hooks h;
	struct trace *trace;     /* listened to, when created from a DT */
	struct trace *out;       /* told of every marker (simctl_set_trace) */

	uint32_t arg;

	/* Interned names: open addressing, capacity a power of two. */
	char **names;
	unsigned nnames, cap;

	struct pm_report_marker *m;
	unsigned nm, mcap, limit;
	uint64_t dropped;

	struct simctl_open open[SIMCTL_MAX_OPEN];
	unsigned nopen;

	struct pm_report_interval *iv;   /* by first END */
	unsigned niv, ivcap;
	struct lat_set *lat;             /* every interval, kind "marker" (NULL: none) */

	struct pm_report_pm_event *ev;
	unsigned nev, evcap;

	struct pm_report_count *tw;      /* timer wake-ups, names interned */
	unsigned ntw, twcap;

	/* The PMU as seen in the trace. */
	bool idle, suspended, wake_pending;
	unsigned machine_open;           /* open phase:suspend_machine intervals */
	char idle_state[32];             /* the idle state the core is in or was last */
	simtime_t idle_t;
	double idle_e;
	simtime_t idle_acc;              /* since the last cycle ended */
	double idle_acc_j;

	bool exited;
	int exit_status;
	unsigned ndiags;
	char last_diag[160];
};

/* ---- diagnostics --------------------------------------------------------- */

__attribute__((format(printf, 2, 3)))
static void simctl_diag(struct simctl *sc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(sc->last_diag, sizeof sc->last_diag, fmt, ap);
	va_end(ap);
	if (++sc->ndiags > SIMCTL_MAX_DIAGS + 1)
		return;
	if (sc->ndiags == SIMCTL_MAX_DIAGS + 1)
		snprintf(sc->last_diag, sizeof sc->last_diag,
			 "simctl: more than %d refused markers; the rest are not listed",
			 SIMCTL_MAX_DIAGS);
	if (sc->h.diag)
		sc->h.diag(sc->h.opaque, sc->last_diag);
}

/* ---- names --------------------------------------------------------------- */

static uint32_t simctl_hash(const char *s)
{
	uint32_t h = 2166136261u; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

static bool simctl_grow_names(struct simctl *sc)
{
	unsigned cap = sc->cap ? sc->cap * 2 : 256;
	char **t = calloc(cap, sizeof *t);
	if (!t)
		return false;
	for (unsigned i = 0; i < sc->cap; i++) {
		if (!sc->names[i])
			continue;
		uint32_t k = simctl_hash(sc->names[i]) & (cap - 1);
		while (t[k])
			k = (k + 1) & (cap - 1);
		t[k] = sc->names[i];
	}
	free(sc->names);
	sc->names = t;
	sc->cap = cap;
	return true;
}

/* The one copy of `s`; NULL when out of memory or names. */
static const char *simctl_intern(struct simctl *sc, const char *s)
{
	if ((sc->nnames + 1) * 2 > sc->cap && !simctl_grow_names(sc))
		return NULL;
	uint32_t k = simctl_hash(s) & (sc->cap - 1);
	for (; sc->names[k]; k = (k + 1) & (sc->cap - 1))
		if (!strcmp(sc->names[k], s))
			return sc->names[k];
	if (sc->nnames >= SIMCTL_MAX_NAMES)
		return NULL;
	char *c = strdup(s);
	if (!c)
		return NULL;
	sc->names[k] = c;
	sc->nnames++;
	return c;
}

/* Read the name at `addr` into buf (SIMCTL_NAME_MAX + 1 bytes). */
static bool simctl_read_name(struct simctl *sc, const char *what, uint32_t addr, char *buf)
{
	for (unsigned i = 0; i <= SIMCTL_NAME_MAX; i++) {
		uint8_t c;
		uint32_t a = addr + i;
		int bad = a < addr ? -1
			  : sc->h.mem_read ? sc->h.mem_read(sc->h.opaque, a, &c, 1)
			  : bus_peek(sc->bus, a, &c, 1) == BUS_OK ? 0 : -1;
		if (bad) {
			simctl_diag(sc, "simctl: %s marker name at 0x%08x: byte 0x%08x is not in "
				    "memory; marker dropped", what, addr, a);
			return false;
		}
		buf[i] = (char)c;
		if (!c) {
			if (i == 0) {
				simctl_diag(sc, "simctl: %s marker name at 0x%08x is empty; marker "
					    "dropped", what, addr);
				return false;
			}
			return true;
		}
	}
	buf[SIMCTL_NAME_MAX] = 0;
	simctl_diag(sc, "simctl: %s marker name at 0x%08x (\"%s...\") is longer than %d "
		    "characters; marker dropped", what, addr, buf, SIMCTL_NAME_MAX);
	return false;
}

/* ---- recording ----------------------------------------------------------- */

static double simctl_energy(struct simctl *sc, simtime_t now, bool settle)
{
	return sc->h.energy ? sc->h.energy(sc->h.opaque, now, settle) : 0.0;
}

/* Append to a growing array; false when out of memory. */
static bool simctl_room(void **a, unsigned n, unsigned *cap, size_t size)
{
	if (n < *cap)
		return true;
	unsigned c = *cap ? *cap * 2 : 64;
	void *p = realloc(*a, (size_t)c * size);
	if (!p)
		return false;
	*a = p;
	*cap = c;
	return true;
}

static void simctl_record(struct simctl *sc, enum pm_marker_kind kind, const char *name,
			  simtime_t now, double e)
{
	if (sc->nm >= sc->limit ||
	    !simctl_room((void **)&sc->m, sc->nm, &sc->mcap, sizeof *sc->m)) {
		sc->dropped++;
		return;
	}
	struct pm_report_marker *m = &sc->m[sc->nm++];
	*m = (struct pm_report_marker){ now, name, sc->arg, kind, e, 0, 0.0 };
	if (kind == PM_MARK_BEGIN && !strncmp(name, "suspend:", 8)) {
		m->idle_before = sc->idle_acc;
		m->idle_before_j = sc->idle_acc_j;
	}
}

static void simctl_interval(struct simctl *sc, const char *name, simtime_t d)
{
	struct pm_report_interval *v = NULL;
	lat_add(sc->lat, LAT_MARKER, name, d);
	for (unsigned i = 0; i < sc->niv; i++)
		if (sc->iv[i].name == name) {
			v = &sc->iv[i];
			break;
		}
	if (!v) {
		if (!simctl_room((void **)&sc->iv, sc->niv, &sc->ivcap, sizeof *sc->iv))
			return;
		v = &sc->iv[sc->niv++];
		*v = (struct pm_report_interval){ name, 0, 0, d, d };
	}
	v->count++;
	v->total += d;
	if (d < v->min)
		v->min = d;
	if (d > v->max)
		v->max = d;
}

static void simctl_timer_wake(struct simctl *sc, const char *name)
{
	const char *fn = name + strlen("timer:");
	for (unsigned i = 0; i < sc->ntw; i++)
		if (sc->tw[i].name == fn) {
			sc->tw[i].count++;
			return;
		}
	if (simctl_room((void **)&sc->tw, sc->ntw, &sc->twcap, sizeof *sc->tw))
		sc->tw[sc->ntw++] = (struct pm_report_count){ fn, 1 };
}

static void simctl_marker(struct simctl *sc, enum pm_marker_kind kind, uint32_t addr)
{
	static const char *const what[] = { "BEGIN", "END", "INSTANT" };
	char buf[SIMCTL_NAME_MAX + 1];
	simtime_t now = sched_now(sc->sched);
	const char *name;

	if (!simctl_read_name(sc, what[kind], addr, buf))
		goto drop;
	/* "timer:" with the callback's address in ARG: named from the
	 * image's symbols ("timer:0x..." when it has none). */
	if (kind == PM_MARK_INSTANT && !strcmp(buf, "timer:") && sc->arg) {
		const char *fn =
			sc->h.symbolize ? sc->h.symbolize(sc->h.opaque, sc->arg & ~1u) : NULL;
		if (fn)
			snprintf(buf, sizeof buf, "timer:%.*s", SIMCTL_NAME_MAX - 6, fn);
		else
			snprintf(buf, sizeof buf, "timer:0x%08x", sc->arg & ~1u);
	}
	if (!(name = simctl_intern(sc, buf))) {
		simctl_diag(sc, "simctl: %s \"%s\": no room for another marker name; marker "
			    "dropped", what[kind], buf);
		goto drop;
	}
	if (kind == PM_MARK_BEGIN) {
		if (sc->nopen >= SIMCTL_MAX_OPEN) {
			simctl_diag(sc, "simctl: BEGIN \"%s\": %d intervals are open already; "
				    "marker dropped", name, SIMCTL_MAX_OPEN);
			goto drop;
		}
		sc->open[sc->nopen++] = (struct simctl_open){ name, now };
		if (!strcmp(name, "phase:suspend_machine"))
			sc->machine_open++;
	} else if (kind == PM_MARK_END) {
		unsigned i = sc->nopen;
		while (i > 0 && sc->open[i - 1].name != name)
			i--;
		if (i == 0) {
			simctl_diag(sc, "simctl: END \"%s\" without a BEGIN; marker dropped", name);
			goto drop;
		}
		simctl_interval(sc, name, now - sc->open[i - 1].t);
		memmove(&sc->open[i - 1], &sc->open[i], (sc->nopen - i) * sizeof sc->open[0]);
		sc->nopen--;
		if (!strcmp(name, "phase:suspend_machine"))
			sc->machine_open--;
		if (!strncmp(name, "suspend:", 8)) {
			sc->idle_acc = 0;
			sc->idle_acc_j = 0.0;
		}
	} else if (!strncmp(name, "timer:", 6) && sc->wake_pending) {
		sc->wake_pending = false;
		simctl_timer_wake(sc, name);
	}
	simctl_record(sc, kind, name, now, simctl_energy(sc, now, true));
	static const char *const var[] = { "begin", "end", "instant" };
	trace_state(sc->out, now, "marker", var[kind], sc->arg, name);
	sc->arg = 0;
	return;
drop:
	sc->dropped++;
	sc->arg = 0;
}

/* ---- the PMU, from the trace stream -------------------------------------- */

static void simctl_pm_event(struct simctl *sc, simtime_t t, bool resume, const char *idle)
{
	const char *src = NULL;
	if (resume && sc->h.wake_source) {
		const char *s = sc->h.wake_source(sc->h.opaque);
		if (s && *s)
			src = simctl_intern(sc, s);
	}
	if (sc->nev < SIMCTL_MAX_PM_EVENTS &&
	    simctl_room((void **)&sc->ev, sc->nev, &sc->evcap, sizeof *sc->ev))
		sc->ev[sc->nev++] = (struct pm_report_pm_event){
			t, resume, simctl_energy(sc, t, false), src, idle ? simctl_intern(sc, idle) : NULL
		};
}

void simctl_trace(void *opaque, simtime_t t, const char *component, const char *var,
		  int64_t value, const char *label)
{
	struct simctl *sc = opaque;
	if (!strcmp(component, "soc") && !strcmp(var, "suspend")) {
		/* The core's idle-state entry comes first at the same instant:
		 * that sleep is suspend, not idle. */
		sc->suspended = value != 0;
		if (sc->suspended)
			sc->idle = false;
		simctl_pm_event(sc, t, !sc->suspended, NULL);
	} else if (!strcmp(component, "cpu0") && !strcmp(var, "cstate")) {
		/* freeze and standby sleep in an idle state, in suspend_machine. */
		if (sc->machine_open && !sc->suspended)
			simctl_pm_event(sc, t, value == 0, value > 0 ? label : sc->idle_state);
		if (value > 0)
			snprintf(sc->idle_state, sizeof sc->idle_state, "%s", label ? label : "?");
		if (value > 0) {
			sc->idle = true;
			sc->idle_t = t;
			sc->idle_e = simctl_energy(sc, t, false);
			sc->wake_pending = false;
		} else {
			if (sc->idle) {
				sc->idle_acc += t - sc->idle_t;
				sc->idle_acc_j += simctl_energy(sc, t, false) - sc->idle_e;
			}
			sc->idle = false;
			sc->wake_pending = true;
		}
	}
}

/* ---- registers ----------------------------------------------------------- */

static int simctl_read(void *opaque, uint32_t off, unsigned size, uint32_t *val)
{
	struct simctl *sc = opaque;
	(void)size;
	switch (off) {
	case SIMCTL_ID: *val = SIMCTL_ID_VALUE; break;
	case SIMCTL_ARG: *val = sc->arg; break;
	default: *val = 0; break; /* write-only and reserved registers */
	}
	return BUS_OK;
}

static int simctl_write(void *opaque, uint32_t off, unsigned size, uint32_t val)
{
	struct simctl *sc = opaque;
	(void)size;
	switch (off) {
	case SIMCTL_ARG: sc->arg = val; break;
	case SIMCTL_BEGIN: simctl_marker(sc, PM_MARK_BEGIN, val); break;
	case SIMCTL_END: simctl_marker(sc, PM_MARK_END, val); break;
	case SIMCTL_INSTANT: simctl_marker(sc, PM_MARK_INSTANT, val); break;
	case SIMCTL_EXIT:
		sc->exited = true;
		sc->exit_status = (int)val;
		if (sc->h.exit)
			sc->h.exit(sc->h.opaque, (int)val);
		break;
	case SIMCTL_STATS:
		/* Only the device's own statistics: the energy meters integrate
		 * the whole run and are not reset. */
		if (val == SIMCTL_STATS_RESET) {
			sc->niv = 0;
			sc->ntw = 0;
		}
		break;
	default: break;
	}
	return BUS_OK;
}

static const struct bus_ops simctl_ops = {
	.name = "simctl",
	.sizes = BUS_SIZE_32,
	.read = simctl_read,
	.write = simctl_write,
};

/* ---- lifetime and results ------------------------------------------------ */

struct simctl *simctl_new(struct bus *bus, struct sched *sched, uint32_t base,
			  const struct simctl_hooks *hooks)
{
	struct simctl *sc = calloc(1, sizeof *sc);
	if (!sc)
		return NULL;
	sc->bus = bus;
	sc->sched = sched;
	if (hooks)
		sc->h = *hooks;
	sc->limit = SIMCTL_MAX_MARKERS;
	if (bus_add_mmio(bus, "simctl", base, 0x1000, &simctl_ops, sc) < 0) {
		free(sc);
		return NULL;
	}
	return sc;
}

void simctl_free(struct simctl *sc)
{
	if (!sc)
		return;
	for (unsigned i = 0; i < sc->cap; i++)
		free(sc->names[i]);
	free(sc->names);
	free(sc->m);
	free(sc->iv);
	free(sc->ev);
	free(sc->tw);
	free(sc);
}

void simctl_reset(struct simctl *sc)
{
	sc->arg = 0;
}

void simctl_set_limit(struct simctl *sc, unsigned n)
{
	sc->limit = n;
}

void simctl_set_trace(struct simctl *sc, struct trace *t)
{
	sc->out = t;
}

bool simctl_exited(const struct simctl *sc, int *status)
{
	if (sc->exited && status)
		*status = sc->exit_status;
	return sc->exited;
}

unsigned simctl_diags(const struct simctl *sc)
{
	return sc->ndiags;
}

const char *simctl_last_diag(const struct simctl *sc)
{
	return sc->last_diag;
}

static int simctl_cmp_interval(const void *pa, const void *pb)
{
	const struct pm_report_interval *a = pa, *b = pb;
	return strcmp(a->name, b->name);
}

static int simctl_cmp_count(const void *pa, const void *pb)
{
	const struct pm_report_count *a = pa, *b = pb;
	return strcmp(a->name, b->name);
}

void simctl_report(struct simctl *sc, struct pm_report *r)
{
	if (sc->niv)
		qsort(sc->iv, sc->niv, sizeof *sc->iv, simctl_cmp_interval);
	if (sc->ntw)
		qsort(sc->tw, sc->ntw, sizeof *sc->tw, simctl_cmp_count);
	r->markers = sc->m;
	r->nmarkers = sc->nm;
	r->markers_dropped = sc->dropped;
	r->intervals = sc->iv;
	r->nintervals = sc->niv;
	r->pm_events = sc->ev;
	r->npm_events = sc->nev;
	r->timer_wakeups = sc->tw;
	r->ntimer_wakeups = sc->ntw;
}

/* ---- device-tree binding ------------------------------------------------- */

static int simctl_mem_read(void *opaque, uint32_t addr, void *buf, uint32_t len)
{
	struct soc *soc = opaque;
	if (soc->cpu)
		return cpu_debug_read(soc->cpu, addr, buf, len);
	return bus_peek(&soc->bus, addr, buf, len) == BUS_OK ? 0 : -1;
}

static void simctl_soc_exit(void *opaque, int status)
{
	struct soc *soc = opaque;
	soc->exit_requested = true;
	soc->exit_status = status;
	if (soc->cpu)
		cpu_request_stop(soc->cpu);
}

static void simctl_soc_diag(void *opaque, const char *msg)
{
	soc_diag(opaque, "%s", msg);
}

static double simctl_soc_energy(void *opaque, simtime_t now, bool settle)
{
	return pm_energy_now(opaque, now, settle);
}

static const char *simctl_soc_wake_source(void *opaque)
{
	struct soc *soc = opaque;
	return soc->pmu ? pmu_last_wake(soc->pmu) : NULL;
}

static const char *simctl_soc_symbolize(void *opaque, uint32_t addr)
{
	struct soc *soc = opaque;
	return soc->symbolize ? soc->symbolize(soc->symbolize_opaque, addr) : NULL;
}

static int simctl_create(struct soc *soc, const struct dt_node *node, void **state,
			 struct err *e)
{
	uint32_t base, size;
	if (dt_reg(node, 0, &base, &size, e) < 0)
		return -1;
	if (size < 0x1000)
		return errf(e, "%s: reg size 0x%x is smaller than the simulator-control "
			    "device's 4 KiB register block", node->path, size);
	struct simctl_hooks h = { simctl_mem_read,	   simctl_soc_energy,
				  simctl_soc_exit,	   simctl_soc_diag,
				  simctl_soc_wake_source, simctl_soc_symbolize, soc };
	struct simctl *sc = simctl_new(&soc->bus, &soc->sched, base, &h);
	if (!sc)
		return errf(e, "%s: cannot map the simulator-control device at 0x%08x "
			    "(overlaps another region?)", node->path, base);
	if (trace_add_sink(&soc->trace, (struct trace_sink){ simctl_trace, sc }) < 0) {
		simctl_free(sc);
		return errf(e, "%s: no room in the trace stream for another listener",
			    node->path);
	}
	sc->trace = &soc->trace;
	sc->lat = soc->lat;
	simctl_set_trace(sc, &soc->trace);
	*state = sc;
	return 0;
}

static void simctl_destroy(void *state)
{
	struct simctl *sc = state;
	if (sc->trace)
		trace_remove_sink(sc->trace, sc);
	simctl_free(sc);
}

static void simctl_type_reset(void *state)
{
	simctl_reset(state);
}

const struct dev_type simctl_dev_type = {
	.compatible = "pmsim,simctl",
	.create = simctl_create,
	.destroy = simctl_destroy,
	.reset = simctl_type_reset,
};
