/* The PL011 UART's registers (include/linux/amba/serial.h; the PL011
 * TRM, pmsim's docs/devices/pl011.md). */
#ifndef _LINUX_AMBA_SERIAL_H
#define _LINUX_AMBA_SERIAL_H

#define UART01x_DR 0x00   /* data: read or write */
#define UART01x_RSR 0x04  /* receive status (read) / error clear (write) */
#define UART01x_FR 0x18   /* flags */
#define UART011_IBRD 0x24 /* integer baud divisor */
#define UART011_FBRD 0x28 /* fractional baud divisor */
#define UART011_LCRH 0x2c /* line control */
#define UART011_CR 0x30   /* control */
#define UART011_IFLS 0x34 /* interrupt FIFO level select */
#define UART011_IMSC 0x38 /* interrupt mask set/clear */
#define UART011_RIS 0x3c  /* raw interrupt status */
#define UART011_MIS 0x40  /* masked interrupt status */
#define UART011_ICR 0x44  /* interrupt clear */
#define UART011_DMACR 0x48

#define UART011_DR_OE (1 << 11)
#define UART011_DR_BE (1 << 10)
#define UART011_DR_PE (1 << 9)
#define UART011_DR_FE (1 << 8)

#define UART011_FR_TXFE 0x080
#define UART011_FR_RXFF 0x040
#define UART01x_FR_TXFF 0x020
#define UART01x_FR_RXFE 0x010
#define UART01x_FR_BUSY 0x008

#define UART011_CR_CTSEN 0x8000
#define UART011_CR_RTSEN 0x4000
#define UART011_CR_RTS 0x0800
#define UART011_CR_RXE 0x0200
#define UART011_CR_TXE 0x0100
#define UART01x_CR_UARTEN 0x0001

#define UART01x_LCRH_WLEN_8 0x60
#define UART01x_LCRH_FEN 0x10

#define UART011_IFLS_RX4_8 (2 << 3)
#define UART011_IFLS_TX4_8 (2 << 0)

#define UART011_OEIS (1 << 10)
#define UART011_BEIS (1 << 9)
#define UART011_PEIS (1 << 8)
#define UART011_FEIS (1 << 7)
#define UART011_RTIS (1 << 6)
#define UART011_TXIS (1 << 5)
#define UART011_RXIS (1 << 4)

#define UART011_OEIM (1 << 10)
#define UART011_BEIM (1 << 9)
#define UART011_PEIM (1 << 8)
#define UART011_FEIM (1 << 7)
#define UART011_RTIM (1 << 6)
#define UART011_TXIM (1 << 5)
#define UART011_RXIM (1 << 4)

#define UART011_DMAONERR (1 << 2) /* DMA requests off on a receive error */
#define UART011_TXDMAE (1 << 1)   /* transmit DMA requests */
#define UART011_RXDMAE (1 << 0)   /* receive DMA requests */

#endif
