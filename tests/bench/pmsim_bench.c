/*
 * pmsim-bench: simulation speed, measured (not a test: it prints figures).
 *
 *   pmsim-bench PMSIM FIRMWARE_DIR [--no-qemu] [--runs N]
 *
 * Runs the benchmark images (firmware/bench) on pmsim and on
 * qemu-system-arm -M mps2-an385 (mps2-an386, the Cortex-M4F, for the
 * hard-float fploop) in the same run, each N times (best time
 * kept, default 3), and prints wall-clock time, MIPS and the ratio. The
 * instruction count of an image is pmsim's (the programs are
 * deterministic, so QEMU executes the same instructions). QEMU's time
 * includes its start-up, which is why the images run for seconds. The
 * idle image reports simulated seconds per host second and idle cycles
 * per host second. Last, pmfw's tickless idle: 60 simulated seconds with
 * a timer every second (the `busy` workload with no work), whose host
 * time is the cost of idling, since pmsim skips the time the core
 * sleeps. Then a sweep's speed-up: the same eight points on one core
 * and on all of them.
 */
#define _DEFAULT_SOURCE /* realpath, mkdtemp */
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run argv with stdout+stderr to `out`; returns wall seconds, or -1. */
static double run(char *const argv[], const char *out)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	pid_t pid;
	double t0 = now();
	int rc = posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc)
		return -1;
	int st;
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	double t = now() - t0;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? t : -1;
}

/* The number after `key` in file `path` (from pmsim's --stats). */
static int summary_value(const char *path, const char *key, double *v)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	char line[256];
	int found = -1;
	while (fgets(line, sizeof line, f)) {
		char *p = strstr(line, key);
		if (p && sscanf(p + strlen(key), "%lf", v) == 1) {
			found = 0;
			break;
		}
	}
	fclose(f);
	return found;
}

