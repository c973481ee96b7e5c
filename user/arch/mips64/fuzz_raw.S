/*
 * The fuzzer's raw kernel entry (user/fuzz/calls.c): fuzz_raw(struct fuzz_raw *r) enters
 * the kernel with every general register $1..$31 from r->regs[1..31] (registers.all's
 * order, one slot per register number), the stack pointer included, and r->number in the
 * ABI's number register; it comes back on its own stack, which it finds through the
 * UTCB's thread word (it keeps r there). A kernel that sends the thread elsewhere leaves
 * it to the fuzzer's keeper.
 */
#include <tern/kernel/asm_abi.h>

#define W 8
#define RAW_NUMBER (32 * W)
#define RAW_SP (34 * W)

    .set noreorder
    .set noat
    .text
    .globl fuzz_raw
fuzz_raw:
    daddiu $29, $29, -96
    sd $16, 0($29)
    sd $17, 8($29)
    sd $18, 16($29)
    sd $19, 24($29)
    sd $20, 32($29)
    sd $21, 40($29)
    sd $22, 48($29)
    sd $23, 56($29)
    sd $28, 64($29)
    sd $30, 72($29)
    sd $31, 80($29)
    ld $8, 4096($0)                     /* the UTCB pointer */
    sd $4, UTCB_THREAD_WORD($8)
    sd $29, RAW_SP($4)
    ld $1, 1 * W($4)
    ld $3, 3 * W($4)
    ld $5, 5 * W($4)
    ld $6, 6 * W($4)
    ld $7, 7 * W($4)
    ld $8, 8 * W($4)
    ld $9, 9 * W($4)
    ld $10, 10 * W($4)
    ld $11, 11 * W($4)
    ld $12, 12 * W($4)
    ld $13, 13 * W($4)
    ld $14, 14 * W($4)
    ld $15, 15 * W($4)
    ld $16, 16 * W($4)
    ld $17, 17 * W($4)
    ld $18, 18 * W($4)
    ld $19, 19 * W($4)
    ld $20, 20 * W($4)
    ld $21, 21 * W($4)
    ld $22, 22 * W($4)
    ld $23, 23 * W($4)
    ld $24, 24 * W($4)
    ld $25, 25 * W($4)
    ld $26, 26 * W($4)
    ld $27, 27 * W($4)
    ld $28, 28 * W($4)
    ld $30, 30 * W($4)
    ld $31, 31 * W($4)
    ld REG_SYSCALL_NUMBER, RAW_NUMBER($4)
    ld $29, 29 * W($4)
    ld $4, 4 * W($4)
    syscall
    ld $29, 4096($0)
    ld $29, UTCB_THREAD_WORD($29)
    ld $29, RAW_SP($29)
    ld $16, 0($29)
    ld $17, 8($29)
    ld $18, 16($29)
    ld $19, 24($29)
    ld $20, 32($29)
    ld $21, 40($29)
    ld $22, 48($29)
    ld $23, 56($29)
    ld $28, 64($29)
    ld $30, 72($29)
    ld $31, 80($29)
    jr $31
    daddiu $29, $29, 96

    .section .rodata
    .globl fuzz_raw_regs
fuzz_raw_regs: .word 32
