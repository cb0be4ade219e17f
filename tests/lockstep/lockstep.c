/*
 * Lockstep harness: pmsim's ARMv7-M core against Unicorn's Cortex-M4
 * (QEMU's TCG underneath), one instruction at a time.
 *
 * Both cores get the same memory (code RAM at 0, data RAM at 0x20000000),
 * the same code and the same register and flag state; both have the FP
 * extension (FPv4-SP-D16; the fp5 group uses Unicorn's Cortex-M7 and
 * pmsim's FPv5-SP-D16). After every instruction the harness compares
 * r0-r15, N/Z/C/V/Q, GE[3:0], ITSTATE, S0-S31 and FPSCR, the whole data
 * window, and any byte Unicorn wrote outside it; after every block it
 * compares all of code and data RAM, which catches a pmsim write that
 * Unicorn did not make. On a difference it prints the instruction, the
 * state before it and both states after it, and exits with status 1.
 *
 * The fp64 group is the exception: Unicorn's M-profile cores have no
 * double precision, so pmsim (FPv5-D16) runs alone and its results are
 * checked against host-computed values (f64.c), which Unicorn's A-profile
 * VFP checks in turn.
 *
 * Usage: lockstep [--group alu|mem|dsp|it|fp|fp5|directed|fp64] [--insns N]
 *                 [--seed S] [--skip K]
 * The random groups run blocks until N instructions have been compared
 * (PMSIM_LOCKSTEP_INSNS overrides the default for longer campaigns).
 * Block k's stream depends only on (seed, k), so a failure is reproduced
 * with the printed seed and --skip k.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicorn/unicorn.h>

#include "cpu/cpu_int.h"
#include "tests/lockstep/lockstep.h"

#define LS_VECTOR_HANDLER 0x00000200u /* fault handlers: B . */
#define LS_MAX_OUT 16

struct ls_ctx {
	struct bus bus;
	struct sched sch;
	struct cpu *cpu;
	uc_engine *uc;
	uc_engine *uca;               /* fp64: Unicorn's A-profile `max` CPU, or NULL */
	uint8_t *uc_code, *uc_data;   /* Unicorn's memory (host buffers) */
	uint8_t *pm_code, *pm_data;   /* pmsim's memory */
	uint64_t insns;               /* instructions compared */
	uint64_t seed;
	uint64_t block_no;
	const char *group;
	/* Unicorn writes outside the window during one instruction */
	unsigned nout;
	uint32_t out_addr[LS_MAX_OUT];
	unsigned out_len[LS_MAX_OUT];
	bool out_overflow;
	uint64_t known_diffs;         /* directed cases checked against the ARM ARM only */
	bool fp_print;                /* print S0-S31 and FPSCR in reports */
	bool pm_only;                 /* fp64: pmsim against the architecture alone */
	bool directed;                /* block_no counts directed cases */
	/* The instruction being compared (see ls_begin). */
	struct ls_block *blk;
	uint32_t cur_pc;
	struct ls_state before;
	enum cpu_state pm_st;
	unsigned steps;
};

static const int ls_uc_regs[16] = {
	UC_ARM_REG_R0, UC_ARM_REG_R1, UC_ARM_REG_R2, UC_ARM_REG_R3,
	UC_ARM_REG_R4, UC_ARM_REG_R5, UC_ARM_REG_R6, UC_ARM_REG_R7,
	UC_ARM_REG_R8, UC_ARM_REG_R9, UC_ARM_REG_R10, UC_ARM_REG_R11,
	UC_ARM_REG_R12, UC_ARM_REG_SP, UC_ARM_REG_LR, UC_ARM_REG_PC,
};

static void ls_die(const char *what, uc_err err)
{
	fprintf(stderr, "lockstep: %s: %s\n", what, uc_strerror(err));
	exit(2);
}

static void ls_uc_write_hook(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
			     int64_t value, void *opaque)
{
	struct ls_ctx *x = opaque;
	if (addr >= LS_WIN_BASE && addr + (uint64_t)size <= LS_WIN_BASE + LS_WIN_SIZE)
		return;
	if (x->nout == LS_MAX_OUT) {
		x->out_overflow = true;
		return;
	}
	x->out_addr[x->nout] = (uint32_t)addr;
	x->out_len[x->nout] = (unsigned)size;
	x->nout++;
}

/* `m7`: Unicorn's Cortex-M7 and a Cortex-M7 pmsim core with the FP
 * extension `fpu` (FPv5-SP-D16 for the fp5 group, FPv5-D16 for fp64);
 * otherwise the Cortex-M4 with FPv4-SP-D16. */
