/*
 * A GDB remote serial protocol stub for `pmsim run --gdb PORT`
 * (docs/debugging.md is the user's page; the protocol is the GDB
 * manual's "Remote Protocol" appendix).
 *
 * One TCP listener on 127.0.0.1 and at most one debugger at a time. The
 * run is the ordinary one (sim/machine.c) stepped from here: while the
 * guest runs, the machine asks gdb_poll() between slices whether the
 * debugger wants the core (Ctrl-C, a new connection); a breakpoint,
 * watchpoint or finished step of the core (cpu/debug.c) ends the step
 * too. While the core is stopped, simulated time stands still and this
 * file serves packets until gdb continues, steps, detaches or kills.
 *
 * The packets, in one table of choices:
 *   ?                 the last stop: T05 (breakpoint, step, attach),
 *                     T02 (Ctrl-C), T0b (lockup); T05watch/rwatch/awatch:A;
 *   qSupported        PacketSize, qXfer:features:read+, swbreak+, hwbreak+,
 *                     vContSupported+, QStartNoAckMode+
 *   qXfer:features:read:target.xml   org.gnu.gdb.arm.m-profile (r0-r12,
 *                     sp, lr, pc, xpsr: 0..16) and org.gnu.gdb.arm.m-system
 *                     (msp, psp, primask, basepri, faultmask, control: 17..22),
 *                     and with an FPU org.gnu.gdb.arm.vfp (d0-d15 as 64-bit
 *                     ieee_double: 23..38, fpscr: 39), as gdb's
 *                     arm-vfpv2.xml has it; gdb derives s0-s31 from d0-d15
 *   g G p P           those registers, little-endian hex (8 digits, 16 for
 *                     a d register)
 *   m M X             memory through the core's view (D-cache included):
 *                     RAM read/write, flash read/write (a loader's write),
 *                     device registers and unmapped addresses E14, except
 *                     FPCCR, FPCAR, FPDSCR (read-only here), which gdb
 *                     needs to unwind extended exception frames
 *   Z0-Z4 z0-z4       host-side breakpoints and watchpoints
 *   c s C S vCont     continue / step one instruction (signals ignored)
 *   D                 detach: the run goes on without a debugger
 *   k vKill           end the run: "killed by the debugger", status 137
 *   R, monitor reset  a system reset (soc_reset)
 *   qRcmd             monitor help|energy|state|report FILE|reset
 *   qAttached qC qfThreadInfo qsThreadInfo H T qSymbol   one thread, id 1
 *   anything else     the empty reply (unsupported)
 * Malformed input: a bad checksum is answered '-'; bad hex or numbers
 * E01; a packet longer than PacketSize is read to its end and answered
 * E01. When the run ends the debugger gets W<status> (the guest's exit
 * status, or pmsim's own, modulo 256) or X<signal> (pmsim was
 * interrupted by a signal); a lockup first stops with T0b (SIGSEGV) so
 * that the locked-up state can be looked at, and X0b follows on resume.
 */
#include "front/gdbstub.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cpu/cpu.h"
#include "devices/dramc.h"
#include "pm/pmu.h"
#include "pm/report.h"
#include "sim/hostio.h"
#include "sim/soc.h"
#include "sim/trace.h"

/* The largest packet either side sends (PacketSize, in bytes of data). */
#define GDB_PKT_MAX 16384
#define GDB_NREGS 23          /* the core's: m-profile and m-system */
#define GDB_REG_D0 23         /* with an FPU: d0-d15, then fpscr */
#define GDB_REG_FPSCR 39
#define GDB_NREGS_FP 40
#define GDB_G_WORDS_MAX (GDB_NREGS + 2 * 16 + 1)

#define SIG_INT 2
#define SIG_TRAP 5
#define SIG_SEGV 11

struct gdb {
	struct machine *m;
	struct cpu *cpu;
	int lfd, cfd;          /* listener; the debugger (-1: none) */
	bool noack;
	/* Input buffered from the debugger's socket. */
	unsigned char rbuf[4096];
	size_t rlen, rpos;
	/* The packet being read, and the last reply (resent on '-'). */
	char pkt[GDB_PKT_MAX + 1];
	size_t plen;
	char *last;
	size_t lastlen;
	/* The stop gdb hears on '?' or after resuming. */
	int stop_sig;
	struct cpu_debug_stop stop;
	/* gdb_poll asked the core back (Ctrl-C, attach). */
	bool want_stop;
	int want_sig;
	bool killed;
};

enum serve_result { SERVE_RESUME, SERVE_DETACH, SERVE_KILL, SERVE_GONE, SERVE_SIGNAL };

/* ---- connection ------------------------------------------------------- */

static int listen_on(unsigned port, unsigned *bound)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	if (fd < 0)
		return -1;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				 .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t alen = sizeof a;
	if (bind(fd, (struct sockaddr *)&a, sizeof a) || listen(fd, 4) ||
	    getsockname(fd, (struct sockaddr *)&a, &alen)) {
		int err = errno;
		close(fd);
		errno = err;
		return -1;
	}
	*bound = ntohs(a.sin_port);
	return fd;
}

