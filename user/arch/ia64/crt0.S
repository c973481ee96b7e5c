/* User program entry on ia64: the kernel starts the first thread with a stack and no
 * register backing store; the store goes below the stack (the root task's stack is
 * [root] stack_pages of 16 KiB: its lower half), growing up towards the memory stack. */
    .explicit
    .section .text.start, "ax"
    .global _start
    .proc _start
_start:
    mov ar.rsc = 0                      // enforced lazy: bspstore is writable
    movl r2 = 131072
    ;;
    sub r2 = r12, r2
    ;;
    mov ar.bspstore = r2
    ;;
    loadrs
    ;;
    mov ar.rsc = 15                     // eager, privilege 3
    movl gp = __gp
    ;;
    alloc r2 = ar.pfs, 0, 0, 1, 0
    adds r12 = -16, r12                 // the callee's scratch area
    ;;
    br.call.sptk.many b0 = main
    ;;
    mov out0 = r8
    br.call.sptk.many b0 = tern_exit
    ;;
1:  br.cond.sptk 1b
    .endp _start

/* Threads made by tern_thread_run begin here with {fn, arg} on their stack (fn is a
 * function descriptor: entry, gp). Their register backing store is the 8 KiB below
 * that (libroot's stacks are 16 KiB). */
    .text
    .global tern_thread_entry
    .proc tern_thread_entry
tern_thread_entry:
    mov ar.rsc = 0
    movl r2 = 8192
    ;;
    sub r2 = r12, r2
    ;;
    mov ar.bspstore = r2
    ;;
    loadrs
    ;;
    mov ar.rsc = 15
    ;;
    alloc r3 = ar.pfs, 0, 0, 1, 0
    ld8 r2 = [r12], 8                   // fn
    ;;
    ld8 out0 = [r12], 8                 // arg
    ld8 r3 = [r2], 8                    // fn's entry ...
    ;;
    ld8 gp = [r2]                       // ... and gp
    mov b6 = r3
    adds r12 = -16, r12
    ;;
    br.call.sptk.many b0 = b6
    ;;
    movl gp = __gp
    ;;
    br.call.sptk.many b0 = tern_thread_exit
    ;;
2:  br.cond.sptk 2b
    .endp tern_thread_entry
