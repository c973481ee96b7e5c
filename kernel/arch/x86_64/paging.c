/*
 * x86_64 address spaces: a PML4 per space. PML4[0] points to a per-space PDPT whose
 * entry 0 is the boot page directory (the first GiB, identity, supervisor-only) shared by
 * all spaces; entries 1..511 hold user mappings in 4 KiB pages. Mapping, lookup and
 * unmapping are shared with ia32 (arch/x86/page_entries.c).
 */
#include <arch/x86_64/page_walk.h>

extern word_t boot_pd[512];

int x86_space_tables(struct hal_space *s)
{
    paddr_t pml4 = frame_alloc(), pdpt = frame_alloc();
    if (!pml4 || !pdpt) {
        if (pml4) frame_free(pml4);
        if (pdpt) frame_free(pdpt);
        return -1;
    }
    s->root = hal_phys_to_virt(pml4);
    s->pdpt = hal_phys_to_virt(pdpt);
    s->root[0] = pdpt | PTE_P | PTE_W | PTE_U;
    s->pdpt[0] = hal_virt_to_phys(boot_pd) | PTE_P | PTE_W;   /* no PTE_U: kernel only */
    return 0;
}

void hal_space_destroy(struct hal_space *s)
{
    for (int i = 1; i < 512; i++) {             /* entry 0 is the shared kernel mapping */
        if (!(s->pdpt[i] & PTE_P))
            continue;
        word_t *pd = hal_phys_to_virt(s->pdpt[i] & PTE_ADDR);
        for (int j = 0; j < 512; j++)
            if (pd[j] & PTE_P)
                frame_free(pd[j] & PTE_ADDR);
        frame_free(s->pdpt[i] & PTE_ADDR);
    }
    frame_free(hal_virt_to_phys(s->pdpt));
    frame_free(hal_virt_to_phys(s->root));
}
