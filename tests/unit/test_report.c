/*
 * The report writers (pm/report.c): the JSON document is well-formed,
 * complete and typed as docs/report.md says, strings are escaped, times
 * are exact, output is byte-identical for equal input, the host section
 * obeys its flag; the text report sorts, adds up and never leaves
 * trailing blanks.
 *
 * The JSON is checked by a small strict recursive-descent parser written
 * here (not the writer's code), which refuses anything RFC 8259 refuses:
 * raw control characters in strings, ill-formed UTF-8, bad escapes,
 * trailing commas, duplicate keys, leading zeros.
 */
#include <check.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pm/report.h"
#include "check_run.h"

/* ------------------------------------------------------------------------ */
/* A strict JSON parser                                                     */

enum jtype { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };

struct jv {
	enum jtype t;
	bool b;
	double num;
	char *raw;          /* a number's text, as written */
	char *str;          /* a string, decoded to UTF-8 */
	size_t n;           /* members */
	char **keys;        /* objects: decoded keys, in order */
	struct jv **items;
};

struct jp {
	const char *s;
	size_t pos, len;
	const char *err;
};

static struct jv *jp_value(struct jp *p, unsigned depth);

static void jv_free(struct jv *v)
{
	if (!v)
		return;
	for (size_t i = 0; i < v->n; i++) {
		if (v->keys)
			free(v->keys[i]);
		jv_free(v->items[i]);
	}
	free(v->keys);
	free(v->items);
	free(v->raw);
	free(v->str);
	free(v);
}

static void jp_ws(struct jp *p)
{
	while (p->pos < p->len && strchr(" \t\n\r", p->s[p->pos]) && p->s[p->pos])
		p->pos++;
}

static bool jp_fail(struct jp *p, const char *why)
{
	if (!p->err)
		p->err = why;
	return false;
}

