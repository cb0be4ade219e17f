/*
 * Scenarios in Lua (scenario.h, docs/scenarios.md).
 *
 * The script runs on the host; the machine runs only inside run_for,
 * run_until and expect, in steps of the steppable machine (sim/machine.h).
 * Timed actions (at, every) are scheduler events of the machine, so they
 * run at their exact simulated time, inside a step; a condition is checked
 * whenever the run pauses, which it does at every byte on a console being
 * watched, every state change in the trace stream while someone waits,
 * and at least every `poll` of simulated time. Nothing here reads the host
 * clock except for the host-time limit, so a scenario is as deterministic
 * as a run.
 */
#define _DEFAULT_SOURCE
#include "front/scenario.h"

#include <errno.h>
#include <fcntl.h>
#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <libfdt.h>

#include "dma/coherency.h"
#include "front/cliopt.h"
#include "pm/battery.h"
#include "pm/collect.h"
#include "pm/report.h"
#include "devices/pl061.h"
#include "devices/pl111.h"
#include "devices/sensor.h"
#include "pm/regulator.h"
#include "pm/thermal.h"
#include "sim/chardev.h"
#include "sim/hostio.h"
#include "sim/json.h"
#include "pm/timeline.h"
#include "sim/machine.h"
#include "sim/soc.h"
#include "sim/timeparse.h"
#include "sim/trace.h"

#define NPORTS 8
#define DEFAULT_POLL (100 * PS_PER_US)
#define DEFAULT_TIMEOUT_S 600.0
#define MAX_EVENTS 1000000u
#define MAX_CAPTURE (64u << 20)

struct capture {               /* one console's output */
	char *buf;
	size_t len, cap;
	size_t expect_pos;         /* expect() looks from here on */
	size_t line_start;
	bool dropped;
};

struct sevent {
	simtime_t t;
	const char *comp, *var, *label;
	int64_t value;
};

struct action {
	struct sched_event ev;
	struct scen *s;
	int fn_ref;
	simtime_t period;          /* 0: once */
	bool cancelled, done;
	struct action *next;
};

struct sender {                /* uart_send at a baud rate: one byte a character */
	struct sched_event ev;
	struct scen *s;
	struct chardev *cd;
	uint8_t *data;
	size_t len, pos;
	simtime_t char_time;
	struct sender *next;
};

struct pulse {                 /* gpio_pulse: the edge back */
	struct sched_event ev;
	struct pl061 *g;
	unsigned pin;
	int level;
	struct pulse *next;
};

struct latency {               /* latency(name, t): samples for budgets */
	char *name;
	double *v;
	size_t n, cap;
};

struct scen {
	lua_State *L;
	const struct scenario_opts *o;
	struct scenario_result *res;
	char dir[PATH_MAX];        /* the script's folder, resolved */
	char out[PATH_MAX];        /* the output folder, resolved once created */
	char file[PATH_MAX];       /* the script as given */
	char exedir[PATH_MAX];
	bool have_out;
	/* scenario{} */
	int decl_ref;
	int decl_line;
	simtime_t until;
	uint64_t max_insns;
	double timeout;
	double host_deadline;
	/* machine{} */
	struct machine *m;
	struct run_options ro;
	char image[PATH_MAX], config[PATH_MAX];
	char *cmdline;
	void *dtb;
	struct capture cap[NPORTS];
	/* machine{ timeline = ..., html = true }: written at the end. */
	bool tl_fmt[3];            /* by enum timeline_format */
	bool html;
	bool watch_uart, watch_trace;
	struct sevent *ev;
	size_t nev, evcap;
	uint64_t ev_dropped;
	struct action *actions;
	struct sender *senders;
	int in_action;             /* > 0 inside an action or a signal function */
	int action_err_ref;        /* a Lua error raised by an action, LUA_NOREF */
	int signal_ref;            /* sensor_signal's function, LUA_NOREF */
	struct sensor *signal_sensor;
	struct pulse *pulses;
	struct latency *lat;
	size_t nlat;
	/* params */
	int params_ref;
	/* scenario_params(): read the declaration, then stop. */
	bool decl_only;
	struct scenario_param *decl_params;
	unsigned ndecl_params;
};

static char decl_done_key;     /* its address: "the declaration has been read" */

static struct scen *get_scen(lua_State *L)
{
	return *(struct scen **)lua_getextraspace(L);
}

/* ---- failures and errors ------------------------------------------------------- */

/* A failure (assertion, expectation, budget) is raised as a table
 * { fail = message } so that it is told apart from a Lua error. */
static int fail_at(lua_State *L, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int fail_at(lua_State *L, int level, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	lua_createtable(L, 0, 1);
	luaL_where(L, level);
	lua_pushstring(L, msg);
	lua_concat(L, 2);
	lua_setfield(L, -2, "fail");
	return lua_error(L);
}

/* luaL_error with the C library's formats (lua_pushfstring has few). */
static int errorf(lua_State *L, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int errorf(lua_State *L, const char *fmt, ...)
{
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	luaL_where(L, 1);
	lua_pushstring(L, msg);
	lua_concat(L, 2);
	return lua_error(L);
}

#define FAIL(L, ...) fail_at(L, 1, __VA_ARGS__)

/* ---- quantities and times ------------------------------------------------------- */

static const struct { const char *p; double f; } prefixes[] = {
	{ "p", 1e-12 }, { "n", 1e-9 }, { "u", 1e-6 }, { "\xc2\xb5", 1e-6 }, { "m", 1e-3 },
	{ "k", 1e3 },   { "M", 1e6 },  { "G", 1e9 },  { "", 1 },
};

int scenario_parse_quantity(const char *s, const char *unit, double *out, char *why,
			    size_t whylen)
{
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (end == s || errno || !isfinite(v)) {
		snprintf(why, whylen, "'%s' is not a number followed by a unit (e.g. 2 m%s)", s,
			 unit);
		return -1;
	}
	while (*end == ' ')
		end++;
	if (!*end) {
		*out = v;
		return 0;
	}
	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++) {
		size_t n = strlen(prefixes[i].p);
		if (!strncmp(end, prefixes[i].p, n) && !strcmp(end + n, unit)) {
			*out = v * prefixes[i].f;
			return 0;
		}
	}
	snprintf(why, whylen, "'%s': the unit must be %s, with an optional prefix (p, n, u, m, k, "
		 "M, G)", s, unit);
	return -1;
}

/* A time argument: seconds as a number, or a string with a unit. */
static simtime_t check_time(lua_State *L, int arg, bool zero_ok)
{
	simtime_t t;
	if (lua_type(L, arg) == LUA_TNUMBER) {
		double v = lua_tonumber(L, arg);
		if (!(v >= 0) || v * 1e12 >= 1.8e19)
			luaL_argerror(L, arg, "a time must be a number of seconds from 0 to 1.8e7");
		t = (simtime_t)llround(v * 1e12);
	} else if (lua_type(L, arg) == LUA_TSTRING) {
		const char *str = lua_tostring(L, arg);
		char buf[64], why[128];
		size_t k = 0;
		for (const char *p = str; *p && k + 1 < sizeof buf; p++)
			if (*p != ' ')
				buf[k++] = *p;
		buf[k] = '\0';
		if (!strcmp(buf, "0") || !strcmp(buf, "0s"))
			t = 0;
		else if (parse_time(buf, &t, why, sizeof why))
			luaL_argerror(L, arg, lua_pushfstring(L, "'%s': %s", str, why));
	} else {
		return luaL_typeerror(L, arg, "time (seconds, or a string such as \"10ms\")");
	}
	if (!t && !zero_ok)
		luaL_argerror(L, arg, "the time must not be 0");
	return t;
}

static double check_quantity(lua_State *L, int arg, const char *unit)
{
	if (lua_type(L, arg) == LUA_TNUMBER)
		return lua_tonumber(L, arg);
	if (lua_type(L, arg) != LUA_TSTRING)
		return luaL_typeerror(L, arg, lua_pushfstring(L, "a number or a string in %s", unit));
	double v;
	char why[160];
	if (scenario_parse_quantity(lua_tostring(L, arg), unit, &v, why, sizeof why))
		luaL_argerror(L, arg, why);
	return v;
}

static double seconds(simtime_t t)
{
	return (double)(t / PS_PER_S) + (double)(t % PS_PER_S) / 1e12;
}

/* ---- paths and the sandbox --------------------------------------------------------- */

/* `path` (relative to the script's folder) resolved, and inside `dir1` or
 * `dir2` (NULL: not allowed). The file itself need not exist; its folder
 * must. */
static bool resolve_inside(const struct scen *s, const char *path, bool write, char *full,
			   size_t len)
{
	/* A relative path: under the output folder to write; to read, there
	 * if the file is there (the script wrote it), else under the
	 * script's folder. */
	char joined[PATH_MAX * 2];
	struct stat st;
	if (path[0] == '/')
		snprintf(joined, sizeof joined, "%s", path);
	else if (s->have_out && (write || (snprintf(joined, sizeof joined, "%s/%s", s->out, path),
					   stat(joined, &st) == 0)))
		snprintf(joined, sizeof joined, "%s/%s", s->out, path);
	else
		snprintf(joined, sizeof joined, "%s/%s", s->dir, path);
	char parent[PATH_MAX * 2];
	snprintf(parent, sizeof parent, "%s", joined);
	char *slash = strrchr(parent, '/');
	const char *base = slash + 1;
	if (slash == parent)
		parent[1] = '\0';
	else
		*slash = '\0';
	char rp[PATH_MAX];
	if (!realpath(parent, rp) || !*base || !strcmp(base, ".") || !strcmp(base, ".."))
		return false;
	if ((size_t)snprintf(full, len, "%s/%s", rp, base) >= len)
		return false;
	/* A symbolic link at the end is followed: its target must be inside too. */
	char target[PATH_MAX];
	if (realpath(full, target))
		snprintf(full, len, "%s", target);
	const char *dirs[2] = { write ? NULL : s->dir, s->have_out ? s->out : NULL };
	for (int i = 0; i < 2; i++) {
		if (!dirs[i])
			continue;
		size_t n = strlen(dirs[i]);
		if (!strncmp(full, dirs[i], n) && (full[n] == '/' || !full[n]))
			return true;
	}
	return false;
}

static bool ensure_out(struct scen *s, char *why, size_t len);

/* io.open(path, mode) inside the sandbox. */
static int l_io_open(lua_State *L)
{
	struct scen *s = get_scen(L);
	const char *path = luaL_checkstring(L, 1);
	const char *mode = luaL_optstring(L, 2, "r");
	bool write = strpbrk(mode, "wa+") != NULL;
	char full[PATH_MAX], why[512];
	/* Files are written in the output folder: it exists from then on. */
	if (write && !ensure_out(s, why, sizeof why))
		return luaL_error(L, "io.open('%s', '%s'): %s", path, mode, why);
	if (!resolve_inside(s, path, write, full, sizeof full))
		return luaL_error(L, "io.open('%s', '%s'): outside the sandbox (files may be read "
				  "under the scenario's folder %s and written under its output "
				  "folder %s)", path, mode, s->dir, s->have_out ? s->out : "(none)");
	/* The original io.open, kept as an upvalue. */
	int base = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushstring(L, full);
	lua_pushstring(L, mode);
	lua_call(L, 2, LUA_MULTRET);
	return lua_gettop(L) - base;
}

static int l_io_lines(lua_State *L)
{
	struct scen *s = get_scen(L);
	const char *path = luaL_checkstring(L, 1);
	char full[PATH_MAX];
	if (!resolve_inside(s, path, false, full, sizeof full))
		return luaL_error(L, "io.lines('%s'): outside the sandbox (files may be read under "
				  "the scenario's folder %s and its output folder)", path, s->dir);
	int n = lua_gettop(L);
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushstring(L, full);
	for (int i = 2; i <= n; i++)
		lua_pushvalue(L, i);
	lua_call(L, n, LUA_MULTRET);
	return lua_gettop(L) - n;
}

static int l_forbidden(lua_State *L)
{
	return luaL_error(L, "%s is not available in a scenario (sandbox)",
			  lua_tostring(L, lua_upvalueindex(1)));
}

/* load(chunk, name, mode, env): text chunks only. */
static int l_load(lua_State *L)
{
	int n = lua_gettop(L);
	if (n >= 3 && !lua_isnil(L, 3) && strcmp(luaL_checkstring(L, 3), "t"))
		return luaL_error(L, "load: only text chunks (mode \"t\") in a scenario (sandbox)");
	lua_pushvalue(L, lua_upvalueindex(1));
	lua_pushvalue(L, 1);
	lua_pushvalue(L, n >= 2 ? 2 : 0 /* none */);
	if (n < 2)
		lua_pushnil(L), lua_replace(L, -2);
	lua_pushliteral(L, "t");
	if (n >= 4)
		lua_pushvalue(L, 4);
	lua_call(L, n >= 4 ? 4 : 3, LUA_MULTRET);
	return lua_gettop(L) - n;
}

/* Host-time limit and runaway scripts: checked every 100 000 VM
 * instructions. */
static double host_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void count_hook(lua_State *L, lua_Debug *ar)
{
	(void)ar;
	struct scen *s = get_scen(L);
	int sig = s->o->interruptible ? hostio_interrupted() : 0;
	if (sig) {
		s->res->status = EXIT_SIGNAL + sig;
		luaL_where(L, 0);
		lua_pushfstring(L, "interrupted by %s", sig == SIGINT ? "SIGINT"
				: sig == SIGTERM ? "SIGTERM" : "SIGHUP");
		lua_concat(L, 2);
		lua_error(L);
	}
	if (s->host_deadline > 0 && host_now() >= s->host_deadline) {
		char msg[128];
		snprintf(msg, sizeof msg, "host time limit reached (%g s; --timeout or "
			 "scenario{timeout=...})", s->timeout);
		luaL_where(L, 0);
		lua_pushstring(L, msg);
		lua_concat(L, 2);
		lua_error(L);
	}
}

static void open_sandbox(lua_State *L)
{
	static const luaL_Reg libs[] = {
		{ LUA_GNAME, luaopen_base },        { LUA_TABLIBNAME, luaopen_table },
		{ LUA_STRLIBNAME, luaopen_string }, { LUA_MATHLIBNAME, luaopen_math },
		{ LUA_UTF8LIBNAME, luaopen_utf8 },  { LUA_COLIBNAME, luaopen_coroutine },
		{ LUA_IOLIBNAME, luaopen_io },      { LUA_OSLIBNAME, luaopen_os },
	};
	for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++) {
		luaL_requiref(L, libs[i].name, libs[i].func, 1);
		lua_pop(L, 1);
	}
	/* Globals that reach the host's files or code: gone. */
	static const char *const gone[] = { "dofile", "loadfile" };
	for (size_t i = 0; i < sizeof gone / sizeof gone[0]; i++) {
		lua_pushstring(L, gone[i]);
		lua_pushcclosure(L, l_forbidden, 1);
		lua_setglobal(L, gone[i]);
	}
	lua_pushnil(L);
	lua_setglobal(L, "package");
	lua_getglobal(L, "load");
	lua_pushcclosure(L, l_load, 1);
	lua_setglobal(L, "load");
	/* os: nothing that runs programs, touches files, or reads the host
	 * clock (which would make runs differ). */
	lua_newtable(L);
	lua_setglobal(L, "os");
	lua_getglobal(L, "os");
	static const char *const os_gone[] = { "execute", "remove", "rename", "tmpname", "exit",
					      "getenv", "time", "clock", "date", "difftime",
					      "setlocale" };
	for (size_t i = 0; i < sizeof os_gone / sizeof os_gone[0]; i++) {
		lua_pushfstring(L, "os.%s", os_gone[i]);
		lua_pushcclosure(L, l_forbidden, 1);
		lua_setfield(L, -2, os_gone[i]);
	}
	lua_pop(L, 1);
	/* io: open and lines inside the sandbox; the standard streams for
	 * printing. No popen, input or output redirection. */
	lua_getglobal(L, "io");
	lua_getfield(L, -1, "open");
	lua_getfield(L, -2, "lines");
	lua_getfield(L, -3, "write");
	lua_getfield(L, -4, "stdout");
	lua_getfield(L, -5, "stderr");
	lua_newtable(L);                    /* the new io */
	lua_pushvalue(L, -6);
	lua_pushcclosure(L, l_io_open, 1);
	lua_setfield(L, -2, "open");
	lua_pushvalue(L, -5);
	lua_pushcclosure(L, l_io_lines, 1);
	lua_setfield(L, -2, "lines");
	lua_pushvalue(L, -4);
	lua_setfield(L, -2, "write");
	lua_pushvalue(L, -3);
	lua_setfield(L, -2, "stdout");
	lua_pushvalue(L, -2);
	lua_setfield(L, -2, "stderr");
	static const char *const io_gone[] = { "popen", "input", "output", "read", "tmpfile",
					      "close" };
	for (size_t i = 0; i < sizeof io_gone / sizeof io_gone[0]; i++) {
		lua_pushfstring(L, "io.%s", io_gone[i]);
		lua_pushcclosure(L, l_forbidden, 1);
		lua_setfield(L, -2, io_gone[i]);
	}
	lua_setglobal(L, "io");
	lua_pop(L, 6);
	/* string.dump gives bytecode, which load refuses anyway. */
}

