/*
 * Kernel entries a hostile thread may try, for user/guest_tests/tests_entry.c.
 * entry_abuse(kind, to): a call to `to` with a NaT argument (6), with the register
 * stack's store in the kernel's region (7), with an odd ar.rsc (8), with big-endian
 * data (9); the IPC gate page entered past its epc (10), or by a branch with ar.pfs
 * saying privilege 0 (11). The x86 kinds (flags, segments, stack pointers) and MIPS's
 * delay slot mean nothing here: -1, as for any unknown kind.
 * entry_state(): bit 0 (the x86 direction flag: always clear here), bit 1: the UTCB
 * pointer (r13) works. entry_privileged_probe(): reads cr.ipsr, which user mode may not.
 */
#include <tern/kernel/asm_abi.h>

/* tests_entry.c's kinds that mean something here */
#define NAT_ARGUMENT 6
#define BAD_BSPSTORE 7
#define ODD_RSC 8
#define BIG_ENDIAN_DATA 9
#define GATE_PAST_EPC 10
#define GATE_WITHOUT_CALL 11

/* An IPC to `to`, receiving from `from`, no timeouts, no words, through the IPC gate as
 * the stub calls it; inline, so that no frame of ours is spilled by the register stack
 * engine on the way. ABUSE_CALL: to `to` (in1), receiving from it. */
#define GATE_CALL(to, from)     \
    mov r9 = r13;               \
    mov r15 = SYS_IPC;          \
    mov r14 = to;               \
    mov r16 = from;             \
    mov r17 = r0;               \
    mov r18 = r0;               \
    movl r2 = IPC_GATE;         \
    ;;                          \
    mov b6 = r2;                \
    br.call.sptk.many b7 = b6;  \
    ;;
#define ABUSE_CALL GATE_CALL(r33, r33)

/* IPC gives up r4-r7 and b1-b5 (abi/ia64.toml ipc_clobbers), which a C caller expects
 * kept: the probes keep their caller's in nine locals (r4-r7, then b1-b5) and give them
 * back before they return. */
    .macro KEEP_GIVEN_UP g4, g5, g6, g7, k1, k2, k3, k4, k5
    mov \g4 = r4
    mov \g5 = r5
    mov \g6 = r6
    mov \g7 = r7
    mov \k1 = b1
    ;;
    mov \k2 = b2
    mov \k3 = b3
    ;;
    mov \k4 = b4
    mov \k5 = b5
    ;;
    .endm
    .macro GIVE_BACK g4, g5, g6, g7, k1, k2, k3, k4, k5
    mov r4 = \g4
    mov r5 = \g5
    mov r6 = \g6
    mov r7 = \g7
    mov b1 = \k1
    ;;
    mov b2 = \k2
    mov b3 = \k3
    ;;
    mov b4 = \k4
    mov b5 = \k5
    ;;
    .endm

    .explicit
    .text
    .global entry_abuse
    .proc entry_abuse
entry_abuse:                            // (kind, to)
    alloc r34 = ar.pfs, 2, 6, 0, 0
    mov r35 = b0
    mov r8 = -1
    cmp.eq p6, p0 = NAT_ARGUMENT, r32
    cmp.eq p7, p0 = BAD_BSPSTORE, r32
    cmp.eq p8, p0 = ODD_RSC, r32
    cmp.eq p9, p0 = BIG_ENDIAN_DATA, r32
    cmp.eq p10, p0 = GATE_PAST_EPC, r32
    cmp.eq p11, p0 = GATE_WITHOUT_CALL, r32
    ;;
(p6) br.cond.sptk.few nat_argument
(p7) br.cond.sptk.few bad_bspstore
(p8) br.cond.sptk.few odd_rsc
(p9) br.cond.sptk.few big_endian_data
(p10) br.cond.sptk.few gate_past_epc
(p11) br.cond.sptk.few gate_without_call
    br.ret.sptk.many b0
    ;;

/* A call (to `to`, from it, no timeouts, no words) whose destination register is NaT:
 * an exception at the break; it does not return here. */
nat_argument:
    adds r2 = -16, r12
    mov r3 = ar.unat
    mov r9 = r13                        // the UTCB
    mov r15 = SYS_IPC
    mov r16 = r33
    mov r17 = r0
    mov r18 = r0
    ;;
    dep r2 = 0, r2, 0, 9                // an 8-aligned word whose unat bit is bit 0
    ;;
    st8 [r2] = r33
    mov r10 = 1
    ;;
    mov ar.unat = r10
    ;;
    ld8.fill r14 = [r2]                 // `to`, with its NaT bit set
    ;;
    mov ar.unat = r3
    ;;
    break.i ENTRY_VECTOR
    ;;
    mov r8 = -2                         // the call ran: it should not have
    br.sptk.few abuse_out
    ;;

