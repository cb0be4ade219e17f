/*
 * Helpers for the MPU guest tests: the PMSAv7 registers, a fault handler
 * that records what it saw and resumes, and the standard layout every test
 * starts from (flash read-only and executable, SRAM read/write for both
 * privilege levels, test regions above them).
 */
#ifndef MPU_TEST_H
#define MPU_TEST_H

#include "../exc/exc.h"

#define MPU_TYPE REG32(0xe000ed90u)
#define MPU_CTRL REG32(0xe000ed94u)
#define MPU_RNR REG32(0xe000ed98u)
#define MPU_RBAR REG32(0xe000ed9cu)
#define MPU_RASR REG32(0xe000eda0u)
#define SCB_MMFAR REG32(0xe000ed34u)

#define MPU_CTRL_ENABLE (1u << 0)
#define MPU_CTRL_HFNMIENA (1u << 1)
#define MPU_CTRL_PRIVDEFENA (1u << 2)

#define RASR_XN (1u << 28)
#define RASR_AP(x) ((uint32_t)(x) << 24)
#define RASR_TEX(x) ((uint32_t)(x) << 19)
#define RASR_C (1u << 17)
#define RASR_B (1u << 16)
#define RASR_SRD(x) ((uint32_t)(x) << 8)
#define RASR_SIZE(log2) ((uint32_t)((log2) - 1) << 1)
#define RASR_ENABLE 1u

#define AP_NONE 0u      /* no access */
#define AP_PRIV_RW 1u   /* privileged read/write, unprivileged none */
#define AP_USER_RO 2u   /* privileged read/write, unprivileged read-only */
#define AP_FULL 3u      /* read/write for both */
#define AP_RO 6u        /* read-only for both */

#define CFSR_IACCVIOL (1u << 0)
#define CFSR_DACCVIOL (1u << 1)
#define CFSR_MMARVALID (1u << 7)
#define HFSR_FORCED (1u << 30)
#define SHCSR_MEMFAULTENA (1u << 16)

static volatile unsigned last_exc;
static volatile uint32_t last_cfsr, last_hfsr, last_mmfar, last_pc;
/* Set by a test that drops privilege: the handler restores it. */
static volatile int back_to_privileged;
/* Set by a test whose faulting access is a call: the handler returns to
 * the caller (LR in the frame) instead of skipping an instruction. */
static volatile int return_to_caller;
/* Set by a test: the handler reads this address (and clears it). */
static volatile uintptr_t probe_addr;
static volatile uint32_t probe_val;

void fault_c(uint32_t *frame, uint32_t ipsr)
{
	last_exc = ipsr & 0x1ff;
	last_cfsr = SCB_CFSR;
	last_hfsr = SCB_HFSR;
	last_mmfar = SCB_MMFAR;
	last_pc = frame[6];
	SCB_CFSR = last_cfsr; /* write 1 to clear */
	SCB_HFSR = last_hfsr;
	if (probe_addr) {
		probe_val = *(volatile uint32_t *)probe_addr;
		probe_addr = 0;
	}
	if (back_to_privileged) {
		__asm__ volatile("msr control, %0\n\tisb" : : "r"(0));
		back_to_privileged = 0;
	}
	if (return_to_caller) {
		frame[6] = frame[5] & ~1u;
		return_to_caller = 0;
		return;
	}
	uint16_t hw = *(uint16_t *)frame[6];
	frame[6] += ((hw & 0xe000) == 0xe000 && (hw & 0x1800)) ? 4 : 2;
}

__attribute__((naked)) static void fault_handler(void)
{
	__asm__ volatile("tst lr, #4\n\t"
			 "ite eq\n\t"
			 "mrseq r0, msp\n\t"
			 "mrsne r0, psp\n\t"
			 "mrs r1, ipsr\n\t"
			 "b fault_c\n");
}

/* SVC: back to privileged thread mode. */
static void svc_handler(void)
{
	__asm__ volatile("msr control, %0\n\tisb" : : "r"(0));
}

static inline void reset_record(void)
{
	last_exc = 0;
	last_cfsr = last_hfsr = last_mmfar = last_pc = 0;
}

static inline void mpu_region(unsigned n, uint32_t base, uint32_t rasr)
{
	MPU_RNR = n;
	MPU_RBAR = base;
	MPU_RASR = rasr;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

static inline void mpu_enable(uint32_t ctrl)
{
	MPU_CTRL = ctrl;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

static inline void drop_privilege(void)
{
	__asm__ volatile("msr control, %0\n\tisb" : : "r"(1) : "memory");
}

static inline void svc_back(void)
{
	__asm__ volatile("svc #0" ::: "memory");
}

/* Vectors for the faults and SVC; flash (4 MiB at 0) read-only and
 * executable, SRAM (4 MiB at 0x20000000) read/write for everyone. */
static inline void mpu_test_init(void)
{
	vt_install();
	for (unsigned e = EXC_HARDFAULT; e <= EXC_USAGEFAULT; e++)
		vt_set(e, fault_handler);
	vt_set(EXC_SVC, svc_handler);
	CHECK((MPU_TYPE >> 8 & 0xff) >= 8);
	mpu_region(0, 0x00000000u, RASR_SIZE(22) | RASR_AP(AP_RO) | RASR_C | RASR_ENABLE);
	mpu_region(1, 0x20000000u, RASR_SIZE(22) | RASR_AP(AP_FULL) | RASR_TEX(1) |
		   RASR_C | RASR_B | RASR_ENABLE);
}

/* Data accesses whose instruction the handler skips (LDR/STR, 16 or 32
 * bits: it looks at the encoding). */
static inline uint32_t load(uintptr_t a)
{
	uint32_t v;
	__asm__ volatile("ldr %0, [%1]" : "=r"(v) : "r"(a) : "memory");
	return v;
}

static inline void store(uintptr_t a, uint32_t v)
{
	__asm__ volatile("str %0, [%1]" : : "r"(v), "r"(a) : "memory");
}

#endif