static bool is_file(const char *p)
{
	struct stat st;
	return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

/* require(name): a Lua module (text) from the scenario's folder, NAME.lua
 * with dots as slashes, run in the same sandbox and cached. No C modules,
 * no search path. */
static int l_require(lua_State *L)
{
	struct scen *s = get_scen(L);
	const char *name = luaL_checkstring(L, 1);
	for (const char *p = name; *p; p++)
		if (!(*p == '_' || *p == '-' || *p == '.' || (*p >= 'a' && *p <= 'z') ||
		      (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) || (p[0] == '.' && p[1] == '.'))
			return luaL_error(L, "require('%s'): a module name is letters, digits, _ - and "
					  "dots", name);
	lua_getfield(L, LUA_REGISTRYINDEX, "pmsim.modules");
	lua_getfield(L, -1, name);
	if (!lua_isnil(L, -1))
		return 1;
	lua_pop(L, 1);
	char rel[PATH_MAX], full[PATH_MAX];
	snprintf(rel, sizeof rel, "%s.lua", name);
	for (char *p = rel; p[4]; p++)
		if (*p == '.')
			*p = '/';
	if (!resolve_inside(s, rel, false, full, sizeof full) || !is_file(full))
		return luaL_error(L, "require('%s'): no module %s in the scenario's folder %s (only "
				  "Lua modules from there can be required)", name, rel, s->dir);
	void *text = NULL;
	size_t len = 0;
	struct err e = { "" };
	struct hostio_id id;
	if (hostio_read(full, 1 << 24, &text, &len, &id, &e))
		return luaL_error(L, "require('%s'): %s", name, e.msg);
	char chunk[PATH_MAX + 2];
	/* Named as the scenario names its folder, for file:line messages. */
	char shown[PATH_MAX];
	const char *slash = strrchr(s->file, '/');
	if (slash)
		fmt_path(shown, sizeof shown, "%.*s/%s", (int)(slash - s->file), s->file, rel);
	else
		fmt_path(shown, sizeof shown, "%s", rel);
	fmt_path(chunk, sizeof chunk, "@%s", shown);
	int rc = luaL_loadbufferx(L, text, len, chunk, "t");
	free(text);
	if (rc != LUA_OK)
		return lua_error(L);
	lua_pushstring(L, name);
	lua_call(L, 1, 1);
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		lua_pushboolean(L, 1);
	}
	lua_pushvalue(L, -1);
	lua_setfield(L, -3, name);
	return 1;
}

/* Refuse a key of table `t` that is not in `keys` (NULL-terminated):
 * "WHAT: unknown key 'x' (known: a, b)". */
static void check_keys(lua_State *L, int t, const char *what, const char *const *keys)
{
	lua_pushnil(L);
	while (lua_next(L, t)) {
		bool known = false;
		if (lua_type(L, -2) == LUA_TSTRING)
			for (int i = 0; keys[i]; i++)
				known |= !strcmp(keys[i], lua_tostring(L, -2));
		if (!known) {
			luaL_Buffer b;
			luaL_buffinit(L, &b);
			for (int i = 0; keys[i]; i++) {
				if (i)
					luaL_addstring(&b, ", ");
				luaL_addstring(&b, keys[i]);
			}
			luaL_pushresult(&b);
			luaL_error(L, "%s: unknown key '%s' (known: %s)", what,
				   lua_type(L, -3) == LUA_TSTRING ? lua_tostring(L, -3)
								  : luaL_typename(L, -3),
				   lua_tostring(L, -1));
		}
		lua_pop(L, 1);
	}
}

/* Push a list of the string keys of table `t`, sorted, so that what is
 * done per key does not depend on Lua's table order; returns its length. */
static lua_Integer sorted_keys(lua_State *L, int t, const char *what)
{
	t = lua_absindex(L, t);
	lua_newtable(L);
	int kt = lua_gettop(L);
	lua_Integer n = 0;
	lua_pushnil(L);
	while (lua_next(L, t)) {
		lua_pop(L, 1);
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "%s: keys must be strings (got %s)", what, luaL_typename(L, -1));
		lua_pushvalue(L, -1);
		lua_rawseti(L, kt, ++n);
	}
	lua_getglobal(L, "table");
	lua_getfield(L, -1, "sort");
	lua_pushvalue(L, kt);
	lua_call(L, 1, 0);
	lua_pop(L, 1);
	return n;
}

/* ---- the machine ----------------------------------------------------------------- */

static struct machine *need_machine(lua_State *L, const char *fn)
{
	struct scen *s = get_scen(L);
	if (!s->m)
		luaL_error(L, "%s: no machine yet (call machine{...} first)", fn);
	return s->m;
}

static simtime_t now_ps(struct scen *s)
{
	return sched_now(&machine_soc(s->m)->sched);
}

static void on_tx(void *opaque, struct chardev *cd, uint8_t byte)
{
	struct scen *s = opaque;
	struct soc *soc = machine_soc(s->m);
	unsigned port = 0;
	while (port < NPORTS && soc->serial[port] != cd)
		port++;
	if (port >= NPORTS)
		return;
	struct capture *c = &s->cap[port];
	if (c->len + 1 > MAX_CAPTURE) {
		c->dropped = true;
		return;
	}
	if (c->len + 1 > c->cap) {
		size_t nc = c->cap ? c->cap * 2 : 4096;
		char *nb = realloc(c->buf, nc + 1);
		if (!nb) {
			c->dropped = true;
			return;
		}
		c->buf = nb;
		c->cap = nc;
	}
	c->buf[c->len++] = (char)byte;
	c->buf[c->len] = '\0';
	if (s->watch_uart)
		machine_pause(s->m);
}

static void on_trace(void *opaque, simtime_t t, const char *component, const char *var,
		     int64_t value, const char *label)
{
	struct scen *s = opaque;
	if (s->nev >= MAX_EVENTS) {
		s->ev_dropped++;
	} else {
		if (s->nev == s->evcap) {
			size_t nc = s->evcap ? s->evcap * 2 : 1024;
			struct sevent *ne = realloc(s->ev, nc * sizeof *ne);
			if (!ne) {
				s->ev_dropped++;
				goto out;
			}
			s->ev = ne;
			s->evcap = nc;
		}
		s->ev[s->nev++] = (struct sevent){ t, component, var, label, value };
	}
out:
	if (s->watch_trace && s->m)
		machine_pause(s->m);
}

/* The folder of the pmsim binary, for the images and SoCs built with it. */
static void find_exedir(struct scen *s)
{
	ssize_t n = readlink("/proc/self/exe", s->exedir, sizeof s->exedir - 1);
	if (n <= 0) {
		s->exedir[0] = '\0';
		return;
	}
	s->exedir[n] = '\0';
	char *slash = strrchr(s->exedir, '/');
	if (slash)
		*slash = '\0';
}

/* A name without a slash or suffix: an image built with pmsim, next to
 * the binary: firmware/NAME/NAME.elf, else the first NAME.elf one or two
 * folders below firmware/, in name order. */
static bool builtin_image(struct scen *s, const char *name, char *out, size_t len)
{
	if (strchr(name, '/') || strchr(name, '.') || strchr(name, '*') || strchr(name, '?') ||
	    strchr(name, '[') || !s->exedir[0])
		return false;
	fmt_path(out, len, "%s/firmware/%s/%s.elf", s->exedir, name, name);
	if (is_file(out))
		return true;
	static const char *const levels[] = { "%s/firmware/*/%s.elf", "%s/firmware/*/*/%s.elf" };
	for (size_t i = 0; i < 2; i++) {
		char pat[PATH_MAX];
		fmt_path(pat, sizeof pat, levels[i], s->exedir, name);
		glob_t g;
		bool found = glob(pat, 0, NULL, &g) == 0 && g.gl_pathc > 0;
		if (found)
			fmt_path(out, len, "%s", g.gl_pathv[0]);
		globfree(&g);
		if (found)
			return true;
	}
	return false;
}

static void script_path(struct scen *s, const char *p, char *out, size_t len)
{
	if (p[0] == '/')
		fmt_path(out, len, "%s", p);
	else
		fmt_path(out, len, "%s/%s", s->dir, p);
}

/* One DT override: "path:property" = value. */
static void dt_override(lua_State *L, struct scen *s, const char *key, int vidx, size_t *cap)
{
	const char *colon = strrchr(key, ':');
	if (!colon || colon == key || !colon[1])
		luaL_error(L, "machine{dt=...}: '%s' must be \"/node/path:property\"", key);
	char path[512];
	snprintf(path, sizeof path, "%.*s", (int)(colon - key), key);
	const char *prop = colon + 1;
	int node = fdt_path_offset(s->dtb, path);
	if (node < 0)
		luaL_error(L, "machine{dt=...}: no node '%s' in the device tree", path);
	int err = 0;
	for (int tries = 0; tries < 2; tries++) {
		switch (lua_type(L, vidx)) {
		case LUA_TNUMBER: {
			if (!lua_isinteger(L, vidx) || lua_tointeger(L, vidx) < 0 ||
			    lua_tointeger(L, vidx) > 0xffffffffLL)
				luaL_error(L, "machine{dt=...}: '%s' = %s: a cell is a whole number "
					   "from 0 to 4294967295", key, lua_tostring(L, vidx));
			err = fdt_setprop_u32(s->dtb, node, prop, (uint32_t)lua_tointeger(L, vidx));
			break;
		}
		case LUA_TSTRING:
			err = fdt_setprop_string(s->dtb, node, prop, lua_tostring(L, vidx));
			break;
		case LUA_TBOOLEAN:
			if (lua_toboolean(L, vidx))
				err = fdt_setprop_empty(s->dtb, node, prop);
			else
				err = fdt_delprop(s->dtb, node, prop) == -FDT_ERR_NOTFOUND ? 0
				      : fdt_delprop(s->dtb, node, prop);
			break;
		case LUA_TTABLE: {
			lua_Integer n = luaL_len(L, vidx);
			uint32_t cells[64];
			if (n < 1 || n > 64)
				luaL_error(L, "machine{dt=...}: '%s': a list of 1 to 64 cells", key);
			for (lua_Integer i = 1; i <= n; i++) {
				lua_geti(L, vidx, i);
				if (!lua_isinteger(L, -1) || lua_tointeger(L, -1) < 0 ||
				    lua_tointeger(L, -1) > 0xffffffffLL)
					luaL_error(L, "machine{dt=...}: '%s' cell %d: a whole number "
						   "from 0 to 4294967295", key, (int)i);
				cells[i - 1] = cpu_to_fdt32((uint32_t)lua_tointeger(L, -1));
				lua_pop(L, 1);
			}
			err = fdt_setprop(s->dtb, node, prop, cells, (int)(n * 4));
			break;
		}
		default:
			luaL_error(L, "machine{dt=...}: '%s': a value is a whole number, a list of "
				   "them, a string or a boolean", key);
		}
		if (err != -FDT_ERR_NOSPACE)
			break;
		/* Grow the blob and try again. */
		size_t nc = *cap * 2;
		void *nb = realloc(s->dtb, nc);
		if (!nb)
			luaL_error(L, "out of memory");
		s->dtb = nb;
		fdt_open_into(s->dtb, s->dtb, (int)nc);
		*cap = nc;
		node = fdt_path_offset(s->dtb, path);
	}
	if (err)
		luaL_error(L, "machine{dt=...}: '%s': %s", key, fdt_strerror(err));
}

