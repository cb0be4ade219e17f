/*
 * The FP unit's data movement from the inside, bit for bit: VMOV between
 * core and S/D registers and scalars, VMRS/VMSR (FPSCR's writable bits,
 * APSR_nzcv and conditional execution after it, FP instructions inside IT
 * blocks), VLDR/VSTR (offsets, literal), VLDM/VSTM IA/DB with writeback,
 * VPUSH/VPOP, and their faults (no writeback, registers untouched);
 * UsageFault NOCP with CP10 access off or privileged-only from
 * unprivileged code; UNDEFINSTR for what the unit lacks (double precision
 * and FPv5 on the Cortex-M4F, double precision on FPv5-SP). Built for
 * fpv4-sp-d16 (Cortex-M4F, run on configs/mcu.dts), fpv5-d16 (Cortex-M7,
 * configs/default.dts) and fpv5-sp-d16 (tests/configs/fpv5_sp.dts).
 */
#include "fp_test.h"

/* The unit: double precision from the compiler (fpv5-d16), FPv5 from the
 * build (fp/CMakeLists.txt: the Cortex-M7 images). */
#define FP_DP (__ARM_FP & 8)
#ifndef FP_V5
#define FP_V5 0
#endif

extern char __ram[], __ram_size[];

static uint32_t src[16] __attribute__((aligned(8)));
static uint32_t dst[20] __attribute__((aligned(8)));

static void fill(void)
{
	for (unsigned i = 0; i < 16; i++)
		src[i] = 0x01010101u * (i + 1) ^ 0x80000000u;
	memset(dst, 0xee, sizeof dst);
}

static void core_moves(void)
{
	uint32_t out[8];
	uint32_t a = 0x3f800001u, b = 0xfff00042u;
	__asm__ volatile("vmov s3, %1\n\t"
			 "vmov s30, s31, %1, %2\n\t"
			 "vmov d7, %2, %1\n\t"
			 /* The scalar forms as words: binutils refuses
			  * them for fpv4-sp-d16, which has them. */
			 "mov r0, %1\n\t"
			 "mov r1, %2\n\t"
			 ".inst.w 0xee221b10\n\t" /* vmov.32 d2[1], r1 */
			 ".inst.w 0xee020b10\n\t" /* vmov.32 d2[0], r0 */
			 "vmov r0, s3\n\t"
			 "str r0, [%0]\n\t"
			 "vmov r0, r1, s30, s31\n\t"
			 "strd r0, r1, [%0, #4]\n\t"
			 "vmov r0, r1, d7\n\t"
			 "strd r0, r1, [%0, #12]\n\t"
			 ".inst.w 0xee320b10\n\t" /* vmov.32 r0, d2[1] */
			 "str r0, [%0, #20]\n\t"
			 "vmov r0, s14\n\t"
			 "str r0, [%0, #24]\n\t"
			 "vmov r0, s4\n\t"
			 "str r0, [%0, #28]\n\t"
			 :
			 : "r"(out), "r"(a), "r"(b)
			 : "r0", "r1", "s3", "s4", "s5", "s14", "s15", "s30", "s31", "memory");
	const uint32_t want[8] = { a, a, b, b, a, b, b, a };
	CHECK_WORDS(out, want, 8);
}

