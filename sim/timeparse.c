#include "sim/timeparse.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	simtime_t ps;
} units[] = {
	{ "ps", 1 }, { "ns", PS_PER_NS }, { "us", PS_PER_US }, { "ms", PS_PER_MS }, { "s", PS_PER_S },
};

int parse_time(const char *s, simtime_t *out, char *why, size_t whylen)
{
	const char *p = s;
	simtime_t whole = 0, frac = 0, frac_div = 1;
	bool digits = false;
	for (; isdigit((unsigned char)*p); p++, digits = true) {
		if (whole > (SIMTIME_NEVER - 9) / 10)
			goto too_big;
		whole = whole * 10 + (simtime_t)(*p - '0');
	}
	if (*p == '.') {
		for (p++; isdigit((unsigned char)*p); p++, digits = true) {
			if (frac_div >= PS_PER_S * 10) {
				snprintf(why, whylen, "too many decimals");
				return -1;
			}
			frac = frac * 10 + (simtime_t)(*p - '0');
			frac_div *= 10;
		}
	}
	if (!digits) {
		snprintf(why, whylen, "expected a number followed by a unit (ps, ns, us, ms, s)");
		return -1;
	}
	if (!*p) {
		snprintf(why, whylen, "missing unit (ps, ns, us, ms or s)");
		return -1;
	}
	for (size_t i = 0; i < sizeof units / sizeof units[0]; i++) {
		if (strcmp(p, units[i].name))
			continue;
		simtime_t u = units[i].ps;
		if (whole > SIMTIME_NEVER / u)
			goto too_big;
		simtime_t v = whole * u;
		/* frac/frac_div of a unit, exact in picoseconds or refused. Both
		 * u and frac_div are powers of ten, so divide the smaller into the
		 * larger instead of multiplying first (which could overflow). */
		simtime_t fps;
		if (frac_div <= u) {
			fps = frac * (u / frac_div);
		} else {
			if (frac % (frac_div / u)) {
				snprintf(why, whylen, "not a whole number of picoseconds");
				return -1;
			}
			fps = frac / (frac_div / u);
		}
		if (v > SIMTIME_NEVER - 1 - fps)
			goto too_big;
		v += fps;
		if (v == 0) {
			snprintf(why, whylen, "must be greater than zero");
			return -1;
		}
		*out = v;
		return 0;
	}
	snprintf(why, whylen, "unknown unit '%s' (use ps, ns, us, ms or s)", p);
	return -1;
too_big:
	snprintf(why, whylen, "too large (the limit is about 213 days)");
	return -1;
}
