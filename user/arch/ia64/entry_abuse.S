/*
 * Kernel entries a hostile thread may try, for user/guest_tests/tests_entry.c.
 * entry_abuse(kind, to): the x86 kinds (flags, segments, stack pointers) and MIPS's
 * delay slot mean nothing here: -1, as for any unknown kind.
 * entry_state(): bit 0 (the x86 direction flag: always clear here), bit 1: the UTCB
 * pointer (r13) works. entry_privileged_probe(): reads cr.ipsr, which user mode may not.
 */
#include <tern/kernel/asm_abi.h>

    .explicit
    .text
    .global entry_abuse
    .proc entry_abuse
entry_abuse:
    mov r8 = -1
    br.ret.sptk.many b0
    ;;
    .endp entry_abuse

    .global entry_state
    .proc entry_state
entry_state:
    ld8 r2 = [r13]                      // UTCB word 0 is its own address (self)
    mov r8 = 1
    ;;
    cmp.eq p6, p0 = r2, r13
    ;;
(p6) mov r8 = 3
    br.ret.sptk.many b0
    ;;
    .endp entry_state

    .global entry_privileged_probe
    .proc entry_privileged_probe
entry_privileged_probe:
    mov r8 = cr.ipsr
    br.ret.sptk.many b0
    ;;
    .endp entry_privileged_probe

/*
 * lean_probe(number, in, out): the static registers but r12 (sp) and r15 (the number)
 * loaded from in[], the system call `number` entered by its break, every one stored to
 * out[]. Slots: r4-r7, r1 and r13 (preserved: gp, the UTCB pointer), the first 6, which
 * must come back or be results; then r2, r3, r8-r11, r14, r16-r31. The probe's own
 * state stays in its stacked registers, which the kernel keeps. Returns slots | kept
 * slots << 8.
 */
    .global lean_probe
    .proc lean_probe
lean_probe:
    alloc r35 = ar.pfs, 3, 8, 0, 0
    mov r36 = b0
    mov r37 = r4
    mov r38 = r5
    mov r39 = r6
    mov r40 = r7
    mov r41 = r1
    mov r42 = r13
    mov r15 = r32
    ;;
    ld8 r4 = [r33], 8
    ;;
    ld8 r5 = [r33], 8
    ;;
    ld8 r6 = [r33], 8
    ;;
    ld8 r7 = [r33], 8
    ;;
    ld8 r1 = [r33], 8
    ;;
    ld8 r13 = [r33], 8
    ;;
    ld8 r2 = [r33], 8
    ;;
    ld8 r3 = [r33], 8
    ;;
    ld8 r8 = [r33], 8
    ;;
    ld8 r9 = [r33], 8
    ;;
    ld8 r10 = [r33], 8
    ;;
    ld8 r11 = [r33], 8
    ;;
    ld8 r14 = [r33], 8
    ;;
    ld8 r16 = [r33], 8
    ;;
    ld8 r17 = [r33], 8
    ;;
    ld8 r18 = [r33], 8
    ;;
    ld8 r19 = [r33], 8
    ;;
    ld8 r20 = [r33], 8
    ;;
    ld8 r21 = [r33], 8
    ;;
    ld8 r22 = [r33], 8
    ;;
    ld8 r23 = [r33], 8
    ;;
    ld8 r24 = [r33], 8
    ;;
    ld8 r25 = [r33], 8
    ;;
    ld8 r26 = [r33], 8
    ;;
    ld8 r27 = [r33], 8
    ;;
    ld8 r28 = [r33], 8
    ;;
    ld8 r29 = [r33], 8
    ;;
    ld8 r30 = [r33], 8
    ;;
    ld8 r31 = [r33], 8
    ;;
    break.i 0x100000
    ;;
    st8 [r34] = r4, 8
    ;;
    st8 [r34] = r5, 8
    ;;
    st8 [r34] = r6, 8
    ;;
    st8 [r34] = r7, 8
    ;;
    st8 [r34] = r1, 8
    ;;
    st8 [r34] = r13, 8
    ;;
    st8 [r34] = r2, 8
    ;;
    st8 [r34] = r3, 8
    ;;
    st8 [r34] = r8, 8
    ;;
    st8 [r34] = r9, 8
    ;;
    st8 [r34] = r10, 8
    ;;
    st8 [r34] = r11, 8
    ;;
    st8 [r34] = r14, 8
    ;;
    st8 [r34] = r16, 8
    ;;
    st8 [r34] = r17, 8
    ;;
    st8 [r34] = r18, 8
    ;;
    st8 [r34] = r19, 8
    ;;
    st8 [r34] = r20, 8
    ;;
    st8 [r34] = r21, 8
    ;;
    st8 [r34] = r22, 8
    ;;
    st8 [r34] = r23, 8
    ;;
    st8 [r34] = r24, 8
    ;;
    st8 [r34] = r25, 8
    ;;
    st8 [r34] = r26, 8
    ;;
    st8 [r34] = r27, 8
    ;;
    st8 [r34] = r28, 8
    ;;
    st8 [r34] = r29, 8
    ;;
    st8 [r34] = r30, 8
    ;;
    st8 [r34] = r31, 8
    ;;
    mov r4 = r37
    mov r5 = r38
    mov r6 = r39
    mov r7 = r40
    mov r1 = r41
    mov r13 = r42
    mov b0 = r36
    mov ar.pfs = r35
    mov r8 = 29 | 6 << 8
    br.ret.sptk.many b0
    ;;
    .endp lean_probe
