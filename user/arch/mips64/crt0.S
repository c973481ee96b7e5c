/* User program entry on mips64: the kernel starts the first thread with a stack. */
    .set noreorder
    .section .text.start, "ax"
    .globl _start
_start:
    li $8, -16
    and $29, $29, $8
    jal main
    nop
    jal tern_exit
    move $4, $2
1:  b 1b
    nop

/* Threads made by tern_thread_run begin here with {fn, arg} on their stack. */
    .text
    .globl tern_thread_entry
tern_thread_entry:
    ld $25, 0($29)              /* fn */
    ld $4, 8($29)               /* arg */
    li $8, -16
    daddiu $29, $29, 16
    jalr $25
    and $29, $29, $8
    jal tern_thread_exit
    nop
2:  b 2b
    nop
