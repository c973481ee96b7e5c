/* The cycle counter: ar.itc, which user mode may read (psr.si is clear). Under Ski it
 * follows host time at 2 MHz, so it is no deterministic count: the bench counts
 * instructions from Ski's own totals instead. */
    .explicit
    .text
    .global tern_cycles
    .proc tern_cycles
tern_cycles:
    mov r8 = ar.itc
    br.ret.sptk.many b0
    ;;
    .endp tern_cycles

/* A loop of known length: tern_known_loop(n) runs n iterations of tern_known_loop_step
 * instructions each (the bench and a guest test measure the counter against it). */
    .global tern_known_loop
    .proc tern_known_loop
tern_known_loop:
    alloc r2 = ar.pfs, 1, 0, 0, 0
    ;;
1:  adds r32 = -1, r32
    ;;
    cmp.ne p6, p0 = 0, r32
(p6) br.cond.sptk.few 1b
    ;;
    br.ret.sptk.many b0
    ;;
    .endp tern_known_loop

    .section .rodata
    .align 4
    .global tern_known_loop_step
tern_known_loop_step: .long 3
