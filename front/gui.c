/*
 * pmsim run --gui: the run in a live SDL2 window (docs/gui.md).
 *
 * What it shows, each frame:
 * - power against simulated time, per rail and in total: the meters'
 *   energies looked at with pm_meter_joules_now (pm/collect.h), which
 *   works out the core's uncharged cycles and the DRAM's pending idle
 *   transitions aside, so the window never settles or charges anything.
 *   A column's power is the energy drawn during its frame over the
 *   frame's simulated span: exact, whatever happened inside it;
 * - state lanes on the same time axis (C-state, OPP, each power domain,
 *   DRAM, suspend), from a sink on the trace stream that only records;
 *   a column shows the value held longest during its span;
 * - the energy so far by component, the GPIO pins as LEDs (a click
 *   drives a pin's input), UART 0's console (typing feeds its receiver)
 *   and the LCD's picture where the SoC has one.
 *
 * The run is stepped with machine_step: interactively paced against the
 * host clock (max, 1x, 10x, 100x) or, for --gui-screenshot, in exactly
 * GUI_COLS equal slices of --until, so that the picture is the same on
 * every host. Slicing does not change the run (machine.h), the sink and
 * the UART tap only record, and clicks and keys are the only input: the
 * same run with and without the window has byte-identical reports.
 *
 * PMSIM_GUI_SCRIPT scripts input at simulated times for tests (docs/
 * gui.md): it goes through the same handlers as the mouse and keyboard.
 */
#include "front/gui.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sim/machine.h"

int gui_parse_speed(const char *v, enum gui_speed *out)
{
	if (!strcmp(v, "max"))
		*out = GUI_SPEED_MAX;
	else if (!strcmp(v, "1"))
		*out = GUI_SPEED_1;
	else if (!strcmp(v, "10"))
		*out = GUI_SPEED_10;
	else if (!strcmp(v, "100"))
		*out = GUI_SPEED_100;
	else
		return -1;
	return 0;
}

#ifndef PMSIM_HAVE_SDL2

int gui_run(const struct run_options *o, const struct gui_options *g)
{
	fprintf(stderr, "pmsim: pmsim was built without SDL2 (install libsdl2-dev and rebuild)\n");
	return EXIT_USAGE;
}

#else

#include <SDL.h>
#include <libfdt.h>
#include <math.h>
#include <time.h>

#include "devices/pl061.h"
#include "devices/pl111.h"
#include "front/guifont.h"
#include "pm/collect.h"
#include "pm/meter.h"
#include "pm/pmu.h"
#include "pm/regulator.h"
#include "sim/chardev.h"
#include "sim/hostio.h"
#include "sim/soc.h"
#include "sim/timeparse.h"
#include "sim/trace.h"

/* ---- layout (logical pixels; the window scales) ----------------------------------- */

#define WIN_W 1280
#define WIN_H 800
/* The plot has one pixel column per frame (per slice for a screenshot). */
#define GUI_COLS 600
#define PLOT_X 72
#define PLOT_Y 54
#define PLOT_H 270
#define LANE_Y (PLOT_Y + PLOT_H + 22)
#define LANE_H 12
#define LANE_STEP 15
#define LEGEND_X (PLOT_X + GUI_COLS + 12)
#define RIGHT_X 928
#define RIGHT_W (WIN_W - RIGHT_X - 8)
#define LCD_Y 38
#define LCD_W 320
#define LCD_H 240
#define GPIO_Y (LCD_Y + LCD_H + 30)
/* The console fills the left under the lanes, from this height at least. */
#define CONSOLE_MIN_Y 492
#define CONSOLE_X 8
#define CONSOLE_W (RIGHT_X - 16)
#define LED_R 7
#define LED_STEP 30
#define BTN_H 22

#define MAX_TRACKS 17     /* the total and up to 16 rails */
#define MAX_COMPS 48
#define MAX_LANES 16
#define MAX_LANE_VALUES 16
#define MAX_GPIOS 4
#define CON_LINES 256
#define CON_COLS 256

/* Interactive pacing: frames at about 30 per second (drawing a frame
 * costs a few ms of host time that the run could use); at max, a step
 * is sized to cost this much host time. */
#define FRAME_S (1.0 / 30)
#define MAX_STEP_S 0.015
/* N x: a frame steps at most this much host time's worth; a run more
 * than PACE_DROP_S behind its pace starts again from where it is. */
#define PACE_CAP_S 0.05
#define PACE_DROP_S 0.5
/* A scripted click holds the pin this long (longer than gpio-keys'
 * 5 ms debounce, so that the guest sees a press). */
#define CLICK_HOLD (100 * PS_PER_MS)

struct rgb {
	uint8_t r, g, b;
};

static const struct rgb C_BG = { 21, 24, 29 }, C_PANEL = { 30, 35, 42 },
	C_BORDER = { 52, 58, 70 }, C_TEXT = { 216, 222, 233 }, C_DIM = { 138, 147, 163 },
	C_GRID = { 44, 50, 59 }, C_UNKNOWN = { 40, 44, 52 }, C_CONSOLE = { 200, 214, 200 },
	C_BTN = { 45, 52, 64 }, C_BTN_ON = { 88, 110, 160 }, C_WARN = { 255, 180, 80 };

/* The total, then the rails in DT order (docs/gui.md lists them). */
static const struct rgb track_colours[MAX_TRACKS] = {
	{ 236, 239, 244 }, { 255, 159, 67 }, { 72, 219, 251 }, { 255, 107, 129 },
	{ 29, 209, 161 }, { 254, 202, 87 }, { 165, 94, 234 }, { 84, 160, 255 },
	{ 200, 214, 229 }, { 255, 159, 67 }, { 72, 219, 251 }, { 255, 107, 129 },
	{ 29, 209, 161 }, { 254, 202, 87 }, { 165, 94, 234 }, { 84, 160, 255 },
	{ 200, 214, 229 },
};
static const struct rgb C_TOTAL_FILL = { 44, 58, 78 };

/* State colours: running / on / active green, deeper sleep bluer. */
static const struct rgb C_RUN = { 46, 204, 113 }, C_RET = { 230, 126, 34 },
	C_OFF = { 70, 74, 84 }, C_PDOWN = { 241, 196, 15 }, C_SREF = { 52, 152, 219 },
	C_SUSP = { 155, 89, 182 };
static const struct rgb idle_colours[] = {
	{ 52, 152, 219 }, { 41, 98, 200 }, { 90, 60, 190 }, { 30, 40, 120 }, { 20, 30, 80 },
};

/* ---- the state lanes --------------------------------------------------------------- */

enum lane_kind { LANE_CSTATE, LANE_OPP, LANE_PD, LANE_DRAM, LANE_SUSPEND };

struct lane_change {
	simtime_t t;
	int64_t v;
};

struct lane {
	enum lane_kind kind;
	char comp[40];
	char title[16];
	struct lane_change *ch;  /* in time order; the first may be before the plot */
	size_t n, cap;
	struct {
		int64_t v;
		char label[24];
	} vals[MAX_LANE_VALUES];  /* every value seen, in value order */
	unsigned nvals;
};

/* ---- the plot's columns -------------------------------------------------------------- */

struct column {
	simtime_t t0, t1;
	float w[MAX_TRACKS];   /* mean power over [t0, t1) */
};

struct comp {
	const char *name;
	bool loss;             /* only conversion meters: a regulator's loss */
	double j, dj, w;       /* energy now, its change over the frame, power then */
};

struct gpio {
	struct pl061 *dev;
	char name[48];
	const char *path;      /* its node */
	uint8_t idle;          /* the levels the outside world drives at rest */
	uint8_t held;          /* pins held at the opposite level by a click */
	char pin_label[PL061_NPINS][8];  /* a gpio-keys key's label */
};

/* One scripted input (PMSIM_GUI_SCRIPT). */
enum script_op { SC_PRESS, SC_RELEASE, SC_TYPE, SC_SPEED, SC_QUIT };

struct script_ev {
	simtime_t t;
	enum script_op op;
	unsigned gpio, pin;
	enum gui_speed speed;
	char text[128];
};

struct hit {
	SDL_Rect r;
	enum { HIT_PAUSE, HIT_SPEED, HIT_LED, HIT_CONSOLE } what;
	int a, b;
};

struct gui {
	const struct gui_options *go;
	const char *image;
	struct machine *m;
	struct soc *soc;
	SDL_Window *win;
	SDL_Renderer *ren;
	SDL_Texture *lcd_tex;
	int lcd_tex_w, lcd_tex_h;
	bool screenshot;
	simtime_t slice;          /* a screenshot's slice */

	/* tracks: 0 the total, then the rails */
	unsigned ntracks;
	char track_name[MAX_TRACKS][32];
	const struct pm_rail *track_rail[MAX_TRACKS];
	double total_j;           /* every meter's energy: the battery's */
	struct seen {
		const struct pm_meter *m;
		int comp;
		double j;          /* at the previous look */
	} *meters;
	unsigned nmeters;
	struct comp comps[MAX_COMPS];
	unsigned ncomps;
	struct column cols[GUI_COLS];
	unsigned ncols, head;     /* ring: head is the oldest */
	simtime_t last_t;         /* the end of the latest column */

	struct lane lanes[MAX_LANES];
	unsigned nlanes;
	bool lane_overflow;

	struct gpio gpios[MAX_GPIOS];
	unsigned ngpios;
	int held_gpio, held_pin;  /* the LED the pointer holds, or -1 */

	struct chardev *uart;
	char con[CON_LINES][CON_COLS + 1];
	unsigned con_first, con_n; /* ring of finished lines */
	char cur[CON_COLS + 1];
	unsigned cur_len, cur_pos;
	bool focus;               /* the console has the keyboard */

	struct script_ev *script;
	size_t nscript, script_next;

