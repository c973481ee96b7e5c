/* Malta's ISA bus (the PIIX4 southbridge): port p at physical 0x18000000 + p, seen
 * uncached through KSEG1. */
#ifndef TERN_MALTA_ISA_IO_H
#define TERN_MALTA_ISA_IO_H
#define MALTA_ISA_IO ((volatile unsigned char *)0xffffffffb8000000UL)

static inline void outb(unsigned port, unsigned char v) { MALTA_ISA_IO[port] = v; }
static inline unsigned char inb(unsigned port) { return MALTA_ISA_IO[port]; }
#endif
