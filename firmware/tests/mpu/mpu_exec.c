/*
 * MPU instruction-fetch checks from the inside (ARMv7-M ARM B3.5): code in
 * SRAM that ran (and was decoded) before the MPU was enabled faults
 * MemManage IACCVIOL once its region is execute-never, with the stacked PC
 * at the code and MMFAR not valid; privileged-only code runs privileged
 * and faults unprivileged, every time; with MemManage disabled the fetch
 * fault escalates to HardFault; and the default map's execute-never
 * peripheral space faults IACCVIOL with the MPU off.
 */
#include "mpu.h"

typedef uint32_t (*fn_t)(void);

/* movs r0, #42; bx lr */
static volatile uint16_t ram_code[16] __attribute__((aligned(32))) = { 0x202a, 0x4770 };

static void sync_code(void)
{
	__asm__ volatile("dsb\n\tisb" ::: "memory");
}

static void expect_iaccviol(uintptr_t pc, unsigned exc, int line)
{
	if (last_exc != exc || (last_cfsr & 0xff) != CFSR_IACCVIOL || last_pc != pc) {
		printf("FAILED at line %d: exc %u cfsr %08lx pc %08lx (want exc %u pc %08lx)\n",
		       line, last_exc, (unsigned long)last_cfsr, (unsigned long)last_pc, exc,
		       (unsigned long)pc);
		exit(1);
	}
}
#define EXPECT_IACCVIOL(pc) expect_iaccviol((uintptr_t)(pc), EXC_MEMMANAGE, __LINE__)

int main(void)
{
	mpu_test_init();
	sync_code();
	fn_t f = (fn_t)((uintptr_t)ram_code | 1);
	uintptr_t code = (uintptr_t)ram_code;

	/* MPU off: SRAM executes. */
	CHECK(f() == 42);

	/* Execute-never region over the code. */
	mpu_region(2, code, RASR_SIZE(5) | RASR_AP(AP_FULL) | RASR_XN | RASR_ENABLE);
	SCB_SHCSR |= SHCSR_MEMFAULTENA;
	mpu_enable(MPU_CTRL_ENABLE);
	reset_record();
	return_to_caller = 1;
	(void)f();
	EXPECT_IACCVIOL(code);
	CHECK(!(last_cfsr & CFSR_MMARVALID));
	printf("execute from XN: MemManage IACCVIOL at %08lx\n", (unsigned long)last_pc);

	/* Privileged-only, executable: fine privileged, a fault
	 * unprivileged, and the same again (nothing cached in between). */
	mpu_region(2, code, RASR_SIZE(5) | RASR_AP(AP_PRIV_RW) | RASR_ENABLE);
	for (int pass = 0; pass < 2; pass++) {
		reset_record();
		CHECK(f() == 42);
		CHECK(last_exc == 0);
		back_to_privileged = 1;
		return_to_caller = 1;
		drop_privilege();
		(void)f();
		uint32_t control;
		__asm__ volatile("mrs %0, control" : "=r"(control));
		EXPECT_IACCVIOL(code);
		CHECK(control == 0);
	}
	printf("privileged-only code: IACCVIOL when unprivileged\n");

	/* Read-only for both and executable: runs unprivileged too. */
	mpu_region(2, code, RASR_SIZE(5) | RASR_AP(AP_RO) | RASR_ENABLE);
	reset_record();
	drop_privilege();
	uint32_t r = f();
	svc_back();
	CHECK(r == 42 && last_exc == 0);

	/* MemManage disabled: HardFault, FORCED. */
	mpu_region(2, code, RASR_SIZE(5) | RASR_AP(AP_FULL) | RASR_XN | RASR_ENABLE);
	SCB_SHCSR &= ~SHCSR_MEMFAULTENA;
	reset_record();
	return_to_caller = 1;
	(void)f();
	expect_iaccviol(code, EXC_HARDFAULT, __LINE__);
	CHECK(last_hfsr & HFSR_FORCED);
	printf("execute from XN, MemManage disabled: HardFault\n");

	/* MPU off: the default map's peripheral space never executes. */
	mpu_enable(0);
	SCB_SHCSR |= SHCSR_MEMFAULTENA;
	reset_record();
	return_to_caller = 1;
	(void)((fn_t)0x40000001u)();
	EXPECT_IACCVIOL(0x40000000u);
	CHECK(f() == 42);
	printf("mpu exec tests passed\n");
	return 0;
}
