/*
 * Semihosting console and exit: prints one line to stdout and one to the
 * console's error stream, echoes its command line, and exits with the
 * status given as its last argument. (picolibc passes the whole
 * semihosting command line, image name first, as argv[1..].)
 *
 * picolibc's stdio sends stdout and stderr through one console handle, so
 * the error line is written through a ":tt" handle opened for appending,
 * which semihosting defines as the error stream.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t semihost(uint32_t op, const void *param)
{
	register uint32_t r0 __asm__("r0") = op;
	register const void *r1 __asm__("r1") = param;
	__asm__ volatile("bkpt 0xab" : "+r"(r0) : "r"(r1) : "memory");
	return r0;
}

static void console_error(const char *s)
{
	uint32_t open_args[3] = { (uint32_t)(uintptr_t)":tt", 8 /* "a" */, 3 };
	uint32_t fd = semihost(0x01, open_args);
	uint32_t write_args[3] = { fd, (uint32_t)(uintptr_t)s, strlen(s) };
	semihost(0x05, write_args);
	semihost(0x02, &fd);
}

int main(int argc, char **argv)
{
	printf("stdout: argc=%d", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	fflush(stdout);
	console_error("stderr: hello\n");
	return argc > 2 ? atoi(argv[argc - 1]) : 0;
}
