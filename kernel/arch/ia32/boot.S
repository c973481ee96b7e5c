/*
 * ia32 boot: a Multiboot v1 loader (QEMU -kernel) enters here in 32-bit protected mode,
 * paging off, EAX = Multiboot magic, EBX = boot info. Map the first GiB 1:1 with 4 MiB
 * pages (supervisor-only: every space shares these PDEs), turn paging on, call the C.
 */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003          /* page-align modules, give memory info */

#define CR0_PG (1 << 31)
#define CR4_PSE (1 << 4)
#define PDE_LARGE 0x83               /* present, writable, 4 MiB page */
#define KERNEL_PDES 256              /* 256 x 4 MiB = HAL_KERNEL_END */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .section .text.boot, "ax"
    .globl _start
_start:
    mov $boot_stack_top, %esp
    mov %ebx, multiboot_info
    xor %ecx, %ecx
1:  mov %ecx, %eax
    shl $22, %eax
    or $PDE_LARGE, %eax
    mov %eax, boot_pgdir(, %ecx, 4)
    inc %ecx
    cmp $KERNEL_PDES, %ecx
    jne 1b
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
    .globl boot_pgdir, multiboot_info
    .align 4
multiboot_info: .skip 4
    .align 4096
boot_pgdir: .skip 4096
    .align 16
boot_stack:
    .skip 16384
boot_stack_top:
