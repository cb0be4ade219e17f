/*
 * The memory-timing table of docs/memory-system.md ("The default SoC's
 * numbers") from the inside, at the core clock of the SoC it runs on
 * (tests/configs/flash_*mhz.dts: the default SoC at a fixed 25 to
 * 400 MHz), and uncached multi-word accesses to DRAM: an LDM, STM, LDRD or
 * STRD pays one first-access wait, then beat(next) - 1 per further word,
 * like the same code on any memory with those timings (the DRAM
 * controller's bursts do not add to it: a sequential access continues the
 * burst in progress, docs/devices/dramc.md).
 *
 * Each figure is the difference of one instruction timed with the DWT
 * cycle counter on the memory in question and on the zero-wait SRAM (or,
 * for a D-cache line fill, a miss against a hit), so the base costs
 * cancel. Expected values, the command-line arguments, from the doc's
 * formulas (P the core clock period, beat(t) = ceil(t / P),
 * wait(t) = beat(t) - 1):
 *   WF  flash (33 ns) wait(first)              single load
 *   FF  flash line fill: WF + 7 * beat(33 ns)   D-cache miss - hit
 *   WP  peripheral (20 ns) wait(first)         single load of a register
 *   WD  DRAM (60 ns) wait(first)               single load
 *   BD  DRAM beat(5 ns) - 1                    each further word: LDM/STM of
 *                                              8 words cost WD + 7 BD, LDRD/
 *                                              STRD WD + BD, also when the
 *                                              words straddle two bursts
 *   FD  DRAM line fill: WD + 7 * beat(5 ns)    D-cache miss - hit
 * The DRAM controller's power-down timer is switched off first, so no
 * access pays tXP. Exits 0 after "memory table: all checks passed".
 */
#include "../cache/cache.h"

#define DRAMC_CTRL REG32(0x40023004u)
#define PERIPH_REG ((volatile uint32_t *)0x40023000u) /* the DRAM controller's ID */
#define FLASH_WORD ((volatile uint32_t *)0x00001000u)
#define DRAM_BUF ((volatile uint32_t *)0x60100000u)

static volatile uint32_t sram_buf[32] __attribute__((aligned(32)));

/* name(p, &DWT_CYCCNT): the cycles of one instruction `op` on p (r0),
 * between two counter reads, with nothing else from memory between them. */
#define TIMED(name, op)                                                                  \
	__asm__(".syntax unified\n\t.thumb\n\t.text\n\t.balign 32\n\t.global " #name     \
		"\n\t.type " #name ", %function\n\t.thumb_func\n" #name ":\n"            \
		"\tpush {r4-r11, lr}\n"                                                  \
		"\tldr r2, [r1]\n"                                                       \
		"\t" op "\n"                                                             \
		"\tldr r3, [r1]\n"                                                       \
		"\tsubs r0, r3, r2\n"                                                    \
		"\tpop {r4-r11, pc}\n");                                                 \
	uint32_t name(volatile const void *p, volatile uint32_t *cyccnt)

TIMED(t_ldr, "ldr r4, [r0]");
TIMED(t_ldm8, "ldm r0, {r4-r11}");
TIMED(t_stm8, "stm r0, {r4-r11}");
TIMED(t_ldrd, "ldrd r4, r5, [r0]");
TIMED(t_strd, "strd r4, r5, [r0]");

typedef uint32_t (*timed_fn)(volatile const void *, volatile uint32_t *);

/* Warm: the second of two runs (the I-cache holds the code by then). */
static uint32_t run(timed_fn f, volatile const void *p)
{
	f(p, &DWT_CYCCNT);
	return f(p, &DWT_CYCCNT);
}

/* What `f` costs more on p than on the zero-wait SRAM at the same offset
 * in a line. */
static uint32_t extra(const char *what, timed_fn f, volatile const uint32_t *p, uint32_t want)
{
	uint32_t off = (uint32_t)(uintptr_t)p & (LINE - 1);
	uint32_t on_p = run(f, p);
	uint32_t on_sram = run(f, (volatile const uint8_t *)sram_buf + off);
	printf("%-34s %3lu cycles, on SRAM %3lu: %3lu more (expected %lu)\n", what,
	       (unsigned long)on_p, (unsigned long)on_sram, (unsigned long)(on_p - on_sram),
	       (unsigned long)want);
	return on_p - on_sram;
}

/* D-cache on: a load that misses (the line invalidated first) against one
 * that hits. */
static uint32_t fill(const char *what, volatile const uint32_t *p, uint32_t want)
{
	run(t_ldr, p);
	SCB_DCIMVAC = (uint32_t)(uintptr_t)p;
	dsb();
	uint32_t miss = t_ldr(p, &DWT_CYCCNT);
	uint32_t hit = t_ldr(p, &DWT_CYCCNT);
	printf("%-34s miss %3lu, hit %3lu: %3lu more (expected %lu)\n", what,
	       (unsigned long)miss, (unsigned long)hit, (unsigned long)(miss - hit),
	       (unsigned long)want);
	return miss - hit;
}

int main(int argc, char **argv)
{
	CHECK(argc >= 7);
	uint32_t wf = (uint32_t)atoi(argv[argc - 6]), ff = (uint32_t)atoi(argv[argc - 5]);
	uint32_t wp = (uint32_t)atoi(argv[argc - 4]), wd = (uint32_t)atoi(argv[argc - 3]);
	uint32_t bd = (uint32_t)atoi(argv[argc - 2]), fd = (uint32_t)atoi(argv[argc - 1]);
	DWT_LAR = 0xc5acce55u;
	DEMCR |= 1u << 24;  /* TRCENA */
	DWT_CYCCNT = 0;
	DWT_CTRL |= 1u;     /* CYCCNTENA */
	DRAMC_CTRL = 0;     /* no power-down: no access pays tXP */
	SCB_EnableICache();

	/* D-cache off: every access below is uncached. */
	CHECK(extra("flash, single load", t_ldr, FLASH_WORD, wf) == wf);
	CHECK(extra("peripheral register, single load", t_ldr, PERIPH_REG, wp) == wp);
	CHECK(extra("DRAM, single load", t_ldr, DRAM_BUF, wd) == wd);
	CHECK(extra("DRAM, LDM of 8 words", t_ldm8, DRAM_BUF, wd + 7 * bd) == wd + 7 * bd);
	CHECK(extra("DRAM, LDM of 8 words across bursts", t_ldm8, DRAM_BUF + 4, wd + 7 * bd) ==
	      wd + 7 * bd);
	CHECK(extra("DRAM, STM of 8 words", t_stm8, DRAM_BUF + 8, wd + 7 * bd) == wd + 7 * bd);
	CHECK(extra("DRAM, STM of 8 words across bursts", t_stm8, DRAM_BUF + 20, wd + 7 * bd) ==
	      wd + 7 * bd);
	CHECK(extra("DRAM, LDRD", t_ldrd, DRAM_BUF + 32, wd + bd) == wd + bd);
	CHECK(extra("DRAM, STRD", t_strd, DRAM_BUF + 40, wd + bd) == wd + bd);
	CHECK(extra("DRAM, LDRD across bursts", t_ldrd, DRAM_BUF + 7, wd + bd) == wd + bd);

	SCB_EnableDCache();
	CHECK(fill("flash, D-cache line fill", FLASH_WORD, ff) == ff);
	CHECK(fill("DRAM, D-cache line fill", DRAM_BUF + 64, fd) == fd);
	printf("memory table: all checks passed\n");
	return 0;
}