static const char *opt_string(lua_State *L, int t, const char *key, const char *def)
{
	lua_getfield(L, t, key);
	const char *v = def;
	if (!lua_isnil(L, -1)) {
		if (lua_type(L, -1) != LUA_TSTRING)
			luaL_error(L, "'%s' must be a string (got %s)", key, luaL_typename(L, -1));
		v = lua_tostring(L, -1);
	}
	lua_pop(L, 1);
	return v;
}

static int l_machine(lua_State *L)
{
	struct scen *s = get_scen(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (s->decl_only) {
		lua_pushlightuserdata(L, &decl_done_key);
		return lua_error(L);
	}
	if (s->m)
		return luaL_error(L, "machine: a scenario has one machine, and it exists already");
	if (s->in_action)
		return luaL_error(L, "machine: not from inside an action");
	static const char *const keys[] = { "config", "image", "args", "dt", "coherency",
					    "semihosting_root", "timeline", "timeline_limit",
					    "html", "ambient", NULL };
	check_keys(L, 1, "machine", keys);
	/* The timeline's formats: "vcd", "json", "csv", or a list of them. */
	lua_getfield(L, 1, "timeline");
	int tlt = lua_gettop(L);
	if (lua_type(L, tlt) == LUA_TSTRING || lua_type(L, tlt) == LUA_TTABLE) {
		lua_Integer n = lua_type(L, tlt) == LUA_TTABLE ? luaL_len(L, tlt) : 1;
		for (lua_Integer i = 1; i <= n; i++) {
			if (lua_type(L, tlt) == LUA_TTABLE)
				lua_geti(L, tlt, i);
			else
				lua_pushvalue(L, tlt);
			const char *f = lua_tostring(L, -1);
			char name[32];
			snprintf(name, sizeof name, "x.%s", f && lua_type(L, -1) == LUA_TSTRING ? f
											: "?");
			int fmt = timeline_format_of(name);
			if (fmt < 0 || strchr(f ? f : "", '.'))
				return luaL_error(L, "machine: timeline formats are \"vcd\", \"json\" "
						  "and \"csv\" (got %s)", luaL_tolstring(L, -1, NULL));
			s->tl_fmt[fmt] = true;
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, tlt)) {
		return luaL_error(L, "machine: 'timeline' is a format (\"vcd\", \"json\", \"csv\") "
				  "or a list of them");
	}
	lua_pop(L, 1);
	lua_getfield(L, 1, "html");
	if (!lua_isnil(L, -1) && !lua_isboolean(L, -1))
		return luaL_error(L, "machine: 'html' is true or false");
	s->html = lua_toboolean(L, -1);
	lua_pop(L, 1);
	uint64_t tl_limit = 0;
	lua_getfield(L, 1, "timeline_limit");
	if (!lua_isnil(L, -1)) {
		lua_Integer v;
		if (!lua_isinteger(L, -1) || (v = lua_tointeger(L, -1)) <= 0)
			return luaL_error(L, "machine: 'timeline_limit' is a positive whole number "
					  "of records");
		tl_limit = (uint64_t)v;
	}
	lua_pop(L, 1);
	const char *config = opt_string(L, 1, "config", "default");
	/* --config wins: a name, or a path from where pmsim was started. */
	bool cli_config = s->o->config != NULL;
	if (cli_config)
		config = s->o->config;
	const char *image = opt_string(L, 1, "image", NULL);
	if (!image)
		return luaL_error(L, "machine: 'image' is missing (an ELF path, or the name of an "
				  "image built with pmsim such as \"pmfw\")");
	/* The image. */
	if (!builtin_image(s, image, s->image, sizeof s->image))
		script_path(s, image, s->image, sizeof s->image);
	/* The SoC: "default", a name built with pmsim, or a file. */
	struct err e = { "" };
	const char *cfgpath = NULL;
	if (strcmp(config, "default")) {
		if (!strchr(config, '/') && !strchr(config, '.') && s->exedir[0]) {
			fmt_path(s->config, sizeof s->config, "%s/configs/%s.dtb", s->exedir, config);
			if (!is_file(s->config))
				return luaL_error(L, "machine: no SoC named '%s' (built ones: default, "
						  "and configs/*.dts next to pmsim; or give a "
						  ".dts/.dtb path)", config);
		} else if (cli_config) {
			fmt_path(s->config, sizeof s->config, "%s", config);
		} else {
			script_path(s, config, s->config, sizeof s->config);
		}
		cfgpath = s->config;
	}
	void *dtb = NULL;
	size_t dlen = 0;
	int rc = machine_load_dtb(cfgpath, &dtb, &dlen, &e);
	if (rc)
		return luaL_error(L, "machine: %s", e.msg);
	size_t cap = dlen + 4096;
	s->dtb = realloc(dtb, cap);
	if (!s->dtb) {
		free(dtb);
		return luaL_error(L, "out of memory");
	}
	if (fdt_open_into(s->dtb, s->dtb, (int)cap))
		return luaL_error(L, "machine: %s: not a valid device tree blob",
				  cfgpath ? cfgpath : "default");
	lua_getfield(L, 1, "dt");
	if (!lua_isnil(L, -1)) {
		luaL_checktype(L, -1, LUA_TTABLE);
		int t = lua_gettop(L);
		lua_Integer nk = sorted_keys(L, t, "machine{dt=...}");
		int keys_t = t + 1;
		for (lua_Integer i = 1; i <= nk; i++) {
			lua_rawgeti(L, keys_t, i);
			const char *k = lua_tostring(L, -1);
			lua_getfield(L, t, k);
			dt_override(L, s, k, lua_gettop(L), &cap);
			lua_pop(L, 2);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	fdt_pack(s->dtb);
	/* The guest's command line: the image, then its arguments. */
	luaL_Buffer b;
	luaL_buffinit(L, &b);
	luaL_addstring(&b, s->image);
	lua_getfield(L, 1, "args");
	int at = lua_gettop(L);
	if (lua_type(L, at) == LUA_TSTRING) {
		if (lua_rawlen(L, at)) {
			/* luaL_Buffer uses the stack: copy the value above it. */
			const char *a = lua_tostring(L, at);
			luaL_addchar(&b, ' ');
			luaL_addstring(&b, a);
		}
	} else if (lua_type(L, at) == LUA_TTABLE) {
		for (lua_Integer i = 1; i <= luaL_len(L, at); i++) {
			lua_geti(L, at, i);
			if (lua_type(L, -1) != LUA_TSTRING && lua_type(L, -1) != LUA_TNUMBER)
				return luaL_error(L, "machine: args[%d] is not a string", (int)i);
			luaL_addchar(&b, ' ');
			luaL_addvalue(&b);
		}
	} else if (!lua_isnil(L, at)) {
		return luaL_error(L, "machine: 'args' is a string or a list of strings");
	}
	luaL_pushresult(&b);
	free(s->cmdline);
	s->cmdline = strdup(lua_tostring(L, -1));
	lua_pop(L, 2);
	const char *coh = opt_string(L, 1, "coherency", "report");
	int cm = !strcmp(coh, "off") ? COH_OFF : !strcmp(coh, "report") ? COH_REPORT
		 : !strcmp(coh, "fatal") ? COH_FATAL : -1;
	if (cm < 0)
		return luaL_error(L, "machine: coherency must be off, report or fatal (got '%s')", coh);
	const char *shroot = opt_string(L, 1, "semihosting_root", NULL);
	char shpath[PATH_MAX];
	if (shroot)
		script_path(s, shroot, shpath, sizeof shpath);
	s->ro = (struct run_options){
		.config = cfgpath, .image = s->image, .cmdline = s->cmdline,
		.until = s->until, .max_insns = s->max_insns, .coherency = cm,
		.dtb = s->dtb, .dtb_len = fdt_totalsize(s->dtb), .quiet = s->o->quiet,
		.no_stdin = true, .interruptible = s->o->interruptible,
		.no_host = s->o->no_host, .sh_root = shroot ? shpath : NULL,
		.record = s->html || s->tl_fmt[0] || s->tl_fmt[1] || s->tl_fmt[2],
		.timeline_limit = tl_limit,
	};
	lua_getfield(L, 1, "ambient");
	if (!lua_isnil(L, -1)) {
		double c = luaL_checknumber(L, -1);
		if (!(c >= -273.15 && c <= THERMAL_MAX_CELSIUS))
			return luaL_error(L, "machine: ambient is a temperature in °C, -273.15 to %f",
					  THERMAL_MAX_CELSIUS);
		s->ro.has_ambient = true;
		s->ro.ambient_c = c;
	}
	lua_pop(L, 1);
	if (s->timeout > 0) {
		s->ro.host_timeout = s->timeout;
		s->ro.host_deadline = s->host_deadline;
	}
	if (!s->cmdline)
		return luaL_error(L, "out of memory");
	rc = machine_open(&s->ro, &s->m, &e);
	if (rc) {
		s->m = NULL;
		s->res->status = rc;
		return luaL_error(L, "machine: %s", e.msg);
	}
	struct soc *soc = machine_soc(s->m);
	for (unsigned i = 0; i < NPORTS; i++) {
		if (!soc->serial[i])
			continue;
		soc->serial[i]->tx_tap = on_tx;
		soc->serial[i]->tx_tap_opaque = s;
	}
	if (trace_add_sink(&soc->trace, (struct trace_sink){ on_trace, s }) < 0)
		return luaL_error(L, "machine: no room in the trace stream for the scenario");
	return 0;
}

/* ---- running ------------------------------------------------------------------------ */

/* Raise the error an action left. */
static void after_step(lua_State *L, struct scen *s)
{
	if (s->action_err_ref != LUA_NOREF) {
		lua_rawgeti(L, LUA_REGISTRYINDEX, s->action_err_ref);
		luaL_unref(L, LUA_REGISTRYINDEX, s->action_err_ref);
		s->action_err_ref = LUA_NOREF;
		lua_error(L);
	}
}

/* The run ended: fine after a guest exit (the script sees it with
 * exited()), a failure otherwise (lockup, asleep forever, a limit). */
static void check_ended(lua_State *L, struct scen *s, const char *fn)
{
	int st;
	if (!machine_finished(s->m, &st))
		return;
	const char *why = machine_outcome(s->m);
	bool exited = !strncmp(why, "guest exited", 12);
	if (!exited) {
		s->res->status = st;
		luaL_where(L, 1);
		lua_pushfstring(L, "%s: the run ended: %s", fn, why);
		lua_concat(L, 2);
		lua_error(L);
	}
}

static void refuse_in_action(lua_State *L, const char *fn)
{
	if (get_scen(L)->in_action)
		luaL_error(L, "%s: not from inside an action (at/every) or a signal function: those "
			   "run inside the simulation", fn);
}

/* Step to `t`; true if the run can go on. */
static bool step_to(lua_State *L, struct scen *s, simtime_t t)
{
	int rc = machine_step(s->m, t);
	after_step(L, s);
	return rc == MACHINE_RUNNING;
}

static void run_to(lua_State *L, struct scen *s, simtime_t t, const char *fn)
{
	if (machine_finished(s->m, NULL)) {
		check_ended(L, s, fn);
		FAIL(L, "%s: the run has ended already (%s)", fn, machine_outcome(s->m));
	}
	while (now_ps(s) < t && step_to(L, s, t))
		;
	check_ended(L, s, fn);
}

static int l_run_for(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "run_for");
	refuse_in_action(L, "run_for");
	simtime_t d = check_time(L, 1, true);
	run_to(L, s, now_ps(s) + d, "run_for");
	return 0;
}

/* Evaluate the condition at stack index `fi`: its truth. */
static bool cond_true(lua_State *L, int fi)
{
	lua_pushvalue(L, fi);
	lua_call(L, 0, 1);
	bool v = lua_toboolean(L, -1);
	lua_pop(L, 1);
	return v;
}

static simtime_t opt_poll(lua_State *L, int t)
{
	simtime_t poll = DEFAULT_POLL;
	if (lua_istable(L, t)) {
		lua_getfield(L, t, "poll");
		if (!lua_isnil(L, -1))
			poll = check_time(L, lua_gettop(L), false);
		lua_pop(L, 1);
	}
	return poll;
}

static int l_run_until(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "run_until");
	refuse_in_action(L, "run_until");
	if (!lua_isfunction(L, 1)) {
		simtime_t t = check_time(L, 1, true);
		if (t < now_ps(s))
			return luaL_error(L, "run_until: %f s is in the past (now %f s)", seconds(t),
					  seconds(now_ps(s)));
		run_to(L, s, t, "run_until");
		return 0;
	}
	simtime_t timeout = check_time(L, 2, false);
	simtime_t poll = opt_poll(L, 3);
	simtime_t end = now_ps(s) + timeout;
	if (cond_true(L, 1)) {
		lua_pushboolean(L, 1);
		return 1;
	}
	if (machine_finished(s->m, NULL)) {
		lua_pushboolean(L, 0);
		lua_pushliteral(L, "ended");
		return 2;
	}
	bool ok = false;
	const char *why = "timeout";
	s->watch_uart = s->watch_trace = true;
	while (now_ps(s) < end) {
		simtime_t t = now_ps(s) + poll < end ? now_ps(s) + poll : end;
		bool going = step_to(L, s, t);
		if (cond_true(L, 1)) {
			ok = true;
			break;
		}
		if (!going) {
			why = "ended";
			break;
		}
	}
	s->watch_uart = s->watch_trace = false;
	if (!ok)
		check_ended(L, s, "run_until");
	lua_pushboolean(L, ok);
	if (ok)
		return 1;
	lua_pushstring(L, why);
	return 2;
}

static unsigned opt_port(lua_State *L, int t)
{
	lua_Integer port = 0;
	if (lua_istable(L, t)) {
		lua_getfield(L, t, "port");
		if (!lua_isnil(L, -1))
			port = luaL_checkinteger(L, -1);
		lua_pop(L, 1);
	}
	if (port < 0 || port >= NPORTS)
		luaL_error(L, "port %d: serial ports are numbered 0 to %d", (int)port, NPORTS - 1);
	return (unsigned)port;
}

/* string.find(subject, pattern, init, plain) on the capture; pushes the
 * results; returns how many. */
static int find_in(lua_State *L, struct capture *c, const char *pat, bool plain)
{
	lua_getglobal(L, "string");
	lua_getfield(L, -1, "find");
	lua_remove(L, -2);
	lua_pushlstring(L, c->buf ? c->buf : "", c->len);
	lua_pushstring(L, pat);
	lua_pushinteger(L, (lua_Integer)c->expect_pos + 1);
	lua_pushboolean(L, plain);
	lua_call(L, 4, LUA_MULTRET);
	return lua_gettop(L);
}

static int l_expect(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "expect");
	refuse_in_action(L, "expect");
	const char *pat = luaL_checkstring(L, 1);
	simtime_t timeout = check_time(L, 2, false);
	bool plain = false;
	if (lua_istable(L, 3)) {
		lua_getfield(L, 3, "plain");
		plain = lua_toboolean(L, -1);
		lua_pop(L, 1);
	}
	unsigned port = opt_port(L, 3);
	struct capture *c = &s->cap[port];
	simtime_t start = now_ps(s), end = start + timeout;
	int base = lua_gettop(L);
	for (;;) {
		find_in(L, c, pat, plain);
		if (!lua_isnil(L, base + 1)) {
			lua_Integer e = lua_tointeger(L, base + 2);
			lua_Integer b = lua_tointeger(L, base + 1);
			c->expect_pos = (size_t)e;
			int nres = lua_gettop(L) - base;
			/* The match, then its captures. */
			lua_pushlstring(L, c->buf + b - 1, (size_t)(e - b + 1));
			for (int i = 3; i <= nres; i++)
				lua_pushvalue(L, base + i);
			return 1 + (nres > 2 ? nres - 2 : 0);
		}
		lua_settop(L, base);
		if (now_ps(s) >= end || machine_finished(s->m, NULL))
			break;
		s->watch_uart = true;
		step_to(L, s, end);
		s->watch_uart = false;
	}
	check_ended(L, s, "expect");
	/* What was seen instead: the end of the unmatched output. */
	size_t from = c->expect_pos, n = c->len - from;
	const char *tail = c->buf ? c->buf + from : "";
	if (n > 200) {
		tail += n - 200;
		n = 200;
	}
	char seen[256];
	size_t k = 0;
	for (size_t i = 0; i < n && k + 4 < sizeof seen; i++) {
		char ch = tail[i];
		if (ch == '\n')
			seen[k++] = '\\', seen[k++] = 'n';
		else if (ch == '\r')
			seen[k++] = '\\', seen[k++] = 'r';
		else if ((unsigned char)ch < 32)
			seen[k++] = '.';
		else
			seen[k++] = ch;
	}
	seen[k] = '\0';
	return FAIL(L, "expect: \"%s\" not seen on UART%u within %g s (from %.6f s to %.6f s); "
		    "the output since the last match ends with: \"%s\"%s", pat, port,
		    seconds(timeout), seconds(start), seconds(now_ps(s)), seen,
		    machine_finished(s->m, NULL) ? " (the run has ended)" : "");
}

