/*
 * The floating-point context (ARMv7-M B1.5.7, B3.2.20-B3.2.23): who may
 * use the FPU (CPACR), when an FP instruction starts a new context, and
 * the lazy preservation of a context whose frame exception entry only
 * reserved (exc.c says how frames are built).
 *
 * An FPU whose power domain is not on answers nothing: NOCP, as if absent
 * (pmsim's model of a gated coprocessor; docs/cpu.md).
 *
 * ExecuteFPCheck() runs before every FP instruction; cpu_fp_enter (cpu_int.h)
 * answers the common case inline, this file the rest:
 *
 *   1. CPACR.CP10 must give the current privilege access, else UsageFault
 *      NOCP.
 *   2. FPCCR.LSPACT set: an exception entry reserved an extended frame at
 *      FPCAR without writing it. PreserveFPState() writes S0-S15 and FPSCR
 *      there now, as the interrupted code would have: the MPU checks each
 *      word with the privilege FPCCR.USER recorded. A refused word is a
 *      MemManage with MMFSR.MLSPERR, a bus error a BusFault with
 *      BFSR.LSPERR (no MMFAR/BFAR), escalated by the RDY bits recorded
 *      with the frame (cpu_exc_lazy_fault). A fault that may preempt now
 *      is taken before the instruction, which has not executed and
 *      re-executes on return, LSPACT still set; one that must wait is
 *      pended and the instruction goes on. Otherwise LSPACT = 0. The
 *      registers keep their values either way. 17 cycles (one a word),
 *      charged to the instruction.
 *   3. FPCCR.ASPEN set and CONTROL.FPCA clear: a new context, FPSCR's
 *      AHP/DN/FZ/RMode from FPDSCR, CONTROL.FPCA = 1.
 */
#include "cpu/decode.h"
#include "cpu/exc.h"
#include "cpu/fpu.h"

#include <string.h>

bool cpu_fp_accessible(const struct cpu *c)
{
	/* CPACR.CP10: 00 no access, 01 privileged only, 11 full (10
	 * reserved: no access). */
	unsigned cp10 = (c->cpacr >> 20) & 3u;
	bool priv = c->ipsr != 0 || !(c->control & 1u);
	return c->cfg.fpu != CPU_FPU_NONE && !c->fpu_off && (cp10 == 3 || (cp10 == 1 && priv));
}

bool cpu_fp_preserve(struct cpu *c, uint32_t pc)
{
	bool unpriv = c->fpccr & FPCCR_USER;
	int fault = -1;
	c->cycles += EXC_FP_CYCLES;
	for (unsigned i = 0; i <= 16; i++) {
		uint32_t w = i < 16 ? c->s[i] : c->fpscr;
		int f = cpu_exc_frame_word(c, c->fpcar + 4 * i, &w, true, unpriv);
		/* As for stacking, every word is tried; an MPU refusal wins. */
		if (f == FAULT_MSTKERR)
			fault = FAULT_MLSPERR;
		else if (f == FAULT_STKERR && fault < 0)
			fault = FAULT_LSPERR;
	}
	if (fault >= 0 && cpu_exc_lazy_fault(c, (enum cpu_fault)fault, pc))
		return false;
	c->fpccr &= ~FPCCR_LSPACT;
	return true;
}

bool cpu_fp_enter_slow(struct cpu *c)
{
	if (!cpu_fp_accessible(c)) {
		cpu_insn_fault(c, FAULT_NOCP, ~0u);
		return false;
	}
	if ((c->fpccr & FPCCR_LSPACT) && !cpu_fp_preserve(c, cpu_insn_pc(c))) {
		cpu_exc_boundary(c);
		return false;
	}
	if ((c->fpccr & FPCCR_ASPEN) && !(c->control & CONTROL_FPCA)) {
		/* A new FP context: the default modes from FPDSCR. */
		uint32_t m = FPSCR_AHP | FPSCR_DN | FPSCR_FZ | FPSCR_RMODE_MASK;
		c->fpscr = (c->fpscr & ~m) | (c->fpdscr & m);
		c->control |= CONTROL_FPCA;
	}
	return true;
}

uint64_t cpu_fp_cycles(const struct cpu *c)
{
	return c->fp_cycles;
}

void cpu_set_fpu_power(struct cpu *c, bool on, bool lose_state)
{
	c->fpu_off = !on;
	if (!on && lose_state) {
		memset(c->s, 0, sizeof c->s);
		c->fpscr = 0;
	}
}
