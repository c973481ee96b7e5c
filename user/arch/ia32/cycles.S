/* The cycle counter: under QEMU -icount shift=0 the TSC advances once per guest
 * instruction, so this counts instructions exactly. cdecl returns 64 bits in EDX:EAX. */
    .text
    .globl tern_cycles
tern_cycles:
    rdtsc
    ret