/* The call with the register stack's store pointing into the kernel's image (lazy
 * mode, so that nothing of ours goes there by itself): the kernel must never touch the
 * user's store (its entry moves the user's dirty registers to the thread's kernel store,
 * and its exit brings them back), and the state comes back as it was. Returns the call's
 * `from`, or -3 if the state did not come back exactly. */
bad_bspstore:
    flushrs
    ;;
    mov ar.rsc = 0                      // enforced lazy: bspstore is writable
    ;;
    mov r36 = ar.bspstore
    mov r37 = ar.rnat
    movl r38 = 0xe000000000100000       // the kernel's image
    ;;
    mov ar.bspstore = r38
    ;;
    mov r39 = ar.rsc
    ABUSE_CALL
    mov r2 = ar.bspstore
    mov r3 = ar.rsc
    ;;
    mov ar.rsc = 0
    ;;
    mov ar.bspstore = r36
    ;;
    mov ar.rnat = r37
    cmp.ne p6, p0 = r2, r38
    ;;
    cmp.ne.or p6, p0 = r3, r39
    ;;
    mov ar.rsc = 3
(p6) mov r8 = -3
    br.sptk.few abuse_out
    ;;

/* The call with an odd ar.rsc: lazy mode, big-endian spills, a load size left over. */
odd_rsc:
    movl r38 = 0x7f0010
    ;;
    mov ar.rsc = r38
    ;;
    mov r39 = ar.rsc                    // what the CPU made of it (pl is at least 3)
    ABUSE_CALL
    mov r3 = ar.rsc
    ;;
    mov ar.rsc = 3
    cmp.ne p7, p0 = r3, r39
    ;;
(p7) mov r8 = -3
    br.sptk.few abuse_out
    ;;

/* The call with psr.be set (the user mask's, the user's to set): the kernel entered by
 * the gate must not read or write its memory big-endian; the bit comes back set. */
big_endian_data:
    sum psr.be
    ;;
    ABUSE_CALL
    mov r3 = psr.um
    ;;
    rum psr.be
    ;;
    tbit.z p6, p0 = r3, 1               /* be is user mask bit 1 */
    ;;
(p6) mov r8 = -3
    br.sptk.few abuse_out
    ;;

/* Into the gate page past its epc: still privilege 3, so its psr read is a privileged
 * operation, an exception; it does not return here. */
gate_past_epc:
    movl r2 = IPC_GATE + 16
    ;;
    mov b6 = r2
    ;;
    br.call.sptk.many b7 = b6
    ;;
    mov r8 = -2
    br.sptk.few abuse_out
    ;;

/* The gate by a plain branch with ar.pfs's previous privilege 0: epc may not raise the
 * privilege above it, an illegal operation, an exception; it does not return here. */
gate_without_call:
    movl r2 = IPC_GATE
    ;;
    mov b6 = r2
    mov ar.pfs = r0
    ;;
    br.sptk.few b6
    ;;
    mov r8 = -2
    br.sptk.few abuse_out
    ;;

abuse_out:
    mov b0 = r35
    mov ar.pfs = r34
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
    .irp n, 4, 5, 6, 7, 1, 13, 2, 3, 8, 9, 10, 11, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    ld8 r\n = [r33], 8
    ;;
    .endr
    break.i ENTRY_VECTOR
    ;;
    .irp n, 4, 5, 6, 7, 1, 13, 2, 3, 8, 9, 10, 11, 14, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
    st8 [r34] = r\n, 8
    ;;
    .endr
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

/*
 * ipc_probe(to, from_specifier, mark, out): r4-r7 and b1-b5, the preserved registers the
 * IPC stub gives up (abi/ia64.toml ipc_clobbers), set to mark + 16 * i, then an IPC (to,
 * from_specifier, no timeouts, no words) through the gate as the stub calls it; what
 * they hold after it goes to out[0..8], and the caller's values come back. Returns the
 * sender (r8). The partner must find none of its partner's marks.
 */
    .global ipc_probe
    .proc ipc_probe
