/*
 * What only ia32's traps need, seen before the shared dispatch (glue/x86/traps.c): the
 * system call gate of the calls other than IPC, and the fixups of the sysenter entry.
 */
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>
#include <tern/config/fastpath.h>

extern char sysenter_read_ip[], sysenter_bad_stack[];
#if TERN_CONFIG_FASTPATH
extern char fastpath_read_ip[], fastpath_read_ip_utcb[], fastpath_miss[];
#endif

int x86_arch_trap(struct hal_frame *f, int from_user)
{
    if (f->vector == ENTRY_VECTOR && from_user) {
        syscall_entry(f);
        return 1;
    }
    if (from_user)
        return 0;
    /* sysenter keeps the user's TF: the single step traps after the entry's first
     * instruction. Clear it and go on (a user cannot single-step the kernel). */
    if (f->vector == 1) {
        f->eflags &= ~0x100UL;
        return 1;
    }
    /* The return address read from an unreadable user stack: resume at the fixup. */
    if (f->vector == 14 && f->eip == (word_t)sysenter_read_ip) {
        f->eip = (word_t)sysenter_bad_stack;
        return 1;
    }
#if TERN_CONFIG_FASTPATH                    /* the fast path's reads, where the build has it */
    if (f->vector == 14 && (f->eip == (word_t)fastpath_read_ip || f->eip == (word_t)fastpath_read_ip_utcb)) {
        f->eip = (word_t)fastpath_miss;
        return 1;
    }
#endif
    return 0;
}