static void ls_init(struct ls_ctx *x, bool m7, enum cpu_fpu fpu)
{
	struct err e;
	uc_err ue;
	uc_hook h;

	memset(x, 0, sizeof *x);
	if (bus_init(&x->bus) < 0 ||
	    bus_add_ram(&x->bus, "code", 0, LS_CODE_REGION, false) < 0 ||
	    bus_add_ram(&x->bus, "data", LS_DATA_BASE, LS_DATA_SIZE, false) < 0) {
		fprintf(stderr, "lockstep: bus set-up failed\n");
		exit(2);
	}
	sched_init(&x->sch);
	x->pm_code = bus_host_ptr(&x->bus, 0, LS_CODE_REGION);
	x->pm_data = bus_host_ptr(&x->bus, LS_DATA_BASE, LS_DATA_SIZE);

	/* Vector table: every exception goes to a branch-to-self, so a fault
	 * on either side shows up as a PC difference. */
	uint32_t vec[16];
	vec[0] = LS_WIN_MID;
	vec[1] = LS_CODE_BASE | 1;
	for (int i = 2; i < 16; i++)
		vec[i] = LS_VECTOR_HANDLER | 1;
	memcpy(x->pm_code, vec, sizeof vec);
	x->pm_code[LS_VECTOR_HANDLER] = 0xfe;
	x->pm_code[LS_VECTOR_HANDLER + 1] = 0xe7;

	struct cpu_config cfg = { .freq_hz = 100000000, .num_irq = 32, .prio_bits = 3,
				  .cpuid = m7 ? 0x411fc270 : 0x410fc241, .dsp = true,
				  .fpu = fpu };
	x->cpu = cpu_create(&x->sch, &x->bus, &cfg, NULL, &e);
	if (!x->cpu) {
		fprintf(stderr, "lockstep: cpu_create failed\n");
		exit(2);
	}
	cpu_core_reset(x->cpu);
	/* Full access to CP10/CP11 (Unicorn runs FP instructions without
	 * it). FPCCR stays at its reset value: the first FP instruction
	 * creates the FP context on both cores (FPSCR modes from FPDSCR, 0). */
	x->cpu->cpacr = CPACR_CP10_CP11;

	x->uc_code = calloc(1, LS_CODE_REGION);
	x->uc_data = calloc(1, LS_DATA_SIZE);
	if (!x->uc_code || !x->uc_data) {
		fprintf(stderr, "lockstep: out of memory\n");
		exit(2);
	}
	memcpy(x->uc_code, x->pm_code, LS_CODE_REGION);
	ue = uc_open(UC_ARCH_ARM, UC_MODE_THUMB | UC_MODE_MCLASS, &x->uc);
	if (ue)
		ls_die("uc_open", ue);
	/* Cortex-M4: ARMv7E-M, so the DSP extension exists, and FPv4-SP.
	 * Cortex-M7: the FPv5 single-precision instructions (Unicorn 2.0.1's
	 * M7 has no double precision, docs/lockstep.md). */
	ue = uc_ctl_set_cpu_model(x->uc, m7 ? UC_CPU_ARM_CORTEX_M7 : UC_CPU_ARM_CORTEX_M4);
	if (ue)
		ls_die("uc_ctl_set_cpu_model", ue);
	ue = uc_mem_map_ptr(x->uc, 0, LS_CODE_REGION, UC_PROT_ALL, x->uc_code);
	if (!ue)
		ue = uc_mem_map_ptr(x->uc, LS_DATA_BASE, LS_DATA_SIZE, UC_PROT_ALL, x->uc_data);
	if (ue)
		ls_die("uc_mem_map_ptr", ue);
	ue = uc_hook_add(x->uc, &h, UC_HOOK_MEM_WRITE, (void *)ls_uc_write_hook, x, 1, 0);
	if (ue)
		ls_die("uc_hook_add", ue);
}

/* fp64's second reference: Unicorn's AArch32 `max` CPU in Thumb state,
 * whose VFP (the same QEMU code, with double precision and the ARMv8
 * additions) runs the FP data-processing instructions as an M-profile
 * FPv5-D16 does. Same memory as the M-profile engine. */
static void ls_init_aprofile(struct ls_ctx *x)
{
	uc_err ue = uc_open(UC_ARCH_ARM, UC_MODE_THUMB, &x->uca);
	if (!ue)
		ue = uc_ctl_set_cpu_model(x->uca, UC_CPU_ARM_MAX);
	if (!ue)
		ue = uc_mem_map_ptr(x->uca, 0, LS_CODE_REGION, UC_PROT_ALL, x->uc_code);
	if (!ue)
		ue = uc_mem_map_ptr(x->uca, LS_DATA_BASE, LS_DATA_SIZE, UC_PROT_ALL, x->uc_data);
	/* CPACR: CP10/CP11 full access; FPEXC.EN */
	uint32_t cpacr = 0xf00000, fpexc = 0x40000000;
	if (!ue)
		ue = uc_reg_write(x->uca, UC_ARM_REG_C1_C0_2, &cpacr);
	if (!ue)
		ue = uc_reg_write(x->uca, UC_ARM_REG_FPEXC, &fpexc);
	if (ue)
		ls_die("A-profile engine", ue);
}

