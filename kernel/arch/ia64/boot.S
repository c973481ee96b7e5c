/*
 * ia64 boot under Ski (system mode): entered at the ELF entry with translation off,
 * PSR = 0 and no gp, stack or register backing store. Set up those three, then call
 * kernel_main through the ordinary calling convention.
 */
    .explicit
    .text
    .global _start
    .proc _start
_start:
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
    // Ski starts with ar.fpsr = 0, i.e. every FP exception traps; integer division runs
    // on the FP unit (libgcc) and its inexact steps would fault. Use the software
    // conventions' default: all traps disabled, round to nearest, 64-bit precision.
    movl r2 = 0x0009804c0270033f
    ;;
    mov ar.fpsr = r2
    alloc r2 = ar.pfs, 0, 0, 0, 0
    ;;
    br.call.sptk.many b0 = kernel_main
    ;;
1:  br.cond.sptk 1b
    .endp _start

    .bss
    .align 16
boot_rbs:
    .skip 65536
    .align 16
boot_stack:
    .skip 65536
boot_stack_top:
