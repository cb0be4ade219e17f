/*
 * pmsim's LPDDR controller (drivers/memory/pmsim-dramc.c; the hardware:
 * docs/devices/dramc.md): what the system-suspend path asks of it.
 *
 * The DRAM keeps its data through a system suspend only in
 * self-refresh. The PMU driver's suspend path, with interrupts off and
 * after writing back the D-cache over DRAM, calls
 * pmsim_dramc_enter_self_refresh(), then powers down; on resume it calls
 * pmsim_dramc_exit_self_refresh() before anything touches DRAM again (an
 * access would wake the memory anyway, paying tXS), and
 * pmsim_dramc_contents_lost() tells whether the data survived.
 *
 * Each acts on every registered controller; with none (the MCU has no
 * DRAM) they return -ENODEV and false, and there is nothing to do. They
 * do not sleep: callable with interrupts off.
 */
#ifndef _MEMORY_PMSIM_DRAMC_H
#define _MEMORY_PMSIM_DRAMC_H

#include <linux/types.h>

/* Self-refresh now, waiting until the memory is in it (an access in
 * progress finishes first): 0, -ENODEV, or -ETIMEDOUT after 1 ms. */
int pmsim_dramc_enter_self_refresh(void);
/* Out of self-refresh (the memory is busy for tXS after): 0 or -ENODEV. */
int pmsim_dramc_exit_self_refresh(void);
/* Whether a controller's memory lost its data (its rail went down) since
 * the last call; clears the controller's sticky STATUS.LOST. */
bool pmsim_dramc_contents_lost(void);

/* For the warm boot of suspend to RAM, which runs before the kernel's
 * memory (this driver's list included) is back: per controller, the
 * register write that takes the memory out of self-refresh (ctrl = value)
 * and the register and bit that say its contents were lost (status &
 * lost). The number of controllers filled in, at most max. */
struct pmsim_dramc_warm {
	u32 ctrl, ctrl_exit;
	u32 status, status_lost;
};
unsigned int pmsim_dramc_warm_info(struct pmsim_dramc_warm *w, unsigned int max);

#endif
