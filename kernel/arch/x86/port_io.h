/* Port I/O: outb/inb, outw/inw, outl/inl. */
#ifndef TERN_X86_PORT_IO_H
#define TERN_X86_PORT_IO_H
#define X86_PORT_IO(sfx, type) \
    static inline void out##sfx(unsigned short port, type v) \
    { __asm__ __volatile__("out" #sfx " %0, %1" : : "a"(v), "Nd"(port)); } \
    static inline type in##sfx(unsigned short port) \
    { type v; __asm__ __volatile__("in" #sfx " %1, %0" : "=a"(v) : "Nd"(port)); return v; }
X86_PORT_IO(b, unsigned char)
X86_PORT_IO(w, unsigned short)
X86_PORT_IO(l, unsigned)
#undef X86_PORT_IO
#endif
