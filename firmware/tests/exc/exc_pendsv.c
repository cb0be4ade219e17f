/*
 * SVC and a PendSV context switch between two threads on the process
 * stack, as an RTOS does: SVC #n asks for a yield (the handler reads n from
 * the stacked PC), PendSV at the lowest priority saves r4-r11 on the
 * outgoing thread's stack and switches PSP.
 */
#include "exc.h"

struct tcb {
	uint32_t sp;
};

static struct tcb tcbs[2];
static struct tcb *volatile current;
static struct tcb *volatile next;
static uint32_t stacks[2][512] __attribute__((aligned(8)));
static volatile char trace[32];
static volatile unsigned tn;
static volatile unsigned svc_numbers[16];
static volatile unsigned svc_count;

/* Called from the SVC handler with the stacked frame. */
void svc_c(uint32_t *frame)
{
	uint16_t insn = *(uint16_t *)(frame[6] - 2);
	svc_numbers[svc_count++ & 15] = insn & 0xff;
	next = (current == &tcbs[0]) ? &tcbs[1] : &tcbs[0];
	SCB_ICSR = ICSR_PENDSVSET;
}

__attribute__((naked)) static void svc_handler(void)
{
	__asm__ volatile("tst lr, #4\n\t"
			 "ite eq\n\t"
			 "mrseq r0, msp\n\t"
			 "mrsne r0, psp\n\t"
			 "b svc_c\n");
}

/* Save the outgoing thread (if any), restore the incoming one. */
__attribute__((naked)) static void pendsv_handler(void)
{
	__asm__ volatile("ldr r2, =current\n\t"
			 "ldr r1, [r2]\n\t"
			 "cbz r1, 1f\n\t"
			 "mrs r0, psp\n\t"
			 "stmdb r0!, {r4-r11}\n\t"
			 "str r0, [r1]\n"
			 "1:\n\t"
			 "ldr r3, =next\n\t"
			 "ldr r1, [r3]\n\t"
			 "str r1, [r2]\n\t"
			 "ldr r0, [r1]\n\t"
			 "ldmia r0!, {r4-r11}\n\t"
			 "msr psp, r0\n\t"
			 "ldr lr, =0xfffffffd\n\t"
			 "bx lr\n\t"
			 ".ltorg\n");
}

static void finish(void)
{
	trace[tn] = 0;
	printf("trace: %s\n", (const char *)trace);
	CHECK(!strcmp((const char *)trace, "ABABABABAB"));
	CHECK(svc_count == 10);
	for (unsigned i = 0; i < 10; i++)
		CHECK(svc_numbers[i] == (i == 0 ? 0u : (i & 1) ? 1u : 2u));
	uint32_t control;
	__asm__ volatile("mrs %0, control" : "=r"(control));
	CHECK(control & 2); /* running on PSP */
	printf("pendsv tests passed\n");
	exit(0);
}

static void thread_a(void)
{
	for (int i = 0; i < 5; i++) {
		trace[tn++] = 'A';
		__asm__ volatile("svc #1");
	}
	for (;;)
		__asm__ volatile("svc #1");
}

static void thread_b(void)
{
	for (int i = 0; i < 5; i++) {
		trace[tn++] = 'B';
		if (tn == 10)
			finish();
		__asm__ volatile("svc #2");
	}
	for (;;)
		;
}

/* A fresh thread: an exception frame (xPSR with T, PC, LR) below r4-r11. */
static void thread_init(struct tcb *t, uint32_t *stack_top, void (*fn)(void))
{
	uint32_t *sp = stack_top - 16;
	memset(sp, 0, 16 * 4);
	sp[8 + 5] = 0xffffffffu;                     /* lr */
	sp[8 + 6] = (uint32_t)(uintptr_t)fn & ~1u;  /* pc */
	sp[8 + 7] = 1u << 24;                        /* xPSR: T */
	t->sp = (uint32_t)(uintptr_t)sp;
}

int main(void)
{
	vt_install();
	vt_set(EXC_SVC, svc_handler);
	vt_set(EXC_PENDSV, pendsv_handler);
	SCB_SHPR3 = 0xe0u << 16; /* PendSV lowest */
	SCB_SHPR2 = 0x80u << 24; /* SVC in the middle */
	thread_init(&tcbs[0], &stacks[0][512], thread_a);
	thread_init(&tcbs[1], &stacks[1][512], thread_b);
	current = NULL;
	/* The first SVC switches from main (on MSP) to thread A. */
	next = &tcbs[0];
	__asm__ volatile("svc #0");
	CHECK(0); /* never resumed */
	return 1;
}