static void ls_fini(struct ls_ctx *x)
{
	if (x->uca)
		uc_close(x->uca);
	uc_close(x->uc);
	cpu_destroy(x->cpu);
	bus_free(&x->bus);
	sched_free(&x->sch);
	free(x->uc_code);
	free(x->uc_data);
}

/* ---- state --------------------------------------------------------- */

static void ls_pm_get(struct ls_ctx *x, struct ls_state *s)
{
	const struct cpu *c = x->cpu;
	for (unsigned i = 0; i < 16; i++)
		s->r[i] = cpu_reg(c, i);
	s->nzcv = c->nzcv;
	s->q = c->q;
	s->ge = c->ge;
	s->it = c->itstate;
	memcpy(s->s, c->s, sizeof s->s);
	s->fpscr = c->fpscr;
}

static void ls_uc_get(struct ls_ctx *x, struct ls_state *s)
{
	uint32_t xpsr;
	void *ptrs[50];
	int ids[50];
	for (unsigned i = 0; i < 16; i++) {
		ids[i] = ls_uc_regs[i];
		ptrs[i] = &s->r[i];
	}
	ids[16] = UC_ARM_REG_XPSR;
	ptrs[16] = &xpsr;
	for (unsigned i = 0; i < 32; i++) {
		ids[17 + i] = UC_ARM_REG_S0 + (int)i;
		ptrs[17 + i] = &s->s[i];
	}
	ids[49] = UC_ARM_REG_FPSCR;
	ptrs[49] = &s->fpscr;
	uc_err ue = uc_reg_read_batch(x->uc, ids, ptrs, 50);
	if (ue)
		ls_die("uc_reg_read_batch", ue);
	s->nzcv = xpsr & 0xf0000000u;
	s->q = (xpsr >> 27) & 1;
	s->ge = (xpsr >> 16) & 0xf;
	s->it = ((xpsr >> 25) & 3u) | (((xpsr >> 10) & 0x3fu) << 2);
}

static uint32_t ls_xpsr_of(const struct ls_state *s)
{
	return s->nzcv | (s->q << 27) | (s->ge << 16) | (1u << 24) |
	       ((s->it & 3u) << 25) | ((s->it >> 2) << 10);
}

/* r<n>, or S<n - LS_FIX_S> from LS_FIX_S on. */
static void ls_set_reg(struct ls_ctx *x, unsigned n, uint32_t v)
{
	uc_err ue;
	if (n >= LS_FIX_S) {
		x->cpu->s[n - LS_FIX_S] = v;
		ue = uc_reg_write(x->uc, UC_ARM_REG_S0 + (int)(n - LS_FIX_S), &v);
		if (ue)
			ls_die("uc_reg_write", ue);
		return;
	}
	cpu_set_reg(x->cpu, n, v);
	ue = uc_reg_write(x->uc, ls_uc_regs[n], &v);
	if (ue)
		ls_die("uc_reg_write", ue);
}

static void ls_set_state(struct ls_ctx *x, const struct ls_state *s)
{
	struct cpu *c = x->cpu;
	for (unsigned i = 0; i < 15; i++)
		ls_set_reg(x, i, s->r[i]);
	for (unsigned i = 0; i < 32; i++)
		ls_set_reg(x, LS_FIX_S + i, s->s[i]);
	c->nzcv = s->nzcv & 0xf0000000u;
	c->q = s->q & 1;
	c->ge = s->ge & 0xf;
	c->itstate = 0;
	/* APSR only (IT state starts at zero): XPSR_NZCVQG is the view of
	 * the register that also writes GE. */
	uint32_t xpsr = ls_xpsr_of(s) & 0xf80f0000u;
	uc_err ue = uc_reg_write(x->uc, UC_ARM_REG_XPSR_NZCVQG, &xpsr);
	if (ue)
		ls_die("uc_reg_write xpsr", ue);
}

