/*
 * The ia64 IVT, the kernel entries and the one exit. IVA points at the IVT (boot.S).
 * Every vector starts on register bank 0 with collection and interrupts off, the user's
 * state untouched; each saves the predicates in r31 (bank 0) and names itself in r17.
 *   - The alternate TLB miss vectors (the VHPT walker is off) walk [page_table] in the
 *     generated refill and insert the PTE with itc; what it cannot serve is a page fault.
 *   - The break vector sends the system call break (abi [entry] vector) to the
 *     generated fast path (with the user's predicates back), whose miss is
 *     syscall_slow; other breaks are exceptions. IPC through the gate page (gate.S)
 *     makes the same state there and goes the same way.
 *   - The external interrupt vector sends an interrupt that found the gate between its
 *     epc and its rsm straight back, with interrupts off (it stays pending).
 *   - Everything else goes to exception_common.
 * Every entry leaves a struct hal_frame (port.toml [frame]): from user mode at the top of
 * the thread's kernel stack, with the user's dirty stacked registers spilled to the
 * thread's kernel backing store (KERNEL_RBS_OFFSET into its TCB block) after `cover`;
 * from the kernel (an interrupt while idle, or a fault: a panic) below the kernel stack
 * in use, on the same backing store. C runs on bank 1 with collection on and interrupts
 * off, in f6-f11 only (saved here). The exit is always rfi.
 */
#include <arch/ia64/ia64.h>
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>
#include <tern/kernel/offsets.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>

#if FRAME_F6 % 16 || FRAME_SIZE % 16
#error "stf.spill needs f6-f11 16-aligned in a 16-aligned frame (port.toml [frame])"
#endif

#define KERNEL_FPSR 0x0009804c0270033f   /* traps off, round to nearest, 64-bit precision */

    .explicit

/* A vector that only records which it is. */
#define VECTOR(offset)                                      \
    .org ivt + offset;                                      \
    mov r31 = pr;                                           \
    mov r17 = offset;                                       \
    br.sptk.few exception_common;                           \
    ;;

    .section .text.ivt, "ax"
    .align 32768
    .globl ivt
ivt:
    VECTOR(0x0000)                      /* VHPT translation: the walker is off */
    VECTOR(0x0400)                      /* instruction TLB: idem */
    VECTOR(0x0800)                      /* data TLB: idem */

    .org ivt + IVT_ITLB
    mov r31 = pr
    mov r17 = IVT_ITLB
    ;;
    cmp.eq p6, p7 = r0, r0              /* an instruction miss: itc.i */
    br.sptk.few tlb_refill
    ;;

    .org ivt + IVT_DTLB
    mov r31 = pr
    mov r17 = IVT_DTLB
    ;;
    cmp.eq p7, p6 = r0, r0              /* a data miss: itc.d */
    br.sptk.few tlb_refill
    ;;

    VECTOR(0x1400)                      /* data nested TLB: nothing nests */
    VECTOR(0x1800)
    VECTOR(0x1c00)
    VECTOR(IVT_DIRTY)
    VECTOR(IVT_IACCESS)
    VECTOR(IVT_DACCESS)

    .org ivt + IVT_BREAK
    mov r31 = pr
    mov r16 = cr.iim
    movl r18 = ENTRY_VECTOR
    ;;
    cmp.eq p6, p7 = r16, r18
    mov r17 = IVT_BREAK
(p7) br.cond.spnt.few exception_common  /* any other break: an exception */
    ;;
    mov pr = r31, -1                    /* the user's predicates, as the fast path wants */
    ;;
#if TERN_CONFIG_FASTPATH
    br.sptk.few fastpath_ipc
#else
    br.sptk.few syscall_slow
#endif
    ;;

    .org ivt + IVT_EXTINT
    mov r31 = pr
    mov r16 = cr.iip
    movl r18 = ipc_gate_window        /* (linked where it runs: link.ld) */
    ;;
    mov r19 = cr.ipsr
    cmp.eq p6, p7 = r16, r18
    mov r17 = IVT_EXTINT
    ;;
    extr.u r20 = r19, PSR_CPL_SHIFT, 2
    ;;
