/*
 * IPC entered with state a hostile thread may leave, for user/guest_tests/tests_entry.c:
 * entry_abuse(kind, to) calls `to` with an empty message; kind 1 = RFLAGS with DF, NT and
 * AC set (TF is left out: sysret gives it back, and the thread would trap on itself).
 * Kinds 2-4 are ia32's (segments, a bad stack pointer): `syscall` takes neither from the
 * user, so they are -1 here, as is any unknown kind. Returns the sender (RSI).
 * entry_state() says whether DF is clear and %fs:0 is this thread's UTCB (bit 0, bit 1).
 */
#include <tern/kernel/asm_abi.h>

    .text
    .globl entry_abuse
entry_abuse:
    cmp $1, %edi
    je 1f
    mov $-1, %rax
    ret
1:  push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %rsi, %rdi                  /* to; from-specifier the same: a call */
    xor %edx, %edx                  /* timeouts: never */
    mov %fs:0, %r9
    xor %r8d, %r8d                  /* tag: no words */
    mov $SYS_IPC, %eax
    pushfq
    orq $0x44400, (%rsp)            /* AC | NT | DF */
    popfq
    syscall
    cld                             /* sysret gave our own DF back: C wants it clear */
    mov %rsi, %rax
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

    .globl entry_state
entry_state:
    xor %eax, %eax
    pushfq
    pop %rcx
    test $0x400, %ecx               /* DF */
    jnz 1f
    or $1, %eax
1:  mov %fs:0, %rcx
    cmp %rcx, (%rcx)                /* UTCB word 0 is its own address (self) */
    jne 2f
    or $2, %eax
2:  ret

/* entry_privileged_probe(): clears the interrupt flag, which traps in user mode (IOPL 0). */
    .globl entry_privileged_probe
entry_privileged_probe:
    cli
    sti
    ret
