/*
 * The fuzzer's raw kernel entry (user/fuzz/calls.c): fuzz_raw(struct fuzz_raw *r) enters
 * the kernel with every static register r1..r31 from r->regs[1..31] (registers.all's
 * order, one slot per register number), the stack pointer and the UTCB pointer
 * included, and r->number in r15 (the ABI's number register). kind 1 enters with NaT
 * bits in r14, r16 and r17 (the IPC arguments), kind 2 by a break that is no system
 * call; kind 0 plainly: by the system call break, or (when r2's random value is odd)
 * through the IPC gate page. It comes back through its own stacked registers, which the
 * kernel keeps. A kernel that sends the thread elsewhere leaves it to the fuzzer's
 * keeper.
 */
#include <tern/kernel/asm_abi.h>

#define W 8
#define RAW_NUMBER (32 * W)
#define RAW_KIND (33 * W)

    .explicit
    .text
    .global fuzz_raw
    .proc fuzz_raw
fuzz_raw:
    alloc r40 = ar.pfs, 1, 12, 0, 0
    mov r33 = b0
    mov r34 = r4
    mov r35 = r5
    mov r36 = r6
    mov r37 = r7
    mov r38 = r1
    mov r39 = r13
    mov r41 = r12
    mov r42 = ar.unat
    adds r2 = RAW_KIND, r32
    ;;
    ld8 r43 = [r2]
    adds r2 = RAW_NUMBER, r32
    ;;
    ld8 r15 = [r2]
    ;;
    .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    adds r2 = \n * 8, r32            // regs[n] into rn (r2, the pointer, comes last)
    ;;
    ld8 r\n = [r2]
    ;;
    .endr
    adds r2 = 2 * 8, r32
    ;;
    ld8 r2 = [r2]
    cmp.eq p6, p0 = 1, r43
    cmp.eq p7, p0 = 2, r43
    ;;
(p6) br.cond.spnt.few 1f
(p7) br.cond.spnt.few 2f
    tbit.nz p8, p0 = r2, 0              // r2 is random: half the plain entries call the
    ;;                                  // IPC gate, with whatever number r15 holds
(p8) br.cond.spnt.few 4f
    break.i ENTRY_VECTOR
    ;;
    br.sptk.few 3f
    ;;
4:  movl r2 = IPC_GATE                  // as the IPC stub calls it (r2, b6, b7 and ar.pfs
    ;;                                  // are the stub's to lose)
    mov b6 = r2
    br.call.sptk.many b7 = b6
    ;;
    br.sptk.few 3f
    ;;
1:  mov ar.unat = r0                    // NaT bits for fills from 8-aligned addresses
    ;;
    dep r12 = 0, r41, 0, 9              // ... below our stack, unat bits 0, 1, 2
    ;;
    adds r12 = -512, r12
    ;;
    mov r43 = -1
    ;;
    mov ar.unat = r43
    ;;
    ld8.fill r14 = [r12], 8
    ;;
    ld8.fill r16 = [r12], 8
    ;;
    ld8.fill r17 = [r12]
    ;;
    break.i ENTRY_VECTOR
    ;;
    br.sptk.few 3f
    ;;
2:  break.i 0x1fffff
    ;;
3:  mov ar.unat = r42
    mov r4 = r34
    mov r5 = r35
    mov r6 = r36
    mov r7 = r37
    mov r1 = r38
    mov r13 = r39
    mov r12 = r41
    mov b0 = r33
    mov ar.pfs = r40
    ;;
    br.ret.sptk.many b0
    ;;
    .endp fuzz_raw

    .section .rodata
    .global fuzz_raw_regs
fuzz_raw_regs: .long 32
