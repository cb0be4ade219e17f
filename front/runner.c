/*
 * `pmsim test DIR...`: the regression runner (docs/scenarios.md).
 *
 * Every *.lua under the folders given is a scenario. Each runs in a child
 * process of the pool (front/pool.c) with its own output folder under the
 * output root; the parent prints one line per scenario in the order they
 * were found, whatever order they finish in, then a summary, and writes
 * JUnit XML. With --no-host nothing printed or written depends on the
 * host, so two runs at any -j are byte-identical.
 */
#define _DEFAULT_SOURCE
#include "front/runner.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "front/cliopt.h"
#include "front/diff.h"
#include "front/pool.h"
#include "front/scenario.h"
#include "sim/hostio.h"
#include "sim/json.h"
#include "sim/machine.h"

struct found {
	char *path;    /* as found: DIR/.../x.lua */
	char *rel;     /* its name in outputs and JUnit: DIRNAME/.../x[a=1,b=2] */
	char *suite;   /* the folder given on the command line */
	/* One point of its declared parameters (none: it has none). */
	char *pnames[SCENARIO_MAX_PARAMS], *pvalues[SCENARIO_MAX_PARAMS];
	unsigned np;
};

struct runner {
	struct scenario_opts so;
	const char *out_root;
	const char *junit;
	const char *baseline;
	bool update_baseline;
	struct diff_opts dopts;
	unsigned jobs;
	struct found *f;
	size_t n, cap;
	struct scenario_result *res;
	unsigned pass, fail, error;
	bool progress;             /* a progress line on stderr (a terminal) */
	double t0;
};

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int add_found(struct runner *r, const char *path, const char *rel, const char *suite)
{
	if (r->n == r->cap) {
		size_t nc = r->cap ? r->cap * 2 : 32;
		struct found *nf = realloc(r->f, nc * sizeof *nf);
		if (!nf)
			return -1;
		r->f = nf;
		r->cap = nc;
	}
	struct found *f = &r->f[r->n];
	memset(f, 0, sizeof *f);
	f->path = strdup(path);
	size_t rl = strlen(rel);
	f->rel = strndup(rel, rl > 4 && !strcmp(rel + rl - 4, ".lua") ? rl - 4 : rl);
	f->suite = strdup(suite);
	if (!f->path || !f->rel || !f->suite)
		return -1;
	r->n++;
	return 0;
}

static void free_found(struct found *f)
{
	free(f->path);
	free(f->rel);
	free(f->suite);
	for (unsigned k = 0; k < f->np; k++) {
		free(f->pnames[k]);
		free(f->pvalues[k]);
	}
}

/* Every scenario that declares parameters becomes one case per point of
 * their cross product (the last parameter varying fastest), named
 * rel[a=1,b=2]. A scenario whose declaration cannot be read stays one
 * case: running it reports why. */
static int expand_points(struct runner *r)
{
	struct found *all = r->f;
	size_t n = r->n;
	r->f = NULL;
	r->n = r->cap = 0;
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		struct scenario_param *p;
		unsigned np;
		char msg[256];
		size_t points = 1;
		if (scenario_params(all[i].path, &p, &np, msg, sizeof msg) || !np ||
		    np > SCENARIO_MAX_PARAMS) {
			if (!rc && add_found(r, all[i].path, all[i].rel, all[i].suite))
				rc = -1;
			scenario_params_free(p, np);
			continue;
		}
		for (unsigned k = 0; k < np; k++)
			points *= p[k].nvalues;
		for (size_t pt = 0; !rc && pt < points; pt++) {
			char rel[PATH_MAX];
			size_t len = (size_t)snprintf(rel, sizeof rel, "%s[", all[i].rel);
			size_t idx[SCENARIO_MAX_PARAMS], rest = pt;
			for (unsigned k = np; k-- > 0;) {
				idx[k] = rest % p[k].nvalues;
				rest /= p[k].nvalues;
			}
			for (unsigned k = 0; k < np && len < sizeof rel; k++)
				len += (size_t)snprintf(rel + len, sizeof rel - len, "%s%s=%s",
							k ? "," : "", p[k].name, p[k].values[idx[k]]);
			if (len < sizeof rel)
				snprintf(rel + len, sizeof rel - len, "]");
			/* add_found drops a ".lua" ending: there is none here. */
			if (add_found(r, all[i].path, rel, all[i].suite)) {
				rc = -1;
				break;
			}
			struct found *f = &r->f[r->n - 1];
			for (unsigned k = 0; k < np; k++) {
				f->pnames[k] = strdup(p[k].name);
				f->pvalues[k] = strdup(p[k].values[idx[k]]);
			}
			f->np = np;
		}
		scenario_params_free(p, np);
	}
	for (size_t i = 0; i < n; i++)
		free_found(&all[i]);
	free(all);
	return rc;
}

