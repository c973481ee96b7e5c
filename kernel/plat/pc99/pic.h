/* The PC's interrupt controllers (pic_pit.c): end of interrupt for an IRQ vector; and the
 * I/O ports the kernel keeps (kernel_ports.c). */
#ifndef TERN_PC99_PIC_H
#define TERN_PC99_PIC_H
void pic_eoi(unsigned long vector);
int pc99_kernel_port(unsigned long port);
#endif
