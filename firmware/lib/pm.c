/*
 * Guest power-management library (include/pm.h).
 */
#include "pm.h"

#include <string.h>

const struct pm_opp pm_opps[PM_NOPPS] = {
	{ 25000000, 800000, 0 },
	{ 50000000, 850000, 2 },
	{ 100000000, 900000, 4 },
	{ 200000000, 1000000, 8 },
	{ 400000000, 1200000, 16 },
};

static unsigned cur_opp;

void pm_clock_init(void)
{
	CMU_GATE_SET = 1u << GATE_TIMER0;
	/* The size first: a Load written in 16-bit mode keeps 16 bits. */
	TIMER_CTRL(1) = TIMER_CTRL_32BIT;
	TIMER_LOAD(1) = 0xffffffffu;
	TIMER_CTRL(1) = TIMER_CTRL_EN | TIMER_CTRL_32BIT; /* free-running */
}

unsigned pm_opp(void)
{
	return cur_opp;
}

static void set_voltage(uint32_t uv)
{
	PMIC_VSET(RAIL_CORE) = uv;
	while (!(PMIC_STATUS(RAIL_CORE) & PMIC_SETTLED))
		;
}

static void set_freq(const struct pm_opp *o)
{
	CMU_CPU_MUX = 0; /* the oscillator, at once */
	if (!o->mult) {
		CMU_PLL0_CTRL = 0; /* the PLL is not needed: stop it */
		return;
	}
	CMU_PLL0_CTRL = CMU_PLL_CFG(o->mult, 1);
	while (!(CMU_PLL0_STATUS & CMU_PLL_LOCKED))
		;
	CMU_CPU_MUX = 1;
}

void pm_set_opp(unsigned i)
{
	const struct pm_opp *o = &pm_opps[i];
	if (i > cur_opp) {
		set_voltage(o->uv);
		set_freq(o);
	} else if (i < cur_opp) {
		set_freq(o);
		set_voltage(o->uv);
	}
	cur_opp = i;
}

void pm_wake_after_us(uint32_t us)
{
	TIMER_CTRL(0) = TIMER_CTRL_32BIT | TIMER_CTRL_ONESHOT;
	TIMER_INTCLR(0) = 1;
	TIMER_LOAD(0) = us * PM_TICKS_PER_US - 1;
	TIMER_CTRL(0) = TIMER_CTRL_EN | TIMER_CTRL_32BIT | TIMER_CTRL_ONESHOT | TIMER_CTRL_INTEN;
	NVIC_ISER(0) = 1u << IRQ_TIMER0;
}

void pm_wake_ack(void)
{
	TIMER_INTCLR(0) = 1;
	TIMER_CTRL(0) = 0;
}

void pm_dcache_clean_all(void)
{
	if (!(SCB_CCR & CCR_DC))
		return;
	REG32(0xe000ed84u) = 0; /* CSSELR: level 1 data cache */
	__asm__ volatile("dsb");
	uint32_t ccsidr = REG32(0xe000ed80u);
	uint32_t sets = ((ccsidr >> 13) & 0x7fffu) + 1, ways = ((ccsidr >> 3) & 0x3ffu) + 1;
	uint32_t line_shift = (ccsidr & 7u) + 4, way_shift = (uint32_t)__builtin_clz(ways - 1);
	for (uint32_t w = 0; w < ways; w++)
		for (uint32_t s = 0; s < sets; s++)
			REG32(0xe000ef6cu) = w << way_shift | s << line_shift; /* DCCSW */
	__asm__ volatile("dsb\n\tisb");
}

/* ---- idle states and warm boot ---------------------------------------- */

/* What a power-off state loses and pm_idle puts back: the callee-saved
 * registers, SP and LR (pm_save_and_sleep / pm_resume), and the SCS
 * configuration firmware set. */
struct pm_ctx {
	uint32_t r4_r11[8], sp, lr;
};
struct pm_ctx pm_ctx;

/* The warm-boot vector table: the running table with the reset entry
 * pointing at pm_resume, and a scratch stack. */
