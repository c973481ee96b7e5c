/* User program entry on ia32: the kernel starts the first thread with a stack. */
    .section .text.start, "ax"
    .globl _start
_start:
    and $-16, %esp
    call main
    push %eax
    call tern_exit
1:  jmp 1b

/* Threads made by tern_thread_start begin here with {fn, arg} on their stack. */
    .text
    .globl tern_thread_entry
tern_thread_entry:
    pop %eax                /* fn */
    pop %ecx                /* arg */
    and $-16, %esp
    sub $12, %esp           /* the call site stays 16-byte aligned after the push */
    push %ecx
    call *%eax
    call tern_thread_exit
2:  jmp 2b