static void ls_print_state(const char *who, const struct ls_state *s, const struct ls_state *ref,
			   bool fp)
{
	printf("  %-8s", who);
	for (unsigned i = 0; i < 16; i++) {
		bool diff = ref && ref->r[i] != s->r[i];
		printf("r%-2u=%08" PRIx32 "%s", i, s->r[i], diff ? "*" : " ");
		if (i % 6 == 5)
			printf("\n          ");
	}
	bool fd = ref && (ref->nzcv != s->nzcv || ref->q != s->q || ref->ge != s->ge ||
			  ref->it != s->it);
	printf("  %c%c%c%c%c GE=%" PRIx32 " IT=%02" PRIx32 "%s\n",
	       s->nzcv & 0x80000000u ? 'N' : 'n', s->nzcv & 0x40000000u ? 'Z' : 'z',
	       s->nzcv & 0x20000000u ? 'C' : 'c', s->nzcv & 0x10000000u ? 'V' : 'v',
	       s->q ? 'Q' : 'q', s->ge, s->it, fd ? " *" : "");
	if (!fp && !(ref && (memcmp(ref->s, s->s, sizeof s->s) || ref->fpscr != s->fpscr)))
		return;
	printf("          ");
	for (unsigned i = 0; i < 32; i++) {
		bool diff = ref && ref->s[i] != s->s[i];
		printf("s%-2u=%08" PRIx32 "%s", i, s->s[i], diff ? "*" : " ");
		if (i % 6 == 5)
			printf("\n          ");
	}
	printf("  fpscr=%08" PRIx32 "%s\n", s->fpscr, ref && ref->fpscr != s->fpscr ? "*" : "");
}

static void ls_print_block(const struct ls_block *b)
{
	printf("  block code (halfwords from %#x):", LS_CODE_BASE);
	for (unsigned i = 0; i < b->nhw; i++)
		printf("%s%04x", i % 12 ? " " : "\n    ", b->hw[i]);
	printf("\n");
}

/* ---- one block -------------------------------------------------------- */

static void ls_load_code(struct ls_ctx *x, const struct ls_block *b)
{
	/* Pad with B . so a runaway PC stays put on both sides. */
	unsigned n = (b->nhw + 8) & ~1u;
	for (unsigned i = 0; i < n; i += 2) {
		uint32_t lo = i < b->nhw ? b->hw[i] : 0xe7fe;
		uint32_t hi = i + 1 < b->nhw ? b->hw[i + 1] : 0xe7fe;
		uint32_t w = lo | hi << 16;
		uint32_t a = LS_CODE_BASE + 2 * i;
		/* Through the bus, so pmsim drops its decoded copy of the page. */
		bus_write(&x->bus, a, 4, w);
		memcpy(x->uc_code + a, &w, 4);
	}
	uc_err ue = uc_ctl_remove_cache(x->uc, LS_CODE_BASE, LS_CODE_BASE + 2 * n);
	if (ue)
		ls_die("uc_ctl_remove_cache", ue);
}

/* Block `b`'s documented Unicorn difference, if it has one, excuses the
 * registers it names (r, S and FPSCR) and ITSTATE from the comparison:
 * they are checked against the architecture at the end of the case
 * instead. */
static bool ls_state_eq(const struct ls_state *a, const struct ls_state *b,
			const struct ls_block *blk)
{
	bool ex = blk->unicorn_differs;
	uint32_t excuse = ex ? blk->expect_mask : 0, sexcuse = ex ? blk->expect_smask : 0;
	for (unsigned i = 0; i < 16; i++)
		if (!(excuse >> i & 1) && a->r[i] != b->r[i])
			return false;
	for (unsigned i = 0; i < 32; i++)
		if (!(sexcuse >> i & 1) && a->s[i] != b->s[i])
			return false;
	if (!(ex && blk->expect_fpscr) && a->fpscr != b->fpscr)
		return false;
	return a->nzcv == b->nzcv && a->q == b->q && a->ge == b->ge && (ex || a->it == b->it);
}

static void ls_report(struct ls_ctx *x, const struct ls_block *b, uint32_t pc,
		      const struct ls_state *before, const struct ls_state *pm,
		      const struct ls_state *uc, const char *what)
{
	uint32_t off = pc - LS_CODE_BASE;
	printf("MISMATCH (%s) group %s seed %#" PRIx64 " %s %" PRIu64
	       " after %" PRIu64 " instructions\n", what, x->group, x->seed,
	       x->directed ? "case" : "block", x->block_no, x->insns);
	if (b->name)
		printf("  case: %s\n", b->name);
	if (off / 2 < b->nhw) {
		uint16_t h1 = b->hw[off / 2];
		printf("  insn at %#" PRIx32 ": %04x", pc, h1);
		if ((h1 & 0xf800) >= 0xe800 && off / 2 + 1 < b->nhw)
			printf(" %04x", b->hw[off / 2 + 1]);
		printf("\n");
	} else {
		printf("  at %#" PRIx32 " (end of the block or outside it)\n", pc);
	}
	ls_print_state("before", before, NULL, x->fp_print);
	ls_print_state("pmsim", pm, NULL, x->fp_print);
	if (!x->pm_only)
		ls_print_state("unicorn", uc, pm, x->fp_print);
	ls_print_block(b);
	if (x->directed)
		printf("  reproduce: lockstep --group %s\n", x->group);
	else
		printf("  reproduce: lockstep --group %s --seed %#" PRIx64 " --skip %" PRIu64 "\n",
		       x->group, x->seed, x->block_no);
}

