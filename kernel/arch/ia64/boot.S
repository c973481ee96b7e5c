/*
 * ia64 boot under Ski (system mode): entered at _start's physical address with
 * translation off and PSR = 0. Pin the direct map (region 7, one 256 MiB translation
 * register each for instructions and data, under the kernel's region id) and the IPC
 * gate page (execute-only, promoting to privilege 0 by epc), point IVA at
 * the IVT with the VHPT walker off, and rfi into virtual mode on bank 1 with collection
 * on. There: gp, a stack and a register backing store, then kernel_main.
 */
#include <arch/ia64/ia64.h>
#include <arch/ia64/hal_types.h>
#include <tern/kernel/asm_abi.h>

    .explicit
    .section .text.boot, "ax"
    .global _start
    .proc _start
_start:
    movl r2 = HAL_DIRECT_MAP
    movl r3 = RR_VALUE(KERNEL_RID, TERN_ASM_PAGE_BITS)
    ;;
    mov rr[r2] = r3
    ;;
    srlz.d
    ;;
    mov cr.ifa = r2
    mov r3 = (HAL_DIRECT_MAP_BITS << 2)
    ;;
    mov cr.itir = r3
    movl r3 = 0x661                     // p, ma = WB, a, d, pl 0, ar = RWX, physical 0
    mov r4 = r0                         // translation register 0
    ;;
    itr.i itr[r4] = r3
    ;;
    itr.d dtr[r4] = r3
    ;;
    movl r2 = IPC_GATE                  // the IPC gate page (glue/ia64/gate.S), in every
    mov r3 = (TERN_ASM_PAGE_BITS << 2)  // space: region 7 has one region id
    ;;
    mov cr.ifa = r2
    mov cr.itir = r3
    movl r3 = ipc_gate_phys             // its own page after the kernel (link.ld)
    movl r4 = 0xe61                     // p, ma = WB, a, d, pl 0, ar = 7: execute, promote
    ;;
    or r3 = r3, r4
    mov r4 = 1                          // instruction translation register 1
    ;;
    itr.i itr[r4] = r3
    ;;
    srlz.i
    ;;
    movl r2 = ivt
    ;;
    mov r3 = (15 << 2)                  // the smallest VHPT size field, walker off (ve = 0):
    ;;                                  // misses go to the alternate vectors
    mov cr.iva = r2
    mov cr.pta = r3
    mov cr.dcr = r0
    ;;
    movl r2 = PSR_KERNEL
    movl r3 = virtual_start
    ;;
    mov cr.ipsr = r2
    mov cr.iip = r3
    mov cr.ifs = r0
    ;;
    srlz.i
    ;;
    rfi
    ;;
    .endp _start

    .text
    .proc virtual_start
virtual_start:
    movl gp = __gp
    movl r12 = boot_stack_top - 16      // 16 bytes of scratch area for the callee
    ;;
    mov ar.rsc = 0                      // enforced lazy mode: bspstore is writable
    ;;
    movl r2 = boot_rbs                  // register backing store grows upwards
    ;;
    mov ar.bspstore = r2
    ;;
    loadrs                              // empty the dirty partition
    ;;
    mov ar.rsc = 3                      // eager mode
    // Ski starts with ar.fpsr = 0, i.e. every FP exception traps; multiplication and
    // division run on the FP unit and their inexact steps would fault. Use the software
    // conventions' default: all traps disabled, round to nearest, 64-bit precision.
    movl r2 = 0x0009804c0270033f
    ;;
    mov ar.fpsr = r2
    alloc r2 = ar.pfs, 0, 0, 0, 0
    ;;
    br.call.sptk.many b0 = kernel_main
    ;;
1:  br.cond.sptk 1b
    .endp virtual_start

    .bss
    .align 16
boot_rbs:
    .skip 65536
    .align 16
boot_stack:
    .skip 65536
boot_stack_top:
