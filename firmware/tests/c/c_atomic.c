/*
 * Atomics. ARMv7-M has no atomic read-modify-write instructions: gcc turns
 * C11 <stdatomic.h> operations and the __atomic builtins on 8-, 16- and
 * 32-bit objects into LDREX{B,H}/STREX{B,H} retry loops with DMB barriers
 * for the ordered variants. Checked here: the value returned (the old one
 * for fetch_op, the new one for op_fetch), the value left in memory, that
 * neighbouring bytes are untouched, compare-exchange on success and on
 * failure (where it must write back the current value), atomic_flag, and
 * the exclusive monitor itself: a STREX with no matching LDREX, or after
 * CLREX, must fail and leave memory unchanged.
 */
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

#include "check.h"

/* Guard bytes around each atomic object catch writes of the wrong width. */
static struct {
	uint8_t pre[4];
	_Atomic uint8_t b;
	uint8_t b_after[3];
	_Atomic uint16_t h;
	uint8_t h_after[2];
	_Atomic uint32_t w;
	uint8_t post[4];
} a;

static uint32_t guards(void)
{
	return (uint32_t)(a.pre[0] ^ 0x11) | (uint32_t)(a.pre[3] ^ 0x11) | (uint32_t)(a.b_after[0] ^ 0x22) |
	       (uint32_t)(a.b_after[2] ^ 0x22) | (uint32_t)(a.h_after[0] ^ 0x33) |
	       (uint32_t)(a.h_after[1] ^ 0x33) | (uint32_t)(a.post[0] ^ 0x44);
}

static void set_guards(void)
{
	for (int i = 0; i < 4; i++) {
		a.pre[i] = 0x11;
		a.post[i] = 0x44;
	}
	for (int i = 0; i < 3; i++)
		a.b_after[i] = 0x22;
	a.h_after[0] = a.h_after[1] = 0x33;
}

/* One set of checks per width; the reference is plain arithmetic. */
#define WIDTH_TESTS(obj, T, mask, name)						\
	do {									\
		T old, exp;							\
		uint32_t x = hide(0x5a5a5a5a) & (mask), y = hide(0x0f0f1234) & (mask); \
		atomic_store(&(obj), (T)x);					\
		check(name " load", atomic_load(&(obj)), x);			\
		old = atomic_fetch_add(&(obj), (T)y);				\
		check(name " fetch_add old", old, x);				\
		check(name " fetch_add new", atomic_load(&(obj)), (x + y) & (mask)); \
		old = atomic_fetch_sub(&(obj), (T)(y * 3));			\
		check(name " fetch_sub old", old, (x + y) & (mask));		\
		check(name " fetch_sub new", atomic_load(&(obj)), (x - 2 * y) & (mask)); \
		atomic_store_explicit(&(obj), (T)x, memory_order_relaxed);	\
		check(name " fetch_or", atomic_fetch_or(&(obj), (T)y), x);	\
		check(name " or", atomic_load(&(obj)), x | y);			\
		check(name " fetch_and", atomic_fetch_and(&(obj), (T)~y), x | y); \
		check(name " and", atomic_load(&(obj)), (x | y) & ~y & (mask)); \
		check(name " fetch_xor", atomic_fetch_xor_explicit(&(obj), (T)(mask), \
			memory_order_acq_rel), (x | y) & ~y & (mask));		\
		check(name " xor", atomic_load(&(obj)), ~((x | y) & ~y) & (mask)); \
		check(name " exchange", atomic_exchange(&(obj), (T)y), ~((x | y) & ~y) & (mask)); \
		check(name " exchanged", atomic_load(&(obj)), y);		\
		exp = (T)x;							\
		check(name " cas fail", atomic_compare_exchange_strong(&(obj), &exp, (T)1), 0); \
		check(name " cas fail exp", exp, y);				\
		check(name " cas fail kept", atomic_load(&(obj)), y);		\
		check(name " cas ok", atomic_compare_exchange_strong(&(obj), &exp, (T)x), 1); \
		check(name " cas ok new", atomic_load(&(obj)), x);		\
		exp = atomic_load(&(obj));					\
		while (!atomic_compare_exchange_weak(&(obj), &exp, (T)(exp * 3 + 1))) \
			;							\
		check(name " cas weak", atomic_load(&(obj)), (x * 3 + 1) & (mask)); \
		/* Wrap-around at the width. */				\
		atomic_store(&(obj), (T)(mask));				\
		atomic_fetch_add(&(obj), (T)2);				\
		check(name " wrap", atomic_load(&(obj)), 1);			\
		check(name " guards", guards(), 0);				\
	} while (0)

static void test_c11(void)
{
	set_guards();
	WIDTH_TESTS(a.b, uint8_t, 0xffu, "u8");
	WIDTH_TESTS(a.h, uint16_t, 0xffffu, "u16");
	WIDTH_TESTS(a.w, uint32_t, 0xffffffffu, "u32");
	check("lock free 8", atomic_is_lock_free(&a.b), 1);
	check("lock free 32", atomic_is_lock_free(&a.w), 1);

	/* A counter driven by many increments and compare-exchange updates. */
	static _Atomic int32_t counter;
	atomic_init(&counter, 0);
	for (int i = 0; i < 1000; i++) {
		atomic_fetch_add_explicit(&counter, 3, memory_order_relaxed);
		int32_t e = atomic_load(&counter);
		while (!atomic_compare_exchange_weak(&counter, &e, e - 1))
			;
	}
	check("counter", (uint32_t)atomic_load(&counter), 2000);

	atomic_flag f = ATOMIC_FLAG_INIT;
	check("flag first", atomic_flag_test_and_set(&f), 0);
	check("flag second", atomic_flag_test_and_set(&f), 1);
	atomic_flag_clear(&f);
	check("flag cleared", atomic_flag_test_and_set(&f), 0);
	atomic_thread_fence(memory_order_seq_cst);
	atomic_signal_fence(memory_order_seq_cst);
	group("c11");
}

