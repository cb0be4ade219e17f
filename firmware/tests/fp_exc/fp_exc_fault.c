/*
 * A fault during the lazy preservation of the FP context (ARMv7-M B1.5.7):
 * Thread mode, on a process stack placed so that the basic part of its
 * exception frame is writable and the FP part lies in an MPU region that
 * is read-only, takes IRQ0 with an FP context. The handler's first FP
 * instruction tries to write S0-S15 and FPSCR there: MemManage with
 * MMFSR.MLSPERR (no MMFAR), taken before the instruction (its frame
 * returns to it) with FPCCR.LSPACT still set. The fault handler opens the
 * region and returns; the instruction runs again, the preservation
 * succeeds, and Thread mode gets every register back.
 *
 * Twice: with MemManage enabled when the frame was reserved (MMRDY: taken
 * as MemManage), and disabled (escalated to HardFault, HFSR.FORCED).
 */
#include "fp_exc.h"

#define MPU_CTRL REG32(0xe000ed94u)
#define MPU_RNR REG32(0xe000ed98u)
#define MPU_RBAR REG32(0xe000ed9cu)
#define MPU_RASR REG32(0xe000eda0u)
#define MMFSR_MLSPERR (1u << 5)
#define CFSR_MMARVALID (1u << 7)
#define HFSR_FORCED (1u << 30)
#define SHCSR_MEMFAULTENA (1u << 16)

/* The process stack; `ro` is the 32-byte region the frame's S0-S7 slots
 * fall in. */
static uint8_t pstack[1024] __attribute__((aligned(1024)));
#define RO_REGION ((uint32_t)(uintptr_t)pstack + 512)

static struct fp_regs thread_want, thread_got, handler_want, handler_got;
static volatile unsigned fault_exc, faults;
static volatile uint32_t fault_cfsr, fault_hfsr, fault_fpccr, fault_pc, insn_pc;
static volatile uint32_t irq_fpccr, irq_fpcar;

/* On the process stack at `psp`, with S0-S31/FPSCR from thread_want:
 * pend IRQ0, then store S0-S31/FPSCR into thread_got. Nothing is pushed
 * on the process stack (S16-S31, callee-saved, go on the main stack). */
__attribute__((naked, noinline)) static void thread_part(uint32_t psp)
{
	(void)psp;
	__asm__ volatile("vpush {s16-s31}\n\t"
			 "msr psp, r0\n\t"
			 "movs r1, #2\n\t"
			 "msr control, r1\n\t"   /* SPSEL: the process stack */
			 "isb\n\t"
			 "ldr r1, =thread_want\n\t"
			 "vldmia r1!, {s0-s31}\n\t" /* FPCA set (ASPEN) */
			 "ldr r2, [r1]\n\t"
			 "vmsr fpscr, r2\n\t"
			 "ldr r1, =0xe000ef00\n\t"
			 "movs r2, #0\n\t"
			 "str r2, [r1]\n\t"         /* STIR: IRQ0 */
			 "dsb\n\t"
			 "isb\n\t"
			 "ldr r1, =thread_got\n\t"
			 "vstmia r1!, {s0-s31}\n\t"
			 "vmrs r2, fpscr\n\t"
			 "str r2, [r1]\n\t"
			 "mrs r1, control\n\t"
			 "bic r1, r1, #2\n\t"
			 "msr control, r1\n\t"      /* back on the main stack */
			 "isb\n\t"
			 "vpop {s16-s31}\n\t"
			 "bx lr\n\t"
			 ".ltorg\n");
}

void irq0_c(uint32_t lr, uint32_t sp)
{
	(void)lr;
	(void)sp;
	irq_fpccr = FPU_FPCCR;
	irq_fpcar = FPU_FPCAR;
	fp_work(&handler_want, &handler_got, 0, 0);
}

/* MemManage or HardFault: record, open the region, return to the FP
 * instruction. */
