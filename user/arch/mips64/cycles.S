/* The cycle counter: CP0 Count, which user mode reads with rdhwr $2 (the kernel allows
 * it). It is 32 bits wide and wraps in seconds, so tern_cycles extends it in this
 * space's memory: a read that sees the counter below the last one counts a wrap. (Two
 * threads of one space reading across the same wrap may count it twice.) Under QEMU
 * -icount it advances at a fixed ratio to instructions. */
    .set noreorder
    .text
    .globl tern_cycles
tern_cycles:
    .set push
    .set mips64r2
    rdhwr $2, $2                    /* Count, sign-extended */
    .set pop
    dext $2, $2, 0, 32
    lui $8, %hi(cycles_high)
    ld $9, %lo(cycles_high)($8)     /* bits 63..32 of the count so far, and the last low half */
    dext $10, $9, 0, 32             /* the last low half */
    sltu $11, $2, $10               /* below it: the counter wrapped */
    dsrl32 $9, $9, 0
    daddu $9, $9, $11
    dsll32 $10, $9, 0
    or $10, $10, $2
    sd $10, %lo(cycles_high)($8)
    jr $31
    move $2, $10

/* A loop of known length: tern_known_loop(n) runs n iterations of tern_known_loop_step
 * instructions each (the bench and a guest test measure the counter against it). */
    .globl tern_known_loop, tern_known_loop_step
tern_known_loop:
1:  daddiu $4, $4, -1
    bnez $4, 1b
    nop
    jr $31
    nop

    .section .rodata
    .align 2
tern_known_loop_step: .word 3

    .data
    .align 3
cycles_high: .quad 0
