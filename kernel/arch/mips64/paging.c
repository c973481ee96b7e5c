/*
 * mips64 address spaces: the two-level table of port.toml [page_table] (the top level in
 * struct hal_space, PTE tables of one frame each), walked here in C and by the generated
 * TLB refill. PTEs are EntryLo values. Changing or removing a mapping flushes the TLB
 * entry of its page pair, under the space's ASID.
 */
#include <arch/mips64/cpu.h>
#include <generic/hal.h>

_Static_assert(PT_LEVELS == 2 && PT_L1_ENTRY_BYTES == sizeof(word_t) && PT_L1_SHIFT == TERN_PAGE_BITS,
               "this walk is for a top level of table pointers over one level of PTEs");
_Static_assert(PT_L0_ENTRY_BYTES == 4, "top-level entries are 32-bit KSEG0 addresses");

/* The UTCB pointer page: mapped read-only and global (one TLB entry serves every space)
 * at HAL_UTCB_POINTER_VA; its pair partner, the null page, global and invalid. */
unsigned long utcb_pointer_word[TERN_PAGE_SIZE / sizeof(unsigned long)] __attribute__((aligned(TERN_PAGE_SIZE)));

void *hal_phys_to_virt(paddr_t pa) { return (void *)(HAL_KSEG0 + pa); }
paddr_t hal_virt_to_phys(const void *va) { return (word_t)va - HAL_KSEG0; }

int hal_user_address(word_t va)
{
    return va >= HAL_KERNEL_END && va < HAL_USER_END;
}

static word_t pte_make(paddr_t pa, unsigned rights)
{
    return (pa >> TERN_PAGE_BITS) << PTE_PFN_SHIFT | PTE_CACHE | PTE_VALID |
           ((rights & HAL_WRITE) ? PTE_WRITE : 0);
}

/* The PTE slot of va (any address the table covers), allocating its table if asked. */
static pt_l1_entry_t *pte_slot(struct hal_space *s, word_t va, int create)
{
    pt_l0_entry_t *top = &s->top[PT_INDEX(0, va)];
    if (!*top) {
        if (!create)
            return 0;
        paddr_t table = frame_alloc();
        if (!table)
            return 0;
        *top = (pt_l0_entry_t)(word_t)hal_phys_to_virt(table);   /* sign-extends back */
    }
    pt_l1_entry_t *ptes = (pt_l1_entry_t *)(long)(int)*top;
    return &ptes[PT_INDEX(1, va)];
}

int hal_space_init(struct hal_space *s)
{
    pt_l1_entry_t *pointer = pte_slot(s, HAL_UTCB_POINTER_VA, 1);
    if (!pointer)
        return -1;
    pointer[0] = pte_make(hal_virt_to_phys(utcb_pointer_word), HAL_READ) | PTE_GLOBAL;
    pointer[-1] = PTE_GLOBAL;                  /* the null page: never valid */
    return 0;
}

void hal_space_destroy(struct hal_space *s)
{
    for (unsigned i = 0; i < PT_L0_ENTRIES; i++)
        if (s->top[i])
            frame_free(hal_virt_to_phys((void *)(long)(int)s->top[i]));
    asid_release(s);
}

word_t hal_space_root(struct hal_space *s) { return (word_t)s->top; }

int hal_space_map(struct hal_space *s, word_t va, paddr_t pa, unsigned rights)
{
    if (!hal_user_address(va))
        return -1;
    pt_l1_entry_t *pte = pte_slot(s, va, 1);
    if (!pte)
        return -1;
    *pte = pte_make(pa, rights);
    tlb_invalidate(va, s->asid);              /* the old page, or the pair with this one invalid */
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

/* The PTE of va in s, 0 when there is none (what a refill would load). */
unsigned long pte_of(struct hal_space *s, unsigned long va)
{
    if (va >= (1UL << PT_VA_BITS))
        return 0;
    pt_l1_entry_t *pte = pte_slot(s, va, 0);
    return pte ? *pte : 0;
}

/* The lowest address at or above va that a PTE table could map: va itself where its
 * table exists, else the start of the next 2 MiB (one top-level entry) with one. */
word_t hal_space_next(struct hal_space *s, word_t va)
{
    word_t span = (word_t)1 << PT_L0_SHIFT;
    return s->top[PT_INDEX(0, va)] ? va : (va | (span - 1)) + 1;
}

_Static_assert(!TERN_ACCESS_STATUS_HARDWARE, "the MIPS TLB records no use: abi access_status");

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
        tlb_invalidate(va, s->asid);
    }
}
