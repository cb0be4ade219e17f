/*
 * The FP context across nested exceptions (ARMv7-M B1.5.6-B1.5.8, B1.5.7):
 * Thread mode fills S0-S31 and FPSCR and pends PendSV (priority 0xE0);
 * PendSV fills them with its own values and pends IRQ0 (0x80) through
 * STIR; IRQ0 does the same and pends SysTick (0x40), which fills them once
 * more. Three levels of preemption, each handler with different values;
 * every level then checks that all 32 registers and FPSCR hold its own
 * values again. Four ways:
 *
 *   lazy      ASPEN=1 LSPEN=1 (reset): extended frames reserved, each
 *             handler's first FP instruction preserves the interrupted
 *             context; the entry records FPCCR/FPCAR as the ARM says.
 *   eager     ASPEN=1 LSPEN=0: the FP words are stacked at entry.
 *   none      ASPEN=0, CONTROL.FPCA never set: basic frames, nothing is
 *             preserved: every level sees the innermost handler's S0-S15
 *             and FPSCR (S16-S31 are saved by the code, as the AAPCS
 *             wants).
 *   manual    ASPEN=0, every level sets CONTROL.FPCA itself: extended
 *             frames again, all preserved.
 *
 * Then SysTick every 2999 cycles interrupts Thread-mode FP work at whatever
 * instruction it reaches, its handler using the FP registers too.
 */
#include "fp_exc.h"

enum mode { LAZY, EAGER, NONE, MANUAL };
static enum mode mode;

static struct fp_regs want[4], got[4];
static volatile uint32_t exc_return[4], fpccr_at_entry[4], fpcar_at_entry[4],
	frame_at_entry[4];
static volatile uint32_t frame_fp_ok;
static volatile unsigned ticks;
static volatile int in_loop;
static struct fp_regs tick_want, tick_got;
static volatile unsigned tick_errors;

static void level_entry(unsigned lvl, uint32_t lr, uint32_t sp)
{
	exc_return[lvl] = lr;
	fpccr_at_entry[lvl] = FPU_FPCCR;
	fpcar_at_entry[lvl] = FPU_FPCAR;
	frame_at_entry[lvl] = sp;
	if (mode == MANUAL)
		set_control(get_control() | CONTROL_FPCA);
}

void pendsv_c(uint32_t lr, uint32_t sp)
{
	level_entry(1, lr, sp);
	/* With LSPEN clear the Thread context is already in the frame. */
	if (mode == EAGER) {
		const uint32_t *f = (const uint32_t *)sp;
		frame_fp_ok = !memcmp(&f[8], want[0].s, 16 * 4) && f[24] == want[0].fpscr;
	}
	fp_work(&want[1], &got[1], &NVIC_STIR, 0);
}

void irq0_c(uint32_t lr, uint32_t sp)
{
	level_entry(2, lr, sp);
	fp_work(&want[2], &got[2], &SCB_ICSR, ICSR_PENDSTSET);
}

void systick_c(uint32_t lr, uint32_t sp)
{
	if (in_loop) {
		ticks++;
		fp_work(&tick_want, &tick_got, 0, 0);
		if (!fp_regs_eq(&tick_want, &tick_got))
			tick_errors++;
		return;
	}
	level_entry(3, lr, sp);
	fp_work(&want[3], &got[3], 0, 0);
}

FP_HANDLER(pendsv_handler, pendsv_c)
FP_HANDLER(irq0_handler, irq0_c)
FP_HANDLER(systick_handler, systick_c)

