/*
 * The IPC gate page: the user's IPC stub calls it (br.call b7, abi/ia64.toml [entry]).
 * boot.S pins it at IPC_GATE with access rights 7 at privilege 0: every level may
 * execute it, only the kernel may read it, and its `epc` raises the privilege to 0
 * with no interruption (no pipeline flush, no bank switch by the CPU). The rest of the
 * page is no code: nothing else here ever runs with the page's privilege.
 *
 * After epc, still on the user's register bank 1 (r30 and r31 are the stub's to lose):
 * the user's psr into r31, and off with what an interruption would have turned off
 * (interrupts, collection) or the kernel cannot run with (big-endian data, the
 * alignment check, disabled FP partitions: the kernel uses f6-f11); then into the
 * kernel's ipc_gate_entry (entry.S), which makes the state a system call's break would
 * have left, as if this page's last branch before ipc_gate_return were that break: the
 * kernel returns past it, to ipc_gate_return, at privilege 3, which goes back to the
 * stub through b7 with the caller's frame from ar.pfs.
 * An external interrupt may come between epc and the rsm that turns them off: the IVT
 * sends it straight back here with interrupts off (entry.S, IVT_EXTINT); it is taken
 * on the way out to user mode.
 */
#include <tern/kernel/asm_abi.h>

    .explicit
    .section .text.gate, "ax"
    .align (1 << TERN_ASM_PAGE_BITS)
    .globl ipc_gate_page
ipc_gate_page:
{ .mib
    nop.m 0
    nop.i 0
    epc                                 /* privilege 0 from the next group */
    ;;
}
    .globl ipc_gate_window
ipc_gate_window:                        /* the only place an interrupt finds privilege 0 here */
{ .mmi
    mov r31 = psr                       /* (read before the rsm writes it: its own values) */
    rsm psr.i | psr.ic | psr.be | psr.ac | psr.dfl | psr.dfh
    nop.i 0
    ;;
}
{ .mlx
    srlz.d
    movl r30 = ipc_gate_entry
    ;;
}
    .globl ipc_gate_call
ipc_gate_call:                          /* the "break": the kernel returns past its slot 2 */
{ .mib
    nop.m 0
    mov b6 = r30                        /* b6 held the gate's address: the stub gave it up */
    br.sptk.few b6                      /* (a move to b6 may feed a branch in its group) */
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
    .align (1 << TERN_ASM_PAGE_BITS)    /* the page holds nothing else */

/* Where the kernel finds these at IPC_GATE (entry.S; constants, not addresses) */
    .globl ipc_gate_window_offset, ipc_gate_call_offset
    .set ipc_gate_window_offset, ipc_gate_window - ipc_gate_page
    .set ipc_gate_call_offset, ipc_gate_call - ipc_gate_page
