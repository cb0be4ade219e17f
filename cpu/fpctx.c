/*
 * The floating-point context (ARMv7-M B1.5.7, B3.2.20-B3.2.23): who may
 * use the FPU (CPACR), and when an FP instruction starts a new context.
 *
 * An FPU whose power domain is not on answers nothing: NOCP, as if absent
 * (pmsim's model of a gated coprocessor; docs/cpu.md).
 *
 * ExecuteFPCheck() runs before every FP instruction; cpu_fp_enter (cpu_int.h)
 * answers the common case inline, this file the rest.
 */
#include "cpu/decode.h"
#include "cpu/exc.h"
#include "cpu/fpu.h"

#include <string.h>

/* CPACR.CP10: 00 no access, 01 privileged only, 11 full (10 reserved:
 * no access). */
static bool fp_access(const struct cpu *c)
{
	unsigned cp10 = (c->cpacr >> 20) & 3u;
	bool priv = c->ipsr != 0 || !(c->control & 1u);
	return cp10 == 3 || (cp10 == 1 && priv);
}

bool cpu_fp_enter_slow(struct cpu *c)
{
	if (c->cfg.fpu == CPU_FPU_NONE || !fp_access(c) || c->fpu_off) {
		cpu_insn_fault(c, FAULT_NOCP, ~0u);
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