	/* pacing */
	enum gui_speed speed;
	bool paused, ended, quit;
	double host_start;
	double pace_host;         /* N x: the host time ... */
	simtime_t pace_sim;       /* ... at which the simulated time was this */
	simtime_t chunk;          /* max: the simulated length of a step */
	double rate;              /* simulated ps per host second, measured */
	double ratio;             /* achieved simulated per host seconds */
	double ratio_host;
	simtime_t ratio_sim;
	bool behind;              /* the host cannot keep up with N x */

	struct hit hits[64];
	unsigned nhits;
	SDL_Rect rects[2048];
	unsigned nrects;
};

static double host_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- drawing primitives ------------------------------------------------------------- */

static void colour(struct gui *g, struct rgb c)
{
	SDL_SetRenderDrawColor(g->ren, c.r, c.g, c.b, 255);
}

static void fill(struct gui *g, int x, int y, int w, int h, struct rgb c)
{
	SDL_Rect r = { x, y, w, h };
	colour(g, c);
	SDL_RenderFillRect(g->ren, &r);
}

static void frame_rect(struct gui *g, int x, int y, int w, int h, struct rgb c)
{
	SDL_Rect r = { x, y, w, h };
	colour(g, c);
	SDL_RenderDrawRect(g->ren, &r);
}

static void flush_rects(struct gui *g)
{
	if (g->nrects)
		SDL_RenderFillRects(g->ren, g->rects, (int)g->nrects);
	g->nrects = 0;
}

static void add_rect(struct gui *g, int x, int y, int w, int h)
{
	if (g->nrects == sizeof g->rects / sizeof g->rects[0])
		flush_rects(g);
	g->rects[g->nrects++] = (SDL_Rect){ x, y, w, h };
}

/* Text in the 5x7 font at `scale`, one colour; each row's runs of lit
 * pixels become one rectangle. UTF-8 µ is the font's µ; `max` bounds the
 * characters drawn (0: all). Returns the width drawn. */
static int text_n(struct gui *g, int x, int y, struct rgb c, int scale, size_t max,
		  const char *s)
{
	colour(g, c);
	int x0 = x;
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned ch = *p;
		if (ch == 0xc2 && p[1] == 0xb5) {
			ch = GUIFONT_MU;
			p++;
		}
		if (max && n++ >= max)
			break;
		const uint8_t *gl = guifont_glyph(ch);
		for (int row = 0; row < GUIFONT_H; row++) {
			uint8_t bits = gl[row];
			for (int col = 0; col < GUIFONT_W;) {
				if (!(bits & (0x10 >> col))) {
					col++;
					continue;
				}
				int run = col;
				while (run < GUIFONT_W && (bits & (0x10 >> run)))
					run++;
				add_rect(g, x + col * scale, y + row * scale, (run - col) * scale, scale);
				col = run;
			}
		}
		x += GUIFONT_ADVANCE * scale;
	}
	flush_rects(g);
	return x - x0;
}

