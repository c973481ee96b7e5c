/*
 * The FPU/SSE state, switched lazily (lazy_fpu = true): CR0.TS is set whenever the
 * running thread is not the FPU's owner, so its first FPU instruction raises #NM; only
 * then is the owner's state saved (FXSAVE) and the new owner's loaded. With
 * lazy_fpu = false the state moves at every switch instead, to measure the difference.
 * The generated fast path keeps the same invariant: TS == (current != fpu_owner).
 */
#include <tern/config/lazy_fpu.h>

#include <generic/hal.h>
#include <port/arch/cpu.h>       /* the ISA's FXSAVE form */

struct hal_context *fpu_owner;          /* global: the fast path reads it */

static void set_ts(void) { write_cr0(read_cr0() | CR0_TS); }
static void clts(void) { __asm__ __volatile__("clts" : : : "memory"); }

static void save(struct hal_context *c) { __asm__ __volatile__(X86_FXSAVE " %0" : "=m"(c->fpu)); }
static void load(struct hal_context *c) { __asm__ __volatile__(X86_FXRSTOR " %0" : : "m"(c->fpu)); }

static void fresh(void)
{
    unsigned mxcsr = 0x1f80;            /* all SIMD exceptions masked, round to nearest */
    __asm__ __volatile__("fninit; ldmxcsr %0" : : "m"(mxcsr));
}

void fpu_init(void)
{
    write_cr4(read_cr4() | CR4_OSFXSR | CR4_OSXMMEXCPT);
    write_cr0((read_cr0() & ~CR0_EM) | CR0_MP | CR0_TS);
}

/* Make ctx the FPU's owner now. */
static void take_fpu(struct hal_context *ctx)
{
    clts();
    if (fpu_owner == ctx)
        return;
    if (fpu_owner)
        save(fpu_owner);
    if (ctx->fpu_used)
        load(ctx);
    else
        fresh();
    ctx->fpu_used = 1;
    fpu_owner = ctx;
}

/* #NM: the running thread touched the FPU while not owning it. */
void fpu_trap(struct hal_context *current_ctx)
{
    take_fpu(current_ctx);
}

/* Called on every switch to ctx. */
void fpu_switch(struct hal_context *ctx)
{
    if (TERN_CONFIG_LAZY_FPU) {
        if (ctx == fpu_owner)
            clts();
        else
            set_ts();
    } else if (ctx->fpu_used || fpu_owner) {
        take_fpu(ctx);                  /* eager: state follows the thread at every switch */
    }
}

void hal_thread_destroy(struct hal_context *ctx)
{
    if (fpu_owner == ctx) {
        fpu_owner = 0;
        set_ts();
    }
    ctx->fpu_used = 0;
}
