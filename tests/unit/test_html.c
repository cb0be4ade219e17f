/*
 * The HTML report (pm/html.c): the chart columns keep every track's
 * energy, strings from the guest are escaped whatever their bytes, and
 * the page is well-formed XML with every section, byte-identical for
 * equal input.
 *
 * The timeline here is this file's own: it defines struct timeline and
 * the accessors of pm/timeline.h that the writer reads, so the writer is
 * tested on tracks whose every value is known (the program links
 * pm/html.c with these definitions, not with the recorder). The page is
 * checked by a small XML well-formedness checker written here: elements
 * nest and close, attributes are quoted and unique, the only references
 * are XML's five entities and character references, CDATA sections and
 * comments end, the text is well-formed UTF-8.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/html.h"
#include "check_run.h"

/* ------------------------------------------------------------------------ */
/* A timeline whose tracks the tests set                                    */

#define FT_MAXP 8
#define FT_MAXS 8

struct timeline {
	simtime_t start, end, stopped;
	bool truncated;
	uint64_t limit;
	size_t np, ns;
	struct tl_power p[FT_MAXP];
	struct tl_state s[FT_MAXS];
};

simtime_t timeline_start(const struct timeline *tl) { return tl->start; }
simtime_t timeline_end(const struct timeline *tl) { return tl->end; }
bool timeline_truncated(const struct timeline *tl) { return tl->truncated; }
simtime_t timeline_stopped(const struct timeline *tl) { return tl->stopped; }
uint64_t timeline_limit(const struct timeline *tl) { return tl->limit; }
size_t timeline_npower(const struct timeline *tl) { return tl->np; }
const struct tl_power *timeline_power(const struct timeline *tl, size_t i) { return &tl->p[i]; }
size_t timeline_nstates(const struct timeline *tl) { return tl->ns; }
const struct tl_state *timeline_state(const struct timeline *tl, size_t i) { return &tl->s[i]; }

const struct tl_state *timeline_find_state(const struct timeline *tl, const char *component,
					   const char *var)
{
	for (size_t i = 0; i < tl->ns; i++)
		if (!strcmp(tl->s[i].component, component) && !strcmp(tl->s[i].var, var))
			return &tl->s[i];
	return NULL;
}

/* A deterministic generator for the tracks' steps. */
static uint64_t lcg = 1;
static uint64_t rnd(void)
{
	lcg = lcg * 6364136223846793005ull + 1442695040888963407ull;
	return lcg >> 33;
}

/* A power track of n steps over [start, end): random lengths, random
 * watts (some zero), and joules its exact integral. */
static void make_track(struct tl_power *p, const char *name, enum tl_power_kind kind, size_t n,
		       simtime_t start, simtime_t end)
{
	simtime_t *t = malloc(n * sizeof *t);
	double *w = malloc(n * sizeof *w);

	ck_assert(t && w);
	t[0] = start;
	for (size_t i = 1; i < n; i++)
		t[i] = start + (end - start) / n * i + rnd() % ((end - start) / n);
	for (size_t i = 0; i < n; i++)
		w[i] = rnd() % 5 == 0 ? 0.0 : (double)(rnd() % 100000) * 1e-7;
	p->name = name;
	p->kind = kind;
	p->n = n;
	p->t = t;
	p->watts = w;
	p->joules = 0;
	for (size_t i = 0; i < n; i++)
		p->joules += w[i] * (double)((i + 1 < n ? t[i + 1] : end) - t[i]) * 1e-12;
}

static void free_track(struct tl_power *p)
{
	free((void *)p->t);
	free((void *)p->watts);
}

/* The energy the columns hold: sum of watts times length. */
static double columns_joules(const double *w, simtime_t t0, simtime_t t1, unsigned n)
{
	double j = 0;

	for (unsigned c = 0; c < n; c++)
		j += w[c] * (double)(pm_html_column_start(t0, t1, n, c + 1) -
				     pm_html_column_start(t0, t1, n, c)) * 1e-12;
	return j;
}

/* ------------------------------------------------------------------------ */
/* Columns                                                                  */

