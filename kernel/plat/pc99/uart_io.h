/* The PC's COM1 16550 through port I/O (ia32 and x86_64 alike). */
#ifndef TERN_X86_UART_IO_H
#define TERN_X86_UART_IO_H
#include <arch/x86/port_io.h>

#define COM1 0x3f8

static inline void uart_write(unsigned reg, unsigned char v) { outb((unsigned short)(COM1 + reg), v); }
static inline unsigned char uart_read(unsigned reg) { return inb((unsigned short)(COM1 + reg)); }
#endif
