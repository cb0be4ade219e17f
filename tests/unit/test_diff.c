/*
 * Comparing reports (front/diff.c): the headline figures of a report and
 * their names, and diff_reports on synthetic reports: within tolerance,
 * past it, figures added and removed, absolute against relative
 * tolerance by unit, and documents that are not reports.
 */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "front/diff.h"
#include "sim/json.h"
#include "check_run.h"

static struct json *parse(const char *text)
{
	struct err e = { "" };
	struct json *j = json_parse(text, strlen(text), &e);
	ck_assert_msg(j != NULL, "test report refused: %s", e.msg);
	return j;
}

/* A small report in the schema's shape; `extra` goes into by_component,
 * `usage` and `total_j` vary between the two sides of a test. */
static struct json *report(const char *total_j, const char *components, const char *usage)
{
	char text[4096];
	snprintf(text, sizeof text,
		 "{\"schema\": \"pmsim-report/2\", \"soc\": \"t\", \"sim_time_s\": 2.000000000000,"
		 " \"energy\": {\"total_j\": %s, \"average_w\": 5.000000000e-03,"
		 "  \"by_component\": {%s},"
		 "  \"by_rail\": {\"vdd_core\": {\"microvolt\": 1, \"out_j\": 1.0e-03, \"in_j\": 2.0e-03}}},"
		 " \"cpus\": [{\"name\": \"cpu0\", \"cstates\": [{\"name\": \"wfi\", \"usage\": %s,"
		 "   \"time_s\": 0.500000000000}], \"opps\": [{\"hz\": 48000000, \"time_s\": 2.0}]}],"
		 " \"domains\": {\"core\": {\"on_s\": 2.0, \"retention_s\": 0.0, \"off_s\": 0.0}},"
		 " \"dram\": {\"present\": false, \"time_s\": {\"active\": 0}},"
		 " \"suspend\": {\"count\": 0, \"time_s\": 0.0, \"cycles\": []},"
		 " \"markers\": {\"intervals\": []}}",
		 total_j, components, usage);
	return parse(text);
}

/* What diff_reports prints, and its result and *past. */
static char *diff(const struct json *a, const struct json *b, const struct diff_opts *o,
		  int *rc, unsigned *past)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	*past = 12345;
	*rc = diff_reports(a, b, o, f, past);
	fclose(f);
	return buf;
}

static bool has_line(const char *text, const char *start, const char *rest)
{
	for (const char *l = text; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
		size_t n = strcspn(l, "\n");
		if (!strncmp(l, start, strlen(start)) && n >= strlen(rest) &&
		    !strncmp(l + n - strlen(rest), rest, strlen(rest)))
			return true;
	}
	return false;
}

static void no_trailing_blanks(const char *text)
{
	for (const char *p = text; *p; p++)
		if (*p == '\n')
			ck_assert_msg(p == text || (p[-1] != ' ' && p[-1] != '\t'),
				      "a line ends in a blank:\n%s", text);
}

/* ---- report_headlines ---------------------------------------------------- */

struct names {
	char text[8192];
};

static void add_name(void *opaque, const char *name, double value)
{
	struct names *n = opaque;
	char line[256];
	snprintf(line, sizeof line, "%s=%g\n", name, value);
	strncat(n->text, line, sizeof n->text - strlen(n->text) - 1);
}

