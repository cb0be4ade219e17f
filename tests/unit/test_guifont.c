/* The GUI's 5x7 font (front/guifont.c): every printable character has a
 * glyph of its own, inside its 5 columns, and anything else a box. */
#include <check.h>
#include <string.h>

#include "front/guifont.h"
#include "check_run.h"

static unsigned pixels(const uint8_t *g)
{
	unsigned n = 0;
	for (int r = 0; r < GUIFONT_H; r++)
		n += (unsigned)__builtin_popcount(g[r]);
	return n;
}

START_TEST(inside_the_cell)
{
	for (unsigned c = 0x20; c <= 0x7e; c++)
		for (int r = 0; r < GUIFONT_H; r++)
			ck_assert_msg(!(guifont_glyph(c)[r] & ~0x1fu), "'%c' row %d beyond 5 columns",
				      c, r);
	ck_assert_int_ge(GUIFONT_ADVANCE, GUIFONT_W + 1);
	ck_assert_int_ge(GUIFONT_LINE, GUIFONT_H + 1);
}
END_TEST

START_TEST(every_character_its_own)
{
	ck_assert_uint_eq(pixels(guifont_glyph(' ')), 0);
	unsigned all[97];
	unsigned n = 0;
	for (unsigned c = 0x21; c <= 0x7e; c++)
		all[n++] = c;
	all[n++] = GUIFONT_MU;
	all[n++] = 0x01;  /* not in the font: the box */
	for (unsigned i = 0; i < n; i++) {
		ck_assert_msg(pixels(guifont_glyph(all[i])) > 0, "0x%02x has no pixels", all[i]);
		for (unsigned j = 0; j < i; j++)
			ck_assert_msg(memcmp(guifont_glyph(all[i]), guifont_glyph(all[j]), GUIFONT_H),
				      "0x%02x and 0x%02x look the same", all[i], all[j]);
	}
	/* Every unknown byte is the same box. */
	ck_assert_ptr_eq(guifont_glyph(0x7f), guifont_glyph(0x01));
	ck_assert_ptr_eq(guifont_glyph(0xff), guifont_glyph(0x01));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("guifont");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, inside_the_cell);
	tcase_add_test(tc, every_character_its_own);
	suite_add_tcase(s, tc);
	return check_run(s);
}