static void run(enum mode m, uint32_t seed)
{
	mode = m;
	FPU_FPCCR = (m == LAZY || m == EAGER ? FPCCR_ASPEN : 0) | (m == EAGER ? 0 : FPCCR_LSPEN);
	/* Thread mode starts without an FP context, then gets one (ASPEN:
	 * its first FP instruction; MANUAL: by hand). */
	set_control(m == MANUAL ? CONTROL_FPCA : 0);
	for (unsigned i = 0; i < 4; i++)
		fp_pattern(&want[i], seed + i);
	memset(got, 0, sizeof got);
	memset((void *)exc_return, 0, sizeof exc_return);
	fp_work(&want[0], &got[0], &SCB_ICSR, ICSR_PENDSVSET);

	if (m == NONE) {
		/* Nothing preserved: each level's S0-S15 and FPSCR are what the
		 * innermost handler left; S16-S31 its own (code-saved). */
		for (unsigned l = 0; l < 4; l++) {
			CHECK(!memcmp(got[l].s, want[3].s, 16 * 4));
			CHECK(!memcmp(&got[l].s[16], &want[l].s[16], 16 * 4));
			CHECK(got[l].fpscr == want[3].fpscr);
		}
		CHECK(exc_return[1] == 0xfffffff9u);
		CHECK(exc_return[2] == 0xfffffff1u);
		CHECK(exc_return[3] == 0xfffffff1u);
		CHECK(!(get_control() & CONTROL_FPCA));
		return;
	}
	for (unsigned l = 0; l < 4; l++) {
		if (!fp_regs_eq(&got[l], &want[l]))
			printf("mode %d level %u: s0 %08lx want %08lx, fpscr %08lx want %08lx\n",
			       m, l, (unsigned long)got[l].s[0], (unsigned long)want[l].s[0],
			       (unsigned long)got[l].fpscr, (unsigned long)want[l].fpscr);
		CHECK(fp_regs_eq(&got[l], &want[l]));
	}
	/* Extended frames: EXC_RETURN bit 4 clear at every level. */
	CHECK(exc_return[1] == 0xffffffe9u);
	CHECK(exc_return[2] == 0xffffffe1u);
	CHECK(exc_return[3] == 0xffffffe1u);
	CHECK(get_control() & CONTROL_FPCA);
	for (unsigned l = 1; l < 4; l++) {
		CHECK((frame_at_entry[l] & 7u) == 0);
		if (m == EAGER) {
			CHECK(!(fpccr_at_entry[l] & FPCCR_LSPACT));
			continue;
		}
		/* Reserved only: FPCAR is the frame's S0 slot, LSPACT set, and
		 * THREAD only for the frame Thread mode's entry made. */
		CHECK(fpcar_at_entry[l] == frame_at_entry[l] + 0x20);
		CHECK(fpccr_at_entry[l] & FPCCR_LSPACT);
		CHECK(fpccr_at_entry[l] & FPCCR_HFRDY);
		CHECK(!(fpccr_at_entry[l] & FPCCR_USER));
		CHECK(!!(fpccr_at_entry[l] & FPCCR_THREAD) == (l == 1));
	}
	if (m == EAGER)
		CHECK(frame_fp_ok);
	CHECK(!(FPU_FPCCR & FPCCR_LSPACT));
}

/* Thread-mode FP work with SysTick firing every 2999 cycles wherever it
 * lands; the handler uses the FP registers too. */
static void run_ticks(void)
{
	FPU_FPCCR = FPCCR_ASPEN | FPCCR_LSPEN;
	fp_pattern(&tick_want, 0x77);
	in_loop = 1;
	SYST_RVR = 2998;
	SYST_CVR = 0;
	SYST_CSR = 7; /* core clock, TICKINT, ENABLE */
	unsigned errors = 0;
	for (uint32_t k = 0; k < 400; k++) {
		struct fp_regs w, g;
		fp_pattern(&w, 0x1000 + k);
		fp_work(&w, &g, 0, 0);
		if (!fp_regs_eq(&w, &g))
			errors++;
	}
	SYST_CSR = 0;
	in_loop = 0;
	printf("ticks %u, errors %u/%u\n", ticks, errors, tick_errors);
	CHECK(ticks > 50);
	CHECK(errors == 0);
	CHECK(tick_errors == 0);
}

int main(void)
{
	vt_install();
	vt_set(EXC_PENDSV, pendsv_handler);
	vt_set(EXC_SYSTICK, systick_handler);
	vt_set(EXC_IRQ0, irq0_handler);
	SCB_SHPR3 = (0x40u << 24) | (0xe0u << 16); /* SysTick 0x40, PendSV 0xE0 */
	NVIC_IPR8(0) = 0x80;
	NVIC_ISER(0) = 1;
	CHECK(SCB_CPACR == 0x00f00000u); /* the start-up code's */
	CHECK(FPU_FPCCR == (FPCCR_ASPEN | FPCCR_LSPEN));

	static const char *const names[] = { "lazy", "eager", "none", "manual" };
	for (int m = LAZY; m <= MANUAL; m++) {
		run((enum mode)m, 0x10u * (unsigned)m + 1);
		printf("%s: ok\n", names[m]);
	}
	/* Once more lazily, after the others changed everything. */
	run(LAZY, 0x99);
	run_ticks();
	printf("fp_exc lazy tests passed\n");
	return 0;
}
