/*
 * Control flow: dense switches (jump tables that gcc emits as TBB or TBH),
 * sparse switches (compare trees), recursion (plain, mutual, deep),
 * function pointers (tables, qsort/bsearch callbacks, ops structures),
 * computed goto (a threaded interpreter: indirect branches through
 * registers), IT blocks from conditional expressions, CBZ/CBNZ loops, and
 * loops whose results are known constants.
 *
 * Each dispatch mechanism is checked against another one (switch against a
 * function-pointer table, threaded interpreter against a switch
 * interpreter) and against constants.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "check.h"

static uint32_t rotl(uint32_t x, unsigned n)
{
	return x << (n & 31) | x >> ((32 - n) & 31);
}

/*
 * One list of operations, expanded three ways: a small dense switch (TBB),
 * a large dense switch whose cases call functions (big enough for TBH), and
 * a table of functions as the reference.
 */
#define OPS(X)						\
	X(0, x + 3)					\
	X(1, x ^ 0x55aa55aa)				\
	X(2, x * 5)					\
	X(3, rotl(x, 5))				\
	X(4, x - 0x1234)				\
	X(5, ~x)					\
	X(6, x >> 3 | x << 29)				\
	X(7, x + (x << 4))				\
	X(8, x / 3 + 1)					\
	X(9, x & 0xf0f0f0ff)				\
	X(10, x | 0x01000010)				\
	X(11, (uint32_t)((int32_t)x >> 2))		\
	X(12, x * 0x9e3779b1u)				\
	X(13, x ^ (x >> 16))				\
	X(14, x + 0x7fffffff)				\
	X(15, x % 1000003)				\
	X(16, __builtin_bswap32(x))			\
	X(17, x - (x >> 1))				\
	X(18, rotl(x, 17) + 1)				\
	X(19, x ^ 0xdeadbeef)				\
	X(20, x * x)					\
	X(21, x + 21)					\
	X(22, x & ~0xffu)				\
	X(23, x << 1)					\
	X(24, x / 7)					\
	X(25, x ^ (x << 7))				\
	X(26, (x & 1) ? x * 3 + 1 : x / 2)		\
	X(27, x + 0x10001)				\
	X(28, rotl(x, 28) ^ 3)				\
	X(29, x | (x >> 1))				\
	X(30, x - 30)					\
	X(31, x * 31)

#define NOPS 32

#define FN(n, e)							\
	static uint32_t __attribute__((noinline)) op##n(uint32_t x)	\
	{								\
		return (e);						\
	}
OPS(FN)

#define TABLE(n, e) op##n,
static uint32_t (*const op_table[NOPS])(uint32_t) = { OPS(TABLE) };

static uint32_t dense_small(unsigned k, uint32_t x)
{
	switch (k) {
#define CASE(n, e)		\
	case n:			\
		x = (e);	\
		break;
		OPS(CASE)
	default:
		x = 0xffffffff;
		break;
	}
	return x;
}

/* Each case does enough to push the table's reach beyond TBB's 510 bytes. */
static uint32_t __attribute__((noinline)) dense_big(unsigned k, uint32_t x, uint32_t *trace)
{
	switch (k) {
#define BIGCASE(n, e)						\
	case n:							\
		x = op##n(x);					\
		trace[n & 3] += x ^ (n * 0x01010101u);		\
		trace[(n + 1) & 3] ^= rotl(x, n);		\
		trace[(n + 2) & 3] -= x >> (n & 7);		\
		break;
		OPS(BIGCASE)
	default:
		return 0;
	}
	return x;
}

static void test_switches(void)
{
	uint32_t x = hide(12345), y = x, z = x;
	uint32_t trace[4] = { 0 }, ref_trace[4] = { 0 };

	for (unsigned i = 0; i < 500; i++) {
		unsigned k = hide((i * 7 + (i >> 3)) % NOPS);
		x = dense_small(k, x);
		y = op_table[k](y);
		z = dense_big(k, z, trace);
		ref_trace[k & 3] += z ^ (k * 0x01010101u);
		ref_trace[(k + 1) & 3] ^= rotl(z, k);
		ref_trace[(k + 2) & 3] -= z >> (k & 7);
	}
	check("dense small", x, y);
	check("dense big", z, y);
	for (unsigned i = 0; i < 4; i++)
		check("dense big trace", trace[i], ref_trace[i]);
	check("dense default", dense_small(hide(NOPS), 1), 0xffffffff);
	check("dense big default", dense_big(hide(1000), 1, trace), 0);
	group("dense");
}