static int text(struct gui *g, int x, int y, struct rgb c, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));
static int text(struct gui *g, int x, int y, struct rgb c, const char *fmt, ...)
{
	char buf[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return text_n(g, x, y, c, 1, 0, buf);
}

/* The width of `s` in pixels at scale 1. */
static int text_width(const char *s)
{
	int n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (!(*p == 0xb5 && p > (const unsigned char *)s && p[-1] == 0xc2))
			n++;
	return n * GUIFONT_ADVANCE;
}

static void disc(struct gui *g, int cx, int cy, int r, struct rgb c)
{
	colour(g, c);
	for (int dy = -r; dy <= r; dy++) {
		int dx = (int)sqrt((double)(r * r - dy * dy));
		add_rect(g, cx - dx, cy + dy, 2 * dx + 1, 1);
	}
	flush_rects(g);
}

static void panel(struct gui *g, int x, int y, int w, int h, const char *title)
{
	fill(g, x, y, w, h, C_PANEL);
	frame_rect(g, x, y, w, h, C_BORDER);
	if (title)
		text(g, x + 6, y + 5, C_DIM, "%s", title);
}

/* ---- units ----------------------------------------------------------------------------- */

static void fmt_si(char *buf, size_t len, double v, const char *unit)
{
	double a = fabs(v);
	if (a == 0)
		snprintf(buf, len, "0 %s", unit);
	else if (a < 0.9995e-6)  /* "1 µW", not "1e+03 nW" */
		snprintf(buf, len, "%.3g n%s", v * 1e9, unit);
	else if (a < 0.9995e-3)
		snprintf(buf, len, "%.3g \xc2\xb5%s", v * 1e6, unit);
	else if (a < 0.9995)
		snprintf(buf, len, "%.3g m%s", v * 1e3, unit);
	else
		snprintf(buf, len, "%.3g %s", v, unit);
}

/* A time on the axis, in the unit of the axis' end, with as many
 * decimals as the tick step needs. */
static void fmt_time(char *buf, size_t len, simtime_t t, simtime_t step, simtime_t end)
{
	static const struct {
		simtime_t ps;
		const char *unit;
	} units[] = { { PS_PER_S, "s" }, { PS_PER_MS, "ms" }, { PS_PER_US, "\xc2\xb5s" },
		      { PS_PER_NS, "ns" } };
	unsigned u = 0;
	while (u < 3 && end < units[u].ps)
		u++;
	double v = (double)t / (double)units[u].ps;
	double s = (double)step / (double)units[u].ps;
	int dec = s >= 1 ? 0 : s >= 0.1 ? 1 : s >= 0.01 ? 2 : s >= 0.001 ? 3 : 4;
	snprintf(buf, len, "%.*f %s", dec, v, units[u].unit);
}

/* 1, 2 or 5 times a power of ten, at least x. */
static double nice_up(double x)
{
	if (x <= 0)
		return 1;
	double p = pow(10, floor(log10(x)));
	double f = x / p;
	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

/* ---- the trace sink ------------------------------------------------------------------ */

static struct lane *lane_get(struct gui *g, enum lane_kind kind, const char *comp)
{
	for (unsigned i = 0; i < g->nlanes; i++)
		if (g->lanes[i].kind == kind && !strcmp(g->lanes[i].comp, comp))
			return &g->lanes[i];
	if (g->nlanes == MAX_LANES) {
		g->lane_overflow = true;
		return NULL;
	}
	struct lane *l = &g->lanes[g->nlanes++];
	memset(l, 0, sizeof *l);
	l->kind = kind;
	snprintf(l->comp, sizeof l->comp, "%s", comp);
	switch (kind) {
	case LANE_CSTATE: snprintf(l->title, sizeof l->title, "C-state"); break;
	case LANE_OPP: snprintf(l->title, sizeof l->title, "OPP"); break;
	case LANE_PD: snprintf(l->title, sizeof l->title, "pd %.12s", comp + 3); break;
	case LANE_DRAM: snprintf(l->title, sizeof l->title, "DRAM"); break;
	case LANE_SUSPEND: snprintf(l->title, sizeof l->title, "suspend"); break;
	}
	return l;
}

/* The lanes in the order they are drawn: C-state, OPP, domains, DRAM,
 * suspend (domains in the order the PMU names them). */
static void lanes_sort(struct gui *g)
{
	for (unsigned i = 1; i < g->nlanes; i++)
		for (unsigned j = i; j > 0 && g->lanes[j].kind < g->lanes[j - 1].kind; j--) {
			struct lane t = g->lanes[j];
			g->lanes[j] = g->lanes[j - 1];
			g->lanes[j - 1] = t;
		}
}

static int lane_value_index(const struct lane *l, int64_t v)
{
	for (unsigned i = 0; i < l->nvals; i++)
		if (l->vals[i].v == v)
			return (int)i;
	return -1;
}

static void lane_note_value(struct lane *l, int64_t v, const char *label)
{
	if (lane_value_index(l, v) >= 0 || l->nvals == MAX_LANE_VALUES)
		return;
	unsigned i = l->nvals++;
	while (i > 0 && l->vals[i - 1].v > v) {
		l->vals[i] = l->vals[i - 1];
		i--;
	}
	l->vals[i].v = v;
	if (l->kind == LANE_OPP)
		snprintf(l->vals[i].label, sizeof l->vals[i].label, "%g MHz", (double)v / 1e6);
	else
		snprintf(l->vals[i].label, sizeof l->vals[i].label, "%s",
			 label ? label : "?");
}

/* Record a change. Changes come nearly in time order; the DRAM's
 * idle-timer transitions come late, stamped with their own time, and go
 * where they belong. */
static void lane_record(struct lane *l, simtime_t t, int64_t v, const char *label)
{
	lane_note_value(l, v, label);
	size_t i = l->n;
	while (i > 0 && l->ch[i - 1].t > t)
		i--;
	if (i > 0 && l->ch[i - 1].t == t) {
		l->ch[i - 1].v = v;  /* the later word at one instant stands */
		return;
	}
	if (i > 0 && l->ch[i - 1].v == v)
		return;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 256;
		struct lane_change *ch = realloc(l->ch, cap * sizeof *ch);
		if (!ch)
			return;  /* the lane stays as it was: a picture, not a report */
		l->ch = ch;
		l->cap = cap;
	}
	memmove(&l->ch[i + 1], &l->ch[i], (l->n - i) * sizeof *l->ch);
	l->ch[i] = (struct lane_change){ t, v };
	l->n++;
}

static void on_trace(void *opaque, simtime_t t, const char *component, const char *var,
		     int64_t value, const char *label)
{
	struct gui *g = opaque;
	struct lane *l = NULL;
	if (!strcmp(component, "cpu0") && !strcmp(var, "cstate"))
		l = lane_get(g, LANE_CSTATE, component);
	else if (!strcmp(component, "cpu0") && !strcmp(var, "hz"))
		l = lane_get(g, LANE_OPP, component);
	else if (!strncmp(component, "pd.", 3) && !strcmp(var, "state"))
		l = lane_get(g, LANE_PD, component);
	else if (!strcmp(component, "dram") && !strcmp(var, "state"))
		l = lane_get(g, LANE_DRAM, component);
	else if (!strcmp(component, "soc") && !strcmp(var, "suspend"))
		l = lane_get(g, LANE_SUSPEND, component);
	if (l)
		lane_record(l, t, value, label);
}

/* Forget the changes before `t` but the last one (it holds at `t`). */
static void lanes_prune(struct gui *g, simtime_t t)
{
	for (unsigned i = 0; i < g->nlanes; i++) {
		struct lane *l = &g->lanes[i];
		size_t k = 0;
		while (k + 1 < l->n && l->ch[k + 1].t <= t)
			k++;
		if (k > 0 && k > l->n / 2) {
			memmove(l->ch, l->ch + k, (l->n - k) * sizeof *l->ch);
			l->n -= k;
		}
	}
}

static struct rgb lane_colour(const struct lane *l, int idx)
{
	if (idx < 0)
		return C_UNKNOWN;
	int64_t v = l->vals[idx].v;
	switch (l->kind) {
	case LANE_CSTATE: {
		if (v == 0)
			return C_RUN;
		size_t k = (size_t)(v - 1);
		size_t n = sizeof idle_colours / sizeof idle_colours[0];
		return idle_colours[k < n ? k : n - 1];
	}
	case LANE_OPP: {
		if (v == 0)
			return C_OFF;
		/* By rank among the rates seen: slow blue to fast red. */
		unsigned nz = 0, rank = 0;
		for (unsigned i = 0; i < l->nvals; i++)
			if (l->vals[i].v) {
				if ((int)i < idx)
					rank++;
				nz++;
			}
		double f = nz > 1 ? (double)rank / (nz - 1) : 1;
		struct rgb lo = { 52, 101, 164 }, mid = { 241, 196, 15 }, hi = { 231, 76, 60 };
		struct rgb a = f < 0.5 ? lo : mid, b = f < 0.5 ? mid : hi;
		double u = f < 0.5 ? f * 2 : (f - 0.5) * 2;
		return (struct rgb){ (uint8_t)(a.r + (b.r - a.r) * u), (uint8_t)(a.g + (b.g - a.g) * u),
				     (uint8_t)(a.b + (b.b - a.b) * u) };
	}
	case LANE_PD:
		return v == PD_ON ? C_RUN : v == PD_RETENTION ? C_RET : C_OFF;
	case LANE_DRAM:
		return v == 0 ? C_RUN : v == 1 ? C_PDOWN : v == 2 ? C_SREF : C_OFF;
	case LANE_SUSPEND:
		return v ? C_SUSP : C_RUN;
	}
	return C_UNKNOWN;
}

/* ---- sampling ------------------------------------------------------------------------- */

static int track_of_rail(const struct gui *g, const struct pm_rail *r)
{
	for (unsigned i = 1; i < g->ntracks; i++)
		if (g->track_rail[i] == r)
			return (int)i;
	return -1;
}

static int comp_index(struct gui *g, const char *name)
{
	for (unsigned i = 0; i < g->ncomps; i++)
		if (!strcmp(g->comps[i].name, name))
			return (int)i;
	if (g->ncomps == MAX_COMPS)
		return -1;
	g->comps[g->ncomps] = (struct comp){ .name = name, .loss = true };
	return (int)g->ncomps++;
}

/* Every meter's energy at `now`, and its change since the previous look
 * summed into dj by track and into each component. The loads' meters
 * are exact at any time (pm_meter_joules_now); a regulator's loss is
 * brought up to date for the DRAM's idle transitions only when the
 * controller tells them, late: the frame in which that happens takes the
 * correction (docs/gui.md). */
static void measure(struct gui *g, simtime_t now, double dj[MAX_TRACKS])
{
	for (unsigned i = 0; i < MAX_TRACKS; i++)
		dj[i] = 0;
	for (unsigned i = 0; i < g->ncomps; i++)
		g->comps[i].j = g->comps[i].dj = 0;
	g->total_j = 0;
	for (unsigned i = 0; i < g->nmeters; i++) {
		struct seen *ms = &g->meters[i];
		double j = pm_meter_joules_now(g->soc, ms->m, now);
		double d = j - ms->j;
		ms->j = j;
		g->total_j += j;
		dj[0] += d;
		int t = ms->m->rail ? track_of_rail(g, ms->m->rail) : -1;
		if (t > 0)
			dj[t] += d;
		if (ms->comp >= 0) {
			g->comps[ms->comp].j += j;
			g->comps[ms->comp].dj += d;
		}
	}
}

/* A column for the frame that ended at the present time. */
static void sample(struct gui *g)
{
	simtime_t now = sched_now(&g->soc->sched);
	if (now <= g->last_t)
		return;
	double dj[MAX_TRACKS];
	measure(g, now, dj);
	double dt = (double)(now - g->last_t) / (double)PS_PER_S;
	unsigned slot = (g->head + g->ncols) % GUI_COLS;
	if (g->ncols == GUI_COLS)
		g->head = (g->head + 1) % GUI_COLS;
	else
		g->ncols++;
	struct column *c = &g->cols[slot];
	c->t0 = g->last_t;
	c->t1 = now;
	for (unsigned i = 0; i < g->ntracks; i++)
		c->w[i] = (float)(dj[i] > 0 ? dj[i] / dt : 0);
	for (unsigned i = 0; i < g->ncomps; i++)
		g->comps[i].w = g->comps[i].dj / dt;
	g->last_t = now;
	lanes_prune(g, g->cols[g->head].t0);
}

static const struct column *col_at(const struct gui *g, unsigned k)
{
	return &g->cols[(g->head + k) % GUI_COLS];
}

/* ---- the UART console ------------------------------------------------------------------ */

static void con_newline(struct gui *g)
{
	g->cur[g->cur_len] = 0;
	unsigned slot = (g->con_first + g->con_n) % CON_LINES;
	if (g->con_n == CON_LINES)
		g->con_first = (g->con_first + 1) % CON_LINES;
	else
		g->con_n++;
	memcpy(g->con[slot], g->cur, g->cur_len + 1);
	g->cur_len = g->cur_pos = 0;
	g->cur[0] = 0;
}

/* What UART 0 transmits, as a terminal shows it: lines, a backspace that
 * moves back (the tty echoes an erase as "\b \b"), tabs to 8. */
static void on_tx(void *opaque, struct chardev *cd, uint8_t byte)
{
	struct gui *g = opaque;
	if (byte == '\n') {
		con_newline(g);
	} else if (byte == '\r') {
		g->cur_pos = 0;
	} else if (byte == '\b') {
		if (g->cur_pos)
			g->cur_pos--;
	} else if (byte == '\t') {
		do
			on_tx(opaque, cd, ' ');
		while (g->cur_pos % 8);
	} else if (byte >= 0x20 && byte < 0x7f) {
		if (g->cur_pos == CON_COLS)
			con_newline(g);
		g->cur[g->cur_pos++] = (char)byte;
		if (g->cur_pos > g->cur_len)
			g->cur_len = g->cur_pos;
		g->cur[g->cur_len] = 0;
	}
}

static void send_keys(struct gui *g, const char *s, size_t n)
{
	if (g->uart && n && !g->ended)
		chardev_push_rx(g->uart, (const uint8_t *)s, n);
}

/* ---- GPIO -------------------------------------------------------------------------------- */

/* Name the pins that gpio-keys keys use (the default SoC's "power"),
 * from the keys' `gpios` = <&controller pin flags> and `label`. */
static void gpio_key_labels(struct gui *g)
{
	const void *fdt = g->soc->fdt;
	for (int n = fdt_node_offset_by_compatible(fdt, -1, "gpio-keys"); n >= 0;
	     n = fdt_node_offset_by_compatible(fdt, n, "gpio-keys")) {
		int k;
		fdt_for_each_subnode(k, fdt, n) {
			int len = 0;
			const fdt32_t *v = fdt_getprop(fdt, k, "gpios", &len);
			const char *label = fdt_getprop(fdt, k, "label", NULL);
			if (!v || len < 8 || !label)
				continue;
			int ctl = fdt_node_offset_by_phandle(fdt, fdt32_to_cpu(v[0]));
			uint32_t pin = fdt32_to_cpu(v[1]);
			for (unsigned i = 0; i < g->ngpios && ctl >= 0 && pin < PL061_NPINS; i++) {
				char path[256];
				if (!fdt_get_path(fdt, ctl, path, sizeof path) &&
				    !strcmp(path, g->gpios[i].path))
					snprintf(g->gpios[i].pin_label[pin], sizeof g->gpios[i].pin_label[0],
						 "%s", label);
			}
		}
	}
}

static void gpio_find(struct gui *g)
{
	for (unsigned i = 0; i < g->soc->ndevs && g->ngpios < MAX_GPIOS; i++) {
		struct soc_device *d = &g->soc->devs[i];
		if (!d->type || strcmp(d->type->compatible, "arm,pl061"))
			continue;
		struct gpio *p = &g->gpios[g->ngpios];
		p->dev = d->state;
		p->path = d->path;
		const char *node = strrchr(d->path, '/');
		snprintf(p->name, sizeof p->name, "gpio%u %.36s", g->ngpios, node ? node + 1 : d->path);
		/* The levels the board drives at rest: the node's
		 * pmsim,input-levels, else every pin pulled up. */
		p->idle = 0xff;
		int off = fdt_path_offset(g->soc->fdt, d->path);
		int len = 0;
		const fdt32_t *v = off >= 0 ? fdt_getprop(g->soc->fdt, off, "pmsim,input-levels", &len)
					    : NULL;
		if (v && len == 4)
			p->idle = (uint8_t)fdt32_to_cpu(*v);
		g->ngpios++;
	}
	gpio_key_labels(g);
}

static SDL_Point led_centre(unsigned gpio, unsigned pin)
{
	return (SDL_Point){ RIGHT_X + 22 + (int)pin * LED_STEP,
			    GPIO_Y + 42 + (int)gpio * 44 };
}

static void pin_drive(struct gui *g, unsigned gpio, unsigned pin, bool press)
{
	struct gpio *p = &g->gpios[gpio];
	int idle = (p->idle >> pin) & 1;
	if (press)
		p->held |= (uint8_t)(1u << pin);
	else
		p->held &= (uint8_t)~(1u << pin);
	if (!g->ended)
		pl061_set_input(p->dev, pin, press ? !idle : idle);
}

/* ---- input ----------------------------------------------------------------------------------- */

static void set_speed(struct gui *g, enum gui_speed s)
{
	g->speed = s;
	g->pace_host = host_now();
	g->pace_sim = sched_now(&g->soc->sched);
	g->behind = false;
}

static void toggle_pause(struct gui *g)
{
	g->paused = !g->paused;
	set_speed(g, g->speed);
	g->ratio_host = host_now();
	g->ratio_sim = sched_now(&g->soc->sched);
}

/* The pointer went down or up at (x, y): the same for the mouse and for
 * the script. */
static void gui_pointer(struct gui *g, int x, int y, bool down)
{
	if (!down) {
		if (g->held_gpio >= 0)
			pin_drive(g, (unsigned)g->held_gpio, (unsigned)g->held_pin, false);
		g->held_gpio = -1;
		return;
	}
	SDL_Point pt = { x, y };
	bool in_console = false;
	for (unsigned i = 0; i < g->nhits; i++) {
		const struct hit *h = &g->hits[i];
		if (!SDL_PointInRect(&pt, &h->r))
			continue;
		switch (h->what) {
		case HIT_PAUSE:
			toggle_pause(g);
			break;
		case HIT_SPEED:
			set_speed(g, (enum gui_speed)h->a);
			break;
		case HIT_LED:
			g->held_gpio = h->a;
			g->held_pin = h->b;
			pin_drive(g, (unsigned)h->a, (unsigned)h->b, true);
			break;
		case HIT_CONSOLE:
			in_console = true;
			break;
		}
		break;
	}
	g->focus = in_console && g->uart;
}

static void gui_key(struct gui *g, SDL_Keycode k, Uint16 mod)
{
	switch (k) {
	case SDLK_F1: set_speed(g, GUI_SPEED_MAX); return;
	case SDLK_F2: set_speed(g, GUI_SPEED_1); return;
	case SDLK_F3: set_speed(g, GUI_SPEED_10); return;
	case SDLK_F4: set_speed(g, GUI_SPEED_100); return;
	case SDLK_F5:
	case SDLK_PAUSE: toggle_pause(g); return;
	default: break;
	}
	if (!g->focus) {
		if (k == SDLK_SPACE)
			toggle_pause(g);
		return;
	}
	char c = 0;
	if (k == SDLK_RETURN || k == SDLK_KP_ENTER)
		c = '\r';  /* as a terminal sends it; the tty turns it into NL */
	else if (k == SDLK_BACKSPACE)
		c = 0x7f;  /* DEL, the tty's erase character */
	else if (k == SDLK_TAB)
		c = '\t';
	else if (k == SDLK_ESCAPE)
		g->focus = false;
	else if ((mod & KMOD_CTRL) && k >= SDLK_a && k <= SDLK_z)
		c = (char)(k - SDLK_a + 1);
	if (c)
		send_keys(g, &c, 1);
}

/* Typed text (printable ASCII; the guest's tty knows nothing else). */
static void gui_text(struct gui *g, const char *s)
{
	if (!g->focus)
		return;
	for (; *s; s++)
		if (*s >= 0x20 && *s < 0x7f)
			send_keys(g, s, 1);
}

/* ---- the script (PMSIM_GUI_SCRIPT) ------------------------------------------------------- */

static int script_error(const char *entry, const char *why)
{
	fprintf(stderr, "pmsim: PMSIM_GUI_SCRIPT: '%s': %s\n", entry, why);
	return EXIT_USAGE;
}

static int script_add(struct gui *g, struct script_ev ev)
{
	struct script_ev *s = realloc(g->script, (g->nscript + 1) * sizeof *s);
	if (!s) {
		fprintf(stderr, "pmsim: out of memory\n");
		return EXIT_INTERNAL;
	}
	g->script = s;
	/* In time order; entries at one time in the order written. */
	size_t i = g->nscript++;
	while (i > 0 && g->script[i - 1].t > ev.t) {
		g->script[i] = g->script[i - 1];
		i--;
	}
	g->script[i] = ev;
	return 0;
}

/* "gpioN:P" */
static int parse_pin(const char *s, unsigned *gpio, unsigned *pin)
{
	char *end;
	if (strncmp(s, "gpio", 4))
		return -1;
	unsigned long a = strtoul(s + 4, &end, 10);
	if (end == s + 4 || *end != ':')
		return -1;
	const char *p = end + 1;
	unsigned long b = strtoul(p, &end, 10);
	if (end == p || *end || a >= MAX_GPIOS || b >= PL061_NPINS)
		return -1;
	*gpio = (unsigned)a;
	*pin = (unsigned)b;
	return 0;
}

/* Entries separated by ';' or new lines: TIME ACTION [ARGUMENT]. */
static int script_parse(struct gui *g, const char *src)
{
	char *copy = strdup(src), *save = NULL;
	if (!copy)
		return script_error(src, "out of memory");
	int rc = 0;
	for (char *e = strtok_r(copy, ";\n", &save); e && !rc; e = strtok_r(NULL, ";\n", &save)) {
		while (*e == ' ' || *e == '\t')
			e++;
		if (!*e)
			continue;
		char entry[256];
		snprintf(entry, sizeof entry, "%s", e);
		char *sp = strchr(e, ' ');
		if (!sp) {
			rc = script_error(entry, "wanted TIME ACTION [ARGUMENT]");
			break;
		}
		*sp = 0;
		char why[128];
		struct script_ev ev = { 0 };
		if (parse_time(e, &ev.t, why, sizeof why)) {
			rc = script_error(entry, why);
			break;
		}
		char *act = sp + 1;
		while (*act == ' ')
			act++;
		char *arg = strchr(act, ' ');
		if (arg) {
			*arg++ = 0;
			while (*arg == ' ')
				arg++;
		}
		if (!strcmp(act, "press") || !strcmp(act, "release") || !strcmp(act, "click")) {
			if (!arg || parse_pin(arg, &ev.gpio, &ev.pin)) {
				rc = script_error(entry, "wanted a pin as gpioN:P (P from 0 to 7)");
				break;
			}
			ev.op = strcmp(act, "release") ? SC_PRESS : SC_RELEASE;
			rc = script_add(g, ev);
			if (!rc && !strcmp(act, "click")) {
				ev.op = SC_RELEASE;
				ev.t += CLICK_HOLD;
				rc = script_add(g, ev);
			}
		} else if (!strcmp(act, "type")) {
			/* The rest of the entry, with \r (Enter), \b (Backspace)
			 * and \\ as escapes. */
			size_t n = 0;
			for (const char *p = arg ? arg : ""; *p && n + 1 < sizeof ev.text; p++) {
				if (*p == '\\' && (p[1] == 'r' || p[1] == 'n')) {
					ev.text[n++] = '\r';
					p++;
				} else if (*p == '\\' && p[1] == 'b') {
					ev.text[n++] = 0x7f;
					p++;
				} else if (*p == '\\' && p[1] == '\\') {
					ev.text[n++] = '\\';
					p++;
				} else {
					ev.text[n++] = *p;
				}
			}
			if (!n) {
				rc = script_error(entry, "nothing to type");
				break;
			}
			ev.op = SC_TYPE;
			rc = script_add(g, ev);
		} else if (!strcmp(act, "speed")) {
			if (!arg || gui_parse_speed(arg, &ev.speed)) {
				rc = script_error(entry, "wanted max, 1, 10 or 100");
				break;
			}
			ev.op = SC_SPEED;
			rc = script_add(g, ev);
		} else if (!strcmp(act, "quit") && !arg) {
			ev.op = SC_QUIT;
			rc = script_add(g, ev);
		} else {
			rc = script_error(entry, "the actions are press, release, click, type, "
					  "speed and quit");
		}
	}
	free(copy);
	return rc;
}

/* Pins the SoC must have; after the SoC is built. */
static int script_check(struct gui *g)
{
	for (size_t i = 0; i < g->nscript; i++) {
		const struct script_ev *ev = &g->script[i];
		if ((ev->op == SC_PRESS || ev->op == SC_RELEASE) && ev->gpio >= g->ngpios) {
			fprintf(stderr, "pmsim: PMSIM_GUI_SCRIPT: gpio%u: the SoC has %u PL061 "
				"GPIO controller%s\n", ev->gpio, g->ngpios, g->ngpios == 1 ? "" : "s");
			return EXIT_USAGE;
		}
		if (ev->op == SC_TYPE && !g->uart) {
			fprintf(stderr, "pmsim: PMSIM_GUI_SCRIPT: type: the SoC has no UART 0\n");
			return EXIT_USAGE;
		}
	}
	return 0;
}

/* The script's entries due by now, through the window's own handlers. */
static void script_apply(struct gui *g)
{
	simtime_t now = sched_now(&g->soc->sched);
	while (g->script_next < g->nscript && g->script[g->script_next].t <= now) {
		struct script_ev *ev = &g->script[g->script_next++];
		SDL_Point c = led_centre(ev->gpio, ev->pin);
		bool focus = g->focus;
		switch (ev->op) {
		case SC_PRESS:
			gui_pointer(g, c.x, c.y, true);
			g->focus = focus;
			break;
		case SC_RELEASE:
			/* The pointer lets go of the pin it holds, or of this one. */
			if (g->held_gpio < 0) {
				g->held_gpio = (int)ev->gpio;
				g->held_pin = (int)ev->pin;
			}
			gui_pointer(g, c.x, c.y, false);
			break;
		case SC_TYPE:
			g->focus = true;
			for (const char *p = ev->text; *p; p++) {
				if (*p == '\r')
					gui_key(g, SDLK_RETURN, 0);
				else if (*p == 0x7f)
					gui_key(g, SDLK_BACKSPACE, 0);
				else {
					char s[2] = { *p, 0 };
					gui_text(g, s);
				}
			}
			g->focus = focus;
			break;
		case SC_SPEED:
			set_speed(g, ev->speed);
			break;
		case SC_QUIT:
			g->quit = true;
			break;
		}
	}
}

/* Once the run has ended its time stands still: the entries left are
 * applied at once, in order (clicks and keys then reach nothing; a
 * `quit` closes the window on the final state). */
static void script_after_end(struct gui *g)
{
	while (g->script_next < g->nscript && !g->quit) {
		struct script_ev *ev = &g->script[g->script_next];
		if (ev->t > sched_now(&g->soc->sched))
			ev->t = sched_now(&g->soc->sched);
		script_apply(g);
	}
}

/* ---- stepping -------------------------------------------------------------------------------- */

/* Run to `target` (absolute), stopping at each scripted entry's time to
 * apply it, unless the run ends first. */
static void step_to(struct gui *g, simtime_t target)
{
	struct sched *s = &g->soc->sched;
	while (!g->ended && !g->quit) {
		script_apply(g);
		if (g->quit)
			break;  /* the window closed there */
		simtime_t stop = target;
		if (g->script_next < g->nscript && g->script[g->script_next].t < stop)
			stop = g->script[g->script_next].t;
		if (sched_now(s) < stop) {
			int rc = machine_step(g->m, stop);
			if (rc != MACHINE_RUNNING) {
				g->ended = true;  /* machine_finish gives the status */
				break;
			}
		}
		if (sched_now(s) >= target) {
			script_apply(g);
			break;
		}
	}
}

/* ---- the window ------------------------------------------------------------------------------ */

static void add_hit(struct gui *g, SDL_Rect r, int what, int a, int b)
{
	if (g->nhits < sizeof g->hits / sizeof g->hits[0])
		g->hits[g->nhits++] = (struct hit){ r, what, a, b };
}

static void button(struct gui *g, SDL_Rect r, const char *label, bool on)
{
	fill(g, r.x, r.y, r.w, r.h, on ? C_BTN_ON : C_BTN);
	frame_rect(g, r.x, r.y, r.w, r.h, C_BORDER);
	text(g, r.x + (r.w - text_width(label)) / 2, r.y + 8, C_TEXT, "%s", label);
}

static const struct {
	enum gui_speed s;
	const char *label;
} speeds[] = { { GUI_SPEED_MAX, "max" }, { GUI_SPEED_1, "1x" }, { GUI_SPEED_10, "10x" },
	       { GUI_SPEED_100, "100x" } };

static SDL_Rect pause_rect(void)
{
	return (SDL_Rect){ 8, 5, 64, BTN_H };
}

static SDL_Rect speed_rect(unsigned i)
{
	return (SDL_Rect){ 84 + 48 * (int)i, 5, 44, BTN_H };
}

/* The console's top: under the lanes. */
static int console_y(const struct gui *g)
{
	int y = LANE_Y + (int)g->nlanes * LANE_STEP + 20;
	return y > CONSOLE_MIN_Y ? y : CONSOLE_MIN_Y;
}

/* Where the pointer does something; the drawing uses the same places.
 * Laid out before the first frame is drawn (a screenshot draws one
 * frame, at the end, and its script clicks before). */
static void layout_hits(struct gui *g)
{
	g->nhits = 0;
	add_hit(g, pause_rect(), HIT_PAUSE, 0, 0);
	for (unsigned i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
		add_hit(g, speed_rect(i), HIT_SPEED, speeds[i].s, 0);
	for (unsigned i = 0; i < g->ngpios; i++)
		for (unsigned pin = 0; pin < PL061_NPINS; pin++) {
			SDL_Point c = led_centre(i, pin);
			add_hit(g, (SDL_Rect){ c.x - LED_STEP / 2, c.y - LED_R - 2, LED_STEP,
					       2 * LED_R + 14 }, HIT_LED, (int)i, (int)pin);
		}
	int cy = console_y(g);
	add_hit(g, (SDL_Rect){ CONSOLE_X, cy, CONSOLE_W, WIN_H - 8 - cy }, HIT_CONSOLE, 0, 0);
}

static void draw_toolbar(struct gui *g)
{
	fill(g, 0, 0, WIN_W, 32, C_PANEL);
	fill(g, 0, 32, WIN_W, 1, C_BORDER);
	button(g, pause_rect(), g->paused ? "Resume" : "Pause", g->paused);
	for (unsigned i = 0; i < sizeof speeds / sizeof speeds[0]; i++)
		button(g, speed_rect(i), speeds[i].label, g->speed == speeds[i].s && !g->screenshot);
	SDL_Rect last = speed_rect(sizeof speeds / sizeof speeds[0] - 1);
	int x = last.x + last.w + 20;
	simtime_t now = sched_now(&g->soc->sched);
	x += text(g, x, 13, C_TEXT, "simulated %.6f s", (double)now / (double)PS_PER_S) + 18;
	if (!g->screenshot) {
		x += text(g, x, 13, C_TEXT, "host %.1f s", host_now() - g->host_start) + 18;
		if (g->ratio > 0)
			x += text(g, x, 13, g->behind ? C_WARN : C_TEXT, "ratio %.3gx%s", g->ratio,
				  g->behind ? " (the host cannot keep up)" : "") + 18;
	} else {
		x += text(g, x, 13, C_DIM, "%u slices of %.6g s", GUI_COLS,
			  (double)g->slice / (double)PS_PER_S) + 18;
	}
	const char *state = g->ended ? machine_outcome(g->m) : g->paused ? "paused" : "running";
	char buf[160];
	snprintf(buf, sizeof buf, "%s", state);
	int room = (WIN_W - 8 - x) / GUIFONT_ADVANCE;
	if (room > 0)
		text_n(g, x, 13, g->ended ? C_WARN : C_DIM, 1, (size_t)room, buf);
}

/* The x of the oldest column: the latest is at the right, but a
 * screenshot's column k is slice k, from the left (a run that ended
 * before --until leaves the right empty). */
static int cols_x(const struct gui *g)
{
	return g->screenshot ? PLOT_X : PLOT_X + GUI_COLS - (int)g->ncols;
}

/* The time axis under the plot: ticks where the columns cross multiples
 * of a round step (columns need not be equally long). */
static void draw_time_axis(struct gui *g, int x0, int y)
{
	if (!g->ncols)
		return;
	simtime_t a = col_at(g, 0)->t0, b = col_at(g, g->ncols - 1)->t1;
	double span = (double)(b - a);
	simtime_t step = (simtime_t)nice_up(span / 6);
	if (!step)
		step = 1;
	int last_x = -1000;
	unsigned k = 0;
	for (simtime_t t = (a + step - 1) / step * step; t <= b; t += step) {
		while (k < g->ncols && col_at(g, k)->t1 <= t && k + 1 < g->ncols)
			k++;
		int x = cols_x(g) + (int)k;
		fill(g, x, y, 1, 4, C_DIM);
		char buf[32];
		fmt_time(buf, sizeof buf, t, step, b);
		int w = text_width(buf);
		if (x - w / 2 > last_x + 8 && x + w / 2 < x0 + GUI_COLS + 30) {
			text(g, x - w / 2, y + 6, C_DIM, "%s", buf);
			last_x = x + w / 2;
		}
	}
}

static void draw_plot(struct gui *g)
{
	int x0 = PLOT_X, y0 = PLOT_Y, h = PLOT_H;
	text(g, 8, 40, C_TEXT, "Power by rail (load, without the regulators' loss) and in total "
	     "(from the battery)");
	fill(g, x0, y0, GUI_COLS, h, (struct rgb){ 24, 28, 34 });
	double max = 0;
	for (unsigned k = 0; k < g->ncols; k++)
		for (unsigned t = 0; t < g->ntracks; t++)
			if (col_at(g, k)->w[t] > max)
				max = col_at(g, k)->w[t];
	double top = nice_up(max > 1e-9 ? max * 1.05 : 1e-6);
	double step = nice_up(top / 5);
	int nlines = (int)floor(top / step + 1e-9);
	for (int i = 0; i <= nlines; i++) {
		double v = i * step;
		int y = y0 + h - 1 - (int)lround(v / top * (h - 1));
		fill(g, x0, y, GUI_COLS, 1, i ? C_GRID : C_BORDER);
		char buf[32];
		fmt_si(buf, sizeof buf, v, "W");
		text(g, x0 - 6 - text_width(buf), y - 3, C_DIM, "%s", buf);
	}
	int xs = cols_x(g);
	/* The total as a filled area, the rails as lines, the total on top. */
	colour(g, C_TOTAL_FILL);
	for (unsigned k = 0; k < g->ncols; k++) {
		int yh = (int)lround(col_at(g, k)->w[0] / top * (h - 1));
		if (yh > 0)
			add_rect(g, xs + (int)k, y0 + h - 1 - yh, 1, yh);
	}
	flush_rects(g);
	static SDL_Point pts[GUI_COLS * 2];
	for (unsigned t = g->ntracks; t-- > 0;) {
		unsigned n = 0;
		for (unsigned k = 0; k < g->ncols; k++) {
			int y = y0 + h - 1 - (int)lround(col_at(g, k)->w[t] / top * (h - 1));
			pts[n++] = (SDL_Point){ xs + (int)k, y };
		}
		colour(g, track_colours[t]);
		if (n > 1)
			SDL_RenderDrawLines(g->ren, pts, (int)n);
		else if (n == 1)
			SDL_RenderDrawPoint(g->ren, pts[0].x, pts[0].y);
		if (t == 0) {
			for (unsigned i = 0; i < n; i++)
				pts[i].y--;
			if (n > 1)
				SDL_RenderDrawLines(g->ren, pts, (int)n);
		}
	}
	frame_rect(g, x0 - 1, y0 - 1, GUI_COLS + 2, h + 2, C_BORDER);
	draw_time_axis(g, x0, y0 + h + 1);

	/* The legend: each track's power over the latest frame. */
	int ly = y0 + 2;
	text(g, LEGEND_X, ly, C_DIM, "present power");
	ly += 14;
	for (unsigned t = 0; t < g->ntracks; t++) {
		fill(g, LEGEND_X, ly, 10, 7, track_colours[t]);
		char buf[32] = "-";
		if (g->ncols)
			fmt_si(buf, sizeof buf, col_at(g, g->ncols - 1)->w[t], "W");
		text(g, LEGEND_X + 16, ly, t ? C_TEXT : track_colours[0], "%-12.12s", g->track_name[t]);
		text(g, LEGEND_X + 16 + 13 * GUIFONT_ADVANCE, ly, C_TEXT, "%s", buf);
		ly += 13;
	}
}

/* Which of the lane's values held longest in [a, b), by index; -1: not
 * known yet. *k walks the changes forward across calls. */
static int lane_pick(const struct lane *l, size_t *k, simtime_t a, simtime_t b)
{
	while (*k + 1 < l->n && l->ch[*k + 1].t <= a)
		(*k)++;
	simtime_t held[MAX_LANE_VALUES + 1] = { 0 };
	simtime_t t = a;
	size_t i = *k;
	int cur = l->n && l->ch[i].t <= a ? lane_value_index(l, l->ch[i].v) : -1;
	if (!(l->n && l->ch[i].t <= a))
		i = 0;
	else
		i++;
	for (; i < l->n && l->ch[i].t < b; i++) {
		if (l->ch[i].t > t)
			held[cur + 1] += l->ch[i].t - t;
		t = l->ch[i].t > t ? l->ch[i].t : t;
		cur = lane_value_index(l, l->ch[i].v);
	}
	if (b > t)
		held[cur + 1] += b - t;
	if (a == b)
		return cur;
	int best = -1;
	simtime_t most = 0;
	for (int v = 0; v <= MAX_LANE_VALUES; v++)
		if (held[v] > most) {
			most = held[v];
			best = v - 1;
		}
	return best;
}

static void draw_lanes(struct gui *g)
{
	int xs = cols_x(g);
	for (unsigned i = 0; i < g->nlanes; i++) {
		const struct lane *l = &g->lanes[i];
		int y = LANE_Y + (int)i * LANE_STEP;
		text(g, 8, y + 3, C_DIM, "%s", l->title);
		fill(g, PLOT_X, y, GUI_COLS, LANE_H, C_UNKNOWN);
		size_t k = 0;
		int run_x = xs, run_c = -2;
		for (unsigned c = 0; c <= g->ncols; c++) {
			int v = -2;
			if (c < g->ncols) {
				const struct column *col = col_at(g, c);
				v = lane_pick(l, &k, col->t0, col->t1);
			}
			if (c == g->ncols || v != run_c) {
				if (run_c != -2 && xs + (int)c > run_x)
					fill(g, run_x, y, xs + (int)c - run_x, LANE_H, lane_colour(l, run_c));
				run_x = xs + (int)c;
				run_c = v;
			}
		}
		/* Its colours, with the values' names. */
		int lx = LEGEND_X;
		for (unsigned v = 0; v < l->nvals; v++) {
			char label[16];
			snprintf(label, sizeof label, "%.12s", l->vals[v].label);
			int w = 10 + text_width(label) + 6;
			if (lx + w > RIGHT_X - 8)
				break;
			fill(g, lx, y + 2, 7, 7, lane_colour(l, (int)v));
			text(g, lx + 10, y + 2, C_DIM, "%s", label);
			lx += w;
		}
	}
	int y = LANE_Y + (int)g->nlanes * LANE_STEP + 2;
	text(g, 8, y, C_DIM, "States: the value held longest in each column's span%s.",
	     g->lane_overflow ? " (more lanes than fit)" : "");
}

static void draw_framebuffer(struct gui *g, int x, int y, int w, int h, int fw, int fh,
			     const uint8_t *rgb)
{
	if (!g->lcd_tex || g->lcd_tex_w != fw || g->lcd_tex_h != fh) {
		if (g->lcd_tex)
			SDL_DestroyTexture(g->lcd_tex);
		g->lcd_tex = SDL_CreateTexture(g->ren, SDL_PIXELFORMAT_RGB24,
					       SDL_TEXTUREACCESS_STREAMING, fw, fh);
		g->lcd_tex_w = fw;
		g->lcd_tex_h = fh;
	}
	if (!g->lcd_tex)
		return;
	SDL_UpdateTexture(g->lcd_tex, NULL, rgb, fw * 3);
	/* Scaled to fit, keeping its aspect. */
	double s = fmin((double)w / fw, (double)h / fh);
	SDL_Rect dst = { x, y, (int)(fw * s), (int)(fh * s) };
	dst.x += (w - dst.w) / 2;
	dst.y += (h - dst.h) / 2;
	SDL_RenderCopy(g->ren, g->lcd_tex, NULL, &dst);
}

/* The SoC's display (its first PL111), as RGB888 rows: false when it has
 * none or the panel shows nothing (pl111_snapshot reads the framebuffer
 * as the panel does, and changes nothing). */
static bool lcd_picture(struct gui *g, int *w, int *h, const uint8_t **rgb)
{
	for (unsigned i = 0; i < g->soc->ndevs; i++) {
		struct soc_device *d = &g->soc->devs[i];
		if (!d->type || strcmp(d->type->compatible, "arm,pl111"))
			continue;
		unsigned fw = 0, fh = 0;
		const uint8_t *pix = pl111_snapshot(d->state, &fw, &fh);
		if (!pix || !fw || !fh)
			return false;
		*w = (int)fw;
		*h = (int)fh;
		*rgb = pix;
		return true;
	}
	return false;
}

static void draw_lcd(struct gui *g)
{
	panel(g, RIGHT_X, LCD_Y, RIGHT_W, LCD_H + 22, "LCD");
	int x = RIGHT_X + (RIGHT_W - LCD_W) / 2, y = LCD_Y + 18;
	fill(g, x, y, LCD_W, LCD_H, (struct rgb){ 10, 11, 13 });
	int fw, fh;
	const uint8_t *rgb;
	if (lcd_picture(g, &fw, &fh, &rgb))
		draw_framebuffer(g, x, y, LCD_W, LCD_H, fw, fh, rgb);
	else
		text(g, x + (LCD_W - text_width("no display")) / 2, y + LCD_H / 2 - 3, C_DIM,
		     "no display");
}

static void draw_gpio(struct gui *g)
{
	int h = 34 + (g->ngpios ? (int)g->ngpios : 1) * 44;
	panel(g, RIGHT_X, GPIO_Y, RIGHT_W, h - 4,
	      "GPIO: outputs lit; click a pin to drive its input");
	if (!g->ngpios)
		text(g, RIGHT_X + 8, GPIO_Y + 30, C_DIM, "no PL061 GPIO controller");
	for (unsigned i = 0; i < g->ngpios; i++) {
		const struct gpio *p = &g->gpios[i];
		uint8_t out = pl061_outputs(p->dev);
		for (unsigned pin = 0; pin < PL061_NPINS; pin++) {
			SDL_Point c = led_centre(i, pin);
			bool held = (p->held >> pin) & 1;
			disc(g, c.x, c.y, LED_R + 1, held ? C_TEXT : C_BORDER);
			disc(g, c.x, c.y, LED_R - 1,
			     (out >> pin) & 1 ? (struct rgb){ 90, 255, 120 } : (struct rgb){ 28, 48, 34 });
			if (p->pin_label[pin][0])
				text(g, c.x - text_width(p->pin_label[pin]) / 2, c.y + LED_R + 4, C_TEXT,
				     "%s", p->pin_label[pin]);
			else
				text(g, c.x - 2, c.y + LED_R + 4, C_DIM, "%u", pin);
		}
		text(g, RIGHT_X + 8, led_centre(i, 0).y - LED_R - 13, C_DIM, "%s", p->name);
	}
}

static int comp_cmp(const void *a, const void *b)
{
	const struct comp *x = *(const struct comp *const *)a, *y = *(const struct comp *const *)b;
	if (x->j != y->j)
		return x->j < y->j ? 1 : -1;
	return strcmp(x->name, y->name);
}

static void draw_energy(struct gui *g)
{
	/* Under the GPIO panel, whatever its height. */
	int y0 = GPIO_Y + 34 + (g->ngpios > 1 ? (int)g->ngpios : 1) * 44 + 4, h = WIN_H - 8 - y0;
	panel(g, RIGHT_X, y0, RIGHT_W, h, NULL);
	char buf[32];
	fmt_si(buf, sizeof buf, g->total_j, "J");
	text(g, RIGHT_X + 6, y0 + 5, C_DIM, "Energy so far:");
	text(g, RIGHT_X + 96, y0 + 5, C_TEXT, "%s from the battery", buf);
	text(g, RIGHT_X + 204, y0 + 18, C_DIM, "energy");
	text(g, RIGHT_X + 272, y0 + 18, C_DIM, "power");
	const struct comp *order[MAX_COMPS];
	for (unsigned i = 0; i < g->ncomps; i++)
		order[i] = &g->comps[i];
	qsort(order, g->ncomps, sizeof order[0], comp_cmp);
	double max = g->ncomps ? order[0]->j : 0;
	int y = y0 + 30, rows = (h - 34) / 11;
	for (unsigned i = 0; i < g->ncomps; i++) {
		if ((int)i == rows - 1 && g->ncomps > (unsigned)rows) {
			text(g, RIGHT_X + 8, y, C_DIM, "+ %u more", g->ncomps - i);
			break;
		}
		const struct comp *c = order[i];
		char name[24];
		snprintf(name, sizeof name, "%s%s", c->name, c->loss ? " loss" : "");
		text_n(g, RIGHT_X + 8, y, C_TEXT, 1, 16, name);
		int bw = max > 0 ? (int)lround(c->j / max * 90) : 0;
		fill(g, RIGHT_X + 106, y, 90, 7, C_UNKNOWN);
		fill(g, RIGHT_X + 106, y, bw, 7, c->loss ? C_RET : C_SREF);
		char e[32], w[32];
		fmt_si(e, sizeof e, c->j, "J");
		fmt_si(w, sizeof w, c->w, "W");
		text(g, RIGHT_X + 204, y, C_TEXT, "%s", e);
		text(g, RIGHT_X + 272, y, C_DIM, "%s", w);
		y += 11;
	}
}

static void draw_console(struct gui *g)
{
	const int cy = console_y(g), ch = WIN_H - 8 - cy;
	panel(g, CONSOLE_X, cy, CONSOLE_W, ch,
	      !g->uart ? "UART 0: none on this SoC"
	      : g->focus ? "UART 0 console: typing goes to the guest (Esc: stop typing)"
		       : "UART 0 console (click here to type into it)");
	if (g->focus)
		frame_rect(g, CONSOLE_X, cy, CONSOLE_W, ch, C_BTN_ON);
	int rows = (ch - 22) / GUIFONT_LINE;
	size_t cols = (size_t)(CONSOLE_W - 12) / GUIFONT_ADVANCE;
	/* The latest lines, the unfinished one last. */
	unsigned shown = g->con_n + 1 > (unsigned)rows ? (unsigned)rows - 1 : g->con_n;
	int y = cy + 18;
	for (unsigned i = g->con_n - shown; i < g->con_n; i++) {
		text_n(g, CONSOLE_X + 6, y, C_CONSOLE, 1, cols, g->con[(g->con_first + i) % CON_LINES]);
		y += GUIFONT_LINE;
	}
	text_n(g, CONSOLE_X + 6, y, C_CONSOLE, 1, cols, g->cur);
	if (g->focus && g->cur_pos < cols)
		fill(g, CONSOLE_X + 6 + (int)g->cur_pos * GUIFONT_ADVANCE, y, GUIFONT_W, GUIFONT_H,
		     C_CONSOLE);
}

static void render(struct gui *g)
{
	layout_hits(g);
	colour(g, C_BG);
	SDL_RenderClear(g->ren);
	draw_toolbar(g);
	draw_plot(g);
	draw_lanes(g);
	draw_lcd(g);
	draw_gpio(g);
	draw_energy(g);
	draw_console(g);
}

/* ---- setting up ----------------------------------------------------------------------------- */

static int open_window(struct gui *g)
{
	/* pmsim's own signal handling stays: a signal stops the run with its
	 * reports, as without the window. */
	SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
	/* A plain software window surface: no GL context (Mesa's llvmpipe
	 * would start threads of its own to copy the frame). */
	SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
	/* SDL_VIDEODRIVER in the environment wins over these defaults. For
	 * the interactive window, only the display the environment names:
	 * SDL would otherwise go on to others, down to an invisible one. */
	const char *x11 = getenv("DISPLAY"), *wl = getenv("WAYLAND_DISPLAY");
	bool has_x11 = x11 && *x11, has_wl = wl && *wl;
	if (g->screenshot) {
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "offscreen");
	} else if (!has_x11 && !has_wl && !getenv("SDL_VIDEODRIVER")) {
		fprintf(stderr, "pmsim: --gui: no display: set DISPLAY, or use --gui-screenshot\n");
		return EXIT_USAGE;
	} else if (!has_wl) {
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "x11");
	} else if (!has_x11) {
		SDL_SetHint(SDL_HINT_VIDEODRIVER, "wayland");
	}
	if (SDL_Init(SDL_INIT_VIDEO)) {
		fprintf(stderr, "pmsim: --gui: no display (%s%s%s): set DISPLAY, or use "
			"--gui-screenshot\n", has_x11 ? "DISPLAY=" : "", has_x11 ? x11 : "",
			has_x11 ? " cannot be opened" : SDL_GetError());
		return EXIT_USAGE;
	}
	g->win = SDL_CreateWindow("pmsim", SDL_WINDOWPOS_UNDEFINED, SDL_WINDOWPOS_UNDEFINED,
				  WIN_W, WIN_H, g->screenshot ? SDL_WINDOW_HIDDEN
				  : SDL_WINDOW_RESIZABLE);
	if (g->win)
		g->ren = SDL_CreateRenderer(g->win, -1, SDL_RENDERER_SOFTWARE);
	if (!g->ren) {
		fprintf(stderr, "pmsim: --gui: cannot open a window: %s\n", SDL_GetError());
		return EXIT_USAGE;
	}
	char title[300];
	snprintf(title, sizeof title, "pmsim: %.280s", g->image);
	SDL_SetWindowTitle(g->win, title);
	/* Drawn at 1280x800 whatever the window's size; the pointer's
	 * coordinates come back in the same units. */
	SDL_RenderSetLogicalSize(g->ren, WIN_W, WIN_H);
	return 0;
}