START_TEST(headline_names_in_documented_order)
{
	struct json *r = parse(
		"{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 4.0,"
		" \"energy\": {\"total_j\": 0.5, \"average_w\": 0.125,"
		"  \"by_component\": {\"cpu0\": 0.25, \"cpu0.icache\": 0.125, \"dram\": null},"
		"  \"by_rail\": {\"vdd_core\": {\"out_j\": 0.375, \"in_j\": 0.5}}},"
		" \"cpus\": [{\"name\": \"cpu0\", \"cstates\": [{\"name\": \"wfi\", \"usage\": 3,"
		"   \"time_s\": 1.5}, {\"name\": null, \"usage\": 1, \"time_s\": 0.5}],"
		"   \"opps\": [{\"hz\": 48000000, \"time_s\": 3.0}, {\"hz\": 96000000, \"time_s\": 1.0}]},"
		"  {\"name\": \"cpu1\", \"cstates\": [{\"name\": \"wfi\", \"usage\": 7, \"time_s\": 2.0}],"
		"   \"opps\": []}],"
		" \"domains\": {\"pd_core\": {\"on_s\": 3.0, \"retention_s\": 0.5, \"off_s\": 0.5,"
		"   \"off_entries\": 2}},"
		" \"dram\": {\"present\": true, \"time_s\": {\"active\": 1.0, \"power_down\": 1.0,"
		"   \"self_refresh\": 2.0, \"off\": 0.0}},"
		" \"wakeups\": {\"rtc\": 3},"
		" \"suspend\": {\"count\": 2, \"time_s\": 1.0, \"cycles\": ["
		"   {\"suspend_latency_s\": 0.01, \"resume_latency_s\": 0.002},"
		"   {\"suspend_latency_s\": 0.03, \"resume_latency_s\": null},"
		"   {\"suspend_latency_s\": 0.02, \"resume_latency_s\": 0.004}]},"
		" \"markers\": {\"intervals\": [{\"name\": \"suspend:mem\", \"count\": 2,"
		"   \"total_s\": 1.5, \"min_s\": 0.5, \"max_s\": 1.0, \"mean_s\": 0.75}]},"
		" \"some_future_key\": {\"total_j\": \"ignored\"}}");
	struct names n = { "" };
	ck_assert_int_eq(report_headlines(r, add_name, &n), 0);
	ck_assert_str_eq(n.text,
		"total_j=0.5\n"
		"avg_w=0.125\n"
		"sim_time_s=4\n"
		"energy.cpu0_j=0.25\n"
		"energy.cpu0.icache_j=0.125\n"
		"rail.vdd_core.out_j=0.375\n"
		"rail.vdd_core.in_j=0.5\n"
		"cstate.wfi.usage=3\n"
		"cstate.wfi.time_s=1.5\n"
		"cstate.#1.usage=1\n"
		"cstate.#1.time_s=0.5\n"
		"opp.48000000hz.time_s=3\n"
		"opp.96000000hz.time_s=1\n"
		"cpu1.cstate.wfi.usage=7\n"
		"cpu1.cstate.wfi.time_s=2\n"
		"domain.pd_core.on_s=3\n"
		"domain.pd_core.retention_s=0.5\n"
		"domain.pd_core.off_s=0.5\n"
		"dram.active_s=1\n"
		"dram.power_down_s=1\n"
		"dram.self_refresh_s=2\n"
		"dram.off_s=0\n"
		"suspend.count=2\n"
		"suspend.time_s=1\n"
		"suspend.cycles=3\n"
		"suspend.suspend_latency_min_s=0.01\n"
		"suspend.suspend_latency_mean_s=0.02\n"
		"suspend.suspend_latency_max_s=0.03\n"
		"suspend.resume_latency_min_s=0.002\n"
		"suspend.resume_latency_mean_s=0.003\n"
		"suspend.resume_latency_max_s=0.004\n"
		"interval.suspend:mem.count=2\n"
		"interval.suspend:mem.total_s=1.5\n"
		"interval.suspend:mem.min_s=0.5\n"
		"interval.suspend:mem.max_s=1\n");
	json_free(r);
}
END_TEST

START_TEST(headlines_of_a_minimal_report)
{
	/* A SoC without DRAM has no DRAM figures; missing sections none. */
	struct json *r = parse("{\"schema\": \"pmsim-report/1\", \"sim_time_s\": 1.0,"
			       " \"dram\": {\"present\": false, \"time_s\": {\"active\": 0.0}}}");
	struct names n = { "" };
	ck_assert_int_eq(report_headlines(r, add_name, &n), 0);
	ck_assert_str_eq(n.text, "sim_time_s=1\n");
	json_free(r);
}
END_TEST

static const char *check_msg(const char *text)
{
	static struct err e;
	struct json *j = parse(text);
	strcpy(e.msg, "(none)");
	ck_assert_int_eq(report_check(j, &e), -1);
	struct names n = { "" };
	ck_assert_int_eq(report_headlines(j, add_name, &n), -1);
	ck_assert_str_eq(n.text, "");
	json_free(j);
	return e.msg;
}

