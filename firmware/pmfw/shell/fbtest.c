/*
 * fbtest [PATTERN]: show a test pattern on /dev/fb0. The display is
 * unblanked first (as fb_blank 0: the controller, the panel and the
 * backlight on), then the whole screen drawn into its framebuffer:
 *
 *   bars    eight vertical colour bars of equal width, left to right
 *           white, yellow, cyan, green, magenta, red, blue, black (the
 *           default)
 *   white, yellow, cyan, green, magenta, red, blue, black
 *           the whole screen in that one colour
 *
 * Colours are 8-bit RGB made into the framebuffer's format from its
 * fb_var_screeninfo (RGB565 on the PL111: white is 0xffff, red 0xf800).
 */
#include <linux/fb.h>
#include <linux/kernel.h>
#include <linux/string.h>

#include "sh.h"

static const struct {
	const char *name;
	u32 rgb;
} fbtest_colours[] = {
	{ "white", 0xffffff }, { "yellow", 0xffff00 }, { "cyan", 0x00ffff },
	{ "green", 0x00ff00 }, { "magenta", 0xff00ff }, { "red", 0xff0000 },
	{ "blue", 0x0000ff }, { "black", 0x000000 },
};

static u32 fbtest_field(u32 v8, const struct fb_bitfield *f)
{
	return (v8 >> (8 - f->length)) << f->offset;
}

static u32 fbtest_pixel(const struct fb_info *info, u32 rgb)
{
	const struct fb_var_screeninfo *v = &info->var;
	return fbtest_field((rgb >> 16) & 0xff, &v->red) |
	       fbtest_field((rgb >> 8) & 0xff, &v->green) | fbtest_field(rgb & 0xff, &v->blue);
}

static int cmd_fbtest(int argc, char **argv)
{
	const char *pattern = argc > 1 ? argv[1] : "bars";
	int solid = -1;
	if (argc > 2) {
		sh_error("fbtest: usage: fbtest [bars|COLOUR]");
		return 1;
	}
	if (strcmp(pattern, "bars")) {
		for (size_t i = 0; i < ARRAY_SIZE(fbtest_colours); i++)
			if (!strcmp(pattern, fbtest_colours[i].name))
				solid = (int)i;
		if (solid < 0) {
			sh_error("fbtest: unknown pattern '%s'", pattern);
			return 1;
		}
	}
	struct fb_info *info = registered_fb_get(0);
	if (!info) {
		sh_error("fbtest: no framebuffer");
		return 1;
	}
	int err = fb_blank(info, FB_BLANK_UNBLANK);
	if (err) {
		sh_error("fbtest: cannot unblank fb0: %d", err);
		return 1;
	}
	if (info->var.bits_per_pixel != 16) {
		sh_error("fbtest: fb0 is %u bpp; fbtest draws 16 bpp", info->var.bits_per_pixel);
		return 1;
	}
	u32 w = info->var.xres, h = info->var.yres;
	u16 px[ARRAY_SIZE(fbtest_colours)];
	for (size_t i = 0; i < ARRAY_SIZE(fbtest_colours); i++)
		px[i] = (u16)fbtest_pixel(info, fbtest_colours[i].rgb);
	for (u32 y = 0; y < h; y++) {
		u16 *line = (u16 *)(info->screen_base + y * info->fix.line_length);
		for (u32 x = 0; x < w; x++)
			line[x] = px[solid >= 0 ? (u32)solid : x * 8 / w];
	}
	sh_printf("fb0: %ux%u %s\n", w, h, pattern);
	return 0;
}
SHELL_CMD(fbtest, cmd_fbtest, "fbtest [PATTERN]",
	  "unblank fb0 and draw colour bars (or one colour: white, red, ...)");