ipc_probe:
    alloc r36 = ar.pfs, 4, 12, 0, 0     // r36 pfs, r37 b0, r38 r1, r39-r47 r4-r7 and b1-b5
    mov r37 = b0
    mov r38 = r1
    ;;
    KEEP_GIVEN_UP r39, r40, r41, r42, r43, r44, r45, r46, r47
    adds r4 = 0x00, r34
    adds r5 = 0x10, r34
    adds r6 = 0x20, r34
    adds r7 = 0x30, r34
    adds r2 = 0x40, r34
    adds r3 = 0x50, r34
    ;;
    mov b1 = r2
    mov b2 = r3
    adds r2 = 0x60, r34
    adds r3 = 0x70, r34
    ;;
    mov b3 = r2
    mov b4 = r3
    adds r2 = 0x80, r34
    ;;
    mov b5 = r2
    ;;
    GATE_CALL(r32, r33)
    .irp n, 4, 5, 6, 7
    st8 [r35] = r\n, 8
    ;;
    .endr
    .irp n, 1, 2, 3, 4, 5
    mov r2 = b\n
    ;;
    st8 [r35] = r2, 8
    ;;
    .endr
    GIVE_BACK r39, r40, r41, r42, r43, r44, r45, r46, r47
    mov r1 = r38
    mov b0 = r37
    mov ar.pfs = r36
    br.ret.sptk.many b0
    ;;
    .endp ipc_probe

/*
 * ec_probe(to, from_specifier, mark): ar.ec, the epilogue count of a software-pipelined
 * loop, set to mark, then an IPC (to, from_specifier, no timeouts, no words) by `break`,
 * as a loop may make one; returns ar.ec after it. No br.ret on the way restores ar.ec
 * here (the gate's does, from ar.pfs): the kernel must give the thread its own back.
 * IPC gives up r4-r7 and b1-b5 (abi/ia64.toml ipc_clobbers): the caller's come back.
 */
    .global ec_probe
    .proc ec_probe
ec_probe:
    alloc r35 = ar.pfs, 3, 10, 0, 0     // r35 pfs, r36-r44 r4-r7 and b1-b5
    KEEP_GIVEN_UP r36, r37, r38, r39, r40, r41, r42, r43, r44
    mov r9 = r13
    mov r15 = SYS_IPC
    mov r14 = r32
    mov r16 = r33
    mov r17 = r0
    mov r18 = r0
    mov ar.ec = r34
    ;;
    break.i ENTRY_VECTOR
    ;;
    mov r8 = ar.ec
    GIVE_BACK r36, r37, r38, r39, r40, r41, r42, r43, r44
    mov ar.pfs = r35
    ;;
    br.ret.sptk.many b0
    ;;
    .endp ec_probe

/*
 * stacked_nat_probe(to, from_specifier, mask): 40 stacked registers (r35-r74) of this
 * frame, NaT where mask has the bit (a fill with ar.unat all ones), the others i, then
 * an IPC (to, from_specifier, no timeouts, no words) through the gate as the stub calls
 * it; returns the mask of those registers that are NaT after it. The kernel moves them
 * through its backing store and back (their NaT bits in the collections flushrs writes
 * and, for the last partial group, in ar.rnat): they must come back as they went.
 */
    .global stacked_nat_probe
    .proc stacked_nat_probe
stacked_nat_probe:
    alloc r75 = ar.pfs, 3, 52, 0, 0     // r75 pfs, r76 b0, r77 unat, r78-r86 r4-r7 and b1-b5
    mov r76 = b0
    mov r77 = ar.unat
    adds r2 = -16, r12                  // a scratch word below sp for the fills
    mov r3 = -1
    ;;
    KEEP_GIVEN_UP r78, r79, r80, r81, r82, r83, r84, r85, r86
    mov ar.unat = r3
    ;;
    .irp n, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74
    tbit.nz p6, p7 = r34, \n - 35
    ;;
(p6) ld8.fill r\n = [r2]
(p7) mov r\n = \n - 35
    ;;
    .endr
    mov ar.unat = r77
    ;;
    GATE_CALL(r32, r33)
    mov r8 = r0
    ;;
    .irp n, 35, 36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74
    tnat.nz p6, p0 = r\n
    ;;
(p6) dep r8 = -1, r8, \n - 35, 1
    ;;
    .endr
    GIVE_BACK r78, r79, r80, r81, r82, r83, r84, r85, r86
    mov b0 = r76
    mov ar.pfs = r75
    ;;
    br.ret.sptk.many b0
    ;;
    .endp stacked_nat_probe