static void fpscr(void)
{
	uint32_t old, v;
	__asm__ volatile("vmrs %0, fpscr" : "=r"(old));
	__asm__ volatile("vmsr fpscr, %1\n\tvmrs %0, fpscr" : "=r"(v) : "r"(0xffffffffu));
	CHECK_EQ(v, 0xf7c0009fu);
	__asm__ volatile("vmsr fpscr, %1\n\tvmrs %0, fpscr" : "=r"(v) : "r"(0x12345678u));
	CHECK_EQ(v, 0x12000018u);

	/* APSR_nzcv: the FPSCR's flags replace the APSR's. */
	uint32_t r, apsr;
	__asm__ volatile("vmsr fpscr, %2\n\t"
			 "movs %0, #1\n\t"
			 "cmp %0, #2\n\t" /* N, not Z, not C */
			 "vmrs APSR_nzcv, fpscr\n\t"
			 "mrs %1, apsr\n\t"
			 "ite eq\n\t"
			 "moveq %0, #10\n\t"
			 "movne %0, #20\n\t"
			 : "=&r"(r), "=&r"(apsr)
			 : "r"(0x60000000u)
			 : "cc");
	CHECK_EQ(r, 10);
	CHECK_EQ(apsr & 0xf0000000u, 0x60000000u);
	/* "less than" (N) and "unordered" (C, V) as VCMP leaves them */
	__asm__ volatile("vmsr fpscr, %1\n\t"
			 "vmrs APSR_nzcv, fpscr\n\t"
			 "ite lt\n\t"
			 "movlt %0, #1\n\t"
			 "movge %0, #2\n\t"
			 : "=&r"(r)
			 : "r"(0x80000000u)
			 : "cc");
	CHECK_EQ(r, 1);
	__asm__ volatile("vmsr fpscr, %1\n\t"
			 "vmrs APSR_nzcv, fpscr\n\t"
			 "ite vs\n\t"
			 "movvs %0, #1\n\t"
			 "movvc %0, #2\n\t"
			 : "=&r"(r)
			 : "r"(0x30000000u)
			 : "cc");
	CHECK_EQ(r, 1);

	/* FP instructions in an IT block: the one whose condition fails
	 * does nothing. */
	uint32_t s0, s1;
	__asm__ volatile("vmov s0, %2\n\t"
			 "vmov s1, %2\n\t"
			 "vmsr fpscr, %3\n\t"
			 "vmrs APSR_nzcv, fpscr\n\t"
			 "ite eq\n\t"
			 "vmoveq s0, %4\n\t"
			 "vmovne s1, %4\n\t"
			 "vmov %0, s0\n\t"
			 "vmov %1, s1\n\t"
			 : "=&r"(s0), "=&r"(s1)
			 : "r"(0x11111111u), "r"(0x20000000u), "r"(0x22222222u)
			 : "cc", "s0", "s1");
	CHECK_EQ(s0, 0x11111111u);
	CHECK_EQ(s1, 0x22222222u);
	__asm__ volatile("vmsr fpscr, %0" : : "r"(old));
}

static void loads_stores(void)
{
	fill();
	__asm__ volatile("vldr s5, [%0, #4]\n\t"
			 "vldr d6, [%0, #8]\n\t"
			 "add r0, %0, #32\n\t"
			 "vldr s7, [r0, #-12]\n\t"
			 "vstr s5, [%1, #0]\n\t"
			 "vstr d6, [%1, #8]\n\t"
			 "add r0, %1, #40\n\t"
			 "vstr s7, [r0, #-24]\n\t"
			 "vldr s9, 1f\n\t"
			 "vldr d5, 2f\n\t"
			 "b 3f\n\t"
			 ".align 3\n"
			 "1: .word 0xcafef00d\n"
			 "2: .word 0x01234567, 0x89abcdef\n"
			 "3:\n\t"
			 "vstr s9, [%1, #20]\n\t"
			 "vstr d5, [%1, #24]\n\t"
			 :
			 : "r"(src), "r"(dst)
			 : "r0", "s5", "s7", "s9", "s10", "s11", "s12", "s13", "memory");
	const uint32_t want[8] = { src[1], 0xeeeeeeeeu, src[2], src[3], src[5], 0xcafef00du,
				   0x01234567u, 0x89abcdefu };
	CHECK_WORDS(dst, want, 8);
}

static void multiple(void)
{
	fill();
	uint32_t r[4], sp0, sp1, sp2;
	__asm__ volatile("mov r0, %4\n\t"
			 "vldmia r0!, {s2-s7}\n\t"
			 "add r1, %4, #64\n\t"
			 "vldmdb r1!, {d4-d5}\n\t"
			 "mov r2, %5\n\t"
			 "vstmia r2!, {s2-s11}\n\t"
			 "add r3, %5, #80\n\t"
			 "vstmdb r3!, {s2-s3}\n\t"
			 "vstmia r2, {d2}\n\t"
			 "stmia %6, {r0-r3}\n\t"
			 /* VPUSH/VPOP, in the opposite order */
			 "mov %1, sp\n\t"
			 "vpush {s2-s5}\n\t"
			 "vpush {d4}\n\t"
			 "mov %2, sp\n\t"
			 "vpop {d8}\n\t"
			 "vpop {s20-s23}\n\t"
			 "mov %3, sp\n\t"
			 "add r0, %5, #48\n\t"
			 "vstmia r0, {s16-s17}\n\t"
			 "vstmia r0, {s20-s23}\n\t"
			 : "=m"(dst), "=&r"(sp0), "=&r"(sp1), "=&r"(sp2)
			 : "r"(src), "r"(dst), "r"(r)
			 : "r0", "r1", "r2", "r3", "s2", "s3", "s4", "s5", "s6", "s7", "s8",
			   "s9", "s10", "s11", "s16", "s17", "s20", "s21", "s22", "s23",
			   "memory");
	CHECK_EQ(r[0], (uint32_t)src + 24);
	CHECK_EQ(r[1], (uint32_t)src + 48);
	CHECK_EQ(r[2], (uint32_t)dst + 40);
	CHECK_EQ(r[3], (uint32_t)dst + 72);
	CHECK_EQ(sp1, sp0 - 24);
	CHECK_EQ(sp2, sp0);
	const uint32_t want[20] = {
		src[0], src[1], src[2], src[3], src[4], src[5], src[12], src[13], src[14],
		src[15], src[2], src[3], src[0], src[1], src[2], src[3], 0xeeeeeeeeu,
		0xeeeeeeeeu, src[0], src[1],
	};
	CHECK_WORDS(dst, want, 20);
}

/* Faulting loads and stores: nothing written back, no register loaded. */
static void faults(void)
{
	fill();
	uint32_t base, s20, s23;
	uint32_t odd = (uint32_t)src + 2;
	/* VLDM from an unaligned address: UNALIGNED, whatever CCR says. */
	fault_reset();
	__asm__ volatile("vmov s20, %2\n\t"
			 "mov r0, %3\n\t"
			 "vldmia r0!, {s20-s21}\n\t"
			 "mov %0, r0\n\t"
			 "vmov %1, s20\n\t"
			 : "=&r"(base), "=&r"(s20)
			 : "r"(0x5a5a5a5au), "r"(odd)
			 : "r0", "s20", "s21");
	CHECK_EQ(last_exc, EXC_USAGEFAULT);
	CHECK_EQ(last_cfsr, CFSR_UNALIGNED);
	CHECK_EQ(base, odd);
	CHECK_EQ(s20, 0x5a5a5a5au);
	fault_reset();
	__asm__ volatile("vldr s20, [%0]" : : "r"(odd) : "s20");
	CHECK_EQ(last_cfsr, CFSR_UNALIGNED);

	/* VSTMDB unaligned: no store, no writeback. */
	fault_reset();
	__asm__ volatile("mov r0, %1\n\t"
			 "vstmdb r0!, {s20}\n\t"
			 "mov %0, r0\n\t"
			 : "=&r"(base)
			 : "r"((uint32_t)dst + 6)
			 : "r0", "memory");
	CHECK_EQ(last_cfsr, CFSR_UNALIGNED);
	CHECK_EQ(base, (uint32_t)dst + 6);
	CHECK_EQ(dst[0], 0xeeeeeeeeu);

	/* VLDM across the end of SRAM: the third word faults (BusFault,
	 * BFAR); nothing loaded, no writeback. */
	uint32_t end = (uint32_t)__ram + (uint32_t)__ram_size;
	fault_reset();
	__asm__ volatile("vmov s20, %3\n\t"
			 "vmov s23, %3\n\t"
			 "mov r0, %4\n\t"
			 "vldmia r0!, {s20-s23}\n\t"
			 "mov %0, r0\n\t"
			 "vmov %1, s20\n\t"
			 "vmov %2, s23\n\t"
			 : "=&r"(base), "=&r"(s20), "=&r"(s23)
			 : "r"(0x5a5a5a5au), "r"(end - 8)
			 : "r0", "s20", "s21", "s22", "s23");
	CHECK_EQ(last_exc, EXC_BUSFAULT);
	CHECK_EQ(last_cfsr, CFSR_PRECISERR | CFSR_BFARVALID);
	CHECK_EQ(last_bfar, end);
	CHECK_EQ(base, end - 8);
	CHECK_EQ(s20, 0x5a5a5a5au);
	CHECK_EQ(s23, 0x5a5a5a5au);
	/* VLDR.64 whose second word faults: the register keeps its value. */
	fault_reset();
	__asm__ volatile("vmov s20, %1\n\t"
			 "vldr d10, [%2]\n\t"
			 "vmov %0, s20\n\t"
			 : "=&r"(s20)
			 : "r"(0x5a5a5a5au), "r"(end - 4)
			 : "s20", "s21");
	CHECK_EQ(last_exc, EXC_BUSFAULT);
	CHECK_EQ(last_bfar, end);
	CHECK_EQ(s20, 0x5a5a5a5au);
}

