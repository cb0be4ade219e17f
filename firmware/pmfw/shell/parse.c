/*
 * The shell's command-line syntax, a small subset of POSIX sh's:
 *
 *   words    separated by blanks (space, tab, CR);
 *   'text'   taken literally, newlines and ';' included;
 *   "text"   taken literally but for \" \\ \$ \` (the character) and
 *            backslash-newline (nothing);
 *   \c       the character c; backslash-newline joins two lines;
 *   ;  \n    end a command;
 *   # ...    at the start of a word, a comment to the end of the line;
 *   > FILE   the command's output goes to FILE (">>" too: sysfs and
 *            debugfs files have no end to append to, so it is the same).
 *
 * No variables, globs, pipes or control structures: the commands are
 * simple ones, and the shell's job is to run them in order.
 *
 * Parsing is in place: a word is copied over the text it came from, never
 * ahead of where it is read (removing quotes only shortens it), and the
 * character a word ends at is read before the word's NUL is written over
 * it.
 */
#include <linux/errno.h>
#include <linux/string.h>

#include "parse.h"

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static bool ends_word(char c)
{
	return !c || is_blank(c) || c == ';' || c == '\n' || c == '>';
}

/* Copy one word from *rp to *wp (unless dry). 0, or -EINVAL. */
static int read_word(char **rp, char **wp, const char **err, bool dry)
{
	char *r = *rp, *w = *wp;
	while (!ends_word(*r)) {
		char c = *r;
		if (c == '\'') {
			for (r++; *r && *r != '\''; r++)
				if (!dry)
					*w++ = *r;
			if (!*r)
				goto unterminated;
			r++;
		} else if (c == '"') {
			for (r++; *r && *r != '"'; r++) {
				if (*r == '\\' && r[1] == '\n') {
					r++;
					continue;
				}
				if (*r == '\\' && (r[1] == '"' || r[1] == '\\' || r[1] == '$' || r[1] == '`'))
					r++;
				if (!dry)
					*w++ = *r;
			}
			if (!*r)
				goto unterminated;
			r++;
		} else if (c == '\\') {
			if (r[1] == '\n') {
				r += 2;
			} else if (!r[1]) {
				r++;
			} else {
				if (!dry)
					*w++ = r[1];
				r += 2;
			}
		} else {
			if (!dry)
				*w++ = c;
			r++;
		}
	}
	*rp = r;
	*wp = w;
	return 0;

unterminated:
	*err = "syntax error: unterminated quoted string";
	return -EINVAL;
}

int sh_parse(char **pos, struct sh_cmd *cmd, enum sh_sep *sep, const char **err, bool dry)
{
	char *r = *pos;
	int pending = -1; /* the character at r, when a word's NUL replaced it */
	bool want_target = false;
	cmd->argc = 0;
	cmd->argv[0] = NULL;
	cmd->redirect = NULL;
	cmd->append = false;
	*sep = SH_SEP_END;
	if (!*r)
		return 0;
	for (;;) {
		char c = pending >= 0 ? (char)pending : *r;
		pending = -1;
		if (is_blank(c)) {
			r++;
			continue;
		}
		if (c == '#') {
			while (*r && *r != '\n')
				r++;
			continue;
		}
		if (!c || c == ';' || c == '\n') {
			if (want_target) {
				*err = c == ';' ? "syntax error: unexpected \";\""
						: "syntax error: unexpected newline";
				return -EINVAL;
			}
			if (c)
				r++;
			*sep = !c ? SH_SEP_END : c == ';' ? SH_SEP_SEMICOLON : SH_SEP_NEWLINE;
			*pos = r;
			return 1;
		}
		if (c == '>') {
			if (want_target) {
				*err = "syntax error: unexpected redirection";
				return -EINVAL;
			}
			r++;
			if (*r == '>') {
				r++;
				cmd->append = true;
			}
			want_target = true;
			continue;
		}
		char *word = r, *w = r;
		int e = read_word(&r, &w, err, dry);
		if (e)
			return e;
		if (!dry) {
			if (w == r)
				pending = (unsigned char)*r;
			*w = '\0';
		}
		if (want_target) {
			cmd->redirect = word;
			want_target = false;
		} else if (cmd->argc < SH_MAX_ARGS) {
			cmd->argv[cmd->argc++] = word;
			cmd->argv[cmd->argc] = NULL;
		} else {
			*err = "too many arguments";
			return -E2BIG;
		}
	}
}
