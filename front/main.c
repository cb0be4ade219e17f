/*
 * pmsim command line: `pmsim run`, `pmsim info`, --help, --version.
 * docs/cli.md is the reference for everything here.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dma/coherency.h"
#include "front/cliopt.h"
#include "front/diff.h"
#include "front/gdbstub.h"
#include "front/gui.h"
#include "front/runner.h"
#include "front/scenario.h"
#include "front/sweep.h"
#include "pm/thermal.h"
#include "pm/timeline.h"
#include "sim/hostio.h"
#include "sim/machine.h"
#include "sim/timeparse.h"

static const char usage_text[] =
	"usage: pmsim run [options] IMAGE.elf [-- GUEST-ARGS...]\n"
	"       pmsim scenario [options] FILE.lua\n"
	"       pmsim test [options] DIR|FILE.lua...\n"
	"       pmsim sweep [options] FILE.lua | --emit-slurm DIR FILE.lua | --collect DIR\n"
	"       pmsim info [--config FILE]\n"
	"       pmsim diff [options] OLD.json NEW.json   (pmsim diff --help)\n"
	"       pmsim --help | --version\n"
	"\n"
	"run options:\n"
	"  --config FILE            SoC device tree (.dts is compiled with dtc, or a .dtb);\n"
	"                           default: the built-in default SoC\n"
	"  --until TIME             stop after TIME of simulated time (e.g. 10ms, 2s, 500us)\n"
	"  --max-insns N            stop after N guest instructions\n"
	"  --timeout DURATION       stop after DURATION of host time (e.g. 60s, 10min)\n"
	"  --ambient CELSIUS        the air around the board (the SoC's thermal model;\n"
	"                           default: its pmsim,ambient-millicelsius)\n"
	"  --semihosting-root DIR   let the guest open host files under DIR (default: none)\n"
	"  --uart-out FILE          send UART output to FILE instead of stdout\n"
	"  --uart-in FILE|-         feed FILE (or stdin) to the UART receiver\n"
	"  --battery-percent N      start with the battery N % charged (0-100; a battery\n"
	"                           with a capacity, docs/devices/pmic.md)\n"
	"  --stats                  print run statistics on stderr at the end\n"
	"  --quiet, -q              no progress line (shown on a terminal with --until)\n"
	"  --summary                print the energy and power report on stderr at the end\n"
	"  --report FILE.json       write the energy and power report as JSON to FILE\n"
	"  --timeline FILE          record every change of the run: FILE.vcd (GTKWave),\n"
	"                           FILE.json (Perfetto, chrome://tracing) or FILE.csv\n"
	"  --timeline-limit N       keep at most N timeline records (default 4000000)\n"
	"  --html FILE.html         write a self-contained HTML report with charts\n"
	"  --no-host                leave host timing out of the reports (byte-identical\n"
	"                           reports for identical runs)\n"
	"  --coherency=MODE         DMA/cache coherency checker: off, report (default) or\n"
	"                           fatal (stop at the first problem, status 127)\n"
	"  --gdb PORT               serve gdb's remote protocol on 127.0.0.1:PORT (0: a free\n"
	"                           port, named on stderr); docs/debugging.md\n"
	"  --gdb-wait               with --gdb: hold the core at reset until gdb attaches\n"
	"  --gui                    show the run live in a window (docs/gui.md)\n"
	"  --gui-speed max|1|10|100 its pace: as fast as possible, or N x real time\n"
	"  --gui-screenshot FILE.bmp  draw the window without showing it and write it\n"
	"                           as a BMP at the end (needs --until)\n"
	"\n"
	"scenario, test and sweep options (docs/scenarios.md):\n"
	"  --config SOC             the SoC instead of the script's (default, mcu, m3, a file)\n"
	"  --until TIME, --max-insns N, --timeout DURATION   the run's limits\n"
	"  -p NAME=VALUE            a parameter's value\n"
	"  --output DIR             the output folder (test, sweep: the root)\n"
	"  --quiet, --no-host       no console echo; no host figures\n"
	"  -j N                     (test, sweep) cases run at a time (default: all CPUs)\n"
	"  --junit FILE             (test) JUnit XML\n"
	"  --baseline DIR [--update-baseline] [--rel R --abs-energy J --abs-time S]\n"
	"                           (test) compare each report with a stored one\n"
	"  --emit-slurm DIR, --point I, --collect DIR   (sweep) a Slurm job array\n"
	"\n"
	"exit status: the guest's exit code, or 64 bad command line, 65 bad input file,\n"
	"66 missing or unreadable input file, 73 cannot write an output, 124 limit\n"
	"reached, 125 guest locked up, 126 guest asleep forever (see docs/cli.md)\n";

/* Build the guest command line: image name and arguments, space-separated. */
static char *join_cmdline(const char *image, int argc, char **argv)
{
	size_t len = strlen(image) + 1;
	for (int i = 0; i < argc; i++)
		len += strlen(argv[i]) + 1;
	char *s = malloc(len);
	if (!s)
		return NULL;
	strcpy(s, image);
	for (int i = 0; i < argc; i++) {
		strcat(s, " ");
		strcat(s, argv[i]);
	}
	return s;
}

