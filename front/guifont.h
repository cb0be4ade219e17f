/*
 * The GUI's bitmap font: 5x7 glyphs for printable ASCII (and µ, for
 * power units), drawn as filled rectangles so that the window needs no
 * font library. A glyph is seven rows of five bits, the most significant
 * of the five (0x10) leftmost.
 */
#ifndef PMSIM_GUIFONT_H
#define PMSIM_GUIFONT_H

#include <stdint.h>

#define GUIFONT_W 5
#define GUIFONT_H 7
/* The advance from one character to the next, and one line to the next. */
#define GUIFONT_ADVANCE 6
#define GUIFONT_LINE 9

/* The rows of the glyph for `c` (a byte of UTF-8 text: ' '..'~', or
 * GUIFONT_MU for µ); a box for anything else. */
#define GUIFONT_MU 0x80
const uint8_t *guifont_glyph(unsigned c);

#endif
