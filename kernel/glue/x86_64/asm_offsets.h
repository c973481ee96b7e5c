/* What the x86_64 glue's assembly needs beside the generic offsets (asm_offsets.c): the
 * UTCB pointer's segment, which a switch reloads into FS. */
#include <arch/x86_64/cpu.h>

#define GLUE_ASM_OFFSETS() \
    DEFINE(UTCB_SEGMENT, UTCB_SEL)