static void close_window(struct gui *g)
{
	if (g->lcd_tex)
		SDL_DestroyTexture(g->lcd_tex);
	if (g->ren)
		SDL_DestroyRenderer(g->ren);
	if (g->win)
		SDL_DestroyWindow(g->win);
	SDL_Quit();
}

/* Look at the SoC once it exists: tracks, components, lanes, pins, the
 * console. */
static int attach(struct gui *g)
{
	struct soc *soc = g->soc;
	snprintf(g->track_name[0], sizeof g->track_name[0], "total");
	g->ntracks = 1;
	unsigned nr = soc->rails ? rail_count(soc->rails) : 0;
	for (unsigned i = 0; i < nr && g->ntracks < MAX_TRACKS; i++) {
		struct pm_rail *r = rail_at(soc->rails, i);
		g->track_rail[g->ntracks] = r;
		snprintf(g->track_name[g->ntracks], sizeof g->track_name[0], "%s", rail_name(r));
		g->ntracks++;
	}
	bool dram = false;
	for (const struct pm_meter *m = soc->meters; m; m = m->next)
		g->nmeters++;
	g->meters = calloc(g->nmeters ? g->nmeters : 1, sizeof *g->meters);
	if (!g->meters) {
		fprintf(stderr, "pmsim: out of memory\n");
		return EXIT_INTERNAL;
	}
	unsigned k = 0;
	for (const struct pm_meter *m = soc->meters; m; m = m->next, k++) {
		int c = comp_index(g, m->component);
		g->meters[k] = (struct seen){ .m = m, .comp = c };
		if (c >= 0 && strcmp(m->kind, "conversion"))
			g->comps[c].loss = false;
		dram |= !strcmp(m->component, "dram");
	}
	/* Lanes in their order, before the first change of any. */
	lane_get(g, LANE_CSTATE, "cpu0");
	lane_get(g, LANE_OPP, "cpu0");
	if (dram)
		lane_get(g, LANE_DRAM, "dram");
	if (soc->pmu)
		lane_get(g, LANE_SUSPEND, "soc");
	simtime_t now = sched_now(&soc->sched);
	if (trace_add_sink(&soc->trace, (struct trace_sink){ on_trace, g }) < 0) {
		fprintf(stderr, "pmsim: --gui: no room for the window on the trace stream\n");
		return EXIT_INTERNAL;
	}
	/* The PMU tells its states only when they change: its present ones
	 * to the window alone. */
	if (soc->pmu) {
		struct trace own = { .nsinks = 1 };
		own.sinks[0] = (struct trace_sink){ on_trace, g };
		pmu_trace_present(soc->pmu, now, &own);
	}
	lanes_sort(g);
	gpio_find(g);
	g->held_gpio = -1;
	g->uart = soc->serial[0];
	if (g->uart) {
		g->uart->tx_tap = on_tx;
		g->uart->tx_tap_opaque = g;
	}
	layout_hits(g);
	double dj[MAX_TRACKS];
	measure(g, now, dj);  /* the energies the first frame starts from */
	g->last_t = now;
	return script_check(g);
}