/* ---- actions ----------------------------------------------------------------------- */

static int traceback(lua_State *L)
{
	if (lua_type(L, 1) == LUA_TTABLE)
		return 1;               /* a failure: its message says where */
	const char *msg = lua_tostring(L, 1);
	luaL_traceback(L, L, msg ? msg : "(error object is not a string)", 1);
	return 1;
}

/* Call the function on top with nargs arguments below it, from inside the
 * simulation: an error stops the step and is raised again by it. */
static bool call_in_sim(struct scen *s, int nargs, int nres)
{
	lua_State *L = s->L;
	int fi = lua_gettop(L) - nargs;
	lua_pushcfunction(L, traceback);
	lua_insert(L, fi);
	s->in_action++;
	int rc = lua_pcall(L, nargs, nres, fi);
	s->in_action--;
	lua_remove(L, fi);
	if (rc == LUA_OK)
		return true;
	/* Raised again by the step's caller, as it is: a failure stays a
	 * failure, and an error keeps the traceback it has. */
	if (!lua_istable(L, -1)) {
		lua_createtable(L, 0, 1);
		lua_insert(L, -2);
		lua_setfield(L, -2, "err");
	}
	if (s->action_err_ref == LUA_NOREF)
		s->action_err_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	else
		lua_pop(L, 1);
	machine_pause(s->m);
	return false;
}

static void action_fire(struct sched_event *ev, simtime_t now)
{
	struct action *a = container_of(ev, struct action, ev);
	struct scen *s = a->s;
	if (a->cancelled || s->action_err_ref != LUA_NOREF)
		return;
	lua_State *L = s->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, a->fn_ref);
	lua_pushnumber(L, seconds(now));
	if (!call_in_sim(s, 1, 1))
		return;
	bool stop = lua_isboolean(L, -1) && !lua_toboolean(L, -1);
	lua_pop(L, 1);
	if (a->period && !stop && !a->cancelled)
		sched_schedule(&machine_soc(s->m)->sched, &a->ev, now + a->period);
	else
		a->done = true;
}

static int l_action_cancel(lua_State *L)
{
	struct action **ap = luaL_checkudata(L, 1, "pmsim.action");
	struct action *a = *ap;
	if (a && !a->cancelled) {
		a->cancelled = true;
		sched_cancel(&machine_soc(a->s->m)->sched, &a->ev);
	}
	return 0;
}

static int new_action(lua_State *L, simtime_t when, simtime_t period, int fn)
{
	struct scen *s = get_scen(L);
	luaL_checktype(L, fn, LUA_TFUNCTION);
	struct action *a = calloc(1, sizeof *a);
	if (!a)
		return luaL_error(L, "out of memory");
	a->s = s;
	a->period = period;
	lua_pushvalue(L, fn);
	a->fn_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	sched_event_init(&a->ev, action_fire, "scenario-action");
	a->next = s->actions;
	s->actions = a;
	sched_schedule(&machine_soc(s->m)->sched, &a->ev, when);
	struct action **ud = lua_newuserdatauv(L, sizeof *ud, 0);
	*ud = a;
	luaL_setmetatable(L, "pmsim.action");
	return 1;
}

static int l_at(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "at");
	simtime_t t = check_time(L, 1, true);
	if (t < now_ps(s))
		return luaL_error(L, "at: %f s is in the past (now %f s)", seconds(t),
				  seconds(now_ps(s)));
	return new_action(L, t, 0, 2);
}

static int l_after(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "after");
	return new_action(L, now_ps(s) + check_time(L, 1, true), 0, 2);
}

static int l_every(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "every");
	simtime_t p = check_time(L, 1, false);
	return new_action(L, now_ps(s) + p, p, 2);
}

/* ---- stimuli ----------------------------------------------------------------------- */

static void sender_fire(struct sched_event *ev, simtime_t now)
{
	struct sender *sd = container_of(ev, struct sender, ev);
	chardev_push_rx(sd->cd, sd->data + sd->pos, 1);
	if (++sd->pos < sd->len)
		sched_schedule(&machine_soc(sd->s->m)->sched, &sd->ev, now + sd->char_time);
}

static int l_uart_send(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "uart_send");
	size_t len;
	const char *str = luaL_checklstring(L, 1, &len);
	unsigned port = opt_port(L, 2);
	double baud = 0;
	if (lua_istable(L, 2)) {
		lua_getfield(L, 2, "baud");
		if (!lua_isnil(L, -1)) {
			baud = luaL_checknumber(L, -1);
			if (!(baud >= 1 && baud <= 100e6))
				return luaL_error(L, "uart_send: baud %f: from 1 to 100000000", baud);
		}
		lua_pop(L, 1);
	} else if (!lua_isnoneornil(L, 2)) {
		return luaL_typeerror(L, 2, "table of options");
	}
	struct soc *soc = machine_soc(s->m);
	if (!soc->serial[port])
		return errorf(L, "uart_send: the SoC has no serial port %u", port);
	if (!len)
		return 0;
	if (!baud) {
		if (chardev_push_rx(soc->serial[port], (const uint8_t *)str, len))
			return luaL_error(L, "out of memory");
		return 0;
	}
	/* One character (start, 8 data, stop: 10 bits) per character time. */
	struct sender *sd = calloc(1, sizeof *sd);
	if (!sd || !(sd->data = malloc(len))) {
		free(sd);
		return luaL_error(L, "out of memory");
	}
	memcpy(sd->data, str, len);
	sd->len = len;
	sd->s = s;
	sd->cd = soc->serial[port];
	sd->char_time = (simtime_t)llround(10.0 / baud * 1e12);
	sched_event_init(&sd->ev, sender_fire, "scenario-uart-send");
	sd->next = s->senders;
	s->senders = sd;
	sched_schedule(&soc->sched, &sd->ev, now_ps(s));
	return 0;
}

/* The device named in opts.device (or the first of the model). */
static void *find_model(lua_State *L, struct scen *s, int opts, const char *compatible,
			const char *fn)
{
	const char *name = NULL;
	if (lua_istable(L, opts)) {
		lua_getfield(L, opts, "device");
		name = lua_isnil(L, -1) ? NULL : luaL_checkstring(L, -1);
		lua_pop(L, 1);
	} else if (!lua_isnoneornil(L, opts)) {
		luaL_typeerror(L, opts, "table of options");
	}
	struct soc_device *d = soc_find_device(machine_soc(s->m), name, compatible);
	if (!d)
		luaL_error(L, "%s: the SoC has no %s%s%s", fn, compatible, name ? " named " : "",
			   name ? name : "");
	return d->state;
}

static unsigned check_pin(lua_State *L, int arg)
{
	lua_Integer pin = luaL_checkinteger(L, arg);
	if (pin < 0 || pin >= (lua_Integer)PL061_NPINS)
		luaL_argerror(L, arg, "a GPIO pin is 0 to 7");
	return (unsigned)pin;
}

static int check_level(lua_State *L, int arg)
{
	if (lua_isboolean(L, arg))
		return lua_toboolean(L, arg);
	lua_Integer v = luaL_checkinteger(L, arg);
	if (v != 0 && v != 1)
		luaL_argerror(L, arg, "a level is 0 or 1 (or false or true)");
	return (int)v;
}

static int l_gpio_set(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "gpio_set");
	unsigned pin = check_pin(L, 1);
	int level = check_level(L, 2);
	struct pl061 *g = find_model(L, s, 3, "arm,pl061", "gpio_set");
	pl061_set_input(g, pin, level);
	return 0;
}

static void pulse_end(struct sched_event *ev, simtime_t now)
{
	struct pulse *p = container_of(ev, struct pulse, ev);
	(void)now;
	pl061_set_input(p->g, p->pin, p->level);
}

static int l_gpio_pulse(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "gpio_pulse");
	unsigned pin = check_pin(L, 1);
	simtime_t width = check_time(L, 2, false);
	int level = 1;
	if (lua_istable(L, 3)) {
		lua_getfield(L, 3, "level");
		if (!lua_isnil(L, -1))
			level = check_level(L, lua_gettop(L));
		lua_pop(L, 1);
	}
	struct pl061 *g = find_model(L, s, 3, "arm,pl061", "gpio_pulse");
	struct pulse *p = calloc(1, sizeof *p);
	if (!p)
		return luaL_error(L, "out of memory");
	*p = (struct pulse){ .g = g, .pin = pin, .level = !level, .next = s->pulses };
	s->pulses = p;
	sched_event_init(&p->ev, pulse_end, "scenario-gpio-pulse");
	pl061_set_input(g, pin, level);
	sched_schedule(&machine_soc(s->m)->sched, &p->ev, now_ps(s) + width);
	return 0;
}

static int l_gpio_get(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "gpio_get");
	unsigned pin = check_pin(L, 1);
	struct pl061 *g = find_model(L, s, 2, "arm,pl061", "gpio_get");
	lua_pushinteger(L, (pl061_outputs(g) >> pin) & 1u);
	return 1;
}

/* The sensor's signal: the script's function of (t, k), called from
 * inside the simulation. An error stops the run as an action's does; the
 * sample is then 0. */
static uint32_t signal_sample(void *opaque, simtime_t t, uint32_t k)
{
	struct scen *s = opaque;
	if (s->action_err_ref != LUA_NOREF || s->signal_ref == LUA_NOREF)
		return 0;
	lua_State *L = s->L;
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->signal_ref);
	lua_pushnumber(L, seconds(t));
	lua_pushinteger(L, k);
	if (!call_in_sim(s, 2, 1))
		return 0;
	lua_Number v = lua_tonumber(L, -1);
	lua_pop(L, 1);
	if (!(v > 0))
		return 0;
	return v >= 4095 ? 4095 : (uint32_t)llround(v);
}

static int l_sensor_signal(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "sensor_signal");
	if (!lua_isnil(L, 1))
		luaL_checktype(L, 1, LUA_TFUNCTION);
	struct sensor *sn = find_model(L, s, 2, "pmsim,sensor", "sensor_signal");
	if (s->signal_ref != LUA_NOREF) {
		luaL_unref(L, LUA_REGISTRYINDEX, s->signal_ref);
		s->signal_ref = LUA_NOREF;
	}
	if (lua_isnil(L, 1)) {
		sensor_set_signal(sn, NULL, NULL);
		return 0;
	}
	if (s->signal_sensor && s->signal_sensor != sn)
		sensor_set_signal(s->signal_sensor, NULL, NULL);
	lua_pushvalue(L, 1);
	s->signal_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	s->signal_sensor = sn;
	sensor_set_signal(sn, signal_sample, s);
	return 0;
}