static int32_t sparse(int32_t k)
{
	switch (k) {
	case -100000: return 1;
	case -5: return 2;
	case 0: return 3;
	case 1: return 4;
	case 10: return 5;
	case 100: return 6;
	case 1000: return 7;
	case 4096: return 8;
	case 65535: return 9;
	case 65536: return 10;
	case 0x123456: return 11;
	case 0x7ffffffe: return 12;
	case INT32_MAX: return 13;
	case INT32_MIN: return 14;
	default: return 0;
	}
}

static const int32_t sparse_keys[] = { -100000, -5, 0, 1, 10, 100, 1000, 4096, 65535,
	65536, 0x123456, 0x7ffffffe, INT32_MAX, INT32_MIN };

/* The reference: a linear search of the key list. */
static uint32_t sparse_ref(int32_t k)
{
	for (unsigned i = 0; i < sizeof(sparse_keys) / sizeof(sparse_keys[0]); i++)
		if (sparse_keys[i] == k)
			return i + 1;
	return 0;
}

static void test_sparse(void)
{
	for (unsigned i = 0; i < 14; i++) {
		uint32_t k = hide((uint32_t)sparse_keys[i]);
		check("sparse hit", (uint32_t)sparse((int32_t)k), i + 1);
		for (uint32_t d = 1; d < 4; d++) {
			check("sparse near", (uint32_t)sparse((int32_t)(k + d)), sparse_ref((int32_t)(k + d)));
			check("sparse near", (uint32_t)sparse((int32_t)(k - d)), sparse_ref((int32_t)(k - d)));
		}
	}
	uint32_t hits = 0, ref_hits = 0;
	for (int32_t k = -(int32_t)hide(200000); k < 70000; k += 5) {
		hits += (uint32_t)sparse(k);
		ref_hits += sparse_ref(k);
	}
	check("sparse scan", hits, ref_hits);
	check("sparse scan known", hits, 1 + 2 + 3 + 5 + 6 + 7 + 9);
	group("sparse");
}

