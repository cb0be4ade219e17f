/*
 * Loads and stores of ARMv7-M (ARM DDI 0403, A7): single loads/stores of
 * words, halfwords and bytes with immediate (offset, pre- and
 * post-indexed), register and literal addressing; LDRD/STRD; LDM/STM (and
 * PUSH/POP, which are LDM/STM on SP); the exclusive accesses with a local
 * monitor; the table branches TBB/TBH. The unprivileged forms (LDRT,
 * LDRBT, LDRHT, LDRSBT, LDRSHT, STRT, STRBT, STRHT: imm8 with PUW = 110,
 * given their own handlers by the decoder) access memory as unprivileged
 * code whatever the current privilege: the MPU checks them with the
 * unprivileged permissions and the System Control Space refuses them
 * (BusFault) as it refuses any unprivileged access. They always take the
 * slow path, which is where those checks are.
 *
 * Memory is reached through the memory system's host-pointer page map
 * inline (decode.h); everything else takes cpu_mem_*_slow, i.e.
 * cpu_mem_access (mem.c: MPU, D-cache, wait states; it publishes the
 * core's time around MMIO accesses and turns bus errors into precise
 * BusFaults). A faulting access leaves every register unchanged.
 *
 * Alignment (A3.2): LDR/STR/LDRH/STRH(T) may be unaligned unless
 * CCR.UNALIGN_TRP is set; LDM/STM/LDRD/STRD and the exclusives always
 * fault on an unaligned address (UsageFault UNALIGNED).
 */
#include "cpu/decode.h"

/* Everything the inline page-table lookup cannot do (MPU, D-cache, wait
 * states, MMIO, bus errors) is the memory system's (mem.c). */
bool cpu_mem_read_slow(struct cpu *c, uint32_t a, unsigned size, uint32_t *v)
{
	return cpu_mem_access(c, a, size, v, false, false);
}

bool cpu_mem_write_slow(struct cpu *c, uint32_t a, unsigned size, uint32_t v)
{
	return cpu_mem_access(c, a, size, &v, true, false);
}

/* Unaligned single access: allowed unless CCR.UNALIGN_TRP. */
static inline bool align_ok(struct cpu *c, uint32_t a, unsigned size)
{
	if (cpu_likely(!(a & (size - 1))))
		return true;
	if (!(cpu_ccr(c) & CCR_UNALIGN_TRP))
		return true;
	cpu_insn_fault(c, FAULT_UNALIGNED, ~0u);
	return false;
}

/* Always-aligned accesses (LDM, LDRD, exclusives). */
static inline bool align_strict(struct cpu *c, uint32_t a, unsigned size)
{
	if (cpu_likely(!(a & (size - 1))))
		return true;
	cpu_insn_fault(c, FAULT_UNALIGNED, ~0u);
	return false;
}

/* Immediate addressing: returns the access address; *wb gets the value
 * written back to Rn when INSN_WBACK is set. */
static inline uint32_t addr_imm(const struct cpu *c, const struct cpu_insn *in, uint32_t *wb)
{
	uint32_t base = c->r[in->rn];
	uint32_t off = (in->flags & INSN_ADD) ? base + in->imm : base - in->imm;
	*wb = off;
	return (in->flags & INSN_INDEX) ? off : base;
}

static inline uint32_t addr_reg(const struct cpu *c, const struct cpu_insn *in)
{
	return c->r[in->rn] + (c->r[in->rm] << in->shift_n);
}

/* Cortex-M3 pipelining of single loads and stores (timing.h): one that
 * directly follows another single load/store, and whose address registers
 * `addr` the first did not write, overlaps its address phase with the
 * first's data phase and costs one cycle less. */
static inline void ls_pipeline(struct cpu *c, const struct cpu_insn *in, uint32_t addr)
{
	struct cpu_timing_state *t = &c->dc->tm;
	if (t->ls_insn + 1 == c->insns && !(addr & t->ls_dst))
		c->cycles -= t->ls_pipe;
	t->ls_insn = c->insns;
	t->ls_dst = in->wregs;
}

static inline uint32_t extend(uint32_t v, unsigned size, bool sign)
{
	if (!sign)
		return v;
	return size == 1 ? (v ^ 0x80u) - 0x80u : (v ^ 0x8000u) - 0x8000u;
}

/* Rt = value; a word loaded into the PC is an interworking branch. */
static inline void load_rt(struct cpu *c, unsigned rt, uint32_t v)
{
	if (cpu_likely(rt != 15))
		cpu_set_gpr(c, rt, v);
	else
		cpu_bx_write(c, v);
}

static inline void load_imm(struct cpu *c, const struct cpu_insn *in, unsigned size, bool sign)
{
	uint32_t wb, v, a = addr_imm(c, in, &wb);
	ls_pipeline(c, in, 1u << in->rn);
	if (!align_ok(c, a, size) || !cpu_mem_read(c, a, size, &v))
		return;
	/* Writeback first: with Rn == Rt (UNPREDICTABLE) the load wins. */
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
	load_rt(c, in->rd, extend(v, size, sign));
}

static inline void load_reg(struct cpu *c, const struct cpu_insn *in, unsigned size, bool sign)
{
	uint32_t v, a = addr_reg(c, in);
	ls_pipeline(c, in, (1u << in->rn) | (1u << in->rm));
	if (!align_ok(c, a, size) || !cpu_mem_read(c, a, size, &v))
		return;
	load_rt(c, in->rd, extend(v, size, sign));
}

static inline void load_lit(struct cpu *c, const struct cpu_insn *in, unsigned size, bool sign)
{
	uint32_t v;
	ls_pipeline(c, in, 1u << 15);
	if (!align_ok(c, in->imm, size) || !cpu_mem_read(c, in->imm, size, &v))
		return;
	load_rt(c, in->rd, extend(v, size, sign));
}

void ldst_ldr_imm(struct cpu *c, const struct cpu_insn *in) { load_imm(c, in, 4, false); }
void ldst_ldrh_imm(struct cpu *c, const struct cpu_insn *in) { load_imm(c, in, 2, false); }
void ldst_ldrsh_imm(struct cpu *c, const struct cpu_insn *in) { load_imm(c, in, 2, true); }
void ldst_ldrb_imm(struct cpu *c, const struct cpu_insn *in) { load_imm(c, in, 1, false); }
void ldst_ldrsb_imm(struct cpu *c, const struct cpu_insn *in) { load_imm(c, in, 1, true); }
void ldst_ldr_reg(struct cpu *c, const struct cpu_insn *in) { load_reg(c, in, 4, false); }
void ldst_ldrh_reg(struct cpu *c, const struct cpu_insn *in) { load_reg(c, in, 2, false); }
void ldst_ldrsh_reg(struct cpu *c, const struct cpu_insn *in) { load_reg(c, in, 2, true); }
void ldst_ldrb_reg(struct cpu *c, const struct cpu_insn *in) { load_reg(c, in, 1, false); }
void ldst_ldrsb_reg(struct cpu *c, const struct cpu_insn *in) { load_reg(c, in, 1, true); }
void ldst_ldr_lit(struct cpu *c, const struct cpu_insn *in) { load_lit(c, in, 4, false); }
void ldst_ldrh_lit(struct cpu *c, const struct cpu_insn *in) { load_lit(c, in, 2, false); }
void ldst_ldrsh_lit(struct cpu *c, const struct cpu_insn *in) { load_lit(c, in, 2, true); }
void ldst_ldrb_lit(struct cpu *c, const struct cpu_insn *in) { load_lit(c, in, 1, false); }
void ldst_ldrsb_lit(struct cpu *c, const struct cpu_insn *in) { load_lit(c, in, 1, true); }

static inline void store_imm(struct cpu *c, const struct cpu_insn *in, unsigned size)
{
	uint32_t wb, a = addr_imm(c, in, &wb);
	ls_pipeline(c, in, 1u << in->rn);
	if (!align_ok(c, a, size) || !cpu_mem_write(c, a, size, c->r[in->rd]))
		return;
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
}

static inline void store_reg(struct cpu *c, const struct cpu_insn *in, unsigned size)
{
	uint32_t a = addr_reg(c, in);
	ls_pipeline(c, in, (1u << in->rn) | (1u << in->rm));
	if (align_ok(c, a, size))
		cpu_mem_write(c, a, size, c->r[in->rd]);
}

