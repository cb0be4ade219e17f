/*
 * The HTML report (html.h, docs/html.md): one file a browser opens
 * without a network, with every chart drawn here as inline SVG, so that
 * the page shows everything even with scripts off. A small inline script
 * adds only interaction: zooming the charts over time (a from/to control,
 * dragging across a chart, and the URL fragment #t=FROM,TO), toggling
 * series from the legends, and a self-test element the browser test reads.
 *
 * The page is also well-formed XML (every element closed, attributes
 * quoted, no named entities but XML's five, the scripts' text in CDATA
 * sections), so that an XML parser can check it and scripts can read it.
 *
 * Charts over time. The power tracks are step functions with possibly
 * millions of steps; each is reduced to at most PM_HTML_COLUMNS columns
 * of whole picoseconds by averaging its energy over each column
 * (pm_html_columns), so the area under every drawn series is the track's
 * energy. All the charts over time share one x coordinate, the column
 * index, in nested <svg class="plot"> elements whose viewBox the script
 * narrows to zoom: a zoom magnifies the columns, it does not add detail
 * (the exports of docs/timeline.md have every step). Each power chart
 * also lists its columns' highest values (data-max), from which the
 * script rescales the power axis to the window. The state lanes are
 * drawn as exact intervals, except that runs of intervals each narrower
 * than half a column are drawn as one hatched "changing" interval, which
 * bounds their size as well.
 *
 * Components partition the energy, so the component chart stacks them;
 * rails can feed one another (a rail's output includes what a rail it
 * supplies draws), so the rail chart overlays them as lines. Both show
 * the total at the battery as a line.
 *
 * Determinism: times come from integer picoseconds (exact seconds with 12
 * decimals in attributes and links), reals have fixed printf formats, and
 * orders are the report's and the timeline's, or sorted with ties broken
 * by name. The host figures are the only part that varies, and
 * PM_REPORT_NO_HOST leaves them out.
 */
#include "pm/html.h"

#include <inttypes.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------------------ */
/* Geometry and colours                                                     */

#define HT_W 1200        /* every wide chart's width, px */
#define HT_L 150         /* left margin: the y axis, the lanes' names */
#define HT_PW 1010       /* plot width */
#define HT_PH 260        /* power plot height */
#define HT_TOP 10        /* space above a plot */
#define HT_AXIS 34       /* space below a plot for the time axis */
#define HT_LANE 22       /* a state lane's height, and the gap below it */
#define HT_LANE_GAP 8
#define HT_BAR_W 520     /* the bar charts' longest bar */
#define HT_HIST_W 380    /* a latency histogram */
#define HT_HIST_MIN_SAMPLES 5 /* ... drawn for a series with at least this many */
#define HT_HIST_H 150

/* Tableau 20, the strong tones first: distinct on screen and in print
 * for the twenty-odd components of a SoC. */
static const char *const ht_palette[] = {
	"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
	"#ff9da7", "#9c755f", "#bab0ac", "#a0cbe8", "#ffbe7d", "#8cd17d", "#b6992d",
	"#f1ce63", "#86bcb6", "#d37295", "#fabfd2", "#79706e", "#d4a6c8",
};
#define HT_NPAL (sizeof ht_palette / sizeof ht_palette[0])

#define HT_NUM 64 /* room for any number this file formats */

struct ht {
	FILE *f;
	const struct pm_report *r;
	const struct timeline *tl;  /* NULL: no timeline */
	simtime_t t0, t1;           /* the span of the charts over time */
	unsigned ncols;             /* their columns (0: nothing to draw) */
	bool oom;
};

/* ------------------------------------------------------------------------ */
/* Escaping and numbers                                                     */

/* Well-formed UTF-8 at s, a character XML allows: its length, or 0. */
static size_t ht_utf8(const unsigned char *s)
{
	unsigned cp, n;

	if (s[0] < 0x80)
		return s[0] >= 0x20 || s[0] == '\t' || s[0] == '\n' || s[0] == '\r';
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, cp = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, cp = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, cp = s[0] & 0x07;
	else
		return 0;
	for (unsigned i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0; /* also stops at the terminating NUL */
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* Overlong forms, surrogates, beyond U+10FFFF, and XML's two
	 * non-characters U+FFFE and U+FFFF. */
	if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10ffff ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp == 0xfffe || cp == 0xffff)
		return 0;
	return n;
}

void pm_html_escape(FILE *f, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	if (!s)
		return;
	while (*p) {
		size_t n = ht_utf8(p);

		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if (n)
				fwrite(p, 1, n, f);
			else
				fputc('?', f);
		}
		p += n ? n : 1;
	}
}

static void ht_esc(struct ht *h, const char *s)
{
	pm_html_escape(h->f, s ? s : "?");
}

/* A share in percent with one decimal, "-" when the whole is zero. */
static void ht_pct(char *buf, size_t n, double part, double whole)
{
	if (whole > 0 && isfinite(part / whole))
		snprintf(buf, n, "%.1f %%", 100.0 * part / whole);
	else
		snprintf(buf, n, "-");
}

static double ht_ps_to_s(simtime_t ps)
{
	return (double)(ps / PS_PER_S) + (double)(ps % PS_PER_S) * 1e-12;
}

/* The smallest 1-2-5 step at least `raw` (raw > 0). */
static double ht_nice(double raw)
{
	double p = pow(10.0, floor(log10(raw))), m = raw / p;

	return (m <= 1.0 ? 1.0 : m <= 2.0 ? 2.0 : m <= 5.0 ? 5.0 : 10.0) * p;
}

/* The unit of an axis reaching `top`, and the decimals its `step` needs.
 * The script (ht_script) has the same rule, so that its ticks after a
 * zoom read as these. */
static void ht_unit(double top, double step, const char *const names[4], double *scale,
		    const char **name, int *decimals)
{
	double d;

	if (top >= 1.0)
		*scale = 1.0, *name = names[0];
	else if (top >= 1e-3)
		*scale = 1e-3, *name = names[1];
	else if (top >= 1e-6)
		*scale = 1e-6, *name = names[2];
	else
		*scale = 1e-9, *name = names[3];
	d = ceil(-log10(step / *scale) - 1e-9);
	*decimals = d > 0 ? (int)d : 0;
}

static const char *const ht_time_units[4] = { "s", "ms", "\u00b5s", "ns" };
static const char *const ht_watt_units[4] = { "W", "mW", "\u00b5W", "nW" };

/* ------------------------------------------------------------------------ */
/* Columns                                                                  */

simtime_t pm_html_column_start(simtime_t t0, simtime_t t1, unsigned ncols, unsigned c)
{
	simtime_t span = t1 - t0, q = span / ncols, rem = span % ncols;

	/* floor(span * c / ncols) without the product: rem * c < ncols^2. */
	return t0 + q * c + rem * c / ncols;
}

void pm_html_columns(const struct tl_power *p, simtime_t t0, simtime_t t1, unsigned ncols,
		     double *watts)
{
	unsigned c = 0;
	simtime_t cend = pm_html_column_start(t0, t1, ncols, 1);

	/* Accumulate watt-picoseconds per column, then divide by the width:
	 * every step's energy lands whole in the columns it overlaps. */
	for (unsigned k = 0; k < ncols; k++)
		watts[k] = 0.0;
	for (size_t i = 0; i < p->n; i++) {
		simtime_t a = p->t[i], b = i + 1 < p->n ? p->t[i + 1] : t1;

		if (a < t0)
			a = t0;
		if (b > t1)
			b = t1;
		if (a >= b || p->watts[i] == 0.0)
			continue;
		while (c + 1 < ncols && a >= cend) {
			c++;
			cend = pm_html_column_start(t0, t1, ncols, c + 1);
		}
		while (a < b) {
			simtime_t e = b < cend ? b : cend;

			watts[c] += p->watts[i] * (double)(e - a);
			a = e;
			if (a == cend && c + 1 < ncols) {
				c++;
				cend = pm_html_column_start(t0, t1, ncols, c + 1);
			}
		}
	}
	for (unsigned k = 0; k < ncols; k++) {
		simtime_t w = pm_html_column_start(t0, t1, ncols, k + 1) -
			      pm_html_column_start(t0, t1, ncols, k);

		watts[k] /= (double)w;
	}
}

/* ------------------------------------------------------------------------ */
/* Axes                                                                     */

/* x of time t (seconds) in a chart whose plot spans [a, b]. */
static double ht_x(double t, double a, double b, double left, double width)
{
	return left + (t - a) / (b - a) * width;
}

/*
 * A time axis over [a, b] seconds (labels relative to `origin`): grid
 * lines over the plot (top, height h) and labels below it. `zoom` marks
 * it for the script, which redraws it after a zoom.
 */
static void ht_time_axis(struct ht *h, double a, double b, double origin, double left,
			 double width, double top, double hgt, bool zoom)
{
	double step = ht_nice((b - a) / 8.0), scale;
	const char *unit;
	int dec;

	ht_unit(b - origin, step, ht_time_units, &scale, &unit, &dec);
	fprintf(h->f, "<g class=\"xaxis%s\" data-l=\"%.0f\" data-w=\"%.0f\" data-top=\"%.0f\" "
		"data-h=\"%.0f\">", zoom ? " zoom" : "", left, width, top, hgt);
	for (double k = ceil(a / step - 1e-9); k * step <= b + step * 1e-9; k++) {
		double t = k * step, x = ht_x(t, a, b, left, width);

		fprintf(h->f, "<line class=\"grid\" x1=\"%.2f\" y1=\"%.0f\" x2=\"%.2f\" y2=\"%.0f\"/>",
			x, top, x, top + hgt);
		fprintf(h->f, "<text class=\"tick\" x=\"%.2f\" y=\"%.0f\" text-anchor=\"middle\">"
			"%.*f %s</text>", x, top + hgt + 14, dec, (t - origin) / scale + 0.0, unit);
	}
	fputs("</g>\n", h->f);
}

/* A power axis from 0 to `ymax` watts (already a whole number of steps). */
static void ht_power_axis(struct ht *h, double ymax, double step)
{
	double scale;
	const char *unit;
	int dec;

	ht_unit(ymax, step, ht_watt_units, &scale, &unit, &dec);
	fprintf(h->f, "<g class=\"yaxis\" data-l=\"%d\" data-w=\"%d\" data-top=\"%d\" "
		"data-h=\"%d\">", HT_L, HT_PW, HT_TOP, HT_PH);
	for (double k = 0; k * step <= ymax * (1 + 1e-9); k++) {
		double y = HT_TOP + HT_PH - k * step / ymax * HT_PH;

		fprintf(h->f, "<line class=\"grid\" x1=\"%d\" y1=\"%.2f\" x2=\"%d\" y2=\"%.2f\"/>",
			HT_L, y, HT_L + HT_PW, y);
		fprintf(h->f, "<text class=\"tick\" x=\"%d\" y=\"%.2f\" text-anchor=\"end\">%.*f %s"
			"</text>", HT_L - 6, y + 4, dec, k * step / scale, unit);
	}
	fputs("</g>\n", h->f);
}

