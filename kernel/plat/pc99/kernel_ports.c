/* The PC's I/O ports the kernel keeps for itself: no I/O fpage ever reaches them. */
#include <arch/x86/x86.h>
#include <plat/pc99/uart_io.h>

int x86_kernel_port(unsigned long port)
{
    return (port >= 0x20 && port <= 0x21) ||     /* master PIC */
           (port >= 0xa0 && port <= 0xa1) ||     /* slave PIC */
           (port >= 0x40 && port <= 0x43) ||     /* PIT: the tick and the TSC's calibration */
           port == 0x61 ||                       /* PIT channel 2's gate */
           (port >= 0xf4 && port <= 0xf7) ||     /* QEMU's isa-debug-exit: hal_exit */
           (port >= COM1 && port <= COM1 + 7);   /* the console */
}
