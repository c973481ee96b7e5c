/*
 * The FPU/SSE state on x86, for the owner logic of generic/core/fpu_owner.c: FXSAVE and
 * FXRSTOR move it, and CR0.TS arms the trap, #NM at the first FPU instruction. TS is one
 * bit for the CPU, not one per thread: it is set whenever the running thread is not the
 * FPU's owner, so with lazy_fpu = true it follows the running thread at every switch
 * (hal_fpu_running), and a thread that loses the FPU needs nothing until it runs again.
 * The generated fast path keeps the same invariant: TS == (current != fpu_owner).
 */
#include <generic/hal.h>
#include <port/arch/cpu.h>       /* the ISA's FXSAVE form */

static void set_ts(void) { write_cr0(read_cr0() | CR0_TS); }
static void clts(void) { __asm__ __volatile__("clts" : : : "memory"); }

void hal_fpu_save(struct hal_context *c) { __asm__ __volatile__(X86_FXSAVE " %0" : "=m"(c->fpu)); }
void hal_fpu_load(struct hal_context *c) { __asm__ __volatile__(X86_FXRSTOR " %0" : : "m"(c->fpu)); }

void hal_fpu_fresh(void)
{
    unsigned mxcsr = 0x1f80;            /* all SIMD exceptions masked, round to nearest */
    __asm__ __volatile__("fninit; ldmxcsr %0" : : "m"(mxcsr));
}

void fpu_init(void)
{
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_TS);
}

/* The new owner is the running thread: clearing TS lets it and the kernel in. */
void hal_fpu_grant(struct hal_context *ctx) { (void)ctx; clts(); }
void hal_fpu_kernel_use(int on) { (void)on; }

/* The old owner is not running: TS is set when it runs again. */
void hal_fpu_revoke(struct hal_context *ctx) { (void)ctx; }

void hal_fpu_running(int owner)
{
    if (owner)
        clts();
    else
        set_ts();
}