static uint32_t fib(uint32_t n)
{
	return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

static uint32_t ackermann(uint32_t m, uint32_t n)
{
	if (m == 0)
		return n + 1;
	if (n == 0)
		return ackermann(m - 1, 1);
	return ackermann(m - 1, ackermann(m, n - 1));
}

static int is_odd(unsigned n);

static int is_even(unsigned n)
{
	return n == 0 ? 1 : is_odd(n - 1);
}

static int is_odd(unsigned n)
{
	return n == 0 ? 0 : is_even(n - 1);
}

static uint32_t hanoi(unsigned n, unsigned from, unsigned to, unsigned via, uint32_t *sig)
{
	if (n == 0)
		return 0;
	uint32_t moves = hanoi(n - 1, from, via, to, sig);
	*sig = rotl(*sig, 3) ^ (from * 4 + to);
	return moves + 1 + hanoi(n - 1, via, to, from, sig);
}

/* Recursion with a frame big enough to make the depth count. */
static uint32_t deep(unsigned n, uint32_t acc)
{
	volatile uint32_t pad[4] = { n, acc, n ^ acc, 0 };

	if (n == 0)
		return acc;
	return deep(n - 1, acc * 31 + pad[0] + pad[2]) + pad[3];
}

static uint32_t sum_rec(const uint32_t *a, unsigned n)
{
	if (n == 1)
		return a[0];
	return sum_rec(a, n / 2) + sum_rec(a + n / 2, n - n / 2);
}

static void test_recursion(void)
{
	check("fib(24)", fib(hide(24)), 46368);
	check("ackermann(2,3)", ackermann(hide(2), hide(3)), 9);
	check("ackermann(3,3)", ackermann(hide(3), hide(3)), 61);
	check("even(301)", (uint32_t)is_even(hide(301)), 0);
	check("odd(301)", (uint32_t)is_odd(hide(301)), 1);
	uint32_t sig = 0;
	check("hanoi(10)", hanoi(hide(10), 0, 2, 1, &sig), 1023);
	mix(sig);
	uint32_t acc = hide(1);
	for (unsigned n = 300; n > 0; n--)
		acc = acc * 31 + n + (n ^ acc);
	check("deep(300)", deep(hide(300), 1), acc);
	uint32_t arr[257], s = 0;
	for (unsigned i = 0; i < 257; i++) {
		arr[i] = hide(i * i);
		s += i * i;
	}
	check("sum_rec", sum_rec(arr, 257), s);
	check("sum closed", s, 256u * 257 * 513 / 6);
	group("recursion");
}

static int cmp_up(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
	return (x > y) - (x < y);
}

static int cmp_down(const void *a, const void *b)
{
	return cmp_up(b, a);
}

struct pair {
	uint16_t key;
	uint16_t order;
};

static int cmp_pair(const void *a, const void *b)
{
	const struct pair *x = a, *y = b;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

struct shape_ops {
	uint32_t (*area)(uint32_t a, uint32_t b);
	uint32_t (*perimeter)(uint32_t a, uint32_t b);
};

static uint32_t rect_area(uint32_t a, uint32_t b) { return a * b; }
static uint32_t rect_perimeter(uint32_t a, uint32_t b) { return 2 * (a + b); }
static uint32_t tri_area(uint32_t a, uint32_t b) { return a * b / 2; }
static uint32_t tri_perimeter(uint32_t a, uint32_t b) { return a + b + (a > b ? a : b); }

static const struct shape_ops rect_ops = { rect_area, rect_perimeter };
static const struct shape_ops tri_ops = { tri_area, tri_perimeter };

static void test_function_pointers(void)
{
	int32_t v[100];
	uint32_t seed = hide(1);

	for (unsigned i = 0; i < 100; i++) {
		seed = seed * 1103515245u + 12345;
		v[i] = (int32_t)seed >> 8;
	}
	qsort(v, 100, sizeof(v[0]), cmp_up);
	uint32_t sorted = 1;
	for (unsigned i = 1; i < 100; i++)
		sorted &= v[i - 1] <= v[i];
	check("qsort up", sorted, 1);
	int32_t key = v[hide(37)];
	int32_t *hit = bsearch(&key, v, 100, sizeof(v[0]), cmp_up);
	check("bsearch", hit ? (uint32_t)*hit : 0, (uint32_t)key);
	key = v[0] - 1;
	check("bsearch miss", bsearch(&key, v, 100, sizeof(v[0]), cmp_up) == NULL, 1);
	qsort(v, 100, sizeof(v[0]), cmp_down);
	sorted = 1;
	for (unsigned i = 1; i < 100; i++)
		sorted &= v[i - 1] >= v[i];
	check("qsort down", sorted, 1);
	mix((uint32_t)v[0]);
	mix((uint32_t)v[99]);

	struct pair p[64];
	for (unsigned i = 0; i < 64; i++) {
		p[i].key = (uint16_t)((i * 37) % 13);
		p[i].order = (uint16_t)i;
	}
	qsort(p, 64, sizeof(p[0]), cmp_pair);
	uint32_t ok = 1;
	for (unsigned i = 1; i < 64; i++)
		ok &= p[i - 1].key < p[i].key ||
		      (p[i - 1].key == p[i].key && p[i - 1].order < p[i].order);
	check("qsort pairs", ok, 1);

	const struct shape_ops *shapes[2] = { &rect_ops, &tri_ops };
	uint32_t total = 0;
	for (unsigned i = 0; i < 10; i++) {
		const struct shape_ops *s = shapes[hide(i) & 1];
		total += s->area(i + 3, i + 1) * 3 + s->perimeter(i + 3, i + 1);
	}
	check("ops structs", total, 1295);
	group("fnptr");
}

/* A tiny stack machine, run by a threaded interpreter (computed goto) and
 * by a switch loop. */
enum { PUSH, ADD, SUB, MUL, DUP, SWAP, JNZ, DEC, OVER, DROP, HALT };

static const int32_t factorial_prog[] = {
	/* acc n: while (n) { acc *= n; n--; } */
	PUSH, 1, PUSH, 12,
	/* 4: */ DUP, JNZ, 2, DROP, HALT,
	/* 9: */ SWAP, OVER, MUL, SWAP, DEC, PUSH, 1, JNZ, -14,
};

static int32_t run_threaded(const int32_t *prog)
{
	static void *const labels[] = { &&push, &&add, &&sub, &&mul, &&dup, &&swap,
		&&jnz, &&dec, &&over, &&drop, &&halt };
	int32_t stack[16], *sp = stack;
	const int32_t *pc = prog;

#define NEXT goto *labels[*pc++]
	NEXT;
push:
	*sp++ = *pc++;
	NEXT;
add:
	sp--;
	sp[-1] += sp[0];
	NEXT;
sub:
	sp--;
	sp[-1] -= sp[0];
	NEXT;
mul:
	sp--;
	sp[-1] *= sp[0];
	NEXT;
dup:
	sp[0] = sp[-1];
	sp++;
	NEXT;
swap: {
	int32_t t = sp[-1];
	sp[-1] = sp[-2];
	sp[-2] = t;
	NEXT;
}
jnz: {
	int32_t off = *pc++;
	if (*--sp)
		pc += off;
	NEXT;
}
dec:
	sp[-1]--;
	NEXT;
over:
	sp[0] = sp[-2];
	sp++;
	NEXT;
drop:
	sp--;
	NEXT;
halt:
	return sp[-1];
#undef NEXT
}

static int32_t run_switch(const int32_t *prog)
{
	int32_t stack[16], *sp = stack, t;
	const int32_t *pc = prog;

	for (;;) {
		switch (*pc++) {
		case PUSH: *sp++ = *pc++; break;
		case ADD: sp--; sp[-1] += sp[0]; break;
		case SUB: sp--; sp[-1] -= sp[0]; break;
		case MUL: sp--; sp[-1] *= sp[0]; break;
		case DUP: sp[0] = sp[-1]; sp++; break;
		case SWAP: t = sp[-1]; sp[-1] = sp[-2]; sp[-2] = t; break;
		case JNZ: t = *pc++; if (*--sp) pc += t; break;
		case DEC: sp[-1]--; break;
		case OVER: sp[0] = sp[-2]; sp++; break;
		case DROP: sp--; break;
		default: return sp[-1];
		}
	}
}

static void test_interpreters(void)
{
	check("threaded 12!", (uint32_t)run_threaded(factorial_prog), 479001600);
	check("switch 12!", (uint32_t)run_switch(factorial_prog), 479001600);
	group("interp");
}

static uint32_t isqrt(uint32_t x)
{
	uint32_t r = 0, bit = 1u << 30;
	while (bit > x)
		bit >>= 2;
	while (bit) {
		if (x >= r + bit) {
			x -= r + bit;
			r = (r >> 1) + bit;
		} else {
			r >>= 1;
		}
		bit >>= 2;
	}
	return r;
}

static void test_loops(void)
{
	static uint8_t composite[20000];
	uint32_t sum = 0, count = 0;
	unsigned limit = hide(20000);

	for (unsigned i = 2; i < limit; i++) {
		if (composite[i])
			continue;
		sum += i;
		count++;
		for (unsigned j = i * i; j < limit; j += i)
			composite[j] = 1;
	}
	check("primes < 20000", count, 2262);
	check("sum primes < 20000", sum, 21171191);

	uint32_t n = hide(27), steps = 0;
	do {
		n = n & 1 ? 3 * n + 1 : n / 2;
		steps++;
	} while (n != 1);
	check("collatz(27)", steps, 111);

	uint32_t a = hide(1071), b = hide(462);
	while (b) {
		uint32_t t = a % b;
		a = b;
		b = t;
	}
	check("gcd", a, 21);

	/* Conditional selects (IT blocks) and min/max. */
	int32_t lo = INT32_MAX, hi = INT32_MIN;
	uint32_t neg = 0, clamp = 0;
	for (int32_t i = -(int32_t)hide(50); i < 50; i += 3) {
		int32_t v = i * i * (i & 1 ? -1 : 1) + 7 * i;
		lo = v < lo ? v : lo;
		hi = v > hi ? v : hi;
		neg += v < 0;
		clamp += (uint32_t)(v > 100 ? 100 : v < -100 ? -100 : v);
	}
	check("min", (uint32_t)lo, (uint32_t)-2538);
	check("max", (uint32_t)hi, 2438);
	check("negatives", neg, 16);
	check("clamp sum", clamp, 8);

	uint32_t roots = 0;
	for (uint32_t i = hide(0); i < 100000; i += 997)
		roots += isqrt(i * 1000);
	check("isqrt sum", roots, 670408);
	check("isqrt max", isqrt(hide(0xffffffff)), 65535);

	/* Nested loops with break and continue. */
	uint32_t pairs = 0;
	for (unsigned i = hide(0); i < 60; i++) {
		if (i % 5 == 0)
			continue;
		for (unsigned j = 0; j < 60; j++) {
			if (i * j > 1000)
				break;
			pairs += (i ^ j) & 1;
		}
	}
	check("pairs", pairs, 923);
	group("loops");
}

int main(void)
{
	test_switches();
	test_sparse();
	test_recursion();
	test_function_pointers();
	test_interpreters();
	test_loops();

	if (n_fails) {
		printf("c_control: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_control: all %u checks passed\n", n_checks);
	return 0;
}