/* ------------------------------------------------------------------------ */
/* The page's frame                                                         */

static const char ht_style[] =
	"body{font:14px/1.4 system-ui,-apple-system,\"Segoe UI\",Roboto,sans-serif;"
	"color:#1d2430;background:#f4f6f9;margin:0}\n"
	"header{background:#1d2b3a;color:#fff;padding:14px 24px}\n"
	"header h1{margin:0;font-size:20px;font-weight:600}\n"
	"header .sub{color:#b8c4d0;font-size:13px}\n"
	"nav{background:#fff;border-bottom:1px solid #d8dee6;padding:6px 24px;"
	"position:sticky;top:0;z-index:2}\n"
	"nav a{margin-right:14px;color:#2b5d8c;text-decoration:none}\n"
	"main{padding:8px 24px 40px;max-width:1240px}\n"
	"section{background:#fff;border:1px solid #d8dee6;border-radius:6px;"
	"padding:10px 16px 14px;margin:14px 0}\n"
	"h2{font-size:16px;margin:4px 0 10px;color:#1d2b3a}\n"
	"h3{font-size:14px;margin:12px 0 6px}\n"
	"table{border-collapse:collapse;margin:6px 0}\n"
	"th,td{padding:3px 10px;border-bottom:1px solid #e6eaef;text-align:left}\n"
	"th{background:#f0f3f7;font-weight:600}\n"
	"td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}\n"
	"dl.summary{display:grid;grid-template-columns:max-content auto;gap:3px 18px;margin:0}\n"
	"dl.summary dt{color:#5a6878}dl.summary dd{margin:0;font-weight:500}\n"
	".note{background:#fff4d6;border:1px solid #e8c66a;border-radius:4px;padding:6px 10px}\n"
	".muted{color:#6b7887}\n"
	"svg text{font:11px system-ui,sans-serif;fill:#3a4654}\n"
	"svg .title{font-size:12px;font-weight:600;fill:#1d2b3a}\n"
	"svg .grid{stroke:#e3e8ee;stroke-width:1}\n"
	"svg .frame{fill:none;stroke:#aab4c0}\n"
	"svg .total{fill:none;stroke:#1d2430;stroke-width:1.5}\n"
	"svg path.line{fill:none;stroke-width:1.5}\n"
	"svg .mark{stroke-width:1.5;stroke-dasharray:4 3}\n"
	"svg .mark.diag{stroke:#d62728}svg .mark.coh{stroke:#9467bd}\n"
	"svg .mixed{fill:url(#hatch)}\n"
	"svg .sel{fill:#2b5d8c;fill-opacity:.15;stroke:#2b5d8c}\n"
	".zoom{display:flex;gap:10px;align-items:center;flex-wrap:wrap;margin:4px 0 8px}\n"
	".zoom input{width:150px}\n"
	".legend{display:flex;flex-wrap:wrap;gap:4px 14px;margin:4px 0 6px " "150px}\n"
	".legend span.item{cursor:pointer;white-space:nowrap}\n"
	".legend span.off{opacity:.35;text-decoration:line-through}\n"
	".sw{display:inline-block;width:11px;height:11px;border-radius:2px;margin-right:5px;"
	"vertical-align:-1px}\n"
	".hists{display:flex;flex-wrap:wrap;gap:14px}\n"
	".hist{border:1px solid #e3e8ee;border-radius:4px;padding:6px}\n"
	"#selftest{display:none}\n";

/* Records script errors from the start, for the self-test element. */
static const char ht_head_script[] =
	"window.pmsimErrors = [];\n"
	"window.addEventListener('error', function (e) {\n"
	"  window.pmsimErrors.push(String(e.message));\n"
	"  var s = document.getElementById('selftest');\n"
	"  if (s) s.setAttribute('data-errors', String(window.pmsimErrors.length));\n"
	"});\n";

/*
 * Zoom: every svg.plot has the column index as its x coordinate
 * (data-cols columns over [T0, T1]); a view [a, b] is its viewBox
 * narrowed to those columns, and every g.xaxis.zoom is redrawn with the
 * rule of ht_time_axis and ht_unit.
 */
static const char ht_script[] =
	"(function () {\n"
	"  'use strict';\n"
	"  var NS = 'http://www.w3.org/2000/svg';\n"
	"  var body = document.body, st = document.getElementById('selftest');\n"
	"  var T0 = parseFloat(body.getAttribute('data-t0'));\n"
	"  var T1 = parseFloat(body.getAttribute('data-t1'));\n"
	"  var from = document.getElementById('zoom-from'), to = document.getElementById('zoom-to');\n"
	"  var view = [T0, T1];\n"
	"  function all(sel) { return Array.prototype.slice.call(document.querySelectorAll(sel)); }\n"
	"  function nice(raw) {\n"
	"    var p = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10)), m = raw / p;\n"
	"    return (m <= 1 ? 1 : m <= 2 ? 2 : m <= 5 ? 5 : 10) * p;\n"
	"  }\n"
	"  function unit(top, step) {\n"
	"    var u = top >= 1 ? [1, 's'] : top >= 1e-3 ? [1e-3, 'ms'] :\n"
	"            top >= 1e-6 ? [1e-6, '\\u00b5s'] : [1e-9, 'ns'];\n"
	"    u.push(Math.max(0, Math.ceil(-Math.log(step / u[0]) / Math.LN10 - 1e-9)));\n"
	"    return u;\n"
	"  }\n"
	"  function el(name, attrs, text) {\n"
	"    var e = document.createElementNS(NS, name);\n"
	"    for (var k in attrs) e.setAttribute(k, attrs[k]);\n"
	"    if (text !== undefined) e.textContent = text;\n"
	"    return e;\n"
	"  }\n"
	"  function axis(g, a, b) {\n"
	"    var l = +g.getAttribute('data-l'), w = +g.getAttribute('data-w');\n"
	"    var top = +g.getAttribute('data-top'), h = +g.getAttribute('data-h');\n"
	"    var step = nice((b - a) / 8), u = unit(b, step);\n"
	"    while (g.firstChild) g.removeChild(g.firstChild);\n"
	"    for (var k = Math.ceil(a / step - 1e-9); k * step <= b + step * 1e-9; k++) {\n"
	"      var t = k * step, x = (l + (t - a) / (b - a) * w).toFixed(2);\n"
	"      g.appendChild(el('line', { 'class': 'grid', x1: x, y1: top, x2: x, y2: top + h }));\n"
	"      g.appendChild(el('text', { 'class': 'tick', x: x, y: top + h + 14,\n"
	"        'text-anchor': 'middle' }, (t / u[0]).toFixed(u[2]) + ' ' + u[1]));\n"
	"    }\n"
	"  }\n"
	"  function yaxis(g, top, step) {\n"
	"    var l = +g.getAttribute('data-l'), w = +g.getAttribute('data-w');\n"
	"    var y0 = +g.getAttribute('data-top'), h = +g.getAttribute('data-h');\n"
	"    var u = top >= 1 ? [1, 'W'] : top >= 1e-3 ? [1e-3, 'mW'] :\n"
	"            top >= 1e-6 ? [1e-6, '\\u00b5W'] : [1e-9, 'nW'];\n"
	"    var dec = Math.max(0, Math.ceil(-Math.log(step / u[0]) / Math.LN10 - 1e-9));\n"
	"    while (g.firstChild) g.removeChild(g.firstChild);\n"
	"    for (var k = 0; k * step <= top * (1 + 1e-9); k++) {\n"
	"      var y = (y0 + h - k * step / top * h).toFixed(2);\n"
	"      g.appendChild(el('line', { 'class': 'grid', x1: l, y1: y, x2: l + w, y2: y }));\n"
	"      g.appendChild(el('text', { 'class': 'tick', x: l - 6, y: (+y + 4).toFixed(2),\n"
	"        'text-anchor': 'end' }, (k * step / u[0]).toFixed(dec) + ' ' + u[1]));\n"
	"    }\n"
	"  }\n"
	"  /* The power axis of a zoomed chart: up to the highest column shown. */\n"
	"  function rescale(p, x, w, h) {\n"
	"    var chart = p.parentNode, g = chart.querySelector('g.yaxis');\n"
	"    var ymax = +p.getAttribute('data-ymax'), top = 0;\n"
	"    if (!p.pmMax) p.pmMax = chart.getAttribute('data-max').split(' ').map(Number);\n"
	"    var c0 = Math.max(0, Math.floor(x)), c1 = Math.min(p.pmMax.length, Math.ceil(x + w));\n"
	"    for (var c = c0; c < c1; c++) top = Math.max(top, p.pmMax[c]);\n"
	"    if (!(top > 0) || top > ymax) top = ymax;\n"
	"    var step = nice(top / 5);\n"
	"    top = Math.min(ymax, Math.ceil(top / step - 1e-9) * step);\n"
	"    if (top >= ymax) { top = ymax; step = nice(ymax / 5); }\n"
	"    yaxis(g, top, step);\n"
	"    return [h - top / ymax * h, top / ymax * h];\n"
	"  }\n"
	"  function setView(a, b) {\n"
	"    if (!(a < b) || !(T1 > T0)) return false;\n"
	"    a = Math.max(a, T0); b = Math.min(b, T1);\n"
	"    if (!(a < b)) return false;\n"
	"    view = [a, b];\n"
	"    all('svg.plot').forEach(function (p) {\n"
	"      var cols = +p.getAttribute('data-cols'), h = +p.getAttribute('data-h');\n"
	"      var x = (a - T0) / (T1 - T0) * cols, w = (b - a) / (T1 - T0) * cols;\n"
	"      var y = p.hasAttribute('data-ymax') ? rescale(p, x, w, h) : [0, h];\n"
	"      p.setAttribute('viewBox', x + ' ' + y[0] + ' ' + w + ' ' + y[1]);\n"
	"    });\n"
	"    all('g.xaxis.zoom').forEach(function (g) { axis(g, a, b); });\n"
	"    if (from) from.value = String(a);\n"
	"    if (to) to.value = String(b);\n"
	"    st.setAttribute('data-view', a + ',' + b);\n"
	"    return true;\n"
	"  }\n"
	"  function fromHash() {\n"
	"    var m = /^#t=([^,]+),(.+)$/.exec(location.hash);\n"
	"    if (m) setView(parseFloat(m[1]), parseFloat(m[2]));\n"
	"  }\n"
	"  function reset() {\n"
	"    setView(T0, T1);\n"
	"    if (/^#t=/.test(location.hash) && history.replaceState) {\n"
	"      try { history.replaceState(null, '', location.pathname + location.search); }\n"
	"      catch (e) { location.hash = ''; }\n"
	"    }\n"
	"  }\n"
	"  window.addEventListener('hashchange', fromHash);\n"
	"  var apply = document.getElementById('zoom-apply');\n"
	"  if (apply) apply.addEventListener('click', function () {\n"
	"    setView(parseFloat(from.value), parseFloat(to.value));\n"
	"  });\n"
	"  var rst = document.getElementById('zoom-reset');\n"
	"  if (rst) rst.addEventListener('click', reset);\n"
	"  all('svg.chart.timed').forEach(function (svg) {\n"
	"    var plot = svg.querySelector('svg.plot'), start = null, sel = null;\n"
	"    function at(ev) {\n"
	"      var r = plot.getBoundingClientRect();\n"
	"      var f = Math.min(1, Math.max(0, (ev.clientX - r.left) / r.width));\n"
	"      return { t: view[0] + f * (view[1] - view[0]), x: +plot.getAttribute('x') + f *\n"
	"        +plot.getAttribute('width') };\n"
	"    }\n"
	"    svg.addEventListener('mousedown', function (ev) {\n"
	"      start = at(ev);\n"
	"      sel = el('rect', { 'class': 'sel', x: start.x, y: plot.getAttribute('y'), width: 0,\n"
	"        height: plot.getAttribute('height') });\n"
	"      svg.appendChild(sel);\n"
	"      ev.preventDefault();\n"
	"    });\n"
	"    svg.addEventListener('mousemove', function (ev) {\n"
	"      if (!start) return;\n"
	"      var p = at(ev);\n"
	"      sel.setAttribute('x', Math.min(p.x, start.x));\n"
	"      sel.setAttribute('width', Math.abs(p.x - start.x));\n"
	"    });\n"
	"    function end(ev) {\n"
	"      if (!start) return;\n"
	"      var p = at(ev), a = Math.min(p.t, start.t), b = Math.max(p.t, start.t);\n"
	"      svg.removeChild(sel);\n"
	"      if (Math.abs(p.x - start.x) > 3) setView(a, b);\n"
	"      start = sel = null;\n"
	"    }\n"
	"    svg.addEventListener('mouseup', end);\n"
	"    svg.addEventListener('mouseleave', end);\n"
	"  });\n"
	"  all('.legend span.item').forEach(function (item) {\n"
	"    item.addEventListener('click', function () {\n"
	"      var chart = document.getElementById(item.parentNode.getAttribute('data-chart'));\n"
	"      var off = item.classList.toggle('off');\n"
	"      all('#' + chart.id + ' path.series').forEach(function (p) {\n"
	"        if (p.getAttribute('data-name') === item.getAttribute('data-name'))\n"
	"          p.style.display = off ? 'none' : '';\n"
	"      });\n"
	"    });\n"
	"  });\n"
	"  setView(T0, T1);\n"
	"  fromHash();\n"
	"  st.setAttribute('data-power-series', String(all('svg.power path.series').length));\n"
	"  st.setAttribute('data-lanes', String(all('svg.lanes g.lane').length));\n"
	"  st.setAttribute('data-errors', String(window.pmsimErrors.length));\n"
	"  st.setAttribute('data-ready', '1');\n"
	"})();\n";

