/* Control registers, MSRs, flags and the IRQ vectors: the same on ia32 and x86_64 (the
 * registers are a word wide on either, so `unsigned long` fits both). */
#ifndef TERN_X86_H
#define TERN_X86_H

#define VEC_TIMER 32          /* PIC master remapped to 32..39, slave to 40..47 */
#define VEC_IRQ_END 48

#define FLAGS_IF 0x200
#define FLAGS_USER_MASK 0xcd5UL   /* CF PF AF ZF SF DF OF: what a user may set */

#define CR0_MP (1UL << 1)
#define CR0_EM (1UL << 2)
#define CR0_TS (1UL << 3)
#define CR0_PG (1UL << 31)
#define CR4_PSE (1UL << 4)
#define CR4_OSFXSR (1UL << 9)
#define CR4_OSXMMEXCPT (1UL << 10)

#ifndef __ASSEMBLY__
static inline void wrmsr(unsigned msr, unsigned long long v)
{
    __asm__ __volatile__("wrmsr" : : "c"(msr), "a"((unsigned)v), "d"((unsigned)(v >> 32)));
}
#define X86_CR_ACCESSORS(n) \
    static inline unsigned long read_cr##n(void) \
    { unsigned long v; __asm__ __volatile__("mov %%cr" #n ", %0" : "=r"(v)); return v; } \
    static inline void write_cr##n(unsigned long v) \
    { __asm__ __volatile__("mov %0, %%cr" #n : : "r"(v) : "memory"); }
X86_CR_ACCESSORS(0)
X86_CR_ACCESSORS(2)
X86_CR_ACCESSORS(3)
X86_CR_ACCESSORS(4)
#undef X86_CR_ACCESSORS

/* Model-specific registers: the system call entries and FS.base. */
#define MSR_SYSENTER_CS 0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176
#define MSR_EFER 0xC0000080
#define MSR_STAR 0xC0000081
#define MSR_LSTAR 0xC0000082
#define MSR_CSTAR 0xC0000083
#define MSR_FMASK 0xC0000084
#define MSR_FS_BASE 0xC0000100

/* A descriptor table's address for lgdt and lidt. */
struct x86_table_ptr {
    unsigned short limit;
    unsigned long base;
} __attribute__((packed));

/* An interrupt gate as both modes begin it: offset bits 0-15, the code selector, the IST
 * (0 on ia32), the type, offset bits 16-31. Long mode adds bits 32-63 (its cpu.h). */
struct x86_gate {
    unsigned short offset_low, selector;
    unsigned char ist, type;
    unsigned short offset_mid;
} __attribute__((packed));

/* A byte-granular 32-bit data segment at base, DPL 3: the UTCB pointer page's, which
 * both x86 arches load into their UTCB segment register (GS, FS). */
static inline unsigned long long x86_user_data_segment(unsigned long base, unsigned long limit)
{
    return (limit & 0xffff) | ((unsigned long long)(base & 0xffffff) << 16) |
           (0xf2ULL << 40) | ((unsigned long long)((limit >> 16) & 0xf) << 48) |
           (0x4ULL << 52) | ((unsigned long long)((base >> 24) & 0xff) << 56);
}

static inline struct x86_gate x86_gate(unsigned long addr, unsigned short cs, unsigned char type)
{
    return (struct x86_gate){ (unsigned short)addr, cs, 0, type, (unsigned short)(addr >> 16) };
}

/* The IDT (idt.c): a gate for each of the port's interrupt stubs (isr_table, from
 * glue/x86/entry_shared.inc), open to user mode only for the port's X86_USER_GATE. */
extern const unsigned long isr_table[];
void x86_idt_init(void);

/* The FPU (fpu.c): set up; the rest is the HAL's (hal.h). */
void fpu_init(void);

/* User port I/O (io_ports.c): do a trapped `in` or `out` the space may do; 1 if done. */
struct hal_frame;
struct hal_space;
int x86_io_emulate(struct hal_frame *f, struct hal_space *s);
/* The board's I/O ports the kernel keeps (its plat/ folder says which): never a user's. */
int x86_kernel_port(unsigned long port);

/* The port's half of trap handling (its glue's traps.c): its own vectors and kernel-mode
 * fixups. Returns 1 when it dealt with the trap. */
struct hal_frame;
int x86_arch_trap(struct hal_frame *f, int from_user);
#endif
#endif