/* CP10 access: off, privileged only. The FP instruction raises NOCP and
 * is skipped; nothing here may touch the FP unit while access is off
 * (the fault handler is integer code). */
static void access(void)
{
	uint32_t v;
	fault_reset();
	SCB_CPACR = 0;
	__asm__ volatile("dsb\n\tisb\n\t"
			 "vmov s0, %0\n\t"
			 /* vadd.f64 d0, d0, d1: NOCP comes first, even where
			  * it is UNDEFINED */
			 ".inst.w 0xee300b01\n\t"
			 :
			 : "r"(0u)
			 : "s0", "d0");
	unsigned exc = last_exc;
	uint32_t cfsr = last_cfsr;
	SCB_CPACR = CPACR_FULL;
	__asm__ volatile("dsb\n\tisb");
	CHECK_EQ(exc, EXC_USAGEFAULT);
	CHECK_EQ(cfsr, CFSR_NOCP);

	/* Privileged only: fine here, NOCP from unprivileged thread mode. */
	SCB_CPACR = CPACR_PRIV;
	__asm__ volatile("dsb\n\tisb\n\t"
			 "vmov s0, %1\n\t"
			 "vmov %0, s0\n\t"
			 : "=r"(v)
			 : "r"(0x12345678u)
			 : "s0");
	fault_reset();
	back_to_privileged = 1;
	uint32_t control, control_after;
	__asm__ volatile("mrs %0, control" : "=r"(control));
	__asm__ volatile("msr control, %1\n\t"
			 "isb\n\t"
			 "vmov s0, %2\n\t"
			 "mrs %0, control\n\t"
			 : "=&r"(control_after)
			 : "r"(control | 1u), "r"(0u)
			 : "s0");
	exc = last_exc;
	cfsr = last_cfsr;
	SCB_CPACR = CPACR_FULL;
	__asm__ volatile("dsb\n\tisb");
	CHECK_EQ(v, 0x12345678u);
	CHECK_EQ(exc, EXC_USAGEFAULT);
	CHECK_EQ(cfsr, CFSR_NOCP);
	CHECK_EQ(control_after & 1u, 0);
}

/* What the unit lacks is UNDEFINED; what it has executes. */
static void undefined(void)
{
	fault_reset();
	__asm__ volatile(".inst.w 0xeeb00b41" : : : "d0"); /* vmov.f64 d0, d1 */
	CHECK_EQ(last_exc, FP_DP ? 0 : EXC_USAGEFAULT);
	CHECK_EQ(last_cfsr, FP_DP ? 0 : CFSR_UNDEFINSTR);
	fault_reset();
	__asm__ volatile(".inst.w 0xfe000a00" : : : "s0"); /* vseleq.f32 s0, s0, s0 */
	CHECK_EQ(last_exc, FP_V5 ? 0 : EXC_USAGEFAULT);
	CHECK_EQ(last_cfsr, FP_V5 ? 0 : CFSR_UNDEFINSTR);
	fault_reset();
	__asm__ volatile(".inst.w 0xfe000b00" : : : "d0"); /* vseleq.f64 d0, d0, d0 */
	CHECK_EQ(last_cfsr, FP_DP ? 0 : CFSR_UNDEFINSTR);
	/* not on any M-profile unit: VMRS of MVFR0, D16 and up */
	fault_reset();
	__asm__ volatile(".inst.w 0xeef70a10" : : : "r0"); /* vmrs r0, mvfr0 */
	CHECK_EQ(last_exc, EXC_USAGEFAULT);
	CHECK_EQ(last_cfsr, CFSR_UNDEFINSTR);
	fault_reset();
	__asm__ volatile(".inst.w 0xedd20b00" : : : "memory"); /* vldr d16, [r2] */
	CHECK_EQ(last_cfsr, CFSR_UNDEFINSTR);
}

int main(void)
{
	fp_faults_install();
	core_moves();
	fpscr();
	loads_stores();
	multiple();
	faults();
	access();
	undefined();
	printf("fp moves passed\n");
	return 0;
}
