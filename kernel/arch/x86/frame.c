/* A user thread's frame and first kernel stack, the same on ia32 and x86_64 but for the
 * register names (X86_FRAME_* in the arch's cpu.h). */
#include "cpu.h"
#include "hal.h"
#include <tern/kernel/asm_abi.h>

extern void thread_start(void);

void hal_thread_init(struct hal_context *ctx, struct hal_frame *frame, word_t ip, word_t sp)
{
    *frame = (struct hal_frame){ 0 };
    frame->vector = 0;                                /* not a syscall frame: leave by iret */
    frame->cs = USER_CS;
    frame->ss = USER_DS;
    X86_FRAME_IP(frame) = ip;
    X86_FRAME_SP(frame) = sp;
    X86_FRAME_FLAGS(frame) = FLAGS_IF | 0x2;
    /* hal_switch pops the callee-saved registers, then returns into thread_start. */
    word_t *stack = (word_t *)frame;
    *--stack = (word_t)thread_start;
    for (int i = 0; i < HAL_SWITCH_WORDS; i++)
        *--stack = 0;
    ctx->sp = (word_t)stack;
}

word_t hal_frame_ip(const struct hal_frame *f) { return X86_FRAME_IP(f); }
word_t hal_frame_sp(const struct hal_frame *f) { return X86_FRAME_SP(f); }
word_t hal_frame_flags(const struct hal_frame *f) { return X86_FRAME_FLAGS(f); }

int hal_frame_set(struct hal_frame *f, word_t ip, word_t sp, word_t flags)
{
    /* only user addresses: a sysret to a non-canonical RIP would fault in the kernel */
    if (!hal_user_address(ip) || !hal_user_address(sp - 1))
        return -1;
    X86_FRAME_IP(f) = ip;
    X86_FRAME_SP(f) = sp;
    X86_FRAME_FLAGS(f) = (flags & FLAGS_USER_MASK) | FLAGS_IF | 0x2;
    /* leave by iret from now on: the fast exits (sysret, sysexit) take RCX/R11 or ECX/EDX
     * for themselves, and sysexit ignores the flags */
    f->vector = 0;
    return 0;
}