static int cmp_names(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.lua below `dir`, in name order at each level; names that start
 * with '.' or '_', and folders whose name ends in ".out" (outputs), are
 * skipped. */
static int walk(struct runner *r, const char *dir, const char *rel, const char *suite, int depth)
{
	if (depth > 16)
		return 0;
	DIR *d = opendir(dir);
	if (!d) {
		fprintf(stderr, "pmsim: %s: %s\n", dir, strerror(errno));
		return EXIT_NOINPUT;
	}
	char **names = NULL;
	size_t nn = 0, cap = 0;
	struct dirent *de;
	while ((de = readdir(d))) {
		/* Hidden, and modules and helpers ('_lib/'), are not scenarios. */
		if (de->d_name[0] == '.' || de->d_name[0] == '_')
			continue;
		if (nn == cap) {
			cap = cap ? cap * 2 : 64;
			char **nb = realloc(names, cap * sizeof *nb);
			if (!nb)
				break;
			names = nb;
		}
		names[nn++] = strdup(de->d_name);
	}
	closedir(d);
	qsort(names, nn, sizeof *names, cmp_names);
	int rc = 0;
	for (size_t i = 0; i < nn; i++) {
		char path[PATH_MAX], rp[PATH_MAX];
		snprintf(path, sizeof path, "%s/%s", dir, names[i]);
		snprintf(rp, sizeof rp, "%s/%s", rel, names[i]);
		struct stat st;
		size_t len = strlen(names[i]);
		if (!rc && stat(path, &st) == 0) {
			if (S_ISDIR(st.st_mode) && !(len > 4 && !strcmp(names[i] + len - 4, ".out")))
				rc = walk(r, path, rp, suite, depth + 1);
			else if (S_ISREG(st.st_mode) && len > 4 && !strcmp(names[i] + len - 4, ".lua"))
				rc = add_found(r, path, rp, suite) ? EXIT_INTERNAL : 0;
		}
		free(names[i]);
	}
	free(names);
	return rc;
}

/* ---- baselines ------------------------------------------------------------------ */

/* Compare case `rel`'s report with DIR/rel.json (pmsim diff's rules), or
 * write it there with --update-baseline. A difference past tolerance, or
 * no baseline, fails the case; the table goes to baseline-diff.txt in its
 * output folder. */
static void baseline_check(struct runner *r, const char *rel, struct scenario_result *res)
{
	char base[PATH_MAX], rep[PATH_MAX], table[PATH_MAX];
	if (!fmt_path(base, sizeof base, "%s/%s.json", r->baseline, rel) ||
	    !fmt_path(rep, sizeof rep, "%s/report.json", res->output) ||
	    !fmt_path(table, sizeof table, "%s/baseline-diff.txt", res->output)) {
		res->status = SCENARIO_ERROR;
		snprintf(res->message, sizeof res->message, "baseline: a path is too long");
		return;
	}
	if (r->update_baseline) {
		char dir[PATH_MAX];
		snprintf(dir, sizeof dir, "%s", base);
		for (char *p = dir + 1; *p; p++)
			if (*p == '/') {
				*p = '\0';
				mkdir(dir, 0777);
				*p = '/';
			}
		struct err e = { "" };
		void *data = NULL;
		size_t len = 0;
		struct hostio_id id;
		if (hostio_read(rep, HOSTIO_MAX_REPORT, &data, &len, &id, &e) ||
		    hostio_write_bytes("--update-baseline", base, data, len, &e)) {
			res->status = SCENARIO_ERROR;
			fmt_path(res->message, sizeof res->message, "baseline: %s", e.msg);
		}
		free(data);
		printf("baseline written: %s\n", base);
		return;
	}
	struct json *old = NULL, *new = NULL;
	if (access(base, F_OK)) {
		res->status = SCENARIO_FAIL;
		fmt_path(res->message, sizeof res->message, "no baseline %s (--update-baseline "
			 "writes it)", base);
		return;
	}
	if (diff_load_report(base, &old) || diff_load_report(rep, &new)) {
		res->status = SCENARIO_ERROR;
		fmt_path(res->message, sizeof res->message, "baseline: %s or %s is not a readable "
			 "report (see the case's log)", base, rep);
		json_free(old);
		return;
	}
	FILE *f = fopen(table, "w+");
	unsigned past = 0;
	if (!f || diff_reports(old, new, &r->dopts, f, &past)) {
		res->status = SCENARIO_ERROR;
		fmt_path(res->message, sizeof res->message, "baseline: cannot compare with %s", base);
	} else if (past) {
		/* The message: the count, then the table's first lines. */
		res->status = SCENARIO_FAIL;
		fmt_path(res->message, sizeof res->message, "%u figure%s past tolerance against "
			 "the baseline %s (all of them in %s):", past, past == 1 ? "" : "s", base,
			 table);
		size_t k = strlen(res->message);
		rewind(f);
		char line[512];
		for (int n = 0; n < 6 && fgets(line, sizeof line, f) && k < sizeof res->message; n++)
			k += (size_t)snprintf(res->message + k, sizeof res->message - k, "\n%s",
					      strtok(line, "\n") ? line : "");
	}
	if (f)
		fclose(f);
	json_free(old);
	json_free(new);
}

static int job(void *ctx, size_t i, int fd)
{
	struct runner *r = ctx;
	struct scenario_opts o = r->so;
	char out[PATH_MAX];
	snprintf(out, sizeof out, "%s/%s", r->out_root, r->f[i].rel);
	o.path = r->f[i].path;
	o.output = out;
	for (unsigned k = 0; k < r->f[i].np && o.nparams < SCENARIO_MAX_PARAMS; k++) {
		o.param_names[o.nparams] = r->f[i].pnames[k];
		o.param_values[o.nparams++] = r->f[i].pvalues[k];
	}
	o.quiet = true;
	/* What the scenario prints goes to its log, next to its report. */
	char log[PATH_MAX + 16];
	snprintf(log, sizeof log, "%s/log.txt", out);
	struct scenario_result *res = calloc(1, sizeof *res);
	if (!res)
		return EXIT_INTERNAL;
	char cmd[PATH_MAX];
	snprintf(cmd, sizeof cmd, "%s", out);
	for (char *p = cmd + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(cmd, 0777);
			*p = '/';
		}
	mkdir(cmd, 0777);
	int lfd = open(log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (lfd >= 0) {
		dup2(lfd, STDOUT_FILENO);
		dup2(lfd, STDERR_FILENO);
		close(lfd);
	}
	int devnull = open("/dev/null", O_RDONLY);
	if (devnull >= 0) {
		dup2(devnull, STDIN_FILENO);
		close(devnull);
	}
	scenario_run(&o, res);
	if (res->status == SCENARIO_PASS && r->baseline)
		baseline_check(r, r->f[i].rel, res);
	fflush(stdout);
	scenario_print_result(stderr, res, o.no_host);
	const char *p = (const char *)res;
	size_t left = sizeof *res;
	while (left) {
		ssize_t w = write(fd, p, left);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		p += w;
		left -= (size_t)w;
	}
	int st = res->status;
	free(res);
	return st > 255 ? 255 : st;
}

static void done(void *ctx, size_t i, const void *data, size_t len, int wstatus, double host_s)
{
	struct runner *r = ctx;
	struct scenario_result *res = &r->res[i];
	if (len == sizeof *res) {
		memcpy(res, data, sizeof *res);
	} else {
		memset(res, 0, sizeof *res);
		res->status = SCENARIO_ERROR;
		if (WIFSIGNALED(wstatus))
			snprintf(res->message, sizeof res->message, "the scenario's process died of "
				 "signal %d (%s)", WTERMSIG(wstatus), strsignal(WTERMSIG(wstatus)));
		else
			snprintf(res->message, sizeof res->message, "the scenario's process ended "
				 "without a result (status %d)", WEXITSTATUS(wstatus));
	}
	/* The name shown is the path: unique, where names may repeat. */
	snprintf(res->name, sizeof res->name, "%s", r->f[i].rel);
	res->host_seconds = host_s;
	if (res->status == SCENARIO_PASS)
		r->pass++;
	else if (res->status == SCENARIO_FAIL)
		r->fail++;
	else
		r->error++;
	if (r->progress)
		pool_progress_clear();
	scenario_print_result(stdout, res, r->so.no_host);
	fflush(stdout);
	if (r->progress)
		pool_progress(i + 1, r->n, r->fail + r->error, now_s() - r->t0, i + 1 == r->n);
}

/* ---- JUnit XML --------------------------------------------------------------------- */

static void xml_text(FILE *f, const char *s)
{
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\n': fputs("&#10;", f); break;
		case '\t': fputs("&#9;", f); break;
		default:
			/* Control characters are not allowed in XML 1.0. */
			if (c >= 0x20 || c == '\r')
				fputc(c, f);
			else
				fputc('?', f);
		}
	}
}