static void detach(struct gui *g)
{
	trace_remove_sink(&g->soc->trace, g);
	if (g->uart && g->uart->tx_tap == on_tx) {
		g->uart->tx_tap = NULL;
		g->uart->tx_tap_opaque = NULL;
	}
}

/* The window as a 24-bit BMP, written whole or not at all. */
static int save_screenshot(struct gui *g, const char *path)
{
	int pitch = WIN_W * 3;
	size_t size = (size_t)pitch * WIN_H;
	uint8_t *px = malloc(size), *bmp = malloc(size + 1024);
	SDL_Surface *s = NULL;
	int rc = EXIT_INTERNAL;
	struct err e = { "" };
	if (!px || !bmp) {
		fprintf(stderr, "pmsim: out of memory\n");
		goto out;
	}
	if (SDL_RenderReadPixels(g->ren, NULL, SDL_PIXELFORMAT_RGB24, px, pitch) ||
	    !(s = SDL_CreateRGBSurfaceWithFormatFrom(px, WIN_W, WIN_H, 24, pitch,
						     SDL_PIXELFORMAT_RGB24))) {
		fprintf(stderr, "pmsim: --gui-screenshot %s: cannot read the window back: %s\n",
			path, SDL_GetError());
		goto out;
	}
	SDL_RWops *rw = SDL_RWFromMem(bmp, (int)(size + 1024));
	if (!rw || SDL_SaveBMP_RW(s, rw, 0)) {
		fprintf(stderr, "pmsim: --gui-screenshot %s: cannot make the BMP: %s\n", path,
			SDL_GetError());
		if (rw)
			SDL_RWclose(rw);
		goto out;
	}
	Sint64 len = SDL_RWtell(rw);
	SDL_RWclose(rw);
	rc = hostio_write_bytes("--gui-screenshot", path, bmp, (size_t)len, &e);
	if (rc)
		fprintf(stderr, "pmsim: %s\n", e.msg);
out:
	SDL_FreeSurface(s);
	free(px);
	free(bmp);
	return rc;
}

