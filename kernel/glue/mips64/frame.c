/* A user thread's first frame and kernel stack, and a frame redirected by the kernel.
 * Nothing in Status is the user's to set: the flags of exchange_registers are ignored,
 * and an instruction address must be word-aligned. */
#include <arch/mips64/cpu.h>
#include <generic/hal.h>
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>

#include <freestanding.h>

extern void thread_start(void);

void hal_thread_init(struct hal_context *ctx, struct hal_frame *frame, word_t ip, word_t sp)
{
    memset(frame, 0, sizeof *frame);    /* by name: see port.toml [build] on +sym32 */
    frame->status = STATUS_USER;
    frame_set_ip(frame, ip);
    frame_set_sp(frame, sp);
    ctx->frame = frame;
    /* hal_switch restores the callee-saved registers and ra, which is thread_start */
    word_t *stack = (word_t *)frame - (HAL_SWITCH_WORDS + 1);
    for (int i = 0; i < HAL_SWITCH_WORDS; i++)
        stack[i] = 0;
    stack[HAL_SWITCH_WORDS] = (word_t)thread_start;
    ctx->sp = (word_t)stack;
}

int hal_frame_set(struct hal_frame *f, word_t ip, word_t sp, word_t flags)
{
    (void)flags;
    if (!hal_user_ip(ip) || ip % TERN_CODE_ALIGN || !hal_user_address(sp - 1))
        return -1;
    frame_set_ip(f, ip);
    frame_set_sp(f, sp);
    return 0;
}
