/*
 * The PMU's platform operations (drivers/pmdomain/pmsim/pmu.c;
 * docs/devices/pmu.md), what cpuidle and the suspend sequence build on:
 * the core's idle states as the PMU enters them, and the interrupt lines
 * that wake the SoC from suspend. Entering a state that powers the core
 * off, and system suspend itself, need the warm-boot path (the context
 * saved in always-on memory, the WARMBOOT vector): those come with
 * cpuidle's and suspend's drivers.
 */
#ifndef _SOC_PMSIM_PMU_H
#define _SOC_PMSIM_PMU_H

#include <linux/types.h>

enum pmsim_idle_mode {
	PMSIM_IDLE_CLOCK_GATE, /* everything kept */
	PMSIM_IDLE_RETENTION,  /* everything kept, at a lowered voltage */
	PMSIM_IDLE_POWER_OFF,  /* registers and caches lost: warm boot */
};

/* The core's idle states the PMU knows (the cpu node's
 * cpu-idle-states, in order): their number (0 without a PMU), and each
 * one's pmsim,idle-mode. */
unsigned int pmsim_pmu_num_idle_states(void);
enum pmsim_idle_mode pmsim_pmu_idle_mode(unsigned int index);

/* Enter idle state `index` with a WFI (state 0: SLEEPDEEP clear; deeper:
 * SLEEPDEEP with LPMODE = index) and return when an interrupt is pending
 * (the caller masks interrupts, as cpuidle enters states; the interrupt
 * is taken when it unmasks them). 0; -EINVAL for a state that does not
 * exist; -EOPNOTSUPP for a power-off state (the warm-boot path is
 * cpuidle's); -ENODEV without a PMU. */
int pmsim_pmu_enter_idle(unsigned int index);

/* Copy the interrupt lines armed for wake-up (enable_irq_wake) into the
 * PMU's WAKE_EN, for a suspend: the mask written. */
u32 pmsim_pmu_arm_wakeups(void);
/* WAKE_EN = 0 (after a suspend). */
void pmsim_pmu_disarm_wakeups(void);
/* WAKE_STATUS, cleared: the lines that woke the SoC from suspend. */
u32 pmsim_pmu_wake_status(void);

/* The PMU's always-on counter (AON_COUNT; it counts the PMU's clock through
 * every idle state and suspend): its rate in Hz (0: the PMU has none, and
 * the counts read 0), its count now, the counts it latched when the core
 * last went to sleep (any WFI or suspend) and last woke (the wake-up
 * event, before any exit latency), and a number of its ticks in µs. */
unsigned long pmsim_pmu_aon_rate(void);
u32 pmsim_pmu_aon_count(void);
u32 pmsim_pmu_sleep_count(void);
u32 pmsim_pmu_wake_count(void);
u64 pmsim_pmu_aon_to_us(u32 ticks);

#endif
