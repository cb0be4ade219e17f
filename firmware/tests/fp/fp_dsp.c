/*
 * CMSIS-DSP-style float kernels, hard-float, compared with QEMU
 * (tests/fp.cmake): what signal-processing firmware spends its FP time
 * on — a FIR filter with a state buffer (arm_fir_f32's shape), a biquad
 * cascade in direct form I (arm_biquad_cascade_df1_f32), a dot product,
 * a 4x4 matrix multiply, a radix-2 complex FFT with its bit reversal,
 * complex magnitudes, mean, variance and RMS, and a Q15 conversion with
 * saturation. Each result is printed as its bit pattern and in decimal,
 * so pmsim and QEMU must print the same bytes; the compiler's scheduling
 * at -O0/-O2/-Os changes which instructions do it, not the results.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define N 64

static uint32_t bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

static void show(const char *what, const float *v, unsigned n)
{
	uint32_t h = 2166136261u; /* FNV-1a over the bit patterns */
	for (unsigned i = 0; i < n; i++) {
		uint32_t b = bits(v[i]);
		for (int k = 0; k < 4; k++)
			h = (h ^ ((b >> (8 * k)) & 0xff)) * 16777619u;
	}
	printf("%-10s n=%-3u first %08lx (%.9g) last %08lx (%.9g) hash %08lx\n", what, n,
	       (unsigned long)bits(v[0]), (double)v[0], (unsigned long)bits(v[n - 1]),
	       (double)v[n - 1], (unsigned long)h);
}

/* A test signal: two tones and a deterministic pseudo-random noise. */
static void signal(float *x, unsigned n)
{
	uint32_t s = 12345;
	for (unsigned i = 0; i < n; i++) {
		s = s * 1103515245u + 12345u;
		float noise = (float)((int32_t)(s >> 8) & 0xffff) / 65536.0f - 0.5f;
		x[i] = 0.7f * sinf(0.2f * (float)i) + 0.2f * cosf(1.3f * (float)i) + 0.05f * noise;
	}
}

/* arm_fir_f32's shape: the state holds the last taps - 1 inputs. */
#define TAPS 11
static void fir(const float *coef, float *state, const float *in, float *out, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		memmove(state + 1, state, (TAPS - 1) * sizeof *state);
		state[0] = in[i];
		float acc = 0.0f;
		for (unsigned k = 0; k < TAPS; k++)
			acc += coef[k] * state[k];
		out[i] = acc;
	}
}

/* arm_biquad_cascade_df1_f32: y = b0 x + b1 x1 + b2 x2 + a1 y1 + a2 y2
 * (CMSIS's sign convention for a1, a2), state x1, x2, y1, y2 per stage. */
static void biquad(const float (*c)[5], float (*st)[4], unsigned stages, const float *in,
		   float *out, unsigned n)
{
	for (unsigned i = 0; i < n; i++) {
		float x = in[i];
		for (unsigned s = 0; s < stages; s++) {
			float y = c[s][0] * x + c[s][1] * st[s][0] + c[s][2] * st[s][1] +
				  c[s][3] * st[s][2] + c[s][4] * st[s][3];
			st[s][1] = st[s][0];
			st[s][0] = x;
			st[s][3] = st[s][2];
			st[s][2] = y;
			x = y;
		}
		out[i] = x;
	}
}

static void mat4(const float *a, const float *b, float *c)
{
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 4; j++) {
			float s = 0.0f;
			for (int k = 0; k < 4; k++)
				s += a[4 * i + k] * b[4 * k + j];
			c[4 * i + j] = s;
		}
}

/* In-place radix-2 decimation-in-time FFT of n complex values (re, im
 * interleaved), twiddles from sinf/cosf. */
static void fft(float *z, unsigned n)
{
	for (unsigned i = 1, j = 0; i < n; i++) {
		unsigned bit = n >> 1;
		for (; j & bit; bit >>= 1)
			j ^= bit;
		j ^= bit;
		if (i < j) {
			float t = z[2 * i];
			z[2 * i] = z[2 * j];
			z[2 * j] = t;
			t = z[2 * i + 1];
			z[2 * i + 1] = z[2 * j + 1];
			z[2 * j + 1] = t;
		}
	}
	for (unsigned len = 2; len <= n; len <<= 1) {
		float ang = -6.28318530718f / (float)len;
		for (unsigned i = 0; i < n; i += len)
			for (unsigned k = 0; k < len / 2; k++) {
				float wr = cosf(ang * (float)k), wi = sinf(ang * (float)k);
				float *u = &z[2 * (i + k)], *v = &z[2 * (i + k + len / 2)];
				float tr = v[0] * wr - v[1] * wi, ti = v[0] * wi + v[1] * wr;
				v[0] = u[0] - tr;
				v[1] = u[1] - ti;
				u[0] += tr;
				u[1] += ti;
			}
	}
}

/* arm_float_to_q15: round to nearest, saturate. */
static int16_t q15(float f)
{
	float s = f * 32768.0f;
	s += s > 0.0f ? 0.5f : -0.5f;
	if (s >= 32767.0f)
		return 32767;
	if (s <= -32768.0f)
		return -32768;
	return (int16_t)s;
}

int main(void)
{
	static float x[N], y[N], z[2 * N], mag[N];
	signal(x, N);
	show("signal", x, N);

	static const float coef[TAPS] = { -0.0102f, -0.0227f, 0.0310f, 0.1463f, 0.2620f, 0.3100f,
					  0.2620f, 0.1463f, 0.0310f, -0.0227f, -0.0102f };
	float state[TAPS] = { 0 };
	fir(coef, state, x, y, N);
	show("fir", y, N);

	static const float bq[2][5] = { { 0.0675f, 0.1349f, 0.0675f, 1.1430f, -0.4128f },
					{ 0.2929f, 0.5858f, 0.2929f, 0.0f, -0.1716f } };
	float bst[2][4] = { { 0 } };
	biquad(bq, bst, 2, x, y, N);
	show("biquad", y, N);

	float dot = 0.0f;
	for (unsigned i = 0; i < N; i++)
		dot += x[i] * y[i];
	show("dot", &dot, 1);

	float a[16], b[16], c[16];
	for (int i = 0; i < 16; i++) {
		a[i] = x[i] * 3.0f;
		b[i] = y[i + 16] - 0.25f;
	}
	mat4(a, b, c);
	show("mat4", c, 16);

	for (unsigned i = 0; i < N; i++) {
		z[2 * i] = x[i];
		z[2 * i + 1] = 0.0f;
	}
	fft(z, N);
	show("fft", z, 2 * N);
	for (unsigned i = 0; i < N; i++)
		mag[i] = sqrtf(z[2 * i] * z[2 * i] + z[2 * i + 1] * z[2 * i + 1]);
	show("cmplx_mag", mag, N);

	float mean = 0.0f, sq = 0.0f;
	for (unsigned i = 0; i < N; i++) {
		mean += x[i];
		sq += x[i] * x[i];
	}
	mean /= (float)N;
	float var = (sq - (float)N * mean * mean) / (float)(N - 1), rms = sqrtf(sq / (float)N);
	float stats[3] = { mean, var, rms };
	show("stats", stats, 3);

	int16_t q[N];
	uint32_t qh = 0;
	for (unsigned i = 0; i < N; i++) {
		q[i] = q15(y[i] * 4.0f);
		qh = qh * 31u + (uint16_t)q[i];
	}
	printf("q15        first %d last %d hash %08lx\n", q[0], q[N - 1], (unsigned long)qh);
	printf("fp_dsp: all printed\n");
	return 0;
}
