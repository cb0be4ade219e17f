/* The two vector-table entries the core needs at reset. */
extern void _start(void);
extern char __stack[];

__attribute__((section(".vectors"), used)) void *const vectors[2] = { __stack, _start };
