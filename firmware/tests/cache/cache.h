/*
 * Cache helpers for the guest tests, written after the CMSIS-Core
 * functions of the same names (SCB_EnableDCache, SCB_CleanDCache_by_Addr,
 * ...) and using the CMSIS register names, so that the simulator is
 * exercised the way CMSIS firmware exercises it (no CMSIS headers are
 * installed here).
 */
#ifndef CACHE_TEST_H
#define CACHE_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_CCR REG32(0xe000ed14u)
#define SCB_CLIDR REG32(0xe000ed78u)
#define SCB_CTR REG32(0xe000ed7cu)
#define SCB_CCSIDR REG32(0xe000ed80u)
#define SCB_CSSELR REG32(0xe000ed84u)
#define SCB_ICIALLU REG32(0xe000ef50u)
#define SCB_DCIMVAC REG32(0xe000ef5cu)
#define SCB_DCISW REG32(0xe000ef60u)
#define SCB_DCCMVAC REG32(0xe000ef68u)
#define SCB_DCCSW REG32(0xe000ef6cu)
#define SCB_DCCIMVAC REG32(0xe000ef70u)
#define SCB_DCCISW REG32(0xe000ef74u)
#define DEMCR REG32(0xe000edfcu)
#define DWT_CTRL REG32(0xe0001000u)
#define DWT_CYCCNT REG32(0xe0001004u)
#define DWT_LAR REG32(0xe0001fb0u)

#define SCB_CCR_DC (1u << 16)
#define SCB_CCR_IC (1u << 17)
#define CCSIDR_SETS(x) (((x) >> 13) & 0x7fffu)
#define CCSIDR_WAYS(x) (((x) >> 3) & 0x3ffu)
#define LINE 32u

#include "guest_check.h"

static inline void dsb(void) { __asm__ volatile("dsb" ::: "memory"); }
static inline void isb(void) { __asm__ volatile("isb" ::: "memory"); }

/* Apply `reg` (DCISW, DCCSW or DCCISW) to every set and way, from the
 * geometry in CCSIDR, as the CMSIS functions do. */
static inline void dcache_all_sw(volatile uint32_t *reg)
{
	SCB_CSSELR = 0;
	dsb();
	uint32_t ccsidr = SCB_CCSIDR;
	uint32_t sets = CCSIDR_SETS(ccsidr);
	do {
		uint32_t ways = CCSIDR_WAYS(ccsidr);
		do {
			*reg = ((sets << 5) & 0x3fe0u) | ((ways << 30) & 0xc0000000u);
		} while (ways-- != 0);
	} while (sets-- != 0);
	dsb();
	isb();
}

static inline void SCB_EnableICache(void)
{
	dsb();
	isb();
	SCB_ICIALLU = 0;
	dsb();
	isb();
	SCB_CCR |= SCB_CCR_IC;
	dsb();
	isb();
}

static inline void SCB_EnableDCache(void)
{
	dcache_all_sw(&SCB_DCISW);
	SCB_CCR |= SCB_CCR_DC;
	dsb();
	isb();
}

static inline void SCB_CleanInvalidateDCache(void)
{
	dcache_all_sw(&SCB_DCCISW);
}

static inline void SCB_CleanDCache(void)
{
	dcache_all_sw(&SCB_DCCSW);
}

static inline void by_addr(volatile uint32_t *reg, volatile void *addr, int32_t size)
{
	if (size <= 0)
		return;
	int32_t n = size + (int32_t)((uintptr_t)addr & (LINE - 1));
	uint32_t a = (uint32_t)(uintptr_t)addr & ~(LINE - 1);
	dsb();
	do {
		*reg = a;
		a += LINE;
		n -= LINE;
	} while (n > 0);
	dsb();
	isb();
}

static inline void SCB_CleanDCache_by_Addr(volatile void *addr, int32_t size)
{
	by_addr(&SCB_DCCMVAC, addr, size);
}

static inline void SCB_InvalidateDCache_by_Addr(volatile void *addr, int32_t size)
{
	by_addr(&SCB_DCIMVAC, addr, size);
}

static inline void SCB_CleanInvalidateDCache_by_Addr(volatile void *addr, int32_t size)
{
	by_addr(&SCB_DCCIMVAC, addr, size);
}

/* What memory holds at `p`, bypassing the D-cache: disable it, load,
 * enable it again, all in registers (the stack may be dirty in the cache
 * and must not be touched while it is off). CCR.DC off does not clean. */
static inline uint32_t read_memory(volatile uint32_t *p)
{
	uint32_t v, ccr, off;
	__asm__ volatile(
		"ldr %[ccr], [%[reg]]\n\t"
		"bic %[off], %[ccr], #0x10000\n\t"
		"str %[off], [%[reg]]\n\t"
		"dsb\n\tisb\n\t"
		"ldr %[v], [%[p]]\n\t"
		"str %[ccr], [%[reg]]\n\t"
		"dsb\n\tisb\n\t"
		: [v] "=&r"(v), [ccr] "=&r"(ccr), [off] "=&r"(off)
		: [reg] "r"(&SCB_CCR), [p] "r"(p)
		: "memory");
	return v;
}

#endif
