/* What the ia64 glue's assembly needs beside the generic offsets (asm_offsets.c): where a
 * thread's kernel backing store starts in its TCB block, above the TCB; the fixed words a
 * hal_switch to a thread the fast path blocked pops; an address space's top-level table
 * (the TLB miss vectors walk it) and the value rr0 carries while it runs. */
#define GLUE_ASM_OFFSETS() \
    DEFINE(KERNEL_RBS_OFFSET, (sizeof(tcb_t) + 511) & ~511UL); \
    OFFSET(TCB_FAST_SWITCH, tcb_t, ctx.fast_switch); \
    OFFSET(SPACE_TOP_TABLE, space_t, hal.top); OFFSET(SPACE_RR, space_t, hal.rr)
