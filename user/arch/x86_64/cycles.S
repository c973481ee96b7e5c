/* The cycle counter: under QEMU -icount shift=0 the TSC advances once per guest
 * instruction, so this counts instructions exactly. */
    .text
    .globl tern_cycles
tern_cycles:
    rdtsc
    shl $32, %rdx
    or %rdx, %rax
    ret
