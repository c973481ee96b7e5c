/* The SSE registers for the lazy-FPU test (user/guest_tests/fpu_tests.c): fill register i with
 * v + i; read them all into out[]; return how many there are. */
    .text
    .globl fpu_regs_fill
fpu_regs_fill:                      /* (word v) */
    mov 4(%esp), %eax
    .irp n, 0,1,2,3,4,5,6,7
    movd %eax, %xmm\n
    inc %eax
    .endr
    ret

    .globl fpu_regs_read
fpu_regs_read:                      /* (word *out) -> count */
    mov 4(%esp), %ecx
    .irp n, 0,1,2,3,4,5,6,7
    movd %xmm\n, \n*4(%ecx)
    .endr
    mov $8, %eax
    ret
