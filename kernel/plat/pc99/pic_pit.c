/* The PC's timer and interrupt lines: the 8259 PICs (remapped past the CPU's exceptions),
 * PIT channel 0, and masking the lines user handlers take (interrupt threads). */
#include <arch/x86/port_io.h>
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <plat/pc99/pic.h>

/* What the PICs mask, slave in the high byte: everything but the timer and the cascade
 * (IRQ 2, so the slave's lines get through when they are unmasked). */
static unsigned imr = 0xfffa;

/* The lines the kernel keeps: its timer (0), the cascade (2) and its console's COM1 (4). */
#define KERNEL_IRQS ((1u << 0) | (1u << 2) | (1u << 4))
_Static_assert(TERN_INTERRUPTS == 16, "abi [arch] interrupts: the PC's two PICs have 16 lines");

int hal_irq_attachable(word_t irq)
{
    return irq < TERN_INTERRUPTS && !(KERNEL_IRQS >> irq & 1);
}

static void imr_write(unsigned v)
{
    imr = v;
    outb(0x21, (unsigned char)v);
    outb(0xa1, (unsigned char)(v >> 8));
}

void hal_irq_mask(word_t irq) { imr_write(imr | 1u << irq); }
void hal_irq_unmask(word_t irq) { imr_write(imr & ~(1u << irq)); }

void hal_timer_init(unsigned hz)
{
    /* Remap the PICs to vectors 32..47, mask everything but IRQ 0. */
    outb(0x20, 0x11); outb(0xa0, 0x11);
    outb(0x21, VEC_TIMER);     outb(0xa1, VEC_TIMER + 8);
    outb(0x21, 4);    outb(0xa1, 2);
    outb(0x21, 1);    outb(0xa1, 1);
    outb(0x21, (unsigned char)imr); outb(0xa1, (unsigned char)(imr >> 8));
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
