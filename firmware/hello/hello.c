/*
 * The default guest image: a plain picolibc semihosting program that
 * exercises the C runtime (printf, malloc, setjmp/longjmp, 64-bit
 * arithmetic). Its output is the same on pmsim and on
 * qemu-system-arm -M mps2-an385 -semihosting.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static jmp_buf env;

static void __attribute__((noinline)) bail(int code)
{
	longjmp(env, code);
}

static uint64_t fib(unsigned n)
{
	uint64_t a = 0, b = 1;
	while (n--) {
		uint64_t t = a + b;
		a = b;
		b = t;
	}
	return a;
}

int main(void)
{
	printf("Hello from pmsim guest firmware!\n");

	char *buf = malloc(64);
	if (!buf)
		return 1;
	snprintf(buf, 64, "fib(90) = %llu", (unsigned long long)fib(90));
	printf("%s, /7 = %llu\n", buf, (unsigned long long)(fib(90) / 7));
	free(buf);

	int r = setjmp(env);
	if (r == 0)
		bail(42);
	printf("longjmp returned %d\n", r);
	return 0;
}
