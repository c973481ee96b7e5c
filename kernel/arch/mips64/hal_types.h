/* mips64 types behind the HAL interface (the port itself is still to come; today these
 * feed asm_offsets.c so the generated fast path and context switch assemble). */
#ifndef TERN_MIPS64_HAL_TYPES_H
#define TERN_MIPS64_HAL_TYPES_H

#include <tern/abi.h>
#include <tern/kernel/asm_abi.h>

typedef unsigned long word_t;
typedef unsigned long paddr_t;

#define HAL_KERNEL_END 0x0000000000001000UL     /* xuseg starts above the null page */
#define HAL_USER_END 0x0000010000000000UL       /* 40-bit xuseg */

struct hal_context {
    word_t sp;
    word_t stack_top;
    word_t fpu_used;
    unsigned char fpu[FPU_STATE_BYTES] __attribute__((aligned(8)));   /* $f0-$f31 and FCSR */
};

struct hal_space {
    word_t *root;            /* the page table the TLB refill handler walks */
    word_t asid;
};
#endif
