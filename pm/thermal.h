/*
 * The thermal model (docs/power.md "Temperature"): an RC network of
 * thermal nodes (the die, the package, the board) from a
 * `pmsim,thermal-rc` node of the device tree, each with its heat capacity
 * and its thermal resistance to the next one, the last to the ambient.
 * Every joule the SoC's meters account heats the node that dissipates it;
 * the network advances in fixed steps of simulated time, from the energy
 * each node's meters accounted over the step.
 *
 * Consumers: leakage that grows with the die's temperature (the PMU),
 * temperature sensors (devices/tsens.c), the report's thermal zones.
 */
#ifndef PMSIM_PM_THERMAL_H
#define PMSIM_PM_THERMAL_H

#include <stdbool.h>

#include "sim/sched.h"

struct thermal;

/* The number of nodes, and node `i`'s name ("die", "package", "board"). */
unsigned thermal_nodes(const struct thermal *th);
const char *thermal_node_name(const struct thermal *th, unsigned i);
/* The index of the node called `name`, or -1. */
int thermal_node_index(const struct thermal *th, const char *name);

/* Node `i`'s temperature in °C as of the latest step (the model moves in
 * steps; between two it holds). */
double thermal_celsius(const struct thermal *th, unsigned i);
double thermal_ambient_celsius(const struct thermal *th);

/* The ambient temperature from `now` on (the CLI's --ambient, a
 * scenario). */
void thermal_set_ambient(struct thermal *th, simtime_t now, double celsius);

/* Called after every step, once the nodes have their new temperatures:
 * a model whose power or state depends on a temperature follows it. */
typedef void (*thermal_step_fn)(void *opaque, simtime_t now);
int thermal_subscribe(struct thermal *th, thermal_step_fn fn, void *opaque);

#endif
