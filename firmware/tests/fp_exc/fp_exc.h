/*
 * Helpers for the FP-context guest tests (Cortex-M4F, configs/mcu.dts):
 * the FP context registers, a register image S0-S31 + FPSCR, and fp_work(),
 * which fills the FP registers from an image, optionally makes an
 * exception pending with one store, and writes what the registers hold
 * afterwards. Only FP data movement is used (VLDM/VSTM, VMRS/VMSR,
 * VPUSH/VPOP, VMOV), so that what is checked is the exception model's
 * saving and restoring, not arithmetic.
 */
#ifndef FP_EXC_TEST_H
#define FP_EXC_TEST_H

#include "../exc/exc.h"

#define SCB_CPACR REG32(0xe000ed88u)
#define FPU_FPCCR REG32(0xe000ef34u)
#define FPU_FPCAR REG32(0xe000ef38u)
#define FPU_FPDSCR REG32(0xe000ef3cu)
#define SYST_CSR REG32(0xe000e010u)
#define SYST_RVR REG32(0xe000e014u)
#define SYST_CVR REG32(0xe000e018u)

#define FPCCR_LSPACT (1u << 0)
#define FPCCR_USER (1u << 1)
#define FPCCR_THREAD (1u << 3)
#define FPCCR_HFRDY (1u << 4)
#define FPCCR_MMRDY (1u << 5)
#define FPCCR_BFRDY (1u << 6)
#define FPCCR_LSPEN (1u << 30)
#define FPCCR_ASPEN (1u << 31)
#define CONTROL_FPCA (1u << 2)
#define ICSR_PENDSTSET (1u << 26)

/* S0..S31, then FPSCR: the layout fp_work() loads and stores. */
struct fp_regs {
	uint32_t s[32];
	uint32_t fpscr;
};

/* A register image nobody else uses: every word distinct per seed, and an
 * FPSCR with NZCV, RMode, FZ, DN and cumulative flags from the seed (only
 * bits that exist: 0xF7C0009F). */
static inline void fp_pattern(struct fp_regs *r, uint32_t seed)
{
	for (unsigned i = 0; i < 32; i++)
		r->s[i] = (seed * 0x01000193u) ^ (i * 0x9e3779b9u) ^ (seed << 24);
	r->fpscr = ((seed & 0xfu) << 28) | (((seed >> 4) & 3u) << 22) |
		   (((seed >> 6) & 3u) << 24) | ((seed * 7u) & 0x1fu) | ((seed & 1u) << 7);
}

static inline int fp_regs_eq(const struct fp_regs *a, const struct fp_regs *b)
{
	uint32_t d = a->fpscr ^ b->fpscr;
	for (unsigned i = 0; i < 32; i++)
		d |= a->s[i] ^ b->s[i];
	return !d;
}

/* in -> S0-S31 and FPSCR; then *addr = val if addr (the exception it pends
 * is taken right there); then S0-S31 and FPSCR -> *out. S16-S31 are
 * callee-saved (AAPCS): pushed and popped around. */
__attribute__((naked, noinline, unused)) static void fp_work(const struct fp_regs *in,
						     struct fp_regs *out,
						     volatile uint32_t *addr, uint32_t val)
{
	(void)in;
	(void)out;
	(void)addr;
	(void)val;
	__asm__ volatile("vpush {s16-s31}\n\t"
			 "vldmia r0!, {s0-s31}\n\t"
			 "ldr r12, [r0]\n\t"
			 "vmsr fpscr, r12\n\t"
			 "cbz r2, 1f\n\t"
			 "str r3, [r2]\n\t"
			 "dsb\n\t"
			 "isb\n"
			 "1:\n\t"
			 "nop\n\tnop\n\tnop\n\tnop\n\t"
			 "vstmia r1!, {s0-s31}\n\t"
			 "vmrs r12, fpscr\n\t"
			 "str r12, [r1]\n\t"
			 "vpop {s16-s31}\n\t"
			 "bx lr\n");
}

static inline uint32_t get_control(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, control" : "=r"(v));
	return v;
}

static inline void set_control(uint32_t v)
{
	__asm__ volatile("msr control, %0\n\tisb" : : "r"(v) : "memory");
}

/* A handler entered through this stub gets the EXC_RETURN and the SP of
 * its frame as arguments (the stub touches neither the stack nor the FP
 * registers). */
#define FP_HANDLER(name, c_fn)                                                   \
	__attribute__((naked)) static void name(void)                           \
	{                                                                        \
		__asm__ volatile("mov r0, lr\n\t"                                \
				 "mrs r1, msp\n\t"                               \
				 "b " #c_fn "\n");                               \
	}

#endif
