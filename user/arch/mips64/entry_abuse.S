/*
 * Kernel entries a hostile thread may try, for user/guest_tests/tests_entry.c.
 * entry_abuse(kind, to): kind 5 calls `to` by a syscall in a branch delay slot, which the
 * kernel must not take for an IPC (returning past it would run it again): the thread's
 * exception handler hears of it instead, and it does not return here. The x86 kinds
 * (flags, segments, stack pointers) mean nothing here: -1, as for any unknown kind.
 * entry_state(): bit 0 (the x86 direction flag: always clear here), bit 1: the UTCB
 * pointer works. entry_privileged_probe(): reads Status, which traps in user mode.
 */
#include <tern/kernel/asm_abi.h>

    .set noreorder
    .text
    .globl entry_abuse
entry_abuse:
    li $8, 5
    beq $4, $8, 1f
    nop
    jr $31
    li $2, -1
1:  daddiu $29, $29, -80
    sd $16, 0($29)
    sd $17, 8($29)
    sd $18, 16($29)
    sd $19, 24($29)
    sd $20, 32($29)
    sd $21, 40($29)
    sd $22, 48($29)
    sd $23, 56($29)
    sd $31, 64($29)
    move $4, $5                     /* to */
    move $5, $4                     /* from-specifier: the same, a call */
    move $6, $0                     /* timeouts: never */
    move $3, $0                     /* tag: no words */
    ld $7, 4096($0)                 /* UTCB */
    li $2, SYS_IPC
    beq $0, $0, 2f
    syscall                         /* in the delay slot */
2:  ld $16, 0($29)
    ld $17, 8($29)
    ld $18, 16($29)
    ld $19, 24($29)
    ld $20, 32($29)
    ld $21, 40($29)
    ld $22, 48($29)
    ld $23, 56($29)
    ld $31, 64($29)
    daddiu $29, $29, 80
    jr $31
    li $2, -2                       /* the syscall ran: it should not have */

    .globl entry_state
entry_state:
    ld $8, 4096($0)                 /* the UTCB pointer */
    ld $9, 0($8)                    /* UTCB word 0 is its own address (self) */
    li $2, 1
    bne $8, $9, 3f
    nop
    li $2, 3
3:  jr $31
    nop

    .globl entry_privileged_probe
entry_privileged_probe:
    mfc0 $2, $12
    jr $31
    nop