(p6) cmp.eq p6, p7 = 0, r20             /* p6: after the gate's epc, before its rsm */
    ;;
(p7) br.sptk.few exception_common       /* any other interrupt */
    dep r19 = 0, r19, 14, 1             /* psr.i: the gate turns them off anyway */
    ;;
    mov cr.ipsr = r19
    mov pr = r31, -1
    ;;
    rfi
    ;;
    VECTOR(0x3400)
    VECTOR(0x3800)
    VECTOR(0x3c00)
    VECTOR(0x4000)
    VECTOR(0x4400)
    VECTOR(0x4800)
    VECTOR(0x4c00)
    VECTOR(IVT_NOT_PRESENT)
    VECTOR(IVT_KEY_PERMISSION)
    VECTOR(IVT_IACCESS_RIGHTS)
    VECTOR(IVT_DACCESS_RIGHTS)
    VECTOR(IVT_GENERAL)
    VECTOR(IVT_DISABLED_FP)
    VECTOR(IVT_NAT)
    VECTOR(IVT_SPECULATION)
    VECTOR(0x5800)
    VECTOR(IVT_DEBUG)
    VECTOR(IVT_UNALIGNED)
    VECTOR(IVT_UNSUPPORTED_DATA)
    VECTOR(IVT_FP_FAULT)
    VECTOR(IVT_FP_TRAP)
    VECTOR(IVT_LOWER_PRIVILEGE)
    VECTOR(IVT_TAKEN_BRANCH)
    VECTOR(IVT_SINGLE_STEP)
    VECTOR(0x6100)
    VECTOR(0x6200)
    VECTOR(0x6300)
    VECTOR(0x6400)
    VECTOR(0x6500)
    VECTOR(0x6600)
    VECTOR(0x6700)
    VECTOR(0x6800)
    VECTOR(0x6900)                      /* IA-32 exception: no IA-32 code runs */
    VECTOR(0x6a00)
    VECTOR(0x6b00)
    .org ivt + 0x8000

    .text

/* The generated refill (port.toml [page_table]); a miss it cannot serve is a page fault. */
    .proc tlb_refill
#include <tern/kernel/tlb_refill.inc>
    .endp tlb_refill
tlb_refill_slow:
    br.sptk.few exception_common
    ;;

#if TERN_CONFIG_FASTPATH
#include <tern/kernel/fastpath.inc>
#endif

#if !TERN_CONFIG_FASTPATH
/* IPC through the gate page (gate.S) with no fast path: its state is the break's, still
 * on the user's bank 1; no kernel value left in the user's r29-r31, then the slow path
 * on bank 0. */
    .globl ipc_gate_slow
ipc_gate_slow:
    mov r29 = r0
    mov r30 = r0
    mov r31 = r0
    ;;
    bsw.0
    ;;
    br.sptk.few syscall_slow
    ;;
#endif

/* A system call the fast path did not take (bank 0, the user's predicates): the same
 * entry as an exception, named a system call, returning past the break. */
    .globl syscall_slow
syscall_slow:
    mov r31 = pr
    mov r17 = FRAME_VECTOR_SYSCALL
    ;;
    /* fall through */

/* Bank 0, collection off: r31 the user's predicates, r17 the vector. */
exception_common:
    mov r16 = cr.ipsr
    movl r20 = current
    ;;
    extr.u r18 = r16, PSR_CPL_SHIFT, 2
    ld8 r20 = [r20]
    ;;
    cmp.eq p8, p9 = 0, r18              /* p8: from the kernel, p9: from user mode */
    adds r20 = TCB_USER_FRAME, r20      /* the thread's user frame, above its TCB */
    ;;
