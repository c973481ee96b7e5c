/* A user thread's first frame and kernel stack, and a frame redirected by the kernel: the
 * same on ia32 and x86_64 (the field names come from the port's [frame]). */
#include <arch/x86/x86.h>
#include <generic/hal.h>
#include <port/arch/cpu.h>                  /* the user's segment selectors */
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>

extern void thread_start(void);

/* What the hardware fixes, checked against the port's [frame]: an interrupt pushes ip, cs,
 * flags, sp and ss in that order, the stubs the error code and the vector below them
 * (entry_shared.inc), and the system call entries build the same (entry.S). */
#define W ((int)sizeof(word_t))
_Static_assert(FRAME_TRAP == FRAME_VECTOR && FRAME_ERROR == FRAME_VECTOR + W &&
               FRAME_CPU == FRAME_ERROR + W, "[frame] trap must be vector, error");
_Static_assert(FRAME_IP == FRAME_CPU && FRAME_CS == FRAME_IP + W &&
               FRAME_FLAGS == FRAME_CS + W && FRAME_SP == FRAME_FLAGS + W &&
               FRAME_SS == FRAME_SP + W && FRAME_SIZE == FRAME_SS + W,
               "[frame] cpu must be the interrupt frame: ip, cs, flags, sp, ss");
#undef W

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
    if (!hal_user_ip(ip) || !hal_user_address(sp - 1))
        return -1;
    frame_set_ip(f, ip);
    frame_set_sp(f, sp);
    frame_set_flags(f, (flags & FLAGS_USER_MASK) | FLAGS_IF | 0x2);
    /* leave by iret from now on: the fast exits (sysret, sysexit) take RCX/R11 or ECX/EDX
     * for themselves, and sysexit ignores the flags. iret pops CS and SS, whose slots a
     * frame left by a fast exit need not hold (ia32's fast path keeps ECX in the SS
     * slot): the user's selectors go back in. */
    f->vector = 0;
    f->cs = USER_CS;
    f->ss = USER_DS;
    return 0;
}
