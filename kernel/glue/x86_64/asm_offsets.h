/* What the x86_64 glue's assembly needs beside the generic offsets (asm_offsets.c): nothing. */
#define GLUE_ASM_OFFSETS()
