/*
 * Flash wait states from the inside (docs/memory-system.md, "Memory
 * timing"): the same code and data accesses on SoCs whose core clock gives
 * the default 33 ns flash 0, 1 or 3 wait states (tests/configs/flash_*.dts);
 * the expected wait(first) W comes as the last command-line argument, and
 * beat(next) = W + 1 (33 ns for each further beat too). Timed with the DWT
 * cycle counter. Each check compares two runs of the same code that differ
 * only in what the model says costs W, so the timing model's base costs
 * cancel:
 *   - fetch, I-cache off: a branch to a line that is not the next one
 *     waits W; each of `hops8`'s 4 extra hops over `hops4` costs W more
 *     than with the I-cache on (warm: nothing);
 *   - fetch, I-cache off, straight-line code: the 16-byte prefetch buffer
 *     fetches the next line while the core executes 8 NOPs, so 16 more
 *     lines cost exactly what they cost with the I-cache on;
 *   - literal loads with the D-cache off each wait W (on and warm: hits,
 *     nothing);
 *   - constant loads from a table: uncached W each, a D-cache miss
 *     W + 7 (W + 1) (a 32-byte line fill), a hit nothing.
 * Exits 0 after "memory timing: all checks passed".
 */
#include "../cache/cache.h"

#define NLINES 8u
#define NLITS 16u

/* Hand-written so the compiler cannot change the shapes being timed. */
__asm__(".syntax unified\n\t.thumb\n\t.text\n"
	".macro HOPS name, n\n"
	"\t.balign 32\n\t.global \\name\n\t.type \\name, %function\n\t.thumb_func\n"
	"\\name:\n"
	"\t.rept \\n\n\tb 1f\n\t.balign 32\n1:\n\t.endr\n\tbx lr\n"
	".endm\n"
	".macro STRAIGHT name, lines\n"
	"\t.balign 32\n\t.global \\name\n\t.type \\name, %function\n\t.thumb_func\n"
	"\\name:\n"
	"\t.rept 8 * \\lines\n\tnop\n\t.endr\n\tbx lr\n"
	".endm\n"
	"HOPS hops4, 4\n"
	"HOPS hops8, 8\n"
	"STRAIGHT straight16, 16\n"
	"STRAIGHT straight32, 32\n"
	"\t.balign 32\n\t.global lits\n\t.type lits, %function\n\t.thumb_func\n"
	"lits:\n"
	"\t.rept 16\n\tldr.w r1, 2f\n\t.endr\n\tbx lr\n"
	"\t.balign 4\n2:\t.word 0x12345678\n");

void hops4(void);
void hops8(void);
void straight16(void);
void straight32(void);
void lits(void);

static const uint32_t table[NLINES * 8] __attribute__((aligned(32))) = {
	1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,
	23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42,
	43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62,
	63, 64,
};

static uint32_t __attribute__((noinline, aligned(32))) timed(void (*f)(void))
{
	uint32_t t0 = DWT_CYCCNT;
	f();
	return DWT_CYCCNT - t0;
}

/* walk(table, &DWT_CYCCNT): the cycles of eight loads, one word per line
 * of the table, with nothing else from memory between the two counter
 * reads (a compiled loop reloads addresses from a literal pool in flash). */
__asm__("\t.text\n\t.balign 32\n\t.global walk\n\t.type walk, %function\n\t.thumb_func\n"
	"walk:\n"
	"\tldr r2, [r1]\n"
	"\t.irp off, 0, 32, 64, 96, 128, 160, 192, 224\n\tldr r3, [r0, #\\off]\n\t.endr\n"
	"\tldr r3, [r1]\n"
	"\tsubs r0, r3, r2\n"
	"\tbx lr\n");
uint32_t walk_asm(const volatile uint32_t *t, volatile uint32_t *cyccnt) __asm__("walk");

static uint32_t walk(const volatile uint32_t *t)
{
	return walk_asm(t, &DWT_CYCCNT);
}

int main(int argc, char **argv)
{
	CHECK(argc >= 2);
	uint32_t w = (uint32_t)atoi(argv[argc - 1]);
	uint32_t fill = w + (LINE / 4 - 1) * (w + 1);
	DWT_LAR = 0xc5acce55u;
	DEMCR |= 1u << 24;  /* TRCENA */
	DWT_CYCCNT = 0;
	DWT_CTRL |= 1u;     /* CYCCNTENA */

	/* Instruction fetch, both caches off. */
	timed(hops4);
	uint32_t h4 = timed(hops4), h8 = timed(hops8);
	uint32_t s16 = timed(straight16), s32 = timed(straight32);
	SCB_EnableICache();
	timed(hops4);
	timed(hops8);
	timed(straight16);
	timed(straight32);
	uint32_t h4c = timed(hops4), h8c = timed(hops8);
	uint32_t s16c = timed(straight16), s32c = timed(straight32);
	printf("W=%lu hops 4/8: %lu/%lu uncached, %lu/%lu I-cache; straight 16/32 lines: "
	       "%lu/%lu uncached, %lu/%lu I-cache\n", (unsigned long)w, (unsigned long)h4,
	       (unsigned long)h8, (unsigned long)h4c, (unsigned long)h8c, (unsigned long)s16,
	       (unsigned long)s32, (unsigned long)s16c, (unsigned long)s32c);
	CHECK((h8 - h4) - (h8c - h4c) == 4 * w);
	CHECK(s32 - s16 == s32c - s16c);

	/* Literal loads, I-cache on and warm. */
	timed(lits);
	uint32_t l_off = timed(lits);
	/* Constant loads with the D-cache off. */
	walk(table);
	uint32_t uncached = walk(table);
	SCB_EnableDCache();
	timed(lits);
	uint32_t l_on = timed(lits);
	printf("literal loads: %lu D-cache off, %lu hits\n", (unsigned long)l_off,
	       (unsigned long)l_on);
	CHECK(l_off - l_on == NLITS * w);

	SCB_InvalidateDCache_by_Addr((volatile void *)table, sizeof table);
	uint32_t miss = walk(table);
	uint32_t hit = walk(table);
	printf("table: uncached %lu, miss %lu, hit %lu cycles (line fill %lu)\n",
	       (unsigned long)uncached, (unsigned long)miss, (unsigned long)hit,
	       (unsigned long)fill);
	CHECK(uncached - hit == NLINES * w);
	CHECK(miss - hit == NLINES * fill);

	printf("memory timing: all checks passed\n");
	return 0;
}
