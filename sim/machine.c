/*
 * One run of a guest image: build the SoC from its device tree, load the
 * ELF, wire semihosting to the core's BKPT hook, and drive the main loop:
 * the core runs until the next event is due, the scheduler runs the due
 * events, and a sleeping core lets time jump straight to the next event.
 */
#include "sim/machine.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "dma/coherency.h"
#include "pm/clock.h"
#include "pm/battery.h"
#include "pm/collect.h"
#include "pm/pmu.h"
#include "pm/regulator.h"
#include "pm/html.h"
#include "pm/thermal.h"
#include "pm/report.h"
#include "pm/timeline.h"
#include "sim/chardev.h"
#include "sim/elf.h"
#include "sim/hostio.h"
#include "sim/semihost.h"
#include "sim/soc.h"

extern char **environ;

static bool has_suffix(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && !strcmp(s + a - b, suffix);
}

/* dtc's first error line (or its first line) from what it wrote on stderr. */
static void dtc_message(const char *log, char *msg, size_t len)
{
	msg[0] = '\0';
	for (const char *line = log; *line;) {
		size_t n = strcspn(line, "\n");
		bool is_err = false;
		for (size_t i = 0; i + 4 <= n && !is_err; i++)
			is_err = !memcmp(line + i, "rror", 4);
		if (is_err || !msg[0])
			snprintf(msg, len, "%.*s", (int)n, line);
		if (is_err)
			break;
		line += n + (line[n] == '\n');
	}
}

/* What dtc writes: the DTB on its stdout, messages on its stderr. */
struct dtc_output {
	char *dtb;
	size_t len, cap;
	bool big, nomem;       /* past HOSTIO_MAX_DT, or out of memory: the rest is dropped */
	char log[4096];        /* the start of its messages, NUL-terminated */
	size_t nlog;
};

/* Read both of dtc's pipes to their end, together: dtc may fill either
 * first, and a pipe left unread would block it. */
