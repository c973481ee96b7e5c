/* A user thread's first frame and kernel stack, and a frame redirected by the kernel.
 * Nothing in the PSR is the user's to set: the flags of exchange_registers are ignored,
 * and an instruction address must start a bundle. */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/frame.h>
#include <tern/kernel/offsets.h>

#include <freestanding.h>

extern char thread_start[];                 /* entry.S: code addresses, not descriptors */
extern char fastpath_resume[];
#define USER_RSC (3UL | 3UL << 2)           /* eager, at privilege 3 */
#define USER_FPSR 0x0009804c0270033fUL      /* the software conventions' default */

/* Words a hal_switch pops (fragments.j2, switch_*): all zero but b0, where it returns,
 * and the kernel's bspstore, the start of the thread's own store. */
static void switch_words(word_t *w, char *resume, word_t kernel_store)
{
    for (int i = 0; i < HAL_SWITCH_FRAME_WORDS; i++)
        w[i] = 0;
    w[HAL_SWITCH_WORDS] = (word_t)resume;
    w[HAL_SWITCH_WORDS + 6] = kernel_store;
}

void hal_thread_init(struct hal_context *ctx, struct hal_frame *frame, word_t ip, word_t sp)
{
    memset(frame, 0, sizeof *frame);
    frame->ipsr = PSR_USER | PSR_DFL | PSR_DFH;   /* it owns no FP registers yet */
    frame->rsc = USER_RSC;
    frame->fpsr = USER_FPSR;
    frame_set_ip(frame, ip);
    frame_set_sp(frame, sp);
    ctx->frame = frame;
    word_t kernel_store = ctx->stack_top - TCB_KSTACK_BYTES + KERNEL_RBS_OFFSET;
    /* the first switch to it, at the top of its stack, returns into thread_start; every switch
     * after a fast-path block pops the same fixed words from its TCB and returns into
     * fastpath_resume, which moves the store above the user's registers (loadrs) */
    word_t *stack = (word_t *)(ctx->stack_top - 16) - HAL_SWITCH_FRAME_WORDS;   /* 16: scratch */
    switch_words(stack, thread_start, kernel_store);
    ctx->sp = (word_t)stack;
    switch_words(ctx->fast_switch, fastpath_resume, kernel_store);
}

int hal_frame_set(struct hal_frame *f, word_t ip, word_t sp, word_t flags)
{
    (void)flags;
    if (!hal_user_ip(ip) || ip % TERN_CODE_ALIGN || !hal_user_address(sp - 1))
        return -1;
    /* a new ip: its bundle's first slot; in the IPC gate always (its epc's bundle
     * reads the gate's own address first, gate.S) */
    if (ip != frame_ip(f) || hal_in_ipc_gate(ip)) {
        frame_set_ip(f, ip);
        f->ipsr &= ~(3UL << PSR_RI_SHIFT);
    }
    frame_set_sp(f, sp);
    return 0;
}
