/* ia64 types behind the HAL interface: the address-space layout, what a thread keeps for
 * the CPU, and an address space's top-level page table and region id. */
#ifndef TERN_IA64_HAL_TYPES_H
#define TERN_IA64_HAL_TYPES_H

#include <tern/kernel/asm_abi.h>
#include <tern/kernel/page_table.h>

#ifdef __ASSEMBLY__
#define IA64_UL(x) x
#else
#define IA64_UL(x) x##UL
#endif

/* The kernel runs in region 7, whose first HAL_DIRECT_MAP_SIZE bytes map physical memory
 * 1:1 through one pinned translation register each for instructions and data (boot.S):
 * that is its direct map, and nothing there ever misses in the TLB. User space is region
 * 0 below 2^PT_VA_BITS (what the page table covers), less the first page, which is never
 * mapped. Regions 1 to 6 are unused. */
#define HAL_DIRECT_MAP IA64_UL(0xe000000000000000)
#define HAL_DIRECT_MAP_BITS 28                 /* one 256 MiB translation */
#define HAL_DIRECT_MAP_SIZE (IA64_UL(1) << HAL_DIRECT_MAP_BITS)
#define HAL_KERNEL_END TERN_PAGE_SIZE           /* the lowest user address */
#define HAL_USER_END (IA64_UL(1) << PT_VA_BITS)

/* What hal_switch keeps on the stack (glue/ia64/fragments.j2, switch_*): the callee-saved
 * registers, b0, then HAL_SWITCH_EXTRA words: ar.pfs, ar.unat, pr, ar.lc, ar.rnat,
 * ar.bspstore and b1-b5. */
#define HAL_SWITCH_EXTRA 11
#define HAL_SWITCH_FRAME_WORDS (HAL_SWITCH_WORDS + 1 + HAL_SWITCH_EXTRA)

#ifndef __ASSEMBLY__
#include <tern/abi.h>

typedef unsigned long word_t;
typedef unsigned long paddr_t;

struct hal_frame;
/* Is the FPU's trap one bit for the CPU that must follow the running thread (psr.dfl/dfh in each thread's frame)?
 * (hal_fpu_running in hal.h) */
#define HAL_FPU_TRAP_PER_CPU 0

struct hal_context {
    word_t sp;             /* saved kernel stack pointer while switched out */
    word_t stack_top;      /* this thread's kernel stack: entries from user mode */
    word_t fpu_used;       /* fpu holds this thread's high partition (it has used it) */
    struct hal_frame *frame;   /* its user frame: the FP trap flips psr.dfh there */
    /* What a hal_switch to the thread pops when the fast path blocked it (sp points here):
     * fixed words (frame.c) that return into fastpath_resume with an empty register stack */
    word_t fast_switch[HAL_SWITCH_FRAME_WORDS];
    unsigned char fpu[FPU_STATE_BYTES] __attribute__((aligned(16)));   /* f2-f5, f12-f127, spilled */
};

/* An address space: the top-level table lives in it (the miss vectors read it through
 * cpu_page_table), and its region id, which rr0 carries while it runs. */
struct hal_space {
    word_t rid;
    word_t rr;                            /* what rr0 carries while it runs: RR_VALUE(rid) */
    pt_l0_entry_t top[PT_L0_ENTRIES];     /* PTE tables' kernel (region 7) addresses */
};
#endif
#endif
