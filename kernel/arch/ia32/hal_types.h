/* ia32 types behind the HAL interface: the address-space layout, what a thread keeps for
 * the CPU, and an address space's page directory. */
#ifndef TERN_IA32_HAL_TYPES_H
#define TERN_IA32_HAL_TYPES_H

#include <tern/abi.h>
#include <tern/kernel/asm_abi.h>
#include <port/arch/fpu_trap.h>   /* HAL_FPU_TRAP_PER_CPU */

typedef unsigned long word_t;
typedef unsigned long paddr_t;

/* The kernel direct-maps the first GiB of physical memory at the same addresses,
 * supervisor-only (4 MiB pages), in every space; user space is 1 GiB .. 3 GiB. */
#define HAL_KERNEL_END 0x40000000UL
#define HAL_USER_END 0xc0000000UL
#define HAL_PHYS_MASK 0xfffff000UL          /* a page-table entry's address bits */
/* The last user page of every space: read-only, its word 0 the running thread's UTCB
 * address. The user's GS segment starts there, so `mov %gs:0` finds the UTCB and a
 * thread switch is one store (as on x86_64, where FS plays the part). */
#define HAL_UTCB_POINTER_VA (HAL_USER_END - TERN_PAGE_SIZE)


struct hal_context {
    word_t sp;             /* saved kernel stack pointer while switched out */
    word_t stack_top;      /* this thread's kernel stack: TSS.esp0 (sysenter and traps) */
    word_t fpu_used;       /* fpu holds this thread's state (it has used the FPU) */
    unsigned char fpu[FPU_STATE_BYTES] __attribute__((aligned(16)));   /* FXSAVE area */
};

struct hal_space {
    word_t *root;           /* 1024 PDEs: 0..255 the shared kernel map, 256..767 user */
    /* The I/O ports the space may use, a bit each (io_ports.c): granted by I/O fpages. */
    unsigned char io_allowed[TERN_IO_PORTS / 8];
};
#endif
