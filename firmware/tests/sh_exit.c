/*
 * Semihosting console and exit: prints one line to stdout and one to
 * stderr, echoes its command line, and exits with the status given as its
 * last argument. (picolibc passes the whole semihosting command line, image
 * name first, as argv[1..].)
 */
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	printf("stdout: argc=%d", argc);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("\n");
	fprintf(stderr, "stderr: hello\n");
	return argc > 2 ? atoi(argv[argc - 1]) : 0;
}
