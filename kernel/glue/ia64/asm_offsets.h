/* What the ia64 glue's assembly needs beside the generic offsets (asm_offsets.c):
 * - where a thread's kernel backing store starts in its TCB block: above its user frame,
 *   which port.toml's [frame] place puts right above the TCB (TCB_USER_FRAME); the kernel
 *   stack grows down from the block's end;
 * - the fixed words a hal_switch to a thread the fast path blocked pops;
 * - an address space's top-level table (the TLB miss vectors walk it) and the value rr0
 *   carries while it runs. */
#if !FRAME_ABOVE_TCB
#error "the ia64 fast path and entry reach the frame from the TCB: [frame] place = \"above_tcb\""
#endif
#define GLUE_ASM_OFFSETS() \
    DEFINE(KERNEL_RBS_OFFSET, (TCB_USER_FRAME_OFFSET + sizeof(struct hal_frame) + 511) & ~511UL); \
    OFFSET(TCB_FAST_SWITCH, tcb_t, ctx.fast_switch); \
    OFFSET(SPACE_TOP_TABLE, space_t, hal.top); OFFSET(SPACE_RR, space_t, hal.rr)