START_TEST(not_a_report)
{
	ck_assert_str_eq(check_msg("[1]"), "not a pmsim report: the document is an array, not an "
			 "object");
	ck_assert_str_eq(check_msg("{\"energy\": {}}"), "not a pmsim report: it has no \"schema\"");
	ck_assert_str_eq(check_msg("{\"schema\": 2}"), "not a pmsim report: its \"schema\" is a "
			 "number, not a string");
	ck_assert_str_eq(check_msg("{\"schema\": \"pmsim-manifest/1\"}"), "not a pmsim report: its "
			 "schema is \"pmsim-manifest/1\", not pmsim-report/N");
	ck_assert_str_eq(check_msg("{\"schema\": \"pmsim-report/2\", \"energy\": "
				   "{\"total_j\": \"1\"}}"),
			 "malformed pmsim report: energy.total_j is a string, not a number");
	ck_assert_str_eq(check_msg("{\"schema\": \"pmsim-report/2\", \"energy\": {\"by_rail\": "
				   "{\"vdd\": {\"in_j\": true}}}}"),
			 "malformed pmsim report: energy.by_rail.vdd.in_j is a boolean, not a number");
	ck_assert_str_eq(check_msg("{\"schema\": \"pmsim-report/2\", \"cpus\": [{}, "
				   "{\"cstates\": [{\"name\": \"wfi\", \"usage\": [] }]}]}"),
			 "malformed pmsim report: cpus[1].cstates[0].usage is an array, not a number");
	ck_assert_str_eq(check_msg("{\"schema\": \"pmsim-report/2\", \"cpus\": [{\"opps\": "
				   "[{\"hz\": 1.5e6}]}]}"),
			 "malformed pmsim report: cpus[0].opps[0].hz is not a whole number of hertz");
	ck_assert_str_eq(check_msg("{\"schema\": \"pmsim-report/2\", \"markers\": [] }"),
			 "malformed pmsim report: markers is an array, not an object");

	/* diff_reports prints nothing for a document that is not a report. */
	struct json *a = report("1.0e-02", "\"cpu0\": 1.0e-03", "10"), *b = parse("{}");
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	char *out = diff(a, b, &o, &rc, &past);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "");
	free(out);
	out = diff(b, a, &o, &rc, &past);
	ck_assert_int_eq(rc, -1);
	ck_assert_str_eq(out, "");
	free(out);
	json_free(a);
	json_free(b);
}
END_TEST

/* ---- diff_reports ----------------------------------------------------------- */

START_TEST(same_report_nothing_listed)
{
	struct json *a = report("1.0e-02", "\"cpu0\": 1.0e-03, \"dram\": 2.0e-03", "10");
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	char *out = diff(a, a, &o, &rc, &past);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(past, 0);
	ck_assert_str_eq(out, "16 figures compared, 0 past tolerance\n");
	free(out);
	/* --all lists every figure, unchanged ones with a zero delta. */
	o.all = true;
	out = diff(a, a, &o, &rc, &past);
	ck_assert(has_line(out, "figure ", "  delta  delta %"));
	ck_assert(has_line(out, "total_j ", "  0.01      0    0.00%"));
	ck_assert(has_line(out, "opp.48000000hz.time_s ", "  2      0    0.00%"));
	ck_assert(has_line(out, "16 figures compared, 0 past tolerance", ""));
	no_trailing_blanks(out);
	free(out);
	json_free(a);
}
END_TEST

