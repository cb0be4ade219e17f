/*
 * The ARMv7E-M DSP extension (Cortex-M4/M7 only; the Cortex-M3 has none):
 * SIMD add/subtract on halfwords and bytes with the GE flags and SEL,
 * saturating and halving SIMD forms, USAD8/USADA8, SSAT/USAT/SSAT16/USAT16,
 * the extend-and-add forms, the dual 16-bit multiplies (SMLAD, SMUAD,
 * SMLSD, SMLALD and their X variants), the halfword multiplies (SMLABB..TT,
 * SMULBB..TT, SMULWB/WT, SMLAWB/WT, SMLALBB), the most-significant-word
 * multiplies (SMMUL, SMMLA, SMMLS and their rounding forms), QADD/QSUB/
 * QDADD/QDSUB, PKHBT/PKHTB and UMAAL.
 *
 * Results come from the ACLE intrinsics of <arm_acle.h> where gcc has them
 * and from inline assembly otherwise; the GE and Q flags are read with MRS
 * after the instruction runs on cleared flags. Every result and flag is
 * compared with a lane-by-lane reference written from the architecture
 * manual's pseudocode in plain C.
 */
/* guest-cpus: m7 */
#include <arm_acle.h>
#include <stdint.h>
#include <stdio.h>

#if !defined(__ARM_FEATURE_DSP) || !defined(__ARM_FEATURE_SIMD32)
#error "c_dsp needs a core with the DSP extension (build with -mcpu=cortex-m7)"
#endif

static unsigned n_checks, n_fails, g_checks;
static uint32_t g_hash = 2166136261u;

static void mix(uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		g_hash ^= (v >> (8 * i)) & 0xff;
		g_hash *= 16777619u;
	}
}

static void check(const char *what, uint32_t a, uint32_t b, uint32_t got, uint32_t want)
{
	mix(got);
	n_checks++;
	g_checks++;
	if (got != want) {
		n_fails++;
		printf("FAIL %s(%08lx, %08lx): got 0x%08lx, want 0x%08lx\n", what,
		       (unsigned long)a, (unsigned long)b, (unsigned long)got, (unsigned long)want);
	}
}

static void group(const char *name)
{
	printf("%-12s %5u checks, hash %08lx\n", name, g_checks, (unsigned long)g_hash);
	g_checks = 0;
	g_hash = 2166136261u;
}

/* --- lane helpers for the references ------------------------------------- */

static int32_t sh(uint32_t x, int i)
{
	return (int16_t)(x >> (16 * i));
}

static uint32_t uh(uint32_t x, int i)
{
	return (x >> (16 * i)) & 0xffff;
}

static int32_t sb(uint32_t x, int i)
{
	return (int8_t)(x >> (8 * i));
}

static uint32_t ub(uint32_t x, int i)
{
	return (x >> (8 * i)) & 0xff;
}

static uint32_t pack16(int64_t lo, int64_t hi)
{
	return ((uint32_t)lo & 0xffff) | (uint32_t)hi << 16;
}

static uint32_t pack8(const int64_t v[4])
{
	return ((uint32_t)v[0] & 0xff) | ((uint32_t)v[1] & 0xff) << 8 |
	       ((uint32_t)v[2] & 0xff) << 16 | (uint32_t)v[3] << 24;
}

static int64_t clamp(int64_t v, int64_t lo, int64_t hi, uint32_t *sat)
{
	if (v < lo) {
		*sat = 1;
		return lo;
	}
	if (v > hi) {
		*sat = 1;
		return hi;
	}
	return v;
}

/*
 * A reference computes the result and the flags the instruction leaves:
 * GE in bits 19:16 and Q in bit 27, as MRS APSR shows them.
 */
typedef uint32_t ref2_fn(uint32_t a, uint32_t b, uint32_t *flags);

/* Halfword-lane add/subtract. kind: which lanes add (bit i set: lane i adds),
 * cross: operand b's halves swapped (the ASX/SAX forms). mode: 0 plain
 * (sets GE), 1 signed saturating, 2 unsigned saturating, 3 signed halving,
 * 4 unsigned halving. */