/* An HTML report's name ends in .html or .htm. */
static bool html_name(const char *v)
{
	size_t n = strlen(v);
	return (n > 5 && !strcmp(v + n - 5, ".html")) || (n > 4 && !strcmp(v + n - 4, ".htm"));
}

static int cmd_run(int argc, char **argv)
{
	struct run_options o = { .coherency = COH_REPORT };
	struct gui_options go = { .speed = GUI_SPEED_MAX };
	bool quiet = false, gdb_wait = false, gui = false, gui_speed = false;
	long gdb_port = -1;
	int i;
	for (i = 0; i < argc; i++) {
		const char *a = argv[i], *v = NULL;
		int m;
		if (!strcmp(a, "--")) {
			return usage_error("%s", "'--' must follow the image name");
		} else if (a[0] != '-' || !strcmp(a, "-")) {
			break;
		} else if (!strcmp(a, "--stats")) {
			o.stats = true;
		} else if (!strcmp(a, "--summary")) {
			o.summary = true;
		} else if (!strcmp(a, "--no-host")) {
			o.no_host = true;
		} else if (!strcmp(a, "--quiet") || !strcmp(a, "-q")) {
			quiet = true;
		} else if (!strcmp(a, "--gdb-wait")) {
			gdb_wait = true;
		} else if ((m = opt_value(argc, argv, &i, "--gdb", &v))) {
			char *end = NULL;
			errno = 0;
			gdb_port = m < 0 || !isdigit((unsigned char)*v) ? -1 : strtol(v, &end, 10);
			if (gdb_port < 0 || errno || *end || gdb_port > 65535)
				return usage_error("option --gdb needs a TCP port number, 0 to 65535 "
						   "(0: any free port) (got '%s')", m < 0 ? "" : v);
		} else if (!strcmp(a, "--gui")) {
			gui = true;
		} else if ((m = opt_value(argc, argv, &i, "--gui-speed", &v))) {
			if (m < 0 || gui_parse_speed(v, &go.speed))
				return usage_error("option --gui-speed needs max, 1, 10 or 100 (got '%s')",
						   m < 0 ? "" : v);
			gui_speed = true;
		} else if ((m = opt_value(argc, argv, &i, "--gui-screenshot", &v))) {
			size_t n = m < 0 ? 0 : strlen(v);
			if (m < 0 || n < 5 || strcmp(v + n - 4, ".bmp"))
				return usage_error("option --gui-screenshot needs a file name ending in "
						   ".bmp (got '%s')", m < 0 ? "" : v);
			go.screenshot = v;
		} else if ((m = opt_value(argc, argv, &i, "--coherency", &v))) {
			if (m < 0)
				return usage_error("option '%s' needs off, report or fatal", a);
			if (!strcmp(v, "off"))
				o.coherency = COH_OFF;
			else if (!strcmp(v, "report"))
				o.coherency = COH_REPORT;
			else if (!strcmp(v, "fatal"))
				o.coherency = COH_FATAL;
			else
				return usage_error("--coherency must be off, report or fatal (got '%s')",
						   v);
		} else if ((m = opt_value(argc, argv, &i, "--report", &v))) {
			if (m < 0 || !*v)
				return usage_error("option '%s' needs a file name", a);
			o.report = v;
		} else if ((m = opt_value(argc, argv, &i, "--timeline", &v))) {
			if (m < 0 || !*v)
				return usage_error("option '%s' needs a file name", a);
			if (timeline_format_of(v) < 0)
				return usage_error("--timeline %s: the name must end in .vcd, .json "
						   "(Perfetto) or .csv, which choose the format", v);
			o.timeline = v;
		} else if ((m = opt_value(argc, argv, &i, "--html", &v))) {
			if (m < 0 || !*v)
				return usage_error("option '%s' needs a file name", a);
			if (!html_name(v))
				return usage_error("--html %s: the name must end in .html or .htm", v);
			o.html = v;
		} else if ((m = opt_value(argc, argv, &i, "--timeline-limit", &v))) {
			if (m < 0 || parse_count(v, &o.timeline_limit))
				return usage_error("option --timeline-limit needs a positive whole "
						   "number of records (got '%s')", m < 0 ? "" : v);
		} else if ((m = opt_value(argc, argv, &i, "--config", &v))) {
			if (m < 0)
				return usage_error("option '%s' needs a file name", a);
			o.config = v;
		} else if ((m = opt_value(argc, argv, &i, "--until", &v))) {
			char why[128];
			if (m < 0)
				return usage_error("option '%s' needs a time, e.g. 10ms", a);
			if (parse_time(v, &o.until, why, sizeof why)) {
				fprintf(stderr, "pmsim: --until '%s': %s\nTry 'pmsim --help'.\n", v, why);
				return EXIT_USAGE;
			}
		} else if ((m = opt_value(argc, argv, &i, "--timeout", &v))) {
			if (m < 0 || parse_host_seconds(v, &o.host_timeout))
				return usage_error("option --timeout needs a positive host time, e.g. "
						   "60s or 10min (got '%s')", m < 0 ? "" : v);
		} else if ((m = opt_value(argc, argv, &i, "--ambient", &v))) {
			char *end = NULL;
			double c = m < 0 || !*v ? NAN : strtod(v, &end);
			if (m < 0 || !*v || *end || !isfinite(c) || c < -273.15 ||
			    c > THERMAL_MAX_CELSIUS)
				return usage_error("option --ambient needs a temperature in degrees "
						   "Celsius, -273.15 to 500 (got '%s')",
						   m < 0 ? "" : v);
			o.has_ambient = true;
			o.ambient_c = c;
		} else if ((m = opt_value(argc, argv, &i, "--max-insns", &v))) {
			if (m < 0 || parse_count(v, &o.max_insns))
				return usage_error("option --max-insns needs a positive whole number "
						   "(got '%s')", m < 0 ? "" : v);
		} else if ((m = opt_value(argc, argv, &i, "--semihosting-root", &v))) {
			if (m < 0)
				return usage_error("option '%s' needs a directory", a);
			o.sh_root = v;
		} else if ((m = opt_value(argc, argv, &i, "--uart-out", &v))) {
			if (m < 0)
				return usage_error("option '%s' needs a file name", a);
			o.uart_out = v;
		} else if ((m = opt_value(argc, argv, &i, "--battery-percent", &v))) {
			char *end;
			double pct = m < 0 ? -1.0 : strtod(v, &end);
			if (m < 0 || !*v || *end || !(pct >= 0.0 && pct <= 100.0))
				return usage_error("option --battery-percent needs a state of charge "
						   "from 0 to 100 (got '%s')", m < 0 ? "" : v);
			o.set_battery_percent = true;
			o.battery_percent = pct;
		} else if ((m = opt_value(argc, argv, &i, "--uart-in", &v))) {
			if (m < 0)
				return usage_error("option '%s' needs a file name or -", a);
			o.uart_in = v;
		} else {
			return usage_error("unknown option '%s' for 'pmsim run'", a);
		}
	}
	if (i >= argc)
		return usage_error("%s", "'pmsim run' needs an image (an ELF file)");
	if (gdb_wait && gdb_port < 0)
		return usage_error("%s", "--gdb-wait needs --gdb PORT");
	if (go.screenshot && !o.until)
		return usage_error("%s", "--gui-screenshot needs --until (the picture is the run "
				   "up to it, in 600 equal slices)");
	if (gui_speed && !gui)
		return usage_error("%s", "--gui-speed goes with --gui");
	if (gui && go.screenshot)
		return usage_error("%s", "--gui and --gui-screenshot: choose one (the screenshot "
				   "has no interaction and no pacing)");
	if (gdb_port >= 0 && (gui || go.screenshot))
		return usage_error("%s", "--gdb and --gui (or --gui-screenshot) cannot be used "
				   "together: each drives the run");
	o.image = argv[i++];
	int nguest = 0;
	if (i < argc) {
		if (strcmp(argv[i], "--"))
			return usage_error("unexpected argument '%s' after the image (guest arguments "
					   "go after '--')", argv[i]);
		nguest = argc - i - 1;
	}
	char *cmdline = join_cmdline(o.image, nguest, argv + argc - nguest);
	if (!cmdline) {
		fprintf(stderr, "pmsim: out of memory\n");
		return EXIT_INTERNAL;
	}
	o.cmdline = cmdline;
	/* Progress only where a person watches, and only towards a limit. */
	o.progress = o.until && !quiet && isatty(STDERR_FILENO);
	o.interruptible = true;
	int rc;
	if (gdb_port >= 0) {
		rc = gdb_run(&o, (unsigned)gdb_port, gdb_wait);
	} else if (gui || go.screenshot) {
		/* The window shows the progress. */
		o.progress = false;
		rc = gui_run(&o, &go);
	} else {
		rc = machine_run(&o);
	}
	free(cmdline);
	return rc;
}

