/*
 * Offsets of the kernel structures the generated fast path and context switch touch.
 * Compiled to assembly only (never linked): gen/offsets.py reads the "->NAME value"
 * markers and writes tern/kernel/offsets.h, so generated assembly and C agree. The
 * frame's offsets come from the port description (tern/kernel/frame.h); what a port's
 * glue needs beyond these, its asm_offsets.h hook adds.
 */
#include <tern/config/max_threads.h>

#include "kernel.h"

#define DEFINE(name, value) __asm__ __volatile__(".ascii \"->" #name " %0\"" : : "i"(value))
#define OFFSET(name, type, member) DEFINE(name, __builtin_offsetof(type, member))

#include <port/glue/asm_offsets.h>

void asm_offsets(void)
{
    OFFSET(TCB_ID, tcb_t, id);
    OFFSET(TCB_STATE, tcb_t, state);
    OFFSET(TCB_PRIO, tcb_t, prio);
    OFFSET(TCB_SPACE, tcb_t, space);
    OFFSET(TCB_UTCB_VA, tcb_t, utcb_va);
    OFFSET(TCB_UTCB, tcb_t, utcb);
    OFFSET(TCB_CTX_SP, tcb_t, ctx);
    OFFSET(TCB_STACK_TOP, tcb_t, ctx.stack_top);
    OFFSET(TCB_CTX, tcb_t, ctx);
    OFFSET(TCB_SENDQ_HEAD, tcb_t, sendq_head);
    OFFSET(TCB_RCV_SPEC, tcb_t, rcv_spec);
    DEFINE(TCB_USER_FRAME, TCB_USER_FRAME_OFFSET);
    OFFSET(SPACE_MMU_ROOT, space_t, mmu_root);
    DEFINE(T_RECEIVING_FAST_VALUE, T_RECEIVING_FAST);
    DEFINE(T_RUNNING_VALUE, T_RUNNING);
    DEFINE(THREAD_TABLE_BITS, __builtin_ctz(TERN_CONFIG_MAX_THREADS));   /* a power of two */
    DEFINE(TCB_KSTACK_BYTES, KSTACK_PAGES * TERN_PAGE_SIZE);   /* TCB to its stack top */
    GLUE_ASM_OFFSETS();
}
