/*
 * The unprivileged loads and stores (LDRT, LDRBT, LDRHT, LDRSBT, LDRSHT,
 * STRT, STRBT, STRHT) executed by privileged code, from the inside (ARMv7-M
 * ARM A7.7, B3.5): they access memory with unprivileged permissions, so a
 * privileged-only region faults MemManage DACCVIOL (MMFAR = the address)
 * where a plain LDR does not, a region unprivileged code may only read
 * faults on STRT (and the store does not land) while STR succeeds, and the
 * System Control Space refuses them with a precise BusFault as it refuses
 * any unprivileged access. Exits 0 after "mpu unprivileged tests passed".
 */
#include "mpu.h"

#define SHCSR_BUSFAULTENA (1u << 17)
#define CFSR_PRECISERR (1u << 9)
#define CFSR_BFARVALID (1u << 15)
#define SCB_CPUID REG32(0xe000ed00u)

static volatile uint32_t priv_area[8] __attribute__((aligned(32)));
static volatile uint32_t user_ro_area[8] __attribute__((aligned(32)));
static volatile uint32_t user_rw_word; /* SRAM: read/write for everyone */

#define LDRT(op, a)                                                              \
	({                                                                       \
		uint32_t v_ = 0x5555aaaau;                                       \
		__asm__ volatile(op " %0, [%1]" : "+r"(v_) : "r"(a) : "memory"); \
		v_;                                                              \
	})
#define STRT(op, a, v) __asm__ volatile(op " %0, [%1]" : : "r"(v), "r"(a) : "memory")

static void expect(unsigned exc, uint32_t cfsr, int line)
{
	if (last_exc != exc || last_cfsr != cfsr) {
		printf("FAILED at line %d: exc %u cfsr %08lx (want %u %08lx)\n", line, last_exc,
		       (unsigned long)last_cfsr, exc, (unsigned long)cfsr);
		exit(1);
	}
	reset_record();
}
#define EXPECT(exc, cfsr) expect((exc), (cfsr), __LINE__)

int main(void)
{
	mpu_test_init();
	SCB_SHCSR |= SHCSR_MEMFAULTENA | SHCSR_BUSFAULTENA;
	priv_area[0] = 0x80818283u;
	user_ro_area[0] = 0x80818283u;
	mpu_region(2, (uintptr_t)priv_area, RASR_SIZE(5) | RASR_AP(AP_PRIV_RW) | RASR_ENABLE);
	mpu_region(3, (uintptr_t)user_ro_area, RASR_SIZE(5) | RASR_AP(AP_USER_RO) | RASR_ENABLE);
	mpu_enable(MPU_CTRL_ENABLE);
	reset_record();

	/* Privileged-only: LDR reads, LDRT faults and leaves Rt alone. */
	CHECK(LDRT("ldr", priv_area) == 0x80818283u);
	EXPECT(0, 0);
	CHECK(LDRT("ldrt", priv_area) == 0x5555aaaau);
	EXPECT(EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID);
	CHECK(LDRT("ldrbt", priv_area) == 0x5555aaaau);
	CHECK(last_mmfar == (uintptr_t)priv_area);
	EXPECT(EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID);

	/* Readable by unprivileged code: every load form reads. */
	CHECK(LDRT("ldrt", user_ro_area) == 0x80818283u);
	CHECK(LDRT("ldrbt", user_ro_area) == 0x83u);
	CHECK(LDRT("ldrsbt", user_ro_area) == 0xffffff83u);
	CHECK(LDRT("ldrht", user_ro_area) == 0x8283u);
	CHECK(LDRT("ldrsht", user_ro_area) == 0xffff8283u);
	EXPECT(0, 0);
	/* ...but not written by STRT, STRHT, STRBT; STR writes. */
	STRT("strt", &user_ro_area[1], 1u);
	EXPECT(EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID);
	STRT("strht", &user_ro_area[1], 2u);
	EXPECT(EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID);
	STRT("strbt", &user_ro_area[1], 3u);
	CHECK(last_mmfar == (uintptr_t)&user_ro_area[1]);
	EXPECT(EXC_MEMMANAGE, CFSR_DACCVIOL | CFSR_MMARVALID);
	CHECK(user_ro_area[1] == 0);
	STRT("str", &user_ro_area[1], 4u);
	EXPECT(0, 0);
	CHECK(user_ro_area[1] == 4);
	/* Where unprivileged code may write, STRT writes. */
	STRT("strt", &user_rw_word, 0x1234u);
	EXPECT(0, 0);
	CHECK(user_rw_word == 0x1234u);

	/* The SCS: LDR reads CPUID, LDRT is a precise BusFault. */
	uint32_t cpuid = SCB_CPUID;
	CHECK(LDRT("ldr", &SCB_CPUID) == cpuid);
	CHECK(LDRT("ldrt", &SCB_CPUID) == 0x5555aaaau);
	EXPECT(EXC_BUSFAULT, CFSR_PRECISERR | CFSR_BFARVALID);
	CHECK(SCB_BFAR == 0xe000ed00u);
	/* Also with the MPU off. */
	mpu_enable(0);
	CHECK(LDRT("ldrt", &SCB_CPUID) == 0x5555aaaau);
	EXPECT(EXC_BUSFAULT, CFSR_PRECISERR | CFSR_BFARVALID);
	CHECK(LDRT("ldrt", priv_area) == 0x80818283u); /* no MPU, no check */
	EXPECT(0, 0);

	printf("mpu unprivileged tests passed\n");
	return 0;
}
