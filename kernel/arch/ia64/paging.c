/*
 * ia64 address spaces: the two-level table of port.toml [page_table] (the top level in
 * struct hal_space, PTE tables of one frame each), walked here in C and by the generated
 * refill from the alternate TLB miss vectors. PTEs are in the TLB's insertion format.
 * Each space has a region id, which rr0 carries while it runs: its translations in the
 * TC are told apart by it, so a switch purges nothing. Changing or removing a mapping
 * purges that page under the space's id (ptc.l); a space's id is reused only after its
 * translations are purged, when the space is destroyed.
 */
#include <arch/ia64/ia64.h>
#include <generic/hal.h>

_Static_assert(PT_LEVELS == 2 && PT_L0_ENTRY_BYTES == 8 && PT_L1_SHIFT == TERN_PAGE_BITS,
               "this walk is for a top level of table pointers over one level of PTEs");
_Static_assert(PT_L1_ENTRIES * 8 == TERN_PAGE_SIZE, "a PTE table is one frame");

void *hal_phys_to_virt(paddr_t pa) { return (void *)(HAL_DIRECT_MAP + pa); }
paddr_t hal_virt_to_phys(const void *va) { return (word_t)va - HAL_DIRECT_MAP; }

int hal_user_address(word_t va)
{
    return va >= HAL_KERNEL_END && va < HAL_USER_END;
}

/* ---- Region ids: a counter, and the ids of destroyed spaces (purged) to reuse ---- */
#define RID_FREE_MAX 1024
static word_t rid_next = RID_FIRST;
static word_t rid_free[RID_FREE_MAX];
static unsigned rid_nfree;

unsigned long rid_of(const struct hal_space *s) { return s->rid; }

static word_t rid_alloc(void)
{
    if (rid_nfree)
        return rid_free[--rid_nfree];
    if (rid_next >= (1UL << RID_BITS))
        return 0;
    return rid_next++;
}

/* Purge [va, va + 2^bits) of s's translations: rr0 holds s's id for the purge. */
static void purge(struct hal_space *s, word_t va, unsigned bits)
{
    extern unsigned long cpu_page_table;
    ia64_rr_write(0, RR_VALUE(s->rid, TERN_PAGE_BITS));
    ia64_ptc_l(va, bits);
    struct hal_space *running = current_space();
    if (running && running != s)
        ia64_rr_write(0, RR_VALUE(running->rid, TERN_PAGE_BITS));
    else if (!running && cpu_page_table != (unsigned long)s->top)
        ia64_rr_write(0, RR_VALUE(0UL, TERN_PAGE_BITS));
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
        *top = (pt_l0_entry_t)hal_phys_to_virt(table);
    }
    pt_l1_entry_t *ptes = (pt_l1_entry_t *)*top;
    return &ptes[PT_INDEX(1, va)];
}

int hal_space_init(struct hal_space *s)
{
    s->rid = rid_alloc();
    return s->rid ? 0 : -1;
}

void hal_space_destroy(struct hal_space *s)
{
    for (unsigned i = 0; i < PT_L0_ENTRIES; i++)
        if (s->top[i]) {
            frame_free(hal_virt_to_phys((void *)s->top[i]));
            s->top[i] = 0;
        }
    if (!s->rid)
        return;
    purge(s, 0, PT_VA_BITS);                 /* nothing of it is left in the TC ... */
    if (rid_nfree < RID_FREE_MAX)            /* ... so its id can serve another space */
        rid_free[rid_nfree++] = s->rid;
    s->rid = 0;
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
    if (old)
        purge(s, va & ~(TERN_PAGE_SIZE - 1), TERN_PAGE_BITS);
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
 * table exists, else the start of the next 32 MiB (one top-level entry) with one. */
word_t hal_space_next(struct hal_space *s, word_t va)
{
    word_t span = (word_t)1 << PT_L0_SHIFT;
    return s->top[PT_INDEX(0, va)] ? va : (va | (span - 1)) + 1;
}

_Static_assert(!TERN_ACCESS_STATUS_HARDWARE, "the TC records no use: abi access_status");

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
        purge(s, va & ~(TERN_PAGE_SIZE - 1), TERN_PAGE_BITS);
    }
}

/* The TC cannot be read back on ia64 (only probed through tpa/tak): no check. */
long hal_tlb_check(struct hal_space *current)
{
    (void)current;
    return -1;
}