static void drop_client(struct gdb *g)
{
	if (g->cfd >= 0)
		close(g->cfd);
	g->cfd = -1;
	g->noack = false;
	g->rlen = g->rpos = 0;
	/* What gdb set is gone with it: the run goes on as without it. */
	cpu_debug_clear(g->cpu);
}

/* A connection on the listener: the debugger, or a second one refused. */
static bool take_connection(struct gdb *g)
{
	int fd = accept(g->lfd, NULL, NULL);
	if (fd < 0)
		return false;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (g->cfd >= 0) {
		fprintf(stderr, "pmsim: gdb stub: a debugger is already attached; "
			"another connection was refused\n");
		close(fd);
		return false;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	g->cfd = fd;
	g->noack = false;
	g->rlen = g->rpos = 0;
	return true;
}

static void send_raw(struct gdb *g, const void *p, size_t n)
{
	const char *s = p;
	while (g->cfd >= 0 && n) {
		ssize_t w = send(g->cfd, s, n, MSG_NOSIGNAL);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0) {
			drop_client(g);
			return;
		}
		s += w;
		n -= (size_t)w;
	}
}

/* Send one packet of `n` bytes (already escaped where binary). */
static void send_packet(struct gdb *g, const char *data, size_t n)
{
	char *p = malloc(n + 5); /* $, data, #, two digits and the NUL of snprintf */
	if (!p)
		return;
	unsigned sum = 0;
	p[0] = '$';
	for (size_t i = 0; i < n; i++) {
		p[1 + i] = data[i];
		sum += (unsigned char)data[i];
	}
	snprintf(p + 1 + n, 4, "#%02x", sum & 0xffu);
	send_raw(g, p, n + 4);
	free(g->last);
	g->last = p;
	g->lastlen = n + 4;
}

static void reply(struct gdb *g, const char *s)
{
	send_packet(g, s, strlen(s));
}

static const char hexd[] = "0123456789abcdef";

static int hexval(int ch)
{
	if (ch >= '0' && ch <= '9')
		return ch - '0';
	if (ch >= 'a' && ch <= 'f')
		return ch - 'a' + 10;
	if (ch >= 'A' && ch <= 'F')
		return ch - 'A' + 10;
	return -1;
}

/* The next byte from the debugger: >= 0, or -1 when it has gone, -2 when
 * a signal asks the run to stop. While waiting, a second connection is
 * refused. */
