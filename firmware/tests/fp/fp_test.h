/*
 * Helpers for the floating-point guest tests: a fault handler that
 * records the exception and CFSR and resumes after the faulting
 * instruction, CPACR, and bit-exact checks of register words.
 */
#ifndef FP_TEST_H
#define FP_TEST_H

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "guest_check.h"

#define REG32(a) (*(volatile uint32_t *)(a))
#define SCB_VTOR REG32(0xe000ed08u)
#define SCB_SHCSR REG32(0xe000ed24u)
#define SCB_CFSR REG32(0xe000ed28u)
#define SCB_HFSR REG32(0xe000ed2cu)
#define SCB_BFAR REG32(0xe000ed38u)
#define SCB_CPACR REG32(0xe000ed88u)

#define CFSR_PRECISERR (1u << 9)
#define CFSR_BFARVALID (1u << 15)
#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_NOCP (1u << 19)
#define CFSR_UNALIGNED (1u << 24)
#define SHCSR_USGFAULTENA (1u << 18)
#define SHCSR_BUSFAULTENA (1u << 17)
#define CPACR_FULL (0xfu << 20)
#define CPACR_PRIV (0x5u << 20)

enum { EXC_HARDFAULT = 3, EXC_MEMMANAGE, EXC_BUSFAULT, EXC_USAGEFAULT };

static volatile unsigned last_exc;
static volatile uint32_t last_cfsr, last_bfar;
/* The handler drops to privileged thread mode (keeping CONTROL.FPCA). */
static volatile int back_to_privileged;
static uint32_t ram_vectors[64] __attribute__((aligned(256)));

/* Integer code only: it runs while CP10 access may be off. */
__attribute__((used)) void fp_fault_c(uint32_t *frame, uint32_t ipsr)
{
	last_exc = ipsr & 0x1ff;
	last_cfsr = SCB_CFSR;
	last_bfar = SCB_BFAR;
	SCB_CFSR = last_cfsr;
	SCB_HFSR = SCB_HFSR;
	if (back_to_privileged) {
		uint32_t control;
		__asm__ volatile("mrs %0, control" : "=r"(control));
		__asm__ volatile("msr control, %0\n\tisb" : : "r"(control & ~1u));
		back_to_privileged = 0;
	}
	uint16_t hw = *(uint16_t *)frame[6];
	frame[6] += ((hw & 0xe000) == 0xe000 && (hw & 0x1800)) ? 4 : 2;
}

__attribute__((naked)) static void fp_fault_handler(void)
{
	__asm__ volatile("tst lr, #4\n\t"
			 "ite eq\n\t"
			 "mrseq r0, msp\n\t"
			 "mrsne r0, psp\n\t"
			 "mrs r1, ipsr\n\t"
			 "b fp_fault_c\n");
}

static inline void fp_faults_install(void)
{
	memcpy(ram_vectors, (const void *)SCB_VTOR, 16 * 4);
	for (unsigned e = EXC_HARDFAULT; e <= EXC_USAGEFAULT; e++)
		ram_vectors[e] = (uint32_t)(uintptr_t)fp_fault_handler;
	SCB_VTOR = (uint32_t)(uintptr_t)ram_vectors;
	SCB_SHCSR |= SHCSR_USGFAULTENA | SHCSR_BUSFAULTENA;
	__asm__ volatile("dsb\n\tisb");
}

static inline void fault_reset(void)
{
	last_exc = 0;
	last_cfsr = last_bfar = 0;
}

/* Bit-exact comparison of 32-bit words, reporting the first difference. */
#define CHECK_WORDS(got, want, n)                                                   \
	do {                                                                        \
		for (unsigned i_ = 0; i_ < (n); i_++) {                             \
			if ((got)[i_] != (want)[i_]) {                              \
				printf("FAILED at line %d: %s[%u] = %08lx, not %08lx\n", \
				       __LINE__, #got, i_, (unsigned long)(got)[i_],  \
				       (unsigned long)(want)[i_]);                    \
				exit(1);                                            \
			}                                                           \
		}                                                                   \
	} while (0)

#define CHECK_EQ(got, want)                                                        \
	do {                                                                        \
		uint32_t g_ = (got), w_ = (want);                                   \
		if (g_ != w_) {                                                     \
			printf("FAILED at line %d: %s = %08lx, not %08lx\n", __LINE__, \
			       #got, (unsigned long)g_, (unsigned long)w_);           \
			exit(1);                                                    \
		}                                                                   \
	} while (0)

#endif