START_TEST(columns_keep_the_energy)
{
	static const unsigned cols[] = { 1, 2, 7, 999, PM_HTML_COLUMNS };
	static const size_t steps[] = { 1, 3, 1000, 200000 };

	for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
		struct tl_power p;
		simtime_t t0 = 5 * PS_PER_MS, t1 = t0 + 3 * PS_PER_S + 12345;

		make_track(&p, "x", TL_COMPONENT, steps[s], t0, t1);
		for (size_t c = 0; c < sizeof cols / sizeof cols[0]; c++) {
			double *w = malloc(cols[c] * sizeof *w), j;

			ck_assert(w);
			pm_html_columns(&p, t0, t1, cols[c], w);
			j = columns_joules(w, t0, t1, cols[c]);
			ck_assert_msg(fabs(j - p.joules) <= 1e-9 * p.joules,
				      "%zu steps, %u columns: %.17g J, track %.17g J", steps[s],
				      cols[c], j, p.joules);
			free(w);
		}
		free_track(&p);
	}
}
END_TEST

/* As many columns as picoseconds: every column is one picosecond, and
 * holds the track's value there exactly. */
START_TEST(columns_of_one_picosecond_are_the_values)
{
	simtime_t t[] = { 10, 13, 14, 30 };
	double watts[] = { 1.5, 0.0, 2.25, 0.125 }, w[40];
	struct tl_power p = { "x", TL_RAIL, 4, t, watts, 0 };

	pm_html_columns(&p, 0, 40, 40, w);
	for (unsigned c = 0; c < 40; c++) {
		double want = c < 10 ? 0 : c < 13 ? 1.5 : c < 14 ? 0 : c < 30 ? 2.25 : 0.125;

		ck_assert_msg(w[c] == want, "column %u: %g, want %g", c, w[c], want);
	}
}
END_TEST

/* A track longer than the window: only the window's energy, and a step
 * straddling columns split by length. */
START_TEST(columns_clip_to_the_window)
{
	simtime_t t[] = { 0, 100 };
	double watts[] = { 1.0, 3.0 }, w[4];
	struct tl_power p = { "x", TL_TOTAL, 2, t, watts, 0 };

	pm_html_columns(&p, 50, 250, 4, w); /* columns of 50 ps */
	ck_assert(w[0] == 1.0 && w[1] == 3.0 && w[2] == 3.0 && w[3] == 3.0);
	pm_html_columns(&p, 75, 175, 2, w);
	ck_assert(w[0] == 2.0 && w[1] == 3.0);
}
END_TEST