/* Well-formed UTF-8 at s (at most `left` bytes): its length, or 0. */
static size_t utf8_ok(const unsigned char *s, size_t left)
{
	unsigned cp, n;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0) {
		n = 2;
		cp = s[0] & 0x1f;
	} else if ((s[0] & 0xf0) == 0xe0) {
		n = 3;
		cp = s[0] & 0x0f;
	} else if ((s[0] & 0xf8) == 0xf0) {
		n = 4;
		cp = s[0] & 0x07;
	} else {
		return 0;
	}
	if (left < n)
		return 0;
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if ((n == 2 && cp < 0x80) || (n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000))
		return 0; /* overlong */
	if ((cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return n;
}

static void put_utf8(char *out, size_t *o, unsigned cp)
{
	if (cp < 0x80) {
		out[(*o)++] = (char)cp;
	} else if (cp < 0x800) {
		out[(*o)++] = (char)(0xc0 | cp >> 6);
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else if (cp < 0x10000) {
		out[(*o)++] = (char)(0xe0 | cp >> 12);
		out[(*o)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	} else {
		out[(*o)++] = (char)(0xf0 | cp >> 18);
		out[(*o)++] = (char)(0x80 | (cp >> 12 & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp >> 6 & 0x3f));
		out[(*o)++] = (char)(0x80 | (cp & 0x3f));
	}
}

static bool jp_hex4(struct jp *p, unsigned *cp)
{
	*cp = 0;
	if (p->pos + 4 > p->len)
		return jp_fail(p, "short \\u escape");
	for (int i = 0; i < 4; i++) {
		char c = p->s[p->pos++];
		unsigned d;

		if (c >= '0' && c <= '9')
			d = (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (unsigned)(c - 'A' + 10);
		else
			return jp_fail(p, "bad hex digit in \\u escape");
		*cp = *cp << 4 | d;
	}
	return true;
}

static char *jp_string(struct jp *p)
{
	/* Decoding never makes a string longer than its escaped form. */
	char *out = malloc(p->len - p->pos + 1);
	size_t o = 0;

	ck_assert_ptr_nonnull(out);
	if (p->s[p->pos] != '"') {
		jp_fail(p, "expected a string");
		goto bad;
	}
	p->pos++;
	while (p->pos < p->len) {
		unsigned char c = (unsigned char)p->s[p->pos];

		if (c == '"') {
			p->pos++;
			out[o] = 0;
			return out;
		}
		if (c < 0x20) {
			jp_fail(p, "raw control character in a string");
			goto bad;
		}
		if (c == '\\') {
			char e = p->s[++p->pos];
			unsigned cp;

			p->pos++;
			switch (e) {
			case '"': out[o++] = '"'; break;
			case '\\': out[o++] = '\\'; break;
			case '/': out[o++] = '/'; break;
			case 'b': out[o++] = '\b'; break;
			case 'f': out[o++] = '\f'; break;
			case 'n': out[o++] = '\n'; break;
			case 'r': out[o++] = '\r'; break;
			case 't': out[o++] = '\t'; break;
			case 'u':
				if (!jp_hex4(p, &cp))
					goto bad;
				if (cp >= 0xdc00 && cp <= 0xdfff) {
					jp_fail(p, "lone low surrogate");
					goto bad;
				}
				if (cp >= 0xd800 && cp <= 0xdbff) {
					unsigned lo;

					if (p->s[p->pos] != '\\' || p->s[p->pos + 1] != 'u') {
						jp_fail(p, "lone high surrogate");
						goto bad;
					}
					p->pos += 2;
					if (!jp_hex4(p, &lo))
						goto bad;
					if (lo < 0xdc00 || lo > 0xdfff) {
						jp_fail(p, "bad surrogate pair");
						goto bad;
					}
					cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				}
				put_utf8(out, &o, cp);
				break;
			default:
				jp_fail(p, "bad escape");
				goto bad;
			}
			continue;
		}
		{
			size_t n = utf8_ok((const unsigned char *)p->s + p->pos, p->len - p->pos);

			if (n == 0) {
				jp_fail(p, "ill-formed UTF-8 in a string");
				goto bad;
			}
			memcpy(out + o, p->s + p->pos, n);
			o += n;
			p->pos += n;
		}
	}
	jp_fail(p, "unterminated string");
bad:
	free(out);
	return NULL;
}

static bool jp_digits(struct jp *p)
{
	size_t start = p->pos;

	while (p->pos < p->len && p->s[p->pos] >= '0' && p->s[p->pos] <= '9')
		p->pos++;
	return p->pos > start;
}

static bool jp_number(struct jp *p, struct jv *v)
{
	size_t start = p->pos;

	if (p->s[p->pos] == '-')
		p->pos++;
	if (p->s[p->pos] == '0') {
		p->pos++;
	} else if (!jp_digits(p)) {
		return jp_fail(p, "bad number");
	}
	if (p->s[p->pos] == '.') {
		p->pos++;
		if (!jp_digits(p))
			return jp_fail(p, "no digits after the point");
	}
	if (p->s[p->pos] == 'e' || p->s[p->pos] == 'E') {
		p->pos++;
		if (p->s[p->pos] == '+' || p->s[p->pos] == '-')
			p->pos++;
		if (!jp_digits(p))
			return jp_fail(p, "no exponent digits");
	}
	v->t = J_NUM;
	v->raw = strndup(p->s + start, p->pos - start);
	v->num = strtod(v->raw, NULL);
	return true;
}

static bool jp_lit(struct jp *p, const char *lit)
{
	size_t n = strlen(lit);

	if (p->len - p->pos < n || memcmp(p->s + p->pos, lit, n))
		return jp_fail(p, "unknown literal");
	p->pos += n;
	return true;
}

static void jv_push(struct jv *v, char *key, struct jv *item)
{
	v->items = realloc(v->items, (v->n + 1) * sizeof *v->items);
	ck_assert_ptr_nonnull(v->items);
	if (v->t == J_OBJ) {
		v->keys = realloc(v->keys, (v->n + 1) * sizeof *v->keys);
		ck_assert_ptr_nonnull(v->keys);
		v->keys[v->n] = key;
	}
	v->items[v->n++] = item;
}

static bool jp_members(struct jp *p, struct jv *v, unsigned depth)
{
	char close = v->t == J_OBJ ? '}' : ']';

	p->pos++;
	jp_ws(p);
	if (p->s[p->pos] == close) {
		p->pos++;
		return true;
	}
	for (;;) {
		char *key = NULL;
		struct jv *item;

		jp_ws(p);
		if (v->t == J_OBJ) {
			key = jp_string(p);
			if (!key)
				return false;
			for (size_t i = 0; i < v->n; i++)
				if (!strcmp(v->keys[i], key)) {
					free(key);
					return jp_fail(p, "duplicate key");
				}
			jp_ws(p);
			if (p->s[p->pos] != ':') {
				free(key);
				return jp_fail(p, "expected ':'");
			}
			p->pos++;
		}
		item = jp_value(p, depth + 1);
		if (!item) {
			free(key);
			return false;
		}
		jv_push(v, key, item);
		jp_ws(p);
		if (p->s[p->pos] == ',') {
			p->pos++;
			continue;
		}
		if (p->s[p->pos] == close) {
			p->pos++;
			return true;
		}
		return jp_fail(p, "expected ',' or the end of a container");
	}
}

static struct jv *jp_value(struct jp *p, unsigned depth)
{
	struct jv *v = calloc(1, sizeof *v);
	bool ok;

	ck_assert_ptr_nonnull(v);
	jp_ws(p);
	if (depth > 32 || p->pos >= p->len) {
		ok = jp_fail(p, "too deep or truncated");
	} else {
		switch (p->s[p->pos]) {
		case '{':
			v->t = J_OBJ;
			ok = jp_members(p, v, depth);
			break;
		case '[':
			v->t = J_ARR;
			ok = jp_members(p, v, depth);
			break;
		case '"':
			v->t = J_STR;
			v->str = jp_string(p);
			ok = v->str != NULL;
			break;
		case 't':
			v->t = J_BOOL;
			v->b = true;
			ok = jp_lit(p, "true");
			break;
		case 'f':
			v->t = J_BOOL;
			ok = jp_lit(p, "false");
			break;
		case 'n':
			v->t = J_NULL;
			ok = jp_lit(p, "null");
			break;
		default:
			ok = jp_number(p, v);
		}
	}
	if (!ok) {
		jv_free(v);
		return NULL;
	}
	return v;
}

/* The whole document, or a test failure naming where and why. */
static struct jv *json_parse(const char *s, size_t len)
{
	struct jp p = { .s = s, .len = len };
	struct jv *v = jp_value(&p, 0);

	if (v) {
		jp_ws(&p);
		if (p.pos != len)
			p.err = "text after the document";
	}
	ck_assert_msg(v && !p.err, "invalid JSON at byte %zu: %s\n%s", p.pos,
		      p.err ? p.err : "?", s);
	return v;
}

static struct jv *jget(const struct jv *o, const char *key)
{
	ck_assert_int_eq(o->t, J_OBJ);
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return o->items[i];
	return NULL;
}

/* A member that must exist with the given type. */
static struct jv *jreq(const struct jv *o, const char *key, enum jtype t)
{
	struct jv *v = jget(o, key);

	ck_assert_msg(v, "key '%s' missing", key);
	ck_assert_msg(v->t == t, "key '%s' has type %d, not %d", key, v->t, t);
	return v;
}

/* The object's keys are exactly `keys`, in this order. */
static void jkeys(const struct jv *o, const char *const *keys, size_t n)
{
	ck_assert_int_eq(o->t, J_OBJ);
	ck_assert_uint_eq(o->n, n);
	for (size_t i = 0; i < n; i++)
		ck_assert_str_eq(o->keys[i], keys[i]);
}

#define JKEYS(o, ...)                                                   \
	do {                                                            \
		static const char *const k_[] = { __VA_ARGS__ };        \
		jkeys((o), k_, sizeof k_ / sizeof k_[0]);               \
	} while (0)

/* ------------------------------------------------------------------------ */
/* A report built by hand                                                   */

static struct pm_report_energy components[] = {
	{ "uart0", 1e-3 }, { "dram", 3e-3 }, { "cpu0", 6e-3 }, { "pll0", 1e-3 },
};
static struct pm_report_rail rails[] = {
	/* A buck: 9 mJ over 1.5 s at 1.1 V is 5.4545 mA on average. */
	{ .name = "vdd_core", .microvolt = 1100000, .out_j = 9e-3, .in_j = 10e-3, .mode = "auto",
	  .avg_amps = 9e-3 / 1.5 / 1.1, .curve_eff = 0.875, .pwm_s = 0.3, .pfm_s = 1.2,
	  .pwm_loss_j = 0.6e-3, .pfm_loss_j = 0.4e-3, .capacitance_f = 22e-6 },
	/* An LDO: no modes. */
	{ .name = "vdd_io", .microvolt = 3300000, .out_j = 1.8e-3, .in_j = 2e-3,
	  .avg_amps = NAN, .curve_eff = NAN },
};
static struct pm_report_cstate cstates[] = {
	{ "wfi", 100, 800 * PS_PER_MS, 2, 5, 1, 1, 0.25, 2e-9, 0, 900000, false },
	{ "retention", 10, 400 * PS_PER_MS, 1, 0, 50, 200, 0.125, 4e-8, 312.5, 900000, true },
};
static struct pm_report_opp opps[] = {
	{ 48000000, 900000, 700 * PS_PER_MS, 3, 2, 1.5 },
	{ 96000000, 1000000, 300 * PS_PER_MS, 2, 2, 2.5 },
};
static uint64_t trans[] = { 0, 2, 2, 0 };
static struct pm_report_cpu cpus[] = { {
	.name = "cpu0",
	.busy = 300 * PS_PER_MS,
	.idle = 1200 * PS_PER_MS,
	.cycles = 14400000,
	.stall_cycles = 1200000,
	.instructions = 11000000,
	.cstates = cstates,
	.ncstates = 2,
	.opps = opps,
	.nopps = 2,
	.opp_transitions = 4,
	.opp_trans_table = trans,
} };
static struct pm_report_domain domains[] = {
	{ "pd_core", 1000 * PS_PER_MS, 200 * PS_PER_MS, 300 * PS_PER_MS, 2 },
	{ "pd_periph", 1500 * PS_PER_MS, 0, 0, 0 },
};
static struct pm_report_count wakeups[] = {
	{ "uart0", 3 }, { "timer0", 15 }, { "rtc", 15 },
};
static const char *diags[] = {
	"at 0.120000 s: cpu0 runs at 96000000 Hz with its supply at 900000 uV, below the "
	"1000000 uV its operating points need for that frequency",
	"at 0.950000 s: cpu0 powered off (suspend) with 3 dirty D-cache lines: their data is lost",
};

/* The thermal section of docs/report.md's example. */
static struct pm_report_thermal_node tnodes[] = {
	{ "die", { 25.0, 26.41, 27.9, 27.85 } },
	{ "package", { 25.0, 25.92, 26.8, 26.79 } },
	{ "board", { 25.0, 25.2, 25.4, 25.4 } },
};
static struct pm_report_trip ttrips[] = {
	{ "cpu-passive", "passive", 85.0, 2.0, 0 },
	{ "cpu-critical", "critical", 105.0, 0.0, 0 },
};
static struct pm_report_tzone tzones[] = {
	{ "cpu-thermal", "die", { 25.0, 26.41, 27.9, 27.85 }, ttrips, 2, false, 0 },
};
static struct pm_report_cdev tcdevs[] = { { "cpufreq-cpu0", 0, 0 } };

static struct pm_report fixture(void)
{
	struct pm_report r = {
		.soc = "pmsim test SoC",
		.image = "fw.elf",
		.outcome = "the guest exited with status 0",
		.exit_status = 0,
		.sim_time = 1500 * PS_PER_MS,
		.total_j = 12e-3,
		.components = components,
		.ncomponents = 4,
		.rails = rails,
		.nrails = 2,
		/* 500 mAh; 12 mJ + 1 mJ internal over 1.5 s. */
		.battery = { .present = true, .capacity_mah = 500, .start_percent = 80,
			     .end_percent = 79.999, .used_mah = 0.005, .used_percent = 0.001,
			     .min_v = 3.912, .cutoff_v = 3.0, .internal_j = 1e-3,
			     .avg_w = 13e-3 / 1.5, .life_remaining_s = 6000 * 3.6 / (13e-3 / 1.5),
			     .life_full_s = 7500 * 3.6 / (13e-3 / 1.5) },
		.cpus = cpus,
		.ncpus = 1,
		.domains = domains,
		.ndomains = 2,
		.dram = { true, 100 * PS_PER_MS, 200 * PS_PER_MS, 1200 * PS_PER_MS, 0, 4, 9, 1000, 500 },
		.wakeups = wakeups,
		.nwakeups = 3,
		.suspends = 1,
		.suspended = 500 * PS_PER_MS,
		.diagnostics = diags,
		.ndiagnostics = 2,
		.thermal = { true, 25.0, PS_PER_MS, tnodes, 3, tzones, 1, tcdevs, 1, false, NULL, 0,
			     0 },
		.host_seconds = 0.25,
		.host_mips = 123.4,
	};
	return r;
}

/* Output of a writer as a NUL-terminated string (caller frees). */
static char *render(const struct pm_report *r, unsigned flags, bool json, size_t *len)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	ck_assert_ptr_nonnull(f);
	if (json)
		ck_assert_int_eq(pm_report_json(f, r, flags), 0);
	else
		pm_report_text(f, r, flags);
	ck_assert_int_eq(fclose(f), 0);
	if (len)
		*len = n;
	return buf;
}

/* Whether `needle` (lower case) occurs in `hay` in any case. */
static bool has_ci(const char *hay, const char *needle)
{
	size_t n = strlen(needle);

	for (; *hay; hay++) {
		size_t i = 0;

		while (i < n && hay[i] && (hay[i] | 0x20) == needle[i])
			i++;
		if (i == n)
			return true;
	}
	return false;
}

static struct jv *render_json(const struct pm_report *r, unsigned flags, char **text)
{
	size_t n;
	char *s = render(r, flags, true, &n);
	struct jv *v = json_parse(s, n);

	if (text)
		*text = s;
	else
		free(s);
	return v;
}

/* ------------------------------------------------------------------------ */
/* JSON                                                                     */

START_TEST(json_complete_and_typed)
{
	struct pm_report r = fixture();
	struct jv *d = render_json(&r, 0, NULL), *e, *c, *v, *tt;

	JKEYS(d, "schema", "soc", "image", "outcome", "exit_status", "sim_time_s", "energy",
	      "cpus", "domains", "dram", "thermal", "wakeups", "wakeup_causes", "suspend",
	      "markers", "latency", "diagnostics", "coherency", "host");
	ck_assert_str_eq(jreq(d, "schema", J_STR)->str, PM_REPORT_SCHEMA);
	JKEYS(jreq(d, "coherency", J_OBJ), "mode", "counts", "events");
	ck_assert_str_eq(jreq(jreq(d, "coherency", J_OBJ), "mode", J_STR)->str, "off");
	ck_assert_str_eq(jreq(d, "soc", J_STR)->str, "pmsim test SoC");
	ck_assert_str_eq(jreq(d, "image", J_STR)->str, "fw.elf");
	ck_assert_str_eq(jreq(d, "outcome", J_STR)->str, "the guest exited with status 0");
	ck_assert_str_eq(jreq(d, "exit_status", J_NUM)->raw, "0");
	ck_assert_str_eq(jreq(d, "sim_time_s", J_NUM)->raw, "1.500000000000");

	e = jreq(d, "energy", J_OBJ);
	JKEYS(e, "total_j", "average_w", "by_component", "by_meter", "by_rail", "battery");
	ck_assert_str_eq(jreq(e, "total_j", J_NUM)->raw, "1.200000000e-02");
	ck_assert_str_eq(jreq(e, "average_w", J_NUM)->raw, "8.000000000e-03");
	v = jreq(e, "by_component", J_OBJ);
	/* In the order collected, not sorted: the run decides the order. */
	JKEYS(v, "uart0", "dram", "cpu0", "pll0");
	ck_assert_double_eq(jreq(v, "cpu0", J_NUM)->num, 6e-3);
	ck_assert_double_eq(jreq(v, "dram", J_NUM)->num, 3e-3);
	v = jreq(e, "by_rail", J_OBJ);
	JKEYS(v, "vdd_core", "vdd_io");
	struct jv *core = jreq(v, "vdd_core", J_OBJ);
	v = jreq(v, "vdd_io", J_OBJ);
	JKEYS(v, "microvolt", "out_j", "in_j", "efficiency", "capacitance_f", "mode", "average_a",
	      "curve_efficiency", "modes");
	ck_assert_str_eq(jreq(v, "microvolt", J_NUM)->raw, "3300000");
	ck_assert_double_eq(jreq(v, "out_j", J_NUM)->num, 1.8e-3);
	ck_assert_double_eq(jreq(v, "in_j", J_NUM)->num, 2e-3);
	ck_assert_double_eq_tol(jreq(v, "efficiency", J_NUM)->num, 0.9, 1e-9);
	jreq(v, "mode", J_NULL);
	jreq(v, "average_a", J_NULL);
	jreq(v, "curve_efficiency", J_NULL);
	ck_assert_uint_eq(jreq(v, "modes", J_OBJ)->n, 0);
	/* The buck: its mode, its curve at the average current, per mode. */
	ck_assert_str_eq(jreq(core, "mode", J_STR)->str, "auto");
	ck_assert_double_eq_tol(jreq(core, "average_a", J_NUM)->num, 9e-3 / 1.65, 1e-12);
	ck_assert_double_eq(jreq(core, "curve_efficiency", J_NUM)->num, 0.875);
	ck_assert_double_eq(jreq(core, "capacitance_f", J_NUM)->num, 22e-6);
	v = jreq(core, "modes", J_OBJ);
	JKEYS(v, "pwm", "pfm");
	JKEYS(jreq(v, "pwm", J_OBJ), "time_s", "loss_j");
	ck_assert_double_eq(jreq(jreq(v, "pfm", J_OBJ), "time_s", J_NUM)->num, 1.2);
	ck_assert_double_eq(jreq(jreq(v, "pwm", J_OBJ), "loss_j", J_NUM)->num, 0.6e-3);
	/* The battery. */
	v = jreq(e, "battery", J_OBJ);
	JKEYS(v, "capacity_mah", "start_percent", "end_percent", "used_mah", "used_percent", "min_v",
	      "cutoff_v", "internal_j", "average_w", "life_remaining_s", "life_full_s",
	      "browned_out");
	ck_assert_double_eq(jreq(v, "capacity_mah", J_NUM)->num, 500);
	ck_assert_double_eq(jreq(v, "internal_j", J_NUM)->num, 1e-3);
	ck_assert_double_eq_tol(jreq(v, "life_full_s", J_NUM)->num, 7500 * 3.6 * 1.5 / 13e-3,
				1e-3);
	jreq(v, "browned_out", J_BOOL);

	v = jreq(d, "cpus", J_ARR);
	ck_assert_uint_eq(v->n, 1);
	c = v->items[0];
	JKEYS(c, "name", "busy_s", "idle_s", "cycles", "stall_cycles", "instructions", "cstates",
	      "opps", "transitions", "trans_table");
	ck_assert_str_eq(jreq(c, "name", J_STR)->str, "cpu0");
	ck_assert_str_eq(jreq(c, "busy_s", J_NUM)->raw, "0.300000000000");
	ck_assert_str_eq(jreq(c, "idle_s", J_NUM)->raw, "1.200000000000");
	ck_assert_str_eq(jreq(c, "cycles", J_NUM)->raw, "14400000");
	ck_assert_str_eq(jreq(c, "stall_cycles", J_NUM)->raw, "1200000");
	ck_assert_str_eq(jreq(c, "instructions", J_NUM)->raw, "11000000");
	ck_assert_str_eq(jreq(c, "transitions", J_NUM)->raw, "4");
	v = jreq(c, "cstates", J_ARR);
	ck_assert_uint_eq(v->n, 2);
	JKEYS(v->items[1], "name", "usage", "time_s", "above", "below", "latency_us",
	      "residency_us", "energy_j", "transition_j", "break_even_us", "break_even_microvolt",
	      "break_even_disagrees");
	ck_assert_str_eq(jreq(v->items[1], "energy_j", J_NUM)->raw, "1.250000000e-01");
	ck_assert_str_eq(jreq(v->items[1], "transition_j", J_NUM)->raw, "4.000000000e-08");
	ck_assert_str_eq(jreq(v->items[1], "break_even_us", J_NUM)->raw, "3.125000000e+02");
	ck_assert_str_eq(jreq(v->items[1], "break_even_microvolt", J_NUM)->raw, "900000");
	ck_assert(jreq(v->items[1], "break_even_disagrees", J_BOOL)->b);
	ck_assert_str_eq(jreq(v->items[1], "name", J_STR)->str, "retention");
	ck_assert_str_eq(jreq(v->items[1], "usage", J_NUM)->raw, "10");
	ck_assert_str_eq(jreq(v->items[1], "time_s", J_NUM)->raw, "0.400000000000");
	ck_assert_str_eq(jreq(v->items[1], "above", J_NUM)->raw, "1");
	ck_assert_str_eq(jreq(v->items[1], "below", J_NUM)->raw, "0");
	ck_assert_str_eq(jreq(v->items[1], "latency_us", J_NUM)->raw, "50");
	ck_assert_str_eq(jreq(v->items[1], "residency_us", J_NUM)->raw, "200");
	v = jreq(c, "opps", J_ARR);
	ck_assert_uint_eq(v->n, 2);
	JKEYS(v->items[1], "hz", "microvolt", "time_s", "entries", "transitions", "energy_j");
	ck_assert_str_eq(jreq(v->items[1], "energy_j", J_NUM)->raw, "2.500000000e+00");
	ck_assert_str_eq(jreq(v->items[1], "hz", J_NUM)->raw, "96000000");
	ck_assert_str_eq(jreq(v->items[1], "microvolt", J_NUM)->raw, "1000000");
	ck_assert_str_eq(jreq(v->items[1], "time_s", J_NUM)->raw, "0.300000000000");
	ck_assert_str_eq(jreq(v->items[1], "entries", J_NUM)->raw, "2");
	ck_assert_str_eq(jreq(v->items[1], "transitions", J_NUM)->raw, "2");
	tt = jreq(c, "trans_table", J_ARR);
	ck_assert_uint_eq(tt->n, 2);
	for (unsigned i = 0; i < 2; i++) {
		ck_assert_int_eq(tt->items[i]->t, J_ARR);
		ck_assert_uint_eq(tt->items[i]->n, 2);
		for (unsigned j = 0; j < 2; j++) {
			ck_assert_int_eq(tt->items[i]->items[j]->t, J_NUM);
			ck_assert_double_eq(tt->items[i]->items[j]->num, (double)trans[i * 2 + j]);
		}
	}

	v = jreq(d, "domains", J_OBJ);
	JKEYS(v, "pd_core", "pd_periph");
	v = jreq(v, "pd_core", J_OBJ);
	JKEYS(v, "on_s", "retention_s", "off_s", "off_entries");
	ck_assert_str_eq(jreq(v, "retention_s", J_NUM)->raw, "0.200000000000");
	ck_assert_str_eq(jreq(v, "off_s", J_NUM)->raw, "0.300000000000");
	ck_assert_str_eq(jreq(v, "off_entries", J_NUM)->raw, "2");

	v = jreq(d, "dram", J_OBJ);
	JKEYS(v, "present", "time_s", "self_refresh_entries", "power_down_entries", "reads",
	      "writes");
	ck_assert(jreq(v, "present", J_BOOL)->b);
	ck_assert_str_eq(jreq(v, "self_refresh_entries", J_NUM)->raw, "4");
	ck_assert_str_eq(jreq(v, "power_down_entries", J_NUM)->raw, "9");
	ck_assert_str_eq(jreq(v, "reads", J_NUM)->raw, "1000");
	ck_assert_str_eq(jreq(v, "writes", J_NUM)->raw, "500");
	v = jreq(v, "time_s", J_OBJ);
	JKEYS(v, "active", "power_down", "self_refresh", "off");
	ck_assert_str_eq(jreq(v, "self_refresh", J_NUM)->raw, "1.200000000000");
	ck_assert_str_eq(jreq(v, "off", J_NUM)->raw, "0.000000000000");

	v = jreq(d, "thermal", J_OBJ);
	JKEYS(v, "present", "ambient_c", "step_s", "nodes", "zones", "throttled_s", "shutdown");
	ck_assert_str_eq(jreq(v, "step_s", J_NUM)->raw, "0.001000000000");
	ck_assert_str_eq(jreq(v, "ambient_c", J_NUM)->raw, "2.500000000e+01");
	JKEYS(jreq(v, "nodes", J_OBJ), "die", "package", "board");
	JKEYS(jreq(jreq(v, "nodes", J_OBJ), "die", J_OBJ), "min_c", "mean_c", "max_c", "final_c");
	ck_assert_str_eq(jreq(jreq(jreq(v, "nodes", J_OBJ), "die", J_OBJ), "max_c", J_NUM)->raw,
			 "2.790000000e+01");
	tt = jreq(jreq(v, "zones", J_OBJ), "cpu-thermal", J_OBJ);
	JKEYS(tt, "node", "min_c", "mean_c", "max_c", "final_c", "trips", "critical_crossed_s");
	ck_assert_str_eq(jreq(tt, "node", J_STR)->str, "die");
	jreq(tt, "critical_crossed_s", J_NULL);
	ck_assert_uint_eq(jreq(tt, "trips", J_ARR)->n, 2);
	ck_assert_str_eq(jreq(jreq(v, "throttled_s", J_OBJ), "cpufreq-cpu0", J_NUM)->raw,
			 "0.000000000000");
	jreq(v, "shutdown", J_NULL);

	v = jreq(d, "wakeups", J_OBJ);
	JKEYS(v, "uart0", "timer0", "rtc");
	ck_assert_str_eq(jreq(v, "timer0", J_NUM)->raw, "15");

	v = jreq(d, "suspend", J_OBJ);
	JKEYS(v, "count", "time_s", "cycles");
	ck_assert_str_eq(jreq(v, "count", J_NUM)->raw, "1");
	ck_assert_str_eq(jreq(v, "time_s", J_NUM)->raw, "0.500000000000");

	v = jreq(d, "diagnostics", J_ARR);
	ck_assert_uint_eq(v->n, 2);
	for (unsigned i = 0; i < 2; i++) {
		ck_assert_int_eq(v->items[i]->t, J_STR);
		ck_assert_str_eq(v->items[i]->str, diags[i]);
	}

	v = jreq(d, "host", J_OBJ);
	JKEYS(v, "seconds", "mips");
	ck_assert_double_eq(jreq(v, "seconds", J_NUM)->num, 0.25);
	ck_assert_double_eq_tol(jreq(v, "mips", J_NUM)->num, 123.4, 1e-9);
	jv_free(d);
}
END_TEST

START_TEST(json_no_trans_table_is_null)
{
	struct pm_report r = fixture();
	struct pm_report_cpu cpu = cpus[0];
	struct jv *d;

	cpu.opp_trans_table = NULL;
	r.cpus = &cpu;
	d = render_json(&r, 0, NULL);
	ck_assert_ptr_nonnull(jreq(jreq(d, "cpus", J_ARR)->items[0], "trans_table", J_NULL));
	jv_free(d);
}
END_TEST

START_TEST(json_escapes_hostile_strings)
{
	static const char soc[] = "q\"b\\s/\n\r\t\x01\x1f\x7f end";
	static const char utf8[] = "caf\xc3\xa9 \xc2\xb5" "J \xe2\x82\xac \xf0\x9f\x98\x80";
	/* Ill-formed: a stray byte, an overlong '/', a surrogate, a cut-off
	 * sequence. Each bad byte becomes one U+FFFD. */
	static const char bad[] = "\xff" "a\xc0\xaf" "b\xed\xa0\x80" "c\xe2\x82";
	static const char fffd[] = "\xef\xbf\xbd";
	struct pm_report_energy comp[] = { { "k\"ey\n", 1e-3 } };
	const char *diag[] = { "line one\nline two\x1b[31m" };
	struct pm_report r = fixture();
	char *text, want[64];
	struct jv *d;

	r.soc = soc;
	r.image = utf8;
	r.outcome = bad;
	r.components = comp;
	r.ncomponents = 1;
	r.diagnostics = diag;
	r.ndiagnostics = 1;
	d = render_json(&r, 0, &text);

	ck_assert_str_eq(jreq(d, "soc", J_STR)->str, soc);
	ck_assert_ptr_nonnull(strstr(text, "\"q\\\"b\\\\s/"
					   "\\u000a\\u000d\\u0009\\u0001\\u001f\\u007f end\""));
	/* Well-formed UTF-8 goes through as it is, not as escapes. */
	ck_assert_str_eq(jreq(d, "image", J_STR)->str, utf8);
	ck_assert_ptr_nonnull(strstr(text, utf8));
	snprintf(want, sizeof want, "%sa%s%sb%s%s%sc%s%s", fffd, fffd, fffd, fffd, fffd, fffd,
		 fffd, fffd);
	ck_assert_str_eq(jreq(d, "outcome", J_STR)->str, want);
	ck_assert_double_eq(jreq(jreq(jreq(d, "energy", J_OBJ), "by_component", J_OBJ),
				 "k\"ey\n", J_NUM)->num, 1e-3);
	ck_assert_str_eq(jreq(d, "diagnostics", J_ARR)->items[0]->str, diag[0]);
	ck_assert_ptr_nonnull(strstr(text, "\\u001b[31m"));
	free(text);
	jv_free(d);
}
END_TEST

/* The exact text of "sim_time_s" for a simulated time. */
static void check_sim_time(simtime_t t, const char *want)
{
	struct pm_report r = fixture();
	struct jv *d;
	char *text, line[64];

	r.sim_time = t;
	d = render_json(&r, PM_REPORT_NO_HOST, &text);
	ck_assert_str_eq(jreq(d, "sim_time_s", J_NUM)->raw, want);
	snprintf(line, sizeof line, "\n  \"sim_time_s\": %s,\n", want);
	ck_assert_ptr_nonnull(strstr(text, line));
	free(text);
	jv_free(d);
}

START_TEST(json_times_are_exact)
{
	check_sim_time(0, "0.000000000000");
	check_sim_time(1, "0.000000000001");
	check_sim_time(PS_PER_S, "1.000000000000");
	check_sim_time(PS_PER_S - 1, "0.999999999999");
	check_sim_time((simtime_t)1 << 63, "9223372.036854775808");
	check_sim_time(UINT64_MAX, "18446744.073709551615");
}
END_TEST

START_TEST(json_byte_identical_and_host_flag)
{
	struct pm_report a = fixture(), b = fixture();
	char *ta, *tb, *th;
	struct jv *d;

	/* Only the host figures differ; without them the bytes are equal. */
	b.host_seconds = 99.0;
	b.host_mips = 1.5;
	ta = render(&a, PM_REPORT_NO_HOST, true, NULL);
	tb = render(&b, PM_REPORT_NO_HOST, true, NULL);
	ck_assert_str_eq(ta, tb);
	free(tb);
	tb = render(&a, PM_REPORT_NO_HOST, true, NULL);
	ck_assert_str_eq(ta, tb);
	ck_assert_ptr_null(strstr(ta, "host"));
	d = json_parse(ta, strlen(ta));
	ck_assert_ptr_null(jget(d, "host"));
	ck_assert_ptr_nonnull(jget(d, "diagnostics"));
	jv_free(d);

	th = render(&b, 0, true, NULL);
	ck_assert_ptr_nonnull(strstr(th, "\"host\": {"));
	ck_assert_str_ne(th, ta);
	free(ta);
	free(tb);
	free(th);

	/* The text report: equal without the host section, which is last. */
	ta = render(&a, PM_REPORT_NO_HOST, false, NULL);
	tb = render(&b, PM_REPORT_NO_HOST, false, NULL);
	ck_assert_str_eq(ta, tb);
	ck_assert_ptr_null(strstr(ta, "host"));
	th = render(&b, 0, false, NULL);
	ck_assert_int_eq(strncmp(th, ta, strlen(ta)), 0);
	ck_assert_ptr_nonnull(strstr(th + strlen(ta), "---- host"));
	ck_assert_ptr_nonnull(strstr(th + strlen(ta), "99.000 s"));
	ck_assert_ptr_nonnull(strstr(th + strlen(ta), "1.5 MIPS"));
	free(ta);
	free(tb);
	free(th);
}
END_TEST

START_TEST(json_never_nan_or_inf)
{
	struct pm_report r = fixture();
	struct pm_report_energy comp[] = { { "cpu0", INFINITY }, { "dram", NAN } };
	struct pm_report_rail rail[] = {
		{ .name = "vdd", .microvolt = 1000000, .out_j = -INFINITY, .in_j = NAN }
	};
	char *text;
	struct jv *d, *e;

	r.total_j = NAN;
	r.components = comp;
	r.ncomponents = 2;
	r.rails = rail;
	r.nrails = 1;
	r.host_mips = INFINITY;
	d = render_json(&r, 0, &text);
	e = jreq(d, "energy", J_OBJ);
	jreq(e, "total_j", J_NULL);
	jreq(e, "average_w", J_NULL);
	jreq(jreq(e, "by_component", J_OBJ), "cpu0", J_NULL);
	jreq(jreq(e, "by_component", J_OBJ), "dram", J_NULL);
	jreq(jreq(jreq(e, "by_rail", J_OBJ), "vdd", J_OBJ), "in_j", J_NULL);
	jreq(jreq(d, "host", J_OBJ), "mips", J_NULL);
	ck_assert(!has_ci(text, "nan"));
	ck_assert(!has_ci(text, "inf"));
	free(text);
	jv_free(d);

	/* Negative zero prints as zero. */
	r = fixture();
	r.total_j = -0.0;
	d = render_json(&r, 0, &text);
	ck_assert_str_eq(jreq(jreq(d, "energy", J_OBJ), "total_j", J_NUM)->raw,
			 "0.000000000e+00");
	free(text);
	jv_free(d);

	text = render(&(struct pm_report){ .total_j = NAN, .components = comp, .ncomponents = 2 },
		      0, false, NULL);
	ck_assert(!has_ci(text, "nan"));
	ck_assert(!has_ci(text, "inf"));
	ck_assert_ptr_nonnull(strstr(text, "n/a"));
	free(text);
}
END_TEST

START_TEST(json_empty_report)
{
	struct pm_report r = { 0 };
	char *text;
	struct jv *d = render_json(&r, PM_REPORT_NO_HOST, &text), *e;

	jreq(d, "soc", J_NULL);
	jreq(d, "image", J_NULL);
	jreq(d, "outcome", J_NULL);
	ck_assert_str_eq(jreq(d, "sim_time_s", J_NUM)->raw, "0.000000000000");
	e = jreq(d, "energy", J_OBJ);
	/* No time: the average power is 0, not a division by zero. */
	ck_assert_str_eq(jreq(e, "average_w", J_NUM)->raw, "0.000000000e+00");
	ck_assert_uint_eq(jreq(e, "by_component", J_OBJ)->n, 0);
	ck_assert_uint_eq(jreq(d, "cpus", J_ARR)->n, 0);
	ck_assert(!jreq(jreq(d, "dram", J_OBJ), "present", J_BOOL)->b);
	ck_assert_ptr_nonnull(strstr(text, "\"cpus\": [],\n"));
	ck_assert_ptr_nonnull(strstr(text, "\"wakeups\": {},\n"));
	free(text);
	jv_free(d);

	text = render(&r, 0, false, NULL);
	ck_assert_ptr_nonnull(strstr(text, "\nAverage power:   -\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nDRAM: none\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nWake-ups: none\n"));
	free(text);
}
END_TEST

START_TEST(json_write_failure_is_reported)
{
	struct pm_report r = fixture();
	FILE *f = fopen("/dev/full", "w");

	ck_assert_ptr_nonnull(f);
	ck_assert_int_eq(pm_report_json(f, &r, 0), -1);
	fclose(f);
}
END_TEST

/* ------------------------------------------------------------------------ */
/* Text                                                                     */

/* The line that starts with `prefix` (after `from`), or a failure. */
static const char *line_at(const char *text, const char *prefix)
{
	const char *p = text;

	for (;;) {
		if (!strncmp(p, prefix, strlen(prefix)))
			return p;
		p = strchr(p, '\n');
		ck_assert_msg(p, "no line starting '%s' in:\n%s", prefix, text);
		p++;
	}
}

static char *line_copy(const char *line)
{
	return strndup(line, strcspn(line, "\n"));
}

/* The tenths of the first "NN.N %" in a line. */
static long line_percent(const char *line)
{
	const char *pct = strstr(line, " %");
	const char *start;
	long whole, tenth;

	ck_assert_ptr_nonnull(pct);
	ck_assert(pct < line + strcspn(line, "\n"));
	for (start = pct; start > line && start[-1] != ' '; start--)
		;
	ck_assert_int_eq(sscanf(start, "%ld.%ld", &whole, &tenth), 2);
	return whole * 10 + tenth;
}

/* The line starting with `prefix` contains `needle`. */
static bool line_has(const char *text, const char *prefix, const char *needle)
{
	char *l = line_copy(line_at(text, prefix));
	bool ok = strstr(l, needle) != NULL;

	free(l);
	return ok;
}

static void check_clean_lines(const char *text)
{
	size_t len = strlen(text);

	ck_assert_uint_gt(len, 0);
	ck_assert_int_eq(text[len - 1], '\n');
	ck_assert_ptr_null(strchr(text, '\t'));
	ck_assert_ptr_null(strchr(text, '\r'));
	for (const char *p = text; (p = strchr(p, '\n')); p++)
		ck_assert_msg(p == text || p[-1] != ' ', "trailing blank before byte %td",
			      p - text);
}

START_TEST(text_header_and_components)
{
	struct pm_report r = fixture();
	char *text = render(&r, PM_REPORT_NO_HOST, false, NULL);
	const char *p;
	static const char *const order[] = { "cpu0", "dram", "pll0", "uart0",
					     "conversion losses" };
	long sum = 0;

	check_clean_lines(text);
	ck_assert_ptr_nonnull(strstr(text, "\nSoC:             pmsim test SoC\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nSimulated time:  1.500000000000 s\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nEnergy:          12.000 mJ at the battery\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nAverage power:   8.000 mW\n"));

	/* Largest first, equal energies by name, the regulators' losses
	 * (battery total minus the components) last, then the total. */
	p = line_at(text, "Energy by component");
	for (unsigned i = 0; i < 5; i++) {
		char want[64];

		p = strchr(p, '\n') + 1;
		if (i == 0)
			p = strchr(p, '\n') + 1; /* column titles */
		snprintf(want, sizeof want, "  %s ", order[i]);
		ck_assert_msg(!strncmp(p, want, strlen(want)), "row %u is not %s", i, order[i]);
		sum += line_percent(p);
	}
	ck_assert_int_eq(sum, 1000);
	p = strchr(p, '\n') + 1;
	ck_assert_ptr_eq(p, line_at(p, "  total "));
	ck_assert_int_eq(line_percent(p), 1000);
	ck_assert(line_has(text, "  cpu0 ", " 6.000 mJ "));
	ck_assert_int_eq(line_percent(line_at(text, "  cpu0 ")), 500);
	ck_assert(line_has(text, "  cpu0 ", " 4.000 mW"));
	ck_assert(line_has(text, "  conversion losses ", " 1.000 mJ "));
	free(text);
}
END_TEST

/* Meters on no rail: the components add up to more than the battery. */
START_TEST(text_components_above_battery)
{
	struct pm_report r = fixture();
	char *text;

	r.total_j = 5e-3;
	text = render(&r, PM_REPORT_NO_HOST, false, NULL);
	check_clean_lines(text);
	ck_assert_ptr_null(strstr(text, "conversion losses"));
	ck_assert_int_eq(line_percent(line_at(text, "  cpu0 ")), 545); /* 6 of 11 */
	ck_assert(line_has(text, "  total ", " 11.000 mJ "));
	ck_assert_ptr_nonnull(strstr(text, "\n  (components exceed the battery total by 6.000 mJ: "
					   "meters on no rail)\n"));
	free(text);
}
END_TEST

START_TEST(text_rails_cpu_dram)
{
	struct pm_report r = fixture();
	char *text = render(&r, PM_REPORT_NO_HOST, false, NULL);
	char *l;

	check_clean_lines(text);
	l = line_copy(line_at(text, "  vdd_core "));
	ck_assert_ptr_nonnull(strstr(l, " 1.100 V "));
	ck_assert_ptr_nonnull(strstr(l, " 9.000 mJ "));
	ck_assert_ptr_nonnull(strstr(l, " 10.000 mJ "));
	ck_assert_ptr_nonnull(strstr(l, " 90.0 %"));
	free(l);

	ck_assert_ptr_nonnull(strstr(text, "\nCPU cpu0\n  busy 20.0 % (300.000 ms)   idle 80.0 % "
					   "(1.200 s)\n"));
	l = line_copy(line_at(text, "  wfi "));
	ck_assert_ptr_nonnull(strstr(l, " 100 "));
	ck_assert_ptr_nonnull(strstr(l, " 800.000 ms "));
	ck_assert_ptr_nonnull(strstr(l, " 53.3 % "));
	free(l);
	/* OPP residency and suspended time are a partition of the run:
	 * 46.7 + 20.0 + 33.3. */
	ck_assert_int_eq(line_percent(line_at(text, "  0 ")), 467);
	ck_assert_int_eq(line_percent(line_at(text, "  1 ")), 200);
	l = line_copy(line_at(text, "  suspended "));
	ck_assert_ptr_nonnull(strstr(l, " 500.000 ms "));
	ck_assert_int_eq(line_percent(l), 333);
	free(l);
	l = line_copy(line_at(text, "  1 "));
	ck_assert_ptr_nonnull(strstr(l, " 96.000 "));
	ck_assert_ptr_nonnull(strstr(l, " 1000 "));
	free(l);
	ck_assert_ptr_nonnull(strstr(text, "\n  OPP transitions: 4\n"));
	l = line_copy(line_at(text, "        48.000 "));
	ck_assert_str_eq(l, "        48.000           0           2");
	free(l);

	/* DRAM: 6.7 + 13.3 + 80.0 + 0.0 adds up to 100.0. */
	ck_assert_int_eq(line_percent(line_at(text, "  active ")), 67);
	ck_assert_int_eq(line_percent(line_at(text, "  power-down ")), 133);
	ck_assert_int_eq(line_percent(line_at(text, "  self-refresh ")), 800);
	ck_assert_int_eq(line_percent(line_at(text, "  off ")), 0);
	ck_assert_ptr_nonnull(strstr(text, "\n  self-refresh entries 4   power-down entries 9\n"));

	l = line_copy(line_at(text, "  pd_core "));
	ck_assert_ptr_nonnull(strstr(l, " 66.7 % "));
	ck_assert_ptr_nonnull(strstr(l, " 13.3 % "));
	ck_assert_ptr_nonnull(strstr(l, " 20.0 % "));
	free(l);
	ck_assert_ptr_nonnull(strstr(text, "\nSuspend: 1 entry, 500.000 ms suspended (33.3 % of "
					   "the run)\n"));
	ck_assert_ptr_nonnull(strstr(text, "\nDiagnostics (2)\n  - at 0.120000 s: cpu0 runs"));
	free(text);
}
END_TEST

START_TEST(text_wakeups_per_second)
{
	struct pm_report r = fixture();
	char *text = render(&r, PM_REPORT_NO_HOST, false, NULL);
	const char *p = line_at(text, "Wake-ups");
	char *l;

	/* Most frequent first, ties by name; 15 in 1.5 s is 10 per second. */
	p = strchr(p, '\n') + 1;
	ck_assert_ptr_eq(p, line_at(p, "  source "));
	p = strchr(p, '\n') + 1;
	ck_assert_ptr_eq(p, line_at(p, "  rtc "));
	l = line_copy(p);
	ck_assert_ptr_nonnull(strstr(l, " 15 "));
	ck_assert_int_eq(strcmp(l + strlen(l) - 6, " 10.00"), 0);
	free(l);
	p = strchr(p, '\n') + 1;
	ck_assert_ptr_eq(p, line_at(p, "  timer0 "));
	p = strchr(p, '\n') + 1;
	ck_assert_ptr_eq(p, line_at(p, "  uart0 "));
	l = line_copy(p);
	ck_assert_int_eq(strcmp(l + strlen(l) - 5, " 2.00"), 0);
	free(l);
	p = strchr(p, '\n') + 1;
	l = line_copy(line_at(p, "  total "));
	ck_assert_ptr_nonnull(strstr(l, " 33 "));
	ck_assert_int_eq(strcmp(l + strlen(l) - 6, " 22.00"), 0);
	free(l);
	free(text);
}
END_TEST

START_TEST(text_hostile_names_keep_lines)
{
	struct pm_report r = fixture();
	struct pm_report_energy comp[] = { { "evil\nFAKE line  ", 1e-3 }, { "tab\there", 1e-3 } };
	const char *diag[] = { "ends in blanks   " };
	char *text;

	r.soc = "soc\r\nSimulated time: 0 s";
	r.components = comp;
	r.ncomponents = 2;
	r.diagnostics = diag;
	r.ndiagnostics = 1;
	text = render(&r, 0, false, NULL);
	check_clean_lines(text);
	ck_assert_ptr_null(strstr(text, "\nFAKE"));
	ck_assert_ptr_nonnull(strstr(text, "\n  evil?FAKE line "));
	ck_assert_ptr_nonnull(strstr(text, "\n  tab?here "));
	ck_assert_ptr_nonnull(strstr(text, "\nSoC:             soc??Simulated time: 0 s\n"));
	ck_assert_ptr_nonnull(strstr(text, "\n  - ends in blanks\n"));
	free(text);
}
END_TEST

/* Byte offset of display column `col` in a UTF-8 line. */
static size_t col_offset(const char *l, unsigned col)
{
	size_t i = 0;

	for (unsigned c = 0; l[i] && c < col; c++)
		for (i++; ((unsigned char)l[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/* A C-state's time cell as the text report prints it. */
static char *cstate_time(simtime_t t)
{
	struct pm_report_cstate cs = { .name = "s", .time = t };
	struct pm_report_cpu cpu = { .name = "cpu0", .cstates = &cs, .ncstates = 1 };
	struct pm_report r = { .sim_time = PS_PER_S, .cpus = &cpu, .ncpus = 1 };
	char *text = render(&r, PM_REPORT_NO_HOST, false, NULL);
	char *l = line_copy(line_at(text, "  s "));
	char *out;

	/* The time cell: display columns 2 + 9 + 10 to 2 + 9 + 10 + 14. */
	l[col_offset(l, 35)] = 0;
	out = strdup(l + col_offset(l, 21));
	free(l);
	free(text);
	return out;
}

#define CHECK_CSTATE_TIME(t, want)                      \
	do {                                            \
		char *s_ = cstate_time(t);              \
		ck_assert_str_eq(s_, want);             \
		free(s_);                               \
	} while (0)

START_TEST(text_time_units)
{
	CHECK_CSTATE_TIME(0, "          0 ps");
	CHECK_CSTATE_TIME(999, "        999 ps");
	CHECK_CSTATE_TIME(1500, "      1.500 ns");
	CHECK_CSTATE_TIME(2 * PS_PER_US + 499, "      2.000 \u00b5s");
	CHECK_CSTATE_TIME(2 * PS_PER_US + 500, "      2.001 \u00b5s");
	/* Rounding up to 1000 of a unit moves to the next unit. */
	CHECK_CSTATE_TIME(PS_PER_MS - 1, "      1.000 ms");
	CHECK_CSTATE_TIME(PS_PER_S - 1, "       1.000 s");
}
END_TEST

/* Shares far beyond 100 % (inconsistent input) print, without overflow. */
/* docs/report.md's example is this writer's output for the fixture, with
 * the coherency checker's findings added: the first fenced block after
 * the heading "## The text report", byte for byte. */
static struct pm_report_coh_event doc_coh_events[] = {
	{ "dma-read-dirty", 40 * PS_PER_MS, 0, 0x60000040, 32, 0x00000a12, "fill_buffer", 0x1e,
	  false, 0, 0, NULL, 0 },
	{ "stale-read", 310 * PS_PER_MS, 1, 0x60001000, 64, 0x00000b40, "consume", 0x8, true,
	  300 * PS_PER_MS, 0x00000c20, "start_rx", 0x14 },
};

START_TEST(text_matches_the_documented_example)
{
	struct pm_report r = fixture();
	r.coherency = (struct pm_report_coherency){
		.mode = "report",
		.kinds = { "dma-read-dirty", "stale-read", "clobber", "lost-dirty" },
		.texts = { "DMA read memory under a line that is dirty in the D-cache (missing "
			   "clean before a transfer to the device)",
			   "the CPU read a cached line that DMA had overwritten in memory "
			   "(missing invalidate after a transfer from the device)",
			   "a dirty line was written back over data DMA had written (missing "
			   "invalidate before a transfer from the device)",
			   "dirty lines were lost when the core powered off (missing clean "
			   "before power-off)" },
		.counts = { 1, 2, 0, 0 },
		.events = doc_coh_events,
		.nevents = 2,
	};
	char *text = render(&r, 0, false, NULL);
	FILE *f = fopen(PMSIM_TEST_SRC_DIR "/docs/report.md", "r");
	ck_assert_ptr_nonnull(f);
	char *doc = NULL;
	size_t cap = 0;
	ssize_t n = getdelim(&doc, &cap, '\0', f);
	fclose(f);
	ck_assert_int_gt(n, 0);
	char *p = strstr(doc, "\n## The text report\n");
	ck_assert_ptr_nonnull(p);
	p = strstr(p, "\n```\n");
	ck_assert_ptr_nonnull(p);
	p += 5;
	char *end = strstr(p, "\n```\n");
	ck_assert_ptr_nonnull(end);
	end[1] = '\0';
	size_t at = 0;
	while (p[at] && p[at] == text[at])
		at++;
	ck_assert_msg(!p[at] && !text[at], "docs/report.md's example differs from the writer's "
		      "output at byte %zu (\"%.20s\"); the output is:\n%s", at, text + at, text);
	free(doc);
	free(text);
}
END_TEST

START_TEST(text_absurd_shares)
{
	struct pm_report_cstate cs = { .name = "s", .time = UINT64_MAX };
	struct pm_report_cpu cpu = { .name = "cpu0", .cstates = &cs, .ncstates = 1,
				     .busy = UINT64_MAX, .idle = UINT64_MAX };
	struct pm_report r = { .sim_time = 1, .cpus = &cpu, .ncpus = 1, .suspended = UINT64_MAX,
			       .total_j = 1.0 };
	char *text = render(&r, PM_REPORT_NO_HOST, false, NULL);

	check_clean_lines(text);
	/* Cells wider than their column still have a blank between them. */
	ck_assert(line_has(text, "  s ", " 0 18446744.074 s 1000000000000.0 % "));
	ck_assert(line_has(text, "  busy ", "busy 1000000000000.0 % (18446744.074 s)"));
	free(text);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("report");
	TCase *tc = tcase_create("json");

	tcase_add_test(tc, json_complete_and_typed);
	tcase_add_test(tc, json_no_trans_table_is_null);
	tcase_add_test(tc, json_escapes_hostile_strings);
	tcase_add_test(tc, json_times_are_exact);
	tcase_add_test(tc, json_byte_identical_and_host_flag);
	tcase_add_test(tc, json_never_nan_or_inf);
	tcase_add_test(tc, json_empty_report);
	tcase_add_test(tc, json_write_failure_is_reported);
	suite_add_tcase(s, tc);
	tc = tcase_create("text");
	tcase_add_test(tc, text_header_and_components);
	tcase_add_test(tc, text_components_above_battery);
	tcase_add_test(tc, text_rails_cpu_dram);
	tcase_add_test(tc, text_wakeups_per_second);
	tcase_add_test(tc, text_hostile_names_keep_lines);
	tcase_add_test(tc, text_time_units);
	tcase_add_test(tc, text_absurd_shares);
	tcase_add_test(tc, text_matches_the_documented_example);
	suite_add_tcase(s, tc);
	return check_run(s);
}