/* The screenshot's file, checked before the run as the run's own outputs
 * are (machine.c): writable, not one of the inputs, not another output.
 * An input that cannot be read is machine_open's to report. */
static int check_screenshot(const struct run_options *o, const char *path)
{
	struct err e = { "" }, ignored = { "" };
	struct hostio_input in[3] = {
		{ .what = "the image", .path = o->image },
		{ .what = "the --config file", .path = o->config },
		{ .what = "the --uart-in file", .path = o->uart_in },
	};
	for (unsigned i = 0; i < 3; i++)
		if (in[i].path && strcmp(in[i].path, "-"))
			hostio_check(in[i].path, SIZE_MAX, &in[i].id, &ignored);
	struct hostio_out shot = { .tmp_slot = -1 };
	int rc = hostio_out_check(&shot, "--gui-screenshot", path, true, in, 3, &e);
	const struct {
		const char *opt, *path;
	} others[] = { { "--report", o->report }, { "--timeline", o->timeline },
		       { "--html", o->html }, { "--uart-out", o->uart_out } };
	for (unsigned i = 0; i < 4 && !rc; i++) {
		struct hostio_out other = { .tmp_slot = -1 };
		if (others[i].path &&
		    !hostio_out_check(&other, others[i].opt, others[i].path, i < 3, NULL, 0,
				      &ignored) && hostio_out_same(&shot, &other)) {
			errf(&e, "--gui-screenshot %s and %s %s name the same file", path,
			     others[i].opt, others[i].path);
			rc = EXIT_CANTCREATE;
		}
		free(other.target);
	}
	free(shot.target);
	if (rc)
		fprintf(stderr, "pmsim: %s\n", e.msg);
	return rc;
}