static uint32_t lanes16(uint32_t a, uint32_t b, uint32_t *flags, int sgn, unsigned adds,
			int cross, int mode)
{
	int64_t r[2];
	uint32_t unused = 0;

	*flags = 0;
	for (int i = 0; i < 2; i++) {
		int j = cross ? 1 - i : i;
		int64_t x = sgn ? sh(a, i) : (int64_t)uh(a, i);
		int64_t y = sgn ? sh(b, j) : (int64_t)uh(b, j);
		int64_t v = (adds >> i & 1) ? x + y : x - y;
		int ge = sgn ? v >= 0 : ((adds >> i & 1) ? v >= 0x10000 : v >= 0);
		if (mode == 0 && ge)
			*flags |= 3u << (16 + 2 * i);
		if (mode == 1)
			v = clamp(v, -32768, 32767, &unused);
		else if (mode == 2)
			v = clamp(v, 0, 65535, &unused);
		else if (mode >= 3)
			v >>= 1;	/* arithmetic on the wide value */
		r[i] = v;
	}
	return pack16(r[0], r[1]);
}

static uint32_t lanes8(uint32_t a, uint32_t b, uint32_t *flags, int sgn, int add, int mode)
{
	int64_t r[4];
	uint32_t unused = 0;

	*flags = 0;
	for (int i = 0; i < 4; i++) {
		int64_t x = sgn ? sb(a, i) : (int64_t)ub(a, i);
		int64_t y = sgn ? sb(b, i) : (int64_t)ub(b, i);
		int64_t v = add ? x + y : x - y;
		int ge = sgn ? v >= 0 : (add ? v >= 0x100 : v >= 0);
		if (mode == 0 && ge)
			*flags |= 1u << (16 + i);
		if (mode == 1)
			v = clamp(v, -128, 127, &unused);
		else if (mode == 2)
			v = clamp(v, 0, 255, &unused);
		else if (mode >= 3)
			v >>= 1;
		r[i] = v;
	}
	return pack8(r);
}

#define R16(name, sgn, adds, cross, mode)				\
	static uint32_t ref_##name(uint32_t a, uint32_t b, uint32_t *f)	\
	{								\
		return lanes16(a, b, f, sgn, adds, cross, mode);	\
	}
#define R8(name, sgn, add, mode)					\
	static uint32_t ref_##name(uint32_t a, uint32_t b, uint32_t *f)	\
	{								\
		return lanes8(a, b, f, sgn, add, mode);			\
	}

R16(sadd16, 1, 3, 0, 0) R16(ssub16, 1, 0, 0, 0) R16(uadd16, 0, 3, 0, 0) R16(usub16, 0, 0, 0, 0)
R16(sasx, 1, 2, 1, 0) R16(ssax, 1, 1, 1, 0) R16(uasx, 0, 2, 1, 0) R16(usax, 0, 1, 1, 0)
R16(qadd16, 1, 3, 0, 1) R16(qsub16, 1, 0, 0, 1) R16(qasx, 1, 2, 1, 1) R16(qsax, 1, 1, 1, 1)
R16(uqadd16, 0, 3, 0, 2) R16(uqsub16, 0, 0, 0, 2) R16(uqasx, 0, 2, 1, 2) R16(uqsax, 0, 1, 1, 2)
R16(shadd16, 1, 3, 0, 3) R16(shsub16, 1, 0, 0, 3) R16(shasx, 1, 2, 1, 3) R16(shsax, 1, 1, 1, 3)
R16(uhadd16, 0, 3, 0, 4) R16(uhsub16, 0, 0, 0, 4) R16(uhasx, 0, 2, 1, 4) R16(uhsax, 0, 1, 1, 4)
R8(sadd8, 1, 1, 0) R8(ssub8, 1, 0, 0) R8(uadd8, 0, 1, 0) R8(usub8, 0, 0, 0)
R8(qadd8, 1, 1, 1) R8(qsub8, 1, 0, 1) R8(uqadd8, 0, 1, 2) R8(uqsub8, 0, 0, 2)
R8(shadd8, 1, 1, 3) R8(shsub8, 1, 0, 3) R8(uhadd8, 0, 1, 4) R8(uhsub8, 0, 0, 4)

static uint32_t ref_usad8(uint32_t a, uint32_t b, uint32_t *f)
{
	uint32_t s = 0;
	for (int i = 0; i < 4; i++)
		s += ub(a, i) > ub(b, i) ? ub(a, i) - ub(b, i) : ub(b, i) - ub(a, i);
	*f = 0;
	return s;
}

