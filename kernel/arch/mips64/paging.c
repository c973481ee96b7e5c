/*
 * mips64 address spaces: the table walk and the mapping calls are arch/refill_table's
 * (PTEs are EntryLo values). Here: the UTCB pointer page every space maps, and a space's
 * end, which gives up its ASID (tlb.c: ASIDs, and the flush of a changed page's pair).
 */
#include <arch/mips64/cpu.h>
#include <arch/refill_table/walk.h>

/* The UTCB pointer page: mapped read-only and global (one TLB entry serves every space)
 * at HAL_UTCB_POINTER_VA; its pair partner, the null page, global and invalid. */
unsigned long utcb_pointer_word[TERN_PAGE_SIZE / sizeof(unsigned long)] __attribute__((aligned(TERN_PAGE_SIZE)));

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
    pte_tables_free(s);
    asid_release(s);
}
