/*
 * ia32 kernel entries and exits. IPC enters by `sysenter` (the seeds' convention: EBP
 * holds the user stack pointer with the return address on top), everything else by an
 * interrupt gate (the ABI's entry vector for the other system calls). Both leave the
 * same struct hal_frame (generated from port.toml [frame]: tern/kernel/frame.h) at the
 * top of the thread's kernel stack, so one exit path serves them: sysexit for a
 * sysenter frame, iret for the rest.
 */
#include <arch/ia32/cpu.h>
#include <tern/kernel/asm_abi.h>
#if LEAN_KEEP_COUNT != 0
#error "the lean entry keeps no register beyond the results (asm_abi.h LEAN_KEEP_REGS)"
#endif
#include <tern/kernel/frame.h>
#include <tern/kernel/offsets.h>
#include <tern/config/fastpath.h>
#include <tern/config/lazy_fpu.h>
#include <tern/config/max_threads.h>

    .text
/* sysenter: ESP = the MSR's value (&TSS.esp0), IF off; DS, ES, GS and EFLAGS are the
 * user's. IPC arguments: EAX to, EDX from-specifier, ECX timeouts, ESI MR0, EBX MR1,
 * EDI UTCB. */
    .globl sysenter_entry
sysenter_entry:
    mov (%esp), %esp            /* the seeds' trick: the MSR points at TSS.esp0 */
    push $USER_DS               /* the kernel's data segments, whatever the user loaded */
    pop %ds
    push $USER_DS
    pop %es
#if TERN_CONFIG_FASTPATH
#include <tern/kernel/fastpath.inc>
#endif
syscall_slow:
    push $0x2
    popf                        /* DF, NT, AC, TF off for C: sysenter keeps the user's */
    push $USER_DS               /* ss */
    push %ebp                   /* esp: the return address is popped below */
    push $FLAGS_IF | 0x2       /* eflags: sysexit leaves the kernel's, with IF on */
    push $USER_CS               /* cs */
    push $0                     /* eip: read below */
    push $0                     /* error */
    push $FRAME_VECTOR_SYSCALL
    FRAME_SAVE
    /* the return address on the user stack: read only from a user address */
    lea -USER_VA_START(%ebp), %eax
    cmp $USER_VA_LIMIT - USER_VA_START - 4, %eax
    ja sysenter_bad_stack
    .globl sysenter_read_ip
sysenter_read_ip:
    mov (%ebp), %eax            /* a fault here resumes at sysenter_bad_stack (cpu.c) */
    mov %eax, FRAME_EIP(%esp)
    addl $4, FRAME_ESP(%esp)
    push %esp
    call syscall_ipc
    add $4, %esp
    jmp return_to_user
/* No readable return address: no IPC; the thread resumes at 0, faults there, and its
 * pager hears of it. */
    .globl sysenter_bad_stack
sysenter_bad_stack:
    jmp return_to_user

/* esp points at a frame; return to whatever it describes. */
    .globl return_to_user
return_to_user:
    cmpl $FRAME_VECTOR_SYSCALL, FRAME_VECTOR(%esp)
    jne 1f
    FRAME_RESTORE               /* EBP carries MR2 out; ECX and EDX are sysexit's */
    mov FRAME_EIP - FRAME_TRAP(%esp), %edx
    mov FRAME_ESP - FRAME_TRAP(%esp), %ecx
    sti                         /* takes effect after sysexit: no interrupt in between */
    sysexit
1:  FRAME_RESTORE
    add $FRAME_CPU - FRAME_TRAP, %esp   /* vector, error */
    iret

/* The system call gate (`int $ENTRY_VECTOR`, interrupts off). The lean calls (port.toml
 * [lean]) need no frame: iret goes back, the handler's block holds the results and
 * nothing can switch threads. The rest enter as any trap. */
syscall_gate:
    cmp $SYSCALL_NUMBERS, %eax
    jae 1f
    cmpl $0, %ss:syscall_lean_table(, %eax, 4)  /* SS: DS may be the user's null selector */
    je 1f
    mov $USER_DS, %ecx          /* the kernel's data segments, whatever the user loaded */
    mov %ecx, %ds
    mov %ecx, %es
    cld
    .irp r, LEAN_RESULT_REGS_PUSH
    push \r
    .endr
    push %esp                   /* r: the block */
    push %esp                   /* a: unused (no arguments) */
    call *syscall_lean_table(, %eax, 4)
    add $8, %esp
    .irp r, LEAN_RESULT_REGS_POP
    pop \r
    .endr
    .irp r, LEAN_SCRUB_REGS
    xor \r, \r
    .endr
    iret
1:  push $0                     /* error */
    push $ENTRY_VECTOR
    jmp isr_common

isr_common:
    FRAME_SAVE
    mov $USER_DS, %eax          /* the kernel's data segments, whatever the user loaded */
    mov %eax, %ds
    mov %eax, %es
    cld
    push %esp
    call trap_dispatch
    add $4, %esp
    jmp return_to_user

/* The stubs that lead to isr_common and their table, hal_switch, thread_start. */
#define X86_PTR .long
#define X86_SYSCALL_GATE syscall_gate
#include <glue/x86/entry_shared.inc>     /* stubs, hal_switch, thread_start */

/* A thread the fast path blocked is resumed by the slow path here: its saved kernel
 * stack pointer names fastpath_resume_ctx, which hal_switch pops as it would a switched-out
 * stack; we then move to the thread's own stack (TSS.esp0, set by hal_activate), finish
 * the IPC system call as the slow path would (ipc_resume) and leave. */
    .globl fastpath_resume
fastpath_resume:
    mov tss+4, %esp
    sub $FRAME_SIZE, %esp
    push %esp
    call ipc_resume
    add $4, %esp
    jmp return_to_user

    .section .rodata
    .align 4
    .globl fastpath_resume_ctx
fastpath_resume_ctx:                /* read only: every fast-blocked thread shares it */
    .fill HAL_SWITCH_WORDS, 4, 0
    .long fastpath_resume
    .text
