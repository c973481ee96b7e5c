/* mips64 types behind the HAL interface (the port itself is still to come; today these
 * feed asm_offsets.c so the generated fast path and context switch assemble). */
#ifndef TERN_MIPS64_HAL_TYPES_H
#define TERN_MIPS64_HAL_TYPES_H

typedef unsigned long word_t;
typedef unsigned long paddr_t;

#define HAL_KERNEL_END 0x0000000000001000UL     /* xuseg starts above the null page */
#define HAL_USER_END 0x0000010000000000UL       /* 40-bit xuseg */
#define HAL_VEC_SYSCALL 0x100          /* frame.vector of a system call entry */
#define HAL_PAGE_SIZE 4096UL
#define HAL_ELF_MACHINE 8

/* Saved user registers: $1..$31 by number, then the CP0 state of the exception. */
struct hal_frame {
    word_t r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16;
    word_t r17, r18, r19, r20, r21, r22, r23, r24, r25, r26, r27, r28, r29, r30, r31;
    word_t hi, lo, epc, status, cause, badvaddr, vector;
};

#define HAL_FRAME_OFFSETS() \
    OFFSET(FRAME_EPC, struct hal_frame, epc); OFFSET(FRAME_SP, struct hal_frame, r29); \
    OFFSET(FRAME_STATUS, struct hal_frame, status); OFFSET(FRAME_FP, struct hal_frame, r30); \
    OFFSET(FRAME_GP, struct hal_frame, r28); OFFSET(FRAME_RA, struct hal_frame, r31); \
    OFFSET(FRAME_VECTOR, struct hal_frame, vector)

struct hal_context {
    word_t sp;
    word_t stack_top;
    word_t fpu_used;
    word_t fpu[33];          /* $f0-$f31 and FCSR */
};

struct hal_space {
    word_t *root;            /* the page table the TLB refill handler walks */
    word_t asid;
};
#endif
