/*
 * The C side of the page table a software TLB refill walks (port.toml [page_table], the
 * generated <tern/kernel/page_table.h>), shared by mips64 and ia64: walk.c maps, looks
 * up and unmaps pages in it for the HAL. A port using it keeps the top level in struct
 * hal_space as `top` and its direct map at HAL_DIRECT_MAP, and supplies what its TLB
 * needs: tlb_flush_page below, and hal_space_init/hal_space_destroy (its spaces' ids).
 */
#ifndef TERN_REFILL_TABLE_WALK_H
#define TERN_REFILL_TABLE_WALK_H

#include <generic/hal.h>

/* A valid PTE for the frame at pa: the TLB's own format, so the refill copies it. */
static inline word_t pte_make(paddr_t pa, unsigned rights)
{
    return (pa >> TERN_PAGE_BITS) << PTE_PFN_SHIFT | PTE_CACHE | PTE_VALID |
           ((rights & HAL_WRITE) ? PTE_WRITE : 0);
}

/* The PTE slot of va (any address the table covers), allocating its table if asked;
 * 0 when there is none. */
pt_l1_entry_t *pte_slot(struct hal_space *s, word_t va, int create);

/* Free s's PTE tables (hal_space_destroy; the TLB is the port's to clean). */
void pte_tables_free(struct hal_space *s);

/* The port's: drop what the TLB may hold for the page at `page` in s (mips64: its
 * pair), after its PTE changed. */
void tlb_flush_page(struct hal_space *s, word_t page);
#endif