static int write_junit(struct runner *r, struct hostio_out *out)
{
	FILE *f = out->f;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
	fprintf(f, "<testsuites name=\"pmsim\" tests=\"%zu\" failures=\"%u\" errors=\"%u\">\n",
		r->n, r->fail, r->error);
	for (size_t i = 0; i < r->n;) {
		/* One suite per folder given. */
		size_t k = i;
		unsigned nf = 0, ne = 0;
		while (k < r->n && !strcmp(r->f[k].suite, r->f[i].suite)) {
			nf += r->res[k].status == SCENARIO_FAIL;
			ne += r->res[k].status != SCENARIO_PASS && r->res[k].status != SCENARIO_FAIL;
			k++;
		}
		fprintf(f, "  <testsuite name=\"");
		xml_text(f, r->f[i].suite);
		fprintf(f, "\" tests=\"%zu\" failures=\"%u\" errors=\"%u\">\n", k - i, nf, ne);
		for (size_t j = i; j < k; j++) {
			const struct scenario_result *res = &r->res[j];
			fprintf(f, "    <testcase classname=\"pmsim.scenario\" name=\"");
			xml_text(f, r->f[j].rel);
			fprintf(f, "\"");
			if (!r->so.no_host)
				fprintf(f, " time=\"%.3f\"", res->host_seconds);
			fprintf(f, ">\n      <properties>\n");
			fprintf(f, "        <property name=\"simulated_seconds\" value=\"%.12f\"/>\n",
				res->sim_seconds);
			for (unsigned b = 0; b < res->nbudgets; b++) {
				fprintf(f, "        <property name=\"budget.");
				xml_text(f, res->budgets[b].name);
				fprintf(f, "\" value=\"%.6g %s (limit %.6g %s): %s\"/>\n",
					res->budgets[b].value, res->budgets[b].unit,
					res->budgets[b].limit, res->budgets[b].unit,
					res->budgets[b].ok ? "ok" : "over");
			}
			fprintf(f, "      </properties>\n");
			if (res->status != SCENARIO_PASS) {
				const char *tag = res->status == SCENARIO_FAIL ? "failure" : "error";
				/* The message's first line; all of it in the body. */
				char first[512];
				snprintf(first, sizeof first, "%.*s", (int)strcspn(res->message, "\n"),
					 res->message);
				fprintf(f, "      <%s message=\"", tag);
				xml_text(f, first);
				fprintf(f, "\" type=\"%s\">", res->status == SCENARIO_FAIL ? "fail"
					: res->status == SCENARIO_ERROR ? "error" : "status");
				xml_text(f, res->message);
				fprintf(f, "</%s>\n", tag);
			}
			fprintf(f, "    </testcase>\n");
		}
		fprintf(f, "  </testsuite>\n");
		i = k;
	}
	fprintf(f, "</testsuites>\n");
	return ferror(f) ? -1 : 0;
}

