/*
 * `pmsim sweep FILE.lua`: one scenario over the cross product of its
 * parameters (docs/scenarios.md, "Sweeps").
 *
 * A sweep is a folder: manifest.json (the scenario, the options, every
 * point and its parameters), points/NNNN/ (each point's report.json,
 * result.json, console and log), and, once collected, sweep.csv (one row
 * per point: its parameters, its outcome, every headline figure of its
 * report and its budgets) and sweep.json (all of that, with each report
 * whole). Run locally, the points go to the process pool; with
 * --emit-slurm the folder gets a Slurm job-array script whose task i runs
 * `pmsim sweep --point i`, and `pmsim sweep --collect DIR` gathers the
 * results into the same CSV and JSON the local run writes.
 */
#define _DEFAULT_SOURCE
#include "front/sweep.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "front/cliopt.h"
#include "front/diff.h"
#include "front/pool.h"
#include "front/scenario.h"
#include "sim/err.h"
#include "sim/hostio.h"
#include "sim/json.h"
#include "sim/machine.h"
#include "sim/csv.h"

#define MANIFEST_SCHEMA "pmsim-sweep-manifest/1"
#define SWEEP_SCHEMA "pmsim-sweep/1"

struct sweep {
	struct scenario_opts so;   /* the options every point gets */
	char script[PATH_MAX];     /* absolute */
	char dir[PATH_MAX];        /* the sweep's folder, absolute */
	struct scenario_param *p;  /* the parameters, restricted by -p */
	unsigned np;
	size_t points;
	unsigned jobs;
	/* argv of the options to pass on (Slurm's command line). */
	char **pass;
	unsigned npass;
	bool progress;
	double t0;
	size_t done, failed;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* The value index of each parameter at point `pt` (the last fastest). */
static void point_index(const struct sweep *w, size_t pt, size_t *idx)
{
	for (unsigned k = w->np; k-- > 0;) {
		idx[k] = pt % w->p[k].nvalues;
		pt /= w->p[k].nvalues;
	}
}

static void point_dir(const struct sweep *w, size_t pt, char *out, size_t len)
{
	fmt_path(out, len, "%s/points/%04zu", w->dir, pt);
}

static int mkdirs(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *q = buf + 1; *q; q++) {
		if (*q != '/')
			continue;
		*q = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST)
			return -1;
		*q = '/';
	}
	return mkdir(buf, 0777) && errno != EEXIST ? -1 : 0;
}

/* ---- one point ------------------------------------------------------------------ */

static int run_point(struct sweep *w, size_t pt)
{
	char out[PATH_MAX];
	point_dir(w, pt, out, sizeof out);
	if (mkdirs(out)) {
		fprintf(stderr, "pmsim: cannot create %s: %s\n", out, strerror(errno));
		return EXIT_CANTCREATE;
	}
	struct scenario_opts o = w->so;
	o.path = w->script;
	o.output = out;
	o.quiet = true;
	o.nparams = 0;
	size_t idx[SCENARIO_MAX_PARAMS];
	point_index(w, pt, idx);
	for (unsigned k = 0; k < w->np; k++) {
		o.param_names[o.nparams] = w->p[k].name;
		o.param_values[o.nparams++] = w->p[k].values[idx[k]];
	}
	struct scenario_result *r = calloc(1, sizeof *r);
	if (!r)
		return EXIT_INTERNAL;
	/* It leaves result.json and report.json in its folder. */
	int st = scenario_run(&o, r);
	free(r);
	return st;
}

/* In a child of the pool: the point's log is its output. */
static int job(void *ctx, size_t pt, int fd)
{
	struct sweep *w = ctx;
	char out[PATH_MAX], log[PATH_MAX + 16];
	point_dir(w, pt, out, sizeof out);
	mkdirs(out);
	snprintf(log, sizeof log, "%s/log.txt", out);
	if (!freopen(log, "w", stdout) || dup2(fileno(stdout), STDERR_FILENO) < 0)
		return EXIT_CANTCREATE;
	int st = run_point(w, pt);
	unsigned char b = st == SCENARIO_PASS ? 0 : 1;
	if (write(fd, &b, 1) != 1)
		return EXIT_INTERNAL;
	return st > 255 ? 255 : st;
}

