/*
 * Helpers for the exception guest tests: a vector table in RAM, the SCB and
 * NVIC registers, and a CHECK macro that reports and exits.
 */
#ifndef EXC_TEST_H
#define EXC_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_ICSR REG32(0xe000ed04u)
#define SCB_VTOR REG32(0xe000ed08u)
#define SCB_AIRCR REG32(0xe000ed0cu)
#define SCB_CCR REG32(0xe000ed14u)
#define SCB_SHPR2 REG32(0xe000ed1cu)
#define SCB_SHPR3 REG32(0xe000ed20u)
#define SCB_SHCSR REG32(0xe000ed24u)
#define SCB_CFSR REG32(0xe000ed28u)
#define SCB_HFSR REG32(0xe000ed2cu)
#define SCB_BFAR REG32(0xe000ed38u)
#define NVIC_ISER(n) REG32(0xe000e100u + 4 * (n))
#define NVIC_ISPR(n) REG32(0xe000e200u + 4 * (n))
#define NVIC_IABR(n) REG32(0xe000e300u + 4 * (n))
#define NVIC_IPR8(n) (*(volatile uint8_t *)(0xe000e400u + (n)))
#define NVIC_STIR REG32(0xe000ef00u)

#define ICSR_PENDSVSET (1u << 28)

enum { EXC_HARDFAULT = 3, EXC_MEMMANAGE, EXC_BUSFAULT, EXC_USAGEFAULT, EXC_SVC = 11,
       EXC_PENDSV = 14, EXC_SYSTICK, EXC_IRQ0 };

typedef void (*handler_fn)(void);

static uint32_t ram_vectors[64] __attribute__((aligned(256)));

/* Move the vector table to RAM (keeping the image's handlers). */
static inline void vt_install(void)
{
	memcpy(ram_vectors, (const void *)SCB_VTOR, 16 * 4);
	SCB_VTOR = (uint32_t)(uintptr_t)ram_vectors;
}

static inline void vt_set(unsigned exc, handler_fn fn)
{
	ram_vectors[exc] = (uint32_t)(uintptr_t)fn;
}

static inline void set_prigroup(unsigned g)
{
	SCB_AIRCR = (0x05fau << 16) | (g << 8);
}

#include "guest_check.h"

#endif
