/*
 * Semihosting (Arm's "Semihosting for AArch32 and AArch64"; pmsim's
 * docs/semihosting.md): the firmware ends the run with SYS_EXIT_EXTENDED
 * and a status, and before it has a console it reports a fatal boot error
 * on the host's stderr (":tt" opened for appending, the STDOUT_STDERR
 * extension; a host without it shows it on its console). Tests read the
 * simulated time with SYS_ELAPSED (pmsim: microseconds), a clock that
 * runs through a system suspend, when the kernel's timers may not.
 */
#include <linux/compiler.h>
#include <linux/string.h>

#include "arch.h"

#define SYS_OPEN 0x01
#define SYS_WRITE 0x05
#define OPEN_MODE_A 8 /* "a": with SH_EXT_STDOUT_STDERR, :tt is stderr */
#define SYS_EXIT_EXTENDED 0x20
#define SYS_ELAPSED 0x30
#define ADP_STOPPED_APPLICATION_EXIT 0x20026

static long semihost_call(long op, const void *arg)
{
	register long r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

__noreturn void semihost_exit(int status)
{
	const long args[2] = { ADP_STOPPED_APPLICATION_EXIT, status };
	for (;;)
		semihost_call(SYS_EXIT_EXTENDED, args);
}

void semihost_write0(const char *s)
{
	static long err = -1;
	if (err < 0) {
		const long open[3] = { (long)":tt", OPEN_MODE_A, 3 };
		err = semihost_call(SYS_OPEN, open);
	}
	const long wr[3] = { err, (long)s, (long)strlen(s) };
	semihost_call(SYS_WRITE, wr);
}

u64 semihost_elapsed_us(void)
{
	u32 t[2] = { 0, 0 };
	if (semihost_call(SYS_ELAPSED, t))
		return 0;
	return (u64)t[1] << 32 | t[0];
}
