/* The Lua bindings of scenarios (front/scenario.c): quantities, times,
 * actions at exact simulated times, parameters, budgets and their
 * statistics, the sandbox, and the classification of failures and
 * errors. Each case writes a small script into a temporary folder and runs
 * it on the hello image. */
#define _DEFAULT_SOURCE
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "front/scenario.h"
#include "check_run.h"

#define HELLO PMSIM_TEST_FW_DIR "/hello/hello.elf"

static char dir[64];
static struct scenario_result res;

/* Write `body` (after a machine{} line on the hello image, unless it
 * starts with "--no-machine") to DIR/t.lua and run it. */
static int run_script(const char *body, struct scenario_opts *o)
{
	snprintf(dir, sizeof dir, "/tmp/pmsim-scen-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/t.lua", dir);
	FILE *f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	if (strncmp(body, "--no-machine", 12))
		fprintf(f, "machine { image = \"%s\" }\n", HELLO);
	fputs(body, f);
	fclose(f);
	struct scenario_opts def = { .quiet = true, .timeout = 20 };
	if (!o)
		o = &def;
	o->path = path;
	o->quiet = true;
	int rc = scenario_run(o, &res);
	char cmd[160];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
	return rc;
}

#define PASSES(body) \
	ck_assert_msg(run_script(body, NULL) == SCENARIO_PASS, "status %d: %s", res.status, \
		      res.message)

START_TEST(quantities)
{
	double v;
	char why[160];
	ck_assert_int_eq(scenario_parse_quantity("2 mJ", "J", &v, why, sizeof why), 0);
	ck_assert(fabs(v - 2e-3) < 1e-15);
	ck_assert_int_eq(scenario_parse_quantity("500uW", "W", &v, why, sizeof why), 0);
	ck_assert(fabs(v - 500e-6) < 1e-15);
	ck_assert_int_eq(scenario_parse_quantity("3.3 V", "V", &v, why, sizeof why), 0);
	ck_assert(fabs(v - 3.3) < 1e-12);
	ck_assert_int_eq(scenario_parse_quantity("1.5 \xc2\xb5J", "J", &v, why, sizeof why), 0);
	ck_assert(fabs(v - 1.5e-6) < 1e-15);
	ck_assert_int_eq(scenario_parse_quantity("7", "J", &v, why, sizeof why), 0);
	ck_assert(v == 7);
	ck_assert_int_eq(scenario_parse_quantity("2 mW", "J", &v, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "the unit must be J"));
	ck_assert_int_eq(scenario_parse_quantity("lots", "J", &v, why, sizeof why), -1);
	ck_assert_ptr_nonnull(strstr(why, "not a number"));
}
END_TEST

/* Times in and out: strings with units, numbers of seconds, exact. */
START_TEST(times)
{
	/* The core runs whole instructions: a run ends at the first
	 * instruction boundary at or after its time (hello runs at 25 MHz:
	 * within a few cycles). */
	PASSES("run_for(\"1500ns\")\n"
	       "assert(now() >= 1.5e-6 and now() < 1.7e-6, 'now ' .. now())\n"
	       "local t = now()\n"
	       "run_for(0.25e-6)\n"
	       "assert(now() >= t + 0.25e-6 and now() < t + 0.45e-6, 'now ' .. now())\n"
	       "run_until(\"3 us\")\n"
	       "assert(now() >= 3e-6 and now() < 3.2e-6)\n");
	ck_assert(res.sim_seconds >= 3e-6 && res.sim_seconds < 3.2e-6);
	/* Into the past: an error, with the line. */
	ck_assert_int_eq(run_script("run_for('5us')\nrun_until('1us')\n", NULL), SCENARIO_ERROR);
	ck_assert_ptr_nonnull(strstr(res.message, "t.lua:3: run_until: "));
	ck_assert_ptr_nonnull(strstr(res.message, "is in the past"));
}
END_TEST

