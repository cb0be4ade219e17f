/*
 * pmsim's clock management unit: the register front-end of the clock
 * tree's CMU outputs (PLLs, muxes, dividers, gates), with a PLL-lock
 * interrupt. docs/devices/cmu.md is the programmer's model.
 */
#ifndef PMSIM_CMU_H
#define PMSIM_CMU_H

#include <stdint.h>

#include "pm/clock.h"
#include "sim/bus.h"
#include "sim/err.h"
#include "sim/irq.h"
#include "sim/sched.h"
#include "sim/soc.h"

struct cmu;

/* Map the CMU whose outputs `tree` built from the `pmsim,cmu` node at
 * `node_off`, at `base` (4 KiB), raising `irq` on a PLL lock. NULL with e
 * filled on failure. */
struct cmu *cmu_new(struct bus *bus, struct sched *sched, struct clk_tree *tree, int node_off,
		    uint32_t base, struct irq_line irq, struct err *e);
void cmu_free(struct cmu *c);
/* Registers and the outputs they control back to their reset values
 * (clk_tree_reset), the interrupt low. */
void cmu_reset(struct cmu *c);
/* The power domain changed state (see struct dev_type in sim/soc.h). */
void cmu_set_power(struct cmu *c, enum pd_state st);

#endif