/* ---- unprivileged: [Rn, #imm8], no writeback ------------------------ */

static void load_unpriv(struct cpu *c, const struct cpu_insn *in, unsigned size, bool sign)
{
	uint32_t v, a = c->r[in->rn] + in->imm;
	ls_pipeline(c, in, 1u << in->rn);
	if (!align_ok(c, a, size) || !cpu_mem_access(c, a, size, &v, false, true))
		return;
	load_rt(c, in->rd, extend(v, size, sign));
}

static void store_unpriv(struct cpu *c, const struct cpu_insn *in, unsigned size)
{
	uint32_t v = c->r[in->rd], a = c->r[in->rn] + in->imm;
	ls_pipeline(c, in, 1u << in->rn);
	if (align_ok(c, a, size))
		cpu_mem_access(c, a, size, &v, true, true);
}

void ldst_ldrt(struct cpu *c, const struct cpu_insn *in) { load_unpriv(c, in, 4, false); }
void ldst_ldrht(struct cpu *c, const struct cpu_insn *in) { load_unpriv(c, in, 2, false); }
void ldst_ldrsht(struct cpu *c, const struct cpu_insn *in) { load_unpriv(c, in, 2, true); }
void ldst_ldrbt(struct cpu *c, const struct cpu_insn *in) { load_unpriv(c, in, 1, false); }
void ldst_ldrsbt(struct cpu *c, const struct cpu_insn *in) { load_unpriv(c, in, 1, true); }
void ldst_strt(struct cpu *c, const struct cpu_insn *in) { store_unpriv(c, in, 4); }
void ldst_strht(struct cpu *c, const struct cpu_insn *in) { store_unpriv(c, in, 2); }
void ldst_strbt(struct cpu *c, const struct cpu_insn *in) { store_unpriv(c, in, 1); }

void ldst_str_imm(struct cpu *c, const struct cpu_insn *in) { store_imm(c, in, 4); }
void ldst_strh_imm(struct cpu *c, const struct cpu_insn *in) { store_imm(c, in, 2); }
void ldst_strb_imm(struct cpu *c, const struct cpu_insn *in) { store_imm(c, in, 1); }
void ldst_str_reg(struct cpu *c, const struct cpu_insn *in) { store_reg(c, in, 4); }
void ldst_strh_reg(struct cpu *c, const struct cpu_insn *in) { store_reg(c, in, 2); }
void ldst_strb_reg(struct cpu *c, const struct cpu_insn *in) { store_reg(c, in, 1); }

/* ---- doubleword: rd = Rt, ra = Rt2 --------------------------------- */

static void ldrd_at(struct cpu *c, const struct cpu_insn *in, uint32_t a, bool wback, uint32_t wb)
{
	uint32_t lo, hi;
	if (!align_strict(c, a, 4) || !cpu_mem_read(c, a, 4, &lo) ||
	    !cpu_mem_read(c, a + 4, 4, &hi))
		return;
	if (wback)
		cpu_set_gpr(c, in->rn, wb);
	cpu_set_gpr(c, in->rd, lo);
	cpu_set_gpr(c, in->ra, hi);
}

void ldst_ldrd(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t wb, a = addr_imm(c, in, &wb);
	ldrd_at(c, in, a, in->flags & INSN_WBACK, wb);
}

void ldst_ldrd_lit(struct cpu *c, const struct cpu_insn *in)
{
	ldrd_at(c, in, in->imm, false, 0);
}

void ldst_strd(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t wb, a = addr_imm(c, in, &wb);
	if (!align_strict(c, a, 4) || !cpu_mem_write(c, a, 4, c->r[in->rd]) ||
	    !cpu_mem_write(c, a + 4, 4, c->r[in->ra]))
		return;
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
}

/* ---- multiple: imm = register list --------------------------------- */