static void show_progress(struct sweep *w, bool last)
{
	if (w->progress)
		pool_progress(w->done, w->points, w->failed, now_s() - w->t0, last);
}

static void done(void *ctx, size_t pt, const void *data, size_t len, int wstatus,
		 double host_s)
{
	struct sweep *w = ctx;
	w->done++;
	if (len != 1 || *(const unsigned char *)data)
		w->failed++;
	show_progress(w, false);
}

/* ---- manifest -------------------------------------------------------------------- */

static int write_manifest(struct sweep *w, struct err *e)
{
	char path[PATH_MAX + 16];
	snprintf(path, sizeof path, "%s/manifest.json", w->dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return errf(e, "cannot create %s: %s", path, strerror(errno)), EXIT_CANTCREATE;
	fprintf(f, "{\n  \"schema\": \"%s\",\n  \"scenario\": ", MANIFEST_SCHEMA);
	json_write_string(f, w->script);
	fprintf(f, ",\n  \"options\": [");
	for (unsigned i = 0; i < w->npass; i++) {
		fprintf(f, "%s", i ? ", " : "");
		json_write_string(f, w->pass[i]);
	}
	fprintf(f, "],\n  \"params\": [");
	for (unsigned k = 0; k < w->np; k++) {
		fprintf(f, "%s", k ? ", " : "");
		json_write_string(f, w->p[k].name);
	}
	fprintf(f, "],\n  \"points\": [\n");
	size_t idx[SCENARIO_MAX_PARAMS];
	for (size_t pt = 0; pt < w->points; pt++) {
		point_index(w, pt, idx);
		fprintf(f, "    { \"index\": %zu, \"params\": {", pt);
		for (unsigned k = 0; k < w->np; k++) {
			fprintf(f, "%s", k ? ", " : " ");
			json_write_string(f, w->p[k].name);
			fprintf(f, ": ");
			json_write_string(f, w->p[k].values[idx[k]]);
		}
		fprintf(f, " } }%s\n", pt + 1 < w->points ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
	if (ferror(f) | fclose(f))
		return errf(e, "cannot write %s", path), EXIT_CANTCREATE;
	return 0;
}

/* Read a file under the sweep's folder whole (NUL-terminated). */
static char *slurp(const char *path, size_t *len)
{
	void *buf = NULL;
	struct err e = { "" };
	struct hostio_id id;
	if (hostio_read(path, 1u << 28, &buf, len, &id, &e))
		return NULL;
	char *s = realloc(buf, *len + 1);
	if (!s) {
		free(buf);
		return NULL;
	}
	s[*len] = '\0';
	return s;
}

/* ---- collecting -------------------------------------------------------------------- */

struct columns {
	char **names;
	size_t n, cap;
};

struct row {
	double *v;      /* by column; NAN = none */
};

static long column(struct columns *c, const char *name)
{
	for (size_t i = 0; i < c->n; i++)
		if (!strcmp(c->names[i], name))
			return (long)i;
	if (c->n == c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 64;
		char **nn = realloc(c->names, nc * sizeof *nn);
		if (!nn)
			return -1;
		c->names = nn;
		c->cap = nc;
	}
	c->names[c->n] = strdup(name);
	return c->names[c->n] ? (long)c->n++ : -1;
}

struct headline_ctx {
	struct columns *cols;
	double *vals;       /* grows with the columns */
	size_t nvals;
	bool nomem;
};

static void on_headline(void *opaque, const char *name, double value)
{
	struct headline_ctx *h = opaque;
	long c = column(h->cols, name);
	if (c < 0) {
		h->nomem = true;
		return;
	}
	if ((size_t)c >= h->nvals) {
		size_t nn = (size_t)c + 64;
		double *nv = realloc(h->vals, nn * sizeof *nv);
		if (!nv) {
			h->nomem = true;
			return;
		}
		for (size_t i = h->nvals; i < nn; i++)
			nv[i] = NAN;
		h->vals = nv;
		h->nvals = nn;
	}
	h->vals[c] = value;
}

/* Gather every point's result into sweep.csv and sweep.json. Returns 0
 * if every point passed, 1 if some did not, or an exit status. */
static int collect(const char *dir)
{
	char path[PATH_MAX + 32];
	snprintf(path, sizeof path, "%s/manifest.json", dir);
	size_t len;
	char *text = slurp(path, &len);
	if (!text) {
		fprintf(stderr, "pmsim: %s: cannot read the sweep's manifest\n", path);
		return EXIT_NOINPUT;
	}
	struct err e = { "" };
	struct json *man = json_parse(text, len, &e);
	free(text);
	const struct json *schema = man ? json_get(man, "schema") : NULL;
	const struct json *pts = man ? json_get(man, "points") : NULL;
	const struct json *names = man ? json_get(man, "params") : NULL;
	if (!man || !schema || !json_str(schema) || strcmp(json_str(schema), MANIFEST_SCHEMA) ||
	    !pts || json_type(pts) != JSON_ARRAY || !names || json_type(names) != JSON_ARRAY) {
		fprintf(stderr, "pmsim: %s: not a sweep manifest (%s)\n", path,
			man ? "schema " MANIFEST_SCHEMA " expected" : e.msg);
		json_free(man);
		return EXIT_BADINPUT;
	}
	size_t n = json_len(pts), np = json_len(names);
	struct columns cols = { 0 };
	double **rows = calloc(n ? n : 1, sizeof *rows);
	size_t *rowlen = calloc(n ? n : 1, sizeof *rowlen);
	char **status = calloc(n ? n : 1, sizeof *status);
	char **reports = calloc(n ? n : 1, sizeof *reports);
	char **results = calloc(n ? n : 1, sizeof *results);
	int rc = rows && rowlen && status && reports && results ? 0 : EXIT_INTERNAL;
	size_t failed = 0, missing = 0;
	for (size_t i = 0; !rc && i < n; i++) {
		char pdir[PATH_MAX + 16];
		snprintf(pdir, sizeof pdir, "%s/points/%04zu", dir, i);
		/* The result: its outcome. */
		snprintf(path, sizeof path, "%s/result.json", pdir);
		results[i] = slurp(path, &len);
		struct json *res = results[i] ? json_parse(results[i], len, &e) : NULL;
		const struct json *st = res ? json_get(res, "status") : NULL;
		status[i] = strdup(st && json_str(st) ? json_str(st) : "missing");
		if (!res) {
			missing++;
			free(results[i]);
			results[i] = NULL;
		}
		if (!st || !json_str(st) || strcmp(json_str(st), "pass"))
			failed++;
		struct headline_ctx h = { .cols = &cols };
		const struct json *sim = res ? json_get(res, "sim_seconds") : NULL;
		if (sim)
			on_headline(&h, "sim_seconds", json_num(sim));
		/* Its report's headline figures, then its budgets. */
		snprintf(path, sizeof path, "%s/report.json", pdir);
		reports[i] = slurp(path, &len);
		struct json *rep = reports[i] ? json_parse(reports[i], len, &e) : NULL;
		if (rep)
			report_headlines(rep, on_headline, &h);
		else {
			free(reports[i]);
			reports[i] = NULL;
		}
		const struct json *b = res ? json_get(res, "budgets") : NULL;
		for (size_t k = 0; b && k < json_len(b); k++) {
			const struct json *bn = json_get(json_at(b, k), "name");
			const struct json *bv = json_get(json_at(b, k), "value");
			if (bn && bv && json_str(bn)) {
				char name[160];
				snprintf(name, sizeof name, "budget.%s", json_str(bn));
				on_headline(&h, name, json_num(bv));
			}
		}
		json_free(rep);
		json_free(res);
		if (h.nomem || !status[i])
			rc = EXIT_INTERNAL;
		rows[i] = h.vals;
		rowlen[i] = h.nvals;
	}
	/* sweep.csv */
	FILE *csv = NULL, *js = NULL;
	char csvp[PATH_MAX + 16], jsp[PATH_MAX + 16];
	snprintf(csvp, sizeof csvp, "%s/sweep.csv", dir);
	snprintf(jsp, sizeof jsp, "%s/sweep.json", dir);
	if (!rc && (!(csv = fopen(csvp, "w")) || !(js = fopen(jsp, "w")))) {
		fprintf(stderr, "pmsim: cannot create %s: %s\n", csv ? jsp : csvp, strerror(errno));
		rc = EXIT_CANTCREATE;
	}
	if (!rc) {
		fprintf(csv, "point");
		for (size_t k = 0; k < np; k++) {
			fputc(',', csv);
			csv_write_field(csv, json_str(json_at(names, k)) ? json_str(json_at(names, k)) : "");
		}
		fprintf(csv, ",status");
		for (size_t c = 0; c < cols.n; c++) {
			fputc(',', csv);
			csv_write_field(csv, cols.names[c]);
		}
		fputc('\n', csv);
		for (size_t i = 0; i < n; i++) {
			const struct json *pp = json_get(json_at(pts, i), "params");
			fprintf(csv, "%zu", i);
			for (size_t k = 0; k < np; k++) {
				const struct json *v = pp ? json_get(pp, json_str(json_at(names, k))) : NULL;
				fputc(',', csv);
				csv_write_field(csv, v && json_str(v) ? json_str(v) : "");
			}
			fprintf(csv, ",%s", status[i]);
			for (size_t c = 0; c < cols.n; c++) {
				double v = c < rowlen[i] ? rows[i][c] : NAN;
				if (isnan(v))
					fprintf(csv, ",");
				else
					fprintf(csv, ",%.9g", v);
			}
			fputc('\n', csv);
		}
		/* sweep.json: the manifest's points with each result and report. */
		fprintf(js, "{\n  \"schema\": \"%s\",\n  \"scenario\": ", SWEEP_SCHEMA);
		const struct json *sc = json_get(man, "scenario");
		json_write_string(js, sc && json_str(sc) ? json_str(sc) : "");
		fprintf(js, ",\n  \"params\": [");
		for (size_t k = 0; k < np; k++) {
			fprintf(js, "%s", k ? ", " : "");
			json_write_string(js, json_str(json_at(names, k)) ? json_str(json_at(names, k))
				          : "");
		}
		fprintf(js, "],\n  \"points\": [\n");
		for (size_t i = 0; i < n; i++) {
			const struct json *pp = json_get(json_at(pts, i), "params");
			fprintf(js, "    {\n      \"index\": %zu,\n      \"params\": {", i);
			for (size_t k = 0; k < np; k++) {
				const char *nm = json_str(json_at(names, k)) ? json_str(json_at(names, k))
						 : "";
				const struct json *v = pp ? json_get(pp, nm) : NULL;
				fprintf(js, "%s", k ? ", " : " ");
				json_write_string(js, nm);
				fprintf(js, ": ");
				json_write_string(js, v && json_str(v) ? json_str(v) : "");
			}
			fprintf(js, " },\n      \"result\": %s,\n      \"report\": %s\n    }%s\n",
				results[i] ? results[i] : "null", reports[i] ? reports[i] : "null",
				i + 1 < n ? "," : "");
		}
		fprintf(js, "  ]\n}\n");
		if (ferror(csv) | fclose(csv)) {
			fprintf(stderr, "pmsim: cannot write %s\n", csvp);
			rc = EXIT_CANTCREATE;
		}
		if (ferror(js) | fclose(js)) {
			fprintf(stderr, "pmsim: cannot write %s\n", jsp);
			rc = EXIT_CANTCREATE;
		}
		csv = js = NULL;
	}
	if (csv)
		fclose(csv);
	if (js)
		fclose(js);
	if (!rc) {
		printf("%zu point%s: %zu passed, %zu failed%s; %s\n", n, n == 1 ? "" : "s",
		       n - failed, failed - missing, missing ? ", some not run" : "", csvp);
		if (missing)
			printf("%zu point%s without a result (not run yet, or the run died)\n", missing,
			       missing == 1 ? "" : "s");
		rc = failed ? 1 : 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (rows)
			free(rows[i]);
		if (status)
			free(status[i]);
		if (reports)
			free(reports[i]);
		if (results)
			free(results[i]);
	}
	for (size_t c = 0; c < cols.n; c++)
		free(cols.names[c]);
	free(cols.names);
	free(rows);
	free(rowlen);
	free(status);
	free(reports);
	free(results);
	json_free(man);
	return rc;
}

/* ---- Slurm ------------------------------------------------------------------------- */

/* 'x' quoted for sh. */
static void sh_quote(FILE *f, const char *s)
{
	fputc('\'', f);
	for (; *s; s++) {
		if (*s == '\'')
			fputs("'\\''", f);
		else
			fputc(*s, f);
	}
	fputc('\'', f);
}

static int emit_slurm(struct sweep *w, struct err *e)
{
	char path[PATH_MAX + 16], self[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return errf(e, "cannot find pmsim's own path: %s", strerror(errno)), EXIT_INTERNAL;
	self[n] = '\0';
	/* Slurm opens each task's output file there before the task runs. */
	fmt_path(path, sizeof path, "%s/points", w->dir);
	if (mkdirs(path))
		return errf(e, "cannot create %s: %s", path, strerror(errno)), EXIT_CANTCREATE;
	snprintf(path, sizeof path, "%s/sweep.sbatch", w->dir);
	FILE *f = fopen(path, "w");
	if (!f)
		return errf(e, "cannot create %s: %s", path, strerror(errno)), EXIT_CANTCREATE;
	fprintf(f, "#!/bin/sh\n");
	fprintf(f, "# A pmsim sweep as a Slurm job array: task i runs point i of\n"
		   "# manifest.json into points/NNNN/. Submit with `sbatch %s`, then\n"
		   "# gather the results with `pmsim sweep --collect %s`.\n", path, w->dir);
	fprintf(f, "#SBATCH --job-name=pmsim-sweep\n");
	fprintf(f, "#SBATCH --array=0-%zu\n", w->points - 1);
	fprintf(f, "#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n");
	fprintf(f, "#SBATCH --output=%s/points/slurm-%%A_%%a.out\n", w->dir);
	fprintf(f, "set -eu\n: \"${SLURM_ARRAY_TASK_ID:?run by sbatch, or set it}\"\n");
	fprintf(f, "exec ");
	sh_quote(f, self);
	fprintf(f, " sweep --point \"$SLURM_ARRAY_TASK_ID\" --output ");
	sh_quote(f, w->dir);
	for (unsigned i = 0; i < w->npass; i++) {
		fputc(' ', f);
		sh_quote(f, w->pass[i]);
	}
	fputc(' ', f);
	sh_quote(f, w->script);
	fputc('\n', f);
	if (ferror(f) | fclose(f))
		return errf(e, "cannot write %s", path), EXIT_CANTCREATE;
	chmod(path, 0755);
	return 0;
}

/* ---- the command --------------------------------------------------------------------- */

static void free_sweep(struct sweep *w)
{
	scenario_params_free(w->p, w->np);
	free(w->pass);
	scenario_opts_free(&w->so);
}

int sweep_main(int argc, char **argv)
{
	struct sweep w = { .so = { .timeout = -1 }, .jobs = pool_cpus() };
	const char *script = NULL, *out = NULL, *slurm = NULL, *coll = NULL;
	long long point = -1;
	int rc = 0;
	w.pass = calloc((size_t)argc + 1, sizeof *w.pass);
	if (!w.pass)
		return EXIT_INTERNAL;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		int m, first = i;
		if ((rc = scenario_common_opt(argc, argv, &i, &w.so))) {
			if (rc > 1)
				goto out;
			rc = 0;
			/* Passed on to the points Slurm runs, as given. */
			for (int k = first; k <= i; k++)
				w.pass[w.npass++] = argv[k];
		} else if ((m = jobs_opt(argc, argv, &i, &w.jobs))) {
			if (m > 1) {
				rc = m;
				goto out;
			}
		} else if ((m = opt_value(argc, argv, &i, "--output", &v))) {
			if (m < 0 || !*v) {
				rc = usage_error("option '%s' needs a folder", a);
				goto out;
			}
			out = v;
		} else if ((m = opt_value(argc, argv, &i, "--emit-slurm", &v))) {
			if (m < 0 || !*v) {
				rc = usage_error("option '%s' needs a folder", a);
				goto out;
			}
			slurm = v;
		} else if ((m = opt_value(argc, argv, &i, "--collect", &v))) {
			if (m < 0 || !*v) {
				rc = usage_error("option '%s' needs a sweep's folder", a);
				goto out;
			}
			coll = v;
		} else if ((m = opt_value(argc, argv, &i, "--point", &v))) {
			if (m < 0 || !*v || strspn(v, "0123456789") != strlen(v) || strlen(v) > 9) {
				rc = usage_error("option --point needs a point's index (got '%s')",
						 m < 0 ? "" : v);
				goto out;
			}
			point = atoll(v);
		} else if (a[0] == '-' && a[1]) {
			rc = usage_error("unknown option '%s' for 'pmsim sweep'", a);
			goto out;
		} else if (script) {
			rc = usage_error("'pmsim sweep' takes one scenario (got a second: '%s')", a);
			goto out;
		} else {
			script = a;
		}
	}
	if (coll) {
		if (script || slurm || point >= 0) {
			rc = usage_error("%s", "--collect DIR takes no scenario, --point or --emit-slurm");
			goto out;
		}
		rc = collect(coll);
		goto out;
	}
	if (!script) {
		rc = usage_error("%s", "'pmsim sweep' needs a scenario (a .lua file)");
		goto out;
	}
	if (slurm && out) {
		rc = usage_error("%s", "--emit-slurm DIR is the sweep's folder: no --output with it");
		goto out;
	}
	if (!realpath(script, w.script)) {
		fprintf(stderr, "pmsim: %s: %s\n", script, strerror(errno));
		rc = EXIT_NOINPUT;
		goto out;
	}
	char msg[1024];
	if ((rc = scenario_params(script, &w.p, &w.np, msg, sizeof msg))) {
		fprintf(stderr, "pmsim: %s\n", msg);
		goto out;
	}
	if (!w.np) {
		fprintf(stderr, "pmsim: %s declares no parameters to sweep (scenario{params = "
			"{...}}): run it with 'pmsim scenario'\n", script);
		rc = EXIT_USAGE;
		goto out;
	}
	/* -p NAME=VALUE pins a parameter to one value. */
	for (unsigned i = 0; i < w.so.nparams; i++) {
		unsigned k = 0;
		while (k < w.np && strcmp(w.p[k].name, w.so.param_names[i]))
			k++;
		if (k == w.np) {
			rc = usage_error("-p %s: the scenario declares no such parameter",
					 w.so.param_names[i]);
			goto out;
		}
		for (unsigned v = 0; v < w.p[k].nvalues; v++)
			free(w.p[k].values[v]);
		w.p[k].values[0] = strdup(w.so.param_values[i]);
		w.p[k].nvalues = 1;
		if (!w.p[k].values[0]) {
			rc = EXIT_INTERNAL;
			goto out;
		}
	}
	w.points = 1;
	for (unsigned k = 0; k < w.np; k++)
		w.points *= w.p[k].nvalues;
	/* The sweep's folder: created, then absolute. */
	char dirbuf[PATH_MAX];
	if (slurm || out)
		snprintf(dirbuf, sizeof dirbuf, "%s", slurm ? slurm : out);
	else {
		size_t l = strlen(script);
		snprintf(dirbuf, sizeof dirbuf, "%.*s.sweep",
			 (int)(l > 4 && !strcmp(script + l - 4, ".lua") ? l - 4 : l), script);
	}
	if (mkdirs(dirbuf) || !realpath(dirbuf, w.dir)) {
		fprintf(stderr, "pmsim: cannot create the sweep's folder %s: %s\n", dirbuf,
			strerror(errno));
		rc = EXIT_CANTCREATE;
		goto out;
	}
	if (point >= 0) {
		if ((size_t)point >= w.points) {
			fprintf(stderr, "pmsim: --point %lld: the sweep has %zu points (0 to %zu)\n",
				point, w.points, w.points - 1);
			rc = EXIT_USAGE;
			goto out;
		}
		rc = run_point(&w, (size_t)point);
		goto out;
	}
	struct err e = { "" };
	if ((rc = write_manifest(&w, &e)) || (slurm && (rc = emit_slurm(&w, &e)))) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		goto out;
	}
	if (slurm) {
		printf("%zu points: submit %s/sweep.sbatch with sbatch, then run 'pmsim sweep "
		       "--collect %s'\n", w.points, w.dir, w.dir);
		goto out;
	}
	w.progress = !w.so.quiet && isatty(STDERR_FILENO);
	w.t0 = now_s();
	if (pool_run(w.jobs, w.points, job, done, &w)) {
		fprintf(stderr, "pmsim: cannot start a process: %s\n", strerror(errno));
		rc = EXIT_INTERNAL;
		goto out;
	}
	show_progress(&w, true);
	rc = collect(w.dir);
out:
	free_sweep(&w);
	return rc;
}