/* at, after and every run at their exact simulated times, in order, and
 * every stops when its function returns false or it is cancelled. */
START_TEST(actions)
{
	PASSES("local seen = {}\n"
	       "at('3 us', function(t) seen[#seen + 1] = 'at ' .. t end)\n"
	       "after('1 us', function(t) seen[#seen + 1] = 'after ' .. t end)\n"
	       "local n = 0\n"
	       "every('2 us', function(t) n = n + 1; seen[#seen + 1] = 'every ' .. t;"
	       " if n == 3 then return false end end)\n"
	       "local c = every('1 us', function() error('cancelled, never runs') end)\n"
	       "c:cancel()\n"
	       "run_for('10 us')\n"
	       "local want = { 'after 1e-06', 'every 2e-06', 'at 3e-06', 'every 4e-06',"
	       " 'every 6e-06' }\n"
	       "assert(#seen == #want, 'seen ' .. table.concat(seen, ', '))\n"
	       "for i = 1, #want do assert(seen[i] == want[i], seen[i] .. ' vs ' .. want[i]) end\n");
	/* Running the machine from an action is refused. */
	ck_assert_int_eq(run_script("after('1us', function() run_for('1us') end)\nrun_for('5us')\n",
				    NULL), SCENARIO_ERROR);
	ck_assert_ptr_nonnull(strstr(res.message, "run_for: not from inside an action"));
	/* A failed assert in an action is a failure, at the action's line. */
	ck_assert_int_eq(run_script("after('1us', function()\n  assert(false, 'inside')\nend)\n"
				    "run_for('5us')\n", NULL), SCENARIO_FAIL);
	ck_assert_ptr_nonnull(strstr(res.message, "t.lua:3: inside"));
}
END_TEST

/* Parameters: the first value, or -p's; scenario_params lists them by name. */
START_TEST(params)
{
#define DECL "scenario { params = { zeta = { 1, 2 }, alpha = { 'x', 'y', 'z' } } }\n"
	/* The first value of each, with its type. */
	ck_assert_int_eq(run_script("--no-machine\n" DECL "machine { image = '" HELLO "' }\n"
				    "assert(param('alpha') == 'x' and param('zeta') == 1)\n", NULL),
			 SCENARIO_PASS);
	/* -p picks another. */
	struct scenario_opts o = { .timeout = 20, .nparams = 1 };
	o.param_names[0] = "alpha";
	o.param_values[0] = "z";
	ck_assert_int_eq(run_script("--no-machine\n" DECL "machine { image = '" HELLO "' }\n"
				    "assert(param('alpha') == 'z' and param('zeta') == 1)\n", &o),
			 SCENARIO_PASS);
	/* An undeclared one is an error. */
	ck_assert_int_eq(run_script("print(param('nosuch'))\n", NULL), SCENARIO_ERROR);
	ck_assert_ptr_nonnull(strstr(res.message, "no parameter 'nosuch'"));
	/* The declaration alone, names sorted, values as strings; what
	 * follows it is not run. */
	snprintf(dir, sizeof dir, "/tmp/pmsim-scen-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/p.lua", dir);
	FILE *f = fopen(path, "w");
	fputs(DECL "error('the declaration is read without running the rest')\n", f);
	fclose(f);
	struct scenario_param *p;
	unsigned n;
	char msg[256];
	ck_assert_int_eq(scenario_params(path, &p, &n, msg, sizeof msg), 0);
	ck_assert_uint_eq(n, 2);
	ck_assert_str_eq(p[0].name, "alpha");
	ck_assert_uint_eq(p[0].nvalues, 3);
	ck_assert_str_eq(p[0].values[2], "z");
	ck_assert_str_eq(p[1].name, "zeta");
	ck_assert_str_eq(p[1].values[1], "2");
	scenario_params_free(p, n);
	unlink(path);
	rmdir(dir);
#undef DECL
}
END_TEST

