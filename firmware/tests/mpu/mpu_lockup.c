/*
 * HFNMIENA set: the MPU applies in the HardFault handler too. A load from
 * a no-access region in thread mode, with MemManage disabled, is a
 * HardFault; its handler touches the region again, faulting at priority
 * -1, which locks the core up: pmsim exits with status 125 and a sentence
 * naming the access. (With HFNMIENA clear the same handler reads the
 * region: mpu_data.)
 */
#include "mpu.h"

#define NO_ACCESS 0x20300000u /* in SRAM, below the stack */

int main(void)
{
	mpu_test_init();
	mpu_region(2, NO_ACCESS, RASR_SIZE(12) | RASR_AP(AP_NONE) | RASR_ENABLE);
	mpu_enable(MPU_CTRL_ENABLE | MPU_CTRL_HFNMIENA);
	probe_addr = NO_ACCESS + 0x10;
	printf("about to fault with HFNMIENA set\n");
	(void)load(NO_ACCESS);
	printf("not reached\n");
	return 1;
}
