/*
 * FP instruction timing from the inside: sequences timed with the DWT
 * cycle counter as in timing_insns.c, checked against docs/timing.md:
 * the Cortex-M4 TRM's FPU table on the Cortex-M4F (built for FPv4-SP-D16,
 * run on configs/mcu.dts), the model's Cortex-M7 figures on the M7
 * (FPv5-D16, the default SoC), double precision there only.
 *
 * Prints every measurement and exits 0 only if all match.
 */
#include <stdint.h>
#include <stdio.h>

#include "timing_report.h"

/* Loads read words 0..7 of this buffer, stores write words 8..15. */
static uint32_t bench_buf[16] __attribute__((aligned(8)));

/* One timed sequence (timing_report.h); these S registers are free too. */
#define BENCH(fn, setup, body)                                                       \
	TIMING_BENCH(fn, bench_buf, setup, body, "s0", "s1", "s2", "s3", "s4", "s5", "s6", \
		     "s7", "s16", "s17", "s18", "s19")

/* 1.5 and 2.25 in s0..s3 (normal operands, inexact products). */
#define OPS "vmov.f32 s0, #1.5\n\tvmov.f32 s1, #2.25\n\tvmov.f32 s2, #1.5\n\t" \
	    "vmov.f32 s3, #2.25\n\t"

BENCH(b_empty, "", "")
BENCH(b_vadd4, OPS,
      "vadd.f32 s4, s0, s1\n\tvadd.f32 s5, s2, s3\n\tvadd.f32 s6, s0, s3\n\t"
      "vadd.f32 s7, s1, s2\n\t")
BENCH(b_vadd_alu, OPS,
      "vadd.f32 s4, s0, s1\n\tadds r0, #1\n\tvadd.f32 s5, s2, s3\n\tadds r1, #1\n\t")
BENCH(b_vmul, OPS, "vmul.f32 s4, s0, s1\n\t")
BENCH(b_vmla, OPS, "vmla.f32 s4, s0, s1\n\t")
BENCH(b_vfma, OPS, "vfma.f32 s4, s0, s1\n\t")
BENCH(b_vdiv, OPS, "vdiv.f32 s4, s0, s1\n\t")
BENCH(b_vsqrt, OPS, "vsqrt.f32 s4, s1\n\t")
BENCH(b_vcvt, OPS, "vcvt.s32.f32 s4, s1\n\t")
BENCH(b_vcmp_vmrs, OPS, "vcmp.f32 s0, s1\n\tvmrs APSR_nzcv, fpscr\n\t")
BENCH(b_vldr, "", "vldr s0, [r4]\n\t")
BENCH(b_vstr, "", "vstr s0, [r4, #32]\n\t")
BENCH(b_vldm4, "", "vldm r4, {s0-s3}\n\t")
BENCH(b_vpush_pop, "", "vpush {s16-s19}\n\tvpop {s16-s19}\n\t")
BENCH(b_vmov_core, "", "vmov s0, r0\n\t")
BENCH(b_vmov_two, "", "vmov s0, s1, r0, r1\n\t")
#if defined(__ARM_FP) && (__ARM_FP & 8)
BENCH(b_vadd_d, OPS, "vadd.f64 d2, d0, d1\n\t")
BENCH(b_vmul_d, OPS, "vmul.f64 d2, d0, d1\n\t")
BENCH(b_vfma_d, OPS, "vfma.f64 d2, d0, d1\n\t")
BENCH(b_vdiv_d, OPS, "vdiv.f64 d2, d0, d1\n\t")
BENCH(b_vsqrt_d, OPS, "vsqrt.f64 d2, d1\n\t")
#endif

static const struct bench {
	const char *name;
	uint32_t (*fn)(void);
	uint8_t want[2]; /* Cortex-M4F, Cortex-M7 */
} benches[] = {
	{ "4 independent VADD.F32", b_vadd4, { 4, 4 } },
	{ "VADD.F32, ADDS, VADD.F32, ADDS", b_vadd_alu, { 4, 2 } },
	{ "VMUL.F32", b_vmul, { 1, 1 } },
	{ "VMLA.F32", b_vmla, { 3, 1 } },
	{ "VFMA.F32", b_vfma, { 3, 1 } },
	{ "VDIV.F32", b_vdiv, { 14, 14 } },
	{ "VSQRT.F32", b_vsqrt, { 14, 14 } },
	{ "VCVT.S32.F32", b_vcvt, { 1, 1 } },
	{ "VCMP.F32, VMRS APSR_nzcv", b_vcmp_vmrs, { 2, 2 } },
	{ "VLDR S", b_vldr, { 2, 1 } },
	{ "VSTR S", b_vstr, { 2, 1 } },
	{ "VLDM 4 S registers", b_vldm4, { 5, 3 } },
	{ "VPUSH, VPOP 4 S registers", b_vpush_pop, { 10, 6 } },
	{ "VMOV S, R", b_vmov_core, { 1, 1 } },
	{ "VMOV S, S, R, R", b_vmov_two, { 2, 1 } },
#if defined(__ARM_FP) && (__ARM_FP & 8)
	{ "VADD.F64", b_vadd_d, { 0, 1 } },
	{ "VMUL.F64", b_vmul_d, { 0, 2 } },
	{ "VFMA.F64", b_vfma_d, { 0, 2 } },
	{ "VDIV.F64", b_vdiv_d, { 0, 30 } },
	{ "VSQRT.F64", b_vsqrt_d, { 0, 30 } },
#endif
};

int main(void)
{
	unsigned part = (TIMING_REG32(0xe000ed00u) >> 4) & 0xfff;
	if (part != 0xc24 && part != 0xc27) {
		printf("timing: not a Cortex-M4F or M7, CPUID part 0x%03x\n", part);
		return 1;
	}
	unsigned core = part == 0xc27;
	if (timing_start())
		return 1;
	uint32_t overhead = timing_best_of_3(b_empty);
	printf("timing: %s FP, measurement overhead %lu cycles\n",
	       core ? "Cortex-M7" : "Cortex-M4F", (unsigned long)overhead);
	unsigned fails = 0, n = sizeof benches / sizeof benches[0];
	for (unsigned i = 0; i < n; i++) {
		const struct bench *bm = &benches[i];
		fails += timing_row(34, bm->name, timing_best_of_3(bm->fn) - overhead,
				    bm->want[core]);
	}
	return timing_summary(fails, n);
}
