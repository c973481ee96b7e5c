/* What the ia64 glue's assembly needs beside the generic offsets (asm_offsets.c):
 * - where a thread's user frame is in its TCB block: just above the TCB, so that the
 *   fast path reaches every word of it from the TCB's address with one add (frame.c,
 *   hal_user_frame); the kernel stack grows down from the block's end, the kernel
 *   backing store up from KERNEL_RBS_OFFSET, above the frame;
 * - the fixed words a hal_switch to a thread the fast path blocked pops;
 * - an address space's top-level table (the TLB miss vectors walk it) and the value rr0
 *   carries while it runs. */
#define USER_FRAME_OFFSET ((sizeof(tcb_t) + 15) & ~15UL)
#define GLUE_ASM_OFFSETS() \
    DEFINE(TCB_USER_FRAME, USER_FRAME_OFFSET); \
    DEFINE(KERNEL_RBS_OFFSET, (USER_FRAME_OFFSET + sizeof(struct hal_frame) + 511) & ~511UL); \
    OFFSET(TCB_FAST_SWITCH, tcb_t, ctx.fast_switch); \
    OFFSET(SPACE_TOP_TABLE, space_t, hal.top); OFFSET(SPACE_RR, space_t, hal.rr)
