/*
 * What only x86_64's traps need, seen before the shared dispatch (glue/x86/traps.c):
 * nothing. Every system call comes by `syscall`, not through a gate, and no kernel
 * instruction reads user memory.
 */
#include <arch/x86/x86.h>

int x86_arch_trap(struct hal_frame *f, int from_user)
{
    (void)f, (void)from_user;
    return 0;
}
