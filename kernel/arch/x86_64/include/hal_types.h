/* x86_64 types behind the HAL interface. */
#ifndef TERN_X86_64_HAL_TYPES_H
#define TERN_X86_64_HAL_TYPES_H

typedef unsigned long word_t;
typedef unsigned long paddr_t;

/* The kernel direct-maps the first GiB of physical memory at the same addresses,
 * supervisor-only, in every space; user space is the rest of the lower half. */
#define HAL_KERNEL_END 0x40000000UL
#define HAL_USER_END 0x0000008000000000UL   /* PML4 entry 0 only: 512 GiB */
#define HAL_VEC_SYSCALL 0x100          /* frame.vector of a system call entry */
#define HAL_PAGE_SIZE 4096UL
#define HAL_PHYS_MASK 0x000ffffffffff000UL  /* a page-table entry's address bits */
/* The last user page of every space: a read-only page whose word 0 the kernel keeps
 * equal to the running thread's UTCB address. FS.base points at it once and for all,
 * so user code finds its UTCB at %fs:0 and a thread switch is one store, not a wrmsr. */
#define HAL_UTCB_POINTER_VA (HAL_USER_END - HAL_PAGE_SIZE)
#define HAL_ELF_MACHINE 62             /* EM_X86_64: what the root task image must be */

/* A user thread's registers as its kernel entry saved them (entry.S builds this for
 * syscalls, interrupts and exceptions alike). Field names are register names: the
 * generated frame_map.h binds ABI registers to them. */
struct hal_frame {
    word_t r15, r14, r13, r12, r11, r10, r9, r8, rbp, rdi, rsi, rdx, rcx, rbx, rax;
    word_t vector, error;
    word_t rip, cs, rflags, rsp, ss;
};

/* For asm_offsets.c: the frame fields generated assembly uses. */
#define HAL_FRAME_OFFSETS() \
    OFFSET(FRAME_RIP, struct hal_frame, rip); OFFSET(FRAME_RSP, struct hal_frame, rsp); \
    OFFSET(FRAME_RFLAGS, struct hal_frame, rflags); OFFSET(FRAME_RBP, struct hal_frame, rbp); \
    OFFSET(FRAME_VECTOR, struct hal_frame, vector)

struct hal_context {
    word_t sp;             /* saved kernel stack pointer while switched out */
    word_t stack_top;      /* this thread's kernel stack: TSS.rsp0 and syscall entry */
    word_t fpu_used;       /* fpu holds this thread's state (it has used the FPU) */
    unsigned char fpu[512] __attribute__((aligned(16)));   /* FXSAVE area */
};

struct hal_space {
    word_t *pml4;          /* direct-mapped */
    word_t *pdpt;          /* PML4[0]'s table: entry 0 is the shared kernel mapping */
};
#endif
