/*
 * x86_64 CPU setup: GDT with a TSS, IDT, the syscall MSRs, and the per-thread state a
 * context switch changes. Timer, traps, FPU and Multiboot are shared with ia32 (../x86).
 */
#include "cpu.h"
#include "hal.h"
#include <tern/kernel/asm_abi.h>
#include "kprintf.h"
#include "port_io.h"

struct tss {
    unsigned reserved0;
    word_t rsp0, rsp1, rsp2, reserved1;
    word_t ist[7];
    word_t reserved2;
    unsigned short reserved3, iomap_base;
} __attribute__((packed));

struct idt_entry {
    unsigned short offset_low, selector;
    unsigned char ist, type;
    unsigned short offset_mid;
    unsigned offset_high, reserved;
} __attribute__((packed));

struct table_ptr {
    unsigned short limit;
    word_t base;
} __attribute__((packed));

struct tss tss;                 /* global: the fast path writes rsp0 */
static word_t gdt[7] = {
    0,
    0x00af9a000000ffffUL,       /* 0x08 kernel code, 64-bit */
    0x00cf92000000ffffUL,       /* 0x10 kernel data */
    0x00cff2000000ffffUL,       /* 0x18 user data */
    0x00affa000000ffffUL,       /* 0x20 user code, 64-bit */
    0, 0,                       /* 0x28 TSS (16 bytes) */
};
static struct idt_entry idt[48];

extern const word_t isr_table[48];
extern void syscall_entry_asm(void);
extern void return_to_user(void);

#define MSR_EFER 0xC0000080
#define MSR_STAR 0xC0000081
#define MSR_LSTAR 0xC0000082
#define MSR_FMASK 0xC0000084
#define MSR_FS_BASE 0xC0000100

static void gdt_init(void)
{
    word_t base = (word_t)&tss;
    tss.iomap_base = sizeof tss;            /* no I/O bitmap: user port access faults */
    gdt[5] = (sizeof tss - 1) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
             (((base >> 24) & 0xff) << 56);
    gdt[6] = base >> 32;
    struct table_ptr p = { sizeof gdt - 1, (word_t)gdt };
    __asm__ __volatile__(
        "lgdt %0\n\t"
        "mov %1, %%ds\n\tmov %1, %%es\n\tmov %1, %%ss\n\t"
        "pushq %2\n\tlea 1f(%%rip), %%rax\n\tpushq %%rax\n\tlretq\n"
        "1: ltr %w3"
        : : "m"(p), "r"(KERNEL_DS), "i"(KERNEL_CS), "r"(TSS_SEL) : "rax", "memory");
}

static void idt_init(void)
{
    for (int i = 0; i < 48; i++) {
        word_t a = isr_table[i];
        idt[i] = (struct idt_entry){ (unsigned short)a, KERNEL_CS, 0, 0x8e,
                                     (unsigned short)(a >> 16), (unsigned)(a >> 32), 0 };
    }
    struct table_ptr p = { sizeof idt - 1, (word_t)idt };
    __asm__ __volatile__("lidt %0" : : "m"(p));
}

static void syscall_init(void)
{
    wrmsr(MSR_EFER, 0x501);                           /* LME | LMA | SCE */
    wrmsr(MSR_STAR, ((word_t)(USER_DS - 8 - 3) << 48) | ((word_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (word_t)syscall_entry_asm);
    wrmsr(MSR_FMASK, 0x47700);                        /* IF, DF, TF, AC, NT off in the kernel */
}

extern word_t utcb_pointer_word[];
void fpu_init(void);
void fpu_switch(struct hal_context *ctx);

void hal_cpu_init(void)
{
    fpu_init();
    gdt_init();
    idt_init();
    syscall_init();
    wrmsr(MSR_FS_BASE, HAL_UTCB_POINTER_VA);      /* for good: see hal_types.h */
}

/* ---- Traps (the shared dispatch is kernel/arch/x86/traps.c) ---------------------------- */

int x86_arch_trap(struct hal_frame *f, int from_user)
{
    (void)f, (void)from_user;
    return 0;                        /* system calls come by `syscall`, not by a gate */
}

_Noreturn void kernel_panic_frame(const struct hal_frame *f, const char *what)
{
    kprintf("\nKERNEL PANIC: %s (vector %lu, error %lx)\n", what, f->vector, f->error);
    kprintf("  rip %16lx  rsp %16lx  rflags %lx  cr2 %lx\n", f->rip, f->rsp, f->rflags, read_cr2());
    kprintf("  rax %16lx  rbx %16lx  rcx %16lx  rdx %16lx\n", f->rax, f->rbx, f->rcx, f->rdx);
    kprintf("  rsi %16lx  rdi %16lx  rbp %16lx  r8  %16lx\n", f->rsi, f->rdi, f->rbp, f->r8);
    kprintf("  r9  %16lx  r10 %16lx  r11 %16lx  r12 %16lx\n", f->r9, f->r10, f->r11, f->r12);
    kprintf("  r13 %16lx  r14 %16lx  r15 %16lx\n", f->r13, f->r14, f->r15);
    hal_exit(3);
}

/* ---- Threads ------------------------------------------------------------------------ */

void hal_activate(struct hal_context *ctx, struct hal_space *space, word_t utcb_va)
{
    fpu_switch(ctx);
    tss.rsp0 = ctx->stack_top;                  /* interrupts and `syscall` both start there */
    paddr_t cr3 = hal_virt_to_phys(space->pml4);
    if (read_cr3() != cr3)
        write_cr3(cr3);
    utcb_pointer_word[0] = utcb_va;
}