static int get_byte(struct gdb *g)
{
	while (g->rpos == g->rlen) {
		if (g->cfd < 0)
			return -1;
		if (hostio_interrupted())
			return -2;
		struct pollfd p[2] = { { g->cfd, POLLIN, 0 }, { g->lfd, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		if (p[1].revents & POLLIN)
			take_connection(g);
		if (!p[0].revents)
			continue;
		ssize_t n = recv(g->cfd, g->rbuf, sizeof g->rbuf, 0);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		g->rlen = (size_t)n;
		g->rpos = 0;
	}
	return g->rbuf[g->rpos++];
}

/* Read one packet into g->pkt (unescaped, NUL-terminated). Returns 1, 0
 * for a packet too long (read to its end), or get_byte's -1/-2. Acks,
 * Ctrl-C and noise between packets are skipped; '-' resends. */
static int read_packet(struct gdb *g)
{
	for (;;) {
		int ch;
		do {
			ch = get_byte(g);
			if (ch == '-' && g->last)
				send_raw(g, g->last, g->lastlen);
		} while (ch >= 0 && ch != '$');
		if (ch < 0)
			return ch;
		unsigned sum = 0;
		bool esc = false, big = false;
		g->plen = 0;
		while ((ch = get_byte(g)) >= 0 && ch != '#') {
			sum += (unsigned)ch;
			if (ch == '$') {  /* a new packet starts: the old one was cut */
				sum = 0;
				g->plen = 0;
				big = esc = false;
				continue;
			}
			if (esc) {
				ch ^= 0x20;
				esc = false;
			} else if (ch == '}') {
				esc = true;
				continue;
			}
			if (g->plen < GDB_PKT_MAX)
				g->pkt[g->plen++] = (char)ch;
			else
				big = true;
		}
		if (ch < 0)
			return ch;
		int h = get_byte(g), l = h >= 0 ? get_byte(g) : h;
		if (l < 0)
			return l;
		g->pkt[g->plen] = '\0';
		bool ok = hexval(h) >= 0 && hexval(l) >= 0 &&
			  (unsigned)(hexval(h) << 4 | hexval(l)) == (sum & 0xffu);
		if (g->noack) {
			if (!ok)
				continue;
		} else {
			send_raw(g, ok ? "+" : "-", 1);
			if (!ok)
				continue;
		}
		return big ? 0 : 1;
	}
}

/* ---- parsing ---------------------------------------------------------- */

/* A hex number at *p up to a character not a hex digit; false if none or
 * it does not fit 32 bits. */
static bool parse_hex(const char **p, uint32_t *v)
{
	const char *s = *p;
	uint64_t x = 0;
	int d;
	if (hexval(*s) < 0)
		return false;
	while ((d = hexval(*s)) >= 0) {
		x = x << 4 | (unsigned)d;
		if (x > UINT32_MAX)
			return false;
		s++;
	}
	*v = (uint32_t)x;
	*p = s;
	return true;
}

/* "ADDR,LEN" followed by `end` (a character, or '\0'). */
static bool parse_range(const char **p, uint32_t *addr, uint32_t *len, char end)
{
	if (!parse_hex(p, addr) || **p != ',')
		return false;
	(*p)++;
	return parse_hex(p, len) && **p == end;
}

static bool parse_word(const char *s, uint32_t *v)
{
	/* 8 hex digits, target (little-endian) byte order. */
	uint32_t x = 0;
	for (int i = 0; i < 4; i++) {
		int h = hexval(s[2 * i]), l = h >= 0 ? hexval(s[2 * i + 1]) : -1;
		if (l < 0)
			return false;
		x |= (uint32_t)(h << 4 | l) << (8 * i);
	}
	*v = x;
	return true;
}

static void put_word(char *d, uint32_t v)
{
	for (int i = 0; i < 4; i++) {
		d[2 * i] = hexd[(v >> (8 * i + 4)) & 15];
		d[2 * i + 1] = hexd[(v >> (8 * i)) & 15];
	}
}

/* ---- registers -------------------------------------------------------- */

static unsigned gdb_nregs(const struct gdb *g)
{
	return cpu_has_fpu(g->cpu) ? GDB_NREGS_FP : GDB_NREGS;
}

/* Register n's size in 32-bit words: 2 for d0-d15, else 1. */
static unsigned reg_words(unsigned n)
{
	return n >= GDB_REG_D0 && n < GDB_REG_FPSCR ? 2 : 1;
}

static uint32_t get_reg(struct gdb *g, unsigned n)
{
	static const enum cpu_sysreg sys[] = { CPU_MSP, CPU_PSP, CPU_PRIMASK, CPU_BASEPRI,
					       CPU_FAULTMASK, CPU_CONTROL };
	if (n < 16)
		return cpu_reg(g->cpu, n);
	if (n == 16)
		return cpu_xpsr(g->cpu);
	if (n == GDB_REG_FPSCR)
		return cpu_fp_reg(g->cpu, CPU_FP_FPSCR);
	return cpu_debug_sysreg(g->cpu, sys[n - 17]);
}

/* Register n as words, low first (a d register is S<2k>, then S<2k+1>:
 * the 64-bit value's little-endian bytes). */
static void get_reg_words(struct gdb *g, unsigned n, uint32_t *w)
{
	if (reg_words(n) == 2) {
		w[0] = cpu_fp_reg(g->cpu, 2 * (n - GDB_REG_D0));
		w[1] = cpu_fp_reg(g->cpu, 2 * (n - GDB_REG_D0) + 1);
	} else {
		w[0] = get_reg(g, n);
	}
}

static void set_reg(struct gdb *g, unsigned n, uint32_t v)
{
	static const enum cpu_sysreg sys[] = { CPU_MSP, CPU_PSP, CPU_PRIMASK, CPU_BASEPRI,
					       CPU_FAULTMASK, CPU_CONTROL };
	if (n < 16)
		cpu_debug_set_reg(g->cpu, n, v);
	else if (n == 16)
		cpu_debug_set_xpsr(g->cpu, v);
	else if (n == GDB_REG_FPSCR)
		cpu_set_fp_reg(g->cpu, CPU_FP_FPSCR, v);
	else
		cpu_debug_set_sysreg(g->cpu, sys[n - 17], v);
}

static void set_reg_words(struct gdb *g, unsigned n, const uint32_t *w)
{
	if (reg_words(n) == 2) {
		cpu_set_fp_reg(g->cpu, 2 * (n - GDB_REG_D0), w[0]);
		cpu_set_fp_reg(g->cpu, 2 * (n - GDB_REG_D0) + 1, w[1]);
	} else {
		set_reg(g, n, w[0]);
	}
}

#define TARGET_XML_CORE \
	"<?xml version=\"1.0\"?>\n" \
	"<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n" \
	"<target version=\"1.0\">\n" \
	"<architecture>arm</architecture>\n" \
	"<feature name=\"org.gnu.gdb.arm.m-profile\">\n" \
	"<reg name=\"r0\" bitsize=\"32\"/>\n<reg name=\"r1\" bitsize=\"32\"/>\n" \
	"<reg name=\"r2\" bitsize=\"32\"/>\n<reg name=\"r3\" bitsize=\"32\"/>\n" \
	"<reg name=\"r4\" bitsize=\"32\"/>\n<reg name=\"r5\" bitsize=\"32\"/>\n" \
	"<reg name=\"r6\" bitsize=\"32\"/>\n<reg name=\"r7\" bitsize=\"32\"/>\n" \
	"<reg name=\"r8\" bitsize=\"32\"/>\n<reg name=\"r9\" bitsize=\"32\"/>\n" \
	"<reg name=\"r10\" bitsize=\"32\"/>\n<reg name=\"r11\" bitsize=\"32\"/>\n" \
	"<reg name=\"r12\" bitsize=\"32\"/>\n" \
	"<reg name=\"sp\" bitsize=\"32\" type=\"data_ptr\"/>\n" \
	"<reg name=\"lr\" bitsize=\"32\"/>\n" \
	"<reg name=\"pc\" bitsize=\"32\" type=\"code_ptr\"/>\n" \
	"<reg name=\"xpsr\" bitsize=\"32\"/>\n" \
	"</feature>\n" \
	"<feature name=\"org.gnu.gdb.arm.m-system\">\n" \
	"<reg name=\"msp\" bitsize=\"32\" type=\"data_ptr\" group=\"system\"/>\n" \
	"<reg name=\"psp\" bitsize=\"32\" type=\"data_ptr\" group=\"system\"/>\n" \
	"<reg name=\"primask\" bitsize=\"32\" type=\"int\" group=\"system\"/>\n" \
	"<reg name=\"basepri\" bitsize=\"32\" type=\"int\" group=\"system\"/>\n" \
	"<reg name=\"faultmask\" bitsize=\"32\" type=\"int\" group=\"system\"/>\n" \
	"<reg name=\"control\" bitsize=\"32\" type=\"int\" group=\"system\"/>\n" \
	"</feature>\n"

/* gdb's features/arm/arm-vfpv2.xml: gdb adds s0-s31 as views of d0-d15. */
#define TARGET_XML_VFP \
	"<feature name=\"org.gnu.gdb.arm.vfp\">\n" \
	"<reg name=\"d0\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d1\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d2\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d3\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d4\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d5\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d6\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d7\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d8\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d9\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d10\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d11\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d12\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d13\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d14\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"d15\" bitsize=\"64\" type=\"ieee_double\"/>\n" \
	"<reg name=\"fpscr\" bitsize=\"32\" type=\"int\" group=\"float\"/>\n" \
	"</feature>\n"

static const char target_xml_core[] = TARGET_XML_CORE "</target>\n";
static const char target_xml_fp[] = TARGET_XML_CORE TARGET_XML_VFP "</target>\n";

/* ---- memory ------------------------------------------------------------ */

/* One byte of the FP context registers (FPCCR, FPCAR, FPDSCR), which
 * gdb reads to unwind through an extended exception frame (whether the
 * FP words are on the stack or still lazily in the registers); reading
 * them changes nothing, unlike other device registers. */
static bool read_fp_ctx_byte(struct gdb *g, uint32_t a, uint8_t *b)
{
	uint32_t v;
	if (!cpu_debug_fp_ctx(g->cpu, a & ~3u, &v))
		return false;
	*b = (uint8_t)(v >> (8 * (a & 3u)));
	return true;
}

/* As much of [addr, addr+len) as the debugger may read, from its start:
 * the bytes read (0: none, the first is not readable). */
static uint32_t read_mem(struct gdb *g, uint32_t addr, uint8_t *buf, uint32_t len)
{
	if (!cpu_debug_read(g->cpu, addr, buf, len))
		return len;
	uint32_t n = 0;
	while (n < len && (!cpu_debug_read(g->cpu, addr + n, buf + n, 1) ||
			   read_fp_ctx_byte(g, addr + n, buf + n)))
		n++;
	return n;
}

static void do_read_mem(struct gdb *g, const char *args)
{
	uint32_t addr, len;
	if (!parse_range(&args, &addr, &len, '\0'))
		return reply(g, "E01");
	if (len > GDB_PKT_MAX / 2)
		len = GDB_PKT_MAX / 2;
	uint8_t *buf = malloc(len ? len : 1);
	char *out = malloc(2 * (size_t)len + 1);
	if (!buf || !out) {
		free(buf);
		free(out);
		return reply(g, "E0c");
	}
	uint32_t n = len ? read_mem(g, addr, buf, len) : 0;
	if (len && !n) {
		reply(g, "E14");
	} else {
		for (uint32_t i = 0; i < n; i++) {
			out[2 * i] = hexd[buf[i] >> 4];
			out[2 * i + 1] = hexd[buf[i] & 15];
		}
		send_packet(g, out, 2 * (size_t)n);
	}
	free(buf);
	free(out);
}

/* M (hex) and X (binary) writes. */
static void do_write_mem(struct gdb *g, const char *args, bool binary)
{
	uint32_t addr, len;
	const char *p = args;
	if (!parse_range(&p, &addr, &len, ':'))
		return reply(g, "E01");
	p++;
	size_t have = g->plen - (size_t)(p - g->pkt);
	if (binary ? have != len : have != 2 * (size_t)len)
		return reply(g, "E01");
	if (!len)
		return reply(g, "OK");
	uint8_t *buf = malloc(len);
	if (!buf)
		return reply(g, "E0c");
	for (uint32_t i = 0; i < len; i++) {
		if (binary) {
			buf[i] = (uint8_t)p[i];
			continue;
		}
		int h = hexval(p[2 * i]), l = hexval(p[2 * i + 1]);
		if (h < 0 || l < 0) {
			free(buf);
			return reply(g, "E01");
		}
		buf[i] = (uint8_t)(h << 4 | l);
	}
	reply(g, cpu_debug_load(g->cpu, addr, buf, len) ? "E14" : "OK");
	free(buf);
}

/* ---- monitor ------------------------------------------------------------ */

/* Console output for gdb: `O` packets of hex text. */
static void console(struct gdb *g, const char *text)
{
	size_t n = strlen(text);
	while (n) {
		size_t k = n < 1024 ? n : 1024;
		char out[1 + 2 * 1024];
		out[0] = 'O';
		for (size_t i = 0; i < k; i++) {
			out[1 + 2 * i] = hexd[(unsigned char)text[i] >> 4];
			out[2 + 2 * i] = hexd[(unsigned char)text[i] & 15];
		}
		send_packet(g, out, 1 + 2 * k);
		text += k;
		n -= k;
	}
}

static void consolef(struct gdb *g, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void consolef(struct gdb *g, const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	console(g, buf);
}

static void print_time(char *buf, size_t len, simtime_t t)
{
	char s[32];
	pm_report_fmt_seconds(s, sizeof s, t);
	snprintf(buf, len, "%s s", s);
}

static void mon_energy(struct gdb *g)
{
	struct pm_report rep;
	if (machine_collect(g->m, &rep)) {
		console(g, "out of memory\n");
		return;
	}
	char t[64];
	print_time(t, sizeof t, rep.sim_time);
	consolef(g, "energy at %s simulated:\n", t);
	for (unsigned i = 0; i < rep.ncomponents; i++)
		consolef(g, "  %-24s %.9f J\n", rep.components[i].name, rep.components[i].joules);
	consolef(g, "  %-24s %.9f J\n", "total (battery)", rep.total_j);
	machine_collect_free(&rep);
}

/* `monitor state` hears the PMU's present states as a timeline would. */
struct state_lines {
	struct gdb *g;
};

static void state_line(void *opaque, simtime_t t, const char *component, const char *var,
		       int64_t value, const char *label)
{
	struct state_lines *s = opaque;
	(void)t;
	if (label)
		consolef(s->g, "  %-24s %-10s %s\n", component, var, label);
	else
		consolef(s->g, "  %-24s %-10s %" PRId64 "\n", component, var, value);
}

static void mon_state(struct gdb *g)
{
	struct soc *soc = machine_soc(g->m);
	simtime_t now = sched_now(&soc->sched);
	char t[64];
	print_time(t, sizeof t, now);
	consolef(g, "state at %s simulated:\n", t);
	consolef(g, "  %-24s %-10s %s\n", "cpu0", "core",
		 cpu_lockup_reason(g->cpu) ? "locked up"
		 : cpu_is_sleeping(g->cpu) ? "asleep (WFI/WFE)"
		 : cpu_is_frozen(g->cpu) ? "clock stopped" : "halted by the debugger");
	if (soc->pmu) {
		struct state_lines s = { g };
		struct trace tr = { .nsinks = 1 };
		tr.sinks[0] = (struct trace_sink){ state_line, &s };
		pmu_trace_present(soc->pmu, now, &tr);
	} else {
		console(g, "  (no power-management unit in this SoC)\n");
	}
	for (unsigned i = 0; i < soc->ndevs; i++)
		if (soc->devs[i].type == &dramc_dev_type)
			consolef(g, "  %-24s %-10s %s\n", "dram", "state",
				 dramc_state_name(dramc_state(soc->devs[i].state, now)));
	struct pm_report rep;
	if (machine_collect(g->m, &rep)) {
		console(g, "out of memory\n");
		return;
	}
	consolef(g, "  %-24s %-10s %" PRIu64 " so far\n", "soc", "suspends", rep.suspends);
	machine_collect_free(&rep);
}

struct report_arg {
	struct machine *m;
	bool no_host;
};

static int fill_report(FILE *f, void *arg)
{
	struct report_arg *a = arg;
	int rc = machine_write_report(a->m, f, NULL, a->no_host);
	if (rc > 0)
		errno = ENOMEM;
	return rc;
}

static void mon_report(struct gdb *g, const char *file, bool no_host)
{
	struct err e = { "" };
	struct report_arg a = { g->m, no_host };
	while (*file == ' ')
		file++;
	if (!*file) {
		console(g, "usage: monitor report FILE.json\n");
		return;
	}
	if (hostio_write_file("monitor report", file, fill_report, &a, &e))
		consolef(g, "pmsim: %s\n", e.msg);
	else
		consolef(g, "report written to %s\n", file);
}

static void do_reset(struct gdb *g)
{
	soc_reset(machine_soc(g->m));
	g->stop_sig = SIG_TRAP;
	g->stop.reason = CPU_STOP_NONE;
}

static const char mon_help[] =
	"monitor commands:\n"
	"  help           this list\n"
	"  energy         the energy so far, by component, and the total at the battery\n"
	"  state          the core's C-state and OPP, every power domain, DRAM, suspend\n"
	"  report FILE    write the JSON report of the run so far (as --report)\n"
	"  reset          a system reset (as AIRCR.SYSRESETREQ); gdb does not re-read\n"
	"                 the registers: use 'flushregs' or 'stepi' after it\n";

static void do_monitor(struct gdb *g, const char *hex, bool no_host)
{
	size_t n = strlen(hex);
	char cmd[1024];
	if (n % 2 || n / 2 >= sizeof cmd)
		return reply(g, "E01");
	for (size_t i = 0; i < n / 2; i++) {
		int h = hexval(hex[2 * i]), l = hexval(hex[2 * i + 1]);
		if (h < 0 || l < 0 || !(h << 4 | l))
			return reply(g, "E01");
		cmd[i] = (char)(h << 4 | l);
	}
	cmd[n / 2] = '\0';
	char *c = cmd;
	while (*c == ' ')
		c++;
	size_t len = strlen(c);
	while (len && (c[len - 1] == ' ' || c[len - 1] == '\n'))
		c[--len] = '\0';
	if (!strcmp(c, "help") || !*c)
		console(g, mon_help);
	else if (!strcmp(c, "energy"))
		mon_energy(g);
	else if (!strcmp(c, "state"))
		mon_state(g);
	else if (!strncmp(c, "report", 6) && (c[6] == ' ' || !c[6]))
		mon_report(g, c + 6, no_host);
	else if (!strcmp(c, "reset")) {
		do_reset(g);
		console(g, "system reset\n");
	} else
		consolef(g, "unknown monitor command '%s' (monitor help lists them)\n", c);
	reply(g, "OK");
}

/* ---- stops ------------------------------------------------------------ */

static void send_stop(struct gdb *g)
{
	char buf[96];
	const char *kind = "";
	switch (g->stop.reason) {
	case CPU_STOP_WATCH:
		kind = g->stop.watch == CPU_WATCH_WRITE ? "watch"
		       : g->stop.watch == CPU_WATCH_READ ? "rwatch" : "awatch";
		snprintf(buf, sizeof buf, "T05%s:%08" PRIx32 ";thread:1;", kind, g->stop.addr);
		break;
	case CPU_STOP_BREAK:
		snprintf(buf, sizeof buf, "T05%s:;thread:1;",
			 g->stop.bp == CPU_BP_SW ? "swbreak" : "hwbreak");
		break;
	default:
		snprintf(buf, sizeof buf, "T%02xthread:1;", g->stop_sig);
		break;
	}
	reply(g, buf);
}

static void do_break(struct gdb *g, const char *p, bool set)
{
	unsigned type = (unsigned)(p[0] - '0');
	uint32_t addr, kind;
	p++;
	if (type > 4 || *p++ != ',')
		return reply(g, "");
	/* The kind may be followed by conditions (";X..."): not offered in
	 * qSupported, so not expected; they are refused with the rest. */
	if (!parse_range(&p, &addr, &kind, '\0'))
		return reply(g, "E01");
	int rc;
	if (type <= 1)
		rc = cpu_debug_break(g->cpu, addr, type ? CPU_BP_HW : CPU_BP_SW, set);
	else
		rc = cpu_debug_watch(g->cpu, addr, kind,
				     type == 2 ? CPU_WATCH_WRITE : type == 3 ? CPU_WATCH_READ
				     : CPU_WATCH_ACCESS, set);
	reply(g, rc ? "E0e" : "OK");
}

/* vCont;ACTION[:thread];...: the first action that applies to thread 1
 * (or to all) decides. 1: step, 0: continue, -1: malformed. */
static int vcont_action(const char *p)
{
	while (*p == ';') {
		p++;
		char a = *p;
		if (a != 'c' && a != 'C' && a != 's' && a != 'S')
			return -1;
		p++;
		if (a == 'C' || a == 'S')
			while (hexval(*p) >= 0)
				p++;
		bool ours = true;
		if (*p == ':') {
			p++;
			ours = !strncmp(p, "-1", 2) || !strncmp(p, "1", 1) || !strncmp(p, "p1", 2);
			while (*p && *p != ';')
				p++;
		}
		if (*p && *p != ';')
			return -1;
		if (ours)
			return a == 's' || a == 'S';
	}
	return -1;
}

/* Serve packets while the core is stopped; returns what ends it. */
static enum serve_result serve(struct gdb *g, bool no_host, bool *step)
{
	for (;;) {
		int r = read_packet(g);
		if (r == -2)
			return SERVE_SIGNAL;
		if (r < 0)
			return SERVE_GONE;
		if (r == 0) {
			reply(g, "E01");
			continue;
		}
		const char *p = g->pkt;
		char buf[GDB_G_WORDS_MAX * 8 + 1];
		uint32_t n, v, w[2];
		unsigned nregs = gdb_nregs(g), len;
		switch (p[0]) {
		case '?':
			send_stop(g);
			break;
		case 'g':
			len = 0;
			for (unsigned i = 0; i < nregs; i++) {
				get_reg_words(g, i, w);
				for (unsigned k = 0; k < reg_words(i); k++, len += 8)
					put_word(buf + len, w[k]);
			}
			send_packet(g, buf, len);
			break;
		case 'G':
			len = 0;
			for (unsigned i = 0; i < nregs; i++)
				len += 8 * reg_words(i);
			if (g->plen != 1 + len) {
				reply(g, "E01");
				break;
			}
			for (unsigned i = 0; i < len / 8; i++)
				if (!parse_word(p + 1 + 8 * i, &v))
					goto bad;
			p++;
			for (unsigned i = 0; i < nregs; i++) {
				for (unsigned k = 0; k < reg_words(i); k++, p += 8)
					parse_word(p, &w[k]);
				set_reg_words(g, i, w);
			}
			reply(g, "OK");
			break;
		case 'p':
			p++;
			if (!parse_hex(&p, &n) || *p || n >= nregs)
				goto bad;
			get_reg_words(g, n, w);
			for (unsigned k = 0; k < reg_words(n); k++)
				put_word(buf + 8 * k, w[k]);
			send_packet(g, buf, 8 * reg_words(n));
			break;
		case 'P':
			p++;
			if (!parse_hex(&p, &n) || *p++ != '=' || n >= nregs ||
			    strlen(p) != 8 * reg_words(n))
				goto bad;
			for (unsigned k = 0; k < reg_words(n); k++)
				if (!parse_word(p + 8 * k, &w[k]))
					goto bad;
			set_reg_words(g, n, w);
			reply(g, "OK");
			break;
		case 'm':
			do_read_mem(g, p + 1);
			break;
		case 'M':
			do_write_mem(g, p + 1, false);
			break;
		case 'X':
			do_write_mem(g, p + 1, true);
			break;
		case 'Z':
		case 'z':
			do_break(g, p + 1, p[0] == 'Z');
			break;
		case 'c':
		case 's':
		case 'C':
		case 'S':
			/* A resume address (c ADDR) would change the run: refused;
			 * a signal to deliver has no meaning here and is dropped. */
			if ((p[0] == 'c' || p[0] == 's') && p[1])
				goto bad;
			*step = p[0] == 's' || p[0] == 'S';
			return SERVE_RESUME;
		case 'D':
			reply(g, "OK");
			return SERVE_DETACH;
		case 'k':
			return SERVE_KILL;
		case 'R':
			do_reset(g);
			break;
		case 'H':
			reply(g, "OK");
			break;
		case 'T':
			reply(g, "OK");
			break;
		case 'v':
			if (!strcmp(p, "vCont?")) {
				reply(g, "vCont;c;C;s;S");
			} else if (!strncmp(p, "vCont;", 6)) {
				int a = vcont_action(p + 5);
				if (a < 0)
					goto bad;
				*step = a;
				return SERVE_RESUME;
			} else if (!strncmp(p, "vKill", 5)) {
				reply(g, "OK");
				return SERVE_KILL;
			} else {
				reply(g, "");
			}
			break;
		case 'q':
			if (!strncmp(p, "qSupported", 10)) {
				char s[160];
				snprintf(s, sizeof s, "PacketSize=%x;qXfer:features:read+;swbreak+;"
					 "hwbreak+;vContSupported+;QStartNoAckMode+", GDB_PKT_MAX);
				reply(g, s);
			} else if (!strcmp(p, "qAttached")) {
				reply(g, "1");
			} else if (!strcmp(p, "qC")) {
				reply(g, "QC1");
			} else if (!strcmp(p, "qfThreadInfo")) {
				reply(g, "m1");
			} else if (!strcmp(p, "qsThreadInfo")) {
				reply(g, "l");
			} else if (!strncmp(p, "qSymbol", 7)) {
				reply(g, "OK");
			} else if (!strncmp(p, "qRcmd,", 6)) {
				do_monitor(g, p + 6, no_host);
			} else if (!strncmp(p, "qXfer:features:read:target.xml:", 31)) {
				const char *q = p + 31;
				uint32_t off, len;
				if (!parse_range(&q, &off, &len, '\0'))
					goto bad;
				const char *xml = cpu_has_fpu(g->cpu) ? target_xml_fp
								       : target_xml_core;
				size_t total = strlen(xml);
				if (off > total)
					goto bad;
				size_t k = total - off < len ? total - off : len;
				if (k > GDB_PKT_MAX - 1)
					k = GDB_PKT_MAX - 1;
				/* The document holds none of the characters that
				 * need escaping ($ # } *). */
				char *out = malloc(k + 1);
				if (!out) {
					reply(g, "E0c");
					break;
				}
				out[0] = off + k < total ? 'm' : 'l';
				memcpy(out + 1, xml + off, k);
				send_packet(g, out, k + 1);
				free(out);
			} else {
				reply(g, "");
			}
			break;
		case 'Q':
			if (!strcmp(p, "QStartNoAckMode")) {
				reply(g, "OK");
				g->noack = true;
			} else {
				reply(g, "");
			}
			break;
		default:
			reply(g, "");
			break;
		}
		continue;
	bad:
		reply(g, "E01");
	}
}

/* ---- the run ---------------------------------------------------------- */

/* Between slices of the run: does the debugger want the core? */
static bool gdb_poll(void *opaque)
{
	struct gdb *g = opaque;
	struct pollfd p[2] = { { g->lfd, POLLIN, 0 }, { g->cfd, POLLIN, 0 } };
	if (poll(p, g->cfd >= 0 ? 2 : 1, 0) <= 0)
		return false;
	if (g->cfd >= 0 && (p[1].revents & (POLLIN | POLLHUP | POLLERR))) {
		unsigned char buf[256];
		ssize_t n = recv(g->cfd, buf, sizeof buf, MSG_DONTWAIT);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EINTR)) {
			/* Gone without detaching: as a detach. */
			fprintf(stderr, "pmsim: gdb stub: the debugger's connection was lost; "
				"the run goes on\n");
			drop_client(g);
		}
		for (ssize_t i = 0; i < n; i++)
			if (buf[i] == 0x03) {
				g->want_stop = true;
				g->want_sig = SIG_INT;
			}
	}
	if (p[0].revents & POLLIN) {
		bool had = g->cfd >= 0;
		if (take_connection(g) && !had) {
			/* A debugger attaching stops the core (as QEMU). */
			g->want_stop = true;
			g->want_sig = SIG_TRAP;
		}
	}
	return g->want_stop;
}

/* Tell the debugger how the run ended. */
static void send_end(struct gdb *g, int rc)
{
	char buf[16];
	int sig = hostio_interrupted();
	if (g->killed)
		return;
	if (sig && rc == EXIT_SIGNAL + sig)
		snprintf(buf, sizeof buf, "X%02x", sig & 0xff);
	else if (rc == EXIT_LOCKUP)
		snprintf(buf, sizeof buf, "X%02x", SIG_SEGV);
	else
		snprintf(buf, sizeof buf, "W%02x", rc & 0xff);
	reply(g, buf);
}

int gdb_run(const struct run_options *o, unsigned port, bool wait)
{
	struct gdb *g = calloc(1, sizeof *g);
	if (!g) {
		fprintf(stderr, "pmsim: out of memory\n");
		return EXIT_INTERNAL;
	}
	g->cfd = -1;
	unsigned bound = 0;
	g->lfd = listen_on(port, &bound);
	if (g->lfd < 0) {
		fprintf(stderr, "pmsim: --gdb %u: cannot listen on 127.0.0.1:%u: %s\n", port, port,
			strerror(errno));
		free(g);
		return EXIT_CANTCREATE;
	}
	struct run_options ro = *o;
	ro.debug_poll = gdb_poll;
	ro.debug_opaque = g;
	struct err e = { "" };
	int rc = machine_open(&ro, &g->m, &e);
	if (rc) {
		fprintf(stderr, "pmsim: %s\n", e.msg);
		close(g->lfd);
		free(g);
		return rc;
	}
	g->cpu = machine_soc(g->m)->cpu;
	fprintf(stderr, "pmsim: gdb stub listening on 127.0.0.1:%u\n", bound);
	fflush(stderr);

	bool stopped = false, step = false;
	if (wait) {
		/* Held at reset, before the first instruction, until gdb
		 * attaches (a signal gives up waiting). */
		while (g->cfd < 0 && !hostio_interrupted()) {
			struct pollfd p = { g->lfd, POLLIN, 0 };
			if (poll(&p, 1, -1) > 0)
				take_connection(g);
		}
		stopped = true;
		g->stop_sig = SIG_TRAP;
	}
	for (;;) {
		int sig = hostio_interrupted();
		if (sig) {
			machine_stop(g->m, EXIT_SIGNAL + sig, "interrupted by %s while %s",
				     sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "SIGHUP",
				     stopped ? "the debugger held the core" : "running");
			if (g->cfd >= 0)
				send_end(g, EXIT_SIGNAL + sig);
			break;
		}
		if (stopped && g->cfd >= 0) {
			enum serve_result r = serve(g, o->no_host, &step);
			if (r == SERVE_SIGNAL)
				continue;
			if (r == SERVE_KILL) {
				g->killed = true;
				machine_stop(g->m, GDB_EXIT_KILLED, "killed by the debugger");
				if (!o->stats)
					fprintf(stderr, "pmsim: killed by the debugger\n");
				break;
			}
			if (r == SERVE_GONE)
				fprintf(stderr, "pmsim: gdb stub: the debugger's connection was "
					"lost; the run goes on\n");
			if (r != SERVE_RESUME) {
				drop_client(g);
				step = false;
			}
		}
		stopped = false;
		int fin;
		if (machine_finished(g->m, &fin)) {
			/* Resumed after a stop at the run's end (a lockup). */
			send_end(g, fin);
			break;
		}
		cpu_debug_resume(g->cpu, step);
		g->want_stop = false;
		rc = machine_step(g->m, SIMTIME_NEVER);
		if (rc != MACHINE_RUNNING) {
			if (rc == EXIT_LOCKUP && g->cfd >= 0 && !hostio_interrupted()) {
				/* Stopped where it locked up, for gdb to look. */
				g->stop_sig = SIG_SEGV;
				g->stop.reason = CPU_STOP_NONE;
				send_stop(g);
				stopped = true;
				continue;
			}
			if (g->cfd >= 0)
				send_end(g, rc);
			break;
		}
		stopped = true;
		if (g->want_stop) {
			g->stop_sig = g->want_sig;
			g->stop.reason = CPU_STOP_NONE;
			/* An attach is answered when gdb asks ('?'). */
			if (g->want_sig == SIG_INT)
				send_stop(g);
		} else {
			cpu_debug_why(g->cpu, &g->stop);
			g->stop_sig = SIG_TRAP;
			send_stop(g);
		}
	}
	rc = machine_finish(g->m);
	hostio_interruptible(false);
	machine_close(g->m);
	if (g->cfd >= 0)
		close(g->cfd);
	close(g->lfd);
	free(g->last);
	free(g);
	return rc;
}
