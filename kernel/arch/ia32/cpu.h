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

/* The frame's accumulator and data registers: what an emulated `in`/`out` uses (io_ports.c). */
#define X86_FRAME_AX eax
#define X86_FRAME_DX edx

#define X86_FXSAVE "fxsave"
#define X86_FXRSTOR "fxrstor"

#ifndef __ASSEMBLY__
/* The TSS: only the ring-0 stack (ESP0, SS0: traps and sysenter start there) and the
 * I/O map base matter; no other rings, no hardware task switch. */
struct tss {
    unsigned long link, sp0, ss0;
    unsigned long unused[22];
    unsigned short trap, iomap_base;
} __attribute__((packed));
extern struct tss tss;                /* the fast path writes sp0 (tss+4) */

/* An IDT entry is the gate both modes begin with. */
typedef struct x86_gate x86_idt_entry_t;
#define x86_idt_gate(addr, type) x86_gate(addr, KERNEL_CS, type)

/* The previous thread may have loaded its own GS: each thread starts with the UTCB's. */
static inline void x86_reload_utcb_segment(void)
{
    __asm__ __volatile__("mov %0, %%gs" : : "r"(UTCB_SEL));
}
#endif
#endif
