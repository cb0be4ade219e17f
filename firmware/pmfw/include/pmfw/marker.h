/*
 * Trace markers for pmsim (kernel/trace/marker.c): named spans and
 * instants written to the simulator's trace-marker device
 * (`pmsim,simctl`, firmware/include/pmsim_simctl.h), so that a trace of
 * the run shows the guest's phases beside the hardware's events. Without
 * such a node in the device tree they do nothing.
 *
 * The name is passed by address: it must stay valid until the device
 * has read it (the write itself; a name built in a buffer must live until
 * the matching end).
 */
#ifndef _PMFW_MARKER_H
#define _PMFW_MARKER_H

#include <linux/types.h>

void pm_marker_begin(const char *name);
void pm_marker_end(const char *name, int arg);
void pm_marker_instant(const char *name, int arg);
/* The device was found (markers reach the simulator). */
bool pm_marker_enabled(void);

#endif
