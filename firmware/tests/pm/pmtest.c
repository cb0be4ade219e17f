/*
 * Helpers shared by the power-management guest tests (pmtest.h): the RAM
 * vector table, the TIMER0 latency probe and a power-off path whose
 * warm-boot code looks before it restores.
 */
#include "pmtest.h"

#include <string.h>

uint32_t pt_vectors[64] __attribute__((aligned(256)));
volatile uint32_t pt_isr_value, pt_isr_count;
volatile struct pt_warm_seen pt_warm;

/* The warm-boot table: only SP and the reset entry are used (WARMBOOT
 * ignores bits 6:0, so 128-byte alignment). */
static uint32_t warm_vectors[16] __attribute__((aligned(128)));
static uint32_t warm_stack[256] __attribute__((aligned(8)));
static volatile uint32_t warm_iser0;

struct pt_ctx {
	uint32_t r4_r11[8], sp, lr;
};
struct pt_ctx pt_ctx;

int pt_save_and_sleep(struct pt_ctx *ctx, uint32_t *probe_before);
void pt_resume(void) __attribute__((noreturn));
void pt_warm_entry(void);
void pt_warm_main(void) __attribute__((noreturn, used));
void pt_probe_isr_done(void) __attribute__((used));

/*
 * pt_save_and_sleep(ctx, probe_before): save what the AAPCS says a call
 * keeps, optionally read TIMER0's Value, WFI. Returns 0 when the core
 * survived the sleep; pt_resume returns 1 from the same call after a warm
 * boot.
 * pt_warm_entry: the warm-boot reset handler. Its third instruction is the
 * load of TIMER0's Value (the address is built with MOVW/MOVT so that no
 * literal load from flash comes first), stored into pt_warm.timer_value.
 * pt_probe_isr: the same first load for an interrupt that did not go
 * through a warm boot.
 */
__asm__(".syntax unified\n"
	".thumb\n"
	".text\n"
	".global pt_save_and_sleep\n"
	".type pt_save_and_sleep, %function\n"
	".thumb_func\n"
	"pt_save_and_sleep:\n"
	"	stmia r0, {r4-r11}\n"
	"	mov r2, sp\n"
	"	str r2, [r0, #32]\n"
	"	str lr, [r0, #36]\n"
	"	cbz r1, 1f\n"
	"	movw r2, #0x5004\n"
	"	movt r2, #0x4000\n"
	"	ldr r3, [r2]\n"
	"	str r3, [r1]\n"
	"1:	dsb\n"
	"	wfi\n"
	"	movs r0, #0\n"
	"	bx lr\n"
	".global pt_resume\n"
	".type pt_resume, %function\n"
	".thumb_func\n"
	"pt_resume:\n"
	"	ldr r0, =pt_ctx\n"
	"	ldr r1, [r0, #32]\n"
	"	mov sp, r1\n"
	"	ldmia r0, {r4-r11}\n"
	"	ldr lr, [r0, #36]\n"
	"	movs r0, #1\n"
	"	bx lr\n"
	".global pt_warm_entry\n"
	".type pt_warm_entry, %function\n"
	".thumb_func\n"
	"pt_warm_entry:\n"
	"	movw r0, #0x5004\n"
	"	movt r0, #0x4000\n"
	"	ldr r1, [r0]\n"
	"	ldr r0, =pt_warm\n"
	"	str r1, [r0]\n"
	"	b pt_warm_main\n"
	".global pt_probe_isr\n"
	".type pt_probe_isr, %function\n"
	".thumb_func\n"
	"pt_probe_isr:\n"
	"	movw r0, #0x5004\n"
	"	movt r0, #0x4000\n"
	"	ldr r1, [r0]\n"
	"	ldr r0, =pt_isr_value\n"
	"	str r1, [r0]\n"
	"	b pt_probe_isr_done\n"
	".ltorg\n");

void pt_probe_isr_done(void)
{
	TIMER_CTRL(0) = 0;
	TIMER_INTCLR(0) = 1;
	pt_isr_count++;
}

void pt_warm_main(void)
{
	pt_warm.vtor = SCB_VTOR;
	pt_warm.iser0 = NVIC_ISER(0);
	pt_warm.iser1 = NVIC_ISER(1);
	pt_warm.ccr = SCB_CCR;
	pt_warm.mpu_ctrl = MPU_CTRL;
	pt_warm.pmu_status = PMU_STATUS;
	pt_warm.count++;
	SCB_VTOR = (uint32_t)(uintptr_t)pt_vectors;
	pt_barrier();
	/* PRIMASK is clear after the reset: the interrupt that woke the core
	 * (its line is still high) is taken as soon as it is enabled. */
	NVIC_ISER(0) = warm_iser0;
	pt_barrier();
	pt_resume();
}

void pt_vectors_install(void)
{
	memcpy(pt_vectors, (const void *)SCB_VTOR, sizeof pt_vectors);
	SCB_VTOR = (uint32_t)(uintptr_t)pt_vectors;
	pt_barrier();
}

void pt_dcache_on(void)
{
	SCB_CSSELR = 0; /* level 1 data cache */
	pt_barrier();
	uint32_t ccsidr = SCB_CCSIDR;
	uint32_t sets = ((ccsidr >> 13) & 0x7fffu) + 1, ways = ((ccsidr >> 3) & 0x3ffu) + 1;
	uint32_t line_shift = (ccsidr & 7u) + 4;
	uint32_t way_shift = ways > 1 ? (uint32_t)__builtin_clz(ways - 1) : 0;
	for (uint32_t w = 0; w < ways; w++)
		for (uint32_t s = 0; s < sets; s++)
			SCB_DCISW = w << way_shift | s << line_shift;
	pt_barrier();
	SCB_CCR |= CCR_DC;
	pt_barrier();
}

void pt_probe_arm(uint32_t load)
{
	TIMER_CTRL(0) = TIMER_CTRL_32BIT;
	TIMER_INTCLR(0) = 1;
	NVIC_ICPR(0) = 1u << IRQ_TIMER0;
	TIMER_LOAD(0) = load;
	TIMER_CTRL(0) = TIMER_CTRL_EN | TIMER_CTRL_32BIT | TIMER_CTRL_INTEN;
}

bool pt_sleep(uint32_t lpmode, bool deep, uint32_t iser0, uint32_t *probe_before)
{
	warm_iser0 = iser0;
	warm_vectors[0] = (uint32_t)(uintptr_t)(warm_stack + 256);
	warm_vectors[1] = (uint32_t)(uintptr_t)pt_warm_entry | 1u;
	PMU_WARMBOOT = (uint32_t)(uintptr_t)warm_vectors;
	PMU_LPMODE = lpmode;
	if (deep)
		SCB_SCR |= SCR_SLEEPDEEP;
	else
		SCB_SCR &= ~SCR_SLEEPDEEP;
	bool warm = pt_save_and_sleep(&pt_ctx, probe_before) != 0;
	SCB_SCR &= ~SCR_SLEEPDEEP;
	return warm;
}
