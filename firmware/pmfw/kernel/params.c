/*
 * The command line (Linux's init/main.c and kernel/params.c): pmsim puts
 * the guest's arguments into /chosen/bootargs (docs/boot.md). Its words
 * are kernel parameters (each registered with __setup or early_param:
 * "quiet", "loglevel=4", ...) up to "--" or up to the first word that is
 * not one; everything from there on is the command line of init, the
 * shell, which runs it before it reads the console (docs/pmfw.md). So
 *   pmsim run pmfw.elf -- 'quiet cat /sys/kernel/debug/clk/clk_summary; poweroff'
 * boots quietly, runs two shell commands and ends the run.
 */
#include <linux/errno.h>
#include <linux/init.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/string.h>

#include "params.h"

#define COMMAND_LINE_SIZE 1024

char boot_command_line[COMMAND_LINE_SIZE];
static char params_copy[COMMAND_LINE_SIZE];
static const char *init_command = "";

extern const struct obs_kernel_param __setup_start[], __setup_end[];

/* The parameter `word` names, or NULL. __setup("name=", fn) takes
 * "name=value"; __setup("name", fn) and early_param("name", fn) take
 * "name" and "name=value" (fn gets what follows the '=', or ""). */
static const struct obs_kernel_param *find_param(const char *word, size_t len, char **value)
{
	const char *eq = memchr(word, '=', len);
	size_t name_len = eq ? (size_t)(eq - word) : len;
	for (const struct obs_kernel_param *p = __setup_start; p < __setup_end; p++) {
		size_t n = strlen(p->str);
		if (n && p->str[n - 1] == '=') {
			if (len >= n && !strncmp(word, p->str, n)) {
				*value = (char *)word + n;
				return p;
			}
		} else if (n == name_len && !strncmp(word, p->str, n)) {
			*value = (char *)word + (eq ? name_len + 1 : len);
			return p;
		}
	}
	return NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n';
}

/* The kernel's words, split in place in params_copy once: handlers may
 * keep pointers to their values (Linux's parse_args does the same). */
#define MAX_PARAMS 64
static char *param_words[MAX_PARAMS];
static unsigned int nparams;

static void split_params(void)
{
	char *s = params_copy;
	while (*s && nparams < MAX_PARAMS) {
		while (is_space(*s))
			s++;
		if (!*s)
			break;
		param_words[nparams++] = s;
		while (*s && !is_space(*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
}

static void parse_params(bool early)
{
	for (unsigned int i = 0; i < nparams; i++) {
		char *w = param_words[i], *value;
		const struct obs_kernel_param *p = find_param(w, strlen(w), &value);
		if (p && (bool)p->early == early && !p->setup_func(value))
			pr_warn("Malformed kernel parameter '%s', ignored\n", w);
	}
}

int setup_command_line(void)
{
	const char *args = "";
	if (of_chosen)
		of_property_read_string(of_chosen, "bootargs", &args);
	/* Linux cuts a longer one short; the words past the cut would be
	 * lost without a trace, so pmfw refuses it (start_kernel says so). */
	if (strscpy(boot_command_line, args, sizeof boot_command_line) < 0)
		return -E2BIG;
	/* The kernel's words end at "--" or at the first word that is no
	 * parameter; init's command line is the rest, verbatim. */
	const char *s = boot_command_line;
	size_t kernel_len = 0;
	for (;;) {
		while (is_space(*s))
			s++;
		if (!*s)
			break;
		const char *w = s;
		while (*s && !is_space(*s))
			s++;
		size_t len = (size_t)(s - w);
		char *value;
		if (len == 2 && !strncmp(w, "--", 2)) {
			kernel_len = (size_t)(w - boot_command_line);
			while (is_space(*s))
				s++;
			init_command = s;
			break;
		}
		if (!find_param(w, len, &value)) {
			kernel_len = (size_t)(w - boot_command_line);
			init_command = w;
			break;
		}
		kernel_len = (size_t)(s - boot_command_line);
	}
	memcpy(params_copy, boot_command_line, kernel_len);
	params_copy[kernel_len] = '\0';
	split_params();
	parse_params(true);
	return 0;
}

void parse_late_params(void)
{
	parse_params(false);
}

const char *get_init_command(void)
{
	return init_command;
}