static void ht_head(struct ht *h, const struct pm_html_options *o)
{
	const struct pm_report *r = h->r;
	char a[HT_NUM], b[HT_NUM];

	fputs("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n"
	      "<head>\n<meta charset=\"utf-8\"/>\n"
	      "<meta name=\"generator\" content=\"pmsim " PMSIM_VERSION "\"/>\n<title>", h->f);
	if (o && o->title) {
		ht_esc(h, o->title);
	} else {
		fputs("pmsim report: ", h->f);
		ht_esc(h, r->image);
	}
	fprintf(h->f, "</title>\n<style>\n%s</style>\n<script>//<![CDATA[\n%s//]]></script>\n"
		"</head>\n", ht_style, ht_head_script);
	pm_report_fmt_seconds(a, sizeof a, h->t0);
	pm_report_fmt_seconds(b, sizeof b, h->t1);
	fprintf(h->f, "<body data-t0=\"%s\" data-t1=\"%s\">\n<header><h1>", a, b);
	if (o && o->title)
		ht_esc(h, o->title);
	else
		fputs("pmsim power report", h->f);
	fputs("</h1><div class=\"sub\">", h->f);
	ht_esc(h, r->image);
	fputs(" on ", h->f);
	ht_esc(h, r->soc);
	fputs("</div></header>\n<nav><a href=\"#summary\">Summary</a><a href=\"#power\">Power</a>"
	      "<a href=\"#energy\">Energy</a><a href=\"#residency\">Residency</a>"
	      "<a href=\"#states\">States</a><a href=\"#latency\">Latency</a>"
	      "<a href=\"#suspend\">Suspend/resume</a><a href=\"#wakeups\">Wake-ups</a>"
	      "<a href=\"#diagnostics\">Diagnostics</a></nav>\n<main>\n", h->f);
}

/* ------------------------------------------------------------------------ */
/* 1. Summary                                                               */

static void ht_dd(struct ht *h, const char *term, const char *value)
{
	fprintf(h->f, "<dt>%s</dt><dd>", term);
	ht_esc(h, value);
	fputs("</dd>\n", h->f);
}

static void ht_summary(struct ht *h, unsigned flags)
{
	const struct pm_report *r = h->r;
	char a[HT_NUM], b[HT_NUM * 3];

	fputs("<section id=\"summary\"><h2>Summary</h2>\n", h->f);
	if ((h->tl && timeline_truncated(h->tl)) || r->timeline_truncated) {
		simtime_t at = h->tl ? timeline_stopped(h->tl) : r->timeline_stopped;

		pm_report_fmt_seconds(a, sizeof a, at);
		fprintf(h->f, "<p class=\"note\" id=\"truncated\">The timeline was truncated: it "
			"reached its limit of %" PRIu64 " records at %s s, and every chart over "
			"time ends there. The figures and tables cover the whole run.</p>\n",
			h->tl ? timeline_limit(h->tl) : r->timeline_limit, a);
	}
	fputs("<dl class=\"summary\">\n", h->f);
	ht_dd(h, "SoC", r->soc);
	ht_dd(h, "Image", r->image);
	ht_dd(h, "Outcome", r->outcome);
	snprintf(a, sizeof a, "%d", r->exit_status);
	ht_dd(h, "Exit status", a);
	pm_report_fmt_time(a, sizeof a, r->sim_time);
	pm_report_fmt_seconds(b, sizeof b, r->sim_time);
	strcat(b, " s");
	fprintf(h->f, "<dt>Simulated time</dt><dd>%s <span class=\"muted\">(%s)</span></dd>\n",
		a, b);
	pm_report_fmt_si(a, sizeof a, r->total_j, "J");
	ht_dd(h, "Energy at the battery", a);
	pm_report_fmt_si(a, sizeof a, r->sim_time ? r->total_j / ht_ps_to_s(r->sim_time) : 0.0, "W");
	ht_dd(h, "Average power", a);
	if (h->tl) {
		char c[HT_NUM];

		pm_report_fmt_seconds(a, sizeof a, h->t0);
		pm_report_fmt_seconds(c, sizeof c, h->t1);
		snprintf(b, sizeof b, "%s s to %s s", a, c);
		ht_dd(h, "Timeline", b);
	}
	if (!(flags & PM_REPORT_NO_HOST)) {
		if (isfinite(r->host_seconds))
			snprintf(a, sizeof a, "%.3f s", r->host_seconds);
		else
			snprintf(a, sizeof a, "n/a");
		ht_dd(h, "Host time (varies)", a);
		if (isfinite(r->host_mips))
			snprintf(a, sizeof a, "%.1f MIPS", r->host_mips);
		else
			snprintf(a, sizeof a, "n/a");
		ht_dd(h, "Host speed (varies)", a);
	}
	fputs("</dl></section>\n", h->f);
}

/* ------------------------------------------------------------------------ */
/* 2. Power against time                                                    */

/* A vertical marker at every diagnostic and coherency event in [t0, t1],
 * in a plot `hgt` high. */
static void ht_marks(struct ht *h, double hgt)
{
	const struct pm_report *r = h->r;
	simtime_t span = h->t1 - h->t0;
	char a[HT_NUM];

	for (unsigned k = 0; k < 2; k++) {
		unsigned n = k ? r->coherency.nevents : (r->diagnostic_times ? r->ndiagnostics : 0);

		for (unsigned i = 0; i < n; i++) {
			simtime_t t = k ? r->coherency.events[i].time : r->diagnostic_times[i];
			double x;

			if (t < h->t0 || t > h->t1)
				continue;
			x = (double)(t - h->t0) / (double)span * h->ncols;
			pm_report_fmt_seconds(a, sizeof a, t);
			fprintf(h->f, "<line class=\"mark %s\" x1=\"%.3f\" y1=\"0\" x2=\"%.3f\" "
				"y2=\"%.0f\" vector-effect=\"non-scaling-stroke\"><title>%s at %s s: ",
				k ? "coh" : "diag", x, x, hgt, k ? "coherency" : "diagnostic", a);
			ht_esc(h, k ? r->coherency.events[i].kind : r->diagnostics[i]);
			fputs("</title></line>\n", h->f);
		}
	}
}

/* One series of columns as a step path: the top edge from left to right
 * (y[] in pixels), then, for an area, the bottom edge back. */
static void ht_step_path(struct ht *h, const double *top, const double *bottom, unsigned n)
{
	char prev[HT_NUM] = "", cur[HT_NUM];

	fprintf(h->f, "M0 %.2f", top[0]);
	snprintf(prev, sizeof prev, "%.2f", top[0]);
	for (unsigned c = 1; c < n; c++) {
		snprintf(cur, sizeof cur, "%.2f", top[c]);
		if (strcmp(cur, prev)) {
			fprintf(h->f, "H%u V%s", c, cur);
			memcpy(prev, cur, sizeof prev);
		}
	}
	fprintf(h->f, "H%u", n);
	if (!bottom)
		return;
	snprintf(prev, sizeof prev, "%.2f", bottom[n - 1]);
	fprintf(h->f, "V%s", prev);
	for (unsigned c = n - 1; c-- > 0;) {
		snprintf(cur, sizeof cur, "%.2f", bottom[c]);
		if (strcmp(cur, prev)) {
			fprintf(h->f, "H%u V%s", c + 1, cur);
			memcpy(prev, cur, sizeof prev);
		}
	}
	fputs("H0 Z", h->f);
}