static uint32_t ref_qadd(uint32_t a, uint32_t b, uint32_t *f)
{
	uint32_t q = 0;
	int64_t v = clamp((int64_t)(int32_t)a + (int32_t)b, INT32_MIN, INT32_MAX, &q);
	*f = q << 27;
	return (uint32_t)v;
}

static uint32_t ref_qsub(uint32_t a, uint32_t b, uint32_t *f)
{
	uint32_t q = 0;
	int64_t v = clamp((int64_t)(int32_t)a - (int32_t)b, INT32_MIN, INT32_MAX, &q);
	*f = q << 27;
	return (uint32_t)v;
}

/* QDADD: a + sat(2b), with Q set if either step saturates. */
static uint32_t ref_qdadd(uint32_t a, uint32_t b, uint32_t *f)
{
	uint32_t q = 0;
	int64_t d = clamp(2 * (int64_t)(int32_t)b, INT32_MIN, INT32_MAX, &q);
	int64_t v = clamp((int64_t)(int32_t)a + d, INT32_MIN, INT32_MAX, &q);
	*f = q << 27;
	return (uint32_t)v;
}

static uint32_t ref_qdsub(uint32_t a, uint32_t b, uint32_t *f)
{
	uint32_t q = 0;
	int64_t d = clamp(2 * (int64_t)(int32_t)b, INT32_MIN, INT32_MAX, &q);
	int64_t v = clamp((int64_t)(int32_t)a - d, INT32_MIN, INT32_MAX, &q);
	*f = q << 27;
	return (uint32_t)v;
}

/* Halfword products: SMUAD/SMUSD (Q on overflow of the sum only for SMUAD). */
static uint32_t dual(uint32_t a, uint32_t b, int x, int sub, int64_t acc, uint32_t *f)
{
	int64_t p0 = (int64_t)sh(a, 0) * sh(b, x ? 1 : 0);
	int64_t p1 = (int64_t)sh(a, 1) * sh(b, x ? 0 : 1);
	int64_t v = sub ? p0 - p1 + acc : p0 + p1 + acc;
	*f = (v > INT32_MAX || v < INT32_MIN) ? 1u << 27 : 0;
	return (uint32_t)v;
}

static uint32_t ref_smuad(uint32_t a, uint32_t b, uint32_t *f) { return dual(a, b, 0, 0, 0, f); }
static uint32_t ref_smuadx(uint32_t a, uint32_t b, uint32_t *f) { return dual(a, b, 1, 0, 0, f); }
static uint32_t ref_smusd(uint32_t a, uint32_t b, uint32_t *f) { return dual(a, b, 0, 1, 0, f); }
static uint32_t ref_smusdx(uint32_t a, uint32_t b, uint32_t *f) { return dual(a, b, 1, 1, 0, f); }

static uint32_t half_mul(uint32_t a, uint32_t b, int ta, int tb, uint32_t *f)
{
	*f = 0;
	return (uint32_t)(sh(a, ta) * sh(b, tb));
}

static uint32_t ref_smulbb(uint32_t a, uint32_t b, uint32_t *f) { return half_mul(a, b, 0, 0, f); }
static uint32_t ref_smulbt(uint32_t a, uint32_t b, uint32_t *f) { return half_mul(a, b, 0, 1, f); }
static uint32_t ref_smultb(uint32_t a, uint32_t b, uint32_t *f) { return half_mul(a, b, 1, 0, f); }
static uint32_t ref_smultt(uint32_t a, uint32_t b, uint32_t *f) { return half_mul(a, b, 1, 1, f); }

static uint32_t ref_smulwb(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return (uint32_t)(((int64_t)(int32_t)a * sh(b, 0)) >> 16);
}

static uint32_t ref_smulwt(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return (uint32_t)(((int64_t)(int32_t)a * sh(b, 1)) >> 16);
}

static uint32_t ref_smmul(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)b) >> 32);
}

static uint32_t ref_smmulr(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return (uint32_t)((uint64_t)((int64_t)(int32_t)a * (int32_t)b + 0x80000000ll) >> 32);
}

static uint32_t ref_pkhbt(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return (a & 0xffff) | ((b << 4) & 0xffff0000);
}

