/*
 * A plain newlib-nano/rdimon semihosting program: stdio through ":tt",
 * malloc on the heap that SYS_HEAPINFO describes, argv from
 * SYS_GET_CMDLINE, a refused host file, and an exit status.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv)
{
	char *p = malloc(1000);
	if (!p)
		return 1;
	strcpy(p, "heap ok");
	printf("newlib: %s, argc=%d, last arg %s\n", p, argc, argv[argc - 1]);
	FILE *f = fopen("no-such-file.txt", "r");
	printf("fopen: %s\n", f ? "opened" : "refused");
	free(p);
	return 5;
}
