/*
 * ia32 boot: the Multiboot loader (plat/pc99) enters here in 32-bit protected mode, paging
 * off, EBX = boot info. Map the first GiB 1:1 with 4 MiB pages (supervisor-only: every
 * space shares these PDEs), turn paging on, call the C.
 */
#include <arch/x86/boot_map.inc>

#define CR0_PG (1 << 31)
#define CR4_PSE (1 << 4)
#define KERNEL_PDES 256              /* 256 x 4 MiB = HAL_KERNEL_END */

    .section .text.boot, "ax"
    .globl _start
_start:
    mov $boot_stack_top, %esp
    mov %ebx, multiboot_info
    BOOT_MAP_LARGE boot_pgdir, 22, KERNEL_PDES, 4
    mov %cr4, %eax
    or $CR4_PSE, %eax
    mov %eax, %cr4
    mov $boot_pgdir, %eax
    mov %eax, %cr3
    mov %cr0, %eax
    or $CR0_PG, %eax
    mov %eax, %cr0
    xor %ebp, %ebp                  /* terminate frame-pointer chains */
    call kernel_main
2:  cli
    hlt
    jmp 2b

    .bss
    .globl boot_pgdir
    .align 4096
boot_pgdir: .skip 4096
    .align 16
boot_stack:
    .skip 16384
boot_stack_top:
