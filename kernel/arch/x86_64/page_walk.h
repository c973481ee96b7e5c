/* The x86_64 table walk below PML4[0]: PDPT, page directory, page table (4 KiB pages). */
#ifndef TERN_X86_64_PAGE_WALK_H
#define TERN_X86_64_PAGE_WALK_H

#include <arch/x86/pte.h>

/* The entry that maps va in s (any address), allocating tables on the way if asked. */
static inline word_t *x86_leaf(struct hal_space *s, word_t va, int create)
{
    word_t *pd = x86_next_table(&s->pdpt[(va >> 30) & 511], create);
    if (!pd)
        return 0;
    word_t *pt = x86_next_table(&pd[(va >> 21) & 511], create);
    return pt ? &pt[(va >> 12) & 511] : 0;
}

/* The lowest address at or above va that a page table could map: va itself where its
 * table exists, else the start of the next 2 MiB or 1 GiB with one. */
static inline word_t x86_next_mappable(struct hal_space *s, word_t va)
{
    word_t pdpte = s->pdpt[(va >> 30) & 511];
    if (!(pdpte & PTE_P))
        return (va | ((1UL << 30) - 1)) + 1;
    word_t *pd = hal_phys_to_virt(pdpte & PTE_ADDR);
    if (!(pd[(va >> 21) & 511] & PTE_P))
        return (va | ((1UL << 21) - 1)) + 1;
    return va;
}
#endif