/* Budgets: values, limits, and the nearest-rank statistics of latencies. */
START_TEST(budgets)
{
	/* 10 samples 1..10 ms: max 10, mean 5.5, p50 5, p90 9, p99 10. */
	ck_assert_int_eq(run_script(
		"--no-machine\n"
		"scenario { budgets = { latency = { x = { max = '10ms', mean = '5ms', p50 = '5ms',"
		" p90 = '9ms', p99 = '10ms' } }, deadline = '1 ms', energy = '1 J' } }\n"
		"machine { image = '" HELLO "' }\n"
		"for i = 1, 10 do latency('x', i / 1000) end\n"
		"run_for('0.5 ms')\n", NULL), SCENARIO_FAIL);
	ck_assert_uint_eq(res.nbudgets, 7);
	const char *names[] = { "energy", "deadline", "latency.x.max", "latency.x.mean",
				"latency.x.p50", "latency.x.p90", "latency.x.p99" };
	const double values[] = { NAN, 0.5e-3, 10e-3, 5.5e-3, 5e-3, 9e-3, 10e-3 };
	const bool ok[] = { true, true, true, false, true, true, true };
	for (unsigned i = 0; i < 7; i++) {
		ck_assert_str_eq(res.budgets[i].name, names[i]);
		/* The deadline is the time the run stopped: run_for's end, or
		 * a little past it when an instruction was in flight then (the
		 * core finishes it: at most a few cycles at 25 MHz). */
		if (i == 1)
			ck_assert_msg(res.budgets[i].value >= values[i] - 1e-12 &&
				      res.budgets[i].value < values[i] + 1e-6, "%s = %.9g",
				      names[i], res.budgets[i].value);
		else if (!isnan(values[i]))
			ck_assert_msg(fabs(res.budgets[i].value - values[i]) < 1e-12, "%s = %g",
				      names[i], res.budgets[i].value);
		ck_assert_int_eq(res.budgets[i].ok, ok[i]);
	}
	ck_assert(res.budgets[0].value > 0 && res.budgets[0].value < 1e-3);
	ck_assert_ptr_nonnull(strstr(res.message, "budget exceeded: latency.x.mean 0.0055 s > 0.005 s"));
	/* A latency budget without samples fails. */
	ck_assert_int_eq(run_script("--no-machine\nscenario { budgets = { latency = { y = '1 s' } } }\n"
				    "machine { image = '" HELLO "' }\n", NULL), SCENARIO_FAIL);
	ck_assert_ptr_nonnull(strstr(res.message, "latency.y (no samples)"));
	/* An unknown budget is an error in the script. */
	ck_assert_int_eq(run_script("--no-machine\nscenario { budgets = { enrgy = '1 J' } }\n"
				    "machine { image = '" HELLO "' }\n", NULL), SCENARIO_ERROR);
	ck_assert_ptr_nonnull(strstr(res.message, "budgets: unknown key 'enrgy'"));
}
END_TEST

/* The sandbox: what is gone, and files only in the script's folders. */
START_TEST(sandbox)
{
	PASSES("for _, f in ipairs({ 'execute', 'getenv', 'time', 'clock', 'remove' }) do\n"
	       "  local ok, err = pcall(os[f])\n"
	       "  assert(not ok and err:find('not available in a scenario'), f)\n"
	       "end\n"
	       "assert(package == nil)\n"
	       "assert(not pcall(dofile, '/etc/passwd'))\n"
	       "assert(not pcall(io.popen, 'id'))\n"
	       "local f = io.open('t.lua')\n"
	       "assert(f and f:read('l'):find('machine'), 'the script itself is readable')\n"
	       "f:close()\n"
	       "assert(not pcall(io.open, '/etc/passwd'))\n"
	       "assert(not pcall(io.open, '../t2.lua', 'w'), 'the script folder is read-only')\n"
	       "local here = io.open('t.lua'):read('a')\n"
	       "assert(here:find('machine'))\n"
	       "write_report('r.json')\n"
	       "local w = io.open('notes.txt', 'w')\n"
	       "assert(w, 'the output folder is writable')\n"
	       "w:write('x')\n"
	       "w:close()\n"
	       "assert(load('return 1 + 1')() == 2)\n"
	       "assert(not pcall(load, string.dump(function() end), 'b', 'b'))\n");
}
END_TEST