/* What the panel shows at (x, y): r, g, b (0-255), or nil while it shows
 * nothing (pl111_snapshot). */
static int l_display_pixel(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "display_pixel");
	lua_Integer x = luaL_checkinteger(L, 1), y = luaL_checkinteger(L, 2);
	struct pl111 *p = find_model(L, s, 3, "arm,pl111", "display_pixel");
	unsigned w, h;
	const uint8_t *img = pl111_snapshot(p, &w, &h);
	if (!img) {
		lua_pushnil(L);
		return 1;
	}
	if (x < 0 || x >= (lua_Integer)w)
		return luaL_argerror(L, 1, lua_pushfstring(L, "x is 0 to %d", (int)w - 1));
	if (y < 0 || y >= (lua_Integer)h)
		return luaL_argerror(L, 2, lua_pushfstring(L, "y is 0 to %d", (int)h - 1));
	const uint8_t *px = img + ((size_t)y * w + (size_t)x) * 3;
	for (int i = 0; i < 3; i++)
		lua_pushinteger(L, px[i]);
	return 3;
}

static int l_battery_voltage(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "battery_voltage");
	double v = check_quantity(L, 1, "V");
	if (!(v > 0 && v < 100))
		return luaL_argerror(L, 1, "a battery voltage is between 0 and 100 V");
	struct soc *soc = machine_soc(s->m);
	if (!soc->rails)
		return luaL_error(L, "battery_voltage: the SoC has no regulators");
	/* A cell's own model would move the voltage again at its next step:
	 * the script takes the battery over. */
	struct pm_battery *bat = rail_set_battery(soc->rails);
	if (bat)
		battery_stop(bat);
	rail_set_battery_microvolt(soc->rails, now_ps(s), (uint32_t)llround(v * 1e6));
	return 0;
}

/* ambient(celsius): the thermal model's ambient from now on. */
static int l_ambient(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "ambient");
	double c = luaL_checknumber(L, 1);
	if (!(c >= -273.15 && c <= THERMAL_MAX_CELSIUS))
		return luaL_argerror(L, 1, "an ambient temperature is -273.15 to 500 °C");
	struct soc *soc = machine_soc(s->m);
	if (!soc->thermal)
		return luaL_error(L, "ambient: the SoC has no thermal model");
	thermal_set_ambient(soc->thermal, now_ps(s), c);
	return 0;
}

/* temperature([node]): a thermal node's temperature (°C, default the die)
 * as of the model's latest step. */
static int l_temperature(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "temperature");
	const char *name = luaL_optstring(L, 1, "die");
	struct soc *soc = machine_soc(s->m);
	if (!soc->thermal)
		return luaL_error(L, "temperature: the SoC has no thermal model");
	int i = thermal_node_index(soc->thermal, name);
	if (i < 0)
		return luaL_argerror(L, 1, lua_pushfstring(L, "no thermal node '%s'", name));
	lua_pushnumber(L, thermal_celsius(soc->thermal, (unsigned)i));
	return 1;
}

static int l_battery_percent(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "battery_percent");
	double p = luaL_checknumber(L, 1);
	if (!(p >= 0 && p <= 100))
		return luaL_argerror(L, 1, "a state of charge is between 0 and 100 %");
	struct soc *soc = machine_soc(s->m);
	struct pm_battery *bat = soc->rails ? rail_set_battery(soc->rails) : NULL;
	if (!bat)
		return luaL_error(L, "battery_percent: the SoC's battery has no capacity "
				  "(an ideal source: docs/devices/pmic.md)");
	if (battery_set_percent(bat, p) < 0)
		return luaL_error(L, "battery_percent: the battery's model has stopped (a "
				  "brown-out, or battery_voltage took it over)");
	return 0;
}

static int l_fault(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "fault");
	const char *dev = luaL_checkstring(L, 1);
	const char *kind = luaL_checkstring(L, 2);
	struct err e = { "" };
	if (soc_fault(machine_soc(s->m), dev, kind, &e))
		return luaL_error(L, "fault: %s", e.msg);
	return 0;
}

/* ---- observations ------------------------------------------------------------------- */

static int l_now(lua_State *L)
{
	struct scen *s = get_scen(L);
	lua_pushnumber(L, s->m ? seconds(now_ps(s)) : 0.0);
	return 1;
}

static int l_uart_output(lua_State *L)
{
	struct scen *s = get_scen(L);
	unsigned port = (unsigned)luaL_optinteger(L, 1, 0);
	if (port >= NPORTS)
		return luaL_argerror(L, 1, "serial ports are numbered 0 to 7");
	lua_pushlstring(L, s->cap[port].buf ? s->cap[port].buf : "", s->cap[port].len);
	return 1;
}

static int l_uart_lines(lua_State *L)
{
	struct scen *s = get_scen(L);
	unsigned port = (unsigned)luaL_optinteger(L, 1, 0);
	if (port >= NPORTS)
		return luaL_argerror(L, 1, "serial ports are numbered 0 to 7");
	struct capture *c = &s->cap[port];
	lua_newtable(L);
	lua_Integer n = 0;
	size_t start = 0;
	for (size_t i = 0; i < c->len; i++) {
		if (c->buf[i] != '\n')
			continue;
		size_t end = i;
		if (end > start && c->buf[end - 1] == '\r')
			end--;
		lua_pushlstring(L, c->buf + start, end - start);
		lua_rawseti(L, -2, ++n);
		start = i + 1;
	}
	return 1;
}

/* What kind of change an event is, from its component and variable. */
static const char *event_kind(const struct sevent *e)
{
	const char *c = e->comp, *v = e->var;
	if (!strcmp(v, "cstate"))
		return "cstate";
	if (!strcmp(c, "cpu0") && !strcmp(v, "hz"))
		return "opp";
	if (!strcmp(c, "cpu0") && !strcmp(v, "microvolt"))
		return "voltage";
	if (!strcmp(c, "soc") && !strcmp(v, "suspend"))
		return "suspend";
	if (!strcmp(c, "dram"))
		return "dram";
	if (!strncmp(c, "pd.", 3))
		return "domain";
	if (!strcmp(c, "nvic"))
		return "irq";
	if (!strcmp(c, "marker"))
		return "marker";
	if (!strcmp(v, "done") || !strcmp(v, "error") || !strcmp(v, "channel"))
		return "dma";
	if (!strcmp(v, "hz"))
		return "clock";
	if (!strcmp(v, "microvolt") || !strcmp(v, "on"))
		return !strcmp(c, "battery") ? "battery" : "rail";
	return "state";
}

static bool field_matches(lua_State *L, int t, const char *key, const char *value)
{
	lua_getfield(L, t, key);
	bool ok = true;
	if (!lua_isnil(L, -1)) {
		const char *want = luaL_checkstring(L, -1);
		ok = value && !strcmp(want, value);
	}
	lua_pop(L, 1);
	return ok;
}

static int l_events(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "events");
	int ft = lua_istable(L, 1) ? 1 : 0;
	if (!ft && !lua_isnoneornil(L, 1))
		return luaL_typeerror(L, 1, "table of filters");
	simtime_t since = 0;
	if (ft) {
		lua_getfield(L, 1, "since");
		if (!lua_isnil(L, -1))
			since = check_time(L, lua_gettop(L), true);
		lua_pop(L, 1);
	}
	/* Lazily kept state (the DRAM's idle timers) brought up to now. */
	pm_energy_now(machine_soc(s->m), now_ps(s), true);
	/* In time order; equal times keep the order they were emitted in. */
	size_t n = s->nev;
	size_t *idx = malloc((n ? n : 1) * sizeof *idx);
	if (!idx)
		return luaL_error(L, "out of memory");
	for (size_t i = 0; i < n; i++)
		idx[i] = i;
	for (size_t i = 1; i < n; i++) {   /* insertion sort: nearly sorted already */
		size_t k = idx[i], j = i;
		while (j > 0 && s->ev[idx[j - 1]].t > s->ev[k].t) {
			idx[j] = idx[j - 1];
			j--;
		}
		idx[j] = k;
	}
	lua_newtable(L);
	lua_Integer out = 0;
	for (size_t i = 0; i < n; i++) {
		const struct sevent *e = &s->ev[idx[i]];
		const char *kind = event_kind(e);
		if (e->t < since)
			continue;
		if (ft && (!field_matches(L, 1, "kind", kind) ||
			   !field_matches(L, 1, "component", e->comp) ||
			   !field_matches(L, 1, "var", e->var) ||
			   !field_matches(L, 1, "label", e->label)))
			continue;
		lua_createtable(L, 0, 6);
		lua_pushnumber(L, seconds(e->t));
		lua_setfield(L, -2, "time");
		lua_pushstring(L, kind);
		lua_setfield(L, -2, "kind");
		lua_pushstring(L, e->comp);
		lua_setfield(L, -2, "component");
		lua_pushstring(L, e->var);
		lua_setfield(L, -2, "var");
		lua_pushinteger(L, e->value);
		lua_setfield(L, -2, "value");
		if (e->label) {
			lua_pushstring(L, e->label);
			lua_setfield(L, -2, "label");
		}
		lua_rawseti(L, -2, ++out);
	}
	free(idx);
	return 1;
}

static void collect_now(lua_State *L, struct scen *s, struct pm_report *rep)
{
	if (machine_collect(s->m, rep))
		luaL_error(L, "out of memory collecting the report");
}

static int l_energy(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "energy");
	struct pm_report rep;
	collect_now(L, s, &rep);
	const char *which = luaL_optstring(L, 1, NULL);
	if (which) {
		for (unsigned i = 0; i < rep.ncomponents; i++)
			if (!strcmp(rep.components[i].name, which)) {
				lua_pushnumber(L, rep.components[i].joules);
				machine_collect_free(&rep);
				return 1;
			}
		for (unsigned i = 0; i < rep.nrails; i++)
			if (!strcmp(rep.rails[i].name, which)) {
				lua_pushnumber(L, rep.rails[i].in_j);
				machine_collect_free(&rep);
				return 1;
			}
		if (!strcmp(which, "total")) {
			lua_pushnumber(L, rep.total_j);
			machine_collect_free(&rep);
			return 1;
		}
		machine_collect_free(&rep);
		return luaL_error(L, "energy: no component or rail named '%s'", which);
	}
	lua_createtable(L, 0, 4);
	lua_pushnumber(L, rep.total_j);
	lua_setfield(L, -2, "total");
	lua_pushnumber(L, rep.sim_time ? rep.total_j / seconds(rep.sim_time) : 0.0);
	lua_setfield(L, -2, "avg_power");
	lua_newtable(L);
	for (unsigned i = 0; i < rep.ncomponents; i++) {
		lua_pushnumber(L, rep.components[i].joules);
		lua_setfield(L, -2, rep.components[i].name);
	}
	lua_setfield(L, -2, "components");
	lua_newtable(L);
	for (unsigned i = 0; i < rep.nrails; i++) {
		lua_createtable(L, 0, 3);
		lua_pushnumber(L, rep.rails[i].out_j);
		lua_setfield(L, -2, "out");
		lua_pushnumber(L, rep.rails[i].in_j);
		lua_setfield(L, -2, "input");
		lua_pushinteger(L, rep.rails[i].microvolt);
		lua_setfield(L, -2, "microvolt");
		lua_setfield(L, -2, rep.rails[i].name);
	}
	lua_setfield(L, -2, "rails");
	machine_collect_free(&rep);
	return 1;
}

static void set_time(lua_State *L, const char *k, simtime_t t)
{
	lua_pushnumber(L, seconds(t));
	lua_setfield(L, -2, k);
}

static int l_residency(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "residency");
	struct pm_report rep;
	collect_now(L, s, &rep);
	lua_newtable(L);
	set_time(L, "time", rep.sim_time);
	if (rep.ncpus) {
		const struct pm_report_cpu *c = &rep.cpus[0];
		set_time(L, "busy", c->busy);
		set_time(L, "idle", c->idle);
		lua_newtable(L);
		for (unsigned i = 0; i < c->ncstates; i++) {
			lua_createtable(L, 0, 4);
			set_time(L, "time", c->cstates[i].time);
			lua_pushinteger(L, (lua_Integer)c->cstates[i].usage);
			lua_setfield(L, -2, "usage");
			lua_pushinteger(L, (lua_Integer)c->cstates[i].above);
			lua_setfield(L, -2, "above");
			lua_pushinteger(L, (lua_Integer)c->cstates[i].below);
			lua_setfield(L, -2, "below");
			lua_setfield(L, -2, c->cstates[i].name);
		}
		lua_setfield(L, -2, "cstates");
		lua_newtable(L);
		for (unsigned i = 0; i < c->nopps; i++) {
			lua_createtable(L, 0, 3);
			set_time(L, "time", c->opps[i].time);
			lua_pushinteger(L, (lua_Integer)c->opps[i].microvolt);
			lua_setfield(L, -2, "microvolt");
			lua_pushinteger(L, (lua_Integer)c->opps[i].entries);
			lua_setfield(L, -2, "entries");
			lua_rawseti(L, -2, (lua_Integer)(c->opps[i].hz / 1000));
		}
		lua_setfield(L, -2, "opps");
	}
	lua_newtable(L);
	for (unsigned i = 0; i < rep.ndomains; i++) {
		lua_createtable(L, 0, 3);
		set_time(L, "on", rep.domains[i].on);
		set_time(L, "retention", rep.domains[i].retention);
		set_time(L, "off", rep.domains[i].off);
		lua_setfield(L, -2, rep.domains[i].name);
	}
	lua_setfield(L, -2, "domains");
	if (rep.dram.present) {
		lua_createtable(L, 0, 4);
		set_time(L, "active", rep.dram.active);
		set_time(L, "power_down", rep.dram.power_down);
		set_time(L, "self_refresh", rep.dram.self_refresh);
		set_time(L, "off", rep.dram.off);
		lua_setfield(L, -2, "dram");
	}
	set_time(L, "suspended", rep.suspended);
	lua_pushinteger(L, (lua_Integer)rep.suspends);
	lua_setfield(L, -2, "suspends");
	machine_collect_free(&rep);
	return 1;
}

