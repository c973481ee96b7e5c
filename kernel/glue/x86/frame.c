/* A user thread's first frame and kernel stack, and a frame redirected by the kernel: the
 * same on ia32 and x86_64 (the field names come from the port's [frame]). */
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <port/arch/cpu.h>                  /* the user's segment selectors */
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>

extern void thread_start(void);

void hal_thread_init(struct hal_context *ctx, struct hal_frame *frame, word_t ip, word_t sp)
{
    *frame = (struct hal_frame){ 0 };
    frame->vector = 0;                                /* not a syscall frame: leave by iret */
    frame->cs = USER_CS;
    frame->ss = USER_DS;
    frame_set_ip(frame, ip);
    frame_set_sp(frame, sp);
    frame_set_flags(frame, FLAGS_IF | 0x2);
    /* hal_switch pops the callee-saved registers, then returns into thread_start. */
    word_t *stack = (word_t *)frame;
    *--stack = (word_t)thread_start;
    for (int i = 0; i < HAL_SWITCH_WORDS; i++)
        *--stack = 0;
    ctx->sp = (word_t)stack;
}

int hal_frame_set(struct hal_frame *f, word_t ip, word_t sp, word_t flags)
{
    /* only user addresses: a sysret to a non-canonical RIP would fault in the kernel */
    if (!hal_user_address(ip) || !hal_user_address(sp - 1))
        return -1;
    frame_set_ip(f, ip);
    frame_set_sp(f, sp);
    frame_set_flags(f, (flags & FLAGS_USER_MASK) | FLAGS_IF | 0x2);
    /* leave by iret from now on: the fast exits (sysret, sysexit) take RCX/R11 or ECX/EDX
     * for themselves, and sysexit ignores the flags */
    f->vector = 0;
    return 0;
}