/* Column boundaries are exact for any span, with no overflow. */
START_TEST(column_starts_exact_and_monotonic)
{
	simtime_t t0 = 7, t1 = UINT64_MAX - 3, prev = t0;

	ck_assert(pm_html_column_start(t0, t1, PM_HTML_COLUMNS, 0) == t0);
	ck_assert(pm_html_column_start(t0, t1, PM_HTML_COLUMNS, PM_HTML_COLUMNS) == t1);
	for (unsigned c = 1; c <= PM_HTML_COLUMNS; c++) {
		simtime_t s = pm_html_column_start(t0, t1, PM_HTML_COLUMNS, c);

		ck_assert(s > prev);
		prev = s;
	}
	ck_assert(pm_html_column_start(0, 3, 3, 2) == 2);
	ck_assert(pm_html_column_start(0, 10, 3, 1) == 3 && pm_html_column_start(0, 10, 3, 2) == 6);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Escaping                                                                 */

static char *escaped(const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert(f);
	pm_html_escape(f, s);
	fclose(f);
	return buf;
}

START_TEST(escaping)
{
	static const struct {
		const char *in, *out;
	} cases[] = {
		{ "<a href=\"x\">&amp;'</a>",
		  "&lt;a href=&quot;x&quot;&gt;&amp;amp;&#39;&lt;/a&gt;" },
		{ "tab\tnl\ncr\r", "tab\tnl\ncr\r" },
		{ "bell\a esc\x1b del", "bell? esc? del" },
		{ "\xc2\xb5s \xe2\x9c\x93 \xf0\x9d\x84\x9e", "\xc2\xb5s \xe2\x9c\x93 \xf0\x9d\x84\x9e" },
		{ "bad \xff end", "bad ? end" },
		{ "overlong \xc0\x80", "overlong ??" },
		{ "surrogate \xed\xa0\x80", "surrogate ???" },
		{ "cut \xe2\x82", "cut ??" },
		{ "nonchar \xef\xbf\xbf", "nonchar ???" },
		{ "]]>", "]]&gt;" },
		{ "", "" },
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *got = escaped(cases[i].in);

		ck_assert_msg(!strcmp(got, cases[i].out), "case %zu: \"%s\"", i, got);
		free(got);
	}
	{
		char *got = escaped(NULL);

		ck_assert_str_eq(got, "");
		free(got);
	}
}
END_TEST

/* ------------------------------------------------------------------------ */
/* A well-formedness checker                                                */

struct xc {
	const char *s;
	size_t pos, len;
	const char *err;
	size_t err_at;
	unsigned elements;
};

static bool xc_fail(struct xc *x, const char *why)
{
	if (!x->err) {
		x->err = why;
		x->err_at = x->pos;
	}
	return false;
}

static bool xc_starts(struct xc *x, const char *w)
{
	return !strncmp(x->s + x->pos, w, strlen(w));
}

static bool xc_name_char(char c, bool first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':' ||
	       (!first && ((c >= '0' && c <= '9') || c == '-' || c == '.'));
}

static size_t xc_name(struct xc *x)
{
	size_t n = 0;

	while (x->pos + n < x->len && xc_name_char(x->s[x->pos + n], n == 0))
		n++;
	return n;
}

/* A reference after '&': one of the five entities or a character. */
static bool xc_ref(struct xc *x)
{
	static const char *const ents[] = { "amp;", "lt;", "gt;", "quot;", "apos;" };
	size_t p = x->pos + 1;

	for (size_t i = 0; i < 5; i++)
		if (!strncmp(x->s + p, ents[i], strlen(ents[i]))) {
			x->pos = p + strlen(ents[i]);
			return true;
		}
	if (x->s[p] == '#') {
		size_t q = p + 1, digits = 0;
		bool hex = x->s[q] == 'x';

		if (hex)
			q++;
		while (hex ? strchr("0123456789abcdefABCDEF", x->s[q]) && x->s[q]
			   : x->s[q] >= '0' && x->s[q] <= '9') {
			q++;
			digits++;
		}
		if (digits && x->s[q] == ';') {
			x->pos = q + 1;
			return true;
		}
	}
	return xc_fail(x, "bad reference");
}

static bool xc_utf8(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		unsigned n = p[i] < 0x80 ? 1 : p[i] >= 0xc2 && p[i] <= 0xdf ? 2 :
			     p[i] >= 0xe0 && p[i] <= 0xef ? 3 : p[i] >= 0xf0 && p[i] <= 0xf4 ? 4 : 0;

		if (!n || i + n > len)
			return false;
		if (n == 1 && p[i] < 0x20 && !strchr("\t\n\r", p[i]))
			return false;
		for (unsigned k = 1; k < n; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

static bool xc_skip_to(struct xc *x, const char *end, const char *why)
{
	const char *e = strstr(x->s + x->pos, end);

	if (!e)
		return xc_fail(x, why);
	x->pos = (size_t)(e - x->s) + strlen(end);
	return true;
}

/* Well-formed: one root element, after an optional <!DOCTYPE ...>. */
static bool xml_well_formed(struct xc *x)
{
	const char *stack[64];
	size_t lens[64], depth = 0;
	bool root_done = false;

	if (!xc_utf8(x->s, x->len))
		return xc_fail(x, "not UTF-8, or a control character");
	if (xc_starts(x, "<!DOCTYPE") && !xc_skip_to(x, ">", "unterminated doctype"))
		return false;
	while (x->pos < x->len) {
		char c = x->s[x->pos];

		if (c == '&') {
			if (!xc_ref(x))
				return false;
			continue;
		}
		if (c != '<') {
			if (!depth && !strchr(" \t\r\n", c))
				return xc_fail(x, "text outside the root");
			x->pos++;
			continue;
		}
		if (xc_starts(x, "<!--")) {
			if (!xc_skip_to(x, "-->", "unterminated comment"))
				return false;
		} else if (xc_starts(x, "<![CDATA[")) {
			if (!depth)
				return xc_fail(x, "CDATA outside the root");
			if (!xc_skip_to(x, "]]>", "unterminated CDATA"))
				return false;
		} else if (xc_starts(x, "</")) {
			size_t n;

			x->pos += 2;
			n = xc_name(x);
			if (!depth || n != lens[depth - 1] || strncmp(stack[depth - 1], x->s + x->pos, n))
				return xc_fail(x, "end tag does not match");
			x->pos += n;
			while (strchr(" \t\r\n", x->s[x->pos]) && x->s[x->pos])
				x->pos++;
			if (x->s[x->pos] != '>')
				return xc_fail(x, "bad end tag");
			x->pos++;
			if (!--depth)
				root_done = true;
		} else {
			const char *attrs[64];
			size_t alens[64], na = 0, n;
			const char *name;

			if (root_done)
				return xc_fail(x, "a second root");
			x->pos++;
			name = x->s + x->pos;
			if (!(n = xc_name(x)))
				return xc_fail(x, "bad element name");
			x->pos += n;
			x->elements++;
			for (;;) {
				size_t an, ws = 0;
				char q;

				while (strchr(" \t\r\n", x->s[x->pos]) && x->s[x->pos]) {
					x->pos++;
					ws++;
				}
				if (xc_starts(x, "/>") || x->s[x->pos] == '>')
					break;
				if (!ws || !(an = xc_name(x)))
					return xc_fail(x, "bad attribute");
				for (size_t i = 0; i < na; i++)
					if (alens[i] == an && !strncmp(attrs[i], x->s + x->pos, an))
						return xc_fail(x, "duplicate attribute");
				if (na < 64) {
					attrs[na] = x->s + x->pos;
					alens[na++] = an;
				}
				x->pos += an;
				if (x->s[x->pos] != '=')
					return xc_fail(x, "attribute without a value");
				q = x->s[++x->pos];
				if (q != '"' && q != '\'')
					return xc_fail(x, "unquoted attribute");
				x->pos++;
				while (x->pos < x->len && x->s[x->pos] != q) {
					if (x->s[x->pos] == '<')
						return xc_fail(x, "< in an attribute");
					if (x->s[x->pos] == '&') {
						if (!xc_ref(x))
							return false;
					} else {
						x->pos++;
					}
				}
				if (x->pos >= x->len)
					return xc_fail(x, "unterminated attribute");
				x->pos++;
			}
			if (xc_starts(x, "/>")) {
				x->pos += 2;
				if (!depth)
					root_done = true;
			} else {
				x->pos++;
				if (depth == 64)
					return xc_fail(x, "too deep");
				stack[depth] = name;
				lens[depth++] = n;
			}
		}
	}
	if (depth)
		return xc_fail(x, "unclosed element");
	if (!root_done)
		return xc_fail(x, "no root element");
	return true;
}

static void assert_well_formed(const char *s)
{
	struct xc x = { .s = s, .len = strlen(s) };

	if (!xml_well_formed(&x)) {
		size_t a = x.err_at > 60 ? x.err_at - 60 : 0;

		ck_abort_msg("not well-formed at %zu (%s): ...%.120s", x.err_at, x.err, s + a);
	}
}

/* The checker refuses what it should: it is not a test that passes all. */
START_TEST(checker_refuses_ill_formed)
{
	static const char *const bad[] = {
		"<a><b></a></b>", "<a x=1></a>", "<a>&nbsp;</a>", "<a x=\"1\" x=\"2\"></a>",
		"<a><![CDATA[ x </a>", "<a></a><b></b>", "<a>", "<a>\x01</a>", "<a>\xff</a>",
		"<a>&amp</a>", "<a x=\"<\"></a>",
	};

	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct xc x = { .s = bad[i], .len = strlen(bad[i]) };

		ck_assert_msg(!xml_well_formed(&x), "accepted %s", bad[i]);
	}
	assert_well_formed("<!DOCTYPE html>\n<a x='1' y=\"&#39;&#x2F;\"><b/><![CDATA[ < & ]]>"
			   "<!-- <c> -->&amp;&lt;</a>\n");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* The page on fake data                                                    */

static const char *const hostile = "evil <script>alert('x')</script> & \"q\" \xff]]>";

static struct timeline ftl;
static struct pm_report frep;

static struct pm_report_energy comps[] = { { "cpu0", 0 }, { "dram", 0 }, { "uart0", 0 } };
static struct pm_report_rail rails[] = {
	{ .name = "vdd_core", .microvolt = 1100000, .out_j = 0.5, .in_j = 0.6 },
	{ .name = "vdd_mem", .microvolt = 1800000, .out_j = 0.25, .in_j = 0.3 },
};
static struct pm_report_cstate cstates[] = {
	{ "wfi", 100, 2 * PS_PER_S, 1, 2, 1, 1, 0.01, 1e-9, 0, 1100000, false },
	{ "retention", 10, PS_PER_S / 2, 0, 0, 200, 1000, 0.001, 5e-9, 250, 1100000, false },
};
static struct pm_report_opp opps[] = {
	{ 48000000, 900000, PS_PER_S, 2, 1, 0.1 },
	{ 96000000, 1100000, PS_PER_S / 2, 1, 1, 0.2 },
};
static struct pm_report_cpu cpus[] = { { .name = "cpu0", .busy = PS_PER_S / 2,
	.idle = 5 * PS_PER_S / 2, .cstates = cstates, .ncstates = 2, .opps = opps, .nopps = 2 } };
static struct pm_report_count wakeups[] = { { "rtc (irq 3)", 4 }, { "uart0 (irq 5)", 9 } };
static struct pm_report_count timer_wakeups[] = { { "tick", 7 } };
static struct pm_report_phase phases[] = {
	{ "suspend_prepare", PS_PER_S, 3 * PS_PER_MS },
	{ "suspend", PS_PER_S + 3 * PS_PER_MS, 5 * PS_PER_MS },
	{ "resume", PS_PER_S + 508 * PS_PER_MS, 4 * PS_PER_MS },
};
static struct pm_report_devcb devcbs[] = {
	{ "suspend", "uart0", PS_PER_S + 4 * PS_PER_MS, 2 * PS_PER_MS, 0 },
	{ "resume", "", PS_PER_S + 509 * PS_PER_MS, PS_PER_MS, -5 },
};
static struct pm_report_suspend_cycle cycles[] = { {
	.state = "mem", .suspended = true, .ended = true, .begin = PS_PER_S,
	.end = PS_PER_S + 512 * PS_PER_MS, .has_suspend_latency = true,
	.has_resume_latency = true, .suspend_latency = 8 * PS_PER_MS,
	.resume_latency = 4 * PS_PER_MS, .suspended_time = 500 * PS_PER_MS,
	.wake_source = "rtc", .suspend_j = 1e-4, .resume_j = 5e-5, .suspended_j = 1e-5,
	.has_idle_w = true, .idle_w = 2e-3, .saved_j = 9.9e-4, .overhead_j = 1e-4,
	.has_break_even = true, .break_even_s = 0.05, .phases = phases, .nphases = 3,
	.devcbs = devcbs, .ndevcbs = 2,
} };
static const char *diagnostics[] = { NULL, "cpu0: D-cache lines lost" };
static const simtime_t diagnostic_times[] = { PS_PER_S + 5 * PS_PER_MS, 2 * PS_PER_S };
static struct pm_report_coh_event coh_events[] = { {
	.kind = "stale-read", .time = 2 * PS_PER_S + 7, .channel = 0, .addr = 0x20001000,
	.len = 32, .pc = 0x1234, .function = "rx_done", .offset = 8, .has_dma = true,
	.dma_time = 2 * PS_PER_S, .dma_pc = 0x2000, .dma_function = "start_rx", .dma_offset = 4,
} };
static struct pm_report_latency latency = {
	.kind = "irq", .name = "uart0 (irq 5)", .count = 30, .min = 1000, .max = 40000,
	.p50 = 2000, .p90 = 9000, .p99 = 30000, .mean = 5000, .nbins = 6,
	.edges = { 1000, 2000, 5000, 10000, 20000, 50000, 100000 },
	.counts = { 10, 9, 6, 3, 1, 1 },
};

static const char *const cst_labels[] = { "running", "wfi", "running", "retention", "running" };
static const int64_t cst_vals[] = { 0, 1, 0, 2, 0 };
static simtime_t cst_t[5];
static int64_t chatter_v[4000];
static simtime_t chatter_t[4000];

static void fake_setup(void)
{
	simtime_t end = 3 * PS_PER_S;

	memset(&ftl, 0, sizeof ftl);
	ftl.start = 0;
	ftl.end = end;
	ftl.limit = 1000;
	lcg = 1;
	make_track(&ftl.p[0], "battery", TL_TOTAL, 5000, 0, end);
	make_track(&ftl.p[1], "vdd_core", TL_RAIL, 3000, 0, end);
	make_track(&ftl.p[2], hostile, TL_RAIL, 20, 0, end);
	make_track(&ftl.p[3], "cpu0", TL_COMPONENT, 3000, 0, end);
	make_track(&ftl.p[4], "dram", TL_COMPONENT, 7, 0, end);
	make_track(&ftl.p[5], "uart0", TL_COMPONENT, 2, 0, end);
	ftl.np = 6;
	for (unsigned i = 0; i < 5; i++)
		cst_t[i] = i * 600 * PS_PER_MS;
	ftl.s[0] = (struct tl_state){ "cpu0", "cstate", 5, cst_t, cst_vals, cst_labels };
	/* A lane changing far faster than a column: drawn hatched. */
	for (unsigned i = 0; i < 4000; i++) {
		chatter_t[i] = i * 1000 * PS_PER_NS;
		chatter_v[i] = i % 2 ? 48000000 : 96000000;
	}
	ftl.s[1] = (struct tl_state){ "cpu0", "hz", 4000, chatter_t, chatter_v, NULL };
	ftl.s[2] = (struct tl_state){ "pd.periph", "state", 3, cst_t, cst_vals, NULL };
	ftl.s[3] = (struct tl_state){ "uart0_clk", "hz", 2, cst_t, cst_vals, NULL };
	ftl.ns = 4;

	memset(&frep, 0, sizeof frep);
	frep.soc = "pmsim default SoC";
	frep.image = hostile;
	frep.outcome = "the guest exited with status 0";
	frep.sim_time = end;
	frep.total_j = 1.0;
	frep.components = comps;
	frep.ncomponents = 3;
	comps[0].joules = ftl.p[3].joules;
	comps[1].joules = ftl.p[4].joules;
	comps[2].joules = ftl.p[5].joules;
	frep.rails = rails;
	frep.nrails = 2;
	frep.cpus = cpus;
	frep.ncpus = 1;
	frep.wakeups = wakeups;
	frep.nwakeups = 2;
	frep.timer_wakeups = timer_wakeups;
	frep.ntimer_wakeups = 1;
	frep.suspends = 1;
	frep.suspended = 500 * PS_PER_MS;
	frep.cycles = cycles;
	frep.ncycles = 1;
	diagnostics[0] = hostile;
	frep.diagnostics = diagnostics;
	frep.diagnostic_times = diagnostic_times;
	frep.ndiagnostics = 2;
	frep.coherency.mode = "report";
	frep.coherency.kinds[1] = "stale-read";
	frep.coherency.texts[1] = "the CPU read a line DMA had written behind its back";
	frep.coherency.counts[1] = 1;
	frep.coherency.events = coh_events;
	frep.coherency.nevents = 1;
	frep.host_seconds = 0.25;
	frep.host_mips = 123.4;
}

static void fake_teardown(void)
{
	for (size_t i = 0; i < ftl.np; i++)
		free_track(&ftl.p[i]);
}

static char *page(const struct timeline *tl, unsigned flags)
{
	struct pm_html_options o = { .flags = flags };
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);

	ck_assert(f);
	ck_assert_int_eq(pm_report_html(f, &frep, tl, &o), 0);
	fclose(f);
	return buf;
}

static unsigned count(const char *s, const char *w)
{
	unsigned n = 0;

	for (const char *p = s; (p = strstr(p, w)); p += strlen(w))
		n++;
	return n;
}

START_TEST(page_is_well_formed_with_every_section)
{
	char *s = page(&ftl, PM_REPORT_NO_HOST);
	static const char *const ids[] = { "summary", "power", "energy", "residency", "states",
		"latency", "suspend", "wakeups", "diagnostics", "selftest" };

	assert_well_formed(s);
	ck_assert(!strncmp(s, "<!DOCTYPE html>\n", 16));
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		char id[64];

		snprintf(id, sizeof id, "id=\"%s\"", ids[i]);
		ck_assert_msg(count(s, id) == 1, "%s", id);
	}
	/* One path per rail and per component track, the total apart. */
	ck_assert_uint_eq(count(s, "<path class=\"series"), 2 + 3);
	ck_assert_uint_eq(count(s, "<path class=\"total\""), 2);
	/* No external resource. */
	ck_assert(!strstr(s, "src=\"") && !strstr(s, "<link") && !strstr(s, "https://"));
	/* Lanes: cstate, hz, pd.periph; not the clock. */
	ck_assert_uint_eq(count(s, "<g class=\"lane\""), 3);
	ck_assert(strstr(s, "class=\"mixed\""));
	/* The hostile string only escaped. */
	ck_assert(!strstr(s, "<script>alert"));
	ck_assert(strstr(s, "evil &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; "
			    "&quot;q&quot; ?]]&gt;"));
	/* Latency measured: none yet. */
	ck_assert(strstr(s, "No latency measured."));
	/* Diagnostics and coherency: linked windows and markers. */
	ck_assert(strstr(s, "<a href=\"#t=0.975000000000,1.035000000000\">1.005000000000 s</a>"));
	ck_assert_uint_eq(count(s, "<line class=\"mark diag\""), 2 * 3);
	ck_assert_uint_eq(count(s, "<line class=\"mark coh\""), 3);
	ck_assert(!strstr(s, "id=\"truncated\""));
	ck_assert(!strstr(s, "Host time"));
	free(s);
}
END_TEST

START_TEST(page_byte_identical_and_host_flag)
{
	char *a = page(&ftl, PM_REPORT_NO_HOST), *b = page(&ftl, PM_REPORT_NO_HOST);
	char *c = page(&ftl, 0);

	ck_assert_str_eq(a, b);
	ck_assert(strstr(c, "Host time (varies)") && strstr(c, "123.4 MIPS"));
	assert_well_formed(c);
	free(a);
	free(b);
	free(c);
}
END_TEST

START_TEST(page_says_when_truncated)
{
	char *s;

	ftl.truncated = true;
	ftl.stopped = 2 * PS_PER_S;
	s = page(&ftl, PM_REPORT_NO_HOST);
	ck_assert(strstr(s, "id=\"truncated\""));
	ck_assert(strstr(s, "limit of 1000 records at 2.000000000000 s"));
	assert_well_formed(s);
	free(s);
}
END_TEST

START_TEST(page_draws_latency_histograms)
{
	char *s;

	frep.latencies = &latency;
	frep.nlatencies = 1;
	s = page(&ftl, PM_REPORT_NO_HOST);
	/* A series of fewer than five samples is in the table only. */
	latency.count = 4;
	char *t = page(&ftl, PM_REPORT_NO_HOST);
	latency.count = 30;
	frep.latencies = NULL;
	frep.nlatencies = 0;
	assert_well_formed(s);
	ck_assert(!strstr(s, "No latency measured."));
	ck_assert_uint_eq(count(s, "class=\"chart latency\""), 1);
	ck_assert(strstr(s, "<td class=\"n\">30</td>"));
	ck_assert(!strstr(s, "<details>"));
	assert_well_formed(t);
	/* The guest's marker intervals are folded apart. */
	struct pm_report_latency two[2] = { latency, latency };
	two[1].kind = "marker";
	two[1].name = "dev:suspend:uart";
	frep.latencies = two;
	frep.nlatencies = 2;
	char *u = page(&ftl, PM_REPORT_NO_HOST);
	frep.latencies = NULL;
	frep.nlatencies = 0;
	assert_well_formed(u);
	const char *d = strstr(u, "<details><summary>The guest's marker intervals (1 series)"
			       "</summary>");
	ck_assert_ptr_nonnull(d);
	const char *m = strstr(d, "<td>dev:suspend:uart</td>"), *e = strstr(d, "</details>");
	ck_assert(m && e && m < e);
	ck_assert(strstr(u, "uart0 (irq 5)</td>") < d);
	free(u);
	ck_assert_uint_eq(count(t, "class=\"chart latency\""), 0);
	ck_assert(strstr(t, "<td class=\"n\">4</td>"));
	free(t);
	ck_assert(strstr(s, "count 30 &#183; min 1.000 ns &#183; p50 2.000 ns &#183; p99 "
			    "30.000 ns &#183; max 40.000 ns"));
	free(s);
}
END_TEST

/* No timeline: the charts over time say so, the rest is there. */
START_TEST(page_without_timeline)
{
	char *s = page(NULL, PM_REPORT_NO_HOST);

	assert_well_formed(s);
	ck_assert_uint_eq(count(s, "No timeline was recorded"), 2);
	ck_assert_uint_eq(count(s, "<path class=\"series"), 0);
	ck_assert(strstr(s, "id=\"energy\""));
	free(s);
}
END_TEST

/* A timeline of no length (a run that took no simulated time). */
START_TEST(page_with_empty_timeline)
{
	char *s;

	ftl.end = ftl.start;
	s = page(&ftl, PM_REPORT_NO_HOST);
	assert_well_formed(s);
	ck_assert_uint_eq(count(s, "The timeline is empty"), 2);
	ck_assert_uint_eq(count(s, "<path class=\"series"), 0);
	free(s);
}
END_TEST

/* A full disk is an error, not a short page that looks complete. */
START_TEST(page_write_failure_is_reported)
{
	FILE *f = fopen("/dev/full", "w");

	if (!f)
		return;
	ck_assert_int_eq(pm_report_html(f, &frep, &ftl, NULL), -1);
	fclose(f);
}
END_TEST

static Suite *html_suite(void)
{
	Suite *s = suite_create("html");
	TCase *tc = tcase_create("columns");

	tcase_add_test(tc, columns_keep_the_energy);
	tcase_add_test(tc, columns_of_one_picosecond_are_the_values);
	tcase_add_test(tc, columns_clip_to_the_window);
	tcase_add_test(tc, column_starts_exact_and_monotonic);
	suite_add_tcase(s, tc);
	tc = tcase_create("escaping");
	tcase_add_test(tc, escaping);
	tcase_add_test(tc, checker_refuses_ill_formed);
	suite_add_tcase(s, tc);
	tc = tcase_create("page");
	tcase_add_checked_fixture(tc, fake_setup, fake_teardown);
	tcase_add_test(tc, page_is_well_formed_with_every_section);
	tcase_add_test(tc, page_byte_identical_and_host_flag);
	tcase_add_test(tc, page_says_when_truncated);
	tcase_add_test(tc, page_draws_latency_histograms);
	tcase_add_test(tc, page_without_timeline);
	tcase_add_test(tc, page_with_empty_timeline);
	tcase_add_test(tc, page_write_failure_is_reported);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	return check_run(html_suite());
}
