/*
 * The fuzzer's raw kernel entry (user/fuzz/calls.c): fuzz_raw(struct fuzz_raw *r) enters
 * the kernel with every general register from r->regs[] (eax ebx ecx edx esi edi ebp
 * esp: registers.all's order), the stack pointer included, and r->number in the ABI's
 * number register. r->kind picks the entry: 0 `int $0x30`; 1 `sysenter` with EBP naming
 * a return address on our stack, as the convention has it; 2 `sysenter` with EBP from
 * r->regs[] too. It comes back on its own stack, which it finds through the UTCB's
 * thread word (it keeps r there). A kernel that sends the thread elsewhere leaves it to
 * the fuzzer's keeper.
 */
#include <tern/kernel/asm_abi.h>

#define W 4
#define RAW_NUMBER (32 * W)
#define RAW_KIND (33 * W)
#define RAW_SP (34 * W)

    .text
    .globl fuzz_raw
fuzz_raw:
    push %ebx
    push %esi
    push %edi
    push %ebp
    mov 20(%esp), %eax
    mov %gs:0, %ecx
    mov %eax, UTCB_THREAD_WORD(%ecx)
    push $back                          /* a return address, for sysenter's convention */
    mov %esp, RAW_SP(%eax)
    mov %esp, %ebp
    cmpl $2, RAW_KIND(%eax)
    jne 1f
    mov 6 * W(%eax), %ebp
1:  mov 1 * W(%eax), %ebx
    mov 2 * W(%eax), %ecx
    mov 3 * W(%eax), %edx
    mov 4 * W(%eax), %esi
    mov 5 * W(%eax), %edi
    cmpl $0, RAW_KIND(%eax)
    je 2f
    mov 7 * W(%eax), %esp
    mov RAW_NUMBER(%eax), REG_SYSCALL_NUMBER
    sysenter
2:  mov 6 * W(%eax), %ebp
    mov 7 * W(%eax), %esp
    mov RAW_NUMBER(%eax), REG_SYSCALL_NUMBER
    int $ENTRY_VECTOR
back:
    mov %gs:0, %esp
    mov UTCB_THREAD_WORD(%esp), %esp
    mov RAW_SP(%esp), %esp
    add $4, %esp                        /* the return address pushed for sysenter */
    pop %ebp
    pop %edi
    pop %esi
    pop %ebx
    ret

    .section .rodata
    .globl fuzz_raw_regs
fuzz_raw_regs: .long 8
