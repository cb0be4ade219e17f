/*
 * The workloads' random numbers (random.h says the generator and the
 * draws).
 */
#include "random.h"

#define TAUSWORTHE(s, a, b, c, d) ((((s) & (c)) << (d)) ^ ((((s) << (a)) ^ (s)) >> (b)))

u32 wl_prandom_u32_state(struct wl_rnd_state *state)
{
	state->s1 = TAUSWORTHE(state->s1, 6U, 13U, 4294967294U, 18U);
	state->s2 = TAUSWORTHE(state->s2, 2U, 27U, 4294967288U, 2U);
	state->s3 = TAUSWORTHE(state->s3, 13U, 21U, 4294967280U, 7U);
	state->s4 = TAUSWORTHE(state->s4, 3U, 12U, 4294967168U, 13U);
	return state->s1 ^ state->s2 ^ state->s3 ^ state->s4;
}

/* Each LFSR's state must keep some of its top bits: s1 > 1, s2 > 7,
 * s3 > 15, s4 > 127 (L'Ecuyer's erratum). */
static u32 seed_at_least(u32 x, u32 m)
{
	return x < m ? x + m : x;
}

void wl_prandom_seed_state(struct wl_rnd_state *state, u64 seed)
{
	u32 i = (u32)((seed >> 32) ^ (seed << 10) ^ seed);
	state->s1 = seed_at_least(i, 2U);
	state->s2 = seed_at_least(i, 8U);
	state->s3 = seed_at_least(i, 16U);
	state->s4 = seed_at_least(i, 128U);
	for (int n = 0; n < 10; n++)
		wl_prandom_u32_state(state);
}

u32 wl_log2_q16(u64 v)
{
	unsigned int n = 63 - (unsigned int)__builtin_clzll(v);
	/* The mantissa v / 2^n in Q31: 1 <= y < 2. */
	u64 y = n <= 31 ? v << (31 - n) : v >> (n - 31);
	u32 r = n << 16;
	for (u32 bit = 1u << 15; bit; bit >>= 1) {
		y = (y * y) >> 31;
		if (y >> 32) {
			y >>= 1;
			r |= bit;
		}
	}
	return r;
}

u32 wl_neg_ln_q16(u32 x)
{
	u64 l = (32u << 16) - wl_log2_q16((u64)x + 1);
	return (u32)((l * 45426u) >> 16);
}

u64 wl_rand_uniform(struct wl_rnd_state *state, u32 mean)
{
	return ((u64)wl_prandom_u32_state(state) * (2 * (u64)mean + 1)) >> 32;
}

u64 wl_rand_exp(struct wl_rnd_state *state, u32 mean)
{
	return ((u64)mean * wl_neg_ln_q16(wl_prandom_u32_state(state)) + (1u << 15)) >> 16;
}
