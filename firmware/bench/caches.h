/*
 * Benchmarks run with the caches on, as firmware on a Cortex-M7 does:
 * CCR.IC and CCR.DC (the caches come out of reset invalid). On a core
 * without caches (QEMU's mps2-an385) these bits are reserved and ignored.
 */
#ifndef BENCH_CACHES_H
#define BENCH_CACHES_H

#include <stdint.h>

static inline void caches_on(void)
{
	volatile uint32_t *ccr = (volatile uint32_t *)0xe000ed14u;
	__asm__ volatile("dsb\n\tisb");
	*ccr |= (1u << 17) | (1u << 16); /* IC, DC */
	__asm__ volatile("dsb\n\tisb");
}

#endif