static uint32_t ref_pkhtb(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return (a & 0xffff0000) | ((uint32_t)((int32_t)b >> 12) & 0xffff);
}

static uint32_t ref_sxtab16(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return pack16(sh(a, 0) + sb(b, 0), sh(a, 1) + sb(b, 2));
}

static uint32_t ref_uxtab16(uint32_t a, uint32_t b, uint32_t *f)
{
	*f = 0;
	return pack16(uh(a, 0) + ub(b, 0), uh(a, 1) + ub(b, 2));
}

/* The instruction itself, run on cleared flags, returning APSR after it. */
#define HW2(insn)								\
	static uint32_t hw_##insn(uint32_t a, uint32_t b, uint32_t *apsr)	\
	{									\
		uint32_t r;							\
		__asm__ volatile("msr APSR_nzcvqg, %[z]\n\t"			\
				 #insn " %[r], %[a], %[b]\n\t"			\
				 "mrs %[f], APSR"				\
				 : [r] "=&r"(r), [f] "=&r"(*apsr)		\
				 : [a] "r"(a), [b] "r"(b), [z] "r"(0u) : "cc");	\
		return r;							\
	}

#define HW2S(name, insn, shift)							\
	static uint32_t hw_##name(uint32_t a, uint32_t b, uint32_t *apsr)	\
	{									\
		uint32_t r;							\
		__asm__ volatile("msr APSR_nzcvqg, %[z]\n\t"			\
				 insn " %[r], %[a], %[b], " shift "\n\t"	\
				 "mrs %[f], APSR"				\
				 : [r] "=&r"(r), [f] "=&r"(*apsr)		\
				 : [a] "r"(a), [b] "r"(b), [z] "r"(0u) : "cc");	\
		return r;							\
	}

HW2(sadd16) HW2(ssub16) HW2(uadd16) HW2(usub16) HW2(sasx) HW2(ssax) HW2(uasx) HW2(usax)
HW2(qadd16) HW2(qsub16) HW2(qasx) HW2(qsax) HW2(uqadd16) HW2(uqsub16) HW2(uqasx) HW2(uqsax)
HW2(shadd16) HW2(shsub16) HW2(shasx) HW2(shsax) HW2(uhadd16) HW2(uhsub16) HW2(uhasx) HW2(uhsax)
HW2(sadd8) HW2(ssub8) HW2(uadd8) HW2(usub8) HW2(qadd8) HW2(qsub8) HW2(uqadd8) HW2(uqsub8)
HW2(shadd8) HW2(shsub8) HW2(uhadd8) HW2(uhsub8) HW2(usad8) HW2(qadd) HW2(qsub) HW2(qdadd)
HW2(qdsub) HW2(smuad) HW2(smuadx) HW2(smusd) HW2(smusdx) HW2(smulbb) HW2(smulbt) HW2(smultb)
HW2(smultt) HW2(smulwb) HW2(smulwt) HW2(smmul) HW2(smmulr) HW2(sxtab16) HW2(uxtab16)
HW2S(pkhbt, "pkhbt", "lsl #4") HW2S(pkhtb, "pkhtb", "asr #12")

/* The ACLE intrinsic, where gcc has one (NULL otherwise). */
#define AC2(name)							\
	static uint32_t ac_##name(uint32_t a, uint32_t b)		\
	{								\
		return (uint32_t)__##name(a, b);			\
	}

AC2(sadd16) AC2(ssub16) AC2(uadd16) AC2(usub16) AC2(sasx) AC2(ssax) AC2(uasx) AC2(usax)
AC2(qadd16) AC2(qsub16) AC2(qasx) AC2(qsax) AC2(uqadd16) AC2(uqsub16) AC2(uqasx) AC2(uqsax)
AC2(shadd16) AC2(shsub16) AC2(shasx) AC2(shsax) AC2(uhadd16) AC2(uhsub16) AC2(uhasx) AC2(uhsax)
AC2(sadd8) AC2(ssub8) AC2(uadd8) AC2(usub8) AC2(qadd8) AC2(qsub8) AC2(uqadd8) AC2(uqsub8)
AC2(shadd8) AC2(shsub8) AC2(uhadd8) AC2(uhsub8) AC2(usad8) AC2(qadd) AC2(qsub)
AC2(smuad) AC2(smuadx) AC2(smusd) AC2(smusdx) AC2(sxtab16) AC2(uxtab16)