static bool ls_mem_check(struct ls_ctx *x, uint32_t lo, uint32_t len, uint32_t *bad)
{
	const uint8_t *p, *u;
	if (lo >= LS_DATA_BASE && lo - LS_DATA_BASE + (uint64_t)len <= LS_DATA_SIZE) {
		p = x->pm_data + (lo - LS_DATA_BASE);
		u = x->uc_data + (lo - LS_DATA_BASE);
	} else if ((uint64_t)lo + len <= LS_CODE_REGION) {
		p = x->pm_code + lo;
		u = x->uc_code + lo;
	} else {
		*bad = lo;
		return false;
	}
	if (!memcmp(p, u, len))
		return true;
	for (uint32_t i = 0; i < len; i++)
		if (p[i] != u[i]) {
			*bad = lo + i;
			return false;
		}
	return true;
}

static void ls_report_mem(struct ls_ctx *x, uint32_t a)
{
	uint8_t p[16], u[16];
	a &= ~7u;
	if (bus_peek(&x->bus, a, p, 16) != BUS_OK ||
	    uc_mem_read(x->uc, a, u, 16) != UC_ERR_OK) {
		printf("  memory differs at or near %#" PRIx32 " (unreadable)\n", a);
		return;
	}
	printf("  memory at %#" PRIx32 ":\n    pmsim  ", a);
	for (int i = 0; i < 16; i++)
		printf(" %02x", p[i]);
	printf("\n    unicorn");
	for (int i = 0; i < 16; i++)
		printf(" %02x", u[i]);
	printf("\n");
}

/* Single-step pmsim: one instruction, far time limit. */
static enum cpu_state ls_pm_step(struct ls_ctx *x)
{
	cpu_set_insn_limit(x->cpu, cpu_insns(x->cpu) + 1);
	return cpu_run(x->cpu, sched_now(&x->sch) + PS_PER_S);
}

/* Start the instruction at `pc`: fix-ups into both cores, remember the
 * state before, run it on pmsim. False if pc is not in the block. */
static bool ls_begin(struct ls_ctx *x, uint32_t pc)
{
	struct ls_block *b = x->blk;
	uint32_t end = LS_CODE_BASE + 2 * b->end_hw;
	x->cur_pc = pc;
	if (pc < LS_CODE_BASE || pc >= end || ++x->steps > 4 * LS_MAX_HW)
		return false;
	unsigned idx = (pc - LS_CODE_BASE) / 2;
	for (unsigned i = 0; i < b->nfix[idx]; i++)
		ls_set_reg(x, b->fix[idx][i].reg, b->fix[idx][i].val);
	ls_pm_get(x, &x->before);
	x->pm_st = ls_pm_step(x);
	x->nout = 0;
	x->out_overflow = false;
	return true;
}

/* Compare the instruction begun by ls_begin once Unicorn has run it. */
static bool ls_finish(struct ls_ctx *x, uc_err ue)
{
	struct ls_block *b = x->blk;
	struct ls_state pm, uc;
	x->insns++;
	ls_pm_get(x, &pm);
	ls_uc_get(x, &uc);
	if (x->pm_st != CPU_INSN_LIMIT || ue != UC_ERR_OK) {
		char why[160];
		snprintf(why, sizeof why, "pmsim: %s, unicorn: %s",
			 x->pm_st == CPU_INSN_LIMIT ? "executed" :
			 x->pm_st == CPU_LOCKUP ? cpu_lockup_reason(x->cpu) : "stopped",
			 ue ? uc_strerror(ue) : "executed");
		ls_report(x, b, x->cur_pc, &x->before, &pm, &uc, why);
		return false;
	}
	if (!ls_state_eq(&pm, &uc, b)) {
		ls_report(x, b, x->cur_pc, &x->before, &pm, &uc, "registers");
		return false;
	}
	uint32_t bad = 0;
	bool ok = ls_mem_check(x, LS_WIN_BASE, LS_WIN_SIZE, &bad);
	for (unsigned i = 0; ok && i < x->nout; i++)
		ok = ls_mem_check(x, x->out_addr[i], x->out_len[i], &bad);
	if (!ok || x->out_overflow) {
		ls_report(x, b, x->cur_pc, &x->before, &pm, &uc, "memory");
		ls_report_mem(x, bad);
		return false;
	}
	return true;
}

static void ls_report_escape(struct ls_ctx *x)
{
	struct ls_state pm, uc;
	ls_pm_get(x, &pm);
	ls_uc_get(x, &uc);
	ls_report(x, x->blk, x->cur_pc, &pm, &pm, &uc, "left the block");
}

