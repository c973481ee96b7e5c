/* The FP registers for the lazy-FPU test (user/guest_tests/fpu_tests.c): f16-f31 (the low
 * partition's preserved ones) and f32-f47 (the high partition the kernel switches lazily)
 * as integers: fill register i with v + i; read them all into out[]; return how many. */
    .explicit
    .text
    .global fpu_regs_fill
    .proc fpu_regs_fill
fpu_regs_fill:                          // (word v)
    .irp n, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    setf.sig f\n = r32
    adds r32 = 1, r32
    ;;
    .endr
    br.ret.sptk.many b0
    ;;
    .endp fpu_regs_fill

    .global fpu_regs_read
    .proc fpu_regs_read
fpu_regs_read:                          // (word *out) -> count
    mov r2 = r32
    ;;
    .irp n, 16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    getf.sig r3 = f\n
    ;;
    st8 [r2] = r3, 8
    ;;
    .endr
    mov r8 = 32
    br.ret.sptk.many b0
    ;;
    .endp fpu_regs_read