static void dtc_drain(int out, int log, struct dtc_output *d)
{
	struct pollfd pf[2] = { { out, POLLIN, 0 }, { log, POLLIN, 0 } };
	while (pf[0].fd >= 0 || pf[1].fd >= 0) {
		if (poll(pf, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (int i = 0; i < 2; i++) {
			if (pf[i].fd < 0 || !pf[i].revents)
				continue;
			char chunk[4096];
			ssize_t got = read(pf[i].fd, chunk, sizeof chunk);
			if (got < 0 && errno == EINTR)
				continue;
			if (got <= 0) {
				close(pf[i].fd);
				pf[i].fd = -1;
				continue;
			}
			size_t n = (size_t)got;
			if (i == 1) {
				size_t room = sizeof d->log - 1 - d->nlog;
				memcpy(d->log + d->nlog, chunk, n < room ? n : room);
				d->nlog += n < room ? n : room;
				continue;
			}
			if (d->big || d->nomem)
				continue;
			if (d->len + n > HOSTIO_MAX_DT) {
				d->big = true;
				continue;
			}
			if (d->len + n > d->cap) {
				char *nb = realloc(d->dtb, d->cap * 2);
				if (!nb) {
					d->nomem = true;
					continue;
				}
				d->dtb = nb;
				d->cap *= 2;
			}
			memcpy(d->dtb + d->len, chunk, n);
			d->len += n;
		}
	}
	for (int i = 0; i < 2; i++)
		if (pf[i].fd >= 0)
			close(pf[i].fd);
	d->log[d->nlog] = '\0';
}

/* Compile a .dts with dtc. The DTB comes back through a pipe and dtc's
 * messages through another, so that no temporary file exists that an
 * interrupted run could leave behind; the DTB is bounded like any input
 * device tree, and dtc's first error line becomes the message. */
static int compile_dts(const char *path, void **dtb, size_t *len, struct hostio_id *id,
		       struct err *e)
{
	int rc = hostio_check(path, HOSTIO_MAX_DT, id, e);
	if (rc)
		return rc;
	int out[2], log[2];
	if (pipe(out) != 0)
		return errf(e, "cannot create a pipe for dtc: %s", strerror(errno)), EXIT_INTERNAL;
	if (pipe(log) != 0) {
		int err = errno;
		close(out[0]);
		close(out[1]);
		return errf(e, "cannot create a pipe for dtc: %s", strerror(err)), EXIT_INTERNAL;
	}
	for (int i = 0; i < 2; i++) {
		fcntl(out[i], F_SETFD, FD_CLOEXEC);
		fcntl(log[i], F_SETFD, FD_CLOEXEC);
	}
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
	posix_spawn_file_actions_adddup2(&fa, log[1], STDERR_FILENO);
	char *argv[] = { "dtc", "-q", "-I", "dts", "-O", "dtb", "-o", "-", (char *)path, NULL };
	/* A fatal signal between the spawn and hostio_child() would leave dtc
	 * running: hold them until it is listed (dtc starts with the mask as
	 * it was). */
	sigset_t fatal, old;
	sigemptyset(&fatal);
	sigaddset(&fatal, SIGINT);
	sigaddset(&fatal, SIGTERM);
	sigaddset(&fatal, SIGHUP);
	sigaddset(&fatal, SIGPIPE);
	sigprocmask(SIG_BLOCK, &fatal, &old);
	posix_spawnattr_t at;
	posix_spawnattr_init(&at);
	posix_spawnattr_setsigmask(&at, &old);
	posix_spawnattr_setflags(&at, POSIX_SPAWN_SETSIGMASK);
	pid_t pid;
	int sp = posix_spawnp(&pid, "dtc", &fa, &at, argv, environ);
	if (sp == 0)
		hostio_child(pid);
	sigprocmask(SIG_SETMASK, &old, NULL);
	posix_spawnattr_destroy(&at);
	posix_spawn_file_actions_destroy(&fa);
	close(out[1]);
	close(log[1]);
	if (sp != 0) {
		close(out[0]);
		close(log[0]);
		return errf(e, "%s: cannot run dtc to compile it: %s", path, strerror(sp)),
		       EXIT_INTERNAL;
	}
	struct dtc_output d = { .cap = 1 << 14 };
	d.dtb = malloc(d.cap);
	d.nomem = !d.dtb;
	dtc_drain(out[0], log[0], &d);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	hostio_child(0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		char msg[512];
		dtc_message(d.log, msg, sizeof msg);
		errf(e, "%s: device tree does not compile: %s", path, msg[0] ? msg : "dtc failed");
		rc = EXIT_BADINPUT;
	} else if (d.nomem) {
		errf(e, "%s: out of memory", path);
		rc = EXIT_INTERNAL;
	} else if (d.big) {
		errf(e, "%s: its device tree blob is larger than %zu MiB, the most pmsim reads",
		     path, HOSTIO_MAX_DT >> 20);
		rc = EXIT_BADINPUT;
	}
	if (rc) {
		free(d.dtb);
		return rc;
	}
	*dtb = d.dtb;
	*len = d.len;
	return 0;
}

static int load_dtb(const char *path, void **dtb, size_t *len, struct hostio_id *id,
		    struct err *e)
{
	if (!path) {
		*dtb = malloc(pmsim_default_dtb_len);
		if (!*dtb)
			return errf(e, "out of memory"), EXIT_INTERNAL;
		memcpy(*dtb, pmsim_default_dtb, pmsim_default_dtb_len);
		*len = pmsim_default_dtb_len;
		return 0;
	}
	if (has_suffix(path, ".dts"))
		return compile_dts(path, dtb, len, id, e);
	int rc = hostio_read(path, HOSTIO_MAX_DT, dtb, len, id, e);
	if (rc)
		return rc;
	static const unsigned char magic[4] = { 0xd0, 0x0d, 0xfe, 0xed };
	if (*len < 4 || memcmp(*dtb, magic, 4) != 0) {
		free(*dtb);
		*dtb = NULL;
		return errf(e, "%s: not a device tree blob (no FDT magic; a source file must end "
			    "in .dts)", path), EXIT_BADINPUT;
	}
	return 0;
}

int machine_load_dtb(const char *path, void **dtb, size_t *len, struct err *e)
{
	struct hostio_id id;
	return load_dtb(path, dtb, len, &id, e);
}

static int build_soc(struct soc *soc, const char *config, const struct soc_options *so,
		     struct hostio_id *id, struct err *e)
{
	void *dtb = NULL;
	size_t len = 0;
	int rc = load_dtb(config, &dtb, &len, id, e);
	if (rc)
		return rc;
	if (soc_create(soc, dtb, len, so, e)) {
		char msg[sizeof e->msg];
		snprintf(msg, sizeof msg, "%s", e->msg);
		errf(e, "%s: %s", config ? config : "(built-in default SoC)", msg);
		rc = EXIT_BADINPUT;
	}
	free(dtb);
	return rc;
}

struct run {
	struct soc soc;
	struct semihost sh;
	struct elf_image img;
	struct coherency *coh;
};

/* The simulated time the core runs at most between two looks at the host
 * clock when there is a host-time limit. */
#define HOST_SLICE (1 * PS_PER_MS)

/* The whole state of a run between machine_open and machine_close. */
struct machine {
	struct run r;
	struct run_options o;
	struct hostio_out report, uart, timeline, html;
	struct hostio_input in[4];
	struct timeline *tl;      /* recording for --timeline or --html; NULL */
	bool tl_noted;            /* its truncation is among the diagnostics */
	void *rx;
	size_t rxlen;
	bool finished, pause;
	int status;               /* the final exit status, once finished */
	char outcome[512];
	double host_t0, host_s;   /* host time: the first step, and spent stepping */
	double step_t0;           /* host time the present step began */
	double host_deadline;     /* o.host_timeout past the first step; 0 = none */
	unsigned host_check;      /* main-loop turns since the host clock was read */
	double progress_at;       /* host time the progress line was last drawn */
	bool progress_shown;
};

static bool on_bkpt(void *opaque, struct cpu *cpu, unsigned imm)
{
	struct run *r = opaque;
	if (imm != 0xAB)
		return false;
	uint32_t ret = semihost_call(&r->sh, cpu_reg(cpu, 0), cpu_reg(cpu, 1));
	cpu_set_reg(cpu, 0, ret);
	if (r->sh.exited)
		cpu_request_stop(cpu);
	return true;
}

/* Semihosting reads and writes guest memory as a debugger does: through
 * the core's view, so that data still in the D-cache is what it sees. */
static int sh_debug_read(void *opaque, uint32_t addr, void *buf, uint32_t len)
{
	return cpu_debug_read(opaque, addr, buf, len);
}

static int sh_debug_write(void *opaque, uint32_t addr, const void *buf, uint32_t len)
{
	return cpu_debug_write(opaque, addr, buf, len);
}

/* HEAPINFO describes the RAM region that holds the initial stack: heap from
 * the end of the image's data in it up to 64 KiB below the top, stack at the
 * top. */
static void heap_info(struct run *r, struct semihost_config *cfg)
{
	uint32_t sp = 0;
	bus_peek(&r->soc.bus, 0, &sp, 4);
	const struct bus_region *ram = bus_find(&r->soc.bus, sp - 4);
	if (!ram || ram->kind != BUS_RAM) {
		for (unsigned i = 0; i < r->soc.bus.nregions; i++)
			if (r->soc.bus.regions[i].kind == BUS_RAM) {
				ram = &r->soc.bus.regions[i];
				break;
			}
	}
	if (!ram)
		return;
	uint32_t lo = ram->base, top = ram->base + ram->size;
	for (unsigned i = 0; i < r->img.nsegs && i < 16; i++) {
		uint32_t end = r->img.segs[i].addr + r->img.segs[i].memsz;
		if (r->img.segs[i].addr >= ram->base && end <= top && end > lo)
			lo = end;
	}
	lo = (lo + 7) & ~7u;
	uint32_t stack_limit = top - ram->size / 8 > lo ? top - ram->size / 8 : lo;
	cfg->heap_base = lo;
	cfg->heap_limit = stack_limit;
	cfg->stack_base = top;
	cfg->stack_limit = stack_limit;
}

static double host_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void print_time(FILE *f, simtime_t t)
{
	fprintf(f, "%" PRIu64 ".%012" PRIu64 " s", t / PS_PER_S, t % PS_PER_S);
}

static void print_stats(struct run *r, const char *outcome, double host_s)
{
	struct cpu *c = r->soc.cpu;
	fprintf(stderr, "pmsim: %s\n", outcome);
	fprintf(stderr, "  simulated time  ");
	print_time(stderr, sched_now(&r->soc.sched));
	fprintf(stderr, "\n  instructions    %" PRIu64 "\n", cpu_insns(c));
	fprintf(stderr, "  cycles          %" PRIu64 "\n", cpu_cycles(c));
	fprintf(stderr, "  CPI             %.3f\n",
		cpu_insns(c) ? (double)cpu_cycles(c) / (double)cpu_insns(c) : 0.0);
	struct cpu_mem_stats ms;
	cpu_mem_stats(c, &ms);
	fprintf(stderr, "  stall cycles    %" PRIu64 "\n", ms.stall_cycles);
	fprintf(stderr, "  I-cache         %" PRIu64 " hits, %" PRIu64 " misses\n",
		ms.icache_hits, ms.icache_misses);
	fprintf(stderr, "  D-cache         %" PRIu64 " hits, %" PRIu64 " misses, %" PRIu64
		" write-backs\n", ms.dcache_hits, ms.dcache_misses, ms.dcache_writebacks);
	fprintf(stderr, "  events          %" PRIu64 "\n", r->soc.sched.dispatched);
	fprintf(stderr, "host (varies from run to run):\n");
	fprintf(stderr, "  host time       %.3f s\n", host_s);
	fprintf(stderr, "  speed           %.1f MIPS\n",
		host_s > 0 ? (double)cpu_insns(c) / host_s / 1e6 : 0.0);
}

/* The checker's findings for the report, with function names from the
 * image's symbols; the array is the caller's to free. */
static struct pm_report_coh_event *coherency_events(struct run *r,
						   struct pm_report_coherency *c,
						   enum coh_mode mode)
{
	static const char *const modes[] = { "off", "report", "fatal" };
	memset(c, 0, sizeof *c);
	c->mode = modes[mode];
	for (unsigned k = 0; k < COH_NKINDS && k < 4; k++) {
		c->kinds[k] = coh_kind_name((enum coh_kind)k);
		c->texts[k] = coh_kind_text((enum coh_kind)k);
		c->counts[k] = coh_count(r->coh, (enum coh_kind)k);
	}
	unsigned n = coh_events(r->coh);
	struct pm_report_coh_event *v = n ? calloc(n, sizeof *v) : NULL;
	if (!v)
		return NULL;
	for (unsigned i = 0; i < n; i++) {
		const struct coh_event *e = coh_event(r->coh, i);
		struct pm_report_coh_event *o = &v[i];
		const struct elf_symbol *s;
		o->kind = coh_kind_name(e->kind);
		o->time = e->time;
		o->channel = e->channel;
		o->addr = e->addr;
		o->len = e->len;
		o->pc = e->pc;
		if ((s = elf_symbolize(&r->img, e->pc, &o->offset)))
			o->function = s->name;
		if (e->kind == COH_STALE_READ || e->kind == COH_CLOBBER) {
			o->has_dma = e->dma_time != 0;
			o->dma_time = e->dma_time;
			o->dma_pc = e->dma_pc;
			if ((s = elf_symbolize(&r->img, e->dma_pc, &o->dma_offset)))
				o->dma_function = s->name;
		}
	}
	c->events = v;
	c->nevents = n;
	return v;
}

/* Gather the report of the run as it stands (the end, or a pause). */
static int collect(struct machine *m, struct pm_report *rep)
{
	struct soc *soc = &m->r.soc;
	if (m->tl && timeline_truncated(m->tl) && !m->tl_noted) {
		m->tl_noted = true;
		soc_diag_at(soc, timeline_stopped(m->tl),
			    "the timeline reached its limit of %" PRIu64 " records "
			    "(--timeline-limit) and stops here; the reports cover the whole run",
			    timeline_limit(m->tl));
	}
	if (pm_collect(soc, sched_now(&soc->sched), rep)) {
		pm_collect_free(rep);
		return EXIT_INTERNAL;
	}
	struct pm_report_coh_event *cev = coherency_events(&m->r, &rep->coherency,
							   (enum coh_mode)m->o.coherency);
	(void)cev; /* freed with the report: rep->coherency.events */
	rep->image = m->o.image;
	rep->outcome = m->finished ? m->outcome : "running";
	rep->exit_status = m->finished ? m->status : 0;
	rep->host_seconds = m->host_s;
	rep->host_mips = m->host_s > 0 ? (double)cpu_insns(soc->cpu) / m->host_s / 1e6 : 0.0;
	if (m->tl) {
		rep->timeline = true;
		rep->timeline_limit = timeline_limit(m->tl);
		rep->timeline_truncated = timeline_truncated(m->tl);
		rep->timeline_stopped = timeline_stopped(m->tl);
	}
	return 0;
}

static void collect_free(struct pm_report *rep)
{
	free(rep->coherency.events);
	rep->coherency.events = NULL;
	pm_collect_free(rep);
}

/* The energy report: a human summary on stderr, and the JSON into the
 * output set up before the run (a temporary file renamed into place, so
 * that no half-written report is ever left behind, or a FIFO or device). */
static int write_reports(struct machine *m, struct hostio_out *report)
{
	const struct run_options *o = &m->o;
	struct pm_report rep;
	if (collect(m, &rep)) {
		fprintf(stderr, "pmsim: out of memory for the report\n");
		return EXIT_INTERNAL;
	}
	unsigned flags = o->no_host ? PM_REPORT_NO_HOST : 0;
	int rc = 0;
	struct err e = { "" };
	if (o->summary)
		pm_report_text(stderr, &rep, flags);
	if (o->report) {
		if (pm_report_json(report->f, &rep, flags))
			report->werr = errno;
		if ((rc = hostio_out_close(report, &e)))
			fprintf(stderr, "pmsim: %s\n", e.msg);
	}
	/* The timeline ends where the report was collected (every model
	 * settled up to then). */
	if (m->tl && timeline_finish(m->tl, rep.sim_time)) {
		fprintf(stderr, "pmsim: out of memory for the timeline\n");
		rc = EXIT_INTERNAL;
	} else if (o->timeline) {
		int wr;
		if (timeline_write(m->tl, (enum timeline_format)timeline_format_of(o->timeline),
				   m->timeline.f))
			m->timeline.werr = errno;
		if ((wr = hostio_out_close(&m->timeline, &e))) {
			fprintf(stderr, "pmsim: %s\n", e.msg);
			rc = wr;
		}
	}
	if (o->html && rc != EXIT_INTERNAL) {
		struct pm_html_options ho = { .flags = flags };
		int wr;
		if (pm_report_html(m->html.f, &rep, m->tl, &ho))
			m->html.werr = errno ? errno : EIO;
		if ((wr = hostio_out_close(&m->html, &e))) {
			fprintf(stderr, "pmsim: %s\n", e.msg);
			rc = wr;
		}
	}
	collect_free(&rep);
	return rc;
}

/* The function at `addr` (Thumb bit ignored), for the soc's symbolize. */
static const char *run_symbolize(void *opaque, uint32_t addr)
{
	struct run *r = opaque;
	uint32_t off = 0;
	const struct elf_symbol *s = elf_symbolize(&r->img, addr & ~1u, &off);
	return s ? s->name : NULL;
}

/* " at pc 0x... (function+0x..)" for `pc`. */
static const char *where_pc(struct run *r, uint32_t pc, char *buf, size_t len)
{
	uint32_t off = 0;
	const struct elf_symbol *s = elf_symbolize(&r->img, pc, &off);
	if (s)
		snprintf(buf, len, " at pc 0x%08x (%s+0x%x)", pc, s->name, off);
	else
		snprintf(buf, len, " at pc 0x%08x", pc);
	return buf;
}

/* ... for where the core stopped. */
static const char *where(struct run *r, char *buf, size_t len)
{
	return where_pc(r, cpu_reg(r->soc.cpu, 15), buf, len);
}

/* The run is over with `status`; `outcome` says why. */
static int finish(struct machine *m, int status)
{
	m->finished = true;
	m->status = status;
	return status;
}

/* The progress line on stderr: simulated time against the limit, the
 * speed so far, and when the limit will be reached at that speed. */
static void show_progress(struct machine *m, double now)
{
	simtime_t t = sched_now(&m->r.soc.sched), until = m->o.until;
	double el = m->host_s + (now - m->step_t0);
	double frac = until ? (double)t / (double)until : 0;
	double mips = el > 0 ? (double)cpu_insns(m->r.soc.cpu) / el / 1e6 : 0;
	double eta = frac > 0 ? el / frac - el : 0;
	fprintf(stderr, "\r%.3f / %.3f s simulated (%3.0f %%), %.1f MIPS, ETA %.0f s \033[K",
		(double)t / 1e12, (double)until / 1e12, 100 * frac, mips, eta);
	fflush(stderr);
	m->progress_at = now;
	m->progress_shown = true;
}

/* Erase the progress line, if one is shown, before anything else is
 * written on stderr. */
static void clear_progress(struct machine *m)
{
	if (!m->progress_shown)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	m->progress_shown = false;
}

/* Run until simulated time `stop` (paused, MACHINE_RUNNING), a pause
 * request or the end of the run (its exit status). The run's own limit,
 * o.until, ends it; `stop` only pauses it. */
static int main_loop(struct machine *m, simtime_t stop)
{
	struct run *r = &m->r;
	const struct run_options *o = &m->o;
	char *outcome = m->outcome, at[160];
	size_t olen = sizeof m->outcome;
	struct soc *soc = &r->soc;
	struct sched *s = &soc->sched;
	simtime_t until = o->until ? o->until : SIMTIME_NEVER;
	simtime_t lim = stop < until ? stop : until;
	for (;;) {
		if (m->pause) {
			m->pause = false;
			return MACHINE_RUNNING;
		}
		if (soc->power_failed) {
			snprintf(outcome, olen, "power failed at %.6f s simulated: %s",
				 (double)soc->power_fail_time / 1e12, soc->power_fail_reason);
			return finish(m, EXIT_POWER_FAIL);
		}
		if (o->interruptible && hostio_interrupted()) {
			int sig = hostio_interrupted();
			snprintf(outcome, olen, "interrupted by %s: the run stopped at %.6f s "
				 "simulated%s", sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM"
				 : "SIGHUP", (double)sched_now(s) / 1e12, where(r, at, sizeof at));
			return finish(m, EXIT_SIGNAL + sig);
		}
		/* With a host-time limit, a progress line or signals to heed,
		 * the core runs in slices of simulated time, so that a guest
		 * spinning with nothing scheduled comes back to be looked at (a
		 * slice's end changes nothing: the run is the same however it
		 * is cut). */
		simtime_t run_lim = lim;
		if (m->host_deadline > 0 || o->progress || o->interruptible || o->debug_poll) {
			if (++m->host_check >= 16) {
				m->host_check = 0;
				if (o->debug_poll && o->debug_poll(o->debug_opaque))
					return MACHINE_RUNNING;
				double now = host_seconds();
				if (m->host_deadline > 0 && now >= m->host_deadline) {
					snprintf(outcome, olen, "host time limit reached (--timeout "
						 "%gs)%s", o->host_timeout, where(r, at, sizeof at));
					return finish(m, EXIT_LIMIT);
				}
				if (o->progress && now - m->progress_at >= 0.25)
					show_progress(m, now);
			}
			if (sched_now(s) + HOST_SLICE < run_lim)
				run_lim = sched_now(s) + HOST_SLICE;
		}
		enum cpu_state st = cpu_run(soc->cpu, run_lim);
		switch (st) {
		case CPU_RUNNING:
			sched_run_until(s, sched_now(s));
			if (o->until && sched_now(s) >= until) {
				snprintf(outcome, olen, "time limit reached (--until)%s",
					 where(r, at, sizeof at));
				return finish(m, EXIT_LIMIT);
			}
			if (sched_now(s) >= lim)
				return MACHINE_RUNNING;
			break;
		case CPU_SLEEPING: {
			simtime_t next = sched_next_time(s);
			/* Asleep in WFI/WFE, or not asleep at all but without a
			 * clock: the core's clock stopped under it (the clock
			 * tree feeds it 0 Hz). A core in WFI whose clock also
			 * stopped (suspend) is asleep first. */
			bool no_clock = !cpu_is_sleeping(soc->cpu) && cpu_is_frozen(soc->cpu);
			/* The thermal model's steps and the regulators' ticks
			 * go on for ever but wake nothing. */
			bool nothing = next == SIMTIME_NEVER || sched_only_background(s);
			if (nothing && lim == SIMTIME_NEVER) {
				if (no_clock)
					snprintf(outcome, olen, "the core's clock stopped without a "
						 "WFI/WFE (the clock tree gives it 0 Hz: a PLL that "
						 "is off, or a closed gate, feeds it) and nothing is "
						 "scheduled that could restart it%s",
						 where(r, at, sizeof at));
				else
					snprintf(outcome, olen, "the guest sleeps (WFI/WFE) and nothing "
						 "is scheduled that could wake it%s",
						 where(r, at, sizeof at));
				return finish(m, EXIT_ASLEEP);
			}
			if (next > lim) {
				sched_run_until(s, lim);
				if (lim < until)
					return MACHINE_RUNNING;
				snprintf(outcome, olen, "time limit reached (--until) while %s",
					 no_clock ? "the core's clock is stopped" : "sleeping");
				return finish(m, EXIT_LIMIT);
			}
			sched_run_until(s, next);
			break;
		}
		case CPU_STOPPED:
			if (coh_stopped(r->coh)) {
				/* The event's PC, as in the report: the instruction
				 * that read the stale line or wrote back the dirty
				 * one, or where the core was when DMA or a power-off
				 * met the line. The core itself has moved on since
				 * (to the next instruction, or a warm boot). */
				const struct coh_event *ev = coh_event(r->coh, 0);
				snprintf(outcome, olen, "coherency error (--coherency=fatal): %s at "
					 "0x%08x%s", coh_kind_text(ev->kind), ev->addr,
					 where_pc(r, ev->pc, at, sizeof at));
				return finish(m, EXIT_COHERENCY);
			}
			if (r->sh.exited) {
				snprintf(outcome, olen, "guest exited with status %d", r->sh.exit_code);
				return finish(m, r->sh.exit_code);
			}
			if (soc->exit_requested) {
				snprintf(outcome, olen, "guest exited with status %d (simulator-control "
					 "EXIT)", soc->exit_status);
				return finish(m, soc->exit_status);
			}
			if (cpu_take_reset_request(soc->cpu))
				soc_reset(soc);
			break;
		case CPU_LOCKUP:
			snprintf(outcome, olen, "guest locked up: %s", cpu_lockup_reason(soc->cpu));
			return finish(m, EXIT_LOCKUP);
		case CPU_DEBUG:
			/* The debugger's stop, at an instruction boundary. An
			 * event due there runs when the core goes on (the next
			 * cpu_run returns CPU_RUNNING for it before executing
			 * anything), as it would have without the stop. */
			return MACHINE_RUNNING;
		case CPU_INSN_LIMIT:
			snprintf(outcome, olen, "instruction limit reached (--max-insns %" PRIu64 ")%s",
				 o->max_insns, where(r, at, sizeof at));
			return finish(m, EXIT_LIMIT);
		}
	}
}

/* Where the UARTs' output goes: every serial port, present and future. */
static void set_serial_out(struct soc *soc, FILE *out)
{
	for (unsigned i = 0; i < sizeof soc->serial / sizeof soc->serial[0]; i++)
		if (soc->serial[i])
			soc->serial[i]->out = out;
	soc->serial_out = out;
}

/* Check the outputs against the inputs and each other, then create them:
 * the report's temporary file first, the UART output last, so that a
 * failure leaves nothing behind (the UART output is created or truncated
 * only once nothing else can fail). */
static int open_outputs(struct machine *m, struct err *e)
{
	const struct run_options *o = &m->o;
	const struct hostio_input *in = m->in;
	unsigned nin = sizeof m->in / sizeof m->in[0];
	/* The whole-file outputs, then the UART's (written as the run goes). */
	struct {
		const char *opt, *path;
		struct hostio_out *out;
	} outs[] = {
		{ "--report", o->report, &m->report },
		{ "--timeline", o->timeline, &m->timeline },
		{ "--html", o->html, &m->html },
		{ "--uart-out", o->uart_out, &m->uart },
	};
	const unsigned nouts = sizeof outs / sizeof outs[0];
	int rc;
	for (unsigned i = 0; i < nouts; i++)
		if (outs[i].path && (rc = hostio_out_check(outs[i].out, outs[i].opt, outs[i].path,
							   outs[i].out != &m->uart, in, nin, e)))
			return rc;
	for (unsigned i = 0; i < nouts; i++)
		for (unsigned j = i + 1; j < nouts; j++)
			if (outs[i].path && outs[j].path && hostio_out_same(outs[i].out, outs[j].out))
				return errf(e, "%s %s and %s %s name the same file", outs[i].opt,
					    outs[i].path, outs[j].opt, outs[j].path), EXIT_CANTCREATE;
	for (unsigned i = 0; i < nouts; i++)
		if (outs[i].path && (rc = hostio_out_open(outs[i].out, e)))
			return rc;
	return 0;
}

static void machine_free(struct machine *m)
{
	struct run *r = &m->r;
	hostio_out_discard(&m->report);
	hostio_out_discard(&m->timeline);
	hostio_out_discard(&m->html);
	hostio_out_discard(&m->uart);
	if (r->sh.bus)
		semihost_free(&r->sh);
	elf_free(&r->img);
	coh_free(r->coh);
	/* The recorder first: it leaves the meters and the trace stream. */
	timeline_free(m->tl);
	if (r->soc.fdt)
		soc_destroy(&r->soc);
	free(m->rx);
	free(m);
}

int machine_open(const struct run_options *o, struct machine **out, struct err *e)
{
	*out = NULL;
	struct machine *m = calloc(1, sizeof *m);
	if (!m)
		return errf(e, "out of memory"), EXIT_INTERNAL;
	struct run *r = &m->r;
	m->o = *o;
	m->report = (struct hostio_out){ .tmp_slot = -1 };
	m->uart = (struct hostio_out){ .tmp_slot = -1 };
	m->timeline = (struct hostio_out){ .tmp_slot = -1 };
	m->html = (struct hostio_out){ .tmp_slot = -1 };
	m->in[0] = (struct hostio_input){ .what = "the image", .path = o->image };
	m->in[1] = (struct hostio_input){ .what = "the --config file", .path = o->config };
	m->in[2] = (struct hostio_input){ .what = "the --uart-in file", .path = o->uart_in };
	m->in[3] = (struct hostio_input){ .what = "standard input", .path = "--uart-in -" };
	struct cpu_hooks hooks = { .bkpt = on_bkpt, .opaque = r };
	bool rx_stdin = o->uart_in && !strcmp(o->uart_in, "-");
	void *image = NULL;
	size_t imagelen = 0;
	int rc;
	/* Every input is read and checked before any output is created. */
	if (o->uart_in && !rx_stdin &&
	    (rc = hostio_read(o->uart_in, HOSTIO_MAX_UART_IN, &m->rx, &m->rxlen, &m->in[2].id, e)))
		goto fail;
	if (rx_stdin) {
		/* Standard input is read whole before the run starts, so the run
		 * stays deterministic for a given input. */
		hostio_fd_id(STDIN_FILENO, &m->in[3].id);
		if ((rc = hostio_read_fd(STDIN_FILENO, "standard input (--uart-in -)",
					 HOSTIO_MAX_UART_IN, &m->rx, &m->rxlen, e)))
			goto fail;
	}
	/* The guest's arguments, without the image name, are its bootargs. */
	const char *bootargs = o->cmdline + strlen(o->image);
	FILE *console = o->quiet ? NULL : stdout;
	struct soc_options so = { .hooks = &hooks, .serial_out = console,
				  .bootargs = *bootargs == ' ' ? bootargs + 1 : bootargs,
				  .set_battery_percent = o->set_battery_percent,
				  .battery_percent = o->battery_percent };
	if (o->timeline || o->html || o->record) {
		m->tl = timeline_new(o->timeline_limit);
		if (!m->tl) {
			errf(e, "out of memory");
			rc = EXIT_INTERNAL;
			goto fail;
		}
		so.first_sink = timeline_sink(m->tl);
	}
	if (o->dtb) {
		if (soc_create(&r->soc, o->dtb, o->dtb_len, &so, e)) {
			char msg[sizeof e->msg];
			snprintf(msg, sizeof msg, "%s", e->msg);
			errf(e, "%s: %s", o->config ? o->config : "(built-in default SoC)", msg);
			rc = EXIT_BADINPUT;
			goto fail;
		}
	} else if ((rc = build_soc(&r->soc, o->config, &so, &m->in[1].id, e))) {
		goto fail;
	}
	if (o->has_ambient) {
		if (!r->soc.thermal) {
			errf(e, "--ambient: %s has no thermal model (a \"pmsim,thermal-rc\" node), "
			     "so no ambient to set", o->config ? o->config : "the built-in default SoC");
			rc = EXIT_USAGE;
			goto fail;
		}
		thermal_set_ambient(r->soc.thermal, sched_now(&r->soc.sched), o->ambient_c);
	}
	if ((rc = hostio_read(o->image, HOSTIO_MAX_IMAGE, &image, &imagelen, &m->in[0].id, e)))
		goto fail;
	if (elf_load_image(o->image, image, imagelen, &r->soc.bus, &r->img, e)) {
		rc = EXIT_BADINPUT;
		goto fail;
	}
	free(image);
	image = NULL;
	if (m->tl && timeline_attach(m->tl, &r->soc, sched_now(&r->soc.sched))) {
		errf(e, "out of memory");
		rc = EXIT_INTERNAL;
		goto fail;
	}
	r->soc.symbolize = run_symbolize;
	r->soc.symbolize_opaque = r;
	struct semihost_config shc = {
		.root = o->sh_root, .cmdline = o->cmdline, .out = console,
		.err = o->quiet ? NULL : stderr,
		/* With the UART reading stdin, the semihosting console gets no input. */
		.in = rx_stdin || o->quiet || o->no_stdin ? NULL : stdin,
		.mem_read = sh_debug_read, .mem_write = sh_debug_write,
		.mem_opaque = r->soc.cpu,
	};
	heap_info(r, &shc);
	if (semihost_init(&r->sh, &shc, &r->soc.bus, &r->soc.sched)) {
		errf(e, "--semihosting-root %s: not an accessible directory", o->sh_root);
		rc = EXIT_NOINPUT;
		goto fail;
	}
	struct chardev *cd0 = soc_chardev(&r->soc, 0);
	if (m->rx && cd0 && chardev_push_rx(cd0, m->rx, m->rxlen)) {
		errf(e, "out of memory");
		rc = EXIT_INTERNAL;
		goto fail;
	}
	cpu_set_insn_limit(r->soc.cpu, o->max_insns);
	r->coh = coh_new(&r->soc, (enum coh_mode)o->coherency);
	if (!r->coh) {
		errf(e, "out of memory");
		rc = EXIT_INTERNAL;
		goto fail;
	}
	/* From the moment the outputs exist, a signal stops the run with its
	 * reports (before: it ends pmsim, with nothing written). */
	if (o->interruptible)
		hostio_interruptible(true);
	if ((rc = open_outputs(m, e)))
		goto fail;
	if (m->uart.f)
		set_serial_out(&r->soc, m->uart.f);
	soc_reset(&r->soc);
	*out = m;
	return 0;

fail:
	free(image);
	machine_free(m);
	return rc;
}

int machine_step(struct machine *m, simtime_t stop)
{
	if (m->finished)
		return m->status;
	double t0 = host_seconds();
	m->step_t0 = t0;
	if (m->host_t0 == 0) {
		m->host_t0 = t0;
		if (m->o.host_deadline > 0)
			m->host_deadline = m->o.host_deadline;
		else if (m->o.host_timeout > 0)
			m->host_deadline = t0 + m->o.host_timeout;
	}
	int rc = main_loop(m, stop);
	m->host_s += host_seconds() - t0;
	return rc;
}

void machine_pause(struct machine *m)
{
	/* Taken where the core would stop anyway (an event is due, or the
	 * step's end), never in the middle of its run: stopping the core at
	 * an instruction it would have run through changes how its cycles
	 * are accounted, and the run would no longer be the same run. */
	m->pause = true;
}

void machine_stop(struct machine *m, int status, const char *fmt, ...)
{
	if (m->finished)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(m->outcome, sizeof m->outcome, fmt, ap);
	va_end(ap);
	finish(m, status);
}

bool machine_finished(const struct machine *m, int *status)
{
	if (m->finished && status)
		*status = m->status;
	return m->finished;
}

const char *machine_outcome(const struct machine *m)
{
	return m->finished ? m->outcome : "running";
}

struct soc *machine_soc(struct machine *m)
{
	return &m->r.soc;
}

const char *machine_symbolize(struct machine *m, uint32_t addr, uint32_t *offset)
{
	const struct elf_symbol *s = elf_symbolize(&m->r.img, addr & ~1u, offset);
	return s ? s->name : NULL;
}

int machine_symbol(struct machine *m, const char *name, uint32_t *addr, uint32_t *size)
{
	for (unsigned i = 0; i < m->r.img.nsyms; i++) {
		const struct elf_symbol *s = &m->r.img.syms[i];
		if (!strcmp(s->name, name)) {
			*addr = s->addr;
			if (size)
				*size = s->size;
			return 0;
		}
	}
	return -1;
}

double machine_host_seconds(const struct machine *m)
{
	return m->host_s;
}

int machine_write_report(struct machine *m, FILE *json, FILE *text, bool no_host)
{
	struct pm_report rep;
	int rc = collect(m, &rep);
	if (rc)
		return rc;
	unsigned flags = no_host ? PM_REPORT_NO_HOST : 0;
	if (text)
		pm_report_text(text, &rep, flags);
	if (json && pm_report_json(json, &rep, flags))
		rc = -1;
	collect_free(&rep);
	return rc;
}

/* Collect the report and end the timeline where it was collected. */
static int collect_with_timeline(struct machine *m, struct pm_report *rep)
{
	if (!m->tl || collect(m, rep))
		return EXIT_INTERNAL;
	if (timeline_finish(m->tl, rep->sim_time)) {
		collect_free(rep);
		return EXIT_INTERNAL;
	}
	return 0;
}

int machine_write_timeline(struct machine *m, FILE *f, int fmt)
{
	struct pm_report rep;
	int rc = collect_with_timeline(m, &rep);
	if (rc)
		return rc;
	rc = timeline_write(m->tl, (enum timeline_format)fmt, f) ? -1 : 0;
	collect_free(&rep);
	return rc;
}

int machine_write_html(struct machine *m, FILE *f, bool no_host)
{
	struct pm_report rep;
	int rc = collect_with_timeline(m, &rep);
	if (rc)
		return rc;
	struct pm_html_options ho = { .flags = no_host ? PM_REPORT_NO_HOST : 0 };
	rc = pm_report_html(f, &rep, m->tl, &ho) ? -1 : 0;
	collect_free(&rep);
	return rc;
}

int machine_collect(struct machine *m, struct pm_report *rep)
{
	return collect(m, rep);
}

void machine_collect_free(struct pm_report *rep)
{
	collect_free(rep);
}

int machine_finish(struct machine *m)
{
	const struct run_options *o = &m->o;
	struct err e = { "" };
	int rc = m->status;
	clear_progress(m);
	hostio_flush_stdout();
	if (o->stats)
		print_stats(&m->r, m->outcome, m->host_s);
	else if (!o->quiet && (rc == EXIT_LOCKUP || rc == EXIT_ASLEEP || rc == EXIT_LIMIT ||
			       rc == EXIT_COHERENCY || rc == EXIT_POWER_FAIL || (m->o.interruptible && rc > EXIT_SIGNAL &&
							hostio_interrupted())))
		fprintf(stderr, "pmsim: %s\n", m->outcome);
	if (o->uart_out) {
		/* The UART output is complete: a write error on it is reported
		 * like one on the report. */
		set_serial_out(&m->r.soc, NULL);
		int wr = hostio_out_close(&m->uart, &e);
		if (wr) {
			fprintf(stderr, "pmsim: %s\n", e.msg);
			rc = wr;
		}
	}
	if (o->summary || o->report || o->timeline || o->html) {
		int wr = write_reports(m, &m->report);
		if (wr)
			rc = wr;
	}
	return rc;
}

void machine_close(struct machine *m)
{
	if (m)
		machine_free(m);
}

int machine_run(const struct run_options *o)
{
	struct err e = { "" };
	struct machine *m;
	int rc = machine_open(o, &m, &e);
	if (rc) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		return rc;
	}
	machine_step(m, SIMTIME_NEVER);
	rc = machine_finish(m);
	/* Past this point a signal ends pmsim at once again. */
	hostio_interruptible(false);
	machine_close(m);
	return rc;
}

int machine_info(const char *config)
{
	struct err e = { "" };
	struct soc soc;
	struct soc_options so = { .no_cpu = true };
	struct hostio_id id;
	int rc = build_soc(&soc, config, &so, &id, &e);
	if (rc) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		return rc;
	}
	printf("SoC: %s (%s)\n", soc.model, config ? config : "built-in default");
	printf("CPU: %s at %u Hz, NVIC with %u interrupts and %u priority bits\n",
	       soc.cpu_compatible, soc.cpu_freq_hz, soc.num_irq, soc.prio_bits);
	const struct cpu_config *cc = &soc.cpu_cfg;
	const struct cpu_cache_config *caches[2] = { &cc->icache, &cc->dcache };
	for (int i = 0; i < 2; i++) {
		if (caches[i]->size)
			printf("     %s-cache %u KiB, %u-way, %u-byte lines%s\n", i ? "D" : "I",
			       caches[i]->size / 1024, caches[i]->ways, caches[i]->line,
			       i ? (caches[i]->write_allocate ? ", write-back, write-allocate"
							   : ", write-back, read-allocate")
				 : "");
		else
			printf("     no %s-cache\n", i ? "D" : "I");
	}
	if (cc->mpu_regions)
		printf("     MPU with %u regions\n", cc->mpu_regions);
	else
		printf("     no MPU\n");
	static const char *const fpus[] = {
		[CPU_FPU_NONE] = "no FPU",
		[CPU_FPU_V4_SP] = "FPU FPv4-SP-D16 (single precision)",
		[CPU_FPU_V5_SP] = "FPU FPv5-SP-D16 (single precision)",
		[CPU_FPU_V5_DP] = "FPU FPv5-D16 (single and double precision)",
	};
	printf("     %s\n", fpus[cc->fpu]);
	printf("\nMemory map:\n");
	printf("  %-10s %-10s %-10s %-34s %s\n", "start", "end", "size", "what", "access time");
	for (unsigned i = 0; i < soc.bus.nregions; i++) {
		const struct bus_region *r = &soc.bus.regions[i];
		char what[96], timing[64] = "core speed";
		const char *path = "";
		if (r->kind == BUS_MMIO) {
			const struct soc_device *d = NULL;
			for (unsigned k = 0; k < soc.ndevs; k++)
				if (soc.devs[k].size && soc.devs[k].base == r->base)
					d = &soc.devs[k];
			snprintf(what, sizeof what, "%s", d && d->type ? d->type->compatible : r->name);
			path = d ? d->path : "";
		} else {
			for (unsigned k = 0; k < soc.nmem; k++)
				if (soc.mem[k].base <= r->base &&
				    r->base - soc.mem[k].base < soc.mem[k].size)
					path = soc.mem[k].path;
			snprintf(what, sizeof what, "%s",
				 r->base == soc.boot_dtb ? "boot ROM: the guest's DTB (r2)"
				 : r->kind == BUS_ROM ? "flash, read-only" : "RAM");
		}
		if (r->first_ps) {
			int n = snprintf(timing, sizeof timing, "%u ns", r->first_ps / 1000);
			if (r->next_ps != r->first_ps)
				n += snprintf(timing + n, sizeof timing - n, ", then %u ns per beat",
					      r->next_ps / 1000);
			if (r->prefetch_bytes)
				snprintf(timing + n, sizeof timing - n, ", %u-byte prefetch",
					 r->prefetch_bytes);
		}
		printf("  0x%08x 0x%08x %-10u %-34s %s\n", r->base, r->base + r->size - 1, r->size,
		       what, timing);
		if (path[0])
			printf("  %32s %s\n", "", path);
	}
	printf("  0xe0001000 0xe0001fff %-10u %-34s %s\n", 4096u, "DWT (cycle counter)", "core speed");
	printf("  0xe000e000 0xe000efff %-10u %-34s %s\n", 4096u,
	       "System Control Space (NVIC, SCB...)", "core speed");
	printf("\nDevices:\n");
	for (unsigned i = 0; i < soc.ndevs; i++) {
		const struct soc_device *d = &soc.devs[i];
		printf("  %-28s %s\n", d->path, d->type ? d->type->compatible
			: d->role ? d->role : "(no model: ignored)");
	}
	if (soc.pmu || (soc.rails && rail_count(soc.rails))) {
		printf("\nPower:\n");
		if (soc.pmu)
			pmu_describe(soc.pmu, stdout);
		if (soc.clocks)
			clk_tree_describe(soc.clocks, stdout);
		unsigned n = soc.rails ? rail_count(soc.rails) : 0;
		if (n)
			printf("  rails (input power = output / efficiency + quiescent current x "
			       "input voltage):\n");
		for (unsigned i = 0; i < n; i++)
			rail_describe(rail_at(soc.rails, i), stdout);
		struct pm_battery *bat = soc.rails ? rail_set_battery(soc.rails) : NULL;
		if (bat)
			battery_describe(bat, stdout);
	}
	if (soc.thermal) {
		printf("\nThermal model (RC chain, docs/power.md \"Temperature\"):\n");
		thermal_describe(soc.thermal, stdout);
	}
	soc_destroy(&soc);
	return 0;
}
