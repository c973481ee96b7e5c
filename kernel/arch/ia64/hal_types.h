/* ia64 types behind the HAL interface (the port itself is still to come; today these
 * feed asm_offsets.c so the generated fast path and context switch assemble). */
#ifndef TERN_IA64_HAL_TYPES_H
#define TERN_IA64_HAL_TYPES_H

#include <tern/abi.h>
#include <tern/kernel/asm_abi.h>

typedef unsigned long word_t;
typedef unsigned long paddr_t;

#define HAL_KERNEL_END 0x0000000000004000UL
#define HAL_USER_END 0x0000100000000000UL      /* region 0 */

struct hal_context {
    word_t sp;               /* the switch frame (pfs, bsp, rnat, unat, pr, b0, ...) */
    word_t stack_top;
    word_t fpu_used;
    unsigned char fpu[FPU_STATE_BYTES] __attribute__((aligned(16)));   /* f32-f127, spilled */
};

struct hal_space {
    word_t *root;
    word_t region_id;        /* region registers carry the address-space id */
};
#endif
