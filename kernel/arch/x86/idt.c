/* The interrupt descriptor table of ia32 and x86_64: one interrupt gate (interrupts off
 * in the kernel) per stub; only the port's system call gate, if it has one, is open to
 * user mode. The gate's layout is the ISA's (x86_idt_gate in its cpu.h). */
#include <generic/hal.h>
#include <port/arch/cpu.h>

static x86_idt_entry_t idt[X86_IDT_ENTRIES];

void x86_idt_init(void)
{
    for (int i = 0; i < X86_IDT_ENTRIES; i++)
        idt[i] = x86_idt_gate(isr_table[i], i == X86_USER_GATE ? 0xee : 0x8e);
    struct x86_table_ptr p = { sizeof idt - 1, (word_t)idt };
    __asm__ __volatile__("lidt %0" : : "m"(p));
}
