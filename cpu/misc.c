/*
 * System and miscellaneous instructions of ARMv7-M (ARM DDI 0403, A7):
 * IT, the hints (NOP, YIELD, WFE, WFI, SEV; DBG, PLD/PLI and the other
 * allocated hints execute as NOP), barriers (DMB/DSB/ISB are NOPs: this
 * core completes every access in order), MRS/MSR, CPS, SVC, BKPT, and the
 * UNDEFINED and coprocessor encodings.
 *
 * The special registers other than the APSR/IPSR/EPSR views, and every
 * side effect on exceptions (masks, sleep, SVC entry, faults), belong to
 * the exception model (exc.c): these handlers call it and then make
 * cpu_run look at the new state before the next instruction.
 */
#include "cpu/decode.h"

void cpu_insn_fault(struct cpu *c, enum cpu_fault f, uint32_t addr)
{
	uint32_t pc = cpu_insn_pc(c);
	cpu_exc_boundary(c);
	cpu_fault(c, f, pc, addr);
}

/* imm = firstcond:mask. An IT inside an IT block is UNPREDICTABLE: it
 * starts a new block (the old one's advance is dropped). */
void misc_it(struct cpu *c, const struct cpu_insn *in)
{
	c->itstate = in->imm;
	c->dc->in_it = false;
}

void misc_nop(struct cpu *c, const struct cpu_insn *in)
{
}

void misc_wfi(struct cpu *c, const struct cpu_insn *in)
{
	if (cpu_wfi_should_sleep(c))
		c->sleeping = true;
	cpu_force_check(c);
}

void misc_wfe(struct cpu *c, const struct cpu_insn *in)
{
	if (cpu_wfe_should_sleep(c))
		c->sleeping = true;
	cpu_force_check(c);
}

/* Single core: SEV sets our own event register. */
void misc_sev(struct cpu *c, const struct cpu_insn *in)
{
	c->event_reg = true;
}

static uint32_t apsr(const struct cpu *c)
{
	return c->nzcv | (c->q << 27) | (c->ge << 16);
}

/* rd = Rd, imm = SYSm. The xPSR views are assembled here (EPSR reads as
 * zero through MRS); the rest comes from the exception model. */
void misc_mrs(struct cpu *c, const struct cpu_insn *in)
{
	unsigned sysm = in->imm;
	uint32_t v;
	if (sysm < 8) {
		v = (sysm & 1) ? c->ipsr : 0;
		if (!(sysm & 4))
			v |= apsr(c);
	} else {
		v = cpu_mrs(c, sysm);
	}
	cpu_set_gpr(c, in->rd, v);
}

/* rn = Rn, imm = SYSm, ra = mask (bit 1 nzcvq, bit 0 g). Writes to the
 * IPSR/EPSR views are ignored, as the architecture says. */
void misc_msr(struct cpu *c, const struct cpu_insn *in)
{
	unsigned sysm = in->imm;
	uint32_t v = c->r[in->rn];
	if (sysm < 8) {
		if (sysm & 4)
			return;
		if (in->ra & 2) {
			c->nzcv = v & 0xf0000000u;
			c->q = (v >> 27) & 1;
		}
		if (in->ra & 1)
			c->ge = (v >> 16) & 0xf;
		return;
	}
	cpu_msr(c, sysm, in->ra, v);
	cpu_force_check(c);
}

/* imm = 1 for CPSID, rd/rn = affect PRIMASK (I) / FAULTMASK (F). */
void misc_cps(struct cpu *c, const struct cpu_insn *in)
{
	cpu_cps(c, in->imm != 0, in->rd != 0, in->rn != 0);
	cpu_force_check(c);
}

/* SVC completes (ITSTATE advances) and then the exception is taken with
 * the next instruction as return address. */
void misc_svc(struct cpu *c, const struct cpu_insn *in)
{
	if (c->dc->in_it)
		c->itstate = cpu_it_advance(c->itstate);
	cpu_exc_boundary(c);
	cpu_exc_svc(c, c->pc);
}

/* The debugger hook (semihosting) first; without one, or if it declines,
 * BKPT escalates to HardFault (DEBUGEVT) as on a core with no debugger. */
void misc_bkpt(struct cpu *c, const struct cpu_insn *in)
{
	if (c->hooks.bkpt) {
		cpu_sync_time(c);
		bool handled = c->hooks.bkpt(c->hooks.opaque, c, in->imm);
		cpu_sync_time(c);
		cpu_force_check(c);
		if (handled)
			return;
	}
	cpu_insn_fault(c, FAULT_HF_DEBUGEVT, ~0u);
}

void misc_undef(struct cpu *c, const struct cpu_insn *in)
{
	cpu_insn_fault(c, FAULT_UNDEFINSTR, ~0u);
}

/* Coprocessor and floating-point space: this core has no FPU. */
void misc_nocp(struct cpu *c, const struct cpu_insn *in)
{
	cpu_insn_fault(c, FAULT_NOCP, ~0u);
}
