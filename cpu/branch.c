/*
 * Branches of ARMv7-M (ARM DDI 0403, A7): B (conditional and not), BL,
 * BX, BLX (register), CBZ/CBNZ, and the PC-write rules they share
 * (BranchWritePC, BXWritePC/LoadWritePC, BLXWritePC, A2.3.1).
 *
 * Targets of immediate branches are absolute in the decoded instruction.
 * A taken branch costs the timing model's refill more than the base
 * (Cortex-M3: P = 2; the Cortex-M7 loop charges branches itself, see
 * timing.h).
 */
#include "cpu/decode.h"

/* An interworking branch to an address with bit 0 clear would switch to
 * ARM state, which ARMv7-M does not have: the branch completes and the
 * next instruction faults INVSTATE (cpu_run raises it). */
static void to_arm_state(struct cpu *c, uint32_t target)
{
	c->pc = target & ~1u;
	c->dc->arm_state = true;
	cpu_force_check(c);
}

void cpu_bx_write(struct cpu *c, uint32_t target)
{
	c->cycles += c->dc->tm.refill;
	if (c->ipsr != 0 && target >= 0xf0000000u) {
		cpu_exc_boundary(c);
		c->dc->exc_returned = true;
		cpu_exc_return(c, target);
		return;
	}
	if (cpu_unlikely(!(target & 1))) {
		to_arm_state(c, target);
		return;
	}
	c->pc = target & ~1u;
}

void br_b(struct cpu *c, const struct cpu_insn *in)
{
	cpu_branch(c, in->imm);
}

/* ra = condition */
void br_bcond(struct cpu *c, const struct cpu_insn *in)
{
	if (cpu_cond_pass(c->nzcv, in->ra))
		cpu_branch(c, in->imm);
}

void br_bl(struct cpu *c, const struct cpu_insn *in)
{
	c->r[14] = c->pc | 1;
	cpu_branch(c, in->imm);
}

void br_bx(struct cpu *c, const struct cpu_insn *in)
{
	cpu_bx_write(c, c->r[in->rm]);
}

/* BLXWritePC: no exception return through BLX. */
void br_blx(struct cpu *c, const struct cpu_insn *in)
{
	uint32_t target = c->r[in->rm];
	c->r[14] = c->pc | 1;
	c->cycles += c->dc->tm.refill;
	if (target & 1)
		c->pc = target & ~1u;
	else
		to_arm_state(c, target);
}

void br_cbz(struct cpu *c, const struct cpu_insn *in)
{
	if (c->r[in->rn] == 0)
		cpu_branch(c, in->imm);
}

void br_cbnz(struct cpu *c, const struct cpu_insn *in)
{
	if (c->r[in->rn] != 0)
		cpu_branch(c, in->imm);
}
