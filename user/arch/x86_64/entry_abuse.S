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

/*
 * lean_probe(number, in, out): every general register but RSP loaded from in[], the
 * system call `number` entered by `syscall` with DF, NT and AC set, every register stored
 * to out[]. Slots: RBX RBP R12 R13 R14 R15 (callee-saved: the first 6), then RAX RCX RDX
 * RSI RDI R8 R9 R10 R11. The probe writes into in[] what it loads itself: RAX = number,
 * RCX = the address after `syscall`, R11 = the flags, which sysret gives back in them.
 * Returns slots | callee-saved slots << 8.
 */
    .globl lean_probe
lean_probe:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    push %rdx                       /* out */
    pushfq
    orq $0x44400, (%rsp)            /* AC | NT | DF */
    mov (%rsp), %r11
    mov %r11, 112(%rsi)
    lea 1f(%rip), %rcx
    mov %rcx, 56(%rsi)
    mov %rdi, 48(%rsi)
    mov %rdi, %rax
    mov 0(%rsi), %rbx
    mov 8(%rsi), %rbp
    mov 16(%rsi), %r12
    mov 24(%rsi), %r13
    mov 32(%rsi), %r14
    mov 40(%rsi), %r15
    mov 64(%rsi), %rdx
    mov 80(%rsi), %rdi
    mov 88(%rsi), %r8
    mov 96(%rsi), %r9
    mov 104(%rsi), %r10
    mov 72(%rsi), %rsi
    popfq
    syscall
1:  cld
    push %rsi
    mov 8(%rsp), %rsi               /* out */
    mov %rbx, 0(%rsi)
    mov %rbp, 8(%rsi)
    mov %r12, 16(%rsi)
    mov %r13, 24(%rsi)
    mov %r14, 32(%rsi)
    mov %r15, 40(%rsi)
    mov %rax, 48(%rsi)
    mov %rcx, 56(%rsi)
    mov %rdx, 64(%rsi)
    pop %rax
    mov %rax, 72(%rsi)
    mov %rdi, 80(%rsi)
    mov %r8, 88(%rsi)
    mov %r9, 96(%rsi)
    mov %r10, 104(%rsi)
    mov %r11, 112(%rsi)
    pop %rdx
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    mov $(15 | 6 << 8), %eax
    ret
