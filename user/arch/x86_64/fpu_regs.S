/* The SSE registers for the lazy-FPU test (user/guest_tests/fpu_tests.c): fill register i with
 * v + i; read them all into out[]; return how many there are. */
    .text
    .globl fpu_regs_fill
fpu_regs_fill:                      /* (word v) */
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    movq %rdi, %xmm\n
    inc %rdi
    .endr
    ret

    .globl fpu_regs_read
fpu_regs_read:                      /* (word *out) -> count */
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
    movq %xmm\n, \n*8(%rdi)
    .endr
    mov $16, %eax
    ret
