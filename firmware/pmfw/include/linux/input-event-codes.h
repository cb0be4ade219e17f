/*
 * Input event codes (Linux's include/uapi/linux/input-event-codes.h),
 * with Linux's values: the event types, the synchronization codes, and
 * the keys pmfw names.
 *
 * The keys are one table, INPUT_KEYS(X): X(NAME, CODE) for each. It
 * defines the KEY_ and BTN_ constants (as enumerators: Linux's are
 * macros) and the names the input core gives (input_key_name(): the trace
 * markers, evtest), so that a code and its name cannot drift apart. It
 * holds Linux's keyboard block (1-127), the system, media and radio keys
 * a board's buttons use, and the first buttons; a code outside it is
 * still a valid key (a device tree gives numbers), only nameless.
 */
#ifndef _LINUX_INPUT_EVENT_CODES_H
#define _LINUX_INPUT_EVENT_CODES_H

/* Event types. */
#define EV_SYN 0x00
#define EV_KEY 0x01
#define EV_REL 0x02
#define EV_ABS 0x03
#define EV_MSC 0x04
#define EV_SW 0x05
#define EV_LED 0x11
#define EV_SND 0x12
#define EV_REP 0x14
#define EV_FF 0x15
#define EV_PWR 0x16
#define EV_FF_STATUS 0x17
#define EV_MAX 0x1f
#define EV_CNT (EV_MAX + 1)

/* Synchronization events. */
#define SYN_REPORT 0
#define SYN_CONFIG 1
#define SYN_MT_REPORT 2
#define SYN_DROPPED 3

