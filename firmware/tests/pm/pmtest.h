/*
 * Helpers for the power-management guest tests (firmware/tests/pm/,
 * tests/pm.cmake): a CHECK macro, the DWT cycle counter, a vector table in
 * RAM, and a power-off path of their own (pmtest.c) that, unlike pm_idle,
 * neither cleans the D-cache nor restores anything before the test has
 * looked: its warm-boot code reads TIMER0 as its very first load and
 * records what the SCS looked like when it first ran.
 */
#ifndef PMSIM_PM_TEST_H
#define PMSIM_PM_TEST_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "pm.h"

#include "guest_check.h"

#define DWT_LAR REG32(0xe0001fb0u)
#define SCB_CCSIDR REG32(0xe000ed80u)
#define SCB_CSSELR REG32(0xe000ed84u)
#define SCB_ICIALLU REG32(0xe000ef50u)
#define SCB_DCISW REG32(0xe000ef60u)
#define MPU_CTRL REG32(0xe000ed94u)
#define MPU_RNR REG32(0xe000ed98u)
#define MPU_RBAR REG32(0xe000ed9cu)
#define MPU_RASR REG32(0xe000eda0u)
#define TIMER_VALUE0_ADDR (TIMER0_BASE + 0x04)
#define PMIC_IRQ_STATUS REG32(PMIC_BASE + 0x00c)
#define PMIC_RAMPING (1u << 1)
#define DRAMC_TXP REG32(DRAMC_BASE + 0x01c)
#define DRAMC_TXS REG32(DRAMC_BASE + 0x020)
#define DRAMC_PD_ENTRIES REG32(DRAMC_BASE + 0x018)
#define DRAMC_STATUS_LOST (1u << 8)

static inline void pt_barrier(void)
{
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

/* Start DWT CYCCNT from 0. */
static inline void pt_cyccnt_start(void)
{
	DWT_LAR = 0xc5acce55u;
	DEMCR |= 1u << 24; /* TRCENA */
	DWT_CYCCNT = 0;
	DWT_CTRL |= 1u;    /* CYCCNTENA */
}

static inline void pt_icache_on(void)
{
	pt_barrier();
	SCB_ICIALLU = 0;
	pt_barrier();
	SCB_CCR |= CCR_IC;
	pt_barrier();
}

/* Invalidate the whole D-cache by set/way (its contents are unknown after
 * reset), then turn it on. */
void pt_dcache_on(void);

/* The vector table in RAM (VTOR), IRQs 0..47. */
extern uint32_t pt_vectors[64];
void pt_vectors_install(void);
static inline void pt_set_irq_handler(unsigned irq, void (*fn)(void))
{
	pt_vectors[16 + irq] = (uint32_t)(uintptr_t)fn;
}

/*
 * TIMER0's timer 1 as a latency probe: free-running (not one-shot), so that
 * after reaching zero at its expiry it wraps to 0xffffffff and goes on
 * counting the same 24 MHz edges. Value then says how many edges passed
 * since the expiry: (0 - Value) mod 2^32. pt_probe_arm(n) makes it expire
 * n + 1 edges after the Load write (docs/devices/sp804.md), interrupting.
 */
void pt_probe_arm(uint32_t load);
static inline uint32_t pt_ticks_since_expiry(uint32_t value)
{
	return 0u - value;
}

/* The probe's interrupt handler: its first load reads TIMER0's Value into
 * pt_isr_value; it then stops the timer and counts into pt_isr_count. */
void pt_probe_isr(void);
extern volatile uint32_t pt_isr_value, pt_isr_count;

/* ---- power-off with a warm boot of the test's own ---------------------- */

/* What the warm-boot code saw before touching anything. */
struct pt_warm_seen {
	uint32_t timer_value; /* TIMER0 Value, the first load after the wake-up */
	uint32_t vtor, iser0, iser1, ccr, mpu_ctrl, pmu_status;
	uint32_t count;       /* warm boots so far */
};
extern volatile struct pt_warm_seen pt_warm;

/*
 * Sleep with LPMODE = `lpmode` and SCR.SLEEPDEEP = `deep`, from a WFI with
 * interrupts enabled. If the core powers off, it comes back through
 * pt_warm_vectors: the warm-boot code fills pt_warm, points VTOR at
 * pt_vectors, enables the NVIC lines in `iser0` (so the pending interrupt
 * is taken at once), and returns here. Returns true after a warm boot.
 * Nothing is cleaned: dirty D-cache lines are lost, which is the point of
 * one test; the others keep the D-cache off. `probe_before`, if not NULL,
 * receives TIMER0's Value read just before the WFI.
 */
bool pt_sleep(uint32_t lpmode, bool deep, uint32_t iser0, uint32_t *probe_before);

#endif