struct op2 {
	const char *name;
	ref2_fn *ref;
	uint32_t (*hw)(uint32_t, uint32_t, uint32_t *);
	uint32_t (*acle)(uint32_t, uint32_t);
};

#define OP(n) { #n, ref_##n, hw_##n, ac_##n }
#define OP_ASM(n) { #n, ref_##n, hw_##n, NULL }

static const struct op2 ops2[] = {
	OP(sadd16), OP(ssub16), OP(uadd16), OP(usub16), OP(sasx), OP(ssax), OP(uasx), OP(usax),
	OP(qadd16), OP(qsub16), OP(qasx), OP(qsax), OP(uqadd16), OP(uqsub16), OP(uqasx), OP(uqsax),
	OP(shadd16), OP(shsub16), OP(shasx), OP(shsax), OP(uhadd16), OP(uhsub16), OP(uhasx),
	OP(uhsax), OP(sadd8), OP(ssub8), OP(uadd8), OP(usub8), OP(qadd8), OP(qsub8), OP(uqadd8),
	OP(uqsub8), OP(shadd8), OP(shsub8), OP(uhadd8), OP(uhsub8), OP(usad8), OP(qadd), OP(qsub),
	OP_ASM(qdadd), OP_ASM(qdsub), OP(smuad), OP(smuadx), OP(smusd), OP(smusdx),
	OP_ASM(smulbb), OP_ASM(smulbt), OP_ASM(smultb), OP_ASM(smultt), OP_ASM(smulwb),
	OP_ASM(smulwt), OP_ASM(smmul), OP_ASM(smmulr), OP(sxtab16), OP(uxtab16), OP_ASM(pkhbt),
	OP_ASM(pkhtb),
};

/* Lane extremes: 0x7fff/0x8000/0xffff halves, 0x7f/0x80/0xff bytes. */
static const uint32_t vals[] = { 0x00000000, 0x7fff7fff, 0x80008000, 0xffffffff, 0x7f80017f,
	0x12345678, 0x80017fff, 0x01ff80fe, 0xdeadbeef, 0x00010001, 0x80000000, 0x7fffffff };
#define NVALS (sizeof(vals) / sizeof(vals[0]))

/* GE (bits 19:16) and Q (bit 27) from an APSR value. */
#define FLAGS(apsr) ((apsr) & 0x080f0000u)

static void test_two_operand(void)
{
	for (unsigned k = 0; k < sizeof(ops2) / sizeof(ops2[0]); k++) {
		const struct op2 *op = &ops2[k];
		for (unsigned i = 0; i < NVALS; i++) {
			for (unsigned j = 0; j < NVALS; j++) {
				uint32_t a = vals[i], b = vals[j], rf, hf;
				uint32_t want = op->ref(a, b, &rf);
				check(op->name, a, b, op->hw(a, b, &hf), want);
				check(op->name, a, b, FLAGS(hf), rf);
				if (op->acle)
					check(op->name, a, b, op->acle(a, b), want);
			}
		}
	}
	group("two-operand");
}

/* SEL picks bytes by the GE flags the previous instruction left. */
static void test_sel(void)
{
	for (unsigned i = 0; i < NVALS; i++) {
		for (unsigned j = 0; j < NVALS; j++) {
			uint32_t a = vals[i], b = vals[j], r, f, mask = 0;
			ref_sadd8(a, b, &f);
			for (int n = 0; n < 4; n++)
				mask |= (f >> (16 + n) & 1) ? 0xffu << (8 * n) : 0;
			__asm__ volatile("sadd8 %0, %1, %2\n\tsel %0, %3, %4"
					 : "=&r"(r) : "r"(a), "r"(b), "r"(a), "r"(b) : "cc");
			check("sel/sadd8", a, b, r, (a & mask) | (b & ~mask));
			/* The ACLE pair: gcc must keep the GE dependency. */
			r = __sel(a, b);
			mix(r);
			ref_usub16(a, b, &f);
			mask = ((f >> 16) & 3 ? 0xffffu : 0) | ((f >> 18) & 3 ? 0xffff0000u : 0);
			__asm__ volatile("usub16 %0, %1, %2\n\tsel %0, %3, %4"
					 : "=&r"(r) : "r"(a), "r"(b), "r"(a), "r"(b) : "cc");
			check("sel/usub16", a, b, r, (a & mask) | (b & ~mask));
		}
	}
	group("sel");
}

