/*
 * The self-checking harness shared by the guest C programs: check() counts
 * and reports a mismatch, every checked value is folded into a per-group
 * FNV-1a hash that group() prints (so the transcript compared with QEMU
 * covers every value), and hide() keeps a value from the optimiser so the
 * operation under test happens at run time.
 */
#ifndef GUEST_C_CHECK_H
#define GUEST_C_CHECK_H

#include <stdint.h>
#include <stdio.h>

static unsigned n_checks, n_fails, g_checks;
static uint32_t g_hash = 2166136261u;

static void mix(uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		g_hash ^= (v >> (8 * i)) & 0xff;
		g_hash *= 16777619u;
	}
}

static void check(const char *what, uint32_t got, uint32_t want)
{
	mix(got);
	n_checks++;
	g_checks++;
	if (got != want) {
		n_fails++;
		printf("FAIL %s: got 0x%08lx, want 0x%08lx\n", what,
		       (unsigned long)got, (unsigned long)want);
	}
}

static void group(const char *name)
{
	printf("%-12s %4u checks, hash %08lx\n", name, g_checks, (unsigned long)g_hash);
	g_checks = 0;
	g_hash = 2166136261u;
}

/* Hide a value from the optimiser so that the operation happens at run time. */
static inline uint32_t hide(uint32_t x)
{
	__asm__ volatile("" : "+r"(x));
	return x;
}

#endif
