/*
 * ia64 address spaces: the table walk and the mapping calls are arch/refill_table's
 * (PTEs are in the TLB's insertion format; the alternate TLB miss vectors refill from
 * the same table). Here: region ids and purges. Each space has a region id, which rr0
 * carries while it runs: its translations in the TC are told apart by it, so a switch
 * purges nothing. Changing or removing a mapping purges that page under the space's id
 * (ptc.l); a space's id is reused only after its translations are purged, when the
 * space is destroyed.
 */
#include <arch/ia64/ia64.h>
#include <arch/refill_table/walk.h>

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
    ia64_rr_write(0, s->rr);
    ia64_ptc_l(va, bits);
    struct hal_space *running = current_space();
    if (running && running != s)
        ia64_rr_write(0, running->rr);
    else if (!running && cpu_page_table != (unsigned long)s->top)
        ia64_rr_write(0, RR_VALUE(0UL, TERN_PAGE_BITS));
}

void tlb_flush_page(struct hal_space *s, word_t page)
{
    purge(s, page, TERN_PAGE_BITS);
}

int hal_space_init(struct hal_space *s)
{
    s->rid = rid_alloc();
    s->rr = RR_VALUE(s->rid, TERN_PAGE_BITS);
    return s->rid ? 0 : -1;
}

void hal_space_destroy(struct hal_space *s)
{
    pte_tables_free(s);
    if (!s->rid)
        return;
    purge(s, 0, PT_VA_BITS);                 /* nothing of it is left in the TC ... */
    if (rid_nfree < RID_FREE_MAX)            /* ... so its id can serve another space */
        rid_free[rid_nfree++] = s->rid;
    s->rid = 0;
    s->rr = RR_VALUE(0UL, TERN_PAGE_BITS);
}

/* The TC cannot be read back on ia64 (only probed through tpa/tak): no check. */
long hal_tlb_check(struct hal_space *current)
{
    (void)current;
    return -1;
}
