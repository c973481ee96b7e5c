/*
 * ia32 CPU setup: the GDT with a TSS and the UTCB segment, no LDT, the IDT with the system call
 * gate (the ABI's entry vector), the sysenter MSRs. Timer, traps, FPU and Multiboot are
 * shared with x86_64 (arch/x86, glue/x86, plat/pc99).
 */
#include <arch/ia32/cpu.h>
#include <generic/hal.h>
#include <tern/kernel/asm_abi.h>

struct tss tss;
_Static_assert(__builtin_offsetof(struct tss, sp0) == 4, "the fast path writes the TSS's sp0 at tss+4");

/* A flat 4 GiB segment descriptor; type 0x9a code, 0x92 data, | 0x60 for DPL 3. */
#define SEGMENT(type) (0x00cf000000000000ULL | ((unsigned long long)(type) << 40) | 0xffff)
static unsigned long long gdt[7] = {
    0,
    SEGMENT(0x9a),              /* 0x08 kernel code */
    SEGMENT(0x92),              /* 0x10 kernel data (SS only: sysenter loads it) */
    SEGMENT(0xfa),              /* 0x18 user code */
    SEGMENT(0xf2),              /* 0x20 user data: DS and ES for user and kernel alike */
    0,                          /* 0x28 TSS */
    0,                          /* 0x30 UTCB pointer page, for %gs:0 */
};

extern void sysenter_entry(void);

static void gdt_init(void)
{
    word_t base = (word_t)&tss;
    tss.ss0 = KERNEL_DS;
    tss.iomap_base = sizeof tss;            /* no I/O bitmap: user port access faults */
    gdt[5] = (sizeof tss - 1) | ((unsigned long long)(base & 0xffffff) << 16) | (0x89ULL << 40) |
             ((unsigned long long)(base >> 24) << 56);
    gdt[6] = x86_user_data_segment(HAL_UTCB_POINTER_VA, TERN_PAGE_SIZE - 1);
    struct x86_table_ptr p = { sizeof gdt - 1, (word_t)gdt };
    __asm__ __volatile__(
        "lgdt %0\n\t"
        "mov %1, %%ds\n\tmov %1, %%es\n\tmov %2, %%ss\n\t"
        "mov %3, %%gs\n\txor %%eax, %%eax\n\tmov %%eax, %%fs\n\t"
        "ljmp %4, $1f\n"
        "1: ltr %w5\n\t"
        "lldt %w6"                  /* no LDT: the reset one reads physical 0-64 KiB */
        : : "m"(p), "r"(USER_DS), "r"(KERNEL_DS), "r"(UTCB_SEL), "i"(KERNEL_CS), "r"(TSS_SEL), "r"(0)
        : "eax", "memory");
}

static void sysenter_init(void)
{
    wrmsr(MSR_SYSENTER_CS, KERNEL_CS);
    wrmsr(MSR_SYSENTER_ESP, (word_t)&tss.sp0);    /* the entry's first move loads it */
    wrmsr(MSR_SYSENTER_EIP, (word_t)sysenter_entry);
}

void hal_cpu_init(void)
{
    fpu_init();
    gdt_init();
    x86_idt_init();
    sysenter_init();
}