static bool ls_run_block(void *ctx, struct ls_block *b)
{
	struct ls_ctx *x = ctx;
	uint32_t end = LS_CODE_BASE + 2 * b->end_hw;

	if (x->directed)
		x->block_no++;
	x->blk = b;
	x->steps = 0;
	ls_load_code(x, b);
	ls_set_state(x, &b->init);
	ls_set_reg(x, 15, LS_CODE_BASE);

	uint32_t pc = LS_CODE_BASE, next = LS_CODE_BASE;
	while (pc != end) {
		if (!ls_begin(x, pc)) {
			ls_report_escape(x);
			return false;
		}
		/* One instruction: count = 1 alone does not stop Unicorn
		 * inside an IT block (it runs to the end of the block), but
		 * an end address does; count = 1 still bounds a branch. */
		uint16_t hw1 = b->hw[(pc - LS_CODE_BASE) / 2];
		uint32_t len = (hw1 & 0xf800) >= 0xe800 ? 4 : 2;
		/* After a taken branch Unicorn has already translated the
		 * target with the branch's end address (so without the stop
		 * after one instruction): drop that translation. */
		if (pc != next) {
			uc_err ue = uc_ctl_remove_cache(x->uc, pc, pc + len);
			if (ue)
				ls_die("uc_ctl_remove_cache", ue);
		}
		next = pc + len;
		uc_err ue = uc_emu_start(x->uc, pc | 1, next, 0, 1);
		if (!ls_finish(x, ue))
			return false;
		pc = cpu_reg(x->cpu, 15);
	}
	/* Whole RAM: a pmsim write outside the window that Unicorn did not
	 * make would not show in the per-instruction checks. */
	struct ls_state pm, uc;
	ls_pm_get(x, &pm);
	ls_uc_get(x, &uc);
	uint32_t bad = 0;
	if (!ls_mem_check(x, LS_DATA_BASE, LS_DATA_SIZE, &bad) ||
	    !ls_mem_check(x, 0, LS_CODE_REGION, &bad)) {
		ls_report(x, b, pc, &pm, &pm, &uc, "memory outside the window");
		ls_report_mem(x, bad);
		return false;
	}
	if (b->expect_mask || b->expect_smask || b->expect_fpscr) {
		bool uc_all = true;
		/* r0-r15, S0-S31, FPSCR */
		for (unsigned i = 0; i < 49; i++) {
			uint32_t want, got_pm, got_uc;
			char what[16];
			if (i < 16) {
				if (!(b->expect_mask >> i & 1))
					continue;
				want = b->expect[i], got_pm = pm.r[i], got_uc = uc.r[i];
				snprintf(what, sizeof what, "r%u", i);
			} else if (i < 48) {
				if (!(b->expect_smask >> (i - 16) & 1))
					continue;
				want = b->expect_s[i - 16], got_pm = pm.s[i - 16], got_uc = uc.s[i - 16];
				snprintf(what, sizeof what, "s%u", i - 16);
			} else {
				if (!b->expect_fpscr)
					continue;
				want = b->expect_fpscr_val, got_pm = pm.fpscr, got_uc = uc.fpscr;
				snprintf(what, sizeof what, "fpscr");
			}
			bool uc_ok = got_uc == want;
			uc_all = uc_all && uc_ok;
			if (got_pm != want || (!b->unicorn_differs && !uc_ok)) {
				char why[96];
				snprintf(why, sizeof why, "%s: architecture says %08" PRIx32, what, want);
				ls_report(x, b, pc, &x->before, &pm, &uc, why);
				return false;
			}
		}
		if (b->unicorn_differs && uc_all) {
			/* The documented Unicorn difference is gone: the case
			 * must move back to a plain comparison. */
			ls_report(x, b, pc, &x->before, &pm, &uc,
				  "Unicorn now agrees on a case documented as differing");
			return false;
		}
		if (b->unicorn_differs)
			x->known_diffs++;
	}
	return true;
}

/* Run block `b` (straight-line code) on the A-profile engine; its S0-S31
 * and FPSCR into `s`. */
static void ls_run_aprofile(struct ls_ctx *x, const struct ls_block *b, struct ls_state *s)
{
	uc_err ue = uc_ctl_remove_cache(x->uca, LS_CODE_BASE, LS_CODE_BASE + 2 * b->nhw + 16);
	for (unsigned i = 0; !ue && i < 15; i++)
		ue = uc_reg_write(x->uca, ls_uc_regs[i], &b->init.r[i]);
	for (unsigned i = 0; !ue && i < 32; i++)
		ue = uc_reg_write(x->uca, UC_ARM_REG_S0 + (int)i, &b->init.s[i]);
	for (unsigned pc = 0; !ue && pc < b->end_hw;) {
		for (unsigned i = 0; !ue && i < b->nfix[pc]; i++) {
			unsigned r = b->fix[pc][i].reg;
			int id = r >= LS_FIX_S ? UC_ARM_REG_S0 + (int)(r - LS_FIX_S) : ls_uc_regs[r];
			ue = uc_reg_write(x->uca, id, &b->fix[pc][i].val);
		}
		unsigned len = (b->hw[pc] & 0xf800) >= 0xe800 ? 2 : 1;
		if (!ue)
			ue = uc_emu_start(x->uca, (LS_CODE_BASE + 2 * pc) | 1,
					  LS_CODE_BASE + 2 * (pc + len), 0, 1);
		pc += len;
	}
	for (unsigned i = 0; !ue && i < 32; i++)
		ue = uc_reg_read(x->uca, UC_ARM_REG_S0 + (int)i, &s->s[i]);
	if (!ue)
		ue = uc_reg_read(x->uca, UC_ARM_REG_FPSCR, &s->fpscr);
	if (ue)
		ls_die("A-profile run", ue);
	s->fpscr &= 0xf7c0009fu; /* the bits M-profile has */
}

/* pmsim alone (the fp64 group: Unicorn 2.0.1's M-profile cores have no
 * double precision): run the block and check the registers the case
 * names against the values the architecture gives (computed on the host,
 * docs/lockstep.md), and those values against Unicorn's A-profile VFP. */
static bool ls_run_block_pm(void *ctx, struct ls_block *b)
{
	struct ls_ctx *x = ctx;
	uint32_t end = LS_CODE_BASE + 2 * b->end_hw;
	struct ls_state pm, ua;

	x->block_no++;
	x->blk = b;
	x->steps = 0;
	ls_load_code(x, b);
	ls_set_state(x, &b->init);
	ls_set_reg(x, 15, LS_CODE_BASE);
	uint32_t pc = LS_CODE_BASE;
	while (pc != end) {
		if (!ls_begin(x, pc)) {
			ls_pm_get(x, &pm);
			ls_report(x, b, x->cur_pc, &pm, &pm, &pm, "left the block");
			return false;
		}
		x->insns++;
		ls_pm_get(x, &pm);
		if (x->pm_st != CPU_INSN_LIMIT) {
			ls_report(x, b, x->cur_pc, &x->before, &pm, &pm,
				  x->pm_st == CPU_LOCKUP ? cpu_lockup_reason(x->cpu) : "pmsim stopped");
			return false;
		}
		pc = cpu_reg(x->cpu, 15);
	}
	ua = pm;
	ls_run_aprofile(x, b, &ua);
	for (unsigned i = 0; i < 33; i++) {
		uint32_t want, got, got_a;
		char why[128];
		if (i < 32 && (b->expect_smask >> i & 1)) {
			want = b->expect_s[i], got = pm.s[i], got_a = ua.s[i];
			snprintf(why, sizeof why, "s%u: architecture says %08" PRIx32, i, want);
		} else if (i == 32 && b->expect_fpscr) {
			want = b->expect_fpscr_val, got = pm.fpscr, got_a = ua.fpscr;
			snprintf(why, sizeof why, "fpscr: architecture says %08" PRIx32, want);
		} else {
			continue;
		}
		if (got != want) {
			ls_report(x, b, pc, &x->before, &pm, &pm, why);
			return false;
		}
		if (got_a != want) {
			/* The expected value itself is in doubt. */
			ls_report(x, b, pc, &x->before, &pm, &pm,
				  "Unicorn's A-profile VFP disagrees with the expected value");
			printf("  A-profile: s1:s0 = %08" PRIx32 " %08" PRIx32 ", fpscr %08" PRIx32 "\n",
			       ua.s[1], ua.s[0], ua.fpscr);
			return false;
		}
	}
	return true;
}

/* Identical random contents for both data RAMs (and the code region
 * around the block, which literal loads read). */
static void ls_fill_memory(struct ls_ctx *x, struct ls_rng *g, bool code)
{
	for (uint32_t i = 0; i < LS_WIN_SIZE; i += 4) {
		uint32_t v = (i & 0x3c) == 0 ? ls_value(g) : ls_rand32(g);
		memcpy(x->pm_data + (LS_WIN_BASE - LS_DATA_BASE) + i, &v, 4);
	}
	memcpy(x->uc_data + (LS_WIN_BASE - LS_DATA_BASE),
	       x->pm_data + (LS_WIN_BASE - LS_DATA_BASE), LS_WIN_SIZE);
	if (!code)
		return;
	for (uint32_t a = LS_CODE_BASE; a < LS_CODE_REGION; a += 4) {
		uint32_t v = ls_rand32(g);
		bus_write(&x->bus, a, 4, v);
		memcpy(x->uc_code + a, &v, 4);
	}
	uc_ctl_remove_cache(x->uc, 0, LS_CODE_REGION);
}