/* A guest address: a number, or the name of a symbol of the image. */
static uint32_t check_addr(lua_State *L, struct scen *s, int arg)
{
	if (lua_type(L, arg) == LUA_TSTRING) {
		uint32_t a;
		if (machine_symbol(s->m, lua_tostring(L, arg), &a, NULL))
			luaL_argerror(L, arg, lua_pushfstring(L, "the image has no symbol '%s'",
							      lua_tostring(L, arg)));
		return a;
	}
	lua_Integer a = luaL_checkinteger(L, arg);
	if (a < 0 || a > 0xffffffffLL)
		luaL_argerror(L, arg, "an address is from 0 to 0xffffffff");
	return (uint32_t)a;
}

static int do_read(lua_State *L, unsigned size)
{
	struct scen *s = get_scen(L);
	need_machine(L, "read");
	uint32_t a = check_addr(L, s, 1);
	if (a & (size - 1))
		return errorf(L, "read%u: address 0x%08x is not aligned", size * 8, a);
	struct soc *soc = machine_soc(s->m);
	uint32_t v = 0;
	const struct bus_region *r = bus_find(&soc->bus, a);
	if (r && r->kind != BUS_MMIO) {
		if (cpu_debug_read(soc->cpu, a, &v, size))
			return errorf(L, "read%u: 0x%08x is not readable", size * 8, a);
	} else if (bus_access_slow(&soc->bus, a, size, &v, false)) {
		return errorf(L, "read%u: 0x%08x: bus error (nothing there, or the device "
				  "refused: clock gated or power off)", size * 8, a);
	}
	lua_pushinteger(L, v);
	return 1;
}

static int do_write(lua_State *L, unsigned size)
{
	struct scen *s = get_scen(L);
	need_machine(L, "write");
	uint32_t a = check_addr(L, s, 1);
	lua_Integer v = luaL_checkinteger(L, 2);
	if (a & (size - 1))
		return errorf(L, "write%u: address 0x%08x is not aligned", size * 8, a);
	struct soc *soc = machine_soc(s->m);
	uint32_t val = (uint32_t)v;
	const struct bus_region *r = bus_find(&soc->bus, a);
	if (r && r->kind == BUS_RAM) {
		if (cpu_debug_write(soc->cpu, a, &val, size))
			return errorf(L, "write%u: 0x%08x is not writable", size * 8, a);
	} else if (!r || r->kind != BUS_MMIO || bus_access_slow(&soc->bus, a, size, &val, true)) {
		return errorf(L, "write%u: 0x%08x: not writable RAM or a device register that "
				  "takes the write", size * 8, a);
	}
	return 0;
}

static int l_read8(lua_State *L) { return do_read(L, 1); }
static int l_read16(lua_State *L) { return do_read(L, 2); }
static int l_read32(lua_State *L) { return do_read(L, 4); }
static int l_write8(lua_State *L) { return do_write(L, 1); }
static int l_write16(lua_State *L) { return do_write(L, 2); }
static int l_write32(lua_State *L) { return do_write(L, 4); }

static int l_symbol(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "symbol");
	uint32_t a, size;
	if (machine_symbol(s->m, luaL_checkstring(L, 1), &a, &size))
		return 0;
	lua_pushinteger(L, a);
	lua_pushinteger(L, size);
	return 2;
}

static int l_exited(lua_State *L)
{
	struct scen *s = get_scen(L);
	int st;
	if (!s->m || !machine_finished(s->m, &st))
		return lua_pushboolean(L, 0), 1;
	lua_pushboolean(L, 1);
	lua_pushinteger(L, st);
	lua_pushstring(L, machine_outcome(s->m));
	return 3;
}

/* ---- assertions, latencies, reports ------------------------------------------------- */

static int l_assert(lua_State *L)
{
	if (lua_toboolean(L, 1))
		return lua_gettop(L);
	luaL_checkany(L, 1);
	const char *msg = luaL_optstring(L, 2, "assertion failed");
	return FAIL(L, "%s", msg);
}

static int l_fail(lua_State *L)
{
	return FAIL(L, "%s", luaL_checkstring(L, 1));
}

static struct latency *find_latency(struct scen *s, const char *name, bool create)
{
	for (size_t i = 0; i < s->nlat; i++)
		if (!strcmp(s->lat[i].name, name))
			return &s->lat[i];
	if (!create)
		return NULL;
	struct latency *nl = realloc(s->lat, (s->nlat + 1) * sizeof *nl);
	if (!nl)
		return NULL;
	s->lat = nl;
	struct latency *l = &s->lat[s->nlat];
	*l = (struct latency){ .name = strdup(name) };
	if (!l->name)
		return NULL;
	s->nlat++;
	return l;
}

static int l_latency(lua_State *L)
{
	struct scen *s = get_scen(L);
	const char *name = luaL_checkstring(L, 1);
	double v = lua_type(L, 2) == LUA_TSTRING ? seconds(check_time(L, 2, true))
						 : luaL_checknumber(L, 2);
	if (!(v >= 0))
		return luaL_argerror(L, 2, "a latency is not negative");
	struct latency *l = find_latency(s, name, true);
	if (!l)
		return luaL_error(L, "out of memory");
	if (l->n == l->cap) {
		size_t nc = l->cap ? l->cap * 2 : 16;
		double *nv = realloc(l->v, nc * sizeof *nv);
		if (!nv)
			return luaL_error(L, "out of memory");
		l->v = nv;
		l->cap = nc;
	}
	l->v[l->n++] = v;
	return 0;
}


/* Fillers for hostio_write_file: the report (JSON or text), the result. */
struct report_fill {
	struct machine *m;
	bool text, no_host;
};

static int fill_report(FILE *f, void *arg)
{
	struct report_fill *rf = arg;
	return machine_write_report(rf->m, rf->text ? NULL : f, rf->text ? f : NULL, rf->no_host);
}

/* ... the timeline in one format, the HTML report. */
struct timeline_fill {
	struct machine *m;
	int fmt;                   /* enum timeline_format, or -1: the HTML report */
	bool no_host;
};

static int fill_timeline(FILE *f, void *arg)
{
	struct timeline_fill *tf = arg;
	return tf->fmt < 0 ? machine_write_html(tf->m, f, tf->no_host)
			   : machine_write_timeline(tf->m, f, tf->fmt);
}

struct result_fill {
	const struct scenario_result *r;
	bool no_host;
};

static int fill_result(FILE *f, void *arg)
{
	struct result_fill *rf = arg;
	scenario_write_result(f, rf->r, rf->no_host);
	return ferror(f) ? -1 : 0;
}

static int l_write_report(lua_State *L)
{
	struct scen *s = get_scen(L);
	need_machine(L, "write_report");
	const char *name = luaL_checkstring(L, 1);
	const char *fmt = luaL_optstring(L, 2, NULL);
	char why[512];
	if (!ensure_out(s, why, sizeof why))
		return luaL_error(L, "write_report: %s", why);
	size_t n = strlen(name);
	bool text = fmt ? !strcmp(fmt, "text") : n > 4 && !strcmp(name + n - 4, ".txt");
	if (fmt && strcmp(fmt, "text") && strcmp(fmt, "json"))
		return luaL_error(L, "write_report: format '%s': json or text", fmt);
	char full[PATH_MAX];
	if (!resolve_inside(s, name, true, full, sizeof full))
		return luaL_error(L, "write_report('%s'): reports go under the output folder %s",
				  name, s->out);
	struct report_fill rf = { s->m, text, s->o->no_host };
	struct err e = { "" };
	if (hostio_write_file("write_report", full, fill_report, &rf, &e))
		return luaL_error(L, "write_report: %s", e.msg);
	lua_pushstring(L, full);
	return 1;
}

static int l_param(lua_State *L)
{
	struct scen *s = get_scen(L);
	const char *name = luaL_checkstring(L, 1);
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->params_ref);
	lua_getfield(L, -1, name);
	if (lua_isnil(L, -1))
		return luaL_error(L, "param: no parameter '%s' (declare it in scenario{params=...})",
				  name);
	return 1;
}

/* ---- scenario{} --------------------------------------------------------------------- */

/* The declared parameters, names sorted, for scenario_params(). */
static void collect_params(lua_State *L, struct scen *s)
{
	lua_getfield(L, 1, "params");
	if (lua_isnil(L, -1)) {
		lua_pop(L, 1);
		return;
	}
	luaL_checktype(L, -1, LUA_TTABLE);
	int pt = lua_gettop(L);
	lua_pushnil(L);
	while (lua_next(L, pt)) {
		if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1) || luaL_len(L, -1) < 1)
			luaL_error(L, "scenario: params maps each name to a list of its values, e.g. "
				   "params = { governor = { \"menu\", \"teo\" } }");
		lua_pop(L, 1);
	}
	lua_Integer nk = sorted_keys(L, pt, "scenario: params");
	int kt = pt + 1;
	s->decl_params = calloc((size_t)nk ? (size_t)nk : 1, sizeof *s->decl_params);
	if (!s->decl_params)
		luaL_error(L, "out of memory");
	for (lua_Integer i = 1; i <= nk; i++) {
		lua_rawgeti(L, kt, i);
		struct scenario_param *p = &s->decl_params[s->ndecl_params++];
		p->name = strdup(lua_tostring(L, -1));
		lua_gettable(L, pt);
		lua_Integer nv = luaL_len(L, -1);
		p->values = calloc((size_t)nv, sizeof *p->values);
		if (!p->name || !p->values)
			luaL_error(L, "out of memory");
		for (lua_Integer k = 1; k <= nv; k++) {
			lua_geti(L, -1, k);
			if (!lua_isstring(L, -1))
				luaL_error(L, "scenario: params.%s[%d] is not a string or a number",
					   p->name, (int)k);
			p->values[p->nvalues++] = strdup(luaL_tolstring(L, -1, NULL));
			lua_pop(L, 2);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 2);
}

