/* What the ia64 glue's assembly needs beside the generic offsets (asm_offsets.c): where a
 * thread's kernel backing store starts in its TCB block, above the TCB. */
#define GLUE_ASM_OFFSETS() \
    DEFINE(KERNEL_RBS_OFFSET, (sizeof(tcb_t) + 511) & ~511UL)
