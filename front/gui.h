/*
 * pmsim run --gui: the run in a live SDL2 window that shows where the
 * power goes (docs/gui.md). The window only looks at the run: the same
 * run with and without it gives byte-identical reports.
 */
#ifndef PMSIM_GUI_H
#define PMSIM_GUI_H

#include <stdbool.h>

struct run_options;

/* Pacing: simulated time against host time. */
enum gui_speed { GUI_SPEED_MAX = 0, GUI_SPEED_1 = 1, GUI_SPEED_10 = 10, GUI_SPEED_100 = 100 };

struct gui_options {
	/* --gui-screenshot FILE.bmp: no interaction and no pacing; the run
	 * (which must have an --until) in 600 equal slices, then the window
	 * written as a BMP. NULL: the interactive window. */
	const char *screenshot;
	enum gui_speed speed;    /* --gui-speed (interactive) */
};

/* Parse --gui-speed's value: 0, or -1 if it is not max, 1, 10 or 100. */
int gui_parse_speed(const char *v, enum gui_speed *out);

/* The run `o` in the window; returns pmsim's exit status, as machine_run
 * does. Refused with status 64 before anything is created when pmsim was
 * built without SDL2, when there is no display for an interactive window,
 * or when PMSIM_GUI_SCRIPT is malformed. */
int gui_run(const struct run_options *o, const struct gui_options *g);

#endif
