/*
 * Faults from the inside: escalation to HardFault (FORCED) while the
 * configurable faults are disabled; UsageFault UNDEFINSTR on UDF and
 * DIVBYZERO with CCR.DIV_0_TRP; BusFault on an unmapped address with BFAR;
 * UsageFault UNALIGNED with CCR.UNALIGN_TRP. Each handler records what it
 * saw and resumes after the faulting instruction (all of them 16-bit here
 * or skipped by their length).
 */
#include "exc.h"

#define CFSR_UNDEFINSTR (1u << 16)
#define CFSR_UNALIGNED (1u << 24)
#define CFSR_DIVBYZERO (1u << 25)
#define CFSR_PRECISERR (1u << 9)
#define CFSR_BFARVALID (1u << 15)
#define HFSR_FORCED (1u << 30)
#define SHCSR_USGFAULTENA (1u << 18)
#define SHCSR_BUSFAULTENA (1u << 17)

static volatile unsigned last_exc;
static volatile int back_to_privileged;
static volatile uint32_t last_cfsr, last_hfsr, last_bfar;

/* Skip the faulting instruction: 2 or 4 bytes by its first halfword. */
void fault_c(uint32_t *frame, uint32_t ipsr)
{
	last_exc = ipsr & 0x1ff;
	last_cfsr = SCB_CFSR;
	last_hfsr = SCB_HFSR;
	last_bfar = SCB_BFAR;
	SCB_CFSR = last_cfsr; /* write 1 to clear */
	SCB_HFSR = last_hfsr;
	if (back_to_privileged) {
		__asm__ volatile("msr control, %0\n\tisb" : : "r"(0));
		back_to_privileged = 0;
	}
	uint16_t hw = *(uint16_t *)frame[6];
	frame[6] += ((hw & 0xe000) == 0xe000 && (hw & 0x1800)) ? 4 : 2;
}

__attribute__((naked)) static void fault_handler(void)
{
	__asm__ volatile("tst lr, #4\n\t"
			 "ite eq\n\t"
			 "mrseq r0, msp\n\t"
			 "mrsne r0, psp\n\t"
			 "mrs r1, ipsr\n\t"
			 "b fault_c\n");
}

static void reset_record(void)
{
	last_exc = 0;
	last_cfsr = last_hfsr = last_bfar = 0;
}

static volatile uint32_t zero = 0;

int main(void)
{
	vt_install();
	for (unsigned e = EXC_HARDFAULT; e <= EXC_USAGEFAULT; e++)
		vt_set(e, fault_handler);

	/* UDF with UsageFault disabled: HardFault, FORCED, UFSR.UNDEFINSTR. */
	reset_record();
	__asm__ volatile("udf #7");
	printf("udf (disabled): exc %u cfsr %08lx hfsr %08lx\n", last_exc,
	       (unsigned long)last_cfsr, (unsigned long)last_hfsr);
	CHECK(last_exc == EXC_HARDFAULT);
	CHECK(last_hfsr & HFSR_FORCED);
	CHECK(last_cfsr == CFSR_UNDEFINSTR);

	/* Enabled: UsageFault itself. */
	SCB_SHCSR |= SHCSR_USGFAULTENA | SHCSR_BUSFAULTENA;
	reset_record();
	__asm__ volatile("udf #8");
	printf("udf (enabled): exc %u cfsr %08lx\n", last_exc, (unsigned long)last_cfsr);
	CHECK(last_exc == EXC_USAGEFAULT);
	CHECK(last_cfsr == CFSR_UNDEFINSTR);

	/* Division by zero: 0 without DIV_0_TRP, UsageFault with it. */
	uint32_t q;
	__asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(10u), "r"(zero));
	CHECK(q == 0 && last_exc == EXC_USAGEFAULT && last_cfsr == CFSR_UNDEFINSTR);
	SCB_CCR |= 1u << 4;
	reset_record();
	__asm__ volatile("udiv %0, %1, %2" : "=r"(q) : "r"(10u), "r"(zero));
	printf("udiv by zero (trap): exc %u cfsr %08lx\n", last_exc, (unsigned long)last_cfsr);
	CHECK(last_exc == EXC_USAGEFAULT);
	CHECK(last_cfsr == CFSR_DIVBYZERO);
	SCB_CCR &= ~(1u << 4);

	/* A load from nothing: precise BusFault with the address in BFAR. */
	reset_record();
	uint32_t v = *(volatile uint32_t *)0x50000010u;
	(void)v;
	printf("bus fault: exc %u cfsr %08lx bfar %08lx\n", last_exc, (unsigned long)last_cfsr,
	       (unsigned long)last_bfar);
	CHECK(last_exc == EXC_BUSFAULT);
	CHECK(last_cfsr == (CFSR_PRECISERR | CFSR_BFARVALID));
	CHECK(last_bfar == 0x50000010u);

	/* Unaligned word load: fine by default, UsageFault with UNALIGN_TRP. */
	static uint32_t words[2] = { 0x11223344, 0x55667788 };
	uint32_t u;
	uintptr_t odd = (uintptr_t)words + 1;
	__asm__ volatile("ldr %0, [%1]" : "=r"(u) : "r"(odd));
	CHECK(u == 0x88112233u);
	SCB_CCR |= 1u << 3;
	reset_record();
	__asm__ volatile("ldr %0, [%1]" : "=r"(u) : "r"(odd));
	printf("unaligned (trap): exc %u cfsr %08lx\n", last_exc, (unsigned long)last_cfsr);
	CHECK(last_exc == EXC_USAGEFAULT);
	CHECK(last_cfsr == CFSR_UNALIGNED);
	SCB_CCR &= ~(1u << 3);

	/* A disabled BusFault at a priority that cannot preempt escalates. */
	SCB_SHCSR &= ~SHCSR_BUSFAULTENA;
	reset_record();
	v = *(volatile uint32_t *)0x50000020u;
	CHECK(last_exc == EXC_HARDFAULT && (last_hfsr & HFSR_FORCED));
	CHECK(last_cfsr == (CFSR_PRECISERR | CFSR_BFARVALID) && last_bfar == 0x50000020u);
	/* The System Control Space is privileged: unprivileged thread code
	 * gets a BusFault (the handler restores privilege). */
	SCB_SHCSR |= SHCSR_BUSFAULTENA;
	reset_record();
	back_to_privileged = 1;
	__asm__ volatile("msr control, %0\n\tisb" : : "r"(1));
	v = NVIC_ISER(0);
	uint32_t control;
	__asm__ volatile("mrs %0, control" : "=r"(control));
	printf("unprivileged NVIC read: exc %u cfsr %08lx control %lu\n", last_exc,
	       (unsigned long)last_cfsr, (unsigned long)control);
	CHECK(last_exc == EXC_BUSFAULT && (last_cfsr & CFSR_PRECISERR));
	CHECK(control == 0);
	printf("fault tests passed\n");
	return 0;
}
