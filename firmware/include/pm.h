/*
 * A small power-management library for guest firmware on the default SoC:
 * operating points (DVFS), idle states with warm boot, system suspend,
 * the DRAM's self-refresh and a microsecond clock (firmware/lib/pm.c).
 */
#ifndef PMSIM_GUEST_PM_H
#define PMSIM_GUEST_PM_H

#include <stdbool.h>
#include <stdint.h>

#include "pmsim_soc.h"

struct pm_opp {
	uint32_t hz, uv;
	uint8_t mult;  /* PLL multiplier from the 25 MHz oscillator; 0 = the oscillator */
};

#define PM_NOPPS 5
extern const struct pm_opp pm_opps[PM_NOPPS];

/* Open the timer's clock and start TIMER0's second timer free-running at
 * 24 MHz: pm_ticks() then counts up. */
void pm_clock_init(void);
static inline uint32_t pm_ticks(void)
{
	return ~TIMER_VALUE(1);
}
#define PM_TICKS_PER_US (TIMER_HZ / 1000000u)

/* Switch to operating point `i`: voltage first going up, frequency first
 * going down, the core on the oscillator while the PLL relocks. */
void pm_set_opp(unsigned i);
unsigned pm_opp(void);

/* Raise TIMER0's interrupt (IRQ_TIMER0) `us` from now. */
void pm_wake_after_us(uint32_t us);
/* Acknowledge it (call from the handler). */
void pm_wake_ack(void);

/* Sleep in idle state `state` (IDLE_WFI, IDLE_RETENTION, IDLE_POWER_OFF)
 * until an interrupt; returns true if the core came back through the
 * warm-boot vector (its registers, caches and NVIC were lost and have
 * been restored from memory). The D-cache is cleaned before a power-off. */
bool pm_idle(unsigned state);

/* Clean (write back) the whole D-cache. */
void pm_dcache_clean_all(void);

/* Command the DRAM into self-refresh and wait until it is there. */
void pm_dram_self_refresh(void);

/* Suspend the SoC until the RTC alarm in `seconds` (the DRAM in
 * self-refresh first); the core comes back through the reset vector, so
 * this returns only if the suspend was refused. */
void pm_suspend_until_rtc(uint32_t seconds);

#endif
