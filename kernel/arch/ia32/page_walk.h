/* The ia32 table walk: page directory, page table (4 KiB pages). */
#ifndef TERN_IA32_PAGE_WALK_H
#define TERN_IA32_PAGE_WALK_H

#include <arch/x86/pte.h>

/* The entry that maps va in s (any address), allocating tables on the way if asked. */
static inline word_t *x86_leaf(struct hal_space *s, word_t va, int create)
{
    word_t *pt = x86_next_table(&s->root[va >> 22], create);
    return pt ? &pt[(va >> 12) & 1023] : 0;
}

/* The lowest address at or above va that a page table could map: va itself where its
 * table exists, else the start of the next 4 MiB with one. */
static inline word_t x86_next_mappable(struct hal_space *s, word_t va)
{
    return s->root[va >> 22] & PTE_P ? va : (va | ((1UL << 22) - 1)) + 1;
}
#endif
