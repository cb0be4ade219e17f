/*
 * Framebuffer devices (Linux's include/linux/fb.h, drivers/video/fbdev/
 * core): a driver fills a struct fb_info (the memory, its geometry and
 * format, its ops) and registers it as /dev/fbN, shown as
 * /sys/class/graphics/fbN:
 *
 *   name            the driver's id
 *   virtual_size    "WIDTH,HEIGHT"
 *   bits_per_pixel  16, 24, 32 ...
 *   stride          bytes per line
 *   blank           the blanking level last set: write 0 (FB_BLANK_UNBLANK)
 *                   to show the picture, 1..4 to blank (4,
 *                   FB_BLANK_POWERDOWN, also powers the panel down; the
 *                   drivers here treat every level above 0 alike)
 *
 * fb_blank() is the one way to blank and unblank: the sysfs file and the
 * shell's commands both go through it.
 */
#ifndef _LINUX_FB_H
#define _LINUX_FB_H

#include <linux/device.h>
#include <linux/mutex.h>
#include <linux/types.h>

#define FB_BLANK_UNBLANK 0
#define FB_BLANK_NORMAL 1
#define FB_BLANK_VSYNC_SUSPEND 2
#define FB_BLANK_HSYNC_SUSPEND 3
#define FB_BLANK_POWERDOWN 4

#define FB_MAX 4

struct fb_bitfield {
	u32 offset, length;
};

struct fb_var_screeninfo {
	u32 xres, yres;
	u32 bits_per_pixel;
	struct fb_bitfield red, green, blue;
	u32 pixclock;    /* ps */
	u32 left_margin, right_margin, upper_margin, lower_margin;
	u32 hsync_len, vsync_len;
};

struct fb_fix_screeninfo {
	char id[16];
	unsigned long smem_start;  /* the framebuffer's bus address */
	u32 smem_len;
	u32 line_length;
};

struct fb_info;

struct fb_ops {
	/* Blank (a level above 0) or unblank (0) the display. */
	int (*fb_blank)(int blank, struct fb_info *info);
};

struct fb_info {
	int node;                  /* N of fbN */
	struct fb_var_screeninfo var;
	struct fb_fix_screeninfo fix;
	const struct fb_ops *fbops;
	u8 *screen_base;           /* the CPU's view of the memory; NULL until allocated */
	int blank;                 /* the level last set */
	struct mutex lock;
	struct device *device;     /* the driver's device */
	struct device dev;         /* /sys/class/graphics/fbN */
	void *par;
};

int register_framebuffer(struct fb_info *info);
void unregister_framebuffer(struct fb_info *info);
/* Through the driver's fb_blank; remembered in info->blank when it
 * succeeds. */
int fb_blank(struct fb_info *info, int blank);
/* The registered fbN, or NULL. */
struct fb_info *registered_fb_get(int n);

#endif