/* Memory and symbols through the core's view. */
START_TEST(memory)
{
	PASSES("local a = symbol('main')\n"
	       "assert(a and a > 0, 'main')\n"
	       "local sp = read32(0)\n"
	       "assert(sp >= 0x20000000 and sp < 0x40000000, string.format('sp %x', sp))\n"
	       "assert(read32(4) & 1 == 1, 'the reset vector is Thumb')\n"
	       "write32(0x20000100, 0x12345678)\n"
	       "assert(read32(0x20000100) == 0x12345678)\n"
	       "assert(read16(0x20000102) == 0x1234 and read8(0x20000100) == 0x78)\n"
	       "assert(not pcall(read32, 0x20000101), 'unaligned')\n"
	       "assert(not pcall(write32, 0, 1), 'flash is not writable')\n");
}
END_TEST

/* Stimuli: their checks and messages (their effects on a running guest
 * are CTest scenario.stimuli and the examples). */
START_TEST(stimuli)
{
	PASSES("battery_voltage(3.1)\n"
	       "battery_voltage('2.9 V')\n"
	       "local b = events { kind = 'battery' }\n"
	       "assert(#b == 2 and b[1].value == 3100000 and b[2].value == 2900000, #b)\n"
	       "assert(b[1].component == 'battery' and b[1].var == 'microvolt')\n"
	       "local ok, err = pcall(fault, 'serial', 'bogus')\n"
	       "assert(err:find('unknown fault \"bogus\"; it takes framing%-error'), err)\n"
	       "ok, err = pcall(fault, 'rtc', 'bus-error')\n"
	       "assert(err:find('takes no faults'), err)\n"
	       "ok, err = pcall(fault, 'nosuch', 'clear')\n"
	       "assert(not ok, 'a device that does not exist')\n"
	       "assert(not pcall(gpio_set, 8, 1) and not pcall(gpio_set, 0, 2))\n"
	       "assert(gpio_get(0) == 0)\n"
	       "assert(not pcall(sensor_signal, 42), 'a signal is a function')\n"
	       "ok, err = pcall(uart_send, 'x', { port = 5 })\n"
	       "assert(err:find('no serial port 5'), err)\n"
	       "assert(not pcall(battery_voltage, '3 W'))\n");
}
END_TEST

/* The default SoC's battery is a cell: battery_percent sets its state of
 * charge (its open-circuit voltage follows), until battery_voltage takes
 * the battery over. */
START_TEST(battery_percent_sets_the_cell)
{
	PASSES("battery_percent(50)\n"
	       "local b = events { kind = 'battery' }\n"
	       "assert(b[#b].var == 'microvolt' and b[#b].value == 3800000, b[#b].value)\n"
	       "assert(not pcall(battery_percent, 101))\n"
	       "battery_voltage(3.3)\n"
	       "local ok, err = pcall(battery_percent, 50)\n"
	       "assert(err:find('has stopped'), err)\n");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scenario");
	TCase *tc = tcase_create("core");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, quantities);
	tcase_add_test(tc, times);
	tcase_add_test(tc, actions);
	tcase_add_test(tc, params);
	tcase_add_test(tc, budgets);
	tcase_add_test(tc, sandbox);
	tcase_add_test(tc, memory);
	tcase_add_test(tc, stimuli);
	tcase_add_test(tc, battery_percent_sets_the_cell);
	suite_add_tcase(s, tc);
	return check_run(s);
}