/* ---- the command --------------------------------------------------------------------- */

static void free_runner(struct runner *r)
{
	for (size_t i = 0; i < r->n; i++)
		free_found(&r->f[i]);
	free(r->f);
	free(r->res);
	scenario_opts_free(&r->so);
}

int runner_main(int argc, char **argv)
{
	struct runner r = { .so = { .timeout = -1 }, .out_root = "pmsim-test.out",
			    .jobs = pool_cpus(), .dopts = DIFF_OPTS_DEFAULT };
	const char *dirs[256];
	unsigned ndirs = 0;
	int rc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		int m;
		if ((rc = scenario_common_opt(argc, argv, &i, &r.so))) {
			if (rc > 1)
				goto out;
		} else if ((m = diff_tolerance_opt(argc, argv, &i, &r.dopts))) {
			if (m > 1) {
				rc = m;
				goto out;
			}
		} else if ((m = opt_value(argc, argv, &i, "--baseline", &v))) {
			if (m < 0 || !*v) {
				rc = usage_error("option '%s' needs a folder", a);
				goto out;
			}
			r.baseline = v;
		} else if (!strcmp(a, "--update-baseline")) {
			r.update_baseline = true;
		} else if ((m = jobs_opt(argc, argv, &i, &r.jobs))) {
			if (m > 1) {
				rc = m;
				goto out;
			}
		} else if ((m = opt_value(argc, argv, &i, "--junit", &v))) {
			if (m < 0 || !*v) {
				rc = usage_error("option '%s' needs a file name", a);
				goto out;
			}
			r.junit = v;
		} else if ((m = opt_value(argc, argv, &i, "--output", &v))) {
			if (m < 0 || !*v) {
				rc = usage_error("option '%s' needs a folder", a);
				goto out;
			}
			r.out_root = v;
		} else if (a[0] == '-' && a[1]) {
			rc = usage_error("unknown option '%s' for 'pmsim test'", a);
			goto out;
		} else if (ndirs < sizeof dirs / sizeof dirs[0]) {
			dirs[ndirs++] = a;
		}
	}
	if (!ndirs) {
		rc = usage_error("%s", "'pmsim test' needs folders (or .lua files) of scenarios");
		goto out;
	}
	for (unsigned d = 0; d < ndirs; d++) {
		struct stat st;
		char name[PATH_MAX];
		snprintf(name, sizeof name, "%s", dirs[d]);
		size_t nl = strlen(name);
		while (nl > 1 && name[nl - 1] == '/')
			name[--nl] = '\0';
		const char *base = strrchr(name, '/') ? strrchr(name, '/') + 1 : name;
		if (stat(dirs[d], &st)) {
			fprintf(stderr, "pmsim: %s: %s\n", dirs[d], strerror(errno));
			rc = EXIT_NOINPUT;
			goto out;
		}
		if (S_ISDIR(st.st_mode)) {
			if ((rc = walk(&r, name, base, name, 0)))
				goto out;
		} else if (add_found(&r, dirs[d], base, dirs[d])) {
			rc = EXIT_INTERNAL;
			goto out;
		}
	}
	if (r.update_baseline && !r.baseline) {
		rc = usage_error("%s", "--update-baseline needs --baseline DIR");
		goto out;
	}
	if (expand_points(&r)) {
		rc = EXIT_INTERNAL;
		goto out;
	}
	if (!r.n) {
		fprintf(stderr, "pmsim: no scenarios (*.lua) under the folders given\n");
		rc = EXIT_NOINPUT;
		goto out;
	}
	/* The JUnit file is checked and created before anything runs. */
	struct hostio_out junit = { .tmp_slot = -1 };
	struct err e = { "" };
	if (r.junit && ((rc = hostio_out_check(&junit, "--junit", r.junit, true, NULL, 0, &e)) ||
			(rc = hostio_out_open(&junit, &e)))) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		goto out;
	}
	r.res = calloc(r.n, sizeof *r.res);
	if (!r.res) {
		hostio_out_discard(&junit);
		rc = EXIT_INTERNAL;
		goto out;
	}
	r.progress = !r.so.quiet && isatty(STDERR_FILENO);
	r.t0 = now_s();
	if (pool_run(r.jobs, r.n, job, done, &r)) {
		fprintf(stderr, "pmsim: cannot start a process: %s\n", strerror(errno));
		hostio_out_discard(&junit);
		rc = EXIT_INTERNAL;
		goto out;
	}
	printf("%zu scenario%s: %u passed, %u failed, %u error%s\n", r.n, r.n == 1 ? "" : "s",
	       r.pass, r.fail, r.error, r.error == 1 ? "" : "s");
	rc = r.fail || r.error ? 1 : 0;
	if (r.junit) {
		if (write_junit(&r, &junit))
			junit.werr = errno ? errno : EIO;
		int wr = hostio_out_close(&junit, &e);
		if (wr) {
			fprintf(stderr, "pmsim: %s\n", e.msg);
			rc = wr;
		}
	}
out:
	free_runner(&r);
	return rc;
}
