/*
 * The ARMv7E-M DSP extension (ARM DDI 0403, A7): parallel (SIMD) add and
 * subtract on bytes and halfwords in their plain (GE-setting), saturating
 * and halving forms; SEL; USAD8/USADA8; the halfword and word-by-halfword
 * multiplies (SMULxy, SMLAxy, SMULWy, SMLAWy, SMLALxy), dual multiplies
 * (SMUAD, SMUSD, SMLAD, SMLSD, SMLALD, SMLSLD), most-significant-word
 * multiplies (SMMUL, SMMLA, SMMLS, with rounding), UMAAL; QADD/QSUB/
 * QDADD/QDSUB; SSAT16/USAT16; PKHBT/PKHTB; the extend-and-add forms.
 *
 * Operation selectors come from the encoding: insn->imm holds bits 22:20
 * (op1) in its bits 6:4 and bits 7:4 of the second halfword (op2) in its
 * bits 3:0 (see decode.c, f32_rrr/f32_mul/f32_mull/f32_ext). Ra = PC
 * selects the non-accumulating form of a multiply.
 */
#include "cpu/decode.h"

static inline int32_t lo16(uint32_t v)
{
	return (int32_t)((v & 0xffff) ^ 0x8000) - 0x8000;
}

static inline int32_t hi16(uint32_t v)
{
	return (int32_t)((v >> 16) ^ 0x8000) - 0x8000;
}

static inline int32_t sat_s(int64_t v, unsigned bits, bool *sat)
{
	int64_t max = ((int64_t)1 << (bits - 1)) - 1, min = -max - 1;
	if (v > max) {
		*sat = true;
		return (int32_t)max;
	}
	if (v < min) {
		*sat = true;
		return (int32_t)min;
	}
	return (int32_t)v;
}

static inline uint32_t sat_u(int64_t v, unsigned bits, bool *sat)
{
	int64_t max = ((int64_t)1 << bits) - 1;
	if (v > max) {
		*sat = true;
		return (uint32_t)max;
	}
	if (v < 0) {
		*sat = true;
		return 0;
	}
	return (uint32_t)v;
}

/* Floor of v / 2 without relying on right shifts of negative values. */
static inline int32_t half(int32_t v)
{
	return (v - (v & 1)) / 2;
}

/* ---- parallel add/subtract ------------------------------------------ */

/* op1: 000 ADD8, 001 ADD16, 010 ASX, 100 SUB8, 101 SUB16, 110 SAX.
 * op2 (bits 2:0): 000 signed, 001 saturating, 010 halving; 1xx unsigned. */
void dsp_parallel(struct cpu *c, const struct cpu_insn *in)
{
	unsigned op1 = in->imm >> 4, kind = in->imm & 7;
	bool is_signed = !(kind & 4);
	unsigned mode = kind & 3;
	if (mode == 3 || op1 == 3 || op1 == 7) {
		misc_undef(c, in);
		return;
	}
	uint32_t a = c->r[in->rn], b = c->r[in->rm], res = 0, ge = 0;
	bool bytes = op1 == 0 || op1 == 4;
	unsigned lanes = bytes ? 4 : 2, bits = bytes ? 8 : 16;
	uint32_t lmask = (1u << bits) - 1;
	for (unsigned i = 0; i < lanes; i++) {
		/* Which operand lane pairs with which, and add or subtract. */
		unsigned bl = i;
		bool sub;
		switch (op1) {
		case 2: sub = i == 0; bl = 1 - i; break; /* ASX */
		case 6: sub = i == 1; bl = 1 - i; break; /* SAX */
		default: sub = op1 >= 4; break;
		}
		int32_t x = (int32_t)((a >> (i * bits)) & lmask);
		int32_t y = (int32_t)((b >> (bl * bits)) & lmask);
		if (is_signed) {
			x = (x ^ (int32_t)(1u << (bits - 1))) - (int32_t)(1u << (bits - 1));
			y = (y ^ (int32_t)(1u << (bits - 1))) - (int32_t)(1u << (bits - 1));
		}
		int32_t s = sub ? x - y : x + y;
		uint32_t lane;
		bool ge_bit;
		bool dummy = false;
		if (mode == 1)
			lane = is_signed ? (uint32_t)sat_s(s, bits, &dummy) : sat_u(s, bits, &dummy);
		else if (mode == 2)
			lane = (uint32_t)half(s);
		else
			lane = (uint32_t)s;
		if (is_signed || sub)
			ge_bit = s >= 0;
		else
			ge_bit = s >= (int32_t)(1u << bits);
		res |= (lane & lmask) << (i * bits);
		if (ge_bit)
			ge |= bytes ? 1u << i : 3u << (2 * i);
	}
	cpu_set_gpr(c, in->rd, res);
	if (mode == 0)
		c->ge = ge;
}

