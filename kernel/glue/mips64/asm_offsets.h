/* What the mips64 glue's assembly needs beside the generic offsets (asm_offsets.c): an
 * address space's top-level table (the refill walks it) and its ASID (0: none). */
#define GLUE_ASM_OFFSETS() \
    OFFSET(SPACE_TOP_TABLE, space_t, hal.top); OFFSET(SPACE_ASID, space_t, hal.asid)
