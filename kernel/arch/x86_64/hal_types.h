/* x86_64 types behind the HAL interface: the address-space layout, what a thread keeps
 * for the CPU, and an address space's page tables. */
#ifndef TERN_X86_64_HAL_TYPES_H
#define TERN_X86_64_HAL_TYPES_H

#include <tern/abi.h>
#include <tern/kernel/asm_abi.h>
#include <port/arch/fpu_trap.h>   /* HAL_FPU_TRAP_PER_CPU */

typedef unsigned long word_t;
typedef unsigned long paddr_t;

/* The kernel direct-maps the first GiB of physical memory at the same addresses,
 * supervisor-only, in every space; user space is the rest of the lower half. */
#define HAL_KERNEL_END 0x40000000UL
#define HAL_USER_END 0x0000008000000000UL   /* PML4 entry 0 only: 512 GiB */
#define HAL_PHYS_MASK 0x000ffffffffff000UL  /* a page-table entry's address bits */
/* A read-only page of every space (the last below 4 GiB, so a segment descriptor's 32-bit
 * base can name it) whose word 0 the kernel keeps equal to the running thread's UTCB
 * address. FS holds a segment based there, so user code finds its UTCB at %fs:0; a
 * switch stores the word and reloads FS (a thread may have loaded FS itself, and a null
 * selector clears FS.base). */
#define HAL_UTCB_POINTER_VA 0xfffff000UL


struct hal_context {
    word_t sp;             /* saved kernel stack pointer while switched out */
    word_t stack_top;      /* this thread's kernel stack: TSS.rsp0 and syscall entry */
    word_t fpu_used;       /* fpu holds this thread's state (it has used the FPU) */
    unsigned char fpu[FPU_STATE_BYTES] __attribute__((aligned(16)));   /* FXSAVE area */
};

struct hal_space {
    word_t *root;            /* direct-mapped */
    word_t *pdpt;          /* PML4[0]'s table: entry 0 is the shared kernel mapping */
    /* The I/O ports the space may use, a bit each (io_ports.c): granted by I/O fpages. */
    unsigned char io_allowed[TERN_IO_PORTS / 8];
};
#endif
