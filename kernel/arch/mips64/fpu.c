/*
 * The FPU, switched lazily (lazy_fpu = true): a thread runs with Status.CU1 set in its
 * frame only while it owns the FPU, so its first FPU instruction otherwise raises
 * Coprocessor Unusable (CE = 1); only then are the owner's $f0-$f31 and FCSR saved and the
 * new owner's loaded, and CU1 moves from the old owner's frame to the new one's. With
 * lazy_fpu = false the state moves at every switch instead. The kernel itself never uses
 * the FPU (it is built soft-float); it sets CU1 only around a save or load.
 */
#include <tern/config/lazy_fpu.h>
#include <tern/kernel/frame.h>

#include <arch/mips64/cpu.h>
#include <generic/hal.h>

struct hal_context *fpu_owner;           /* global: the fast path reads it (eager mode) */

_Static_assert(FPU_STATE_BYTES == 33 * 8, "the FPU state is $f0-$f31 and FCSR, a word each");

#define FPU_REGS(X) X(0) X(1) X(2) X(3) X(4) X(5) X(6) X(7) X(8) X(9) X(10) X(11) X(12) \
    X(13) X(14) X(15) X(16) X(17) X(18) X(19) X(20) X(21) X(22) X(23) X(24) X(25) X(26) \
    X(27) X(28) X(29) X(30) X(31)

static void cu1(int on)
{
    unsigned long status = cp0_read32(CP0_STATUS, 0);
    cp0_write32(CP0_STATUS, 0, on ? status | ST_CU1 : status & ~(unsigned long)ST_CU1);
}

static void save(struct hal_context *c)
{
#define SAVE(n) "sdc1 $f" #n ", " #n "*8(%0)\n\t"
    __asm__ __volatile__(".set push\n\t.set hardfloat\n\t" FPU_REGS(SAVE)
                         "cfc1 $8, $31\n\tsd $8, 256(%0)\n\t.set pop" : : "r"(c->fpu) : "$8", "memory");
#undef SAVE
}

static void load(struct hal_context *c)
{
#define LOAD(n) "ldc1 $f" #n ", " #n "*8(%0)\n\t"
    __asm__ __volatile__(".set push\n\t.set hardfloat\n\t" FPU_REGS(LOAD)
                         "ld $8, 256(%0)\n\tctc1 $8, $31\n\t.set pop" : : "r"(c->fpu) : "$8", "memory");
#undef LOAD
}

static void fresh(void)
{
#define ZERO(n) "dmtc1 $0, $f" #n "\n\t"
    __asm__ __volatile__(".set push\n\t.set hardfloat\n\t" FPU_REGS(ZERO)
                         "ctc1 $0, $31\n\t.set pop" : : : "memory");
#undef ZERO
}

/* Make ctx the FPU's owner now; only the owner's frame has CU1. */
static void take_fpu(struct hal_context *ctx)
{
    if (fpu_owner != ctx) {
        cu1(1);
        if (fpu_owner) {
            save(fpu_owner);
            fpu_owner->frame->status &= ~(unsigned long)ST_CU1;
        }
        if (ctx->fpu_used)
            load(ctx);
        else
            fresh();
        cu1(0);
        ctx->fpu_used = 1;
        fpu_owner = ctx;
    }
    ctx->frame->status |= ST_CU1;
}

void fpu_trap(struct hal_context *ctx)
{
    take_fpu(ctx);
}

/* Called on every switch to ctx: the eager mode moves the state now. */
void fpu_switch(struct hal_context *ctx)
{
    if (!TERN_CONFIG_LAZY_FPU && (ctx->fpu_used || fpu_owner))
        take_fpu(ctx);
}

void hal_thread_destroy(struct hal_context *ctx)
{
    if (fpu_owner == ctx)
        fpu_owner = 0;
    ctx->fpu_used = 0;
}
