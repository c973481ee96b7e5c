/* x86 page-table entries, the same bits on ia32 (2-level) and x86_64 (4-level); only the
 * walk differs, which each ISA's page_walk.h supplies as x86_leaf() (inline: a string
 * copy looks up two pages per chunk). */
#ifndef TERN_X86_PTE_H
#define TERN_X86_PTE_H

#include <generic/hal.h>

#define PTE_P 0x1UL
#define PTE_W 0x2UL
#define PTE_U 0x4UL
#define PTE_A 0x20UL          /* accessed: the walker sets it on every use */
#define PTE_D 0x40UL          /* dirty: ... on every write */
#define PTE_ADDR HAL_PHYS_MASK

/* The table an entry points to, allocating it if asked. */
static inline word_t *x86_next_table(word_t *entry, int create)
{
    if (!(*entry & PTE_P)) {
        if (!create)
            return 0;
        paddr_t t = frame_alloc();
        if (!t)
            return 0;
        *entry = t | PTE_P | PTE_W | PTE_U;
    }
    return hal_phys_to_virt(*entry & PTE_ADDR);
}

/* The page whose word 0 is the running thread's UTCB address (page_entries.c). */
extern word_t utcb_pointer_word[];

/* A new space's top-level tables with the kernel's shared mapping (the ISA's paging.c):
 * 0, or -1 when out of memory. page_entries.c adds the UTCB pointer page. */
int x86_space_tables(struct hal_space *s);
#endif
