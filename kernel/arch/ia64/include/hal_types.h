/* ia64 types behind the HAL interface (the port itself is still to come; today these
 * feed asm_offsets.c so the generated fast path and context switch assemble). */
#ifndef TERN_IA64_HAL_TYPES_H
#define TERN_IA64_HAL_TYPES_H

typedef unsigned long word_t;
typedef unsigned long paddr_t;

#define HAL_KERNEL_END 0x0000000000004000UL
#define HAL_USER_END 0x0000100000000000UL      /* region 0 */
#define HAL_VEC_SYSCALL 0x100          /* frame.vector of a system call entry */
#define HAL_PAGE_SIZE 16384UL
#define HAL_ELF_MACHINE 50

/* Saved user state: the static registers by number, then what an interruption or the
 * break handler collects: iip/ipsr/ifs (ifs after `cover`), the user's register stack
 * (bspstore, rnat, rsc; its dirty registers are spilled to the thread's kernel backing
 * store, `loadrs` bytes of it, which starts KERNEL_RBS_OFFSET into the TCB block),
 * predicates, branch registers b0-b5, ar.pfs/lc/unat/fpsr, and `nats`: the NaT bits
 * st8.spill collected for r1 and r4-r7, which ld8.fill needs back. */
struct hal_frame {
    word_t r1, r2, r3, r4, r5, r6, r7, r8, r9, r10, r11, r12, r13, r14, r15, r16;
    word_t r17, r18, r19, r20, r21, r22, r23, r24, r25, r26, r27, r28, r29, r30, r31;
    word_t iip, ipsr, ifs, pfs, bspstore, rnat, rsc, pr, b0, unat, fpsr, vector;
    word_t b1, b2, b3, b4, b5, lc, loadrs, nats;
};

#define HAL_FRAME_OFFSETS() \
    OFFSET(FRAME_IIP, struct hal_frame, iip); OFFSET(FRAME_IPSR, struct hal_frame, ipsr); \
    OFFSET(FRAME_SP, struct hal_frame, r12); OFFSET(FRAME_IFS, struct hal_frame, ifs); \
    OFFSET(FRAME_PFS, struct hal_frame, pfs); OFFSET(FRAME_BSPSTORE, struct hal_frame, bspstore); \
    OFFSET(FRAME_RNAT, struct hal_frame, rnat); OFFSET(FRAME_PR, struct hal_frame, pr); \
    OFFSET(FRAME_B0, struct hal_frame, b0); OFFSET(FRAME_VECTOR, struct hal_frame, vector); \
    OFFSET(FRAME_R1, struct hal_frame, r1); OFFSET(FRAME_R4, struct hal_frame, r4); \
    OFFSET(FRAME_R9, struct hal_frame, r9); OFFSET(FRAME_R13, struct hal_frame, r13); \
    OFFSET(FRAME_RSC, struct hal_frame, rsc); OFFSET(FRAME_UNAT, struct hal_frame, unat); \
    OFFSET(FRAME_FPSR, struct hal_frame, fpsr); OFFSET(FRAME_B1, struct hal_frame, b1); \
    OFFSET(FRAME_LC, struct hal_frame, lc); OFFSET(FRAME_LOADRS, struct hal_frame, loadrs); \
    OFFSET(FRAME_NATS, struct hal_frame, nats); \
    DEFINE(KERNEL_RBS_OFFSET, (sizeof(tcb_t) + 511) & ~511UL)

struct hal_context {
    word_t sp;               /* the switch frame (pfs, bsp, rnat, unat, pr, b0, ...) */
    word_t stack_top;
    word_t fpu_used;
    word_t fpu[192];         /* f32-f127, 16 bytes each: the lazily switched high partition */
};

struct hal_space {
    word_t *root;
    word_t region_id;        /* region registers carry the address-space id */
};
#endif
