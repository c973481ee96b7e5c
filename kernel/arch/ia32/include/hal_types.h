/* ia32 types behind the HAL interface. */
#ifndef TERN_IA32_HAL_TYPES_H
#define TERN_IA32_HAL_TYPES_H

#include "selectors.h"

typedef unsigned long word_t;
typedef unsigned long paddr_t;

/* The kernel direct-maps the first GiB of physical memory at the same addresses,
 * supervisor-only (4 MiB pages), in every space; user space is 1 GiB .. 3 GiB. */
#define HAL_KERNEL_END 0x40000000UL
#define HAL_USER_END 0xc0000000UL
#define HAL_VEC_SYSCALL 0x100          /* frame.vector of a sysenter entry */
#define HAL_PAGE_SIZE 4096UL
#define HAL_PHYS_MASK 0xfffff000UL          /* a page-table entry's address bits */
/* The last user page of every space: read-only, its word 0 the running thread's UTCB
 * address. The user's GS segment starts there, so `mov %gs:0` finds the UTCB and a
 * thread switch is one store (as on x86_64, where FS plays the part). */
#define HAL_UTCB_POINTER_VA (HAL_USER_END - HAL_PAGE_SIZE)
#define HAL_ELF_MACHINE 3              /* EM_386 */

/* A user thread's registers as its kernel entry saved them: `pusha` order (whose slot
 * for ESP is ignored by `popa`), then the CPU's interrupt frame. sysenter builds the
 * same frame by hand. Field names are register names (frame_map.h binds them). */
struct hal_frame {
    word_t edi, esi, ebp, kernel_esp, ebx, edx, ecx, eax;
    word_t vector, error;
    word_t eip, cs, eflags, esp, ss;
};

/* For asm_offsets.c: the frame fields and constants generated assembly uses (the fast
 * path reads the return address from the user stack, so it checks the user range). */
#define HAL_FRAME_OFFSETS() \
    OFFSET(FRAME_EIP, struct hal_frame, eip); OFFSET(FRAME_ESP, struct hal_frame, esp); \
    OFFSET(FRAME_EFLAGS, struct hal_frame, eflags); OFFSET(FRAME_EBP, struct hal_frame, ebp); \
    OFFSET(FRAME_VECTOR, struct hal_frame, vector); \
    DEFINE(USER_VA_START, HAL_KERNEL_END); DEFINE(USER_VA_LIMIT, HAL_UTCB_POINTER_VA); \
    DEFINE(UTCB_SEGMENT, UTCB_SEL)

struct hal_context {
    word_t sp;             /* saved kernel stack pointer while switched out */
    word_t stack_top;      /* this thread's kernel stack: TSS.esp0 (sysenter and traps) */
    word_t fpu_used;       /* fpu holds this thread's state (it has used the FPU) */
    unsigned char fpu[512] __attribute__((aligned(16)));   /* FXSAVE area */
};

struct hal_space {
    word_t *pgdir;         /* 1024 PDEs: 0..255 the shared kernel map, 256..767 user */
};
#endif
