/*
 * The timeline as CSV (docs/timeline.md "CSV"): power per track against
 * time, a row at every change.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "pm/tlformat.h"
#include "sim/csv.h"

/* ---- CSV --------------------------------------------------------------------- */

/* One row at every time some power track changes; each row's values hold
 * until the next row's time, the last until the end row. */
int tl_write_csv(const struct timeline *tl, FILE *f)
{
	size_t n = timeline_npower(tl);
	size_t *at = calloc(n ? n : 1, sizeof *at);
	if (!at)
		return -1;
	fputs("time_s", f);
	for (size_t i = 0; i < n; i++) {
		const struct tl_power *p = timeline_power(tl, i);
		char name[160];
		snprintf(name, sizeof name, "%s%s%s_W", tl_kind_name(p->kind),
			 p->kind == TL_TOTAL ? "" : ":", p->kind == TL_TOTAL ? "" : p->name);
		fputc(',', f);
		csv_write_field(f, name);
	}
	fputc('\n', f);
	for (;;) {
		simtime_t t = SIMTIME_NEVER;
		for (size_t i = 0; i < n; i++) {
			const struct tl_power *p = timeline_power(tl, i);
			if (at[i] < p->n && p->t[at[i]] < t)
				t = p->t[at[i]];
		}
		if (t == SIMTIME_NEVER)
			break;
		tl_put_seconds(f, t);
		for (size_t i = 0; i < n; i++) {
			const struct tl_power *p = timeline_power(tl, i);
			while (at[i] < p->n && p->t[at[i]] <= t)
				at[i]++;
			fprintf(f, ",%.9g", at[i] ? p->watts[at[i] - 1] : 0.0);
		}
		fputc('\n', f);
	}
	/* The end: where the last values stop holding. */
	tl_put_seconds(f, timeline_end(tl));
	for (size_t i = 0; i < n; i++) {
		const struct tl_power *p = timeline_power(tl, i);
		fprintf(f, ",%.9g", p->n ? p->watts[p->n - 1] : 0.0);
	}
	fputc('\n', f);
	free(at);
	return ferror(f) ? -1 : 0;
}