void dsp_sel(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn], b = c->r[in->rm], res = 0;
	for (unsigned i = 0; i < 4; i++) {
		uint32_t m = 0xffu << (8 * i);
		res |= ((c->ge >> i) & 1) ? a & m : b & m;
	}
	cpu_set_gpr(c, in->rd, res);
}

void dsp_usad8(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn], b = c->r[in->rm];
	uint32_t sum = in->ra == 15 ? 0 : c->r[in->ra];
	for (unsigned i = 0; i < 4; i++) {
		int32_t x = (int32_t)((a >> (8 * i)) & 0xff), y = (int32_t)((b >> (8 * i)) & 0xff);
		sum += (uint32_t)(x > y ? x - y : y - x);
	}
	cpu_set_gpr(c, in->rd, sum);
}

/* QADD, QDADD, QSUB, QDSUB (op2 bits 1:0): Rd = sat(Rm +/- [2*]Rn). */
void dsp_qaddsub(struct cpu *c, const struct cpu_insn *in)
{
	bool sat = false;
	int64_t n = (int32_t)c->r[in->rn];
	if (in->imm & 1)
		n = sat_s(2 * n, 32, &sat);
	int64_t m = (int32_t)c->r[in->rm];
	int32_t r = sat_s((in->imm & 2) ? m - n : m + n, 32, &sat);
	cpu_set_gpr(c, in->rd, (uint32_t)r);
	if (sat)
		c->q = 1;
}

/* ---- multiplies ------------------------------------------------------ */

/* Accumulate into a 32-bit result, setting Q on signed overflow. */
static void acc_q(struct cpu *c, const struct cpu_insn *in, int64_t v)
{
	if (in->ra != 15)
		v += (int32_t)c->r[in->ra];
	if (v != (int32_t)v)
		c->q = 1;
	cpu_set_gpr(c, in->rd, (uint32_t)v);
}

/* SMULxy/SMLAxy: op2 bits 1:0 = N, M select the top halves. */
void dsp_smulxy(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn], b = c->r[in->rm];
	int32_t x = (in->imm & 2) ? hi16(a) : lo16(a);
	int32_t y = (in->imm & 1) ? hi16(b) : lo16(b);
	acc_q(c, in, (int64_t)x * y);
}

/* SMULWy/SMLAWy: op2 bit 0 = M. */
void dsp_smulwy(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t b = c->r[in->rm];
	int64_t y = (in->imm & 1) ? hi16(b) : lo16(b);
	int64_t p = (int64_t)(int32_t)c->r[in->rn] * y;
	/* bits 47:16 of the 48-bit product */
	int64_t v = (p - (p & 0xffff)) / 65536;
	acc_q(c, in, v);
}

/* SMUAD/SMLAD (op1 = 2) and SMUSD/SMLSD (op1 = 4); op2 bit 0 = X swaps
 * the halves of Rm. */
void dsp_smuad(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn], b = c->r[in->rm];
	if (in->imm & 1)
		b = (b >> 16) | (b << 16);
	int64_t p1 = (int64_t)lo16(a) * lo16(b), p2 = (int64_t)hi16(a) * hi16(b);
	acc_q(c, in, (in->imm >> 4) == 4 ? p1 - p2 : p1 + p2);
}

/* SMMUL/SMMLA (op1 = 5) and SMMLS (op1 = 6); op2 bit 0 = R rounds. */
void dsp_smmul(struct cpu *c, const struct cpu_insn *in)
{
	int64_t p = (int64_t)(int32_t)c->r[in->rn] * (int32_t)c->r[in->rm];
	uint64_t acc = in->ra == 15 ? 0 : (uint64_t)c->r[in->ra] << 32;
	uint64_t v = (in->imm >> 4) == 6 ? acc - (uint64_t)p : acc + (uint64_t)p;
	if (in->imm & 1)
		v += 0x80000000u;
	cpu_set_gpr(c, in->rd, (uint32_t)(v >> 32));
}