static void test_builtins(void)
{
	static uint32_t w;
	static uint16_t h;
	static uint8_t b;
	static int32_t s;

	w = hide(100);
	check("add_fetch", __atomic_add_fetch(&w, 5, __ATOMIC_SEQ_CST), 105);
	check("sub_fetch", __atomic_sub_fetch(&w, 10, __ATOMIC_RELAXED), 95);
	check("nand_fetch", __atomic_nand_fetch(&w, 0xf0, __ATOMIC_SEQ_CST), ~(95u & 0xf0));
	check("fetch_nand", __atomic_fetch_nand(&w, 0, __ATOMIC_SEQ_CST), ~(95u & 0xf0));
	check("after nand", w, 0xffffffff);
	check("or_fetch", __atomic_or_fetch(&w, 1, __ATOMIC_ACQUIRE), 0xffffffff);
	check("and_fetch", __atomic_and_fetch(&w, 0x0ff0, __ATOMIC_RELEASE), 0x0ff0);
	check("xor_fetch", __atomic_xor_fetch(&w, 0xffff, __ATOMIC_ACQ_REL), 0xf00f);
	check("exchange_n", __atomic_exchange_n(&w, 7, __ATOMIC_SEQ_CST), 0xf00f);
	uint32_t e = 6;
	check("cas_n fail", __atomic_compare_exchange_n(&w, &e, 9, 0, __ATOMIC_SEQ_CST,
							__ATOMIC_RELAXED), 0);
	check("cas_n fail exp", e, 7);
	check("cas_n ok", __atomic_compare_exchange_n(&w, &e, 9, 1, __ATOMIC_SEQ_CST,
						      __ATOMIC_SEQ_CST) ||
	      __atomic_compare_exchange_n(&w, &e, 9, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST), 1);
	check("cas_n ok new", __atomic_load_n(&w, __ATOMIC_ACQUIRE), 9);
	h = (uint16_t)hide(0xfffe);
	check("u16 add_fetch", __atomic_add_fetch(&h, 3, __ATOMIC_SEQ_CST), 1);
	check("u16 fetch_or", __atomic_fetch_or(&h, 0x8000, __ATOMIC_SEQ_CST), 1);
	check("u16 value", h, 0x8001);
	b = (uint8_t)hide(0x80);
	check("u8 sub_fetch", __atomic_sub_fetch(&b, 0x81, __ATOMIC_SEQ_CST), 0xff);
	/* test_and_set is only defined on bytes holding 0 or the "set" value. */
	__atomic_clear(&b, __ATOMIC_SEQ_CST);
	check("u8 cleared", b, 0);
	check("u8 test_and_set", __atomic_test_and_set(&b, __ATOMIC_SEQ_CST), 0);
	check("u8 test_and_set again", __atomic_test_and_set(&b, __ATOMIC_SEQ_CST), 1);
	check("u8 set value", b != 0, 1);
	s = (int32_t)hide((uint32_t)-5);
	check("s32 fetch_add", (uint32_t)__atomic_fetch_add(&s, 10, __ATOMIC_SEQ_CST), (uint32_t)-5);
	check("s32 max", (uint32_t)s, 5);
	__atomic_store_n(&s, -1, __ATOMIC_RELEASE);
	check("s32 store_n", (uint32_t)s, 0xffffffff);
	group("builtins");
}

/* The exclusive monitor, driven directly. */
static void test_monitor(void)
{
	static uint32_t word = 0x1234;
	static uint8_t byte = 0x56;
	static uint16_t half = 0x789a;
	uint32_t v, fail;

	__asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %3, [%2]"
			 : "=&r"(v), "=&r"(fail) : "r"(&word), "r"(0xabcd) : "memory");
	check("ldrex value", v, 0x1234);
	check("strex ok", fail, 0);
	check("strex stored", word, 0xabcd);

	__asm__ volatile("ldrex %0, [%2]\n\tclrex\n\tstrex %1, %3, [%2]"
			 : "=&r"(v), "=&r"(fail) : "r"(&word), "r"(0x1111) : "memory");
	check("strex after clrex", fail, 1);
	check("memory kept", word, 0xabcd);

	__asm__ volatile("ldrex %0, [%2]\n\tstrex %1, %3, [%2]\n\tstrex %1, %3, [%2]"
			 : "=&r"(v), "=&r"(fail) : "r"(&word), "r"(0x2222) : "memory");
	check("second strex", fail, 1);
	check("first strex stored", word, 0x2222);

	__asm__ volatile("ldrexb %0, [%2]\n\tstrexb %1, %3, [%2]"
			 : "=&r"(v), "=&r"(fail) : "r"(&byte), "r"(0x1ff) : "memory");
	check("ldrexb", v, 0x56);
	check("strexb ok", fail, 0);
	check("strexb stored", byte, 0xff);

	__asm__ volatile("ldrexh %0, [%2]\n\tstrexh %1, %3, [%2]"
			 : "=&r"(v), "=&r"(fail) : "r"(&half), "r"(0x1fedc) : "memory");
	check("ldrexh", v, 0x789a);
	check("strexh ok", fail, 0);
	check("strexh stored", half, 0xfedc);
	group("monitor");
}

int main(void)
{
	test_c11();
	test_builtins();
	test_monitor();

	if (n_fails) {
		printf("c_atomic: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_atomic: all %u checks passed\n", n_checks);
	return 0;
}
