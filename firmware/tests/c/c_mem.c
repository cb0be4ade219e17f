/*
 * Memory access and alignment: memcpy/memmove/memset/memcmp of odd sizes at
 * odd offsets (picolibc's word-at-a-time paths with byte heads and tails),
 * packed structures whose fields sit at unaligned addresses (plain LDR/STR
 * and LDRH/STRH at unaligned addresses, which ARMv7-M performs when
 * CCR.UNALIGN_TRP is clear), mixed byte/halfword/word views of the same
 * memory (little-endian layout), sign-extending loads, LDRD/STRD on
 * word-aligned 64-bit data, LDM/STM through structure copies, and the heap.
 *
 * The references are byte loops through volatile pointers, which the
 * compiler cannot turn back into library calls or wide accesses.
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"

#define BUF 320
static uint8_t src[BUF] __attribute__((aligned(8)));
static uint8_t dst[BUF] __attribute__((aligned(8)));
static uint8_t ref[BUF] __attribute__((aligned(8)));

static uint8_t pattern(unsigned i)
{
	return (uint8_t)((i * 37 + 11) ^ (i >> 3));
}

static void ref_fill(uint8_t *p, int v, size_t n)
{
	volatile uint8_t *vp = p;
	while (n--)
		*vp++ = (uint8_t)v;
}

static void ref_copy(uint8_t *d, const uint8_t *s, size_t n)
{
	volatile uint8_t *vd = d;
	const volatile uint8_t *vs = s;
	while (n--)
		*vd++ = *vs++;
}

/* Number of bytes where the two whole buffers differ. */
static uint32_t ndiff(const uint8_t *a, const uint8_t *b)
{
	const volatile uint8_t *va = a, *vb = b;
	uint32_t n = 0;
	for (unsigned i = 0; i < BUF; i++)
		n += va[i] != vb[i];
	return n;
}

static const unsigned sizes[] = { 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 15, 16, 17,
	19, 23, 24, 31, 32, 33, 35, 47, 63, 64, 65, 100, 127, 128, 129, 255, 256 };
#define NSIZES (sizeof(sizes) / sizeof(sizes[0]))

static void test_memcpy_memset(void)
{
	char what[48];

	for (unsigned i = 0; i < BUF; i++)
		src[i] = pattern(i);
	for (unsigned k = 0; k < NSIZES; k++) {
		for (unsigned so = 0; so < 4; so++) {
			for (unsigned dof = 0; dof < 8; dof += (k & 1) + 1) {
				size_t n = hide(sizes[k]);
				snprintf(what, sizeof(what), "memcpy n=%u s+%u d+%u", sizes[k], so, dof);
				ref_fill(dst, 0xee, BUF);
				ref_fill(ref, 0xee, BUF);
				memcpy(dst + dof, src + so, n);
				ref_copy(ref + dof, src + so, n);
				check(what, ndiff(dst, ref), 0);
			}
		}
		for (unsigned dof = 0; dof < 8; dof++) {
			size_t n = hide(sizes[k]);
			int v = (int)hide(0x100 + 0x5a + dof);	/* memset uses the low byte */
			snprintf(what, sizeof(what), "memset n=%u d+%u", sizes[k], dof);
			ref_copy(dst, src, BUF);
			ref_copy(ref, src, BUF);
			memset(dst + dof, v, n);
			ref_fill(ref + dof, v, n);
			check(what, ndiff(dst, ref), 0);
		}
	}
	group("memcpy/set");
}

static void test_memmove(void)
{
	static const int shifts[] = { -9, -5, -4, -3, -1, 1, 2, 3, 4, 7, 8, 13 };
	uint8_t tmp[BUF];
	char what[48];

	for (unsigned k = 0; k < NSIZES; k++) {
		for (unsigned s = 0; s < sizeof(shifts) / sizeof(shifts[0]); s++) {
			size_t n = hide(sizes[k]);
			unsigned from = 20 + (k & 3), to = (unsigned)((int)from + shifts[s]);
			if (to + n > BUF || from + n > BUF)
				continue;
			snprintf(what, sizeof(what), "memmove n=%u %u->%u", sizes[k], from, to);
			for (unsigned i = 0; i < BUF; i++)
				dst[i] = pattern(i + 7);
			ref_copy(ref, dst, BUF);
			memmove(dst + to, dst + from, n);
			ref_copy(tmp, ref + from, n);
			ref_copy(ref + to, tmp, n);
			check(what, ndiff(dst, ref), 0);
		}
	}
	group("memmove");
}

/* Index of the first c in s, by a byte loop. */
static uint32_t ref_index(const char *s, char c)
{
	const volatile char *vs = s;
	uint32_t i = 0;
	while (vs[i] != c)
		i++;
	return i;
}

