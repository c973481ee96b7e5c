/* x86_64 CPU details shared by the port's files: segment selectors, the TSS, the FXSAVE
 * form, and what reloads the UTCB pointer's segment into FS. */
#ifndef TERN_X86_64_CPU_H
#define TERN_X86_64_CPU_H

#include <arch/x86/x86.h>

#define KERNEL_CS 0x08
#define KERNEL_DS 0x10
#define USER_DS 0x1b          /* 0x18 | RPL 3: sysret loads SS = STAR.sysret + 8 */
#define USER_CS 0x23          /* 0x20 | RPL 3: sysret loads CS = STAR.sysret + 16 */
#define TSS_SEL 0x28
#define UTCB_SEL 0x3b         /* 0x38 | RPL 3: base HAL_UTCB_POINTER_VA, for %fs:0 */

/* The CPU's vectors and the IRQs': system calls come by `syscall`, not through a gate. */
#define X86_IDT_ENTRIES VEC_IRQ_END
#define X86_USER_GATE (-1)

/* The frame's accumulator and data registers: what an emulated `in`/`out` uses (io_ports.c). */
#define X86_FRAME_AX rax
#define X86_FRAME_DX rdx

/* The FXSAVE form that saves the full 64-bit instruction and data pointers. */
#define X86_FXSAVE "fxsave64"
#define X86_FXRSTOR "fxrstor64"

#ifndef __ASSEMBLY__
struct tss {
    unsigned reserved0;
    unsigned long sp0, rsp1, rsp2, reserved1;   /* sp0: interrupts and `syscall` (TSS.rsp0) */
    unsigned long ist[7];
    unsigned long reserved2;
    unsigned short reserved3, iomap_base;
} __attribute__((packed));
extern struct tss tss;                /* the fast path writes sp0 (tss+4) */

/* An IDT entry: the gate both modes begin with, then offset bits 32-63. */
typedef struct {
    struct x86_gate gate;
    unsigned offset_high, reserved;
} __attribute__((packed)) x86_idt_entry_t;

static inline x86_idt_entry_t x86_idt_gate(unsigned long addr, unsigned char type)
{
    return (x86_idt_entry_t){ x86_gate(addr, KERNEL_CS, type), (unsigned)(addr >> 32), 0 };
}

/* FS selects the segment based at the UTCB pointer page, where user code reads %fs:0. A
 * thread that loads FS changes it for itself: it is reloaded on every switch, so the
 * change stays that thread's own until it is switched away. */
static inline void x86_reload_utcb_segment(void)
{
    __asm__ __volatile__("mov %0, %%fs" : : "r"(UTCB_SEL));
}
#endif
#endif
