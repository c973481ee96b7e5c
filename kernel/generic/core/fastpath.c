/*
 * The fast path's run-time switch. The generated fast path's first compare takes
 * fastpath_syscall for the IPC system call's number, so ~0 sends every IPC to the slow
 * path: one word, one compare. The differential test and the slow-path benchmarks turn it
 * off and on through the debug call.
 */
#include <tern/config/fastpath.h>

#include "kernel.h"

word_t fastpath_syscall = TERN_SYS_IPC;

int fastpath_switch(int on)
{
    /* Switching on a fast path the build left out is refused, so a benchmark can tell
     * "fast" from "slow" honestly. */
    if (on && !TERN_CONFIG_FASTPATH)
        return -1;
    fastpath_syscall = on ? TERN_SYS_IPC : ~(word_t)0;
    return 0;
}