static int sign(int x)
{
	return (x > 0) - (x < 0);
}

static void test_compare_strings(void)
{
	char a[72], b[72];

	for (unsigned off = 0; off < 4; off++) {
		for (unsigned len = 0; len < 40; len += 3) {
			char *s = a + off;
			memset(a, 'x', sizeof(a));
			for (unsigned i = 0; i < len; i++)
				s[i] = (char)('a' + (i * 7 + off) % 26);
			s[len] = 0;
			check("strlen", (uint32_t)strlen(s), len);
			char *d = b + ((off + 1) & 3);
			strcpy(d, s);
			check("strcmp eq", (uint32_t)strcmp(d, s), 0);
			check("memcmp eq", (uint32_t)memcmp(d, s, len + 1), 0);
			if (len) {
				unsigned at = len / 2;
				d[at] = (char)(d[at] + 1);
				check("strcmp gt", (uint32_t)sign(strcmp(d, s)), 1);
				check("memcmp lt", (uint32_t)sign(memcmp(s, d, len)), (uint32_t)-1);
				check("memcmp prefix", (uint32_t)memcmp(s, d, at), 0);
				check("strchr", (uint32_t)(strchr(d, d[at]) - d) <= at, 1);
				check("memchr", (uint32_t)((char *)memchr(s, s[len - 1], len) - s),
				      ref_index(s, s[len - 1]));
			}
		}
	}
	/* Bytes above 0x7f compare as unsigned char. */
	check("memcmp high", (uint32_t)sign(memcmp("\x80", "\x7f", 1)), 1);
	check("strncmp", (uint32_t)strncmp("abcdef", "abcxyz", 3), 0);
	group("strings");
}

/* Little-endian bytes of v. */
static uint32_t le32(const uint8_t *p)
{
	const volatile uint8_t *vp = p;
	return vp[0] | vp[1] << 8 | vp[2] << 16 | (uint32_t)vp[3] << 24;
}

struct __attribute__((packed)) rec {
	uint8_t tag;
	uint32_t word;		/* offset 1 */
	uint16_t half;		/* offset 5 */
	uint64_t dword;		/* offset 7 */
	int16_t shalf;		/* offset 15 */
	int32_t sword;		/* offset 17 */
};

static void test_packed(void)
{
	static struct rec recs[5];
	check("sizeof rec", sizeof(struct rec), 21);
	check("offset word", (uint32_t)offsetof(struct rec, word), 1);
	check("offset dword", (uint32_t)offsetof(struct rec, dword), 7);

	for (unsigned i = 0; i < 5; i++) {
		struct rec *r = &recs[hide(i)];
		uint32_t w = hide(0x11223344u * (i + 1));
		r->tag = (uint8_t)i;
		r->word = w;
		r->half = (uint16_t)(w >> 8);
		r->dword = (uint64_t)w << 32 | ~w;
		r->shalf = (int16_t)-(int)(i + 1000);
		r->sword = -(int32_t)(w >> 1);
	}
	for (unsigned i = 0; i < 5; i++) {
		const uint8_t *b = (const uint8_t *)&recs[i];
		uint32_t w = 0x11223344u * (i + 1);
		/* Unaligned reads through the fields... */
		check("tag", recs[hide(i)].tag, i);
		check("word", recs[hide(i)].word, w);
		check("half", recs[hide(i)].half, (w >> 8) & 0xffff);
		check("dword lo", (uint32_t)recs[hide(i)].dword, ~w);
		check("dword hi", (uint32_t)(recs[hide(i)].dword >> 32), w);
		check("shalf", (uint32_t)(int32_t)recs[hide(i)].shalf, (uint32_t)-(int32_t)(i + 1000));
		check("sword", (uint32_t)recs[hide(i)].sword, (uint32_t)-(int32_t)(w >> 1));
		/* ... and the bytes they landed in. */
		check("word bytes", le32(b + 1), w);
		check("half bytes", le32(b + 5) & 0xffff, (w >> 8) & 0xffff);
		check("dword bytes", le32(b + 7), ~w);
		check("dword bytes hi", le32(b + 11), w);
		check("shalf bytes", le32(b + 15) & 0xffff, (uint16_t)-(int)(i + 1000));
		check("sword bytes", le32(b + 17), (uint32_t)-(int32_t)(w >> 1));
	}
	group("packed");
}

typedef uint32_t u32_una __attribute__((aligned(1)));
typedef uint16_t u16_una __attribute__((aligned(1)));
typedef int16_t s16_una __attribute__((aligned(1)));

