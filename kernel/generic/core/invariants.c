/*
 * The kernel's invariants, checked on request (the debug call's `check`, run by the guest
 * suite between tests and by the fuzzer): the free frames, the pages spaces map and the mapping database, the
 * ready queues and the timeout list, every thread against its slot, its state, its send
 * queue and its UTCB. Each module checks its own structures; a broken invariant is named.
 */
#include "kernel.h"

const char *kernel_check(void)
{
    const char *broken;
    if ((broken = frames_check()) || (broken = spaces_check()) || (broken = mapdb_check()) || (broken = sched_check()) ||
        (broken = threads_check()) || (broken = interrupts_check()))
        return broken;
    return NULL;
}
