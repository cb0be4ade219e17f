/* Never exits: for --until and --max-insns. */
int main(void)
{
	for (volatile unsigned i = 0;; i++)
		;
}
