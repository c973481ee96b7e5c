/*
 * The IPC gate page: the user's IPC stub calls it (br.call b7, abi/ia64.toml [entry]).
 * boot.S pins it at IPC_GATE with access rights 7 at privilege 0: every level may
 * execute it, only the kernel may read it, and its `epc` raises the privilege to 0
 * with no interruption (no pipeline flush, no bank switch by the CPU). The rest of the
 * page is no code: nothing else here ever runs with the page's privilege. The page is
 * linked where it runs (link.ld: its own section at IPC_GATE, loaded after the kernel),
 * so its `brl` reaches the kernel's text 256 MiB away, beyond an IP-relative `br`.
 *
 * Still on the user's register bank 1 (r29-r31 are the stub's to lose), the gate makes
 * the state a system call's break leaves, as if its `brl` at ipc_gate_call were that
 * break: cr.ipsr the user's psr (read after epc: cpl 0, i and ic as they were) at
 * privilege 3 on bank 1, slot 2; cr.iip ipc_gate_call, from the gate's own ip. It turns
 * off what an interruption would have (interrupts, collection) and what the kernel
 * cannot run with (big-endian data, the alignment check, disabled FP partitions: the
 * kernel uses f6-f11), and goes where the break goes: the fast path, whose bsw.1 does
 * nothing here, or the slow path by ipc_gate_slow (entry.S). The kernel returns past the
 * brl, to ipc_gate_return, at privilege 3, which goes back to the stub through b7 with
 * the caller's frame from ar.pfs. No kernel address is left in a user register: r30
 * holds the gate's, and the kernel scrubs r29-r31 on every way out. The slow path reads
 * neither cr.isr nor cr.ifa nor cr.iim for a system call.
 * An external interrupt may come between epc and the rsm that turns them off: the IVT
 * sends it straight back here with interrupts off (entry.S, IVT_EXTINT); it is taken
 * on the way out to user mode.
 */
#include <arch/ia64/ia64.h>
#include <tern/kernel/asm_abi.h>
#include <tern/config/fastpath.h>

#define GATE_IPSR (PSR_I | PSR_IC | PSR_CPL_USER | PSR_BN | (2 << PSR_RI_SHIFT))

    .explicit
    .globl ipc_gate_va                  /* link.ld puts the .gate section here */
    .set ipc_gate_va, IPC_GATE
    .section .gate, "ax"
    .align (1 << TERN_ASM_PAGE_BITS)
    .globl ipc_gate_page
ipc_gate_page:
{ .mib
    nop.m 0
    mov r30 = ip                        /* this page's address (any privilege may read ip; */
                                        /* a thread the kernel restarts in this page starts */
                                        /* at slot 0, hal_frame_set, so it is read here) */
    epc                                 /* privilege 0 from the next group */
    ;;
}
    .globl ipc_gate_window
ipc_gate_window:                        /* the only place an interrupt finds privilege 0 here */
{ .mmi
    mov r31 = psr                       /* (read before the rsm writes it: its own values) */
    rsm psr.i | psr.ic | psr.be | psr.ac | psr.dfl | psr.dfh
    adds r30 = ipc_gate_call - ipc_gate_page, r30
    ;;
}
{ .mlx
    srlz.d                              /* collection off before the CR writes */
    movl r29 = GATE_IPSR
    ;;
}
{ .mmi
    or r31 = r31, r29
    mov cr.iip = r30
    nop.i 0
    ;;
}
    .globl ipc_gate_call
ipc_gate_call:                          /* the "break": the kernel returns past its slot 2 */
{ .mlx
    mov cr.ipsr = r31
#if TERN_CONFIG_FASTPATH
    brl.sptk.few fastpath_ipc
#else
    brl.sptk.few ipc_gate_slow
#endif
    ;;
}
    .globl ipc_gate_return
ipc_gate_return:                        /* privilege 3 again, the call's frame restored */
{ .mib
    nop.m 0
    nop.i 0
    br.ret.sptk.many b7
    ;;
}
    .align (1 << TERN_ASM_PAGE_BITS)    /* the page holds nothing else (no kernel bytes
                                         * any level may execute; link.ld asserts that
                                         * .gate is this one page) */

