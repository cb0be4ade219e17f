/*
 * The clock tree: oscillators, PLLs, dividers, muxes and gates, built from
 * the device tree, with rate changes propagated to every consumer.
 *
 * Providers: `fixed-clock` nodes (Linux binding) and the clock management
 * unit (`pmsim,cmu`, docs/devices/cmu.md), whose outputs are indexed by
 * one clock cell. The whole tree is built before any device is created,
 * so a consumer can take its clocks in any order. The CMU's registers
 * (devices/cmu.c) program the tree through the setters below; so can the
 * power-management unit (suspend stops the PLLs).
 *
 * Consumers take a handle with clk_get() and subscribe to its changes:
 * the callback runs at the simulated time the new rate takes effect
 * (after a PLL relock, for instance), with 0 meaning stopped (gated, or
 * an ancestor stopped or unlocked).
 */
#ifndef PMSIM_PM_CLOCK_H
#define PMSIM_PM_CLOCK_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "sim/err.h"
#include "sim/sched.h"
#include "sim/trace.h"

struct clk;
struct clk_tree;
struct pm_meter;

typedef void (*clk_notify_fn)(void *opaque, simtime_t now, uint64_t hz);

/* Build the tree of every clock provider in `fdt` (the tree keeps the
 * pointer; the caller keeps the blob alive). `t` may be NULL. Errors name
 * the node and property. */
struct clk_tree *clk_tree_new(const void *fdt, struct sched *s, struct trace *t,
			      struct err *e);
void clk_tree_free(struct clk_tree *t);
/* Back to the reset configuration (notifying consumers of changes). */
void clk_tree_reset(struct clk_tree *t);

/* Entry `idx` of the `clocks` property of the node at `node_off`. */
struct clk *clk_get(struct clk_tree *t, int node_off, unsigned idx, struct err *e);
/* The clock named `name` in the node's `clock-names`, or NULL. */
struct clk *clk_get_by_name(struct clk_tree *t, int node_off, const char *name,
			    struct err *e);

uint64_t clk_rate(const struct clk *c);   /* now; 0 when stopped */
const char *clk_name(const struct clk *c); /* for reports and messages */

/* Call fn whenever the clock's effective rate changes. -1 if out of
 * memory. */
int clk_subscribe(struct clk *c, clk_notify_fn fn, void *opaque);

/* Energy: the tree's own meters (PLLs, oscillators), to attach to rails
 * and list in reports; count, then each by index. */
unsigned clk_tree_meters(const struct clk_tree *t);
struct pm_meter *clk_tree_meter(struct clk_tree *t, unsigned i);
/* One line for `pmsim info`: the power of every oscillator and PLL. */
void clk_tree_describe(const struct clk_tree *t, FILE *f);

/* System suspend: stop every PLL (consumers see their rates drop) and
 * bring them back, relocking, at resume. clk_tree_resume returns the
 * absolute simulated time at which every PLL is locked again (sched_now()
 * if none is enabled); minus sched_now() it is the wake-up latency. */
void clk_tree_suspend(struct clk_tree *t);
simtime_t clk_tree_resume(struct clk_tree *t);

/* Stop calling fn(opaque) (a model going away). */
void clk_unsubscribe(struct clk *c, clk_notify_fn fn, void *opaque);

/* ---- Programming the CMU's outputs (devices/cmu.c, the PMU, DVFS) ----
 * docs/devices/cmu.md describes each kind. Every setter takes effect at
 * sched_now() and propagates at once; a refused setting changes nothing. */

enum clk_kind { CLK_FIXED, CLK_PLL, CLK_MUX, CLK_DIV, CLK_GATE };

/* Output `idx` (the clock cell) of the provider node at `node_off`, or
 * NULL. A fixed-clock has the one output 0. */
struct clk *clk_provider_output(struct clk_tree *t, int node_off, unsigned idx);
enum clk_kind clk_kind(const struct clk *c);

/* PLL: output = parent * mult / div once locked. Enabling, or changing
 * mult/div while enabled, relocks (output 0 for the lock time). -1
 * (refused) when enabling with mult or div 0 or above its maximum, or at
 * an output outside the PLL's [min, max] at the present reference rate.
 * Disabling always succeeds and stores mult/div as given. */
int clk_pll_set(struct clk *c, bool enable, uint32_t mult, uint32_t div);
void clk_pll_config(const struct clk *c, bool *enable, uint32_t *mult, uint32_t *div);
bool clk_pll_locked(const struct clk *c);

/* Glitch-free mux: the switch takes effect at once. -1: no such input. */
int clk_mux_select(struct clk *c, unsigned sel);
unsigned clk_mux_selected(const struct clk *c);
unsigned clk_num_parents(const struct clk *c);

/* Integer divider: -1 when div is 0 or above the divider's maximum. */
int clk_div_set(struct clk *c, uint32_t div);
uint32_t clk_div_get(const struct clk *c);

void clk_gate_set(struct clk *c, bool on);
bool clk_gate_get(const struct clk *c);

#endif
