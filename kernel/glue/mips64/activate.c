/*
 * Switching the CPU to a thread (the slow path's switch; the fast path does the same in
 * its fragments): its space's top-level table for the TLB refill and the space's ASID (a
 * fresh one if it had none), the UTCB pointer user code reads at 0x1000, and the FPU in
 * eager mode. The kernel stack entries from user mode take needs nothing here: entry.S
 * finds it at the top of the current thread's TCB block (the generic core's `current`).
 */
#include <arch/mips64/cpu.h>
#include <generic/hal.h>

unsigned long cpu_page_table;

void hal_activate(struct hal_context *ctx, struct hal_space *space, word_t utcb_va)
{
    fpu_switch(ctx);
    cpu_page_table = (unsigned long)space->top;
    cp0_write(CP0_ENTRYHI, 0, asid_of(space));
    utcb_pointer_word[0] = utcb_va;
}
