/*
 * IPC entered with state a hostile thread may leave, for user/guest_tests/tests_entry.c:
 * entry_abuse(kind, to) calls `to` with an empty message by the stub's own sequence,
 * except: 1 = EFLAGS with TF, DF, NT and AC set right before sysenter (TF then traps in
 * the kernel); 2 = DS, ES and GS null; 3 = EBP (the user stack pointer) in kernel memory;
 * 4 = EBP at an unmapped user address. Returns the IPC's EAX (the sender, or what the
 * kernel left), with DS/ES/GS and DF as the kernel gave them back; -1 for an unknown kind.
 * entry_state() says whether DF is clear and %gs:0 is this thread's UTCB (bit 0, bit 1).
 */
#include <tern/kernel/asm_abi.h>

#define BAD_KERNEL_SP 0x00200000      /* kernel memory: below the user range */
#define BAD_USER_SP 0xb0000000        /* a user address nothing maps */

    .text
    .globl entry_abuse
entry_abuse:
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov 20(%esp), %ecx              /* kind */
    mov 24(%esp), %eax              /* to; from-specifier the same: a call */
    mov %eax, %edx
    mov %gs:0, %edi
    xor %esi, %esi                  /* tag: no words */
    xor %ebx, %ebx
    cmp $1, %ecx
    je 1f
    cmp $2, %ecx
    je 2f
    cmp $3, %ecx
    je 3f
    cmp $4, %ecx
    je 4f
    mov $-1, %eax
    jmp 9f

1:  xor %ecx, %ecx                  /* timeouts: never */
    push %ebp
    call 11f
    jmp 12f
11: mov %esp, %ebp
    pushl $0x44702                  /* AC | NT | DF | IF | TF, bit 1 */
    popf                            /* TF traps after the next instruction: sysenter */
    sysenter
12: pop %ebp
    jmp 9f

2:  xor %ecx, %ecx
    mov %ecx, %ds                   /* null selectors: the kernel must not use them */
    mov %ecx, %es
    mov %ecx, %gs
    push %ebp
    call 21f
    jmp 22f
21: mov %esp, %ebp
    sysenter
22: pop %ebp
    jmp 9f

3:  xor %ecx, %ecx
    mov $BAD_KERNEL_SP, %ebp        /* the kernel must not read its own memory for us */
    sysenter
4:  xor %ecx, %ecx
    mov $BAD_USER_SP, %ebp
    sysenter                        /* kinds 3 and 4 never come back here */

9:  cld                             /* C wants DF clear, whatever came back */
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    ret

    .globl entry_state
entry_state:
    xor %eax, %eax
    pushf
    pop %ecx
    test $0x400, %ecx               /* DF */
    jnz 1f
    or $1, %eax
1:  mov %gs:0, %ecx                 /* faults if GS was left null */
    cmp %ecx, (%ecx)                /* UTCB word 0 is its own address (self) */
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
 * lean_probe(number, in, out): every general register but ESP loaded from in[], DS and
 * ES null and DF set, the system call `number` entered by `int $ENTRY_VECTOR`, every
 * register stored to out[]. Slots: EBX ESI EDI EBP (callee-saved: the first 4), then EAX
 * ECX EDX. The probe writes the number into in[]'s EAX slot. Returns slots |
 * callee-saved slots << 8.
 */
    .globl lean_probe
lean_probe:
    push %ebp
    push %ebx
    push %esi
    push %edi
    mov 20(%esp), %ecx              /* number */
    mov 24(%esp), %eax              /* in */
    pushl 28(%esp)                  /* out */
    mov %ecx, 16(%eax)
    mov 0(%eax), %ebx
    mov 4(%eax), %esi
    mov 8(%eax), %edi
    mov 12(%eax), %ebp
    mov 20(%eax), %ecx
    mov 24(%eax), %edx
    mov 16(%eax), %eax
    push $0
    pop %ds                         /* null selectors: the kernel must not use them */
    push $0
    pop %es
    std
    int $ENTRY_VECTOR
    cld
    push %ss                        /* a usable DS again, without touching a register */
    pop %ds
    push %ss
    pop %es
    push %eax
    mov 4(%esp), %eax               /* out */
    mov %ebx, 0(%eax)
    mov %esi, 4(%eax)
    mov %edi, 8(%eax)
    mov %ebp, 12(%eax)
    mov %ecx, 20(%eax)
    mov %edx, 24(%eax)
    pop %ecx
    mov %ecx, 16(%eax)
    add $4, %esp
    pop %edi
    pop %esi
    pop %ebx
    pop %ebp
    mov $(7 | 4 << 8), %eax
    ret
