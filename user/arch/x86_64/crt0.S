/* User program entry on x86_64: the kernel starts the first thread with a stack. */
    .section .text.start, "ax"
    .globl _start
_start:
    and $-16, %rsp
    call main
    mov %eax, %edi
    call tern_exit
1:  jmp 1b

/* Threads made by tern_thread_start begin here with {fn, arg} on their stack. */
    .text
    .globl tern_thread_entry
tern_thread_entry:
    pop %rax                /* fn */
    pop %rdi                /* arg */
    and $-16, %rsp
    call *%rax
    call tern_thread_exit
2:  jmp 2b