/* ---- the two ways to run ----------------------------------------------------------------- */

/* --gui-screenshot: GUI_COLS equal slices of --until, one column each,
 * no pacing and no input but the script. */
static void run_screenshot(struct gui *g, simtime_t until)
{
	simtime_t q = until / GUI_COLS, r = until % GUI_COLS;
	g->slice = q;
	for (unsigned i = 1; i <= GUI_COLS && !g->ended && !g->quit; i++) {
		step_to(g, q * i + r * i / GUI_COLS);
		sample(g);
		SDL_PumpEvents();
	}
	render(g);
}

static void handle_events(struct gui *g)
{
	SDL_Event ev;
	while (SDL_PollEvent(&ev)) {
		switch (ev.type) {
		case SDL_QUIT:
			g->quit = true;
			break;
		case SDL_WINDOWEVENT:
			if (ev.window.event == SDL_WINDOWEVENT_CLOSE)
				g->quit = true;
			break;
		case SDL_MOUSEBUTTONDOWN:
		case SDL_MOUSEBUTTONUP:
			if (ev.button.button == SDL_BUTTON_LEFT)
				gui_pointer(g, ev.button.x, ev.button.y, ev.type == SDL_MOUSEBUTTONDOWN);
			break;
		case SDL_KEYDOWN:
			gui_key(g, ev.key.keysym.sym, ev.key.keysym.mod);
			break;
		case SDL_TEXTINPUT:
			gui_text(g, ev.text.text);
			break;
		default:
			break;
		}
	}
}