/* Long forms: rd = RdLo, ra = RdHi. */
static uint64_t get_acc(const struct cpu *c, const struct cpu_insn *in)
{
	return ((uint64_t)c->r[in->ra] << 32) | c->r[in->rd];
}

static void set_acc(struct cpu *c, const struct cpu_insn *in, uint64_t v)
{
	cpu_set_gpr(c, in->rd, (uint32_t)v);
	cpu_set_gpr(c, in->ra, (uint32_t)(v >> 32));
}

/* SMLALxy: op2 = 10NM */
void dsp_smlalxy(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn], b = c->r[in->rm];
	int64_t x = (in->imm & 2) ? hi16(a) : lo16(a);
	int64_t y = (in->imm & 1) ? hi16(b) : lo16(b);
	set_acc(c, in, get_acc(c, in) + (uint64_t)(x * y));
}

/* SMLALD (op1 = 4) / SMLSLD (op1 = 5); op2 bit 0 = X. */
void dsp_smlald(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn], b = c->r[in->rm];
	if (in->imm & 1)
		b = (b >> 16) | (b << 16);
	int64_t p1 = (int64_t)lo16(a) * lo16(b), p2 = (int64_t)hi16(a) * hi16(b);
	int64_t d = (in->imm >> 4) == 5 ? p1 - p2 : p1 + p2;
	set_acc(c, in, get_acc(c, in) + (uint64_t)d);
}

void dsp_umaal(struct cpu *c, const struct cpu_insn *in)
{
	uint64_t v = (uint64_t)c->r[in->rn] * c->r[in->rm] + c->r[in->rd] + c->r[in->ra];
	set_acc(c, in, v);
}

/* ---- saturate, pack, extend ------------------------------------------ */

/* imm = saturate-to bit count */
void dsp_ssat16(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rn];
	bool sat = false;
	uint32_t lo = (uint32_t)sat_s(lo16(v), in->imm, &sat) & 0xffff;
	uint32_t hi = (uint32_t)sat_s(hi16(v), in->imm, &sat) & 0xffff;
	cpu_set_gpr(c, in->rd, lo | (hi << 16));
	if (sat)
		c->q = 1;
}

void dsp_usat16(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rn];
	bool sat = false;
	uint32_t lo = sat_u(lo16(v), in->imm, &sat);
	uint32_t hi = sat_u(hi16(v), in->imm, &sat);
	cpu_set_gpr(c, in->rd, lo | (hi << 16));
	if (sat)
		c->q = 1;
}

/* PKHBT (LSL) / PKHTB (ASR): the shift is decoded like any shifted
 * register operand. */
void dsp_pkh(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t carry;
	uint32_t m = cpu_shift_c(c->r[in->rm], in->shift_t, in->shift_n, 0, &carry);
	uint32_t n = c->r[in->rn];
	if (in->shift_t == SHIFT_ASR)
		cpu_set_gpr(c, in->rd, (n & 0xffff0000u) | (m & 0xffff));
	else
		cpu_set_gpr(c, in->rd, (n & 0xffff) | (m & 0xffff0000u));
}

/* Extend and add: op1 000 SXTAH, 001 UXTAH, 010 SXTAB16, 011 UXTAB16,
 * 100 SXTAB, 101 UXTAB; Rn = PC is the plain SXTB16/UXTB16. */
void dsp_xtend(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v = c->r[in->rm];
	unsigned n = in->shift_n;
	v = n ? (v >> n) | (v << (32 - n)) : v;
	uint32_t base = in->rn == 15 ? 0 : c->r[in->rn];
	uint32_t res;
	switch (in->imm >> 4) {
	case 0: res = base + (((v & 0xffff) ^ 0x8000u) - 0x8000u); break;
	case 1: res = base + (v & 0xffff); break;
	case 2:
	case 3: {
		bool s = (in->imm >> 4) == 2;
		uint32_t b0 = v & 0xff, b2 = (v >> 16) & 0xff;
		if (s) {
			b0 = (b0 ^ 0x80u) - 0x80u;
			b2 = (b2 ^ 0x80u) - 0x80u;
		}
		res = ((base + b0) & 0xffff) | (((base >> 16) + b2) << 16);
		break;
	}
	case 4: res = base + (((v & 0xff) ^ 0x80u) - 0x80u); break;
	default: res = base + (v & 0xff); break;
	}
	cpu_set_gpr(c, in->rd, res);
}
