/*
 * The FPU's owner, for every port: one thread's state is in the FPU registers at a time,
 * and every other thread runs with the FPU trapping (the port's mechanism, hal.h). With
 * lazy_fpu = true only that trap moves the state: the owner's is saved, the trapping
 * thread's loaded (fresh at its first use), and it becomes the owner. With lazy_fpu =
 * false the state moves at every switch instead, to measure the difference. The
 * generated fast paths read fpu_owner by name: lazily they arm the trap for a destination
 * that is not the owner; eagerly they leave every switch to the slow path while there is
 * an owner.
 */
#include <tern/config/lazy_fpu.h>

#include <generic/hal.h>

struct hal_context *fpu_owner;          /* global: the fast paths read it */

/* Make ctx, which runs now or next, the owner now. */
static void take(struct hal_context *ctx)
{
    hal_fpu_grant(ctx);
    if (fpu_owner == ctx)
        return;
    hal_fpu_kernel_use(1);
    if (fpu_owner) {
        hal_fpu_save(fpu_owner);
        hal_fpu_revoke(fpu_owner);
    }
    if (ctx->fpu_used)
        hal_fpu_load(ctx);
    else
        hal_fpu_fresh();
    hal_fpu_kernel_use(0);
    ctx->fpu_used = 1;
    fpu_owner = ctx;
}

void fpu_trap(struct hal_context *ctx)
{
    take(ctx);
}

void fpu_switch(struct hal_context *ctx)
{
    if (TERN_CONFIG_LAZY_FPU) {
        if (HAL_FPU_TRAP_PER_CPU)       /* else the trap bits go with the frames: nothing */
            hal_fpu_running(ctx == fpu_owner);
    } else if (ctx->fpu_used || fpu_owner)
        take(ctx);                      /* eager: the state follows the thread at every switch */
}

void hal_thread_destroy(struct hal_context *ctx)
{
    if (fpu_owner == ctx) {
        fpu_owner = 0;
        if (HAL_FPU_TRAP_PER_CPU)
            hal_fpu_running(0);         /* whoever runs, nobody owns it now */
    }
    ctx->fpu_used = 0;
}