(p8) adds r20 = -(FRAME_SIZE + 16), r12 /* from the kernel: below its stack (16-aligned) */
    mov r22 = ar.unat                   /* before the spills change it */
    ;;
    adds r21 = FRAME_PR, r20
    ;;
    st8 [r21] = r31
    adds r21 = FRAME_VECTOR, r20
    ;;
    st8 [r21] = r17
    adds r21 = FRAME_IPSR, r20
    ;;
    st8 [r21] = r16
    adds r21 = FRAME_UNAT, r20
    ;;
    st8 [r21] = r22
    FRAME_SAVE                          /* ends on bank 1, r2 the frame */
    mov r8 = ar.unat                    /* the spills' NaT bits */
    adds r3 = FRAME_NATS, r2
    ;;
    st8 [r3] = r8
    mov r8 = cr.iip
    ;;
    adds r3 = FRAME_IIP, r2
    ;;
    st8 [r3] = r8
    mov r9 = cr.isr
    mov r10 = cr.ifa
    mov r11 = cr.iim
    adds r3 = FRAME_ISR, r2
    ;;
    st8 [r3] = r9
    adds r3 = FRAME_IFA, r2
    ;;
    st8 [r3] = r10
    adds r3 = FRAME_IIM, r2
    ;;
    st8 [r3] = r11
    cover                               /* the interrupted frame into cr.ifs (collection is off) */
    ;;
    mov r8 = cr.ifs
    mov r10 = ar.ec                     /* before any br.call/br.ret changes it */
    adds r3 = FRAME_IFS, r2
    adds r11 = FRAME_EC, r2
    ;;
    st8 [r3] = r8
    st8 [r11] = r10
    mov r8 = ar.pfs
    mov r9 = ar.rsc
    adds r3 = FRAME_PFS, r2
    ;;
    st8 [r3] = r8
    adds r3 = FRAME_RSC, r2
    mov r8 = ar.ccv
    ;;
    st8 [r3] = r9
    adds r3 = FRAME_CCV, r2
    mov r9 = ar.lc
    ;;
    st8 [r3] = r8
    adds r3 = FRAME_LC, r2
    mov r8 = ar.fpsr
    ;;
    st8 [r3] = r9
    adds r3 = FRAME_FPSR, r2
    mov r9 = b0
    ;;
    st8 [r3] = r8
    adds r3 = FRAME_B0, r2
    mov r8 = b1
    ;;
    st8 [r3] = r9
    adds r3 = FRAME_B1, r2
    mov r9 = b2
    ;;
    st8 [r3] = r8, 8                    /* b1-b5 are consecutive */
    mov r8 = b3
    ;;
    st8 [r3] = r9, 8
    mov r9 = b4
    ;;
    st8 [r3] = r8, 8
    mov r8 = b5
    ;;
    st8 [r3] = r9, 8
    mov r9 = b6
    ;;
    st8 [r3] = r8
    adds r3 = FRAME_B6, r2
    mov r8 = b7
    ;;
    st8 [r3] = r9, 8                    /* b6, b7 */
    ;;
    st8 [r3] = r8
    /* the register stack: a user's dirty registers move to the thread's kernel store */
    mov ar.rsc = 0                      /* enforced lazy: bspstore may change */
    ;;
    mov r8 = ar.bspstore
    mov r9 = ar.rnat
    adds r3 = FRAME_BSPSTORE, r2
    ;;
    st8 [r3] = r8
    adds r3 = FRAME_RNAT, r2
    ;;
    st8 [r3] = r9
    mov r11 = r0                        /* from the kernel: nothing to load back */
(p9) movl r10 = current
    ;;
(p9) ld8 r10 = [r10]
    movl r9 = KERNEL_RBS_OFFSET
    ;;
(p9) add r10 = r10, r9
    ;;
(p9) mov ar.bspstore = r10
    ;;
(p9) mov r11 = ar.bsp
    ;;
(p9) sub r11 = r11, r10                 /* bytes of user registers in the kernel store */
    adds r3 = FRAME_LOADRS, r2
    flushrs                             /* ... written there now, with their NaT collections */
    ;;
    st8 [r3] = r11
    adds r3 = FRAME_KRNAT, r2
    mov r11 = r0
    ;;
