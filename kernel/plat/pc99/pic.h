/* The PC's interrupt controllers (pic_pit.c): end of interrupt for an IRQ vector. */
#ifndef TERN_PC99_PIC_H
#define TERN_PC99_PIC_H
void pic_eoi(unsigned long vector);
#endif
