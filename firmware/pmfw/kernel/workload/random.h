/*
 * The workloads' random numbers (kernel/workload/random.c): the same
 * seed gives the same sequence on every run and every host.
 *
 * The generator is Linux's prandom_u32_state (lib/random32.c): L'Ecuyer's
 * maximally equidistributed combined Tausworthe generator "lfsr113",
 * four 32-bit LFSRs XORed together (period about 2^113), seeded from a
 * 64-bit seed as Linux's prandom_seed_state (include/linux/prandom.h):
 *   i  = ((seed >> 32) ^ (seed << 10) ^ seed) mod 2^32
 *   s1 = i < 2 ? i + 2 : i,   s2 = i < 8 ? i + 8 : i,
 *   s3 = i < 16 ? i + 16 : i, s4 = i < 128 ? i + 128 : i,
 * then ten outputs discarded (prandom_warmup).
 *
 * Draws from it, in integer arithmetic only (no floating point: the
 * same figures on the guest and in a test's own model of them):
 *  - uniform on 0..2*mean: (x * (2 * mean + 1)) >> 32 for an output x;
 *  - exponential of mean `mean`: round(mean * L / 2^16), where
 *    L = wl_neg_ln_q16(x) is -ln((x + 1) / 2^32) in Q16 (0 .. 22.18),
 *    computed as (32 * 2^16 - log2_q16(x + 1)) * 45426 >> 16 (45426 is
 *    ln 2 in Q16) with log2_q16 the bit-by-bit logarithm: the integer
 *    part from the top set bit, then 16 fraction bits, each one the
 *    carry of squaring the Q31 mantissa (truncated to 31 bits).
 *
 * Portable: the host's unit test builds it too (tests/pmfw/).
 */
#ifndef _KERNEL_WORKLOAD_RANDOM_H
#define _KERNEL_WORKLOAD_RANDOM_H

#include <linux/types.h>

struct wl_rnd_state {
	u32 s1, s2, s3, s4;
};

/* Linux's prandom_u32_state and prandom_seed_state. */
u32 wl_prandom_u32_state(struct wl_rnd_state *state);
void wl_prandom_seed_state(struct wl_rnd_state *state, u64 seed);

/* log2(v) in Q16, 1 <= v <= 2^32. */
u32 wl_log2_q16(u64 v);
/* -ln((x + 1) / 2^32) in Q16. */
u32 wl_neg_ln_q16(u32 x);

/* One draw each, as above. */
u64 wl_rand_uniform(struct wl_rnd_state *state, u32 mean);
u64 wl_rand_exp(struct wl_rnd_state *state, u32 mean);

#endif