static uint32_t warm_vectors[64] __attribute__((aligned(256)));
static uint32_t warm_stack[64] __attribute__((aligned(8)));

int pm_save_and_sleep(struct pm_ctx *ctx);
void pm_resume(void);

/* r0 = ctx. Returns 0 after a WFI the core survived; pm_resume returns 1
 * from the same call after a warm boot. */
__asm__(".text\n"
	".thumb\n"
	".global pm_save_and_sleep\n"
	".type pm_save_and_sleep, %function\n"
	".thumb_func\n"
	"pm_save_and_sleep:\n"
	"	stmia r0, {r4-r11}\n"
	"	mov r1, sp\n"
	"	str r1, [r0, #32]\n"
	"	str lr, [r0, #36]\n"
	"	dsb\n"
	"	wfi\n"
	"	movs r0, #0\n"
	"	bx lr\n"
	".global pm_resume\n"
	".type pm_resume, %function\n"
	".thumb_func\n"
	"pm_resume:\n"
	"	ldr r0, =pm_ctx\n"
	"	ldr r1, [r0, #32]\n"
	"	mov sp, r1\n"
	"	ldmia r0, {r4-r11}\n"
	"	ldr lr, [r0, #36]\n"
	"	movs r0, #1\n"
	"	bx lr\n"
	".ltorg\n");

bool pm_idle(unsigned state)
{
	uint32_t vtor = SCB_VTOR, ccr = SCB_CCR, iser0 = NVIC_ISER(0), iser1 = NVIC_ISER(1);
	PMU_LPMODE = state;
	if (state == IDLE_WFI)
		SCB_SCR &= ~SCR_SLEEPDEEP;
	else
		SCB_SCR |= SCR_SLEEPDEEP;
	if (state == IDLE_POWER_OFF) {
		memcpy(warm_vectors, (const void *)vtor, sizeof warm_vectors);
		warm_vectors[0] = (uint32_t)(uintptr_t)(warm_stack + 64);
		warm_vectors[1] = (uint32_t)(uintptr_t)pm_resume | 1u;
		PMU_WARMBOOT = (uint32_t)(uintptr_t)warm_vectors;
		pm_dcache_clean_all();
	}
	bool warm = pm_save_and_sleep(&pm_ctx) != 0;
	SCB_SCR &= ~SCR_SLEEPDEEP;
	if (warm) {
		/* The core came back from reset: put the SCS back. */
		SCB_VTOR = vtor;
		NVIC_ISER(0) = iser0;
		NVIC_ISER(1) = iser1;
		if (ccr & (CCR_IC | CCR_DC)) {
			REG32(0xe000ef50u) = 0; /* ICIALLU: the caches come back invalid */
			__asm__ volatile("dsb\n\tisb");
			SCB_CCR = ccr;
			__asm__ volatile("dsb\n\tisb");
		}
		__asm__ volatile("cpsie i");
	}
	return warm;
}

/* ---- DRAM and suspend -------------------------------------------------- */

void pm_dram_self_refresh(void)
{
	DRAMC_CTRL = (DRAMC_CTRL & DRAMC_CTRL_PD_EN) | DRAMC_CTRL_SR_REQ;
	while (DRAMC_STATE(DRAMC_STATUS) != DRAM_SELF_REFRESH)
		;
}

void pm_suspend_until_rtc(uint32_t seconds)
{
	pm_dcache_clean_all();
	RTC_CR = 1;
	RTC_ICR = 1;
	RTC_MR = RTC_DR + seconds;
	RTC_IMSC = 1;
	NVIC_ISER(0) = 1u << IRQ_RTC;
	PMU_WAKE_EN = 1u << IRQ_RTC;
	PMU_WARMBOOT = 0; /* back through the reset vector */
	pm_dram_self_refresh();
	PMU_LPMODE = LPMODE_SUSPEND;
	SCB_SCR |= SCR_SLEEPDEEP;
	__asm__ volatile("cpsid i\n\tdsb\n\twfi");
	SCB_SCR &= ~SCR_SLEEPDEEP;
	__asm__ volatile("cpsie i");
}