static int l_scenario(lua_State *L)
{
	struct scen *s = get_scen(L);
	luaL_checktype(L, 1, LUA_TTABLE);
	if (s->decl_ref != LUA_NOREF)
		return luaL_error(L, "scenario: declared twice");
	if (s->m)
		return luaL_error(L, "scenario{...} comes before machine{...}");
	static const char *const keys[] = { "name", "description", "output", "until", "max_insns",
					    "timeout", "budgets", "params", NULL };
	check_keys(L, 1, "scenario", keys);
	lua_Debug ar;
	if (lua_getstack(L, 1, &ar) && lua_getinfo(L, "l", &ar))
		s->decl_line = ar.currentline;
	const char *name = opt_string(L, 1, "name", NULL);
	if (name)
		snprintf(s->res->name, sizeof s->res->name, "%s", name);
	const char *out = opt_string(L, 1, "output", NULL);
	if (out && !s->o->output)
		script_path(s, out, s->out, sizeof s->out);
	lua_getfield(L, 1, "until");
	if (!lua_isnil(L, -1) && !s->o->until)
		s->until = check_time(L, lua_gettop(L), false);
	lua_pop(L, 1);
	lua_getfield(L, 1, "max_insns");
	if (!lua_isnil(L, -1) && !s->o->max_insns) {
		lua_Integer n = luaL_checkinteger(L, -1);
		if (n <= 0)
			return luaL_error(L, "scenario: max_insns must be positive");
		s->max_insns = (uint64_t)n;
	}
	lua_pop(L, 1);
	lua_getfield(L, 1, "timeout");
	if (!lua_isnil(L, -1) && s->o->timeout < 0) {
		double t = seconds(check_time(L, lua_gettop(L), false));
		s->timeout = t;
		s->host_deadline = host_now() + t;
	}
	lua_pop(L, 1);
	if (s->decl_only) {
		collect_params(L, s);
		lua_pushlightuserdata(L, &decl_done_key);
		return lua_error(L);
	}
	/* Parameters: the value chosen on the command line, else the first. */
	lua_getfield(L, 1, "params");
	if (!lua_isnil(L, -1)) {
		luaL_checktype(L, -1, LUA_TTABLE);
		int pt = lua_gettop(L);
		lua_rawgeti(L, LUA_REGISTRYINDEX, s->params_ref);
		int dst = pt + 1;
		lua_pushnil(L);
		while (lua_next(L, pt)) {
			if (lua_type(L, -2) != LUA_TSTRING || !lua_istable(L, -1) ||
			    luaL_len(L, -1) < 1)
				return luaL_error(L, "scenario: params maps each name to a list of "
						  "its values, e.g. params = { governor = { \"menu\", "
						  "\"teo\" } }");
			const char *pname = lua_tostring(L, -2);
			const char *chosen = NULL;
			for (unsigned i = 0; i < s->o->nparams; i++)
				if (!strcmp(s->o->param_names[i], pname))
					chosen = s->o->param_values[i];
			bool found = false;
			for (lua_Integer i = 1; i <= luaL_len(L, -1); i++) {
				lua_geti(L, -1, i);
				if (!lua_isstring(L, -1))
					return luaL_error(L, "scenario: params.%s[%d] is not a string "
							  "or a number", pname, (int)i);
				if (!chosen && i == 1) {
					lua_setfield(L, dst, pname);
					found = true;
				} else if (chosen && !strcmp(lua_tostring(L, -1), chosen)) {
					lua_setfield(L, dst, pname);
					found = true;
				} else {
					lua_pop(L, 1);
				}
			}
			if (!found) {
				/* A value from the command line that is not in the
				 * list: taken as given (a string). */
				lua_pushstring(L, chosen);
				lua_setfield(L, dst, pname);
			}
			lua_pop(L, 1);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	lua_getfield(L, 1, "budgets");
	if (!lua_isnil(L, -1))
		luaL_checktype(L, -1, LUA_TTABLE);
	lua_pop(L, 1);
	lua_pushvalue(L, 1);
	s->decl_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	return 0;
}

/* ---- output folder -------------------------------------------------------------------- */

static int mkdir_p(const char *path)
{
	char buf[PATH_MAX];
	snprintf(buf, sizeof buf, "%s", path);
	for (char *p = buf + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		if (mkdir(buf, 0777) && errno != EEXIST)
			return -1;
		*p = '/';
	}
	if (mkdir(buf, 0777) && errno != EEXIST)
		return -1;
	return 0;
}

static bool ensure_out(struct scen *s, char *why, size_t len)
{
	if (s->have_out)
		return true;
	if (mkdir_p(s->out)) {
		fmt_path(why, len, "cannot create the output folder %s: %s", s->out, strerror(errno));
		return false;
	}
	char rp[PATH_MAX];
	if (!realpath(s->out, rp)) {
		fmt_path(why, len, "output folder %s: %s", s->out, strerror(errno));
		return false;
	}
	snprintf(s->out, sizeof s->out, "%s", rp);
	snprintf(s->res->output, sizeof s->res->output, "%s", rp);
	s->have_out = true;
	return true;
}

/* ---- budgets ----------------------------------------------------------------------- */

static void add_budget(struct scen *s, const char *name, double value, double limit,
		       const char *unit)
{
	struct scenario_result *r = s->res;
	if (r->nbudgets >= sizeof r->budgets / sizeof r->budgets[0])
		return;
	struct scenario_budget *b = &r->budgets[r->nbudgets++];
	snprintf(b->name, sizeof b->name, "%s", name);
	b->value = value;
	b->limit = limit;
	b->unit = unit;
	b->ok = value <= limit;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

/* The samples of latency `name`: the scenario's own (latency()), the
 * guest's marker intervals of that name, or "resume"/"suspend" for the
 * suspend cycles' latencies. *n = 0 if there are none. */
static double *latency_samples(struct scen *s, const struct pm_report *rep, const char *name,
			       size_t *n)
{
	*n = 0;
	struct latency *l = find_latency(s, name, false);
	if (l && l->n) {
		double *v = malloc(l->n * sizeof *v);
		if (v) {
			memcpy(v, l->v, l->n * sizeof *v);
			*n = l->n;
		}
		return v;
	}
	bool resume = !strcmp(name, "resume"), suspend = !strcmp(name, "suspend");
	if (resume || suspend) {
		double *v = malloc((rep->ncycles ? rep->ncycles : 1) * sizeof *v);
		for (unsigned i = 0; v && i < rep->ncycles; i++) {
			const struct pm_report_suspend_cycle *c = &rep->cycles[i];
			if (resume && c->has_resume_latency)
				v[(*n)++] = seconds(c->resume_latency);
			if (suspend && c->has_suspend_latency)
				v[(*n)++] = seconds(c->suspend_latency);
		}
		return v;
	}
	/* Marker intervals: BEGIN/END pairs of that name, innermost first. */
	double *v = malloc((rep->nmarkers ? rep->nmarkers : 1) * sizeof *v);
	simtime_t *open = malloc((rep->nmarkers ? rep->nmarkers : 1) * sizeof *open);
	size_t depth = 0;
	for (unsigned i = 0; v && open && i < rep->nmarkers; i++) {
		const struct pm_report_marker *mk = &rep->markers[i];
		if (strcmp(mk->name, name))
			continue;
		if (mk->kind == PM_MARK_BEGIN)
			open[depth++] = mk->time;
		else if (mk->kind == PM_MARK_END && depth)
			v[(*n)++] = seconds(mk->time - open[--depth]);
	}
	free(open);
	return v;
}

/* Check every budget the scenario declared. */
static void check_budgets(lua_State *L, struct scen *s)
{
	if (s->decl_ref == LUA_NOREF || !s->m)
		return;
	lua_rawgeti(L, LUA_REGISTRYINDEX, s->decl_ref);
	lua_getfield(L, -1, "budgets");
	if (lua_isnil(L, -1)) {
		lua_pop(L, 2);
		return;
	}
	int bt = lua_gettop(L);
	struct pm_report rep;
	if (machine_collect(s->m, &rep))
		luaL_error(L, "out of memory collecting the report");
	double t = seconds(rep.sim_time);
	static const char *const keys[] = { "energy", "avg_power", "deadline", "latency", NULL };
	check_keys(L, bt, "scenario: budgets", keys);
	char name[96];
	lua_getfield(L, bt, "energy");
	if (lua_istable(L, -1)) {
		/* Per component or rail (its input), or "total". */
		int et = lua_gettop(L);
		lua_pushnil(L);
		while (lua_next(L, et)) {
			const char *what = luaL_checkstring(L, -2);
			double lim = check_quantity(L, lua_gettop(L), "J");
			double v = NAN;
			if (!strcmp(what, "total"))
				v = rep.total_j;
			for (unsigned i = 0; i < rep.ncomponents; i++)
				if (!strcmp(rep.components[i].name, what))
					v = rep.components[i].joules;
			for (unsigned i = 0; i < rep.nrails; i++)
				if (!strcmp(rep.rails[i].name, what))
					v = rep.rails[i].in_j;
			if (isnan(v)) {
				machine_collect_free(&rep);
				luaL_error(L, "budgets.energy: no component or rail named '%s'", what);
			}
			snprintf(name, sizeof name, "energy.%s", what);
			add_budget(s, name, v, lim, "J");
			lua_pop(L, 1);
		}
	} else if (!lua_isnil(L, -1)) {
		add_budget(s, "energy", rep.total_j, check_quantity(L, lua_gettop(L), "J"), "J");
	}
	lua_pop(L, 1);
	lua_getfield(L, bt, "avg_power");
	if (!lua_isnil(L, -1))
		add_budget(s, "avg_power", t > 0 ? rep.total_j / t : 0,
			   check_quantity(L, lua_gettop(L), "W"), "W");
	lua_pop(L, 1);
	lua_getfield(L, bt, "deadline");
	if (!lua_isnil(L, -1))
		add_budget(s, "deadline", t, seconds(check_time(L, lua_gettop(L), false)), "s");
	lua_pop(L, 1);
	lua_getfield(L, bt, "latency");
	if (!lua_isnil(L, -1)) {
		luaL_checktype(L, -1, LUA_TTABLE);
		int lt = lua_gettop(L);
		lua_Integer nk = sorted_keys(L, lt, "budgets.latency");
		int kt = lua_gettop(L);
		for (lua_Integer i = 1; i <= nk; i++) {
			lua_rawgeti(L, kt, i);
			const char *lname = lua_tostring(L, -1);
			lua_getfield(L, lt, lname);
			int vi = lua_gettop(L);
			size_t n;
			double *v = latency_samples(s, &rep, lname, &n);
			if (!n) {
				free(v);
				snprintf(name, sizeof name, "latency.%s", lname);
				add_budget(s, name, INFINITY, 0, "s");
				snprintf(s->res->budgets[s->res->nbudgets - 1].name,
					 sizeof s->res->budgets[0].name, "latency.%s (no samples)",
					 lname);
				lua_pop(L, 2);
				continue;
			}
			qsort(v, n, sizeof *v, cmp_double);
			double mean = 0;
			for (size_t k = 0; k < n; k++)
				mean += v[k];
			mean /= (double)n;
			if (lua_istable(L, vi)) {
				static const char *const stats[] = { "max", "mean", "p50", "p90",
								     "p99" };
				for (size_t k = 0; k < 5; k++) {
					lua_getfield(L, vi, stats[k]);
					if (!lua_isnil(L, -1)) {
						double lim = seconds(check_time(L, lua_gettop(L), false));
						/* Nearest rank: r = ceil(p n / 100). */
						static const size_t pct[] = { 0, 0, 50, 90, 99 };
						double val = k == 0 ? v[n - 1] : k == 1 ? mean
							     : v[(pct[k] * n + 99) / 100 - 1];
						snprintf(name, sizeof name, "latency.%s.%s", lname,
							 stats[k]);
						add_budget(s, name, val, lim, "s");
					}
					lua_pop(L, 1);
				}
			} else {
				snprintf(name, sizeof name, "latency.%s.max", lname);
				add_budget(s, name, v[n - 1], seconds(check_time(L, vi, false)), "s");
			}
			free(v);
			lua_pop(L, 2);
		}
		lua_pop(L, 1);
	}
	lua_pop(L, 1);
	machine_collect_free(&rep);
	lua_pop(L, 2);
}

static int l_check_budgets(lua_State *L)
{
	check_budgets(L, get_scen(L));
	return 0;
}

/* ---- the whole scenario -------------------------------------------------------------- */

static const luaL_Reg api[] = {
	{ "scenario", l_scenario },     { "machine", l_machine },
	{ "run_for", l_run_for },       { "run_until", l_run_until },
	{ "at", l_at },                 { "after", l_after },
	{ "every", l_every },           { "uart_send", l_uart_send },
	{ "expect", l_expect },         { "uart_output", l_uart_output },
	{ "uart_lines", l_uart_lines }, { "events", l_events },
	{ "energy", l_energy },         { "residency", l_residency },
	{ "read8", l_read8 },           { "read16", l_read16 },
	{ "read32", l_read32 },         { "write8", l_write8 },
	{ "write16", l_write16 },       { "write32", l_write32 },
	{ "symbol", l_symbol },         { "now", l_now },
	{ "exited", l_exited },         { "assert", l_assert },
	{ "fail", l_fail },             { "latency", l_latency },
	{ "write_report", l_write_report }, { "param", l_param },
	{ "require", l_require },       { "gpio_set", l_gpio_set },
	{ "gpio_pulse", l_gpio_pulse }, { "gpio_get", l_gpio_get },
	{ "sensor_signal", l_sensor_signal }, { "battery_voltage", l_battery_voltage },
	{ "battery_percent", l_battery_percent },
	{ "display_pixel", l_display_pixel },
	{ "ambient", l_ambient },       { "temperature", l_temperature },
	{ "fault", l_fault },
	{ NULL, NULL },
};

static void free_scen(struct scen *s)
{
	if (s->m) {
		struct soc *soc = machine_soc(s->m);
		trace_remove_sink(&soc->trace, s);
		for (struct action *a = s->actions; a; a = a->next)
			sched_cancel(&soc->sched, &a->ev);
		for (struct sender *sd = s->senders; sd; sd = sd->next)
			sched_cancel(&soc->sched, &sd->ev);
		for (struct pulse *p = s->pulses; p; p = p->next)
			sched_cancel(&soc->sched, &p->ev);
		if (s->signal_sensor)
			sensor_set_signal(s->signal_sensor, NULL, NULL);
		machine_close(s->m);
	}
	while (s->actions) {
		struct action *a = s->actions;
		s->actions = a->next;
		free(a);
	}
	while (s->pulses) {
		struct pulse *p = s->pulses;
		s->pulses = p->next;
		free(p);
	}
	while (s->senders) {
		struct sender *sd = s->senders;
		s->senders = sd->next;
		free(sd->data);
		free(sd);
	}
	for (size_t i = 0; i < s->nlat; i++) {
		free(s->lat[i].name);
		free(s->lat[i].v);
	}
	free(s->lat);
	for (int i = 0; i < NPORTS; i++)
		free(s->cap[i].buf);
	free(s->ev);
	free(s->dtb);
	free(s->cmdline);
	if (s->L)
		lua_close(s->L);
}

/* The message of an error object: a failure's text, or the Lua error. */
static int classify(lua_State *L, struct scenario_result *r)
{
	if (lua_istable(L, -1)) {
		lua_getfield(L, -1, "err");
		if (lua_isstring(L, -1)) {
			snprintf(r->message, sizeof r->message, "%s", lua_tostring(L, -1));
			lua_pop(L, 1);
			return SCENARIO_ERROR;
		}
		lua_pop(L, 1);
		lua_getfield(L, -1, "fail");
		snprintf(r->message, sizeof r->message, "%s",
			 lua_tostring(L, -1) ? lua_tostring(L, -1) : "failed");
		lua_pop(L, 1);
		return SCENARIO_FAIL;
	}
	const char *m = lua_tostring(L, -1);
	snprintf(r->message, sizeof r->message, "%s", m ? m : "(error object is not a string)");
	return SCENARIO_ERROR;
}

static void write_uart_logs(struct scen *s)
{
	char why[256];
	if (!ensure_out(s, why, sizeof why))
		return;
	for (int i = 0; i < NPORTS; i++) {
		char p[PATH_MAX + 32];
		struct err e = { "" };
		if (s->cap[i].len && fmt_path(p, sizeof p, "%s/uart%d.log", s->out, i))
			hostio_write_bytes("uart log", p, s->cap[i].buf, s->cap[i].len, &e);
	}
}

/* A sandboxed state with the API, for scenario `s`. */
static lua_State *new_state(struct scen *s)
{
	lua_State *L = luaL_newstate();
	if (!L)
		return NULL;
	*(struct scen **)lua_getextraspace(L) = s;
	open_sandbox(L);
	luaL_newmetatable(L, "pmsim.action");
	lua_newtable(L);
	lua_pushcfunction(L, l_action_cancel);
	lua_setfield(L, -2, "cancel");
	lua_setfield(L, -2, "__index");
	lua_pop(L, 1);
	lua_pushglobaltable(L);
	luaL_setfuncs(L, api, 0);
	lua_pop(L, 1);
	lua_newtable(L);
	s->params_ref = luaL_ref(L, LUA_REGISTRYINDEX);
	lua_newtable(L);
	lua_setfield(L, LUA_REGISTRYINDEX, "pmsim.modules");
	if (s->timeout > 0 || s->o->interruptible)
		lua_sethook(L, count_hook, LUA_MASKCOUNT, 100000);
	return L;
}

/* Load a scenario's text; path:line in messages. */
static int load_script(struct scen *s, const char *path, void **text, size_t *len, char *msg,
		      size_t msglen)
{
	struct err e = { "" };
	struct hostio_id id;
	int rc = hostio_read(path, 1 << 24, text, len, &id, &e);
	if (rc) {
		snprintf(msg, msglen, "%s", e.msg);
		return rc;
	}
	char dirbuf[PATH_MAX];
	snprintf(dirbuf, sizeof dirbuf, "%s", path);
	char *slash = strrchr(dirbuf, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dirbuf, sizeof dirbuf, ".");
	if (!realpath(dirbuf, s->dir))
		snprintf(s->dir, sizeof s->dir, "%s", dirbuf);
	snprintf(s->file, sizeof s->file, "%s", path);
	find_exedir(s);
	return 0;
}

int scenario_run(const struct scenario_opts *o, struct scenario_result *r)
{
	memset(r, 0, sizeof *r);
	struct scen *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(r->message, sizeof r->message, "out of memory");
		return r->status = EXIT_INTERNAL;
	}
	s->o = o;
	s->res = r;
	s->decl_ref = s->action_err_ref = s->params_ref = s->signal_ref = LUA_NOREF;
	s->timeout = o->timeout >= 0 ? o->timeout : DEFAULT_TIMEOUT_S;
	s->host_deadline = s->timeout > 0 ? host_now() + s->timeout : 0;
	s->until = o->until;
	s->max_insns = o->max_insns;
	/* The name: the file's, without folder and .lua. */
	const char *base = strrchr(o->path, '/') ? strrchr(o->path, '/') + 1 : o->path;
	snprintf(r->name, sizeof r->name, "%.*s", (int)(strlen(base) > 4 &&
		 !strcmp(base + strlen(base) - 4, ".lua") ? strlen(base) - 4 : strlen(base)), base);
	void *text = NULL;
	size_t len = 0;
	int rc = load_script(s, o->path, &text, &len, r->message, sizeof r->message);
	if (rc) {
		free_scen(s);
		free(s);
		return r->status = rc;
	}
	if (o->output)
		snprintf(s->out, sizeof s->out, "%s", o->output);
	else
		fmt_path(s->out, sizeof s->out, "%s/%s.out", s->dir, r->name);

	lua_State *L = s->L = new_state(s);
	if (!L) {
		free(text);
		snprintf(r->message, sizeof r->message, "out of memory");
		free_scen(s);
		free(s);
		return r->status = EXIT_INTERNAL;
	}
	/* "@path" makes messages say path:line. */
	char chunk[PATH_MAX + 2];
	snprintf(chunk, sizeof chunk, "@%s", o->path);
	int status;
	lua_pushcfunction(L, traceback);
	int tb = lua_gettop(L);
	if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK) {
		snprintf(r->message, sizeof r->message, "%s", lua_tostring(L, -1));
		status = SCENARIO_ERROR;
	} else if (lua_pcall(L, 0, 0, tb) != LUA_OK) {
		status = classify(L, r);
		if (r->status)
			status = r->status;   /* a run that ended badly, or bad input */
	} else {
		status = SCENARIO_PASS;
		if (!s->m) {
			snprintf(r->message, sizeof r->message, "%s: the scenario never created its "
				 "machine (machine{...})", o->path);
			status = SCENARIO_ERROR;
		}
	}
	free(text);
	/* Budgets, checked at the end of a scenario that got there. */
	if (status == SCENARIO_PASS) {
		lua_pushcfunction(L, l_check_budgets);
		if (lua_pcall(L, 0, 0, tb) != LUA_OK) {
			status = classify(L, r);
		} else {
			size_t k = 0;
			for (unsigned i = 0; i < r->nbudgets; i++) {
				const struct scenario_budget *b = &r->budgets[i];
				if (b->ok)
					continue;
				if (!k)
					k += (size_t)snprintf(r->message, sizeof r->message,
							      "%s:%d: budget exceeded:", o->path,
							      s->decl_line);
				if (k < sizeof r->message)
					k += (size_t)snprintf(r->message + k, sizeof r->message - k,
							      " %s %.6g %s > %.6g %s;", b->name,
							      b->value, b->unit, b->limit, b->unit);
				status = SCENARIO_FAIL;
			}
			if (k && k < sizeof r->message)
				r->message[k - 1] = '\0';
		}
	}
	/* What the scenario leaves in its output folder: the report and
	 * the console, whatever the outcome. */
	if (s->m) {
		r->sim_seconds = seconds(now_ps(s));
		r->host_seconds = machine_host_seconds(s->m);
		char why[512];
		if (ensure_out(s, why, sizeof why)) {
			write_uart_logs(s);
			char p[PATH_MAX + 32];
			struct report_fill rf = { s->m, false, o->no_host };
			struct err e = { "" };
			if (fmt_path(p, sizeof p, "%s/report.json", s->out))
				hostio_write_file("report.json", p, fill_report, &rf, &e);
			static const char *const tl_names[] = { "timeline.vcd", "timeline.json",
								"timeline.csv" };
			for (int k = -1; k < 3; k++) {
				const char *name = k < 0 ? "report.html" : tl_names[k];
				if (k < 0 ? !s->html : !s->tl_fmt[k])
					continue;
				struct timeline_fill tf = { s->m, k, o->no_host };
				if (fmt_path(p, sizeof p, "%s/%s", s->out, name))
					hostio_write_file(name, p, fill_timeline, &tf, &e);
			}
		} else if (status == SCENARIO_PASS) {
			snprintf(r->message, sizeof r->message, "%s", why);
			status = EXIT_CANTCREATE;
		}
	}
	r->status = status;
	char why[512];
	if (ensure_out(s, why, sizeof why)) {
		char p[PATH_MAX + 32];
		struct result_fill rf = { r, o->no_host };
		struct err e = { "" };
		if (fmt_path(p, sizeof p, "%s/result.json", s->out))
			hostio_write_file("result.json", p, fill_result, &rf, &e);
	}
	free_scen(s);
	free(s);
	return status;
}

/* ---- pmsim scenario ------------------------------------------------------------------- */

/* The options `pmsim scenario`, `pmsim test` and `pmsim sweep` share: one
 * argument at argv[*i]. Returns 1 if taken, 0 if not one of them, or an
 * exit status (> 1) after a usage message. */
int scenario_common_opt(int argc, char **argv, int *i, struct scenario_opts *o)
{
	const char *a = argv[*i], *v;
	int m;
	if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
		o->quiet = true;
	} else if (!strcmp(a, "--no-host")) {
		o->no_host = true;
	} else if ((m = opt_value(argc, argv, i, "--until", &v))) {
		char why[128];
		if (m < 0)
			return usage_error("option '%s' needs a time, e.g. 10ms", a);
		if (parse_time(v, &o->until, why, sizeof why)) {
			fprintf(stderr, "pmsim: --until '%s': %s\nTry 'pmsim --help'.\n", v, why);
			return EXIT_USAGE;
		}
	} else if ((m = opt_value(argc, argv, i, "--config", &v))) {
		if (m < 0 || !*v)
			return usage_error("option '%s' needs a SoC: a name (default, mcu, m3) or a "
					   ".dts/.dtb file", a);
		o->config = v;
	} else if ((m = opt_value(argc, argv, i, "--max-insns", &v))) {
		if (m < 0 || parse_count(v, &o->max_insns))
			return usage_error("option --max-insns needs a positive whole number (got '%s')",
					   m < 0 ? "" : v);
	} else if ((m = opt_value(argc, argv, i, "--timeout", &v))) {
		if (m < 0 || parse_host_seconds(v, &o->timeout))
			return usage_error("option --timeout needs a positive host time, e.g. 60s or "
					   "10min (got '%s')", m < 0 ? "" : v);
	} else if ((m = opt_value(argc, argv, i, "-p", &v)) ||
		   (m = opt_value(argc, argv, i, "--param", &v))) {
		const char *eq = m > 0 ? strchr(v, '=') : NULL;
		if (!eq || eq == v)
			return usage_error("option -p needs NAME=VALUE (got '%s')", m < 0 ? "" : v);
		if (o->nparams >= SCENARIO_MAX_PARAMS)
			return usage_error("%s", "too many -p options");
		char *name = strndup(v, (size_t)(eq - v));
		if (!name)
			return EXIT_INTERNAL;
		o->param_names[o->nparams] = name;
		o->param_values[o->nparams++] = eq + 1;
	} else {
		return 0;
	}
	return 1;
}