static int cmd_info(int argc, char **argv)
{
	const char *config = NULL;
	for (int i = 0; i < argc; i++) {
		const char *v;
		int m = opt_value(argc, argv, &i, "--config", &v);
		if (m < 0)
			return usage_error("option '%s' needs a file name", argv[i]);
		if (m == 0)
			return usage_error("unknown argument '%s' for 'pmsim info'", argv[i]);
		config = v;
	}
	return machine_info(config);
}

static int run_command(int argc, char **argv)
{
	if (argc < 2)
		return usage_error("%s", "no command given (use run, scenario, test, sweep, diff or info)");
	const char *cmd = argv[1];
	if (!strcmp(cmd, "--help") || !strcmp(cmd, "-h") || !strcmp(cmd, "help")) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (!strcmp(cmd, "--version")) {
		printf("pmsim %s\n", PMSIM_VERSION);
		return 0;
	}
	if (!strcmp(cmd, "run"))
		return cmd_run(argc - 2, argv + 2);
	if (!strcmp(cmd, "info"))
		return cmd_info(argc - 2, argv + 2);
	if (!strcmp(cmd, "scenario"))
		return scenario_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "test"))
		return runner_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "diff"))
		return diff_main(argc - 1, argv + 1);
	if (!strcmp(cmd, "sweep"))
		return sweep_main(argc - 1, argv + 1);
	return usage_error("unknown command '%s' (use run, scenario, test, sweep, diff or info)", cmd);
}

int main(int argc, char **argv)
{
	hostio_signals_init();
	/* Whatever the command, output that could not be written is an error
	 * (as with coreutils): `pmsim info >/dev/full` does not succeed. */
	return hostio_close_stdout(run_command(argc, argv));
}
