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

isr_common:
    cld
    SAVE_GPRS
    mov %rsp, %rdi
    call trap_dispatch
    jmp return_to_user

/* The stubs that lead to isr_common, and their table. */
#define X86_PTR .quad
#define X86_EXTRA_VECTORS 
#include "isr_stubs.inc"

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
