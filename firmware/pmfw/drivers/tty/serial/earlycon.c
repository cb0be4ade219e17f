/*
 * The boot console (Linux's drivers/tty/serial/earlycon.c with the PL011's
 * early write): from the first message until the PL011 driver registers
 * its console, printk writes by polling the UART that /chosen/stdout-path
 * names. pmsim leaves the UART as reset left it, so this sets 115200 8N1
 * from an assumed 24 MHz UARTCLK (the driver programs the real divisor
 * from its clock later) and enables the transmitter only: the receiver
 * stays off until the tty is opened, so that input waits at the far end
 * instead of overrunning a FIFO nobody reads.
 */
#include <linux/io.h>
#include <linux/kernel.h>
#include <linux/of.h>
#include <linux/printk.h>
#include <linux/string.h>

#define UARTDR 0x000
#define UARTFR 0x018
#define UARTIBRD 0x024
#define UARTFBRD 0x028
#define UARTLCR_H 0x02c
#define UARTCR 0x030
#define FR_BUSY (1u << 3)
#define FR_TXFF (1u << 5)
#define LCRH_WLEN8 (3u << 5)
#define LCRH_FEN (1u << 4)
#define CR_UARTEN (1u << 0)
#define CR_TXE (1u << 8)

static void __iomem *early_base;

static void pl011_early_write(struct console *con, const char *s, unsigned int n)
{
	(void)con;
	for (unsigned int i = 0; i < n; i++) {
		while (readl(early_base + UARTFR) & FR_TXFF)
			;
		writel((u8)s[i], early_base + UARTDR);
	}
	/* As Linux's pl011_console_write: the message is on the wire before
	 * printk returns (a run may end right after it). */
	while (readl(early_base + UARTFR) & FR_BUSY)
		;
}

static struct console early_console = {
	.name = "pl11",
	.write = pl011_early_write,
	.flags = CON_BOOT | CON_ENABLED,
};

struct device_node *of_stdout;

/* The node stdout-path names ("/soc/serial@40004000:115200" or an alias). */
static struct device_node *of_stdout_node(void)
{
	const char *path;
	char buf[96];
	if (!of_chosen || of_property_read_string(of_chosen, "stdout-path", &path))
		return NULL;
	size_t n = strcspn(path, ":");
	if (n >= sizeof buf)
		return NULL;
	memcpy(buf, path, n);
	buf[n] = '\0';
	return of_find_node_by_path(buf);
}

int setup_earlycon(void)
{
	struct device_node *np = of_stdout = of_stdout_node();
	struct resource r;
	if (!np || !of_device_is_compatible(np, "arm,pl011") || of_address_to_resource(np, 0, &r))
		return -1;
	early_base = ioremap(r.start, resource_size(&r));
	writel(0, early_base + UARTCR);
	writel(13, early_base + UARTIBRD); /* 24 MHz / (16 * 115200) = 13.02 */
	writel(1, early_base + UARTFBRD);
	writel(LCRH_WLEN8 | LCRH_FEN, early_base + UARTLCR_H);
	writel(CR_UARTEN | CR_TXE, early_base + UARTCR);
	register_console(&early_console);
	return 0;
}

/* The driver's console took over (drivers/tty/serial/serial_core.c). */
void earlycon_unregister(void)
{
	if (early_base && !unregister_console(&early_console))
		pr_info("printk: bootconsole [%s] disabled\n", early_console.name);
}
