/*
 * Address spaces over the two-level table of port.toml [page_table], the one the
 * generated TLB refill walks: the top level in struct hal_space, PTE tables of one frame
 * each, PTEs made from the generated PTE_* bits. User addresses are [HAL_KERNEL_END,
 * HAL_USER_END). Changing or removing a mapping drops the page from the TLB through the
 * port's tlb_flush_page.
 */
#include <arch/refill_table/walk.h>

_Static_assert(PT_LEVELS == 2 && PT_L1_SHIFT == TERN_PAGE_BITS && sizeof(pt_l1_entry_t) == sizeof(word_t),
               "this walk is for a top level of table pointers over one level of PTEs");
_Static_assert(PT_L1_ENTRIES * PT_L1_ENTRY_BYTES == TERN_PAGE_SIZE, "a PTE table is one frame");

/* A top-level entry holds its PTE table's kernel address cut to the entry's width (4
 * bytes on mips64, where KSEG0 addresses are 32-bit sign-extended); reading it back
 * sign-extends, as the refill's load does. */
#define TOP_CUT (8 * (sizeof(word_t) - PT_L0_ENTRY_BYTES))
#define TOP_ADDRESS(entry) ((word_t)((long)((word_t)(entry) << TOP_CUT) >> TOP_CUT))
_Static_assert(TOP_ADDRESS((pt_l0_entry_t)HAL_DIRECT_MAP) == HAL_DIRECT_MAP &&
               TOP_ADDRESS((pt_l0_entry_t)(HAL_DIRECT_MAP + HAL_DIRECT_MAP_SIZE - 1)) ==
                   HAL_DIRECT_MAP + HAL_DIRECT_MAP_SIZE - 1,
               "a top-level entry holds every direct-map address");

void *hal_phys_to_virt(paddr_t pa) { return (void *)(HAL_DIRECT_MAP + pa); }
paddr_t hal_virt_to_phys(const void *va) { return (word_t)va - HAL_DIRECT_MAP; }

int hal_user_address(word_t va)
{
    return va >= HAL_KERNEL_END && va < HAL_USER_END;
}

pt_l1_entry_t *pte_slot(struct hal_space *s, word_t va, int create)
{
    pt_l0_entry_t *top = &s->top[PT_INDEX(0, va)];
    if (!*top) {
        if (!create)
            return 0;
        paddr_t table = frame_alloc();
        if (!table)
            return 0;
        *top = (pt_l0_entry_t)(word_t)hal_phys_to_virt(table);
    }
    pt_l1_entry_t *ptes = (pt_l1_entry_t *)TOP_ADDRESS(*top);
    return &ptes[PT_INDEX(1, va)];
}

void pte_tables_free(struct hal_space *s)
{
    for (unsigned i = 0; i < PT_L0_ENTRIES; i++)
        if (s->top[i]) {
            frame_free(hal_virt_to_phys((void *)TOP_ADDRESS(s->top[i])));
            s->top[i] = 0;
        }
}

word_t hal_space_root(struct hal_space *s) { return (word_t)s->top; }

int hal_space_map(struct hal_space *s, word_t va, paddr_t pa, unsigned rights)
{
    if (!hal_user_address(va))
        return -1;
    pt_l1_entry_t *pte = pte_slot(s, va, 1);
    if (!pte)
        return -1;
    word_t old = *pte;
    *pte = pte_make(pa, rights);
    /* A paired entry may hold this page as the invalid half its partner's refill loaded. */
    if (old || PT_PAIR)
        tlb_flush_page(s, va & ~(TERN_PAGE_SIZE - 1));
    return 0;
}

int hal_space_lookup(struct hal_space *s, word_t va, paddr_t *pa, unsigned *rights)
{
    if (!hal_user_address(va))
        return -1;
    pt_l1_entry_t *pte = pte_slot(s, va, 0);
    if (!pte || !(*pte & PTE_VALID))
        return -1;
    *pa = (*pte >> PTE_PFN_SHIFT) << TERN_PAGE_BITS | (va & (TERN_PAGE_SIZE - 1));
    *rights = HAL_READ | HAL_EXEC | ((*pte & PTE_WRITE) ? HAL_WRITE : 0);
    return 0;
}

/* The lowest address at or above va that a PTE table could map: va itself where its
 * table exists, else the start of the next top-level entry's span with one. */
word_t hal_space_next(struct hal_space *s, word_t va)
{
    word_t span = (word_t)1 << PT_L0_SHIFT;
    return s->top[PT_INDEX(0, va)] ? va : (va | (span - 1)) + 1;
}

_Static_assert(!TERN_ACCESS_STATUS_HARDWARE, "a software-refilled TLB records no use: abi access_status");

unsigned hal_space_status(struct hal_space *s, word_t va)
{
    paddr_t pa;
    unsigned rights;
    return hal_space_lookup(s, va, &pa, &rights) < 0 ? 0 : rights;
}

void hal_space_unmap(struct hal_space *s, word_t va)
{
    if (!hal_user_address(va))
        return;
    pt_l1_entry_t *pte = pte_slot(s, va, 0);
    if (pte && *pte) {
        *pte = 0;
        tlb_flush_page(s, va & ~(TERN_PAGE_SIZE - 1));
    }
}
