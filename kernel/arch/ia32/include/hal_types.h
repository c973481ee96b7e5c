/* ia32 types behind the HAL interface (the full port is the ia32 issue; today these
 * feed asm_offsets.c so the generated fast path and context switch assemble). */
#ifndef TERN_IA32_HAL_TYPES_H
#define TERN_IA32_HAL_TYPES_H

typedef unsigned long word_t;
typedef unsigned long paddr_t;

#define HAL_KERNEL_END 0x40000000UL
#define HAL_USER_END 0xc0000000UL
#define HAL_VEC_SYSCALL 0x100          /* frame.vector of a system call entry */
#define HAL_PAGE_SIZE 4096UL
#define HAL_ELF_MACHINE 3

/* Saved user registers: pushed by the entry stubs, then the CPU's iret frame. */
struct hal_frame {
    word_t edi, esi, ebp, ebx, edx, ecx, eax;
    word_t vector, error;
    word_t eip, cs, eflags, esp, ss;
};

#define HAL_FRAME_OFFSETS() \
    OFFSET(FRAME_EIP, struct hal_frame, eip); OFFSET(FRAME_ESP, struct hal_frame, esp); \
    OFFSET(FRAME_EFLAGS, struct hal_frame, eflags); OFFSET(FRAME_EBP, struct hal_frame, ebp); \
    OFFSET(FRAME_VECTOR, struct hal_frame, vector)

struct hal_context {
    word_t esp;
    word_t stack_top;
    word_t fpu_used;
    unsigned char fpu[512] __attribute__((aligned(16)));
};

struct hal_space {
    word_t *pgdir;          /* 2-level: 1024 PDEs, the kernel's shared */
};
#endif
