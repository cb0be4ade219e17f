/*
 * Hard-float C and libm, compared with QEMU (tests/fp.cmake): arithmetic
 * the compiler turns into FP instructions (VFMA from fmaf, VSQRT, VDIV,
 * conversions, VCMP + VMRS for comparisons, VSEL/VMAXNM/VRINT where the
 * unit has them), libm functions (sinf, expf, logf, powf, sqrt, pow,
 * atan2, fmaf, nextafterf), fenv (fesetround, lrintf/rintf/nearbyintf in
 * each rounding mode, feclearexcept/fetestexcept) and printf of floats.
 * Everything it prints is bit patterns or decimal strings, so pmsim and
 * QEMU must print the same bytes.
 */
#include <fenv.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t bits(float f)
{
	uint32_t u;
	memcpy(&u, &f, sizeof u);
	return u;
}

static uint64_t dbits(double d)
{
	uint64_t u;
	memcpy(&u, &d, sizeof u);
	return u;
}

/* Values the compiler cannot fold. */
static volatile float vf[] = { 0.1f, -2.5f, 3.0f, 1e-30f, 7.25f, -0.0f, 1e30f, 2.5f };
static volatile double vd[] = { 0.1, -2.5, 3.0, 1e-300, 7.25, 1e300 };

static void arith(void)
{
	float a = vf[0], b = vf[1], c = vf[2];
	printf("add %08lx sub %08lx mul %08lx div %08lx\n", (unsigned long)bits(a + b),
	       (unsigned long)bits(a - b), (unsigned long)bits(a * b),
	       (unsigned long)bits(a / c));
	printf("sqrtf %08lx fmaf %08lx fabsf %08lx neg %08lx\n", (unsigned long)bits(sqrtf(c)),
	       (unsigned long)bits(fmaf(a, b, c)), (unsigned long)bits(fabsf(b)),
	       (unsigned long)bits(-a));
	printf("tiny %08lx huge %08lx\n", (unsigned long)bits(vf[3] * vf[3]),
	       (unsigned long)bits(vf[6] * vf[6]));
	int lt = a < b, eq = vf[5] == 0.0f, un = isnan(vf[6] * 0.0f * vf[6] * vf[6]);
	printf("cmp %d %d %d\n", lt, eq, un);
	printf("f2i %d %u i2f %08lx u2f %08lx\n", (int)b, (unsigned)c,
	       (unsigned long)bits((float)(int)vf[4]), (unsigned long)bits((float)0xffffffffu));
	printf("fmaxf %08lx fminf %08lx\n", (unsigned long)bits(fmaxf(a, b)),
	       (unsigned long)bits(fminf(vf[5], 0.0f)));

	double x = vd[0], y = vd[1], z = vd[2];
	printf("dadd %016llx ddiv %016llx dsqrt %016llx\n", (unsigned long long)dbits(x + y),
	       (unsigned long long)dbits(x / z), (unsigned long long)dbits(sqrt(z)));
	printf("d2f %08lx f2d %016llx dfma %016llx\n", (unsigned long)bits((float)x),
	       (unsigned long long)dbits((double)a), (unsigned long long)dbits(fma(x, y, z)));
	printf("dtiny %016llx d2i %d\n", (unsigned long long)dbits(vd[3] * vd[3]), (int)y);
}

static void libm(void)
{
	for (int i = 0; i < 8; i++) {
		float v = vf[i];
		printf("f(%g): sin %08lx exp %08lx log %08lx pow %08lx\n", (double)v,
		       (unsigned long)bits(sinf(v)), (unsigned long)bits(expf(v)),
		       (unsigned long)bits(logf(fabsf(v))), (unsigned long)bits(powf(fabsf(v), 1.5f)));
	}
	for (int i = 0; i < 6; i++) {
		double v = vd[i];
		printf("d(%g): sin %016llx exp %016llx pow %016llx atan2 %016llx\n", v,
		       (unsigned long long)dbits(sin(v)), (unsigned long long)dbits(exp(v)),
		       (unsigned long long)dbits(pow(fabs(v), 0.75)),
		       (unsigned long long)dbits(atan2(v, 3.0)));
	}
	printf("nextafterf %08lx\n", (unsigned long)bits(nextafterf(vf[2], 4.0f)));
}

static void rounding(void)
{
	static const int modes[] = { FE_TONEAREST, FE_UPWARD, FE_DOWNWARD, FE_TOWARDZERO };
	static const char *const names[] = { "nearest", "upward", "downward", "towardzero" };
	for (int m = 0; m < 4; m++) {
		fesetround(modes[m]);
		float third = vf[0] / vf[2];
		printf("%-10s lrintf %ld %ld rintf %08lx nearbyintf %08lx 0.1/3 %08lx 1/3 %016llx\n",
		       names[m], lrintf(vf[1]), lrintf(vf[7]), (unsigned long)bits(rintf(vf[4])),
		       (unsigned long)bits(nearbyintf(vf[1])), (unsigned long)bits(third),
		       (unsigned long long)dbits(1.0 / vd[2]));
	}
	fesetround(FE_TONEAREST);
	feclearexcept(FE_ALL_EXCEPT);
	volatile float r = vf[6] * vf[6];
	(void)r;
	printf("overflow %d inexact %d", fetestexcept(FE_OVERFLOW) != 0,
	       fetestexcept(FE_INEXACT) != 0);
	feclearexcept(FE_ALL_EXCEPT);
	r = vf[2] / 0.0f;
	printf(" divbyzero %d", fetestexcept(FE_DIVBYZERO) != 0);
	feclearexcept(FE_ALL_EXCEPT);
	r = sqrtf(vf[1]);
	printf(" invalid %d\n", fetestexcept(FE_INVALID) != 0);
}

static void print_floats(void)
{
	printf("%f %e %g %a\n", (double)vf[0], (double)vf[1], (double)vf[3], (double)vf[4]);
	printf("%.17g %.3f %10.4e %g\n", vd[0], vd[1], vd[5], (double)(vf[6] * vf[6]));
	printf("%g %g\n", (double)(vf[6] * vf[6] * 0.0f), -(double)vf[5]);
}

int main(void)
{
	arith();
	libm();
	rounding();
	print_floats();
	printf("fp_libm: all printed\n");
	return 0;
}
