/*
 * Exception stacking and unstacking through the MPU, from the inside
 * (ARMv7-M ARM B1.5.6/B1.5.8, docs/mpu.md). A thread runs on a process
 * stack (PSP) in a 256-byte region and pends an interrupt itself through
 * STIR (CCR.USERSETMPEND):
 *   - region read/write for everyone: the frame is pushed, nothing faults;
 *   - region read-only for unprivileged code, thread unprivileged: the push
 *     is refused, MemManage MSTKERR (MMFAR not valid), nothing is written;
 *     the interrupt handler still runs and its return pops the frame that
 *     was already there (planted by the test, pointing at thread_resume);
 *   - the same region, thread privileged: the push succeeds;
 *   - the same with MemManage disabled: HardFault, FORCED;
 *   - the interrupt handler makes the stack privileged-only: the pop to the
 *     unprivileged thread is refused, MUNSTKERR, and MemManage (which
 *     restores the region) returns through the frame still on the stack.
 * The handlers make the thread privileged again so that it can return to
 * the main stack.
 * Exits 0 after "mpu stack tests passed".
 */
#include "mpu.h"

#define NVIC_IPR0 (*(volatile uint8_t *)0xe000e400u)
#define CCR_USERSETMPEND (1u << 1)
#define CFSR_MUNSTKERR (1u << 3)
#define CFSR_MSTKERR (1u << 4)

static uint32_t psp_area[64] __attribute__((aligned(256)));
static volatile int irq_count, revoke_in_irq, restore_in_mm;

/* run_thread(psp, control): thread mode on `psp` with CONTROL = `control`,
 * pend IRQ 0 through STIR, then (privileged again: the handlers see to it)
 * back to the main stack. r4-r11 are preserved; r0-r3, r12 and LR come
 * from whatever frame the interrupt's return pops. */
__asm__(".syntax unified\n\t.thumb\n\t.text\n\t.balign 4\n"
	"\t.global run_thread\n\t.type run_thread, %function\n\t.thumb_func\n"
	"run_thread:\n"
	"\tpush {r4, lr}\n"
	"\tmsr psp, r0\n"
	"\tmsr control, r1\n"
	"\tisb\n"
	"\tldr r3, =0xe000ef00\n"
	"\tmovs r2, #0\n"
	"\tstr r2, [r3]\n"
	"\tdsb\n"
	"\tisb\n"
	"\t.global thread_resume\n\t.thumb_func\n"
	"thread_resume:\n"
	"\tmovs r0, #0\n"
	"\tmsr control, r0\n"
	"\tisb\n"
	"\tpop {r4, pc}\n"
	"\t.ltorg\n");
void run_thread(uint32_t psp, uint32_t control);
void thread_resume(void);

static void stack_region(unsigned ap)
{
	mpu_region(2, (uint32_t)(uintptr_t)psp_area, RASR_SIZE(8) | RASR_AP(ap) | RASR_XN |
		   RASR_TEX(1) | RASR_C | RASR_B | RASR_ENABLE);
}

/* Thread mode privileged again after the return (SPSEL stays set). */
static void thread_privileged(void)
{
	__asm__ volatile("msr control, %0\n\tisb" : : "r"(2) : "memory");
}

static void irq_handler(void)
{
	irq_count++;
	if (revoke_in_irq) {
		stack_region(AP_PRIV_RW);
		revoke_in_irq = 0;
	} else {
		thread_privileged();
	}
}

static void mm_handler(void)
{
	uint32_t ipsr;
	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	last_exc = ipsr & 0x1ff;
	last_cfsr = SCB_CFSR;
	last_hfsr = SCB_HFSR;
	SCB_CFSR = last_cfsr;
	SCB_HFSR = last_hfsr;
	if (restore_in_mm) {
		stack_region(AP_FULL);
		thread_privileged();
		restore_in_mm = 0;
	}
}

/* A frame already on the stack, below the top: r0 = 0xdead0000, return to
 * thread_resume in Thumb state. */
static uint32_t *plant_frame(void)
{
	uint32_t *f = &psp_area[56];
	for (unsigned i = 0; i < 8; i++)
		f[i] = 0;
	f[0] = 0xdead0000u;
	f[6] = (uint32_t)(uintptr_t)thread_resume & ~1u;
	f[7] = 1u << 24;
	return f;
}

static void run(unsigned ap, uint32_t control)
{
	reset_record();
	irq_count = 0;
	stack_region(ap);
	run_thread((uint32_t)(uintptr_t)&psp_area[64], control);
	stack_region(AP_FULL);
}

int main(void)
{
	mpu_test_init();
	vt_set(EXC_HARDFAULT, mm_handler);
	vt_set(EXC_MEMMANAGE, mm_handler);
	vt_set(EXC_IRQ0, irq_handler);
	NVIC_IPR0 = 0x80;            /* below MemManage (0) */
	NVIC_ISER(0) = 1;
	SCB_CCR |= CCR_USERSETMPEND;
	SCB_SHCSR |= SHCSR_MEMFAULTENA;
	mpu_enable(MPU_CTRL_ENABLE);

	/* Writable stack, unprivileged thread: the frame is pushed. */
	uint32_t *f = plant_frame();
	run(AP_FULL, 3);
	CHECK(irq_count == 1 && last_exc == 0);
	CHECK(f[0] == (uint32_t)(uintptr_t)&psp_area[64]); /* r0 was the PSP */

	/* Read-only for the unprivileged thread: MSTKERR, nothing written. */
	f = plant_frame();
	run(AP_USER_RO, 3);
	printf("stacking: exc %u cfsr %08lx\n", last_exc, (unsigned long)last_cfsr);
	CHECK(irq_count == 1);
	CHECK(last_exc == EXC_MEMMANAGE && last_cfsr == CFSR_MSTKERR);
	CHECK(f[0] == 0xdead0000u);

	/* The same stack for a privileged thread: pushed. */
	f = plant_frame();
	run(AP_USER_RO, 2);
	CHECK(irq_count == 1 && last_exc == 0);
	CHECK(f[0] == (uint32_t)(uintptr_t)&psp_area[64]);

	/* MemManage disabled: HardFault, FORCED. */
	f = plant_frame();
	SCB_SHCSR &= ~SHCSR_MEMFAULTENA;
	run(AP_USER_RO, 3);
	SCB_SHCSR |= SHCSR_MEMFAULTENA;
	CHECK(irq_count == 1);
	CHECK(last_exc == EXC_HARDFAULT && last_cfsr == CFSR_MSTKERR &&
	      last_hfsr == HFSR_FORCED);
	CHECK(f[0] == 0xdead0000u);

	/* Unstacking: the handler takes the stack away from the thread. */
	plant_frame();
	revoke_in_irq = 1;
	restore_in_mm = 1;
	run(AP_FULL, 3);
	printf("unstacking: exc %u cfsr %08lx\n", last_exc, (unsigned long)last_cfsr);
	CHECK(irq_count == 1);
	CHECK(last_exc == EXC_MEMMANAGE && last_cfsr == CFSR_MUNSTKERR);

	printf("mpu stack tests passed\n");
	return 0;
}
