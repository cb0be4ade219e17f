/*
 * The core's context across a power-off (Linux's arch/arm/kernel/sleep.S
 * and suspend.c, for an ARMv7-M core; asm/suspend.h has the contract).
 *
 * A power-off state or a system suspend resets the core
 * (docs/devices/pmu.md): its registers, the System Control Space (SCB,
 * NVIC, MPU, SysTick) and the caches are lost. What pmfw set there is
 * saved here and written back by cpu_resume:
 *
 *   on the stack of cpu_suspend's caller: r4-r11 and lr (with r3, for
 *       8-byte alignment), as a normal call would keep them;
 *   in sleep_ctx (.bss): that stack pointer, MSP, PSP, CONTROL, PRIMASK,
 *       BASEPRI, FAULTMASK; the SCB's VTOR, AIRCR.PRIGROUP, SHPR1-3,
 *       SHCSR, CCR (the caches' enables among it) and SCR; the NVIC's
 *       enables and priorities (the lines the NVIC has: ICTR); the MPU's
 *       regions and CTRL.
 *
 * Not saved, because pmfw does not use them: SysTick (the SP804 is the
 * system timer), the FPU (pmfw is built for soft float), the DWT.
 * Pending interrupts need nothing: a line still asserted pends again
 * after the warm boot (the wake-up controller keeps it).
 *
 * Restoring follows the boot's order: the vector table, the exception
 * priorities and enables, the MPU, then the caches invalidated and
 * enabled as paging_init does (their contents are undefined after the
 * power-off), the NVIC, SCR, and the masks last.
 */
#include <asm/cacheflush.h>
#include <asm/suspend.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/kernel.h>
#include <stddef.h>

#include "arch.h"

#define NVIC_ICTR (*(volatile u32 *)0xe000e004u)
#define NVIC_ISER(n) (((volatile u32 *)0xe000e100u)[n])
#define NVIC_ICER(n) (((volatile u32 *)0xe000e180u)[n])
#define NVIC_IPR(n) (((volatile u32 *)0xe000e400u)[n])
#define SCB_SHPR1 (*(volatile u32 *)0xe000ed18u)
#define MPU_TYPE (*(volatile u32 *)0xe000ed90u)
#define MPU_CTRL (*(volatile u32 *)0xe000ed94u)
#define MPU_RNR (*(volatile u32 *)0xe000ed98u)
#define MPU_RBAR (*(volatile u32 *)0xe000ed9cu)
#define MPU_RASR (*(volatile u32 *)0xe000eda0u)

#define AIRCR_VECTKEY (0x05fau << 16)
#define AIRCR_PRIGROUP (7u << 8)
#define CCR_DC (1u << 16)
#define CCR_IC (1u << 17)
#define MPU_MAX_REGIONS 16

struct sleep_ctx {
	/* cpu_resume's assembly reads these four: keep them first. */
	u32 sp, msp, psp, control;
	u32 primask, basepri, faultmask;
	u32 vtor, aircr, shpr[3], shcsr, ccr, scr;
	unsigned int nvic_words; /* of 32 lines */
	u32 nvic_iser[NR_IRQS / 32];
	u32 nvic_ipr[NR_IRQS / 4];
	unsigned int mpu_regions;
	u32 mpu_ctrl, mpu_rbar[MPU_MAX_REGIONS], mpu_rasr[MPU_MAX_REGIONS];
};

_Static_assert(offsetof(struct sleep_ctx, sp) == 0 && offsetof(struct sleep_ctx, msp) == 4 &&
	       offsetof(struct sleep_ctx, psp) == 8 && offsetof(struct sleep_ctx, control) == 12,
	       "cpu_resume's offsets");

/* One core, one context: cpu_suspend is entered with interrupts off and
 * never nests. */
static struct sleep_ctx sleep_ctx __used;

#define MRS(reg)                                                   \
	({                                                         \
		u32 __v;                                           \
		__asm__ volatile("mrs %0, " #reg : "=r"(__v));     \
		__v;                                               \
	})
#define MSR(reg, v) __asm__ volatile("msr " #reg ", %0" : : "r"((u32)(v)) : "memory")

/* Called by cpu_suspend with the stack pointer it will resume on. */
int __used __cpu_suspend_save(u32 sp)
{
	struct sleep_ctx *c = &sleep_ctx;
	if (arch_ipsr())
		return -EINVAL;
	c->sp = sp;
	c->msp = MRS(msp);
	c->psp = MRS(psp);
	c->control = MRS(control);
	c->primask = MRS(primask);
	c->basepri = MRS(basepri);
	c->faultmask = MRS(faultmask);
	c->vtor = SCB_VTOR;
	c->aircr = SCB_AIRCR;
	c->shpr[0] = SCB_SHPR1;
	c->shpr[1] = SCB_SHPR2;
	c->shpr[2] = SCB_SHPR3;
	c->shcsr = SCB_SHCSR;
	c->ccr = SCB_CCR;
	c->scr = SCB_SCR;
	c->nvic_words = min((NVIC_ICTR & 0xfu) + 1, (u32)(NR_IRQS / 32));
	for (unsigned int i = 0; i < c->nvic_words; i++) {
		c->nvic_iser[i] = NVIC_ISER(i);
		for (unsigned int j = 0; j < 8; j++)
			c->nvic_ipr[8 * i + j] = NVIC_IPR(8 * i + j);
	}
	c->mpu_regions = min((MPU_TYPE >> 8) & 0xffu, (u32)MPU_MAX_REGIONS);
	c->mpu_ctrl = c->mpu_regions ? MPU_CTRL : 0;
	for (unsigned int i = 0; i < c->mpu_regions; i++) {
		MPU_RNR = i;
		c->mpu_rbar[i] = MPU_RBAR;
		c->mpu_rasr[i] = MPU_RASR;
	}
	return 0;
}

/* Called by cpu_resume on the restored stack, interrupts masked. */
void __used __cpu_resume_restore(void)
{
	const struct sleep_ctx *c = &sleep_ctx;
	SCB_VTOR = c->vtor;
	SCB_AIRCR = AIRCR_VECTKEY | (c->aircr & AIRCR_PRIGROUP);
	SCB_SHPR1 = c->shpr[0];
	SCB_SHPR2 = c->shpr[1];
	SCB_SHPR3 = c->shpr[2];
	SCB_SHCSR = c->shcsr;
	SCB_CCR = c->ccr & ~(CCR_DC | CCR_IC);
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	if (c->mpu_regions) {
		MPU_CTRL = 0;
		for (unsigned int i = 0; i < c->mpu_regions; i++) {
			MPU_RNR = i;
			MPU_RBAR = c->mpu_rbar[i] & ~0x1fu; /* VALID 0: the region RNR selects */
			MPU_RASR = c->mpu_rasr[i];
		}
		MPU_CTRL = c->mpu_ctrl;
		__asm__ volatile("dsb\n\tisb" ::: "memory");
	}
	/* As at boot (v7m_cache_enable): invalidated, then on. */
	if (c->ccr & CCR_DC)
		v7m_dcache_on();
	if (c->ccr & CCR_IC) {
		__flush_icache_all();
		SCB_CCR |= CCR_IC;
		__asm__ volatile("dsb\n\tisb" ::: "memory");
	}
	for (unsigned int i = 0; i < c->nvic_words; i++) {
		for (unsigned int j = 0; j < 8; j++)
			NVIC_IPR(8 * i + j) = c->nvic_ipr[8 * i + j];
		NVIC_ICER(i) = ~c->nvic_iser[i];
		NVIC_ISER(i) = c->nvic_iser[i];
	}
	SCB_SCR = c->scr;
	MSR(basepri, c->basepri);
	MSR(faultmask, c->faultmask);
	MSR(primask, c->primask);
	__asm__ volatile("isb" ::: "memory");
}

/*
 * r3-r11 and lr pushed (ten words keep the stack 8-byte aligned), the
 * rest saved by __cpu_suspend_save, then fn(arg). A return from fn means
 * no power-off: its value, forced non-zero, as Linux's cpu_suspend_abort.
 */
__attribute__((naked)) int cpu_suspend(unsigned long arg, int (*fn)(unsigned long))
{
	__asm__ volatile(
		"push {r3-r11, lr}\n\t"
		"mov r4, r0\n\t"
		"mov r5, r1\n\t"
		"mov r0, sp\n\t"
		"bl __cpu_suspend_save\n\t"
		"cbnz r0, 1f\n\t"
		"mov r0, r4\n\t"
		"blx r5\n\t"
		"cmp r0, #0\n\t"
		"it eq\n\t"
		"moveq r0, #1\n"
		"1:\n\t"
		"pop {r3-r11, pc}\n");
}

/*
 * The stack pointers and CONTROL first (CONTROL.SPSEL picks which one
 * `sp` is), then the stack cpu_suspend pushed on, the rest in C, and
 * cpu_suspend's frame popped with 0 for its return value.
 */
__attribute__((naked, noreturn)) void cpu_resume(void)
{
	__asm__ volatile(
		"cpsid i\n\t"
		"ldr r0, =sleep_ctx\n\t"
		"ldr r1, [r0, #4]\n\t"
		"msr msp, r1\n\t"
		"ldr r1, [r0, #8]\n\t"
		"msr psp, r1\n\t"
		"ldr r1, [r0, #12]\n\t"
		"msr control, r1\n\t"
		"isb\n\t"
		"ldr r1, [r0, #0]\n\t"
		"mov sp, r1\n\t"
		"bl __cpu_resume_restore\n\t"
		"movs r0, #0\n\t"
		"pop {r3-r11, pc}\n");
}
