/*
 * Host files through semihosting under --semihosting-root: write a file,
 * read it back, and check that escapes from the root are refused
 * (tests/scripts/sh_files.sh gives the root a sibling, outside/, holding a
 * directory dir/):
 *  - a path outside the root fails with EACCES whether it exists or not
 *    (../outside/dir/x and ../outside/nodir/x alike);
 *  - SYS_READ into a device's registers (UART0's data register) fails with
 *    EFAULT and consumes nothing from the file.
 * Exits 0 when every check passes, else the number of the failed check.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define SYS_OPEN 0x01
#define SYS_CLOSE 0x02
#define SYS_READ 0x06
#define SYS_ERRNO 0x13
#define GUEST_EACCES 13
#define GUEST_EFAULT 14
#define UART0_DR 0x40004000u

static uint32_t sh_call(uint32_t op, const void *arg)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = arg;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

static uint32_t sh_open(const char *name)
{
	uint32_t a[3] = { (uint32_t)(uintptr_t)name, 0 /* "r" */, strlen(name) };
	return sh_call(SYS_OPEN, a);
}

/* SYS_READ: the bytes not read. */
static uint32_t sh_read(uint32_t h, uint32_t dst, uint32_t len)
{
	uint32_t a[3] = { h, dst, len };
	return sh_call(SYS_READ, a);
}

int main(void)
{
	FILE *f = fopen("out.txt", "w");
	if (!f)
		return 1;
	fputs("written by the guest\n", f);
	fclose(f);

	char line[64] = "";
	f = fopen("out.txt", "r");
	if (!f)
		return 2;
	if (!fgets(line, sizeof line, f))
		return 3;
	fclose(f);
	if (strcmp(line, "written by the guest\n"))
		return 4;

	if (fopen("../escape.txt", "w"))
		return 5;
	if (fopen("/etc/passwd", "r"))
		return 6;

	static const char *const outside[] = { "../outside/dir/x", "../outside/nodir/x" };
	for (unsigned i = 0; i < 2; i++)
		if (sh_open(outside[i]) != UINT32_MAX || sh_call(SYS_ERRNO, 0) != GUEST_EACCES)
			return 7 + (int)i;

	uint32_t h = sh_open("out.txt");
	if (h == UINT32_MAX)
		return 9;
	if (sh_read(h, UART0_DR, 4) != 4 || sh_call(SYS_ERRNO, 0) != GUEST_EFAULT)
		return 10;
	char buf[8] = "";
	if (sh_read(h, (uint32_t)(uintptr_t)buf, 7) != 0 || memcmp(buf, "written", 7))
		return 11;
	sh_call(SYS_CLOSE, &h);
	printf("files ok\n");
	return 0;
}
