/*
 * The FP registers through the gdb stub (tests/scripts/gdb_stub.py "fp"):
 * S0 = 1.25f, S1 = -2.0f, D1 = 3.5 and FPSCR = 0x80c00000 are loaded, then
 * fp_stop() is called, where gdb stops, reads them and writes D1 = 1.5.
 * Then PendSV is taken with that FP context: its handler stops in
 * fp_lazy_stop() before it uses the FPU (the extended frame only
 * reserved) and in fp_used_stop() after it set S0 = 7.0f (the Thread
 * context preserved into the frame), where gdb unwinds to main and shows
 * main's S0 both times. Back in main the image reads D1 and S0: exit 0
 * if D1 is 1.5 and S0 1.25 again, 1 otherwise.
 */
#include "fp_exc.h"

static const uint32_t init[6] = { 0x3fa00000u, 0xc0000000u, 0x00000000u, 0x400c0000u,
				  0x80c00000u, 0 };

__attribute__((noinline)) void fp_stop(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void fp_lazy_stop(void)
{
	__asm__ volatile("" ::: "memory");
}

__attribute__((noinline)) void fp_used_stop(void)
{
	__asm__ volatile("" ::: "memory");
}

static void pendsv_handler(void)
{
	fp_lazy_stop();
	__asm__ volatile("vmov s0, %0" : : "r"(0x40e00000u) : "s0");
	fp_used_stop();
}

int main(void)
{
	uint32_t lo, hi, s0, fpscr;
	vt_install();
	vt_set(EXC_PENDSV, pendsv_handler);
	__asm__ volatile("vldmia %0, {s0-s3}\n\t"
			 "vmsr fpscr, %1\n\t"
			 : : "r"(init), "r"(init[4]) : "s0", "s1", "s2", "s3", "memory");
	fp_stop();
	SCB_ICSR = ICSR_PENDSVSET;
	__asm__ volatile("dsb\n\tisb" ::: "memory");
	__asm__ volatile("vmov %0, %1, d1\n\t"
			 "vmov %2, s0\n\t"
			 "vmrs %3, fpscr\n\t"
			 : "=r"(lo), "=r"(hi), "=r"(s0), "=r"(fpscr));
	printf("d1 %08lx%08lx s0 %08lx fpscr %08lx\n", (unsigned long)hi, (unsigned long)lo,
	       (unsigned long)s0, (unsigned long)fpscr);
	return !(hi == 0x3ff80000u && lo == 0 && s0 == 0x3fa00000u);
}
