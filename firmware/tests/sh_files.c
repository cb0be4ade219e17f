/*
 * Host files through semihosting under --semihosting-root: write a file,
 * read it back, and check that escapes from the root are refused.
 * Exits 0 when every check passes, else the number of the failed check.
 */
#include <stdio.h>
#include <string.h>

int main(void)
{
	FILE *f = fopen("out.txt", "w");
	if (!f)
		return 1;
	fputs("written by the guest\n", f);
	fclose(f);

	char line[64] = "";
	f = fopen("out.txt", "r");
	if (!f)
		return 2;
	if (!fgets(line, sizeof line, f))
		return 3;
	fclose(f);
	if (strcmp(line, "written by the guest\n"))
		return 4;

	if (fopen("../escape.txt", "w"))
		return 5;
	if (fopen("/etc/passwd", "r"))
		return 6;
	printf("files ok\n");
	return 0;
}
