/*
 * setjmp/longjmp: picolibc's setjmp saves r4-r11, sp and lr with STMIA and
 * longjmp restores them with LDMIA and returns through BX lr. Checked here:
 * the return value (including longjmp(env, 0), which must come back as 1),
 * nested jump buffers, jumps out of deep recursion, volatile locals that
 * keep values written after setjmp, callee-saved registers that hold live
 * values across the call, the stack pointer after the jump, and many jumps
 * in a row.
 */
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>

static unsigned n_checks, n_fails;

static void check(const char *what, uint32_t got, uint32_t want)
{
	n_checks++;
	printf("%-24s %08lx\n", what, (unsigned long)got);
	if (got != want) {
		n_fails++;
		printf("FAIL %s: got 0x%08lx, want 0x%08lx\n", what,
		       (unsigned long)got, (unsigned long)want);
	}
}

static inline uint32_t hide(uint32_t x)
{
	__asm__ volatile("" : "+r"(x));
	return x;
}

static jmp_buf outer, inner, deep_env;
static unsigned depth_reached;
static volatile int deep_jump = 1;	/* lets gcc see that recurse() ends */

static void __attribute__((noinline)) jump(jmp_buf env, int v)
{
	longjmp(env, v);
}

static uint32_t __attribute__((noinline)) recurse(unsigned n, uint32_t acc)
{
	volatile uint32_t frame[8];

	for (unsigned i = 0; i < 8; i++)
		frame[i] = acc + i;
	if (n == 0) {
		depth_reached = (unsigned)(acc & 0xffff);
		if (deep_jump)
			longjmp(deep_env, (int)(frame[7] | 0x10000));
		return acc;
	}
	return recurse(n - 1, acc + 1) + frame[n & 7];
}

static void test_basic(void)
{
	volatile uint32_t count = 0;
	int r = setjmp(outer);

	count++;
	if (r == 0)
		jump(outer, 7);
	check("longjmp value", (uint32_t)r, 7);
	check("volatile after jump", count, 2);

	r = setjmp(outer);
	if (r == 0)
		jump(outer, 0);
	check("longjmp(env, 0)", (uint32_t)r, 1);
}

static void test_nested(void)
{
	volatile uint32_t trail = 0;

	if (setjmp(outer) == 0) {
		trail = trail * 10 + 1;
		if (setjmp(inner) == 0) {
			trail = trail * 10 + 2;
			jump(inner, 3);
		} else {
			trail = trail * 10 + 3;
			jump(outer, 4);
		}
		trail = 999;	/* never reached */
	} else {
		trail = trail * 10 + 4;
	}
	check("nested trail", trail, 1234);
}

static inline uint32_t read_sp(void)
{
	uint32_t sp;
	__asm__ volatile("mov %0, sp" : "=r"(sp));
	return sp;
}

static void test_deep(void)
{
	volatile uint32_t sp_before = read_sp();
	int r = setjmp(deep_env);

	if (r == 0) {
		recurse(hide(200), 0x5000);
		check("unreachable", 1, 0);
		return;
	}
	/* The frame is the same size at both points, so SP must match. */
	check("stack restored", read_sp() - sp_before, 0);
	check("deep value", (uint32_t)r, (0x5000 + 200 + 7) | 0x10000);
	check("deep depth", depth_reached, 0x5000 + 200);
}

/*
 * Live values in callee-saved registers across setjmp; the compiler keeps
 * them in r4-r11 at -O2, and setjmp/longjmp must give them back. They are
 * not modified between setjmp and longjmp, so C11 7.13.2.1 guarantees their
 * values; gcc's -Wclobbered warns regardless, which is what this tests.
 */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wclobbered"
static uint32_t __attribute__((noinline)) registers_survive(uint32_t seed)
{
	uint32_t a = seed * 3, b = seed ^ 0x5a5a5a5a, c = seed + 0x1111, d = seed << 3;
	uint32_t e = hide(a + b), f = hide(c - d), g = hide(a ^ d), h = hide(b + c);

	if (setjmp(outer) == 0)
		jump(outer, 1);
	/* These were not modified between setjmp and longjmp, so they keep
	 * their values even though they are not volatile. */
	return a + 3 * b + 5 * c + 7 * d + 11 * e + 13 * f + 17 * g + 19 * h;
}
#pragma GCC diagnostic pop

static void test_registers(void)
{
	uint32_t s = hide(0x1234567);
	uint32_t a = s * 3, b = s ^ 0x5a5a5a5a, c = s + 0x1111, d = s << 3;
	uint32_t want = a + 3 * b + 5 * c + 7 * d + 11 * (a + b) + 13 * (c - d) +
			17 * (a ^ d) + 19 * (b + c);
	check("callee-saved", registers_survive(s), want);
}

static void test_many(void)
{
	volatile uint32_t sum = 0;
	volatile unsigned i = 0;

	int r = setjmp(outer);
	sum += (uint32_t)r;
	if (i < 1000) {
		i++;
		jump(outer, (int)i);
	}
	check("1000 jumps", sum, 1000 * 1001 / 2);
}

int main(void)
{
	test_basic();
	test_nested();
	test_deep();
	test_registers();
	test_many();

	if (n_fails) {
		printf("c_setjmp: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_setjmp: all %u checks passed\n", n_checks);
	return 0;
}