/* Load every word first, so a bus error leaves the registers alone. */
static void ldm_at(struct cpu *c, const struct cpu_insn *in, uint32_t a, uint32_t wb)
{
	uint32_t vals[16], list = in->imm;
	unsigned n = 0;
	if (!align_strict(c, a, 4))
		return;
	for (unsigned i = 0; i < 16; i++) {
		if (!(list & (1u << i)))
			continue;
		if (!cpu_mem_read(c, a + 4 * n, 4, &vals[n]))
			return;
		n++;
	}
	/* Writeback before the loads land: if Rn is in the list
	 * (UNPREDICTABLE with W) the loaded value wins. */
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
	n = 0;
	for (unsigned i = 0; i < 15; i++)
		if (list & (1u << i))
			cpu_set_gpr(c, i, vals[n++]);
	if (list & 0x8000)
		cpu_bx_write(c, vals[n]);
}

void ldst_ldm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn];
	ldm_at(c, in, a, a + 4 * (uint32_t)__builtin_popcount(in->imm));
}

void ldst_ldmdb(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn] - 4 * (uint32_t)__builtin_popcount(in->imm);
	ldm_at(c, in, a, a);
}

/* Rn in the list stores its original value. A bus error part-way leaves
 * the earlier words written, as on hardware, and Rn unchanged. */
static void stm_at(struct cpu *c, const struct cpu_insn *in, uint32_t a, uint32_t wb)
{
	uint32_t list = in->imm;
	if (!align_strict(c, a, 4))
		return;
	for (unsigned i = 0; i < 16; i++) {
		if (!(list & (1u << i)))
			continue;
		if (!cpu_mem_write(c, a, 4, c->r[i]))
			return;
		a += 4;
	}
	if (in->flags & INSN_WBACK)
		cpu_set_gpr(c, in->rn, wb);
}

void ldst_stm(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn];
	stm_at(c, in, a, a + 4 * (uint32_t)__builtin_popcount(in->imm));
}

void ldst_stmdb(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t a = c->r[in->rn] - 4 * (uint32_t)__builtin_popcount(in->imm);
	stm_at(c, in, a, a);
}

/* ---- exclusives: rd = Rt (loads) or status Rd (stores), rm = Rt ----- */

static void ldrex_sz(struct cpu *c, const struct cpu_insn *in, unsigned size)
{
	uint32_t v, a = c->r[in->rn] + in->imm;
	if (!align_strict(c, a, size) || !cpu_mem_read(c, a, size, &v))
		return;
	c->dc->excl_valid = true;
	c->dc->excl_addr = a;
	cpu_set_gpr(c, in->rd, v);
}

static void strex_sz(struct cpu *c, const struct cpu_insn *in, unsigned size)
{
	struct cpu_decode_cache *dc = c->dc;
	uint32_t a = c->r[in->rn] + in->imm;
	if (!align_strict(c, a, size))
		return;
	if (!dc->excl_valid || dc->excl_addr != a) {
		dc->excl_valid = false;
		cpu_set_gpr(c, in->rd, 1);
		return;
	}
	if (!cpu_mem_write(c, a, size, c->r[in->rm]))
		return;
	dc->excl_valid = false;
	cpu_set_gpr(c, in->rd, 0);
}

void ldst_ldrex(struct cpu *c, const struct cpu_insn *in) { ldrex_sz(c, in, 4); }
void ldst_ldrexh(struct cpu *c, const struct cpu_insn *in) { ldrex_sz(c, in, 2); }
void ldst_ldrexb(struct cpu *c, const struct cpu_insn *in) { ldrex_sz(c, in, 1); }
void ldst_strex(struct cpu *c, const struct cpu_insn *in) { strex_sz(c, in, 4); }
void ldst_strexh(struct cpu *c, const struct cpu_insn *in) { strex_sz(c, in, 2); }
void ldst_strexb(struct cpu *c, const struct cpu_insn *in) { strex_sz(c, in, 1); }

void ldst_clrex(struct cpu *c, const struct cpu_insn *in)
{
	c->dc->excl_valid = false;
}

/* ---- table branches ------------------------------------------------ */

void ldst_tbb(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v;
	if (cpu_mem_read(c, c->r[in->rn] + c->r[in->rm], 1, &v))
		cpu_branch(c, c->r[15] + 2 * v);
}

void ldst_tbh(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t v, a = c->r[in->rn] + 2 * c->r[in->rm];
	if (align_ok(c, a, 2) && cpu_mem_read(c, a, 2, &v))
		cpu_branch(c, c->r[15] + 2 * v);
}
