/*
 * The simulator-control device (docs/devices/simctl.md): guest trace
 * markers with the simulated time and the energy so far, exit, and a
 * reset of the marker statistics — in the spirit of gem5's m5ops.
 */
#ifndef PMSIM_SIMCTL_H
#define PMSIM_SIMCTL_H

#include <stdbool.h>
#include <stdint.h>

#include "pm/report.h"
#include "sim/bus.h"
#include "sim/sched.h"
#include "sim/soc.h"

struct simctl;

/* What the device needs from the machine around it. Every member is
 * optional; without one the device reads names with bus_peek, records an
 * energy of 0, only remembers an exit (simctl_exit_status) and keeps its
 * diagnostics to itself (simctl_last_diag). */
struct simctl_hooks {
	/* Guest memory as the core sees it: 0, or -1 if a byte is not there. */
	int (*mem_read)(void *opaque, uint32_t addr, void *buf, uint32_t len);
	/* The energy at the battery at `now`; `settle` asks for the models'
	 * lazily charged energy to be brought up to date first (false inside
	 * a trace callback, where the models are halfway through a change). */
	double (*energy)(void *opaque, simtime_t now, bool settle);
	void (*exit)(void *opaque, int status);
	void (*diag)(void *opaque, const char *msg);
	/* What woke the SoC from suspend, as the report's wake-ups name it. */
	const char *(*wake_source)(void *opaque);
	/* The guest function at an address, from the image's symbols (NULL:
	 * unknown): names a `timer:` instant that gives only an address. */
	const char *(*symbolize)(void *opaque, uint32_t addr);
	void *opaque;
};

/* The default bound of the marker list; later markers are counted only. */
#define SIMCTL_MAX_MARKERS 100000u

/* Map the device at `base` (4 KiB). NULL if out of memory or the range is
 * already mapped. */
struct simctl *simctl_new(struct bus *bus, struct sched *sched, uint32_t base,
			  const struct simctl_hooks *hooks);
void simctl_free(struct simctl *sc);
/* ARG to 0; the recorded markers and statistics are the run's and stay. */
void simctl_reset(struct simctl *sc);
/* Keep at most `n` markers (tests). */
void simctl_set_limit(struct simctl *sc, unsigned n);
/* Put every marker recorded on `t` (NULL: nowhere; a SoC's device does it
 * on the SoC's stream): ("marker", "begin" / "end" / "instant", the ARG
 * latched, the name, interned for the device's life). Refused markers
 * are not told; those past the list's limit are, as they count. */
void simctl_set_trace(struct simctl *sc, struct trace *t);

/* The PMU's transitions, from the trace stream: the core entering an idle
 * state (idle > 0) or waking (idle == 0), and system suspend entry and
 * resume. */
void simctl_trace(void *sc, simtime_t t, const char *component, const char *var,
		  int64_t value, const char *label);

extern const struct dev_type simctl_dev_type;

/* Results. */
bool simctl_exited(const struct simctl *sc, int *status);
unsigned simctl_diags(const struct simctl *sc);
const char *simctl_last_diag(const struct simctl *sc);

/* Fill the marker part of a report (markers, intervals, PMU events, timer
 * wake-ups); the arrays stay owned by the device. */
void simctl_report(struct simctl *sc, struct pm_report *r);

#endif
