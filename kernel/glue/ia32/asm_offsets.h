/* What the ia32 glue's assembly needs beside the generic offsets (asm_offsets.c): the
 * user range the fast path checks before it reads the return address from the user
 * stack, and the UTCB pointer's segment it reloads into GS. */
#include <arch/ia32/selectors.h>

#define GLUE_ASM_OFFSETS() \
    DEFINE(USER_VA_START, HAL_KERNEL_END); DEFINE(USER_VA_LIMIT, HAL_UTCB_POINTER_VA); \
    DEFINE(UTCB_SEGMENT, UTCB_SEL)