(p9) mov r11 = ar.rnat                  /* the NaT bits of the last, partial group: loadrs */
    ;;                                  /* needs them back in ar.rnat (return_to_user) */
    st8 [r3] = r11
    mov ar.rsc = 3                      /* eager, privilege 0 */
    /* the FP registers C may use */
    adds r8 = FRAME_F6, r2
    adds r9 = FRAME_F7, r2
(p9) movl r12 = TCB_KSTACK_BYTES - TCB_USER_FRAME - 16     /* (the user's sp is in the frame) */
    ;;
    stf.spill [r8] = f6, 32
    stf.spill [r9] = f7, 32
    ;;
    stf.spill [r8] = f8, 32
    stf.spill [r9] = f9, 32
    ;;
    stf.spill [r8] = f10
    stf.spill [r9] = f11
    movl r8 = KERNEL_FPSR
    ;;
    mov ar.fpsr = r8
    movl gp = __gp
    mov r4 = r2                         /* the frame, kept across C (r4 is preserved) */
(p8) adds r12 = -16, r2                 /* from the kernel: its stack goes on below the frame */
(p9) add r12 = r12, r2                  /* from user mode: the top of the thread's stack */
    ;;                                  /* (16 bytes of scratch above sp, as C expects) */
    ssm psr.ic                          /* collection on: a kernel fault is reported */
    ;;
    srlz.d
    ;;
    alloc r5 = ar.pfs, 0, 0, 1, 0
    adds r3 = FRAME_VECTOR, r4
    ;;
    mov r14 = FRAME_VECTOR_SYSCALL
    ;;
    ld8 r3 = [r3]
    mov out0 = r4
    ;;
    cmp.eq p6, p7 = r14, r3
    ;;
(p6) br.call.sptk.many b0 = syscall_from_break
(p7) br.call.sptk.many b0 = trap_dispatch
    ;;
    mov r2 = r4
    ;;
    /* fall through */

/* r2 points at a frame; return to whatever it describes. */
    .globl return_to_user
return_to_user:
    adds r8 = FRAME_F6, r2
    adds r9 = FRAME_F7, r2
    ;;
    ldf.fill f6 = [r8], 32
    ldf.fill f7 = [r9], 32
    ;;
    ldf.fill f8 = [r8], 32
    ldf.fill f9 = [r9], 32
    ;;
    ldf.fill f10 = [r8]
    ldf.fill f11 = [r9]
    adds r3 = FRAME_B0, r2
    ;;
    ld8 r8 = [r3]
    adds r3 = FRAME_B1, r2
    ;;
    mov b0 = r8
    ld8 r8 = [r3], 8
    ;;
    mov b1 = r8
    ld8 r8 = [r3], 8
    ;;
    mov b2 = r8
    ld8 r8 = [r3], 8
    ;;
    mov b3 = r8
    ld8 r8 = [r3], 8
    ;;
    mov b4 = r8
    ld8 r8 = [r3]
    adds r3 = FRAME_B6, r2
    ;;
    mov b5 = r8
    ld8 r8 = [r3], 8
    ;;
    mov b6 = r8
    ld8 r8 = [r3]
    adds r3 = FRAME_LC, r2
    ;;
    mov b7 = r8
    ld8 r8 = [r3]
    adds r3 = FRAME_CCV, r2
    ;;
    mov ar.lc = r8
    ld8 r8 = [r3]
    adds r3 = FRAME_FPSR, r2
    ;;
    mov ar.ccv = r8
    ld8 r8 = [r3]
    ;;
    mov ar.fpsr = r8
    rsm psr.i | psr.ic                  /* collection off: the interruption registers are ours */
    ;;
    srlz.d
    adds r3 = FRAME_IPSR, r2
    ;;
    ld8 r8 = [r3]
    adds r3 = FRAME_IIP, r2
    ;;
    mov cr.ipsr = r8
    ld8 r9 = [r3]
    adds r3 = FRAME_IFS, r2
    ;;
    mov cr.iip = r9
    ld8 r9 = [r3]
    extr.u r10 = r8, PSR_CPL_SHIFT, 2
    ;;
    mov cr.ifs = r9
    cmp.eq p8, p9 = 0, r10              /* p8: back to the kernel, p9: to user mode */
    adds r3 = FRAME_LOADRS, r2
    ;;
    alloc r8 = ar.pfs, 0, 0, 0, 0       /* no current frame: rfi brings back the covered one */
    ld8 r9 = [r3]
    ;;
