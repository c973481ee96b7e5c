/*
 * Every segment selector a user can name, for user/guest_tests/tests_fixes.c:
 * selector_scan(kind) tries each of 0..0xffff, from scan_next on, kind 0 by loading it
 * into ES (and putting ES back), kind 1 by a far call through it to an `lret` here. A
 * try that faults goes to the thread's exception handler, which resumes the thread at
 * scan_resume; one that works records the selector in scan_hits[scan_count++]. Returns
 * scan_count.
 */
    .text
    .globl selector_scan
selector_scan:
    mov %edi, scan_kind(%rip)
    push %rbx
scan_loop:
    mov scan_next(%rip), %eax
    cmp $0x10000, %eax
    jae scan_done
    cmpl $1, scan_kind(%rip)
    je 1f
    mov %es, %ecx
    mov %ax, %es                        /* may fault */
    mov %cx, %es
    jmp scan_hit
1:  lea scan_lret(%rip), %rcx
    mov %rcx, far_ptr(%rip)             /* m16:64: offset, then the selector (a 32-bit far */
    mov %ax, far_ptr+8(%rip)            /* return would cut RSP to 32 bits in QEMU) */
    lcallq *far_ptr(%rip)               /* may fault */
scan_hit:
    mov scan_next(%rip), %eax
    mov scan_count(%rip), %ecx
    lea scan_hits(%rip), %rbx
    mov %ax, (%rbx,%rcx,2)
    incl scan_count(%rip)
    .globl scan_resume
scan_resume:
    incl scan_next(%rip)
    jmp scan_loop
scan_done:
    pop %rbx
    mov scan_count(%rip), %eax
    ret
    .globl selector_own_cs
selector_own_cs:                        /* the code segment we run in */
    xor %eax, %eax
    mov %cs, %ax
    ret
    .globl utcb_segment_clobber
utcb_segment_clobber:                   /* the null selector into the UTCB pointer's segment */
    xor %eax, %eax
    mov %ax, %fs
    ret
scan_lret:
    lretq

    .data
    .align 8
far_ptr: .quad 0
    .short 0
    .align 4
scan_kind: .long 0
    .globl scan_next, scan_count, scan_hits
scan_next: .long 0
scan_count: .long 0
    .bss
    .align 2
scan_hits: .space 2 * 0x10000
