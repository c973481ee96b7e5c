/*
 * ia32 CPU setup: GDT with a TSS and the UTCB segment, IDT with the `int $0x30` system
 * call gate, the sysenter MSRs, and the per-thread state a context switch changes.
 * Timer, trap dispatch, FPU and Multiboot are shared with x86_64 (../x86).
 */
#include "cpu.h"
#include "hal.h"
#include <tern/kernel/asm_abi.h>
#include "kprintf.h"

struct tss {
    unsigned short link, reserved0;
    word_t esp0;
    unsigned short ss0, reserved1;
    word_t unused[22];            /* esp1 .. ldt: no other rings, no hardware task switch */
    unsigned short trap, iomap_base;
} __attribute__((packed));

struct idt_entry {
    unsigned short offset_low, selector;
    unsigned char zero, type;
    unsigned short offset_high;
} __attribute__((packed));

struct table_ptr {
    unsigned short limit;
    word_t base;
} __attribute__((packed));

struct tss tss;                 /* global: the fast path writes esp0 */

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

#define IDT_ENTRIES (VEC_INT_SYSCALL + 1)
static struct idt_entry idt[IDT_ENTRIES];

extern const word_t isr_table[IDT_ENTRIES];
extern void sysenter_entry(void);
extern char sysenter_read_ip[], sysenter_bad_stack[];
extern char fastpath_read_ip[], fastpath_miss[];
extern word_t utcb_pointer_word[];

#define MSR_SYSENTER_CS 0x174
#define MSR_SYSENTER_ESP 0x175
#define MSR_SYSENTER_EIP 0x176

/* A byte-granular data segment of one page at base, DPL 3. */
static unsigned long long small_segment(word_t base, word_t limit)
{
    return (limit & 0xffff) | ((unsigned long long)(base & 0xffffff) << 16) |
           (0xf2ULL << 40) | ((unsigned long long)((limit >> 16) & 0xf) << 48) |
           (0x4ULL << 52) | ((unsigned long long)(base >> 24) << 56);
}

static void gdt_init(void)
{
    word_t base = (word_t)&tss;
    tss.ss0 = KERNEL_DS;
    tss.iomap_base = sizeof tss;            /* no I/O bitmap: user port access faults */
    gdt[5] = (sizeof tss - 1) | ((unsigned long long)(base & 0xffffff) << 16) | (0x89ULL << 40) |
             ((unsigned long long)(base >> 24) << 56);
    gdt[6] = small_segment(HAL_UTCB_POINTER_VA, HAL_PAGE_SIZE - 1);
    struct table_ptr p = { sizeof gdt - 1, (word_t)gdt };
    __asm__ __volatile__(
        "lgdt %0\n\t"
        "mov %1, %%ds\n\tmov %1, %%es\n\tmov %2, %%ss\n\t"
        "mov %3, %%gs\n\txor %%eax, %%eax\n\tmov %%eax, %%fs\n\t"
        "ljmp %4, $1f\n"
        "1: ltr %w5"
        : : "m"(p), "r"(USER_DS), "r"(KERNEL_DS), "r"(UTCB_SEL), "i"(KERNEL_CS), "r"(TSS_SEL)
        : "eax", "memory");
}

static void idt_init(void)
{
    for (int i = 0; i < IDT_ENTRIES; i++) {
        word_t a = isr_table[i];
        /* interrupt gates (IF off in the kernel); only the system call gate is for users */
        unsigned char type = i == VEC_INT_SYSCALL ? 0xee : 0x8e;
        idt[i] = (struct idt_entry){ (unsigned short)a, KERNEL_CS, 0, type, (unsigned short)(a >> 16) };
    }
    struct table_ptr p = { sizeof idt - 1, (word_t)idt };
    __asm__ __volatile__("lidt %0" : : "m"(p));
}

static void sysenter_init(void)
{
    wrmsr(MSR_SYSENTER_CS, KERNEL_CS);
    wrmsr(MSR_SYSENTER_ESP, (word_t)&tss.esp0);   /* the entry's first move loads esp0 */
    wrmsr(MSR_SYSENTER_EIP, (word_t)sysenter_entry);
}

void fpu_init(void);
void fpu_switch(struct hal_context *ctx);

void hal_cpu_init(void)
{
    fpu_init();
    gdt_init();
    idt_init();
    sysenter_init();
}

/* ---- Traps (the shared dispatch is kernel/arch/x86/traps.c) ---------------------------- */

int x86_arch_trap(struct hal_frame *f, int from_user)
{
    if (f->vector == VEC_INT_SYSCALL && from_user) {
        syscall_entry(f);
        return 1;
    }
    if (from_user)
        return 0;
    /* sysenter keeps the user's TF: the single step traps after the entry's first
     * instruction. Clear it and go on (a user cannot single-step the kernel). */
    if (f->vector == 1) {
        f->eflags &= ~0x100UL;
        return 1;
    }
    /* The return address read from an unreadable user stack: resume at the fixup. */
    if (f->vector == 14 && f->eip == (word_t)sysenter_read_ip) {
        f->eip = (word_t)sysenter_bad_stack;
        return 1;
    }
    if (f->vector == 14 && f->eip == (word_t)fastpath_read_ip) {
        f->eip = (word_t)fastpath_miss;
        return 1;
    }
    return 0;
}

_Noreturn void kernel_panic_frame(const struct hal_frame *f, const char *what)
{
    kprintf("\nKERNEL PANIC: %s (vector %lu, error %lx)\n", what, f->vector, f->error);
    kprintf("  eip %8lx  cs %lx  eflags %lx  cr2 %lx\n", f->eip, f->cs, f->eflags, read_cr2());
    kprintf("  eax %8lx  ebx %8lx  ecx %8lx  edx %8lx\n", f->eax, f->ebx, f->ecx, f->edx);
    kprintf("  esi %8lx  edi %8lx  ebp %8lx\n", f->esi, f->edi, f->ebp);
    hal_exit(3);
}

/* ---- Threads ------------------------------------------------------------------------ */

void hal_activate(struct hal_context *ctx, struct hal_space *space, word_t utcb_va)
{
    fpu_switch(ctx);
    tss.esp0 = ctx->stack_top;                  /* traps and sysenter both start there */
    paddr_t cr3 = hal_virt_to_phys(space->pgdir);
    if (read_cr3() != cr3)
        write_cr3(cr3);
    utcb_pointer_word[0] = utcb_va;
    /* the previous thread may have loaded its own GS: each thread starts with the UTCB's */
    __asm__ __volatile__("mov %0, %%gs" : : "r"(UTCB_SEL));
}
