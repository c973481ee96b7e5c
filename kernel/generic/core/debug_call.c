/*
 * The debug system call, for tests and benchmarks: print a character, end the machine
 * with a status, switch the fast path, check the TLB against the page tables and the
 * kernel's invariants (a broken one panics with its name). Compiled
 * to a refusal with debug_console = false. Ending the machine and switching the fast
 * path change it for everyone: only the privileged (root task's) space may; printing and
 * the TLB check are anyone's. The sanitizer build's self-test (an overflow on purpose)
 * ends it too, and the invariant check, which walks every thread and space with
 * interrupts off, is the root task's as well.
 */
#include <tern/config/debug_console.h>
#include <tern/config/ubsan.h>

#include "kernel.h"

/* debug(op, arg0, arg1) -> result */
void sys_debug(const word_t *a, word_t *r)
{
    if (!TERN_CONFIG_DEBUG_CONSOLE) {
        r[0] = syscall_error(TERN_ERR_INVALID_PARAM);
        return;
    }
    if (a[0] == TERN_DEBUG_PUTC) {
        hal_console_putc((char)a[1]);
        r[0] = 1;
        return;
    }
    if ((a[0] == TERN_DEBUG_EXIT || a[0] == TERN_DEBUG_FASTPATH || a[0] == TERN_DEBUG_SANITIZER_TEST ||
         a[0] == TERN_DEBUG_CHECK) && !syscall_privileged()) {
        r[0] = syscall_error(TERN_ERR_NO_PRIVILEGE);
        return;
    }
    if (a[0] == TERN_DEBUG_EXIT)
        hal_exit((int)a[1]);
    if (a[0] == TERN_DEBUG_FASTPATH && fastpath_switch(a[1] != 0) == 0) {
        r[0] = 1;
        return;
    }
    if (a[0] == TERN_DEBUG_CHECK) {
        const char *broken = kernel_check();
        if (broken)
            panic("kernel invariant broken: %s", broken);
        r[0] = 1;
        return;
    }
    if (a[0] == TERN_DEBUG_SANITIZER_TEST && TERN_CONFIG_UBSAN) {
        volatile int big = 0x7fffffff;
        r[0] = (word_t)(big + (int)a[1]);        /* past INT_MAX for arg0 > 0: the check traps */
        return;
    }
    if (a[0] == TERN_DEBUG_TLB_CHECK) {
        long bad = hal_tlb_check(&current->space->hal);
        r[0] = bad < 0 ? syscall_error(TERN_ERR_INVALID_PARAM) : (word_t)bad + 1;
        return;
    }
    r[0] = syscall_error(TERN_ERR_INVALID_PARAM);
}