static void ht_legend_item(struct ht *h, const char *name, const char *colour, double joules,
			   bool toggle)
{
	char a[HT_NUM];

	pm_report_fmt_si(a, sizeof a, joules, "J");
	fprintf(h->f, "<span class=\"%s\" data-name=\"", toggle ? "item" : "fixed");
	ht_esc(h, name);
	fprintf(h->f, "\"><span class=\"sw\" style=\"background:%s\"></span>", colour);
	ht_esc(h, name);
	fprintf(h->f, " <span class=\"muted\">%s</span></span>\n", a);
}

/*
 * One power chart: the tracks of `kind`, stacked (components) or as lines
 * (rails), and the battery's total as a line.
 */
static int ht_power_chart(struct ht *h, enum tl_power_kind kind, const char *id,
			  const char *title)
{
	size_t np = timeline_npower(h->tl), ns = 0;
	unsigned n = h->ncols;
	const struct tl_power *total = NULL, **tr;
	double *cols, *cum, ymax = 0, step;
	bool stack = kind == TL_COMPONENT;
	int ret = -1;

	tr = calloc(np ? np : 1, sizeof *tr);
	cols = calloc((size_t)n * (np + 1), sizeof *cols);
	cum = calloc((size_t)n * (np + 2), sizeof *cum);
	if (!tr || !cols || !cum)
		goto out;
	for (size_t i = 0; i < np; i++) {
		const struct tl_power *p = timeline_power(h->tl, i);

		if (p->kind == TL_TOTAL && !total)
			total = p;
		else if (p->kind == kind)
			tr[ns++] = p;
	}
	/* Columns: cols[k * n + c] for series k, the total at k = ns; the
	 * stacked tops cum[(k + 1) * n + c], cum[0..n) being 0. */
	for (size_t k = 0; k < ns; k++)
		pm_html_columns(tr[k], h->t0, h->t1, n, cols + k * n);
	if (total)
		pm_html_columns(total, h->t0, h->t1, n, cols + ns * n);
	for (size_t k = 0; k < ns; k++)
		for (unsigned c = 0; c < n; c++) {
			double v = cols[k * n + c];

			cum[(k + 1) * n + c] = stack ? cum[k * n + c] + v : v;
		}
	for (size_t k = 0; k <= ns; k++)
		for (unsigned c = 0; c < n; c++) {
			double v = k < ns ? cum[(k + 1) * n + c] : total ? cols[ns * n + c] : 0;

			if (isfinite(v) && v > ymax)
				ymax = v;
		}
	if (!(ymax > 0))
		ymax = 1e-6;
	/* Each column's highest value, for the script's power axis after a
	 * zoom (the stack's top, or the highest line). */
	for (unsigned c = 0; c < n; c++) {
		double top = total && isfinite(cols[ns * n + c]) ? cols[ns * n + c] : 0;

		for (size_t k = 0; k < ns; k++)
			if (isfinite(cum[(k + 1) * n + c]) && cum[(k + 1) * n + c] > top)
				top = cum[(k + 1) * n + c];
		cum[c] = top; /* row 0, the stack's base, is 0 and rewritten below */
	}
	fprintf(h->f, "<h3>%s</h3>\n<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" "
		"class=\"chart timed power\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
		"data-max=\"", title, id, HT_W, HT_TOP + HT_PH + HT_AXIS, HT_W,
		HT_TOP + HT_PH + HT_AXIS);
	for (unsigned c = 0; c < n; c++) {
		fprintf(h->f, c ? " %.4g" : "%.4g", cum[c]);
		cum[c] = 0;
	}
	fputs("\">\n", h->f);
	step = ht_nice(ymax / 5.0);
	ymax = ceil(ymax / step - 1e-9) * step;
	/* To pixels, in place. */
	for (size_t i = 0; i < (size_t)n * (ns + 1); i++)
		cum[i] = HT_PH - (isfinite(cum[i]) ? cum[i] : 0) / ymax * HT_PH;
	for (unsigned c = 0; c < n && total; c++) {
		double v = cols[ns * n + c];

		cols[ns * n + c] = HT_PH - (isfinite(v) ? v : 0) / ymax * HT_PH;
	}

	ht_power_axis(h, ymax, step);
	ht_time_axis(h, ht_ps_to_s(h->t0), ht_ps_to_s(h->t1), 0, HT_L, HT_PW, HT_TOP, HT_PH,
		     true);
	fprintf(h->f, "<svg class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %u %d\" preserveAspectRatio=\"none\" data-cols=\"%u\" "
		"data-h=\"%d\" data-ymax=\"%.9g\">\n", HT_L, HT_TOP, HT_PW, HT_PH, n, HT_PH, n, HT_PH,
		ymax);
	for (size_t k = 0; k < ns; k++) {
		const char *colour = ht_palette[k % HT_NPAL];

		fputs("<path class=\"series", h->f);
		fputs(stack ? "\" data-name=\"" : " line\" data-name=\"", h->f);
		ht_esc(h, tr[k]->name);
		if (stack)
			fprintf(h->f, "\" fill=\"%s\" d=\"", colour);
		else
			fprintf(h->f, "\" stroke=\"%s\" vector-effect=\"non-scaling-stroke\" d=\"",
				colour);
		ht_step_path(h, cum + (k + 1) * n, stack ? cum + k * n : NULL, n);
		fputs("\"><title>", h->f);
		ht_esc(h, tr[k]->name);
		fputs("</title></path>\n", h->f);
	}
	if (total) {
		fputs("<path class=\"total\" data-name=\"", h->f);
		ht_esc(h, total->name);
		fputs("\" vector-effect=\"non-scaling-stroke\" d=\"", h->f);
		ht_step_path(h, cols + ns * n, NULL, n);
		fputs("\"><title>at the battery</title></path>\n", h->f);
	}
	ht_marks(h, HT_PH);
	fputs("</svg>\n", h->f);
	fprintf(h->f, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\"/>\n"
		"</svg>\n<div class=\"legend\" data-chart=\"%s\">\n", HT_L, HT_TOP, HT_PW, HT_PH,
		id);
	for (size_t k = 0; k < ns; k++)
		ht_legend_item(h, tr[k]->name, ht_palette[k % HT_NPAL], tr[k]->joules, true);
	if (total)
		ht_legend_item(h, "battery (total)", "#1d2430", total->joules, false);
	fputs("</div>\n", h->f);
	ret = 0;
out:
	free(tr);
	free(cols);
	free(cum);
	return ret;
}

static void ht_zoom_control(struct ht *h)
{
	fputs("<div class=\"zoom\"><label>from <input type=\"number\" id=\"zoom-from\" "
	      "step=\"any\"/> s</label><label>to <input type=\"number\" id=\"zoom-to\" "
	      "step=\"any\"/> s</label><button type=\"button\" id=\"zoom-apply\">zoom</button>"
	      "<button type=\"button\" id=\"zoom-reset\">reset</button><span class=\"muted\">"
	      "or drag across a chart; the page opens at a window with #t=FROM,TO in its "
	      "address</span></div>\n", h->f);
}