(p8) br.cond.spnt.few 1f
    shl r9 = r9, 16                     /* rsc.loadrs: the user's registers in our store */
    adds r3 = FRAME_KRNAT, r2
    ;;
    mov ar.rsc = r9
    ld8 r8 = [r3]
    ;;
    mov ar.rnat = r8                    /* the NaT bits of their last group, as the entry */
    ;;                                  /* found them (a thread the fast path blocked and the
                                         * slow path resumes ran on a collection of 0) */
    loadrs
    ;;
1:
    adds r3 = FRAME_BSPSTORE, r2
    ;;
    ld8 r8 = [r3]
    adds r3 = FRAME_RNAT, r2
    ;;
    ld8 r9 = [r3]
    adds r3 = FRAME_RSC, r2
(p9) mov ar.bspstore = r8               /* the user's own backing store again */
    ;;
(p9) mov ar.rnat = r9
    ld8 r8 = [r3]
    adds r3 = FRAME_PFS, r2
    ;;
    mov ar.rsc = r8
    ld8 r8 = [r3]
    adds r3 = FRAME_NATS, r2
    adds r9 = FRAME_EC, r2
    ;;
    mov ar.pfs = r8
    ld8 r8 = [r3]
    ld8 r9 = [r9]
    ;;
    mov ar.unat = r8
    mov ar.ec = r9                      /* no branch below changes it */
    ;;
    FRAME_RESTORE                       /* ends on bank 0, r20 the frame */
    adds r21 = FRAME_UNAT, r20
    adds r22 = FRAME_PR, r20
    ;;
    ld8 r21 = [r21]
    ld8 r22 = [r22]
    ;;
    mov ar.unat = r21
    mov pr = r22, -1
    mov r20 = r0                        /* leave no kernel values behind */
    mov r21 = r0
    mov r22 = r0
    ;;
    rfi
    ;;

/* The generated hal_switch (switch.inc); a new thread "returns" into thread_start at the
 * top of its kernel stack, and leaves through its user frame (above its TCB). */
#include <tern/kernel/switch.inc>

    .globl thread_start
thread_start:
    movl r2 = current
    ;;
    ld8 r2 = [r2]
    ;;
    adds r2 = TCB_USER_FRAME, r2
    br.sptk.few return_to_user
    ;;

/* A thread the fast path blocked is resumed by the slow path here: hal_switch pops the
 * fixed words in its TCB (hal_context.fast_switch, which block_current points ctx.sp
 * at) and returns with an empty register stack at the bottom of its kernel store. Move
 * the store above the user's registers (the frame's loadrs bytes), finish the IPC system
 * call as the slow path would (ipc_resume) and leave. */
    .globl fastpath_resume
fastpath_resume:
    movl r2 = current
    movl r12 = TCB_KSTACK_BYTES - 16
    ;;
    ld8 r2 = [r2]
    mov ar.rsc = 0                      /* enforced lazy: bspstore may change */
    ;;
    adds r4 = TCB_USER_FRAME, r2        /* the frame */
    add r12 = r12, r2                   /* the top of its kernel stack, 16 bytes of scratch */
    adds r2 = KERNEL_RBS_OFFSET, r2     /* (the words hal_switch popped are in the TCB) */
    ;;
    adds r3 = FRAME_LOADRS, r4
    ;;
    ld8 r3 = [r3]
    ;;
    add r2 = r2, r3
    ;;
    mov ar.bspstore = r2                /* (its rnat: any; return_to_user sets krnat) */
    ;;
    mov ar.rsc = 3                      /* eager, privilege 0 */
    alloc r5 = ar.pfs, 0, 0, 1, 0
    ;;
    mov out0 = r4
    br.call.sptk.many b0 = ipc_resume
    ;;
    mov r2 = r4
    br.sptk.few return_to_user
    ;;
