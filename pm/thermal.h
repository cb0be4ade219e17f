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
#include <stdio.h>

#include "sim/err.h"
#include "sim/sched.h"

struct soc;
struct thermal;

/* The hottest temperature the model represents (°C): a node, the ambient
 * or a trip beyond it is refused or stops the model with a diagnostic. */
#define THERMAL_MAX_CELSIUS 500.0

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
/* (Before the model's first step, the nodes start at the new ambient too:
 * the SoC is in equilibrium with its surroundings when the run starts.) */

/* Called after every step, once the nodes have their new temperatures:
 * a model whose power or state depends on a temperature follows it. */
typedef void (*thermal_step_fn)(void *opaque, simtime_t now);
int thermal_subscribe(struct thermal *th, thermal_step_fn fn, void *opaque);

/* ---- added to the interface above ---------------------------------- */

/* The SoC's thermal model from its `pmsim,thermal-rc` node (*out = NULL
 * without one), once every meter of the SoC exists; its first step is
 * scheduled. Returns -1 with `e` filled for a bad configuration. */
int thermal_create(struct soc *soc, struct thermal **out, struct err *e);
void thermal_free(struct thermal *th);

/* The step (`pmsim,step-us`) in picoseconds. */
simtime_t thermal_step_ps(const struct thermal *th);

/* Heat so far, up to the latest step (J): what the meters dissipated, what
 * the nodes hold above their start (Σ C_i ΔT_i) and what flowed to the
 * ambient. The first is the sum of the other two. */
struct thermal_heat {
	double dissipated_j, stored_j, to_ambient_j;
};
void thermal_heat(const struct thermal *th, struct thermal_heat *out);

/* Node `i`'s temperatures from the start to `now` (°C): the lowest and
 * highest of its steps, the mean weighted by the time each step's value
 * held, and the latest. */
struct thermal_stats {
	double min_c, mean_c, max_c, final_c;
};
void thermal_node_stats(const struct thermal *th, unsigned i, simtime_t now,
			struct thermal_stats *st);

/* ---- leakage ------------------------------------------------------ */

/* How leakage power grows with voltage and temperature (docs/power.md
 * "Temperature"): the subthreshold current rises exponentially with V
 * (drain-induced barrier lowering lowers the threshold) and doubles every
 * N °C, and P = V·I:
 *
 *   P = P_ref × (V / V_ref) × e^((V − V_ref) / V_s) × 2^((T − T_ref) / N)
 *
 * The cpu node gives V_s (`pmsim,leakage-voltage-slope-microvolt`), T_ref
 * (`pmsim,leakage-reference-millicelsius`) and N
 * (`pmsim,leakage-doubling-millicelsius`); the core, the power domains and
 * the peripherals share them (one process). */
struct thermal_leakage {
	double slope_v;        /* V_s, V (> 0) */
	double ref_c;          /* T_ref, °C */
	double doubling_c;     /* N, K (> 0) */
};

#define THERMAL_LEAK_SLOPE_UV 300000u
#define THERMAL_LEAK_REF_MC 25000
#define THERMAL_LEAK_DOUBLING_MC 20000u

/* P / P_ref at `v` volts (0: none) and `celsius`, for a leakage given at
 * `v_ref` volts (0: at any voltage, the temperature alone) and T_ref. */
double thermal_leakage_factor(const struct thermal_leakage *lk, double v, double v_ref,
			      double celsius);

/* The die's temperature (the first node) to the m°C, for a power that
 * depends on it, or `otherwise` without a model (th NULL). */
double thermal_die_celsius(const struct thermal *th, double otherwise);

/* The model and its zones as configured, for `pmsim info`. */
void thermal_describe(const struct thermal *th, FILE *f);

/* The model, its zones and the cooling devices at `now` for the report
 * (pm/tzone.h). Returns 0, or -1 out of memory. */
struct pm_report_thermal;
int thermal_report(struct thermal *th, simtime_t now, struct pm_report_thermal *t);


#endif