static double best_of(int runs, char *const argv[], const char *out)
{
	double best = -1;
	for (int i = 0; i < runs; i++) {
		double t = run(argv, out);
		if (t < 0)
			return -1;
		if (best < 0 || t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	if (argc < 3) {
		fprintf(stderr, "usage: pmsim-bench PMSIM FIRMWARE_DIR [--no-qemu] [--runs N]\n");
		return 64;
	}
	const char *pmsim = argv[1], *fw = argv[2];
	int use_qemu = 1, runs = 3;
	for (int i = 3; i < argc; i++) {
		if (!strcmp(argv[i], "--no-qemu"))
			use_qemu = 0;
		else if (!strcmp(argv[i], "--runs") && i + 1 < argc)
			runs = atoi(argv[++i]) > 0 ? atoi(argv[i]) : 1;
	}
	char out[] = "/tmp/pmsim-bench-XXXXXX";
	int fd = mkstemp(out);
	if (fd < 0)
		return 70;
	close(fd);

	printf("%-12s %14s %10s %10s %10s %10s %8s\n", "image", "instructions", "pmsim s",
	       "pmsim MIPS", "qemu s", "qemu MIPS", "ratio");
	/* fploop is loop with three of its five instructions FP ones, built
	 * for the Cortex-M4F: QEMU runs it on that machine. */
	static const char *const images[] = { "loop", "loopmem", "crc", "fploop" };
	static const char *const machines[] = { "mps2-an385", "mps2-an385", "mps2-an385",
						"mps2-an386" };
	double mips[4] = { 0 };
	for (unsigned i = 0; i < sizeof images / sizeof images[0]; i++) {
		char img[4096];
		snprintf(img, sizeof img, "%s/bench/bench_%s.elf", fw, images[i]);
		char *pa[] = { (char *)pmsim, "run", "--stats", img, NULL };
		double tp = best_of(runs, pa, out), insns = 0;
		if (tp < 0 || summary_value(out, "instructions", &insns)) {
			printf("%-12s pmsim failed (see %s)\n", images[i], out);
			return 1;
		}
		double tq = -1;
		if (use_qemu) {
			char *qa[] = { "qemu-system-arm", "-M", (char *)machines[i], "-nographic",
				       "-monitor",
				       "none", "-serial", "none", "-semihosting-config",
				       "enable=on,target=native", "-kernel", img, NULL };
			tq = best_of(runs, qa, out);
		}
		mips[i] = insns / tp / 1e6;
		printf("%-12s %14.0f %10.3f %10.1f", images[i], insns, tp, mips[i]);
		if (tq > 0)
			printf(" %10.3f %10.1f %7.2fx\n", tq, insns / tq / 1e6, tq / tp);
		else
			printf(" %10s %10s %8s\n", "-", "-", "-");
	}

	printf("\nFP against integer (fploop and loop: the same instruction count): "
	       "%.2f of the integer speed\n", mips[3] / mips[0]);

	char img[4096];
	snprintf(img, sizeof img, "%s/bench/bench_idle.elf", fw);
	char *pa[] = { (char *)pmsim, "run", "--stats", img, NULL };
	double t = best_of(runs, pa, out), sim = 0, cycles = 0;
	if (t < 0 || summary_value(out, "simulated time", &sim) || summary_value(out, "cycles", &cycles)) {
		printf("idle: pmsim failed (see %s)\n", out);
		return 1;
	}
	printf("\nidle (WFI between 1 kHz SysTick interrupts, 25 MHz core):\n");
	printf("  %.3f simulated s (%.0f million core cycles, %.0f million of them executing)\n"
	       "  in %.3f host s: %.1f simulated s per host s\n",
	       sim, sim * 25.0, cycles / 1e6, t, sim / t);

	/* Boot and the shell's start are in both runs: the difference is
	 * the 60 s of idle. */
	snprintf(img, sizeof img, "%s/pmfw/pmfw.elf", fw);
	char *p0[] = { (char *)pmsim, "run", "--stats", img, "--", "quiet",
		       "workload start busy run_ms=0 period_ms=1000; exit", NULL };
	char *p60[] = { (char *)pmsim, "run", "--stats", img, "--", "quiet",
			"workload start busy run_ms=0 period_ms=1000; sleep 60; exit", NULL };
	double t0 = best_of(runs, p0, out), sim0 = 0;
	if (t0 < 0 || summary_value(out, "simulated time", &sim0)) {
		printf("pmfw idle: pmsim failed (see %s)\n", out);
		return 1;
	}
	double t60 = best_of(runs, p60, out), sim60 = 0;
	if (t60 < 0 || summary_value(out, "simulated time", &sim60)) {
		printf("pmfw idle: pmsim failed (see %s)\n", out);
		return 1;
	}
	double dt = t60 > t0 ? t60 - t0 : 0, ds = sim60 - sim0;
	printf("\npmfw tickless idle (a timer every second, the tick stopped):\n"
	       "  %.3f simulated s of idle in %.3f host s (%.3f host s with boot): "
	       "%.0f simulated s per host s\n",
	       ds, dt, t60, dt > 0 ? ds / dt : 0.0);
	/* The timeline's cost: the demo's workloads with every change
	 * recorded, against the same run without. */
	char tdir[] = "/tmp/pmsim-bench-timeline-XXXXXX";
	if (!mkdtemp(tdir)) {
		printf("timeline: cannot create a temporary folder\n");
		return 1;
	}
	char tvcd[sizeof tdir + 16];
	snprintf(tvcd, sizeof tvcd, "%s/t.vcd", tdir);
	const char *work = "quiet workload start busy; workload start adc; sleep 1; "
			   "workload stop all; exit";
	char *q0[] = { (char *)pmsim, "run", "--stats", img, "--", (char *)work, NULL };
	char *q1[] = { (char *)pmsim, "run", "--stats", "--timeline", tvcd, img, "--",
		       (char *)work, NULL };
	double tq0 = best_of(runs, q0, out), tq1 = best_of(runs, q1, out);
	struct stat tst;
	if (tq0 < 0 || tq1 < 0 || stat(tvcd, &tst)) {
		printf("timeline: pmsim failed (see %s)\n", out);
		return 1;
	}
	printf("\ntimeline (pmfw, 1 s of CPU and ADC-by-DMA workloads, every change to a VCD):\n"
	       "  %.3f host s without, %.3f with --timeline (%.0f KiB): %.2fx\n",
	       tq0, tq1, (double)tst.st_size / 1024.0, tq0 > 0 ? tq1 / tq0 : 0.0);
	unlink(tvcd);
	rmdir(tdir);
	/* A sweep: eight independent points on one core, then on all. */
	char dir[] = "/tmp/pmsim-bench-sweep-XXXXXX";
	if (!mkdtemp(dir)) {
		printf("sweep: cannot create a temporary folder\n");
		return 1;
	}
	char lua[sizeof dir + 16], sw1[sizeof dir + 16], swn[sizeof dir + 16];
	snprintf(lua, sizeof lua, "%s/s.lua", dir);
	snprintf(sw1, sizeof sw1, "%s/one", dir);
	snprintf(swn, sizeof swn, "%s/all", dir);
	FILE *f = fopen(lua, "w");
	if (!f) {
		printf("sweep: cannot write %s\n", lua);
		return 1;
	}
	char abs_img[4096];
	if (!realpath(img, abs_img)) {
		printf("sweep: %s: %s\n", img, strerror(errno));
		fclose(f);
		return 1;
	}
	fprintf(f, "scenario { params = { seed = { 1, 2, 3, 4, 5, 6, 7, 8 } } }\n"
		   "machine { image = '%s', args = 'quiet workload start interactive seed=' "
		   ".. param('seed') .. ' think_ms=20 burst=100' }\n"
		   "run_for('2 s')\n", abs_img);
	fclose(f);
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	char jobs[24];
	snprintf(jobs, sizeof jobs, "%ld", ncpu > 0 && ncpu < 1024 ? ncpu : 1);
	char *s1[] = { (char *)pmsim, "sweep", "--quiet", "-j", "1", "--output", sw1, lua, NULL };
	char *sn[] = { (char *)pmsim, "sweep", "--quiet", "-j", jobs, "--output", swn, lua, NULL };
	double one = best_of(runs, s1, out), all = best_of(runs, sn, out);
	if (one < 0 || all < 0) {
		printf("sweep: pmsim failed (see %s)\n", out);
		return 1;
	}
	printf("\nsweep (8 points of 2 simulated s each, pmfw with an interactive workload):\n"
	       "  %.3f host s on 1 core, %.3f on %s: %.2fx speed-up\n", one, all, jobs,
	       all > 0 ? one / all : 0.0);
	char rm[sizeof dir + 16];
	snprintf(rm, sizeof rm, "rm -rf '%s'", dir);
	if (system(rm) != 0)
		printf("(could not remove %s)\n", dir);
	remove(out);
	return 0;
}