static int32_t ssat_ref(int64_t v, unsigned n, uint32_t *q)
{
	return (int32_t)clamp(v, -((int64_t)1 << (n - 1)), ((int64_t)1 << (n - 1)) - 1, q);
}

static uint32_t usat_ref(int64_t v, unsigned n, uint32_t *q)
{
	return (uint32_t)clamp(v, 0, ((int64_t)1 << n) - 1, q);
}

static uint32_t read_apsr(void)
{
	uint32_t f;
	__asm__ volatile("mrs %0, APSR" : "=r"(f));
	return f;
}

/*
 * The saturating instructions at one width (the immediate must be a
 * constant). Values come from the ACLE macros; the Q flag from the same
 * instruction in inline assembly, because gcc does not order intrinsics
 * against reads of APSR (it may merge two identical __usat16 calls).
 */
#define SAT_Q(insn, n, x)							\
	({									\
		uint32_t r_, f_;						\
		__asm__ volatile("msr APSR_nzcvqg, %2\n\t" insn " %0, #" #n ", %3\n\t" \
				 "mrs %1, APSR"					\
				 : "=&r"(r_), "=&r"(f_) : "r"(0u), "r"(x) : "cc");	\
		(void)r_;							\
		FLAGS(f_);							\
	})

#define SAT(n_s, n_u, n_s16, n_u16)						\
	do {									\
		uint32_t q = 0, r;						\
		int32_t want = ssat_ref((int32_t)x, n_s, &q);			\
		r = (uint32_t)__ssat((int32_t)x, n_s);				\
		check("ssat" #n_s, x, 0, r, (uint32_t)want);			\
		check("ssat" #n_s " q", x, 0, SAT_Q("ssat", n_s, x), q << 27);	\
		q = 0;								\
		uint32_t uwant = usat_ref((int32_t)x, n_u, &q);			\
		r = (uint32_t)__usat((int32_t)x, n_u);				\
		check("usat" #n_u, x, 0, r, uwant);				\
		check("usat" #n_u " q", x, 0, SAT_Q("usat", n_u, x), q << 27);	\
		q = 0;								\
		uint32_t w16 = pack16(ssat_ref(sh(x, 0), n_s16, &q),		\
				      ssat_ref(sh(x, 1), n_s16, &q));		\
		r = (uint32_t)__ssat16((int32_t)x, n_s16);			\
		check("ssat16_" #n_s16, x, 0, r, w16);				\
		check("ssat16 q", x, 0, SAT_Q("ssat16", n_s16, x), q << 27);	\
		q = 0;								\
		w16 = pack16(usat_ref(sh(x, 0), n_u16, &q), usat_ref(sh(x, 1), n_u16, &q)); \
		r = (uint32_t)__usat16((int32_t)x, n_u16);			\
		check("usat16_" #n_u16, x, 0, r, w16);				\
		check("usat16 q", x, 0, SAT_Q("usat16", n_u16, x), q << 27);	\
	} while (0)

static void test_saturate(void)
{
	static const uint32_t more[] = { 1, 0xffffff80, 127, 128, 0xffff8000, 0x8000, 255, 256,
		0xfffffffe, 0x40000000, 0xc0000000 };

	for (unsigned i = 0; i < NVALS + 11; i++) {
		uint32_t x = i < NVALS ? vals[i] : more[i - NVALS];
		SAT(1, 0, 1, 0);
		SAT(8, 8, 8, 8);
		SAT(12, 7, 12, 7);
		SAT(16, 15, 16, 15);
		SAT(31, 16, 13, 4);
		SAT(32, 31, 2, 1);
		/* Saturation of a shifted operand, and SXTB16/UXTB16. */
		uint32_t q = 0, r, f;
		int32_t want = ssat_ref((int64_t)(int32_t)(x << 4), 10, &q);
		__asm__ volatile("msr APSR_nzcvqg, %2\n\tssat %0, #10, %3, lsl #4\n\tmrs %1, APSR"
				 : "=&r"(r), "=&r"(f) : "r"(0u), "r"(x) : "cc");
		check("ssat lsl", x, 0, r, (uint32_t)want);
		check("ssat lsl q", x, 0, FLAGS(f), q << 27);
		q = 0;
		uint32_t uw = usat_ref((int32_t)x >> 20, 6, &q);
		__asm__ volatile("msr APSR_nzcvqg, %2\n\tusat %0, #6, %3, asr #20\n\tmrs %1, APSR"
				 : "=&r"(r), "=&r"(f) : "r"(0u), "r"(x) : "cc");
		check("usat asr", x, 0, r, uw);
		check("usat asr q", x, 0, FLAGS(f), q << 27);
		check("sxtb16", x, 0, (uint32_t)__sxtb16(x), pack16(sb(x, 0), sb(x, 2)));
		check("uxtb16", x, 0, (uint32_t)__uxtb16(x), pack16(ub(x, 0), ub(x, 2)));
		__asm__ volatile("sxtb16 %0, %1, ror #8" : "=r"(r) : "r"(x));
		check("sxtb16 ror", x, 0, r, pack16(sb(x, 1), sb(x, 3)));
	}
	group("saturate");
}

/* The Q flag an accumulating instruction leaves, run on cleared flags. */
#define ACC_Q(insn, a, b, c)							\
	({									\
		uint32_t r_, f_;						\
		__asm__ volatile("msr APSR_nzcvqg, %2\n\t" insn " %0, %3, %4, %5\n\t" \
				 "mrs %1, APSR"					\
				 : "=&r"(r_), "=&r"(f_)				\
				 : "r"(0u), "r"(a), "r"(b), "r"(c) : "cc");	\
		(void)r_;							\
		FLAGS(f_);							\
	})

/* Three-operand accumulating forms. */
static void test_accumulate(void)
{
	static const uint32_t accs[] = { 0, 1, 0x7fffffff, 0x80000000, 0xfffffff0, 0x40000000 };

	for (unsigned i = 0; i < NVALS; i++) {
		for (unsigned j = 0; j < NVALS; j++) {
			for (unsigned k = 0; k < 6; k++) {
				uint32_t a = vals[i], b = vals[j], c = accs[k], r, f, rf, want;
				int64_t acc = (int32_t)c;

				want = dual(a, b, 0, 0, acc, &rf);
				check("smlad", a, b, (uint32_t)__smlad(a, b, c), want);
				check("smlad q", a, b, ACC_Q("smlad", a, b, c), rf);
				want = dual(a, b, 1, 0, acc, &rf);
				check("smladx", a, b, (uint32_t)__smladx(a, b, c), want);
				want = dual(a, b, 0, 1, acc, &rf);
				check("smlsd", a, b, (uint32_t)__smlsd(a, b, c), want);
				check("smlsd q", a, b, ACC_Q("smlsd", a, b, c), rf);
				want = dual(a, b, 1, 1, acc, &rf);
				check("smlsdx", a, b, (uint32_t)__smlsdx(a, b, c), want);

				int64_t p = (int64_t)sh(a, 0) * sh(b, 0) + acc;
				check("smlabb", a, b, (uint32_t)__smlabb(a, b, c), (uint32_t)p);
				check("smlabb q", a, b, ACC_Q("smlabb", a, b, c),
				      (p > INT32_MAX || p < INT32_MIN) ? 1u << 27 : 0);
				check("smlabt", a, b, (uint32_t)__smlabt(a, b, c),
				      (uint32_t)(sh(a, 0) * sh(b, 1) + acc));
				check("smlatb", a, b, (uint32_t)__smlatb(a, b, c),
				      (uint32_t)(sh(a, 1) * sh(b, 0) + acc));
				check("smlatt", a, b, (uint32_t)__smlatt(a, b, c),
				      (uint32_t)(sh(a, 1) * sh(b, 1) + acc));
				p = (((int64_t)(int32_t)a * sh(b, 0)) >> 16) + acc;
				check("smlawb", a, b, (uint32_t)__smlawb(a, b, c), (uint32_t)p);
				check("smlawb q", a, b, ACC_Q("smlawb", a, b, c),
				      (p > INT32_MAX || p < INT32_MIN) ? 1u << 27 : 0);
				check("smlawt", a, b, (uint32_t)__smlawt(a, b, c),
				      (uint32_t)((((int64_t)(int32_t)a * sh(b, 1)) >> 16) + acc));
				check("usada8", a, b, (uint32_t)__usada8(a, b, c),
				      ref_usad8(a, b, &f) + c);

				/* Most-significant-word multiply-accumulate. */
				int64_t prod = (int64_t)(int32_t)a * (int32_t)b;
				uint64_t hi_acc = (uint64_t)c << 32;
				__asm__ volatile("smmla %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
				check("smmla", a, b, r, (uint32_t)((hi_acc + (uint64_t)prod) >> 32));
				__asm__ volatile("smmlar %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
				check("smmlar", a, b, r,
				      (uint32_t)((hi_acc + (uint64_t)prod + 0x80000000u) >> 32));
				__asm__ volatile("smmls %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
				check("smmls", a, b, r, (uint32_t)((hi_acc - (uint64_t)prod) >> 32));
				__asm__ volatile("smmlsr %0, %1, %2, %3" : "=r"(r) : "r"(a), "r"(b), "r"(c));
				check("smmlsr", a, b, r,
				      (uint32_t)((hi_acc - (uint64_t)prod + 0x80000000u) >> 32));

				/* 64-bit accumulators. */
				uint64_t acc64 = (uint64_t)c * 0x100000001ull ^ 0x0123456700000000ull;
				int64_t s = (int64_t)acc64 + (int64_t)sh(a, 0) * sh(b, 0) +
					    (int64_t)sh(a, 1) * sh(b, 1);
				uint64_t got = (uint64_t)__smlald(a, b, (int64_t)acc64);
				check("smlald lo", a, b, (uint32_t)got, (uint32_t)(uint64_t)s);
				check("smlald hi", a, b, (uint32_t)(got >> 32), (uint32_t)((uint64_t)s >> 32));
				s = (int64_t)acc64 + (int64_t)sh(a, 0) * sh(b, 1) -
				    (int64_t)sh(a, 1) * sh(b, 0);
				got = (uint64_t)__smlsldx(a, b, (int64_t)acc64);
				check("smlsldx", a, b, (uint32_t)(got >> 32) ^ (uint32_t)got,
				      (uint32_t)((uint64_t)s >> 32) ^ (uint32_t)s);
				uint32_t lo = (uint32_t)acc64, hi = (uint32_t)(acc64 >> 32);
				__asm__ volatile("smlalbb %0, %1, %2, %3"
						 : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
				s = (int64_t)acc64 + (int64_t)sh(a, 0) * sh(b, 0);
				check("smlalbb", a, b, lo ^ hi, (uint32_t)s ^ (uint32_t)((uint64_t)s >> 32));
				lo = c;
				hi = ~c;
				__asm__ volatile("umaal %0, %1, %2, %3" : "+r"(lo), "+r"(hi) : "r"(a), "r"(b));
				uint64_t u = (uint64_t)a * b + c + ~c;
				check("umaal lo", a, b, lo, (uint32_t)u);
				check("umaal hi", a, b, hi, (uint32_t)(u >> 32));
			}
		}
	}
	group("accumulate");
}

/* Q is sticky: a later non-saturating instruction leaves it set. */
static void test_sticky_q(void)
{
	uint32_t r;

	__set_saturation_occurred(0);
	check("q clear", 0, 0, (uint32_t)__saturation_occurred(), 0);
	__asm__ volatile("qadd %0, %1, %2" : "=r"(r) : "r"(0x7fffffff), "r"(1) : "cc");
	check("qadd saturates", 0, 0, r, 0x7fffffff);
	check("q after qadd", 0, 0, FLAGS(read_apsr()), 1u << 27);
	__asm__ volatile("qadd %0, %1, %2" : "=r"(r) : "r"(1), "r"(1) : "cc");
	check("q sticky", 0, 0, FLAGS(read_apsr()), 1u << 27);
	check("q builtin", 0, 0, (uint32_t)__saturation_occurred(), 1);
	__set_saturation_occurred(0);
	check("q cleared", 0, 0, FLAGS(read_apsr()), 0);
	group("sticky-q");
}

int main(void)
{
	test_two_operand();
	test_sel();
	test_saturate();
	test_accumulate();
	test_sticky_q();

	if (n_fails) {
		printf("c_dsp: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_dsp: all %u checks passed\n", n_checks);
	return 0;
}