static void test_unaligned_and_mixed(void)
{
	for (unsigned i = 0; i < BUF; i++)
		src[i] = pattern(i);
	/* Unaligned word and halfword loads at every offset. */
	for (unsigned off = 0; off < 8; off++) {
		const uint8_t *p = src + hide(off) + 64;
		check("ldr una", *(const u32_una *)p, le32(p));
		check("ldrh una", *(const u16_una *)p, le32(p) & 0xffff);
		check("ldrsh una", (uint32_t)(int32_t)*(const s16_una *)p,
		      ((le32(p) & 0xffff) ^ 0x8000) - 0x8000);
		check("ldrsb", (uint32_t)(int32_t)*(const int8_t *)p, ((p[0]) ^ 0x80u) - 0x80);
	}
	/* Unaligned stores, checked bytewise. */
	for (unsigned off = 0; off < 8; off++) {
		uint8_t *p = dst + hide(off) + 64;
		ref_fill(dst, 0, BUF);
		*(u32_una *)p = 0xa1b2c3d4u + off;
		*(u16_una *)(p + 4) = (uint16_t)(0xe5f6 + off);
		check("str una", le32(p), 0xa1b2c3d4u + off);
		check("strh una", le32(p + 4), 0xe5f6 + off);
		check("str guard", dst[63 + hide(off)], 0);
	}
	/* One word seen as bytes and halfwords. */
	union {
		uint32_t w[2];
		uint16_t h[4];
		uint8_t b[8];
		uint64_t d;
	} u;
	u.w[0] = hide(0x44332211);
	u.w[1] = hide(0x88776655);
	check("b0", u.b[hide(0)], 0x11);
	check("b3", u.b[hide(3)], 0x44);
	check("b5", u.b[hide(5)], 0x66);
	check("h1", u.h[hide(1)], 0x4433);
	check("h2", u.h[hide(2)], 0x6655);
	check("d", (uint32_t)(u.d >> 24), 0x77665544);
	u.b[hide(2)] = 0xaa;
	u.h[hide(3)] = 0xbbcc;
	check("w0 after strb", u.w[0], 0x44aa2211);
	check("w1 after strh", u.w[1], 0xbbcc6655);
	/* 64-bit values at word (not doubleword) alignment: LDRD/STRD. */
	typedef uint64_t u64_w __attribute__((aligned(4), may_alias));
	uint32_t words[5] = { 1, 2, 3, 4, 5 };
	unsigned k = ((uintptr_t)&words[1] & 7) ? 1 : 2;
	u64_w *d = (u64_w *)&words[hide(k)];
	check("ldrd", (uint32_t)(*d >> 16), (k + 1) >> 16 | (k + 2) << 16);
	*d += 0x100000001ull;
	check("strd lo", words[hide(k)], k + 2);
	check("strd hi", words[hide(k) + 1], k + 3);
	/* A structure copy (LDM/STM or memcpy). */
	struct big {
		uint32_t v[13];
	} a, b;
	for (unsigned i = 0; i < 13; i++)
		a.v[i] = hide(i * 0x01010101u);
	b = a;
	uint32_t sum = 0;
	for (unsigned i = 0; i < 13; i++)
		sum += b.v[i] ^ i;
	check("struct copy", sum, 0x4e4e4e00);
	group("unaligned");
}

static void test_heap(void)
{
	uint8_t *blocks[16];
	uint32_t sum = 0, want = 0;

	for (unsigned i = 0; i < 16; i++) {
		size_t n = hide(i * 37 + 1);
		blocks[i] = malloc(n);
		check("malloc", blocks[i] != NULL, 1);
		check("malloc align", (uintptr_t)blocks[i] & 7, 0);
		memset(blocks[i], (int)i, n);
	}
	for (unsigned i = 0; i < 16; i += 2) {
		free(blocks[i]);
		blocks[i] = NULL;
	}
	for (unsigned i = 1; i < 16; i += 2) {
		size_t n = i * 37 + 1;
		blocks[i] = realloc(blocks[i], n * 3);
		check("realloc", blocks[i] != NULL, 1);
		for (size_t k = 0; k < n; k++)
			sum += blocks[i][k];
		want += (uint32_t)(i * n);
		free(blocks[i]);
	}
	check("realloc keeps", sum, want);
	uint32_t *z = calloc(hide(100), 4);
	uint32_t any = 0;
	for (unsigned i = 0; i < 100; i++)
		any |= z[i];
	check("calloc zero", any, 0);
	free(z);
	group("heap");
}

int main(void)
{
	test_memcpy_memset();
	test_memmove();
	test_compare_strings();
	test_packed();
	test_unaligned_and_mixed();
	test_heap();

	if (n_fails) {
		printf("c_mem: %u of %u checks FAILED\n", n_fails, n_checks);
		return 1;
	}
	printf("c_mem: all %u checks passed\n", n_checks);
	return 0;
}
