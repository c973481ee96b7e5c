/* ia32 CPU details shared by the port's files: segment selectors, the TSS, the FXSAVE
 * form, and reloading GS, the UTCB pointer's segment. */
#ifndef TERN_IA32_CPU_H
#define TERN_IA32_CPU_H

#include <arch/x86/x86.h>
#include <arch/ia32/selectors.h>
#include <tern/kernel/asm_abi.h>

/* The CPU's vectors, the IRQs', then the gate of the calls other than IPC. */
#define X86_IDT_ENTRIES (ENTRY_VECTOR + 1)
#define X86_USER_GATE ENTRY_VECTOR

#define X86_FXSAVE "fxsave"
#define X86_FXRSTOR "fxrstor"

#ifndef __ASSEMBLY__
struct tss {
    unsigned short link, reserved0;
    unsigned long sp0;            /* traps and sysenter (TSS.esp0) */
    unsigned short ss0, reserved1;
    unsigned long unused[22];     /* esp1 .. ldt: no other rings, no hardware task switch */
    unsigned short trap, iomap_base;
} __attribute__((packed));
extern struct tss tss;                /* the fast path writes sp0 (tss+4) */

struct idt_entry {
    unsigned short offset_low, selector;
    unsigned char zero, type;
    unsigned short offset_high;
} __attribute__((packed));

static inline struct idt_entry x86_idt_gate(unsigned long addr, unsigned char type)
{
    return (struct idt_entry){ (unsigned short)addr, KERNEL_CS, 0, type, (unsigned short)(addr >> 16) };
}

/* The previous thread may have loaded its own GS: each thread starts with the UTCB's. */
static inline void x86_reload_utcb_segment(void)
{
    __asm__ __volatile__("mov %0, %%gs" : : "r"(UTCB_SEL));
}
#endif
#endif