static int ht_power(struct ht *h)
{
	fputs("<section id=\"power\"><h2>Power against time</h2>\n", h->f);
	if (!h->ncols) {
		fputs(h->tl ? "<p class=\"muted\">The timeline is empty: the run took no simulated "
		      "time.</p></section>\n" : "<p class=\"muted\">No timeline was recorded for "
		      "this run.</p></section>\n", h->f);
		return 0;
	}
	ht_zoom_control(h);
	if (ht_power_chart(h, TL_COMPONENT, "power-components",
			   "By component (stacked), and the total at the battery") ||
	    ht_power_chart(h, TL_RAIL, "power-rails",
			   "By rail (each rail&#39;s output; rails can supply one another, so they "
			   "are not stacked), and the total at the battery"))
		return -1;
	fprintf(h->f, "<p class=\"muted\">Each column is the average power over 1/%u of the "
		"timeline (its energy divided by its length); the markers are the diagnostics "
		"(red) and coherency events (violet).</p>\n</section>\n", h->ncols);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* 3., 4. Bars                                                              */

struct ht_bar {
	const char *name;
	double value;
	char text[HT_NUM * 3];      /* what the bar's end says */
};

/* Horizontal bars, the longest `HT_BAR_W` wide for `max`. */
static void ht_bars(struct ht *h, const char *cls, const struct ht_bar *b, unsigned n,
		    double max)
{
	unsigned namew = 190, rowh = 20;

	fprintf(h->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bars %s\" "
		"width=\"%u\" height=\"%u\" viewBox=\"0 0 %u %u\">\n", cls,
		namew + HT_BAR_W + 240, n * rowh + 6, namew + HT_BAR_W + 240, n * rowh + 6);
	for (unsigned i = 0; i < n; i++) {
		double w = max > 0 && isfinite(b[i].value) && b[i].value > 0 ?
			   b[i].value / max * HT_BAR_W : 0;
		unsigned y = 3 + i * rowh;

		fprintf(h->f, "<text x=\"%u\" y=\"%u\" text-anchor=\"end\">", namew - 8, y + 13);
		ht_esc(h, b[i].name);
		fprintf(h->f, "</text><rect class=\"bar\" x=\"%u\" y=\"%u\" width=\"%.2f\" "
			"height=\"%u\" fill=\"%s\"/><text x=\"%.2f\" y=\"%u\">", namew, y + 2, w,
			rowh - 5, ht_palette[i % HT_NPAL], namew + w + 6, y + 13);
		ht_esc(h, b[i].text);
		fputs("</text>\n", h->f);
	}
	fputs("</svg>\n", h->f);
}

static int ht_cmp_bar(const void *pa, const void *pb)
{
	const struct ht_bar *a = pa, *b = pb;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

static int ht_energy(struct ht *h)
{
	const struct pm_report *r = h->r;
	unsigned n = r->ncomponents > r->nrails ? r->ncomponents : r->nrails;
	struct ht_bar *b = calloc(n ? n : 1, sizeof *b);
	char a[HT_NUM], p[HT_NUM];
	double sum = 0, max = 0;

	if (!b)
		return -1;
	fputs("<section id=\"energy\"><h2>Energy</h2>\n<h3>By component</h3>\n", h->f);
	for (unsigned i = 0; i < r->ncomponents; i++) {
		b[i].name = r->components[i].name;
		b[i].value = r->components[i].joules;
		sum += b[i].value;
	}
	qsort(b, r->ncomponents, sizeof *b, ht_cmp_bar);
	for (unsigned i = 0; i < r->ncomponents; i++) {
		pm_report_fmt_si(a, sizeof a, b[i].value, "J");
		ht_pct(p, sizeof p, b[i].value, r->total_j);
		snprintf(b[i].text, sizeof b[i].text, "%s (%s)", a, p);
		if (b[i].value > max)
			max = b[i].value;
	}
	if (r->ncomponents)
		ht_bars(h, "components", b, r->ncomponents, max);
	pm_report_fmt_si(a, sizeof a, sum, "J");
	pm_report_fmt_si(p, sizeof p, r->total_j, "J");
	fprintf(h->f, "<p class=\"muted\">The components add up to %s; at the battery: %s. "
		"Shares are of the battery&#39;s energy.</p>\n", a, p);

	fputs("<h3>By rail (delivered at the output)</h3>\n", h->f);
	max = 0;
	for (unsigned i = 0; i < r->nrails; i++) {
		b[i].name = r->rails[i].name;
		b[i].value = r->rails[i].out_j;
	}
	qsort(b, r->nrails, sizeof *b, ht_cmp_bar);
	for (unsigned i = 0; i < r->nrails; i++) {
		pm_report_fmt_si(a, sizeof a, b[i].value, "J");
		ht_pct(p, sizeof p, b[i].value, r->total_j);
		snprintf(b[i].text, sizeof b[i].text, "%s (%s)", a, p);
		if (b[i].value > max)
			max = b[i].value;
	}
	if (r->nrails)
		ht_bars(h, "rails", b, r->nrails, max);
	fputs("<table><tr><th>rail</th><th class=\"n\">voltage at the end</th>"
	      "<th class=\"n\">delivered</th><th class=\"n\">drawn at the input</th>"
	      "<th class=\"n\">efficiency</th></tr>\n", h->f);
	for (unsigned i = 0; i < r->nrails; i++) {
		const struct pm_report_rail *rl = &r->rails[i];

		fputs("<tr><td>", h->f);
		ht_esc(h, rl->name);
		fprintf(h->f, "</td><td class=\"n\">%.3f V</td>", rl->microvolt / 1e6);
		pm_report_fmt_si(a, sizeof a, rl->out_j, "J");
		fprintf(h->f, "<td class=\"n\">%s</td>", a);
		pm_report_fmt_si(a, sizeof a, rl->in_j, "J");
		ht_pct(p, sizeof p, rl->out_j, rl->in_j);
		fprintf(h->f, "<td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", a, p);
	}
	fputs("</table></section>\n", h->f);
	free(b);
	return 0;
}

static int ht_residency(struct ht *h)
{
	const struct pm_report *r = h->r;
	const struct pm_report_cpu *c = r->ncpus ? &r->cpus[0] : NULL;
	unsigned n;
	struct ht_bar *b;
	char a[HT_NUM], p[HT_NUM], e[HT_NUM];

	fputs("<section id=\"residency\"><h2>C-state and OPP residency</h2>\n", h->f);
	if (!c) {
		fputs("<p class=\"muted\">No core.</p></section>\n", h->f);
		return 0;
	}
	n = (c->ncstates + 2 > c->nopps ? c->ncstates + 2 : c->nopps);
	if (!(b = calloc(n, sizeof *b)))
		return -1;
	/* C-states, with the time executing first as "running". */
	fputs("<h3>", h->f);
	ht_esc(h, c->name);
	fputs(" C-states</h3>\n", h->f);
	b[0].name = "running";
	b[0].value = ht_ps_to_s(c->busy);
	for (unsigned i = 0; i < c->ncstates; i++) {
		b[i + 1].name = c->cstates[i].name;
		b[i + 1].value = ht_ps_to_s(c->cstates[i].time);
	}
	for (unsigned i = 0; i <= c->ncstates; i++) {
		pm_report_fmt_time(a, sizeof a, i ? c->cstates[i - 1].time : c->busy);
		ht_pct(p, sizeof p, b[i].value, ht_ps_to_s(r->sim_time));
		snprintf(b[i].text, sizeof b[i].text, "%s (%s)", a, p);
	}
	/* The SoC's suspend, where the core is in none of its idle states,
	 * so that the bars cover the run. */
	if (r->suspended) {
		b[c->ncstates + 1].name = "SoC suspended";
		b[c->ncstates + 1].value = ht_ps_to_s(r->suspended);
		pm_report_fmt_time(a, sizeof a, r->suspended);
		ht_pct(p, sizeof p, b[c->ncstates + 1].value, ht_ps_to_s(r->sim_time));
		snprintf(b[c->ncstates + 1].text, sizeof b[c->ncstates + 1].text, "%s (%s)", a, p);
	}
	ht_bars(h, "cstates", b, c->ncstates + 1 + (r->suspended != 0), ht_ps_to_s(r->sim_time));
	fputs("<table><tr><th>state</th><th class=\"n\">usage</th><th class=\"n\">time</th>"
	      "<th class=\"n\">of run</th><th class=\"n\">above</th><th class=\"n\">below</th>"
	      "<th class=\"n\">exit latency</th><th class=\"n\">target residency</th>"
	      "<th class=\"n\">core energy</th></tr>\n", h->f);
	for (unsigned i = 0; i < c->ncstates; i++) {
		const struct pm_report_cstate *s = &c->cstates[i];

		fputs("<tr><td>", h->f);
		ht_esc(h, s->name);
		pm_report_fmt_time(a, sizeof a, s->time);
		ht_pct(p, sizeof p, ht_ps_to_s(s->time), ht_ps_to_s(r->sim_time));
		pm_report_fmt_si(e, sizeof e, s->energy_j, "J");
		fprintf(h->f, "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%s</td>"
			"<td class=\"n\">%s</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%"
			PRIu64 "</td><td class=\"n\">%" PRIu32 " \u00b5s</td><td class=\"n\">%" PRIu32
			" \u00b5s</td><td class=\"n\">%s</td></tr>\n", s->usage, a, p, s->above,
			s->below, s->exit_latency_us, s->target_residency_us, e);
	}
	fputs("</table>\n", h->f);

	fputs("<h3>", h->f);
	ht_esc(h, c->name);
	fputs(" operating points</h3>\n", h->f);
	if (!c->nopps) {
		fputs("<p class=\"muted\">No operating points.</p>\n", h->f);
	} else {
		/* The bars' names: "MHz, V", kept while the bars are drawn. */
		char (*names)[HT_NUM] = calloc(c->nopps, sizeof *names);

		if (!names) {
			free(b);
			return -1;
		}
		for (unsigned i = 0; i < c->nopps; i++) {
			snprintf(names[i], HT_NUM, "%.0f MHz, %.3f V", c->opps[i].hz / 1e6,
				 c->opps[i].microvolt / 1e6);
			b[i].name = names[i];
			b[i].value = ht_ps_to_s(c->opps[i].time);
			pm_report_fmt_time(a, sizeof a, c->opps[i].time);
			ht_pct(p, sizeof p, b[i].value, ht_ps_to_s(r->sim_time));
			snprintf(b[i].text, sizeof b[i].text, "%s (%s)", a, p);
		}
		ht_bars(h, "opps", b, c->nopps, ht_ps_to_s(r->sim_time));
		free(names);
		fputs("<table><tr><th class=\"n\">MHz</th><th class=\"n\">mV</th>"
		      "<th class=\"n\">time</th><th class=\"n\">of run</th><th class=\"n\">"
		      "entries</th><th class=\"n\">transitions into</th><th class=\"n\">core "
		      "energy</th></tr>\n", h->f);
		for (unsigned i = 0; i < c->nopps; i++) {
			const struct pm_report_opp *o = &c->opps[i];

			pm_report_fmt_time(a, sizeof a, o->time);
			ht_pct(p, sizeof p, ht_ps_to_s(o->time), ht_ps_to_s(r->sim_time));
			pm_report_fmt_si(e, sizeof e, o->energy_j, "J");
			fprintf(h->f, "<tr><td class=\"n\">%.3f</td><td class=\"n\">%.1f</td>"
				"<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%"
				PRIu64 "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">%s</td>"
				"</tr>\n", o->hz / 1e6, o->microvolt / 1e3, a, p, o->entries,
				o->transitions, e);
		}
		fprintf(h->f, "</table><p class=\"muted\">%" PRIu64 " OPP transitions.</p>\n",
			c->opp_transitions);
	}
	fputs("</section>\n", h->f);
	free(b);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* 5. State lanes                                                           */

#define HT_LANE_VALUES 32 /* distinct values given a colour and a legend entry */

struct ht_lane {
	const struct tl_state *s;
	const char *title;
	unsigned nvals;
	int64_t vals[HT_LANE_VALUES];       /* ascending */
	const char *labels[HT_LANE_VALUES]; /* the first label seen for each */
};

static int ht_cmp_i64(const void *pa, const void *pb)
{
	int64_t a = *(const int64_t *)pa, b = *(const int64_t *)pb;

	return a < b ? -1 : a > b;
}

/* The colour of value v in lane l: by its rank among the lane's values. */
static const char *ht_lane_colour(const struct ht_lane *l, int64_t v)
{
	for (unsigned i = 0; i < l->nvals; i++)
		if (l->vals[i] == v)
			return ht_palette[i % HT_NPAL];
	return "#888888";
}

/* A state's words: its label, else the value in the variable's unit. */
static void ht_state_text(char *buf, size_t n, const struct tl_state *s, int64_t v,
			  const char *label)
{
	if (label)
		snprintf(buf, n, "%s", label);
	else if (!strcmp(s->var, "hz"))
		snprintf(buf, n, "%.3f MHz", (double)v / 1e6);
	else if (!strcmp(s->var, "microvolt"))
		snprintf(buf, n, "%.1f mV", (double)v / 1e3);
	else
		snprintf(buf, n, "%" PRId64, v);
}

static void ht_lane_values(struct ht_lane *l)
{
	const struct tl_state *s = l->s;

	l->nvals = 0;
	for (size_t i = 0; i < s->n; i++) {
		bool seen = false;

		for (unsigned k = 0; k < l->nvals && !seen; k++)
			seen = l->vals[k] == s->value[i];
		if (!seen && l->nvals < HT_LANE_VALUES)
			l->vals[l->nvals++] = s->value[i];
	}
	qsort(l->vals, l->nvals, sizeof l->vals[0], ht_cmp_i64);
	for (unsigned k = 0; k < l->nvals; k++) {
		l->labels[k] = NULL;
		for (size_t i = 0; i < s->n; i++)
			if (s->value[i] == l->vals[k]) {
				l->labels[k] = s->label ? s->label[i] : NULL;
				break;
			}
	}
}

/* One interval's rectangle, [a, b) clipped to the span, in lane row y. */
static void ht_lane_rect(struct ht *h, const struct ht_lane *l, simtime_t a, simtime_t b,
			 double y, const char *fill, const char *what)
{
	double span = (double)(h->t1 - h->t0);
	double x0 = (double)(a - h->t0) / span * h->ncols, x1 = (double)(b - h->t0) / span * h->ncols;
	char ta[HT_NUM], tb[HT_NUM], d[HT_NUM];

	pm_report_fmt_seconds(ta, sizeof ta, a);
	pm_report_fmt_seconds(tb, sizeof tb, b);
	pm_report_fmt_time(d, sizeof d, b - a);
	if (fill)
		fprintf(h->f, "<rect x=\"%.3f\" y=\"%.0f\" width=\"%.3f\" height=\"%d\" fill=\"%s\">",
			x0, y, x1 - x0, HT_LANE, fill);
	else
		fprintf(h->f, "<rect class=\"mixed\" x=\"%.3f\" y=\"%.0f\" width=\"%.3f\" "
			"height=\"%d\">", x0, y, x1 - x0, HT_LANE);
	fputs("<title>", h->f);
	ht_esc(h, what);
	fprintf(h->f, ", %s s to %s s (%s)</title></rect>\n", ta, tb, d);
	(void)l;
}

/*
 * A lane's intervals: each at least half a column wide as its own
 * rectangle, and every run of narrower ones as one "changing" rectangle.
 */
static void ht_lane(struct ht *h, const struct ht_lane *l, double y)
{
	const struct tl_state *s = l->s;
	simtime_t minw = (h->t1 - h->t0) / (2 * (simtime_t)h->ncols);
	simtime_t ms = 0, me = 0;
	size_t mn = 0;
	char what[HT_NUM * 2];

	for (size_t i = 0; i < s->n; i++) {
		simtime_t a = s->t[i], b = i + 1 < s->n ? s->t[i + 1] : h->t1;

		if (a < h->t0)
			a = h->t0;
		if (b > h->t1)
			b = h->t1;
		if (a >= b)
			continue;
		if (b - a < minw) {
			if (!mn)
				ms = a;
			me = b;
			mn++;
			continue;
		}
		if (mn) {
			snprintf(what, sizeof what, "%zu changes", mn);
			ht_lane_rect(h, l, ms, me, y, NULL, what);
			mn = 0;
		}
		ht_state_text(what, sizeof what, s, s->value[i], s->label ? s->label[i] : NULL);
		ht_lane_rect(h, l, a, b, y, ht_lane_colour(l, s->value[i]), what);
	}
	if (mn) {
		snprintf(what, sizeof what, "%zu changes", mn);
		ht_lane_rect(h, l, ms, me, y, NULL, what);
	}
}

static int ht_states(struct ht *h)
{
	static const struct {
		const char *component, *var, *title;
	} fixed[] = {
		{ "cpu0", "cstate", "cpu0 C-state" },
		{ "cpu0", "hz", "cpu0 OPP" },
		{ "soc", "suspend", "SoC suspend" },
	};
	size_t ns = h->tl ? timeline_nstates(h->tl) : 0, nl = 0;
	struct ht_lane *lanes;
	double hgt;

	fputs("<section id=\"states\"><h2>States over time</h2>\n", h->f);
	if (!h->ncols) {
		fputs(h->tl ? "<p class=\"muted\">The timeline is empty: the run took no simulated "
		      "time.</p></section>\n" : "<p class=\"muted\">No timeline was recorded for "
		      "this run.</p></section>\n", h->f);
		return 0;
	}
	if (!(lanes = calloc(ns + 4, sizeof *lanes)))
		return -1;
	for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
		const struct tl_state *s = timeline_find_state(h->tl, fixed[i].component,
							       fixed[i].var);

		if (s && s->n) {
			lanes[nl].s = s;
			lanes[nl++].title = fixed[i].title;
		}
	}
	for (size_t i = 0; i < ns; i++) {
		const struct tl_state *s = timeline_state(h->tl, i);

		if (s->n && !strncmp(s->component, "pd.", 3) && !strcmp(s->var, "state")) {
			lanes[nl].s = s;
			lanes[nl++].title = s->component;
		}
	}
	{
		const struct tl_state *s = timeline_find_state(h->tl, "dram", "state");

		if (s && s->n) {
			lanes[nl].s = s;
			lanes[nl++].title = "DRAM";
		}
	}
	if (!nl) {
		fputs("<p class=\"muted\">No state was recorded.</p></section>\n", h->f);
		free(lanes);
		return 0;
	}
	hgt = (double)nl * (HT_LANE + HT_LANE_GAP);
	fprintf(h->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"lanes\" class=\"chart timed "
		"lanes\" width=\"%d\" height=\"%.0f\" viewBox=\"0 0 %d %.0f\">\n<defs><pattern "
		"id=\"hatch\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" "
		"patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"#d5dbe3\"/>"
		"<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#7d8a99\" stroke-width=\"3\"/>"
		"</pattern></defs>\n", HT_W, HT_TOP + hgt + HT_AXIS, HT_W, HT_TOP + hgt + HT_AXIS);
	ht_time_axis(h, ht_ps_to_s(h->t0), ht_ps_to_s(h->t1), 0, HT_L, HT_PW, HT_TOP, hgt, true);
	for (size_t i = 0; i < nl; i++) {
		fprintf(h->f, "<text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">", HT_L - 8,
			HT_TOP + (double)i * (HT_LANE + HT_LANE_GAP) + HT_LANE / 2 + 4);
		ht_esc(h, lanes[i].title);
		fputs("</text>\n", h->f);
	}
	fprintf(h->f, "<svg class=\"plot\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%.0f\" "
		"viewBox=\"0 0 %u %.0f\" preserveAspectRatio=\"none\" data-cols=\"%u\" "
		"data-h=\"%.0f\">\n", HT_L, HT_TOP, HT_PW, hgt, h->ncols, hgt, h->ncols, hgt);
	for (size_t i = 0; i < nl; i++) {
		ht_lane_values(&lanes[i]);
		fputs("<g class=\"lane\" data-name=\"", h->f);
		ht_esc(h, lanes[i].title);
		fputs("\">\n", h->f);
		ht_lane(h, &lanes[i], (double)i * (HT_LANE + HT_LANE_GAP));
		fputs("</g>\n", h->f);
	}
	ht_marks(h, hgt);
	fputs("</svg>\n</svg>\n<table class=\"lane-legend\">\n", h->f);
	for (size_t i = 0; i < nl; i++) {
		fputs("<tr><td>", h->f);
		ht_esc(h, lanes[i].title);
		fputs("</td><td>", h->f);
		for (unsigned k = 0; k < lanes[i].nvals; k++) {
			char what[HT_NUM * 2];

			ht_state_text(what, sizeof what, lanes[i].s, lanes[i].vals[k],
				      lanes[i].labels[k]);
			fprintf(h->f, "<span class=\"sw\" style=\"background:%s\"></span>",
				ht_palette[k % HT_NPAL]);
			ht_esc(h, what);
			fputs(k + 1 < lanes[i].nvals ? " &#160; " : "", h->f);
		}
		fputs("</td></tr>\n", h->f);
	}
	fputs("</table><p class=\"muted\">Hatched: intervals each shorter than half a column, "
	      "drawn as one (hover for their count); zoom in to see them.</p></section>\n", h->f);
	free(lanes);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* 6. Latency                                                               */

static void ht_histogram(struct ht *h, const struct pm_report_latency *l)
{
	const double left = 10, bottom = HT_HIST_H - 30, pw = HT_HIST_W - 20, ph = HT_HIST_H - 50;
	uint64_t max = 0;
	char a[HT_NUM], b[HT_NUM];
	unsigned nb = l->nbins <= PM_LAT_BINS_MAX ? l->nbins : PM_LAT_BINS_MAX;

	for (unsigned i = 0; i < nb; i++)
		if (l->counts[i] > max)
			max = l->counts[i];
	fputs("<div class=\"hist\"><b>", h->f);
	ht_esc(h, l->kind);
	fputs("</b> ", h->f);
	ht_esc(h, l->name);
	fprintf(h->f, "<br/><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart latency\" "
		"width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\">\n", HT_HIST_W, HT_HIST_H,
		HT_HIST_W, HT_HIST_H);
	for (unsigned i = 0; i < nb && max; i++) {
		double w = pw / nb, hh = (double)l->counts[i] / (double)max * ph;

		pm_report_fmt_time(a, sizeof a, l->edges[i]);
		pm_report_fmt_time(b, sizeof b, l->edges[i + 1]);
		fprintf(h->f, "<rect x=\"%.2f\" y=\"%.2f\" width=\"%.2f\" height=\"%.2f\" "
			"fill=\"%s\"><title>%s to %s: %" PRIu64 "</title></rect>\n",
			left + i * w + 1, bottom - hh, w > 2 ? w - 2 : w, hh, ht_palette[0], a, b,
			l->counts[i]);
	}
	fprintf(h->f, "<line class=\"frame\" x1=\"%.0f\" y1=\"%.0f\" x2=\"%.0f\" y2=\"%.0f\"/>\n",
		left, bottom, left + pw, bottom);
	if (nb) {
		pm_report_fmt_time(a, sizeof a, l->edges[0]);
		pm_report_fmt_time(b, sizeof b, l->edges[nb]);
		fprintf(h->f, "<text x=\"%.0f\" y=\"%.0f\">%s</text><text x=\"%.0f\" y=\"%.0f\" "
			"text-anchor=\"end\">%s</text>\n", left, bottom + 14, a, left + pw,
			bottom + 14, b);
	}
	fprintf(h->f, "<text x=\"%.0f\" y=\"%.0f\" text-anchor=\"end\">max bin %" PRIu64
		"</text>\n</svg><br/>", left + pw, 12.0, max);
	fprintf(h->f, "count %" PRIu64, l->count);
	pm_report_fmt_time(a, sizeof a, l->min);
	fprintf(h->f, " &#183; min %s", a);
	pm_report_fmt_time(a, sizeof a, l->p50);
	fprintf(h->f, " &#183; p50 %s", a);
	pm_report_fmt_time(a, sizeof a, l->p99);
	fprintf(h->f, " &#183; p99 %s", a);
	pm_report_fmt_time(a, sizeof a, l->max);
	fprintf(h->f, " &#183; max %s</div>\n", a);
}

/* The table of the latency series whose kind is (or, with `markers`
 * false, is not) "marker". Returns how many rows it has. */
static unsigned ht_latency_table(struct ht *h, bool markers)
{
	const struct pm_report *r = h->r;
	unsigned n = 0;

	for (unsigned i = 0; i < r->nlatencies; i++) {
		const struct pm_report_latency *l = &r->latencies[i];
		char v[HT_NUM];
		if ((strcmp(l->kind, "marker") == 0) != markers)
			continue;
		if (!n++)
			fputs("<table><tr><th>kind</th><th>series</th><th class=\"n\">count</th>"
			      "<th class=\"n\">min</th><th class=\"n\">mean</th>"
			      "<th class=\"n\">p50</th><th class=\"n\">p90</th>"
			      "<th class=\"n\">p99</th><th class=\"n\">max</th></tr>\n", h->f);
		fputs("<tr><td>", h->f);
		ht_esc(h, l->kind);
		fputs("</td><td>", h->f);
		ht_esc(h, l->name);
		fprintf(h->f, "</td><td class=\"n\">%" PRIu64 "</td>", l->count);
		simtime_t col[6] = { l->min, (simtime_t)(l->mean + 0.5), l->p50, l->p90, l->p99,
				     l->max };
		for (int k = 0; k < 6; k++) {
			pm_report_fmt_time(v, sizeof v, col[k]);
			fprintf(h->f, "<td class=\"n\">%s</td>", v);
		}
		fputs("</tr>\n", h->f);
	}
	if (n)
		fputs("</table>\n", h->f);
	return n;
}

static void ht_latency(struct ht *h)
{
	const struct pm_report *r = h->r;

	fputs("<section id=\"latency\"><h2>Latency</h2>\n", h->f);
	if (!r->nlatencies) {
		fputs("<p class=\"muted\">No latency measured.</p></section>\n", h->f);
		return;
	}
	/* The hardware's latencies in a table, the guest's marker intervals
	 * (every device callback of every suspend phase: many series of one
	 * sample) in a second one, folded; a histogram for each series with
	 * enough samples to have a shape. */
	ht_latency_table(h, false);
	unsigned nmark = 0, nhist = 0;
	for (unsigned i = 0; i < r->nlatencies; i++) {
		nmark += !strcmp(r->latencies[i].kind, "marker");
		nhist += r->latencies[i].count >= HT_HIST_MIN_SAMPLES;
	}
	if (nmark) {
		fprintf(h->f, "<details><summary>The guest's marker intervals (%u series)</summary>\n",
			nmark);
		ht_latency_table(h, true);
		fputs("</details>\n", h->f);
	}
	if (nhist) {
		fprintf(h->f, "<p class=\"muted\">Histograms of the series with at least %d "
			"samples, on the 1-2-5 ladder of bins (docs/report.md); percentiles are "
			"exact.</p><div class=\"hists\">\n", HT_HIST_MIN_SAMPLES);
		for (unsigned i = 0; i < r->nlatencies; i++)
			if (r->latencies[i].count >= HT_HIST_MIN_SAMPLES)
				ht_histogram(h, &r->latencies[i]);
		fputs("</div>", h->f);
	}
	fputs("</section>\n", h->f);
}

/* ------------------------------------------------------------------------ */
/* 7. Suspend/resume                                                        */

/* A link zooming the charts over time to [a, b] widened by a tenth. */
static void ht_zoom_link(struct ht *h, simtime_t a, simtime_t b, const char *text)
{
	char sa[HT_NUM], sb[HT_NUM];
	simtime_t pad = (b - a) / 10;

	if (!h->ncols) {
		fputs(text, h->f);
		return;
	}
	if (!pad)
		pad = (h->t1 - h->t0) / 100 ? (h->t1 - h->t0) / 100 : 1;
	a = a > h->t0 + pad ? a - pad : h->t0;
	b = b + pad < h->t1 && b + pad > b ? b + pad : h->t1;
	pm_report_fmt_seconds(sa, sizeof sa, a);
	pm_report_fmt_seconds(sb, sizeof sb, b);
	fprintf(h->f, "<a href=\"#t=%s,%s\">%s</a>", sa, sb, text);
}

/*
 * One panel of a cycle's chart: [a, b] over `width` px from `left`, the
 * phases in the first row and the slowest callbacks below, each clipped
 * to the panel; a time axis from the panel's start.
 */
static void ht_cycle_panel(struct ht *h, const struct pm_report_suspend_cycle *c, simtime_t a,
			   simtime_t b, double left, double width, const char *title)
{
	double len = (double)(b - a);
	unsigned rows = 1 + c->ndevcbs;
	const double top = HT_TOP + 20;
	char s1[HT_NUM];

	fprintf(h->f, "<text class=\"title\" x=\"%.1f\" y=\"%d\">%s</text>\n", left,
		HT_TOP + 8, title);
	ht_time_axis(h, 0, len * 1e-12, 0, left, width, top, rows * 18.0, false);
	if (left <= HT_L)
		fprintf(h->f, "<text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">phases</text>\n"
			"<text x=\"%d\" y=\"%.0f\" text-anchor=\"end\">slowest callbacks</text>\n",
			HT_L - 8, top + 12, HT_L - 8, top + 30);
	for (unsigned i = 0; i < c->nphases + c->ndevcbs; i++) {
		bool dev = i >= c->nphases;
		const struct pm_report_phase *p = dev ? NULL : &c->phases[i];
		const struct pm_report_devcb *v = dev ? &c->devcbs[i - c->nphases] : NULL;
		simtime_t ps = dev ? v->start : p->start, pe = ps + (dev ? v->duration : p->duration);
		const char *name = dev ? v->device : p->name;
		double x0, x1, y = dev ? top + 18.0 * (i - c->nphases + 1) + 2 : top + 1;
		unsigned colour = i;

		if (pe < a || ps > b)
			continue;
		x0 = left + (double)((ps > a ? ps : a) - a) / len * width;
		x1 = left + (double)((pe < b ? pe : b) - a) / len * width;
		if (x1 - x0 < 1)
			x1 = x0 + 1;
		if (dev)
			for (unsigned k = 0; k < c->nphases; k++)
				if (c->phases[k].name && !strcmp(c->phases[k].name, v->phase))
					colour = k;
		pm_report_fmt_time(s1, sizeof s1, dev ? v->duration : p->duration);
		fprintf(h->f, "<rect x=\"%.2f\" y=\"%.1f\" width=\"%.2f\" height=\"%d\" "
			"fill=\"%s\"><title>", x0, y, x1 - x0, dev ? 13 : 16,
			ht_palette[colour % HT_NPAL]);
		ht_esc(h, name);
		if (dev) {
			fputs(" (", h->f);
			ht_esc(h, v->phase);
			fputs(")", h->f);
		}
		fprintf(h->f, ": %s</title></rect>\n", s1);
		if (!dev) {
			if (x1 - x0 > 7.0 * strlen(name ? name : "?") + 6) {
				fprintf(h->f, "<text x=\"%.2f\" y=\"%.1f\" style=\"fill:#fff\">",
					x0 + 3, y + 12);
				ht_esc(h, name);
				fputs("</text>\n", h->f);
			}
			continue;
		}
		/* The callback's words beside its bar, on the side with room. */
		if (x1 + 4 + 250 <= left + width)
			fprintf(h->f, "<text x=\"%.2f\" y=\"%.1f\">", x1 + 4, y + 10);
		else
			fprintf(h->f, "<text x=\"%.2f\" y=\"%.1f\" text-anchor=\"end\">", x0 - 4,
				y + 10);
		ht_esc(h, v->device);
		fputs(" (", h->f);
		ht_esc(h, v->phase);
		fprintf(h->f, ") %s", s1);
		if (v->result)
			fprintf(h->f, ", returned %" PRId32, v->result);
		fputs("</text>\n", h->f);
	}
}

static void ht_cycle(struct ht *h, const struct pm_report_suspend_cycle *c, unsigned k)
{
	simtime_t a = c->begin, b = c->end;
	unsigned rows = 1 + c->ndevcbs;
	char s1[HT_NUM], s2[HT_NUM], s3[HT_NUM];

	if (!c->ended || b <= a) {
		b = a + 1;
		for (unsigned i = 0; i < c->nphases; i++)
			if (c->phases[i].start + c->phases[i].duration > b)
				b = c->phases[i].start + c->phases[i].duration;
	}
	pm_report_fmt_seconds(s1, sizeof s1, c->begin);
	fprintf(h->f, "<h3>#%u ", k + 1);
	ht_esc(h, c->state);
	fprintf(h->f, " at %s s: ", s1);
	if (!c->ended)
		fputs("did not return before the end of the run", h->f);
	else if (c->result)
		fprintf(h->f, "failed (%" PRId32 ")", c->result);
	else
		fputs("returned 0", h->f);
	if (c->test)
		fputs(c->suspended ? "; pm_test, yet the SoC suspended"
		      : "; pm_test: no real suspend happened", h->f);
	else if (!c->suspended)
		fputs("; the SoC did not suspend", h->f);
	fputs(" &#183; ", h->f);
	ht_zoom_link(h, a, b, "show on the timeline");
	fputs("</h3>\n<p>", h->f);
	if (c->has_suspend_latency)
		pm_report_fmt_time(s1, sizeof s1, c->suspend_latency);
	else
		snprintf(s1, sizeof s1, "-");
	if (c->has_resume_latency)
		pm_report_fmt_time(s2, sizeof s2, c->resume_latency);
	else
		snprintf(s2, sizeof s2, "-");
	fprintf(h->f, "suspend latency <b>%s</b> &#183; resume latency <b>%s</b>", s1, s2);
	if (c->suspended) {
		pm_report_fmt_time(s1, sizeof s1, c->suspended_time);
		pm_report_fmt_si(s2, sizeof s2, c->suspended_j, "J");
		fprintf(h->f, " &#183; suspended %s", s1);
		if (c->sleep_state) {
			fputs(" in idle state ", h->f);
			ht_esc(h, c->sleep_state);
		}
		fprintf(h->f, ", drawing %s &#183; woken by <b>", s2);
		ht_esc(h, c->wake_source ? c->wake_source : "unknown");
		fputs("</b>", h->f);
	}
	pm_report_fmt_si(s1, sizeof s1, c->suspend_j, "J");
	pm_report_fmt_si(s2, sizeof s2, c->resume_j, "J");
	fprintf(h->f, "<br/>energy: suspend %s, resume %s", s1, s2);
	if (c->suspended && c->has_idle_w && c->has_resume_latency) {
		pm_report_fmt_si(s1, sizeof s1, c->idle_w, "W");
		pm_report_fmt_si(s2, sizeof s2, c->saved_j, "J");
		pm_report_fmt_si(s3, sizeof s3, fabs(c->overhead_j), "J");
		fprintf(h->f, " &#183; idle power before %s: saved %s, transitions cost %s %s than "
			"idling", s1, s2, s3, c->overhead_j < 0 ? "less" : "more");
		if (c->has_break_even) {
			pm_report_fmt_time(s1, sizeof s1, (simtime_t)(c->break_even_s * 1e12 + 0.5));
			fprintf(h->f, " &#183; break-even suspended time %s", s1);
		}
	}
	fputs("</p>\n", h->f);

	/* In the manner of sleepgraph: the suspend and the resume side by
	 * side, each on its own scale, the sleep between them a gap. */
	if (c->suspended && c->has_suspend_latency && c->has_resume_latency &&
	    c->suspend_latency + c->resume_latency < b - a) {
		const double gap = 90, pw = (HT_PW - gap) / 2;
		unsigned hgt = HT_TOP + 24 + rows * 18 + HT_AXIS;
		double mid = HT_L + pw + gap / 2;

		pm_report_fmt_time(s1, sizeof s1, c->suspended_time);
		fprintf(h->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart cycle\" "
			"width=\"%d\" height=\"%u\" viewBox=\"0 0 %d %u\">\n", HT_W, hgt, HT_W, hgt);
		ht_cycle_panel(h, c, a, a + c->suspend_latency, HT_L, pw, "suspend");
		ht_cycle_panel(h, c, b - c->resume_latency, b, HT_L + pw + gap, pw, "resume");
		fprintf(h->f, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"%u\" "
			"fill=\"#1d2b3a\"/><text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" "
			"style=\"fill:#fff\">asleep</text><text x=\"%.1f\" y=\"%d\" "
			"text-anchor=\"middle\" style=\"fill:#fff\">%s</text>\n", mid - gap / 2 + 6,
			HT_TOP + 20, gap - 12, rows * 18, mid, HT_TOP + 38, mid, HT_TOP + 52, s1);
	} else {
		unsigned hgt = HT_TOP + 24 + rows * 18 + HT_AXIS;

		fprintf(h->f, "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart cycle\" "
			"width=\"%d\" height=\"%u\" viewBox=\"0 0 %d %u\">\n", HT_W, hgt, HT_W, hgt);
		ht_cycle_panel(h, c, a, b, HT_L, HT_PW, "the cycle");
	}
	fputs("</svg>\n<div class=\"legend\">\n", h->f);
	for (unsigned i = 0; i < c->nphases; i++) {
		pm_report_fmt_time(s1, sizeof s1, c->phases[i].duration);
		fprintf(h->f, "<span><span class=\"sw\" style=\"background:%s\"></span>",
			ht_palette[i % HT_NPAL]);
		ht_esc(h, c->phases[i].name);
		fprintf(h->f, " <span class=\"muted\">%s</span></span>\n", s1);
	}
	fputs("</div>\n", h->f);
}

static void ht_suspend(struct ht *h)
{
	const struct pm_report *r = h->r;
	char a[HT_NUM];

	fputs("<section id=\"suspend\"><h2>Suspend/resume</h2>\n", h->f);
	pm_report_fmt_time(a, sizeof a, r->suspended);
	fprintf(h->f, "<p>%" PRIu64 " system suspend %s, %s suspended.</p>\n", r->suspends,
		r->suspends == 1 ? "entry" : "entries", a);
	if (!r->ncycles)
		fputs("<p class=\"muted\">No suspend cycle marked by the guest "
		      "(suspend:STATE markers, docs/report.md).</p>\n", h->f);
	for (unsigned i = 0; i < r->ncycles; i++)
		ht_cycle(h, &r->cycles[i], i);
	fputs("</section>\n", h->f);
}

/* ------------------------------------------------------------------------ */
/* 8. Wake-ups                                                              */

static int ht_cmp_count(const void *pa, const void *pb)
{
	const struct pm_report_count *a = pa, *b = pb;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->name ? a->name : "", b->name ? b->name : "");
}

static int ht_wakeup_table(struct ht *h, const char *kind, const struct pm_report_count *src,
			   unsigned n)
{
	struct pm_report_count *c = malloc((n ? n : 1) * sizeof *c);

	if (!c)
		return -1;
	memcpy(c, src, n * sizeof *c);
	qsort(c, n, sizeof *c, ht_cmp_count);
	for (unsigned i = 0; i < n; i++) {
		fprintf(h->f, "<tr><td>%s</td><td>", kind);
		ht_esc(h, c[i].name);
		fprintf(h->f, "</td><td class=\"n\">%" PRIu64 "</td><td class=\"n\">", c[i].count);
		if (h->r->sim_time)
			fprintf(h->f, "%.2f", (double)c[i].count / ht_ps_to_s(h->r->sim_time));
		else
			fputs("-", h->f);
		fputs("</td></tr>\n", h->f);
	}
	free(c);
	return 0;
}

static int ht_wakeups(struct ht *h)
{
	const struct pm_report *r = h->r;

	fputs("<section id=\"wakeups\"><h2>Causes of wake-ups</h2>\n", h->f);
	if (!r->nwakeups && !r->ntimer_wakeups) {
		fputs("<p class=\"muted\">No wake-up.</p></section>\n", h->f);
		return 0;
	}
	fputs("<table><tr><th>kind</th><th>cause</th><th class=\"n\">count</th>"
	      "<th class=\"n\">per second</th></tr>\n", h->f);
	if (ht_wakeup_table(h, "irq", r->wakeups, r->nwakeups) ||
	    ht_wakeup_table(h, "timer", r->timer_wakeups, r->ntimer_wakeups))
		return -1;
	fputs("</table>\n", h->f);
	if (r->ntimer_wakeups)
		fputs("<p class=\"muted\">A timer callback is the first one to run after a "
		      "wake-up; its wake-up is also counted for the interrupt that ran it.</p>\n",
		      h->f);
	fputs("</section>\n", h->f);
	return 0;
}

/* ------------------------------------------------------------------------ */
/* 9. Diagnostics and coherency                                             */

/* The time of an event as a link to a window around it: a fiftieth of
 * the timeline, at least 2 µs, centred on it where the span allows. */
static void ht_time_link(struct ht *h, simtime_t t)
{
	char s[HT_NUM];
	simtime_t half = (h->t1 - h->t0) / 100;

	if (half < PS_PER_US)
		half = PS_PER_US;
	pm_report_fmt_seconds(s, sizeof s, t);
	strcat(s, " s");
	if (!h->ncols || t < h->t0 || t > h->t1) {
		fputs(s, h->f);
		return;
	}
	{
		char sa[HT_NUM], sb[HT_NUM];
		simtime_t a = t > h->t0 + half ? t - half : h->t0;
		simtime_t b = t + half < h->t1 ? t + half : h->t1;

		pm_report_fmt_seconds(sa, sizeof sa, a);
		pm_report_fmt_seconds(sb, sizeof sb, b);
		fprintf(h->f, "<a href=\"#t=%s,%s\">%s</a>", sa, sb, s);
	}
}

static void ht_diagnostics(struct ht *h)
{
	const struct pm_report *r = h->r;
	const struct pm_report_coherency *co = &r->coherency;

	fputs("<section id=\"diagnostics\"><h2>Diagnostics</h2>\n", h->f);
	if (!r->ndiagnostics) {
		fputs("<p>None.</p>\n", h->f);
	} else {
		fputs("<p class=\"muted\">Each time opens the charts over time around it.</p>"
		      "<table class=\"diagnostics\"><tr><th>time</th><th>diagnostic</th></tr>\n",
		      h->f);
		for (unsigned i = 0; i < r->ndiagnostics; i++) {
			fputs("<tr><td>", h->f);
			if (r->diagnostic_times)
				ht_time_link(h, r->diagnostic_times[i]);
			fputs("</td><td>", h->f);
			ht_esc(h, r->diagnostics[i]);
			fputs("</td></tr>\n", h->f);
		}
		fputs("</table>\n", h->f);
	}
	fputs("<h3>Coherency (mode ", h->f);
	ht_esc(h, co->mode ? co->mode : "off");
	fputs(")</h3>\n", h->f);
	for (unsigned k = 0; k < 4; k++) {
		if (!co->kinds[k] || !co->counts[k])
			continue;
		fputs("<p><b>", h->f);
		ht_esc(h, co->kinds[k]);
		fprintf(h->f, "</b>: %" PRIu64 " line%s. ", co->counts[k],
			co->counts[k] == 1 ? "" : "s");
		ht_esc(h, co->texts[k]);
		fputs("</p>\n", h->f);
	}
	if (!co->nevents) {
		fputs("<p>No coherency event.</p>\n", h->f);
	} else {
		fputs("<table class=\"coherency\"><tr><th>time</th><th>kind</th><th>channel</th>"
		      "<th>address</th><th class=\"n\">bytes</th><th>where</th><th>the DMA write"
		      "</th></tr>\n", h->f);
		for (unsigned i = 0; i < co->nevents; i++) {
			const struct pm_report_coh_event *e = &co->events[i];

			fputs("<tr><td>", h->f);
			ht_time_link(h, e->time);
			fputs("</td><td>", h->f);
			ht_esc(h, e->kind);
			if (e->channel >= 0)
				fprintf(h->f, "</td><td>%d", e->channel);
			else
				fputs("</td><td>-", h->f);
			fprintf(h->f, "</td><td>0x%08" PRIx32 "</td><td class=\"n\">%" PRIu32
				"</td><td>0x%08" PRIx32, e->addr, e->len, e->pc);
			if (e->function) {
				fputs(" ", h->f);
				ht_esc(h, e->function);
				fprintf(h->f, "+0x%" PRIx32, e->offset);
			}
			fputs("</td><td>", h->f);
			if (e->has_dma) {
				ht_time_link(h, e->dma_time);
				fprintf(h->f, " pc 0x%08" PRIx32, e->dma_pc);
				if (e->dma_function) {
					fputs(" ", h->f);
					ht_esc(h, e->dma_function);
					fprintf(h->f, "+0x%" PRIx32, e->dma_offset);
				}
			} else {
				fputs("-", h->f);
			}
			fputs("</td></tr>\n", h->f);
		}
		fputs("</table>\n", h->f);
	}
	fputs("</section>\n", h->f);
}

/* ------------------------------------------------------------------------ */
/* The page                                                                 */

int pm_report_html(FILE *f, const struct pm_report *r, const struct timeline *tl,
		   const struct pm_html_options *o)
{
	struct ht h = { .f = f, .r = r, .tl = tl };
	unsigned flags = o ? o->flags : 0;

	if (tl) {
		h.t0 = timeline_start(tl);
		h.t1 = timeline_end(tl);
		if (h.t1 > h.t0)
			h.ncols = h.t1 - h.t0 < PM_HTML_COLUMNS ? (unsigned)(h.t1 - h.t0)
								: PM_HTML_COLUMNS;
	}
	ht_head(&h, o);
	ht_summary(&h, flags);
	if (ht_power(&h) || ht_energy(&h) || ht_residency(&h) || ht_states(&h))
		return -1;
	ht_latency(&h);
	ht_suspend(&h);
	if (ht_wakeups(&h))
		return -1;
	ht_diagnostics(&h);
	fprintf(f, "</main>\n<div id=\"selftest\" data-errors=\"0\" data-power-series=\"-1\" "
		"data-lanes=\"-1\" data-ready=\"0\"></div>\n<script>//<![CDATA[\n%s//]]></script>\n"
		"</body>\n</html>\n", ht_script);
	return ferror(f) ? -1 : 0;
}
