/*
 * MPU data-access checks from the inside (ARMv7-M ARM B3.5), with regions
 * programmed through the RBAR/RASR aliases by one STM: a no-access
 * region faults MemManage DACCVIOL with MMFAR = the address; a read-only
 * region reads but faults on a write, which does not land; a
 * privileged-only region faults for unprivileged code (CONTROL.nPRIV,
 * back through the fault handler or an SVC) while a region unprivileged
 * code may read faults only on its writes; disabled subregions fall
 * through to the region below; an access that straddles two regions
 * faults on the second one; PRIVDEFENA gives privileged code (only) the
 * default map where no region is; with MemManage disabled the fault
 * escalates to HardFault (FORCED), whose handler is not subject to the
 * MPU while HFNMIENA is clear; the MPU off lets everything through again.
 */
#include "mpu.h"

/* Test areas, aligned to their region size. */
static volatile uint32_t none_area[8] __attribute__((aligned(32)));
static volatile uint32_t ro_area[8] __attribute__((aligned(32)));
static volatile uint32_t priv_area[8] __attribute__((aligned(32)));
static volatile uint32_t user_ro_area[8] __attribute__((aligned(32)));
static volatile uint8_t sub_area[4096] __attribute__((aligned(4096)));
static volatile uint32_t pair[16] __attribute__((aligned(64)));
static volatile uint32_t bg_word;

static void expect_mm(unsigned fault, uintptr_t addr, int line)
{
	if (last_exc != EXC_MEMMANAGE || last_cfsr != (fault | CFSR_MMARVALID) ||
	    last_mmfar != addr) {
		printf("FAILED at line %d: exc %u cfsr %08lx mmfar %08lx (want %08lx)\n", line,
		       last_exc, (unsigned long)last_cfsr, (unsigned long)last_mmfar,
		       (unsigned long)addr);
		exit(1);
	}
}
#define EXPECT_DACCVIOL(addr) expect_mm(CFSR_DACCVIOL, (uintptr_t)(addr), __LINE__)
#define EXPECT_NO_FAULT() CHECK(last_exc == 0)

