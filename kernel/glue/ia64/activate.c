/*
 * Switching the CPU to a thread (the slow path's switch; the fast path does the same in
 * its fragments): its space's top-level table for the TLB miss vectors, the space's
 * region id in rr0, and the FPU in eager mode. The kernel stack needs nothing: every
 * entry finds it from `current`. The UTCB pointer is
 * r13 (abi/ia64.toml [utcb_pointer]), which comes back with the thread's own frame: it
 * is set there, without a NaT bit (the exit fills r13 from the frame with ar.unat).
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>
#include <tern/kernel/frame.h>

unsigned long cpu_page_table;               /* what the miss vectors walk */

void hal_activate(struct hal_context *ctx, struct hal_space *space, word_t utcb_va)
{
    struct hal_frame *f = ctx->frame;
    f->r13 = utcb_va;
    f->nats &= ~(1UL << (((word_t)&f->r13 >> 3) & 63));
    fpu_switch(ctx);
    if (cpu_page_table != (unsigned long)space->top) {
        cpu_page_table = (unsigned long)space->top;
        ia64_rr_write(0, space->rr);
    }
}