static uint64_t ls_env_insns(uint64_t dflt)
{
	const char *s = getenv("PMSIM_LOCKSTEP_INSNS");
	if (!s || !*s)
		return dflt;
	char *end;
	unsigned long long v = strtoull(s, &end, 0);
	if (*end || !v) {
		fprintf(stderr, "lockstep: bad PMSIM_LOCKSTEP_INSNS '%s'\n", s);
		exit(2);
	}
	return v;
}

static void ls_usage(void)
{
	fprintf(stderr, "usage: lockstep [--group alu|mem|dsp|it|fp|fp5|directed|fp64] "
		"[--insns N] [--seed S] [--skip K]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	struct ls_ctx x;
	const char *group = "alu";
	uint64_t insns = 0, seed = 0x5eed1234, skip = 0;
	bool have_insns = false;

	for (int i = 1; i < argc; i++) {
		if (i + 1 >= argc)
			ls_usage();
		if (!strcmp(argv[i], "--group"))
			group = argv[++i];
		else if (!strcmp(argv[i], "--insns")) {
			insns = strtoull(argv[++i], NULL, 0);
			have_insns = true;
		} else if (!strcmp(argv[i], "--seed"))
			seed = strtoull(argv[++i], NULL, 0);
		else if (!strcmp(argv[i], "--skip"))
			skip = strtoull(argv[++i], NULL, 0);
		else
			ls_usage();
	}
	/* Four groups of 400k: 1.6 million instructions per default CTest
	 * run, about 20 s of CPU time in a RelWithDebInfo build. */
	if (!have_insns)
		insns = 400000;
	insns = ls_env_insns(insns);

	bool fp64 = !strcmp(group, "fp64");
	if (!strcmp(group, "fp5"))
		ls_init(&x, true, CPU_FPU_V5_SP);
	else if (fp64)
		ls_init(&x, true, CPU_FPU_V5_DP);
	else
		ls_init(&x, false, CPU_FPU_V4_SP);
	if (fp64)
		ls_init_aprofile(&x);
	x.seed = seed;
	x.group = group;
	x.fp_print = !strcmp(group, "fp") || !strcmp(group, "fp5") || fp64 ||
		     !strcmp(group, "directed");

	if (fp64) {
		x.directed = true;
		x.pm_only = true;
		unsigned n = ls_directed_f64(ls_run_block_pm, &x);
		if (!n) {
			ls_fini(&x);
			return 1;
		}
		printf("lockstep fp64 (pmsim against host-computed values): %u cases, %" PRIu64
		       " instructions\n", n, x.insns);
		printf("%u passed, 0 failed\n", n);
		ls_fini(&x);
		return 0;
	}

	if (!strcmp(group, "directed")) {
		struct ls_rng g = { seed };
		x.directed = true;
		ls_fill_memory(&x, &g, true);
		unsigned n = ls_directed(ls_run_block, &x);
		if (!n) {
			ls_fini(&x);
			return 1;
		}
		printf("lockstep directed: %u cases, %" PRIu64 " instructions, %" PRIu64
		       " checked against the architecture only (Unicorn differs)\n",
		       n, x.insns, x.known_diffs);
		printf("%u passed, 0 failed\n", n);
		ls_fini(&x);
		return 0;
	}

	enum ls_group grp = LS_G_COUNT;
	for (unsigned i = 0; i < LS_G_COUNT; i++)
		if (!strcmp(group, ls_group_name[i]))
			grp = (enum ls_group)i;
	if (grp == LS_G_COUNT)
		ls_usage();

	printf("lockstep %s: seed %#" PRIx64 ", %" PRIu64 " instructions\n", group, seed, insns);
	fflush(stdout);
	struct ls_block *b = malloc(sizeof *b);
	if (!b)
		return 2;
	{
		struct ls_rng g = { seed ^ 0xc0de };
		ls_fill_memory(&x, &g, true);
	}
	for (x.block_no = 0; x.insns < insns; x.block_no++) {
		struct ls_rng g = { seed * 0x100000001b3ull + x.block_no * 0x9e3779b97f4a7c15ull };
		ls_gen_block(&g, grp, 64, b);
		if (x.block_no < skip)
			continue;
		ls_fill_memory(&x, &g, false);
		if (!ls_run_block(&x, b)) {
			free(b);
			ls_fini(&x);
			return 1;
		}
	}
	printf("lockstep %s: %" PRIu64 " blocks, %" PRIu64 " instructions compared\n", group,
	       x.block_no - skip, x.insns);
	printf("%" PRIu64 " passed, 0 failed\n", x.block_no - skip);
	free(b);
	ls_fini(&x);
	return 0;
}