int main(void)
{
	mpu_test_init();
	printf("MPU_TYPE %08lx\n", (unsigned long)MPU_TYPE);
	ro_area[3] = 0x5a5a5a5a;
	none_area[4] = 0x77;
	priv_area[0] = 0x1234;
	user_ro_area[0] = 0x4321;
	/* Regions 2-4 with one STM through RBAR/RASR and the A1/A2 aliases,
	 * RBAR.VALID selecting each region. */
	const uint32_t regs[6] = {
		(uintptr_t)none_area | 0x10 | 2, RASR_SIZE(5) | RASR_AP(AP_NONE) | RASR_ENABLE,
		(uintptr_t)ro_area | 0x10 | 3, RASR_SIZE(5) | RASR_AP(AP_RO) | RASR_ENABLE,
		(uintptr_t)priv_area | 0x10 | 4, RASR_SIZE(5) | RASR_AP(AP_PRIV_RW) | RASR_ENABLE,
	};
	__asm__ volatile("ldm %0, {r0-r5}\n\tstm %1, {r0-r5}\n\tdsb\n\tisb"
			 : : "r"(regs), "r"(&MPU_RBAR) : "r0", "r1", "r2", "r3", "r4", "r5",
			   "memory");
	CHECK(MPU_RNR == 4);
	MPU_RNR = 3;
	CHECK(MPU_RBAR == ((uintptr_t)ro_area | 3));
	CHECK(MPU_RASR == (RASR_SIZE(5) | RASR_AP(AP_RO) | RASR_ENABLE));
	mpu_region(5, (uintptr_t)user_ro_area, RASR_SIZE(5) | RASR_AP(AP_USER_RO) |
		   RASR_ENABLE);
	SCB_SHCSR |= SHCSR_MEMFAULTENA;
	mpu_enable(MPU_CTRL_ENABLE);
	CHECK(MPU_CTRL == MPU_CTRL_ENABLE);

	/* No access: reads and writes fault, MMFAR is the address. */
	reset_record();
	(void)load((uintptr_t)&none_area[2]);
	EXPECT_DACCVIOL(&none_area[2]);
	reset_record();
	store((uintptr_t)&none_area[5], 1);
	EXPECT_DACCVIOL(&none_area[5]);
	printf("no-access region: MemManage, MMFAR %08lx\n", (unsigned long)last_mmfar);

	/* Read-only: reads work, a write faults and does not land. */
	reset_record();
	CHECK(load((uintptr_t)&ro_area[3]) == 0x5a5a5a5a);
	EXPECT_NO_FAULT();
	store((uintptr_t)&ro_area[3], 0xdead);
	EXPECT_DACCVIOL(&ro_area[3]);
	CHECK(load((uintptr_t)&ro_area[3]) == 0x5a5a5a5a);
	printf("read-only region: write faulted, data kept\n");

	/* Privileged code may use the privileged-only region... */
	reset_record();
	store((uintptr_t)&priv_area[1], 7);
	EXPECT_NO_FAULT();
	/* ...unprivileged code may not; the handler gives privilege back. */
	back_to_privileged = 1;
	drop_privilege();
	(void)load((uintptr_t)&priv_area[0]);
	uint32_t control;
	__asm__ volatile("mrs %0, control" : "=r"(control));
	EXPECT_DACCVIOL(&priv_area[0]);
	CHECK(control == 0);
	printf("unprivileged access to a privileged region: MemManage\n");

	/* Unprivileged read of AP=010 works, its write faults; an SVC
	 * brings the thread back to privileged. */
	reset_record();
	drop_privilege();
	uint32_t v = load((uintptr_t)&user_ro_area[0]);
	svc_back();
	CHECK(v == 0x4321);
	EXPECT_NO_FAULT();
	back_to_privileged = 1;
	drop_privilege();
	store((uintptr_t)&user_ro_area[1], 9);
	EXPECT_DACCVIOL(&user_ro_area[1]);
	store((uintptr_t)&user_ro_area[1], 9); /* privileged again: fine */
	CHECK(user_ro_area[1] == 9);
	printf("unprivileged write to a user read-only region: MemManage\n");

	/* Subregions: a 4 KiB no-access region at 6, and at 7 the same
	 * 4 KiB read/write with subregions 1 and 6 (512 bytes each)
	 * disabled, so those fall through to region 6. */
	mpu_region(6, (uintptr_t)sub_area, RASR_SIZE(12) | RASR_AP(AP_NONE) | RASR_ENABLE);
	mpu_region(7, (uintptr_t)sub_area, RASR_SIZE(12) | RASR_AP(AP_FULL) |
		   RASR_SRD(0x42) | RASR_ENABLE);
	for (unsigned s = 0; s < 8; s++) {
		uintptr_t a = (uintptr_t)&sub_area[512 * s + 256];
		reset_record();
		store(a, s);
		if (s == 1 || s == 6) {
			EXPECT_DACCVIOL(a);
		} else {
			EXPECT_NO_FAULT();
			CHECK(load(a) == s);
		}
	}
	printf("subregions: 1 and 6 fall through to the no-access region\n");

	/* An unaligned word across the boundary of two 32-byte regions:
	 * the first read/write, the second read-only. The write faults
	 * and changes neither side. */
	mpu_region(6, (uintptr_t)&pair[0], RASR_SIZE(5) | RASR_AP(AP_FULL) | RASR_ENABLE);
	mpu_region(7, (uintptr_t)&pair[8], RASR_SIZE(5) | RASR_AP(AP_RO) | RASR_ENABLE);
	uintptr_t cross = (uintptr_t)&pair[8] - 2;
	reset_record();
	(void)load(cross);
	EXPECT_NO_FAULT();
	store(cross, 0xffffffffu);
	CHECK(last_exc == EXC_MEMMANAGE && (last_cfsr & CFSR_DACCVIOL));
	CHECK(pair[7] == 0 && pair[8] == 0);
	reset_record();
	store(cross - 2, 0x11111111u); /* wholly in the first region */
	EXPECT_NO_FAULT();
	printf("access across a region boundary: write faulted\n");

	/* PRIVDEFENA: with subregion 0 of region 1 disabled, the first
	 * 512 KiB of SRAM (data and bss, not the stack at the top, which
	 * exception entry from unprivileged code needs) are background,
	 * which privileged code may use and unprivileged code may not. */
	CHECK((uintptr_t)&bg_word < 0x20080000u);
	mpu_region(1, 0x20000000u, RASR_SIZE(22) | RASR_AP(AP_FULL) | RASR_TEX(1) | RASR_C |
		   RASR_B | RASR_SRD(0x01) | RASR_ENABLE);
	mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_PRIVDEFENA);
	reset_record();
	bg_word = 5;
	CHECK(load((uintptr_t)&bg_word) == 5);
	EXPECT_NO_FAULT();
	back_to_privileged = 1;
	drop_privilege();
	(void)load((uintptr_t)&bg_word);
	EXPECT_DACCVIOL(&bg_word);
	mpu_region(1, 0x20000000u, RASR_SIZE(22) | RASR_AP(AP_FULL) | RASR_TEX(1) | RASR_C |
		   RASR_B | RASR_ENABLE);
	mpu_enable(MPU_CTRL_ENABLE);
	printf("PRIVDEFENA: background for privileged code only\n");

	/* MemManage disabled: escalation to HardFault, FORCED, with the
	 * MemManage status and address still recorded. With HFNMIENA clear
	 * the HardFault handler itself is not subject to the MPU: it reads
	 * the no-access region. */
	SCB_SHCSR &= ~SHCSR_MEMFAULTENA;
	reset_record();
	probe_addr = (uintptr_t)&none_area[4];
	(void)load((uintptr_t)&none_area[1]);
	CHECK(probe_addr == 0 && probe_val == 0x77);
	printf("disabled MemManage: exc %u cfsr %08lx hfsr %08lx mmfar %08lx\n", last_exc,
	       (unsigned long)last_cfsr, (unsigned long)last_hfsr, (unsigned long)last_mmfar);
	CHECK(last_exc == EXC_HARDFAULT);
	CHECK(last_hfsr & HFSR_FORCED);
	CHECK(last_cfsr == (CFSR_DACCVIOL | CFSR_MMARVALID));
	CHECK(last_mmfar == (uintptr_t)&none_area[1]);

	/* MPU off: everything is reachable again. */
	mpu_enable(0);
	reset_record();
	store((uintptr_t)&none_area[0], 3);
	CHECK(load((uintptr_t)&none_area[0]) == 3);
	EXPECT_NO_FAULT();
	printf("mpu data tests passed\n");
	return 0;
}
