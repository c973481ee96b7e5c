/* The cycle counter: under QEMU -icount shift=0 the TSC advances once per guest
 * instruction, so this counts instructions exactly. cdecl returns 64 bits in EDX:EAX. */
    .text
    .globl tern_cycles
tern_cycles:
    rdtsc
    ret

/* A loop of known length: tern_known_loop(n) runs n iterations of tern_known_loop_step
 * instructions each (the bench and a guest test measure the counter against it). */
    .globl tern_known_loop, tern_known_loop_step
tern_known_loop:
    mov 4(%esp), %ecx
1:  dec %ecx
    jnz 1b
    ret

    .section .rodata
    .align 4
tern_known_loop_step: .long 2