START_TEST(within_and_past_tolerance)
{
	/* total_j +0.5 %: changed, within the 1 % default; cpu0 +2 %: past. */
	struct json *a = report("1.0e-02", "\"cpu0\": 1.0e-03, \"dram\": 2.0e-03", "10"),
		    *b = report("1.005e-02", "\"cpu0\": 1.02e-03, \"dram\": 2.0e-03", "10");
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	char *out = diff(a, b, &o, &rc, &past);
	ck_assert_int_eq(rc, 0);
	ck_assert_uint_eq(past, 1);
	ck_assert_str_eq(out,
		"figure           old      new   delta  delta %\n"
		"total_j         0.01  0.01005  +5e-05   +0.50%\n"
		"energy.cpu0_j  0.001  0.00102  +2e-05   +2.00%  *\n"
		"16 figures compared, 1 past tolerance\n");
	free(out);
	/* A looser tolerance lets it pass; a tighter one fails both. */
	o.rel = 0.05;
	free(diff(a, b, &o, &rc, &past));
	ck_assert_uint_eq(past, 0);
	o.rel = 0.001;
	free(diff(a, b, &o, &rc, &past));
	ck_assert_uint_eq(past, 2);
	/* Decreases too. */
	o.rel = 0.01;
	out = diff(b, a, &o, &rc, &past);
	ck_assert_uint_eq(past, 1);
	ck_assert(has_line(out, "energy.cpu0_j ", "-2e-05   -1.96%  *"));
	free(out);
	json_free(a);
	json_free(b);
}
END_TEST

START_TEST(added_and_removed_figures)
{
	struct json *a = report("1.0e-02", "\"cpu0\": 1.0e-03, \"uart0\": 4.0e-04", "10"),
		    *b = report("1.0e-02", "\"cpu0\": 1.0e-03, \"dma\": 0, \"uart0\": 4.0e-04", "10"),
		    *c = report("1.0e-02", "\"uart0\": 4.0e-04", "10");
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	char *out = diff(a, b, &o, &rc, &past);
	ck_assert_uint_eq(past, 1);
	ck_assert_str_eq(out,
		"figure        old  new  delta  delta %\n"
		"energy.dma_j    -    0      -        -  * added\n"
		"17 figures compared, 1 past tolerance\n");
	free(out);
	out = diff(b, c, &o, &rc, &past);
	ck_assert_uint_eq(past, 2);
	ck_assert_str_eq(out,
		"figure           old  new  delta  delta %\n"
		"energy.cpu0_j  0.001    -      -        -  * removed\n"
		"energy.dma_j       0    -      -        -  * removed\n"
		"17 figures compared, 2 past tolerance\n");
	free(out);
	/* No tolerance excuses a figure that one report lacks. */
	o.rel = 1e9;
	o.abs_energy = 1e9;
	free(diff(c, a, &o, &rc, &past));
	ck_assert_uint_eq(past, 1);
	json_free(a);
	json_free(b);
	json_free(c);
}
END_TEST

START_TEST(absolute_and_relative_tolerance_by_unit)
{
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	/* From 0 no relative tolerance helps: an energy within 1 nJ passes,
	 * a count must be equal. */
	struct json *a = report("1.0e-02", "\"dma\": 0", "0"),
		    *b = report("1.0e-02", "\"dma\": 9.0e-10", "0"),
		    *c = report("1.0e-02", "\"dma\": 2.0e-09", "0"),
		    *d = report("1.0e-02", "\"dma\": 0", "1");
	free(diff(a, b, &o, &rc, &past));
	ck_assert_uint_eq(past, 0);
	char *out = diff(a, c, &o, &rc, &past);
	ck_assert_uint_eq(past, 1);
	ck_assert(has_line(out, "energy.dma_j ", "  0  2e-09  +2e-09        -  *"));
	free(out);
	o.abs_energy = 1e-8;
	free(diff(a, c, &o, &rc, &past));
	ck_assert_uint_eq(past, 0);
	out = diff(a, d, &o, &rc, &past);
	ck_assert_uint_eq(past, 1);
	ck_assert(has_line(out, "cstate.wfi.usage ", "  0    1     +1        -  *"));
	free(out);
	json_free(a);
	json_free(b);
	json_free(c);
	json_free(d);

	/* A count within --rel passes: 100 to 101 is 1 %. */
	o = (struct diff_opts)DIFF_OPTS_DEFAULT;
	a = report("1.0e-02", "", "100");
	b = report("1.0e-02", "", "101");
	free(diff(a, b, &o, &rc, &past));
	ck_assert_uint_eq(past, 0);
	o.rel = 0;
	free(diff(a, b, &o, &rc, &past));
	ck_assert_uint_eq(past, 1);
	json_free(a);
	json_free(b);

	/* Times: within 1 ns of each other pass, whatever --rel says. */
	o = (struct diff_opts)DIFF_OPTS_DEFAULT;
	o.rel = 0;
	a = parse("{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 1.000000000000}");
	b = parse("{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 1.000000000001}");
	c = parse("{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 1.000000002000}");
	out = diff(a, b, &o, &rc, &past);
	ck_assert_uint_eq(past, 0);
	ck_assert(has_line(out, "sim_time_s ", "  1  1.000000000001  +1e-12   +0.00%"));
	free(out);
	free(diff(a, c, &o, &rc, &past));
	ck_assert_uint_eq(past, 1);
	o.abs_time = 1e-8;
	free(diff(a, c, &o, &rc, &past));
	ck_assert_uint_eq(past, 0);
	json_free(a);
	json_free(b);
	json_free(c);

	/* The average power's absolute tolerance is --abs-energy over the
	 * old run's time: 1e-9 J over 2 s is 5e-10 W. */
	o = (struct diff_opts)DIFF_OPTS_DEFAULT;
	o.rel = 0;
	a = parse("{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 2.0, "
		  "\"energy\": {\"average_w\": 1.0}}");
	b = parse("{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 2.0, "
		  "\"energy\": {\"average_w\": 1.0000000004}}");
	c = parse("{\"schema\": \"pmsim-report/2\", \"sim_time_s\": 2.0, "
		  "\"energy\": {\"average_w\": 1.0000000006}}");
	free(diff(a, b, &o, &rc, &past));
	ck_assert_uint_eq(past, 0);
	free(diff(a, c, &o, &rc, &past));
	ck_assert_uint_eq(past, 1);
	json_free(a);
	json_free(b);
	json_free(c);
}
END_TEST

