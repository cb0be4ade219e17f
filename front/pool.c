/*
 * The process pool (pool.h).
 */
#define _GNU_SOURCE
#include "front/pool.h"

#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>


unsigned pool_cpus(void)
{
	cpu_set_t set;
	if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0)
		return (unsigned)CPU_COUNT(&set);
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n > 0 ? (unsigned)n : 1;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

struct slot {
	pid_t pid;          /* 0: finished (or never started) */
	int fd;             /* read end, -1 once at EOF */
	char *buf;
	size_t len, cap;
	int wstatus;
	bool done;          /* exited and drained */
	double t0, host_s;
};

/* Read what is there from a child's pipe; false at EOF or error. */
static bool drain(struct slot *s)
{
	char chunk[8192];
	ssize_t got = read(s->fd, chunk, sizeof chunk);
	if (got < 0 && errno == EINTR)
		return true;
	if (got <= 0)
		return false;
	if (s->len + (size_t)got > s->cap) {
		size_t nc = s->cap ? s->cap * 2 : 16384;
		while (nc < s->len + (size_t)got)
			nc *= 2;
		char *nb = realloc(s->buf, nc);
		if (!nb)
			return false;
		s->buf = nb;
		s->cap = nc;
	}
	memcpy(s->buf + s->len, chunk, (size_t)got);
	s->len += (size_t)got;
	return true;
}

int pool_run(unsigned jobs, size_t n, pool_job_fn job, pool_done_fn done, void *ctx)
{
	if (!jobs)
		jobs = 1;
	struct slot *sl = calloc(n ? n : 1, sizeof *sl);
	if (!sl)
		return -1;
	size_t next = 0, reported = 0;
	unsigned running = 0;
	int rc = 0;
	fflush(NULL);
	while (reported < n) {
		/* Start jobs while there is room. */
		while (!rc && running < jobs && next < n) {
			int p[2];
			if (pipe(p)) {
				rc = -1;
				break;
			}
			pid_t pid = fork();
			if (pid < 0) {
				close(p[0]);
				close(p[1]);
				rc = -1;
				break;
			}
			if (pid == 0) {
				/* A runner killed is a pool killed. */
				prctl(PR_SET_PDEATHSIG, SIGTERM);
				close(p[0]);
				int st = job(ctx, next, p[1]);
				close(p[1]);
				fflush(NULL);
				_exit(st);
			}
			close(p[1]);
			sl[next] = (struct slot){ .pid = pid, .fd = p[0], .t0 = now_s() };
			next++;
			running++;
		}
		if (rc && !running)
			break;
		/* Wait for output from any running child. */
		struct pollfd pf[64];
		size_t who[64];
		unsigned np = 0;
		for (size_t i = reported; i < next && np < 64; i++)
			if (sl[i].fd >= 0) {
				pf[np] = (struct pollfd){ sl[i].fd, POLLIN, 0 };
				who[np++] = i;
			}
		if (np && poll(pf, np, -1) < 0 && errno != EINTR)
			break;
		for (unsigned k = 0; k < np; k++) {
			struct slot *s = &sl[who[k]];
			if (!pf[k].revents)
				continue;
			if (!drain(s)) {
				close(s->fd);
				s->fd = -1;
				while (waitpid(s->pid, &s->wstatus, 0) < 0 && errno == EINTR)
					;
				s->host_s = now_s() - s->t0;
				s->done = true;
				running--;
			}
		}
		/* Hand over, in order, what is finished. */
		while (reported < next && sl[reported].done) {
			struct slot *s = &sl[reported];
			done(ctx, reported, s->buf, s->len, s->wstatus, s->host_s);
			free(s->buf);
			s->buf = NULL;
			reported++;
		}
	}
	free(sl);
	return rc;
}

void pool_progress(size_t done, size_t n, size_t failed, double elapsed, bool last)
{
	if (last) {
		pool_progress_clear();
		return;
	}
	double eta = done ? elapsed / (double)done * (double)(n - done) : 0;
	fprintf(stderr, "\r[%zu/%zu] %3.0f %%  %zu failed  %.0f s, ETA %.0f s\033[K", done, n,
		n ? 100.0 * (double)done / (double)n : 100.0, failed, elapsed, eta);
	fflush(stderr);
}

void pool_progress_clear(void)
{
	fputs("\r\033[K", stderr);
	fflush(stderr);
}
