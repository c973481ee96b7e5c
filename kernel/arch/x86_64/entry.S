/*
 * x86_64 kernel entries and exits. Syscalls, interrupts and exceptions all leave the
 * same struct hal_frame (hal_types.h) at the top of the thread's kernel stack, so one
 * exit path serves them: sysret for a syscall frame, iret for the rest.
 */
#include "cpu.h"
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/offsets.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>
#include <tern/config/max_threads.h>

#define F_VECTOR (15 * 8)
#define F_CS (18 * 8)

    .macro SAVE_GPRS
    push %rax; push %rbx; push %rcx; push %rdx; push %rsi; push %rdi; push %rbp
    push %r8; push %r9; push %r10; push %r11; push %r12; push %r13; push %r14; push %r15
    .endm
    .macro RESTORE_GPRS
    pop %r15; pop %r14; pop %r13; pop %r12; pop %r11; pop %r10; pop %r9; pop %r8
    pop %rbp; pop %rdi; pop %rsi; pop %rdx; pop %rcx; pop %rbx; pop %rax
    .endm

    .text
/* `syscall`: RCX = user RIP, R11 = user RFLAGS, interrupts off (FMASK), user RSP live. */
    .globl syscall_entry_asm
syscall_entry_asm:
    mov %rsp, user_rsp_scratch(%rip)
    mov tss+4(%rip), %rsp       /* TSS.rsp0: one kernel stack pointer for every entry */
#if TERN_CONFIG_FASTPATH
#include <tern/kernel/fastpath.inc>
#endif
syscall_slow:
    push $USER_DS
    push user_rsp_scratch(%rip)
    push %r11
    push $USER_CS
    push %rcx
    push $0
    push $VEC_SYSCALL
    SAVE_GPRS
    mov %rsp, %rdi
    call syscall_entry
    /* fall through */

/* rsp points at a frame; return to whatever it describes. */
    .globl return_to_user
return_to_user:
    cmpq $VEC_SYSCALL, F_VECTOR(%rsp)
    jne 1f
    RESTORE_GPRS
    add $16, %rsp               /* vector, error */
    pop %rcx                    /* rip (the kernel keeps it a user address) */
    add $8, %rsp                /* cs */
    pop %r11                    /* rflags */
    pop %rsp                    /* user rsp */
    sysretq
1:  RESTORE_GPRS
    add $16, %rsp
    iretq

/* Interrupts and exceptions: push a dummy error code where the CPU pushes none. */
    .macro ISR_NOERR n
isr\n: push $0
    push $\n
    jmp isr_common
    .endm
    .macro ISR_ERR n
isr\n: push $\n
    jmp isr_common
    .endm

isr_common:
    cld
    SAVE_GPRS
    mov %rsp, %rdi
    call trap_dispatch
    jmp return_to_user

ISR_NOERR 0; ISR_NOERR 1; ISR_NOERR 2; ISR_NOERR 3; ISR_NOERR 4; ISR_NOERR 5; ISR_NOERR 6
ISR_NOERR 7; ISR_ERR 8; ISR_NOERR 9; ISR_ERR 10; ISR_ERR 11; ISR_ERR 12; ISR_ERR 13
ISR_ERR 14; ISR_NOERR 15; ISR_NOERR 16; ISR_ERR 17; ISR_NOERR 18; ISR_NOERR 19; ISR_NOERR 20
ISR_ERR 21; ISR_NOERR 22; ISR_NOERR 23; ISR_NOERR 24; ISR_NOERR 25; ISR_NOERR 26; ISR_NOERR 27
ISR_NOERR 28; ISR_ERR 29; ISR_ERR 30; ISR_NOERR 31
ISR_NOERR 32; ISR_NOERR 33; ISR_NOERR 34; ISR_NOERR 35; ISR_NOERR 36; ISR_NOERR 37; ISR_NOERR 38
ISR_NOERR 39; ISR_NOERR 40; ISR_NOERR 41; ISR_NOERR 42; ISR_NOERR 43; ISR_NOERR 44; ISR_NOERR 45
ISR_NOERR 46; ISR_NOERR 47

    .section .rodata
    .globl isr_table
isr_table:
    .irp n, 0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,21,22,23,24,25,26,27,28,29,30,31,32,33,34,35,36,37,38,39,40,41,42,43,44,45,46,47
    .quad isr\n
    .endr

    .text
/* hal_switch(from, to) is generated from the callee-saved set (switch.inc). A new
 * thread "returns" into thread_start with its user frame above. */
#include <tern/kernel/switch.inc>

    .globl thread_start
thread_start:
    jmp return_to_user

/* A thread the fast path blocked is resumed by the slow path here: its saved kernel
 * stack pointer names fastpath_resume_ctx, which hal_switch pops as it would a switched-out
 * stack; we then move to the thread's own stack (TSS.rsp0, set by hal_activate), finish
 * the IPC system call as the slow path would (ipc_resume) and leave. */
    .globl fastpath_resume
fastpath_resume:
    mov tss+4(%rip), %rsp
    sub $FRAME_SIZE, %rsp
    mov %rsp, %rdi
    call ipc_resume
    jmp return_to_user

    .section .rodata
    .align 8
    .globl fastpath_resume_ctx
fastpath_resume_ctx:                /* read only: every fast-blocked thread shares it */
    .fill HAL_SWITCH_WORDS, 8, 0
    .quad fastpath_resume
    .text

    .bss
    .align 8
    .globl user_rsp_scratch
user_rsp_scratch: .quad 0
