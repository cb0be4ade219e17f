/*
 * A context switch in the manner of FreeRTOS's ARM_CM4F port: two tasks
 * on the process stack, both doing FP work; PendSV saves R4-R11, the
 * EXC_RETURN and, when its bit 4 says the task had an FP context, S16-S31
 * (`tst lr, #0x10; it eq; vstmdbeq r0!, {s16-s31}`), and restores the
 * other task the same way. The hardware saves S0-S15 and FPSCR in the
 * extended frame (lazily). SysTick (every 1499 cycles) pends PendSV, so a
 * switch also lands in the middle of a task's FP work; a task also yields
 * by hand while its registers hold its values. Each task checks that all
 * of S0-S31 and FPSCR come back as it left them. The second task starts
 * without an FP context and gets one with its first FP instruction, so
 * both kinds of frame are switched.
 */
#include "fp_exc.h"

struct tcb {
	uint32_t sp;
};

static struct tcb tcbs[2];
struct tcb *volatile current_tcb;
static uint32_t stacks[2][512] __attribute__((aligned(8)));
static volatile unsigned switches, fp_switches, rounds[2], errors[2];
static volatile int done[2];

/* Pick the other task (called from PendSV with interrupts masked). */
void switch_context(void)
{
	current_tcb = current_tcb == &tcbs[0] ? &tcbs[1] : &tcbs[0];
	switches++;
}

__attribute__((naked)) static void pendsv_handler(void)
{
	__asm__ volatile("mrs r0, psp\n\t"
			 "isb\n\t"
			 "ldr r3, =current_tcb\n\t"
			 "ldr r2, [r3]\n\t"
			 "tst r14, #0x10\n\t"
			 "it eq\n\t"
			 "vstmdbeq r0!, {s16-s31}\n\t"
			 "stmdb r0!, {r4-r11, r14}\n\t"
			 "str r0, [r2]\n\t"
			 "stmdb sp!, {r0, r3}\n\t"
			 "mov r0, #0x40\n\t"
			 "msr basepri, r0\n\t"
			 "dsb\n\t"
			 "isb\n\t"
			 "bl switch_context\n\t"
			 "mov r0, #0\n\t"
			 "msr basepri, r0\n\t"
			 "ldmia sp!, {r0, r3}\n\t"
			 "ldr r1, [r3]\n\t"
			 "ldr r0, [r1]\n\t"
			 "ldmia r0!, {r4-r11, r14}\n\t"
			 "tst r14, #0x10\n\t"
			 "it eq\n\t"
			 "vldmiaeq r0!, {s16-s31}\n\t"
			 "msr psp, r0\n\t"
			 "isb\n\t"
			 "bx r14\n\t"
			 ".ltorg\n");
}

void systick_c(uint32_t lr, uint32_t sp)
{
	(void)sp;
	if (!(lr & 0x10))
		fp_switches++;
	SCB_ICSR = ICSR_PENDSVSET;
}

FP_HANDLER(systick_handler, systick_c)

static void task(unsigned id)
{
	for (uint32_t k = 0; k < 300; k++) {
		struct fp_regs w, g;
		fp_pattern(&w, (id << 16) + k);
		/* Every third round yields with the registers loaded. */
		fp_work(&w, &g, k % 3 ? 0 : &SCB_ICSR, ICSR_PENDSVSET);
		if (!fp_regs_eq(&w, &g))
			errors[id]++;
		rounds[id]++;
	}
	done[id] = 1;
	for (;;) {
		if (done[0] && done[1])
			break;
		SCB_ICSR = ICSR_PENDSVSET;
	}
	SYST_CSR = 0;
	printf("switches %u (%u with FP frames from SysTick), rounds %u/%u, errors %u/%u\n",
	       switches, fp_switches, rounds[0], rounds[1], errors[0], errors[1]);
	CHECK(errors[0] == 0 && errors[1] == 0);
	CHECK(rounds[0] == 300 && rounds[1] == 300);
	CHECK(switches > 250);
	CHECK(fp_switches > 10);
	printf("fp_exc rtos tests passed\n");
	exit(0);
}

static void task0(void)
{
	task(0);
}

static void task1(void)
{
	task(1);
}

/* A task's first frame: what PendSV pops (R4-R11, an EXC_RETURN for
 * Thread mode on the process stack without an FP context) and the basic
 * exception frame it returns through. */
static uint32_t task_init(uint32_t *top, void (*entry)(void))
{
	uint32_t *sp = top - 8;
	sp[5] = 0xfffffffdu;                           /* LR: never returned to */
	sp[6] = (uint32_t)(uintptr_t)entry & ~1u;      /* PC */
	sp[7] = 0x01000000u;                           /* xPSR: T */
	sp -= 9;
	for (unsigned i = 0; i < 8; i++)
		sp[i] = 0x04040404u * (i + 4);
	sp[8] = 0xfffffffdu;
	return (uint32_t)(uintptr_t)sp;
}

int main(void)
{
	vt_install();
	vt_set(EXC_PENDSV, pendsv_handler);
	vt_set(EXC_SYSTICK, systick_handler);
	SCB_SHPR3 = (0x80u << 24) | (0xe0u << 16); /* SysTick 0x80, PendSV 0xE0 */
	tcbs[0].sp = task_init(&stacks[0][512], task0);
	tcbs[1].sp = task_init(&stacks[1][512], task1);
	/* Main becomes task 0's predecessor: its context is saved into a
	 * scratch TCB and never resumed. */
	static struct tcb boot;
	static uint32_t boot_stack[64] __attribute__((aligned(8)));
	current_tcb = &boot;
	__asm__ volatile("msr psp, %0\n\t"
			 "movs r0, #2\n\t"
			 "msr control, r0\n\t"
			 "isb\n\t"
			 : : "r"(&boot_stack[64]) : "r0", "memory");
	SYST_RVR = 1498;
	SYST_CVR = 0;
	SYST_CSR = 7;
	SCB_ICSR = ICSR_PENDSVSET;
	for (;;)
		;
}
