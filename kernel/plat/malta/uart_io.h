/* Malta's 16550 sits at ISA port 0x3f8, i.e. physical 0x180003f8, seen through KSEG1. */
#ifndef TERN_MIPS64_UART_IO_H
#define TERN_MIPS64_UART_IO_H
#define MALTA_UART ((volatile unsigned char *)0xffffffffb80003f8UL)

static inline void uart_write(unsigned reg, unsigned char v) { MALTA_UART[reg] = v; }
static inline unsigned char uart_read(unsigned reg) { return MALTA_UART[reg]; }
#endif
