/*
 * ia32 address spaces: one page directory per space (2-level paging, no PAE). PDEs
 * 0..255 are the boot directory's 4 MiB pages (the first GiB, identity, supervisor-only),
 * copied into every space; user mappings below are 4 KiB pages in page tables of their own.
 * Mapping, lookup and unmapping are shared with x86_64 (arch/x86/page_entries.c).
 */
#include <arch/ia32/page_walk.h>

#define PDES 1024
#define KERNEL_PDES (HAL_KERNEL_END >> 22)
#define USER_PDE_END (HAL_USER_END >> 22)

extern word_t boot_pgdir[PDES];

int x86_space_tables(struct hal_space *s)
{
    paddr_t dir = frame_alloc();
    if (!dir)
        return -1;
    s->root = hal_phys_to_virt(dir);
    for (unsigned i = 0; i < KERNEL_PDES; i++)
        s->root[i] = boot_pgdir[i];
    return 0;
}

/* Frees the space's page tables and directory; the frames mapped are not the HAL's. */
void hal_space_destroy(struct hal_space *s)
{
    for (unsigned i = KERNEL_PDES; i < USER_PDE_END; i++)
        if (s->root[i] & PTE_P)
            frame_free(s->root[i] & PTE_ADDR);
    frame_free(hal_virt_to_phys(s->root));
}
