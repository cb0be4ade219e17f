/* The shell's command-line parser (shell/parse.c), portable: the host
 * tests run it too. */
#ifndef _SHELL_PARSE_H
#define _SHELL_PARSE_H

#include <linux/types.h>

#define SH_MAX_ARGS 32

/* One command: its words, and the file its output goes to. */
struct sh_cmd {
	int argc;
	char *argv[SH_MAX_ARGS + 1]; /* argv[argc] is NULL */
	char *redirect;              /* after '>' or '>>', or NULL */
	bool append;
};

/* What ended a command. */
enum sh_sep {
	SH_SEP_END,       /* the end of the text */
	SH_SEP_SEMICOLON, /* ';' */
	SH_SEP_NEWLINE,   /* '\n' */
};

/* Parse the command at *pos, in place: each word is NUL-terminated where
 * it stands, quotes and backslashes removed. *pos moves past the command
 * and its separator, which *sep says. Returns 1 with a command (argc 0
 * and no redirect: an empty one), 0 at the end of the text, or -EINVAL
 * with *err saying what is wrong ("syntax error: unterminated quoted
 * string"). With dry, nothing is written: the text is only checked. */
int sh_parse(char **pos, struct sh_cmd *cmd, enum sh_sep *sep, const char **err, bool dry);

#endif
