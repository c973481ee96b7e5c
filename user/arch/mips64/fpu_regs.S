/* The FPU registers for the lazy-FPU test (user/guest_tests/fpu_tests.c): fill register
 * i with v + i; read them all into out[]; return how many there are. */
    .set noreorder
    .set hardfloat
    .text
    .globl fpu_regs_fill
fpu_regs_fill:                      /* (word v) */
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    dmtc1 $4, $f\n
    daddiu $4, $4, 1
    .endr
    jr $31
    nop

    .globl fpu_regs_read
fpu_regs_read:                      /* (word *out) -> count */
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31
    sdc1 $f\n, \n*8($4)
    .endr
    jr $31
    li $2, 32
