/*
 * x86_64 boot. QEMU's -kernel takes only 32-bit Multiboot images (plat/pc99), so the
 * image is an ELF32 copy of this ELF64 and the entry is 32-bit code: it builds page
 * tables that identity-map the first GiB with 2 MiB pages, enables PAE and long mode,
 * and jumps to 64-bit code that calls kernel_main.
 */
#include <arch/x86/boot_map.inc>

#define CR0_PG (1 << 31)
#define CR4_PAE (1 << 5)
#define EFER_MSR 0xC0000080
#define EFER_LME (1 << 8)
#define PTE_P_W 0x3                  /* present, writable */

    .section .text.boot, "ax"
    .code32
    .globl _start
_start:
    mov $boot_stack_top, %esp
    mov %ebx, multiboot_info            /* the loader's boot information (physical) */
    /* PML4[0] -> PDPT, PDPT[0] -> PD, PD[i] -> 2 MiB page i */
    mov $boot_pdpt + PTE_P_W, %eax
    mov %eax, boot_pml4
    mov $boot_pd + PTE_P_W, %eax
    mov %eax, boot_pdpt
    BOOT_MAP_LARGE boot_pd, 21, 512, 8

    mov %cr4, %eax
    or $CR4_PAE, %eax
    mov %eax, %cr4
    mov $boot_pml4, %eax
    mov %eax, %cr3
    mov $EFER_MSR, %ecx
    rdmsr
    or $EFER_LME, %eax
    wrmsr
    mov %cr0, %eax
    or $CR0_PG, %eax
    mov %eax, %cr0
    lgdt boot_gdt_ptr
    ljmp $0x08, $long_mode

    .code64
long_mode:
    mov $0x10, %ax
    mov %ax, %ds
    mov %ax, %es
    mov %ax, %ss
    xor %ax, %ax
    mov %ax, %fs
    mov %ax, %gs
    mov $boot_stack_top, %rsp
    xor %ebp, %ebp
    call kernel_main
2:  cli
    hlt
    jmp 2b

    .section .rodata
    .align 16
boot_gdt:
    .quad 0                          /* null */
    .quad 0x00af9a000000ffff         /* 0x08: 64-bit code, DPL 0 */
    .quad 0x00cf92000000ffff         /* 0x10: data, DPL 0 */
boot_gdt_ptr:
    .word boot_gdt_ptr - boot_gdt - 1
    .long boot_gdt

    .bss
    .globl boot_pml4, boot_pd
    .align 4096
boot_pml4: .skip 4096
boot_pdpt: .skip 4096
boot_pd:   .skip 4096
    .align 16
boot_stack:
    .skip 16384
boot_stack_top:
