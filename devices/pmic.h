/*
 * The pmsim PMIC's register front-end (docs/devices/pmic.md): enable,
 * set-point, operating mode and status of each of its regulators, and an interrupt when a
 * regulator reaches its set-point. The regulators themselves (ramps,
 * delays, efficiency) are pm/regulator.c; this is only their programming
 * interface.
 */
#ifndef PMSIM_PMIC_H
#define PMSIM_PMIC_H

#include <stdint.h>

#include "pm/regulator.h"
#include "sim/bus.h"
#include "sim/irq.h"
#include "sim/sched.h"

/* One interrupt bit per regulator. */
#define PMIC_MAX_REGULATORS 32u

/* Register offsets. */
enum {
	PMIC_ID = 0x000,
	PMIC_VERSION = 0x004,
	PMIC_NREG = 0x008,
	PMIC_IRQ_STATUS = 0x00c,
	PMIC_IRQ_ENABLE = 0x010,
	PMIC_REG_BASE = 0x100,   /* regulator n at PMIC_REG_BASE + n * PMIC_REG_STRIDE */
	PMIC_REG_STRIDE = 0x20,
	PMIC_REG_CTRL = 0x00,
	PMIC_REG_VSET = 0x04,
	PMIC_REG_STATUS = 0x08,
	PMIC_REG_VOUT = 0x0c,
	PMIC_REG_MODE = 0x10,
};

#define PMIC_ID_VALUE 0x504d4943u      /* "PMIC" */
#define PMIC_VERSION_VALUE 0x00010000u /* 1.0 */

#define PMIC_CTRL_EN (1u << 0)

/* MODE: bits 1:0 the mode asked for (RAIL_MODE_AUTO, _PWM, _PFM), bits
 * 5:4 the one the regulator runs in (read-only; 0 for an LDO). */
#define PMIC_MODE_SET_MASK 0x3u
#define PMIC_MODE_OP_SHIFT 4

#define PMIC_ST_ON (1u << 0)
#define PMIC_ST_RAMPING (1u << 1)
#define PMIC_ST_SETTLED (1u << 2)
#define PMIC_ST_ERR (1u << 3)
#define PMIC_ST_WAITING (1u << 4)

struct pmic;

/* Map the PMIC's 4 KiB of registers at `base`, programming rails[0..n-1]
 * (regulator index = position), raising `irq`. NULL if n is 0 or above
 * PMIC_MAX_REGULATORS, or if the window cannot be mapped. */
struct pmic *pmic_new(struct bus *bus, struct sched *s, uint32_t base,
		      struct pm_rail *const *rails, unsigned n, struct irq_line irq);
/* The PMIC subscribes to its rails and the rail API has no unsubscribe:
 * free it only when its rails will not change again (the SoC is being torn
 * down and frees the rail set too). */
void pmic_free(struct pmic *p);
/* Register state back to reset (the rails are reset by their own set). */
void pmic_reset(struct pmic *p);

#endif
