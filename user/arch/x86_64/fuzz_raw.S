/*
 * The fuzzer's raw kernel entry (user/fuzz/calls.c): fuzz_raw(struct fuzz_raw *r) enters
 * the kernel with every general register from r->regs[] (rax rbx rcx rdx rsi rdi rbp rsp
 * r8..r15: registers.all's order), the stack pointer included, and r->number in the
 * ABI's number register; it comes back on its own stack, which it finds through the
 * UTCB's thread word (it keeps r there). A kernel that sends the thread elsewhere leaves
 * it to the fuzzer's keeper.
 */
#include <tern/kernel/asm_abi.h>

#define W 8
#define RAW_NUMBER (32 * W)
#define RAW_SP (34 * W)

    .text
    .globl fuzz_raw
fuzz_raw:
    push %rbx
    push %rbp
    push %r12
    push %r13
    push %r14
    push %r15
    mov %fs:0, %rax
    mov %rdi, UTCB_THREAD_WORD(%rax)
    mov %rsp, RAW_SP(%rdi)
    mov 0 * W(%rdi), %rax
    mov 1 * W(%rdi), %rbx
    mov 2 * W(%rdi), %rcx
    mov 3 * W(%rdi), %rdx
    mov 4 * W(%rdi), %rsi
    mov 6 * W(%rdi), %rbp
    mov 8 * W(%rdi), %r8
    mov 9 * W(%rdi), %r9
    mov 10 * W(%rdi), %r10
    mov 11 * W(%rdi), %r11
    mov 12 * W(%rdi), %r12
    mov 13 * W(%rdi), %r13
    mov 14 * W(%rdi), %r14
    mov 15 * W(%rdi), %r15
    mov RAW_NUMBER(%rdi), REG_SYSCALL_NUMBER
    mov 7 * W(%rdi), %rsp
    mov 5 * W(%rdi), %rdi
    syscall
    mov %fs:0, %rsp
    mov UTCB_THREAD_WORD(%rsp), %rsp
    mov RAW_SP(%rsp), %rsp
    pop %r15
    pop %r14
    pop %r13
    pop %r12
    pop %rbp
    pop %rbx
    ret

    .section .rodata
    .globl fuzz_raw_regs
fuzz_raw_regs: .long 16