void fault_c(uint32_t lr, uint32_t sp)
{
	const uint32_t *frame = (const uint32_t *)sp;
	uint32_t ipsr;
	(void)lr;
	__asm__ volatile("mrs %0, ipsr" : "=r"(ipsr));
	fault_exc = ipsr & 0x1ffu;
	fault_cfsr = SCB_CFSR;
	fault_hfsr = SCB_HFSR;
	fault_fpccr = FPU_FPCCR;
	fault_pc = frame[6];
	faults++;
	MPU_CTRL = 0;
	__asm__ volatile("dsb\n\tisb");
	SCB_CFSR = fault_cfsr;
	SCB_HFSR = fault_hfsr;
}

FP_HANDLER(irq0_handler, irq0_c)
FP_HANDLER(fault_handler, fault_c)

static void run(int memmanage_enabled)
{
	fp_pattern(&thread_want, 0x31 + memmanage_enabled);
	fp_pattern(&handler_want, 0x45 + memmanage_enabled);
	memset(&thread_got, 0, sizeof thread_got);
	faults = 0;
	SCB_SHCSR = memmanage_enabled ? SHCSR_MEMFAULTENA : 0;
	/* Region 0: RO_REGION, 32 bytes, read-only for everyone; the rest
	 * is the default map (PRIVDEFENA). */
	MPU_RNR = 0;
	MPU_RBAR = RO_REGION;
	MPU_RASR = (1u << 28) | (6u << 24) | (1u << 17) | ((5u - 1u) << 1) | 1u;
	MPU_CTRL = 5; /* ENABLE, PRIVDEFENA */
	__asm__ volatile("dsb\n\tisb");
	set_control(0); /* no FP context yet */

	/* The frame (0x68 bytes) ends at psp: its basic part below the
	 * region, S0-S7 in it. */
	thread_part(RO_REGION + 0x48);

	CHECK(faults == 1);
	CHECK(fault_exc == (memmanage_enabled ? EXC_MEMMANAGE : EXC_HARDFAULT));
	CHECK(fault_cfsr == MMFSR_MLSPERR); /* and no MMARVALID */
	CHECK(fault_hfsr == (memmanage_enabled ? 0 : HFSR_FORCED));
	CHECK(fault_fpccr & FPCCR_LSPACT);
	CHECK(irq_fpcar == RO_REGION);
	CHECK((irq_fpccr & (FPCCR_LSPACT | FPCCR_THREAD | FPCCR_HFRDY)) ==
	      (FPCCR_LSPACT | FPCCR_THREAD | FPCCR_HFRDY));
	CHECK(!!(irq_fpccr & FPCCR_MMRDY) == memmanage_enabled);
	/* The fault returned to fp_work's first FP instruction (VPUSH). */
	CHECK(fault_pc == ((uint32_t)(uintptr_t)fp_work & ~1u));
	CHECK(fp_regs_eq(&handler_got, &handler_want));
	CHECK(fp_regs_eq(&thread_got, &thread_want));
	/* The preservation wrote the Thread context into the frame. */
	CHECK(!memcmp((const void *)RO_REGION, thread_want.s, 16 * 4));
	CHECK(*(const uint32_t *)(RO_REGION + 0x40) == thread_want.fpscr);
	CHECK(!(FPU_FPCCR & FPCCR_LSPACT));
	CHECK(SCB_CFSR == 0);
}

int main(void)
{
	vt_install();
	vt_set(EXC_IRQ0, irq0_handler);
	vt_set(EXC_MEMMANAGE, fault_handler);
	vt_set(EXC_HARDFAULT, fault_handler);
	NVIC_IPR8(0) = 0x80;
	NVIC_ISER(0) = 1;
	run(1);
	printf("memmanage: ok\n");
	run(0);
	printf("hardfault: ok\n");
	printf("fp_exc fault tests passed\n");
	return 0;
}
