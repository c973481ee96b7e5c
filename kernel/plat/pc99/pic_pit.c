/* The PC's timer: the 8259 PICs (remapped past the CPU's exceptions) and PIT channel 0. */
#include <arch/x86/port_io.h>
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <plat/pc99/pic.h>

void hal_timer_init(unsigned hz)
{
    /* Remap the PICs to vectors 32..47, mask everything but IRQ 0. */
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, VEC_TIMER);     outb(0xa1, VEC_TIMER + 8);
    outb(0x21, 4);    outb(0xa1, 2);
    outb(0x21, 1);    outb(0xa1, 1);
    outb(0x21, 0xfe); outb(0xa1, 0xff);
    unsigned divisor = 1193182 / hz;
    outb(0x43, 0x34);                                 /* channel 0, rate generator */
    outb(0x40, (unsigned char)divisor);
    outb(0x40, (unsigned char)(divisor >> 8));
}

/* End of interrupt for an IRQ vector (the slave too for its eight). */
void pic_eoi(unsigned long vector)
{
    if (vector >= VEC_TIMER + 8)
        outb(0xa0, 0x20);
    outb(0x20, 0x20);
}