/* Keys and buttons. */
#define INPUT_KEYS(X)                                                                   \
	X(KEY_RESERVED, 0) X(KEY_ESC, 1) X(KEY_1, 2) X(KEY_2, 3) X(KEY_3, 4) X(KEY_4, 5)  \
	X(KEY_5, 6) X(KEY_6, 7) X(KEY_7, 8) X(KEY_8, 9) X(KEY_9, 10) X(KEY_0, 11)         \
	X(KEY_MINUS, 12) X(KEY_EQUAL, 13) X(KEY_BACKSPACE, 14) X(KEY_TAB, 15)             \
	X(KEY_Q, 16) X(KEY_W, 17) X(KEY_E, 18) X(KEY_R, 19) X(KEY_T, 20) X(KEY_Y, 21)     \
	X(KEY_U, 22) X(KEY_I, 23) X(KEY_O, 24) X(KEY_P, 25) X(KEY_LEFTBRACE, 26)          \
	X(KEY_RIGHTBRACE, 27) X(KEY_ENTER, 28) X(KEY_LEFTCTRL, 29) X(KEY_A, 30)           \
	X(KEY_S, 31) X(KEY_D, 32) X(KEY_F, 33) X(KEY_G, 34) X(KEY_H, 35) X(KEY_J, 36)     \
	X(KEY_K, 37) X(KEY_L, 38) X(KEY_SEMICOLON, 39) X(KEY_APOSTROPHE, 40)              \
	X(KEY_GRAVE, 41) X(KEY_LEFTSHIFT, 42) X(KEY_BACKSLASH, 43) X(KEY_Z, 44)           \
	X(KEY_X, 45) X(KEY_C, 46) X(KEY_V, 47) X(KEY_B, 48) X(KEY_N, 49) X(KEY_M, 50)     \
	X(KEY_COMMA, 51) X(KEY_DOT, 52) X(KEY_SLASH, 53) X(KEY_RIGHTSHIFT, 54)            \
	X(KEY_KPASTERISK, 55) X(KEY_LEFTALT, 56) X(KEY_SPACE, 57) X(KEY_CAPSLOCK, 58)     \
	X(KEY_F1, 59) X(KEY_F2, 60) X(KEY_F3, 61) X(KEY_F4, 62) X(KEY_F5, 63)             \
	X(KEY_F6, 64) X(KEY_F7, 65) X(KEY_F8, 66) X(KEY_F9, 67) X(KEY_F10, 68)            \
	X(KEY_NUMLOCK, 69) X(KEY_SCROLLLOCK, 70) X(KEY_KP7, 71) X(KEY_KP8, 72)            \
	X(KEY_KP9, 73) X(KEY_KPMINUS, 74) X(KEY_KP4, 75) X(KEY_KP5, 76) X(KEY_KP6, 77)    \
	X(KEY_KPPLUS, 78) X(KEY_KP1, 79) X(KEY_KP2, 80) X(KEY_KP3, 81) X(KEY_KP0, 82)     \
	X(KEY_KPDOT, 83) X(KEY_ZENKAKUHANKAKU, 85) X(KEY_102ND, 86) X(KEY_F11, 87)        \
	X(KEY_F12, 88) X(KEY_RO, 89) X(KEY_KATAKANA, 90) X(KEY_HIRAGANA, 91)              \
	X(KEY_HENKAN, 92) X(KEY_KATAKANAHIRAGANA, 93) X(KEY_MUHENKAN, 94)                 \
	X(KEY_KPJPCOMMA, 95) X(KEY_KPENTER, 96) X(KEY_RIGHTCTRL, 97) X(KEY_KPSLASH, 98)   \
	X(KEY_SYSRQ, 99) X(KEY_RIGHTALT, 100) X(KEY_LINEFEED, 101) X(KEY_HOME, 102)       \
	X(KEY_UP, 103) X(KEY_PAGEUP, 104) X(KEY_LEFT, 105) X(KEY_RIGHT, 106)              \
	X(KEY_END, 107) X(KEY_DOWN, 108) X(KEY_PAGEDOWN, 109) X(KEY_INSERT, 110)          \
	X(KEY_DELETE, 111) X(KEY_MACRO, 112) X(KEY_MUTE, 113) X(KEY_VOLUMEDOWN, 114)      \
	X(KEY_VOLUMEUP, 115) X(KEY_POWER, 116) X(KEY_KPEQUAL, 117)                        \
	X(KEY_KPPLUSMINUS, 118) X(KEY_PAUSE, 119) X(KEY_SCALE, 120) X(KEY_KPCOMMA, 121)   \
	X(KEY_HANGEUL, 122) X(KEY_HANJA, 123) X(KEY_YEN, 124) X(KEY_LEFTMETA, 125)        \
	X(KEY_RIGHTMETA, 126) X(KEY_COMPOSE, 127) X(KEY_HELP, 138) X(KEY_MENU, 139)       \
	X(KEY_SLEEP, 142) X(KEY_WAKEUP, 143) X(KEY_BACK, 158) X(KEY_FORWARD, 159)         \
	X(KEY_NEXTSONG, 163) X(KEY_PLAYPAUSE, 164) X(KEY_PREVIOUSSONG, 165)               \
	X(KEY_STOPCD, 166) X(KEY_HOMEPAGE, 172) X(KEY_SUSPEND, 205) X(KEY_CAMERA, 212)    \
	X(KEY_SEARCH, 217) X(KEY_BRIGHTNESSDOWN, 224) X(KEY_BRIGHTNESSUP, 225)            \
	X(KEY_BATTERY, 236) X(KEY_BLUETOOTH, 237) X(KEY_WLAN, 238) X(KEY_UNKNOWN, 240)    \
	X(KEY_RFKILL, 247) X(KEY_MICMUTE, 248) X(BTN_0, 0x100) X(BTN_1, 0x101)            \
	X(BTN_2, 0x102) X(BTN_3, 0x103) X(BTN_LEFT, 0x110) X(BTN_RIGHT, 0x111)            \
	X(BTN_MIDDLE, 0x112)

#define __INPUT_KEY_ENUM(name, code) name = code,
enum input_key_code { INPUT_KEYS(__INPUT_KEY_ENUM) };
#undef __INPUT_KEY_ENUM

#define KEY_MAX 0x2ff
#define KEY_CNT (KEY_MAX + 1)

#endif
