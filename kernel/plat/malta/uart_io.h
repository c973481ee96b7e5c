/* Malta's 16550 (COM1) at ISA port 0x3f8. */
#ifndef TERN_MALTA_UART_IO_H
#define TERN_MALTA_UART_IO_H
#include <plat/malta/isa_io.h>

#define COM1 0x3f8

static inline void uart_write(unsigned reg, unsigned char v) { outb(COM1 + reg, v); }
static inline unsigned char uart_read(unsigned reg) { return inb(COM1 + reg); }
#endif
