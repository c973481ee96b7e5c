/* mips64 boot on Malta: QEMU's -kernel loader jumps here in kernel mode, KSEG0. */
    .set noreorder
    .section .text.start, "ax"
    .globl _start
_start:
    dla     $sp, boot_stack_top
    jal     kernel_main
    nop
1:  b       1b
    nop

    .bss
    .align 4
boot_stack:
    .space 16384
boot_stack_top:
