/* mips64 types behind the HAL interface: the address-space layout, what a thread keeps
 * for the CPU, and an address space's top-level page table and ASID. */
#ifndef TERN_MIPS64_HAL_TYPES_H
#define TERN_MIPS64_HAL_TYPES_H

#include <tern/abi.h>
#include <tern/kernel/asm_abi.h>
#include <tern/kernel/page_table.h>

typedef unsigned long word_t;
typedef unsigned long paddr_t;

/* The kernel runs in KSEG0, which maps the first 512 MiB of physical memory 1:1 (cached,
 * no TLB): that is its direct map. User space is xuseg below 2^PT_VA_BITS, but the pair
 * of pages at 0: the null page (never mapped) and the UTCB pointer page at 0x1000 (the
 * abi's utcb_pointer), read-only in every space, whose word 0 the kernel keeps equal to
 * the running thread's UTCB address. */
#define HAL_KSEG0 0xffffffff80000000UL
#define HAL_KSEG0_SIZE 0x20000000UL
#define HAL_DIRECT_MAP HAL_KSEG0              /* its name in shared code (arch/refill_table) */
#define HAL_DIRECT_MAP_SIZE HAL_KSEG0_SIZE
#define HAL_UTCB_POINTER_VA 0x1000UL
#define HAL_KERNEL_END 0x2000UL               /* the lowest user address */
#define HAL_USER_END (1UL << PT_VA_BITS)

struct hal_frame;
/* Is the FPU's trap one bit for the CPU that must follow the running thread (Status.CU1 in each thread's frame)?
 * (hal_fpu_running in hal.h) */
#define HAL_FPU_TRAP_PER_CPU 0

struct hal_context {
    word_t sp;             /* saved kernel stack pointer while switched out */
    word_t stack_top;      /* this thread's kernel stack: exceptions from user mode */
    word_t fpu_used;       /* fpu holds this thread's state (it has used the FPU) */
    struct hal_frame *frame;   /* its user frame: the FPU trap flips Status.CU1 there */
    unsigned char fpu[FPU_STATE_BYTES] __attribute__((aligned(8)));   /* $f0-$f31, FCSR */
};

/* An address space: the top-level table lives in it (the refill reads it through
 * cpu_page_table), and its ASID, 0 while it has none (ASIDs are recycled by generation:
 * arch/mips64/tlb.c). */
struct hal_space {
    pt_l0_entry_t top[PT_L0_ENTRIES];     /* level-1 tables' KSEG0 addresses, 32-bit */
    word_t asid;
};
#endif
