/*
 * x86_64 kernel entries and exits. Syscalls, interrupts and exceptions all leave the
 * same struct hal_frame (generated from port.toml [frame]: tern/kernel/frame.h, with the
 * FRAME_SAVE and FRAME_RESTORE sequences) at the top of the thread's kernel stack, so
 * one exit path serves them: sysret for a syscall frame, iret for the rest.
 */
#include <arch/x86_64/cpu.h>
#include <tern/kernel/asm_abi.h>
#if LEAN_KEEP_COUNT != 0
#error "the lean entry keeps no register beyond the results (asm_abi.h LEAN_KEEP_REGS)"
#endif
#include <tern/kernel/frame.h>
#include <tern/kernel/offsets.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>
#include <tern/config/max_threads.h>

/* After `syscall` (RCX = user RIP, R11 = user RFLAGS, user RSP in user_rsp_scratch): the
 * CPU part of the frame as an interrupt would push it, then vector and error code. */
.macro syscall_cpu_frame vector
    push $USER_DS
    push user_rsp_scratch(%rip)
    push %r11
    push $USER_CS
    push %rcx
    push $0                     /* error */
    push \vector
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
    /* The lean calls (port.toml [lean]) need no frame: RCX and R11 hold the way back, the
     * handler's block the results; nothing can switch threads with interrupts off. All of
     * it goes below the frame, which keeps what the last full entry wrote: a thread the
     * fast path blocks leaves through it (iret after an interrupt, with its CS and SS). */
    cmp $SYSCALL_NUMBERS, %rax
    jae syscall_full
    cmpq $0, syscall_lean_table(, %rax, 8)
    je syscall_full
    sub $FRAME_SIZE, %rsp
    push %rcx
    push %r11
    .irp r, LEAN_RESULT_REGS_PUSH
    push \r
    .endr
    mov %rsp, %rsi              /* r: the block; a: unused (no arguments) */
    call *syscall_lean_table(, %rax, 8)
    .irp r, LEAN_RESULT_REGS_POP
    pop \r
    .endr
    .irp r, LEAN_SCRUB_REGS
    xor \r, \r
    .endr
    pop %r11
    pop %rcx
    mov user_rsp_scratch(%rip), %rsp
    sysretq
syscall_full:
    syscall_cpu_frame $FRAME_VECTOR_SYSCALL
    FRAME_SAVE
    mov %rsp, %rdi
    call syscall_entry
    /* fall through */

/* rsp points at a frame; return to whatever it describes. */
    .globl return_to_user
return_to_user:
    cmpq $FRAME_VECTOR_SYSCALL, FRAME_VECTOR(%rsp)
    jne 1f
    FRAME_RESTORE
    add $FRAME_CPU - FRAME_TRAP, %rsp   /* vector, error */
    pop %rcx                    /* rip (the kernel keeps it a user address) */
    add $8, %rsp                /* cs */
    pop %r11                    /* rflags */
    pop %rsp                    /* user rsp */
    sysretq
1:  FRAME_RESTORE
    add $FRAME_CPU - FRAME_TRAP, %rsp
    iretq

/* `syscall` from 32-bit code (MSR_CSTAR): no 32-bit user code segment exists, so this
 * cannot happen; were it to, it is an invalid-opcode exception for the thread's handler,
 * and the thread goes back in 64-bit mode. */
    .globl syscall_compat_entry
syscall_compat_entry:
    mov %rsp, user_rsp_scratch(%rip)
    mov tss+4(%rip), %rsp
    syscall_cpu_frame $6        /* vector: #UD */
    jmp isr_common

isr_common:
    cld
    FRAME_SAVE
    mov %rsp, %rdi
    call trap_dispatch
    jmp return_to_user

/* The stubs that lead to isr_common and their table, hal_switch, thread_start. */
#define X86_PTR .quad
#include <glue/x86/entry_shared.inc>     /* stubs, hal_switch, thread_start */

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
