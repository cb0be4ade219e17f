/*
 * sleep SECONDS (busybox's): the shell thread sleeps; the rest of the
 * system runs, idles and suspends devices meanwhile. SECONDS may have a
 * fractional part down to microseconds ("0.25", "1.5e-3" is not taken).
 */
#include <linux/delay.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "sh.h"

long long sh_parse_seconds(const char *s)
{
	long long whole = 0, frac = 0, scale = 1000000;
	bool any = false;
	for (; *s >= '0' && *s <= '9'; s++, any = true)
		whole = whole * 10 + (*s - '0');
	if (*s == '.')
		for (s++; *s >= '0' && *s <= '9'; s++, any = true)
			if (scale > 1) {
				scale /= 10;
				frac += (*s - '0') * scale;
			}
	if (*s || !any || whole > 1000000)
		return -1;
	return whole * 1000000 + frac;
}

static int cmd_sleep(int argc, char **argv)
{
	if (argc != 2) {
		sh_error("sleep: usage: sleep SECONDS");
		return 1;
	}
	long long us = sh_parse_seconds(argv[1]);
	if (us < 0) {
		sh_error("sleep: invalid number '%s'", argv[1]);
		return 1;
	}
	while (us > 0) {
		unsigned long step = us > 1000000 ? 1000000 : (unsigned long)us;
		fsleep(step);
		us -= (long long)step;
	}
	return 0;
}
SHELL_CMD(sleep, cmd_sleep, "sleep SECONDS", "pause for SECONDS (fractions allowed)");
