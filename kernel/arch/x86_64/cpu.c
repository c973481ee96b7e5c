/*
 * x86_64 CPU setup: the GDT with a TSS and no LDT, the IDT, the `syscall` MSRs (both
 * entries: 64-bit and, never legitimately used, 32-bit) and the UTCB pointer's FS. Timer,
 * traps, FPU and Multiboot are shared with ia32 (arch/x86, glue/x86, plat/pc99).
 */
#include <arch/x86_64/cpu.h>
#include <generic/hal.h>

struct tss tss;
_Static_assert(__builtin_offsetof(struct tss, sp0) == 4, "the fast path writes the TSS's sp0 at tss+4");
static word_t gdt[8] = {
    0,
    0x00af9a000000ffffUL,       /* 0x08 kernel code, 64-bit */
    0x00cf92000000ffffUL,       /* 0x10 kernel data */
    0x00cff2000000ffffUL,       /* 0x18 user data */
    0x00affa000000ffffUL,       /* 0x20 user code, 64-bit */
    0, 0,                       /* 0x28 TSS (16 bytes) */
    0,                          /* 0x38 the UTCB pointer page, for %fs:0 (gdt_init) */
};
_Static_assert(HAL_UTCB_POINTER_VA < (1UL << 32), "a descriptor's base has 32 bits");

extern void syscall_entry_asm(void), syscall_compat_entry(void);

static void gdt_init(void)
{
    word_t base = (word_t)&tss;
    tss.iomap_base = sizeof tss;            /* no I/O bitmap: user port access faults */
    gdt[5] = (sizeof tss - 1) | ((base & 0xffffff) << 16) | (0x89UL << 40) |
             (((base >> 24) & 0xff) << 56);
    gdt[6] = base >> 32;
    gdt[7] = x86_user_data_segment(HAL_UTCB_POINTER_VA, TERN_PAGE_SIZE - 1);
    struct x86_table_ptr p = { sizeof gdt - 1, (word_t)gdt };
    __asm__ __volatile__(
        "lgdt %0\n\t"
        "mov %1, %%ds\n\tmov %1, %%es\n\tmov %1, %%ss\n\t"
        "pushq %2\n\tlea 1f(%%rip), %%rax\n\tpushq %%rax\n\tlretq\n"
        "1: ltr %w3\n\t"
        "lldt %w4"                  /* no LDT: the reset one reads physical 0-64 KiB */
        : : "m"(p), "r"(KERNEL_DS), "i"(KERNEL_CS), "r"(TSS_SEL), "r"(0) : "rax", "memory");
}

static void syscall_init(void)
{
    wrmsr(MSR_EFER, 0x501);                           /* LME | LMA | SCE */
    wrmsr(MSR_STAR, ((word_t)(USER_DS - 8 - 3) << 48) | ((word_t)KERNEL_CS << 32));
    wrmsr(MSR_LSTAR, (word_t)syscall_entry_asm);
    wrmsr(MSR_CSTAR, (word_t)syscall_compat_entry);    /* no 32-bit code runs, but if it did */
    wrmsr(MSR_FMASK, 0x47700);                        /* IF, DF, TF, AC, NT off in the kernel */
}

void hal_cpu_init(void)
{
    fpu_init();
    gdt_init();
    x86_idt_init();
    syscall_init();
    x86_reload_utcb_segment();                    /* %fs:0: see cpu.h */
}
