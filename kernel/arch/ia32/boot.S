/* ia32 boot: a Multiboot v1 loader (QEMU -kernel) enters here in 32-bit protected mode,
 * paging off, EAX = Multiboot magic, EBX = boot info. */
#define MB_MAGIC 0x1BADB002
#define MB_FLAGS 0x00000003          /* page-align modules, give memory info */

    .section .multiboot, "a"
    .align 4
    .long MB_MAGIC, MB_FLAGS, -(MB_MAGIC + MB_FLAGS)

    .text
    .globl _start
_start:
    mov $boot_stack_top, %esp
    xor %ebp, %ebp                  /* terminate frame-pointer chains */
    call kernel_main
1:  cli
    hlt
    jmp 1b

    .bss
    .align 16
boot_stack:
    .skip 16384
boot_stack_top:
