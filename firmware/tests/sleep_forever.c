/* Sleeps with every interrupt masked and nothing scheduled: it can never
 * wake up, which pmsim reports instead of spinning. */
int main(void)
{
	__asm__ volatile("cpsid i");
	for (;;)
		__asm__ volatile("wfi");
}