/* Where N x wants the run now. */
static simtime_t pace_target(const struct gui *g, double host)
{
	double want = (host - g->pace_host) * (double)g->speed * (double)PS_PER_S;
	return g->pace_sim + (want > 0 ? (simtime_t)want : 0);
}

/* One frame's stepping, paced against the host clock. */
static void pace(struct gui *g)
{
	struct sched *s = &g->soc->sched;
	simtime_t now = sched_now(s);
	double t0 = host_now();
	simtime_t target;
	if (g->speed == GUI_SPEED_MAX) {
		target = now + g->chunk;
	} else {
		target = pace_target(g, t0);
		if (target <= now)
			return;
		/* At most what the host steps in PACE_CAP_S: a frame that
		 * cannot keep up stays short, and the window stays live. */
		double cap = g->rate * PACE_CAP_S;
		if (cap < (double)PS_PER_US)
			cap = (double)PS_PER_US;
		if ((double)(target - now) > cap)
			target = now + (simtime_t)cap;
	}
	step_to(g, target);
	double dt = host_now() - t0;
	simtime_t done = sched_now(s) - now;
	/* The host's speed, simulated per host second, from steps long
	 * enough to measure. */
	if (done > 0 && dt > 1e-3)
		g->rate = g->rate > 0 ? 0.5 * g->rate + 0.5 * (double)done / dt : (double)done / dt;
	if (g->speed == GUI_SPEED_MAX) {
		/* The next step towards MAX_STEP_S of host time, changing by
		 * at most a factor of 2 from one step to the next. */
		double c = g->rate > 0 ? g->rate * MAX_STEP_S : 2.0 * (double)g->chunk;
		double lo = (double)g->chunk / 2, hi = (double)g->chunk * 2;
		c = c < lo ? lo : c > hi ? hi : c;
		g->chunk = c < PS_PER_US ? PS_PER_US : c > 10.0 * PS_PER_S ? 10 * PS_PER_S
			   : (simtime_t)c;
		g->behind = false;
		return;
	}
	/* Behind the pace by more than a moment: say so; by more than
	 * PACE_DROP_S, start afresh from here rather than race to catch up
	 * later. */
	double lag = (double)(pace_target(g, host_now()) - sched_now(s)) / (double)g->speed /
		     (double)PS_PER_S;
	if (pace_target(g, host_now()) < sched_now(s))
		lag = 0;
	g->behind = lag > 0.1;
	if (lag > PACE_DROP_S) {
		g->pace_host = host_now();
		g->pace_sim = sched_now(s);
	}
}

static void run_interactive(struct gui *g)
{
	g->chunk = PS_PER_MS;
	g->rate = (double)PS_PER_S;  /* a first guess: real time */
	set_speed(g, g->go->speed);
	g->ratio_host = host_now();
	g->ratio_sim = sched_now(&g->soc->sched);
	while (!g->quit) {
		double t0 = host_now();
		handle_events(g);
		if (hostio_interrupted() && !g->ended) {
			/* The run ends as without the window, with its reports. */
			machine_step(g->m, sched_now(&g->soc->sched));
			g->ended = true;
		}
		if (hostio_interrupted())
			break;
		if (!g->ended && !g->paused && !g->quit)
			pace(g);
		else if (!g->ended)
			script_apply(g);
		else
			script_after_end(g);
		sample(g);
		double h = host_now();
		if (h - g->ratio_host >= 1.0) {
			simtime_t now = sched_now(&g->soc->sched);
			g->ratio = (double)(now - g->ratio_sim) / (double)PS_PER_S / (h - g->ratio_host);
			g->ratio_host = h;
			g->ratio_sim = now;
		}
		render(g);
		SDL_RenderPresent(g->ren);
		double spent = host_now() - t0;
		if ((g->paused || g->ended || g->speed != GUI_SPEED_MAX) && spent < FRAME_S)
			SDL_Delay((Uint32)((FRAME_S - spent) * 1000));
	}
}

int gui_run(const struct run_options *o, const struct gui_options *go)
{
	struct gui *g = calloc(1, sizeof *g);
	if (!g) {
		fprintf(stderr, "pmsim: out of memory\n");
		return EXIT_INTERNAL;
	}
	g->go = go;
	g->image = o->image;
	g->screenshot = go->screenshot != NULL;
	g->host_start = host_now();
	int rc = 0;
	struct err e = { "" };
	const char *script = getenv("PMSIM_GUI_SCRIPT");
	/* Everything that can be refused is, before anything is created. */
	if (script && (rc = script_parse(g, script)))
		goto out;
	if (go->screenshot && (rc = check_screenshot(o, go->screenshot)))
		goto out;
	if ((rc = open_window(g)))
		goto out_window;
	rc = machine_open(o, &g->m, &e);
	if (rc) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		goto out_window;
	}
	g->soc = machine_soc(g->m);
	if ((rc = attach(g))) {
		detach(g);
		goto out_machine;
	}
	if (g->screenshot)
		run_screenshot(g, o->until);
	else
		run_interactive(g);
	if (!g->ended)
		machine_stop(g->m, 0, "the GUI window was closed");
	int shot = 0;
	if (g->screenshot)
		shot = save_screenshot(g, go->screenshot);
	detach(g);
	close_window(g);
	g->win = NULL;
	rc = machine_finish(g->m);
	if (shot)
		rc = shot;
	hostio_interruptible(false);
	machine_close(g->m);
	goto out;

out_machine:
	hostio_interruptible(false);
	machine_close(g->m);
out_window:
	if (g->win || g->ren)
		close_window(g);
	else
		SDL_Quit();
out:
	for (unsigned i = 0; i < g->nlanes; i++)
		free(g->lanes[i].ch);
	free(g->script);
	free(g->meters);
	free(g);
	return rc;
}

#endif
