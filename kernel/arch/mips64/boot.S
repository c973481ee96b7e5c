/*
 * mips64 boot on Malta: QEMU's -kernel loader jumps here in kernel mode (KSEG0, Status.BEV
 * and ERL as the reset left them) with a1 = the argument table and a3 = the RAM size
 * (plat/malta/boot_info.c reads them). A stack, then the C.
 */
    .set noreorder
    .section .text.start, "ax"
    .globl _start
_start:
    lui $29, %hi(boot_stack_top)
    daddiu $29, $29, %lo(boot_stack_top)
    lui $8, %hi(boot_argv)
    sd $5, %lo(boot_argv)($8)
    lui $8, %hi(boot_memsize)
    jal kernel_main
    sd $7, %lo(boot_memsize)($8)
1:  b 1b
    nop

    .bss
    .globl boot_argv, boot_memsize
    .align 3
boot_argv: .space 8
boot_memsize: .space 8
    .align 4
boot_stack:
    .space 16384
boot_stack_top:
