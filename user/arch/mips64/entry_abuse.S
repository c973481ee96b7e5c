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

/*
 * lean_probe(number, in, out): every general register but $29 (sp), $26 and $27 loaded
 * from in[], the system call `number` entered by `syscall`, every register stored to
 * out[], which must be in + 32 words (the probe addresses both through sp). Slots: $16-$23,
 * $28, $30 (callee-saved) and $31 (ra: no stub gives it up), the first 11, which must come
 * back or be results; then $2-$15, $24, $25, $1. The probe writes the number into in[]'s
 * $2 slot. Returns slots | kept slots << 8.
 */
    .globl lean_probe
lean_probe:
    .set noat
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
    dla $8, lean_probe_sp
    sd $29, 0($8)
    sd $4, 88($5)           /* in[$2] = number */
    move $29, $5                    /* the base: in (the kernel never uses a user sp) */
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
    ld $2, 88($29)
    ld $3, 96($29)
    ld $4, 104($29)
    ld $5, 112($29)
    ld $6, 120($29)
    ld $7, 128($29)
    ld $8, 136($29)
    ld $9, 144($29)
    ld $10, 152($29)
    ld $11, 160($29)
    ld $12, 168($29)
    ld $13, 176($29)
    ld $14, 184($29)
    ld $15, 192($29)
    ld $24, 200($29)
    ld $25, 208($29)
    ld $1, 216($29)
    syscall
    nop
    sd $16, 256($29)
    sd $17, 264($29)
    sd $18, 272($29)
    sd $19, 280($29)
    sd $20, 288($29)
    sd $21, 296($29)
    sd $22, 304($29)
    sd $23, 312($29)
    sd $28, 320($29)
    sd $30, 328($29)
    sd $31, 336($29)
    sd $2, 344($29)
    sd $3, 352($29)
    sd $4, 360($29)
    sd $5, 368($29)
    sd $6, 376($29)
    sd $7, 384($29)
    sd $8, 392($29)
    sd $9, 400($29)
    sd $10, 408($29)
    sd $11, 416($29)
    sd $12, 424($29)
    sd $13, 432($29)
    sd $14, 440($29)
    sd $15, 448($29)
    sd $24, 456($29)
    sd $25, 464($29)
    sd $1, 472($29)
    dla $8, lean_probe_sp
    ld $29, 0($8)
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
    daddiu $29, $29, 96
    jr $31
    li $2, 28 | 11 << 8
    .set at

    .bss
    .align 3
lean_probe_sp: .dword 0
    .text