START_TEST(repeated_and_reordered_names)
{
	/* Two idle states of one name are matched first with first. */
	struct json *a = parse("{\"schema\": \"pmsim-report/2\", \"cpus\": [{\"cstates\": ["
			       "{\"name\": \"s\", \"usage\": 1}, {\"name\": \"s\", \"usage\": 2}]}],"
			       " \"domains\": {\"a\": {\"on_s\": 1}, \"b\": {\"on_s\": 2}}}");
	struct json *b = parse("{\"schema\": \"pmsim-report/2\", \"cpus\": [{\"cstates\": ["
			       "{\"name\": \"s\", \"usage\": 1}, {\"name\": \"s\", \"usage\": 3},"
			       " {\"name\": \"s\", \"usage\": 4}]}],"
			       " \"domains\": {\"b\": {\"on_s\": 2}, \"a\": {\"on_s\": 1}}}");
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	char *out = diff(a, b, &o, &rc, &past);
	ck_assert_str_eq(out,
		"figure          old  new  delta  delta %\n"
		"cstate.s.usage    2    3     +1  +50.00%  *\n"
		"cstate.s.usage    -    4      -        -  * added\n"
		"5 figures compared, 2 past tolerance\n");
	free(out);
	json_free(a);
	json_free(b);
}
END_TEST

START_TEST(hostile_names_do_not_break_the_table)
{
	struct json *a = report("1.0e-02", "\"bad\\nname\\u0001\": 1", "1"),
		    *b = report("1.0e-02", "\"bad\\nname\\u0001\": 2", "1");
	struct diff_opts o = DIFF_OPTS_DEFAULT;
	int rc;
	unsigned past;
	char *out = diff(a, b, &o, &rc, &past);
	ck_assert(has_line(out, "energy.bad?name?_j ", "  *"));
	no_trailing_blanks(out);
	free(out);
	json_free(a);
	json_free(b);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("diff");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, headline_names_in_documented_order);
	tcase_add_test(tc, headlines_of_a_minimal_report);
	tcase_add_test(tc, not_a_report);
	tcase_add_test(tc, same_report_nothing_listed);
	tcase_add_test(tc, within_and_past_tolerance);
	tcase_add_test(tc, added_and_removed_figures);
	tcase_add_test(tc, absolute_and_relative_tolerance_by_unit);
	tcase_add_test(tc, repeated_and_reordered_names);
	tcase_add_test(tc, hostile_names_do_not_break_the_table);
	suite_add_tcase(s, tc);
	return check_run(s);
}