void scenario_opts_free(struct scenario_opts *o)
{
	for (unsigned i = 0; i < o->nparams; i++)
		free((char *)o->param_names[i]);
	o->nparams = 0;
}

static const char *status_word(int st)
{
	return st == SCENARIO_PASS ? "PASS" : st == SCENARIO_FAIL ? "FAIL" : "ERROR";
}

void scenario_print_result(FILE *f, const struct scenario_result *r, bool no_host)
{
	fprintf(f, "%-5s %s (%.6f s simulated", status_word(r->status), r->name, r->sim_seconds);
	if (!no_host)
		fprintf(f, ", %.2f s host", r->host_seconds);
	fprintf(f, ")\n");
	for (unsigned i = 0; i < r->nbudgets; i++) {
		const struct scenario_budget *b = &r->budgets[i];
		fprintf(f, "      budget %-32s %-4s %.6g %s (limit %.6g %s)\n", b->name,
			b->ok ? "ok" : "OVER", b->value, b->unit, b->limit, b->unit);
	}
	if (r->status != SCENARIO_PASS && r->message[0]) {
		/* Each line of the message indented under the result. */
		for (const char *m = r->message; *m;) {
			size_t n = strcspn(m, "\n");
			fprintf(f, "      %.*s\n", (int)n, m);
			m += n + (m[n] == '\n');
		}
	}
}

int scenario_main(int argc, char **argv)
{
	struct scenario_opts o = { .timeout = -1 };
	const char *path = NULL;
	int rc;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i], *v;
		int m;
		if ((rc = scenario_common_opt(argc, argv, &i, &o))) {
			if (rc > 1) {
				scenario_opts_free(&o);
				return rc;
			}
		} else if ((m = opt_value(argc, argv, &i, "--output", &v))) {
			if (m < 0 || !*v) {
				scenario_opts_free(&o);
				return usage_error("option '%s' needs a folder", a);
			}
			o.output = v;
		} else if (a[0] == '-' && a[1]) {
			scenario_opts_free(&o);
			return usage_error("unknown option '%s' for 'pmsim scenario'", a);
		} else if (path) {
			scenario_opts_free(&o);
			return usage_error("'pmsim scenario' runs one file (got a second: '%s'); "
					   "'pmsim test' runs many", a);
		} else {
			path = a;
		}
	}
	if (!path)
		return usage_error("%s", "'pmsim scenario' needs a scenario (a .lua file)");
	o.path = path;
	struct scenario_result *r = malloc(sizeof *r);
	if (!r) {
		scenario_opts_free(&o);
		fprintf(stderr, "pmsim: out of memory\n");
		return EXIT_INTERNAL;
	}
	o.interruptible = true;
	hostio_interruptible(true);
	rc = scenario_run(&o, r);
	hostio_interruptible(false);
	fflush(stdout);
	scenario_print_result(stderr, r, o.no_host);
	free(r);
	scenario_opts_free(&o);
	return rc;
}

void scenario_params_free(struct scenario_param *p, unsigned n)
{
	for (unsigned i = 0; p && i < n; i++) {
		for (unsigned k = 0; k < p[i].nvalues; k++)
			free(p[i].values[k]);
		free(p[i].values);
		free(p[i].name);
	}
	free(p);
}

int scenario_params(const char *path, struct scenario_param **params, unsigned *n, char *msg,
		    size_t msglen)
{
	*params = NULL;
	*n = 0;
	msg[0] = '\0';
	struct scenario_opts o = { .path = path, .timeout = 10 };
	struct scenario_result *r = calloc(1, sizeof *r);
	struct scen *s = calloc(1, sizeof *s);
	if (!s || !r) {
		free(s);
		free(r);
		snprintf(msg, msglen, "out of memory");
		return EXIT_INTERNAL;
	}
	s->o = &o;
	s->res = r;
	s->decl_only = true;
	s->decl_ref = s->action_err_ref = s->params_ref = s->signal_ref = LUA_NOREF;
	s->timeout = 10;
	s->host_deadline = host_now() + s->timeout;
	void *text = NULL;
	size_t len = 0;
	int rc = load_script(s, path, &text, &len, msg, msglen);
	lua_State *L = rc ? NULL : (s->L = new_state(s));
	if (!rc && !L)
		rc = EXIT_INTERNAL;
	if (L) {
		char chunk[PATH_MAX + 2];
		fmt_path(chunk, sizeof chunk, "@%s", path);
		if (luaL_loadbufferx(L, text, len, chunk, "t") != LUA_OK ||
		    (lua_pcall(L, 0, 0, 0) != LUA_OK &&
		     lua_touserdata(L, -1) != &decl_done_key)) {
			const char *m = lua_tostring(L, -1);
			snprintf(msg, msglen, "%s", m ? m : "the scenario failed before machine{}");
			rc = SCENARIO_ERROR;
		}
	}
	free(text);
	if (!rc) {
		*params = s->decl_params;
		*n = s->ndecl_params;
		s->decl_params = NULL;
	}
	scenario_params_free(s->decl_params, s->ndecl_params);
	free_scen(s);
	free(s);
	free(r);
	return rc;
}

void scenario_write_result(FILE *f, const struct scenario_result *r, bool no_host)
{
	fprintf(f, "{\n  \"name\": ");
	json_write_string(f, r->name);
	fprintf(f, ",\n  \"status\": \"%s\",\n  \"exit_status\": %d,\n  \"message\": ",
		r->status == SCENARIO_PASS ? "pass" : r->status == SCENARIO_FAIL ? "fail" : "error",
		r->status);
	json_write_string(f, r->message);
	fprintf(f, ",\n  \"sim_seconds\": %.12f", r->sim_seconds);
	if (!no_host)
		fprintf(f, ",\n  \"host_seconds\": %.3f", r->host_seconds);
	fprintf(f, ",\n  \"budgets\": [");
	for (unsigned i = 0; i < r->nbudgets; i++) {
		const struct scenario_budget *b = &r->budgets[i];
		fprintf(f, "%s\n    { \"name\": ", i ? "," : "");
		json_write_string(f, b->name);
		if (isfinite(b->value))
			fprintf(f, ", \"value\": %.9g", b->value);
		else
			fprintf(f, ", \"value\": null");
		fprintf(f, ", \"limit\": %.9g, \"unit\": \"%s\", \"ok\": %s }", b->limit, b->unit,
			b->ok ? "true" : "false");
	}
	fprintf(f, "%s]\n}\n", r->nbudgets ? "\n  " : "");
}
